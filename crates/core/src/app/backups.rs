//! Backups of the library: made on demand (`backup create`, Settings), once a day by the app,
//! and before a restore; listed and restored. They sit in a `backups` folder beside the library
//! file, named `<library>-<UTC time>.sqlite3`, and only the newest [`KEEP`] are kept there.
//! Rules: a restore checks the file first (a file that is not a QuickReply library, or is
//! damaged, changes nothing), and backs the current library up before replacing it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Library;
use crate::store::backup::check_library_file;
use crate::{Error, Result};

/// How many backups the backups folder keeps (the newest).
pub const KEEP: usize = 14;
/// The app makes one when the newest is older than this.
const DAILY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// One backup file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    /// Where it is.
    pub path: String,
    /// When it was made (RFC 3339, UTC), from the file's time.
    pub created: String,
    /// Its size.
    pub bytes: u64,
    /// How many templates it holds, when it could be read.
    pub templates: Option<i64>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RestoreReport {
    /// The backup that is now the library.
    pub restored: BackupInfo,
    /// The backup of the library as it was just before, to undo the restore with.
    pub before: BackupInfo,
}

/// The folder the library's backups go to: `backups/` beside the library file.
#[must_use]
pub fn folder(library: &Library) -> PathBuf {
    folder_of(library.path())
}

fn folder_of(db: &Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"))
}

fn stem_of(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy().into_owned())
}

/// Makes a backup: at `dest`, or in the backups folder (then only the newest [`KEEP`] stay).
///
/// # Errors
/// The file cannot be written (a full disk, no permission); database failure.
pub fn create(library: &Library, dest: Option<&Path>) -> Result<BackupInfo> {
    let path = match dest {
        Some(dest) => dest.to_path_buf(),
        None => next_name(library.path()),
    };
    if dest.is_some() && path.exists() {
        return Err(Error::Invalid(format!(
            "{} already exists: give a new file name, or leave it out to write to {}",
            path.display(),
            folder(library).display()
        )));
    }
    // A second connection copies a consistent snapshot (WAL) without holding the shared one,
    // so the palette does not wait while a large library (a million orders) is copied.
    if library.path() == Path::new(":memory:") {
        library.store().backup_to(&path)?;
    } else {
        library.own_connection()?.backup_to(&path)?;
    }
    if dest.is_none() {
        prune(library)?;
    }
    info(&path)
}

/// A new file name in the backups folder, from the current time (UTC, to the second; a
/// counter when two backups fall in one second).
fn next_name(db: &Path) -> PathBuf {
    let now = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let base = format!("{}-{now}", stem_of(db));
    let dir = folder_of(db);
    let mut path = dir.join(format!("{base}.sqlite3"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.sqlite3"));
        n += 1;
    }
    path
}

/// The library's backups in the backups folder, newest first.
///
/// # Errors
/// The folder exists but cannot be read.
pub fn list(library: &Library) -> Result<Vec<BackupInfo>> {
    let mut out: Vec<BackupInfo> = own_files(library)?
        .iter()
        .filter_map(|p| info(p).ok())
        .collect();
    out.sort_by(|a, b| b.created.cmp(&a.created).then(b.path.cmp(&a.path)));
    Ok(out)
}

/// Files named like this library's backups.
fn own_files(library: &Library) -> Result<Vec<PathBuf>> {
    let dir = folder(library);
    let prefix = format!("{}-", stem_of(library.path()));
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    Ok(entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "sqlite3")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect())
}

fn info(path: &Path) -> Result<BackupInfo> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let created = meta
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map_or_else(String::new, |t| t.to_string());
    Ok(BackupInfo {
        path: path.display().to_string(),
        created,
        bytes: meta.len(),
        templates: check_library_file(path).ok().map(|f| f.templates),
    })
}

/// Keeps the newest [`KEEP`] backups in the folder.
fn prune(library: &Library) -> Result<()> {
    for old in list(library)?.iter().skip(KEEP) {
        let path = Path::new(&old.path);
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Replaces the library with the backup `file`, after checking it and backing the current
/// library up.
///
/// # Errors
/// [`Error::BadFile`] when `file` is not a QuickReply library, is damaged or from a newer
/// version: the library is left as it was. A failed backup of the current library also stops
/// the restore before anything changes.
pub fn restore(library: &Library, file: &Path) -> Result<RestoreReport> {
    check_library_file(file)?;
    let restored = info(file)?;
    // Not pruned yet: the file being restored may be the oldest one kept.
    let before_path = next_name(library.path());
    library.store().backup_to(&before_path)?;
    library.store().restore_from(file)?;
    library.changed();
    prune(library)?;
    Ok(RestoreReport {
        restored,
        before: info(&before_path)?,
    })
}

/// The app's daily backup: made when the newest backup is more than a day old (or there is
/// none). Returns it when one was made.
///
/// # Errors
/// As [`create`].
pub fn daily_if_due(library: &Library) -> Result<Option<BackupInfo>> {
    let newest = own_files(library)?
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max();
    let due = newest.is_none_or(|t| t.elapsed().map_or(true, |age| age >= DAILY));
    if due {
        create(library, None).map(Some)
    } else {
        Ok(None)
    }
}

/// Before an import that would replace more than one of the library's templates: a backup,
/// so a wrong import can be undone with `backup restore`.
///
/// # Errors
/// As [`create`]: the import does not start then.
pub(crate) fn before_replacing(library: &Library, replaced: usize) -> Result<Option<BackupInfo>> {
    if replaced > 1 {
        create(library, None).map(Some)
    } else {
        Ok(None)
    }
}

/// Before a newer QuickReply migrates an existing library file to its schema: a copy of the
/// file as it was, in the backups folder (kept like the others). A new or current file needs
/// none.
///
/// # Errors
/// The file cannot be read or the copy written: the library is not opened then.
pub(crate) fn before_migration(db: &Path) -> Result<Option<PathBuf>> {
    if !db.is_file() {
        return Ok(None);
    }
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // Another process may be creating or migrating this very file: wait for it, as the
    // store's own connection does, instead of failing with "database is locked".
    conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = i64::try_from(crate::store::LATEST_SCHEMA).unwrap_or(i64::MAX);
    if version == 0 || version >= latest {
        return Ok(None);
    }
    let dest = next_name(db);
    crate::store::backup::copy_database(&conn, &dest)?;
    Ok(Some(dest))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_older_library_is_copied_before_it_is_migrated_and_a_current_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.sqlite3");
        {
            let mut conn = rusqlite::Connection::open(&db).unwrap();
            crate::store::migrations().to_version(&mut conn, 4).unwrap();
        }
        let library = Library::open(&db).unwrap();
        let copies = list(&library).unwrap();
        assert_eq!(copies.len(), 1, "{copies:?}");
        let copy = rusqlite::Connection::open(&copies[0].path).unwrap();
        let version: i64 = copy
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 4, "the copy is the library as it was");
        drop(library);
        let again = Library::open(&db).unwrap();
        let fresh = Library::open(&dir.path().join("new.sqlite3")).unwrap();
        assert_eq!(
            list(&again).unwrap().len(),
            1,
            "a current library is not copied"
        );
        assert!(list(&fresh).unwrap().is_empty(), "nor a new one");
    }

    #[test]
    fn the_daily_backup_is_made_once_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
        assert!(
            daily_if_due(&library).unwrap().is_some(),
            "none yet: one is made"
        );
        assert!(
            daily_if_due(&library).unwrap().is_none(),
            "one today: none more"
        );
        assert_eq!(list(&library).unwrap().len(), 1);
    }
}
