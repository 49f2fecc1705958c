// Pure helpers of the review window (no DOM, unit-tested).
import type { ReviewItem, ReviewPreview } from "../api";
import { isRtl } from "../locales";

/** Direction for an editor of text in `locale` (ar, he, fa, ur… → rtl). */
export function dirForLocale(locale: string): "rtl" | "ltr" {
  return isRtl(locale) ? "rtl" : "ltr";
}

/** Stable id of a queue item: one translation of one template. */
export function itemId(item: Pick<ReviewItem, "key" | "locale">): string {
  return item.key + "@" + item.locale;
}

/**
 * Items per language for the filter chips. The backend's counts are used when they are
 * given; otherwise (or for a language they do not mention) they are counted from the items.
 * Languages keep the backend's order, then first appearance in the items.
 */
export function languageCounts(items: ReviewItem[], counts: [string, number][] = []): [string, number][] {
  const out = new Map<string, number>();
  for (const [locale, n] of counts) if (n > 0) out.set(locale, n);
  const local = new Map<string, number>();
  for (const it of items) local.set(it.locale, (local.get(it.locale) ?? 0) + 1);
  for (const [locale, n] of local) if (!out.has(locale)) out.set(locale, n);
  return [...out];
}

/** The items shown for a language filter (null = all). */
export function filterItems(items: ReviewItem[], lang: string | null): ReviewItem[] {
  return lang ? items.filter((it) => it.locale === lang) : items;
}

/**
 * Which item to select after the queue changed: `current` when it is still `available`,
 * else the first one after it in the previous order that is still there, else the nearest
 * one before it, else the first available (null when nothing is left).
 */
export function nextSelection(previous: string[], current: string | null, available: string[]): string | null {
  const set = new Set(available);
  if (current !== null && set.has(current)) return current;
  const at = current === null ? -1 : previous.indexOf(current);
  if (at >= 0) {
    for (let i = at + 1; i < previous.length; i++) if (set.has(previous[i])) return previous[i];
    for (let i = at - 1; i >= 0; i--) if (set.has(previous[i])) return previous[i];
  }
  return available[0] ?? null;
}

/** What the review window knows about the text in the editor. */
export interface EditState {
  /** The text differs from the stored translation. */
  dirty: boolean;
  /** Validation of exactly the current text (null while it is being checked). */
  check: Pick<ReviewPreview, "errors" | "problem"> | null;
  /** A save or a verdict is under way. */
  busy: boolean;
}

/** Save is possible when the text changed and is not known to be invalid Fluent. */
export function canSave(s: EditState): boolean {
  return s.dirty && !s.busy && !(s.check && s.check.errors.length > 0);
}

/** Approve needs a checked text without Fluent errors and without a problem. */
export function canApprove(s: EditState): boolean {
  return !s.busy && s.check !== null && s.check.errors.length === 0 && !s.check.problem;
}

/** Error codes of machine translation (and the keyring) that get an explanatory hint. */
export const HINTED_CODES = ["mt_no_key", "mt_bad_key", "mt_quota", "mt_rate_limited", "mt_unsupported", "mt_network", "keyring"] as const;
export type HintedCode = (typeof HINTED_CODES)[number];

export function hintedCode(code: string): HintedCode | null {
  return (HINTED_CODES as readonly string[]).includes(code) ? (code as HintedCode) : null;
}
