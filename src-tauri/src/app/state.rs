//! What the app keeps between commands: the library (with its renderer and search index, from
//! the core's application layer), the OS ports, and the palette's current opening.

use std::sync::{Mutex, MutexGuard};

use quickreply_core::Library;
use quickreply_core::app::errors::{self, ShownError};
use quickreply_core::app::lock;
use quickreply_core::app::palette::PaletteContext;
use quickreply_core::app::settings::{self, UiLang};
use quickreply_core::ports::WindowId;
use quickreply_core::{Code, Error};
use quickreply_platform::Ports;

use super::error::IpcResult;

/// The app's managed state.
pub struct AppState {
    /// The open library.
    pub library: Library,
    /// Created on first use: no display at start-up must not stop the app.
    ports: Mutex<Option<Ports>>,
    /// The palette's own focus connection and window, for its activation.
    pub palette_focus: Mutex<crate::app::windows::palette::PaletteFocus>,
    /// The window that had focus when the hotkey was pressed; the paste goes there.
    pub target: Mutex<Option<WindowId>>,
    /// The palette's context for its current opening.
    pub context: Mutex<Option<PaletteContext>>,
    /// The registered hotkey.
    pub hotkey: Mutex<String>,
    /// The hotkey is paused from the tray.
    pub paused: Mutex<bool>,
    /// The order chosen in the Orders view: the palette fills replies with it when the
    /// clipboard names no order.
    pub active_order: Mutex<Option<String>>,
    /// What the library window should show next (taken by the window when it starts).
    pub library_request: Mutex<Option<crate::app::commands::library::LibraryOpen>>,
    /// Suggestions for copied buyer messages (a helper process) and the current opening's.
    pub suggestions: crate::app::suggestions::Helper,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("library", &self.library)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// The clipboard text when the palette opened (`$clipboard` of this opening).
    pub fn opening_clipboard(&self) -> Option<String> {
        self.lock(&self.context)
            .as_ref()
            .and_then(|c| c.clipboard.clone())
    }

    pub fn new(library: Library, hotkey: String) -> Self {
        Self {
            suggestions: crate::app::suggestions::Helper::new(library.path()),
            library,
            ports: Mutex::new(None),
            palette_focus: Mutex::default(),
            target: Mutex::new(None),
            context: Mutex::new(None),
            library_request: Mutex::new(None),
            active_order: Mutex::new(None),
            hotkey: Mutex::new(hotkey),
            paused: Mutex::new(false),
        }
    }

    /// The staff's UI language, as Settings decide it.
    pub fn ui_lang(&self) -> UiLang {
        settings::load(&self.library)
            .map(|s| s.effective_ui_lang())
            .unwrap_or(UiLang::En)
    }

    /// A core error in words for the person using the app.
    pub fn shown(&self, error: &Error) -> ShownError {
        errors::for_person(error, self.ui_lang())
    }

    /// Runs one application-layer call and turns its error into the IPC shape.
    pub fn run<T>(&self, f: impl FnOnce(&Library) -> quickreply_core::Result<T>) -> IpcResult<T> {
        f(&self.library).map_err(|e| self.shown(&e))
    }

    /// Runs `f` with the OS ports, creating them on first use.
    pub fn with_ports<R>(&self, f: impl FnOnce(&mut Ports) -> R) -> IpcResult<R> {
        let mut slot = lock(&self.ports);
        if slot.is_none() {
            *slot = Some(quickreply_platform::ports().map_err(|e| ShownError {
                code: Code::Platform,
                message: e.to_string(),
                missing: Vec::new(),
            })?);
        }
        match slot.as_mut() {
            Some(ports) => Ok(f(ports)),
            None => unreachable!("the ports were just created"),
        }
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
