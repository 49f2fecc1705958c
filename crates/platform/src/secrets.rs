//! API keys in the OS keyring (keyring crate): the Secret Service on Linux (GNOME Keyring,
//! KWallet, KeePassXC), the Keychain on macOS, the Credential Manager on Windows.

use quickreply_core::ports::Secrets;
use quickreply_core::{Error, Result};

/// The service name entries are filed under; the user name is `provider:NAME` for a
/// translation provider's API key, or the name as given when it is already namespaced
/// (`git:HOST`, the team repository's token or ssh passphrase).
const SERVICE: &str = "app.quickreply.desktop";

/// The OS keyring.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

impl OsKeyring {
    fn entry(name: &str) -> Result<keyring::Entry> {
        let user = if name.starts_with("git:") {
            name.to_string()
        } else {
            format!("provider:{name}")
        };
        keyring::Entry::new(SERVICE, &user).map_err(unavailable)
    }
}

/// What to do when there is no keyring to talk to.
fn unavailable(error: keyring::Error) -> Error {
    let how = if cfg!(all(unix, not(target_os = "macos"))) {
        "On Linux the keys live in a Secret Service: log in to a desktop session with GNOME \
         Keyring or KWallet running, or on a headless machine start one with \
         `dbus-run-session -- sh -c 'printf %s PASSWORD | gnome-keyring-daemon --unlock --components=secrets; quickreply …'`. \
         A local model (--kind openai with a local --url) needs no key and no keyring."
    } else {
        "Check that the system keychain / credential manager is unlocked."
    };
    Error::Keyring(format!("the OS keyring is not available ({error}). {how}"))
}

impl Secrets for OsKeyring {
    fn get(&self, name: &str) -> Result<Option<String>> {
        match Self::entry(name)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, name: &str, secret: &str) -> Result<()> {
        Self::entry(name)?.set_password(secret).map_err(unavailable)
    }
}
