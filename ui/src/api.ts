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
};

export const EVENT_PALETTE_SHOWN = "palette-shown";

export function onPaletteShown(cb: (ctx: PaletteContext) => void): Promise<UnlistenFn> {
  return listen<PaletteContext>(EVENT_PALETTE_SHOWN, (e) => cb(e.payload));
}
