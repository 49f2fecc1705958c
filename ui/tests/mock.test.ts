// The core's fixture and the fake backend built on it (dev server, build:mock).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import raw from "./fixtures/core-previews.json";
import { api, type ApiError } from "../src/api";
import { Fixture, NO_FIXTURE, NO_FIXTURE_PROBLEM, parseFixture } from "../src/mock/fixture";
import { core, WAITING } from "./support/cases";

describe("core fixture", () => {
  it("has the agreed shape", () => {
    expect(() => parseFixture(raw)).not.toThrow();
    expect(core.data.templates.length).toBeGreaterThan(0);
    expect(core.data.previews.length).toBeGreaterThan(0);
  });

  it("says which field is off", () => {
    const bad = structuredClone(raw) as any;
    bad.previews[0].missing = "buyer_name";
    expect(() => parseFixture(bad)).toThrow("previews[0].missing should be an array");
    const status = structuredClone(raw) as any;
    status.templates[0].variants[0].status = "done";
    expect(() => parseFixture(status)).toThrow("templates[0].variants[0].status");
    expect(() => parseFixture({ templates: [], previews: [] })).toThrow("generated_by");
  });

  it("looks texts up by key, locale, order and exact body; never invents a rendering", () => {
    const p = core.data.previews[0];
    expect(core.find(p.key, p.locale, p.order_id, p.body)).toBe(p);
    expect(core.find(p.key, p.locale, p.order_id, p.body + " ")).toBeNull();
    expect(core.find(p.key, p.locale, "no-such-order", p.body)).toBeNull();
    const fx = new Fixture({ generated_by: "test", templates: [], previews: [] });
    expect(fx.reviewPreview({ key: "k", locale: "ar", body: "{ $x }", orderId: null })).toEqual({
      text: NO_FIXTURE,
      source_text: NO_FIXTURE,
      missing: [],
      errors: [],
      problem: NO_FIXTURE_PROBLEM,
    });
  });

  it("a review preview is the core's: text, missing values, errors and problem", () => {
    const p = core.data.previews.find((x) => x.errors.length)!;
    const r = core.reviewPreview({ key: p.key, locale: p.locale, body: p.body, orderId: p.order_id });
    expect(r.text).toBe(p.text);
    expect(r.errors.map(({ line, column, message }) => ({ line, column, message }))).toEqual(p.errors);
    expect(r.problem).toBe(p.problem);
  });
});

describe("the fake backend renders no Fluent of its own", () => {
  const dir = join(__dirname, "../src/mock");
  it.each(readdirSync(dir))("%s", (f) => {
    const text = readFileSync(join(dir, f), "utf8");
    // no parser, no plural rules, no placeholder substitution
    expect(text).not.toMatch(/PluralRules|parseFtl|evalFtl|\.replace\(\/\\\{/);
  });
});

describe("fake backend", () => {
  beforeAll(async () => {
    const { installMock } = await import("../src/mock/backend");
    installMock();
  });
  afterAll(() => clearMocks());

  it("answers ui_language with a concrete language", async () => {
    expect(["en", "zh-CN"]).toContain(await api.uiLanguage());
    expect((await api.paletteContext()).ui_lang).not.toBe("auto");
  });

  it("searches the fixture's templates and previews them from it", async () => {
    const results = await api.search("", "en", null, 50);
    expect(results.map((r) => r.key).sort()).toEqual(core.templates().map((t) => t.key).sort());
    for (const r of results) {
      const tpl = core.template(r.key)!;
      const v = core.variantFor(tpl, "en");
      expect(r.preview).toBe(core.find(r.key, v.locale, null, v.body)?.text ?? NO_FIXTURE);
    }
  });

  it("lists the fixture's waiting translations and checks edits with the fixture", async () => {
    const q = await api.reviewQueue();
    const waiting = core.templates().flatMap((t) => t.variants.filter((v) => WAITING.includes(v.status)));
    expect(q.items).toHaveLength(waiting.length);
    const it0 = q.items[0];
    const p = await api.reviewPreview(it0.key, it0.locale, it0.body + " edited", null);
    expect(p.text).toBe(NO_FIXTURE);
    expect(p.problem).toBe(NO_FIXTURE_PROBLEM);
    const refused = await api.reviewDecide(it0.key, it0.locale, "approved", "me").catch((e: ApiError) => e);
    if (it0.problem) expect(refused).toMatchObject({ code: "invalid" });
  });

  it("has a copied message and suggests a couple of replies for it, with their reasons", async () => {
    const ctx = await api.paletteContext();
    expect(ctx.message).toBeTruthy();
    const items = await api.paletteSuggestions(ctx.lang, null);
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const it of items) {
      expect(core.template(it.key)).not.toBeNull();
      expect(["asked_before", "example", "title", "text"]).toContain(it.reason.kind);
    }
  });

  it("answers the Insights and forgets a learned pick", async () => {
    const d = await api.insights(null);
    expect(d.by_hour).toHaveLength(24);
    expect(d.by_weekday).toHaveLength(7);
    expect(d.topics.some((t) => t.rising)).toBe(true);
    expect(d.unanswered.length).toBeGreaterThan(0);
    expect((await api.insights("2025-11-01")).since).toBe("2025-11-01");
    const picks = await api.learnedPicks(50);
    await api.forgetPick(picks[0].id);
    expect((await api.learnedPicks(50)).map((p) => p.id)).toEqual(picks.slice(1).map((p) => p.id));
  });

  it("paste asks for the values the core said are missing", async () => {
    const p = core.data.previews.find((x) => x.order_id === null && x.missing.length && !x.errors.length)!;
    const tpl = core.template(p.key)!;
    if (core.variantFor(tpl, p.locale).body !== p.body) return;
    const e = await api.paste({ key: p.key, lang: p.locale, orderId: null, vars: {}, confirmed: true }).catch((x: ApiError) => x);
    expect(e).toMatchObject({ code: "missing", missing: p.missing });
  });
});

describe("the fake library", () => {
  it("has an Arabic translation and a stale one, and works through the commands", async () => {
    const lib = await import("../src/mock/library");
    const list = lib.list();
    expect(list.rows.some((r) => r.variants.some((v) => v.locale === "ar"))).toBe(true);
    expect(list.rows.some((r) => r.variants.some((v) => v.status === "stale"))).toBe(true);
    const key = list.rows[0].key;
    const d = lib.get({ key });
    expect(d.variants[0].locale).toBe(d.source_locale); // the source first
    // errors only as the core found them; otherwise none (the mock checks no Fluent)
    const bad = core.data.previews.find((p) => p.errors.length && p.order_id === null)!;
    expect(lib.check({ key: bad.key, locale: bad.locale, text: bad.body }).errors.map((e) => e.line)).toEqual(bad.errors.map((e) => e.line));
    expect(lib.check({ key, locale: "en", text: "{ unclosed" }).errors).toEqual([]);
    expect(lib.pluralSnippet({ variable: "n", locale: "ar" }).match(/\[\w+\]/g)).toEqual(["[zero]", "[one]", "[two]", "[few]", "[many]", "[other]"]);
    expect(lib.preview({ locale: "xx", text: "nothing", orderId: null }).text).toBe(NO_FIXTURE);
    const del = lib.remove({ key });
    expect(lib.list().rows.some((r) => r.key === key)).toBe(false);
    expect(lib.undelete({ id: del.id })).toBe(key);
  });
});

describe("fake backend: orders (npm run dev)", () => {
  it("previews a Shopee export and a localised one (its columns named until order_id is mapped), imports with a preset, searches, activates", async () => {
    const orders = await import("../src/mock/orders");
    const auto = { format: "auto" as const, mapping: [] as [string, string][], preset: null, save_preset: null, marketplace: null };
    const shopee = orders.preview({ path: "/d/shopee_order_all.xlsx", options: auto });
    expect(shopee.format).toBe("shopee");
    expect(shopee.rows[0].tracking_number).toBe("MY2412345678");
    expect(shopee.mapping.find(([v]) => v === "buyer_name")![1]).toBe("Username (Buyer)");
    const remapped = orders.preview({ path: "/d/shopee_order_all.xlsx", options: { ...auto, mapping: [["buyer_name", "Receiver Name"]] } });
    expect(remapped.rows[0].buyer_name).toBe("K****i");
    let err: any = null;
    try {
      orders.preview({ path: "/d/pesanan.csv", options: { ...auto, format: "generic" } });
    } catch (e) {
      err = e;
    }
    expect(err.columns).toContain("No. Pesanan");
    const local = orders.preview({ path: "/d/pesanan.csv", options: { ...auto, format: "generic", mapping: [["order_id", "No. Pesanan"]] } });
    expect(local.rows.map((o) => o.order_id)).toEqual(["241209ID0001", "241209ID0002"]);
    const generic = orders.preview({ path: "/d/orders.csv", options: auto });
    expect(generic.problems).toHaveLength(1);
    const r = orders.importFile({ path: "/d/shopee_order_all.xlsx", options: { ...auto, save_preset: "mine" } });
    expect([r.imported, r.preset]).toEqual([2, "mine"]);
    expect(orders.presetList().map((p) => p.name)).toContain("mine");
    expect(orders.search({ query: "MY24" }).map((o) => o.order_id)).toEqual(["241209ABCDEF01"]);
    orders.setActiveOrder({ orderId: "241209ABCDEF01" });
    expect(orders.activeOrder()?.order_id).toBe("241209ABCDEF01");
    orders.setActiveOrder({ orderId: null });
    expect(orders.activeOrder()).toBeNull();
    expect(orders.late().some((l) => l.reply_error)).toBe(true);
  });
});
