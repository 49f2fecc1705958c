// The list's filters (category, tag, missing language, status) and its sort order.
import { h, replace } from "../h";
import { t, type MessageKey } from "../i18n";
import { langLabel } from "./labels";
import { NO_FILTERS, SORT_KEYS, STATUS_FILTERS, type Filters, type SortKey, type StatusFilter } from "./logic";
import type { LibraryList } from "./types";

function select(id: string, label: string, onchange: () => void): HTMLSelectElement {
  return h("select", { id, class: "input filter-select", "aria-label": label, title: label, onchange });
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  return h("option", { value, selected }, text);
}

export class FilterBar {
  readonly el: HTMLElement;
  readonly category: HTMLSelectElement;
  readonly tag: HTMLSelectElement;
  readonly missing: HTMLSelectElement;
  readonly status: HTMLSelectElement;
  readonly sort: HTMLSelectElement;
  private readonly clearBtn: HTMLButtonElement;
  private state: Filters = { ...NO_FILTERS };
  private sortKey: SortKey = "uses";

  constructor(private readonly onChange: () => void) {
    const changed = () => this.read();
    this.category = select("f-category", t("library.filter.category"), changed);
    this.tag = select("f-tag", t("library.filter.tag"), changed);
    this.missing = select("f-missing", t("library.filter.missing"), changed);
    this.status = select("f-status", t("library.filter.status"), changed);
    this.sort = select("f-sort", t("library.sort.label"), changed);
    this.clearBtn = h("button", { type: "button", class: "btn btn-small", hidden: true, onclick: () => this.clear() }, t("library.filter.clear"));
    this.el = h(
      "div",
      { class: "lib-filters", role: "group", "aria-label": t("library.filter.group") },
      this.category,
      this.tag,
      this.missing,
      this.status,
      this.clearBtn,
      h("span", { class: "actions-gap" }),
      h("label", { class: "filter-label", for: "f-sort" }, t("library.sort.label")),
      this.sort,
    );
    this.update(null);
  }

  filters(): Filters {
    return this.state;
  }

  sortKeyValue(): SortKey {
    return this.sortKey;
  }

  /** Options from the library (kept selections stay when they still exist). */
  update(list: LibraryList | null): void {
    const f = this.state;
    const cats = list?.categories ?? [];
    const tags = list?.tags ?? [];
    const locales = list?.locales ?? [];
    if (f.category !== null && !cats.includes(f.category)) f.category = null;
    if (f.tag !== null && !tags.includes(f.tag)) f.tag = null;
    if (f.missing !== null && !locales.includes(f.missing)) f.missing = null;
    replace(this.category, option("", t("library.filter.anyCategory"), f.category === null), cats.map((c) => option("c:" + c, c, f.category === c)));
    replace(this.tag, option("", t("library.filter.anyTag"), f.tag === null), tags.map((c) => option("t:" + c, "#" + c, f.tag === c)));
    replace(
      this.missing,
      option("", t("library.filter.anyLang"), f.missing === null),
      locales.map((l) => option("l:" + l, t("library.filter.missingLang", { lang: langLabel(l) }), f.missing === l)),
    );
    replace(
      this.status,
      option("", t("library.filter.anyStatus"), f.status === null),
      STATUS_FILTERS.map((s) => option(s, t(`library.filter.status.${s}` as MessageKey), f.status === s)),
    );
    replace(this.sort, SORT_KEYS.map((k) => option(k, t(`library.sort.${k}` as MessageKey), this.sortKey === k)));
    this.showValues();
    this.renderClear();
  }

  /** Set the filters from code (tests, the "missing ar" shortcut). */
  set(f: Partial<Filters>, sort?: SortKey): void {
    this.state = { ...this.state, ...f };
    if (sort) this.sortKey = sort;
    this.showValues();
    this.renderClear();
    this.onChange();
  }

  clear(): void {
    this.set({ ...NO_FILTERS });
  }

  /** The controls show the state. */
  private showValues(): void {
    this.category.value = this.state.category === null ? "" : "c:" + this.state.category;
    this.tag.value = this.state.tag === null ? "" : "t:" + this.state.tag;
    this.missing.value = this.state.missing === null ? "" : "l:" + this.state.missing;
    this.status.value = this.state.status ?? "";
    this.sort.value = this.sortKey;
  }

  private read(): void {
    const strip = (v: string) => (v ? v.slice(2) : null);
    this.state = {
      category: strip(this.category.value),
      tag: strip(this.tag.value),
      missing: strip(this.missing.value),
      status: (this.status.value || null) as StatusFilter | null,
    };
    this.sortKey = (this.sort.value || "uses") as SortKey;
    this.renderClear();
    this.onChange();
  }

  private renderClear(): void {
    const f = this.state;
    this.clearBtn.hidden = f.category === null && f.tag === null && f.missing === null && f.status === null;
    for (const [el, on] of [[this.category, f.category], [this.tag, f.tag], [this.missing, f.missing], [this.status, f.status]] as const) el.classList.toggle("filter-on", on !== null);
  }
}
