// The pickers that replace the result list: the target language (Alt+L) and the order
// (Alt+O, the shared order picker). Both use the same frame: a title, an input, a list.
import type { ApiError, Order } from "../api";
import { h } from "../h";
import { getLang, t } from "../i18n";
import { languageName, nativeName } from "../locales";
import { matchesAll } from "../text";
import { SelectableList } from "../components/list";
import { OrderPicker } from "../components/order-picker";

const LIST_ID = "picker-list";

export function pickerFrame(title: string, input: HTMLElement, list: HTMLElement): HTMLElement {
  return h("div", { class: "picker" }, h("div", { class: "picker-title" }, title), input, list);
}

/** Languages offered: the backend's list, with the current one first when it is not in it. */
export function langCodes(locales: string[], current: string): string[] {
  const list = [...locales];
  if (!list.includes(current)) list.unshift(current);
  return list;
}

export class LangPicker {
  readonly input: HTMLInputElement;
  private readonly list: SelectableList<string>;
  readonly el: HTMLElement;

  constructor(
    private readonly codes: string[],
    private readonly current: string,
    onPick: (code: string) => void,
  ) {
    const title = t("palette.langPicker.title");
    this.input = h("input", {
      class: "picker-input",
      type: "text",
      role: "combobox",
      "aria-expanded": "true",
      "aria-controls": LIST_ID,
      "aria-autocomplete": "list",
      "aria-label": title,
      placeholder: t("palette.langPicker.placeholder"),
      autocomplete: "off",
      spellcheck: "false",
      oninput: () => this.filter(),
    });
    this.list = new SelectableList<string>({
      attrs: { class: "results picker-list", id: LIST_ID, "aria-label": title },
      idPrefix: "p-",
      owner: this.input,
      wrap: true,
      keepFocus: true,
      hover: () => true,
      rowClass: () => ["picker-row"],
      row: (code) => this.row(code),
      onActivate: (code) => onPick(code),
    });
    this.el = pickerFrame(title, this.input, this.list.el);
    this.filter();
  }

  move(delta: number): void {
    this.list.move(delta);
  }

  pickSelected(): void {
    this.list.activate();
  }

  /** Show the languages matching the input (code, own name, name in the interface or English). */
  filter(): void {
    const q = this.input.value.trim();
    const ui = getLang();
    const codes = this.codes.filter((code) => !q || matchesAll([code, nativeName(code), languageName(code, ui), languageName(code, "en")].join(" "), q));
    const cur = codes.indexOf(this.current);
    const sel = codes.length ? (q ? 0 : Math.max(0, cur)) : -1;
    this.list.setItems(codes, sel, codes.length ? null : h("div", { class: "empty" }, t("palette.langPicker.empty")), true);
  }

  private row(code: string) {
    const native = nativeName(code);
    const local = languageName(code, getLang());
    return [
      h(
        "div",
        { class: "row-main" },
        h("span", { class: "lang-code" }, code),
        h("bdi", { class: "row-title", lang: code, dir: "auto" }, native || code),
        code === this.current ? h("span", { class: "badge" }, "✓") : null,
      ),
      local && local !== native ? h("div", { class: "row-sub" }, local) : null,
    ];
  }
}

export interface OrderPickerHooks {
  current(): Order | null;
  onPick(order: Order | null): void;
  /** The lookup answered: an earlier lookup error can go. */
  onLoaded(): void;
  onError(text: string): void;
}

/** The palette's order picker: the shared one in the picker frame; the first row clears the order. */
export function paletteOrderPicker(hooks: OrderPickerHooks): { picker: OrderPicker; el: HTMLElement } {
  const title = t("palette.orderPicker.title");
  const picker = new OrderPicker({
    inputAttrs: { class: "picker-input", "aria-expanded": "true", "aria-label": title, placeholder: t("palette.orderPicker.placeholder") },
    listAttrs: { class: "results picker-list", id: LIST_ID, "aria-label": title },
    idPrefix: "p-",
    current: hooks.current,
    clearRow: { title: t("palette.orderPicker.clear"), hint: t("palette.orderPicker.clearHint") },
    text: { searching: t("palette.orderPicker.searching"), empty: t("palette.orderPicker.empty") },
    preselect: "current",
    hover: true,
    onPick: hooks.onPick,
    onLoaded: hooks.onLoaded,
    onError: (e: ApiError) => hooks.onError(t("palette.error.orders", { message: e.message })),
  });
  return { picker, el: pickerFrame(title, picker.input, picker.list) };
}
