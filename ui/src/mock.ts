// Development-only fake backend (vite dev server, or `npm run build:mock`).
// Never part of the production bundle: main.ts imports it behind compile-time flags.
//
// URL parameters: ?label=palette|settings|manager  &ui=en|zh-CN  &lang=ar  &order=none
//                 &script=type:trk,key:Enter,wait:50   (drives the UI for screenshots)
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { Order, PaletteContext, PasteRequest, ResultItem, Settings, Status } from "./api";

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
