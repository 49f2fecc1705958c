//! The commands the web UI calls. Each is a thin call into the core; errors are `{code,
//! message}` (plus `missing` for values a reply needs).

use std::collections::BTreeMap;

use quickreply_core::orders::Order;
use quickreply_core::paste::{PasteTimings, paste_into};
use quickreply_core::ports::{PasteKeystroke, SystemClock};
use quickreply_core::reply::{self, Request};
use quickreply_core::store::Status;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

use super::error::{IpcError, IpcResult};
use super::palette;
use super::settings::Settings;
use super::state::{AppState, PaletteContext};

/// Upper bound on results with a rendered preview per keystroke.
const MAX_RESULTS: usize = 30;

#[tauri::command]
pub fn palette_context(state: State<'_, AppState>) -> IpcResult<PaletteContext> {
    if let Some(context) = state.lock(&state.context).clone() {
        return Ok(context);
    }
    palette::compute_context(&state)
}

#[derive(Debug, Serialize)]
pub struct ResultItem {
    key: String,
    title: String,
    shortcut: String,
    category: String,
    locale: String,
    status: Status,
    preview: String,
    source_locale: String,
    source_preview: String,
    missing: Vec<String>,
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    lang: String,
    order_id: Option<String>,
    limit: usize,
) -> IpcResult<Vec<ResultItem>> {
    let index = state.index()?;
    let store = state.store();
    // Titles in the staff's language (they choose the reply); the text in the buyer's.
    let ui_lang = Settings::load(&store)?.effective_ui_lang();
    let hits = index.search(&query, Some(ui_lang), limit.min(MAX_RESULTS));
    let mut items = Vec::with_capacity(hits.len());
    for hit in hits {
        let template = store.template(&hit.key)?;
        let request = Request {
            key: &hit.key,
            lang: Some(&lang),
            order_id: order_id.as_deref(),
            vars: &[],
        };
        let item = match reply::preview(&store, &state.renderer, &request) {
            Ok(preview) => ResultItem {
                key: hit.key,
                title: hit.title,
                shortcut: template.shortcut,
                category: template.category,
                locale: preview.reply.locale,
                status: preview.reply.status,
                preview: preview.reply.text,
                source_locale: preview.source_locale,
                source_preview: preview.source_text,
                missing: preview.missing,
            },
            // Still listed, so staff see why it cannot be used; pasting it fails with the
            // same message.
            Err(e) => ResultItem {
                key: hit.key,
                title: hit.title,
                shortcut: template.shortcut,
                category: template.category,
                locale: lang.clone(),
                status: Status::NeedsReview,
                preview: e.to_string(),
                source_locale: template.source_locale.clone(),
                source_preview: String::new(),
                missing: Vec::new(),
            },
        };
        items.push(item);
    }
    Ok(items)
}

#[tauri::command(async)]
pub fn find_orders(state: State<'_, AppState>, query: String) -> IpcResult<Vec<Order>> {
    Ok(state.store().search_orders(&query, 20)?)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasteRequest {
    key: String,
    lang: String,
    order_id: Option<String>,
    #[serde(default)]
    vars: BTreeMap<String, String>,
    #[serde(default)]
    confirmed: bool,
}

/// Fill the reply; refuse if a value is missing or the text is not approved and not
/// confirmed; then hide the palette and paste on a worker thread (the hide must be processed
/// by the event loop before focus can go back to the target).
#[tauri::command(async)]
pub fn paste(app: AppHandle, state: State<'_, AppState>, request: PasteRequest) -> IpcResult<()> {
    let vars: Vec<(String, String)> = request
        .vars
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    let (reply, settings) = {
        let store = state.store();
        let reply = reply::fill(
            &store,
            &state.renderer,
            &Request {
                key: &request.key,
                lang: Some(&request.lang),
                order_id: request.order_id.as_deref(),
                vars: &vars,
            },
        )?;
        (reply, Settings::load(&store)?)
    };
    if reply.status != Status::Approved && !request.confirmed {
        return Err(IpcError::new(
            "unreviewed",
            format!(
                "the {} text of '{}' is {} — confirm to paste it anyway",
                reply.locale, reply.key, reply.status
            ),
        ));
    }
    palette::hide(&app, false);
    let order_id = request.order_id;
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let target = *state.lock(&state.target);
        let outcome = state.with_ports(|p| {
            let app_id = target.and_then(|w| p.focus.app_id(w).ok().flatten());
            let keystroke = settings.keystroke_for(app_id.as_deref());
            log::info!("target application {app_id:?}: paste with {keystroke}");
            paste_into(
                target,
                &reply.text,
                keystroke,
                &PasteTimings::default(),
                p.clipboard.as_mut(),
                p.keys.as_mut(),
                p.focus.as_mut(),
                &SystemClock,
            )
        });
        match outcome {
            Ok(Ok(report)) => {
                log::info!(
                    "pasted {} ({}) into {target:?}: focus {:?}, total {:?}, clipboard restored: {}",
                    reply.key,
                    reply.locale,
                    report.focus_wait,
                    report.total,
                    report.restored
                );
                if let Err(e) =
                    state
                        .store()
                        .record_usage(&reply.key, &reply.locale, order_id.as_deref())
                {
                    log::warn!("usage not recorded: {e}");
                }
                state.invalidate_index();
            }
            Ok(Err(e)) => log::error!("paste of {} failed: {e}", reply.key),
            Err(e) => log::error!("paste of {} failed: {}", reply.key, e.message),
        }
    });
    Ok(())
}

#[tauri::command]
pub fn hide_palette(app: AppHandle) {
    palette::hide(&app, true);
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    Ok(Settings::load(&state.store())?)
}

#[tauri::command(async)]
pub fn save_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: Settings,
) -> IpcResult<Settings> {
    for keys in std::iter::once(&settings.paste_keystroke).chain(settings.paste_overrides.values())
    {
        keys.parse::<PasteKeystroke>()
            .map_err(|e| IpcError::new("invalid", format!("paste keystroke: {e}")))?;
    }
    quickreply_core::locale::canonical(&settings.default_lang)?;
    if !["auto", "en", "zh-CN"].contains(&settings.ui_lang.as_str()) {
        return Err(IpcError::new(
            "invalid",
            "UI language must be auto, en or zh-CN",
        ));
    }
    // The hotkey first: if it cannot be registered, nothing is saved and the old one stays.
    super::hotkey::change(&app, &settings.hotkey)?;
    super::autostart(&app, settings.autostart);
    settings.save(&mut state.store())?;
    *state.lock(&state.context) = None;
    Settings::load(&state.store()).map_err(Into::into)
}
