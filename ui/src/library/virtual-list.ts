// A virtualised listbox for thousands of rows: only the rows in view (plus a few) are in the
// DOM. Rows have one fixed height, set in styles.css (--vrow-h); the space above and below the
// rendered rows is made of spacer blocks whose heights are powers of two of a row (classes
// vs-0 … vs-16), so nothing needs an inline style (strict CSP).
import { h, replace, type Child, type Props } from "../h";
import { stepIndex, type KeyLike } from "../components/list";

/** Spacer classes vs-0 … vs-16 exist in styles.css (2^16 rows each at most). */
const SPACER_MAX_BIT = 16;

export interface VirtualListOptions<T> {
  /** Attributes of the listbox (id, class with --vrow-h, aria-label…); role=listbox and tabIndex 0 are added. */
  attrs: Props;
  /** Row ids are idPrefix + index. */
  idPrefix: string;
  /** The row height in px: the same as --vrow-h in styles.css. */
  rowHeight: number;
  row(item: T, index: number): Child;
  rowClass?(item: T, index: number): (string | false | null | undefined)[];
  rowAttrs?(item: T, index: number): Props;
  /** The selection moved (null: nothing selected). */
  onSelect?(item: T | null, index: number): void;
  /** Enter or a double click on a row. */
  onActivate?(item: T, index: number): void;
  /** Rows rendered beyond the visible ones, above and below. */
  overscan?: number;
  /** Viewport height used while the list is not laid out (hidden, tests). */
  fallbackHeight?: number;
  /** The element carrying aria-activedescendant besides the list (e.g. the search box). */
  owner?: HTMLElement;
}

/** Blocks of 2^k rows that add up to `rows` (largest first). */
export function spacerBits(rows: number): number[] {
  const out: number[] = [];
  let n = Math.max(0, Math.floor(rows));
  const big = 1 << SPACER_MAX_BIT;
  while (n >= big * 2) {
    out.push(SPACER_MAX_BIT);
    n -= big;
  }
  for (let k = SPACER_MAX_BIT; k >= 0; k--) if (n & (1 << k)) out.push(k);
  return out;
}

export class VirtualList<T> {
  readonly el: HTMLElement;
  private readonly topSpace = h("div", { class: "vspace", role: "none", "aria-hidden": "true" });
  private readonly rowsEl = h("div", { class: "vrows", role: "none" });
  private readonly bottomSpace = h("div", { class: "vspace", role: "none", "aria-hidden": "true" });
  private readonly note = h("div", { class: "vnote", role: "none" });
  private items: readonly T[] = [];
  private sel = -1;
  /** The scroll position the window is computed from (the element's when it is laid out). */
  private offset = 0;
  private first = -1;
  private last = -1;

  constructor(private readonly opts: VirtualListOptions<T>) {
    this.el = h("div", { role: "listbox", tabIndex: 0, ...opts.attrs }, this.topSpace, this.rowsEl, this.bottomSpace, this.note);
    this.el.addEventListener("scroll", () => {
      this.offset = this.el.scrollTop;
      this.render(false);
    });
  }

  get index(): number {
    return this.sel;
  }

  get length(): number {
    return this.items.length;
  }

  all(): readonly T[] {
    return this.items;
  }

  selected(): T | null {
    return this.sel >= 0 && this.sel < this.items.length ? this.items[this.sel] : null;
  }

  /** The rows in the DOM now (first, last exclusive). */
  rendered(): [number, number] {
    return [Math.max(0, this.first), Math.max(0, this.last)];
  }

  /** Replace the rows (`empty` is shown when there are none); the selection goes to `selected`. */
  setItems(items: readonly T[], selected: number, empty: Child = null): void {
    this.items = items;
    this.sel = selected >= 0 && selected < items.length ? selected : -1;
    replace(this.note, items.length ? null : empty);
    this.el.setAttribute("aria-rowcount", String(items.length));
    const max = Math.max(0, items.length * this.opts.rowHeight - this.viewport());
    if (this.offset > max) this.setOffset(max);
    if (this.sel >= 0) this.reveal(this.sel);
    this.render(true);
    this.updateOwner();
  }

  /** Select row i (-1: none), bringing it into view. */
  select(i: number, scroll = true): void {
    const prev = this.sel;
    this.sel = i >= 0 && i < this.items.length ? i : -1;
    if (scroll && this.sel >= 0) this.reveal(this.sel);
    this.render(false);
    if (prev !== this.sel) {
      this.mark(prev, false);
      this.mark(this.sel, true);
    }
    this.updateOwner();
    this.opts.onSelect?.(this.selected(), this.sel);
  }

  move(delta: number): boolean {
    const n = stepIndex(this.sel, delta, this.items.length, false);
    if (n < 0) return false;
    this.select(n);
    return true;
  }

  /** Rows per page (for PageUp/PageDown). */
  page(): number {
    return Math.max(1, Math.floor(this.viewport() / this.opts.rowHeight) - 1);
  }

  /** ↑/↓/PageUp/PageDown/Home/End move, Enter activates; returns whether the key was the list's. */
  handleKey(e: KeyLike, homeEnd = true): boolean {
    if (e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return false;
    switch (e.key) {
      case "ArrowDown":
        this.move(1);
        return true;
      case "ArrowUp":
        this.move(-1);
        return true;
      case "PageDown":
        this.move(this.page());
        return true;
      case "PageUp":
        this.move(-this.page());
        return true;
      case "Home":
        if (!homeEnd) return false;
        if (this.items.length) this.select(0);
        return true;
      case "End":
        if (!homeEnd) return false;
        if (this.items.length) this.select(this.items.length - 1);
        return true;
      case "Enter": {
        const item = this.selected();
        if (item === null) return false;
        this.opts.onActivate?.(item, this.sel);
        return true;
      }
    }
    return false;
  }

  private viewport(): number {
    return this.el.clientHeight || this.opts.fallbackHeight || 600;
  }

  private setOffset(px: number): void {
    this.offset = Math.max(0, px);
    this.el.scrollTop = this.offset;
  }

  /** Scroll just enough for row i to be in view. */
  private reveal(i: number): void {
    const rh = this.opts.rowHeight;
    const top = i * rh;
    const vh = this.viewport();
    if (top < this.offset) this.setOffset(top);
    else if (top + rh > this.offset + vh) this.setOffset(top + rh - vh);
  }

  /** Render the rows around the scroll position; `force` also when the range is the same. */
  private render(force: boolean): void {
    const rh = this.opts.rowHeight;
    const over = this.opts.overscan ?? 8;
    const n = this.items.length;
    const first = Math.max(0, Math.min(n, Math.floor(this.offset / rh) - over));
    const last = Math.max(first, Math.min(n, Math.ceil((this.offset + this.viewport()) / rh) + over));
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    replace(this.topSpace, spacerBits(first).map((k) => h("div", { class: "vs vs-" + k })));
    replace(this.bottomSpace, spacerBits(n - last).map((k) => h("div", { class: "vs vs-" + k })));
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) rows.push(this.buildRow(this.items[i], i));
    replace(this.rowsEl, rows);
  }

  /** Show row i (if rendered) as selected or not, in place. */
  private mark(i: number, on: boolean): void {
    const row = i >= this.first && i < this.last ? (this.rowsEl.children[i - this.first] as HTMLElement | undefined) : undefined;
    if (!row) return;
    row.classList.toggle("selected", on);
    row.setAttribute("aria-selected", on ? "true" : "false");
  }

  private updateOwner(): void {
    for (const el of [this.el, this.opts.owner]) {
      if (!el) continue;
      if (this.sel >= 0) el.setAttribute("aria-activedescendant", this.opts.idPrefix + this.sel);
      else el.removeAttribute("aria-activedescendant");
    }
  }

  private buildRow(item: T, i: number): HTMLElement {
    const on = i === this.sel;
    const o = this.opts;
    return h(
      "div",
      {
        class: ["row", "vrow", ...(o.rowClass?.(item, i) ?? []), on && "selected"],
        id: o.idPrefix + i,
        role: "option",
        "aria-selected": on ? "true" : "false",
        "aria-posinset": String(i + 1),
        "aria-setsize": String(this.items.length),
        ...o.rowAttrs?.(item, i),
        onclick: () => this.select(i, false),
        ondblclick: () => o.onActivate?.(item, i),
      },
      o.row(item, i),
    );
  }
}
