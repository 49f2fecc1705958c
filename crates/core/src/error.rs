//! The one error type of the core crate.
//!
//! Variants carry the context a person needs to fix the problem, and their messages say what
//! is wrong in the product's words, never a command-line flag: the command line adds its own
//! hints, the desktop app its own texts. `is_user_error` tells both whether the input was at
//! fault (exit code 2) or something broke inside or around the app (exit code 1). [`Code`] is
//! the one list of machine-readable codes the desktop app's IPC errors carry.

use std::path::PathBuf;

/// A Fluent syntax error at a position in a file. Lines and columns start at 1; the column
/// counts characters, not bytes, so editors point at the right place in Arabic or Chinese text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct FtlError {
    /// Where the text came from, as shown to the user: a pack file (`DIR/ar.ftl`), `<key>` for
    /// a single template body, `<term N>` for a shared term.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, in the product's words (`the template is empty`).
    pub message: String,
}

impl std::fmt::Display for FtlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A row of an order file that could not be imported. `line` is the 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct RowError {
    /// The order file's path, as shown to the user.
    pub file: String,
    /// 1-based physical line where the row starts (the header is line 1).
    pub line: usize,
    /// Every problem of the row, joined with `; `, so the user can fix it in one go.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One or more Fluent syntax or structure errors; each names file, line and column.
    #[error("{}", join_lines(.0))]
    Ftl(Vec<FtlError>),

    /// Rendering failed: a variable had no value, a function is unknown, a reference is broken.
    #[error("cannot render '{key}' in {locale}: {problems}")]
    Render {
        /// Template key.
        key: String,
        /// The locale (BCP-47) whose text was rendered.
        locale: String,
        /// Every problem found, joined with `; ` (`unknown term -shop-name`).
        problems: String,
        /// Names of variables that had no value, so a UI can ask for exactly these.
        missing: Vec<String>,
    },

    /// No template has this key.
    #[error("no template with key '{0}'")]
    UnknownTemplate(String),

    /// A new template was given a key another template has.
    #[error("a template with key '{0}' already exists: choose another key, or edit that one")]
    KeyTaken(String),

    /// No imported order has this id.
    #[error("no order with id '{0}'")]
    UnknownOrder(String),

    /// The text is not approved (machine, needs review, stale) and the person did not confirm
    /// pasting it anyway.
    #[error("the {locale} text of '{key}' is {status}: confirm to paste it anyway")]
    Unreviewed {
        /// Template key.
        key: String,
        /// The locale that would be pasted.
        locale: String,
        /// Its status.
        status: crate::store::Status,
    },

    /// No translation provider with this name.
    #[error("no translation provider named '{name}'{}", configured_list(.configured))]
    UnknownProvider {
        /// The name asked for.
        name: String,
        /// The providers that exist.
        configured: Vec<String>,
    },

    /// A translation was asked for and no provider is configured.
    #[error("no translation provider is configured")]
    NoProvider,

    /// Several providers and none chosen as the default.
    #[error("several translation providers are configured ({}) and none is the default", .0.join(", "))]
    SeveralProviders(Vec<String>),

    /// An API key was to be stored but none was given.
    #[error("no API key was given")]
    EmptyKey,

    /// A translation into the template's own source language.
    #[error("{locale} is the source language of '{key}': choose another language")]
    SourceLanguageTarget {
        /// Template key.
        key: String,
        /// The language asked for.
        locale: String,
    },

    /// An order file none of whose rows could be imported.
    #[error("{}: no valid rows: {} row(s) rejected:\n{}", .path.display(), .rows.len(), join_lines(.rows))]
    NoValidRows {
        /// The file.
        path: PathBuf,
        /// Every rejected row with its line and reason.
        rows: Vec<RowError>,
    },

    /// A language tag that is not BCP-47 (`english`, `en--US`); carries the tag as given.
    #[error("'{0}' is not a valid locale (use a BCP-47 tag such as en, ar-SA, zh-CN)")]
    BadLocale(String),

    /// Invalid input that is not covered by a more precise variant (bad option, bad value).
    #[error("{0}")]
    Invalid(String),

    /// An order file that cannot be read at all (unknown header, not CSV/TSV).
    #[error("{path}: {message}")]
    BadFile {
        /// The order file.
        path: PathBuf,
        /// Why it cannot be read as orders, with the header columns that were found.
        message: String,
    },

    /// An order file where no column gives the order number: the columns are listed so the
    /// person can map one onto `order_id` (the Orders view offers them; the CLI names `--map`).
    #[error("{path}: {message}")]
    NoOrderId {
        /// The order file.
        path: PathBuf,
        /// Its header cells.
        columns: Vec<String>,
        /// What is missing and the columns found.
        message: String,
    },

    /// A file or folder cannot be read or written (an order file, a pack, an export).
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS reported (not found, permission denied, disk full…).
        #[source]
        source: std::io::Error,
    },

    /// A machine-translation service failed (bad key, quota, rate limit, unsupported
    /// language, network down…); nothing was stored.
    #[error("{0}")]
    Provider(#[from] crate::translate::MtError),

    /// A global shortcut that is not a key combination, or cannot be registered (another
    /// program holds it).
    #[error("{0}")]
    Hotkey(String),

    /// The OS keyring (Secret Service, Keychain, Credential Manager) is unavailable or
    /// refused; the message says how to fix it.
    #[error("{0}")]
    Keyring(String),

    /// The team repository could not be reached, or refused a push; the message carries what
    /// the host said and that local changes are kept for the next sync.
    #[error("{0}")]
    Remote(String),

    /// A team command on a library that is not bound to a team repository.
    #[error("this library is not bound to a team repository")]
    NotBound,

    /// The suggestion model (multilingual embeddings) is missing, damaged or failed; the
    /// message says where it was looked for and how to install it.
    #[error("{0}")]
    Model(String),

    /// The library database (SQLite) failed, or stayed locked by another process too long.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),

    /// The library database could not be upgraded to this version's schema when it was opened.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
    /// True when the caller's input was at fault (exit code 2): a bad file, key, language or
    /// value, a refused API key, a language pair the service does not translate. False (exit
    /// code 1) for failures inside or around the app that the same input would not cause on
    /// another day: the database, a full disk, the network, the keyring, a service's outage.
    #[must_use]
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Db(_)
            | Error::Migration(_)
            | Error::Keyring(_)
            | Error::Remote(_)
            | Error::Model(_) => false,
            Error::Io { source, .. } => !matches!(
                source.kind(),
                std::io::ErrorKind::StorageFull
                    | std::io::ErrorKind::QuotaExceeded
                    | std::io::ErrorKind::Interrupted
                    | std::io::ErrorKind::OutOfMemory
            ),
            Error::Provider(e) => e.is_user_error(),
            _ => true,
        }
    }

    /// The stable machine-readable code for the IPC layer (`{code, message}`).
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Error::Ftl(_) => Code::Ftl,
            Error::Render { missing, .. } if !missing.is_empty() => Code::Missing,
            Error::Render { .. } => Code::Render,
            Error::UnknownTemplate(_) => Code::UnknownTemplate,
            Error::KeyTaken(_) => Code::KeyTaken,
            Error::UnknownOrder(_) => Code::UnknownOrder,
            Error::Unreviewed { .. } => Code::Unreviewed,
            Error::UnknownProvider { .. } => Code::UnknownProvider,
            Error::NoProvider => Code::NoProvider,
            Error::SeveralProviders(_) => Code::SeveralProviders,
            Error::EmptyKey => Code::EmptyKey,
            Error::SourceLanguageTarget { .. } => Code::SourceLanguageTarget,
            Error::NoValidRows { .. } => Code::NoValidRows,
            Error::BadLocale(_) => Code::BadLocale,
            Error::Invalid(_) => Code::Invalid,
            Error::BadFile { .. } | Error::NoOrderId { .. } => Code::BadFile,
            Error::Io { .. } => Code::Io,
            Error::Provider(e) => e.code(),
            Error::Keyring(_) => Code::Keyring,
            Error::Hotkey(_) => Code::Hotkey,
            Error::Remote(_) => Code::TeamRemote,
            Error::NotBound => Code::TeamNotBound,
            Error::Model(_) => Code::Model,
            Error::Db(e) if is_busy(e) => Code::Busy,
            Error::Db(_) => Code::Db,
            Error::Migration(_) => Code::Migration,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn configured_list(configured: &[String]) -> String {
    if configured.is_empty() {
        String::new()
    } else {
        format!(" (configured: {})", configured.join(", "))
    }
}

/// Every machine-readable error code the app's IPC errors carry, in one place. Serialized in
/// snake_case (`unknown_template`); the front end localizes by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// Fluent syntax errors.
    Ftl,
    /// A render failed for another reason than missing values.
    Render,
    /// Values are missing (the IPC error lists them).
    Missing,
    /// No such template.
    UnknownTemplate,
    /// A new template's key is taken.
    KeyTaken,
    /// No such order.
    UnknownOrder,
    /// A text that is not approved needs a confirmation.
    Unreviewed,
    /// No such provider.
    UnknownProvider,
    /// No provider configured.
    NoProvider,
    /// Several providers and no default.
    SeveralProviders,
    /// No API key given.
    EmptyKey,
    /// Translation into the source language.
    SourceLanguageTarget,
    /// An order file with no valid row.
    NoValidRows,
    /// Not a locale.
    BadLocale,
    /// Any other invalid input.
    Invalid,
    /// A file of the wrong kind.
    BadFile,
    /// A file that cannot be read or written.
    Io,
    /// The OS keyring is unavailable.
    Keyring,
    /// The database failed.
    Db,
    /// The database stayed busy too long.
    Busy,
    /// The database could not be upgraded.
    Migration,
    /// A provider needs an API key.
    MtNoKey,
    /// A provider refused the API key.
    MtBadKey,
    /// A provider's quota is used up.
    MtQuota,
    /// A provider is rate-limiting.
    MtRateLimited,
    /// A provider does not translate this pair.
    MtUnsupported,
    /// A provider cannot be reached.
    MtNetwork,
    /// A provider failed.
    MtService,
    /// A provider answered in an unknown format.
    MtProtocol,
    /// The paste target did not get focus back.
    FocusNotRestored,
    /// Focus could not be read or set.
    FocusFailed,
    /// The clipboard could not be read.
    ClipboardReadFailed,
    /// The clipboard could not be written.
    ClipboardWriteFailed,
    /// The paste keystroke could not be sent.
    KeystrokeFailed,
    /// The OS ports (display, clipboard) are unavailable.
    Platform,
    /// A hotkey that cannot be used.
    Hotkey,
    /// The team repository cannot be reached or refused a push.
    TeamRemote,
    /// The library is not bound to a team repository.
    TeamNotBound,
    /// The suggestion model is missing or failed.
    Model,
    /// Something inside the app failed.
    Internal,
}

impl Code {
    /// The code as serialized.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Ftl => "ftl",
            Code::Render => "render",
            Code::Missing => "missing",
            Code::UnknownTemplate => "unknown_template",
            Code::KeyTaken => "key_taken",
            Code::UnknownOrder => "unknown_order",
            Code::Unreviewed => "unreviewed",
            Code::UnknownProvider => "unknown_provider",
            Code::NoProvider => "no_provider",
            Code::SeveralProviders => "several_providers",
            Code::EmptyKey => "empty_key",
            Code::SourceLanguageTarget => "source_language_target",
            Code::NoValidRows => "no_valid_rows",
            Code::BadLocale => "bad_locale",
            Code::Invalid => "invalid",
            Code::BadFile => "bad_file",
            Code::Io => "io",
            Code::Keyring => "keyring",
            Code::Db => "db",
            Code::Busy => "busy",
            Code::Migration => "migration",
            Code::MtNoKey => "mt_no_key",
            Code::MtBadKey => "mt_bad_key",
            Code::MtQuota => "mt_quota",
            Code::MtRateLimited => "mt_rate_limited",
            Code::MtUnsupported => "mt_unsupported",
            Code::MtNetwork => "mt_network",
            Code::MtService => "mt_service",
            Code::MtProtocol => "mt_protocol",
            Code::FocusNotRestored => "focus_not_restored",
            Code::FocusFailed => "focus_failed",
            Code::ClipboardReadFailed => "clipboard_read_failed",
            Code::ClipboardWriteFailed => "clipboard_write_failed",
            Code::KeystrokeFailed => "keystroke_failed",
            Code::Platform => "platform",
            Code::Hotkey => "hotkey",
            Code::TeamRemote => "team_remote",
            Code::TeamNotBound => "team_not_bound",
            Code::Model => "model",
            Code::Internal => "internal",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

fn join_lines<T: ToString>(errors: &[T]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The core's result type: fails with [`Error`] unless another error type is named.
pub type Result<T, E = Error> = std::result::Result<T, E>;
