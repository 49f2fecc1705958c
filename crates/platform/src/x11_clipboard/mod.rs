//! The clipboard on X11, restored byte for byte.
//!
//! Before a paste the app saves the CLIPBOARD and afterwards puts it back. Through arboard that
//! meant text, HTML and an image only, the image re-encoded and dropped when text came with it,
//! and every other target (`text/uri-list`, `image/jpeg`, an app's own formats) lost. Here
//! [`read`](Clipboard::read) saves every target's raw bytes and type (a [`Snapshot`], kept
//! inside this adapter), and [`restore`](Clipboard::restore) makes a thread of ours the owner
//! that answers exactly those bytes for every target, until another client takes the
//! clipboard.
//!
//! The port's [`ClipboardContents`] stays as it is: the snapshot is keyed to the contents the
//! last `read` returned, and `restore` is given those same contents by the paste pipeline (it
//! saves, writes the reply, restores). Contents from elsewhere, a failure to take the
//! selection, a snapshot over the size bound or a misbehaving owner all fall back to arboard as
//! before, with a log line saying why: the user's clipboard is never dropped for want of the
//! exact path.
//!
//! The reply, and contents that are not the last snapshot, are served by the same owner code,
//! not arboard: taking the selection here is confirmed by a round trip (`SetSelectionOwner`
//! checked, then `GetSelectionOwner`), while arboard's `set` only flushes its request, so a
//! read on another connection straight after it could still see the previous owner (the
//! platform tests saw exactly that, 4 runs in 6). One owner implementation also means one
//! place that serves TARGETS, MULTIPLE and INCR. arboard remains the fallback for all of it.

mod own;
mod read;
mod snapshot;

use std::sync::Arc;

use quickreply_core::ports::{Clipboard, ClipboardContents, Image, PortError, ReplyStatus};
use x11rb::protocol::xproto::AtomEnum;

use crate::ArboardClipboard;
use own::Owner;
use read::{ReadError, Reader};
use snapshot::{Atoms, Snapshot, TargetData, XError, size};

/// The default bound of a byte-exact snapshot, all targets together. Beyond it the clipboard
/// is saved as before (text, HTML, an image through arboard): holding, and serving, more than
/// this for a paste is not worth the memory.
pub const DEFAULT_SNAPSHOT_LIMIT: usize = 64 * 1024 * 1024;

/// A clipboard as we hold it: the raw snapshot, and the port's view of it.
struct Saved {
    snapshot: Arc<Snapshot>,
    contents: ClipboardContents,
}

/// The clipboard port on X11 (and XWayland): byte-exact save and restore of every CLIPBOARD
/// target, the reply served by the same owner code, arboard as the fallback.
pub struct X11Clipboard {
    arboard: ArboardClipboard,
    /// Connected on first use (start-up must not need a display), dropped after a failure.
    reader: Option<Reader>,
    /// What the last `read` saw.
    last: Option<Arc<Saved>>,
    /// Our owner thread (the reply, or a restored clipboard) while it may still own the
    /// selection, with what it serves.
    owner: Option<(Owner, Arc<Saved>)>,
    /// Whether `owner` serves the reply of the last `write_text` (not arboard, not a restore).
    serving_reply: bool,
    limit: usize,
}

impl std::fmt::Debug for X11Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("X11Clipboard")
            .field("connected", &self.reader.is_some())
            .field("last", &self.last.as_ref().map(|s| &s.snapshot))
            .field("owner", &self.owner.as_ref().map(|(o, _)| o))
            .field("limit", &self.limit)
            .finish()
    }
}

impl Default for X11Clipboard {
    fn default() -> Self {
        Self::new()
    }
}

impl X11Clipboard {
    /// Opens nothing yet; never fails.
    pub fn new() -> Self {
        Self::with_limit(DEFAULT_SNAPSHOT_LIMIT)
    }

    /// A clipboard whose byte-exact snapshots hold at most `limit` bytes (tests use a small
    /// bound to see the fallback).
    pub fn with_limit(limit: usize) -> Self {
        Self {
            arboard: ArboardClipboard::new(),
            reader: None,
            last: None,
            owner: None,
            serving_reply: false,
            limit,
        }
    }

    fn reader(&mut self) -> Result<&Reader, XError> {
        let reader = match self.reader.take() {
            Some(reader) => reader,
            None => Reader::connect()?,
        };
        Ok(self.reader.insert(reader))
    }

    /// What we serve, if the clipboard is still ours (the reply, or the last restore): then
    /// our copy is exactly what is on it, and reading it through the X server would only copy
    /// it twice.
    fn still_ours(&mut self) -> Result<Option<Arc<Saved>>, XError> {
        let ours = self.owner.as_ref().filter(|(o, _)| o.serving());
        let Some((window, saved)) = ours.map(|(o, saved)| (o.window(), Arc::clone(saved))) else {
            return Ok(None);
        };
        Ok((self.reader()?.selection_owner()? == window).then_some(saved))
    }

    /// The byte-exact save, or why not.
    fn save(&mut self) -> Result<Arc<Saved>, ReadError> {
        let limit = self.limit;
        if let Some(saved) = self.still_ours()? {
            log::debug!("clipboard saved: still ours ({})", saved.snapshot.summary());
            return Ok(saved);
        }
        let reader = self.reader()?;
        let snapshot = reader.snapshot(limit)?;
        let contents = decode(&snapshot, &reader.atoms);
        log::debug!(
            "clipboard saved byte for byte: {} ({} in all)",
            snapshot.summary(),
            size(snapshot.total_bytes())
        );
        Ok(Arc::new(Saved {
            snapshot: Arc::new(snapshot),
            contents,
        }))
    }

    /// Serves `saved` from a new thread of ours, which owns the clipboard once this returns.
    fn own(&mut self, saved: Arc<Saved>) -> Result<(), XError> {
        let owner = Owner::start(Arc::clone(&saved.snapshot))?;
        log::debug!(
            "clipboard owned by {:#x}: {}",
            owner.window(),
            saved.snapshot.summary()
        );
        // A previous owner thread of ours has just received SelectionClear and ends by
        // itself.
        self.owner = Some((owner, saved));
        Ok(())
    }

    /// `contents` as a selection of ours: the targets arboard would have offered for it, and
    /// the image as a PNG next to the text rather than instead of it. `private` marks it for
    /// clipboard managers to leave out of their history (the reply: it is on the clipboard
    /// for a moment only).
    fn selection(
        &mut self,
        contents: &ClipboardContents,
        private: bool,
    ) -> Result<Arc<Saved>, XError> {
        let atoms = &self.reader()?.atoms;
        let mut targets = Vec::new();
        let mut add = |target, name: &str, bytes: Vec<u8>| {
            targets.push(TargetData {
                target,
                name: name.to_owned(),
                type_: target,
                format: 8,
                bytes,
            });
        };
        if let Some(text) = &contents.text {
            add(atoms.UTF8_STRING, "UTF8_STRING", text.as_bytes().to_vec());
            let mime = "text/plain;charset=utf-8";
            add(atoms.UTF8_MIME_0, mime, text.as_bytes().to_vec());
        }
        if let Some(html) = &contents.html {
            add(atoms.HTML, "text/html", html.as_bytes().to_vec());
        }
        if let Some(png) = contents.image.as_ref().and_then(encode_png) {
            add(atoms.PNG, "image/png", png);
        }
        if private {
            let hint = "x-kde-passwordManagerHint";
            add(atoms.PASSWORD_MANAGER_HINT, hint, b"secret".to_vec());
        }
        Ok(Arc::new(Saved {
            snapshot: Arc::new(Snapshot { targets }),
            contents: contents.clone(),
        }))
    }

    /// Leaves the clipboard without an owner, confirmed by the server.
    fn clear(&mut self) -> Result<(), XError> {
        self.reader()?.clear()
    }

    /// After a failure on the X connection: start over with a new one next time, so that a
    /// late answer to an abandoned request is never taken for the answer to a new one.
    fn forget_connection(&mut self) {
        self.reader = None;
    }
}

impl Clipboard for X11Clipboard {
    fn read(&mut self) -> Result<ClipboardContents, PortError> {
        match self.save() {
            Ok(saved) => {
                let contents = saved.contents.clone();
                self.last = Some(saved);
                Ok(contents)
            }
            Err(e) => {
                self.last = None;
                self.forget_connection();
                match e {
                    ReadError::TooLarge(..) => {
                        log::info!("{e}: saving it as text, HTML and image only (arboard)");
                    }
                    ReadError::Failed(_) => log::warn!(
                        "byte-exact clipboard save failed ({e}); saving it as text, HTML and \
                         image only (arboard)"
                    ),
                }
                self.arboard.read()
            }
        }
    }

    /// The palette's opening: our own copy while we still own the clipboard, else the text
    /// alone (one request, not a snapshot of every target); arboard if that fails.
    fn read_text(&mut self) -> Result<Option<String>, PortError> {
        let limit = self.limit;
        let read = match self.still_ours() {
            Ok(Some(saved)) => Ok(saved.contents.text.clone()),
            Ok(None) => self
                .reader()
                .map_err(ReadError::from)
                .and_then(|reader| reader.text(limit)),
            Err(e) => Err(e.into()),
        };
        read.or_else(|e| {
            self.forget_connection();
            log::debug!("reading the clipboard's text failed ({e}); asking through arboard");
            self.arboard.read_text()
        })
    }

    fn write_text(&mut self, text: &str) -> Result<(), PortError> {
        let reply = ClipboardContents::text(text);
        self.serving_reply = false;
        match self.selection(&reply, true).and_then(|s| self.own(s)) {
            Ok(()) => {
                self.serving_reply = true;
                Ok(())
            }
            Err(e) => {
                self.forget_connection();
                log::warn!("cannot own the clipboard for the reply ({e}); writing it with arboard");
                self.arboard.write_text(text)
            }
        }
    }

    fn restore(&mut self, saved: &ClipboardContents) -> Result<(), PortError> {
        self.serving_reply = false;
        // Our snapshot belongs to the contents the last read returned. Anything else (a value
        // the caller built, an older read) is served in the formats the contents have.
        let exact = self
            .last
            .as_ref()
            .filter(|last| last.contents == *saved)
            .map(Arc::clone);
        if exact.is_none() {
            log::debug!("restoring contents that are not the last saved ones, as text/HTML/PNG");
        }
        let result = match exact {
            Some(last) => Ok(last),
            None => self.selection(saved, false),
        }
        .and_then(|selection| {
            if selection.snapshot.targets.is_empty() {
                // Nothing was on the clipboard (or nothing its owner would give): leave it
                // empty, as arboard did.
                self.clear()
            } else {
                self.own(selection)
            }
        });
        result.or_else(|e| {
            self.forget_connection();
            log::warn!(
                "byte-exact clipboard restore failed ({e}); restoring text, HTML and image only \
                 (arboard)"
            );
            self.arboard.restore(saved)
        })
    }

    fn reply_status(&mut self) -> Option<ReplyStatus> {
        let (owner, _) = self.owner.as_ref().filter(|_| self.serving_reply)?;
        Some(ReplyStatus {
            reads: owner.data_requests(),
            on_clipboard: owner.owning(),
        })
    }
}

/// RGBA pixels as a PNG, as arboard encodes an image for the clipboard; `None` (logged) when
/// the pixels do not match the size.
fn encode_png(image: &Image) -> Option<Vec<u8>> {
    let width = u32::try_from(image.width).ok()?;
    let height = u32::try_from(image.height).ok()?;
    let Some(pixels) = image::RgbaImage::from_raw(width, height, image.rgba.clone()) else {
        log::debug!("{image:?} has the wrong number of bytes for its size; not offered");
        return None;
    };
    let mut png = std::io::Cursor::new(Vec::new());
    match pixels.write_to(&mut png, image::ImageFormat::Png) {
        Ok(()) => Some(png.into_inner()),
        Err(e) => {
            log::debug!("cannot encode {image:?} as PNG: {e}");
            None
        }
    }
}

/// The port's view of a snapshot, read the way arboard reads the live clipboard: text from
/// the first text target that decodes (`STRING` is Latin-1), HTML if it is UTF-8, the PNG
/// decoded to RGBA.
fn decode(snapshot: &Snapshot, atoms: &Atoms) -> ClipboardContents {
    let string = u32::from(AtomEnum::STRING);
    let text_targets = [
        atoms.UTF8_STRING,
        atoms.UTF8_MIME_0,
        atoms.UTF8_MIME_1,
        string,
        atoms.TEXT,
        atoms.TEXT_PLAIN,
    ];
    let text = text_targets.iter().find_map(|&target| {
        let data = snapshot.get(target).filter(|d| d.format == 8)?;
        if data.type_ == string {
            return Some(data.bytes.iter().map(|&b| char::from(b)).collect());
        }
        String::from_utf8(data.bytes.clone()).ok()
    });
    let html = snapshot
        .get(atoms.HTML)
        .and_then(|d| String::from_utf8(d.bytes.clone()).ok());
    let image = snapshot.get(atoms.PNG).and_then(|d| {
        match image::load_from_memory_with_format(&d.bytes, image::ImageFormat::Png) {
            Ok(decoded) => {
                let rgba = decoded.into_rgba8();
                let (width, height) = rgba.dimensions();
                Some(Image {
                    width: width as usize,
                    height: height as usize,
                    rgba: rgba.into_raw(),
                })
            }
            Err(e) => {
                // Still restored byte for byte; only the arboard fallback would lack it.
                log::debug!("the clipboard's image/png does not decode: {e}");
                None
            }
        }
    });
    ClipboardContents { text, html, image }
}
