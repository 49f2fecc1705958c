import { describe, expect, it } from "vitest";
import type { ProviderConfig, ReviewItem, Status } from "../src/api";
import {
  canApprove,
  canSave,
  dirForLocale,
  filterItems,
  hintedCode,
  itemId,
  languageCounts,
  nextSelection,
} from "../src/review/logic";
import { draftOf, isChanged, nameError, toConfig, urlError } from "../src/settings/providers";

const item = (key: string, locale: string, status: Status = "machine"): ReviewItem => ({
  key,
  title: key,
  locale,
  status,
  body: "x",
  source_locale: "en",
  source_body: "x",
  provider: null,
  problem: null,
  conflict: null,
});

describe("review: text direction", () => {
  it("right-to-left for Arabic, Hebrew, Persian and Urdu (with regions)", () => {
    for (const l of ["ar", "ar-EG", "he", "fa", "ur", "ur-PK"]) expect(dirForLocale(l), l).toBe("rtl");
    for (const l of ["en", "ru", "zh-CN", "fr", "arn", "hi"]) expect(dirForLocale(l), l).toBe("ltr");
  });
});

describe("review: queue", () => {
  const items = [item("a", "ar"), item("a", "ru"), item("b", "ar"), item("c", "fr", "stale"), item("d", "ar")];

  it("ids are key@locale", () => {
    expect(itemId(items[1])).toBe("a@ru");
  });

  it("counts per language: the backend's, then what the items add", () => {
    expect(languageCounts(items)).toEqual([
      ["ar", 3],
      ["ru", 1],
      ["fr", 1],
    ]);
    expect(
      languageCounts(items, [
        ["fr", 1],
        ["ar", 3],
        ["es", 0],
      ]),
    ).toEqual([
      ["fr", 1],
      ["ar", 3],
      ["ru", 1],
    ]);
    expect(languageCounts([])).toEqual([]);
  });

  it("filters by language", () => {
    expect(filterItems(items, "ar").map(itemId)).toEqual(["a@ar", "b@ar", "d@ar"]);
    expect(filterItems(items, null)).toBe(items);
    expect(filterItems(items, "de")).toEqual([]);
  });

  it("after a decision selects the next item, else the previous, else nothing", () => {
    const ids = ["a@ar", "a@ru", "b@ar", "c@fr"];
    expect(nextSelection(ids, "a@ru", ["a@ar", "b@ar", "c@fr"])).toBe("b@ar");
    expect(nextSelection(ids, "c@fr", ["a@ar", "a@ru", "b@ar"])).toBe("b@ar");
    expect(nextSelection(ids, "a@ru", ["a@ar", "a@ru", "b@ar"])).toBe("a@ru"); // still there: kept
    expect(nextSelection(ids, "a@ru", [])).toBeNull();
    // the next one was also removed (another reviewer): skip it
    expect(nextSelection(ids, "a@ar", ["c@fr"])).toBe("c@fr");
    // nothing selected, or unknown: the first
    expect(nextSelection(ids, null, ["b@ar", "c@fr"])).toBe("b@ar");
    expect(nextSelection([], "x@y", ["b@ar"])).toBe("b@ar");
  });
});

describe("review: save and approve", () => {
  const ok = { errors: [], problem: null };
  const syntax = { errors: [{ file: "<k>", line: 1, column: 3, message: "expected }" }], problem: "it is not valid Fluent" };
  const lost = { errors: [], problem: "it lost the placeholder(s) { $buyer_name }" };

  it("save needs a change and no syntax error", () => {
    expect(canSave({ dirty: false, check: ok, busy: false })).toBe(false);
    expect(canSave({ dirty: true, check: ok, busy: false })).toBe(true);
    expect(canSave({ dirty: true, check: null, busy: false })).toBe(true); // the backend checks again
    expect(canSave({ dirty: true, check: syntax, busy: false })).toBe(false);
    expect(canSave({ dirty: true, check: lost, busy: false })).toBe(true); // stored with its problem
    expect(canSave({ dirty: true, check: ok, busy: true })).toBe(false);
  });

  it("approve needs a checked text without errors or problem", () => {
    expect(canApprove({ dirty: false, check: ok, busy: false })).toBe(true);
    expect(canApprove({ dirty: true, check: ok, busy: false })).toBe(true);
    expect(canApprove({ dirty: false, check: null, busy: false })).toBe(false);
    expect(canApprove({ dirty: false, check: syntax, busy: false })).toBe(false);
    expect(canApprove({ dirty: false, check: lost, busy: false })).toBe(false);
    expect(canApprove({ dirty: false, check: ok, busy: true })).toBe(false);
  });

  it("hints for machine-translation errors", () => {
    expect(hintedCode("mt_quota")).toBe("mt_quota");
    expect(hintedCode("keyring")).toBe("keyring");
    expect(hintedCode("ftl")).toBeNull();
  });
});

describe("settings: provider forms", () => {
  const deepl: ProviderConfig = { name: "deepl", kind: "deepl", url: null, model: null, formality: "more", glossary: "g-1", has_key: true };

  it("round-trips a stored provider", () => {
    expect(toConfig(draftOf(deepl), true)).toEqual(deepl);
    expect(isChanged(draftOf(deepl), deepl)).toBe(false);
    expect(isChanged({ ...draftOf(deepl), url: "https://api.deepl.com" }, deepl)).toBe(true);
    expect(isChanged(draftOf(null), null)).toBe(true);
  });

  it("drops fields the kind does not use and empty strings", () => {
    const d = { name: " local ", kind: "openai" as const, url: " ", model: "qwen", formality: "less", glossary: "g" };
    expect(toConfig(d, false)).toEqual({ name: "local", kind: "openai", url: null, model: "qwen", formality: null, glossary: null, has_key: false });
    expect(toConfig({ ...draftOf(deepl), formality: "default" }, true).formality).toBeNull();
    expect(toConfig({ ...draftOf(deepl), kind: "google" }, true)).toMatchObject({ model: null, formality: null, glossary: null });
  });

  it("checks names and URLs like the backend", () => {
    expect(nameError("", [])).toBe("name-empty");
    expect(nameError("my deepl", [])).toBe("name-space");
    expect(nameError("deepl", ["deepl"])).toBe("name-duplicate");
    expect(nameError("local-llm", ["deepl"])).toBeNull();
    expect(urlError("")).toBeNull();
    expect(urlError("http://127.0.0.1:8080/v1")).toBeNull();
    expect(urlError("api.deepl.com")).toBe("url");
  });
});
