// The template editor (edit view): the fields (key — suggested from the title while the
// template is new, read-only once saved —, title, category, tags, shortcut, example buyer
// questions), one card per language side by side (text-card.ts), "Add language"
// (translations.ts), the preview order, and Save (Ctrl+S; disabled while any text has an
// error, saying why). Escape goes back to the list (twice when there are unsaved changes).
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { debounce } from "../components/debounce";
import { latestOnly } from "../components/latest";
import { PreviewOrder } from "../components/preview-order";
import { COMMON_LOCALES } from "../locales";
import { HistoryDialog } from "./history";
import { buildDraft, fieldsOf, usualSourceLocale, type EditorFields } from "./logic";
import { TextCard, type CardHost } from "./text-card";
import { AddLanguage, type AddLanguageHost } from "./translations";
import type { TemplateDetail, TemplateDraft, TemplateText, Vocabulary } from "./types";
import type { LibraryWindow } from "./window";

const SUGGEST_DEBOUNCE_MS = 250;

type Field = keyof EditorFields;

/** What a new reply starts with besides the defaults. */
export interface NewReply {
  /** Its example buyer questions (one per line in the field). */
  examples: string[];
}

export class TemplateEditor implements CardHost, AddLanguageHost {
  readonly el: HTMLElement;
  /** What is stored (null: a new template, never saved). */
  detail: TemplateDetail | null = null;
  cards: TextCard[] = [];
  busy = false;
  private baseline = "";
  /** The owner typed a key: the title no longer suggests one. */
  private keyTouched = false;
  private leaveArmed = false;
  private readonly inputs: Record<Field, HTMLInputElement | HTMLTextAreaElement>;
  private readonly headTitle = h("h2", { class: "view-title editor-title", dir: "auto" });
  private readonly dirtyEl = h("span", { class: "dirty-mark", hidden: true }, "● ", t("library.editor.unsaved"));
  private readonly whyEl = h("span", { class: "save-why", id: "save-why", "aria-live": "polite" });
  private readonly saveBtn: HTMLButtonElement;
  private readonly cardsEl = h("div", { class: "text-cards" });
  private readonly categories = h("datalist", { id: "ed-categories" });
  private readonly order: PreviewOrder;
  private readonly add: AddLanguage;
  private readonly vocab = new Map<string, Promise<Vocabulary>>();
  private readonly suggestions = latestOnly();
  private readonly scheduleSuggest = debounce(() => void this.suggest(), SUGGEST_DEBOUNCE_MS);

  constructor(private readonly w: LibraryWindow) {
    const input = (id: Field, attrs: Record<string, unknown> = {}) =>
      h("input", { id: "ed-" + id, class: "input", type: "text", autocomplete: "off", spellcheck: "false", oninput: () => this.onField(id), ...attrs });
    this.inputs = {
      key: input("key", { class: "input mono", "aria-describedby": "ed-key-help", "data-testid": "editor-key" }),
      title: input("title", { dir: "auto", spellcheck: "true", "data-testid": "editor-title" }),
      category: input("category", { list: "ed-categories", dir: "auto" }),
      tags: input("tags", { "aria-describedby": "ed-tags-help", dir: "auto" }),
      shortcut: input("shortcut", { class: "input mono input-short" }),
      source_locale: input("source_locale", { class: "input mono input-short", list: "ed-locales" }),
      examples: h("textarea", { id: "ed-examples", class: "input examples", rows: 3, dir: "auto", spellcheck: "true", oninput: () => this.onField("examples") }),
    };
    this.saveBtn = h(
      "button",
      { type: "button", class: "btn btn-primary edit-only", id: "ed-save", "data-testid": "editor-save", "aria-keyshortcuts": "Control+S", "aria-describedby": "save-why", onclick: () => void this.save() },
      t("library.save"),
    );
    this.order = new PreviewOrder(() => this.cards.forEach((c) => c.refreshPreview()));
    this.add = new AddLanguage(this);
    const field = (id: Field, label: string, help: string | null = null, wide = false) =>
      h(
        "div",
        { class: ["field", wide && "field-wide"] },
        h("label", { class: "field-label", for: "ed-" + id }, label),
        this.inputs[id],
        help ? h("p", { class: "help", id: `ed-${id}-help` }, help) : null,
      );
    this.el = h(
      "section",
      { class: "lib-editor", hidden: true, "aria-labelledby": "editor-title" },
      h(
        "header",
        { class: "view-head editor-head" },
        h("button", { type: "button", class: "btn btn-small", title: "Esc", onclick: () => this.leave() }, "← ", t("library.back")),
        this.headTitle,
        this.dirtyEl,
        h("span", { class: "actions-gap" }),
        this.whyEl,
        this.saveBtn,
      ),
      h(
        "div",
        { class: "editor-scroll" },
        h(
          "div",
          { class: "editor-fields" },
          field("title", t("library.field.title")),
          field("key", t("library.field.key"), t("library.field.keyHelp")),
          field("shortcut", t("library.field.shortcut"), t("library.field.shortcutHelp")),
          field("category", t("library.field.category")),
          field("tags", t("library.field.tags"), t("library.field.tagsHelp")),
          field("source_locale", t("library.field.source")),
          field("examples", t("library.field.examples"), t("library.field.examplesHelp"), true),
          this.categories,
          h("datalist", { id: "ed-locales" }, COMMON_LOCALES.map((c) => h("option", { value: c }))),
        ),
        h("div", { class: "texts-head" }, h("h3", { class: "section-title" }, t("library.texts")), this.order.el, this.add.button),
        this.add.el,
        this.cardsEl,
      ),
    );
    this.headTitle.id = "editor-title";
  }

  // ---------------------------------------------------------------- loading
  /**
   * Open template `key` (null: a new one, `init` its first example questions); false when it
   * could not be loaded.
   */
  async open(key: string | null, init: NewReply | null = null): Promise<boolean> {
    if (key === null) {
      this.show(null, init);
      return true;
    }
    try {
      this.show(await api.templateGet(key));
      return true;
    } catch (e) {
      this.w.bar.set({ kind: "error", text: t("library.error.open", { message: (e as ApiError).message }) });
      return false;
    }
  }

  /**
   * Fill the editor with `d` (null: an empty new template). A new one can start with example
   * questions (`init`): they count as unsaved changes, so leaving asks first.
   */
  show(d: TemplateDetail | null, init: NewReply | null = null): void {
    this.detail = d;
    this.keyTouched = false;
    this.leaveArmed = false;
    this.scheduleSuggest.cancel();
    this.suggestions.cancel();
    const f: EditorFields = d
      ? fieldsOf(d)
      : { key: "", title: "", category: "", tags: "", shortcut: "", examples: "", source_locale: usualSourceLocale(this.w.data?.rows ?? [], this.w.defaultLang) };
    for (const k of Object.keys(this.inputs) as Field[]) this.inputs[k].value = f[k];
    this.inputs.key.readOnly = !!d;
    this.inputs.source_locale.readOnly = !!d;
    replace(this.categories, (this.w.data?.categories ?? []).map((c) => h("option", { value: c })));
    for (const c of this.cards) c.destroy();
    const texts: TemplateText[] = d ? d.variants : [];
    const src = texts.find((v) => v.locale === f.source_locale) ?? null;
    this.cards = [new TextCard(this, f.source_locale, true, src, src?.text ?? "")];
    for (const v of texts) if (v.locale !== f.source_locale) this.cards.push(new TextCard(this, v.locale, false, v, v.text));
    for (const c of this.cards) c.setSaved(!!d);
    replace(this.cardsEl, this.cards.map((c) => c.el));
    this.add.el.hidden = true;
    this.baseline = JSON.stringify(this.draft());
    if (!d && init?.examples.length) this.inputs.examples.value = init.examples.join("\n");
    for (const c of this.cards) c.start();
    this.renderHead();
    this.updateButtons();
  }

  /** The template changed elsewhere: show it again unless there are unsaved changes here. */
  async reloadIfClean(): Promise<void> {
    this.vocab.clear();
    const d = this.detail;
    if (!d || this.isDirty() || this.busy) return;
    try {
      const fresh = await api.templateGet(d.key);
      if (this.detail === d && !this.isDirty() && JSON.stringify(fresh) !== JSON.stringify(d)) this.show(fresh);
    } catch {
      /* deleted meanwhile: the list says so */
    }
  }

  focus(): void {
    if (this.detail) this.cards[0].focus();
    else this.inputs.title.focus();
  }

  // ---------------------------------------------------------------- state
  fields(): EditorFields {
    const out = {} as EditorFields;
    for (const k of Object.keys(this.inputs) as Field[]) out[k] = this.inputs[k].value;
    return out;
  }

  draft(): TemplateDraft {
    return buildDraft(this.detail?.key ?? null, this.fields(), this.cards.map((c) => ({ locale: c.locale, text: c.value })));
  }

  isDirty(): boolean {
    return JSON.stringify(this.draft()) !== this.baseline;
  }

  /** Why Save cannot be used now ("" when it can). */
  private blocked(): string {
    if (this.busy) return t("library.saving");
    const bad = this.cards.find((c) => c.errors().length > 0);
    if (bad) {
      const e = bad.errors()[0];
      return t("library.save.blockedErrors", { lang: bad.locale, line: e.line, column: e.column, message: e.message });
    }
    if (!this.isDirty()) return this.detail ? t("library.save.noChanges") : "";
    return "";
  }

  updateButtons(): void {
    const why = this.blocked();
    this.saveBtn.disabled = !!why || (!this.detail && !this.isDirty());
    this.saveBtn.title = why || t("library.save") + " (Ctrl+S)";
    this.whyEl.textContent = why && why !== t("library.save.noChanges") ? why : "";
    this.whyEl.className = "save-why" + (this.cards.some((c) => c.errors().length) ? " field-error" : "");
    this.dirtyEl.hidden = !this.isDirty();
  }

  private renderHead(): void {
    this.headTitle.textContent = this.inputs.title.value.trim() || (this.detail ? this.detail.key : t("library.editor.new"));
  }

  private onField(id: Field): void {
    this.leaveArmed = false;
    if (id === "key") this.keyTouched = this.inputs.key.value.trim() !== "";
    if (id === "title") {
      this.renderHead();
      if (!this.detail && !this.keyTouched) this.scheduleSuggest();
    }
    if (id === "source_locale" && !this.detail) {
      const code = this.inputs.source_locale.value.trim();
      if (code) this.cards[0].setLocale(code);
    }
    this.updateButtons();
  }

  /** Fill the key from the title (suggest_key) while the template is new and no key was typed. */
  private async suggest(): Promise<void> {
    const title = this.inputs.title.value.trim();
    if (this.detail || this.keyTouched) return;
    if (!title) {
      this.inputs.key.value = "";
      this.updateButtons();
      return;
    }
    const res = await this.suggestions.run(() => api.suggestKey(title));
    if (!res || this.detail || this.keyTouched) return;
    if (res.ok) this.inputs.key.value = res.value;
    else this.w.bar.set({ kind: "error", text: t("library.error.suggest", { message: (res.error as ApiError).message }) });
    this.updateButtons();
  }

  // ---------------------------------------------------------------- cards (CardHost)
  checkKey(): string {
    return this.inputs.key.value.trim() || this.detail?.key || "new-reply";
  }

  sourceLocale(): string {
    return this.cards[0]?.locale ?? this.inputs.source_locale.value.trim();
  }

  orderId(): string | null {
    return this.order.current?.order_id ?? null;
  }

  vocabulary(locale: string): Promise<Vocabulary> {
    let v = this.vocab.get(locale);
    if (!v) {
      v = api.editorVocabulary(locale);
      v.catch(() => this.vocab.delete(locale));
      this.vocab.set(locale, v);
    }
    return v;
  }

  edited(): void {
    this.leaveArmed = false;
    if (this.w.bar.message?.kind === "error") this.w.bar.set(null);
    this.updateButtons();
  }

  checked(): void {
    this.updateButtons();
  }

  history(card: TextCard): void {
    const d = this.detail;
    if (!d) return;
    void new HistoryDialog(d.key, card.locale, this.isDirty(), (restored) => {
      this.show(restored);
      this.w.bar.set({ kind: "ok", text: t("library.history.restored", { lang: card.locale }) });
      void this.w.reload();
    }).open(this.w.dialogHost);
  }

  remove(card: TextCard): void {
    const i = this.cards.indexOf(card);
    if (i <= 0) return;
    this.cards.splice(i, 1);
    card.el.remove();
    card.destroy();
    this.w.bar.set({ kind: "info", text: t("library.translation.removed", { lang: card.locale }) });
    (this.cards[i] ?? this.cards[i - 1]).focus();
    this.updateButtons();
  }

  // ---------------------------------------------------------------- translations (AddLanguageHost)
  savedKey(): string | null {
    return this.detail?.key ?? null;
  }

  locales(): string[] {
    return this.cards.map((c) => c.locale);
  }

  known(): string[] {
    return this.w.data?.locales ?? [];
  }

  addEmpty(locale: string): void {
    this.addCard(locale, null, "");
  }

  addDrafted(text: TemplateText): void {
    this.addCard(text.locale, text, text.text);
    this.w.bar.set({ kind: "ok", text: t("library.translation.drafted", { lang: text.locale }) });
  }

  private addCard(locale: string, stored: TemplateText | null, text: string): void {
    const card = new TextCard(this, locale, false, stored, text);
    card.setSaved(!!this.detail);
    this.cards.push(card);
    this.cardsEl.append(card.el);
    card.start();
    card.focus();
    this.updateButtons();
  }

  // ---------------------------------------------------------------- save & leave
  /** Save (Ctrl+S): every text checked first; resolves to whether it was saved. */
  async save(): Promise<boolean> {
    if (this.busy || !this.w.mayEdit) return false;
    if (!this.inputs.title.value.trim()) {
      this.w.bar.set({ kind: "error", text: t("library.save.needTitle") });
      this.inputs.title.focus();
      return false;
    }
    if (!this.detail && this.scheduleSuggest.pending()) await this.suggest();
    if (!this.inputs.key.value.trim()) {
      this.w.bar.set({ kind: "error", text: t("library.save.needKey") });
      this.inputs.key.focus();
      return false;
    }
    const checks = await Promise.all(this.cards.map((c) => c.ensureChecked()));
    this.updateButtons();
    const bad = this.cards.find((_c, i) => !checks[i] || checks[i]!.error || (checks[i]!.result?.errors.length ?? 0) > 0);
    if (bad) {
      const failed = bad.checkFailed();
      this.w.bar.set({ kind: "error", text: failed ? t("library.check.failed", { message: failed.message }) : t("library.save.invalid", { lang: bad.locale }) });
      bad.focus();
      return false;
    }
    if (this.detail && !this.isDirty()) return false;
    const draft = this.draft();
    this.busy = true;
    this.updateButtons();
    this.w.bar.set({ kind: "info", text: t("library.saving") });
    try {
      const saved = await api.templateSave(draft);
      this.busy = false;
      this.show(saved);
      this.w.selKey = saved.key;
      this.w.bar.set({ kind: "ok", text: t("library.saved", { title: saved.title }) });
      void this.w.reload();
      return true;
    } catch (e) {
      this.busy = false;
      this.updateButtons();
      this.w.bar.set({ kind: "error", text: t("library.error.save", { message: (e as ApiError).message }) });
      return false;
    }
  }

  /** Back to the list; with unsaved changes only on the second Escape (the first one says so). */
  leave(): void {
    if (this.isDirty() && !this.leaveArmed) {
      this.leaveArmed = true;
      this.w.bar.set({ kind: "info", text: t("library.editor.leaveDirty") });
      return;
    }
    this.leaveArmed = false;
    this.w.bar.set(null);
    this.w.showList();
  }

  onKey(e: KeyboardEvent): void {
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (ctrl && e.code === "KeyS") {
      e.preventDefault();
      void this.save();
    } else if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      this.leave();
    }
  }
}
