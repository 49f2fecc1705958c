//! Criterion benchmarks of the core's hot paths. Run: `cargo bench -p quickreply-core --bench core`.

// Benchmarks abort on setup failure: unwrap is the clearest way to say so.
#![allow(clippy::unwrap_used)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use quickreply_core::Library;
use quickreply_core::app::library as app_library;
use quickreply_core::app::packs::{self, PackSource};
use quickreply_core::orders::{self, Format};
use quickreply_core::search::SearchIndex;
use quickreply_core::store::Store;
use quickreply_core::template::Renderer;
use quickreply_core::translate::{TokenStyle, mask, unmask};

fn render(c: &mut Criterion) {
    let renderer = Renderer::new();
    let (body, args) = common::render_fixture();
    for locale in ["en", "ar", "ru"] {
        renderer.render(locale, "bench", body, &[], &args).unwrap();
        c.bench_function(&format!("render/warm/{locale}"), |b| {
            b.iter(|| {
                renderer
                    .render(
                        black_box(locale),
                        "bench",
                        black_box(body),
                        &[],
                        black_box(&args),
                    )
                    .unwrap()
            });
        });
    }
}

fn search(c: &mut Criterion) {
    let (templates, variants) = common::library(100_000);
    let index = SearchIndex::build(&templates, &variants);
    let queries = common::queries();
    let mut i = 0;
    c.bench_function("search/100k-variants", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(index.search(&queries[i], None, 20))
        });
    });
}

/// The library window's list and search with 10 000 templates in 7 languages (70 000 texts),
/// stored in a real SQLite file through a pack import.
fn library_window(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --benches` (an unoptimised build that runs each
    // benchmark once, to check it works) does not: there a small library is enough.
    let texts = if std::env::args().any(|a| a == "--bench") {
        70_000
    } else {
        700
    };
    let dir = tempfile::tempdir().unwrap();
    let (templates, variants) = common::library(texts);
    let pack = dir.path().join("pack");
    std::fs::create_dir_all(&pack).unwrap();
    let bodies: std::collections::HashMap<(i64, &str), &str> = variants
        .iter()
        .map(|(id, v)| ((*id, v.locale.as_str()), v.body.as_str()))
        .collect();
    for locale in common::LOCALES {
        let mut ftl = String::new();
        for t in &templates {
            let body = bodies[&(t.id, locale)];
            ftl.push_str(&format!("{} = {body}\n", t.key));
            if locale == "en" {
                ftl.push_str(&format!(
                    "    .title = {}\n    .category = {}\n    .tags = {}\n",
                    t.title, t.category, t.tags
                ));
            }
        }
        std::fs::write(pack.join(format!("{locale}.ftl")), ftl).unwrap();
    }
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    packs::import(&library, PackSource::Dir(&pack), None, None).unwrap();
    c.bench_function("library/list-10k", |b| {
        b.iter(|| black_box(app_library::list(&library).unwrap().rows.len()));
    });
    let queries = common::queries();
    let mut i = 0;
    c.bench_function("library/search-10k", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(app_library::search(&library, &queries[i]).unwrap().len())
        });
    });
}

fn orders(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("orders.csv");
    common::write_orders_csv(&csv, 100_000);
    let mut group = c.benchmark_group("orders");
    group.sample_size(10);
    let mut runs = 0;
    group.bench_function("import/100k-rows", |b| {
        b.iter(|| {
            runs += 1;
            let mut store =
                Store::open(&dir.path().join(format!("import-{runs}.sqlite3"))).unwrap();
            let parsed = orders::parse_file(&csv, Format::Generic).unwrap();
            store.upsert_orders(&parsed.orders).unwrap()
        });
    });
    group.finish();
    let mut store = Store::open(&dir.path().join("lookup.sqlite3")).unwrap();
    store
        .upsert_orders(&orders::parse_file(&csv, Format::Generic).unwrap().orders)
        .unwrap();
    let mut n = 0u64;
    c.bench_function("orders/lookup", |b| {
        b.iter(|| {
            n = (n * 7919 + 1) % 100_000;
            store.order(&format!("ORD-{n:08}")).unwrap()
        });
    });
}

/// Masking a template for machine translation and verifying the answer: the work the app adds
/// around every provider call (a call itself takes 100 ms to minutes).
fn translation_checks(c: &mut Criterion) {
    let (body, _) = common::render_fixture();
    let masked = mask(body, TokenStyle::Xml).unwrap();
    // A "translation" that keeps every token, as a good service does.
    let answer: Vec<String> = masked.segments.iter().map(|s| format!("XX {s}")).collect();
    c.bench_function("translate/mask+verify", |b| {
        b.iter(|| {
            let masked = mask(black_box(body), TokenStyle::Xml).unwrap();
            unmask(&masked, black_box(&answer)).unwrap()
        });
    });
}

criterion_group!(
    benches,
    render,
    search,
    library_window,
    orders,
    translation_checks
);
criterion_main!(benches);
