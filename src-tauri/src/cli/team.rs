//! `team init|join|sync|status|credentials`: the library shared through a git repository.

use std::io::{Read, Write};
use std::path::Path;

use quickreply_core::app::team::{self, SyncReport, TeamConflict};
use quickreply_core::team::ConflictKind;
use quickreply_core::{Error, Result};
use quickreply_platform::OsKeyring;

use super::args::TeamCommand;
use super::{json_line, open, say};

pub fn run(path: &Path, command: TeamCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        TeamCommand::Init { remote } => {
            let report = team::init(&open(path)?, &OsKeyring, &remote)?;
            say!(
                out,
                "shared the library with {remote}: {} text(s) in the first commit",
                report.sent
            )
        }
        TeamCommand::Join { remote } => {
            let report = team::join(&open(path)?, &OsKeyring, &remote)?;
            say!(
                out,
                "joined {remote}: {} text(s) in this library",
                report.changed_here
            )
        }
        TeamCommand::Sync => {
            let report = team::sync(&open(path)?, &OsKeyring)?;
            print_sync(&report, out)
        }
        TeamCommand::Status { json } => {
            let status = team::status(&open(path)?)?;
            if json {
                return json_line(out, &status);
            }
            if !status.bound {
                say!(out, "not bound to a team repository")?;
                return Ok(());
            }
            say!(out, "remote\t{}", status.remote.as_deref().unwrap_or("-"))?;
            say!(
                out,
                "last sync\t{}",
                status.last_sync.as_deref().unwrap_or("never")
            )?;
            if let Some(error) = &status.last_error {
                say!(out, "last error\t{error}")?;
            }
            say!(
                out,
                "pending\t{}{}",
                status.pending,
                if status.unpushed {
                    " (commits not pushed yet)"
                } else {
                    ""
                }
            )?;
            say!(out, "conflicts\t{}", status.conflicts.len())?;
            status
                .conflicts
                .iter()
                .try_for_each(|c| print_conflict(c, out))
        }
        TeamCommand::Credentials => {
            let mut token = String::new();
            std::io::stdin()
                .read_to_string(&mut token)
                .map_err(|e| Error::Invalid(format!("cannot read the token from stdin: {e}")))?;
            team::set_credentials(&open(path)?, &OsKeyring, &token)?;
            say!(
                out,
                "stored the team repository's credentials in the OS keyring"
            )
        }
    }
}

fn print_sync(report: &SyncReport, out: &mut Vec<u8>) -> Result<()> {
    for notice in &report.notices {
        eprintln!("note: {notice}");
    }
    say!(
        out,
        "synced: {} text(s) updated here, {} sent, {} conflict(s)",
        report.changed_here,
        report.sent,
        report.conflicts.len()
    )?;
    report
        .conflicts
        .iter()
        .try_for_each(|c| print_conflict(c, out))
}

fn print_conflict(c: &TeamConflict, out: &mut Vec<u8>) -> Result<()> {
    let by = c
        .other_author
        .as_deref()
        .map(|a| format!(" by {a}"))
        .unwrap_or_default();
    match c.kind {
        ConflictKind::BothEdited => say!(
            out,
            "conflict\t{}\t{}\tedited on both sides: kept {:?} (needs review); the other text{by} {:?} is in the history",
            c.key,
            c.locale,
            c.kept,
            c.other
        ),
        ConflictKind::DeletedEdited => say!(
            out,
            "conflict\t{}\t{}\tdeleted on one side and edited on the other{by}: the edit {:?} was kept",
            c.key,
            c.locale,
            c.kept
        ),
    }
}
