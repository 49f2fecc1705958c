// The review queue (left pane): how many wait, a filter chip per language and the list of
// translations waiting for review (↑/↓/Home/End move, Enter goes to the editor).
import type { ReviewItem } from "../api";
import { h, replace } from "../h";
import { getLang, t, type MessageKey } from "../i18n";
import { languageName } from "../locales";
import { SelectableList } from "../components/list";
import { tip } from "../components/tips";
import { statusBadge } from "./labels";
import { itemId, languageCounts } from "./logic";
import type { ReviewWindow } from "./window";

const TIPS: [string[], MessageKey][] = [
  [["Alt+↑", "Alt+↓"], "tip.prevNext"],
  [["Ctrl+S"], "tip.save"],
  [["Ctrl+Enter"], "tip.approve"],
];

export class QueuePane {
  readonly countEl = h("span", { class: "review-count" });
  readonly chipsEl = h("div", { class: "review-chips", role: "group", "aria-label": t("review.filter.label") });
  readonly tipsEl = h("footer", { class: "tips review-tips" }, TIPS.map(([keys, label]) => tip(keys, t(label))));
  private readonly list: SelectableList<ReviewItem>;

  constructor(private readonly w: ReviewWindow) {
    this.list = new SelectableList<ReviewItem>({
      attrs: { class: "results review-list", id: "review-list", tabIndex: 0, "aria-label": t("review.queue.label") },
      idPrefix: "q-",
      ownKeys: true,
      clickSelectsOnly: true,
      rowClass: () => ["review-row"],
      rowAttrs: (item) => ({ "data-id": itemId(item) }),
      row: (item) => this.row(item),
      onSelect: (item) => w.select(itemId(item)),
      onActivate: () => w.editor.focus(),
    });
  }

  get listEl(): HTMLElement {
    return this.list.el;
  }

  render(): void {
    const w = this.w;
    const all = w.items();
    this.countEl.textContent = w.queue ? String(all.length) : "";
    this.countEl.hidden = !w.queue;
    this.tipsEl.hidden = all.length === 0;
    this.renderChips(all);
    const rows = w.visible();
    if (!w.queue) this.list.setItems([], -1, w.loadError ? null : h("div", { class: "empty" }, t("review.loading")));
    else if (rows.length === 0) this.list.setItems([], -1, h("div", { class: "empty" }, t("review.empty.list")));
    else this.list.setItems(rows, rows.findIndex((it) => itemId(it) === w.selId), null, true);
  }

  private renderChips(all: ReviewItem[]): void {
    const w = this.w;
    if (!w.queue || all.length === 0) {
      replace(this.chipsEl);
      return;
    }
    const chip = (code: string | null, n: number) =>
      h(
        "button",
        {
          type: "button",
          class: ["chip", "review-chip", w.filter === code && "chip-active"],
          "aria-pressed": w.filter === code ? "true" : "false",
          title: code ? languageName(code, getLang()) || undefined : undefined,
          onclick: () => w.setFilter(code === w.filter ? null : code),
        },
        h("span", { class: code ? "chip-code" : "chip-name" }, code ?? t("review.filter.all")),
        h("span", { class: "chip-count" }, String(n)),
      );
    const counts = languageCounts(all, w.queue.counts);
    replace(this.chipsEl, chip(null, all.length), counts.map(([code, n]) => chip(code, n)));
  }

  private row(item: ReviewItem) {
    const edited = this.w.editor.hasDraft(itemId(item));
    return [
      h(
        "div",
        { class: "row-main" },
        h("bdi", { class: "row-title", dir: "auto" }, item.title),
        h(
          "span",
          { class: "row-badges" },
          item.problem ? h("span", { class: "warn-icon", role: "img", "aria-label": t("review.row.problem"), title: t("review.row.problem") }, "⚠") : null,
          statusBadge(item),
          h("span", { class: "badge" }, item.locale),
        ),
      ),
      h(
        "div",
        { class: "row-sub" },
        h("span", { class: "row-key" }, item.key),
        edited ? h("span", { class: "row-edited", title: t("review.row.edited") }, "● " + t("review.row.edited")) : null,
      ),
    ];
  }
}
