// The values form: asks for the values a text needs that nothing provides (Enter → next field).
import type { ResultItem } from "../api";
import { h } from "../h";
import { t } from "../i18n";

/** One paste in progress: the result, the values still to give and the answers so far. */
export interface Flow {
  item: ResultItem;
  missing: string[];
  vars: Record<string, string>;
  varsDone: boolean;
  confirmed: boolean;
}

export class VarsForm {
  private inputs: HTMLInputElement[] = [];

  /** The form for `f`; `onChange` runs after each keystroke (the preview fills in). */
  build(f: Flow, onChange: () => void): HTMLElement {
    this.inputs = f.missing.map((name, i) =>
      h("input", {
        id: "var-" + i,
        class: "field-input",
        type: "text",
        value: f.vars[name] ?? "",
        placeholder: t("palette.vars.hint", { name }),
        "aria-describedby": "vars-note",
        autocomplete: "off",
        spellcheck: "false",
        dir: "auto",
        "data-name": name,
        oninput: (e: Event) => {
          const el = e.target as HTMLInputElement;
          f.vars[name] = el.value;
          if (el.value) el.removeAttribute("aria-invalid");
          onChange();
        },
      }),
    );
    return h(
      "form",
      { class: "vars", onsubmit: (e: Event) => e.preventDefault(), novalidate: true },
      h("div", { class: "picker-title" }, t("palette.vars.title")),
      h("bdi", { class: "vars-item", dir: "auto" }, f.item.title),
      h("p", { class: "vars-note", id: "vars-note" }, t("palette.vars.note")),
      f.missing.map((name, i) =>
        h("div", { class: "field" }, h("label", { class: "field-label", for: "var-" + i }, h("code", null, name)), this.inputs[i]),
      ),
    );
  }

  /** Forget the fields (the form is gone). */
  clear(): void {
    this.inputs = [];
  }

  focusFirst(): void {
    this.inputs[0]?.focus();
  }

  /**
   * Enter in the field `target`: focus the next field; on the last one, mark the empty fields;
   * when all are filled, copy the values into `f` and return true (go on with the paste).
   */
  enter(target: EventTarget | null, f: Flow | null): boolean {
    const idx = this.inputs.findIndex((el) => el === target);
    if (idx >= 0 && idx < this.inputs.length - 1) {
      this.inputs[idx + 1].focus();
      return false;
    }
    const empty = this.inputs.filter((el) => !el.value.trim());
    if (empty.length) {
      empty.forEach((el) => el.setAttribute("aria-invalid", "true"));
      empty[0].focus();
      return false;
    }
    if (!f) return false;
    for (const el of this.inputs) f.vars[el.dataset.name!] = el.value;
    return true;
  }
}
