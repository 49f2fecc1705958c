//! The system clipboard through arboard, on every OS.

use std::borrow::Cow;

use quickreply_core::ports::{Clipboard, ClipboardContents, Image, PortError};

/// The one long-lived arboard clipboard of the app, created on first use.
///
/// One handle for the whole run, because on X11 the clipboard *is* a process: the selection
/// vanishes when its owner (this handle) is dropped, and there is no clipboard manager under
/// Xvfb or a bare WM to take it over. Lazy, because `arboard::Clipboard::new()` fails without a
/// display, and start-up must not.
#[derive(Default)]
pub struct ArboardClipboard {
    inner: Option<arboard::Clipboard>,
}

impl std::fmt::Debug for ArboardClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArboardClipboard")
            .field("open", &self.inner.is_some())
            .finish()
    }
}

fn err(action: &str, e: &arboard::Error) -> PortError {
    PortError::Clipboard(format!("{action}: {e}"))
}

impl ArboardClipboard {
    /// A handle that opens the clipboard on first use; never fails.
    pub fn new() -> Self {
        Self::default()
    }

    fn handle(&mut self) -> Result<&mut arboard::Clipboard, PortError> {
        if self.inner.is_none() {
            let clipboard = arboard::Clipboard::new().map_err(|e| err("cannot open", &e))?;
            log::debug!("clipboard opened (arboard)");
            self.inner = Some(clipboard);
        }
        // Just set above when it was None.
        self.inner
            .as_mut()
            .ok_or_else(|| PortError::Clipboard("cannot open".into()))
    }
}

/// `Ok(None)` for a format the clipboard does not offer.
fn optional<T>(result: Result<T, arboard::Error>, format: &str) -> Result<Option<T>, PortError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(arboard::Error::ContentNotAvailable) => Ok(None),
        Err(e) => Err(err(&format!("cannot read {format}"), &e)),
    }
}

/// Secondary formats: a failure to read them loses that format, it does not stop the paste.
fn secondary<T>(result: Result<T, arboard::Error>, format: &str) -> Option<T> {
    optional(result, format).unwrap_or_else(|e| {
        // On X11 an owner that does not offer the format answers with another type, which
        // arboard reports as an error: routine, so not a warning.
        log::debug!("{e}; it will not be restored");
        None
    })
}

impl Clipboard for ArboardClipboard {
    fn read(&mut self) -> Result<ClipboardContents, PortError> {
        let clipboard = self.handle()?;
        // Text is what users copy before a reply (the buyer's message, an order id): failing
        // to save it aborts the paste rather than lose it.
        let text = optional(clipboard.get().text(), "text")?;
        let html = secondary(clipboard.get().html(), "HTML");
        let image = secondary(clipboard.get().image(), "image").map(|image| Image {
            width: image.width,
            height: image.height,
            rgba: image.bytes.into_owned(),
        });
        Ok(ClipboardContents { text, html, image })
    }

    fn read_text(&mut self) -> Result<Option<String>, PortError> {
        optional(self.handle()?.get().text(), "text")
    }

    fn write_text(&mut self, text: &str) -> Result<(), PortError> {
        let set = self.handle()?.set();
        // The reply is on the clipboard for a moment only: keep it out of clipboard managers'
        // histories (KDE's convention, followed by most managers).
        #[cfg(all(unix, not(target_os = "macos")))]
        let set = arboard::SetExtLinux::exclude_from_history(set);
        set.text(text)
            .map_err(|e| err("cannot write the reply", &e))
    }

    /// arboard offers one kind of content at a time: text together with its HTML, or an image.
    /// Text wins when both were there — it is what a seller copies between replies — and a
    /// lone image or lone HTML is restored as such.
    fn restore(&mut self, saved: &ClipboardContents) -> Result<(), PortError> {
        let clipboard = self.handle()?;
        let result = match saved {
            ClipboardContents {
                text: Some(text),
                html: Some(html),
                image,
            } => {
                if image.is_some() {
                    log::debug!(
                        "restoring text and HTML; the image that came with them is dropped"
                    );
                }
                clipboard.set().html(html.as_str(), Some(text.as_str()))
            }
            ClipboardContents {
                text: Some(text),
                html: None,
                image,
            } => {
                if image.is_some() {
                    log::debug!("restoring text; the image that came with it is dropped");
                }
                clipboard.set().text(text.as_str())
            }
            ClipboardContents {
                text: None,
                image: Some(image),
                ..
            } => clipboard.set().image(arboard::ImageData {
                width: image.width,
                height: image.height,
                bytes: Cow::Borrowed(&image.rgba),
            }),
            ClipboardContents {
                text: None,
                html: Some(html),
                image: None,
            } => clipboard.set().html(html.as_str(), None),
            ClipboardContents {
                text: None,
                html: None,
                image: None,
            } => clipboard.clear(),
        };
        result.map_err(|e| err("cannot restore the previous clipboard", &e))
    }
}
