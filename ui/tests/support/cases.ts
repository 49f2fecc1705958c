// Test cases picked from the fixture the Rust core rendered (tests/fixtures/core-previews.json),
// by what they are, not by name: the file is regenerated from the real library. What the UI
// tests need from it is listed in tests/fixtures/README.md; a missing case fails loudly here.
import type { ReviewItem } from "../../src/api";
import { core } from "../../src/mock/core-fixture";
import type { FixturePreview, FixtureTemplate, FixtureVariant } from "../../src/mock/fixture";
import { dirForLocale } from "../../src/review/logic";

export { core };

export const WAITING = ["machine", "needs_review", "stale"];

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new Error(`tests/fixtures/core-previews.json has no ${what} (see tests/fixtures/README.md)`);
  }
  return value;
}

/** Previews of edits of one translation (same key and locale, no order). */
function edits(key: string, locale: string): FixturePreview[] {
  return core.data.previews.filter((p) => p.key === key && p.locale === locale && p.order_id === null);
}

/** A translation waiting for review, as review_queue lists it. */
export function reviewItem(tpl: FixtureTemplate, v: FixtureVariant): ReviewItem {
  const src = core.source(tpl);
  const preview = core.find(tpl.key, v.locale, null, v.body);
  return {
    key: tpl.key,
    title: tpl.title,
    locale: v.locale,
    status: v.status,
    body: v.body,
    source_locale: src.locale,
    source_body: src.body,
    provider: v.status === "machine" ? "deepl" : null,
    problem: preview?.problem ?? null,
    conflict: null,
  };
}

export interface ReviewCases {
  /** Waiting, its stored text has a placeholder problem; edits with a syntax error and a good one exist. */
  broken: ReviewItem;
  /** An edit of `broken` with Fluent syntax errors. */
  syntaxError: FixturePreview;
  /** An edit of `broken` that is fine (no errors, no problem). */
  fixed: FixturePreview;
  /** Another waiting translation, left to right, in another language, without a problem. */
  other: ReviewItem;
}

export function reviewCases(): ReviewCases {
  const waiting = core.templates().flatMap((tpl) => tpl.variants.filter((v) => WAITING.includes(v.status)).map((v) => ({ tpl, v })));
  const candidates = waiting.filter(({ tpl, v }) => {
    const own = core.find(tpl.key, v.locale, null, v.body);
    const e = edits(tpl.key, v.locale);
    return own && own.problem && own.errors.length === 0 && e.some((p) => p.errors.length) && e.some((p) => !p.errors.length && !p.problem);
  });
  // Prefer a right-to-left one: the editor's direction is part of what is tested.
  const pick = need(candidates.find(({ v }) => dirForLocale(v.locale) === "rtl") ?? candidates[0], "waiting translation with a placeholder problem and two edits (one with a syntax error, one fixed)");
  const e = edits(pick.tpl.key, pick.v.locale);
  const other = need(
    waiting.find(({ tpl, v }) => {
      const p = core.find(tpl.key, v.locale, null, v.body);
      return v.locale !== pick.v.locale && dirForLocale(v.locale) === "ltr" && p && !p.problem && !p.errors.length;
    }),
    "second waiting translation (left to right, another language, no problem)",
  );
  return {
    broken: reviewItem(pick.tpl, pick.v),
    syntaxError: e.find((p) => p.errors.length)!,
    fixed: e.find((p) => !p.errors.length && !p.problem)!,
    other: reviewItem(other.tpl, other.v),
  };
}

export interface PaletteCase {
  tpl: FixtureTemplate;
  lang: string;
  preview: FixturePreview;
}

/** A template whose text in some language is shown with no order: approved or not, with missing values or not. */
export function paletteCase(what: { approved: boolean; missing: boolean }): PaletteCase {
  for (const tpl of core.templates()) {
    for (const v of tpl.variants) {
      if ((v.status === "approved") !== what.approved) continue;
      const preview = core.find(tpl.key, v.locale, null, v.body);
      const src = core.source(tpl);
      if (!preview || preview.errors.length || !core.find(tpl.key, src.locale, null, src.body)) continue;
      if ((preview.missing.length > 0) === what.missing) return { tpl, lang: v.locale, preview };
    }
  }
  return need<PaletteCase>(null, `${what.approved ? "approved" : "unreviewed"} text ${what.missing ? "with" : "without"} missing values, previewed with no order (and its source)`);
}
