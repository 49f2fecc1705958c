// Small labels of the library window: status badges and the per-language status dots.
import { h } from "../h";
import { t, type MessageKey } from "../i18n";
import { langLabel } from "../components/lang-label";
import type { Status } from "./types";

export { langLabel };

export function statusText(status: Status): string {
  return t(`status.${status}` as MessageKey);
}

/** A translation's status as a badge (approved / needs review / machine / stale / rejected). */
export function statusBadge(status: Status): HTMLElement {
  return h("span", { class: ["badge", "status-badge", "badge-" + status] }, statusText(status));
}

/** One language of a row: a dot coloured by its status and the locale code; the tooltip says both. */
export function statusDot(locale: string, status: Status, source: boolean): HTMLElement {
  const title = source ? t("library.dot.source", { lang: langLabel(locale) }) : t("library.dot.title", { lang: langLabel(locale), status: statusText(status) });
  return h(
    "span",
    { class: ["lang-dot", "dot-" + status, source && "dot-source"], title, "aria-label": title, role: "img", "data-locale": locale },
    locale,
  );
}

/** A date and time as the interface language writes it ("" when it cannot be read). */
export function when(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" }).format(d);
  } catch {
    return d.toISOString().slice(0, 16).replace("T", " ");
  }
}
