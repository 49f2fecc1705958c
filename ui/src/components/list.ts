// A selectable list (ARIA listbox): ↑/↓/Home/End/Enter, mouse, scroll-into-view,
// aria-selected on the rows and aria-activedescendant on the element that has the focus
// (the combobox input that drives the list, or the list itself).
import { h, replace, type Child, type Props } from "../h";

/**
 * Move a selection index by `delta` among `count` rows; -1 when there are none. From no
 * selection a step down selects the first row, a step up the last. Single steps wrap around
 * when `wrap` is set; paging (|delta| > 1) and non-wrapping lists stop at the ends.
 */
export function stepIndex(index: number, delta: number, count: number, wrap: boolean): number {
  if (count <= 0) return -1;
  if (index < 0 || index >= count) return delta >= 0 ? 0 : count - 1;
  if (!wrap || Math.abs(delta) > 1) return Math.max(0, Math.min(count - 1, index + delta));
  return (((index + delta) % count) + count) % count;
}

/** The parts of a keyboard event the UI's key handling reads (a plain object in tests). */
export interface KeyInput {
  key: string;
  code?: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

export interface KeyLike extends KeyInput {
  preventDefault?(): void;
}

export interface ListOptions<T> {
  /** Attributes of the listbox element (id, class, aria-label, tabIndex…); role=listbox is added. */
  attrs: Props;
  /** Row ids are `idPrefix + index` ("r-0", "r-1"…), also used for aria-activedescendant. */
  idPrefix: string;
  /** Content of a row. */
  row(item: T, index: number): Child;
  /** Classes of a row after "row" (before "selected"), e.g. ["picker-row"]. */
  rowClass?(item: T, index: number, selected: boolean): (string | false | null | undefined)[];
  /** Shown before row `index`, outside it (a section heading); not selectable. */
  before?(item: T, index: number): Child;
  /** More attributes of a row (e.g. data-id). */
  rowAttrs?(item: T, index: number): Props;
  /** The element carrying aria-activedescendant; default: the list itself. */
  owner?: HTMLElement;
  /** ↑/↓ past the ends wrap around (default: stop at the ends). */
  wrap?: boolean;
  /** Hovering a row selects it (not when the list scrolls under a still mouse). */
  hover?: () => boolean;
  /** A click on a row leaves the focus where it is (combobox lists: on their input). */
  keepFocus?: boolean;
  /** The list handles its own keydown (it must be focusable: give it tabIndex 0). */
  ownKeys?: boolean;
  /** Whether a click on a row is taken now (e.g. not while busy); default yes. */
  canClick?: () => boolean;
  /** A click on a row only selects it, Enter is needed to activate it (default: a click activates). */
  clickSelectsOnly?: boolean;
  /** The selection moved (by key, mouse or select()). */
  onSelect?(item: T, index: number): void;
  /** Enter on the selection, or a click on a row (after it was selected). */
  onActivate?(item: T, index: number): void;
}

export class SelectableList<T> {
  readonly el: HTMLElement;
  private items: T[] = [];
  private sel = -1;
  private lastMouse = "";

  constructor(private readonly opts: ListOptions<T>) {
    this.el = h("div", { role: "listbox", ...opts.attrs });
    if (opts.ownKeys) this.el.addEventListener("keydown", (e) => this.onOwnKey(e));
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

  /** Replace the rows; `after` is shown below them (an empty state, a note). */
  setItems(items: T[], selected: number, after: Child = null, scroll = false): void {
    this.items = items;
    this.sel = selected >= 0 && selected < items.length ? selected : -1;
    replace(this.el, items.map((item, i) => [this.opts.before?.(item, i), this.buildRow(item, i)]), after);
    this.updateOwner();
    if (scroll) this.scrollToSelection();
  }

  /** Select row `i` in place (no redraw); `scroll` brings it into view. */
  select(i: number, scroll = false): void {
    const prev = this.el.querySelector<HTMLElement>(".row.selected");
    if (prev) {
      prev.classList.remove("selected");
      prev.setAttribute("aria-selected", "false");
    }
    this.sel = i >= 0 && i < this.items.length ? i : -1;
    const row = this.rowEl(this.sel);
    if (row) {
      row.classList.add("selected");
      row.setAttribute("aria-selected", "true");
      if (scroll) row.scrollIntoView({ block: "nearest" });
    }
    this.updateOwner();
    if (this.sel >= 0) this.opts.onSelect?.(this.items[this.sel], this.sel);
  }

  /** Move the selection (see stepIndex); returns whether there was a row to move to. */
  move(delta: number): boolean {
    const n = stepIndex(this.sel, delta, this.items.length, !!this.opts.wrap);
    if (n < 0) return false;
    this.select(n, true);
    return true;
  }

  /** Activate the selected row (as Enter does). */
  activate(): void {
    const item = this.selected();
    if (item !== null) this.opts.onActivate?.(item, this.sel);
  }

  /**
   * ↑/↓/Home/End move, Enter activates. Returns whether the key was the list's (the caller
   * then prevents its default). Keys with Alt/Ctrl/Meta and keys of an input method are not.
   */
  handleKey(e: KeyLike): boolean {
    if (e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return false;
    switch (e.key) {
      case "ArrowDown":
        this.move(1);
        return true;
      case "ArrowUp":
        this.move(-1);
        return true;
      case "Home":
        if (this.items.length) this.select(0, true);
        return true;
      case "End":
        if (this.items.length) this.select(this.items.length - 1, true);
        return true;
      case "Enter":
        if (this.selected() === null) return false;
        this.activate();
        return true;
    }
    return false;
  }

  scrollToSelection(): void {
    this.rowEl(this.sel)?.scrollIntoView({ block: "nearest" });
  }

  private onOwnKey(e: KeyboardEvent): void {
    if (this.handleKey(e)) e.preventDefault();
  }

  private rowEl(i: number): HTMLElement | null {
    return i >= 0 ? this.el.querySelector<HTMLElement>("#" + this.opts.idPrefix + i) : null;
  }

  private updateOwner(): void {
    const owner = this.opts.owner ?? this.el;
    if (this.sel >= 0) owner.setAttribute("aria-activedescendant", this.opts.idPrefix + this.sel);
    else owner.removeAttribute("aria-activedescendant");
  }

  private buildRow(item: T, i: number): HTMLElement {
    const on = i === this.sel;
    const o = this.opts;
    return h(
      "div",
      {
        class: ["row", ...(o.rowClass?.(item, i, on) ?? []), on && "selected"],
        id: o.idPrefix + i,
        role: "option",
        "aria-selected": on ? "true" : "false",
        ...o.rowAttrs?.(item, i),
        onmousedown: o.keepFocus ? (e: MouseEvent) => e.preventDefault() : undefined,
        onmousemove: o.hover ? (e: MouseEvent) => this.onHover(e, i) : undefined,
        onclick: () => {
          if (o.canClick && !o.canClick()) return;
          this.select(i, false);
          if (!o.clickSelectsOnly) o.onActivate?.(item, i);
        },
      },
      o.row(item, i),
    );
  }

  private onHover(e: MouseEvent, i: number): void {
    const pos = e.screenX + "," + e.screenY;
    if (pos === this.lastMouse) return; // the list scrolled under a still mouse
    this.lastMouse = pos;
    if (this.sel !== i && this.opts.hover?.()) this.select(i, false);
  }
}
