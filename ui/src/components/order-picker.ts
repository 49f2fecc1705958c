// The order picker: search orders by id or buyer (`find_orders`, as you type), pick one, or
// pick the first row to clear the order. Used by the palette (Alt+O) and the review window
// ("Preview with order"). The caller places `input` and `list` and decides when to open it.
import { api, type ApiError, type Order } from "../api";
import { h, type Child, type Props } from "../h";
import { debounce, type Debounced } from "./debounce";
import { latestOnly } from "./latest";
import { SelectableList } from "./list";

export const ORDER_DEBOUNCE_MS = 120;

export interface OrderPickerOptions {
  /** Attributes of the search input (id, class, aria-label, placeholder, listeners…). */
  inputAttrs: Props;
  /** Attributes of the listbox (its id must be set: the input's aria-controls points at it). */
  listAttrs: Props & { id: string };
  /** Row id prefix ("p-" → "p-0", "p-1"…). */
  idPrefix: string;
  /** The order in use: its row gets a ✓. */
  current(): Order | null;
  /** The first row: picking it picks null ("no order", "the sample order"…). */
  clearRow: { title: string; hint: string; checkWhenNone?: boolean };
  /** Notes under the rows; without `error` a failed lookup only goes to onError. */
  text: { searching: string; empty: string; error?: (message: string) => string };
  /**
   * Which row is selected when the results arrive. "current": without a query the current
   * order's row, else the first order found (or the clear row). "clear": the first order
   * found when there is a query, else the clear row.
   */
  preselect: "current" | "clear";
  /** Hovering a row selects it. */
  hover?: boolean;
  onPick(order: Order | null): void;
  /** The user typed (before the lookup is scheduled). */
  onInput?(): void;
  onLoaded?(): void;
  onError?(e: ApiError): void;
  /** The lookup (default: the backend's find_orders). */
  findOrders?(query: string): Promise<Order[]>;
  debounceMs?: number;
}

type Entry = Order | null;

export class OrderPicker {
  readonly input: HTMLInputElement;
  private readonly rows: SelectableList<Entry>;
  private readonly latest = latestOnly();
  private readonly schedule: Debounced<[]>;
  private error: ApiError | null = null;

  constructor(private readonly opts: OrderPickerOptions) {
    this.input = h("input", {
      type: "text",
      role: "combobox",
      "aria-controls": opts.listAttrs.id,
      "aria-autocomplete": "list",
      autocomplete: "off",
      spellcheck: "false",
      ...opts.inputAttrs,
    });
    this.rows = new SelectableList<Entry>({
      attrs: opts.listAttrs,
      idPrefix: opts.idPrefix,
      owner: this.input,
      wrap: true,
      keepFocus: true,
      hover: opts.hover ? () => true : undefined,
      rowClass: () => ["picker-row"],
      row: (o) => (o ? this.orderRow(o) : this.clearRow()),
      onActivate: (o) => this.opts.onPick(o),
    });
    this.schedule = debounce(() => void this.search(), opts.debounceMs ?? ORDER_DEBOUNCE_MS);
    this.input.addEventListener("input", () => {
      this.opts.onInput?.();
      this.schedule();
    });
  }

  get list(): HTMLElement {
    return this.rows.el;
  }

  /** The rows: null (the clear row) first, then the orders found. */
  entries(): readonly Entry[] {
    return this.rows.all();
  }

  /** A lookup is running or about to run (typed within the debounce delay). */
  loading(): boolean {
    return this.latest.pending() || this.schedule.pending();
  }

  /** Start over with only the clear row, and look up the query now. */
  open(): Promise<boolean> {
    this.error = null;
    this.render([null], 0);
    return this.search();
  }

  /** Drop pending lookups and answers still on their way. */
  close(): void {
    this.schedule.cancel();
    this.latest.cancel();
    this.input.removeAttribute("aria-activedescendant");
  }

  move(delta: number): void {
    this.rows.move(delta);
  }

  /** Pick the selected row; when what was just typed is still being looked up, wait for it. */
  async pickSelected(): Promise<void> {
    if (this.loading() && this.input.value.trim()) {
      this.schedule.cancel();
      if (!(await this.search())) return; // closed meanwhile
    }
    this.opts.onPick(this.rows.selected());
  }

  /** Look up the query; resolves to false when the answer came too late to be used. */
  async search(): Promise<boolean> {
    this.schedule.cancel();
    const query = this.input.value.trim();
    const find = this.opts.findOrders ?? api.findOrders;
    const run = this.latest.run(() => find(query));
    this.render(this.rows.all(), this.rows.index);
    const res = await run;
    if (!res) return false;
    if (res.ok) {
      this.error = null;
      this.render([null, ...res.value], this.initialSelection(res.value, query), true);
      this.opts.onLoaded?.();
    } else {
      this.error = res.error as ApiError;
      this.render([null], 0, true);
      this.opts.onError?.(this.error);
    }
    return true;
  }

  private initialSelection(found: Order[], query: string): number {
    if (this.opts.preselect === "clear") return query && found.length ? 1 : 0;
    const cur = this.opts.current();
    const at = cur ? found.findIndex((o) => o.order_id === cur.order_id) : -1;
    return at >= 0 && !query ? at + 1 : found.length ? 1 : 0;
  }

  private render(entries: readonly Entry[], sel: number, scroll = true): void {
    this.rows.setItems([...entries], sel, this.note(entries.length), scroll);
  }

  private note(count: number): Child {
    const { text } = this.opts;
    if (this.error && text.error) return h("div", { class: "empty field-error" }, text.error(this.error.message));
    if (count <= 1 && this.input.value.trim()) return h("div", { class: "empty" }, this.latest.pending() ? text.searching : text.empty);
    return null;
  }

  private check(on: boolean): Child {
    return on ? h("span", { class: "badge" }, "✓") : null;
  }

  private clearRow(): Child {
    const c = this.opts.clearRow;
    return [
      h("div", { class: "row-main" }, h("span", { class: "row-title row-clear" }, c.title), this.check(!!c.checkWhenNone && !this.opts.current())),
      h("div", { class: "row-sub" }, c.hint),
    ];
  }

  private orderRow(o: Order): Child {
    const cur = this.opts.current();
    return [
      h(
        "div",
        { class: "row-main" },
        h("span", { class: "order-id" }, o.order_id),
        o.buyer_name ? h("bdi", { class: "row-title", dir: "auto" }, o.buyer_name) : null,
        this.check(!!cur && cur.order_id === o.order_id),
      ),
      h("div", { class: "row-sub" }, [o.marketplace, o.buyer_country, o.buyer_locale, o.ordered_at ? o.ordered_at.slice(0, 10) : null].filter(Boolean).join(" · ")),
    ];
  }
}
