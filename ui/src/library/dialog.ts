// A modal dialog (role=dialog, aria-modal): Escape closes it (wherever the focus is, e.g. on
// the body after the focused button was disabled), Tab stays inside, the focus goes back to
// where it was. Used by Import…, Export… and a text's History.
import { h, type Child } from "../h";
import { t } from "../i18n";

export class Dialog {
  readonly el: HTMLElement;
  readonly box: HTMLElement;
  readonly body: HTMLElement;
  readonly footer: HTMLElement;
  private returnTo: HTMLElement | null = null;
  private readonly onDocKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || e.defaultPrevented || !this.isTopmost()) return;
    e.preventDefault();
    e.stopPropagation();
    this.close();
  };
  onClose: (() => void) | null = null;

  constructor(id: string, title: string, opts: { wide?: boolean; testid?: string } = {}) {
    this.body = h("div", { class: "dialog-body" });
    this.footer = h("footer", { class: "dialog-footer" });
    this.box = h(
      "div",
      { class: ["dialog", opts.wide && "dialog-wide"], id, role: "dialog", "aria-modal": "true", "aria-labelledby": id + "-title", "data-testid": opts.testid },
      h(
        "header",
        { class: "dialog-head" },
        h("h2", { class: "dialog-title", id: id + "-title" }, title),
        h("button", { type: "button", class: "btn btn-icon btn-tiny dialog-x", "aria-label": t("library.dialog.close"), title: t("library.dialog.close") + " (Esc)", onclick: () => this.close() }, "×"),
      ),
      this.body,
      this.footer,
    );
    this.el = h("div", { class: "dialog-backdrop", onkeydown: (e: KeyboardEvent) => this.onKey(e) }, this.box);
  }

  get isOpen(): boolean {
    return this.el.isConnected;
  }

  setFooter(...children: Child[]): void {
    this.footer.replaceChildren();
    for (const c of children.flat()) if (c instanceof Node) this.footer.append(c);
  }

  /** Show it over `host`; the focus goes to `focus` (else the first control). */
  open(host: HTMLElement, focus?: HTMLElement | null): void {
    if (!this.isOpen) {
      this.returnTo = document.activeElement as HTMLElement | null;
      host.append(this.el);
      document.addEventListener("keydown", this.onDocKey, true);
    }
    (focus ?? this.focusables()[0])?.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.el.remove();
    document.removeEventListener("keydown", this.onDocKey, true);
    this.onClose?.();
    if (this.returnTo?.isConnected) this.returnTo.focus();
  }

  /** No other dialog was opened over this one. */
  private isTopmost(): boolean {
    const all = this.el.parentElement?.querySelectorAll(":scope > .dialog-backdrop");
    return !!all && all[all.length - 1] === this.el;
  }

  /** Focus the first footer button (e.g. Close, after the action that had the focus is done). */
  focusFooter(): void {
    this.footer.querySelector<HTMLElement>("button:not(:disabled)")?.focus();
  }

  private focusables(): HTMLElement[] {
    return [...this.box.querySelectorAll<HTMLElement>("input, select, textarea, button, [tabindex='0']")].filter((e) => !(e as HTMLButtonElement).disabled && !e.closest("[hidden]"));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Tab") {
      const f = this.focusables();
      if (!f.length) return;
      const first = f[0];
      const last = f[f.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
    e.stopPropagation(); // the window's own keys (Delete, Ctrl+N…) are not for the dialog
  }
}
