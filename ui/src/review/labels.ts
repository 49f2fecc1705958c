// Small labels shared by the review window's panes.
import type { ReviewItem } from "../api";
import { h, type Child } from "../h";
import { t, type MessageKey } from "../i18n";

/** "ar · Arabic" (the name in the interface language, else the language's own). */
export { langLabel } from "../components/lang-label";

export function statusBadge(item: ReviewItem): Child {
  return h("span", { class: ["badge", "badge-warn", "badge-" + item.status] }, t(`status.${item.status}` as MessageKey));
}
