//! QuickReply's platform layer: the real implementations of the core's
//! [ports](quickreply_core::ports) — clipboard (arboard; on X11 a byte-exact save and restore
//! of every target, `X11Clipboard`), paste keystroke (enigo) and focus
//! tracking (X11 via x11rb, Windows, macOS) — and [`ports()`], the one factory the shell calls.
//!
//! Everything here is created lazily or cheaply, never `expect()`ed: a missing display is an
//! error the shell shows, not a crash at start-up.

mod clipboard;
mod keys;
#[cfg(target_os = "macos")]
mod macos;
mod secrets;
#[cfg(windows)]
mod windows;
#[cfg(all(unix, not(target_os = "macos")))]
pub mod x11;
#[cfg(all(unix, not(target_os = "macos")))]
mod x11_clipboard;

pub use clipboard::ArboardClipboard;
pub use keys::EnigoKeys;
#[cfg(target_os = "macos")]
pub use macos::MacFocus;
pub use secrets::OsKeyring;
#[cfg(windows)]
pub use windows::WindowsFocus;
#[cfg(all(unix, not(target_os = "macos")))]
pub use x11_clipboard::{DEFAULT_SNAPSHOT_LIMIT, X11Clipboard};

use quickreply_core::ports::{Clipboard, FocusTracker, KeyInjector, PortError};

/// The OS ports the paste pipeline runs over. `Send`, so the shell can move them to the worker
/// thread that waits and pastes; keep one `Ports` for the app's whole run (the clipboard in it
/// owns what the app put on the X11 clipboard).
pub struct Ports {
    pub clipboard: Box<dyn Clipboard + Send>,
    pub keys: Box<dyn KeyInjector + Send>,
    pub focus: Box<dyn FocusTracker + Send>,
    /// Which backends were picked, for logs and a diagnostics screen.
    pub backend: String,
}

impl std::fmt::Debug for Ports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ports")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// Picks the backends for this OS and session, and logs the choice (`log::info!`).
///
/// # Errors
/// [`PortError::Unsupported`] on a Wayland-only session (no `DISPLAY`): the palette can still
/// be opened with `quickreply palette`, but pasting needs X11 or XWayland; on an OS without a
/// backend. [`PortError::Focus`] when `DISPLAY` is set but no X server answers.
pub fn ports() -> Result<Ports, PortError> {
    let ports = platform_ports()?;
    log::info!("paste backend: {}", ports.backend);
    Ok(ports)
}

/// A focus tracker of its own, for the palette's activation: it asks the window system while
/// the shared [`Ports`] are busy reading the clipboard for the same opening (on X11 a second
/// connection, so neither waits for the other's round trips).
///
/// # Errors
/// As [`ports`].
pub fn focus_tracker() -> Result<Box<dyn FocusTracker + Send>, PortError> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        x11_display()?;
        Ok(Box::new(x11::X11Focus::connect()?))
    }
    #[cfg(windows)]
    {
        Ok(Box::new(WindowsFocus))
    }
    #[cfg(target_os = "macos")]
    {
        Ok(Box::new(MacFocus))
    }
    #[cfg(not(any(unix, windows)))]
    {
        Err(PortError::Unsupported(format!(
            "focus is not supported on {}",
            std::env::consts::OS
        )))
    }
}

/// A set environment variable, blank counting as unset.
#[cfg(all(unix, not(target_os = "macos")))]
fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The X11 display (`DISPLAY`), or why there is none and what to do.
#[cfg(all(unix, not(target_os = "macos")))]
fn x11_display() -> Result<String, PortError> {
    non_empty("DISPLAY").ok_or_else(|| {
        let session = if non_empty("WAYLAND_DISPLAY").is_some() {
            "this is a Wayland session without X11/XWayland (DISPLAY is not set)"
        } else {
            "no graphical session found (DISPLAY is not set)"
        };
        PortError::Unsupported(format!(
            "{session}: pasting into other apps needs X11 or XWayland. The palette can still be \
             opened with `quickreply palette`: bind that command to a desktop shortcut."
        ))
    })
}

#[cfg(all(unix, not(target_os = "macos")))]
fn platform_ports() -> Result<Ports, PortError> {
    let display = x11_display()?;
    // Connect now: a wrong DISPLAY is a clear error here instead of a failed paste later.
    let mut focus = x11::X11Focus::connect()?;
    let focus_mode = match focus.window_manager()? {
        Some(wm) if focus.uses_ewmh()? => format!("_NET_ACTIVE_WINDOW of window manager {wm:?}"),
        Some(wm) => format!("GetInputFocus (window manager {wm:?} has no _NET_ACTIVE_WINDOW)"),
        None => "GetInputFocus (no window manager)".to_owned(),
    };
    if non_empty("WAYLAND_DISPLAY").is_some() {
        log::warn!("XWayland: focus tracking and paste reach X11 windows only");
    }
    Ok(Ports {
        clipboard: Box::new(X11Clipboard::new()),
        keys: Box::new(EnigoKeys::new()),
        focus: Box::new(focus),
        backend: format!(
            "X11 on DISPLAY={display}: clipboard saved and restored byte for byte (every \
             target, served by our own owner thread, which also serves the reply; arboard is \
             the fallback), keys enigo (x11rb/XTEST), focus {focus_mode}"
        ),
    })
}

#[cfg(windows)]
fn platform_ports() -> Result<Ports, PortError> {
    Ok(Ports {
        clipboard: Box::new(ArboardClipboard::new()),
        keys: Box::new(EnigoKeys::new()),
        focus: Box::new(WindowsFocus),
        backend: "Windows: clipboard arboard, keys enigo (SendInput), focus GetForegroundWindow"
            .to_owned(),
    })
}

#[cfg(target_os = "macos")]
fn platform_ports() -> Result<Ports, PortError> {
    Ok(Ports {
        clipboard: Box::new(ArboardClipboard::new()),
        keys: Box::new(EnigoKeys::new()),
        focus: Box::new(MacFocus),
        backend: "macOS: clipboard arboard, keys enigo (CGEvent), focus NSWorkspace frontmost app"
            .to_owned(),
    })
}

#[cfg(not(any(unix, windows)))]
fn platform_ports() -> Result<Ports, PortError> {
    Err(PortError::Unsupported(format!(
        "pasting is not supported on {}; the palette can still copy a reply",
        std::env::consts::OS
    )))
}
