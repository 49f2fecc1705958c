//! The ports: what the core needs from the operating system to paste a reply — a clipboard, a
//! key injector, focus tracking and a clock. The core owns these traits; `quickreply-platform`
//! implements them for real, and the `quickreply-testkit` crate (tests only) implements them in
//! memory so the paste pipeline is tested without a display and without sleeping.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// An OS window (X11 window id, Windows `HWND`) or, where the OS only exposes applications
/// (macOS), a process id. Opaque to the core: it only compares ids and hands them back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct WindowId(pub u64);

impl fmt::Display for WindowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

/// A failure of one port. The message says what the OS reported; callers add what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PortError {
    /// The clipboard could not be read or written.
    #[error("clipboard: {0}")]
    Clipboard(String),
    /// The paste keystroke could not be synthesized.
    #[error("keyboard: {0}")]
    Keys(String),
    /// The focused window could not be read, or a window could not be activated.
    #[error("focus: {0}")]
    Focus(String),
    /// The session or OS cannot do this at all (Wayland without XWayland, an unknown keystroke).
    #[error("{0}")]
    Unsupported(String),
}

/// Decoded pixels, 4 bytes (R, G, B, A) per pixel, row by row.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// The pixels: `width × height × 4` bytes.
    pub rgba: Vec<u8>,
}

// Not derived: a screenshot would print megabytes of bytes into a log line.
impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Image({}x{}, {} bytes)",
            self.width,
            self.height,
            self.rgba.len()
        )
    }
}

/// What was on the clipboard, in the formats the app saves and restores. `None` = the
/// clipboard did not offer that format.
#[derive(Clone, Default, PartialEq)]
pub struct ClipboardContents {
    /// Plain text.
    pub text: Option<String>,
    /// HTML markup, as a browser or office program copied it.
    pub html: Option<String>,
    /// A bitmap (a screenshot, a copied picture), decoded.
    pub image: Option<Image>,
}

impl ClipboardContents {
    /// Plain text only, as the paste pipeline writes it.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            ..Self::default()
        }
    }

    /// Nothing in any saved format: restoring it clears the clipboard.
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.html.is_none() && self.image.is_none()
    }
}

// Not derived: the user's clipboard can hold a password; logs get sizes only.
impl fmt::Debug for ClipboardContents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClipboardContents")
            .field(
                "text",
                &self.text.as_ref().map(|t| format!("<{} bytes>", t.len())),
            )
            .field(
                "html",
                &self.html.as_ref().map(|t| format!("<{} bytes>", t.len())),
            )
            .field("image", &self.image)
            .finish()
    }
}

/// The system clipboard.
pub trait Clipboard {
    /// Reads every saved format that is on the clipboard. An empty clipboard is `Ok` with
    /// [`ClipboardContents::is_empty`].
    ///
    /// # Errors
    /// [`PortError::Clipboard`] when the clipboard cannot be read at all; a format that merely
    /// is not offered is `None`, not an error.
    fn read(&mut self) -> Result<ClipboardContents, PortError>;

    /// Only the clipboard's text, as the palette's opening needs it (an order id, a buyer's
    /// message): a backend that saves every format in [`read`](Clipboard::read) can answer this
    /// with one request, which the hotkey's latency feels.
    ///
    /// # Errors
    /// As [`read`](Clipboard::read).
    fn read_text(&mut self) -> Result<Option<String>, PortError> {
        Ok(self.read()?.text)
    }

    /// Replaces the clipboard with plain text.
    ///
    /// # Errors
    /// [`PortError::Clipboard`] when the clipboard cannot be written.
    fn write_text(&mut self, text: &str) -> Result<(), PortError>;

    /// Puts saved contents back, in as many of its formats as the backend can offer at once;
    /// empty contents clear the clipboard.
    ///
    /// # Errors
    /// [`PortError::Clipboard`] when the clipboard cannot be written.
    fn restore(&mut self, saved: &ClipboardContents) -> Result<(), PortError>;

    /// What has become of the text the last [`write_text`](Clipboard::write_text) put on the
    /// clipboard, when this clipboard can tell (an X11 selection owner sees every request for
    /// its data). `None`, the default, when it cannot: the paste pipeline then restores a fixed
    /// time after the keystroke.
    fn reply_status(&mut self) -> Option<ReplyStatus> {
        None
    }
}

/// What a clipboard that serves the reply itself knows about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyStatus {
    /// How many times another program has fetched the reply's data so far.
    pub reads: usize,
    /// False once another program has put something else on the clipboard.
    pub on_clipboard: bool,
}

/// The keystroke that makes the focused field paste. Most apps take Ctrl+V; terminals take
/// Ctrl+Shift+V or Shift+Insert; macOS takes Cmd+V.
///
/// Serialized, parsed and displayed as `"Ctrl+V"`, `"Shift+Insert"`, `"Ctrl+Shift+V"`,
/// `"Cmd+V"` (parsing ignores case and spaces and accepts `Control`, `Command`, `Meta`, `Super`
/// and `-` as separator), so a settings file reads the way the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PasteKeystroke {
    /// `Ctrl+V`: most applications on Windows and Linux.
    CtrlV,
    /// `Shift+Insert`: terminals and older X11 applications.
    ShiftInsert,
    /// `Ctrl+Shift+V`: Linux terminals.
    CtrlShiftV,
    /// `Cmd+V`: macOS.
    CmdV,
}

impl PasteKeystroke {
    /// Every keystroke, for a settings menu.
    pub const ALL: [PasteKeystroke; 4] =
        [Self::CtrlV, Self::ShiftInsert, Self::CtrlShiftV, Self::CmdV];

    /// The paste keystroke of the OS this was built for: Cmd+V on macOS, Ctrl+V elsewhere.
    pub fn platform_default() -> Self {
        if cfg!(target_os = "macos") {
            Self::CmdV
        } else {
            Self::CtrlV
        }
    }

    /// The canonical name, as shown and serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CtrlV => "Ctrl+V",
            Self::ShiftInsert => "Shift+Insert",
            Self::CtrlShiftV => "Ctrl+Shift+V",
            Self::CmdV => "Cmd+V",
        }
    }
}

impl fmt::Display for PasteKeystroke {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PasteKeystroke {
    type Err = PortError;

    /// # Errors
    /// [`PortError::Unsupported`] naming the accepted keystrokes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normalized: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if c == '-' {
                    '+'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let keys = match normalized.as_str() {
            "ctrl+v" | "control+v" => Self::CtrlV,
            "shift+insert" | "shift+ins" => Self::ShiftInsert,
            "ctrl+shift+v" | "control+shift+v" | "shift+ctrl+v" | "shift+control+v" => {
                Self::CtrlShiftV
            }
            "cmd+v" | "command+v" | "meta+v" | "super+v" => Self::CmdV,
            _ => {
                return Err(PortError::Unsupported(format!(
                    "unknown paste keystroke {s:?}: use one of Ctrl+V, Shift+Insert, Ctrl+Shift+V, Cmd+V"
                )));
            }
        };
        Ok(keys)
    }
}

impl TryFrom<String> for PasteKeystroke {
    type Error = PortError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PasteKeystroke> for String {
    fn from(keys: PasteKeystroke) -> Self {
        keys.as_str().to_owned()
    }
}

/// Sends keystrokes to whatever window has keyboard focus.
pub trait KeyInjector {
    /// Presses and releases the paste keystroke. Modifiers pressed are released again even
    /// when a later key fails.
    ///
    /// # Errors
    /// [`PortError::Keys`] when the input could not be synthesized;
    /// [`PortError::Unsupported`] when the keystroke does not exist on this OS.
    fn send(&mut self, keys: PasteKeystroke) -> Result<(), PortError>;
}

/// Which window has focus, and giving it back.
pub trait FocusTracker {
    /// The window with keyboard focus, `None` when no window has it.
    ///
    /// # Errors
    /// [`PortError::Focus`] when the window system cannot be asked.
    fn focused(&mut self) -> Result<Option<WindowId>, PortError>;

    /// Asks the window system to give `window` focus. Returns once the request is sent; the
    /// caller polls [`focused`](Self::focused) to know when it took effect.
    ///
    /// # Errors
    /// [`PortError::Focus`] when the request is refused (window gone, not viewable).
    fn activate(&mut self, window: WindowId) -> Result<(), PortError>;

    /// The top-level window of this process titled `title`, when the UI toolkit does not
    /// tell its id. `Ok(None)` when not found or not supported.
    ///
    /// # Errors
    /// [`PortError::Focus`] when the window system cannot be asked.
    fn own_window(&mut self, title: &str) -> Result<Option<WindowId>, PortError> {
        let _ = title;
        Ok(None)
    }

    /// A name for the application that owns `window`, for per-application settings such as
    /// the paste keystroke: the `WM_CLASS` class on X11 (`XTerm`, `Chromium`), the executable's
    /// file name on Windows, the bundle identifier on macOS. `Ok(None)` when unknown.
    ///
    /// # Errors
    /// [`PortError::Focus`] when the window system cannot be asked.
    fn app_id(&mut self, window: WindowId) -> Result<Option<String>, PortError> {
        let _ = window;
        Ok(None)
    }
}

/// Time, so the pipeline's waits can be virtual in tests.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> Instant;
    /// Waits for `d`; a test clock only moves its time forward.
    fn sleep(&self, d: Duration);
}

/// The real clock. Pure std, so it lives in the core.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d);
    }
}

/// Where translation API keys live: the OS keyring (Secret Service, Keychain, Credential
/// Manager). Never the library database, logs or exports.
pub trait Secrets {
    /// The secret stored under `name`, if any.
    ///
    /// # Errors
    /// [`crate::Error::Keyring`] when the keyring is unavailable; the message says how to fix it.
    fn get(&self, name: &str) -> crate::Result<Option<String>>;
    /// Stores (or replaces) the secret under `name`.
    ///
    /// # Errors
    /// As [`Secrets::get`].
    fn set(&self, name: &str, secret: &str) -> crate::Result<()>;
}

/// Tells the language of a buyer's message (`ru`, `ar`, `ms`…), or `None` when the text is
/// too short or the guess too weak. The desktop app answers from a short-lived helper process,
/// so the detection models never stay resident in it.
pub trait LanguageDetector {
    /// The language of `text`, if it can be told.
    fn language_of(&self, text: &str) -> Option<String>;
}

/// What an embedded text is: e5 models embed a question someone asks ("query: ") and a text
/// that answers ("passage: ") differently. Buyer messages and example questions are queries;
/// template titles and texts are passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmbedKind {
    /// A question: a buyer's message, a template's example question.
    Query,
    /// A text that answers: a template's title or reply text.
    Passage,
}

/// Multilingual sentence embeddings: the suggestion engine's meaning signal, the same vector
/// space for every language. The real one (`quickreply-embed`) runs in a helper process of the
/// desktop app, so its model never stays resident in the app.
pub trait Embedder {
    /// Names the model (and its version): cached vectors of another model are never reused.
    fn model_id(&self) -> &str;
    /// L2-normalized vectors, one per text, in order.
    ///
    /// # Errors
    /// The model failed on a text (the message says why).
    fn embed(&self, texts: &[&str], kind: EmbedKind) -> crate::Result<Vec<Vec<f32>>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_round_trip_through_display_and_serde() {
        for keys in PasteKeystroke::ALL {
            assert_eq!(keys.to_string().parse::<PasteKeystroke>().ok(), Some(keys));
            let json = serde_json::to_string(&keys).ok();
            assert_eq!(json, Some(format!("\"{keys}\"")));
            let back: Option<PasteKeystroke> = json.and_then(|j| serde_json::from_str(&j).ok());
            assert_eq!(back, Some(keys));
        }
    }

    #[test]
    fn keystroke_parsing_is_forgiving_and_errors_name_the_choices() {
        assert_eq!(
            "ctrl + v".parse::<PasteKeystroke>().ok(),
            Some(PasteKeystroke::CtrlV)
        );
        assert_eq!(
            "Control-Shift-V".parse::<PasteKeystroke>().ok(),
            Some(PasteKeystroke::CtrlShiftV)
        );
        assert_eq!(
            "command+v".parse::<PasteKeystroke>().ok(),
            Some(PasteKeystroke::CmdV)
        );
        let err = "Alt+V"
            .parse::<PasteKeystroke>()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("Shift+Insert"), "{err}");
        assert!(serde_json::from_str::<PasteKeystroke>("\"Alt+V\"").is_err());
    }

    #[test]
    fn debug_of_contents_hides_the_text() {
        let contents = ClipboardContents::text("hunter2");
        assert!(!format!("{contents:?}").contains("hunter2"));
    }
}
