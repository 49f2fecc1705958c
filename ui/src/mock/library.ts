// The fake backend's library (the owners' window): templates from the core's fixture (with
// an Arabic translation waiting for review and a stale French one), plus `?rows=N` generated
// rows to try the list with thousands of templates. Rankings, key suggestions and statuses
// here are the mock's own stand-ins; Fluent is never rendered or checked here: previews and
// errors come from the fixture, a text the core never rendered says so.
import { emit } from "@tauri-apps/api/event";
import type { FtlError, ReviewPreview, Status } from "../api";
import type {
  Choice,
  DeletedTemplate,
  HistoryEntry,
  ImportItem,
  ImportOutcome,
  ImportPreview,
  ImportRequest,
  LibraryList,
  LibraryRow,
  OrderImport,
  SetupAnswers,
  SetupState,
  TemplateDetail,
  TemplateDraft,
  TemplateText,
  TextCheck,
  Vocabulary,
} from "../library/types";
import { core } from "./core-fixture";
import { NO_FIXTURE, NO_FIXTURE_PROBLEM } from "./fixture";
import { params, store } from "./data";

interface MockTemplate {
  key: string;
  title: string;
  category: string;
  tags: string[];
  shortcut: string;
  source_locale: string;
  examples: string[];
  variants: TemplateText[];
  uses_30d: number;
  use_count: number;
  last_used: string | null;
}

const DAY = 86400000;
const NOW = Date.parse("2025-11-24T09:00:00Z");
let nextHistoryId = 1;
let nextDeletedId = 1;
const history: HistoryEntry[] = [];

function record(key: string, v: TemplateText, at: number, author: string | null): void {
  history.push({ id: nextHistoryId++, locale: v.locale, text: v.text, status: v.status, saved_at: new Date(at).toISOString(), author });
  (historyKeys[key] ??= []).push(history[history.length - 1].id);
}
const historyKeys: Record<string, number[]> = {};

const TAGS: Record<string, string[]> = {
  "order-shipped": ["tracking", "shipping"],
  "delivery-delay": ["apology", "shipping"],
  "refund-done": ["refund"],
  greeting: ["opening"],
  thanks: ["closing"],
};

let templates: MockTemplate[] = core.templates().map((tpl, i) => {
  const variants: TemplateText[] = tpl.variants.map((v) => ({
    locale: v.locale,
    text: v.body,
    title: null,
    status: v.status,
    provider: v.status === "machine" ? "deepl" : null,
    problem: core.find(tpl.key, v.locale, null, v.body)?.problem ?? null,
  }));
  const src = variants.findIndex((v) => v.locale === tpl.source_locale);
  if (src > 0) variants.unshift(...variants.splice(src, 1));
  for (const v of variants) {
    if (v.locale === tpl.source_locale && i === 0) record(tpl.key, { ...v, text: v.text.replace("Tracking number", "Tracking no.") }, NOW - 40 * DAY, "mei");
    record(tpl.key, v, NOW - (10 + i) * DAY, i % 2 ? "mei" : null);
  }
  return {
    key: tpl.key,
    title: tpl.title,
    category: tpl.category,
    tags: TAGS[tpl.key] ?? [],
    shortcut: tpl.shortcut,
    source_locale: tpl.source_locale,
    examples: tpl.key === "order-shipped" ? ["where is my order?", "has it shipped?"] : [],
    variants,
    uses_30d: [31, 12, 4, 9, 2, 57, 40][i % 7],
    use_count: [310, 80, 19, 45, 7, 900, 402][i % 7],
    last_used: i === 4 ? null : new Date(NOW - i * 3600000 * 7).toISOString(),
  };
});

// ?rows=10000: many more templates (English only, a few with translations) for the list.
const extra = Number(params.get("rows") ?? 0);
for (let i = 1; i <= extra; i++) {
  const n = String(i).padStart(5, "0");
  templates.push({
    key: `bulk-${n}`,
    title: `Bulk reply ${n}`,
    category: ["Shipping", "Refunds", "General", "Product"][i % 4],
    tags: i % 3 ? [] : ["bulk"],
    shortcut: `;b${i}`,
    source_locale: "en",
    examples: [],
    variants: [
      { locale: "en", text: `Reply number ${i} for order { $order_id }.`, title: null, status: "approved", provider: null, problem: null },
      ...(i % 5 ? [] : [{ locale: "ar", text: `الرد رقم ${i} للطلب { $order_id }.`, title: null, status: (i % 10 ? "machine" : "stale") as Status, provider: "deepl", problem: null }]),
    ],
    uses_30d: (i * 7919) % 97,
    use_count: (i * 104729) % 1000,
    last_used: i % 4 ? new Date(NOW - ((i * 13) % 60) * DAY).toISOString() : null,
  });
}

let deleted: (DeletedTemplate & { tpl: MockTemplate })[] = [];
let setupNeeded = params.get("setup") === "1";

function changed(): void {
  setTimeout(() => emit("library-changed").catch(() => {}), 10); // (no event system: a unit test)
}

function find(key: string): MockTemplate {
  const t = templates.find((x) => x.key === key);
  if (!t) throw { code: "unknown_template", message: `There is no reply '${key}'.` };
  return t;
}

function row(t: MockTemplate): LibraryRow {
  return {
    key: t.key,
    title: t.title,
    category: t.category,
    tags: [...t.tags],
    shortcut: t.shortcut,
    source_locale: t.source_locale,
    variants: t.variants.map((v) => ({ locale: v.locale, status: v.status })),
    uses_30d: t.uses_30d,
    use_count: t.use_count,
    last_used: t.last_used,
  };
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].filter(Boolean).sort((a, b) => a.localeCompare(b));

export function list(): LibraryList {
  return {
    rows: templates.map(row),
    categories: sorted(templates.map((t) => t.category)),
    tags: sorted(templates.flatMap((t) => t.tags)),
    locales: sorted(templates.flatMap((t) => t.variants.map((v) => v.locale))),
  };
}

/** The mock's ranking: shortcut, then title start, then words anywhere (title, key, texts, examples). */
export function search(a: { query: string }): string[] {
  const q = String(a.query).trim().toLowerCase();
  const scored: [number, MockTemplate][] = [];
  for (const t of templates) {
    const title = t.title.toLowerCase();
    let s = 0;
    if (t.shortcut.toLowerCase() === q) s = 100;
    else if (title.startsWith(q)) s = 60;
    else if (title.includes(q)) s = 40;
    else if (t.key.includes(q) || t.shortcut.toLowerCase().includes(q)) s = 30;
    else if ([...t.examples, ...t.variants.map((v) => v.text)].some((x) => x.toLowerCase().includes(q))) s = 10;
    if (s) scored.push([s + Math.min(9, t.uses_30d / 10), t]);
  }
  return scored.sort((x, y) => y[0] - x[0]).map(([, t]) => t.key);
}

export function detail(t: MockTemplate): TemplateDetail {
  const vars = new Set<string>();
  for (const v of t.variants) for (const m of v.text.matchAll(/\$([a-zA-Z][\w-]*)/g)) vars.add(m[1]);
  return {
    key: t.key,
    title: t.title,
    category: t.category,
    tags: [...t.tags],
    shortcut: t.shortcut,
    source_locale: t.source_locale,
    variables: [...vars],
    examples: [...t.examples],
    variants: structuredClone(t.variants),
  };
}

export function get(a: { key: string }): TemplateDetail {
  return detail(find(a.key));
}

/**
 * The core's errors when the fixture has this text (any template, no order), else none: the
 * mock does not check Fluent (the real app does; the fixture's edit of order-shipped/ar with a
 * syntax error shows how errors look).
 */
function errorsOf(key: string, locale: string, text: string): FtlError[] {
  const hit = core.data.previews.find((p) => p.locale === locale && p.body === text && p.order_id === null);
  return hit ? hit.errors.map((e) => ({ file: `<${key}>`, ...e })) : [];
}

export function check(a: { key: string; locale: string; text: string }): TextCheck {
  const variables = [...new Set([...a.text.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1]))];
  return { errors: errorsOf(a.key, a.locale, a.text), variables };
}

export function save(a: { draft: TemplateDraft }): TemplateDetail {
  const d = a.draft;
  if (!d.key || !/^[a-z0-9][a-z0-9-]*$/.test(d.key)) throw { code: "invalid", message: `'${d.key}' is not a key: use lower-case letters, digits and -.` };
  if (!d.title) throw { code: "invalid", message: "A reply needs a title." };
  const taken = d.shortcut && templates.find((t) => t.shortcut === d.shortcut && t.key !== (d.original_key ?? d.key));
  if (taken) throw { code: "invalid", message: `The shortcut ${d.shortcut} is already used by “${taken.title}”.` };
  if (!d.original_key && templates.some((t) => t.key === d.key)) throw { code: "invalid", message: `There is already a reply with the key '${d.key}'.` };
  for (const tx of d.texts) {
    const e = errorsOf(d.key, tx.locale, tx.text)[0];
    if (e) throw { code: "ftl", message: `<${d.key}>:${e.line}:${e.column}: ${e.message} (${tx.locale})` };
  }
  const old = d.original_key ? find(d.original_key) : null;
  const oldSource = old?.variants.find((v) => v.locale === old.source_locale)?.text;
  const source = d.texts.find((x) => x.locale === d.source_locale)?.text;
  const sourceChanged = !!old && oldSource !== source;
  const variants: TemplateText[] = d.texts.map((tx) => {
    const before = old?.variants.find((v) => v.locale === tx.locale);
    let status: Status;
    if (tx.locale === d.source_locale) status = "approved";
    else if (before && before.text === tx.text) status = sourceChanged && before.status === "approved" ? "stale" : before.status;
    else status = "needs_review";
    const v: TemplateText = { locale: tx.locale, text: tx.text, title: null, status, provider: before && before.text === tx.text ? before.provider : null, problem: core.find(d.key, tx.locale, null, tx.text)?.problem ?? null };
    if (!before || before.text !== tx.text) record(d.key, v, Date.now(), "mei");
    return v;
  });
  const t: MockTemplate = {
    key: d.key,
    title: d.title,
    category: d.category,
    tags: [...d.tags],
    shortcut: d.shortcut,
    source_locale: d.source_locale,
    examples: [...d.examples],
    variants,
    uses_30d: old?.uses_30d ?? 0,
    use_count: old?.use_count ?? 0,
    last_used: old?.last_used ?? null,
  };
  templates = old ? templates.map((x) => (x === old ? t : x)) : [...templates, t];
  changed();
  return detail(t);
}

export function remove(a: { key: string }): DeletedTemplate {
  const t = find(a.key);
  templates = templates.filter((x) => x !== t);
  const d = { id: nextDeletedId++, key: t.key, title: t.title, deleted_at: new Date().toISOString(), tpl: t };
  deleted.unshift(d);
  changed();
  return { id: d.id, key: d.key, title: d.title, deleted_at: d.deleted_at };
}

export function undelete(a: { id: number }): string {
  const d = deleted.find((x) => x.id === a.id);
  if (!d) throw { code: "invalid", message: "That reply is no longer in Recently deleted." };
  let key = d.key;
  for (let n = 2; templates.some((t) => t.key === key); n++) key = `${d.key}-${n}`;
  templates.push({ ...d.tpl, key });
  deleted = deleted.filter((x) => x !== d);
  changed();
  return key;
}

export function recentlyDeleted(): DeletedTemplate[] {
  return deleted.map(({ id, key, title, deleted_at }) => ({ id, key, title, deleted_at }));
}

export function historyOf(a: { key: string; locale: string | null }): HistoryEntry[] {
  const ids = new Set(historyKeys[a.key] ?? []);
  return history.filter((h) => ids.has(h.id) && (a.locale === null || h.locale === a.locale)).reverse();
}

export function restoreVersion(a: { key: string; id: number }): TemplateDetail {
  const t = find(a.key);
  const e = history.find((h) => h.id === a.id && (historyKeys[a.key] ?? []).includes(h.id));
  if (!e) throw { code: "invalid", message: "That version is not in this reply's history." };
  const v = t.variants.find((x) => x.locale === e.locale);
  const restored: TemplateText = { locale: e.locale, text: e.text, title: null, status: e.locale === t.source_locale ? "approved" : "needs_review", provider: null, problem: null };
  if (v) Object.assign(v, restored);
  else t.variants.push(restored);
  record(t.key, restored, Date.now(), "mei");
  changed();
  return detail(t);
}

export function suggestKey(a: { title: string }): string {
  const slug = String(a.title)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  let key = slug || "reply";
  for (let n = 2; templates.some((t) => t.key === key); n++) key = `${slug || "reply"}-${n}`;
  return key;
}

export function vocabulary(): Vocabulary {
  return {
    order_fields: ["buyer_name", "order_id", "carrier", "tracking_number", "tracking_url", "eta", "items", "item_count", "total", "currency"],
    shop_vars: Object.entries(store.settings.shop_vars).map(([name, value]) => ({ name, value })),
    terms: ["shop-name", "brand"],
    builtins: ["today", "clipboard"],
    number_variables: ["item_count", "total"],
  };
}

/** A few languages' CLDR plural categories, as data (the backend has them all). */
const CATEGORIES: Record<string, string[]> = {
  ar: ["zero", "one", "two", "few", "many", "other"],
  ru: ["one", "few", "many", "other"],
  uk: ["one", "few", "many", "other"],
  pl: ["one", "few", "many", "other"],
  fr: ["one", "many", "other"],
  es: ["one", "many", "other"],
  zh: ["other"],
  ja: ["other"],
  ms: ["other"],
};

/** A select with the plural categories of `locale` (one/other for a language this table lacks). */
export function pluralSnippet(a: { variable: string; locale: string }): string {
  const cats = CATEGORIES[a.locale] ?? CATEGORIES[a.locale.split("-")[0]] ?? ["one", "other"];
  const lines = cats.map((c) => (c === "other" ? `   *[other] { $${a.variable} } …` : `    [${c}] { $${a.variable} } …`));
  return `{ $${a.variable} ->\n${lines.join("\n")}\n}`;
}

/** A preview the core rendered for this text (any template), or the honest "no fixture". */
export function preview(a: { locale: string; text: string; orderId: string | null }): ReviewPreview {
  const hit = core.data.previews.find((p) => p.locale === a.locale && p.body === a.text && p.order_id === (a.orderId ?? null));
  if (!hit) return { text: NO_FIXTURE, source_text: "", missing: [], errors: [], problem: NO_FIXTURE_PROBLEM };
  return { text: hit.text, source_text: "", missing: [...hit.missing], errors: hit.errors.map((e) => ({ file: `<${hit.key}>`, ...e })), problem: hit.problem };
}

export function draftTranslation(a: { key: string; locale: string; provider: string | null }): TemplateText {
  const t = find(a.key);
  if (a.locale === t.source_locale) throw { code: "invalid", message: `${a.locale} is the source language of '${a.key}'.` };
  const tpl = core.template(a.key);
  const text = tpl?.variants.find((v) => v.locale === a.locale)?.body ?? t.variants[0].text;
  const v: TemplateText = { locale: a.locale, text, title: null, status: "machine", provider: a.provider ?? store.defaultProvider ?? "deepl", problem: null };
  const at = t.variants.findIndex((x) => x.locale === a.locale);
  if (at >= 0) t.variants[at] = v;
  else t.variants.push(v);
  changed();
  return structuredClone(v);
}

function importItems(req: ImportRequest): ImportPreview {
  if (!req.path.trim()) throw { code: "bad_file", message: "No path given." };
  if (/missing|nope/.test(req.path)) throw { code: "io", message: `Cannot read ${req.path}: no such file or folder.` };
  const items: ImportItem[] = [
    { key: "greeting", title: "Greeting", locales: ["en", "de"], text: "Hello { $buyer_name }, thank you for your message!", conflict: "Greeting", default_choice: "keep_both" },
    { key: "warranty", title: "Warranty", locales: ["en"], text: "Every product comes with a two-year warranty from { -shop-name }.", conflict: null, default_choice: "keep_both" },
    { key: "customs", title: "Customs fees", locales: ["en", "ar"], text: "Import duties are paid by the buyer at delivery.", conflict: null, default_choice: "keep_both" },
  ];
  const file = req.kind === "sheet" ? req.path : `${req.path}/${req.kind === "espanso" ? "match/base.yml" : "en.ftl"}`;
  return {
    items,
    warnings: [
      { file, line: 12, message: "an empty reply was left out", skipped: true },
      { file, line: 30, message: "unknown variable { $coupon } kept as written", skipped: false },
    ],
  };
}

export function importPreview(a: { request: ImportRequest }): ImportPreview {
  return importItems(a.request);
}

export function importApply(a: { request: ImportRequest; choices: Record<string, Choice> }): ImportOutcome {
  const p = importItems(a.request);
  const out: ImportOutcome = { added: 0, replaced: 0, skipped: 0, keys: [], warnings: p.warnings };
  for (const it of p.items) {
    const c = a.choices[it.key] ?? it.default_choice;
    if (c === "skip") {
      out.skipped++;
      continue;
    }
    const existing = templates.find((t) => t.key === it.key);
    let key = it.key;
    if (existing && c === "keep_both") for (let n = 2; templates.some((t) => t.key === key); n++) key = `${it.key}-${n}`;
    const t: MockTemplate = {
      key,
      title: it.title,
      category: "Imported",
      tags: ["imported"],
      shortcut: "",
      source_locale: it.locales[0],
      examples: [],
      variants: it.locales.map((l, i) => ({ locale: l, text: it.text, title: null, status: i ? "needs_review" : "approved", provider: null, problem: null })),
      uses_30d: 0,
      use_count: 0,
      last_used: null,
    };
    if (existing && c === "replace") {
      templates = templates.map((x) => (x === existing ? t : x));
      out.replaced++;
    } else {
      templates.push(t);
      out.added++;
    }
    out.keys.push(key);
  }
  changed();
  return out;
}

export function exportLibrary(a: { kind: string; path: string }): string {
  const langs = new Set(templates.flatMap((t) => t.variants.map((v) => v.locale)));
  return `Exported ${templates.length} replies in ${langs.size} languages to ${a.path}${a.kind === "csv" ? "" : "/"}.`;
}

export function setupState(): SetupState {
  const s = store.settings;
  return { needed: setupNeeded, shop_name: s.shop_vars.shop_name ?? "", signature: s.shop_vars.signature ?? "", ui_lang: s.ui_lang, default_lang: s.default_lang, hotkey: s.hotkey };
}

export function setupFinish(a: { answers: SetupAnswers }): null {
  const x = a.answers;
  store.settings = { ...store.settings, ui_lang: x.ui_lang, default_lang: x.default_lang, shop_vars: { ...store.settings.shop_vars, shop_name: x.shop_name, signature: x.signature } };
  setupNeeded = false;
  return null;
}

export function setupSkip(): null {
  setupNeeded = false;
  return null;
}

export function ordersImport(a: { path: string }): OrderImport {
  if (!a.path.trim()) throw { code: "bad_file", message: "No file given." };
  if (/missing|nope/.test(a.path)) throw { code: "io", message: `Cannot read ${a.path}: no such file.` };
  const skipped = [
    { file: a.path, line: 7, message: "no order id in this row" },
    { file: a.path, line: 19, message: "the date 31/02/2025 does not exist" },
  ];
  return { format: "generic", preset: null, encoding: null, imported: 42, inserted: 42, updated: 0, purged: 0, skipped };
}
