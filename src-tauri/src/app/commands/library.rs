//! The library window's commands: the list, the editor, history, deleting with undo, imports
//! and exports, and first-run setup. Each is one call into the core's application layer; a
//! change is announced to every window (`library-changed`) so the palette's results and the
//! review queue follow.

use std::collections::HashMap;
use std::path::PathBuf;

use quickreply_core::app::editing::{
    self, TemplateDetail, TemplateDraft, TemplateText, TextCheck, Vocabulary,
};
use quickreply_core::app::imports::{
    self, Choice, ExportKind, ImportOutcome, ImportPreview, ImportRequest,
};
use quickreply_core::app::library::{self, LibraryList};
use quickreply_core::app::review::ReviewPreview;
use quickreply_core::app::setup::{self, SetupAnswers, SetupState};
use quickreply_core::store::{DeletedTemplate, HistoryEntry};
use quickreply_platform::OsKeyring;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use super::blocking;
use super::settings::Desktop;
use crate::app::error::IpcResult;
use crate::app::state::AppState;
use crate::app::windows::{self, Window};

/// Sent to every window when templates were added, changed, deleted or restored.
pub const EVENT_LIBRARY_CHANGED: &str = "library-changed";
/// Sent to the library window when something asks it to show a template or setup; the
/// request itself is taken with `library_request` (a window just created was not listening).
pub const EVENT_LIBRARY_OPEN: &str = "library-open";

/// What the library window should show when it opens or is brought forward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LibraryOpen {
    /// The template to edit, if any.
    pub key: Option<String>,
    /// `list`, `edit` or `setup`.
    pub view: &'static str,
}

fn changed(app: &AppHandle) {
    let _ = app.emit(EVENT_LIBRARY_CHANGED, ());
    // The review queue and its tray count follow the library.
    let _ = app.emit(super::review::EVENT_REVIEW_CHANGED, ());
    crate::app::tray::refresh_review_count(app);
    // A team library sends the change out a few seconds later.
    crate::app::team_sync::soon();
}

/// Opens the library window on `request` (tray, `quickreply library`, Ctrl+E in the palette,
/// Settings → setup).
pub fn show(app: &AppHandle, request: LibraryOpen) {
    {
        let state = app.state::<AppState>();
        *state.lock(&state.library_request) = Some(request.clone());
    }
    windows::open(app, Window::Library);
    let _ = app.emit_to(Window::Library.label(), EVENT_LIBRARY_OPEN, request);
}

#[tauri::command]
pub fn library_request(state: State<'_, AppState>) -> Option<LibraryOpen> {
    state.lock(&state.library_request).take()
}

/// Ctrl+E in the palette: the palette steps aside (without refocusing the seller console:
/// the owner is going to edit) and the library opens on the reply.
#[tauri::command]
pub fn open_library(app: AppHandle, key: Option<String>) {
    crate::app::windows::palette::hide(&app, false);
    let view = if key.is_some() { "edit" } else { "list" };
    show(&app, LibraryOpen { key, view });
}

#[tauri::command]
pub fn open_setup(app: AppHandle) {
    show(
        &app,
        LibraryOpen {
            key: None,
            view: "setup",
        },
    );
}

#[tauri::command(async)]
pub fn library_list(state: State<'_, AppState>) -> IpcResult<LibraryList> {
    state.run(library::list)
}

#[tauri::command(async)]
pub fn library_search(state: State<'_, AppState>, query: String) -> IpcResult<Vec<String>> {
    state.run(|l| library::search(l, &query))
}

#[tauri::command(async)]
pub fn template_get(state: State<'_, AppState>, key: String) -> IpcResult<TemplateDetail> {
    state.run(|l| editing::detail(l, &key))
}

#[tauri::command]
pub fn template_check(key: String, text: String) -> TextCheck {
    editing::check(&key, &text)
}

#[tauri::command(async)]
pub fn template_save(
    app: AppHandle,
    state: State<'_, AppState>,
    draft: TemplateDraft,
) -> IpcResult<TemplateDetail> {
    let detail = state.run(|l| editing::save(l, &draft))?;
    changed(&app);
    Ok(detail)
}

#[tauri::command(async)]
pub fn template_delete(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
) -> IpcResult<DeletedTemplate> {
    let deleted = state.run(|l| library::delete(l, &key))?;
    changed(&app);
    Ok(deleted)
}

#[tauri::command(async)]
pub fn template_undelete(app: AppHandle, state: State<'_, AppState>, id: i64) -> IpcResult<String> {
    let key = state.run(|l| library::undelete(l, id))?;
    changed(&app);
    Ok(key)
}

#[tauri::command(async)]
pub fn recently_deleted(state: State<'_, AppState>) -> IpcResult<Vec<DeletedTemplate>> {
    state.run(library::recently_deleted)
}

#[tauri::command(async)]
pub fn template_history(
    state: State<'_, AppState>,
    key: String,
    locale: Option<String>,
) -> IpcResult<Vec<HistoryEntry>> {
    state.run(|l| editing::history(l, &key, locale.as_deref()))
}

#[tauri::command(async)]
pub fn template_restore_version(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    id: i64,
) -> IpcResult<TemplateDetail> {
    let detail = state.run(|l| editing::restore_version(l, &key, id))?;
    changed(&app);
    Ok(detail)
}

#[tauri::command(async)]
pub fn suggest_key(state: State<'_, AppState>, title: String) -> IpcResult<String> {
    state.run(|l| editing::suggest_key(l, &title))
}

#[tauri::command(async)]
pub fn editor_vocabulary(state: State<'_, AppState>, locale: String) -> IpcResult<Vocabulary> {
    state.run(|l| editing::vocabulary(l, &locale))
}

#[tauri::command]
pub fn plural_snippet(
    state: State<'_, AppState>,
    variable: String,
    locale: String,
) -> IpcResult<String> {
    editing::plural_snippet(&variable, &locale).map_err(|e| state.shown(&e))
}

#[tauri::command(async)]
pub fn template_preview(
    state: State<'_, AppState>,
    key: String,
    source_locale: String,
    locale: String,
    text: String,
    order_id: Option<String>,
) -> IpcResult<ReviewPreview> {
    state.run(|l| editing::preview(l, &key, &source_locale, &locale, &text, order_id.as_deref()))
}

/// Drafts a translation through the provider (a network call: on a worker).
#[tauri::command(async)]
pub async fn draft_translation(
    app: AppHandle,
    key: String,
    locale: String,
    provider: Option<String>,
) -> IpcResult<TemplateText> {
    let handle = app.clone();
    let text = blocking(move || {
        let state = handle.state::<AppState>();
        state.run(|library| {
            editing::draft_translation(library, &OsKeyring, &key, &locale, provider.as_deref())
        })
    })
    .await?;
    changed(&app);
    Ok(text)
}

#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> IpcResult<ImportPreview> {
    state.run(|l| imports::preview(l, &request))
}

#[tauri::command(async)]
pub fn import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ImportRequest,
    choices: HashMap<String, Choice>,
) -> IpcResult<ImportOutcome> {
    let outcome = state.run(|l| imports::apply(l, &request, &choices))?;
    changed(&app);
    Ok(outcome)
}

#[tauri::command(async)]
pub fn export_library(
    state: State<'_, AppState>,
    kind: ExportKind,
    path: String,
) -> IpcResult<String> {
    state.run(|l| imports::export(l, kind, &PathBuf::from(path)))
}

#[tauri::command(async)]
pub fn setup_state(state: State<'_, AppState>) -> IpcResult<SetupState> {
    state.run(setup::state)
}

#[tauri::command(async)]
pub fn setup_finish(
    app: AppHandle,
    state: State<'_, AppState>,
    answers: SetupAnswers,
) -> IpcResult<()> {
    state.run(|l| setup::finish(l, &answers, &mut Desktop(&app)))?;
    *state.lock(&state.context) = None;
    crate::app::tray::relabel(&app);
    Ok(())
}

#[tauri::command(async)]
pub fn setup_skip(state: State<'_, AppState>) -> IpcResult<()> {
    state.run(setup::skip)
}
