// One language of the template in the editor: its Fluent editor (shared component: chips,
// colouring, error marks), its status, the live check (template_check, debounced: errors as
// "LINE:COL message" and marked in the text), the live preview (template_preview) and the
// text's tools — Insert variable, Plural…, History, Remove language.
import { api, type ApiError } from "../api";
import { h, replace, type Child } from "../h";
import { t } from "../i18n";
import { debounce } from "../components/debounce";
import { FluentEditor, dirOf } from "../components/fluent-editor";
import { latestOnly } from "../components/latest";
import { previewSegments } from "../components/preview-text";
import { langLabel, statusBadge } from "./labels";
import { PluralPanel } from "./plural";
import type { FtlError, ReviewPreview, Status, TemplateText, TextCheck, Vocabulary } from "./types";
import { VarsMenu } from "./vars-menu";

export const CHECK_DEBOUNCE_MS = 150;
export const PREVIEW_DEBOUNCE_MS = 250;

/** What a card needs from the editor around it. */
export interface CardHost {
  /** The template key the texts are checked under. */
  checkKey(): string;
  /** The template's source language (the preview fills the source text too). */
  sourceLocale(): string;
  /** The preview's order (null: the backend's sample order). */
  orderId(): string | null;
  vocabulary(locale: string): Promise<Vocabulary>;
  /** The person changed the text. */
  edited(card: TextCard): void;
  /** A check finished (the Save button may change). */
  checked(card: TextCard): void;
  history(card: TextCard): void;
  remove(card: TextCard): void;
}

interface Check {
  text: string;
  result: TextCheck | null;
  error: ApiError | null;
}

export class TextCard {
  readonly el: HTMLElement;
  readonly editor: FluentEditor;
  /** What is stored for this language (null: added in this editor, not saved yet). */
  stored: TemplateText | null;
  private readonly headEl = h("div", { class: "card-head" });
  private readonly notesEl = h("div", { class: "card-notes" });
  private readonly checkEl: HTMLElement;
  private readonly previewEl: HTMLElement;
  private readonly missingEl = h("p", { class: "preview-missing", hidden: true });
  private readonly menu: VarsMenu;
  private readonly plural: PluralPanel;
  private readonly historyBtn: HTMLButtonElement;
  /** Ids of the parts named by aria attributes (from the locale the card was made with). */
  private readonly uid: string;
  private check: Check | null = null;
  private preview: { text: string; result: ReviewPreview | null; error: ApiError | null } | null = null;
  private readonly checks = latestOnly();
  private readonly previews = latestOnly();
  private readonly scheduleCheck = debounce(() => void this.runCheck(), CHECK_DEBOUNCE_MS);
  private readonly schedulePreview = debounce(() => void this.runPreview(), PREVIEW_DEBOUNCE_MS);

  constructor(
    private readonly host: CardHost,
    public locale: string,
    readonly source: boolean,
    stored: TemplateText | null,
    text: string,
  ) {
    this.stored = stored;
    const id = "text-" + locale;
    this.uid = id;
    this.checkEl = h("div", { class: "check", id: id + "-check", "data-testid": "editor-errors-" + locale, "aria-live": "polite" });
    this.previewEl = h("div", { class: "preview-box", id: id + "-preview", dir: dirOf(locale), lang: locale, "aria-label": t("library.preview.label") });
    this.editor = new FluentEditor({
      id,
      className: "card-editor",
      locale,
      text,
      labelledBy: id + "-label",
      describedBy: id + "-check",
      onChange: () => this.onEdit(),
      keys: [{ key: "Ctrl-Space", run: () => (void this.openMenu(), true) }],
    });
    this.menu = new VarsMenu(id + "-vars", (s) => this.editor.insert(s), () => this.editor.focus());
    this.plural = new PluralPanel(id + "-plural", () => this.locale, (s) => this.editor.insert(s), () => this.editor.focus());
    this.historyBtn = h("button", { type: "button", class: "btn btn-small", onclick: () => host.history(this) }, t("library.history.button"));
    const tools = h(
      "div",
      { class: "card-tools" },
      h("button", { type: "button", class: "btn btn-small", "aria-haspopup": "menu", "aria-controls": id + "-vars", title: t("library.vars.button") + " (Ctrl+Space)", onclick: () => void this.openMenu() }, t("library.vars.button")),
      h("button", { type: "button", class: "btn btn-small", "aria-haspopup": "dialog", onclick: () => this.openPlural() }, t("library.plural.button")),
      this.historyBtn,
      source ? null : h("button", { type: "button", class: "btn btn-small btn-reject", onclick: () => host.remove(this) }, t("library.translation.remove")),
      this.menu.el,
      this.plural.el,
    );
    this.editor.el.dataset.testid = "editor-text-" + locale;
    this.el = h(
      "section",
      { class: ["text-card", source && "text-card-source"], id: "card-" + locale, "data-locale": locale, "aria-labelledby": id + "-label" },
      this.headEl,
      this.notesEl,
      tools,
      this.editor.el,
      this.checkEl,
      h("div", { class: "col-label" }, t("library.preview.label")),
      this.previewEl,
      this.missingEl,
    );
    this.renderHead();
    this.renderCheck();
  }

  get value(): string {
    return this.editor.value;
  }

  status(): Status | null {
    return this.stored?.status ?? null;
  }

  /** History is there once the template was saved. */
  setSaved(saved: boolean): void {
    this.historyBtn.disabled = !saved;
    this.historyBtn.title = saved ? "" : t("library.history.unsaved");
  }

  /** Show what is stored now (after a save or a reload); the text too unless `keepText`. */
  setStored(stored: TemplateText | null, keepText = false): void {
    this.stored = stored;
    if (!keepText && stored) this.editor.reset(stored.text, this.locale);
    this.renderHead();
    this.start();
  }

  /** The source language of a new template changed. */
  setLocale(locale: string): void {
    this.locale = locale;
    this.editor.setLocale(locale);
    this.el.id = "card-" + locale;
    this.el.dataset.locale = locale;
    this.editor.el.id = "text-" + locale;
    this.editor.el.dataset.testid = "editor-text-" + locale;
    this.checkEl.dataset.testid = "editor-errors-" + locale;
    this.previewEl.id = "text-" + locale + "-preview";
    this.previewEl.setAttribute("dir", dirOf(locale));
    this.previewEl.setAttribute("lang", locale);
    this.renderHead();
    this.start();
  }

  /** Check and preview the text now (after building or loading). */
  start(): void {
    void this.runCheck();
    void this.runPreview();
  }

  /** The order changed: preview again. */
  refreshPreview(): void {
    void this.runPreview();
  }

  /** The errors of the last check of this text (while typing: of the text before). */
  errors(): FtlError[] {
    return this.check?.result?.errors ?? [];
  }

  variables(): string[] {
    return this.check?.result?.variables ?? [];
  }

  /** The check of exactly the text now in the editor, asking for it when needed. */
  async ensureChecked(): Promise<Check | null> {
    this.scheduleCheck.cancel();
    if (!this.check || this.check.text !== this.value || this.checks.pending()) await this.runCheck();
    return this.check && this.check.text === this.value ? this.check : null;
  }

  checkFailed(): ApiError | null {
    return this.check?.error ?? null;
  }

  focus(): void {
    this.editor.focus();
  }

  destroy(): void {
    this.scheduleCheck.cancel();
    this.schedulePreview.cancel();
    this.checks.cancel();
    this.previews.cancel();
    this.editor.destroy();
  }

  async openMenu(): Promise<void> {
    this.plural.close();
    await this.menu.open(() => this.host.vocabulary(this.locale));
  }

  async openPlural(): Promise<void> {
    this.menu.close();
    let numbers: string[] = [];
    try {
      numbers = (await this.host.vocabulary(this.locale)).number_variables;
    } catch {
      /* the text's own variables are still offered */
    }
    this.plural.open([...numbers, ...this.variables()]);
  }

  private onEdit(): void {
    this.renderCheck(true);
    this.scheduleCheck();
    this.schedulePreview();
    this.host.edited(this);
  }

  private async runCheck(): Promise<void> {
    this.scheduleCheck.cancel();
    const text = this.value;
    const res = await this.checks.run(() => api.templateCheck(this.host.checkKey(), this.locale, text));
    if (!res) return;
    this.check = res.ok ? { text, result: res.value, error: null } : { text, result: null, error: res.error as ApiError };
    if (text === this.value) this.editor.setErrors(this.check.result?.errors ?? []);
    this.renderCheck(this.scheduleCheck.pending());
    this.host.checked(this);
  }

  private async runPreview(): Promise<void> {
    this.schedulePreview.cancel();
    const text = this.value;
    const res = await this.previews.run(() => api.templatePreview(this.locale, text, this.host.orderId(), this.host.checkKey(), this.host.sourceLocale()));
    if (!res) return;
    this.preview = res.ok ? { text, result: res.value, error: null } : { text, result: null, error: res.error as ApiError };
    this.renderPreview();
  }

  private renderHead(): void {
    const st = this.stored;
    const provider = st?.provider ? h("span", { class: "card-provider" }, t("library.translation.provider", { provider: st.provider })) : null;
    replace(
      this.headEl,
      h("h3", { class: "card-title", id: this.uid + "-label" }, langLabel(this.locale)),
      this.source ? h("span", { class: "badge badge-source" }, t("library.source")) : st ? statusBadge(st.status) : h("span", { class: "badge badge-new" }, t("library.translation.new")),
      provider,
    );
    const notes: Child[] = [];
    if (!this.source && st?.status === "stale") notes.push(h("p", { class: "card-note stale-note", role: "note" }, h("span", { "aria-hidden": "true" }, "⚠ "), t("library.translation.stale")));
    if (st?.problem) notes.push(h("p", { class: "card-note problem-note", role: "note", dir: "auto" }, t("library.translation.problem", { problem: st.problem })));
    replace(this.notesEl, notes);
    this.el?.classList.toggle("is-stale", !this.source && st?.status === "stale");
  }

  private renderCheck(pending = false): void {
    const el = this.checkEl;
    const c = this.check;
    el.classList.toggle("is-stale", pending);
    if (!c) {
      el.className = "check";
      replace(el, h("p", { class: "check-line muted" }, t("library.check.checking")));
      return;
    }
    if (c.error) {
      el.className = "check check-bad";
      replace(el, h("p", { class: "check-line check-error", role: "alert" }, t("library.check.failed", { message: c.error.message })));
      return;
    }
    const errors = c.result!.errors;
    const problem = this.preview?.result?.problem ?? null;
    const lines: Child[] = errors.map((e) => h("li", { class: "check-line check-error", dir: "auto" }, t("library.check.error", { line: e.line, column: e.column, message: e.message })));
    if (problem && !errors.length) lines.push(h("li", { class: "check-line check-problem", dir: "auto" }, problem));
    el.className = ["check", pending && "is-stale", errors.length ? "check-bad" : "check-ok"].filter(Boolean).join(" ");
    replace(el, lines.length ? h("ul", { class: "check-list" }, lines) : h("p", { class: "check-line" }, h("span", { "aria-hidden": "true" }, "✓ "), t("library.check.ok")));
  }

  private renderPreview(): void {
    const p = this.preview;
    this.missingEl.hidden = true;
    if (!p) return replace(this.previewEl);
    this.previewEl.classList.toggle("is-stale", p.text !== this.value);
    if (p.error) return replace(this.previewEl, h("span", { class: "field-error" }, t("library.preview.error", { message: p.error.message })));
    const r = p.result!;
    if (r.errors.length) replace(this.previewEl, h("span", { class: "muted" }, t("library.preview.invalid")));
    else replace(this.previewEl, previewSegments(r.text));
    this.missingEl.hidden = r.missing.length === 0;
    replace(this.missingEl, r.missing.length ? t("library.preview.missing", { names: r.missing.join(", ") }) : null);
    this.renderCheck(this.scheduleCheck.pending());
  }
}
