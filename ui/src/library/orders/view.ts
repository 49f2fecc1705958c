// The library window's Orders tab: the order the palette fills replies with (active_order,
// "Clear"), importing an order export (import.ts; a file dropped anywhere on the view is
// read at once), and two sub-tabs: Find (search.ts) and Needs a message now (late.ts).
// library-changed reloads what was shown.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { api, type ApiError, type Order, type OrderImport } from "../../api";
import { h, replace } from "../../h";
import { t } from "../../i18n";
import { Tabs } from "../../components/tabs";
import type { MessageBar } from "../../components/message-bar";
import { OrdersImport } from "./import";
import { OrdersLate } from "./late";
import { OrdersSearch } from "./search";

export type OrdersTab = "find" | "late";

/** `getCurrentWebview().onDragDropEvent`, or null where there is none (tests, the browser). */
type DragDrop = (cb: (e: { payload: { type: string; paths?: string[] } }) => void) => Promise<unknown>;

function dragDropSource(): DragDrop | null {
  try {
    const w = getCurrentWebview();
    return typeof w?.onDragDropEvent === "function" ? (cb) => w.onDragDropEvent(cb as never) : null;
  } catch {
    return null;
  }
}

export class OrdersView {
  readonly el: HTMLElement;
  readonly importer: OrdersImport;
  readonly search: OrdersSearch;
  readonly late: OrdersLate;
  private readonly tabs: Tabs<OrdersTab>;
  private readonly activeEl = h("div", { class: "orders-active", "data-testid": "orders-active", "aria-live": "polite" });
  private readonly findPanel: HTMLElement;
  private readonly latePanel: HTMLElement;
  private active: Order | null = null;
  private activeError: ApiError | null = null;
  private started = false;
  private shown = false;

  constructor(private readonly bar: MessageBar) {
    this.importer = new OrdersImport({ imported: (r, saved) => this.imported(r, saved) });
    this.search = new OrdersSearch({ active: () => this.active, activate: (o) => this.setActive(o) });
    this.late = new OrdersLate({
      showOrder: (id) => {
        this.showTab("find");
        void this.search.show(id);
      },
      copied: (id) => this.bar.set({ kind: "ok", text: t("orders.late.copied", { id }) }),
      failed: (message) => this.bar.set({ kind: "error", text: t("orders.late.copyError", { message }) }),
    });
    this.late.onCount = (n) => this.lateCount(n);
    this.tabs = new Tabs<OrdersTab>(
      [
        { key: "find", label: t("orders.tab.find"), panelId: "orders-panel-find", testid: "orders-tab-find" },
        { key: "late", label: t("orders.tab.late"), panelId: "orders-panel-late", testid: "orders-tab-late" },
      ],
      "find",
      (k) => this.showTab(k),
      { label: t("orders.tabs"), class: "subtabs", idPrefix: "orders-tab-" },
    );
    this.findPanel = h("div", { role: "tabpanel", id: "orders-panel-find", "aria-labelledby": "orders-tab-find", class: "orders-panel" }, this.search.el);
    this.latePanel = h("div", { role: "tabpanel", id: "orders-panel-late", "aria-labelledby": "orders-tab-late", class: "orders-panel", hidden: true }, this.late.el);
    this.el = h(
      "div",
      { class: "lib-orders", id: "library-panel-orders", role: "tabpanel", "aria-labelledby": "library-tab-orders", "data-testid": "orders-view", hidden: true },
      this.activeEl,
      h("div", { class: "orders-scroll" }, this.importer.el, h("div", { class: "orders-lower" }, this.tabs.el, this.findPanel, this.latePanel)),
      h("div", { class: "drop-hint", "aria-hidden": "true" }, t("orders.drop")),
    );
    this.renderActive();
  }

  /** The tab was opened: the first time everything is loaded; later the lists are refreshed. */
  show(): void {
    this.shown = true;
    if (!this.started) {
      this.started = true;
      void this.importer.loadPresets();
      void this.loadActive();
      void this.search.search();
      void this.late.load();
      void this.listenDrops();
    }
  }

  hide(): void {
    this.shown = false;
    this.el.classList.remove("is-dropping");
  }

  focus(): void {
    if (this.tabs.selected === "late") this.tabs.tab("late")?.focus();
    else this.search.focus();
  }

  showTab(k: OrdersTab): void {
    this.tabs.set(k);
    this.findPanel.hidden = k !== "find";
    this.latePanel.hidden = k !== "late";
    if (k === "late" && !this.late.loaded) void this.late.load();
  }

  /** Orders or templates changed elsewhere (library-changed): reload what was loaded. */
  changed(): void {
    if (!this.started) return;
    void this.loadActive();
    if (this.search.loaded) void this.search.search();
    if (this.late.loaded) void this.late.load();
  }

  // ------------------------------------------------------------ the active order
  private async loadActive(): Promise<void> {
    try {
      this.active = await api.activeOrder();
      this.activeError = null;
    } catch (e) {
      this.activeError = e as ApiError;
    }
    this.renderActive();
    this.search.refreshActive();
  }

  private async setActive(o: Order | null): Promise<void> {
    try {
      await api.setActiveOrder(o ? o.order_id : null);
      this.active = o;
      this.activeError = null;
      this.bar.set({ kind: "ok", text: o ? t("orders.active.set", { id: o.order_id }) : t("orders.active.cleared") });
    } catch (e) {
      this.bar.set({ kind: "error", text: t("orders.active.error", { message: (e as ApiError).message }) });
    }
    this.renderActive();
    this.search.refreshActive();
  }

  private renderActive(): void {
    const o = this.active;
    this.activeEl.classList.toggle("has-order", !!o);
    if (this.activeError) {
      replace(this.activeEl, h("span", { class: "field-error" }, t("orders.active.error", { message: this.activeError.message })));
      return;
    }
    replace(
      this.activeEl,
      h("span", { class: "orders-active-label" }, t("orders.active.label")),
      o
        ? [
            h("span", { class: "order-id", "data-testid": "orders-active-id" }, o.order_id),
            h("span", { class: "muted" }, [o.marketplace, o.buyer_country].filter(Boolean).join(" · ")),
            o.buyer_name ? h("bdi", { dir: "auto" }, o.buyer_name) : null,
            o.tracking_number ? h("span", { class: "muted mono" }, o.tracking_number) : null,
            h("span", { class: "actions-gap" }),
            h(
              "button",
              { type: "button", class: "btn btn-small", "data-testid": "orders-active-clear", onclick: () => void this.setActive(null) },
              t("orders.active.clear"),
            ),
          ]
        : h("span", { class: "muted" }, t("orders.active.none")),
    );
  }

  // ------------------------------------------------------------ import & drop
  private imported(r: OrderImport, savedPreset: boolean): void {
    this.bar.set({ kind: "ok", text: t("orders.summary.line", { imported: r.imported, inserted: r.inserted, updated: r.updated }) + (savedPreset ? " " + t("orders.preset.saved") : "") });
    void this.search.search();
    void this.late.load();
  }

  private lateCount(n: number): void {
    const tab = this.tabs.tab("late");
    if (tab) replace(tab, n ? t("orders.tab.lateCount", { n }) : t("orders.tab.late"));
  }

  private async listenDrops(): Promise<void> {
    const listen = dragDropSource();
    if (!listen) return;
    try {
      await listen((e) => {
        const p = e.payload;
        if (!this.shown) return;
        if (p.type === "enter" || p.type === "over") this.el.classList.add("is-dropping");
        else this.el.classList.remove("is-dropping");
        if (p.type === "drop" && p.paths?.length) this.importer.usePath(p.paths[0]);
      });
    } catch {
      /* no drag and drop here (no webview): typing or choosing the path still works */
    }
  }
}
