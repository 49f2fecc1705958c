//! The Orders view's commands: the active order the palette fills replies with, and copying a
//! ready reply. Importing, previewing, presets, search and the late list are one call each into
//! `quickreply_core::app::orders`.

use std::path::PathBuf;

use quickreply_core::app::orders::{
    self as core_orders, ImportOptions, LateOrder, OrderImport, OrderPreview,
};
use quickreply_core::app::paste;
use quickreply_core::orders::{Order, Preset};
use tauri::{AppHandle, Emitter, State};

use crate::app::error::IpcResult;
use crate::app::state::AppState;

/// The order the palette uses when the clipboard names none.
#[tauri::command(async)]
pub fn active_order(state: State<'_, AppState>) -> IpcResult<Option<Order>> {
    let Some(id) = state.lock(&state.active_order).clone() else {
        return Ok(None);
    };
    match core_orders::show(&state.library, &id) {
        Ok(order) => Ok(Some(order)),
        // Purged or replaced since it was chosen: there is none any more.
        Err(quickreply_core::Error::UnknownOrder(_)) => Ok(None),
        Err(e) => Err(state.shown(&e)),
    }
}

/// Sets (or clears, with `None`) the order the palette uses; the next opening follows it.
#[tauri::command]
pub fn set_active_order(state: State<'_, AppState>, order_id: Option<String>) {
    *state.lock(&state.active_order) = order_id.filter(|id| !id.trim().is_empty());
    *state.lock(&state.context) = None;
}

/// Puts `text` on the clipboard (a late order's ready reply).
#[tauri::command(async)]
pub fn copy_text(state: State<'_, AppState>, text: String) -> IpcResult<()> {
    let ui = state.ui_lang();
    state.with_ports(|p| paste::copy_text(p.clipboard.as_mut(), &text, ui))?
}

/// What an import would read: the detected format or preset, the encoding, the columns, the
/// mapping and the first orders, with the problems found. Writes nothing.
#[tauri::command(async)]
pub fn orders_preview(
    state: State<'_, AppState>,
    path: String,
    options: Option<ImportOptions>,
) -> IpcResult<OrderPreview> {
    let options = options.unwrap_or_default();
    state.run(|library| core_orders::preview(library, &PathBuf::from(path), &options))
}

/// Imports an order file (auto-detected without options); bad rows are reported, the rest is
/// stored in one transaction.
#[tauri::command(async)]
pub fn orders_import(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    options: Option<ImportOptions>,
) -> IpcResult<OrderImport> {
    let options = options.unwrap_or_default();
    let outcome =
        state.run(|library| core_orders::import_with(library, &PathBuf::from(path), &options))?;
    // The palette's context may name an order that changed.
    *state.lock(&state.context) = None;
    let _ = app.emit(super::library::EVENT_LIBRARY_CHANGED, ());
    Ok(outcome)
}

#[tauri::command(async)]
pub fn orders_presets(state: State<'_, AppState>) -> IpcResult<Vec<Preset>> {
    state.run(core_orders::presets)
}

#[tauri::command(async)]
pub fn orders_preset_delete(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    state.run(|library| core_orders::delete_preset(library, &name))
}

#[tauri::command(async)]
pub fn orders_search(state: State<'_, AppState>, query: String) -> IpcResult<Vec<Order>> {
    state.run(|library| core_orders::search(library, &query))
}

/// Orders that need a message now, each with the shipping-delay reply in the buyer's language.
#[tauri::command(async)]
pub fn orders_late(state: State<'_, AppState>) -> IpcResult<Vec<LateOrder>> {
    state.run(|library| core_orders::late(library, core_orders::today()))
}
