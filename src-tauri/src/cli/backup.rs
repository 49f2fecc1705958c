//! `backup create|list|restore`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::backups;

use super::args::BackupCommand;
use super::{json_line, open, say};

pub fn run(path: &Path, command: BackupCommand, out: &mut Vec<u8>) -> Result<()> {
    let library = open(path)?;
    match command {
        BackupCommand::Create { file } => {
            let made = backups::create(&library, file.as_deref())?;
            say!(out, "{}", made.path)
        }
        BackupCommand::List { json } => {
            let list = backups::list(&library)?;
            if json {
                return json_line(out, &list);
            }
            for b in &list {
                let templates = b
                    .templates
                    .map_or_else(|| "?".to_string(), |n| n.to_string());
                say!(
                    out,
                    "{}\t{}\t{} bytes\t{templates} templates",
                    b.created,
                    b.path,
                    b.bytes
                )?;
            }
            Ok(())
        }
        BackupCommand::Restore { file } => {
            let report = backups::restore(&library, &file)?;
            say!(
                out,
                "restored {} ({} templates); the library as it was is in {}",
                report.restored.path,
                report
                    .restored
                    .templates
                    .map_or_else(|| "?".to_string(), |n| n.to_string()),
                report.before.path
            )
        }
    }
}
