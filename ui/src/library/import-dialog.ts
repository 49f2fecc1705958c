// Import… : a reply pack folder, an Espanso match file or folder, or a spreadsheet (CSV/XLSX…).
// The path is typed (or filled by Browse…), "Preview" shows what would come in
// (import_preview: every template with a choice — keep both / replace / skip when it collides
// with an existing one, import / skip otherwise — and the warnings), "Import" applies the
// choices (import_apply) and shows the outcome.
import { api, type ApiError } from "../api";
import { h, replace, type Child } from "../h";
import { t, type MessageKey } from "../i18n";
import { browseButton, type BrowseKind } from "./browse";
import { Dialog } from "./dialog";
import { choicesFor, excerpt, initialChoice } from "./logic";
import type { Choice, ImportKind, ImportPreview, ImportRequest, ImportWarning, Status } from "./types";
import type { LibraryWindow } from "./window";

const KINDS: ImportKind[] = ["pack", "espanso", "sheet"];
const SHEET_FILTERS = [{ name: "CSV / XLSX", extensions: ["csv", "tsv", "txt", "xlsx", "xls", "ods"] }];
const ESPANSO_FILTERS = [{ name: "Espanso", extensions: ["yml", "yaml"] }];

export function warningLines(warnings: ImportWarning[]): Child {
  if (!warnings.length) return null;
  return h(
    "ul",
    { class: "warning-list" },
    warnings.map((w) =>
      h(
        "li",
        { class: ["warning-line", w.skipped && "warning-skipped"], dir: "auto" },
        `${w.file}:${w.line} ${w.message}`,
        w.skipped ? h("span", { class: "badge badge-skipped" }, t("library.import.skipped")) : null,
      ),
    ),
  );
}

export class ImportDialog {
  private readonly dialog: Dialog;
  private readonly kind: HTMLSelectElement;
  private readonly path: HTMLInputElement;
  private readonly browseEl = h("span", { class: "browse-buttons" });
  private readonly sheetEl: HTMLElement;
  private readonly locale: HTMLInputElement;
  private readonly status: HTMLSelectElement;
  private readonly previewBtn: HTMLButtonElement;
  private readonly applyBtn: HTMLButtonElement;
  private readonly statusEl = h("p", { class: "dialog-status", "aria-live": "polite" });
  private readonly resultEl = h("div", { class: "import-result" });
  private readonly summaryEl = h("div", { class: "import-summary", id: "import-summary", "data-testid": "import-summary", "aria-live": "polite", hidden: true });
  private preview: ImportPreview | null = null;
  /** The request the shown preview is for. */
  private previewFor = "";
  private choices: Record<string, Choice> = {};
  private applied = false;
  private busy = false;

  constructor(private readonly w: LibraryWindow) {
    this.dialog = new Dialog("import", t("library.import.title"), { wide: true, testid: "import-dialog" });
    const changed = () => this.renderState();
    this.kind = h(
      "select",
      { id: "import-kind", "data-testid": "import-kind", class: "input", onchange: () => (this.renderKind(), changed()) },
      KINDS.map((k) => h("option", { value: k }, t(`library.import.kind.${k}` as MessageKey))),
    );
    this.path = h("input", { id: "import-path", "data-testid": "import-path", class: "input path-input", type: "text", autocomplete: "off", spellcheck: "false", dir: "ltr", oninput: changed });
    this.locale = h("input", { id: "import-locale", class: "input input-short mono", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "en", oninput: changed });
    this.status = h(
      "select",
      { id: "import-status", class: "input", onchange: changed },
      (["needs_review", "approved"] as Status[]).map((s) => h("option", { value: s }, t(`status.${s}` as MessageKey))),
    );
    this.sheetEl = h(
      "div",
      { class: "dialog-row", hidden: true },
      h("div", { class: "field" }, h("label", { class: "field-label", for: "import-locale" }, t("library.import.locale")), this.locale, h("p", { class: "help" }, t("library.import.localeHelp"))),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "import-status" }, t("library.import.status")), this.status),
    );
    this.previewBtn = h("button", { type: "button", class: "btn", id: "import-preview", "data-testid": "import-preview", onclick: () => void this.runPreview() }, t("library.import.preview"));
    this.applyBtn = h("button", { type: "button", class: "btn btn-primary", id: "import-apply", "data-testid": "import-apply", disabled: true, onclick: () => void this.apply() }, t("library.import.apply"));
    replace(
      this.dialog.body,
      h(
        "div",
        { class: "dialog-row" },
        h("div", { class: "field" }, h("label", { class: "field-label", for: "import-kind" }, t("library.import.kind")), this.kind),
        h(
          "div",
          { class: "field field-grow" },
          h("label", { class: "field-label", for: "import-path" }, t("library.import.path")),
          h("div", { class: "path-row" }, this.path, this.browseEl),
        ),
      ),
      this.sheetEl,
      h("div", { class: "dialog-actions" }, this.previewBtn, this.statusEl),
      this.resultEl,
      this.summaryEl,
    );
    this.dialog.setFooter(h("button", { type: "button", class: "btn", onclick: () => this.dialog.close() }, t("library.close")), this.applyBtn);
    this.path.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        void this.runPreview();
      }
    });
    this.renderKind();
  }

  open(): void {
    this.dialog.open(this.w.dialogHost, this.path);
  }

  request(): ImportRequest {
    const kind = this.kind.value as ImportKind;
    const sheet = kind === "sheet";
    return { kind, path: this.path.value.trim(), source_locale: sheet ? this.locale.value.trim() || null : null, status: sheet ? (this.status.value as Status) : null };
  }

  private error(e: ApiError): void {
    this.setStatus(t("library.import.error", { message: e.message }), true);
  }

  private renderKind(): void {
    const kind = this.kind.value as ImportKind;
    this.sheetEl.hidden = kind !== "sheet";
    const onError = (e: ApiError) => this.error(e);
    const folder = (): BrowseKind => ({ kind: "folder" });
    const buttons =
      kind === "pack"
        ? [browseButton(t("library.browse.folder"), folder, this.path, onError, { id: "import-browse" })]
        : kind === "espanso"
          ? [
              browseButton(t("library.browse.file"), () => ({ kind: "file", filters: ESPANSO_FILTERS }), this.path, onError, { id: "import-browse" }),
              browseButton(t("library.browse.folder"), folder, this.path, onError, { id: "import-browse-folder" }),
            ]
          : [browseButton(t("library.browse.file"), () => ({ kind: "file", filters: SHEET_FILTERS }), this.path, onError, { id: "import-browse" })];
    replace(this.browseEl, buttons);
  }

  private setStatus(text: string | null, error = false): void {
    this.statusEl.className = "dialog-status" + (error ? " field-error" : " muted");
    this.statusEl.setAttribute("role", error ? "alert" : "status");
    replace(this.statusEl, text);
  }

  /** The shown preview is for exactly the request in the fields (and was not imported yet). */
  private current(): boolean {
    return !!this.preview && this.previewFor === JSON.stringify(this.request()) && !this.applied;
  }

  private renderState(): void {
    this.applyBtn.disabled = this.busy || !this.current() || !this.preview!.items.length;
    this.previewBtn.disabled = this.busy;
    this.resultEl.classList.toggle("is-stale", !!this.preview && this.previewFor !== JSON.stringify(this.request()));
  }

  private async runPreview(): Promise<void> {
    if (this.busy) return;
    const req = this.request();
    if (!req.path) {
      this.setStatus(t("library.import.needPath"), true);
      this.path.focus();
      return;
    }
    this.busy = true;
    this.applied = false;
    this.summaryEl.hidden = true;
    this.setStatus(t("library.import.previewing"));
    this.renderState();
    try {
      const p = await api.importPreview(req);
      this.preview = p;
      this.previewFor = JSON.stringify(req);
      this.choices = Object.fromEntries(p.items.map((it) => [it.key, initialChoice(it)]));
      this.setStatus(t("library.import.found", { n: p.items.length, warnings: p.warnings.length }));
      this.renderPreview();
    } catch (e) {
      this.error(e as ApiError);
    } finally {
      this.busy = false;
      this.renderState();
    }
  }

  private renderPreview(): void {
    const p = this.preview!;
    const label = (c: Choice, conflict: boolean) => t(c === "keep_both" ? (conflict ? "library.import.choice.keepBoth" : "library.import.choice.import") : c === "replace" ? "library.import.choice.replace" : "library.import.choice.skip");
    const rows = p.items.map((it) => {
      const sel = h(
        "select",
        {
          class: "input choice-select",
          id: "import-choice-" + it.key,
          "data-testid": "import-choice-" + it.key,
          "aria-label": t("library.import.choiceFor", { title: it.title || it.key }),
          onchange: (e: Event) => (this.choices[it.key] = (e.target as HTMLSelectElement).value as Choice),
        },
        choicesFor(it).map((c) => h("option", { value: c, selected: this.choices[it.key] === c }, label(c, !!it.conflict))),
      );
      return h(
        "tr",
        { class: ["import-row", it.conflict && "has-conflict"], "data-key": it.key },
        h("td", { class: "mono" }, it.key),
        h("td", null, h("bdi", { dir: "auto" }, it.title)),
        h("td", { class: "mono" }, it.locales.join(" ")),
        h("td", { class: "import-text" }, h("bdi", { dir: "auto" }, excerpt(it.text))),
        h("td", null, it.conflict ? h("span", { class: "conflict" }, t("library.import.conflict", { title: it.conflict })) : h("span", { class: "muted" }, "—")),
        h("td", null, sel),
      );
    });
    replace(
      this.resultEl,
      p.items.length
        ? h(
            "div",
            { class: "table-scroll" },
            h(
              "table",
              { class: "import-table" },
              h(
                "thead",
                null,
                h(
                  "tr",
                  null,
                  ["key", "title", "languages", "text", "conflict", "choice"].map((c) => h("th", { scope: "col" }, t(`library.import.col.${c}` as MessageKey))),
                ),
              ),
              h("tbody", null, rows),
            ),
          )
        : h("p", { class: "empty-note" }, t("library.import.nothing")),
      p.warnings.length ? [h("h3", { class: "panel-title" }, t("library.import.warnings")), warningLines(p.warnings)] : null,
    );
  }

  private async apply(): Promise<void> {
    if (this.busy || !this.current()) return;
    const req = this.request();
    const choices: Record<string, Choice> = {};
    for (const it of this.preview!.items) choices[it.key] = this.choices[it.key] ?? initialChoice(it);
    this.busy = true;
    this.setStatus(t("library.import.applying"));
    this.renderState();
    try {
      const o = await api.importApply(req, choices);
      this.applied = true;
      this.setStatus(null);
      this.summaryEl.hidden = false;
      replace(
        this.summaryEl,
        h("p", { class: "summary-line" }, t("library.import.summary", { added: o.added, replaced: o.replaced, skipped: o.skipped })),
        warningLines(o.warnings),
      );
      this.w.bar.set({ kind: "ok", text: t("library.import.summary", { added: o.added, replaced: o.replaced, skipped: o.skipped }) });
      void this.w.reload();
      this.dialog.focusFooter(); // Import is disabled now: the focus goes to Close
    } catch (e) {
      this.error(e as ApiError);
    } finally {
      this.busy = false;
      this.renderState();
    }
  }
}
