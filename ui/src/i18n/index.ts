import en from "./en.json";
import zhCN from "./zh-CN.json";
import type { UiLanguage } from "../api";

/** A language of the interface. Which one to use is decided by the backend (`ui_language`). */
export type Lang = UiLanguage;
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

// zh-CN must define every key of en (checked at compile time).
const zh: Messages = zhCN satisfies Messages;
export const catalogs: Record<Lang, Messages> = { en, "zh-CN": zh };

let current: Lang = "en";

/** Whether `value` is a language the interface has (not "auto", not anything else). */
export function isLang(value: unknown): value is Lang {
  return value === "en" || value === "zh-CN";
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
