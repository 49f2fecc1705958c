// "Plural…": pick the number variable, get the select expression with exactly the plural
// categories of the text's language (plural_snippet, built by the backend from CLDR) and
// insert it at the cursor.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";

export class PluralPanel {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly options: HTMLDataListElement;
  private readonly status = h("p", { class: "field-error plural-status", role: "alert" });
  private readonly insertBtn: HTMLButtonElement;
  private busy = false;

  constructor(
    id: string,
    private readonly locale: () => string,
    private readonly onInsert: (snippet: string) => void,
    private readonly onCancel: () => void,
  ) {
    this.options = h("datalist", { id: id + "-vars" });
    this.input = h("input", { id: id + "-var", class: "input mono", type: "text", list: id + "-vars", autocomplete: "off", spellcheck: "false" });
    this.insertBtn = h("button", { type: "submit", class: "btn btn-small btn-primary" }, t("library.plural.insert"));
    this.el = h(
      "form",
      {
        id,
        class: "popover plural-panel",
        role: "dialog",
        "aria-labelledby": id + "-title",
        hidden: true,
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.insert();
        },
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            this.close();
            this.onCancel();
          }
        },
      },
      h("div", { class: "panel-title", id: id + "-title" }, t("library.plural.title")),
      h("label", { class: "field-label", for: id + "-var" }, t("library.plural.variable")),
      this.input,
      this.options,
      h("p", { class: "help" }, t("library.plural.help")),
      this.status,
      h(
        "div",
        { class: "panel-actions" },
        h("button", { type: "button", class: "btn btn-small", onclick: () => (this.close(), this.onCancel()) }, t("library.cancel")),
        this.insertBtn,
      ),
    );
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Offer these variable names (number variables first); the first one is prefilled. */
  open(candidates: string[]): void {
    const names = [...new Set(candidates)];
    replace(this.options, names.map((n) => h("option", { value: n })));
    if (!this.input.value || !names.includes(this.input.value)) this.input.value = names[0] ?? "";
    replace(this.status);
    this.el.hidden = false;
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.el.hidden = true;
  }

  private async insert(): Promise<void> {
    if (this.busy) return;
    const variable = this.input.value.trim().replace(/^\$/, "");
    if (!variable) {
      replace(this.status, t("library.plural.needVar"));
      this.input.focus();
      return;
    }
    this.busy = true;
    this.insertBtn.disabled = true;
    try {
      const snippet = await api.pluralSnippet(variable, this.locale());
      this.close();
      this.onInsert(snippet);
    } catch (e) {
      replace(this.status, t("library.plural.error", { message: (e as ApiError).message }));
    } finally {
      this.busy = false;
      this.insertBtn.disabled = false;
    }
  }
}
