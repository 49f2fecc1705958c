// The global-hotkey field: click, then press the new combination (Esc cancels).
import { h, replace } from "../h";
import { t } from "../i18n";
import { capture } from "./accelerator";

export class HotkeyField {
  readonly button: HTMLButtonElement;
  readonly errorEl: HTMLElement;
  /** The accelerator shown (and saved), e.g. "Ctrl+Shift+Space". */
  value: string;
  private recording = false;
  private error = "";

  constructor(value: string) {
    this.value = value;
    this.button = h("button", {
      type: "button",
      id: "hotkey",
      class: "hotkey-field",
      "aria-describedby": "hotkey-help hotkey-err",
      onclick: () => (this.recording ? this.stop() : this.start()),
      onkeydown: (e: KeyboardEvent) => this.onKey(e),
      onblur: () => this.recording && this.stop(),
    });
    this.errorEl = h("p", { class: "field-error", id: "hotkey-err", role: "alert" });
    this.show();
  }

  /** Stop recording (before saving). */
  stop(): void {
    this.recording = false;
    this.show();
  }

  /** The backend refused `value`: show why and go back to `previous` (still registered). */
  refused(message: string, previous: string): void {
    this.error = message;
    this.value = previous;
    this.show();
  }

  private start(): void {
    this.recording = true;
    this.error = "";
    this.show();
  }

  private show(live?: string): void {
    const b = this.button;
    b.classList.toggle("recording", this.recording);
    b.setAttribute("aria-pressed", this.recording ? "true" : "false");
    if (this.recording) {
      replace(b, h("span", { class: "hotkey-live" }, live || t("settings.hotkey.recording")));
    } else if (this.value) {
      replace(b, this.value.split("+").map((k, i) => [i ? h("span", { class: "plus-sep", "aria-hidden": "true" }, "+") : null, h("kbd", null, k)]));
      b.setAttribute("aria-label", t("settings.hotkey.label") + ": " + this.value);
    } else {
      replace(b, h("span", { class: "muted" }, t("settings.hotkey.empty")));
      b.setAttribute("aria-label", t("settings.hotkey.label") + ": " + t("settings.hotkey.empty"));
    }
    replace(this.errorEl, this.error);
    b.toggleAttribute("aria-invalid", !!this.error);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.recording) return;
    if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
      this.stop();
      return; // let focus move on
    }
    e.preventDefault();
    e.stopPropagation();
    const c = capture(e);
    if (c.kind === "cancel") this.stop();
    else if (c.kind === "modifiers") this.show(c.text ? c.text + "+…" : "");
    else if (c.kind === "needs-modifier") {
      this.error = t("settings.hotkey.needModifier");
      this.show(c.text);
    } else {
      this.value = c.accelerator;
      this.error = "";
      this.recording = false;
      this.show();
    }
  }
}
