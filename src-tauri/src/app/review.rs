//! The review window's and the translation settings' commands. Each is one core call; the
//! slow ones (machine translation, back-translation, a provider test) run on a blocking
//! worker with their own connection to the library, so the palette never waits for a
//! translation service.

use quickreply_core::error::FtlError;
use quickreply_core::store::review::ReviewItem;
use quickreply_core::store::{Status, Store};
use quickreply_core::translate::{self, ProviderConfig};
use quickreply_core::{Error, reply};
use quickreply_platform::OsKeyring;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindowBuilder};

use super::error::{IpcError, IpcResult};
use super::state::AppState;

/// Sent to every window when a translation was drafted, edited, approved or rejected.
pub const EVENT_REVIEW_CHANGED: &str = "review-changed";

/// The setting naming the provider `translate` uses without `--provider`.
const DEFAULT_PROVIDER: &str = "translate.provider";

#[derive(Debug, Serialize)]
pub struct ReviewQueue {
    items: Vec<ReviewItem>,
    counts: Vec<(String, u64)>,
    /// The reviewer's name to prefill: the login name.
    reviewer: String,
}

#[derive(Debug, Serialize)]
pub struct ReviewPreview {
    text: String,
    source_text: String,
    missing: Vec<String>,
    /// Fluent syntax errors of the edited text (the previews are empty then).
    errors: Vec<FtlError>,
    /// Why the text cannot be approved as it is (a lost placeholder…).
    problem: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProvidersInfo {
    providers: Vec<ProviderConfig>,
    default_provider: Option<String>,
    cache_entries: u64,
    billed_chars: u64,
}

fn changed(app: &AppHandle) {
    let _ = app.emit(EVENT_REVIEW_CHANGED, ());
    super::tray::refresh_review_count(app);
}

/// A second connection for work that must not hold the shared one.
fn own_store(state: &AppState) -> IpcResult<Store> {
    Ok(Store::open(&state.db_path)?)
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::new("internal", format!("the worker stopped: {e}")))?
}

#[tauri::command]
pub fn review_queue(state: State<'_, AppState>) -> IpcResult<ReviewQueue> {
    let store = state.store();
    Ok(ReviewQueue {
        items: store.review_queue()?,
        counts: store.review_counts()?,
        reviewer: crate::cli::login_name().unwrap_or_default(),
    })
}

#[tauri::command(async)]
pub fn review_preview(
    state: State<'_, AppState>,
    key: String,
    locale: String,
    body: String,
    order_id: Option<String>,
) -> IpcResult<ReviewPreview> {
    let store = state.store();
    let template = store.template(&key)?;
    let source_body = store.source_body(&template)?.unwrap_or_default();
    let order = order_id.as_deref().filter(|o| !o.is_empty());
    let source = reply::preview_body(
        &store,
        &state.renderer,
        &key,
        &template.source_locale,
        &source_body,
        order,
    )?;
    let problem = quickreply_core::store::review::placeholder_problem(&key, &body, &source_body);
    match reply::preview_body(&store, &state.renderer, &key, &locale, &body, order) {
        Ok(preview) => Ok(ReviewPreview {
            text: preview.text,
            source_text: source.text,
            missing: preview.missing,
            errors: Vec::new(),
            problem,
        }),
        Err(Error::Ftl(errors)) => Ok(ReviewPreview {
            text: String::new(),
            source_text: source.text,
            missing: Vec::new(),
            errors,
            problem,
        }),
        Err(e) => Err(e.into()),
    }
}

#[tauri::command]
pub fn review_save(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    locale: String,
    body: String,
) -> IpcResult<ReviewItem> {
    let item = state.store().edit_translation(&key, &locale, &body)?;
    changed(&app);
    Ok(item)
}

#[tauri::command]
pub fn review_decide(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    locale: String,
    verdict: String,
    reviewer: String,
) -> IpcResult<()> {
    let verdict: Status = verdict.parse()?;
    let reviewer = Some(reviewer.trim()).filter(|r| !r.is_empty());
    state.store().review(&key, &locale, verdict, reviewer)?;
    state.invalidate_index();
    changed(&app);
    Ok(())
}

#[tauri::command]
pub async fn back_translate(
    state: State<'_, AppState>,
    key: String,
    locale: String,
    body: String,
) -> IpcResult<String> {
    let mut store = own_store(&state)?;
    blocking(move || {
        let config = store.choose_provider(None)?;
        let translator = translate::connect(&config, &OsKeyring)?;
        Ok(translate::back_translate(
            &mut store,
            translator.as_ref(),
            &key,
            &locale,
            &body,
        )?)
    })
    .await
}

#[tauri::command]
pub async fn review_translate(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    locale: String,
    provider: Option<String>,
) -> IpcResult<ReviewItem> {
    let mut store = own_store(&state)?;
    let item = blocking(move || {
        let config = store.choose_provider(provider.as_deref())?;
        let translator = translate::connect(&config, &OsKeyring)?;
        let draft = translate::translate_template(&mut store, translator.as_ref(), &key, &locale)?;
        store
            .review_queue()?
            .into_iter()
            .find(|i| i.key == draft.key && i.locale == draft.locale)
            .ok_or_else(|| IpcError::new("internal", "the draft was stored but is not queued"))
    })
    .await?;
    state.invalidate_index();
    changed(&app);
    Ok(item)
}

#[tauri::command]
pub fn open_review(app: AppHandle) {
    open_review_window(&app);
}

/// Shows the review window, creating it on first use.
pub fn open_review_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("review") {
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, "review", WebviewUrl::App("index.html".into()))
        .title("QuickReply — Review translations")
        .inner_size(980.0, 680.0)
        .min_inner_size(720.0, 480.0)
        .build();
    if let Err(e) = built {
        log::error!("review window: {e}");
    }
}

#[tauri::command]
pub fn list_providers(state: State<'_, AppState>) -> IpcResult<ProvidersInfo> {
    let store = state.store();
    let stats = store.cache_stats()?;
    Ok(ProvidersInfo {
        providers: store.providers()?,
        default_provider: store.setting(DEFAULT_PROVIDER)?,
        cache_entries: stats.entries,
        billed_chars: stats.billed_chars,
    })
}

#[tauri::command]
pub fn save_provider(
    state: State<'_, AppState>,
    config: ProviderConfig,
    key: Option<String>,
) -> IpcResult<ProviderConfig> {
    let mut store = state.store();
    let mut config = config;
    config.has_key = store
        .provider(&config.name)?
        .is_some_and(|existing| existing.has_key);
    store.save_provider(&config)?;
    if let Some(key) = key.filter(|k| !k.trim().is_empty()) {
        translate::store_key(&mut store, &OsKeyring, &config.name, &key)?;
    }
    store
        .provider(&config.name)?
        .ok_or_else(|| IpcError::new("internal", "the provider was not saved"))
}

#[tauri::command]
pub async fn test_provider(state: State<'_, AppState>, name: String) -> IpcResult<String> {
    let store = own_store(&state)?;
    blocking(move || {
        let config = store.choose_provider(Some(&name))?;
        let translator = translate::connect(&config, &OsKeyring)?;
        Ok(translator.check().map_err(Error::from)?)
    })
    .await
}

#[tauri::command]
pub fn set_default_provider(state: State<'_, AppState>, name: Option<String>) -> IpcResult<()> {
    let mut store = state.store();
    match name.filter(|n| !n.is_empty()) {
        Some(name) => {
            store.choose_provider(Some(&name))?;
            store.set_setting(DEFAULT_PROVIDER, &name)?;
        }
        None => store.delete_setting(DEFAULT_PROVIDER)?,
    }
    Ok(())
}
