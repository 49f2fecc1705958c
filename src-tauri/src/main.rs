//! `quickreply`: the desktop app, and with a subcommand the command-line interface to the same
//! library (never opens a window).

// No console window behind the app on Windows release builds.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let db = cli::db_path(args.db);
    match args.command {
        None => app::run(db, app::Open::Nothing),
        Some(cli::Command::Palette) => app::run(db, app::Open::Palette),
        Some(command) => cli::run(db, command),
    }
}
