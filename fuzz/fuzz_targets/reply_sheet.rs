//! An old reply list (CSV, TSV, or an XLSX/ODS workbook) as the spreadsheet importer reads it
//! from a file. Bad rows are warnings with their line; nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quickreply_core::import::sheet;
use quickreply_core::store::Status;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary folder");
    // The name decides nothing (the content does), but try both kinds of name.
    let name = if data.starts_with(b"PK") { "replies.xlsx" } else { "replies.csv" };
    let path = dir.path().join(name);
    std::fs::write(&path, data).expect("write the input");
    if let Ok(parsed) = sheet::read(&path, None, Status::Approved) {
        for w in &parsed.warnings {
            assert!(w.origin.line >= 1, "{w:?}");
        }
    }
});
