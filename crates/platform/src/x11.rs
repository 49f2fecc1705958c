//! Focus tracking on X11 (and XWayland) with x11rb.
//!
//! Which window "has focus" depends on whether a window manager runs. With one, the WM owns
//! focus and publishes it in `_NET_ACTIVE_WINDOW`; asking it (a `_NET_ACTIVE_WINDOW` client
//! message) is the only activation it will not undo. Without one — Xvfb in tests, kiosk
//! sessions — that property is absent or stale, so focus is read with `GetInputFocus` and set
//! with `SetInputFocus`, checked with a round trip (a bare flush did not always stick).
//! A WM counts as live when root's `_NET_SUPPORTING_WM_CHECK` names a window whose own
//! `_NET_SUPPORTING_WM_CHECK` names itself: a WM that died leaves the root property behind,
//! but its window is gone.

use quickreply_core::ports::{FocusTracker, PortError, WindowId};
use x11rb::connection::Connection;
use x11rb::errors::{ConnectionError, ReplyError};
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConfigureWindowAux, ConnectionExt, EventMask, InputFocus,
    MapState, StackMode, Window,
};
use x11rb::rust_connection::RustConnection;

x11rb::atom_manager! {
    Atoms: AtomsCookie {
        _NET_ACTIVE_WINDOW,
        _NET_SUPPORTING_WM_CHECK,
        _NET_SUPPORTED,
        _NET_WM_NAME,
        _NET_WM_PID,
        UTF8_STRING,
    }
}

/// `GetInputFocus` answers these instead of a window.
const FOCUS_NONE: Window = 0;
const FOCUS_POINTER_ROOT: Window = 1;

/// `_NET_ACTIVE_WINDOW` source indication 2: a pager or taskbar, i.e. the user's own request,
/// which focus-stealing prevention lets through (1, "application", may only get an urgency hint).
const SOURCE_PAGER: u32 = 2;

/// An X11 failure: a broken connection is remade on the next call; a protocol error
/// (`BadWindow` for a closed window, …) is only reported.
enum XError {
    Connection(ConnectionError),
    Protocol(String),
}

impl From<ConnectionError> for XError {
    fn from(e: ConnectionError) -> Self {
        Self::Connection(e)
    }
}

impl From<ReplyError> for XError {
    fn from(e: ReplyError) -> Self {
        match e {
            ReplyError::ConnectionError(e) => Self::Connection(e),
            ReplyError::X11Error(e) => Self::Protocol(format!("{:?}", e.error_kind)),
        }
    }
}

struct Conn {
    conn: RustConnection,
    root: Window,
    atoms: Atoms,
    /// `(WM check window, whether that WM maintains _NET_ACTIVE_WINDOW)`, so `_NET_SUPPORTED`
    /// is read once per WM rather than on every focus poll.
    wm_support: Option<(Window, bool)>,
}

impl Conn {
    fn connect() -> Result<Self, PortError> {
        let (conn, screen) = x11rb::connect(None).map_err(|e| {
            let display = std::env::var("DISPLAY").unwrap_or_default();
            PortError::Focus(format!(
                "cannot connect to the X server at DISPLAY={display:?}: {e}"
            ))
        })?;
        let root = conn
            .setup()
            .roots
            .get(screen)
            .map(|s| s.root)
            .ok_or_else(|| PortError::Focus(format!("the X server has no screen {screen}")))?;
        let atoms = Atoms::new(&conn)
            .map_err(XError::from)
            .and_then(|cookie| cookie.reply().map_err(XError::from))
            .map_err(|e| describe(e, "interning atoms"))?;
        Ok(Self {
            conn,
            root,
            atoms,
            wm_support: None,
        })
    }

    /// The first 32-bit value of a window-typed property.
    fn window_property(&self, window: Window, property: u32) -> Result<Option<Window>, XError> {
        let reply = self
            .conn
            .get_property(false, window, property, AtomEnum::WINDOW, 0, 1)?
            .reply()?;
        Ok(reply.value32().and_then(|mut values| values.next()))
    }

    /// The live WM's check window, if a WM is running.
    fn wm_check_window(&self) -> Result<Option<Window>, XError> {
        let check = self.atoms._NET_SUPPORTING_WM_CHECK;
        let Some(window) = self.window_property(self.root, check)? else {
            return Ok(None);
        };
        match self.window_property(window, check) {
            Ok(Some(own)) if own == window => Ok(Some(window)),
            Ok(_) | Err(XError::Protocol(_)) => Ok(None), // stale: that WM is gone
            Err(e) => Err(e),
        }
    }

    /// Whether a live WM maintains `_NET_ACTIVE_WINDOW`.
    fn ewmh_active_window(&mut self) -> Result<bool, XError> {
        let Some(wm) = self.wm_check_window()? else {
            self.wm_support = None;
            return Ok(false);
        };
        if let Some((cached_wm, supported)) = self.wm_support
            && cached_wm == wm
        {
            return Ok(supported);
        }
        let reply = self
            .conn
            .get_property(
                false,
                self.root,
                self.atoms._NET_SUPPORTED,
                AtomEnum::ATOM,
                0,
                4096,
            )?
            .reply()?;
        let supported = reply
            .value32()
            .is_some_and(|mut atoms| atoms.any(|a| a == self.atoms._NET_ACTIVE_WINDOW));
        self.wm_support = Some((wm, supported));
        Ok(supported)
    }

    fn wm_name(&self) -> Result<Option<String>, XError> {
        let Some(wm) = self.wm_check_window()? else {
            return Ok(None);
        };
        let reply = self
            .conn
            .get_property(
                false,
                wm,
                self.atoms._NET_WM_NAME,
                self.atoms.UTF8_STRING,
                0,
                256,
            )?
            .reply()?;
        Ok(Some(String::from_utf8_lossy(&reply.value).into_owned()))
    }

    /// A top-level window of this process titled `title`: GTK hides its X window id from us,
    /// and the palette must be activated by id when another process asked for it. Walks the
    /// tree three levels deep (root → window-manager frame → client).
    fn own_window(&mut self, title: &str) -> Result<Option<Window>, XError> {
        let pid = std::process::id();
        let mut stack = vec![(self.root, 0u8)];
        while let Some((window, depth)) = stack.pop() {
            if window != self.root && self.is_own_window(window, pid, title).unwrap_or(false) {
                return Ok(Some(window));
            }
            if depth < 3 {
                // A window closed during the walk answers BadWindow: skip it.
                if let Ok(tree) = self.conn.query_tree(window)?.reply() {
                    stack.extend(tree.children.into_iter().map(|c| (c, depth + 1)));
                }
            }
        }
        Ok(None)
    }

    fn is_own_window(&self, window: Window, pid: u32, title: &str) -> Result<bool, XError> {
        let owner = self
            .conn
            .get_property(
                false,
                window,
                self.atoms._NET_WM_PID,
                AtomEnum::CARDINAL,
                0,
                1,
            )?
            .reply()?;
        if owner.value32().and_then(|mut v| v.next()) != Some(pid) {
            return Ok(false);
        }
        let name = self
            .conn
            .get_property(
                false,
                window,
                self.atoms._NET_WM_NAME,
                self.atoms.UTF8_STRING,
                0,
                256,
            )?
            .reply()?;
        Ok(name.value == title.as_bytes())
    }

    /// The class part of `WM_CLASS` ("instance\0class\0"), e.g. `XTerm`.
    fn wm_class(&mut self, window: Window) -> Result<Option<String>, XError> {
        let reply = self
            .conn
            .get_property(false, window, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 256)?
            .reply()?;
        let mut parts = reply.value.split(|b| *b == 0).filter(|p| !p.is_empty());
        let instance = parts.next();
        Ok(parts
            .next()
            .or(instance)
            .map(|c| String::from_utf8_lossy(c).into_owned()))
    }

    fn focused(&mut self) -> Result<Option<Window>, XError> {
        if self.ewmh_active_window()? {
            let active = self.window_property(self.root, self.atoms._NET_ACTIVE_WINDOW)?;
            return Ok(active.filter(|&w| w != FOCUS_NONE));
        }
        let focus = self.conn.get_input_focus()?.reply()?.focus;
        Ok(match focus {
            FOCUS_NONE | FOCUS_POINTER_ROOT => None,
            window => Some(window),
        })
    }

    fn activate(&mut self, window: Window) -> Result<(), XError> {
        // Fails with BadWindow when the target was closed meanwhile: say so, rather than
        // wait for a focus that cannot come.
        let attributes = self.conn.get_window_attributes(window)?.reply()?;
        if self.ewmh_active_window()? {
            let current = self
                .window_property(self.root, self.atoms._NET_ACTIVE_WINDOW)?
                .unwrap_or(FOCUS_NONE);
            let request = ClientMessageEvent::new(
                32,
                window,
                self.atoms._NET_ACTIVE_WINDOW,
                [SOURCE_PAGER, x11rb::CURRENT_TIME, current, 0, 0],
            );
            let mask = EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY;
            self.conn
                .send_event(false, self.root, mask, request)?
                .check()?;
            return Ok(());
        }
        // No WM: SetInputFocus on an unmapped window is a BadMatch; name the real cause.
        if attributes.map_state != MapState::VIEWABLE {
            return Err(XError::Protocol(format!(
                "window {window:#x} is not visible (minimized or hidden)"
            )));
        }
        let raise = ConfigureWindowAux::new().stack_mode(StackMode::ABOVE);
        self.conn.configure_window(window, &raise)?.check()?;
        self.conn
            .set_input_focus(InputFocus::PARENT, window, x11rb::CURRENT_TIME)?
            .check()?;
        Ok(())
    }
}

fn describe(e: XError, action: &str) -> PortError {
    match e {
        XError::Connection(e) => PortError::Focus(format!("{action}: X connection lost: {e}")),
        XError::Protocol(e) => PortError::Focus(format!("{action}: {e}")),
    }
}

/// Focus tracking on X11. Holds its own X connection, remade after the connection breaks.
pub struct X11Focus {
    conn: Option<Conn>,
}

impl std::fmt::Debug for X11Focus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("X11Focus")
            .field("connected", &self.conn.is_some())
            .finish()
    }
}

impl X11Focus {
    /// Connects to the X server named by `DISPLAY`.
    ///
    /// # Errors
    /// [`PortError::Focus`] when no X server answers.
    pub fn connect() -> Result<Self, PortError> {
        Ok(Self {
            conn: Some(Conn::connect()?),
        })
    }

    fn with_conn<T>(
        &mut self,
        action: &str,
        f: impl FnOnce(&mut Conn) -> Result<T, XError>,
    ) -> Result<T, PortError> {
        let conn = match &mut self.conn {
            Some(conn) => conn,
            slot @ None => slot.insert(Conn::connect()?),
        };
        f(conn).map_err(|e| {
            if matches!(e, XError::Connection(_)) {
                self.conn = None;
            }
            describe(e, action)
        })
    }

    /// The running window manager's name (`_NET_WM_NAME` of its check window), `None` when
    /// no live WM runs — then focus is tracked with `GetInputFocus`.
    ///
    /// # Errors
    /// [`PortError::Focus`] when the X server cannot be asked.
    pub fn window_manager(&mut self) -> Result<Option<String>, PortError> {
        self.with_conn("asking for the window manager", |c| c.wm_name())
    }

    /// Whether focus is read from and requested through the WM (`_NET_ACTIVE_WINDOW`).
    ///
    /// # Errors
    /// [`PortError::Focus`] when the X server cannot be asked.
    pub fn uses_ewmh(&mut self) -> Result<bool, PortError> {
        self.with_conn("asking for the window manager", Conn::ewmh_active_window)
    }
}

impl FocusTracker for X11Focus {
    fn focused(&mut self) -> Result<Option<WindowId>, PortError> {
        let window = self.with_conn("reading the focused window", Conn::focused)?;
        Ok(window.map(|w| WindowId(u64::from(w))))
    }

    fn activate(&mut self, window: WindowId) -> Result<(), PortError> {
        let id = Window::try_from(window.0)
            .map_err(|_| PortError::Focus(format!("{window} is not an X11 window id")))?;
        self.with_conn(&format!("activating window {window}"), |c| c.activate(id))
    }

    fn own_window(&mut self, title: &str) -> Result<Option<WindowId>, PortError> {
        let found = self.with_conn("looking for our own window", |c| c.own_window(title))?;
        Ok(found.map(|w| WindowId(u64::from(w))))
    }

    fn app_id(&mut self, window: WindowId) -> Result<Option<String>, PortError> {
        let id = Window::try_from(window.0)
            .map_err(|_| PortError::Focus(format!("{window} is not an X11 window id")))?;
        self.with_conn(&format!("reading WM_CLASS of {window}"), |c| c.wm_class(id))
    }
}
