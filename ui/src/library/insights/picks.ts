// Insights → Learned picks: the buyer message → reply pairs learned from what staff pasted
// (learned_picks, newest first), each with Remove (forget_pick) for a pair learned wrongly.
import { api, type ApiError, type LearnedPick } from "../../api";
import { h, replace } from "../../h";
import { getLang, t } from "../../i18n";
import { latestOnly } from "../../components/latest";
import { langLabel } from "../../components/lang-label";
import type { Message } from "../../components/message-bar";
import { formatDay } from "./logic";

/** How many pairs are listed. */
export const PICKS_LIMIT = 50;

export interface PicksHost {
  openReply(key: string): void;
  say(m: Message): void;
}

export class LearnedPicks {
  readonly el: HTMLElement;
  private readonly listEl = h("div", { class: "picks-body", "data-testid": "insights-picks" });
  private readonly latest = latestOnly();
  private picks: LearnedPick[] = [];
  private error: ApiError | null = null;
  loaded = false;

  constructor(private readonly host: PicksHost) {
    this.el = h(
      "section",
      { class: "insights-card insights-wide", "aria-labelledby": "insights-picks-title" },
      h("h3", { class: "section-title", id: "insights-picks-title" }, t("insights.picks.title")),
      h("p", { class: "help" }, t("insights.picks.help")),
      this.listEl,
    );
  }

  async load(): Promise<void> {
    const res = await this.latest.run(() => api.learnedPicks(PICKS_LIMIT));
    if (!res) return;
    this.loaded = true;
    if (res.ok) {
      this.picks = res.value;
      this.error = null;
    } else this.error = res.error as ApiError;
    this.render();
  }

  private render(): void {
    if (this.error) {
      replace(this.listEl, h("p", { class: "field-error", role: "alert" }, t("insights.picks.error", { message: this.error.message })));
      return;
    }
    if (!this.picks.length) {
      replace(this.listEl, h("p", { class: "empty-note" }, t("insights.picks.none")));
      return;
    }
    replace(this.listEl, h("ul", { class: "picks" }, this.picks.map((p) => this.row(p))));
  }

  private row(p: LearnedPick): HTMLElement {
    const title = p.title || p.key;
    return h(
      "li",
      { class: "pick", "data-testid": "insights-pick-" + p.id, "data-id": String(p.id) },
      h("bdi", { class: "pick-message", dir: "auto", title: p.message }, p.message),
      h("span", { class: "pick-arrow", "aria-hidden": "true" }, "→"),
      h("button", { type: "button", class: "btn-link pick-reply", onclick: () => this.host.openReply(p.key) }, h("bdi", { dir: "auto" }, title)),
      h("span", { class: "badge", title: langLabel(p.lang) }, p.lang),
      h("span", { class: "muted pick-at" }, formatDay(p.at, getLang())),
      h(
        "button",
        {
          type: "button",
          class: "btn btn-small edit-only",
          "data-testid": "insights-forget-" + p.id,
          "aria-label": t("insights.picks.forgetLabel", { title }),
          title: t("insights.picks.forgetHelp"),
          onclick: () => void this.forget(p),
        },
        t("insights.picks.forget"),
      ),
    );
  }

  /** Forget one pair, list again, and keep the focus near where it was. */
  private async forget(p: LearnedPick): Promise<void> {
    const at = this.picks.findIndex((x) => x.id === p.id);
    try {
      await api.forgetPick(p.id);
    } catch (e) {
      this.host.say({ kind: "error", text: t("insights.picks.forgetError", { message: (e as ApiError).message }) });
      return;
    }
    this.picks = this.picks.filter((x) => x.id !== p.id);
    this.render();
    this.host.say({ kind: "ok", text: t("insights.picks.forgotten", { title: p.title || p.key }) });
    await this.load();
    const next = this.picks[at] ?? this.picks[at - 1];
    (next ? this.listEl.querySelector<HTMLElement>(`[data-testid="insights-forget-${next.id}"]`) : null)?.focus();
  }
}
