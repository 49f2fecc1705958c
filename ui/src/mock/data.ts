// The fake backend's own data (not Fluent: orders, settings, providers) and its URL parameters.
import type { Order, ProviderConfig, Settings, UiLanguage } from "../api";
import { order } from "./order";

export const params = new URLSearchParams(location.search);

export const ORDERS: Order[] = [
  order({ marketplace: "amazon", order_id: "402-8841123-0912345", buyer_name: "أحمد الفارسي", buyer_country: "AE", buyer_locale: "ar", carrier: "Aramex", tracking_number: "AMX 3319 2245", eta: "2025-12-04", ordered_at: "2025-11-20T08:12:00Z" }),
  order({ marketplace: "ozon", order_id: "77120-0043", buyer_name: "Мария Иванова", buyer_country: "RU", buyer_locale: "ru", carrier: "Почта России", tracking_number: null, ordered_at: "2025-11-18T10:00:00Z" }),
  order({ marketplace: "shopee", order_id: "SG2511ZK8", buyer_name: "Nur Aisyah", buyer_country: "MY", buyer_locale: "ms", carrier: "J&T Express", tracking_number: "JT0099812", ordered_at: "2025-11-21T03:30:00Z" }),
  order({ marketplace: "amazon", order_id: "171-5522019-7781122", buyer_name: "Élodie Martin", buyer_country: "FR", buyer_locale: "fr", carrier: "Colissimo", tracking_number: "6A1234567890", ordered_at: "2025-11-15T12:00:00Z" }),
];

export const LOCALES = ["en", "ar", "ru", "ms", "fr", "es", "zh-CN", "de", "tr"];

export const store = {
  settings: {
    hotkey: "Ctrl+Shift+Space",
    paste_keystroke: "Ctrl+V",
    default_lang: "en",
    ui_lang: "auto",
    autostart: true,
    shop_vars: { shop_name: "Lotus Home", support_email: "help@lotus.example" },
    paste_overrides: { "Gnome-terminal": "Ctrl+Shift+V", XTerm: "Shift+Insert" },
    order_retention_days: 365,
  message_retention_days: 90,
  } as Settings,
  providers: [
    { name: "deepl", kind: "deepl", url: null, model: null, formality: "more", glossary: null, has_key: true },
    { name: "local-llm", kind: "openai", url: "http://127.0.0.1:8080/v1", model: "qwen2.5-7b-instruct", formality: null, glossary: null, has_key: false },
  ] as ProviderConfig[],
  defaultProvider: "deepl" as string | null,
};

/** ?ui=… overrides the stored setting (the backend would read its settings table). */
function uiSetting(): Settings["ui_lang"] {
  const ui = params.get("ui");
  return ui === "en" || ui === "zh-CN" ? ui : store.settings.ui_lang;
}

/** ui_language: the setting resolved like the backend does; the fake system language is English. */
export function uiLanguage(): UiLanguage {
  const ui = uiSetting();
  return ui === "auto" ? "en" : ui;
}

export function settingsAnswer(): Settings {
  return { ...structuredClone(store.settings), ui_lang: uiSetting() };
}

export function orderById(id: string | null | undefined): Order | null {
  return ORDERS.find((o) => o.order_id === id) ?? null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
