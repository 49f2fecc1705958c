// Previews rendered by the real Rust core (tests/fixtures/core-previews.json), for the fake
// backend of the dev server and for the UI tests. Nothing here renders or checks Fluent: a
// text is looked up by (key, locale, order, body), and when the core never rendered it the
// answer says so instead of inventing a rendering.
import type { FtlError, ResultItem, ReviewPreview, Status } from "../api";

export interface FixtureVariant {
  locale: string;
  status: Status;
  /** Fluent pattern. */
  body: string;
}

export interface FixtureTemplate {
  key: string;
  title: string;
  category: string;
  shortcut: string;
  source_locale: string;
  variants: FixtureVariant[];
}

export interface FixturePreview {
  key: string;
  locale: string;
  order_id: string | null;
  /** The Fluent body that was rendered. */
  body: string;
  /** Filled text ("" when the body has errors); a missing value appears as ⟨name⟩. */
  text: string;
  missing: string[];
  errors: { line: number; column: number; message: string }[];
  problem: string | null;
}

export interface CoreFixture {
  generated_by: string;
  templates: FixtureTemplate[];
  previews: FixturePreview[];
}

/** Preview text when the core never rendered the text asked for. */
export const NO_FIXTURE = "(no fixture for this text — run the real app)";
/** The check of such a text: it is unknown, so it cannot be approved here. */
export const NO_FIXTURE_PROBLEM = "the fake backend cannot check this text (no fixture for it) — run the real app";

const STATUSES: Status[] = ["approved", "needs_review", "machine", "stale", "rejected"];

/** Check the file's shape; throws naming the first field that is off. */
export function parseFixture(raw: unknown): CoreFixture {
  const fail = (path: string, what: string): never => {
    throw new Error(`core-previews.json: ${path} should be ${what}`);
  };
  const obj = (v: unknown, path: string) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, "an object"));
  const arr = (v: unknown, path: string) => (Array.isArray(v) ? v : fail(path, "an array"));
  const str = (v: unknown, path: string) => (typeof v === "string" ? v : fail(path, "a string"));
  const top = obj(raw, "the file");
  str(top.generated_by, "generated_by");
  arr(top.templates, "templates").forEach((t, i) => {
    const p = `templates[${i}]`;
    const o = obj(t, p);
    for (const f of ["key", "title", "category", "shortcut", "source_locale"]) str(o[f], `${p}.${f}`);
    arr(o.variants, `${p}.variants`).forEach((v, j) => {
      const vo = obj(v, `${p}.variants[${j}]`);
      str(vo.locale, `${p}.variants[${j}].locale`);
      str(vo.body, `${p}.variants[${j}].body`);
      if (!STATUSES.includes(vo.status as Status)) fail(`${p}.variants[${j}].status`, STATUSES.join(" | "));
    });
  });
  arr(top.previews, "previews").forEach((x, i) => {
    const p = `previews[${i}]`;
    const o = obj(x, p);
    for (const f of ["key", "locale", "body", "text"]) str(o[f], `${p}.${f}`);
    if (o.order_id !== null) str(o.order_id, `${p}.order_id`);
    arr(o.missing, `${p}.missing`).forEach((m, j) => str(m, `${p}.missing[${j}]`));
    arr(o.errors, `${p}.errors`).forEach((e, j) => {
      const eo = obj(e, `${p}.errors[${j}]`);
      if (typeof eo.line !== "number" || typeof eo.column !== "number") fail(`${p}.errors[${j}]`, "{ line, column, message }");
      str(eo.message, `${p}.errors[${j}].message`);
    });
    if (o.problem !== null) str(o.problem, `${p}.problem`);
  });
  return raw as CoreFixture;
}

export class Fixture {
  private readonly byText = new Map<string, FixturePreview>();

  constructor(readonly data: CoreFixture) {
    for (const p of data.previews) this.byText.set(Fixture.id(p.key, p.locale, p.order_id, p.body), p);
  }

  private static id(key: string, locale: string, orderId: string | null, body: string): string {
    return JSON.stringify([key, locale, orderId, body]);
  }

  /** What the core rendered for exactly this text, if it did. */
  find(key: string, locale: string, orderId: string | null, body: string): FixturePreview | null {
    return this.byText.get(Fixture.id(key, locale, orderId, body)) ?? null;
  }

  templates(): FixtureTemplate[] {
    return this.data.templates;
  }

  template(key: string): FixtureTemplate | null {
    return this.data.templates.find((t) => t.key === key) ?? null;
  }

  /** The variant in `locale`, else in its base language, else the source variant. */
  variantFor(tpl: FixtureTemplate, lang: string): FixtureVariant {
    const base = lang.split("-")[0];
    const v = (l: string) => tpl.variants.find((x) => x.locale === l);
    return v(lang) ?? v(base) ?? this.source(tpl);
  }

  source(tpl: FixtureTemplate): FixtureVariant {
    return tpl.variants.find((x) => x.locale === tpl.source_locale) ?? { locale: tpl.source_locale, status: "approved", body: "" };
  }

  /** The filled text of a body, or the honest "no fixture" note. */
  text(key: string, locale: string, orderId: string | null, body: string): string {
    return this.find(key, locale, orderId, body)?.text ?? NO_FIXTURE;
  }

  /** A palette search result for a template in `lang`. */
  resultItem(tpl: FixtureTemplate, lang: string, orderId: string | null): ResultItem {
    const v = this.variantFor(tpl, lang);
    const src = this.source(tpl);
    const hit = this.find(tpl.key, v.locale, orderId, v.body);
    return {
      key: tpl.key,
      title: tpl.title,
      shortcut: tpl.shortcut,
      category: tpl.category,
      error: null,
      locale: v.locale,
      status: v.status,
      preview: hit?.text ?? NO_FIXTURE,
      source_locale: src.locale,
      source_preview: this.text(tpl.key, src.locale, orderId, src.body),
      missing: hit?.missing ?? [],
    };
  }

  /** The answer of review_preview. */
  reviewPreview(a: { key: string; locale: string; body: string; orderId: string | null }): ReviewPreview {
    const tpl = this.template(a.key);
    const src = tpl ? this.source(tpl) : null;
    const source_text = src ? this.text(a.key, src.locale, a.orderId, src.body) : NO_FIXTURE;
    const hit = this.find(a.key, a.locale, a.orderId, a.body);
    if (!hit) return { text: NO_FIXTURE, source_text, missing: [], errors: [], problem: NO_FIXTURE_PROBLEM };
    const errors: FtlError[] = hit.errors.map((e) => ({ file: `<${a.key}>`, ...e }));
    return { text: hit.text, source_text, missing: [...hit.missing], errors, problem: hit.problem };
  }
}
