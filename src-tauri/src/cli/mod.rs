//! Command-line interface. Contract: results on stdout, errors on stderr with what to do next;
//! exit 0 on success, 2 for bad input, 1 for internal failures.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use quickreply_core::orders::{self, Format};
use quickreply_core::pack::{self, ImportOptions, Pack};
use quickreply_core::reply::{self, Request};
use quickreply_core::search::SearchIndex;
use quickreply_core::store::{self, Status, Store};
use quickreply_core::template::Renderer;
use quickreply_core::{Error, Result};

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
    Providers(translation::ProvidersCommand),
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
    Review(translation::ReviewCommand),
    /// Open the palette of the running app (bind this to a system shortcut on Wayland)
    Palette,
    /// Detect the language of a buyer's message (no TEXT: one message per stdin line)
    Detect {
        text: Option<String>,
        /// Add confidence and the runner-up
        #[arg(long)]
        json: bool,
    },
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
}

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// Import a CSV/TSV order file (generic header or Amazon flat file)
    Import {
        file: PathBuf,
        #[arg(long, default_value = "auto", value_parser = parse_format)]
        format: Format,
    },
    /// Show one order
    Show {
        order_id: String,
        #[arg(long)]
        json: bool,
    },
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
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not NAME=VALUE"))?;
    let name = name.trim().trim_start_matches('$');
    if !store::is_variable_name(name) {
        return Err(format!(
            "'{name}' is not a variable name (letters, digits, _ and -)"
        ));
    }
    Ok((name.to_string(), value.to_string()))
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

/// The database to use: `--db`/`QUICKREPLY_DB`, else the OS data directory.
pub fn db_path(db: Option<PathBuf>) -> PathBuf {
    db.unwrap_or_else(|| store::default_db_path(dirs::data_dir()))
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
            if let Some(hint) = hint(&error) {
                eprintln!("{hint}");
            }
            ExitCode::from(if error.is_user_error() { 2 } else { 1 })
        }
    }
}

fn hint(error: &Error) -> Option<String> {
    match error {
        Error::Render { missing, .. } if !missing.is_empty() => Some(format!(
            "give the missing values with {}, import the order and pass --order ID, or set shop variables with `quickreply vars set NAME VALUE`",
            missing.iter().map(|m| format!("--var {m}=VALUE")).collect::<Vec<_>>().join(" ")
        )),
        Error::Ftl(errors) => Some(format!("{} error(s); nothing was imported. Fix the files and import again.", errors.len())),
        Error::Db(_) | Error::Migration(_) => {
            Some("the library database may be damaged or from a newer version; check --db / QUICKREPLY_DB".into())
        }
        _ => None,
    }
}

fn open(path: &Path) -> Result<Store> {
    Store::open(path)
}

fn json_line(out: &mut Vec<u8>, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::Invalid(format!("cannot encode JSON: {e}")))?;
    writeln!(out, "{text}").map_err(|e| Error::Invalid(e.to_string()))
}

macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err(|e| Error::Invalid(e.to_string()))
    };
}

mod translation;
pub use translation::{ReviewCommand, login_name};

fn execute(path: &Path, command: Command, out: &mut Vec<u8>) -> Result<()> {
    match command {
        Command::Providers(command) => translation::providers(path, command, out),
        Command::Translate {
            key,
            to,
            provider,
            json,
        } => translation::translate(path, &key, &to, provider.as_deref(), json, out),
        Command::Review(command) => translation::review(path, command, out),
        Command::Pack(PackCommand::Import {
            dir,
            starter,
            source,
            status,
        }) => {
            let pack = if starter {
                Pack::starter()
            } else {
                Pack::read_dir(dir.as_deref().unwrap_or(Path::new(".")))?
            };
            let mut store = open(path)?;
            let report = pack::import(&mut store, &pack, &ImportOptions { source, status })?;
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
        Command::Pack(PackCommand::Export { dir }) => {
            let store = open(path)?;
            let report = pack::export(&store, &dir)?;
            say!(
                out,
                "exported {} templates to {} ({} files)",
                report.templates,
                report.dir.display(),
                report.files.len()
            )
        }
        Command::Templates(TemplatesCommand::List { json }) => {
            let store = open(path)?;
            let templates = store.templates()?;
            let variants = store.all_variants()?;
            let mut rows = Vec::with_capacity(templates.len());
            for t in &templates {
                let mine: Vec<_> = variants
                    .iter()
                    .filter(|(id, _)| *id == t.id)
                    .map(|(_, v)| v)
                    .collect();
                rows.push(serde_json::json!({
                    "key": t.key,
                    "title": t.title,
                    "category": t.category,
                    "tags": t.tags,
                    "shortcut": t.shortcut,
                    "source_locale": t.source_locale,
                    "locales": mine.iter().map(|v| v.locale.as_str()).collect::<Vec<_>>(),
                    "variants": mine.iter().map(|v| serde_json::json!({"locale": v.locale, "status": v.status})).collect::<Vec<_>>(),
                    "use_count": t.use_count,
                }));
                if !json {
                    let locales: Vec<&str> = mine.iter().map(|v| v.locale.as_str()).collect();
                    say!(
                        out,
                        "{}\t{}\t{}\t{}",
                        t.key,
                        t.title,
                        t.category,
                        locales.join(",")
                    )?;
                }
            }
            if json { json_line(out, &rows) } else { Ok(()) }
        }
        Command::Render {
            key,
            lang,
            order,
            vars,
            json,
        } => {
            let store = open(path)?;
            let renderer = Renderer::new();
            let reply = reply::fill(
                &store,
                &renderer,
                &Request {
                    key: &key,
                    lang: lang.as_deref(),
                    order_id: order.as_deref(),
                    vars: &vars,
                },
            )?;
            if json {
                json_line(out, &reply)
            } else {
                say!(out, "{}", reply.text)
            }
        }
        Command::Search {
            query,
            lang,
            limit,
            json,
        } => {
            let store = open(path)?;
            let index = SearchIndex::from_store(&store)?;
            let hits = index.search(&query, lang.as_deref(), limit);
            if json {
                json_line(out, &hits)
            } else {
                hits.iter()
                    .try_for_each(|h| say!(out, "{}\t{}", h.key, h.title))
            }
        }
        Command::Orders(OrdersCommand::Import { file, format }) => {
            let parsed = orders::parse_file(&file, format)?;
            let mut store = open(path)?;
            let summary = store.upsert_orders(&parsed.orders)?;
            for error in &parsed.errors {
                eprintln!("{error}");
            }
            if parsed.orders.is_empty() && !parsed.errors.is_empty() {
                return Err(Error::BadFile {
                    path: file,
                    message: format!(
                        "no valid rows: {} rows rejected (listed above)",
                        parsed.errors.len()
                    ),
                });
            }
            if !parsed.errors.is_empty() {
                eprintln!(
                    "{} row(s) skipped; the other rows were imported",
                    parsed.errors.len()
                );
            }
            say!(
                out,
                "imported {} orders from {} ({} new, {} updated, {} rows skipped)",
                parsed.orders.len(),
                file.display(),
                summary.inserted,
                summary.updated,
                parsed.errors.len()
            )
        }
        Command::Orders(OrdersCommand::Show { order_id, json }) => {
            let store = open(path)?;
            let order = store.order(&order_id)?;
            if json {
                json_line(out, &order)
            } else {
                for (name, value) in order.variables() {
                    let text = match value {
                        orders::VarValue::Text(s) | orders::VarValue::Date(s) => s,
                        orders::VarValue::Number(n) => n.to_string(),
                    };
                    say!(out, "{name}\t{text}")?;
                }
                if let Some(items) = &order.items {
                    say!(out, "items\t{items}")?;
                }
                if let Some(status) = &order.status {
                    say!(out, "status\t{status}")?;
                }
                Ok(())
            }
        }
        Command::Vars(VarsCommand::Set { name, value }) => {
            let mut store = open(path)?;
            store.set_var(name.trim_start_matches('$'), &value)?;
            Ok(())
        }
        Command::Detect { text, json } => detect(path, text, json, out),
        Command::Palette => Err(Error::Invalid(
            "`palette` is handled by the app, not the CLI".into(),
        )),
        Command::Vars(VarsCommand::List { json }) => {
            let store = open(path)?;
            let vars = store.vars()?;
            if json {
                let map: serde_json::Map<String, serde_json::Value> = vars
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect();
                json_line(out, &map)
            } else {
                vars.iter().try_for_each(|(k, v)| say!(out, "{k}={v}"))
            }
        }
    }
}

/// `detect`: one code per text, `und` when the text is too short or the guess too weak. The
/// shop's default language (if a library exists) settles Malay vs Indonesian.
fn detect(path: &Path, text: Option<String>, json: bool, out: &mut Vec<u8>) -> Result<()> {
    use quickreply_core::detect::{self, Hints};
    let shop_default = if path.exists() {
        open(path)?.setting("default_lang")?
    } else {
        None
    };
    let hints = Hints {
        shop_default: shop_default.as_deref(),
        ..Hints::default()
    };
    let texts: Vec<String> = match text {
        Some(text) => vec![text],
        None => std::io::stdin()
            .lines()
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::Invalid(format!("cannot read stdin: {e}")))?,
    };
    for text in &texts {
        let found = detect::detect(text, &hints);
        if json {
            let value = match &found {
                Some(d) => serde_json::to_value(d).map_err(|e| Error::Invalid(e.to_string()))?,
                None => serde_json::json!({"code": "und", "confidence": 0.0, "runner_up": null}),
            };
            json_line(out, &value)?;
        } else {
            say!(out, "{}", found.as_ref().map_or("und", |d| d.code.as_str()))?;
        }
    }
    Ok(())
}
