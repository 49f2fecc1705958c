// Orders → Needs a message now (orders_late): orders past their delivery estimate or not
// shipped by their ship-by date, each with why, the reply filled for it in the buyer's
// language (text only, its direction from the buyer's language) and "Copy reply" (copy_text);
// a reply that could not be filled shows why instead.
import { api, type ApiError, type LateOrder } from "../../api";
import { h, replace } from "../../h";
import { t } from "../../i18n";
import { latestOnly } from "../../components/latest";
import { langLabel } from "../labels";
import { dirFor, lateReason } from "./logic";

export interface LateHost {
  /** Show the order in Find (its every field, "Use in palette"). */
  showOrder(orderId: string): void;
  copied(orderId: string): void;
  failed(message: string): void;
}

export class OrdersLate {
  readonly el: HTMLElement;
  private readonly listEl = h("div", { class: "late-list", "data-testid": "orders-late-list" });
  private readonly countEl = h("span", { class: "lib-count", "aria-live": "polite" });
  private readonly latest = latestOnly();
  private late: LateOrder[] = [];
  private error: ApiError | null = null;
  /** Loaded at least once (library-changed then loads it again). */
  loaded = false;
  /** Called with the count whenever it is known (the tab shows it). */
  onCount: ((n: number) => void) | null = null;

  constructor(private readonly host: LateHost) {
    this.el = h(
      "div",
      { class: "orders-late" },
      h(
        "div",
        { class: "late-head" },
        h("p", { class: "help" }, t("orders.late.help")),
        h("span", { class: "actions-gap" }),
        this.countEl,
        h("button", { type: "button", class: "btn btn-small", "data-testid": "orders-late-refresh", onclick: () => void this.load() }, t("orders.late.refresh")),
      ),
      this.listEl,
    );
  }

  async load(): Promise<void> {
    const res = await this.latest.run(() => api.ordersLate());
    if (!res) return;
    this.loaded = true;
    if (res.ok) {
      this.late = res.value;
      this.error = null;
    } else {
      this.error = res.error as ApiError;
    }
    this.render();
    if (res.ok) this.onCount?.(this.late.length);
  }

  private render(): void {
    replace(this.countEl, this.late.length ? t("orders.late.count", { n: this.late.length }) : "");
    if (this.error) {
      replace(this.listEl, h("p", { class: "field-error", role: "alert" }, t("orders.late.error", { message: this.error.message })));
      return;
    }
    if (!this.late.length) {
      replace(this.listEl, h("p", { class: "empty-note" }, t("orders.late.none")));
      return;
    }
    replace(
      this.listEl,
      h(
        "ul",
        { class: "late-items" },
        this.late.map((l) => this.item(l)),
      ),
    );
  }

  private item(l: LateOrder): HTMLElement {
    const dir = dirFor(l.buyer_locale);
    const reply = l.reply_error
      ? h("p", { class: "late-reply-error field-error", "data-testid": "late-error-" + l.order_id }, t("orders.late.replyError", { message: l.reply_error }))
      : l.reply_text !== null
        ? h("p", { class: "late-reply", dir, lang: l.buyer_locale ?? undefined, "data-testid": "late-reply-" + l.order_id }, l.reply_text)
        : h("p", { class: "muted" }, t("orders.late.noReply"));
    return h(
      "li",
      { class: ["late-item", "late-" + l.reason], "data-testid": "late-row-" + l.order_id },
      h(
        "div",
        { class: "late-top" },
        h(
          "button",
          { type: "button", class: "btn-link order-id", title: t("orders.late.show"), onclick: () => this.host.showOrder(l.order_id) },
          l.order_id,
        ),
        l.marketplace ? h("span", { class: "muted" }, l.marketplace) : null,
        l.buyer_name ? h("bdi", { dir: "auto", class: "late-buyer" }, l.buyer_name) : null,
        l.buyer_locale ? h("span", { class: "badge", title: langLabel(l.buyer_locale) }, l.buyer_locale) : null,
        h("span", { class: ["badge", "badge-warn", "late-why"], "data-testid": "late-why-" + l.order_id }, lateReason(l)),
        h("span", { class: "actions-gap" }),
        l.reply_key ? h("code", { class: "row-key" }, l.reply_key) : null,
        h(
          "button",
          {
            type: "button",
            class: "btn btn-small",
            "data-testid": "late-copy-" + l.order_id,
            disabled: !!l.reply_error || l.reply_text === null,
            onclick: () => void this.copy(l),
          },
          t("orders.late.copy"),
        ),
      ),
      reply,
    );
  }

  private async copy(l: LateOrder): Promise<void> {
    if (l.reply_text === null) return;
    try {
      await api.copyText(l.reply_text);
      this.host.copied(l.order_id);
    } catch (e) {
      this.host.failed((e as ApiError).message);
    }
  }
}
