//! In-memory ports for tests. Each fake is a cheap handle (`Clone` shares state) over
//! `Arc<Mutex<_>>`, so a test keeps one handle to inspect while the code under test owns
//! another, and the fakes are `Send` like the real ports. Fakes that share a [`Journal`]
//! record one ordered list of calls, so tests can assert the order across ports.

use quickreply_core::Error;
use quickreply_core::ports::{
    Clipboard, ClipboardContents, Clock, FocusTracker, KeyInjector, PasteKeystroke, PortError,
    ReplyStatus, WindowId,
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
    fn check(&self) -> quickreply_core::Result<()> {
        if self.unavailable {
            Err(Error::Keyring("no keyring in this test".into()))
        } else {
            Ok(())
        }
    }
}

impl quickreply_core::ports::Secrets for MemorySecrets {
    fn get(&self, name: &str) -> quickreply_core::Result<Option<String>> {
        self.check()?;
        Ok(lock(&self.entries).get(name).cloned())
    }
    fn set(&self, name: &str, secret: &str) -> quickreply_core::Result<()> {
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
    reader: Option<ReplyReader>,
}

/// A target that reads the reply at set times after it was written, as an X11 selection owner
/// sees it; and, optionally, another program that takes the clipboard at a set time.
#[derive(Debug)]
struct ReplyReader {
    clock: FakeClock,
    reads_at: Vec<Duration>,
    replaced_at: Option<(Duration, ClipboardContents)>,
    written_at: Option<Duration>,
}

impl ReplyReader {
    fn since_write(&self) -> Option<Duration> {
        Some(self.clock.elapsed().saturating_sub(self.written_at?))
    }
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
    /// Makes this a clipboard that can tell when the reply is read ([`Clipboard::reply_status`]):
    /// the target reads it `reads_at` after each `write_text`, on `clock`'s time.
    pub fn reply_read_at(&self, clock: &FakeClock, reads_at: &[Duration]) {
        lock(&self.state).reader = Some(ReplyReader {
            clock: clock.clone(),
            reads_at: reads_at.to_vec(),
            replaced_at: None,
            written_at: None,
        });
    }
    /// With [`reply_read_at`](Self::reply_read_at): another program puts `contents` on the
    /// clipboard `after` the reply was written.
    pub fn replaced_after(&self, after: Duration, contents: ClipboardContents) {
        if let Some(reader) = lock(&self.state).reader.as_mut() {
            reader.replaced_at = Some((after, contents));
        }
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
        if let Some(reader) = state.reader.as_mut() {
            reader.written_at = Some(reader.clock.elapsed());
        }
        Ok(())
    }
    fn restore(&mut self, saved: &ClipboardContents) -> Result<(), PortError> {
        self.journal.push(Event::ClipboardRestore(saved.clone()));
        let mut state = lock(&self.state);
        if state.fail_restore {
            return Err(PortError::Clipboard("fake restore failure".into()));
        }
        state.contents = saved.clone();
        if let Some(reader) = state.reader.as_mut() {
            reader.written_at = None;
        }
        Ok(())
    }
    fn reply_status(&mut self) -> Option<ReplyStatus> {
        let mut state = lock(&self.state);
        let reader = state.reader.as_ref()?;
        let since = reader.since_write()?;
        let reads = reader.reads_at.iter().filter(|&&at| at <= since).count();
        let replaced = reader
            .replaced_at
            .as_ref()
            .filter(|(at, _)| *at <= since)
            .map(|(_, contents)| contents.clone());
        let on_clipboard = replaced.is_none();
        if let Some(contents) = replaced {
            state.contents = contents;
        }
        Some(ReplyStatus {
            reads,
            on_clipboard,
        })
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
