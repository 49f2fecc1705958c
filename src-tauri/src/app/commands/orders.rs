//! The Orders view's commands: the active order the palette fills replies with, and copying a
//! ready reply. Importing, previewing, presets, search and the late list are one call each into
//! `quickreply_core::app::orders`.

use quickreply_core::app::paste;
use quickreply_core::orders::Order;
use tauri::State;

use crate::app::error::IpcResult;
use crate::app::state::AppState;

/// The order the palette uses when the clipboard names none.
#[tauri::command(async)]
pub fn active_order(state: State<'_, AppState>) -> IpcResult<Option<Order>> {
    let Some(id) = state.lock(&state.active_order).clone() else {
        return Ok(None);
    };
    match state.run(|library| quickreply_core::app::palette::find_orders(library, &id)) {
        Ok(orders) => Ok(orders.into_iter().find(|o| o.order_id == id)),
        Err(e) => Err(e),
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
