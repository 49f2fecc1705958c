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
    lighter_webview();
    let args = cli::Cli::parse();
    let db = cli::db_path(args.db);
    match args.command {
        None => app::run(db, app::Open::Nothing),
        Some(cli::Command::Palette) => app::run(db, app::Open::Palette),
        Some(cli::Command::Library) => app::run(db, app::Open::Library),
        Some(cli::Command::Review(cli::ReviewCommand::Open)) => app::run(db, app::Open::Review),
        Some(command) => cli::run(db, command),
    }
}

/// WebKitGTK's accelerated compositing keeps ~50 MB more in the web process for a palette
/// that has nothing to animate (measured with tests/e2e/latency.py: 158 → 104 MB PSS), and is
/// the usual cause of blank WebKitGTK windows on some GPU drivers. Users can still opt back in
/// by setting the variable themselves.
fn lighter_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: first statement of main, before any thread exists, so nothing can be reading
        // the environment concurrently.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}
