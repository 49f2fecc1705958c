// Development-only fake backend (vite dev server, or `npm run build:mock`).
// Never part of the production bundle: main.ts imports it behind compile-time flags.
//
// URL parameters: ?label=palette|settings|review|manager  &ui=en|zh-CN  &lang=ar  &order=none
//                 &script=type:trk,key:Enter,wait:50   (drives the UI for screenshots)
//                 &review=empty (empty review queue)  &mtFail=quota|network|bad_key (review_translate,
//                 back_translate and test_provider fail with that mt_* code)
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type {
  FtlError,
  Order,
  PaletteContext,
  PasteRequest,
  ProviderConfig,
  ProvidersInfo,
  ResultItem,
  ReviewItem,
  ReviewPreview,
  ReviewQueue,
  Settings,
  Status,
} from "./api";

type Tr = { text: string; status: Status };
interface Tpl {
  key: string;
  title: string;
  shortcut: string;
  category: string;
  source: string;
  tr: Record<string, Tr>;
}

const A: Status = "approved";
const TEMPLATES: Tpl[] = [
  {
    key: "shipping.tracking", title: "Tracking number", shortcut: "trk", category: "Shipping", source: "en",
    tr: {
      en: { status: A, text: "Hi {buyer_name},\n\nyour order {order_id} has shipped with {carrier}. Tracking number: {tracking_number}.\n\nThank you for shopping at {shop_name}!" },
      ar: { status: A, text: "مرحباً {buyer_name}،\n\nتم شحن طلبك {order_id} عبر {carrier}. رقم التتبع: {tracking_number}.\n\nشكراً لتسوقك من {shop_name}!" },
      ru: { status: A, text: "Здравствуйте, {buyer_name}!\n\nВаш заказ {order_id} отправлен службой {carrier}. Трек-номер: {tracking_number}.\n\nСпасибо за покупку в {shop_name}!" },
      ms: { status: "machine", text: "Hai {buyer_name},\n\npesanan anda {order_id} telah dihantar melalui {carrier}. Nombor penjejakan: {tracking_number}.\n\nTerima kasih kerana membeli-belah di {shop_name}!" },
      fr: { status: A, text: "Bonjour {buyer_name},\n\nvotre commande {order_id} a été expédiée avec {carrier}. Numéro de suivi : {tracking_number}.\n\nMerci pour votre achat chez {shop_name} !" },
      "zh-CN": { status: A, text: "您好 {buyer_name}：\n\n您的订单 {order_id} 已通过 {carrier} 发货，运单号：{tracking_number}。\n\n感谢您在 {shop_name} 购物！" },
    },
  },
  {
    key: "shipping.delay", title: "Apology for delay", shortcut: "late", category: "Shipping", source: "en",
    tr: {
      en: { status: A, text: "Dear {buyer_name}, we are sorry that order {order_id} is taking longer than expected. The new estimated delivery date is {eta}." },
      ar: { status: "needs_review", text: "عزيزي {buyer_name}، نعتذر عن تأخر الطلب {order_id}. موعد التسليم المتوقع الجديد هو {eta}." },
      ru: { status: "stale", text: "Уважаемый(ая) {buyer_name}, приносим извинения за задержку заказа {order_id}. Новая ожидаемая дата доставки: {eta}." },
      es: { status: A, text: "Estimado/a {buyer_name}, lamentamos que el pedido {order_id} esté tardando más de lo previsto. La nueva fecha estimada de entrega es {eta}." },
    },
  },
  {
    key: "refund.done", title: "Refund processed", shortcut: "ref", category: "Refunds", source: "en",
    tr: {
      en: { status: A, text: "Hello {buyer_name}, we have refunded {refund_amount} for order {order_id}. It may take {refund_days} business days to appear." },
      ar: { status: "machine", text: "مرحباً {buyer_name}، لقد قمنا برد {refund_amount} للطلب {order_id}. قد يستغرق ظهوره {refund_days} أيام عمل." },
    },
  },
  {
    key: "review.ask", title: "催评价 · Review request", shortcut: "ty", category: "售后 After sale", source: "zh-CN",
    tr: {
      "zh-CN": { status: A, text: "{buyer_name} 您好，希望您喜欢收到的商品！如果方便，请留下评价，非常感谢。" },
      en: { status: A, text: "Hi {buyer_name}, we hope you enjoy your purchase! If you have a moment, we would love a review." },
      ar: { status: "rejected", text: "مرحبا {buyer_name}، نأمل أن تستمتع بمشترياتك! يرجى ترك تقييم." },
    },
  },
  { key: "address.confirm", title: "Confirm shipping address", shortcut: "addr", category: "Pre-shipment", source: "en",
    tr: { en: { status: A, text: "Hi {buyer_name}, before we ship order {order_id}, could you please confirm your address?" },
          ar: { status: A, text: "مرحباً {buyer_name}، قبل شحن الطلب {order_id}، هل يمكنك تأكيد عنوانك من فضلك؟" } } },
  { key: "customs.fee", title: "Customs fees notice", shortcut: "cus", category: "Shipping", source: "en",
    tr: { en: { status: A, text: "Please note that import duties for {buyer_country} are not included in the price of order {order_id}." } } },
  { key: "return.how", title: "Return instructions — a rather long title that must be truncated nicely", shortcut: "ret", category: "Returns", source: "en",
    tr: { en: { status: A, text: "To return an item, reply to this message and we will send you a prepaid label for {carrier}." } } },
  { key: "hello", title: "Greeting", shortcut: "hi", category: "General", source: "en",
    tr: { en: { status: A, text: "Hello {buyer_name}, thank you for your message! <b>How</b> can we help?" },
          ar: { status: A, text: "مرحباً {buyer_name}، شكراً لرسالتك! كيف يمكننا مساعدتك؟" },
          ru: { status: A, text: "Здравствуйте, {buyer_name}! Спасибо за сообщение. Чем можем помочь?" } } },
];

const ORDERS: Order[] = [
  { marketplace: "amazon", order_id: "402-8841123-0912345", buyer_name: "أحمد الفارسي", buyer_country: "AE", buyer_locale: "ar", carrier: "Aramex", tracking_number: "AMX 3319 2245", eta: "2025-12-04", ordered_at: "2025-11-20T08:12:00Z" },
  { marketplace: "ozon", order_id: "77120-0043", buyer_name: "Мария Иванова", buyer_country: "RU", buyer_locale: "ru", carrier: "Почта России", tracking_number: null, ordered_at: "2025-11-18T10:00:00Z" },
  { marketplace: "shopee", order_id: "SG2511ZK8", buyer_name: "Nur Aisyah", buyer_country: "MY", buyer_locale: "ms", carrier: "J&T Express", tracking_number: "JT0099812", ordered_at: "2025-11-21T03:30:00Z" },
  { marketplace: "amazon", order_id: "171-5522019-7781122", buyer_name: "Élodie Martin", buyer_country: "FR", buyer_locale: "fr", carrier: "Colissimo", tracking_number: "6A1234567890", ordered_at: "2025-11-15T12:00:00Z" },
];

let settings: Settings = {
  hotkey: "Ctrl+Shift+Space",
  paste_keystroke: "Ctrl+V",
  default_lang: "en",
  ui_lang: "auto",
  autostart: true,
  shop_vars: { shop_name: "Lotus Home", support_email: "help@lotus.example" },
  paste_overrides: { "Gnome-terminal": "Ctrl+Shift+V", XTerm: "Shift+Insert" },
};

const params = new URLSearchParams(location.search);
const LOCALES = ["en", "ar", "ru", "ms", "fr", "es", "zh-CN", "de", "tr"];

function context(): PaletteContext {
  const ui = params.get("ui");
  const order = params.get("order") === "none" ? null : ORDERS[0];
  return {
    order,
    lang: params.get("lang") ?? order?.buyer_locale ?? "en",
    lang_source: params.get("lang") ? "clipboard" : order ? "order" : "default",
    locales: LOCALES,
    ui_lang: ui === "en" || ui === "zh-CN" ? ui : settings.ui_lang,
    review_count: reviewItems.length,
  };
}

function fill(text: string, order: Order | null, vars: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = vars[name] ?? settings.shop_vars[name] ?? (order ? (order as unknown as Record<string, unknown>)[name] : undefined);
    if (v === undefined || v === null || v === "") {
      if (!missing.includes(name)) missing.push(name);
      return `⟨${name}⟩`;
    }
    return String(v);
  });
  return { text: out, missing };
}

function variant(tpl: Tpl, lang: string): [string, Tr] {
  const base = lang.split("-")[0];
  const code = tpl.tr[lang] ? lang : tpl.tr[base] ? base : tpl.source;
  return [code, tpl.tr[code]];
}

function score(tpl: Tpl, q: string): number {
  if (!q) return 1;
  const hay = (tpl.shortcut + " " + tpl.title + " " + tpl.category).toLowerCase();
  if (tpl.shortcut.startsWith(q)) return 100;
  if (hay.includes(q)) return 50;
  let i = 0;
  for (const ch of hay) if (ch === q[i]) i++;
  return i === q.length ? 10 : 0;
}

function orderById(id: string | null | undefined): Order | null {
  return ORDERS.find((o) => o.order_id === id) ?? null;
}

function search(a: { query: string; lang: string; orderId: string | null; limit: number }): ResultItem[] {
  const q = a.query.trim().toLowerCase();
  const order = orderById(a.orderId);
  return TEMPLATES.map((tpl) => ({ tpl, s: score(tpl, q) }))
    .filter((x) => x.s > 0)
    .sort((x, y) => y.s - x.s)
    .slice(0, a.limit)
    .map(({ tpl }) => {
      const [locale, tr] = variant(tpl, a.lang);
      const f = fill(tr.text, order, {});
      const src = fill(tpl.tr[tpl.source].text, order, {});
      return {
        key: tpl.key, title: tpl.title, shortcut: tpl.shortcut, category: tpl.category,
        locale, status: tr.status, preview: f.text, source_locale: tpl.source, source_preview: src.text, missing: f.missing,
      };
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ review & translation
// Bodies are Fluent patterns. A tiny parser below checks braces and select expressions,
// collects the variables and fills them, so the review window's live validation can be tried.

const SRC_SHIPPED =
  "Hi { $buyer_name },\n\nyour order { $order_id } has shipped with { $carrier }. Tracking number: { $tracking_number }.\n\nThank you for shopping at { $shop_name }!";
const SRC_DELAY =
  "Dear { $buyer_name }, we are sorry that order { $order_id } is taking longer than expected. The new estimated delivery date is { $eta }.";
const SRC_ITEMS =
  "{ $item_count ->\n    [one] One item of your order { $order_id } has shipped.\n   *[other] { $item_count } items of your order { $order_id } have shipped.\n}";
const SRC_REFUND = "Hello { $buyer_name }, we have refunded { $refund_amount } for order { $order_id }.";

interface MockReview extends ReviewItem {
  back: string;
}

function ri(key: string, title: string, locale: string, status: Status, source_body: string, body: string, provider: string | null, problem: string | null, back: string): MockReview {
  return { key, title, locale, status, body, source_locale: "en", source_body, provider, problem, back };
}

let reviewItems: MockReview[] =
  params.get("review") === "empty"
    ? []
    : [
        ri(
          "delivery-delay", "Apology for delay", "ar", "machine", SRC_DELAY,
          "عزيزي { $buyer_name }، نعتذر لأن الطلب { $order_id } يستغرق وقتاً أطول من المتوقع. موعد التسليم المتوقع الجديد هو { $eta }.",
          "deepl", null,
          "Dear { $buyer_name }, we apologize that order { $order_id } is taking longer than expected. The new expected delivery date is { $eta }.",
        ),
        ri(
          "delivery-delay", "Apology for delay", "fr", "stale", SRC_DELAY,
          "Bonjour { $buyer_name }, nous sommes désolés du retard de la commande { $order_id }.",
          null, "The source text changed after this translation was approved.",
          "Hello { $buyer_name }, we are sorry for the delay of order { $order_id }.",
        ),
        ri(
          "items-shipped", "Items shipped", "ru", "machine", SRC_ITEMS,
          "{ $item_count ->\n    [one] { $item_count } товар из заказа { $order_id } отправлен.\n    [few] { $item_count } товара из заказа { $order_id } отправлены.\n    [many] { $item_count } товаров из заказа { $order_id } отправлены.\n   *[other] { $item_count } товара из заказа { $order_id } отправлены.\n}",
          "local-llm", null,
          "{ $item_count ->\n    [one] { $item_count } item from order { $order_id } has been sent.\n   *[other] { $item_count } items from order { $order_id } have been sent.\n}",
        ),
        ri(
          "order-shipped", "Tracking number", "ar", "needs_review", SRC_SHIPPED,
          "مرحباً،\n\nتم شحن طلبك { $order_id } عبر { $carrier }. رقم التتبع: { $tracking_number }.\n\nشكراً لتسوقك من { $shop_name }!",
          "deepl",
          "The machine translation broke placeholders (2 attempts); fix the text before approving it:\nsegment 1: the placeholder [[1]] ({ $buyer_name }) is missing",
          "Hello,\n\nYour order { $order_id } was shipped via { $carrier }. Tracking number: { $tracking_number }.\n\nThank you for shopping at { $shop_name }!",
        ),
        ri(
          "refund-done", "Refund processed", "ar", "machine", SRC_REFUND,
          "مرحباً { $buyer_name }، لقد قمنا برد { $refund_amount } للطلب { $order_id }.",
          "deepl", null,
          "Hello { $buyer_name }, we have refunded { $refund_amount } for order { $order_id }.",
        ),
        ri(
          "refund-done", "Refund processed", "es", "machine", SRC_REFUND,
          "Hola { $buyer_name }, hemos reembolsado { $refund_amount } del pedido { $order_id }.",
          "deepl", null,
          "Hello { $buyer_name }, we have refunded { $refund_amount } for order { $order_id }.",
        ),
      ];

const SOURCES: Record<string, { title: string; body: string }> = {
  "order-shipped": { title: "Tracking number", body: SRC_SHIPPED },
  "delivery-delay": { title: "Apology for delay", body: SRC_DELAY },
  "items-shipped": { title: "Items shipped", body: SRC_ITEMS },
  "refund-done": { title: "Refund processed", body: SRC_REFUND },
};

/** Values the backend uses when no order is chosen. */
const SAMPLE: Record<string, string | number> = {
  buyer_name: "Alex Smith", order_id: "123-4567890-1234567", carrier: "DHL", tracking_number: "JD014600006281",
  eta: "2025-12-05", item_count: 3, refund_amount: "€24.90", buyer_country: "DE",
};

let providers: ProviderConfig[] = [
  { name: "deepl", kind: "deepl", url: null, model: null, formality: "more", glossary: null, has_key: true },
  { name: "local-llm", kind: "openai", url: "http://127.0.0.1:8080/v1", model: "qwen2.5-7b-instruct", formality: null, glossary: null, has_key: false },
];
let defaultProvider: string | null = "deepl";

type FtlNode =
  | { t: "text"; s: string }
  | { t: "var"; name: string }
  | { t: "lit"; s: string }
  | { t: "select"; name: string; variants: { key: string; def: boolean; body: FtlNode[] }[] };

/** Parse a Fluent pattern (a useful subset: variables, literals, selects). */
function parseFtl(src: string): { nodes: FtlNode[]; vars: Set<string>; errors: FtlError[] } {
  const errors: FtlError[] = [];
  const vars = new Set<string>();
  let i = 0;
  const pos = (at: number): { line: number; column: number } => {
    const before = src.slice(0, at).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const fail = (at: number, message: string) => {
    if (errors.length === 0) errors.push({ file: "<edit>", ...pos(at), message });
  };
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const ident = () => {
    const m = /^[a-zA-Z][a-zA-Z0-9_-]*/.exec(src.slice(i));
    if (!m) return "";
    i += m[0].length;
    return m[0];
  };
  function pattern(inVariant: boolean): FtlNode[] {
    const out: FtlNode[] = [];
    let text = "";
    while (i < src.length && errors.length === 0) {
      const c = src[i];
      if (inVariant && c === "\n" && /^\n\s*(\*?\[|\})/.test(src.slice(i))) break;
      if (inVariant && c === "}") break;
      if (c === "{") {
        if (text) out.push({ t: "text", s: text });
        text = "";
        const n = placeable();
        if (n) out.push(n);
        continue;
      }
      if (c === "}") {
        fail(i, "unbalanced closing brace: write { \"}\" } for a literal }");
        break;
      }
      text += c;
      i++;
    }
    if (text) out.push({ t: "text", s: text });
    return out;
  }
  function placeable(): FtlNode | null {
    const open = i;
    i++; // {
    ws();
    let node: FtlNode | null = null;
    if (src[i] === "$") {
      i++;
      const name = ident();
      if (!name) return fail(i, "expected a variable name after $"), null;
      vars.add(name);
      node = { t: "var", name };
    } else if (src[i] === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) return fail(i, "unterminated string literal"), null;
      node = { t: "lit", s: src.slice(i + 1, end) };
      i = end + 1;
    } else if (i >= src.length) {
      return fail(open, "expected }: this { is never closed"), null;
    } else {
      return fail(i, "expected a placeable: { $name }, a string or a select"), null;
    }
    ws();
    if (src.startsWith("->", i) && node.t === "var") {
      i += 2;
      const variants: { key: string; def: boolean; body: FtlNode[] }[] = [];
      for (;;) {
        ws();
        if (src[i] === "}" || i >= src.length) break;
        const def = src[i] === "*";
        if (def) i++;
        if (src[i] !== "[") return fail(i, "expected a variant like [one] or *[other]"), null;
        i++;
        const key = ident() || (/^\d+/.exec(src.slice(i))?.[0] ?? "");
        if (!/^[a-zA-Z]/.test(key)) i += key.length;
        if (src[i] !== "]") return fail(i, "expected ] after the variant key"), null;
        i++;
        variants.push({ key, def, body: pattern(true) });
        if (errors.length) return null;
      }
      if (!variants.some((v) => v.def)) return fail(i, "the select has no default variant (*[other])"), null;
      node = { t: "select", name: node.name, variants };
      ws();
    }
    if (src[i] !== "}") return fail(i >= src.length ? open : i, "expected }: this { is never closed"), null;
    i++;
    return node;
  }
  const nodes = pattern(false);
  if (!src.trim()) fail(0, "the text is empty");
  return { nodes, vars, errors };
}

function evalFtl(nodes: FtlNode[], locale: string, values: Record<string, string | number>, missing: string[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.t === "text") out += n.s;
    else if (n.t === "lit") out += n.s;
    else if (n.t === "var") {
      const v = values[n.name];
      if (v === undefined || v === "") {
        if (!missing.includes(n.name)) missing.push(n.name);
        out += `⟨${n.name}⟩`;
      } else out += String(v);
    } else {
      const v = values[n.name];
      const num = Number(v);
      const cat = v !== undefined && !Number.isNaN(num) ? new Intl.PluralRules(locale).select(num) : "other";
      const chosen = n.variants.find((x) => x.key === String(v)) ?? n.variants.find((x) => x.key === cat) ?? n.variants.find((x) => x.def)!;
      out += evalFtl(chosen.body, locale, values, missing).replace(/^\s+|\s+$/g, "");
    }
  }
  return out;
}

function placeholderProblem(body: string, source: string): string | null {
  const a = parseFtl(body);
  if (a.errors.length) return `it is not valid Fluent (${a.errors.map((e) => e.message).join("; ")})`;
  const b = parseFtl(source);
  const list = (names: string[]) => names.map((n) => `{ $${n} }`).join(", ");
  const missing = list([...b.vars].filter((v) => !a.vars.has(v)));
  const extra = list([...a.vars].filter((v) => !b.vars.has(v)));
  if (missing && extra) return `it lost ${missing} and has ${extra} instead`;
  if (missing) return `it lost the placeholder(s) ${missing}`;
  if (extra) return `it has placeholder(s) the source does not: ${extra}`;
  return null;
}

function valuesFor(orderId: string | null): Record<string, string | number> {
  const o = orderById(orderId);
  const base: Record<string, string | number> = o ? {} : { ...SAMPLE };
  if (o) for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) base[k] = v as string | number;
  return { ...settings.shop_vars, ...base };
}

function reviewPreview(a: { key: string; locale: string; body: string; orderId: string | null }): ReviewPreview {
  const src = SOURCES[a.key];
  if (!src) throw { code: "unknown_template", message: `there is no template '${a.key}'` };
  const values = valuesFor(a.orderId);
  const parsedSrc = parseFtl(src.body);
  const source_text = evalFtl(parsedSrc.nodes, "en", values, []);
  const parsed = parseFtl(a.body);
  const problem = placeholderProblem(a.body, src.body);
  if (parsed.errors.length) return { text: "", source_text, missing: [], errors: parsed.errors, problem };
  const missing: string[] = [];
  const text = evalFtl(parsed.nodes, a.locale, values, missing);
  return { text, source_text, missing, errors: [], problem };
}

function mtFail(): void {
  const f = params.get("mtFail");
  if (f === "quota") throw { code: "mt_quota", message: "provider 'deepl': the translation quota is used up (HTTP 456): wait for the next billing period, raise the limit in the provider's account, or use another provider" };
  if (f === "network") throw { code: "mt_network", message: "provider 'local-llm' cannot be reached at http://127.0.0.1:8080/v1: connection refused; check the network connection, or the URL with `quickreply providers list`" };
  if (f === "bad_key") throw { code: "mt_bad_key", message: "provider 'deepl' refused the API key (HTTP 403): check it and store it again with `quickreply providers key deepl`" };
}

function publicItem(m: MockReview): ReviewItem {
  const { back: _back, ...item } = m;
  return structuredClone(item);
}

function findReview(key: string, locale: string): MockReview {
  const m = reviewItems.find((r) => r.key === key && r.locale === locale);
  if (!m) throw { code: "invalid", message: `'${key}' has no ${locale} text waiting for review` };
  return m;
}

function reviewChanged(): void {
  setTimeout(() => void emit("review-changed"), 10);
}

export function installMock(): void {
  mockWindows(params.get("label") ?? "palette");
  mockIPC(
    async (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, any>;
      await sleep(cmd === "search" ? 5 + Math.random() * 40 : 30);
      switch (cmd) {
        case "palette_context":
          return context();
        case "search":
          return search(args as any);
        case "find_orders": {
          const q = String(args.query ?? "").toLowerCase();
          return ORDERS.filter((o) => !q || o.order_id.toLowerCase().includes(q) || (o.buyer_name ?? "").toLowerCase().includes(q));
        }
        case "paste": {
          const r = args.request as PasteRequest;
          const tpl = TEMPLATES.find((t) => t.key === r.key)!;
          const [, tr] = variant(tpl, r.lang);
          const f = fill(tr.text, orderById(r.orderId), r.vars);
          if (f.missing.length) throw { code: "missing", message: "values needed", missing: f.missing };
          if (tr.status !== "approved" && !r.confirmed) throw { code: "unreviewed", message: "variant not approved" };
          if (params.has("pasteFail")) throw { code: "paste", message: "The target window is gone (mock)." };
          console.info("[mock] paste", f.text);
          return null;
        }
        case "hide_palette":
          console.info("[mock] hide_palette");
          return null;
        case "get_settings": {
          const ui = params.get("ui");
          return { ...structuredClone(settings), ui_lang: ui === "en" || ui === "zh-CN" ? ui : settings.ui_lang };
        }
        case "review_queue": {
          const counts = new Map<string, number>();
          for (const r of reviewItems) counts.set(r.locale, (counts.get(r.locale) ?? 0) + 1);
          const q: ReviewQueue = {
            items: reviewItems.map(publicItem),
            counts: [...counts].sort((a, b) => a[0].localeCompare(b[0])),
            reviewer: "mei",
          };
          return q;
        }
        case "review_preview":
          return reviewPreview(args as any);
        case "review_save": {
          const m = findReview(args.key, args.locale);
          const body = String(args.body).trim();
          const parsed = parseFtl(body);
          if (parsed.errors.length) {
            const e = parsed.errors[0];
            throw { code: "ftl", message: `<${args.key}>:${e.line}:${e.column}: ${e.message}` };
          }
          m.body = body;
          m.status = "needs_review";
          m.problem = placeholderProblem(body, m.source_body);
          reviewChanged();
          return publicItem(m);
        }
        case "review_decide": {
          const m = findReview(args.key, args.locale);
          if (args.verdict === "approved") {
            const problem = m.problem?.startsWith("The machine translation broke placeholders")
              ? "the machine translation broke its placeholders"
              : placeholderProblem(m.body, m.source_body);
            if (problem) throw { code: "invalid", message: `the ${m.locale} text of '${m.key}' cannot be approved: ${problem}; fix it in the review window first` };
          }
          reviewItems = reviewItems.filter((r) => r !== m);
          console.info("[mock] review_decide", args.key, args.locale, args.verdict, args.reviewer);
          reviewChanged();
          return null;
        }
        case "back_translate": {
          await sleep(400);
          mtFail();
          const m = findReview(args.key, args.locale);
          return args.body === m.body ? m.back : m.back.replace(/\.(\s|$)/, ", as edited.$1");
        }
        case "review_translate": {
          await sleep(600);
          mtFail();
          const src = SOURCES[args.key];
          if (!src) throw { code: "unknown_template", message: `there is no template '${args.key}'` };
          if (args.locale === "en") throw { code: "invalid", message: `en is the source language of '${args.key}'` };
          if (args.locale === "xx") throw { code: "mt_unsupported", message: "provider 'deepl' cannot translate en → xx: unsupported target language; use another provider for this language" };
          const provider = args.provider ?? defaultProvider ?? "deepl";
          let m = reviewItems.find((r) => r.key === args.key && r.locale === args.locale);
          if (!m) {
            m = ri(args.key, src.title, args.locale, "machine", src.body, src.body, provider, null, src.body);
            reviewItems.push(m);
          } else {
            m.status = "machine";
            m.provider = provider;
          }
          reviewChanged();
          return publicItem(m);
        }
        case "open_review":
          console.info("[mock] open_review");
          return null;
        case "list_providers": {
          const info: ProvidersInfo = { providers: structuredClone(providers), default_provider: defaultProvider, cache_entries: 1284, billed_chars: 48210 };
          return info;
        }
        case "save_provider": {
          const c = args.config as ProviderConfig;
          if (!c.name.trim() || /\s/.test(c.name)) throw { code: "invalid", message: `'${c.name}' is not a provider name: use one word, e.g. deepl or local-llm` };
          if (c.url && !/^https?:\/\//.test(c.url)) throw { code: "invalid", message: `'${c.url}' is not a URL: start it with http:// or https://` };
          const old = providers.find((p) => p.name === c.name);
          const saved = { ...c, has_key: (old?.has_key ?? false) || !!(args.key && String(args.key).trim()) };
          providers = old ? providers.map((p) => (p === old ? saved : p)) : [...providers, saved];
          return structuredClone(saved);
        }
        case "test_provider": {
          await sleep(500);
          mtFail();
          const p = providers.find((x) => x.name === args.name);
          if (!p) throw { code: "invalid", message: `there is no provider '${args.name}'` };
          if (p.kind !== "openai" && !p.has_key)
            throw { code: "mt_no_key", message: `provider '${p.name}' needs an API key and none is set: run \`quickreply providers key ${p.name}\` and paste the key` };
          if (p.kind === "openai")
            throw { code: "mt_network", message: `provider '${p.name}' cannot be reached at ${p.url}: connection refused; check the network connection, or the URL with \`quickreply providers list\`` };
          return p.kind === "deepl" ? "DeepL API Free: 48 210 of 500 000 characters used this period" : "Google Cloud Translation: OK (133 languages)";
        }
        case "set_default_provider":
          if (args.name && !providers.some((p) => p.name === args.name)) throw { code: "invalid", message: `there is no provider '${args.name}'` };
          defaultProvider = args.name ?? null;
          return null;
        case "save_settings": {
          const s = args.settings as Settings;
          if (s.hotkey.includes("Super")) throw { code: "hotkey", message: `${s.hotkey} is already used by the system.` };
          settings = structuredClone(s);
          return structuredClone(settings);
        }
      }
      throw { code: "unknown_command", message: `mock: no command ${cmd}` };
    },
    { shouldMockEvents: true },
  );
  (window as any).__qrMock = { showPalette: () => emit("palette-shown", context()) };
  const script = params.get("script");
  if (script) void runScript(script);
}

/** Drive the UI for screenshots: "type:abc", "key:Enter", "key:Alt+L", "wait:100". */
async function runScript(script: string): Promise<void> {
  await sleep(300);
  for (const step of script.split(",")) {
    const [op, arg = ""] = step.split(":");
    const target = (document.activeElement as HTMLElement) ?? document.body;
    if (op === "wait") await sleep(Number(arg));
    else if (op === "type") {
      const el = target as HTMLInputElement;
      el.value += decodeURIComponent(arg);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await sleep(150);
    } else if (op === "key") {
      const parts = arg.split("+");
      const key = parts.pop()!;
      const init: KeyboardEventInit = {
        key, bubbles: true, cancelable: true,
        code: key.length === 1 ? "Key" + key.toUpperCase() : key,
        altKey: parts.includes("Alt"), ctrlKey: parts.includes("Ctrl"), shiftKey: parts.includes("Shift"),
        metaKey: parts.includes("Super"),
      };
      target.dispatchEvent(new KeyboardEvent("keydown", init));
      await sleep(200);
    } else if (op === "click") {
      const el = document.querySelector(decodeURIComponent(arg)) as HTMLElement | null;
      el?.focus();
      el?.click();
      await sleep(200);
    }
  }
}
