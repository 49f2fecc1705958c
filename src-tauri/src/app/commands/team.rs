//! Settings → Team: bind or join a team repository, its status, "Sync now" and the access
//! token. Each is one call into the core's `app::team` (through `team_sync`, which keeps two
//! syncs from running at once and tells the windows and the tray).

use quickreply_core::app::team::{self, Permissions, SyncReport, TeamStatus};
use quickreply_platform::OsKeyring;
use tauri::{AppHandle, Manager, State};

use super::blocking;
use crate::app::error::IpcResult;
use crate::app::state::AppState;
use crate::app::team_sync;

/// What the person at this desktop may do (library and review windows hide the rest).
#[tauri::command(async)]
pub fn team_permissions(state: State<'_, AppState>) -> IpcResult<Permissions> {
    state.run(team::permissions)
}

#[tauri::command(async)]
pub fn team_status(state: State<'_, AppState>) -> IpcResult<TeamStatus> {
    state.run(team::status)
}

/// Network work: on a blocking worker, so no window waits for the remote.
#[tauri::command]
pub async fn team_sync(app: AppHandle) -> IpcResult<SyncReport> {
    blocking(move || team_sync::run(&app)).await
}

#[tauri::command]
pub async fn team_init(app: AppHandle, remote: String) -> IpcResult<SyncReport> {
    blocking(move || team_sync::bind(&app, &remote, false)).await
}

#[tauri::command]
pub async fn team_join(app: AppHandle, remote: String) -> IpcResult<SyncReport> {
    blocking(move || team_sync::bind(&app, &remote, true)).await
}

/// The token goes to the OS keyring and is never sent back to any window.
#[tauri::command]
pub async fn team_set_token(app: AppHandle, token: String) -> IpcResult<()> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.run(|library| team::set_credentials(library, &OsKeyring, &token))
    })
    .await
}

/// Settings → Team: minutes between automatic syncs (the core checks the range).
#[tauri::command(async)]
pub fn team_set_sync_minutes(state: State<'_, AppState>, minutes: u32) -> IpcResult<TeamStatus> {
    state.run(|library| {
        team::set_sync_minutes(library, minutes)?;
        team::status(library)
    })
}
