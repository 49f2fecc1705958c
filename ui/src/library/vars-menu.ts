// "Insert variable" (button, or Ctrl+Space in a text): the values a text can use, in groups —
// order fields, shop variables (with their value), terms and built-ins — from
// editor_vocabulary(locale). A pick inserts the placeable at the cursor.
import type { ApiError } from "../api";
import { h, replace, type Child } from "../h";
import { t, type MessageKey } from "../i18n";
import { variableSnippet } from "./logic";
import type { Vocabulary } from "./types";

type Group = "order" | "shop" | "term" | "builtin";

export class VarsMenu {
  readonly el: HTMLElement;

  constructor(
    id: string,
    private readonly onPick: (snippet: string) => void,
    /** Closed without a pick (Escape): the focus goes back to the text. */
    private readonly onCancel: () => void,
  ) {
    this.el = h("div", {
      id,
      class: "popover vars-menu",
      role: "menu",
      hidden: true,
      "aria-label": t("library.vars.title"),
      onkeydown: (e: KeyboardEvent) => this.onKey(e),
      onfocusout: (e: FocusEvent) => {
        if (!this.el.contains(e.relatedTarget as Node | null) && e.relatedTarget) this.close();
      },
    });
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Open with the vocabulary (loading shown meanwhile); the focus goes to the first item. */
  async open(load: () => Promise<Vocabulary>): Promise<void> {
    this.el.hidden = false;
    replace(this.el, h("p", { class: "menu-note muted" }, t("library.loading")));
    try {
      this.render(await load());
    } catch (e) {
      replace(this.el, h("p", { class: "menu-note field-error", role: "alert" }, t("library.vars.error", { message: (e as ApiError).message })));
      return;
    }
    this.items()[0]?.focus();
  }

  close(): void {
    this.el.hidden = true;
    replace(this.el);
  }

  items(): HTMLButtonElement[] {
    return [...this.el.querySelectorAll<HTMLButtonElement>("[role=menuitem]")];
  }

  private render(v: Vocabulary): void {
    const group = (kind: Group, title: string, entries: { name: string; value?: string }[]): Child => {
      if (!entries.length) return null;
      const id = `${this.el.id}-${kind}`;
      return h(
        "div",
        { class: "menu-group", role: "group", "aria-labelledby": id },
        h("div", { class: "menu-group-title", id }, title),
        entries.map((e) => {
          const snippet = variableSnippet(kind, e.name);
          return h(
            "button",
            { type: "button", class: "menu-item", role: "menuitem", tabIndex: -1, "data-snippet": snippet, title: snippet, onclick: () => this.pick(snippet) },
            h("span", { class: "menu-name" }, kind === "term" ? "-" + e.name.replace(/^-/, "") : e.name),
            e.value !== undefined ? h("bdi", { class: "menu-value", dir: "auto" }, e.value) : null,
            kind === "builtin" && (e.name === "today" || e.name === "clipboard") ? h("span", { class: "menu-value" }, t(`library.vars.builtin.${e.name}` as MessageKey)) : null,
          );
        }),
      );
    };
    const groups = [
      group("order", t("library.vars.order"), v.order_fields.map((name) => ({ name }))),
      group("shop", t("library.vars.shop"), v.shop_vars),
      group("term", t("library.vars.terms"), v.terms.map((name) => ({ name }))),
      group("builtin", t("library.vars.builtins"), v.builtins.map((name) => ({ name }))),
    ].filter(Boolean);
    replace(this.el, groups.length ? groups : h("p", { class: "menu-note muted" }, t("library.vars.none")));
  }

  private pick(snippet: string): void {
    this.close();
    this.onPick(snippet);
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case "ArrowDown":
        focus(at + 1);
        break;
      case "ArrowUp":
        focus(at < 0 ? -1 : at - 1);
        break;
      case "Home":
        focus(0);
        break;
      case "End":
        focus(-1);
        break;
      case "Escape":
        this.close();
        this.onCancel();
        break;
      case "Tab":
        this.close();
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}
