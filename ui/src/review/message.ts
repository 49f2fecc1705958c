// The review window's message bar ("Saved", "Approved", errors; components/message-bar.ts) and error texts with hints.
import type { ApiError } from "../api";
import { t, type MessageKey } from "../i18n";
import { hintedCode } from "./logic";

export { MessageBar, type Message } from "../components/message-bar";

/** The message for a failed call, with a hint for machine-translation error codes. */
export function errorText(key: MessageKey, e: ApiError): string {
  const code = hintedCode(e.code);
  const msg = t(key, { message: e.message });
  return code ? t(`review.hint.${code}` as MessageKey) + "\n" + msg : msg;
}
