import en from "./en.json";
import zhCN from "./zh-CN.json";
import type { UiLang } from "../api";

export type Lang = "en" | "zh-CN";
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

// zh-CN must define every key of en (checked at compile time).
const zh: Messages = zhCN satisfies Messages;
export const catalogs: Record<Lang, Messages> = { en, "zh-CN": zh };

let current: Lang = "en";

/** "auto" → zh-CN when the system language starts with "zh", else en. */
export function resolveUiLang(setting: UiLang | string | null | undefined, navLang?: string): Lang {
  if (setting === "en" || setting === "zh-CN") return setting;
  const nav = navLang ?? (typeof navigator !== "undefined" ? navigator.language : "") ?? "";
  return nav.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export function getLang(): Lang {
  return current;
}

/** Look up a message; {name} placeholders are replaced from params. Falls back to en, then the key. */
export function t(key: MessageKey, params?: Record<string, string | number>, lang: Lang = current): string {
  const msg = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}
