//! Settings' commands: read and save the settings, and the UI language every window uses.

use quickreply_core::app::settings::{self, Settings, SettingsEffects, UiLang};
use tauri::{AppHandle, State};

use crate::app::error::IpcResult;
use crate::app::state::AppState;

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    state.run(settings::load)
}

/// The staff's UI language, decided once (Settings, else the OS locale) for every window.
#[tauri::command]
pub fn ui_language(state: State<'_, AppState>) -> UiLang {
    state.ui_lang()
}

/// What saving settings changes in the desktop session.
pub(crate) struct Desktop<'a>(pub &'a AppHandle);

impl SettingsEffects for Desktop<'_> {
    fn apply_hotkey(&mut self, hotkey: &str) -> quickreply_core::Result<()> {
        crate::app::hotkey::change(self.0, hotkey)
    }

    fn apply_autostart(&mut self, enabled: bool) {
        crate::app::autostart(self.0, enabled);
    }
}

#[tauri::command(async)]
pub fn save_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: Settings,
) -> IpcResult<Settings> {
    let saved = state.run(|library| settings::save(library, settings, &mut Desktop(&app)))?;
    // The next opening recomputes its context with the new default language.
    *state.lock(&state.context) = None;
    crate::app::tray::relabel(&app);
    Ok(saved)
}
