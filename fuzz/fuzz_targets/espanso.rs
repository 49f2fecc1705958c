//! An Espanso match file (YAML) as the Espanso importer reads it. Skipped matches are warnings
//! with their line; nothing may panic, hang or recurse without bound (anchors, nesting).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quickreply_core::import::espanso;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("base.yml");
    std::fs::write(&path, data).expect("write the input");
    let _ = espanso::read(&path, "en");
});
