//! `pack import` and `pack export`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::packs::{self, PackSource};

use super::args::PackCommand;
use super::{open, say};

pub fn run(path: &Path, command: PackCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        PackCommand::Import {
            dir,
            starter,
            source,
            status,
        } => {
            let from = match &dir {
                _ if starter => PackSource::Starter,
                Some(dir) => PackSource::Dir(dir),
                None => PackSource::Dir(Path::new(".")),
            };
            let report = packs::import(&open(path)?, from, source, status)?;
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            say!(
                out,
                "imported {} locales ({}), source {}: {} templates added, {} updated, {} variants written, {} turned stale, {} terms",
                report.locales.len(),
                report.locales.join(", "),
                report.source_locale,
                report.templates_added,
                report.templates_updated,
                report.variants_written,
                report.variants_staled,
                report.terms
            )
        }
        PackCommand::Export { dir } => {
            let report = packs::export(&open(path)?, &dir)?;
            say!(
                out,
                "exported {} templates to {} ({} files)",
                report.templates,
                report.dir.display(),
                report.files.len()
            )
        }
    }
}
