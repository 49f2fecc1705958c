//! `--var NAME=VALUE` as typed on the command line (and the palette's values form).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quickreply_core::app::vars::parse_assignment;
use quickreply_core::reply::value_for;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((name, value)) = parse_assignment(text) {
        assert!(!name.is_empty());
        // The value is then read as a number, a date or text for that variable.
        let _ = value_for(&name, &value);
    }
});
