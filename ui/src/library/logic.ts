// Pure helpers of the library window (no DOM, unit-tested): filtering, sorting, the search
// order, the draft that is saved, and small text parsers.
import type { Choice, ImportItem, LibraryRow, Status, TemplateDetail, TemplateDraft } from "./types";

export type SortKey = "uses" | "last_used" | "title" | "key";
export const SORT_KEYS: SortKey[] = ["uses", "last_used", "title", "key"];

/** The statuses a template can be filtered by ("has a translation that is …"). */
export type StatusFilter = "needs_review" | "stale" | "machine";
export const STATUS_FILTERS: StatusFilter[] = ["needs_review", "stale", "machine"];

export interface Filters {
  category: string | null;
  tag: string | null;
  /** Rows lacking a text in this locale. */
  missing: string | null;
  status: StatusFilter | null;
}

export const NO_FILTERS: Filters = { category: null, tag: null, missing: null, status: null };

export function hasLocale(row: LibraryRow, locale: string): boolean {
  return row.source_locale === locale || row.variants.some((v) => v.locale === locale);
}

export function matches(row: LibraryRow, f: Filters): boolean {
  if (f.category !== null && row.category !== f.category) return false;
  if (f.tag !== null && !row.tags.includes(f.tag)) return false;
  if (f.missing !== null && hasLocale(row, f.missing)) return false;
  if (f.status !== null && !row.variants.some((v) => v.status === f.status)) return false;
  return true;
}

export function activeFilters(f: Filters): number {
  return [f.category, f.tag, f.missing, f.status].filter((v) => v !== null).length;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function byTitle(a: LibraryRow, b: LibraryRow): number {
  return collator.compare(a.title, b.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** A sorted copy: uses in the last 30 days (most first), last used (newest first, never last), title, key. */
export function sortRows(rows: readonly LibraryRow[], sort: SortKey): LibraryRow[] {
  const out = [...rows];
  switch (sort) {
    case "uses":
      return out.sort((a, b) => b.uses_30d - a.uses_30d || b.use_count - a.use_count || byTitle(a, b));
    case "last_used":
      return out.sort((a, b) => {
        if (a.last_used === b.last_used) return byTitle(a, b);
        if (a.last_used === null) return 1;
        if (b.last_used === null) return -1;
        return a.last_used < b.last_used ? 1 : -1;
      });
    case "title":
      return out.sort(byTitle);
    case "key":
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/**
 * The rows shown: with a search (`ranked`: keys best first, from library_search) the matches in
 * that order, else every row in the chosen sort; the filters apply to both.
 */
export function visibleRows(rows: readonly LibraryRow[], ranked: readonly string[] | null, f: Filters, sort: SortKey): LibraryRow[] {
  if (ranked === null) return sortRows(rows.filter((r) => matches(r, f)), sort);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: LibraryRow[] = [];
  const seen = new Set<string>();
  for (const k of ranked) {
    const r = byKey.get(k);
    if (r && !seen.has(k) && matches(r, f)) out.push(r);
    seen.add(k);
  }
  return out;
}

/** Tags typed as "a, b，c": trimmed, without empties and repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((t) => t.trim()).filter(Boolean))];
}

/** Example buyer questions: one per line, blank lines dropped. */
export function parseLines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** The fields of the editor, as typed. */
export interface EditorFields {
  key: string;
  title: string;
  category: string;
  tags: string;
  shortcut: string;
  examples: string;
  source_locale: string;
}

/** What template_save gets: the source text first, then every translation shown. */
export function buildDraft(originalKey: string | null, f: EditorFields, texts: { locale: string; text: string }[]): TemplateDraft {
  return {
    original_key: originalKey,
    key: f.key.trim(),
    title: f.title.trim(),
    category: f.category.trim(),
    tags: parseTags(f.tags),
    shortcut: f.shortcut.trim(),
    examples: parseLines(f.examples),
    source_locale: f.source_locale.trim(),
    texts: texts.map((t) => ({ locale: t.locale, text: t.text })),
  };
}

/** The editor fields of a stored template. */
export function fieldsOf(d: TemplateDetail): EditorFields {
  return {
    key: d.key,
    title: d.title,
    category: d.category,
    tags: d.tags.join(", "),
    shortcut: d.shortcut,
    examples: d.examples.join("\n"),
    source_locale: d.source_locale,
  };
}

/** The source language a new template starts in: the one most templates use, else `fallback`. */
export function usualSourceLocale(rows: readonly LibraryRow[], fallback: string): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.source_locale, (n.get(r.source_locale) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [l, c] of n) if (c > most) [best, most] = [l, c];
  return best;
}

/** Statuses that call for a look, for the row's dots and badges. */
export const ATTENTION: Status[] = ["needs_review", "machine", "stale", "rejected"];

/** The choices of an import preview row: replace only when it collides with an existing template. */
export function choicesFor(item: ImportItem): Choice[] {
  return item.conflict ? ["keep_both", "replace", "skip"] : ["keep_both", "skip"];
}

/** The choice a row starts with: the backend's default when it is offered, else import. */
export function initialChoice(item: ImportItem): Choice {
  return choicesFor(item).includes(item.default_choice) ? item.default_choice : "keep_both";
}

/** Text for the Fluent snippets of the insert menu. */
export function variableSnippet(group: "order" | "shop" | "term" | "builtin" | "number", name: string): string {
  if (group === "term") return `{ -${name.replace(/^-/, "")} }`;
  if (group === "builtin" && name === "today") return '{ DATETIME($today, dateStyle: "medium") }';
  return `{ $${name.replace(/^\$/, "")} }`;
}

/** A short one-line excerpt of a text. */
export function excerpt(text: string, max = 80): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = [...one];
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : one;
}
