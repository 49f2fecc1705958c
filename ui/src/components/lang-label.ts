// "ar · Arabic": a locale code with its name in the interface language (else its own name).
import { getLang } from "../i18n";
import { languageName, nativeName } from "../locales";

export function langLabel(code: string): string {
  const name = languageName(code, getLang()) || nativeName(code);
  return name ? `${code} · ${name}` : code;
}
