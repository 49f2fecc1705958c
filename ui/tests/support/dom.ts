// Helpers for the window tests (happy-dom).
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { FluentEditor } from "../../src/components/fluent-editor";

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

export const q = <T extends Element = HTMLElement>(root: ParentNode, sel: string) => root.querySelector(sel) as T;
export const qa = <T extends Element = HTMLElement>(root: ParentNode, sel: string) => [...root.querySelectorAll<T>(sel)] as T[];

/** A key press on the focused element (bubbling to the document, as a real one does). */
export function press(key: string, mods: { alt?: boolean; ctrl?: boolean; shift?: boolean; code?: string } = {}): void {
  const target = (document.activeElement as HTMLElement | null) ?? document.body;
  target.dispatchEvent(
    new KeyboardEvent("keydown", {
      key,
      code: mods.code ?? (key.length === 1 ? "Key" + key.toUpperCase() : key),
      altKey: !!mods.alt,
      ctrlKey: !!mods.ctrl,
      shiftKey: !!mods.shift,
      bubbles: true,
      cancelable: true,
    }),
  );
}

/** Type into an input (replacing its value) the way the browser reports it. */
export function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The Fluent editor whose wrapper is (or contains) `el`; fails loudly when there is none. */
export function editorOf(el: Element | null): FluentEditor {
  const ed = FluentEditor.of(el);
  if (!ed) throw new Error("no Fluent editor at " + (el ? el.outerHTML.slice(0, 80) : "null"));
  return ed;
}

/** Replace the text of a Fluent editor as if the person typed it (its onChange runs). */
export function typeText(el: Element | null, value: string): void {
  editorOf(el).edit(value);
}

export interface Call {
  cmd: string;
  args: Record<string, any>;
}

/**
 * A fake backend for one test: `handler` answers commands (throw to reject). Window-level
 * listeners added by a mounted window are removed afterwards, so windows of earlier tests
 * do not react to the keys of later ones.
 */
export function fakeBackend(handler: (cmd: string, args: Record<string, any>) => unknown): { calls: Call[]; dispose(): void } {
  const calls: Call[] = [];
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, any>;
      calls.push({ cmd, args });
      return handler(cmd, args);
    },
    { shouldMockEvents: true },
  );
  const added: [EventTarget, string, EventListenerOrEventListenerObject, unknown][] = [];
  const originals = [document, window].map((target) => {
    const add = target.addEventListener;
    target.addEventListener = function (this: EventTarget, type: string, l: EventListenerOrEventListenerObject, o?: unknown) {
      // happy-dom fires selectionchange synchronously, inside the change of the selection; a
      // browser queues it. CodeMirror relies on that (it sets the selection during an update).
      if (type === "selectionchange" && typeof l === "function") {
        const inner = l;
        l = (e: Event) => queueMicrotask(() => inner.call(target, e));
      }
      added.push([target, type, l, o]);
      return add.call(this, type, l, o as AddEventListenerOptions);
    } as typeof add;
    return [target, add] as const;
  });
  return {
    calls,
    dispose() {
      for (const [target, add] of originals) target.addEventListener = add;
      for (const [target, type, l, o] of added) target.removeEventListener(type, l, o as EventListenerOptions);
      clearMocks();
      document.body.replaceChildren();
    },
  };
}

export function mountRoot(): HTMLElement {
  const root = document.createElement("div");
  root.id = "app";
  document.body.append(root);
  return root;
}
