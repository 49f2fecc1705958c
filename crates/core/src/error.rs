//! The one error type of the core crate.
//!
//! Variants carry the context a person needs to fix the problem; `is_user_error` tells the CLI
//! and the IPC layer whether the input was at fault (exit code 2) or something broke inside
//! (exit code 1).

use std::path::PathBuf;

/// A Fluent syntax error at a position in a file. Lines and columns start at 1; the column
/// counts characters, not bytes, so editors point at the right place in Arabic or Chinese text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FtlError {
    pub file: String,
    pub line: usize,
    pub column: usize,
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub file: String,
    pub line: usize,
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
        key: String,
        locale: String,
        problems: String,
        /// Names of variables that had no value, so a UI can ask for exactly these.
        missing: Vec<String>,
    },

    #[error("no template with key '{0}' (run `quickreply templates list` to see the keys)")]
    UnknownTemplate(String),

    #[error("no order with id '{0}' (import it with `quickreply orders import FILE`)")]
    UnknownOrder(String),

    #[error("'{0}' is not a valid locale (use a BCP-47 tag such as en, ar-SA, zh-CN)")]
    BadLocale(String),

    /// Invalid input that is not covered by a more precise variant (bad option, bad value).
    #[error("{0}")]
    Invalid(String),

    /// An order file that cannot be read at all (unknown header, not CSV/TSV).
    #[error("{path}: {message}")]
    BadFile { path: PathBuf, message: String },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A machine-translation service failed (bad key, quota, rate limit, unsupported
    /// language, network down…); nothing was stored.
    #[error("{0}")]
    Provider(#[from] crate::translate::MtError),

    /// The OS keyring (Secret Service, Keychain, Credential Manager) is unavailable or
    /// refused; the message says how to fix it.
    #[error("{0}")]
    Keyring(String),

    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),

    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
    /// True when the caller's input was at fault (exit code 2), false for internal failures
    /// (exit code 1). A file that cannot be read or written is the caller's to fix (wrong path,
    /// permissions); a failing database is not.
    #[must_use]
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Db(_) | Error::Migration(_))
    }

    /// A stable machine-readable code for the IPC layer (`{code, message}`).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::Ftl(_) => "ftl",
            Error::Render { .. } => "render",
            Error::UnknownTemplate(_) => "unknown_template",
            Error::UnknownOrder(_) => "unknown_order",
            Error::BadLocale(_) => "bad_locale",
            Error::Invalid(_) => "invalid",
            Error::BadFile { .. } => "bad_file",
            Error::Io { .. } => "io",
            Error::Provider(e) => e.code(),
            Error::Keyring(_) => "keyring",
            Error::Db(_) => "db",
            Error::Migration(_) => "migration",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn join_lines(errors: &[FtlError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
