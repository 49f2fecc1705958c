// The status badge of a result that is not approved (in its row and in the preview).
import type { ResultItem } from "../api";
import { h, type Child } from "../h";
import { t, type MessageKey } from "../i18n";

export function statusBadge(item: ResultItem): Child {
  if (item.status === "approved") return null;
  return h("span", { class: "badge badge-warn" }, t(`status.${item.status}` as MessageKey));
}
