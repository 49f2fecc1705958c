//! What a byte-exact save of the X11 CLIPBOARD holds, the atoms both sides use, and the one
//! event wait with a deadline that the reader and the owner share.

use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::errors::{ConnectionError, ReplyError, ReplyOrIdError};
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{Atom, Window};
use x11rb::rust_connection::RustConnection;

x11rb::atom_manager! {
    pub(super) Atoms: AtomsCookie {
        CLIPBOARD,
        TARGETS,
        MULTIPLE,
        TIMESTAMP,
        SAVE_TARGETS,
        DELETE,
        INSERT_SELECTION,
        INSERT_PROPERTY,
        INCR,
        ATOM_PAIR,
        UTF8_STRING,
        UTF8_MIME_0: b"text/plain;charset=utf-8",
        UTF8_MIME_1: b"text/plain;charset=UTF-8",
        TEXT,
        TEXT_PLAIN: b"text/plain",
        HTML: b"text/html",
        PNG: b"image/png",
        // KDE's convention, followed by most clipboard managers: leave this out of the history.
        PASSWORD_MANAGER_HINT: b"x-kde-passwordManagerHint",
        // The property on our own window that owners write what we asked for into.
        QUICKREPLY_SELECTION,
        // A zero-length append to this property gets a server timestamp (ICCCM: an owner
        // takes the selection with a real time, not CurrentTime).
        QUICKREPLY_TIMESTAMP,
    }
}

impl Atoms {
    /// Interns every atom above in one round trip.
    pub(super) fn intern(conn: &RustConnection) -> Result<Self, XError> {
        Ok(Self::new(conn)?.reply()?)
    }

    /// Targets that are not data but protocol: asking for them has side effects (DELETE,
    /// INSERT_*), answers about the owner itself (TIMESTAMP, TARGETS), or batches other
    /// requests (MULTIPLE). Never saved; the restoring owner answers TARGETS, TIMESTAMP and
    /// MULTIPLE itself.
    pub(super) fn is_meta(&self, target: Atom) -> bool {
        target == x11rb::NONE
            || [
                self.TARGETS,
                self.MULTIPLE,
                self.TIMESTAMP,
                self.SAVE_TARGETS,
                self.DELETE,
                self.INSERT_SELECTION,
                self.INSERT_PROPERTY,
            ]
            .contains(&target)
    }
}

/// One target of the selection, exactly as its owner answered it.
pub(crate) struct TargetData {
    /// The target atom (`image/png`, `UTF8_STRING`, …).
    pub target: Atom,
    /// Its name, for logs.
    pub name: String,
    /// The property type the owner answered with (not always the target: `TEXT` is answered
    /// as `UTF8_STRING` or `STRING`).
    pub type_: Atom,
    /// 8, 16 or 32. 16- and 32-bit data is kept in this client's byte order, which is the
    /// order it is written back in.
    pub format: u8,
    pub bytes: Vec<u8>,
}

/// Every data target of the CLIPBOARD at one moment, in the order the owner listed them (an
/// app pasting picks the first listed format it knows, so the order is part of the contents).
#[derive(Default)]
pub(crate) struct Snapshot {
    pub targets: Vec<TargetData>,
}

impl Snapshot {
    pub(crate) fn get(&self, target: Atom) -> Option<&TargetData> {
        self.targets.iter().find(|t| t.target == target)
    }

    pub(crate) fn total_bytes(&self) -> usize {
        self.targets.iter().map(|t| t.bytes.len()).sum()
    }

    /// `image/png 312.4 KB, UTF8_STRING 12 B`: names and sizes only, never the contents (the
    /// clipboard can hold a password).
    pub(crate) fn summary(&self) -> String {
        if self.targets.is_empty() {
            return "nothing".to_owned();
        }
        let parts: Vec<String> = self
            .targets
            .iter()
            .map(|t| format!("{} {}", t.name, size(t.bytes.len())))
            .collect();
        parts.join(", ")
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Snapshot({})", self.summary())
    }
}

pub(crate) fn size(bytes: usize) -> String {
    // Sizes in logs only: the precision loss of a float is irrelevant.
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", b / 1e3),
        _ => format!("{:.1} MB", b / 1e6),
    }
}

/// A failure talking to the X server, as text for the log line that explains a fallback.
#[derive(Debug)]
pub(crate) struct XError(pub String);

impl std::fmt::Display for XError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ConnectionError> for XError {
    fn from(e: ConnectionError) -> Self {
        Self(format!("X connection: {e}"))
    }
}

impl From<ReplyError> for XError {
    fn from(e: ReplyError) -> Self {
        Self(format!("X request: {e}"))
    }
}

impl From<ReplyOrIdError> for XError {
    fn from(e: ReplyOrIdError) -> Self {
        Self(format!("X request: {e}"))
    }
}

impl From<x11rb::errors::ConnectError> for XError {
    fn from(e: x11rb::errors::ConnectError) -> Self {
        let display = std::env::var("DISPLAY").unwrap_or_default();
        Self(format!("cannot connect to DISPLAY={display:?}: {e}"))
    }
}

/// How often a waiting side looks for events. x11rb has no wait with a timeout, and a blocking
/// wait on an owner that never answers would hang the paste; 1 ms is what arboard polls at.
const POLL: Duration = Duration::from_millis(1);

/// Waits until `pick` accepts an event or `until` passes (`Ok(None)`). Events `pick` does
/// not want are dropped: each connection here serves one purpose. An X error event is an
/// error: every request on these connections is expected to succeed.
pub(super) fn wait_for<T>(
    conn: &RustConnection,
    until: Instant,
    mut pick: impl FnMut(&Event) -> Option<T>,
) -> Result<Option<T>, XError> {
    conn.flush()?;
    loop {
        while let Some(event) = conn.poll_for_event()? {
            if let Event::Error(e) = &event {
                return Err(XError(format!("X error: {:?}", e.error_kind)));
            }
            if let Some(value) = pick(&event) {
                return Ok(Some(value));
            }
        }
        if Instant::now() >= until {
            return Ok(None);
        }
        std::thread::sleep(POLL);
    }
}

/// An input-only window, never mapped, that receives property changes: the requestor window
/// of the reader, the owner window of the restoring owner.
pub(super) fn hidden_window(conn: &RustConnection, screen: usize) -> Result<Window, XError> {
    use x11rb::protocol::xproto::{ConnectionExt, CreateWindowAux, EventMask, WindowClass};
    let root = conn
        .setup()
        .roots
        .get(screen)
        .map(|s| s.root)
        .ok_or_else(|| XError(format!("the X server has no screen {screen}")))?;
    let window = conn.generate_id()?;
    conn.create_window(
        0, // CopyFromParent: the only depth an InputOnly window may have
        window,
        root,
        -10,
        -10,
        1,
        1,
        0,
        WindowClass::INPUT_ONLY,
        x11rb::COPY_FROM_PARENT,
        &CreateWindowAux::new().event_mask(EventMask::PROPERTY_CHANGE),
    )?
    .check()?;
    Ok(window)
}
