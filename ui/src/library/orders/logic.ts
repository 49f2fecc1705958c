// The Orders view's pure parts: the formats and their labels, the options an import is read
// with, how an order's values are written, and why a late order is listed. No DOM.
import type { Format, ImportOptions, LateOrder, Order } from "../../bindings";
import { t, type MessageKey } from "../../i18n";
import { isRtl } from "../../locales";

/** Every format of the `Format` binding, "auto" first, in the order the select offers them. */
export const FORMATS = [
  "auto",
  "amazon",
  "amazon-shipments",
  "amazon-orders",
  "shopee",
  "lazada",
  "tiktok",
  "ebay",
  "etsy",
  "walmart",
  "temu",
  "aliexpress",
  "generic",
] as const satisfies readonly Format[];

// A format added to the binding and not to FORMATS fails to compile here.
type Unlisted = Exclude<Format, (typeof FORMATS)[number]>;
export const ALL_FORMATS_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** A format's human name ("Amazon Fulfilled Shipments"); an unknown name is shown as it is. */
export function formatLabel(format: string): string {
  return (FORMATS as readonly string[]).includes(format) ? t(`orders.format.${format}` as MessageKey) : format;
}

/** What the import part of the view holds, turned into the options of orders_preview / orders_import. */
export interface ImportChoice {
  format: Format;
  /** A saved preset chosen by name ("" = none). */
  preset: string;
  /** The columns the person chose, by variable, in the order chosen; null = "—" (left to the format). */
  chosen: [string, string | null][];
  /** "Save as preset" name ("" = do not save). */
  savePreset: string;
}

/** The `(variable, column)` pairs the person chose (those set to "—" are left out). */
export function chosenPairs(chosen: [string, string | null][]): [string, string][] {
  return chosen.filter((p): p is [string, string] => p[1] !== null && p[1] !== "");
}

/** Set (or, with null, reset) the column of `variable`; a changed choice moves to the end. */
export function choose(chosen: [string, string | null][], variable: string, column: string | null): [string, string | null][] {
  return [...chosen.filter(([v]) => v !== variable), [variable, column]];
}

export function importOptions(c: ImportChoice, withSave: boolean): ImportOptions {
  const name = c.savePreset.trim();
  return {
    format: c.format,
    mapping: chosenPairs(c.chosen),
    preset: c.preset || null,
    save_preset: withSave && name ? name : null,
    marketplace: null,
  };
}

/** The effective column of each variable: the preview's, overridden by the person's choices. */
export function effectiveMapping(preview: [string, string | null][], chosen: [string, string | null][]): [string, string | null][] {
  const mine = new Map(chosen);
  return preview.map(([v, col]) => [v, mine.has(v) && mine.get(v) !== null ? (mine.get(v) as string) : col]);
}

/** An amount with its currency, as the interface language writes money ("" when none). */
export function money(total: number | null, currency: string | null, lang?: string): string {
  if (total === null || total === undefined) return "";
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(lang || undefined, { style: "currency", currency }).format(total);
    } catch {
      /* an unknown code: plain below */
    }
  }
  return currency ? `${total} ${currency}` : String(total);
}

/** The date part of an ISO date or time ("2024-12-09"); "" for none. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}

/** The carrier and tracking number together ("Aramex AX123"). */
export function shipping(o: Pick<Order, "carrier" | "tracking_number">): string {
  return [o.carrier, o.tracking_number].filter(Boolean).join(" · ");
}

/** Why a late order is listed, with its days ("Past the delivery estimate by 3 days"). */
export function lateReason(l: Pick<LateOrder, "reason" | "days_late">): string {
  return t(l.reason === "past_eta" ? "orders.late.pastEta" : "orders.late.notShipped", { n: l.days_late });
}

/** The writing direction of a text in `locale` (unknown: let the text decide). */
export function dirFor(locale: string | null): "rtl" | "ltr" | "auto" {
  if (!locale) return "auto";
  return isRtl(locale) ? "rtl" : "ltr";
}

/** The fields of an order the detail panel lists, in order, with their values as text. */
export const DETAIL_FIELDS: (keyof Order)[] = [
  "order_id",
  "marketplace",
  "status",
  "buyer_name",
  "buyer_country",
  "buyer_locale",
  "product_name",
  "items",
  "item_count",
  "total",
  "currency",
  "carrier",
  "tracking_number",
  "tracking_url",
  "ordered_at",
  "ship_by",
  "shipped_at",
  "eta",
  "delivered_at",
];

/** The source file's other columns (`raw`): an object, or an array of objects (Amazon). */
export function rawEntries(raw: unknown): [string, string][] {
  const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  if (Array.isArray(raw)) {
    if (raw.length === 1) return rawEntries(raw[0]);
    return raw.flatMap((r, i) => rawEntries(r).map(([k, v]): [string, string] => [`${i + 1}: ${k}`, v]));
  }
  if (raw && typeof raw === "object") return Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, text(v)]);
  return [];
}
