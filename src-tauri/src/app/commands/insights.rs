//! The Insights view: what buyers ask, and the learned picks owners can remove.
//!
//! The report clusters buyer messages by meaning with the multilingual model, which must not
//! load into the app: it is computed by `quickreply insights --json` in a child process (the
//! same application-layer call as the command line), like language detection.

use std::process::Command;
use std::time::{Duration, Instant};

use quickreply_core::Code;
use quickreply_core::app::suggest;
use quickreply_core::store::suggest::Message;
use tauri::{AppHandle, Emitter, State};

use crate::app::error::{IpcError, IpcResult};
use crate::app::state::AppState;

/// Longest the report may take (clustering embeds messages not seen before).
const TIMEOUT: Duration = Duration::from_secs(120);

fn failed(message: String) -> IpcError {
    IpcError {
        code: Code::Internal,
        message,
        missing: Vec::new(),
    }
}

/// The report from `since` (`YYYY-MM-DD`; `None`: the last 28 days).
#[tauri::command(async)]
pub fn insights(state: State<'_, AppState>, since: Option<String>) -> IpcResult<serde_json::Value> {
    let exe = std::env::current_exe().map_err(|e| failed(e.to_string()))?;
    let mut command = Command::new(exe);
    command
        .arg("--db")
        .arg(state.library.path())
        .args(["insights", "--json"]);
    if let Some(since) = since.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // Checked here too, so a typo gets the core's words rather than a child's exit code.
        state.run(|_| suggest::day_start_utc(since))?;
        command.args(["--since", since]);
    }
    let started = Instant::now();
    let output = crate::app::child::output_within(&mut command, TIMEOUT)
        .map_err(|e| failed(format!("the insights helper could not start: {e}")))?
        .ok_or_else(|| {
            failed(format!(
                "the insights took over {TIMEOUT:?} and were stopped"
            ))
        })?;
    log::info!("insights computed in {:?}", started.elapsed());
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr.trim().trim_start_matches("quickreply: ").to_string();
        return Err(failed(if message.is_empty() {
            "the insights could not be computed".into()
        } else {
            message
        }));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        failed(format!(
            "the insights helper answered in an unknown shape: {e}"
        ))
    })
}

/// The learned picks, newest first.
#[tauri::command(async)]
pub fn learned_picks(state: State<'_, AppState>, limit: usize) -> IpcResult<Vec<LearnedPick>> {
    let picks = state.run(|l| suggest::learned_picks(l, limit.min(500)))?;
    let titles = state.run(|l| l.index())?;
    Ok(picks
        .into_iter()
        .map(|m| LearnedPick::from_message(m, &titles))
        .collect())
}

/// Removes a wrong learned pick.
#[tauri::command(async)]
pub fn forget_pick(app: AppHandle, state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.run(|l| suggest::forget_pick(l, id))?;
    let _ = app.emit(super::library::EVENT_LIBRARY_CHANGED, ());
    Ok(())
}

/// A learned pick as the Insights view lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedPick {
    pub id: i64,
    pub message: String,
    pub lang: String,
    pub key: String,
    pub title: String,
    pub at: String,
}

impl LearnedPick {
    fn from_message(m: Message, index: &quickreply_core::search::SearchIndex) -> Self {
        let key = m.template_key.unwrap_or_default();
        Self {
            id: m.id,
            message: m.text,
            lang: m.lang.unwrap_or_else(|| "und".into()),
            title: index.title_of(&key, None).unwrap_or_else(|| key.clone()),
            key,
            at: m.seen_at,
        }
    }
}
