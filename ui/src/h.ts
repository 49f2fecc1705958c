// Tiny DOM helper. Text only ever reaches the DOM through createTextNode /
// textContent: template, order and buyer text is untrusted and is never parsed
// as HTML. There is deliberately no way to pass markup or inline styles.

export type Child = Node | string | number | null | undefined | false | Child[];

type Listener = (ev: any) => void;
export interface Props {
  class?: string | (string | false | null | undefined)[];
  [key: string]: unknown;
}

// Never settable through h(): HTML parsing sinks and inline style (blocked by CSP anyway).
const FORBIDDEN = new Set(["innerhtml", "outerhtml", "srcdoc", "style", "insertadjacenthtml"]);
// Set as DOM properties rather than attributes.
const PROPS = new Set(["value", "checked", "disabled", "selected", "hidden", "readOnly", "tabIndex", "required", "multiple"]);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      const lk = k.toLowerCase();
      if (FORBIDDEN.has(lk) || lk.startsWith("on") && typeof v !== "function") {
        throw new Error(`h(): property "${k}" is not allowed`);
      }
      if (k === "class") {
        el.className = Array.isArray(v) ? v.filter(Boolean).join(" ") : String(v);
      } else if (lk.startsWith("on")) {
        el.addEventListener(lk.slice(2), v as Listener);
      } else if (PROPS.has(k)) {
        (el as any)[k] = v;
      } else {
        el.setAttribute(k, v === true ? "" : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

/** Replace all children of `el` (text stays text). */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Set plain text content. */
export function text(el: Element, value: string): void {
  el.textContent = value;
}
