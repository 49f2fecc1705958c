//! The ports: what the core needs from the operating system to paste a reply — a clipboard, a
//! key injector, focus tracking and a clock. The core owns these traits; `quickreply-platform`
//! implements them for real, and [`fakes`] (tests, or the `fakes` feature) implements them in
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
    #[error("clipboard: {0}")]
    Clipboard(String),
    #[error("keyboard: {0}")]
    Keys(String),
    #[error("focus: {0}")]
    Focus(String),
    /// The session or OS cannot do this at all (Wayland without XWayland, an unknown keystroke).
    #[error("{0}")]
    Unsupported(String),
}

/// Decoded pixels, 4 bytes (R, G, B, A) per pixel, row by row.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Image {
    pub width: usize,
    pub height: usize,
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
    pub text: Option<String>,
    pub html: Option<String>,
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
    CtrlV,
    ShiftInsert,
    CtrlShiftV,
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
    fn now(&self) -> Instant;
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

/// In-memory ports for tests. Each fake is a cheap handle (`Clone` shares state) over
/// `Arc<Mutex<_>>`, so a test keeps one handle to inspect while the code under test owns
/// another, and the fakes are `Send` like the real ports. Fakes that share a [`Journal`]
/// record one ordered list of calls, so tests can assert the order across ports.
#[cfg(any(test, feature = "fakes"))]
pub mod fakes {
    use super::{
        Clipboard, ClipboardContents, Clock, FocusTracker, KeyInjector, PasteKeystroke, PortError,
        WindowId,
    };
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
    use std::time::{Duration, Instant};

    /// A keyring in memory; `unavailable()` behaves like a headless session without one.
    #[derive(Debug, Clone, Default)]
    pub struct MemorySecrets {
        entries: Arc<Mutex<std::collections::BTreeMap<String, String>>>,
        unavailable: bool,
    }

    impl MemorySecrets {
        #[must_use]
        pub fn new() -> Self {
            Self::default()
        }

        #[must_use]
        pub fn unavailable() -> Self {
            Self {
                unavailable: true,
                ..Self::default()
            }
        }

        /// An unavailable keyring fails every call, as a headless session's does.
        fn check(&self) -> crate::Result<()> {
            if self.unavailable {
                Err(crate::Error::Keyring("no keyring in this test".into()))
            } else {
                Ok(())
            }
        }
    }

    impl super::Secrets for MemorySecrets {
        fn get(&self, name: &str) -> crate::Result<Option<String>> {
            self.check()?;
            Ok(lock(&self.entries).get(name).cloned())
        }
        fn set(&self, name: &str, secret: &str) -> crate::Result<()> {
            self.check()?;
            lock(&self.entries).insert(name.into(), secret.into());
            Ok(())
        }
    }

    fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
        // A test that panicked while holding the lock already failed; keep the state readable.
        m.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// One call made to a fake port.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Event {
        ClipboardRead,
        ClipboardWrite(String),
        ClipboardRestore(ClipboardContents),
        /// The keystroke, and the text that was on the (observed) clipboard at that moment.
        KeysSent {
            keys: PasteKeystroke,
            clipboard_text: Option<String>,
        },
        Focused(Option<WindowId>),
        Activate(WindowId),
        Sleep(Duration),
    }

    /// A shared, ordered record of calls to the fakes.
    #[derive(Debug, Clone, Default)]
    pub struct Journal(Arc<Mutex<Vec<Event>>>);

    impl Journal {
        pub fn new() -> Self {
            Self::default()
        }
        pub fn push(&self, event: Event) {
            lock(&self.0).push(event);
        }
        pub fn events(&self) -> Vec<Event> {
            lock(&self.0).clone()
        }
        /// Events other than focus polls and sleeps, for asserting the order of effects.
        pub fn effects(&self) -> Vec<Event> {
            self.events()
                .into_iter()
                .filter(|e| !matches!(e, Event::Focused(_) | Event::Sleep(_)))
                .collect()
        }
    }

    #[derive(Debug, Default)]
    struct ClipboardState {
        contents: ClipboardContents,
        fail_read: bool,
        fail_write: bool,
        fail_restore: bool,
    }

    /// A clipboard in memory. `write_text` keeps only text, like a real clipboard would.
    #[derive(Debug, Clone, Default)]
    pub struct FakeClipboard {
        state: Arc<Mutex<ClipboardState>>,
        journal: Journal,
    }

    impl FakeClipboard {
        pub fn new(journal: &Journal, contents: ClipboardContents) -> Self {
            let state = ClipboardState {
                contents,
                ..ClipboardState::default()
            };
            Self {
                state: Arc::new(Mutex::new(state)),
                journal: journal.clone(),
            }
        }
        pub fn contents(&self) -> ClipboardContents {
            lock(&self.state).contents.clone()
        }
        pub fn fail_read(&self, fail: bool) {
            lock(&self.state).fail_read = fail;
        }
        pub fn fail_write(&self, fail: bool) {
            lock(&self.state).fail_write = fail;
        }
        pub fn fail_restore(&self, fail: bool) {
            lock(&self.state).fail_restore = fail;
        }
    }

    impl Clipboard for FakeClipboard {
        fn read(&mut self) -> Result<ClipboardContents, PortError> {
            self.journal.push(Event::ClipboardRead);
            let state = lock(&self.state);
            if state.fail_read {
                return Err(PortError::Clipboard("fake read failure".into()));
            }
            Ok(state.contents.clone())
        }
        fn write_text(&mut self, text: &str) -> Result<(), PortError> {
            self.journal.push(Event::ClipboardWrite(text.to_owned()));
            let mut state = lock(&self.state);
            if state.fail_write {
                return Err(PortError::Clipboard("fake write failure".into()));
            }
            state.contents = ClipboardContents::text(text);
            Ok(())
        }
        fn restore(&mut self, saved: &ClipboardContents) -> Result<(), PortError> {
            self.journal.push(Event::ClipboardRestore(saved.clone()));
            let mut state = lock(&self.state);
            if state.fail_restore {
                return Err(PortError::Clipboard("fake restore failure".into()));
            }
            state.contents = saved.clone();
            Ok(())
        }
    }

    /// A key injector that records keystrokes and, if given a clipboard, what the target
    /// would have pasted.
    #[derive(Debug, Clone, Default)]
    pub struct FakeKeys {
        journal: Journal,
        observed: Option<FakeClipboard>,
        fail: Arc<Mutex<bool>>,
    }

    impl FakeKeys {
        pub fn new(journal: &Journal, observed: Option<&FakeClipboard>) -> Self {
            Self {
                journal: journal.clone(),
                observed: observed.cloned(),
                fail: Arc::default(),
            }
        }
        pub fn fail(&self, fail: bool) {
            *lock(&self.fail) = fail;
        }
    }

    impl KeyInjector for FakeKeys {
        fn send(&mut self, keys: PasteKeystroke) -> Result<(), PortError> {
            let clipboard_text = self.observed.as_ref().and_then(|c| c.contents().text);
            self.journal.push(Event::KeysSent {
                keys,
                clipboard_text,
            });
            if *lock(&self.fail) {
                return Err(PortError::Keys("fake keystroke failure".into()));
            }
            Ok(())
        }
    }

    #[derive(Debug, Default)]
    struct FocusState {
        focused: Option<WindowId>,
        pending: Option<WindowId>,
        /// `Some(n)`: an activated window gets focus on the n-th `focused()` call after
        /// `activate`; `None`: never.
        polls_to_focus: Option<u32>,
        polls_since_activate: u32,
        fail_activate: bool,
    }

    /// Focus that moves to an activated window after a number of polls, or never.
    #[derive(Debug, Clone, Default)]
    pub struct FakeFocus {
        state: Arc<Mutex<FocusState>>,
        journal: Journal,
    }

    impl FakeFocus {
        pub fn new(journal: &Journal, focused: Option<WindowId>) -> Self {
            let state = FocusState {
                focused,
                polls_to_focus: Some(1),
                ..FocusState::default()
            };
            Self {
                state: Arc::new(Mutex::new(state)),
                journal: journal.clone(),
            }
        }
        /// After `activate`, the `n`-th call of `focused()` reports the activated window.
        pub fn focus_after_polls(self, n: u32) -> Self {
            lock(&self.state).polls_to_focus = Some(n);
            self
        }
        /// `activate` never takes effect.
        pub fn never_focus(self) -> Self {
            lock(&self.state).polls_to_focus = None;
            self
        }
        pub fn fail_activate(&self, fail: bool) {
            lock(&self.state).fail_activate = fail;
        }
        pub fn set_focused(&self, window: Option<WindowId>) {
            lock(&self.state).focused = window;
        }
    }

    impl FocusTracker for FakeFocus {
        fn focused(&mut self) -> Result<Option<WindowId>, PortError> {
            let mut state = lock(&self.state);
            if let Some(pending) = state.pending {
                state.polls_since_activate += 1;
                if state
                    .polls_to_focus
                    .is_some_and(|n| state.polls_since_activate >= n)
                {
                    state.focused = Some(pending);
                    state.pending = None;
                }
            }
            let focused = state.focused;
            self.journal.push(Event::Focused(focused));
            Ok(focused)
        }
        fn activate(&mut self, window: WindowId) -> Result<(), PortError> {
            self.journal.push(Event::Activate(window));
            let mut state = lock(&self.state);
            if state.fail_activate {
                return Err(PortError::Focus(format!("fake: cannot activate {window}")));
            }
            state.pending = Some(window);
            state.polls_since_activate = 0;
            Ok(())
        }
    }

    /// Virtual time: `sleep` advances `now` instantly.
    #[derive(Debug, Clone)]
    pub struct FakeClock {
        start: Instant,
        elapsed: Arc<Mutex<Duration>>,
        journal: Journal,
    }

    impl FakeClock {
        pub fn new(journal: &Journal) -> Self {
            Self {
                start: Instant::now(),
                elapsed: Arc::default(),
                journal: journal.clone(),
            }
        }
        /// Virtual time slept so far.
        pub fn elapsed(&self) -> Duration {
            *lock(&self.elapsed)
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> Instant {
            self.start + *lock(&self.elapsed)
        }
        fn sleep(&self, d: Duration) {
            self.journal.push(Event::Sleep(d));
            *lock(&self.elapsed) += d;
        }
    }
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
