//! Tunes the suggestion weights on `eval/suggest/messages.tsv` (coordinate search), in one
//! process with the real model: every vector is computed once.
//!
//! `cargo run --release -p quickreply-embed --example suggest_tune`
//!
//! Prints the score of the current defaults, then each improvement found. The objective is the
//! mean of top-1 and recall@3 before learning, and held-out top-1 after learning one message
//! per (language, template).

#[path = "../benches/common/mod.rs"]
mod common;

use quickreply_core::Library;
use quickreply_core::app::suggest::Suggester;
use quickreply_core::ports::{EmbedKind, Embedder};
use quickreply_core::suggest::{Index, Query, ReasonKind, Unit, Weights};
use quickreply_embed::E5;

fn main() {
    let root = common::root();
    let rows = common::messages();
    let dir = tempfile_dir();
    let db = dir.join("tune.db");
    let library = Library::open(&db).expect("library");
    let pack =
        quickreply_core::pack::Pack::read_dir(&root.join("packs/starter")).expect("starter pack");
    quickreply_core::pack::import(&mut library.store(), &pack, &Default::default())
        .expect("import");
    let model = E5::load_installed().expect("model");
    let mut suggester = Suggester::new();
    let base = suggester.index(&library, Some(&model)).expect("index");
    let texts: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    let vecs = model.embed(&texts, EmbedKind::Query).expect("embed");
    // Learned: the first message of each (language, key).
    let mut seen = std::collections::HashSet::new();
    let mut learned = Vec::new();
    let mut held = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if seen.insert((r.0.clone(), r.1.clone())) {
            learned.push(i);
        } else {
            held.push(i);
        }
    }
    let mut after: Index = (*base).clone();
    let texts_all: Vec<&str> = after
        .units
        .iter()
        .map(|u| u.text.as_str())
        .chain(learned.iter().map(|i| rows[*i].2.as_str()))
        .collect();
    after.idf = quickreply_core::suggest::lexical::Idf::new(texts_all.iter().copied());
    for u in &mut after.units {
        u.sparse = after.idf.vector(&u.text);
    }
    for i in &learned {
        let t = after
            .templates
            .iter()
            .position(|e| e.key == rows[*i].1)
            .expect("key");
        after.units.push(Unit {
            template: t,
            kind: ReasonKind::AskedBefore,
            text: rows[*i].2.clone(),
            vector: Some(vecs[*i].clone()),
            sparse: after.idf.vector(&rows[*i].2),
        });
    }
    let eval = |w: &Weights| -> (f64, f64, f64) {
        let (mut t1, mut r3) = (0, 0);
        for (i, r) in rows.iter().enumerate() {
            let got = base.rank(
                &Query {
                    text: &r.2,
                    vector: Some(&vecs[i]),
                    lang: None,
                },
                w,
                3,
            );
            t1 += usize::from(got.first().is_some_and(|s| s.key == r.1));
            r3 += usize::from(got.iter().any(|s| s.key == r.1));
        }
        let mut h1 = 0;
        for i in &held {
            let r = &rows[*i];
            let got = after.rank(
                &Query {
                    text: &r.2,
                    vector: Some(&vecs[*i]),
                    lang: None,
                },
                w,
                1,
            );
            h1 += usize::from(got.first().is_some_and(|s| s.key == r.1));
        }
        let n = rows.len() as f64;
        (t1 as f64 / n, r3 as f64 / n, h1 as f64 / held.len() as f64)
    };
    let objective = |s: (f64, f64, f64)| (s.0 + s.1 + s.2) / 3.0;
    // Each signal alone, for comparison (docs/PERFORMANCE.md).
    let meaning_only = Weights {
        lexical: 0.0,
        memory: 0.0,
        ..Weights::default()
    };
    let s = eval(&meaning_only);
    println!("meaning only (embeddings): top1 {:.3} r@3 {:.3}", s.0, s.1);
    let (mut t1, mut r3) = (0, 0);
    for r in &rows {
        let got = base.rank(
            &Query {
                text: &r.2,
                vector: None,
                lang: None,
            },
            &Weights::default(),
            3,
        );
        t1 += usize::from(got.first().is_some_and(|s| s.key == r.1));
        r3 += usize::from(got.iter().any(|s| s.key == r.1));
    }
    println!(
        "words only (n-grams): top1 {:.3} r@3 {:.3}",
        t1 as f64 / rows.len() as f64,
        r3 as f64 / rows.len() as f64
    );
    let mut best = Weights::default();
    let mut best_score = eval(&best);
    println!(
        "defaults: top1 {:.3} r@3 {:.3} held-after {:.3}",
        best_score.0, best_score.1, best_score.2
    );
    type Field = fn(&mut Weights) -> &mut f32;
    let fields: [(&str, Field, &[f32]); 9] = [
        (
            "lexical",
            |w| &mut w.lexical,
            &[0.0, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0],
        ),
        (
            "text",
            |w| &mut w.text,
            &[-0.12, -0.09, -0.07, -0.05, -0.02, 0.0, 0.02],
        ),
        (
            "title",
            |w| &mut w.title,
            &[-0.12, -0.09, -0.07, -0.05, -0.02, 0.0],
        ),
        ("example", |w| &mut w.example, &[-0.02, 0.0, 0.02, 0.04]),
        (
            "asked",
            |w| &mut w.asked,
            &[-0.06, -0.04, -0.02, 0.0, 0.02, 0.04],
        ),
        ("memory", |w| &mut w.memory, &[0.0, 0.5, 1.0, 2.0, 4.0]),
        (
            "memory_floor",
            |w| &mut w.memory_floor,
            &[0.82, 0.84, 0.86, 0.88, 0.9],
        ),
        ("floor", |w| &mut w.floor, &[0.65, 0.7, 0.75, 0.8]),
        ("ceiling", |w| &mut w.ceiling, &[0.9, 0.95, 1.0]),
    ];
    for round in 0..3 {
        let mut improved = false;
        for (name, field, values) in &fields {
            for v in *values {
                let mut w = best;
                *field(&mut w) = *v;
                let s = eval(&w);
                if objective(s) > objective(best_score) + 1e-9 {
                    best = w;
                    best_score = s;
                    improved = true;
                    println!(
                        "round {round}: {name} = {v}: top1 {:.3} r@3 {:.3} held-after {:.3}",
                        s.0, s.1, s.2
                    );
                }
            }
        }
        if !improved {
            break;
        }
    }
    println!("best: {best:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("qr-tune-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
