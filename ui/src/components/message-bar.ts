// A window's message bar ("Saved", errors with the backend's message): role alert for errors,
// status otherwise. Used by the review and library windows.
import { h, replace } from "../h";

export type Message = { kind: "ok" | "error" | "info"; text: string };

export class MessageBar {
  readonly el: HTMLElement;
  message: Message | null = null;

  constructor(private readonly className = "") {
    this.el = h("div", { class: ["bar", className], hidden: true });
  }

  set(m: Message | null): void {
    this.message = m;
    this.render();
  }

  render(): void {
    const m = this.message;
    this.el.hidden = !m;
    this.el.className = ["bar", this.className, m && "bar-" + (m.kind === "ok" ? "ok" : m.kind)].filter(Boolean).join(" ");
    this.el.setAttribute("role", m?.kind === "error" ? "alert" : "status");
    replace(this.el, m?.text ?? null);
  }
}
