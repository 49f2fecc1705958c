//! The RAII guard that puts the user's clipboard back.

use crate::ports::{Clipboard, ClipboardContents, PortError};

/// Holds the clipboard and what was on it before the app wrote there, and restores it when
/// dropped — on every early return, error or panic after the guard exists. The normal path
/// calls [`restore`](Self::restore) instead, to see a failure rather than only log it.
pub struct ClipboardGuard<'a> {
    clipboard: &'a mut dyn Clipboard,
    /// `None` once restored or disarmed, so the restore happens at most once.
    saved: Option<ClipboardContents>,
}

impl<'a> ClipboardGuard<'a> {
    /// Arms the guard with `saved`, the contents to put back.
    pub fn new(clipboard: &'a mut dyn Clipboard, saved: ClipboardContents) -> Self {
        Self {
            clipboard,
            saved: Some(saved),
        }
    }

    /// The guarded clipboard, to write the reply through while the guard stays armed.
    pub fn clipboard(&mut self) -> &mut dyn Clipboard {
        &mut *self.clipboard
    }

    /// Restores now and disarms.
    ///
    /// # Errors
    /// The clipboard's restore error; the guard is disarmed either way (no second try in Drop).
    pub fn restore(mut self) -> Result<(), PortError> {
        match self.saved.take() {
            Some(saved) => self.clipboard.restore(&saved),
            None => Ok(()),
        }
    }

    /// Disarms without restoring (the reply stays on the clipboard) and returns the saved
    /// contents.
    pub fn disarm(mut self) -> ClipboardContents {
        self.saved.take().unwrap_or_default()
    }
}

impl Drop for ClipboardGuard<'_> {
    fn drop(&mut self) {
        if let Some(saved) = self.saved.take() {
            match self.clipboard.restore(&saved) {
                Ok(()) => log::debug!("clipboard restored after an aborted paste"),
                // Drop cannot return the error; the log is where the user's lost clipboard shows.
                Err(e) => {
                    log::error!("could not restore the clipboard after an aborted paste: {e}")
                }
            }
        }
    }
}

impl std::fmt::Debug for ClipboardGuard<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClipboardGuard")
            .field("saved", &self.saved)
            .finish_non_exhaustive()
    }
}
