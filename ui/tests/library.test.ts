// Pure parts of the library window and the Fluent editor: filtering, sorting, the search
// order, drafts, import choices, placeable chips, error positions, spacers, colouring.
import { describe, expect, it } from "vitest";
import { FluentEditor } from "../src/components/fluent-editor";
import { chipRanges, positionOf } from "../src/components/placeables";
import { buildDraft, choicesFor, excerpt, initialChoice, NO_FILTERS, parseLines, parseTags, sortRows, usualSourceLocale, variableSnippet, visibleRows } from "../src/library/logic";
import type { LibraryRow } from "../src/library/types";
import { spacerBits } from "../src/library/virtual-list";

const row = (key: string, over: Partial<LibraryRow> = {}): LibraryRow => ({
  key,
  title: key,
  category: "",
  tags: [],
  shortcut: "",
  source_locale: "en",
  variants: [{ locale: "en", status: "approved" }],
  uses_30d: 0,
  use_count: 0,
  last_used: null,
  ...over,
});

describe("library logic", () => {
  const rows = [
    row("b", { title: "Banana", uses_30d: 5, last_used: "2025-01-02T00:00:00Z", category: "Fruit", tags: ["yellow"] }),
    row("a", { title: "apple", uses_30d: 5, use_count: 9, last_used: null, variants: [{ locale: "en", status: "approved" }, { locale: "ar", status: "stale" }] }),
    row("c", { title: "Cherry 10", uses_30d: 9, last_used: "2025-03-01T00:00:00Z", category: "Fruit" }),
    row("d", { title: "Cherry 9", source_locale: "zh-CN", variants: [{ locale: "zh-CN", status: "approved" }, { locale: "en", status: "machine" }] }),
  ];

  it("sorts by uses (then all-time uses, then title), last used (never last), title (natural, any case) and key", () => {
    expect(sortRows(rows, "uses").map((r) => r.key)).toEqual(["c", "a", "b", "d"]);
    expect(sortRows(rows, "last_used").map((r) => r.key)).toEqual(["c", "b", "a", "d"]);
    expect(sortRows(rows, "title").map((r) => r.key)).toEqual(["a", "b", "d", "c"]);
    expect(sortRows(rows, "key").map((r) => r.key)).toEqual(["a", "b", "c", "d"]);
    expect(rows.map((r) => r.key)).toEqual(["b", "a", "c", "d"]); // a copy
  });

  it("filters; with a search the backend's order wins over the sort", () => {
    const f = { ...NO_FILTERS };
    expect(visibleRows(rows, null, { ...f, category: "Fruit" }, "key").map((r) => r.key)).toEqual(["b", "c"]);
    expect(visibleRows(rows, null, { ...f, tag: "yellow" }, "key").map((r) => r.key)).toEqual(["b"]);
    expect(visibleRows(rows, null, { ...f, missing: "ar" }, "key").map((r) => r.key)).toEqual(["b", "c", "d"]);
    expect(visibleRows(rows, null, { ...f, missing: "zh-CN" }, "key").map((r) => r.key)).toEqual(["a", "b", "c"]);
    expect(visibleRows(rows, null, { ...f, status: "stale" }, "key").map((r) => r.key)).toEqual(["a"]);
    expect(visibleRows(rows, null, { ...f, status: "machine" }, "key").map((r) => r.key)).toEqual(["d"]);
    expect(visibleRows(rows, ["d", "gone", "b", "d", "a"], f, "key").map((r) => r.key)).toEqual(["d", "b", "a"]);
    expect(visibleRows(rows, ["d", "b", "a"], { ...f, category: "Fruit" }, "key").map((r) => r.key)).toEqual(["b"]);
    expect(visibleRows(rows, [], f, "key")).toEqual([]);
  });

  it("parses tags and example lines, builds the draft", () => {
    expect(parseTags(" a, b，c、a ,, ")).toEqual(["a", "b", "c"]);
    expect(parseLines(" one \n\n two\n")).toEqual(["one", "two"]);
    expect(
      buildDraft("k", { key: " k ", title: " T ", category: " C ", tags: "x, y", shortcut: " ;k ", examples: "q1\n", source_locale: " en " }, [
        { locale: "en", text: "Hi" },
        { locale: "ar", text: "" },
      ]),
    ).toEqual({ original_key: "k", key: "k", title: "T", category: "C", tags: ["x", "y"], shortcut: ";k", examples: ["q1"], source_locale: "en", texts: [{ locale: "en", text: "Hi" }, { locale: "ar", text: "" }] });
    expect(usualSourceLocale(rows, "fr")).toBe("en");
    expect(usualSourceLocale([], "fr")).toBe("fr");
  });

  it("import choices, snippets and excerpts", () => {
    const item = { key: "k", title: "T", locales: ["en"], text: "", conflict: null, default_choice: "replace" as const };
    expect(choicesFor(item)).toEqual(["keep_both", "skip"]);
    expect(initialChoice(item)).toBe("keep_both"); // replace is not offered without a conflict
    expect(choicesFor({ ...item, conflict: "Old" })).toEqual(["keep_both", "replace", "skip"]);
    expect(initialChoice({ ...item, conflict: "Old" })).toBe("replace");
    expect(initialChoice({ ...item, default_choice: "skip" })).toBe("skip");
    expect(variableSnippet("order", "order_id")).toBe("{ $order_id }");
    expect(variableSnippet("term", "-shop-name")).toBe("{ -shop-name }");
    expect(variableSnippet("term", "brand")).toBe("{ -brand }");
    expect(variableSnippet("builtin", "today")).toBe('{ DATETIME($today, dateStyle: "medium") }');
    expect(variableSnippet("builtin", "clipboard")).toBe("{ $clipboard }");
    expect(excerpt("a\n  b   c")).toBe("a b c");
    expect([...excerpt("😀".repeat(100), 10)]).toHaveLength(10);
  });

  it("spacers add up to the rows they stand for", () => {
    for (const n of [0, 1, 7, 44, 1000, 9999, 65536, 131071, 300000]) {
      const bits = spacerBits(n);
      expect(bits.reduce((s, k) => s + 2 ** k, 0), String(n)).toBe(n);
      expect(Math.max(-1, ...bits)).toBeLessThanOrEqual(16); // classes vs-0 … vs-16 exist
    }
    expect(spacerBits(5)).toEqual([2, 0]);
  });
});

describe("placeables and positions", () => {
  const at = (text: string) => chipRanges(text).map((r) => text.slice(r.from, r.to));

  it("one chip per placeable on a line; nested ones stay inside their chip", () => {
    expect(at("Hi { $name }, order { $order_id }.")).toEqual(["{ $name }", "{ $order_id }"]);
    expect(at('{ NUMBER($total, minimumFractionDigits: 2) } and { "{" } and { -shop-name }')).toEqual(["{ NUMBER($total, minimumFractionDigits: 2) }", '{ "{" }', "{ -shop-name }"]);
    expect(at("{ { $x } }")).toEqual(["{ { $x } }"]);
    expect(at("مرحباً { $buyer_name }، طلبك { $order_id }")).toEqual(["{ $buyer_name }", "{ $order_id }"]);
  });

  it("a select over several lines: its head, and the placeables of its variants", () => {
    const text = "You have { $count ->\n    [one] one item in { $cart }\n   *[other] { $count } items\n}.";
    expect(at(text)).toEqual(["{ $count ->", "{ $cart }", "{ $count }"]);
  });

  it("unclosed placeables (while typing) are no chips", () => {
    expect(at("Hi { $name, and { $x }")).toEqual(["{ $x }"]);
    expect(at("Hi { $name")).toEqual([]);
  });

  it("1-based line and column in characters → offset", () => {
    const text = "ab\n😀x{\n";
    expect(positionOf(text, 1, 1)).toEqual({ pos: 0, lineFrom: 0, lineTo: 2 });
    expect(positionOf(text, 2, 2).pos).toBe(5); // after the emoji (two UTF-16 units)
    expect(positionOf(text, 2, 3).pos).toBe(6);
    expect(positionOf(text, 2, 99).pos).toBe(7); // clamped to the end of the line
    expect(positionOf(text, 3, 1)).toEqual({ pos: 8, lineFrom: 8, lineTo: 8 });
  });
});

describe("Fluent colouring", () => {
  it("marks placeables, variables, terms, functions, the selector, variant keys and strings", () => {
    const ed = new FluentEditor({ locale: "en", text: '{ $n ->\n    [one] { NUMBER($n) } { -shop } "x"\n   *[other] { "lit" } text\n}' });
    document.body.append(ed.el);
    const cls = (c: string) => [...ed.el.querySelectorAll(".fl-" + c)].map((e) => e.textContent);
    expect(cls("variable")).toEqual(["$n", "$n"]);
    expect(cls("selector")).toEqual(["->"]);
    expect(cls("variant")).toEqual(["[one]", "[other]"]);
    expect(cls("default")).toEqual(["*"]);
    expect(cls("function")).toEqual(["NUMBER"]);
    expect(cls("term")).toEqual(["-shop"]);
    expect(cls("string")).toEqual(['"lit"']); // "x" is variant text, not a literal
    expect(cls("brace").length).toBe(8);
    ed.destroy();
    ed.el.remove();
  });

  it("the value setter and reset() are not edits; insert() and edit() are", () => {
    const changes: string[] = [];
    const ed = new FluentEditor({ locale: "ar", text: "a", onChange: (t) => changes.push(t) });
    ed.value = "b";
    ed.reset("c", "en");
    expect(changes).toEqual([]);
    expect(ed.el.getAttribute("dir")).toBe("ltr");
    ed.insert("{ $x }");
    ed.edit("d");
    expect(changes).toEqual(["{ $x }c", "d"]);
    ed.setLocale("he");
    expect(ed.el.getAttribute("dir")).toBe("rtl");
    expect(ed.el.querySelector(".cm-content")!.getAttribute("dir")).toBe("rtl");
    ed.destroy();
  });

  it("a space typed after a placeable is a plain space, not WebKit's no-break space; a pasted one stays", () => {
    const ed = new FluentEditor({ locale: "en", text: "Hi { $n }" });
    const end = ed.view.state.doc.length;
    ed.view.dispatch({ changes: { from: end, insert: "\u00a0is here" }, userEvent: "input.type" });
    expect(ed.value).toBe("Hi { $n } is here");
    ed.view.dispatch({ changes: { from: 0, insert: "A\u00a0B " }, userEvent: "input.paste" });
    expect(ed.value).toBe("A\u00a0B Hi { $n } is here");
    ed.destroy();
  });
});
