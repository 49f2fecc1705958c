//! An order export in any format (generic CSV/TSV/semicolons, Amazon, Shopee, Lazada, TikTok,
//! AliExpress, eBay, Noon, Temu… as text in any encoding, or an XLSX/XLS/ODS workbook). The
//! first byte picks the format to read it as (0 = detect, as the app does); the rest is the
//! file. Bad rows are reported with their line; nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quickreply_core::orders::{FORMAT_NAMES, Format, parse_reader};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let name = FORMAT_NAMES[usize::from(pick) % FORMAT_NAMES.len()];
    let format: Format = name.parse().expect("a format's own name");
    if let Ok(parsed) = parse_reader(file, std::path::Path::new("fuzz/orders.csv"), format) {
        for e in &parsed.errors {
            assert!(e.line >= 1, "{e:?}");
        }
    }
});
