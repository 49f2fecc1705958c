// "Preview with order": the order the previews are filled from (default: the backend's sample
// order), shown as a chip with ×, and a drop-down of the shared order picker to choose another.
// Used by the review window and the library's editor.
import type { Order } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { OrderPicker } from "./order-picker";

export class PreviewOrder {
  /** null: the backend's sample order. */
  current: Order | null = null;
  readonly el: HTMLElement;
  private readonly chip = h("span", { class: "order-current" });
  private readonly reset: HTMLButtonElement;
  private readonly picker: OrderPicker;

  constructor(private readonly onChange: () => void) {
    const label = t("review.order.label");
    this.reset = h(
      "button",
      { type: "button", class: "btn btn-icon btn-tiny", hidden: true, title: t("review.order.reset"), "aria-label": t("review.order.reset"), onclick: () => this.pick(null) },
      "×",
    );
    this.picker = new OrderPicker({
      inputAttrs: {
        id: "order-q",
        class: "input order-input",
        "aria-expanded": "false",
        "aria-label": label,
        placeholder: t("review.order.placeholder"),
        onfocus: () => this.open(),
        onkeydown: (e: KeyboardEvent) => this.onKey(e),
        onblur: () => this.close(),
      },
      listAttrs: { class: "order-list", id: "order-list", hidden: true, "aria-label": label },
      idPrefix: "o-",
      current: () => this.current,
      clearRow: { title: t("review.order.sample"), hint: t("review.order.sampleHint"), checkWhenNone: true },
      text: { searching: t("review.order.searching"), empty: t("review.order.empty"), error: (message) => t("review.order.error", { message }) },
      preselect: "clear",
      onPick: (o) => this.pick(o),
      onInput: () => this.open(),
    });
    this.el = h(
      "div",
      { class: "order-row" },
      h("label", { class: "order-label", for: "order-q" }, label),
      h("span", { class: "order-chip" }, this.chip, this.reset),
      h("div", { class: "order-picker" }, this.picker.input, this.picker.list),
    );
    this.renderChip();
  }

  /** Show the drop-down (if hidden) and look up the orders. */
  open(): void {
    const list = this.picker.list;
    if (!list.hidden) return;
    list.hidden = false;
    this.picker.input.setAttribute("aria-expanded", "true");
    void this.picker.open();
  }

  close(): void {
    this.picker.list.hidden = true;
    this.picker.input.setAttribute("aria-expanded", "false");
    this.picker.close();
  }

  private pick(o: Order | null): void {
    this.current = o;
    this.picker.input.value = "";
    this.close();
    this.renderChip();
    this.onChange();
  }

  private renderChip(): void {
    const o = this.current;
    replace(
      this.chip,
      o ? [h("span", { class: "order-id" }, "#" + o.order_id), o.buyer_name ? h("bdi", { class: "order-buyer", dir: "auto" }, o.buyer_name) : null] : h("span", { class: "muted" }, t("review.order.sample")),
    );
    this.reset.hidden = !o;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
    const open = !this.picker.list.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.open();
      this.picker.move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!open) this.open();
      else void this.picker.pickSelected(); // waits for the lookup of what was just typed
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    }
  }
}
