// Typed wrappers over the Rust commands. See the contract in ui/README.md.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

// The IPC types are generated from the Rust types (bindings.ts, by crates/core/tests/ipc_bindings.rs);
// these names are the UI's.
import type * as Ipc from "./bindings";
import type * as Lib from "./library/types";
import type { Insights, LearnedPick, SuggestedItem } from "./suggest-types";

export type Status = Ipc.Status;
/** The interface language setting ("auto": the system's, decided by the backend). */
export type UiLang = Ipc.UiLangSetting;
/** An interface language the windows can show: "auto" already resolved by the backend. */
export type UiLanguage = Ipc.UiLang;
export type LangSource = Ipc.LangSource;
export type Order = Ipc.Order;
export type PaletteContext = Ipc.PaletteContext;
export type ResultItem = Ipc.ResultItem;
export type Settings = Ipc.Settings;
export type PasteRequest = Ipc.PasteRequest;
/** A translation waiting for review (status machine, needs_review or stale). */
export type ReviewItem = Ipc.ReviewItem;
export type ReviewQueue = Ipc.ReviewQueue;
export type FtlError = Ipc.FtlError;
export type ReviewPreview = Ipc.ReviewPreview;
export type Verdict = Ipc.Verdict;
export type ProviderKind = Ipc.ProviderKind;
export type ProviderConfig = Ipc.ProviderConfig;
export type ProvidersInfo = Ipc.ProvidersInfo;
/** A paste that did not arrive: the palette comes back and shows `message` (already in the staff's language). */
export type PasteFailure = Ipc.PasteFailure;
// orders (the library window's Orders view)
export type Format = Ipc.Format;
export type ImportOptions = Ipc.ImportOptions;
export type OrderPreview = Ipc.OrderPreview;
export type OrderImport = Ipc.OrderImport;
export type Preset = Ipc.Preset;
export type RowError = Ipc.RowError;
export type LateOrder = Ipc.LateOrder;
export type LateReason = Ipc.LateReason;
// team library (Settings → Team)
export type TeamStatus = Ipc.TeamStatus;
export type TeamConflict = Ipc.TeamConflict;
export type SyncReport = Ipc.SyncReport;
export type Permissions = Ipc.Permissions;
// backups (Settings → Backups)
export type BackupInfo = Ipc.BackupInfo;
export type RestoreReport = Ipc.RestoreReport;
// suggestions (palette) and insights (library window): hand-written until the bindings carry them
export type { InsightLanguage, InsightReply, Insights, InsightTopic, LearnedPick, SuggestedItem, SuggestReason, SuggestReasonKind } from "./suggest-types";

export interface ApiError {
  code: string;
  message: string;
  missing?: string[];
}

/** Normalise whatever a rejected invoke carries into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e && typeof e === "object") {
    const o = e as Record<string, unknown>;
    const code = typeof o.code === "string" ? o.code : "error";
    const message = typeof o.message === "string" ? o.message : String(e);
    const missing = Array.isArray(o.missing) ? o.missing.map(String) : undefined;
    return { code, message, missing };
  }
  return { code: "error", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  /** The interface language every window uses: the setting, with "auto" resolved by the backend. */
  uiLanguage: () => call<UiLanguage>("ui_language"),
  paletteContext: () => call<PaletteContext>("palette_context"),
  search: (query: string, lang: string, orderId: string | null, limit: number) =>
    call<ResultItem[]>("search", { query, lang, orderId, limit }),
  findOrders: (query: string) => call<Order[]>("find_orders", { query }),
  paste: (request: PasteRequest) => call<void>("paste", { request }),
  hidePalette: () => call<void>("hide_palette"),
  /** Replies ranked for the copied buyer message (empty: no message, or the engine is not ready yet). */
  paletteSuggestions: (lang: string, orderId: string | null) => call<SuggestedItem[]>("palette_suggestions", { lang, orderId }),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  // review window & translation providers
  reviewQueue: () => call<ReviewQueue>("review_queue"),
  reviewPreview: (key: string, locale: string, body: string, orderId: string | null) =>
    call<ReviewPreview>("review_preview", { key, locale, body, orderId }),
  reviewSave: (key: string, locale: string, body: string) => call<ReviewItem>("review_save", { key, locale, body }),
  reviewDecide: (key: string, locale: string, verdict: Verdict, reviewer: string) =>
    call<void>("review_decide", { key, locale, verdict, reviewer }),
  backTranslate: (key: string, locale: string, body: string) => call<string>("back_translate", { key, locale, body }),
  reviewTranslate: (key: string, locale: string, provider: string | null) =>
    call<ReviewItem>("review_translate", { key, locale, provider }),
  openReview: () => call<void>("open_review"),
  listProviders: () => call<ProvidersInfo>("list_providers"),
  saveProvider: (config: ProviderConfig, key: string | null) => call<ProviderConfig>("save_provider", { config, key }),
  testProvider: (name: string) => call<string>("test_provider", { name }),
  setDefaultProvider: (name: string | null) => call<void>("set_default_provider", { name }),
  // library window (owners): templates, translations, import/export, first-run setup
  libraryList: () => call<Lib.LibraryList>("library_list"),
  librarySearch: (query: string) => call<string[]>("library_search", { query }),
  templateGet: (key: string) => call<Lib.TemplateDetail>("template_get", { key }),
  templateCheck: (key: string, locale: string, text: string) => call<Lib.TextCheck>("template_check", { key, locale, text }),
  templateSave: (draft: Lib.TemplateDraft) => call<Lib.TemplateDetail>("template_save", { draft }),
  templateDelete: (key: string) => call<Lib.DeletedTemplate>("template_delete", { key }),
  /** Resolves to the restored key (renamed `x-2` when `x` was taken meanwhile). */
  templateUndelete: (id: number) => call<string>("template_undelete", { id }),
  recentlyDeleted: () => call<Lib.DeletedTemplate[]>("recently_deleted"),
  templateHistory: (key: string, locale: string | null) => call<Lib.HistoryEntry[]>("template_history", { key, locale }),
  templateRestoreVersion: (key: string, id: number) => call<Lib.TemplateDetail>("template_restore_version", { key, id }),
  suggestKey: (title: string) => call<string>("suggest_key", { title }),
  editorVocabulary: (locale: string) => call<Lib.Vocabulary>("editor_vocabulary", { locale }),
  pluralSnippet: (variable: string, locale: string) => call<string>("plural_snippet", { variable, locale }),
  /** `key` and `sourceLocale` let the backend fill the source preview too (it may ignore them). */
  templatePreview: (locale: string, text: string, orderId: string | null, key: string, sourceLocale: string) =>
    call<ReviewPreview>("template_preview", { locale, text, orderId, key, sourceLocale }),
  draftTranslation: (key: string, locale: string, provider: string | null) => call<Lib.TemplateText>("draft_translation", { key, locale, provider }),
  importPreview: (request: Lib.ImportRequest) => call<Lib.ImportPreview>("import_preview", { request }),
  importApply: (request: Lib.ImportRequest, choices: Record<string, Lib.Choice>) => call<Lib.ImportOutcome>("import_apply", { request, choices }),
  exportLibrary: (kind: Lib.ExportKind, path: string) => call<string>("export_library", { kind, path }),
  setupState: () => call<Lib.SetupState>("setup_state"),
  setupFinish: (answers: Lib.SetupAnswers) => call<void>("setup_finish", { answers }),
  setupSkip: () => call<void>("setup_skip"),
  /** `options` null: the format detected, no mapping (the first-run setup). */
  ordersImport: (path: string, options: ImportOptions | null = null) => call<OrderImport>("orders_import", { path, options }),
  ordersPreview: (path: string, options: ImportOptions) => call<OrderPreview>("orders_preview", { path, options }),
  ordersPresets: () => call<Preset[]>("orders_presets"),
  ordersPresetDelete: (name: string) => call<null>("orders_preset_delete", { name }),
  ordersSearch: (query: string) => call<Order[]>("orders_search", { query }),
  ordersLate: () => call<LateOrder[]>("orders_late"),
  /** The order the palette fills replies with (null: none chosen). */
  activeOrder: () => call<Order | null>("active_order"),
  // team library
  teamStatus: () => call<TeamStatus>("team_status"),
  /** What the person at this desktop may do (the team's roles; everything without a team). */
  teamPermissions: () => call<Permissions>("team_permissions"),
  teamSync: () => call<SyncReport>("team_sync"),
  teamInit: (remote: string) => call<SyncReport>("team_init", { remote }),
  teamJoin: (remote: string) => call<SyncReport>("team_join", { remote }),
  teamSetToken: (token: string) => call<void>("team_set_token", { token }),
  teamSetSyncMinutes: (minutes: number) => call<TeamStatus>("team_set_sync_minutes", { minutes }),
  // backups
  backupList: () => call<BackupInfo[]>("backup_list"),
  backupCreate: () => call<BackupInfo>("backup_create"),
  backupRestore: (path: string) => call<RestoreReport>("backup_restore", { path }),
  setActiveOrder: (orderId: string | null) => call<null>("set_active_order", { orderId }),
  copyText: (text: string) => call<null>("copy_text", { text }),
  // library window → Insights
  /** `since`: YYYY-MM-DD, null = the last 28 days. */
  insights: (since: string | null) => call<Insights>("insights", { since }),
  /** Message → reply pairs learned from pastes, newest first. */
  learnedPicks: (limit: number) => call<LearnedPick[]>("learned_picks", { limit }),
  forgetPick: (id: number) => call<null>("forget_pick", { id }),
  /** The view a library window was opened for and has not shown yet (taken: asked once). */
  libraryRequest: () => call<Lib.LibraryOpen | null>("library_request"),
  /** Palette (Ctrl+E): the library window, on `key` when given. */
  openLibrary: (key: string | null) => call<void>("open_library", { key }),
  /** Settings: the library window on its first-run setup. */
  openSetup: () => call<void>("open_setup"),
};

export const EVENT_PALETTE_SHOWN = "palette-shown";
export const EVENT_PALETTE_SUGGESTIONS = "palette-suggestions";
export const EVENT_REVIEW_CHANGED = "review-changed";
export const EVENT_PASTE_FAILED = "paste-failed";
export const EVENT_LIBRARY_CHANGED = "library-changed";
export const EVENT_LIBRARY_OPEN = "library-open";
export const EVENT_TEAM_STATUS = "team-status";

/** The last paste failed after the palette hid (the target window closed, the keystroke was refused…). */
export function onPasteFailed(cb: (failure: PasteFailure) => void): Promise<UnlistenFn> {
  return listen<PasteFailure>(EVENT_PASTE_FAILED, (e) => cb(e.payload));
}

export function onPaletteShown(cb: (ctx: PaletteContext) => void): Promise<UnlistenFn> {
  return listen<PaletteContext>(EVENT_PALETTE_SHOWN, (e) => cb(e.payload));
}

/** The suggestions for the message copied at this opening are ready (no payload): ask palette_suggestions. */
export function onPaletteSuggestions(cb: () => void): Promise<UnlistenFn> {
  return listen(EVENT_PALETTE_SUGGESTIONS, () => cb());
}

/** A translation was drafted, edited, approved or rejected (no payload). */
export function onReviewChanged(cb: () => void): Promise<UnlistenFn> {
  return listen(EVENT_REVIEW_CHANGED, () => cb());
}

/** Templates changed somewhere (a save, an import, the CLI; no payload). */
export function onLibraryChanged(cb: () => void): Promise<UnlistenFn> {
  return listen(EVENT_LIBRARY_CHANGED, () => cb());
}

/** Show the library window on a view (the palette's Ctrl+E, the tray, `quickreply library`). */
export function onLibraryOpen(cb: (open: Lib.LibraryOpen) => void): Promise<UnlistenFn> {
  return listen<Lib.LibraryOpen>(EVENT_LIBRARY_OPEN, (e) => cb(e.payload));
}

/** A team sync ran (on start, on the timer, after a save, on demand): the new status. */
export function onTeamStatus(cb: (status: TeamStatus) => void): Promise<UnlistenFn> {
  return listen<TeamStatus>(EVENT_TEAM_STATUS, (e) => cb(e.payload));
}
