// Language names for locale codes, via Intl.DisplayNames with a small fallback table.

const NATIVE_FALLBACK: Record<string, string> = {
  ar: "العربية", ru: "Русский", ms: "Bahasa Melayu", fr: "Français", es: "Español",
  en: "English", zh: "中文", "zh-CN": "简体中文", "zh-TW": "繁體中文", de: "Deutsch",
  pt: "Português", "pt-BR": "Português (Brasil)", it: "Italiano", tr: "Türkçe", ja: "日本語",
  ko: "한국어", id: "Bahasa Indonesia", th: "ไทย", vi: "Tiếng Việt", pl: "Polski",
  nl: "Nederlands", uk: "Українська", he: "עברית", hi: "हिन्दी", fa: "فارسی", ur: "اردو",
};

/** Common codes offered in the settings datalist. */
export const COMMON_LOCALES = [
  "en", "zh-CN", "ar", "ru", "ms", "fr", "es", "de", "pt", "pt-BR", "it", "tr", "ja", "ko",
  "id", "th", "vi", "pl", "nl", "uk", "he", "hi", "fa", "ur",
];

const cache = new Map<string, string>();

/** Name of `code` written in `inLang` ("" when unknown). */
export function languageName(code: string, inLang: string): string {
  const k = code + "|" + inLang;
  const hit = cache.get(k);
  if (hit !== undefined) return hit;
  let name = "";
  try {
    const dn = new Intl.DisplayNames([inLang], { type: "language", fallback: "none" });
    name = dn.of(code) ?? "";
  } catch {
    name = "";
  }
  if (!name && inLang === code) name = NATIVE_FALLBACK[code] ?? NATIVE_FALLBACK[code.split("-")[0]] ?? "";
  cache.set(k, name);
  return name;
}

/** The language's own name, e.g. "ar" → "العربية". */
export function nativeName(code: string): string {
  return languageName(code, code);
}

/** Right-to-left scripts, for layout hints (text itself always uses dir="auto"). */
export function isRtl(code: string): boolean {
  return /^(ar|he|fa|ur|ps|yi|dv|ug|ckb)(-|$)/i.test(code);
}
