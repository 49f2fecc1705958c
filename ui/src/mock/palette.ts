// The fake backend's palette commands: context, search, suggestions and paste. Texts and their
// previews come from the core's fixture; the ranking is the mock's own (not the real one).
// `?message=…` is the copied buyer message (`none`: no message; default: an Arabic question).
import type { PaletteContext, PasteRequest, ResultItem, SuggestedItem, SuggestReason } from "../api";
import { core } from "./core-fixture";
import type { FixtureTemplate } from "./fixture";
import { LOCALES, ORDERS, params, uiLanguage } from "./data";

/** The copied buyer message (as the backend shortens it: ≤ 140 characters, "…" when cut). */
export function message(): string | null {
  const m = params.get("message");
  if (m === "none") return null;
  const text = m ?? "مرحباً، أين طلبي؟ مرّ أسبوع ولم يصلني أي تحديث للشحنة";
  const chars = [...text];
  return chars.length > 140 ? chars.slice(0, 139).join("") + "…" : text;
}

export function context(reviewCount: number): PaletteContext {
  const order = params.get("order") === "none" ? null : ORDERS[0];
  return {
    order,
    lang: params.get("lang") ?? order?.buyer_locale ?? "en",
    lang_source: params.get("lang") ? "clipboard" : order ? "order" : "default",
    locales: LOCALES,
    ui_lang: uiLanguage(),
    review_count: reviewCount,
    message: message(),
  };
}

/** Why the mock suggests what it suggests (by key; anything else: the title matched). */
const REASONS: Record<string, SuggestReason> = {
  "order-shipped": { kind: "asked_before", text: "وين الطلب حقي؟" },
  "delivery-delay": { kind: "example", text: "my parcel is late" },
};

/** A couple of replies for the copied message (none without one). */
export function suggestions(a: { lang: string; orderId: string | null }): SuggestedItem[] {
  if (!message()) return [];
  const keys = ["order-shipped", "delivery-delay", "items-shipped"];
  return keys
    .map((k) => core.template(k))
    .filter((tpl): tpl is FixtureTemplate => !!tpl)
    .map((tpl, i) => ({ ...core.resultItem(tpl, a.lang, a.orderId), reason: REASONS[tpl.key] ?? { kind: "title", text: tpl.title }, score: 0.9 - i * 0.2 }));
}

function score(tpl: FixtureTemplate, q: string): number {
  if (!q) return 1;
  const hay = (tpl.shortcut + " " + tpl.title + " " + tpl.category).toLowerCase();
  if (tpl.shortcut.startsWith(q)) return 100;
  if (hay.includes(q)) return 50;
  let i = 0;
  for (const ch of hay) if (ch === q[i]) i++;
  return i === q.length ? 10 : 0;
}

export function search(a: { query: string; lang: string; orderId: string | null; limit: number }): ResultItem[] {
  const q = a.query.trim().toLowerCase();
  return core
    .templates()
    .map((tpl) => ({ tpl, s: score(tpl, q) }))
    .filter((x) => x.s > 0)
    .sort((x, y) => y.s - x.s)
    .slice(0, a.limit)
    .map(({ tpl }) => core.resultItem(tpl, a.lang, a.orderId));
}

/** Paste: the values the core said are missing must be given, an unreviewed text confirmed. */
export function paste(r: PasteRequest): null {
  const tpl = core.template(r.key);
  if (!tpl) throw { code: "unknown_template", message: `there is no template '${r.key}'` };
  const v = core.variantFor(tpl, r.lang);
  const hit = core.find(tpl.key, v.locale, r.orderId ?? null, v.body);
  const vars = r.vars ?? {};
  const missing = (hit?.missing ?? []).filter((name) => !vars[name]);
  if (missing.length) throw { code: "missing", message: "values needed", missing };
  if (v.status !== "approved" && !r.confirmed) throw { code: "unreviewed", message: "variant not approved" };
  if (params.has("pasteFail")) throw { code: "paste", message: "The target window is gone (mock)." };
  console.info("[mock] paste", tpl.key, v.locale, hit ? hit.text : "(no fixture for this text)", r.vars);
  return null;
}
