import { describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import zh from "../src/i18n/zh-CN.json";
import { catalogs, isLang, setLang, t } from "../src/i18n";
import { fetchUiLanguage, languageFor } from "../src/i18n/boot";

describe("i18n", () => {
  it("both catalogs have exactly the same keys and no empty strings", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const cat of [en, zh]) for (const v of Object.values(cat)) expect(v.trim()).not.toBe("");
  });

  it("placeholders match between languages", () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(zh[k]), k).toEqual(ph(en[k]));
  });

  it("the interface language is the backend's: asked once, English when it cannot say", async () => {
    expect(await fetchUiLanguage(async () => "zh-CN")).toBe("zh-CN");
    expect(await fetchUiLanguage(async () => "en")).toBe("en");
    expect(await fetchUiLanguage(() => Promise.reject({ code: "error", message: "command ui_language not found" }))).toBe("en");
    expect(await fetchUiLanguage(async () => "auto" as never)).toBe("en");
    expect(await fetchUiLanguage(() => new Promise(() => {}), 20)).toBe("en"); // never answers
    expect(isLang("zh-CN")).toBe(true);
    expect(isLang("auto")).toBe(false);
    expect(isLang("zh-TW")).toBe(false);
  });

  it("a changed setting means a concrete language; auto is asked again", async () => {
    const ask = async () => "zh-CN" as const;
    expect(await languageFor("en", ask)).toBe("en");
    expect(await languageFor("auto", ask)).toBe("zh-CN");
    expect(await languageFor("auto", () => Promise.reject(new Error("no")))).toBeNull();
  });

  it("looks up, interpolates and sets <html lang>", () => {
    setLang("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(t("tip.paste")).toBe("粘贴");
    expect(t("palette.empty.query", { query: "{x} <b>" })).toBe("没有与“{x} <b>”匹配的模板");
    setLang("en");
    expect(t("palette.vars.hint", { name: "eta" })).toBe("Value for eta");
    expect(t("palette.vars.hint")).toBe("Value for {name}");
    expect(catalogs.en["tip.paste"]).toBe("paste");
  });
});
