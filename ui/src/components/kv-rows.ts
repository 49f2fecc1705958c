// Editable name → value rows with add and remove (Settings: shop variables, per-application
// paste keys). Each row has a name input, a value control and a remove button, and an
// error line under it; the caller says what makes a row wrong.
import { h, replace, type Props } from "../h";

export interface KvRow {
  id: number;
  name: string;
  value: string;
}

export interface KeyValueOptions {
  /** Attributes of the list element (class, id…). */
  listAttrs: Props;
  /** Class of the row line and of the column head, e.g. "var-row" or "var-row app-row". */
  rowClass: string;
  /** Error line ids: prefix + row id. */
  errIdPrefix: string;
  labels: { name: string; value: string; empty: string; remove(name: string): string };
  namePlaceholder: string;
  /** Value of a new row. */
  newValue?: string;
  /** The value control; default a text input. Call `changed` after updating row.value. */
  valueControl?(row: KvRow, changed: () => void): HTMLElement;
  /** What is wrong with a row ("" = nothing), given all rows in order. */
  validate(row: KvRow, rows: readonly KvRow[]): string;
  /** Keep quiet about a row whose name is still empty until the check is strict (on save). */
  quietWhileUnnamed?: boolean;
}

export class KeyValueRows {
  readonly el: HTMLElement;
  private list: KvRow[] = [];
  private nextId = 1;

  constructor(private readonly opts: KeyValueOptions, entries: Record<string, string> = {}) {
    this.el = h("div", opts.listAttrs);
    this.set(entries);
  }

  rows(): readonly KvRow[] {
    return this.list;
  }

  set(entries: Record<string, string>): void {
    this.list = Object.entries(entries ?? {}).map(([name, value]) => ({ id: this.nextId++, name, value }));
    this.render();
  }

  /** The named rows as a record (rows without a name are left out). */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.list) if (r.name) out[r.name] = r.value;
    return out;
  }

  /** Add an empty row and focus its name. */
  add(): KvRow {
    const row = { id: this.nextId++, name: "", value: this.opts.newValue ?? "" };
    this.list.push(row);
    this.render(row.id);
    return row;
  }

  /** Remove a row; the focus goes to the row now in its place (or the one before). */
  remove(row: KvRow): void {
    const i = this.list.indexOf(row);
    if (i < 0) return;
    this.list.splice(i, 1);
    this.render(this.list[Math.min(i, this.list.length - 1)]?.id);
  }

  /** Show each row's error; returns how many rows are wrong. `strict`: also unnamed rows. */
  refreshErrors(strict = false): number {
    let count = 0;
    for (const row of this.list) {
      const item = this.el.querySelector<HTMLElement>(`[data-id="${row.id}"]`);
      if (!item) continue;
      const err = this.opts.validate(row, this.list);
      if (err) count++;
      const shown = !strict && this.opts.quietWhileUnnamed && !row.name ? "" : err;
      item.querySelector("input")!.toggleAttribute("aria-invalid", !!shown);
      replace(item.querySelector(".var-error")!, shown);
    }
    return count;
  }

  private render(focusId?: number): void {
    const { labels, rowClass } = this.opts;
    if (this.list.length === 0) {
      replace(this.el, h("p", { class: "empty-note" }, labels.empty));
      return;
    }
    const head = h("div", { class: rowClass + " var-head", "aria-hidden": "true" }, h("span", null, labels.name), h("span", null, labels.value), h("span"));
    let toFocus: HTMLInputElement | null = null;
    const items = this.list.map((row) => {
      const item = this.buildRow(row);
      if (row.id === focusId) toFocus = item.querySelector("input");
      return item;
    });
    replace(this.el, head, items);
    this.refreshErrors(false);
    (toFocus as HTMLInputElement | null)?.focus();
  }

  private buildRow(row: KvRow): HTMLElement {
    const { labels } = this.opts;
    const errId = this.opts.errIdPrefix + row.id;
    const changed = () => this.refreshErrors();
    const nameIn = h("input", {
      class: "input mono",
      type: "text",
      value: row.name,
      placeholder: this.opts.namePlaceholder,
      autocomplete: "off",
      spellcheck: "false",
      "aria-label": labels.name,
      "aria-describedby": errId,
      oninput: () => {
        row.name = nameIn.value.trim();
        changed();
      },
    });
    const valueEl = this.opts.valueControl?.(row, changed) ?? this.textValue(row, changed);
    const remove = h(
      "button",
      {
        type: "button",
        class: "btn btn-icon",
        "aria-label": labels.remove(row.name || "…"),
        title: labels.remove(row.name || "…"),
        onclick: () => this.remove(row),
      },
      "×",
    );
    return h(
      "div",
      { class: "var-item", "data-id": String(row.id) },
      h("div", { class: this.opts.rowClass }, nameIn, valueEl, remove),
      h("p", { class: "field-error var-error", id: errId }),
    );
  }

  private textValue(row: KvRow, changed: () => void): HTMLElement {
    const el = h("input", {
      class: "input",
      type: "text",
      value: row.value,
      dir: "auto",
      autocomplete: "off",
      "aria-label": this.opts.labels.value,
      oninput: () => {
        row.value = el.value;
        changed();
      },
    });
    return el;
  }
}
