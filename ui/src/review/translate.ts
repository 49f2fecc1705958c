// "Translate…": machine-translate a template into a language (`review_translate`); the new
// draft joins the queue and is selected.
import { api, type ApiError, type ProviderConfig, type ReviewItem } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { COMMON_LOCALES, nativeName } from "../locales";
import { LOCALE_RE } from "../text";
import { latestOnly } from "../components/latest";
import { errorText } from "./message";
import type { ReviewWindow } from "./window";

export class TranslatePanel {
  readonly button: HTMLButtonElement;
  readonly el: HTMLFormElement;
  private readonly key: HTMLInputElement;
  private readonly keys = h("datalist", { id: "tr-keys" });
  private readonly locale: HTMLInputElement;
  private readonly provider: HTMLSelectElement;
  private readonly status = h("p", { class: "translate-status", role: "status", "aria-live": "polite" });
  private readonly submit = h("button", { type: "submit", class: "btn btn-primary btn-small" }, t("review.translate.submit"));
  private busy = false;
  private error: string | null = null;
  private readonly providerLists = latestOnly();

  constructor(private readonly w: ReviewWindow) {
    this.button = h(
      "button",
      { type: "button", class: "btn btn-small", "aria-expanded": "false", "aria-controls": "translate-panel", onclick: () => this.toggle() },
      t("review.translate.open"),
    );
    const input = (id: string, list: string, placeholder: string) =>
      h("input", { id, class: "input mono", type: "text", list, autocomplete: "off", spellcheck: "false", placeholder, required: true });
    this.key = input("tr-key", "tr-keys", "order-shipped");
    this.locale = input("tr-locale", "tr-locales", "ar");
    const locales = h("datalist", { id: "tr-locales" }, COMMON_LOCALES.map((c) => h("option", { value: c }, [c, nativeName(c)].filter(Boolean).join(" · "))));
    this.provider = h("select", { id: "tr-provider", class: "input" }, h("option", { value: "" }, t("review.translate.defaultProvider")));
    const field = (id: string, label: string, ...children: Node[]) => h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), ...children);
    this.el = h(
      "form",
      {
        class: "translate-panel",
        id: "translate-panel",
        hidden: true,
        novalidate: true,
        "aria-labelledby": "tr-title",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.translate();
        },
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === "Escape") {
            e.preventDefault();
            this.toggle(false);
          }
        },
      },
      h("h2", { class: "panel-title", id: "tr-title" }, t("review.translate.title")),
      field("tr-key", t("review.translate.key"), this.key, this.keys),
      h("div", { class: "translate-row" }, field("tr-locale", t("review.translate.locale"), this.locale, locales), field("tr-provider", t("review.translate.provider"), this.provider)),
      this.status,
      h(
        "div",
        { class: "panel-actions" },
        h("button", { type: "button", class: "btn btn-small", onclick: () => this.toggle(false) }, t("review.translate.cancel")),
        this.submit,
      ),
    );
  }

  /** The template keys offered: those in the queue. */
  updateKeys(items: ReviewItem[]): void {
    replace(this.keys, [...new Set(items.map((it) => it.key))].map((k) => h("option", { value: k })));
  }

  toggle(open = this.el.hidden): void {
    this.el.hidden = !open;
    this.button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      this.error = null;
      if (!this.key.value) this.key.value = this.w.current()?.key ?? "";
      this.renderStatus();
      void this.loadProviders();
      (this.key.value ? this.locale : this.key).focus();
    } else this.button.focus();
  }

  /** The providers to choose from (asked again at every opening; the latest answer wins). */
  private async loadProviders(): Promise<void> {
    const res = await this.providerLists.run(() => api.listProviders());
    if (!res) return;
    if (res.ok) {
      const info = res.value;
      const keep = this.provider.value;
      replace(
        this.provider,
        h("option", { value: "" }, info.default_provider ? t("review.translate.defaultNamed", { name: info.default_provider }) : t("review.translate.defaultProvider")),
        info.providers.map((p: ProviderConfig) => h("option", { value: p.name, selected: p.name === keep }, `${p.name} (${p.kind})`)),
      );
    } else {
      this.error = t("review.translate.providersError", { message: (res.error as ApiError).message });
      this.renderStatus();
      if (!this.provider.options.length) replace(this.provider, h("option", { value: "" }, t("review.translate.defaultProvider")));
    }
  }

  private renderStatus(): void {
    this.status.className = "translate-status pre" + (this.error ? " field-error" : this.busy ? " muted" : "");
    replace(this.status, this.error ?? (this.busy ? t("review.translate.busy") : null));
    this.submit.disabled = this.busy;
    this.key.readOnly = this.busy;
    this.locale.readOnly = this.busy;
  }

  private setState(busy: boolean, error: string | null): void {
    this.busy = busy;
    this.error = error;
    this.renderStatus();
  }

  private async translate(): Promise<void> {
    if (this.busy) return;
    const key = this.key.value.trim();
    const locale = this.locale.value.trim();
    this.key.toggleAttribute("aria-invalid", !key);
    this.locale.toggleAttribute("aria-invalid", !LOCALE_RE.test(locale));
    if (!key || !LOCALE_RE.test(locale)) {
      this.setState(false, !key ? t("review.translate.invalidKey") : t("review.translate.invalidLocale"));
      (!key ? this.key : this.locale).focus();
      return;
    }
    this.setState(true, null);
    try {
      const item = await api.reviewTranslate(key, locale, this.provider.value || null);
      this.setState(false, null);
      this.toggle(false);
      await this.w.translated(item);
    } catch (e) {
      this.setState(false, errorText("review.translate.error", e as ApiError));
    }
  }
}
