//! Command-line interface. Contract: results on stdout, errors on stderr with what to do next;
//! exit 0 on success, 2 for bad input, 1 for internal or environment failures. Each command is
//! one call into the core's application layer (`quickreply_core::app`); the modules here only
//! print its answer.

mod args;
mod backup;
mod detect;
mod hints;
mod imports;
mod orders;
mod packs;
mod suggest;
mod team;
mod templates;
mod translation;
mod vars;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quickreply_core::{Error, Library, Result};

pub use args::{Cli, Command, ReviewCommand};

/// The database to use: `--db`/`QUICKREPLY_DB`, else the OS data directory.
pub fn db_path(db: Option<PathBuf>) -> PathBuf {
    db.unwrap_or_else(|| quickreply_core::store::default_db_path(dirs::data_dir()))
}

/// Runs one subcommand and maps the outcome to the exit-code contract.
pub fn run(path: PathBuf, command: Command) -> ExitCode {
    let mut out = Vec::new();
    match execute(&path, command, &mut out) {
        Ok(()) => {
            // Only a complete result reaches stdout.
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(&out)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("quickreply: {error}");
            if let Some(hint) = hints::hint(&error) {
                eprintln!("{hint}");
            }
            ExitCode::from(if error.is_user_error() { 2 } else { 1 })
        }
    }
}

fn open(path: &Path) -> Result<Library> {
    Library::open(path)
}

fn json_line(out: &mut Vec<u8>, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::Invalid(format!("cannot encode JSON: {e}")))?;
    writeln!(out, "{text}").map_err(|e| Error::Invalid(e.to_string()))
}

macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err(|e| quickreply_core::Error::Invalid(e.to_string()))
    };
}
use say;

fn execute(path: &Path, command: Command, out: &mut Vec<u8>) -> Result<()> {
    match command {
        Command::Pack(command) => packs::run(path, command, out),
        Command::Backup(command) => backup::run(path, command, out),
        Command::Templates(command) => templates::run(path, command, out),
        Command::Import(command) => imports::run(path, command, out),
        Command::Render {
            key,
            lang,
            order,
            vars,
            json,
        } => templates::render(
            path,
            &key,
            lang.as_deref(),
            order.as_deref(),
            &vars,
            json,
            out,
        ),
        Command::Search {
            query,
            lang,
            limit,
            json,
        } => templates::search(path, &query, lang.as_deref(), limit, json, out),
        Command::Orders(command) => orders::run(path, command, out),
        Command::Vars(command) => vars::run(path, command, out),
        Command::Providers(command) => translation::providers(path, command, out),
        Command::Translate {
            key,
            to,
            provider,
            json,
        } => translation::translate(path, &key, &to, provider.as_deref(), json, out),
        Command::Review(command) => translation::review(path, command, out),
        Command::Detect { text, json } => detect::run(path, text, json, out),
        Command::Suggest {
            text,
            limit,
            json,
            serve,
        } => {
            if serve {
                suggest::serve(path)
            } else {
                suggest::run(path, text, limit, json, out)
            }
        }
        Command::Learn { key, text } => suggest::learn(path, key.zip(text), out),
        Command::Insights { since, json } => suggest::insights(path, since.as_deref(), json, out),
        Command::Forget { before } => suggest::forget(path, &before, out),
        Command::Team(command) => team::run(path, command, out),
        Command::Palette | Command::Library => Err(Error::Invalid(
            "`palette` and `library` are handled by the app, not the CLI".into(),
        )),
    }
}
