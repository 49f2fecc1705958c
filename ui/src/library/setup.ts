// First-run setup (the library window opens on it while setup_state().needed): the shop's name
// and signature (shop variables), the staff's interface language (applied at once), the
// default buyer language, importing orders (optional) and a one-screen tour of the hotkey.
// Skip → setup_skip; Finish → setup_finish.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { getLang, isLang, setLang, t, type Lang } from "../i18n";
import { COMMON_LOCALES, languageName, nativeName } from "../locales";
import { LOCALE_RE } from "../text";
import { browseButton } from "./browse";
import { ordersSummary, type SetupAnswers, type SetupState, type UiLangSetting } from "./types";
import type { LibraryWindow } from "./window";

const ORDER_FILTERS = [{ name: "CSV / XLSX / TXT", extensions: ["csv", "tsv", "txt", "xlsx", "xls", "ods"] }];

/** The interface language an "auto" setting shows before the backend resolves it for real. */
function guessAuto(): Lang {
  const l = (typeof navigator !== "undefined" && navigator.language) || "en";
  return /^zh/i.test(l) ? "zh-CN" : "en";
}

export class SetupView {
  readonly el: HTMLElement;
  private readonly shop: HTMLInputElement;
  private readonly signature: HTMLTextAreaElement;
  private readonly ui: HTMLSelectElement;
  private readonly defLang: HTMLInputElement;
  private readonly defLangErr = h("p", { class: "field-error", id: "setup-deflang-err" });
  private readonly ordersPath: HTMLInputElement;
  private readonly ordersBtn: HTMLButtonElement;
  private readonly ordersOut = h("div", { class: "setup-orders-out", id: "setup-orders-summary", "data-testid": "setup-orders-summary", "aria-live": "polite" });
  private readonly statusEl = h("p", { class: "dialog-status", "aria-live": "polite" });
  private readonly finishBtn: HTMLButtonElement;
  private readonly skipBtn: HTMLButtonElement;
  private busy = false;

  constructor(
    private readonly w: LibraryWindow,
    state: SetupState,
    /** Answers typed before the view was rebuilt (the interface language changed). */
    typed: SetupAnswers | null = null,
  ) {
    const a: SetupAnswers = typed ?? { shop_name: state.shop_name, signature: state.signature, ui_lang: state.ui_lang, default_lang: state.default_lang };
    this.shop = h("input", { id: "setup-shop", class: "input", type: "text", value: a.shop_name, dir: "auto", autocomplete: "organization" });
    this.signature = h("textarea", { id: "setup-signature", class: "input setup-signature", rows: 3, dir: "auto" });
    this.signature.value = a.signature;
    this.ui = h(
      "select",
      { id: "setup-ui", class: "input", onchange: () => this.applyUiLang() },
      h("option", { value: "auto", selected: a.ui_lang === "auto" }, t("settings.uiLang.auto")),
      h("option", { value: "en", selected: a.ui_lang === "en", lang: "en" }, "English"),
      h("option", { value: "zh-CN", selected: a.ui_lang === "zh-CN", lang: "zh-CN" }, "简体中文"),
    );
    this.ui.value = a.ui_lang; // also where `selected` on a detached option is not kept
    this.defLang = h("input", {
      id: "setup-deflang",
      class: "input input-short mono",
      type: "text",
      list: "setup-locales",
      value: a.default_lang,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "setup-deflang-help setup-deflang-err",
      oninput: () => this.validLang(false),
    });
    this.ordersPath = h("input", { id: "setup-orders-path", "data-testid": "setup-orders-path", class: "input path-input", type: "text", autocomplete: "off", spellcheck: "false", dir: "ltr" });
    this.ordersBtn = h("button", { type: "button", class: "btn btn-small", id: "setup-orders-import", onclick: () => void this.importOrders() }, t("library.setup.orders.import"));
    this.skipBtn = h("button", { type: "button", class: "btn", id: "setup-skip", onclick: () => void this.skip() }, t("library.setup.skip"));
    this.finishBtn = h("button", { type: "button", class: "btn btn-primary", id: "setup-finish", onclick: () => void this.finish() }, t("library.setup.finish"));
    const ui = getLang();
    const step = (n: number, id: string, title: string, ...children: (Node | null)[]) =>
      h("section", { class: "setup-step", "aria-labelledby": id }, h("h2", { class: "setup-step-title", id }, h("span", { class: "setup-num", "aria-hidden": "true" }, String(n)), title), ...children);
    const field = (id: string, label: string, control: HTMLElement, help: string | null = null) =>
      h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), control, help ? h("p", { class: "help", id: id + "-help" }, help) : null);
    const hotkey = state.hotkey || "Ctrl+Shift+Space";
    this.el = h(
      "section",
      { class: "lib-setup", "aria-labelledby": "setup-title" },
      h(
        "div",
        { class: "setup-scroll" },
        h("h1", { class: "setup-title", id: "setup-title" }, t("library.setup.title")),
        h("p", { class: "muted setup-intro" }, t("library.setup.intro")),
        step(
          1,
          "setup-s1",
          t("library.setup.shop.title"),
          field("setup-shop", t("library.setup.shop.name"), this.shop, t("library.setup.shop.nameHelp")),
          field("setup-signature", t("library.setup.shop.signature"), this.signature, t("library.setup.shop.signatureHelp")),
        ),
        step(
          2,
          "setup-s2",
          t("library.setup.lang.title"),
          field("setup-ui", t("settings.uiLang.label"), this.ui),
          field("setup-deflang", t("settings.defaultLang.label"), this.defLang, t("settings.defaultLang.help")),
          this.defLangErr,
          h("datalist", { id: "setup-locales" }, COMMON_LOCALES.map((c) => h("option", { value: c }, [c, nativeName(c), languageName(c, ui)].filter(Boolean).join(" · ")))),
        ),
        step(
          3,
          "setup-s3",
          t("library.setup.orders.title"),
          h("p", { class: "help" }, t("library.setup.orders.help")),
          h(
            "div",
            { class: "path-row" },
            this.ordersPath,
            browseButton(t("library.browse.file"), () => ({ kind: "file", filters: ORDER_FILTERS }), this.ordersPath, (e) => this.ordersError(e), { id: "setup-orders-browse" }),
            this.ordersBtn,
          ),
          this.ordersOut,
        ),
        step(
          4,
          "setup-s4",
          t("library.setup.tour.title"),
          h(
            "ol",
            { class: "tour" },
            h("li", { class: "tour-step" }, h("span", { class: "tour-icon", "aria-hidden": "true" }, "⧉"), h("span", null, t("library.setup.tour.copy"))),
            h("li", { class: "tour-step" }, h("kbd", { class: "tour-key", id: "setup-hotkey" }, hotkey), h("span", null, t("library.setup.tour.hotkey", { hotkey }))),
            h("li", { class: "tour-step" }, h("kbd", { class: "tour-key" }, "Enter"), h("span", null, t("library.setup.tour.enter"))),
          ),
          h("p", { class: "help" }, t("library.setup.tour.help")),
        ),
      ),
      h("footer", { class: "setup-footer" }, this.statusEl, h("span", { class: "actions-gap" }), this.skipBtn, this.finishBtn),
    );
  }

  answers(): SetupAnswers {
    return { shop_name: this.shop.value.trim(), signature: this.signature.value.trim(), ui_lang: this.ui.value as UiLangSetting, default_lang: this.defLang.value.trim() };
  }

  focus(): void {
    this.shop.focus();
  }

  /** The interface language changes at once (the whole window is rebuilt in it). */
  private applyUiLang(): void {
    const v = this.ui.value;
    const lang: Lang = isLang(v) ? v : guessAuto();
    if (lang !== getLang()) {
      setLang(lang);
      this.w.relocalize(this.answers());
    }
  }

  private validLang(strict: boolean): boolean {
    const v = this.defLang.value.trim();
    const ok = LOCALE_RE.test(v);
    const msg = ok || (!strict && v.length < 2) ? "" : t("settings.defaultLang.invalid");
    replace(this.defLangErr, msg);
    this.defLang.toggleAttribute("aria-invalid", !!msg);
    return ok;
  }

  private setStatus(text: string | null, error = false): void {
    this.statusEl.className = "dialog-status" + (error ? " field-error" : " muted");
    this.statusEl.setAttribute("role", error ? "alert" : "status");
    replace(this.statusEl, text);
  }

  private ordersError(e: ApiError): void {
    replace(this.ordersOut, h("p", { class: "field-error", role: "alert" }, t("library.setup.orders.error", { message: e.message })));
  }

  private async importOrders(): Promise<void> {
    const path = this.ordersPath.value.trim();
    if (!path) {
      replace(this.ordersOut, h("p", { class: "field-error", role: "alert" }, t("library.import.needPath")));
      this.ordersPath.focus();
      return;
    }
    this.ordersBtn.disabled = true;
    replace(this.ordersOut, h("p", { class: "muted" }, t("library.setup.orders.busy")));
    try {
      const r = ordersSummary(await api.ordersImport(path));
      replace(
        this.ordersOut,
        h("p", { class: "summary-line" }, t("library.setup.orders.summary", { imported: r.imported, skipped: r.skipped })),
        r.errors.length ? h("ul", { class: "warning-list" }, r.errors.map((e) => h("li", { class: "warning-line", dir: "auto" }, t("library.setup.orders.line", { line: e.line, message: e.message })))) : null,
      );
    } catch (e) {
      this.ordersError(e as ApiError);
    } finally {
      this.ordersBtn.disabled = false;
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.finishBtn.disabled = busy;
    this.skipBtn.disabled = busy;
  }

  private async skip(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      await api.setupSkip();
      this.setBusy(false);
      await this.w.setupDone(null);
    } catch (e) {
      this.setBusy(false);
      this.setStatus(t("library.setup.error", { message: (e as ApiError).message }), true);
    }
  }

  private async finish(): Promise<void> {
    if (this.busy) return;
    if (!this.validLang(true)) {
      this.defLang.focus();
      this.setStatus(t("settings.invalid"), true);
      return;
    }
    const answers = this.answers();
    this.setBusy(true);
    this.setStatus(t("library.saving"));
    try {
      await api.setupFinish(answers);
      this.setBusy(false);
      await this.w.setupDone(answers);
    } catch (e) {
      this.setBusy(false);
      this.setStatus(t("library.setup.error", { message: (e as ApiError).message }), true);
    }
  }
}
