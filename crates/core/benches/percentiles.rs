//! Prints the figures docs/PERFORMANCE.md records, as percentiles over many runs:
//! render from a warm cache, search over 100 000 variants, importing a 1 000 000-row CSV,
//! order lookup. Run: `cargo bench -p quickreply-core --bench percentiles`.
//! Not a test: it asserts nothing about time, it measures and prints.

// Benchmarks abort on setup failure: unwrap is the clearest way to say so.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use quickreply_core::app::Library;
use quickreply_core::orders::{self, Format};
use quickreply_core::search::SearchIndex;
use quickreply_core::store::Store;
use quickreply_core::template::Renderer;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<34} n={:<6} p50={:>10.1?} p99={:>10.1?} max={:>10.1?}",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let scale = if quick { 100 } else { 1 };
    // `cargo bench --bench percentiles -- search` runs only the sections named.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted =
        |section: &str| only.is_empty() || only.iter().any(|o| section.contains(o.as_str()));

    let renderer = Renderer::new();
    let (body, args) = common::render_fixture();
    for locale in ["en", "ar", "ru"].into_iter().filter(|_| wanted("render")) {
        renderer.render(locale, "bench", body, &[], &args).unwrap();
        let samples = (0..20_000 / scale)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(renderer.render(locale, "bench", body, &[], &args).unwrap());
                t.elapsed()
            })
            .collect();
        report(&format!("render warm cache ({locale})"), samples);
    }

    if wanted("search") {
        search(scale);
    }
    if wanted("orders") {
        orders(scale);
    }
}

fn search(scale: usize) {
    let variants = 100_000 / scale;
    let (templates, all) = common::library(variants);
    let t = Instant::now();
    let index = SearchIndex::build(&templates, &all);
    println!(
        "{:<34} {:>10.1?}",
        format!("search index build ({variants} variants)"),
        t.elapsed()
    );
    let queries = common::queries();
    let mut samples = Vec::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    for _ in 0..5 {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(index.search(q, None, 20));
            let took = t.elapsed();
            samples.push(took);
            slowest.push((took, q));
        }
    }
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    slowest.dedup_by(|a, b| a.1 == b.1);
    let names: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(d, q)| format!("{q:?} {d:.1?}"))
        .collect();
    println!("  slowest queries: {}", names.join(", "));
    report(&format!("search ({variants} variants)"), samples);
}

fn orders(scale: usize) {
    let rows = 1_000_000 / scale;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("orders.csv");
    common::write_orders_csv(&csv, rows);
    // Reading alone, for comparison: the import below reads and writes at the same time.
    let t = Instant::now();
    let parsed = orders::parse_file(&csv, Format::Auto).unwrap();
    let parse = t.elapsed();
    assert_eq!(parsed.orders.len(), rows, "every row must parse");
    drop(parsed);
    // The import as the app and the CLI run it (app::orders::import_with): the file is read on
    // one thread while the orders are written on another, in one transaction.
    let library = Library::open(&dir.path().join("bench.sqlite3")).unwrap();
    let t = Instant::now();
    let import = quickreply_core::app::orders::import_with(
        &library,
        &csv,
        &quickreply_core::app::orders::ImportOptions::default(),
    )
    .unwrap();
    let total = t.elapsed();
    assert_eq!(import.inserted, rows, "every row must import");
    println!(
        "{:<34} {:>10.2?} (reading alone takes {:.2?})",
        format!("import generic CSV ({rows} rows)"),
        total,
        parse,
    );

    // The same orders as a workbook: calamine reads the whole sheet into memory first.
    let xlsx = dir.path().join("orders.xlsx");
    let t = Instant::now();
    common::write_orders_xlsx(&xlsx, rows);
    println!(
        "{:<34} {:>10.2?}",
        format!("  (writing the XLSX: {rows} rows)"),
        t.elapsed()
    );
    let mut xstore = Store::open(&dir.path().join("bench-xlsx.sqlite3")).unwrap();
    let t = Instant::now();
    let parsed = orders::parse_file(&xlsx, Format::Auto).unwrap();
    let parse = t.elapsed();
    let summary = xstore.upsert_orders(&parsed.orders).unwrap();
    let total = t.elapsed();
    assert_eq!(summary.inserted, rows, "every row must import");
    println!(
        "{:<34} {:>10.2?} (parse {:.2?}, write {:.2?})",
        format!("import generic XLSX ({rows} rows)"),
        total,
        parse,
        total - parse
    );
    drop((parsed, xstore));

    // A marketplace format (rows merged per order) through the declarative engine.
    let lazada = dir.path().join("lazada.csv");
    common::write_lazada_csv(&lazada, rows);
    let mut lstore = Store::open(&dir.path().join("bench-lazada.sqlite3")).unwrap();
    let t = Instant::now();
    let parsed = orders::parse_file(&lazada, Format::Auto).unwrap();
    let parse = t.elapsed();
    assert_eq!(parsed.format, Format::Lazada);
    let summary = lstore.upsert_orders(&parsed.orders).unwrap();
    let total = t.elapsed();
    assert_eq!(summary.inserted, rows / 2, "two rows per order");
    println!(
        "{:<34} {:>10.2?} (parse {:.2?}, write {:.2?})",
        format!("import Lazada CSV ({rows} rows)"),
        total,
        parse,
        total - parse
    );
    drop((parsed, lstore));

    let samples = (0..10_000 / scale)
        .map(|i| {
            let id = format!("ORD-{:08}", (i * 7919) % rows);
            let t = Instant::now();
            std::hint::black_box(library.store().order(&id).unwrap());
            t.elapsed()
        })
        .collect();
    report(&format!("order lookup ({rows} orders)"), samples);
}
