//! The palette's commands: its context, results, the order picker, paste and hide.

use quickreply_core::app::palette::{
    self as core_palette, PaletteContext, Query, ResultItem, SuggestedItem,
};
use quickreply_core::app::paste::{self, PastePorts, PasteRequest};
use quickreply_core::orders::Order;
use quickreply_core::paste::PasteTimings;
use quickreply_core::ports::SystemClock;
use tauri::{AppHandle, Manager, State};

use crate::app::error::IpcResult;
use crate::app::state::AppState;
use crate::app::windows::palette;

#[tauri::command]
pub fn palette_context(state: State<'_, AppState>) -> IpcResult<PaletteContext> {
    if let Some(context) = state.lock(&state.context).clone() {
        return Ok(context);
    }
    palette::compute_context(&state)
}

/// `lang` is the buyer's language (the previews'); titles come in the staff's.
#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    lang: String,
    order_id: Option<String>,
    limit: usize,
) -> IpcResult<Vec<ResultItem>> {
    let clipboard = state.opening_clipboard();
    state.run(|library| {
        core_palette::results(
            library,
            &Query {
                text: &query,
                reply_lang: &lang,
                order_id: order_id.as_deref(),
                limit,
                clipboard: clipboard.as_deref(),
            },
        )
    })
}

/// The suggestions for this opening's copied buyer message, previewed in `lang` with the
/// order (empty while they are computed, or when nothing was copied).
#[tauri::command(async)]
pub fn palette_suggestions(
    state: State<'_, AppState>,
    lang: String,
    order_id: Option<String>,
) -> IpcResult<Vec<SuggestedItem>> {
    let Some(current) = state.lock(&state.suggestions.current).clone() else {
        return Ok(Vec::new());
    };
    let for_this_opening = state
        .lock(&state.context)
        .as_ref()
        .is_some_and(|c| c.buyer_message.as_deref() == Some(current.message.as_str()));
    if !for_this_opening {
        return Ok(Vec::new());
    }
    let clipboard = state.opening_clipboard();
    state.run(|library| {
        core_palette::suggested(
            library,
            &current.suggestions,
            &Query {
                text: "",
                reply_lang: &lang,
                order_id: order_id.as_deref(),
                limit: 3,
                clipboard: clipboard.as_deref(),
            },
        )
    })
}

#[tauri::command(async)]
pub fn find_orders(state: State<'_, AppState>, query: String) -> IpcResult<Vec<Order>> {
    state.run(|library| core_palette::find_orders(library, &query))
}

/// Checks the reply (values, review status) while the palette is still open, so a refusal
/// shows there; then hides the palette and pastes on a worker thread (the hide must be
/// processed by the event loop before focus can go back to the target). A paste that fails
/// later brings the palette back with the reason.
#[tauri::command(async)]
pub fn paste(app: AppHandle, state: State<'_, AppState>, request: PasteRequest) -> IpcResult<()> {
    let clipboard = state.opening_clipboard();
    let ready = state.run(|library| paste::prepare(library, &request, clipboard.as_deref()))?;
    palette::hide(&app, false);
    let message_id = state
        .lock(&state.suggestions.current)
        .as_ref()
        .and_then(|c| c.id);
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let target = *state.lock(&state.target);
        let outcome = state.with_ports(|p| {
            paste::run(
                &state.library,
                &ready,
                target,
                PastePorts {
                    clipboard: p.clipboard.as_mut(),
                    keys: p.keys.as_mut(),
                    focus: p.focus.as_mut(),
                },
                &PasteTimings::default(),
                &SystemClock,
            )
        });
        match outcome {
            Ok(Ok(report)) => {
                log::info!(
                    "pasted {} ({}) into {target:?}: focus {:?}, total {:?}, clipboard restored: {}",
                    ready.reply.key,
                    ready.reply.locale,
                    report.focus_wait,
                    report.total,
                    report.restored
                );
                // The reply arrived, but the person's clipboard was lost: they must know.
                if let Some(notice) = paste::restore_notice(&report, state.ui_lang()) {
                    log::warn!("{}", notice.detail);
                    palette::show_failure(&app, &notice);
                }
                // Learned: this reply answered the copied buyer message.
                if let Some(id) = message_id
                    && let Err(e) = quickreply_core::app::suggest::picked(
                        &state.library,
                        id,
                        &ready.reply.key,
                        &ready.reply.locale,
                    )
                {
                    log::warn!("the pick could not be learned: {e}");
                }
            }
            Ok(Err(failure)) => {
                log::error!("paste of {} failed: {}", ready.reply.key, failure.detail);
                palette::show_failure(&app, &failure);
            }
            Err(e) => {
                log::error!("paste of {} failed: {}", ready.reply.key, e.message);
                let failure = quickreply_core::app::paste::PasteFailure {
                    code: e.code,
                    message: e.message,
                    detail: String::new(),
                    reply_on_clipboard: false,
                };
                palette::show_failure(&app, &failure);
            }
        }
    });
    Ok(())
}

#[tauri::command]
pub fn hide_palette(app: AppHandle) {
    palette::hide(&app, true);
}
