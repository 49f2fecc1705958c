// The palette's "Suggested for this message": the copied message as a chip, up to three
// suggestions above the results while the query is empty, the first selected (Enter pastes it
// the way a result is pasted), one list for the arrow keys, and text that stays text.
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PaletteContext, ResultItem, SuggestedItem, SuggestReason } from "../src/api";
import { setLang } from "../src/i18n";
import { mountPalette } from "../src/palette/view";
import type { FixtureTemplate } from "../src/mock/fixture";
import { order } from "../src/mock/order";
import { core, paletteCase } from "./support/cases";
import { fakeBackend, mountRoot, press, q, qa, tick, type } from "./support/dom";

const XSS = `<img src=x onerror="window.__pwned=1">`;

function search(query: string, lang: string): ResultItem[] {
  const qy = query.trim().toLowerCase();
  const hits = core.templates().filter((t) => t.title.toLowerCase().includes(qy));
  hits.sort((a, b) => Number(b.title.toLowerCase() === qy) - Number(a.title.toLowerCase() === qy));
  return hits.map((t) => core.resultItem(t, lang, null));
}

function suggestion(tpl: FixtureTemplate, lang: string, reason: SuggestReason, score = 0.8): SuggestedItem {
  return { ...core.resultItem(tpl, lang, null), reason, score };
}

let backend: ReturnType<typeof fakeBackend> | null = null;

interface Opts {
  /** What palette_suggestions answers now (changeable during a test). */
  suggest: { items: (lang: string) => SuggestedItem[] };
  paste?: (args: any) => unknown;
}

function start(ctx: Partial<PaletteContext>, opts: Opts) {
  setLang("en");
  const context: PaletteContext = { order: null, lang: "en", lang_source: "clipboard", locales: ["en", "ar", "ru", "ms"], ui_lang: "en", review_count: 0, message: null, ...ctx };
  backend = fakeBackend(async (cmd, args) => {
    switch (cmd) {
      case "palette_context":
        return context;
      case "ui_language":
        return "en";
      case "search":
        return search(args.query, args.lang);
      case "palette_suggestions":
        return opts.suggest.items(args.lang);
      case "paste":
        return opts.paste ? opts.paste(args) : null;
      case "find_orders":
        return [order({ marketplace: "amazon", order_id: "402-1", buyer_name: "أحمد", buyer_locale: "ar", buyer_country: "AE" })].filter((o) => o.order_id.includes(args.query));
      case "hide_palette":
      case "open_review":
        return null;
    }
    throw { code: "unknown", message: cmd };
  });
  const root = mountRoot();
  mountPalette(root);
  return { root, input: q<HTMLInputElement>(root, "#q") };
}

afterEach(() => {
  backend?.dispose();
  backend = null;
  delete (window as any).__pwned;
});

const calls = (cmd: string) => backend!.calls.filter((c) => c.cmd === cmd);
const rows = (root: HTMLElement) => qa(root, "#results .row");
const suggested = (root: HTMLElement) => qa(root, "#results .row-suggested");
const heading = (root: HTMLElement) => q(root, '[data-testid="palette-suggested"]');
const selectedTitle = (root: HTMLElement) => q(root, "#results .row.selected .row-title")?.textContent;

describe("palette suggestions", () => {
  it("shows the copied message and the suggestions above the results; the first is selected and Enter pastes it", async () => {
    const c = paletteCase({ approved: true, missing: false });
    const other = core.templates().find((t) => t.key !== c.tpl.key)!;
    const items = (lang: string) => [
      suggestion(c.tpl, lang, { kind: "asked_before", text: "وين الطلب حقي؟" }),
      suggestion(other, lang, { kind: "example", text: "where is my parcel" }),
    ];
    const { root, input } = start({ lang: c.lang, message: "وين الطلب حقي؟ صار لي أسبوع" }, { suggest: { items } });
    await vi.waitFor(() => expect(suggested(root)).toHaveLength(2));
    await vi.waitFor(() => expect(rows(root)).toHaveLength(2 + core.templates().length));
    expect(calls("palette_suggestions")[0].args).toEqual({ lang: c.lang, orderId: null });

    // the message chip: quoted, in its own direction, all of it in the tooltip
    const chip = q(root, '[data-testid="palette-message"]');
    expect(chip.getAttribute("title")).toBe("وين الطلب حقي؟ صار لي أسبوع");
    expect(q(chip, ".chip-msg").getAttribute("dir")).toBe("auto");
    expect(chip.textContent).toBe("“وين الطلب حقي؟ صار لي أسبوع”");

    expect(heading(root).textContent).toBe("Suggested for this message");
    expect(heading(root).nextElementSibling).toBe(rows(root)[0]);
    expect(q(root, "#results").textContent).toContain("All replies");
    expect(rows(root)[0].classList.contains("selected")).toBe(true);
    expect(input.getAttribute("aria-activedescendant")).toBe("r-0");
    expect(q(rows(root)[0], ".row-reason").textContent).toBe("Asked before: “وين الطلب حقي؟”");
    expect(q(rows(root)[0], ".reason-text").getAttribute("dir")).toBe("auto");
    expect(q(rows(root)[1], ".row-reason").textContent).toBe("Example: “where is my parcel”");
    expect(q(root, ".preview-text").textContent).toBe(c.preview.text);

    press("Enter");
    await vi.waitFor(() => expect(calls("paste")).toHaveLength(1));
    expect(calls("paste")[0].args.request).toEqual({ key: c.tpl.key, lang: c.lang, orderId: null, vars: {}, confirmed: false });
  });

  it("a typed query hides them; clearing it brings them back with the first selected", async () => {
    const tpls = core.templates();
    const items = (lang: string) => [suggestion(tpls[2], lang, { kind: "title", text: tpls[2].title }), suggestion(tpls[3], lang, { kind: "text", text: "refund" })];
    const { root, input } = start({ message: "refund?" }, { suggest: { items } });
    await vi.waitFor(() => expect(suggested(root)).toHaveLength(2));
    expect(q(rows(root)[0], ".row-reason").textContent).toBe(`Matches: “${tpls[2].title}”`);
    type(input, tpls[0].title);
    await vi.waitFor(() => expect(heading(root)).toBeNull());
    expect(suggested(root)).toHaveLength(0);
    expect(q(root, ".row-reason")).toBeNull();
    expect(selectedTitle(root)).toBe(tpls[0].title);
    type(input, "");
    await vi.waitFor(() => expect(heading(root)).not.toBeNull());
    expect(suggested(root)).toHaveLength(2);
    expect(selectedTitle(root)).toBe(tpls[2].title);
    expect(rows(root)[0].classList.contains("selected")).toBe(true);
  });

  it("↑/↓ move through the suggestions, then the results, as one list", async () => {
    const tpls = core.templates();
    const items = (lang: string) => [suggestion(tpls[1], lang, { kind: "title", text: "a" }), suggestion(tpls[0], lang, { kind: "title", text: "b" })];
    const { root, input } = start({ message: "hello" }, { suggest: { items } });
    await vi.waitFor(() => expect(rows(root)).toHaveLength(2 + tpls.length));
    press("ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe("r-1");
    expect(selectedTitle(root)).toBe(tpls[0].title);
    press("ArrowDown"); // past the suggestions: the first search result
    expect(input.getAttribute("aria-activedescendant")).toBe("r-2");
    expect(rows(root)[2].classList.contains("row-suggested")).toBe(false);
    expect(selectedTitle(root)).toBe(tpls[0].title);
    press("ArrowUp");
    press("ArrowUp");
    press("ArrowUp"); // wraps to the last result
    expect(input.getAttribute("aria-activedescendant")).toBe("r-" + (tpls.length + 1));
    expect(selectedTitle(root)).toBe(tpls[tpls.length - 1].title);
    expect(q(root, "#results .row.selected .row-reason")).toBeNull();
  });

  it("a suggestion with missing values or an unreviewed text is pasted the way a result is", async () => {
    const missing = paletteCase({ approved: true, missing: true });
    const { root } = start({ lang: missing.lang, message: "m" }, { suggest: { items: (lang) => [suggestion(missing.tpl, lang, { kind: "example", text: "x" })] } });
    await vi.waitFor(() => expect(suggested(root)).toHaveLength(1));
    press("Enter");
    await vi.waitFor(() => expect(q(root, "#var-0")).not.toBeNull());
    expect(qa(root, ".vars .field-input")).toHaveLength(missing.preview.missing.length);
    expect(calls("paste")).toHaveLength(0);
    backend!.dispose();

    const unreviewed = paletteCase({ approved: false, missing: false });
    const again = start({ lang: unreviewed.lang, message: "m" }, { suggest: { items: (lang) => [suggestion(unreviewed.tpl, lang, { kind: "example", text: "x" })] } });
    await vi.waitFor(() => expect(suggested(again.root)).toHaveLength(1));
    press("Enter");
    expect(q(again.root, ".bar").className).toContain("bar-warn");
    expect(q(again.root, "#results .row.selected").classList.contains("confirming")).toBe(true);
    press("Enter");
    await vi.waitFor(() => expect(calls("paste")).toHaveLength(1));
    expect(calls("paste")[0].args.request).toMatchObject({ key: unreviewed.tpl.key, lang: unreviewed.lang, confirmed: true });
  });

  it("buyer text is shown as text, never as HTML", async () => {
    const tpl = core.templates()[0];
    const { root } = start({ message: XSS }, { suggest: { items: (lang) => [suggestion(tpl, lang, { kind: "asked_before", text: XSS })] } });
    await vi.waitFor(() => expect(suggested(root)).toHaveLength(1));
    expect(q(root, ".reason-text").textContent).toBe(XSS);
    expect(q(root, ".chip-msg").textContent).toBe(XSS);
    expect(root.querySelector("img")).toBeNull();
    await tick(20);
    expect((window as any).__pwned).toBeUndefined();
  });

  it("suggestions ready after the person started typing wait until the query is cleared", async () => {
    const tpls = core.templates();
    const c = paletteCase({ approved: true, missing: false });
    const other = tpls.find((t) => t.key !== c.tpl.key)!;
    let ready: SuggestedItem[] = []; // the engine is not ready when the palette opens
    const { root, input } = start({ lang: c.lang, message: "hello" }, { suggest: { items: () => ready } });
    await vi.waitFor(() => expect(rows(root)).toHaveLength(tpls.length));
    await vi.waitFor(() => expect(calls("palette_suggestions")).toHaveLength(1));
    expect(heading(root)).toBeNull();
    type(input, c.tpl.title);
    await vi.waitFor(() => expect(selectedTitle(root)).toBe(c.tpl.title));
    ready = [suggestion(other, c.lang, { kind: "title", text: "x" })];
    await emit("palette-suggestions");
    await vi.waitFor(() => expect(calls("palette_suggestions")).toHaveLength(2));
    await tick(10);
    expect(heading(root)).toBeNull();
    expect(selectedTitle(root)).toBe(c.tpl.title);
    expect(input.value).toBe(c.tpl.title);
    press("Enter");
    await vi.waitFor(() => expect(calls("paste")).toHaveLength(1));
    expect(calls("paste")[0].args.request.key).toBe(c.tpl.key);
    // the paste empties the query: the suggestions are for that opening only
    await vi.waitFor(() => expect(input.value).toBe(""));
    expect(heading(root)).toBeNull();
  });

  it("a new opening, another language and another order ask again; a failure leaves the plain list", async () => {
    const tpls = core.templates();
    const items = (lang: string) => (lang === "ms" ? [] : [suggestion(tpls[0], lang, { kind: "title", text: "t" })]);
    const { root } = start({ lang: "en", message: "hello" }, { suggest: { items } });
    await vi.waitFor(() => expect(suggested(root)).toHaveLength(1));
    press("l", { alt: true, code: "KeyL" });
    type(q<HTMLInputElement>(root, ".picker-input"), "ms");
    press("Enter");
    await vi.waitFor(() => expect(calls("palette_suggestions").at(-1)!.args).toEqual({ lang: "ms", orderId: null }));
    await vi.waitFor(() => expect(heading(root)).toBeNull());
    expect(rows(root)[0].classList.contains("selected")).toBe(true);
    press("o", { alt: true, code: "KeyO" });
    type(q<HTMLInputElement>(root, ".picker-input"), "402");
    press("Enter");
    await vi.waitFor(() => expect(calls("palette_suggestions").at(-1)!.args).toEqual({ lang: "ms", orderId: "402-1" }));

    // opening again without a message: the chip goes, the suggestions are asked for anew
    expect(q(root, '[data-testid="palette-message"]')).not.toBeNull();
    const before = calls("palette_suggestions").length;
    await emit("palette-shown", { order: null, lang: "ru", lang_source: "default", locales: ["en", "ru"], ui_lang: "en", review_count: 0, message: null } satisfies PaletteContext);
    await vi.waitFor(() => expect(q(root, '[data-testid="palette-message"]')).toBeNull());
    await vi.waitFor(() => expect(calls("palette_suggestions")).toHaveLength(before + 1));
    expect(calls("palette_suggestions").at(-1)!.args).toEqual({ lang: "ru", orderId: null });
    backend!.dispose();

    // a backend without the command: no suggestions, no error, the list works
    const failing = start({ message: "hello" }, { suggest: { items: () => { throw { code: "unknown", message: "no command" }; } } });
    await vi.waitFor(() => expect(rows(failing.root)).toHaveLength(tpls.length));
    await vi.waitFor(() => expect(calls("palette_suggestions")).toHaveLength(1));
    expect(q(failing.root, ".bar").hidden).toBe(true);
    expect(heading(failing.root)).toBeNull();
  });
});
