//! Huge and hostile input gets an error that says what is wrong and where, never an
//! out-of-memory or a stack overflow: a 50 MB cell, a 10 000-variant selector, a 1 GB file,
//! placeables nested 100 000 deep.

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

use std::path::Path;

use quickreply_core::Library;
use quickreply_core::app::editing::{self, NewTemplate};
use quickreply_core::app::orders;
use quickreply_core::import::{espanso, sheet};
use quickreply_core::orders::Format;
use quickreply_core::pack::{self, Pack};
use quickreply_core::store::Status;
use quickreply_core::template::{parse_file, validate_body};
use quickreply_core::{Error, limits};

const MB: usize = 1024 * 1024;

/// A file of `gb` GB that takes no room on the disk.
fn sparse(path: &Path, gb: u64) {
    std::fs::File::create(path)
        .unwrap()
        .set_len(gb * 1024 * 1024 * 1024)
        .unwrap();
}

#[test]
fn a_50_mb_cell_is_a_reported_row_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    let file = dir.path().join("orders.csv");
    let huge = "x".repeat(50 * MB);
    std::fs::write(
        &file,
        format!(
            "order_id,buyer_name,total,currency\nA-1,Ana,10,MYR\nA-2,{huge},11,MYR\nA-3,Bo,12,MYR\n"
        ),
    )
    .unwrap();
    let report = orders::import(&library, &file, Format::Auto).unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    let error = &report.skipped[0];
    assert_eq!(error.line, 3);
    assert!(
        error.message.contains("buyer_name") && error.message.contains("50 MB"),
        "{}",
        error.message
    );

    // The same cell in a reply spreadsheet: that row is skipped and said so, the others stay.
    let replies = dir.path().join("replies.csv");
    std::fs::write(
        &replies,
        format!("key,title,text\nhi,Hi,Hello there\nbig,Big,{huge}\nbye,Bye,Goodbye\n"),
    )
    .unwrap();
    let parsed = sheet::read(&replies, None, Status::Approved).unwrap();
    assert_eq!(parsed.candidates.len(), 2);
    let skipped: Vec<_> = parsed.warnings.iter().filter(|w| w.skipped).collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].origin.line, 3);
    assert!(
        skipped[0].message.contains("50 MB"),
        "{}",
        skipped[0].message
    );
}

#[test]
fn a_1_gb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    for name in ["orders.csv", "orders.xlsx"] {
        let file = dir.path().join(name);
        sparse(&file, 1);
        let err = orders::import(&library, &file, Format::Auto).unwrap_err();
        assert!(matches!(err, Error::BadFile { .. }), "{name}: {err}");
        assert!(err.to_string().contains("split it"), "{name}: {err}");
    }
    let pack_dir = dir.path().join("pack");
    std::fs::create_dir(&pack_dir).unwrap();
    sparse(&pack_dir.join("en.ftl"), 1);
    let err = Pack::read_dir(&pack_dir).unwrap_err();
    assert!(
        err.to_string().contains("1.0 GB") && err.to_string().contains("en.ftl"),
        "{err}"
    );
    let yml = dir.path().join("base.yml");
    sparse(&yml, 1);
    assert!(espanso::read(&yml, "en").is_err());
    let sheet_file = dir.path().join("replies.csv");
    sparse(&sheet_file, 1);
    let err = sheet::read(&sheet_file, None, Status::Approved).unwrap_err();
    assert!(err.to_string().contains("split it"), "{err}");
    // An order file streamed from somewhere without a size (a pipe) stops at the limit too.
    let endless = std::io::repeat(b'a').take(limits::MAX_ORDER_TEXT_BYTES + 10);
    let head = "order_id,buyer_name\nA-1,";
    let err = quickreply_core::orders::parse_reader(
        std::io::Read::chain(head.as_bytes(), endless),
        Path::new("pipe.csv"),
        Format::Auto,
    );
    assert!(err.is_err());
}

use std::io::Read as _;

#[test]
fn a_10000_variant_selector_is_an_error_with_its_place() {
    let mut variants = String::new();
    for i in 0..10_000 {
        variants.push_str(&format!("    [v{i}] Variant {i}\n"));
    }
    let source =
        format!("hello = Hello\nbig = {{ $kind ->\n{variants}   *[other] Other\n}}\nbye = Bye\n");
    let errors = parse_file("pack/en.ftl", &source).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].column), (2, 1));
    assert!(
        errors[0].message.contains("10001 variants"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].to_string().starts_with("pack/en.ftl:2:1"),
        "{}",
        errors[0]
    );

    // The same text typed as one reply.
    let body = format!("{{ $kind ->\n{variants}   *[other] Other\n}}");
    let errors = validate_body("big", &body).unwrap_err();
    assert!(errors[0].message.contains("variants"), "{errors:?}");
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    let err = editing::add(
        &library,
        &NewTemplate {
            key: "big",
            title: "Big",
            category: None,
            tags: Vec::new(),
            shortcut: None,
            locale: None,
            text: &body,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("variants"), "{err}");
}

#[test]
fn placeables_nested_100000_deep_are_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let source = format!(
        "ok = Fine\ndeep = {}$x{}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    );
    let errors = parse_file("pack/en.ftl", &source).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    assert_eq!(
        errors[0].column,
        "deep = ".len() + 2 * limits::MAX_PLACEABLE_DEPTH + 1
    );
    assert!(
        errors[0].message.contains("nested"),
        "{}",
        errors[0].message
    );
    let body = format!("{}$x{}", "{".repeat(depth), "}".repeat(depth));
    assert!(validate_body("deep", &body).is_err());
    // Within the bound it is an ordinary (if odd) reply.
    let fine = format!("{}$x{}", "{ ".repeat(10), " }".repeat(10));
    assert!(validate_body("fine", &fine).is_ok());

    // A whole pack with one such message imports nothing and names the place.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("en.ftl"), &source).unwrap();
    let pack = Pack::read_dir(dir.path()).unwrap();
    let mut store = quickreply_core::store::Store::open_in_memory().unwrap();
    let err = pack::import(&mut store, &pack, &pack::ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains(":2:"), "{err}");
    assert!(store.templates().unwrap().is_empty());
}
