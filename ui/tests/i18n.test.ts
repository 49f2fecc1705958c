import { describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import zh from "../src/i18n/zh-CN.json";
import { catalogs, resolveUiLang, setLang, t } from "../src/i18n";

describe("i18n", () => {
  it("both catalogs have exactly the same keys and no empty strings", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const cat of [en, zh]) for (const v of Object.values(cat)) expect(v.trim()).not.toBe("");
  });

  it("placeholders match between languages", () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(zh[k]), k).toEqual(ph(en[k]));
  });

  it("resolves auto from the system language", () => {
    expect(resolveUiLang("auto", "zh-TW")).toBe("zh-CN");
    expect(resolveUiLang("auto", "zh")).toBe("zh-CN");
    expect(resolveUiLang("auto", "ar-EG")).toBe("en");
    expect(resolveUiLang("en", "zh-CN")).toBe("en");
    expect(resolveUiLang("zh-CN", "en-US")).toBe("zh-CN");
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
