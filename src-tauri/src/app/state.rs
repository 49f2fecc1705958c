//! What the app keeps between commands: the library, the renderer's bundle cache, the search
//! index, the OS ports and the palette's current context.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use quickreply_core::orders::Order;
use quickreply_core::ports::WindowId;
use quickreply_core::search::SearchIndex;
use quickreply_core::store::Store;
use quickreply_core::template::Renderer;
use quickreply_platform::Ports;
use serde::Serialize;

use super::error::{IpcError, IpcResult};

/// Where the palette's target language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    Order,
    Clipboard,
    Default,
}

/// What the palette shows in its chips when it opens.
#[derive(Debug, Clone, Serialize)]
pub struct PaletteContext {
    pub order: Option<Order>,
    pub lang: String,
    pub lang_source: LangSource,
    pub locales: Vec<String>,
    pub ui_lang: String,
    /// Translations waiting for a reviewer (all languages).
    pub review_count: u64,
}

pub struct AppState {
    pub db_path: PathBuf,
    store: Mutex<Store>,
    pub renderer: Renderer,
    index: Mutex<Option<Arc<SearchIndex>>>,
    /// Created on first use: no display at start-up must not stop the app.
    ports: Mutex<Option<Ports>>,
    /// The window that had focus when the hotkey was pressed; the paste goes there.
    pub target: Mutex<Option<WindowId>>,
    pub context: Mutex<Option<PaletteContext>>,
    pub hotkey: Mutex<String>,
    pub paused: Mutex<bool>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db_path", &self.db_path)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a lock must not take the app down with it: the data is still valid
    // (every write is a single assignment or a SQLite transaction).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    pub fn new(db_path: PathBuf, store: Store, hotkey: String) -> Self {
        Self {
            db_path,
            store: Mutex::new(store),
            renderer: Renderer::new(),
            index: Mutex::new(None),
            ports: Mutex::new(None),
            target: Mutex::new(None),
            context: Mutex::new(None),
            hotkey: Mutex::new(hotkey),
            paused: Mutex::new(false),
        }
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The search index, built on first use after a library change.
    pub fn index(&self) -> IpcResult<Arc<SearchIndex>> {
        let mut slot = lock(&self.index);
        if let Some(index) = slot.as_ref() {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(SearchIndex::from_store(&self.store())?);
        *slot = Some(Arc::clone(&index));
        Ok(index)
    }

    /// Forget the index after the library changed (import, usage that affects ranking).
    pub fn invalidate_index(&self) {
        *lock(&self.index) = None;
    }

    /// Runs `f` with the OS ports, creating them on first use.
    pub fn with_ports<R>(&self, f: impl FnOnce(&mut Ports) -> R) -> IpcResult<R> {
        let mut slot = lock(&self.ports);
        if slot.is_none() {
            *slot = Some(
                quickreply_platform::ports()
                    .map_err(|e| IpcError::new("platform", e.to_string()))?,
            );
        }
        Ok(f(slot.as_mut().expect("ports were just created")))
    }

    /// Asks the OS something through the ports; a failure (no display, an X error) is logged
    /// and read as "don't know", because none of these questions may stop the palette.
    pub fn query_ports<T>(
        &self,
        what: &str,
        f: impl FnOnce(&mut Ports) -> Result<T, quickreply_core::ports::PortError>,
    ) -> Option<T> {
        match self.with_ports(f) {
            Ok(Ok(value)) => Some(value),
            Ok(Err(e)) => {
                log::debug!("{what}: {e}");
                None
            }
            Err(e) => {
                log::debug!("{what}: {}", e.message);
                None
            }
        }
    }

    pub fn lock<'a, T>(&self, m: &'a Mutex<T>) -> MutexGuard<'a, T> {
        lock(m)
    }
}
