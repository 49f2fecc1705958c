// Small labels shared by the review window's panes.
import type { ReviewItem } from "../api";
import { h, type Child } from "../h";
import { getLang, t, type MessageKey } from "../i18n";
import { languageName, nativeName } from "../locales";

/** "ar · Arabic" (the name in the interface language, else the language's own). */
export function langLabel(code: string): string {
  const name = languageName(code, getLang()) || nativeName(code);
  return name ? `${code} · ${name}` : code;
}

export function statusBadge(item: ReviewItem): Child {
  return h("span", { class: ["badge", "badge-warn", "badge-" + item.status] }, t(`status.${item.status}` as MessageKey));
}
