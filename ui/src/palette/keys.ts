// Keyboard state machine for the palette (pure: no DOM, unit-tested).
import type { Status } from "../api";
import type { KeyInput } from "../components/list";

export type { KeyInput };

export type Mode = "list" | "lang" | "order" | "vars" | "confirm";

export type Command =
  | { type: "none" } // not ours: let the browser handle it (typing, cursor keys…)
  | { type: "move"; delta: number } // selection in the list or a picker
  | { type: "open-lang" }
  | { type: "open-order" }
  | { type: "activate" } // Enter on the selected result
  | { type: "open-library" } // Ctrl+E: edit the selected reply in the library window
  | { type: "pick" } // Enter in a picker
  | { type: "field-enter" } // Enter in the values form
  | { type: "confirm" } // second Enter on an unapproved variant
  | { type: "cancel-confirm" } // any other key while confirming: leave, then handle the key as in the list
  | { type: "back" } // Esc in a sub-step: return to the list
  | { type: "hide" }; // Esc in the list: hide the palette

const NONE: Command = { type: "none" };
const MODIFIER_KEYS = new Set(["Shift", "Control", "Alt", "Meta", "AltGraph", "CapsLock", "OS", "Super", "Hyper"]);

/** Letter of a shortcut, by physical key (Alt+L types "¬" on macOS) with key as fallback. */
function letter(k: KeyInput): string {
  if (k.code && /^Key[A-Z]$/.test(k.code)) return k.code.slice(3);
  return k.key.length === 1 ? k.key.toUpperCase() : "";
}

export function commandFor(mode: Mode, k: KeyInput): Command {
  // Never act while an input method (Chinese, Japanese…) is composing: Enter confirms the IME text.
  if (k.isComposing || k.keyCode === 229) return NONE;
  if (MODIFIER_KEYS.has(k.key)) return NONE;

  const accel = (k.altKey || k.ctrlKey) && !k.metaKey && !k.shiftKey;
  const plain = !k.altKey && !k.ctrlKey && !k.metaKey;

  if (mode === "list" || mode === "lang" || mode === "order") {
    if (accel && letter(k) === "L") return { type: "open-lang" };
    if (accel && letter(k) === "O") return { type: "open-order" };
  }

  switch (mode) {
    case "list":
      if (k.ctrlKey && !k.altKey && !k.metaKey && !k.shiftKey && letter(k) === "E") return { type: "open-library" };
      if (k.key === "ArrowDown" && plain) return { type: "move", delta: 1 };
      if (k.key === "ArrowUp" && plain) return { type: "move", delta: -1 };
      if (k.key === "PageDown" && plain) return { type: "move", delta: 5 };
      if (k.key === "PageUp" && plain) return { type: "move", delta: -5 };
      if (k.key === "Enter" && plain && !k.shiftKey) return { type: "activate" };
      if (k.key === "Escape") return { type: "hide" };
      return NONE;
    case "lang":
    case "order":
      if (k.key === "ArrowDown" && plain) return { type: "move", delta: 1 };
      if (k.key === "ArrowUp" && plain) return { type: "move", delta: -1 };
      if (k.key === "Enter" && plain) return { type: "pick" };
      if (k.key === "Escape") return { type: "back" };
      return NONE;
    case "vars":
      if (k.key === "Enter" && plain && !k.shiftKey) return { type: "field-enter" };
      if (k.key === "Escape") return { type: "back" };
      return NONE;
    case "confirm":
      if (k.key === "Enter" && plain) return { type: "confirm" };
      if (k.key === "Escape") return { type: "back" };
      return { type: "cancel-confirm" };
  }
}

export type Step = "vars" | "confirm" | "paste";

/** What Enter does next for a result: ask for values, ask for confirmation, or paste. */
export function nextStep(
  item: { missing: string[]; status: Status },
  done: { vars: boolean; confirmed: boolean },
): Step {
  if (item.missing.length > 0 && !done.vars) return "vars";
  if (item.status !== "approved" && !done.confirmed) return "confirm";
  return "paste";
}

/** Which step a rejected paste leads to ("error" = show the message). */
export function stepForError(code: string): "vars" | "confirm" | "error" {
  if (code === "missing") return "vars";
  if (code === "unreviewed") return "confirm";
  return "error";
}
