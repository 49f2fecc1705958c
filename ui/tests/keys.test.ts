import { describe, expect, it } from "vitest";
import { commandFor, nextStep, stepForError } from "../src/palette/keys";

describe("palette keyboard", () => {
  it("list mode", () => {
    expect(commandFor("list", { key: "ArrowDown" })).toEqual({ type: "move", delta: 1 });
    expect(commandFor("list", { key: "ArrowUp" })).toEqual({ type: "move", delta: -1 });
    expect(commandFor("list", { key: "Enter" })).toEqual({ type: "activate" });
    expect(commandFor("list", { key: "Escape" })).toEqual({ type: "hide" });
    expect(commandFor("list", { key: "a" })).toEqual({ type: "none" });
  });

  it("Alt/Ctrl + L / O open the pickers, by physical key", () => {
    expect(commandFor("list", { key: "¬", code: "KeyL", altKey: true })).toEqual({ type: "open-lang" });
    expect(commandFor("list", { key: "l", code: "KeyL", ctrlKey: true })).toEqual({ type: "open-lang" });
    expect(commandFor("list", { key: "o", code: "KeyO", altKey: true })).toEqual({ type: "open-order" });
    expect(commandFor("lang", { key: "o", code: "KeyO", ctrlKey: true })).toEqual({ type: "open-order" });
    expect(commandFor("list", { key: "L", code: "KeyL", shiftKey: true })).toEqual({ type: "none" });
    expect(commandFor("vars", { key: "l", code: "KeyL", altKey: true })).toEqual({ type: "none" });
  });

  it("Ctrl+E (by physical key) edits the selection in the library, only from the list", () => {
    expect(commandFor("list", { key: "e", code: "KeyE", ctrlKey: true })).toEqual({ type: "open-library" });
    expect(commandFor("list", { key: "€", code: "KeyE", ctrlKey: true })).toEqual({ type: "open-library" });
    expect(commandFor("list", { key: "e", code: "KeyE", altKey: true })).toEqual({ type: "none" });
    expect(commandFor("list", { key: "E", code: "KeyE", ctrlKey: true, shiftKey: true })).toEqual({ type: "none" });
    expect(commandFor("vars", { key: "e", code: "KeyE", ctrlKey: true })).toEqual({ type: "none" });
  });

  it("ignores keys while an IME is composing", () => {
    expect(commandFor("list", { key: "Enter", isComposing: true })).toEqual({ type: "none" });
    expect(commandFor("vars", { key: "Enter", keyCode: 229 })).toEqual({ type: "none" });
  });

  it("pickers, values form and confirmation", () => {
    expect(commandFor("lang", { key: "Enter" })).toEqual({ type: "pick" });
    expect(commandFor("order", { key: "Escape" })).toEqual({ type: "back" });
    expect(commandFor("vars", { key: "Enter" })).toEqual({ type: "field-enter" });
    expect(commandFor("vars", { key: "Escape" })).toEqual({ type: "back" });
    expect(commandFor("confirm", { key: "Enter" })).toEqual({ type: "confirm" });
    expect(commandFor("confirm", { key: "Escape" })).toEqual({ type: "back" });
    expect(commandFor("confirm", { key: "x" })).toEqual({ type: "cancel-confirm" });
    expect(commandFor("confirm", { key: "Shift" })).toEqual({ type: "none" });
  });

  it("Enter flow: values, then confirmation, then paste", () => {
    const item = { missing: ["eta"], status: "needs_review" as const };
    expect(nextStep(item, { vars: false, confirmed: false })).toBe("vars");
    expect(nextStep(item, { vars: true, confirmed: false })).toBe("confirm");
    expect(nextStep(item, { vars: true, confirmed: true })).toBe("paste");
    expect(nextStep({ missing: [], status: "approved" }, { vars: false, confirmed: false })).toBe("paste");
    expect(stepForError("missing")).toBe("vars");
    expect(stepForError("unreviewed")).toBe("confirm");
    expect(stepForError("io")).toBe("error");
  });
});
