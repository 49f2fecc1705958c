//! The review window's and Settings → Translation's commands. The slow ones (a translation,
//! a back-translation, a provider test) run on a blocking worker; the core gives them their
//! own connection to the library, so the palette never waits for a translation service.

use quickreply_core::app::providers::{self, ProvidersInfo};
use quickreply_core::app::review::{self, ReviewPreview, ReviewQueue, Verdict};
use quickreply_core::store::review::ReviewItem;
use quickreply_core::translate::ProviderConfig;
use quickreply_platform::OsKeyring;
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking;
use crate::app::error::IpcResult;
use crate::app::state::AppState;
use crate::app::windows::{self, Window};

/// Sent to every window when a translation was drafted, edited, approved or rejected.
pub const EVENT_REVIEW_CHANGED: &str = "review-changed";

fn changed(app: &AppHandle) {
    let _ = app.emit(EVENT_REVIEW_CHANGED, ());
    crate::app::tray::refresh_review_count(app);
    // An approval or an edit goes out to the team a few seconds later.
    crate::app::team_sync::soon();
}

#[tauri::command]
pub fn review_queue(state: State<'_, AppState>) -> IpcResult<ReviewQueue> {
    state.run(review::list)
}

#[tauri::command(async)]
pub fn review_preview(
    state: State<'_, AppState>,
    key: String,
    locale: String,
    body: String,
    order_id: Option<String>,
) -> IpcResult<ReviewPreview> {
    state.run(|library| review::preview(library, &key, &locale, &body, order_id.as_deref()))
}

#[tauri::command]
pub fn review_save(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    locale: String,
    body: String,
) -> IpcResult<ReviewItem> {
    let item = state.run(|library| review::save_edit(library, &key, &locale, &body))?;
    changed(&app);
    Ok(item)
}

#[tauri::command]
pub fn review_decide(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    locale: String,
    verdict: Verdict,
    reviewer: String,
) -> IpcResult<()> {
    state.run(|library| review::decide(library, &key, &locale, verdict, Some(&reviewer)))?;
    changed(&app);
    Ok(())
}

#[tauri::command]
pub async fn back_translate(
    app: AppHandle,
    key: String,
    locale: String,
    body: String,
) -> IpcResult<String> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.run(|library| review::back_translate(library, &OsKeyring, &key, &locale, &body))
    })
    .await
}

#[tauri::command]
pub async fn review_translate(
    app: AppHandle,
    key: String,
    locale: String,
    provider: Option<String>,
) -> IpcResult<ReviewItem> {
    let handle = app.clone();
    let outcome = blocking(move || {
        let state = handle.state::<AppState>();
        state.run(|library| review::draft(library, &OsKeyring, &key, &locale, provider.as_deref()))
    })
    .await?;
    changed(&app);
    Ok(outcome.item)
}

#[tauri::command]
pub fn open_review(app: AppHandle) {
    windows::open(&app, Window::Review);
}

#[tauri::command]
pub fn list_providers(state: State<'_, AppState>) -> IpcResult<ProvidersInfo> {
    state.run(providers::list)
}

#[tauri::command]
pub fn save_provider(
    state: State<'_, AppState>,
    config: ProviderConfig,
    key: Option<String>,
) -> IpcResult<ProviderConfig> {
    state
        .run(|library| providers::save(library, &OsKeyring, config, key.as_deref()))
        .map(|saved| saved.config)
}

#[tauri::command]
pub async fn test_provider(app: AppHandle, name: String) -> IpcResult<String> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.run(|library| providers::test(library, &OsKeyring, &name))
    })
    .await
}

#[tauri::command]
pub fn set_default_provider(state: State<'_, AppState>, name: Option<String>) -> IpcResult<()> {
    state.run(|library| providers::set_default(library, name.as_deref()))
}
