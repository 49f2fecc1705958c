//! Suggestion speed with the real model (docs/PERFORMANCE.md):
//! - building the index of a 500-template library the first time (every text embedded);
//! - a cold start: model loaded, index read from the vector cache, first message ranked;
//! - per message, warm: embedding the message and ranking it (p50/p95/max).
//!
//! `cargo bench -p quickreply-embed --bench suggest` (500 templates);
//! `cargo test -p quickreply-embed --benches` runs it once on 40 templates.
//! Not a test: it measures and prints, asserting nothing about time.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use quickreply_core::Library;
use quickreply_core::app::suggest::Suggester;
use quickreply_core::pack::{self, ImportOptions, Manifest, Pack, PackFile};
use quickreply_embed::E5;

mod common;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// `n` templates built from the evaluation's buyer messages (real wording, 13 languages): each
/// gets a title, five example questions and an English text, cycling through the 12 intents
/// with different wording, like a shop's library of near-duplicate replies.
fn library_pack(n: usize, rows: &[(String, String, String)]) -> Pack {
    let mut en = String::new();
    for i in 0..n {
        let pick = |j: usize| &rows[(i * 7 + j * 131) % rows.len()];
        let head = pick(0);
        let _ = writeln!(
            en,
            "t{i} = Reply {i} about {}: we are on it, {{ $buyer_name }}.",
            head.1
        );
        let _ = writeln!(en, "    .title = {} ({i})", head.1.replace('-', " "));
        let _ = writeln!(en, "    .examples =");
        for j in 0..5 {
            let text = pick(j).2.replace(['{', '}', '[', '*', '.'], " ");
            let _ = writeln!(en, "        {}", text.trim());
        }
    }
    Pack {
        files: vec![PackFile {
            locale: "en".into(),
            name: "en.ftl".into(),
            text: en,
        }],
        manifest: Manifest::default(),
    }
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let templates = if quick { 40 } else { 500 };
    let rows = common::messages();
    let dir = std::env::temp_dir().join(format!("qr-suggest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bench.db");
    {
        let library = Library::open(&db).unwrap();
        pack::import(
            &mut library.store(),
            &library_pack(templates, &rows),
            &ImportOptions::default(),
        )
        .unwrap();
        let model = E5::load_installed().unwrap();
        let t = Instant::now();
        let index = Suggester::new().index(&library, Some(&model)).unwrap();
        println!(
            "first index of {templates} templates ({} texts embedded): {:.1?}",
            index.units.len(),
            t.elapsed()
        );
    }
    // Cold: what the helper process does on its first message.
    let message = "وين طلبي؟ صار لي أسبوع أنتظر";
    let t = Instant::now();
    let library = Library::open(&db).unwrap();
    let model = E5::load_installed().unwrap();
    let mut suggester = Suggester::new();
    let got = suggester
        .suggest(&library, Some(&model), message, Some("ar"), 3)
        .unwrap();
    println!(
        "cold start to first suggestion ({templates} templates): {:.1?} → {}",
        t.elapsed(),
        got[0].key
    );
    // Warm: per message.
    let n = if quick { 20 } else { rows.len() };
    let mut samples: Vec<Duration> = rows
        .iter()
        .take(n)
        .map(|(_, _, text)| {
            let t = Instant::now();
            std::hint::black_box(
                suggester
                    .suggest(&library, Some(&model), text, None, 3)
                    .unwrap(),
            );
            t.elapsed()
        })
        .collect();
    samples.sort();
    println!(
        "suggest per message, warm ({templates} templates) n={} p50={:.1?} p95={:.1?} max={:.1?}",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples[samples.len() - 1]
    );
    drop(library);
    let _ = std::fs::remove_dir_all(&dir);
}
