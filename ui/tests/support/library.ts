// A fake library backend for the library window tests: a few templates (one with an Arabic
// translation, one stale), and every library command answered from that state. Tests change
// `lib` directly or override a command through `overrides`.
import type { Status } from "../../src/api";
import type {
  Choice,
  DeletedTemplate,
  HistoryEntry,
  ImportPreview,
  LibraryList,
  LibraryRow,
  SetupState,
  TemplateDetail,
  TemplateDraft,
  TemplateText,
  TextCheck,
  Vocabulary,
} from "../../src/library/types";
import { fakeBackend } from "./dom";
import type { Insights, LateOrder, LearnedPick, Order, OrderPreview, Preset } from "../../src/api";
import { order } from "../../src/mock/order";

export const AR_TEXT = "مرحباً { $buyer_name }، تم شحن طلبك { $order_id } عبر { $carrier }.";

const text = (locale: string, body: string, status: Status = "approved", provider: string | null = null): TemplateText => ({ locale, text: body, title: null, status, provider, problem: null });

export function sampleTemplates(): TemplateDetail[] {
  return [
    {
      key: "order-shipped",
      title: "Tracking number",
      category: "Shipping",
      tags: ["tracking", "shipping"],
      shortcut: ";trk",
      source_locale: "en",
      variables: ["buyer_name", "order_id", "carrier"],
      examples: ["where is my order?"],
      variants: [text("en", "Hi { $buyer_name }, your order { $order_id } has shipped with { $carrier }."), text("ar", AR_TEXT, "needs_review"), text("fr", "Bonjour { $buyer_name }, votre commande { $order_id } est partie.", "stale")],
    },
    {
      key: "refund-done",
      title: "Refund processed",
      category: "Refunds",
      tags: ["refund"],
      shortcut: ";ref",
      source_locale: "en",
      variables: ["order_id"],
      examples: [],
      variants: [text("en", "Your refund for { $order_id } is on its way."), text("es", "Su reembolso para { $order_id } está en camino.", "machine", "deepl")],
    },
    {
      key: "greeting",
      title: "Greeting",
      category: "General",
      tags: [],
      shortcut: ";hi",
      source_locale: "en",
      variables: [],
      examples: [],
      variants: [text("en", "Hello, thank you for your message!"), text("ar", "مرحباً، شكراً لرسالتك!")],
    },
  ];
}

export interface LibState {
  templates: TemplateDetail[];
  stats: Record<string, { uses_30d: number; use_count: number; last_used: string | null }>;
  deleted: (DeletedTemplate & { tpl: TemplateDetail })[];
  history: (HistoryEntry & { key: string })[];
  setup: SetupState;
  /** Extra rows (only in library_list), e.g. 10 000 for the virtualisation test. */
  bulk: LibraryRow[];
  orders: Order[];
  presets: Preset[];
  active: string | null;
  late: LateOrder[];
  insights: Insights;
  picks: LearnedPick[];
}

/** What the fake `insights` answers: two topics (one rising), one unanswered cluster. */
export function sampleInsights(): Insights {
  return {
    since: "2025-10-28",
    until: "2025-11-24",
    messages: 57,
    uses: 120,
    top_replies: [
      { key: "order-shipped", title: "Tracking number", uses: 48 },
      { key: "refund-done", title: "Refund processed", uses: 20 },
    ],
    languages: [
      { lang: "ar", messages: 30, uses: 61 },
      { lang: "en", messages: 27, uses: 59 },
    ],
    by_hour: Array.from({ length: 24 }, (_, h) => (h === 14 ? 23 : h >= 8 && h <= 20 ? 6 : 0)),
    by_weekday: [30, 20, 18, 16, 14, 12, 10],
    topics: [
      { id: 1, label: "where is my order", size: 40, this_week: 17, last_week: 3, rising: true, examples: ["وين الطلب حقي؟", "where is my parcel"], top_reply: { key: "order-shipped", title: "Tracking number" }, languages: ["ar", "en"] },
      { id: 2, label: "refund status", size: 12, this_week: 2, last_week: 4, rising: false, examples: ["did you refund me?"], top_reply: { key: "refund-done", title: "Refund processed" }, languages: ["en"] },
    ],
    unanswered: [
      { id: 7, label: "change the address", size: 5, this_week: 3, last_week: 1, rising: false, examples: ["can I change the address?", "أبغى أغير العنوان", "can I change the address?"], top_reply: null, languages: ["en", "ar"] },
    ],
  };
}

export const SHOPEE_COLUMNS = ["Order ID", "Order Status", "Tracking Number*", "Shipping Option", "Order Creation Date", "Quantity", "Total Amount", "Username (Buyer)", "Receiver Name", "Country"];

export function sampleOrders(): Order[] {
  return [
    order({ marketplace: "shopee", order_id: "241209ABCDEF01", buyer_name: "kiki_shop", buyer_country: "MY", buyer_locale: "ms", item_count: 3, total: 45.9, currency: "MYR", carrier: "Doorstep Delivery", tracking_number: "MY2412345678", ordered_at: "2024-12-09T00:12:00Z", shipped_at: "2024-12-10T09:30:00Z", status: "Shipping", product_name: "Baju Kurung", raw: { "Receiver Name": "K****i" } }),
    order({ marketplace: "amazon", order_id: "402-8841123-0912345", buyer_name: "أحمد الفارسي", buyer_country: "AE", buyer_locale: "ar", carrier: "Aramex", tracking_number: "AMX331922", eta: "2025-12-04", ordered_at: "2025-11-20T08:12:00Z" }),
  ];
}

/** What the fake orders_preview answers for a Shopee file (with the columns the person chose). */
export function shopeePreview(mapping: [string, string][] = []): OrderPreview {
  const base: [string, string | null][] = [
    ["order_id", "Order ID"],
    ["buyer_name", "Username (Buyer)"],
    ["buyer_country", "Country"],
    ["tracking_number", "Tracking Number*"],
    ["eta", null],
  ];
  const mine = new Map(mapping);
  const rows = sampleOrders().slice(0, 1);
  if (mine.get("buyer_name") === "Receiver Name") rows[0].buyer_name = "K****i";
  return {
    format: "shopee",
    preset: null,
    encoding: null,
    columns: SHOPEE_COLUMNS,
    mapping: base.map(([v, c]) => [v, mine.get(v) ?? c]),
    rows,
    problems: [{ file: "shopee_order_all.xlsx", line: 4, message: "no order id" }],
  };
}

export function sampleState(): LibState {
  return {
    templates: sampleTemplates(),
    stats: {
      "order-shipped": { uses_30d: 12, use_count: 300, last_used: "2025-11-20T10:00:00Z" },
      "refund-done": { uses_30d: 40, use_count: 41, last_used: "2025-11-01T10:00:00Z" },
      greeting: { uses_30d: 3, use_count: 900, last_used: "2025-11-23T10:00:00Z" },
    },
    deleted: [],
    history: [
      { id: 11, key: "order-shipped", locale: "ar", text: "مرحباً، تم شحن طلبك { $order_id }.", status: "approved", saved_at: "2025-10-01T08:00:00Z", author: "mei" },
      { id: 12, key: "order-shipped", locale: "ar", text: AR_TEXT, status: "needs_review", saved_at: "2025-11-01T08:00:00Z", author: null },
    ],
    setup: { needed: false, shop_name: "Lotus Home", signature: "Mei", ui_lang: "auto", default_lang: "en", hotkey: "Ctrl+Shift+Space" },
    bulk: [],
    orders: sampleOrders(),
    presets: [{ name: "shopee-id", format: "generic", mapping: [["order_id", "No. Pesanan"]], columns: ["no. pesanan"], marketplace: "shopee" }],
    active: null,
    late: [
      {
        order_id: "402-8841123-0912345",
        marketplace: "amazon",
        buyer_name: "أحمد الفارسي",
        buyer_locale: "ar",
        reason: "past_eta",
        days_late: 3,
        reply_key: "shipping-delay",
        reply_text: "مرحباً أحمد، نعتذر عن تأخر طلبك 402-8841123-0912345.",
        reply_error: null,
      },
      {
        order_id: "241209ABCDEF02",
        marketplace: "shopee",
        buyer_name: "faiz99",
        buyer_locale: "ms",
        reason: "not_shipped",
        days_late: 2,
        reply_key: "shipping-delay",
        reply_text: null,
        reply_error: "the reply needs carrier, which this order does not have",
      },
    ],
    insights: sampleInsights(),
    picks: [
      { id: 31, message: "وين الطلب حقي؟", lang: "ar", key: "order-shipped", title: "Tracking number", at: "2025-11-24T09:12:00Z" },
      { id: 30, message: "my parcel is late", lang: "en", key: "refund-done", title: "Refund processed", at: "2025-11-23T15:40:00Z" },
    ],
  };
}

export function rowOf(t: TemplateDetail, s: LibState): LibraryRow {
  const st = s.stats[t.key] ?? { uses_30d: 0, use_count: 0, last_used: null };
  return { key: t.key, title: t.title, category: t.category, tags: t.tags, shortcut: t.shortcut, source_locale: t.source_locale, variants: t.variants.map((v) => ({ locale: v.locale, status: v.status })), ...st };
}

export function bulkRows(n: number): LibraryRow[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `bulk-${String(i).padStart(5, "0")}`,
    title: `Bulk ${String(i).padStart(5, "0")}`,
    category: "Bulk",
    tags: [],
    shortcut: "",
    source_locale: "en",
    variants: [{ locale: "en", status: "approved" as Status }],
    uses_30d: 0,
    use_count: 0,
    last_used: null,
  }));
}

export const VOCAB: Vocabulary = {
  order_fields: ["buyer_name", "order_id", "carrier"],
  shop_vars: [{ name: "shop_name", value: "Lotus Home" }],
  terms: ["shop-name"],
  builtins: ["today", "clipboard"],
  number_variables: ["item_count"],
};

/** Errors of the fake check: an unclosed `{` is an error at its line and column (1-based, in characters). */
export function fakeCheck(t: string): TextCheck {
  const variables = [...new Set([...t.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]))];
  const lines = t.split("\n");
  for (let l = 0; l < lines.length; l++) {
    const chars = [...lines[l]]; // columns count characters, as the backend does
    let depth = 0;
    let at = -1;
    for (let c = 0; c < chars.length; c++) {
      if (chars[c] === "{") (depth++, (at = c));
      if (chars[c] === "}") depth--;
    }
    if (depth > 0) return { errors: [{ file: "<x>", line: l + 1, column: at + 1, message: 'Expected a token starting with "}"' }], variables };
  }
  return { errors: [], variables };
}

export const IMPORT: ImportPreview = {
  items: [
    { key: "greeting", title: "Greeting", locales: ["en", "de"], text: "Hello { $buyer_name }!", conflict: "Greeting", default_choice: "keep_both" },
    { key: "warranty", title: "Warranty", locales: ["en"], text: "Two years of warranty.", conflict: null, default_choice: "keep_both" },
  ],
  warnings: [{ file: "pack/en.ftl", line: 12, message: "an empty reply was left out", skipped: true }],
};

export function libraryBackend(state: LibState, overrides: Record<string, (args: Record<string, any>) => unknown> = {}) {
  let nextDeleted = 1;
  const find = (key: string) => {
    const t = state.templates.find((x) => x.key === key);
    if (!t) throw { code: "unknown_template", message: `There is no reply '${key}'.` };
    return t;
  };
  return fakeBackend((cmd, a) => {
    if (overrides[cmd]) return overrides[cmd](a);
    switch (cmd) {
      case "ui_language":
        return "en";
      case "library_list": {
        const rows = [...state.templates.map((t) => rowOf(t, state)), ...state.bulk];
        const list: LibraryList = {
          rows,
          categories: [...new Set(rows.map((r) => r.category))].sort(),
          tags: [...new Set(rows.flatMap((r) => r.tags))].sort(),
          locales: [...new Set(rows.flatMap((r) => r.variants.map((v) => v.locale)))].sort(),
        };
        return structuredClone(list);
      }
      case "library_search":
        return state.templates.filter((t) => t.title.toLowerCase().includes(String(a.query).toLowerCase())).map((t) => t.key).reverse();
      case "template_get":
        return structuredClone(find(a.key));
      case "template_check":
        return fakeCheck(a.text);
      case "template_save": {
        const d = a.draft as TemplateDraft;
        const taken = state.templates.find((t) => t.shortcut === d.shortcut && t.key !== d.original_key);
        if (d.shortcut && taken) throw { code: "invalid", message: `The shortcut ${d.shortcut} is already used by “${taken.title}”.` };
        const old = d.original_key ? find(d.original_key) : null;
        const saved: TemplateDetail = {
          key: d.key,
          title: d.title,
          category: d.category,
          tags: d.tags,
          shortcut: d.shortcut,
          source_locale: d.source_locale,
          variables: [],
          examples: d.examples,
          variants: d.texts.map((x) => {
            const before = old?.variants.find((v) => v.locale === x.locale);
            return text(x.locale, x.text, before && before.text === x.text ? before.status : x.locale === d.source_locale ? "approved" : "needs_review");
          }),
        };
        state.templates = old ? state.templates.map((t) => (t === old ? saved : t)) : [...state.templates, saved];
        return structuredClone(saved);
      }
      case "template_delete": {
        const t = find(a.key);
        state.templates = state.templates.filter((x) => x !== t);
        const d = { id: nextDeleted++, key: t.key, title: t.title, deleted_at: "2025-11-24T10:00:00Z", tpl: t };
        state.deleted.unshift(d);
        return { id: d.id, key: d.key, title: d.title, deleted_at: d.deleted_at };
      }
      case "template_undelete": {
        const d = state.deleted.find((x) => x.id === a.id)!;
        state.deleted = state.deleted.filter((x) => x !== d);
        const key = state.templates.some((t) => t.key === d.key) ? d.key + "-2" : d.key;
        state.templates.push({ ...d.tpl, key });
        return key;
      }
      case "recently_deleted":
        return state.deleted.map(({ id, key, title, deleted_at }) => ({ id, key, title, deleted_at }));
      case "template_history":
        return state.history.filter((h) => h.key === a.key && (a.locale === null || h.locale === a.locale)).reverse().map(({ key: _k, ...h }) => h);
      case "template_restore_version": {
        const t = find(a.key);
        const h = state.history.find((x) => x.id === a.id)!;
        t.variants = t.variants.map((v) => (v.locale === h.locale ? text(v.locale, h.text, "needs_review") : v));
        return structuredClone(t);
      }
      case "suggest_key":
        return String(a.title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      case "editor_vocabulary":
        return structuredClone(VOCAB);
      case "plural_snippet":
        return `{ $${a.variable} ->\n    [one] one (${a.locale})\n   *[other] many\n}`;
      case "template_preview":
        return { text: `[${a.locale}] ${a.text.replace(/\{ \$(\w+) \}/g, "⟨$1⟩")}`, source_text: "", missing: [...a.text.matchAll(/\{ \$(\w+) \}/g)].map((m) => m[1]), errors: fakeCheck(a.text).errors, problem: null };
      case "draft_translation":
        return text(a.locale, `[${a.provider ?? "default"}] ${find(a.key).variants[0].text}`, "machine", a.provider ?? "deepl");
      case "list_providers":
        return { providers: [{ name: "deepl", kind: "deepl", url: null, model: null, formality: null, glossary: null, has_key: true }], default_provider: "deepl", cache_entries: 0, billed_chars: 0 };
      case "find_orders":
        return [];
      case "import_preview":
        if (!a.request.path) throw { code: "bad_file", message: "No path given." };
        return structuredClone(IMPORT);
      case "import_apply": {
        const c = Object.values(a.choices as Record<string, Choice>);
        return { added: c.filter((x) => x === "keep_both").length, replaced: c.filter((x) => x === "replace").length, skipped: c.filter((x) => x === "skip").length, keys: [], warnings: IMPORT.warnings };
      }
      case "export_library":
        return `Exported 3 replies to ${a.path}`;
      case "setup_state":
        return structuredClone(state.setup);
      case "setup_finish":
      case "setup_skip":
        state.setup.needed = false;
        return null;
      case "library_request":
        return null;
      case "orders_import":
        if (a.options === null) return { format: "generic", preset: null, encoding: null, imported: 5, inserted: 5, updated: 0, purged: 0, skipped: [{ file: "orders.csv", line: 3, message: "no order id" }] };
        if (a.options.save_preset) state.presets.push({ name: a.options.save_preset, format: "shopee", mapping: a.options.mapping, columns: [], marketplace: null });
        return { format: "shopee", preset: a.options.save_preset, encoding: "GBK", imported: 2, inserted: 1, updated: 1, purged: 4, skipped: [{ file: "shopee_order_all.xlsx", line: 4, message: "no order id" }] };
      case "orders_preview":
        if (String(a.path).includes("missing")) throw { code: "io", message: `Cannot read ${a.path}` };
        return shopeePreview(a.options.mapping);
      case "orders_presets":
        return structuredClone(state.presets);
      case "orders_preset_delete":
        state.presets = state.presets.filter((p) => p.name !== a.name);
        return null;
      case "orders_search": {
        const q = String(a.query).toLowerCase();
        return structuredClone(state.orders.filter((o) => !q || o.order_id.toLowerCase().startsWith(q) || (o.tracking_number ?? "").toLowerCase().startsWith(q) || (o.buyer_name ?? "").toLowerCase().includes(q)));
      }
      case "orders_late":
        return structuredClone(state.late);
      case "active_order":
        return structuredClone(state.orders.find((o) => o.order_id === state.active) ?? null);
      case "set_active_order":
        state.active = a.orderId;
        return null;
      case "copy_text":
        return null;
      case "insights":
        return structuredClone({ ...state.insights, since: a.since ?? state.insights.since });
      case "learned_picks":
        return structuredClone(state.picks.slice(0, a.limit));
      case "forget_pick":
        state.picks = state.picks.filter((p) => p.id !== a.id);
        return null;
    }
    throw { code: "unknown", message: "fake backend: no command " + cmd };
  });
}
