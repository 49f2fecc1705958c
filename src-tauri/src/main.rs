//! `quickreply`: the desktop app, and with a subcommand the command-line interface to the same
//! library (never opens a window).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => cli::run(args.db, command),
        None => {
            eprintln!(
                "quickreply: the desktop app is not part of this build yet; use a subcommand (quickreply --help)"
            );
            ExitCode::from(2)
        }
    }
}
