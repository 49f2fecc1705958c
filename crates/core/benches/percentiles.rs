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
    if wanted("peak") {
        peak(scale);
    }
}

/// The language detector the app runs (in a child process there): lingua, through the core.
struct Lingua;

impl quickreply_core::ports::LanguageDetector for Lingua {
    fn language_of(&self, text: &str) -> Option<String> {
        quickreply_core::detect::detect(text, &quickreply_core::detect::Hints::default())
            .map(|d| d.code)
    }
}

/// Peak load: 100 000 templates (a pack imported into a library file) and 1 000 000 orders.
/// "Open" is what the app computes when the hotkey opens the palette: the context from a copied
/// order id (order lookup, settings), then the first results (empty query: most used replies)
/// with previews filled from that order. The context of a copied message, with its language
/// detected in process, is printed apart. "Keystroke" is one
/// search as staff type a query letter by letter, with the order's previews, at the palette's
/// limit of 50 results.
fn peak(scale: usize) {
    use quickreply_core::app::palette;
    let templates = 100_000 / scale;
    let rows = 1_000_000 / scale;
    let dir = tempfile::tempdir().unwrap();
    let pack_dir = dir.path().join("pack");
    std::fs::create_dir(&pack_dir).unwrap();
    common::write_pack_ftl(&pack_dir.join("en.ftl"), templates);
    let csv = dir.path().join("orders.csv");
    common::write_orders_csv(&csv, rows);
    let library = Library::open(&dir.path().join("peak.sqlite3")).unwrap();
    let t = Instant::now();
    let pack = quickreply_core::pack::Pack::read_dir(&pack_dir).unwrap();
    quickreply_core::pack::import(
        &mut library.store(),
        &pack,
        &quickreply_core::pack::ImportOptions::default(),
    )
    .unwrap();
    library.changed();
    println!(
        "{:<34} {:>10.2?}",
        format!("  (import {templates} templates)"),
        t.elapsed()
    );
    let t = Instant::now();
    quickreply_core::app::orders::import_with(
        &library,
        &csv,
        &quickreply_core::app::orders::ImportOptions::default(),
    )
    .unwrap();
    println!(
        "{:<34} {:>10.2?}",
        format!("  (import {rows} orders)"),
        t.elapsed()
    );
    let t = Instant::now();
    library.index().unwrap();
    println!(
        "{:<34} {:>10.2?}",
        format!("  (search index, {templates} templates)"),
        t.elapsed()
    );
    quickreply_core::detect::warm_up();

    let mut open = Vec::new();
    let mut keys = Vec::new();
    // The first letter of a query scores every template; later ones only the last matches.
    let mut first_keys = Vec::new();
    let queries = common::queries();
    for i in 0..200 / scale.min(10) {
        let order = format!("ORD-{:08}", (i * 7919) % rows);
        // Staff copy the order id: the palette looks the order up and previews with it. (A
        // copied message's language is detected after the palette shows, in a child process
        // in the app: measured apart below.)
        let copied = order.clone();
        let t = Instant::now();
        let context = palette::context(&library, Some(&copied), &Lingua).unwrap();
        let order_id = context.order.as_ref().map(|o| o.order_id.clone());
        assert_eq!(order_id.as_deref(), Some(order.as_str()));
        fn query<'a>(
            text: &'a str,
            order_id: Option<&'a str>,
            copied: &'a str,
        ) -> palette::Query<'a> {
            palette::Query {
                text,
                reply_lang: "en",
                order_id,
                limit: 50,
                clipboard: Some(copied),
            }
        }
        let order_id = order_id.as_deref();
        std::hint::black_box(palette::results(&library, &query("", order_id, &copied)).unwrap());
        open.push(t.elapsed());
        let q = &queries[i % queries.len()];
        for (n, end) in q.char_indices().map(|(n, c)| n + c.len_utf8()).enumerate() {
            let t = Instant::now();
            std::hint::black_box(
                palette::results(&library, &query(&q[..end], order_id, &copied)).unwrap(),
            );
            let took = t.elapsed();
            keys.push(took);
            if n == 0 {
                first_keys.push(took);
            }
        }
    }
    report(&format!("palette open ({templates} t, {rows} o)"), open);
    let detect = (0..50)
        .map(|i| {
            let message = format!("Hello, where is my order ORD-{i:08}? It has been two weeks.");
            let t = Instant::now();
            std::hint::black_box(palette::context(&library, Some(&message), &Lingua).unwrap());
            t.elapsed()
        })
        .collect();
    report("  context of a copied message", detect);
    report(&format!("keystroke ({templates} t, {rows} o)"), keys);
    report("  of which first letters", first_keys);
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
