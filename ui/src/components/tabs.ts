// Tabs (ARIA tablist): one tab in the Tab order (roving tabindex), ←/→ (mirrored in RTL),
// Home/End move and select, Enter/Space/click select. The caller shows the panel of the
// selected tab (`onSelect`) and gives each tab's panel the id in `panelId`.
import { h } from "../h";

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  /** The id of the panel the tab controls (aria-controls). */
  panelId: string;
  testid?: string;
}

export class Tabs<K extends string> {
  readonly el: HTMLElement;
  private readonly buttons = new Map<K, HTMLButtonElement>();
  private current: K;

  constructor(
    private readonly specs: TabSpec<K>[],
    selected: K,
    private readonly onSelect: (key: K) => void,
    attrs: { label: string; class?: string; idPrefix: string },
  ) {
    this.current = selected;
    this.el = h(
      "div",
      { role: "tablist", class: ["tabs", attrs.class], "aria-label": attrs.label, onkeydown: (e: KeyboardEvent) => this.onKey(e) },
      specs.map((s) => {
        const b = h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "tab",
            id: attrs.idPrefix + s.key,
            "aria-controls": s.panelId,
            "data-testid": s.testid,
            onclick: () => this.choose(s.key, false),
          },
          s.label,
        );
        this.buttons.set(s.key, b);
        return b;
      }),
    );
    this.render();
  }

  get selected(): K {
    return this.current;
  }

  tab(key: K): HTMLButtonElement | undefined {
    return this.buttons.get(key);
  }

  /** Mark `key` selected without calling onSelect (the caller changed the view itself). */
  set(key: K): void {
    this.current = key;
    this.render();
  }

  private choose(key: K, focus: boolean): void {
    this.set(key);
    if (focus) this.buttons.get(key)?.focus();
    this.onSelect(key);
  }

  private render(): void {
    for (const [k, b] of this.buttons) {
      const on = k === this.current;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle("tab-selected", on);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    const keys = this.specs.map((s) => s.key);
    const at = keys.indexOf(this.keyOf(e.target as HTMLElement) ?? this.current);
    const rtl = getComputedStyle(this.el).direction === "rtl";
    let next = -1;
    if (e.key === "ArrowRight") next = at + (rtl ? -1 : 1);
    else if (e.key === "ArrowLeft") next = at + (rtl ? 1 : -1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = keys.length - 1;
    else return;
    e.preventDefault();
    e.stopPropagation();
    this.choose(keys[(next + keys.length) % keys.length], true);
  }

  private keyOf(el: HTMLElement): K | null {
    for (const [k, b] of this.buttons) if (b === el) return k;
    return null;
  }
}
