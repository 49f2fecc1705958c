// The fake backend's Orders view: three kinds of file (a Shopee export when the path says
// "shopee", a localised export no format knows when it says "pesanan" — read only once
// order_id is mapped —, a generic CSV otherwise; "missing" in the path cannot be read),
// presets, search over the mock's orders, the active order, late orders and copy_text.
import type { ImportOptions, LateOrder, Order, OrderImport, OrderPreview, Preset, RowError } from "../api";
import { ORDERS } from "./data";
import { order } from "./order";

const SHOPEE_COLUMNS = ["Order ID", "Order Status", "Tracking Number*", "Shipping Option", "Estimated Ship Out Date", "Ship Time", "Order Creation Date", "Product Name", "Quantity", "Total Amount", "Username (Buyer)", "Receiver Name", "Country"];
const SHOPEE_MAPPING: [string, string][] = [
  ["order_id", "Order ID"],
  ["buyer_name", "Username (Buyer)"],
  ["buyer_country", "Country"],
  ["item_count", "Quantity"],
  ["total", "Total Amount"],
  ["carrier", "Shipping Option"],
  ["tracking_number", "Tracking Number*"],
  ["ordered_at", "Order Creation Date"],
  ["shipped_at", "Ship Time"],
  ["ship_by", "Estimated Ship Out Date"],
  ["order_status", "Order Status"],
  ["product_name", "Product Name"],
];
const LOCAL_COLUMNS = ["No. Pesanan", "Status Pesanan", "Nama Penerima", "Username (Pembeli)", "Negara", "Jumlah", "Total Pembayaran", "Opsi Pengiriman", "No. Resi", "Waktu Pesanan Dibuat"];
const GENERIC_COLUMNS = ["order_id", "buyer_name", "buyer_country", "buyer_locale", "carrier", "tracking_number", "shipped_at", "eta", "item_count", "total", "currency"];
const VARIABLES = ["order_id", "marketplace", "buyer_name", "buyer_country", "buyer_locale", "item_count", "total", "currency", "carrier", "tracking_number", "tracking_url", "ordered_at", "shipped_at", "eta", "delivered_at", "ship_by", "order_status", "product_name"];

const presets: Preset[] = [{ name: "shopee-id", format: "generic", mapping: [["order_id", "No. Pesanan"], ["buyer_name", "Nama Penerima"], ["tracking_number", "No. Resi"]], columns: LOCAL_COLUMNS.map((c) => c.toLowerCase()), marketplace: "shopee" }];
let active: Order | null = null;

type Kind = "shopee" | "local" | "generic";
const kindOf = (path: string): Kind => (/shopee/i.test(path) ? "shopee" : /pesanan|localised/i.test(path) ? "local" : "generic");

interface Read {
  format: OrderPreview["format"];
  preset: string | null;
  encoding: string | null;
  columns: string[];
  mapping: [string, string | null][];
  rows: Order[];
  problems: RowError[];
}

function read(path: string, o: ImportOptions | null): Read {
  if (!path.trim()) throw { code: "bad_file", message: "No file given." };
  if (/missing|nope/.test(path)) throw { code: "io", message: `Cannot read ${path}: no such file.` };
  const opts: ImportOptions = o ?? { format: "auto", mapping: [], preset: null, save_preset: null, marketplace: null };
  const kind = kindOf(path);
  const file = path.split(/[\\/]/).pop() ?? path;
  const preset = opts.preset ? presets.find((p) => p.name === opts.preset) : kind === "local" && opts.format === "auto" ? presets.find((p) => p.name === "shopee-id") : undefined;
  if (opts.preset && !preset) throw { code: "invalid", message: `there is no saved column mapping named '${opts.preset}'` };
  const columns = kind === "shopee" ? SHOPEE_COLUMNS : kind === "local" ? LOCAL_COLUMNS : GENERIC_COLUMNS;
  const base: [string, string][] = kind === "shopee" && (opts.format === "auto" || opts.format === "shopee") ? SHOPEE_MAPPING : kind === "generic" ? GENERIC_COLUMNS.map((c) => [c, c]) : [];
  const pairs = new Map<string, string>([...base, ...(preset?.mapping ?? []), ...opts.mapping]);
  for (const [v, c] of opts.mapping) {
    if (!VARIABLES.includes(v)) throw { code: "invalid", message: `'${v}' is not an order variable.` };
    if (!columns.includes(c)) throw { code: "invalid", message: `there is no column '${c}'. The file's columns are: ${columns.join(", ")}` };
  }
  if (!pairs.has("order_id")) {
    throw { code: "bad_file", message: `${file}: no column gives the order number (the order_id variable is missing). The file's columns are: ${columns.join(", ")}. Map the column that holds the order number onto order_id`, columns };
  }
  const format = preset ? preset.format : opts.format !== "auto" ? opts.format : kind === "shopee" ? "shopee" : "generic";
  const pick = (v: string, values: Record<string, string>) => (pairs.has(v) ? (values[pairs.get(v)!] ?? null) : null);
  const data: Record<string, string>[] =
    kind === "shopee"
      ? [
          { "Order ID": "241209ABCDEF01", "Order Status": "Shipping", "Tracking Number*": "MY2412345678", "Shipping Option": "Doorstep Delivery", "Estimated Ship Out Date": "2024-12-11T23:59:00Z", "Ship Time": "2024-12-10T09:30:00Z", "Order Creation Date": "2024-12-09T00:12:00Z", "Product Name": "Baju Kurung", Quantity: "3", "Total Amount": "45.9", "Username (Buyer)": "kiki_shop", "Receiver Name": "K****i", Country: "MY" },
          { "Order ID": "241209ABCDEF02", "Order Status": "To ship", "Shipping Option": "Doorstep Delivery", "Estimated Ship Out Date": "2024-12-11T23:59:00Z", "Order Creation Date": "2024-12-09T00:12:00Z", "Product Name": "Songkok", Quantity: "1", "Total Amount": "19.0", "Username (Buyer)": "faiz99", "Receiver Name": "Ahmad Faiz", Country: "MY" },
        ]
      : kind === "local"
        ? [
            { "No. Pesanan": "241209ID0001", "Status Pesanan": "Selesai", "Nama Penerima": "Budi Santoso", "Username (Pembeli)": "budi_s", Negara: "Indonesia", Jumlah: "2", "Total Pembayaran": "Rp120.000", "Opsi Pengiriman": "J&T Express", "No. Resi": "JP1234567890", "Waktu Pesanan Dibuat": "2024-12-09T10:00:00Z" },
            { "No. Pesanan": "241209ID0002", "Status Pesanan": "Dikirim", "Nama Penerima": "Siti Rahma", "Username (Pembeli)": "siti.r", Negara: "ID", Jumlah: "1", "Total Pembayaran": "Rp45.500", "Opsi Pengiriman": "SiCepat", "No. Resi": "SC000111222", "Waktu Pesanan Dibuat": "2024-12-09T11:30:00Z" },
          ]
        : [
            { order_id: "A-1001", buyer_name: "فاطمة الزهراء", buyer_country: "AE", buyer_locale: "ar", carrier: "Aramex", tracking_number: "AX123456789", shipped_at: "2025-03-01", eta: "2025-03-09", item_count: "2", total: "149.90", currency: "AED" },
            { order_id: "", buyer_name: "No Id", buyer_country: "MY" },
            { order_id: "M-2002", buyer_name: "Siti Aminah", buyer_country: "MY", buyer_locale: "ms", carrier: "Pos Laju", tracking_number: "PL987654321", shipped_at: "2025-03-02", eta: "2025-03-10", item_count: "1", total: "59.00", currency: "MYR" },
          ];
  const rows: Order[] = [];
  const problems: RowError[] = [];
  data.forEach((d, i) => {
    const id = pick("order_id", d);
    if (!id) {
      problems.push({ file, line: i + 2, message: "no order id in this row" });
      return;
    }
    const num = (v: string | null) => (v === null ? null : Number(v.replace(/[^\d.]/g, "").replace(/\.(?=\d{3}\b)/g, "")) || null);
    const country = pick("buyer_country", d);
    rows.push(
      order({
        marketplace: opts.marketplace ?? preset?.marketplace ?? (format === "generic" ? "" : format),
        order_id: id,
        buyer_name: pick("buyer_name", d),
        buyer_country: country,
        buyer_locale: pick("buyer_locale", d) ?? (country === "MY" ? "ms" : country === "ID" || country === "Indonesia" ? "id" : null),
        item_count: num(pick("item_count", d)),
        total: num(pick("total", d)),
        currency: pick("currency", d) ?? (country === "MY" ? "MYR" : kind === "local" ? "IDR" : null),
        carrier: pick("carrier", d),
        tracking_number: pick("tracking_number", d),
        ordered_at: pick("ordered_at", d),
        shipped_at: pick("shipped_at", d),
        eta: pick("eta", d),
        ship_by: pick("ship_by", d),
        status: pick("order_status", d),
        product_name: pick("product_name", d),
        items: pick("product_name", d),
      }),
    );
  });
  const mapping: [string, string | null][] = VARIABLES.map((v) => [v, pairs.get(v) ?? null]);
  return { format, preset: preset?.name ?? null, encoding: kind === "local" ? "windows-1252" : null, columns, mapping, rows, problems };
}

export function preview(a: { path: string; options: ImportOptions }): OrderPreview {
  return read(a.path, a.options);
}

export function importFile(a: { path: string; options: ImportOptions | null }): OrderImport {
  const r = read(a.path, a.options);
  if (!r.rows.length) throw { code: "no_valid_rows", message: "No row of the file could be read." };
  let inserted = 0;
  for (const o of r.rows) {
    const at = ORDERS.findIndex((x) => x.order_id === o.order_id);
    if (at >= 0) ORDERS[at] = o;
    else (ORDERS.unshift(o), inserted++);
  }
  const name = a.options?.save_preset?.trim();
  if (name) {
    const saved: Preset = { name, format: r.format, mapping: a.options!.mapping, columns: r.columns.map((c) => c.toLowerCase()), marketplace: null };
    const at = presets.findIndex((p) => p.name === name);
    if (at >= 0) presets[at] = saved;
    else presets.push(saved);
  }
  return { format: r.format, preset: name || r.preset, encoding: r.encoding, imported: r.rows.length, inserted, updated: r.rows.length - inserted, purged: r.format === "shopee" ? 3 : 0, skipped: r.problems };
}

export function presetList(): Preset[] {
  return structuredClone(presets);
}

export function presetDelete(a: { name: string }): null {
  const at = presets.findIndex((p) => p.name === a.name);
  if (at < 0) throw { code: "invalid", message: `there is no saved column mapping named '${a.name}'` };
  presets.splice(at, 1);
  return null;
}

export function search(a: { query: string }): Order[] {
  const q = String(a.query ?? "").trim().toLowerCase();
  return ORDERS.filter((o) => !q || o.order_id.toLowerCase().startsWith(q) || (o.tracking_number ?? "").toLowerCase().replace(/\s/g, "").startsWith(q.replace(/\s/g, "")) || (o.buyer_name ?? "").toLowerCase().includes(q)).slice(0, 50);
}

export function activeOrder(): Order | null {
  return active;
}

export function setActiveOrder(a: { orderId: string | null }): null {
  if (a.orderId === null) active = null;
  else {
    const o = ORDERS.find((x) => x.order_id === a.orderId);
    if (!o) throw { code: "unknown_order", message: `There is no order ${a.orderId}.` };
    active = o;
  }
  return null;
}

export function late(): LateOrder[] {
  return [
    {
      order_id: "402-8841123-0912345",
      marketplace: "amazon",
      buyer_name: "أحمد الفارسي",
      buyer_locale: "ar",
      reason: "past_eta",
      days_late: 3,
      reply_key: "shipping-delay",
      reply_text: "مرحباً أحمد الفارسي، نعتذر عن تأخر طلبك 402-8841123-0912345. شركة الشحن Aramex تعمل على توصيله.\n— فريق Lotus Home",
      reply_error: null,
    },
    {
      order_id: "SG2511ZK8",
      marketplace: "shopee",
      buyer_name: "Nur Aisyah",
      buyer_locale: "ms",
      reason: "not_shipped",
      days_late: 2,
      reply_key: "shipping-delay",
      reply_text: "Hai Nur Aisyah, kami mohon maaf: pesanan SG2511ZK8 anda akan dihantar tidak lama lagi.\n— Pasukan Lotus Home",
      reply_error: null,
    },
    {
      order_id: "77120-0043",
      marketplace: "ozon",
      buyer_name: "Мария Иванова",
      buyer_locale: "ru",
      reason: "past_eta",
      days_late: 11,
      reply_key: "shipping-delay",
      reply_text: null,
      reply_error: "the reply needs tracking_number, which this order does not have",
    },
  ];
}

export function copyText(a: { text: string }): null {
  console.info("[mock] copy_text", a.text);
  return null;
}
