// The list view: search (the backend's ranking), filters and sort, and the virtualised rows
// (title, shortcut, category, a status dot per language, uses in 30 days).
// Keys: ↑/↓/PageUp/PageDown move (also from the search box), Home/End in the list, Enter
// edits, Delete deletes (in the list), Escape clears the search.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { debounce } from "../components/debounce";
import { latestOnly } from "../components/latest";
import { tip } from "../components/tips";
import { FilterBar } from "./filters";
import { statusDot, when } from "./labels";
import { visibleRows } from "./logic";
import type { LibraryRow } from "./types";
import { VirtualList } from "./virtual-list";
import type { LibraryWindow } from "./window";

/** Same as --vrow-h of .lib-list in styles.css. */
export const ROW_HEIGHT = 44;
const SEARCH_DEBOUNCE_MS = 120;

export class ListPane {
  readonly el: HTMLElement;
  readonly search: HTMLInputElement;
  readonly filters: FilterBar;
  readonly list: VirtualList<LibraryRow>;
  private readonly countEl = h("span", { class: "lib-count", role: "status" });
  /** Keys best first for the query, or null without one. */
  private ranked: string[] | null = null;
  private rankedFor = "";
  private readonly searches = latestOnly();
  private readonly schedule = debounce(() => void this.runSearch(), SEARCH_DEBOUNCE_MS);

  constructor(private readonly w: LibraryWindow) {
    this.search = h("input", {
      id: "lib-q",
      class: "input lib-search",
      type: "search",
      role: "combobox",
      "aria-controls": "lib-list",
      "aria-expanded": "true",
      "aria-autocomplete": "list",
      "aria-label": t("library.search.label"),
      placeholder: t("library.search.placeholder"),
      autocomplete: "off",
      spellcheck: "false",
      oninput: () => this.schedule(),
    });
    this.filters = new FilterBar(() => this.render());
    this.list = new VirtualList<LibraryRow>({
      attrs: { id: "lib-list", class: "results lib-list", "aria-label": t("library.list.label") },
      idPrefix: "lr-",
      rowHeight: ROW_HEIGHT,
      owner: this.search,
      fallbackHeight: 560,
      rowClass: () => ["lib-row"],
      rowAttrs: (r) => ({ "data-key": r.key, "data-testid": "library-row-" + r.key }),
      row: (r) => this.row(r),
      onSelect: (r) => (w.selKey = r?.key ?? null),
      onActivate: (r) => void w.edit(r.key),
    });
    const head = h(
      "div",
      { class: "lib-head", "aria-hidden": "true" },
      h("span", null, t("library.col.title")),
      h("span", null, t("library.col.shortcut")),
      h("span", null, t("library.col.category")),
      h("span", null, t("library.col.languages")),
      h("span", { class: "lib-uses" }, t("library.col.uses")),
    );
    this.el = h(
      "section",
      { class: "lib-listview", "aria-label": t("library.list.label"), onkeydown: (e: KeyboardEvent) => this.onKey(e) },
      h("div", { class: "lib-searchrow" }, h("span", { class: "search-icon", "aria-hidden": "true" }), this.search, this.countEl),
      this.filters.el,
      head,
      this.list.el,
      h(
        "footer",
        { class: "tips lib-tips" },
        tip(["↑", "↓"], t("tip.select")),
        tip(["Enter"], t("library.tip.edit")),
        tip(["Ctrl+N"], t("library.tip.new")),
        tip(["Delete"], t("library.tip.delete")),
        tip(["Esc"], t("library.tip.clear")),
      ),
    );
  }

  /** The rows as shown now. */
  rows(): readonly LibraryRow[] {
    return this.list.all();
  }

  /** Show the rows for the query, filters and sort; the selection follows w.selKey. */
  render(): void {
    const w = this.w;
    this.filters.update(w.data);
    if (!w.data) {
      this.list.setItems([], -1, h("div", { class: "empty" }, w.loadError ? t("library.error.load", { message: w.loadError.message }) : t("library.loading")));
      replace(this.countEl);
      return;
    }
    const all = w.data.rows;
    const rows = visibleRows(all, this.ranked, this.filters.filters(), this.filters.sortKeyValue());
    let sel = w.selKey ? rows.findIndex((r) => r.key === w.selKey) : -1;
    if (sel < 0 && rows.length) sel = 0;
    const empty = all.length === 0 ? t("library.empty.none") : t("library.empty.match");
    this.list.setItems(rows, sel, h("div", { class: "empty" }, empty));
    w.selKey = this.list.selected()?.key ?? null;
    this.countEl.textContent = rows.length === all.length ? t("library.count.all", { n: all.length }) : t("library.count.some", { n: rows.length, total: all.length });
  }

  /** Search as typed now (the backend ranks); an empty query shows every row in the sort order. */
  async runSearch(): Promise<void> {
    this.schedule.cancel();
    const query = this.search.value.trim();
    if (!query) {
      this.searches.cancel();
      this.ranked = null;
      this.rankedFor = "";
      this.w.selKey = null;
      this.render();
      return;
    }
    const res = await this.searches.run(() => api.librarySearch(query));
    if (!res) return;
    if (!res.ok) {
      this.w.bar.set({ kind: "error", text: t("library.error.search", { message: (res.error as ApiError).message }) });
      return;
    }
    if (query !== this.rankedFor) this.w.selKey = null; // a new query: its best match first
    this.ranked = res.value;
    this.rankedFor = query;
    this.render();
  }

  /** The list changed (reload): ask the ranking again for the same query. */
  refreshSearch(): void {
    if (this.search.value.trim()) void this.runSearch();
    else this.render();
  }

  clearSearch(): void {
    this.search.value = "";
    void this.runSearch();
  }

  focus(): void {
    this.search.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229) return;
    const inSearch = e.target === this.search;
    const inList = e.target === this.list.el;
    if (!inSearch && !inList) return;
    if (e.key === "Escape" && this.search.value) {
      e.preventDefault();
      e.stopPropagation();
      this.clearSearch();
      this.search.focus();
      return;
    }
    if (e.key === "Delete" && inList && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      void this.w.deleteSelected();
      return;
    }
    if (e.key === "Enter" && inSearch && this.schedule.pending()) {
      // typed faster than the search: act on the ranking of what is typed
      e.preventDefault();
      void this.runSearch().then(() => this.list.handleKey({ key: "Enter" }));
      return;
    }
    if (this.list.handleKey(e, inList)) e.preventDefault();
  }

  private row(r: LibraryRow) {
    const src = r.variants.find((v) => v.locale === r.source_locale);
    const dots = [statusDot(r.source_locale, src?.status ?? "approved", true), ...r.variants.filter((v) => v.locale !== r.source_locale).map((v) => statusDot(v.locale, v.status, false))];
    const usesTitle = t("library.uses.title", { n: r.uses_30d, total: r.use_count, last: r.last_used ? when(r.last_used) : t("library.uses.never") });
    return [
      h("div", { class: "lib-cell lib-titlecell" }, h("bdi", { class: "row-title", dir: "auto" }, r.title || r.key), h("span", { class: "row-key" }, r.key)),
      h("span", { class: "lib-cell row-shortcut" }, r.shortcut),
      h("bdi", { class: "lib-cell row-cat", dir: "auto" }, r.category),
      h("span", { class: "lib-cell lib-langs" }, dots),
      h("span", { class: "lib-cell lib-uses", title: usesTitle }, String(r.uses_30d)),
    ];
  }
}
