// The palette's result list: rows of templates, the selection and the empty state.
import type { ResultItem } from "../api";
import { h } from "../h";
import { t } from "../i18n";
import { SelectableList } from "../components/list";
import { statusBadge } from "./badge";

export interface ResultsHooks {
  /** The search box: it keeps the focus and carries aria-activedescendant. */
  input: HTMLInputElement;
  /** Hovering selects only while the list is in use (not while busy or in a picker). */
  canHover(): boolean;
  canClick(): boolean;
  /** A search has answered (before that the list shows no empty note). */
  loaded(): boolean;
  /** The selected row waits for a second Enter (unreviewed text). */
  confirming(): boolean;
  onSelect(): void;
  /** A click on a row (after selecting it). */
  onClick(): void;
}

export class Results {
  private readonly list: SelectableList<ResultItem>;

  constructor(private readonly hooks: ResultsHooks, items: ResultItem[] = [], sel = -1) {
    this.list = new SelectableList<ResultItem>({
      attrs: { class: "results", id: "results", "aria-label": t("palette.results.label") },
      idPrefix: "r-",
      owner: hooks.input,
      wrap: true,
      keepFocus: true,
      hover: hooks.canHover,
      canClick: hooks.canClick,
      rowClass: (_item, _i, on) => [on && hooks.confirming() && "confirming"],
      row: (item) => [
        h(
          "div",
          { class: "row-main" },
          h("bdi", { class: "row-title", dir: "auto" }, item.title),
          h("span", { class: "row-badges" }, statusBadge(item), h("span", { class: "badge" }, item.locale)),
        ),
        h(
          "div",
          { class: "row-sub" },
          item.shortcut ? h("span", { class: "row-shortcut" }, item.shortcut) : null,
          item.category ? h("bdi", { class: "row-cat", dir: "auto" }, item.category) : null,
        ),
      ],
      onSelect: () => hooks.onSelect(),
      onActivate: () => hooks.onClick(),
    });
    this.list.setItems(items, sel);
  }

  get el(): HTMLElement {
    return this.list.el;
  }

  items(): ResultItem[] {
    return [...this.list.all()];
  }

  get index(): number {
    return this.list.index;
  }

  selected(): ResultItem | null {
    return this.list.selected();
  }

  /** New results; the row of `keepKey` stays selected when it is still there, else the first. */
  set(items: ResultItem[], keepKey?: string): void {
    const keep = keepKey ? items.findIndex((r) => r.key === keepKey) : -1;
    this.show(items, keep >= 0 ? keep : items.length ? 0 : -1);
  }

  /** Draw the rows (or the empty note) again. */
  render(): void {
    this.show(this.items(), this.list.index);
  }

  move(delta: number): void {
    this.list.move(delta);
  }

  scrollToSelection(): void {
    this.list.scrollToSelection();
  }

  /** Mark (or unmark) the selected row as waiting for confirmation. */
  setConfirming(on: boolean): void {
    this.el.querySelector(".row.selected")?.classList.toggle("confirming", on);
  }

  private show(items: ResultItem[], sel: number): void {
    const q = this.hooks.input.value.trim();
    const empty = items.length === 0 && this.hooks.loaded() ? h("div", { class: "empty", role: "presentation" }, q ? t("palette.empty.query", { query: q }) : t("palette.empty.none")) : null;
    this.list.setItems(items, sel, empty);
  }
}
