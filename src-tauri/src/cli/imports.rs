//! `import espanso` and `import csv`: the import dialog's calls with its default choices
//! (a taken key gets `-2` for Espanso; a spreadsheet's own key replaces that template).
//! What was imported goes to stdout; every skipped or changed item to stderr with its line.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::imports::{self, ImportKind, ImportRequest};

use super::args::ImportCommand;
use super::{open, say};

pub fn run(path: &Path, command: ImportCommand, out: &mut Vec<u8>) -> Result<()> {
    let request = match command {
        ImportCommand::Espanso { path: from } => ImportRequest {
            kind: ImportKind::Espanso,
            path: from.display().to_string(),
            source_locale: None,
            status: None,
        },
        ImportCommand::Csv {
            file,
            source,
            status,
        } => ImportRequest {
            kind: ImportKind::Sheet,
            path: file.display().to_string(),
            source_locale: source,
            status,
        },
    };
    let outcome = imports::import_defaults(&open(path)?, &request)?;
    for warning in &outcome.warnings {
        eprintln!("quickreply: {warning}");
    }
    say!(
        out,
        "imported {} templates ({} new, {} replaced, {} skipped): {}",
        outcome.added + outcome.replaced,
        outcome.added,
        outcome.replaced,
        outcome.skipped,
        outcome.keys.join(", ")
    )
}
