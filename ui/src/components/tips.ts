// Keyboard tips in a window's footer.
import { h } from "../h";

/** <span class="tip"><kbd>Alt+↑</kbd><kbd>Alt+↓</kbd><span>label</span></span> */
export function tip(keys: string[], label: string): HTMLElement {
  return h("span", { class: "tip" }, keys.map((k) => h("kbd", null, k)), h("span", null, label));
}
