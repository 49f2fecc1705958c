// The form of one translation provider in Settings → Translation (name, kind, URL, model,
// formality, glossary, API key) with its Test and Save buttons.
import type { ProviderConfig, ProviderKind } from "../api";
import { h, replace, type Child } from "../h";
import { t, type MessageKey } from "../i18n";
import { FORMALITIES, isChanged, PROVIDER_KINDS, URL_PLACEHOLDER, type ProviderDraft } from "./providers";

export type CardStatus = { kind: "ok" | "error" | "info"; text: string };

/** A provider as the form holds it. */
export interface ProvRow {
  id: number;
  /** What is stored; null for a provider not saved yet. */
  saved: ProviderConfig | null;
  draft: ProviderDraft;
  /** The API key typed but not saved yet (never prefilled). */
  key: string;
  busy: boolean;
  status: CardStatus | null;
  el: HTMLElement | null;
}

export interface CardHooks {
  isDefault(name: string): boolean;
  /** Messages for the name and URL fields ("" = fine); `strict`: an empty name is an error too. */
  errors(row: ProvRow, strict: boolean): { name: string; url: string };
  save(row: ProvRow): void;
  test(row: ProvRow): void;
  /** Drop a provider that was never saved. */
  discard(row: ProvRow): void;
}

type TextField = "name" | "url" | "model" | "glossary";

/** Build (or rebuild in place) the form of one provider. */
export function providerCard(row: ProvRow, hooks: CardHooks): HTMLElement {
  return new Card(row, hooks).el;
}

class Card {
  readonly el: HTMLElement;
  private readonly p: string;
  private readonly nameIn: HTMLInputElement;
  private readonly urlIn: HTMLInputElement;
  private readonly saveBtn: HTMLButtonElement;
  private readonly testBtn: HTMLButtonElement;

  constructor(
    private readonly row: ProvRow,
    private readonly hooks: CardHooks,
  ) {
    const p = (this.p = "prov-" + row.id);
    const d = row.draft;
    this.nameIn = this.text("name", { class: "input mono", readOnly: !!row.saved, "aria-describedby": `${p}-name-help ${p}-name-err` });
    this.urlIn = this.text("url", { class: "input mono ph-sans", type: "url", placeholder: t(URL_PLACEHOLDER[d.kind]), "aria-describedby": `${p}-url-err` });
    this.saveBtn = h("button", { type: "button", class: "btn btn-primary btn-small", onclick: () => hooks.save(row) }, row.busy ? t("settings.saving") : t("settings.mt.save"));
    this.testBtn = h("button", { type: "button", class: "btn btn-small", onclick: () => hooks.test(row) }, t("settings.mt.test"));
    const status = h(
      "p",
      { class: ["save-status", "provider-status", row.status && "status-" + row.status.kind], role: "status", "aria-live": "polite", dir: "auto" },
      row.status?.text ?? null,
    );
    this.el = h(
      "div",
      {
        class: "provider-card",
        role: "group",
        "aria-labelledby": p + "-title",
        "data-id": String(row.id),
        onkeydown: (e: KeyboardEvent) => {
          // Enter in a field saves this provider, not the settings form around it.
          if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT" && !e.isComposing) {
            e.preventDefault();
            hooks.save(row);
          }
        },
      },
      this.head(),
      h("div", { class: "provider-grid" }, this.fields()),
      h("div", { class: "provider-actions" }, status, this.testBtn, this.saveBtn),
    );
    this.updateButtons();
    this.refreshErrors();
    if (row.el && row.el.parentNode) row.el.replaceWith(this.el);
    row.el = this.el;
  }

  private title(): string {
    return this.row.saved ? this.row.saved.name : this.row.draft.name.trim() || t("settings.mt.newProvider");
  }

  private head(): HTMLElement {
    const { row, hooks } = this;
    const discard = h(
      "button",
      { type: "button", class: "btn btn-icon", "aria-label": t("settings.mt.discard"), title: t("settings.mt.discard"), onclick: () => hooks.discard(row) },
      "×",
    );
    return h(
      "div",
      { class: "provider-head" },
      h("h3", { class: "provider-title", id: this.p + "-title" }, this.title()),
      row.saved && hooks.isDefault(row.saved.name) ? h("span", { class: "badge" }, t("settings.mt.isDefault")) : null,
      row.saved ? null : discard,
    );
  }

  private field(id: string, label: string, input: HTMLElement, ...after: Child[]): HTMLElement {
    return h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), input, ...after);
  }

  private wide(id: string, label: string, input: HTMLElement, ...after: Child[]): HTMLElement {
    return h("div", { class: "field field-wide" }, h("label", { class: "field-label", for: id }, label), input, ...after);
  }

  private fields(): Child[] {
    const { p, row } = this;
    const d = row.draft;
    return [
      this.field(
        p + "-name",
        t("settings.mt.name"),
        this.nameIn,
        row.saved ? null : h("p", { class: "help", id: p + "-name-help" }, t("settings.mt.nameHelp")),
        h("p", { class: "field-error", id: p + "-name-err" }),
      ),
      this.field(p + "-kind", t("settings.mt.kind"), this.kindSelect()),
      this.wide(p + "-url", t("settings.mt.url"), this.urlIn, h("p", { class: "help" }, t("settings.mt.urlHelp")), h("p", { class: "field-error", id: p + "-url-err" })),
      d.kind === "openai" ? this.field(p + "-model", t("settings.mt.model"), this.text("model", { class: "input mono" }), h("p", { class: "help" }, t("settings.mt.modelHelp"))) : null,
      d.kind === "deepl" ? this.field(p + "-formality", t("settings.mt.formality"), this.formalitySelect()) : null,
      d.kind === "deepl" ? this.field(p + "-glossary", t("settings.mt.glossary"), this.text("glossary", { class: "input mono" })) : null,
      this.wide(p + "-key", t("settings.mt.key"), this.keyInput(), this.keyHelp()),
    ];
  }

  /** A text field bound to the draft. */
  private text(field: TextField, extra: Record<string, unknown>): HTMLInputElement {
    const d = this.row.draft;
    return h("input", {
      id: `${this.p}-${field}`,
      class: "input",
      type: "text",
      value: d[field],
      autocomplete: "off",
      spellcheck: "false",
      oninput: (e: Event) => {
        d[field] = (e.target as HTMLInputElement).value;
        if (field === "name") replace(this.el.querySelector(`#${this.p}-title`)!, this.title());
        this.refreshErrors();
        this.updateButtons();
      },
      ...extra,
    });
  }

  private kindSelect(): HTMLSelectElement {
    const d = this.row.draft;
    const sel: HTMLSelectElement = h(
      "select",
      {
        id: this.p + "-kind",
        class: "input",
        onchange: () => {
          d.kind = sel.value as ProviderKind;
          // Other kinds have other fields: rebuild the card, keep the focus here.
          const card = providerCard(this.row, this.hooks);
          card.querySelector<HTMLElement>("#" + sel.id)?.focus();
        },
      },
      PROVIDER_KINDS.map((k) => h("option", { value: k, selected: k === d.kind }, t(`settings.mt.kind.${k}` as MessageKey))),
    );
    return sel;
  }

  private formalitySelect(): HTMLSelectElement {
    const d = this.row.draft;
    return h(
      "select",
      {
        id: this.p + "-formality",
        class: "input",
        onchange: (e: Event) => {
          d.formality = (e.target as HTMLSelectElement).value;
          this.updateButtons();
        },
      },
      FORMALITIES.map((f) => h("option", { value: f, selected: f === d.formality }, t(`settings.mt.formality.${f}` as MessageKey))),
    );
  }

  private keyInput(): HTMLInputElement {
    const { row } = this;
    const el: HTMLInputElement = h("input", {
      id: this.p + "-key",
      class: "input mono ph-sans",
      type: "password",
      value: row.key,
      autocomplete: "new-password",
      spellcheck: "false",
      placeholder: row.saved?.has_key ? t("settings.mt.keyStoredPlaceholder") : "",
      "aria-describedby": this.p + "-key-help",
      oninput: () => {
        row.key = el.value;
        this.updateButtons();
      },
    });
    return el;
  }

  private keyHelp(): HTMLElement {
    const { row } = this;
    const text = row.saved?.has_key ? t("settings.mt.keyStored") : row.draft.kind === "openai" ? t("settings.mt.keyOptional") : t("settings.mt.keyNone");
    return h("p", { class: ["help", row.saved?.has_key && "key-stored"], id: this.p + "-key-help" }, text);
  }

  private refreshErrors(): void {
    const errs = this.hooks.errors(this.row, false);
    const nameErr = this.el.querySelector<HTMLElement>(`#${this.p}-name-err`);
    const urlErr = this.el.querySelector<HTMLElement>(`#${this.p}-url-err`);
    if (nameErr) replace(nameErr, errs.name);
    if (urlErr) replace(urlErr, errs.url);
    this.nameIn.toggleAttribute("aria-invalid", !!errs.name);
    this.urlIn.toggleAttribute("aria-invalid", !!errs.url);
  }

  private updateButtons(): void {
    const { row } = this;
    this.saveBtn.disabled = row.busy || (!!row.saved && !isChanged(row.draft, row.saved) && !row.key.trim());
    this.testBtn.disabled = row.busy || (!row.saved && !row.draft.name.trim());
  }
}
