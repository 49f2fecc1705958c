import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { h, replace } from "../src/h";
import { splitPreview } from "../src/text";
import { capture } from "../src/settings/accelerator";

describe("h()", () => {
  it("never parses HTML", () => {
    const evil = `<img src=x onerror="alert(1)"><b>bold</b>`;
    const el = h("div", { title: evil }, evil, h("span", null, evil));
    expect(el.querySelector("img, b")).toBeNull();
    expect(el.textContent).toBe(evil + evil);
    expect(el.getAttribute("title")).toBe(evil);
    replace(el, evil);
    expect(el.childNodes.length).toBe(1);
    expect(el.firstChild?.nodeType).toBe(Node.TEXT_NODE);
  });

  it("refuses HTML sinks, inline styles and string handlers", () => {
    expect(() => h("div", { innerHTML: "<b>x</b>" })).toThrow();
    expect(() => h("div", { style: "color:red" })).toThrow();
    expect(() => h("div", { onclick: "alert(1)" })).toThrow();
  });

  it("sets classes, attributes, properties and listeners", () => {
    let clicked = 0;
    const b = h("button", { class: ["a", false, "b"], "aria-selected": "true", disabled: false, onclick: () => clicked++ }, "x", 1, null);
    b.click();
    expect(b.className).toBe("a b");
    expect(b.getAttribute("aria-selected")).toBe("true");
    expect(b.textContent).toBe("x1");
    expect(clicked).toBe(1);
  });
});

describe("no HTML-parsing APIs in the source", () => {
  const src = join(__dirname, "../src");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|html)$/.test(f)) files.push(p);
    }
  };
  walk(src);
  files.push(join(__dirname, "../index.html"));

  it("scans every folder of the UI, shared components and the fake backend included", () => {
    const dirs = new Set(files.map((f) => relative(src, dirname(f)).split(sep)[0]));
    for (const d of ["", "components", "palette", "review", "settings", "i18n", "mock"]) expect(dirs, d || "src").toContain(d);
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)("%s", (file) => {
    const text = readFileSync(file, "utf8");
    // Any spelling: el.innerHTML, el["innerHTML"], {innerHTML}…
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|\bstyle=|DOMParser|createContextualFragment|\.srcdoc\b|\.setHTML(Unsafe)?\(|parseHTMLUnsafe/);
  });
});

describe("preview segments", () => {
  it("splits ⟨name⟩ placeholders out of the text", () => {
    expect(splitPreview("Hi ⟨buyer_name⟩, ETA ⟨eta⟩.")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "missing", name: "buyer_name" },
      { kind: "text", text: ", ETA " },
      { kind: "missing", name: "eta" },
      { kind: "text", text: "." },
    ]);
    expect(splitPreview("مرحباً ⟨buyer_name⟩")).toEqual([
      { kind: "text", text: "مرحباً " },
      { kind: "missing", name: "buyer_name" },
    ]);
    expect(splitPreview("")).toEqual([]);
  });
});

describe("hotkey capture", () => {
  const ev = (code: string, mods: Partial<Record<"ctrlKey" | "altKey" | "shiftKey" | "metaKey", boolean>> = {}, key = code) => ({
    key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods,
  });
  it("builds global-hotkey accelerators", () => {
    expect(capture(ev("Space", { ctrlKey: true, shiftKey: true }, " "))).toEqual({ kind: "done", accelerator: "Ctrl+Shift+Space" });
    expect(capture(ev("KeyK", { altKey: true, metaKey: true }, "k"))).toEqual({ kind: "done", accelerator: "Alt+Super+K" });
    expect(capture(ev("Digit1", { ctrlKey: true }, "1"))).toEqual({ kind: "done", accelerator: "Ctrl+1" });
    expect(capture(ev("F5", {}, "F5"))).toEqual({ kind: "done", accelerator: "F5" });
  });
  it("waits for a key, needs a modifier, Esc cancels", () => {
    expect(capture(ev("ControlLeft", { ctrlKey: true }, "Control"))).toEqual({ kind: "modifiers", text: "Ctrl" });
    expect(capture(ev("KeyA", {}, "a")).kind).toBe("needs-modifier");
    expect(capture(ev("KeyA", { shiftKey: true }, "A")).kind).toBe("needs-modifier");
    expect(capture(ev("Escape", {}, "Escape"))).toEqual({ kind: "cancel" });
  });
});
