// Build Tauri / global-hotkey accelerator strings ("Ctrl+Shift+Space") from key events. Pure.

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Capture =
  | { kind: "modifiers"; text: string } // only modifiers held so far (live display)
  | { kind: "cancel" } // plain Esc
  | { kind: "needs-modifier"; text: string } // a key that must not be a global hotkey on its own
  | { kind: "done"; accelerator: string };

const MODIFIER_CODES = /^(Control|Shift|Alt|Meta|OS)(Left|Right)?$|^(AltGraph|CapsLock|Fn|FnLock|Hyper|Super)$/;

/** Key part of an accelerator for a KeyboardEvent.code, or null when unsupported. */
export function keyName(code: string): string | null {
  let m: RegExpMatchArray | null;
  if ((m = code.match(/^Key([A-Z])$/))) return m[1];
  if ((m = code.match(/^Digit([0-9])$/))) return m[1];
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  if (/^Numpad([0-9]|Add|Subtract|Multiply|Divide|Decimal|Enter|Equal)$/.test(code)) return code;
  if ((m = code.match(/^Arrow(Up|Down|Left|Right)$/))) return m[1];
  const named = [
    "Space", "Enter", "Tab", "Backspace", "Delete", "Insert", "Home", "End", "PageUp", "PageDown",
    "Escape", "Backquote", "Minus", "Equal", "BracketLeft", "BracketRight", "Backslash",
    "Semicolon", "Quote", "Comma", "Period", "Slash", "PrintScreen", "ScrollLock", "Pause",
  ];
  return named.includes(code) ? code : null;
}

export function modifiers(e: Pick<KeyLike, "ctrlKey" | "altKey" | "shiftKey" | "metaKey">): string[] {
  const out: string[] = [];
  if (e.ctrlKey) out.push("Ctrl");
  if (e.altKey) out.push("Alt");
  if (e.shiftKey) out.push("Shift");
  if (e.metaKey) out.push("Super");
  return out;
}

export function capture(e: KeyLike): Capture {
  const mods = modifiers(e);
  if (MODIFIER_CODES.test(e.code) || ["Control", "Shift", "Alt", "Meta", "AltGraph", "OS"].includes(e.key)) {
    return { kind: "modifiers", text: mods.join("+") };
  }
  if (e.code === "Escape" && mods.length === 0) return { kind: "cancel" };
  const key = keyName(e.code);
  if (!key) return { kind: "modifiers", text: mods.join("+") };
  const accelerator = [...mods, key].join("+");
  const fKey = /^F\d+$/.test(key);
  // Plain keys and Shift+key would swallow normal typing everywhere.
  if (!fKey && (mods.length === 0 || (mods.length === 1 && mods[0] === "Shift"))) {
    return { kind: "needs-modifier", text: accelerator };
  }
  return { kind: "done", accelerator };
}
