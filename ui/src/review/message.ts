// The review window's message bar ("Saved", "Approved", errors) and error texts with hints.
import type { ApiError } from "../api";
import { h, replace } from "../h";
import { t, type MessageKey } from "../i18n";
import { hintedCode } from "./logic";

export type Message = { kind: "ok" | "error" | "info"; text: string };

/** The message for a failed call, with a hint for machine-translation error codes. */
export function errorText(key: MessageKey, e: ApiError): string {
  const code = hintedCode(e.code);
  const msg = t(key, { message: e.message });
  return code ? t(`review.hint.${code}` as MessageKey) + "\n" + msg : msg;
}

export class MessageBar {
  readonly el = h("div", { class: "bar review-bar", hidden: true });
  message: Message | null = null;

  set(m: Message | null): void {
    this.message = m;
    this.render();
  }

  render(): void {
    const m = this.message;
    this.el.hidden = !m;
    this.el.className = "bar review-bar" + (m ? " bar-" + (m.kind === "ok" ? "ok" : m.kind) : "");
    this.el.setAttribute("role", m?.kind === "error" ? "alert" : "status");
    replace(this.el, m?.text ?? null);
  }
}
