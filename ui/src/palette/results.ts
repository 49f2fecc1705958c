// The palette's result list: rows of templates, the selection and the empty state. Above the
// search results, while the query is empty, up to three replies suggested for the copied buyer
// message (suggestions.ts draws their heading and reason); ↑/↓ walk both as one list.
import type { ResultItem, SuggestedItem } from "../api";
import { h, type Child } from "../h";
import { t } from "../i18n";
import { SelectableList } from "../components/list";
import { statusBadge } from "./badge";
import { MAX_SUGGESTIONS, reasonLine, resultsHeading, SUGGEST_HEADING_ID, suggestionsHeading } from "./suggestions";

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

/** What a rebuilt list starts from (the window is rebuilt when the interface language changes). */
export interface ResultsState {
  results: ResultItem[];
  suggestions: SuggestedItem[];
  showSuggestions: boolean;
  index: number;
  moved: boolean;
}

type Section = "suggested" | "results";

export class Results {
  private readonly list: SelectableList<ResultItem>;
  private results: ResultItem[] = [];
  private suggestions: SuggestedItem[] = [];
  /** The results are for an empty query: the suggestions are shown above them. */
  private showSuggestions = true;
  /** The person moved the selection (keys, mouse) since the list was last reset. */
  private moved = false;

  constructor(private readonly hooks: ResultsHooks, state: ResultsState | null = null) {
    this.list = new SelectableList<ResultItem>({
      attrs: { class: "results", id: "results", "aria-label": t("palette.results.label") },
      idPrefix: "r-",
      owner: hooks.input,
      wrap: true,
      keepFocus: true,
      hover: hooks.canHover,
      canClick: hooks.canClick,
      rowClass: (_item, i, on) => [i < this.suggestedCount() && "row-suggested", on && hooks.confirming() && "confirming"],
      rowAttrs: (_item, i) => (i < this.suggestedCount() ? { "aria-describedby": SUGGEST_HEADING_ID } : {}),
      before: (_item, i) => this.heading(i),
      row: (item, i) => this.row(item, i),
      onSelect: () => {
        this.moved = true;
        hooks.onSelect();
      },
      onActivate: () => hooks.onClick(),
    });
    if (state) {
      this.results = state.results;
      this.suggestions = state.suggestions;
      this.showSuggestions = state.showSuggestions;
      this.moved = state.moved;
    }
    this.list.setItems(this.rows(), state ? state.index : -1);
  }

  get el(): HTMLElement {
    return this.list.el;
  }

  state(): ResultsState {
    return { results: this.results, suggestions: this.suggestions, showSuggestions: this.showSuggestions, index: this.list.index, moved: this.moved };
  }

  get index(): number {
    return this.list.index;
  }

  selected(): ResultItem | null {
    return this.list.selected();
  }

  /** The suggestion rows shown now (0 while a query is typed). */
  suggestedCount(): number {
    return this.showSuggestions ? this.suggestions.length : 0;
  }

  /**
   * New search results. `keepKey`: the row of that template stays selected when it is still
   * there (in the same section), else the first row — the first suggestion when they are shown
   * and the person has not moved the selection. `suggest`: the results are for an empty query,
   * so the suggestions are shown above them.
   */
  set(items: ResultItem[], keepKey?: string, suggest = this.showSuggestions): void {
    const section = this.section();
    if (keepKey === undefined) this.moved = false;
    this.results = items;
    this.showSuggestions = suggest;
    this.show(this.pick(keepKey, section, !this.moved));
  }

  /**
   * New suggestions (for this opening's message). `reselect`: the list is in use and may move
   * its selection to the first suggestion (unless the person already moved it); otherwise the
   * selected template stays selected.
   */
  setSuggestions(items: SuggestedItem[], reselect: boolean): void {
    const key = this.selected()?.key;
    const section = this.section();
    this.suggestions = items.slice(0, MAX_SUGGESTIONS);
    this.show(this.pick(key, section, reselect && !this.moved));
  }

  /** A new opening: the selection follows the new list again. */
  resetMoved(): void {
    this.moved = false;
  }

  /** Draw the rows (or the empty note) again. */
  render(): void {
    this.show(this.list.index);
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

  // ---------------------------------------------------------------- internals
  private rows(): ResultItem[] {
    return this.showSuggestions && this.suggestions.length ? [...this.suggestions, ...this.results] : this.results;
  }

  private section(): Section | null {
    const i = this.list.index;
    if (i < 0) return null;
    return i < this.list.length - this.results.length ? "suggested" : "results";
  }

  private firstRow(): number {
    return this.rows().length ? 0 : -1;
  }

  /**
   * The row to select after a change: the first suggestion when `preferFirst` and there are
   * some; else `key` in `section` (else in the other one); else the first row.
   */
  private pick(key: string | undefined, section: Section | null, preferFirst: boolean): number {
    const n = this.suggestedCount();
    if (preferFirst && n > 0) return 0;
    if (key === undefined) return this.firstRow();
    const inSuggested = n ? this.suggestions.findIndex((s) => s.key === key) : -1;
    const inResults = this.results.findIndex((r) => r.key === key);
    const order = section === "suggested" ? [inSuggested, inResults >= 0 ? n + inResults : -1] : [inResults >= 0 ? n + inResults : -1, inSuggested];
    return order.find((i) => i >= 0) ?? this.firstRow();
  }

  private heading(i: number): Child {
    const n = this.suggestedCount();
    if (!n) return null;
    if (i === 0) return suggestionsHeading();
    if (i === n) return resultsHeading();
    return null;
  }

  private row(item: ResultItem, i: number): Child {
    return [
      h(
        "div",
        { class: "row-main" },
        h("bdi", { class: "row-title", dir: "auto" }, item.title),
        h("span", { class: "row-badges" }, statusBadge(item), h("span", { class: "badge" }, item.locale)),
      ),
      i < this.suggestedCount() ? reasonLine((item as SuggestedItem).reason) : null,
      h(
        "div",
        { class: "row-sub" },
        item.shortcut ? h("span", { class: "row-shortcut" }, item.shortcut) : null,
        item.category ? h("bdi", { class: "row-cat", dir: "auto" }, item.category) : null,
      ),
    ];
  }

  private show(sel: number): void {
    const items = this.rows();
    const q = this.hooks.input.value.trim();
    const empty = items.length === 0 && this.hooks.loaded() ? h("div", { class: "empty", role: "presentation" }, q ? t("palette.empty.query", { query: q }) : t("palette.empty.none")) : null;
    this.list.setItems(items, sel, empty);
  }
}
