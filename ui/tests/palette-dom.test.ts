// The palette against a fake backend whose search results come from the core's fixture.
import { order } from "../src/mock/order";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Order, PaletteContext, ResultItem } from "../src/api";
import { setLang } from "../src/i18n";
import { mountPalette } from "../src/palette/view";
import { core, paletteCase, type PaletteCase } from "./support/cases";
import { fakeBackend, mountRoot, press, q, qa, tick, type } from "./support/dom";

const ORDERS: Order[] = [
  order({ marketplace: "amazon", order_id: "402-1", buyer_name: "أحمد", buyer_locale: "ar", buyer_country: "AE" }),
  order({ marketplace: "ozon", order_id: "771-2", buyer_name: "Мария", buyer_locale: "ru", buyer_country: "RU" }),
];

/** Results like the backend's: the templates whose title contains the query, the exact title first. */
function search(query: string, lang: string, orderId: string | null): ResultItem[] {
  const qy = query.trim().toLowerCase();
  const hits = core.templates().filter((t) => t.title.toLowerCase().includes(qy));
  hits.sort((a, b) => Number(b.title.toLowerCase() === qy) - Number(a.title.toLowerCase() === qy));
  return hits.map((t) => core.resultItem(t, lang, orderId));
}

let backend: ReturnType<typeof fakeBackend> | null = null;

function start(ctx: Partial<PaletteContext>, opts: { paste?: (args: any) => unknown; searchDelay?: (query: string) => number; contextDelay?: number; libraryFails?: boolean } = {}) {
  setLang("en");
  const context: PaletteContext = { order: null, lang: "en", lang_source: "default", locales: ["en", "ar", "ru", "ms"], ui_lang: "en", review_count: 0, message: null, ...ctx };
  backend = fakeBackend(async (cmd, args) => {
    switch (cmd) {
      case "palette_context":
        if (opts.contextDelay) await tick(opts.contextDelay);
        return context;
      case "ui_language":
        return "en";
      case "search": {
        const delay = opts.searchDelay?.(args.query) ?? 0;
        if (delay) await tick(delay);
        return search(args.query, args.lang, args.orderId);
      }
      case "find_orders":
        return ORDERS.filter((o) => o.order_id.includes(args.query) || (o.buyer_name ?? "").includes(args.query));
      case "paste":
        return opts.paste ? opts.paste(args) : null;
      case "hide_palette":
      case "open_review":
        return null;
      case "open_library":
        if (opts.libraryFails) throw { code: "platform", message: "no library window" };
        return null;
    }
    throw { code: "unknown", message: cmd };
  });
  const root = mountRoot();
  mountPalette(root);
  return { root, calls: backend.calls, input: q<HTMLInputElement>(root, "#q") };
}

afterEach(() => {
  backend?.dispose();
  backend = null;
});

const rows = (root: HTMLElement) => qa(root, "#results .row");
const selectedTitle = (root: HTMLElement) => q(root, "#results .row.selected .row-title")?.textContent;
const orderChip = (root: HTMLElement) => qa(root, ".chips .chip")[1].querySelector(".chip-code")?.textContent;
const calls = (cmd: string) => backend!.calls.filter((c) => c.cmd === cmd);

async function query(root: HTMLElement, input: HTMLInputElement, c: PaletteCase): Promise<void> {
  type(input, c.tpl.title);
  await vi.waitFor(() => expect(selectedTitle(root)).toBe(c.tpl.title));
}

describe("palette", () => {
  it("lists results, moves with the keyboard and previews the selection", async () => {
    const c = paletteCase({ approved: true, missing: true });
    const { root, input } = start({ lang: c.lang, review_count: 3 });
    await vi.waitFor(() => expect(rows(root).length).toBe(core.templates().length));
    expect(document.activeElement).toBe(input);
    expect(rows(root)[0].getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe("r-0");
    press("ArrowDown");
    expect(rows(root)[1].classList.contains("selected")).toBe(true);
    expect(rows(root)[0].getAttribute("aria-selected")).toBe("false");
    expect(input.getAttribute("aria-activedescendant")).toBe("r-1");
    press("ArrowUp");
    press("ArrowUp"); // wraps to the end
    expect(input.getAttribute("aria-activedescendant")).toBe("r-" + (rows(root).length - 1));
    expect(q(root, ".review-badge").textContent).toContain("3");

    await query(root, input, c);
    // the preview is the core's text; missing values are marked, never parsed as HTML
    const text = q(root, ".preview-text");
    expect(text.textContent).toBe(c.preview.text.replace(/⟨([^⟩]*)⟩/g, "$1"));
    expect(qa(text, ".var-missing").map((e) => e.textContent)).toEqual([...c.preview.text.matchAll(/⟨([^⟩]*)⟩/g)].map((m) => m[1]));
    expect(q(root, ".preview-missing").textContent).toContain(c.preview.missing[0]);
    expect(root.querySelector("[style]")).toBeNull();
  });

  it("asks for missing values, then pastes them", async () => {
    const c = paletteCase({ approved: true, missing: true });
    const { root, input } = start({ lang: c.lang });
    await query(root, input, c);
    press("Enter");
    const field = q<HTMLInputElement>(root, "#var-0");
    expect(field).not.toBeNull();
    expect(document.activeElement).toBe(field);
    expect(qa(root, ".vars .field-input")).toHaveLength(c.preview.missing.length);
    // Enter on an empty last field marks it instead of pasting
    for (let i = 0; i < c.preview.missing.length - 1; i++) {
      type(q<HTMLInputElement>(root, "#var-" + i), "v" + i);
      press("Enter");
    }
    press("Enter");
    expect(calls("paste")).toHaveLength(0);
    const last = q<HTMLInputElement>(root, `#var-${c.preview.missing.length - 1}`);
    expect(last.getAttribute("aria-invalid")).toBe("true");
    type(last, "last");
    expect(q(root, ".preview-text .var-filled")).not.toBeNull();
    press("Enter");
    await vi.waitFor(() => expect(calls("paste")).toHaveLength(1));
    const vars = Object.fromEntries(c.preview.missing.map((n, i) => [n, i === c.preview.missing.length - 1 ? "last" : "v" + i]));
    expect(calls("paste")[0].args.request).toEqual({ key: c.tpl.key, lang: c.lang, orderId: null, vars, confirmed: false });
    await vi.waitFor(() => expect(q(root, "#results")).not.toBeNull());
    expect(input.value).toBe("");
  });

  it("an unreviewed text needs a second Enter; another key cancels", async () => {
    const c = paletteCase({ approved: false, missing: false });
    const { root, input } = start({ lang: c.lang });
    await query(root, input, c);
    press("Enter");
    expect(q(root, ".bar").hidden).toBe(false);
    expect(q(root, ".bar").className).toContain("bar-warn");
    expect(q(root, "#results .row.selected").classList.contains("confirming")).toBe(true);
    press("ArrowDown"); // leaves the confirmation, then moves
    expect(q(root, ".bar").hidden).toBe(true);
    expect(q(root, ".row.confirming")).toBeNull();
    press("ArrowUp");
    press("Enter");
    press("Enter");
    await vi.waitFor(() => expect(calls("paste")).toHaveLength(1));
    expect(calls("paste")[0].args.request).toMatchObject({ key: c.tpl.key, lang: c.lang, confirmed: true, vars: {} });
  });

  it("follows the backend when it asks for values or a confirmation; shows other errors", async () => {
    const c = paletteCase({ approved: true, missing: false });
    let answer: unknown = { code: "missing", message: "values needed", missing: ["gift_note"] };
    const { root, input } = start({ lang: c.lang }, {
      paste: () => {
        throw answer;
      },
    });
    await query(root, input, c);
    press("Enter");
    await vi.waitFor(() => expect(q(root, "#var-0")).not.toBeNull());
    expect(q(root, "label[for=var-0]").textContent).toBe("gift_note");
    answer = { code: "paste", message: "The target window is gone." };
    type(q<HTMLInputElement>(root, "#var-0"), "x");
    press("Enter");
    await vi.waitFor(() => expect(q(root, ".bar-error")?.textContent).toContain("The target window is gone."));
    expect(q(root, "#results")).not.toBeNull();
  });

  it("Esc hides the palette and empties the query", async () => {
    const { root, input } = start({});
    await vi.waitFor(() => expect(rows(root).length).toBeGreaterThan(0));
    type(input, "zzz");
    press("Escape");
    await vi.waitFor(() => expect(calls("hide_palette")).toHaveLength(1));
    expect(input.value).toBe("");
  });

  it("Alt+O picks an order: lookup as you type, Enter picks, the clear row clears", async () => {
    const { root } = start({});
    await vi.waitFor(() => expect(rows(root).length).toBeGreaterThan(0));
    press("o", { alt: true, code: "KeyO" });
    const pickerInput = q<HTMLInputElement>(root, ".picker-input");
    expect(document.activeElement).toBe(pickerInput);
    await vi.waitFor(() => expect(qa(root, "#picker-list .row")).toHaveLength(3));
    expect(q(root, "#picker-list .row-clear")).not.toBeNull();
    type(pickerInput, "771");
    press("Enter"); // typed faster than the lookup: waits for it, then picks
    await vi.waitFor(() => expect(orderChip(root)).toBe("#771-2"));
    expect(calls("find_orders").at(-1)!.args.query).toBe("771");
    // the buyer's language follows the order
    await vi.waitFor(() => expect(calls("search").at(-1)!.args).toMatchObject({ orderId: "771-2", lang: "ru" }));
    expect(document.activeElement).toBe(q(root, "#q"));

    press("o", { ctrl: true, code: "KeyO" });
    await vi.waitFor(() => expect(q(root, "#picker-list .row.selected .order-id")?.textContent).toBe("771-2"));
    expect(q(root, "#picker-list .row.selected .badge")?.textContent).toBe("✓");
    press("Home"); // not a picker key: nothing happens
    press("ArrowDown"); // wraps to the clear row
    expect(q(root, "#picker-list .row.selected .row-clear")).not.toBeNull();
    press("Enter");
    await vi.waitFor(() => expect(q(root, ".chip-empty")).not.toBeNull());
    press("o", { alt: true, code: "KeyO" });
    press("Escape"); // back to the list, nothing picked
    expect(q(root, "#results")).not.toBeNull();
    expect(q(root, ".chip-empty")).not.toBeNull();
  });

  it("Alt+L picks a language by name or code", async () => {
    const { root } = start({ lang: "en" });
    await vi.waitFor(() => expect(rows(root).length).toBeGreaterThan(0));
    press("l", { alt: true, code: "KeyL" });
    expect(qa(root, "#picker-list .row").map((r) => r.querySelector(".lang-code")!.textContent)).toEqual(["en", "ar", "ru", "ms"]);
    expect(q(root, "#picker-list .row.selected .lang-code").textContent).toBe("en");
    type(q<HTMLInputElement>(root, ".picker-input"), "ms");
    expect(qa(root, "#picker-list .row").map((r) => r.querySelector(".lang-code")!.textContent)).toEqual(["ms"]);
    press("Enter");
    await vi.waitFor(() => expect(calls("search").at(-1)!.args.lang).toBe("ms"));
    expect(q(root, ".chip .chip-code").textContent).toBe("ms");
  });

  it("drops search answers that arrive after a newer one", async () => {
    const titles = core.templates().map((t) => t.title);
    const { root, input } = start({}, { searchDelay: (query) => (query === titles[0] ? 120 : 0) });
    await vi.waitFor(() => expect(rows(root).length).toBeGreaterThan(0));
    type(input, titles[0]); // slow answer
    await tick(40);
    type(input, ""); // fast answer: every template
    await tick(250);
    expect(rows(root)).toHaveLength(titles.length);
  });

  it("a context pushed on opening wins over the answer to the first request that arrives later", async () => {
    const { root } = start({ lang: "en" }, { contextDelay: 150 });
    await tick(20);
    const shown: PaletteContext = { order: ORDERS[1], lang: "ru", lang_source: "order", locales: ["en", "ru"], ui_lang: "en", review_count: 0, message: null };
    await emit("palette-shown", shown);
    await vi.waitFor(() => expect(orderChip(root)).toBe("#771-2"));
    await tick(250);
    expect(orderChip(root)).toBe("#771-2");
    expect(calls("search").at(-1)!.args).toMatchObject({ lang: "ru", orderId: "771-2" });
  });

  it("Ctrl+E opens the selected reply in the library window; a failure is shown", async () => {
    const { root } = start({ lang: "en" });
    await vi.waitFor(() => expect(rows(root).length).toBe(core.templates().length));
    expect(q(root, ".tips").textContent).toContain("Ctrl+Eedit");
    press("ArrowDown");
    press("e", { ctrl: true, code: "KeyE" });
    await vi.waitFor(() => expect(calls("open_library")).toHaveLength(1));
    expect(calls("open_library")[0].args).toEqual({ key: core.templates()[1].key });
    expect(calls("paste")).toHaveLength(0);
    backend!.dispose();
    const again = start({ lang: "en" }, { libraryFails: true });
    await vi.waitFor(() => expect(rows(again.root).length).toBeGreaterThan(0));
    press("e", { ctrl: true, code: "KeyE" });
    await vi.waitFor(() => expect(q(again.root, ".bar").textContent).toBe("Could not open the library: no library window"));
  });
});
