// Orders → Find: orders_search as you type (id, buyer or tracking number; the newest orders
// while empty), the results as a listbox driven from the search field (↑/↓/Home/End, Enter
// goes to "Use in palette"), and the selected order's every field with "Use in palette"
// (set_active_order).
import { api, type ApiError, type Order } from "../../api";
import { h, replace, type Child } from "../../h";
import { getLang, t, type MessageKey } from "../../i18n";
import { debounce } from "../../components/debounce";
import { latestOnly } from "../../components/latest";
import { SelectableList } from "../../components/list";
import { when } from "../labels";
import { varLabel } from "./import";
import { day, DETAIL_FIELDS, money, rawEntries, shipping } from "./logic";

export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchHost {
  active(): Order | null;
  activate(order: Order): Promise<void>;
}

export class OrdersSearch {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: SelectableList<Order>;
  private readonly detailEl = h("section", { class: "orders-detail", "data-testid": "orders-detail", "aria-live": "polite", "aria-label": t("orders.detail.title") });
  private readonly countEl = h("span", { class: "lib-count", "aria-live": "polite" });
  private readonly latest = latestOnly();
  private readonly schedule = debounce(() => void this.search(), SEARCH_DEBOUNCE_MS);
  private results: Order[] = [];
  private error: ApiError | null = null;
  private selId: string | null = null;
  /** Searched at least once (library-changed then searches again). */
  loaded = false;

  constructor(private readonly host: SearchHost) {
    this.input = h("input", {
      id: "orders-search",
      "data-testid": "orders-search",
      class: "input lib-search",
      type: "search",
      role: "combobox",
      "aria-controls": "orders-results",
      "aria-autocomplete": "list",
      "aria-expanded": "true",
      "aria-label": t("orders.search.label"),
      placeholder: t("orders.search.placeholder"),
      autocomplete: "off",
      spellcheck: "false",
      oninput: () => this.schedule(),
      onkeydown: (e: KeyboardEvent) => this.onKey(e),
    });
    this.list = new SelectableList<Order>({
      attrs: { id: "orders-results", class: "orders-results", "aria-label": t("orders.search.results"), tabIndex: 0 },
      idPrefix: "orders-r-",
      owner: this.input,
      ownKeys: true,
      keepFocus: false,
      clickSelectsOnly: true,
      rowClass: () => ["orders-row"],
      rowAttrs: (o) => ({ "data-testid": "orders-row-" + o.order_id, "data-order": o.order_id }),
      row: (o) => this.row(o),
      onSelect: (o) => {
        this.selId = o.order_id;
        this.renderDetail();
      },
      onActivate: () => this.activateButton()?.focus(),
    });
    this.el = h(
      "div",
      { class: "orders-find" },
      h("div", { class: "lib-searchrow" }, this.input, this.countEl),
      h(
        "div",
        { class: "orders-find-body" },
        h(
          "div",
          { class: "orders-results-pane" },
          h(
            "div",
            { class: "orders-head", "aria-hidden": "true" },
            ["order", "buyer", "items", "shipping", "dates", "status"].map((c) => h("span", null, t(`orders.col.${c}` as MessageKey))),
          ),
          this.list.el,
        ),
        this.detailEl,
      ),
    );
    this.renderDetail();
  }

  focus(): void {
    this.input.focus();
  }

  selected(): Order | null {
    return this.results.find((o) => o.order_id === this.selId) ?? null;
  }

  /** Look the query up now; the selection stays on its order when it is still found. */
  async search(): Promise<void> {
    this.schedule.cancel();
    const query = this.input.value.trim();
    const res = await this.latest.run(() => api.ordersSearch(query));
    if (!res) return;
    this.loaded = true;
    if (res.ok) {
      this.error = null;
      this.results = res.value;
    } else {
      this.error = res.error as ApiError;
      this.results = [];
    }
    this.render();
  }

  /** Show one order (from the late list): searched by its id and selected. */
  async show(orderId: string): Promise<void> {
    this.input.value = orderId;
    this.selId = orderId;
    await this.search();
    this.list.scrollToSelection();
  }

  /** The active order changed: the detail's badge and the rows' marks follow. */
  refreshActive(): void {
    this.render();
  }

  private render(): void {
    let at = this.results.findIndex((o) => o.order_id === this.selId);
    if (at < 0 && this.results.length) at = 0;
    this.selId = at >= 0 ? this.results[at].order_id : null;
    const note: Child = this.error
      ? h("div", { class: "empty field-error", role: "alert" }, t("orders.search.error", { message: this.error.message }))
      : this.results.length
        ? null
        : h("div", { class: "empty" }, this.input.value.trim() ? t("orders.search.none", { query: this.input.value.trim() }) : t("orders.search.empty"));
    this.list.setItems(this.results, at, note);
    replace(this.countEl, this.results.length ? t("orders.search.count", { n: this.results.length }) : "");
    this.renderDetail();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Escape" && this.input.value) {
      e.preventDefault();
      e.stopPropagation();
      this.input.value = "";
      void this.search();
      return;
    }
    if (e.key === "Enter" && this.schedule.pending()) {
      e.preventDefault();
      void this.search();
      return;
    }
    if (e.key === "Home" || e.key === "End") return; // the text field's own
    if (this.list.handleKey(e)) e.preventDefault();
  }

  private row(o: Order): Child {
    const active = this.host.active()?.order_id === o.order_id;
    return [
      h(
        "span",
        { class: "orders-cell orders-idcell" },
        h("span", { class: "order-id" }, o.order_id),
        h("span", { class: "row-key" }, [o.marketplace, active ? "✓ " + t("orders.active.inUse") : null].filter(Boolean).join(" · ")),
      ),
      h("span", { class: "orders-cell" }, h("bdi", { dir: "auto" }, o.buyer_name ?? ""), o.buyer_country ? h("span", { class: "muted" }, " " + o.buyer_country) : null),
      h("span", { class: "orders-cell num" }, [o.item_count !== null ? t("orders.items", { n: o.item_count }) : "", money(o.total, o.currency, getLang())].filter(Boolean).join(" · ")),
      h("span", { class: "orders-cell" }, h("bdi", { dir: "auto" }, shipping(o))),
      h("span", { class: "orders-cell muted" }, [day(o.ordered_at), day(o.shipped_at) && "→ " + day(o.shipped_at), day(o.eta) && t("orders.etaShort", { date: day(o.eta) })].filter(Boolean).join(" ")),
      h("span", { class: "orders-cell" }, h("bdi", { dir: "auto" }, o.status ?? "")),
    ];
  }

  private activateButton(): HTMLButtonElement | null {
    return this.detailEl.querySelector<HTMLButtonElement>('[data-testid="orders-activate"]');
  }

  private renderDetail(): void {
    const o = this.selected();
    if (!o) {
      replace(this.detailEl, h("p", { class: "empty-note" }, t("orders.detail.none")));
      return;
    }
    const active = this.host.active()?.order_id === o.order_id;
    const value = (f: keyof Order): string => {
      const v = o[f];
      if (v === null || v === undefined || v === "") return "";
      if (f === "total") return money(o.total, o.currency, getLang());
      if (f.endsWith("_at") || f === "eta" || f === "ship_by") return when(String(v));
      return String(v);
    };
    const dl = (entries: [string, string, boolean][]) =>
      h(
        "dl",
        { class: "order-fields" },
        entries.map(([k, v, isVar]) => [
          h("dt", null, isVar ? [h("code", null, k), " ", h("span", { class: "muted" }, varLabel(k))] : h("bdi", { dir: "auto" }, k)),
          h("dd", { dir: "auto", "data-field": k }, v || "—"),
        ]),
      );
    const raw = rawEntries(o.raw);
    replace(
      this.detailEl,
      h(
        "div",
        { class: "detail-head" },
        h("h3", { class: "view-title" }, h("span", { class: "order-id" }, o.order_id)),
        active ? h("span", { class: "badge badge-new", "data-testid": "orders-detail-active" }, t("orders.active.inUse")) : null,
        h("span", { class: "actions-gap" }),
        h(
          "button",
          { type: "button", class: "btn btn-primary btn-small", "data-testid": "orders-activate", id: "orders-activate", onclick: () => void this.host.activate(o) },
          t("orders.activate"),
        ),
      ),
      h("p", { class: "help" }, t("orders.activate.help")),
      dl(DETAIL_FIELDS.map((f) => [f === "status" ? "order_status" : f, value(f), true])),
      raw.length ? [h("h4", { class: "panel-title" }, t("orders.detail.raw")), dl(raw.map(([k, v]) => [k, v, false]))] : null,
    );
  }
}
