// The palette's message bar (errors, the confirmation question) and its keyboard tips.
import { api, type ApiError, type Status } from "../api";
import { h, replace, type Child } from "../h";
import { t, type MessageKey } from "../i18n";
import { tip } from "../components/tips";
import type { Mode } from "./keys";

export type BarMessage = { kind: "error" | "warn" | "info"; text: string };

/** The bar: the question of the confirmation step, else `message`, else hidden. */
export function renderBar(bar: HTMLElement, confirming: Status | null, message: BarMessage | null): void {
  if (confirming) {
    bar.hidden = false;
    bar.className = "bar bar-warn";
    bar.setAttribute("role", "alert");
    replace(bar, t("palette.confirm.text", { status: t(`status.${confirming === "approved" ? "needs_review" : confirming}` as MessageKey) }));
    return;
  }
  if (!message) {
    bar.hidden = true;
    replace(bar);
    return;
  }
  bar.hidden = false;
  bar.className = "bar bar-" + message.kind;
  bar.setAttribute("role", message.kind === "error" ? "alert" : "status");
  replace(bar, message.text);
}

const TIPS: Record<Mode, [string[], MessageKey][]> = {
  list: [
    [["↑", "↓"], "tip.select"],
    [["Enter"], "tip.paste"],
    [["Alt+L"], "tip.language"],
    [["Alt+O"], "tip.order"],
    [["Ctrl+E"], "tip.edit"],
    [["Esc"], "tip.close"],
  ],
  lang: [
    [["↑", "↓"], "tip.select"],
    [["Enter"], "tip.pick"],
    [["Esc"], "tip.back"],
  ],
  order: [
    [["↑", "↓"], "tip.select"],
    [["Enter"], "tip.pick"],
    [["Esc"], "tip.back"],
  ],
  vars: [
    [["Enter"], "tip.next"],
    [["Esc"], "tip.back"],
  ],
  confirm: [
    [["Enter"], "tip.pasteAnyway"],
    [["Esc"], "tip.cancel"],
  ],
};

/** The tips of the mode (or "pasting…"), and the "N to review" badge. */
export function renderTips(tips: HTMLElement, mode: Mode, busy: boolean, reviewCount: number, onError: (text: string) => void): void {
  if (busy) {
    replace(tips, h("span", { class: "tip tip-busy", role: "status" }, t("palette.pasting")));
    return;
  }
  replace(
    tips,
    TIPS[mode].map(([keys, label]) => tip(keys, t(label))),
    reviewBadge(reviewCount, onError),
  );
}

/** "3 to review": opens the review window (never takes the focus from the search box). */
function reviewBadge(count: number, onError: (text: string) => void): Child {
  if (!(count > 0)) return null;
  return h(
    "button",
    {
      type: "button",
      class: "review-badge",
      title: t("palette.review.open", { count }),
      "aria-label": t("palette.review.open", { count }),
      tabIndex: -1,
      onmousedown: (e: MouseEvent) => e.preventDefault(),
      onclick: () => {
        api.openReview().catch((e: ApiError) => onError(t("palette.error.review", { message: e.message })));
      },
    },
    t("palette.review.badge", { count }),
  );
}
