//! Settings → Backups: the list, "Back up now" and restoring one; and the app's daily backup.
//! The rules (where, how many, what a restore checks and backs up first) are the core's
//! `app::backups`.

use std::path::PathBuf;
use std::time::Duration;

use quickreply_core::app::backups::{self, BackupInfo, RestoreReport};
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking;
use crate::app::error::IpcResult;
use crate::app::state::AppState;

#[tauri::command(async)]
pub fn backup_list(state: State<'_, AppState>) -> IpcResult<Vec<BackupInfo>> {
    state.run(backups::list)
}

#[tauri::command]
pub async fn backup_create(app: AppHandle) -> IpcResult<BackupInfo> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.run(|library| backups::create(library, None))
    })
    .await
}

/// Restores one of the listed backups; every window reloads what it shows.
#[tauri::command]
pub async fn backup_restore(app: AppHandle, path: String) -> IpcResult<RestoreReport> {
    let handle = app.clone();
    let report = blocking(move || {
        let state = handle.state::<AppState>();
        state.run(|library| backups::restore(library, &PathBuf::from(&path)))
    })
    .await?;
    let _ = app.emit(super::library::EVENT_LIBRARY_CHANGED, ());
    let _ = app.emit(super::review::EVENT_REVIEW_CHANGED, ());
    crate::app::tray::refresh_review_count(&app);
    Ok(report)
}

/// The daily backup: checked a little after start, then every hour (a laptop that sleeps
/// through the night still gets one on waking).
pub fn start_daily(app: &AppHandle) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            std::thread::sleep(Duration::from_secs(20));
            loop {
                let state = app.state::<AppState>();
                match backups::daily_if_due(&state.library) {
                    Ok(Some(made)) => log::info!("daily backup: {}", made.path),
                    Ok(None) => {}
                    Err(e) => log::warn!("daily backup failed: {e}"),
                }
                std::thread::sleep(Duration::from_secs(60 * 60));
            }
        });
    if let Err(e) = spawned {
        log::warn!("daily backup thread: {e}");
    }
}
