//! The application layer: one function per use case, called by both the command line and the
//! desktop app. A rule about what QuickReply does (which language answers, when a paste needs
//! a confirmation, which provider translates, what a setting may hold) lives here or below,
//! never in a CLI arm or a Tauri command, so the two front ends cannot drift apart.
//!
//! Each module is one area of use cases; every function takes a [`Library`] (the open library
//! with its renderer and search index) and the ports it needs, and returns plain data that
//! both front ends print or serialize.

pub mod backups;
pub mod detect;
pub mod editing;
pub mod errors;
pub mod identity;
pub mod imports;
pub mod insights;
pub mod library;
pub mod orders;
pub mod packs;
pub mod palette;
pub mod paste;
pub mod providers;
pub mod review;
pub mod settings;
pub mod setup;
pub mod suggest;
pub mod team;
pub mod templates;
pub mod vars;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::Result;
use crate::pack::{self, ImportReport, Pack};
use crate::search::SearchIndex;
use crate::store::Store;
use crate::template::Renderer;

/// An open library: the SQLite store, the Fluent renderer with its bundle cache, and the
/// search index (built on first use, dropped when the library changes). The desktop app keeps
/// one for its whole run; the command line opens one per command.
pub struct Library {
    path: PathBuf,
    store: Mutex<Store>,
    renderer: Renderer,
    /// The search index, with the `PRAGMA data_version` it was built at.
    index: Mutex<Option<(i64, Arc<SearchIndex>)>>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Locks `m`, also after a panic in another thread that held it: every write under these
/// locks is a single assignment or a SQLite transaction, so the data behind a poisoned lock
/// is still valid, and a panic must not make the library (or the app) unusable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Library {
    /// Opens (creating if needed) the library at `path`.
    ///
    /// # Errors
    /// The file cannot be opened or migrated.
    pub fn open(path: &Path) -> Result<Self> {
        // A library written by an older version is copied before its schema changes.
        if let Some(copy) = backups::before_migration(path)? {
            log::info!(
                "backed the library up before updating it: {}",
                copy.display()
            );
        }
        Ok(Self::with_store(path.to_path_buf(), Store::open(path)?))
    }

    /// Opens the library for the desktop app: a library without templates gets the starter
    /// templates (the command line never does this on its own: `pack import --starter`).
    /// Returns the starter import's report when it happened.
    ///
    /// # Errors
    /// As [`Library::open`], or the starter pack failing to import.
    pub fn open_for_app(path: &Path) -> Result<(Self, Option<ImportReport>)> {
        let library = Self::open(path)?;
        let report = if library.store().templates()?.is_empty() {
            let mut store = library.store();
            Some(pack::import(
                &mut store,
                &Pack::starter(),
                &Default::default(),
            )?)
        } else {
            None
        };
        Ok((library, report))
    }

    /// A library over an already open store (tests, in-memory libraries).
    #[must_use]
    pub fn with_store(path: PathBuf, store: Store) -> Self {
        Self {
            path,
            store: Mutex::new(store),
            renderer: Renderer::new(),
            index: Mutex::new(None),
        }
    }

    /// Where the library lives.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The shared connection. Hold it briefly: the palette waits on it.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// A second connection, for slow work (a translation service, a back-translation) that
    /// must not hold the shared one while it waits on the network.
    ///
    /// # Errors
    /// The file cannot be opened.
    pub fn own_connection(&self) -> Result<Store> {
        Store::open(&self.path)
    }

    /// The renderer (bundles cached per locale and text).
    #[must_use]
    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// The search index, built on first use after a change: one made here (see
    /// [`Library::changed`]) or one another process committed (the CLI importing a pack while
    /// the app runs), which SQLite's `data_version` tells at the cost of one pragma.
    ///
    /// # Errors
    /// Database failure while building it.
    pub fn index(&self) -> Result<Arc<SearchIndex>> {
        let mut slot = lock(&self.index);
        let store = self.store();
        let version = store.data_version()?;
        if let Some((built_at, index)) = slot.as_ref()
            && *built_at == version
        {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(SearchIndex::from_store(&store)?);
        *slot = Some((version, Arc::clone(&index)));
        Ok(index)
    }

    /// Forgets what was derived from the library (the search index) after a change: an
    /// import, a review decision, a use that changes the ranking.
    pub fn changed(&self) {
        *lock(&self.index) = None;
    }
}

/// An in-memory library holding `files` (`(locale, FTL text)`), for the use cases' tests.
#[cfg(test)]
pub(crate) fn test_library(files: &[(&str, &str)]) -> Library {
    Library::with_store(
        PathBuf::from(":memory:"),
        crate::store::test_library(files, None),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pack::{ImportOptions, test_pack};

    fn pack(text: &str) -> Pack {
        test_pack(&[("en", text)])
    }

    /// The CLI writing while the app runs: the app's next search sees the change, with no
    /// restart and no event between the two processes.
    #[test]
    fn a_change_committed_by_another_connection_reaches_the_search() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        let app = Library::open(&path).unwrap();
        pack::import(
            &mut app.store(),
            &pack("hello = Hello\n"),
            &ImportOptions::default(),
        )
        .unwrap();
        app.changed();
        assert!(
            templates::search(&app, "zebra", None, 5)
                .unwrap()
                .is_empty()
        );

        // Another process (here another connection to the same file) adds a reply.
        let mut cli = Store::open(&path).unwrap();
        let zebra = pack("hello = Hello\nzebra-print = The zebra print is back in stock\n");
        pack::import(&mut cli, &zebra, &ImportOptions::default()).unwrap();

        let hits = templates::search(&app, "zebra", None, 5).unwrap();
        assert_eq!(hits.first().map(|h| h.key.as_str()), Some("zebra-print"));
    }
}
