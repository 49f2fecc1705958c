// The settings form: its sections, validation and saving (`save_settings`). It is rebuilt from
// what the backend stored after every save; the Translation section keeps its own state.
import { api, type ApiError, type Settings, type UiLang } from "../api";
import { h, replace, type Child } from "../h";
import { getLang, setLang, t } from "../i18n";
import { languageFor } from "../i18n/boot";
import { COMMON_LOCALES, languageName, nativeName } from "../locales";
import { LOCALE_RE } from "../text";
import type { KeyValueRows } from "../components/kv-rows";
import { HotkeyField } from "./hotkey";
import { pasteAppRows, shopVarRows } from "./rows";

const PASTE_KEYSTROKES = ["Ctrl+V", "Shift+Insert", "Ctrl+Shift+V"];
/** How long imported orders are kept (days), as the backend accepts it. */
export const RETENTION_MIN = 1;
export const RETENTION_MAX = 3650;
export const RETENTION_DEFAULT = 365;

/** How long copied buyer messages are kept for suggestions (days; 0 turns learning off). */
export const MESSAGES_MIN = 0;
export const MESSAGES_DEFAULT = 90;

/** The retention field's value as a whole number of days in range, or null. */
export function parseRetention(value: string, min = RETENTION_MIN): number | null {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= RETENTION_MAX ? n : null;
}

type Status = { kind: "ok" | "error" | "info"; text: string };

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "section", "aria-labelledby": id }, h("h2", { id, class: "section-title" }, title), ...children);
}

function field(id: string, label: string, ...children: Child[]): HTMLElement {
  return h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), ...children);
}

function addButton(label: string, onclick: () => void): HTMLElement {
  return h("button", { type: "button", class: "btn btn-ghost", onclick }, h("span", { class: "plus", "aria-hidden": "true" }, "+"), label);
}

export class SettingsForm {
  private saved: Settings | null = null;
  private saving = false;
  private status: Status | null = null;
  // Parts of the form, rebuilt by show().
  private form!: HTMLFormElement;
  private hotkey!: HotkeyField;
  private pasteSel!: HTMLSelectElement;
  private apps!: KeyValueRows;
  private defLang!: HTMLInputElement;
  private defLangErr!: HTMLElement;
  private uiSel!: HTMLSelectElement;
  private autostart!: HTMLInputElement;
  private vars!: KeyValueRows;
  private retention!: HTMLInputElement;
  private retentionErr!: HTMLElement;
  private messages!: HTMLInputElement;
  private messagesErr!: HTMLElement;
  private statusEl!: HTMLElement;
  private saveBtn!: HTMLButtonElement;

  constructor(
    private readonly root: HTMLElement,
    /** Settings → Translation and Team, made afresh from their own state on every call. */
    private readonly sections: () => HTMLElement[],
  ) {}

  /** Build the form for `s` (what is stored). */
  show(s: Settings): void {
    this.saved = s;
    this.hotkey = new HotkeyField(s.hotkey);
    this.statusEl = h("p", { class: "save-status", role: "status", "aria-live": "polite" });
    this.saveBtn = h("button", { type: "submit", class: "btn btn-primary" }, t("settings.save"));
    this.form = h(
      "form",
      {
        class: "settings-form",
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.save();
        },
      },
      h(
        "div",
        { class: "settings-scroll" },
        h("h1", { class: "settings-title" }, t("settings.title")),
        this.hotkeySection(),
        this.pasteSection(s),
        this.langSection(s),
        this.startupSection(s),
        this.varsSection(s),
        this.ordersSection(s),
        this.suggestionsSection(s),
        this.sections(),
        this.setupSection(),
      ),
      h("footer", { class: "settings-footer" }, this.statusEl, this.saveBtn),
    );
    replace(this.root, h("div", { class: "settings" }, this.form));
    this.renderStatus();
  }

  private hotkeySection(): HTMLElement {
    return section(
      "sec-hotkey",
      t("settings.hotkey.section"),
      field("hotkey", t("settings.hotkey.label"), this.hotkey.button, h("p", { class: "help", id: "hotkey-help" }, t("settings.hotkey.help")), this.hotkey.errorEl),
    );
  }

  private pasteSection(s: Settings): HTMLElement {
    const opts = PASTE_KEYSTROKES.includes(s.paste_keystroke) || !s.paste_keystroke ? PASTE_KEYSTROKES : [...PASTE_KEYSTROKES, s.paste_keystroke];
    this.pasteSel = h(
      "select",
      { id: "paste", class: "input", "aria-describedby": "paste-help" },
      opts.map((k) => h("option", { value: k, selected: k === s.paste_keystroke }, k)),
    );
    this.apps = pasteAppRows(s.paste_overrides ?? {});
    return section(
      "sec-paste",
      t("settings.paste.section"),
      field("paste", t("settings.paste.label"), this.pasteSel, h("p", { class: "help", id: "paste-help" }, t("settings.paste.help"))),
      h(
        "div",
        { class: "paste-apps", role: "group", "aria-labelledby": "paste-apps-label", "aria-describedby": "paste-apps-help" },
        h("p", { class: "field-label", id: "paste-apps-label" }, t("settings.pasteApps.label")),
        h("p", { class: "help", id: "paste-apps-help" }, t("settings.pasteApps.help")),
        this.apps.el,
        addButton(t("settings.pasteApps.add"), () => this.apps.add()),
      ),
    );
  }

  private langSection(s: Settings): HTMLElement {
    this.defLang = h("input", {
      id: "deflang",
      class: "input input-short",
      type: "text",
      list: "locale-codes",
      value: s.default_lang,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "deflang-help deflang-err",
      oninput: () => this.validateLang(false),
    });
    this.defLangErr = h("p", { class: "field-error", id: "deflang-err" });
    const ui = getLang();
    const datalist = h(
      "datalist",
      { id: "locale-codes" },
      COMMON_LOCALES.map((c) => h("option", { value: c }, [c, nativeName(c), languageName(c, ui)].filter(Boolean).join(" · "))),
    );
    this.uiSel = h(
      "select",
      { id: "uilang", class: "input" },
      h("option", { value: "auto", selected: s.ui_lang === "auto" }, t("settings.uiLang.auto")),
      h("option", { value: "en", selected: s.ui_lang === "en", lang: "en" }, "English"),
      h("option", { value: "zh-CN", selected: s.ui_lang === "zh-CN", lang: "zh-CN" }, "简体中文"),
    );
    return section(
      "sec-lang",
      t("settings.lang.section"),
      field("deflang", t("settings.defaultLang.label"), this.defLang, datalist, h("p", { class: "help", id: "deflang-help" }, t("settings.defaultLang.help")), this.defLangErr),
      field("uilang", t("settings.uiLang.label"), this.uiSel),
    );
  }

  private startupSection(s: Settings): HTMLElement {
    this.autostart = h("input", { id: "autostart", type: "checkbox", class: "checkbox", checked: s.autostart });
    return section(
      "sec-startup",
      t("settings.startup.section"),
      h("div", { class: "field field-check" }, this.autostart, h("label", { for: "autostart" }, t("settings.autostart.label"))),
    );
  }

  private varsSection(s: Settings): HTMLElement {
    this.vars = shopVarRows(s.shop_vars ?? {});
    return section(
      "sec-vars",
      t("settings.vars.section"),
      h("p", { class: "help", id: "vars-help" }, t("settings.vars.help")),
      this.vars.el,
      addButton(t("settings.vars.add"), () => this.vars.add()),
    );
  }

  /** How long imported orders (buyers' names and addresses) are kept. */
  private ordersSection(s: Settings): HTMLElement {
    this.retention = h("input", {
      id: "retention",
      "data-testid": "settings-retention",
      class: "input input-short",
      type: "number",
      inputmode: "numeric",
      min: String(RETENTION_MIN),
      max: String(RETENTION_MAX),
      step: "1",
      value: String(s.order_retention_days ?? RETENTION_DEFAULT),
      "aria-describedby": "retention-help retention-err",
      oninput: () => this.validateRetention(),
    });
    this.retentionErr = h("p", { class: "field-error", id: "retention-err" });
    return section(
      "sec-orders",
      t("settings.orders.section"),
      field(
        "retention",
        t("settings.retention.label"),
        h("div", { class: "inline-field" }, this.retention, h("span", { class: "muted" }, t("settings.retention.unit"))),
        h("p", { class: "help", id: "retention-help" }, t("settings.retention.help", { min: RETENTION_MIN, max: RETENTION_MAX })),
        this.retentionErr,
      ),
    );
  }

  /** How long copied buyer messages (what suggestions learn from) are kept; 0 = off. */
  private suggestionsSection(s: Settings): HTMLElement {
    this.messages = h("input", {
      id: "message-retention",
      "data-testid": "settings-message-retention",
      class: "input input-short",
      type: "number",
      inputmode: "numeric",
      min: String(MESSAGES_MIN),
      max: String(RETENTION_MAX),
      step: "1",
      value: String(s.message_retention_days ?? MESSAGES_DEFAULT),
      "aria-describedby": "message-retention-help message-retention-err",
      oninput: () => this.validateMessages(),
    });
    this.messagesErr = h("p", { class: "field-error", id: "message-retention-err" });
    return section(
      "sec-suggestions",
      t("settings.suggestions.section"),
      field(
        "message-retention",
        t("settings.messages.label"),
        h("div", { class: "inline-field" }, this.messages, h("span", { class: "muted" }, t("settings.retention.unit"))),
        h("p", { class: "help", id: "message-retention-help" }, t("settings.messages.help", { max: RETENTION_MAX })),
        this.messagesErr,
      ),
    );
  }

  /** "Run first-run setup again": the library window opens on its setup (open_setup). */
  private setupSection(): HTMLElement {
    return section(
      "sec-setup",
      t("settings.setup.section"),
      h("p", { class: "help" }, t("settings.setup.help")),
      h(
        "button",
        {
          type: "button",
          class: "btn",
          id: "run-setup",
          onclick: () => {
            api.openSetup().catch((e: ApiError) => this.setStatus({ kind: "error", text: t("settings.setup.error", { message: e.message }) }));
          },
        },
        t("settings.setup.button"),
      ),
    );
  }

  // ------------------------------------------------------------ validation & save
  private validateLang(strict: boolean): boolean {
    const v = this.defLang.value.trim();
    const ok = LOCALE_RE.test(v);
    const msg = ok || (!strict && v.length < 2) ? "" : t("settings.defaultLang.invalid");
    replace(this.defLangErr, msg);
    this.defLang.toggleAttribute("aria-invalid", !!msg);
    return ok;
  }

  private validateRetention(): number | null {
    const n = parseRetention(this.retention.value);
    replace(this.retentionErr, n === null ? t("settings.retention.invalid", { min: RETENTION_MIN, max: RETENTION_MAX }) : "");
    this.retention.toggleAttribute("aria-invalid", n === null);
    return n;
  }

  private validateMessages(): number | null {
    const n = parseRetention(this.messages.value, MESSAGES_MIN);
    replace(this.messagesErr, n === null ? t("settings.retention.invalid", { min: MESSAGES_MIN, max: RETENTION_MAX }) : "");
    this.messages.toggleAttribute("aria-invalid", n === null);
    return n;
  }

  private renderStatus(): void {
    if (!this.statusEl) return;
    this.statusEl.className = "save-status" + (this.status ? " status-" + this.status.kind : "");
    replace(this.statusEl, this.status ? this.status.text : "");
  }

  private setStatus(status: Status | null): void {
    this.status = status;
    this.renderStatus();
  }

  /** What the form says, or null (errors shown) when something in it is wrong. */
  private collect(): Settings | null {
    this.hotkey.stop();
    const langOk = this.validateLang(true);
    const varErrors = this.vars.refreshErrors(true);
    const appErrors = this.apps.refreshErrors();
    const retention = this.validateRetention();
    const messages = this.validateMessages();
    if (!langOk || varErrors > 0 || appErrors > 0 || retention === null || messages === null) {
      this.setStatus({ kind: "error", text: t("settings.invalid") });
      this.form.querySelector<HTMLElement>("[aria-invalid]")?.focus();
      return null;
    }
    return {
      hotkey: this.hotkey.value,
      paste_keystroke: this.pasteSel.value,
      default_lang: this.defLang.value.trim(),
      ui_lang: this.uiSel.value as UiLang,
      autostart: this.autostart.checked,
      shop_vars: this.vars.toRecord(),
      paste_overrides: this.apps.toRecord(),
      order_retention_days: retention,
      message_retention_days: messages,
    };
  }

  async save(): Promise<void> {
    if (this.saving || !this.saved) return;
    const next = this.collect();
    if (!next) return;
    this.saving = true;
    this.saveBtn.disabled = true;
    this.setStatus({ kind: "info", text: t("settings.saving") });
    try {
      const result = await api.saveSettings(next);
      // The interface language may have changed: a concrete one applies as is, "auto" is
      // resolved by the backend.
      const lang = await languageFor(result.ui_lang);
      if (lang) setLang(lang);
      this.status = { kind: "ok", text: t("settings.saved") };
      this.saving = false;
      this.show(result);
      this.saveBtn.focus();
    } catch (err) {
      this.saving = false;
      this.saveBtn.disabled = false;
      this.refused(err as ApiError);
    }
  }

  private refused(e: ApiError): void {
    if (e.code === "hotkey") {
      this.hotkey.refused(e.message, this.saved!.hotkey); // the old one stays registered
      this.setStatus({ kind: "error", text: t("settings.error.hotkey", { message: e.message }) });
    } else {
      this.setStatus({ kind: "error", text: t("settings.error.save", { message: e.message }) });
    }
  }
}
