//! Copies of the library file made with SQLite's online backup API (consistent while the app
//! and the CLI keep writing), and restoring one into the open library.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::{Error, Result};

/// Pages copied per step of the backup API: small steps let other writers in between.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// What a library file holds, as far as a restore needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryFile {
    /// Its schema version (`PRAGMA user_version`).
    pub version: i64,
    /// How many templates it has.
    pub templates: i64,
}

/// Writes a consistent copy of the database behind `from` to `dest` with SQLite's online
/// backup API. The copy is written under a temporary name beside `dest` and renamed when
/// complete, so `dest` never holds half a library. Also used on a file not yet migrated
/// (the copy before a schema update), which is why it takes a plain connection.
///
/// # Errors
/// The folder cannot be written (a full disk, no permission); database failure.
pub(crate) fn copy_database(from: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| -> Result<()> {
        let mut copy = Connection::open(&partial)?;
        {
            let backup = rusqlite::backup::Backup::new(from, &mut copy)?;
            backup.run_to_completion(PAGES_PER_STEP, std::time::Duration::ZERO, None)?;
        }
        // A backup is one file: no WAL beside it.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        drop(copy);
        std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

impl Store {
    /// Writes a consistent copy of the library to `dest` (see [`copy_database`]).
    ///
    /// # Errors
    /// The folder cannot be written (a full disk, no permission); database failure.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_database(self.conn(), dest)
    }

    /// Replaces the whole library with the one in `src` (checked first with
    /// [`check_library_file`]), in place, then brings it to the current schema. Other
    /// connections (the app, while the CLI restores) see the restored library on their next
    /// read.
    ///
    /// # Errors
    /// As [`check_library_file`] (nothing is changed then); database failure.
    pub fn restore_from(&mut self, src: &Path) -> Result<LibraryFile> {
        let info = check_library_file(src)?;
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = rusqlite::backup::Backup::new(&from, self.conn_mut())?;
            backup.run_to_completion(PAGES_PER_STEP, std::time::Duration::ZERO, None)?;
        }
        super::switch_to_wal(self.conn())?;
        super::migrate(self.conn_mut())?;
        Ok(info)
    }
}

/// Checks that `path` is a QuickReply library this version can open: an SQLite file that
/// passes `PRAGMA integrity_check`, with the library's tables, not from a newer version.
///
/// # Errors
/// [`Error::BadFile`] saying what is wrong with it (exit code 2).
pub fn check_library_file(path: &Path) -> Result<LibraryFile> {
    let bad = |message: String| Error::BadFile {
        path: path.to_path_buf(),
        message,
    };
    if !path.is_file() {
        return Err(bad(
            "there is no such file: pick one of `backup list`".into()
        ));
    }
    let not_library = || {
        bad("this is not a QuickReply library (a backup is a .sqlite3 file made by `backup create` or the app)".into())
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| not_library())?;
    let integrity: String = match conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)) {
        Ok(answer) => answer,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(not_library());
        }
        Err(e) => {
            return Err(bad(format!(
                "the file is damaged ({e}); pick an older backup"
            )));
        }
    };
    if integrity != "ok" {
        return Err(bad(format!(
            "the file is damaged (SQLite's integrity check says: {integrity}); pick an older backup"
        )));
    }
    let has = |table: &str| -> bool {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .is_ok_and(|n| n == 1)
    };
    if !["templates", "variants", "settings", "orders"]
        .iter()
        .all(|t| has(t))
    {
        return Err(not_library());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let current = i64::try_from(super::schema::LATEST).unwrap_or(i64::MAX);
    if version > current {
        return Err(bad(format!(
            "this library was written by a newer QuickReply (schema {version}, this one knows {current}); update QuickReply first"
        )));
    }
    let templates: i64 = conn.query_row("SELECT count(*) FROM templates", [], |r| r.get(0))?;
    Ok(LibraryFile { version, templates })
}
