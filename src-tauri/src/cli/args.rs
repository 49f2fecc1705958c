//! The command line's arguments (clap). What each command does is in the module of its group.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use quickreply_core::app::vars;
use quickreply_core::orders::Format;
use quickreply_core::store::Status;
use quickreply_core::translate::ProviderKind;

#[derive(Debug, Parser)]
#[command(
    name = "quickreply",
    version,
    about = "Quick replies for cross-border shops"
)]
pub struct Cli {
    /// Library database (default: the OS data directory). Also QUICKREPLY_DB.
    #[arg(long, global = true, env = "QUICKREPLY_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import or export template packs (folders of LOCALE.ftl files)
    #[command(subcommand)]
    Pack(PackCommand),
    /// Back the library up, list its backups, restore one
    #[command(subcommand)]
    Backup(BackupCommand),
    /// List templates
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Fill a template and print the text
    Render {
        key: String,
        /// Buyer language (BCP-47); default: the order's buyer locale, else the template's source
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        /// Fill order fields from this imported order
        #[arg(long, value_name = "ORDER_ID")]
        order: Option<String>,
        /// Set a variable; overrides shop variables and order fields
        #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
        vars: Vec<(String, String)>,
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search templates
    Search {
        query: String,
        /// Show titles in this language where available
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Import and look up orders
    #[command(subcommand)]
    Orders(OrdersCommand),
    /// Shop-wide variables (shop name, signature…)
    #[command(subcommand)]
    Vars(VarsCommand),
    /// Machine-translation providers (keys go to the OS keyring)
    #[command(subcommand)]
    Providers(ProvidersCommand),
    /// Machine-translate a template and store the draft for review; prints the draft
    Translate {
        key: String,
        /// Target language (BCP-47)
        #[arg(long, value_name = "LOCALE")]
        to: String,
        /// Provider to use (default: the only one, or the one chosen in Settings)
        #[arg(long, value_name = "NAME")]
        provider: Option<String>,
        /// Print the draft with its status, problem and billed characters as JSON
        #[arg(long)]
        json: bool,
    },
    /// Review machine translations: list, approve, reject
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Open the palette of the running app (bind this to a system shortcut on Wayland)
    Palette,
    /// Open the library window of the running app (starting it if needed)
    Library,
    /// Import replies from Espanso or a spreadsheet
    #[command(subcommand)]
    Import(ImportCommand),
    /// Share the library with a team through a git repository
    #[command(subcommand)]
    Team(TeamCommand),
    /// Suggest replies for a buyer's message (no TEXT: one message per stdin line, keys only)
    Suggest {
        text: Option<String>,
        /// How many replies
        #[arg(long, default_value_t = 3)]
        limit: usize,
        /// A JSON list of {key, title, score, locale, reason}
        #[arg(long)]
        json: bool,
        /// Answer JSON requests on stdin until it closes (the desktop app's helper process)
        #[arg(long, hide = true, conflicts_with_all = ["text", "json"])]
        serve: bool,
    },
    /// Learn that KEY answers TEXT (no arguments: KEY<TAB>TEXT lines on stdin)
    Learn {
        /// The template that answers the message
        #[arg(long, requires = "text")]
        key: Option<String>,
        /// The buyer's message
        #[arg(requires = "key")]
        text: Option<String>,
    },
    /// What buyers ask: most used replies, languages, hours, question topics
    Insights {
        /// From this day on (default: the last 28 days)
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete the buyer messages copied before a day (and what was learned from them)
    Forget {
        #[arg(long, value_name = "YYYY-MM-DD")]
        before: String,
    },
    /// Detect the language of a buyer's message (no TEXT: one message per stdin line)
    Detect {
        text: Option<String>,
        /// Add confidence and the runner-up
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Share this library: push it as the first commit of an empty (bare) git repository
    Init {
        /// A path or file:// URL of a bare repository, or a git://, https://, ssh:// or
        /// user@host:path address
        remote: String,
    },
    /// Make this empty library a clone of a team library
    Join { remote: String },
    /// Pull, merge per message and language, push
    Sync,
    /// The repository, last sync, pending changes and conflicts
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Read an https token (or the ssh key's passphrase) from stdin into the OS keyring
    Credentials,
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Import a pack folder, or the built-in starter library with --starter
    Import {
        #[arg(
            required_unless_present = "starter",
            conflicts_with = "starter",
            value_name = "DIR"
        )]
        dir: Option<PathBuf>,
        #[arg(long)]
        starter: bool,
        /// Source locale (default: pack.toml's, else en)
        #[arg(long, value_name = "LOCALE")]
        source: Option<String>,
        /// Status of translations that pack.toml does not list (default approved)
        #[arg(long, value_name = "approved|needs-review", value_parser = parse_import_status)]
        status: Option<Status>,
    },
    /// Write the library as a pack folder
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// One line per template: KEY, TITLE, CATEGORY, LOCALES (tab-separated)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a template
    Add {
        key: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        category: Option<String>,
        /// Comma-separated tags
        #[arg(long, value_name = "T1,T2")]
        tags: Option<String>,
        /// Typed in the palette to pick it (e.g. ;ty)
        #[arg(long)]
        shortcut: Option<String>,
        /// The language of the text (default en)
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        #[command(flatten)]
        text: TextArg,
    },
    /// Change a template; with --lang, add or replace that translation
    Edit {
        key: String,
        /// The translation to add or replace (default: the source text)
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        category: Option<String>,
        /// Comma-separated tags
        #[arg(long, value_name = "T1,T2")]
        tags: Option<String>,
        #[arg(long)]
        shortcut: Option<String>,
        #[command(flatten)]
        text: OptionalTextArg,
        /// A translation's status (default approved: your own text)
        #[arg(long, value_name = "approved|needs-review", value_parser = parse_import_status)]
        status: Option<Status>,
    },
    /// Show a template with all its texts
    Show {
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a template (restorable for 30 days: `templates restore KEY`)
    Rm { key: String },
    /// Restore a template deleted in the last 30 days
    Restore { key: String },
    /// Every saved text of a template, newest first
    History {
        key: String,
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The text of `templates add`: exactly one of --text and --file.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct TextArg {
    /// The Fluent text, e.g. 'Hi { $buyer_name }!'
    #[arg(long, value_name = "FTL")]
    pub text: Option<String>,
    /// A file holding the Fluent text
    #[arg(long, value_name = "F")]
    pub file: Option<PathBuf>,
}

/// The text of `templates edit`: at most one of --text and --file.
#[derive(Debug, clap::Args)]
#[group(required = false, multiple = false)]
pub struct OptionalTextArg {
    /// The Fluent text, e.g. 'Hi { $buyer_name }!'
    #[arg(long, value_name = "FTL")]
    pub text: Option<String>,
    /// A file holding the Fluent text
    #[arg(long, value_name = "F")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import an Espanso match file, or a folder of them (a hub package, ~/.config/espanso/match)
    Espanso {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Import a spreadsheet of replies (CSV/TSV or XLSX): key,title,category,tags,shortcut,locale,text
    Csv {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The language templates are written in (default: the first row's)
        #[arg(long, value_name = "LOCALE")]
        source: Option<String>,
        /// Status of translations (default approved)
        #[arg(long, value_name = "approved|needs-review", value_parser = parse_import_status)]
        status: Option<Status>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// Import an order export: CSV/TSV/XLSX/XLS from Amazon, Shopee, Lazada, TikTok Shop, eBay,
    /// Etsy, Walmart, Temu, AliExpress, or any file whose columns you map
    Import {
        file: PathBuf,
        /// auto, generic, amazon, amazon-shipments, amazon-orders, shopee, lazada, tiktok, ebay,
        /// etsy, walmart, temu or aliexpress
        #[arg(long, default_value = "auto", value_parser = parse_format)]
        format: Format,
        /// Read column COLUMN as order variable VAR (repeatable), e.g. --map "order_id=No. Pesanan"
        #[arg(long = "map", value_name = "VAR=COLUMN", value_parser = parse_map)]
        map: Vec<(String, String)>,
        /// Save the column mapping used under NAME; files with the same header then import
        /// with it on their own
        #[arg(long, value_name = "NAME")]
        save_preset: Option<String>,
        /// Read the file with a saved column mapping
        #[arg(long, value_name = "NAME")]
        preset: Option<String>,
        /// Marketplace name stored with the orders (default: the format's)
        #[arg(long, value_name = "NAME")]
        marketplace: Option<String>,
    },
    /// Show one order
    Show {
        order_id: String,
        #[arg(long)]
        json: bool,
    },
    /// List saved column mappings (presets), or delete one with `presets rm NAME`
    Presets {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        command: Option<PresetsCommand>,
    },
    /// Orders that need a message now: past their delivery estimate, or not shipped by their
    /// ship-by date, each with the shipping-delay reply in the buyer's language
    Late {
        #[arg(long)]
        json: bool,
    },
    /// Delete orders placed (or, without an order date, imported) before a date
    Purge {
        /// YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        before: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PresetsCommand {
    /// Delete a saved column mapping
    Rm { name: String },
}

#[derive(Debug, Subcommand)]
pub enum VarsCommand {
    /// Set a shop variable
    Set { name: String, value: String },
    /// List shop variables
    List {
        #[arg(long)]
        json: bool,
    },
}

fn parse_var(s: &str) -> std::result::Result<(String, String), String> {
    vars::parse_assignment(s).map_err(|e| e.to_string())
}

/// `VAR=COLUMN`: split at the first `=` (column names may hold anything else).
fn parse_map(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((var, column)) if !var.trim().is_empty() && !column.trim().is_empty() => {
            Ok((var.trim().to_owned(), column.trim().to_owned()))
        }
        _ => Err(format!(
            "'{s}' is not VAR=COLUMN: write the variable, '=', then the column's name as in the \
             file's header, e.g. \"order_id=No. Pesanan\""
        )),
    }
}

fn parse_import_status(s: &str) -> std::result::Result<Status, String> {
    match s.parse::<Status>() {
        Ok(status @ (Status::Approved | Status::NeedsReview)) => Ok(status),
        _ => Err(format!("'{s}' is not approved or needs-review")),
    }
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum ProvidersCommand {
    /// Add a provider, or change the one with this name
    Add {
        name: String,
        #[arg(long, value_parser = parse_kind)]
        kind: ProviderKind,
        /// Endpoint (default: the service's public one; for openai the base URL, e.g.
        /// http://127.0.0.1:8080/v1)
        #[arg(long)]
        url: Option<String>,
        /// Model name (openai)
        #[arg(long)]
        model: Option<String>,
        /// DeepL formality: default, more or less
        #[arg(long)]
        formality: Option<String>,
        /// DeepL glossary id
        #[arg(long)]
        glossary: Option<String>,
    },
    /// Read the provider's API key from stdin into the OS keyring
    Key { name: String },
    /// List the providers (keys are never shown)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check that a provider answers and accepts its key
    Test { name: String },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Translations waiting for review (machine, needs_review, stale)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Approve a translation: it is then pasted without a warning
    Approve {
        key: String,
        #[arg(long, value_name = "LOCALE")]
        lang: String,
        /// Reviewer's name (default: the login name)
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Reject a translation: it is never pasted; the source language answers instead
    Reject {
        key: String,
        #[arg(long, value_name = "LOCALE")]
        lang: String,
    },
    /// Open the review window of the running app (starting it if needed)
    Open,
}

fn parse_kind(s: &str) -> std::result::Result<ProviderKind, String> {
    s.parse().map_err(|e: quickreply_core::Error| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Copy the library (consistent while the app runs): to FILE, or to the backups folder
    /// beside it, which keeps the newest 14
    Create { file: Option<PathBuf> },
    /// The backups in the backups folder, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the library with a backup (the current one is backed up first)
    Restore { file: PathBuf },
}
