//! The team library's sync in the background: once soon after start, every `sync_minutes`
//! (the team status says how many; 5 by default), a few seconds after each save in the library
//! window or the review window, and when "Sync now" is pressed. The rules of a sync (merge,
//! conflicts, what stays pending offline) are the core's (`app::team`); this module only decides
//! *when*, makes sure two syncs never run at once, and tells the windows and the tray.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use quickreply_core::app::team::{self, SyncReport, TeamStatus};
use quickreply_platform::OsKeyring;
use tauri::{AppHandle, Emitter, Manager};

use super::error::IpcResult;
use super::state::AppState;

/// Sent to every window after a sync, with the new [`TeamStatus`].
pub const EVENT_TEAM_STATUS: &str = "team-status";

/// The first sync waits this long after start, so the palette and tray come up first.
const FIRST_SYNC: Duration = Duration::from_secs(3);
/// Saves within this time of each other go out in one sync.
const AFTER_SAVE: Duration = Duration::from_secs(4);

/// One sync at a time: the timer's, a save's and "Sync now" share this lock.
static SYNCING: Mutex<()> = Mutex::new(());
/// Wakes the background thread after a save.
static NUDGE: OnceLock<Mutex<Sender<()>>> = OnceLock::new();

/// Starts the background thread. Does nothing visible while the library is not bound.
pub fn start(app: &AppHandle) {
    let (tx, rx) = mpsc::channel::<()>();
    if NUDGE.set(Mutex::new(tx)).is_err() {
        return; // already running
    }
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || {
            let mut wait = FIRST_SYNC;
            loop {
                match rx.recv_timeout(wait) {
                    Ok(()) => {
                        // A save: let the burst of saves settle, then sync once.
                        std::thread::sleep(AFTER_SAVE);
                        while rx.try_recv().is_ok() {}
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                let status = in_background(&app);
                let minutes = status.map_or(5, |s| s.sync_minutes.max(1));
                wait = Duration::from_secs(u64::from(minutes) * 60);
            }
        });
    if let Err(e) = spawned {
        log::warn!("team sync thread: {e}");
    }
}

/// Asks for a sync soon: the library changed here (a save, a review, an import).
pub fn soon() {
    if let Some(nudge) = NUDGE.get() {
        let _ = quickreply_core::app::lock(nudge).send(());
    }
}

/// A sync from the timer or after a save: failures are logged and shown in the status (the
/// tray line and Settings → Team), never as a dialog in the middle of someone's work.
/// An unbound library answers at once (not bound); the status is read once, after the sync.
fn in_background(app: &AppHandle) -> Option<TeamStatus> {
    let (result, status) = sync_and_tell(app);
    if let Err(e) = result
        && e.code != quickreply_core::Code::TeamNotBound
    {
        log::warn!("team sync: {}", e.message);
    }
    status
}

/// One sync now (Settings → "Sync now", or the background thread).
///
/// # Errors
/// The core's error in the staff's language (remote unreachable, push refused…); the status
/// keeps it as `last_error` and the windows are told either way.
pub fn run(app: &AppHandle) -> IpcResult<SyncReport> {
    sync_and_tell(app).0
}

/// One sync, then the windows and the tray are told; returns the status it told them.
fn sync_and_tell(app: &AppHandle) -> (IpcResult<SyncReport>, Option<TeamStatus>) {
    let _one = quickreply_core::app::lock(&SYNCING);
    let state = app.state::<AppState>();
    let result = state.run(|library| team::sync(library, &OsKeyring));
    let status = after(app, result.as_ref().ok());
    (result, status)
}

/// Binds this library to a repository (`init`: push it; `join`: clone it into this empty one).
///
/// # Errors
/// As [`run`].
pub fn bind(app: &AppHandle, remote: &str, join: bool) -> IpcResult<SyncReport> {
    let _one = quickreply_core::app::lock(&SYNCING);
    let state = app.state::<AppState>();
    let result = state.run(|library| {
        if join {
            team::join(library, &OsKeyring, remote)
        } else {
            team::init(library, &OsKeyring, remote)
        }
    });
    after(app, result.as_ref().ok());
    result
}

/// Tells the windows and the tray what a sync (or a failed one) left, and returns that status.
fn after(app: &AppHandle, report: Option<&SyncReport>) -> Option<TeamStatus> {
    let state = app.state::<AppState>();
    if report.is_some_and(|r| r.changed_here > 0 || !r.conflicts.is_empty()) {
        // Texts arrived: the palette's search, the library list and the review queue follow.
        let _ = app.emit(super::commands::library::EVENT_LIBRARY_CHANGED, ());
        let _ = app.emit(super::commands::review::EVENT_REVIEW_CHANGED, ());
        super::tray::refresh_review_count(app);
    }
    match team::status(&state.library) {
        Ok(status) => {
            refresh(app, &status);
            Some(status)
        }
        Err(e) => {
            log::warn!("team status: {e}");
            None
        }
    }
}

fn refresh(app: &AppHandle, status: &TeamStatus) {
    super::tray::refresh_team(app, status);
    let _ = app.emit(EVENT_TEAM_STATUS, status);
}
