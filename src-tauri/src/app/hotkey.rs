//! The global hotkey (global-hotkey through tauri-plugin-global-shortcut). The handler runs on
//! global-hotkey's own X11 thread (patched to wake on the key press: third_party/global-hotkey).

use tauri::{AppHandle, Manager};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

use quickreply_core::{Error, Result};

use super::state::AppState;

/// The plugin, with a handler that opens the palette on key press (it fires on press and on
/// release: act once).
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state() == ShortcutState::Pressed
                && !*app
                    .state::<AppState>()
                    .lock(&app.state::<AppState>().paused)
            {
                super::windows::palette::show(app);
            }
        })
        .build()
}

/// Parses an accelerator such as `Ctrl+Shift+Space`.
pub fn parse(accelerator: &str) -> Result<Shortcut> {
    let normalized = accelerator
        .replace("Cmd+", "Super+")
        .replace("Command+", "Super+");
    normalized.parse::<Shortcut>().map_err(|e| {
        Error::Hotkey(format!("'{accelerator}' is not a key combination QuickReply understands ({e}); try e.g. Ctrl+Shift+Space"))
    })
}

/// Registers the hotkey at start-up.
pub fn register(app: &AppHandle, accelerator: &str) -> Result<()> {
    let shortcut = parse(accelerator)?;
    app.global_shortcut().register(shortcut).map_err(|e| {
        Error::Hotkey(format!("{accelerator} cannot be registered ({e}): another program may use it. Choose another in Settings, or bind `quickreply palette` to a system shortcut"))
    })
}

/// Swaps the hotkey; if the new one cannot be registered the old one is registered again and
/// the error says why.
pub fn change(app: &AppHandle, accelerator: &str) -> Result<()> {
    let state = app.state::<AppState>();
    let old = state.lock(&state.hotkey).clone();
    if old == accelerator {
        return Ok(());
    }
    let new = parse(accelerator)?;
    if let Ok(old_shortcut) = parse(&old) {
        let _ = app.global_shortcut().unregister(old_shortcut);
    }
    if let Err(e) = app.global_shortcut().register(new) {
        if let Ok(old_shortcut) = parse(&old) {
            let _ = app.global_shortcut().register(old_shortcut);
        }
        return Err(Error::Hotkey(format!(
            "{accelerator} cannot be registered ({e}); {old} is still active. Another program may use it: choose another combination"
        )));
    }
    *state.lock(&state.hotkey) = accelerator.to_string();
    Ok(())
}
