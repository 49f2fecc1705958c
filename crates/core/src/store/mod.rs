//! The local SQLite library: templates, variants, terms, orders, shop variables, usage.

pub mod backup;
pub mod library;
pub mod orders;
pub mod providers;
pub mod review;
mod schema;
pub mod suggest;
pub use schema::LATEST as LATEST_SCHEMA;
pub mod templates;
mod vars;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Error, Result};

pub use library::{DeletedTemplate, HistoryEntry};
pub use orders::ImportSummary;
pub use schema::migrations;
pub use templates::{Status, Template, TemplateMeta, Variant, source_hash};
pub use vars::{check_variable_name, is_variable_name};

/// How long a writer waits for another one before giving up.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Brings the schema up to date. Two processes opening an old or new file at once both read
/// its version before either migrates; the second then fails on tables that now exist, after
/// waiting for the first to commit. It has nothing left to do then.
fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = migrations();
    match migrations.to_latest(conn) {
        Ok(()) => Ok(()),
        Err(e) => {
            let now = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, usize>(0))?;
            if now == LATEST_SCHEMA {
                Ok(())
            } else {
                Err(e.into())
            }
        }
    }
}

/// Switches the file to WAL (it stays so: the switch is written to the file). SQLite needs the
/// file to itself for that and does not wait for it: while another process creates or opens
/// the same new file, the switch fails at once with "database is locked", busy_timeout or not.
/// It is tried again until the other lets go, as long as a writer would wait.
fn switch_to_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return Ok(other?),
        }
    }
}

/// An open library database. One `Store` per thread; SQLite in WAL mode lets the palette read
/// while the manager writes.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// # Errors
    /// The file cannot be created or opened, or a migration fails.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path)?;
        Self::setup(conn, path.to_path_buf())
    }

    /// An in-memory database, for tests and benchmarks.
    ///
    /// # Errors
    /// A migration fails.
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Self> {
        // The CLI, the app and a second import may write at once. A writer waits for the
        // other (busy_timeout, set first so that even switching a new file to WAL waits)
        // instead of failing with "database is locked"; the longest write, a million-order
        // import, holds the lock for a few seconds.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every transaction takes the write lock when it begins (BEGIN IMMEDIATE). A deferred
        // one that reads first and writes later cannot wait for the lock when another
        // connection committed in between: SQLite fails it at once with SQLITE_BUSY.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // WAL: readers never block the writer; NORMAL sync is durable enough under WAL and
        // keeps bulk imports fast.
        switch_to_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        Ok(Self { conn, path })
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection (another process,
    /// or this process's second connection) commits to the file.
    ///
    /// # Errors
    /// Database failure.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The file this store lives in (`:memory:` for in-memory stores).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for modules of this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// The database used when neither `--db` nor `QUICKREPLY_DB` names one:
/// `<OS data dir>/QuickReply/library.sqlite3`.
#[must_use]
pub fn default_db_path(data_dir: Option<PathBuf>) -> PathBuf {
    data_dir
        .unwrap_or_else(|| PathBuf::from("."))
        .join("QuickReply")
        .join("library.sqlite3")
}

/// A library in memory with one pack imported, for tests: `(locale, FTL text)` files, `en`
/// being the source; translations get `status` (approved when `None`).
#[cfg(test)]
pub(crate) fn test_library(files: &[(&str, &str)], status: Option<Status>) -> Store {
    use crate::pack::{self, ImportOptions};
    let mut store = Store::open_in_memory().expect("in-memory library");
    let pack = pack::test_pack(files);
    pack::import(
        &mut store,
        &pack,
        &ImportOptions {
            status,
            ..Default::default()
        },
    )
    .expect("the test pack imports");
    store
}
