// Typed wrappers over the Rust commands. See the contract in ui/README.md.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type Status = "approved" | "needs_review" | "machine" | "stale" | "rejected";
export type UiLang = "en" | "zh-CN" | "auto";
export type LangSource = "order" | "clipboard" | "default";

export interface Order {
  marketplace: string;
  order_id: string;
  buyer_name?: string | null;
  buyer_country?: string | null;
  buyer_locale?: string | null;
  items?: string | null;
  item_count?: number | null;
  total?: number | null;
  currency?: string | null;
  carrier?: string | null;
  tracking_number?: string | null;
  tracking_url?: string | null;
  ordered_at?: string | null;
  shipped_at?: string | null;
  eta?: string | null;
  status?: string | null;
}

export interface PaletteContext {
  order: Order | null;
  lang: string;
  lang_source: LangSource;
  locales: string[];
  ui_lang: UiLang;
  /** Translations waiting for review (all languages); the palette shows a badge when > 0. */
  review_count?: number;
}

export interface ResultItem {
  key: string;
  title: string;
  shortcut: string;
  category: string;
  locale: string;
  status: Status;
  /** Filled text in `locale`; a missing value appears as ⟨name⟩. */
  preview: string;
  source_locale: string;
  source_preview: string;
  missing: string[];
}

export interface Settings {
  hotkey: string;
  paste_keystroke: string;
  default_lang: string;
  ui_lang: UiLang;
  autostart: boolean;
  shop_vars: Record<string, string>;
  /** Application (X11 WM_CLASS class, Windows exe name, macOS bundle id) → paste keystroke. */
  paste_overrides: Record<string, string>;
}

export interface PasteRequest {
  key: string;
  lang: string;
  orderId: string | null;
  vars: Record<string, string>;
  confirmed: boolean;
}

/** A translation waiting for review (status machine, needs_review or stale). */
export interface ReviewItem {
  key: string;
  title: string;
  locale: string;
  status: Status;
  /** Fluent pattern of the translation. */
  body: string;
  source_locale: string;
  source_body: string;
  provider: string | null;
  /** Why it needs a look (may span several lines). */
  problem: string | null;
}

export interface ReviewQueue {
  items: ReviewItem[];
  /** [locale, how many] */
  counts: [string, number][];
  /** Name to prefill the reviewer field with. */
  reviewer: string;
}

export interface FtlError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ReviewPreview {
  /** Filled translation; a missing value appears as ⟨name⟩. Empty when `errors` is not. */
  text: string;
  source_text: string;
  missing: string[];
  /** Fluent syntax errors of the edited body. */
  errors: FtlError[];
  /** Why the body cannot be approved as it is (a lost placeholder…). */
  problem: string | null;
}

export type Verdict = "approved" | "rejected";
export type ProviderKind = "deepl" | "google" | "openai";

export interface ProviderConfig {
  name: string;
  kind: ProviderKind;
  url: string | null;
  model: string | null;
  formality: string | null;
  glossary: string | null;
  /** A key is stored in the OS keyring (the key itself never reaches the UI). */
  has_key: boolean;
}

export interface ProvidersInfo {
  providers: ProviderConfig[];
  default_provider: string | null;
  cache_entries: number;
  billed_chars: number;
}

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
  paletteContext: () => call<PaletteContext>("palette_context"),
  search: (query: string, lang: string, orderId: string | null, limit: number) =>
    call<ResultItem[]>("search", { query, lang, orderId, limit }),
  findOrders: (query: string) => call<Order[]>("find_orders", { query }),
  paste: (request: PasteRequest) => call<void>("paste", { request }),
  hidePalette: () => call<void>("hide_palette"),
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
};

export const EVENT_PALETTE_SHOWN = "palette-shown";
export const EVENT_REVIEW_CHANGED = "review-changed";

export function onPaletteShown(cb: (ctx: PaletteContext) => void): Promise<UnlistenFn> {
  return listen<PaletteContext>(EVENT_PALETTE_SHOWN, (e) => cb(e.payload));
}

/** A translation was drafted, edited, approved or rejected (no payload). */
export function onReviewChanged(cb: () => void): Promise<UnlistenFn> {
  return listen(EVENT_REVIEW_CHANGED, () => cb());
}
