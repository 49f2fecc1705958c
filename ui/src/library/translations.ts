// "Add language": pick a locale, then "Draft with <provider>" (draft_translation; the template
// must have been saved once) or "Start empty". The providers are those of list_providers.
import { api, type ApiError, type ProviderConfig } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { COMMON_LOCALES, languageName, nativeName } from "../locales";
import { getLang } from "../i18n";
import { LOCALE_RE } from "../text";
import type { TemplateText } from "./types";

export interface AddLanguageHost {
  /** The template key when it was saved once (drafting needs it), else null. */
  savedKey(): string | null;
  /** Locales the template has (not offered again). */
  locales(): string[];
  /** More locales to offer (those of the library). */
  known(): string[];
  addEmpty(locale: string): void;
  addDrafted(text: TemplateText): void;
}

export class AddLanguage {
  readonly button: HTMLButtonElement;
  readonly el: HTMLElement;
  private readonly locale: HTMLInputElement;
  private readonly codes = h("datalist", { id: "add-lang-codes" });
  private readonly provider: HTMLSelectElement;
  private readonly draftBtn: HTMLButtonElement;
  private readonly emptyBtn: HTMLButtonElement;
  private readonly status = h("p", { class: "translate-status pre", "aria-live": "polite" });
  private busy = false;
  private defaultProvider: string | null = null;

  constructor(private readonly host: AddLanguageHost) {
    this.button = h(
      "button",
      { type: "button", class: "btn btn-ghost", id: "add-lang", "aria-expanded": "false", "aria-controls": "add-lang-panel", onclick: () => this.toggle() },
      h("span", { class: "plus", "aria-hidden": "true" }, "+"),
      t("library.translation.add"),
    );
    this.locale = h("input", { id: "add-lang-locale", class: "input input-short", type: "text", list: "add-lang-codes", autocomplete: "off", spellcheck: "false", placeholder: "ar" });
    this.provider = h("select", { id: "add-lang-provider", class: "input", onchange: () => this.renderButtons() }, h("option", { value: "" }, t("review.translate.defaultProvider")));
    this.draftBtn = h("button", { type: "button", class: "btn btn-small btn-primary", id: "add-lang-draft", onclick: () => void this.draft() }, t("library.translation.draft", { provider: "…" }));
    this.emptyBtn = h("button", { type: "button", class: "btn btn-small", id: "add-lang-empty", onclick: () => this.empty() }, t("library.translation.empty"));
    this.el = h(
      "div",
      {
        class: "translate-panel add-lang-panel",
        id: "add-lang-panel",
        role: "group",
        "aria-labelledby": "add-lang-title",
        hidden: true,
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            this.toggle(false);
          } else if (e.key === "Enter" && e.target === this.locale) {
            e.preventDefault();
            if (this.host.savedKey()) void this.draft();
            else this.empty();
          }
        },
      },
      h("h3", { class: "panel-title", id: "add-lang-title" }, t("library.translation.addTitle")),
      h(
        "div",
        { class: "translate-row" },
        h("div", { class: "field" }, h("label", { class: "field-label", for: "add-lang-locale" }, t("review.translate.locale")), this.locale, this.codes),
        h("div", { class: "field" }, h("label", { class: "field-label", for: "add-lang-provider" }, t("review.translate.provider")), this.provider),
      ),
      this.status,
      h("div", { class: "panel-actions" }, h("button", { type: "button", class: "btn btn-small", onclick: () => this.toggle(false) }, t("library.cancel")), this.emptyBtn, this.draftBtn),
    );
  }

  toggle(open = this.el.hidden): void {
    this.el.hidden = !open;
    this.button.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) {
      this.button.focus();
      return;
    }
    const have = new Set(this.host.locales());
    const offered = [...new Set([...this.host.known(), ...COMMON_LOCALES])].filter((c) => !have.has(c));
    const ui = getLang();
    replace(this.codes, offered.map((c) => h("option", { value: c }, [c, nativeName(c), languageName(c, ui)].filter(Boolean).join(" · "))));
    this.setStatus(null);
    this.renderButtons();
    void this.loadProviders();
    this.locale.focus();
  }

  private async loadProviders(): Promise<void> {
    try {
      const info = await api.listProviders();
      const keep = this.provider.value;
      this.defaultProvider = info.default_provider;
      replace(
        this.provider,
        h("option", { value: "" }, info.default_provider ? t("review.translate.defaultNamed", { name: info.default_provider }) : t("review.translate.defaultProvider")),
        info.providers.map((p: ProviderConfig) => h("option", { value: p.name, selected: p.name === keep }, `${p.name} (${p.kind})`)),
      );
      this.renderButtons();
    } catch (e) {
      this.setStatus(t("review.translate.providersError", { message: (e as ApiError).message }), true);
    }
  }

  private renderButtons(): void {
    const saved = !!this.host.savedKey();
    const name = this.provider.value || this.defaultProvider || t("library.translation.defaultProvider");
    replace(this.draftBtn, t("library.translation.draft", { provider: name }));
    this.draftBtn.disabled = this.busy || !saved;
    this.draftBtn.title = saved ? "" : t("library.translation.saveFirst");
    this.emptyBtn.disabled = this.busy;
    if (!saved && !this.busy && !this.status.textContent) this.setStatus(t("library.translation.saveFirst"));
  }

  private setStatus(text: string | null, error = false): void {
    this.status.className = "translate-status pre" + (error ? " field-error" : " muted");
    replace(this.status, text);
  }

  /** The locale typed, or null (and why) when it cannot be added. */
  private chosen(): string | null {
    const code = this.locale.value.trim();
    let why: string | null = null;
    if (!LOCALE_RE.test(code)) why = t("review.translate.invalidLocale");
    else if (this.host.locales().includes(code)) why = t("library.translation.exists", { locale: code });
    this.locale.toggleAttribute("aria-invalid", !!why);
    if (why) {
      this.setStatus(why, true);
      this.locale.focus();
      return null;
    }
    return code;
  }

  private empty(): void {
    const code = this.chosen();
    if (!code) return;
    this.locale.value = "";
    this.el.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    this.host.addEmpty(code);
  }

  private async draft(): Promise<void> {
    const key = this.host.savedKey();
    if (this.busy || !key) return;
    const code = this.chosen();
    if (!code) return;
    this.busy = true;
    this.setStatus(t("review.translate.busy"));
    this.renderButtons();
    try {
      const text = await api.draftTranslation(key, code, this.provider.value || null);
      this.busy = false;
      this.locale.value = "";
      this.el.hidden = true;
      this.button.setAttribute("aria-expanded", "false");
      this.host.addDrafted(text);
    } catch (e) {
      this.busy = false;
      this.setStatus(t("library.translation.draftError", { message: (e as ApiError).message }), true);
      this.renderButtons();
    }
  }
}
