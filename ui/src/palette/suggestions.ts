// The palette's "Suggested for this message" part of the result list: its heading, the heading
// of the search results under it, and each suggestion's reason line ("Asked before: “…”"),
// the buyer's words as text in their own direction.
import type { SuggestReason, SuggestReasonKind } from "../api";
import { h } from "../h";
import { t, type MessageKey } from "../i18n";

/** At most this many suggestions are shown. */
export const MAX_SUGGESTIONS = 3;

/** The id of the suggestions' heading (the suggestion rows are described by it). */
export const SUGGEST_HEADING_ID = "suggest-heading";

const REASON: Record<SuggestReasonKind, MessageKey> = {
  asked_before: "palette.suggest.reason.askedBefore",
  example: "palette.suggest.reason.example",
  title: "palette.suggest.reason.matches",
  text: "palette.suggest.reason.matches",
};

export function suggestionsHeading(): HTMLElement {
  return h("div", { class: "results-heading", id: SUGGEST_HEADING_ID, role: "presentation", "data-testid": "palette-suggested" }, t("palette.suggest.heading"));
}

export function resultsHeading(): HTMLElement {
  return h("div", { class: "results-heading", role: "presentation" }, t("palette.suggest.all"));
}

/** "Asked before: “…”": the label in the interface language around the buyer's text (a bdi). */
export function reasonLine(r: SuggestReason | undefined): HTMLElement | null {
  if (!r) return null;
  const [before, after = ""] = t(REASON[r.kind] ?? "palette.suggest.reason.matches").split("{text}");
  return h("div", { class: "row-reason" }, before, h("bdi", { class: "reason-text", dir: "auto" }, r.text), after);
}
