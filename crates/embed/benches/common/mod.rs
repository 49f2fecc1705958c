//! The labelled buyer messages of `eval/suggest/messages.tsv`, shared by the suggestion bench
//! and the weight search (`examples/suggest_tune.rs` includes this file; a folder, so Cargo does not take it for a bench).

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `(language, template key, message)` rows, in file order.
pub fn messages() -> Vec<(String, String, String)> {
    std::fs::read_to_string(root().join("eval/suggest/messages.tsv"))
        .expect("eval/suggest/messages.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut p = l.splitn(3, '\t');
            Some((p.next()?.into(), p.next()?.into(), p.next()?.into()))
        })
        .collect()
}
