//! The paste keystroke through enigo (X11 via pure-Rust x11rb and XTEST, Windows SendInput,
//! macOS CGEvent).

use enigo::{Direction, Enigo, Key, Keyboard, Settings};
use quickreply_core::ports::{KeyInjector, PasteKeystroke, PortError};

/// Sends the paste keystroke to the focused window. The enigo connection is made on first use
/// and kept (on X11 it holds a keymap it has set up).
#[derive(Default)]
pub struct EnigoKeys {
    enigo: Option<Enigo>,
}

impl std::fmt::Debug for EnigoKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnigoKeys")
            .field("connected", &self.enigo.is_some())
            .finish()
    }
}

impl EnigoKeys {
    /// An injector that connects on first use; never fails.
    pub fn new() -> Self {
        Self::default()
    }

    fn handle(&mut self) -> Result<&mut Enigo, PortError> {
        if self.enigo.is_none() {
            let enigo = Enigo::new(&Settings::default())
                .map_err(|e| PortError::Keys(format!("cannot start key injection: {e}")))?;
            self.enigo = Some(enigo);
        }
        self.enigo
            .as_mut()
            .ok_or_else(|| PortError::Keys("cannot start key injection".into()))
    }
}

/// Modifiers to hold and the key to click.
fn chord(keys: PasteKeystroke) -> Result<(&'static [Key], Key), PortError> {
    let v = Key::Unicode('v');
    match keys {
        PasteKeystroke::CtrlV => Ok((&[Key::Control], v)),
        PasteKeystroke::CtrlShiftV => Ok((&[Key::Control, Key::Shift], v)),
        #[cfg(not(target_os = "macos"))]
        PasteKeystroke::ShiftInsert => Ok((&[Key::Shift], Key::Insert)),
        #[cfg(target_os = "macos")]
        PasteKeystroke::CmdV => Ok((&[Key::Meta], v)),
        // Super+V / Win+V open desktop pop-ups (notifications, clipboard history), not a paste.
        #[cfg(not(target_os = "macos"))]
        PasteKeystroke::CmdV => Err(PortError::Unsupported(
            "Cmd+V exists only on macOS: choose Ctrl+V, Ctrl+Shift+V or Shift+Insert".into(),
        )),
        #[cfg(target_os = "macos")]
        PasteKeystroke::ShiftInsert => Err(PortError::Unsupported(
            "macOS keyboards have no Insert key: choose Cmd+V".into(),
        )),
    }
}

impl KeyInjector for EnigoKeys {
    fn send(&mut self, keys: PasteKeystroke) -> Result<(), PortError> {
        let (modifiers, key) = chord(keys)?;
        let enigo = self.handle()?;
        let mut pressed: Vec<Key> = Vec::with_capacity(modifiers.len());
        let mut result = Ok(());
        for &modifier in modifiers {
            match enigo.key(modifier, Direction::Press) {
                Ok(()) => pressed.push(modifier),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        if result.is_ok() {
            result = enigo.key(key, Direction::Click);
        }
        // Always release what was pressed: a stuck Ctrl would turn the user's next typing
        // into shortcuts.
        for &modifier in pressed.iter().rev() {
            let released = enigo.key(modifier, Direction::Release);
            if result.is_ok() {
                result = released;
            }
        }
        result.map_err(|e| PortError::Keys(format!("cannot send {keys}: {e}")))
    }
}
