// A text's history (template_history, newest first): pick a version to read it, "Restore this
// version" (template_restore_version) makes it the current text again.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { dirOf } from "../components/fluent-editor";
import { Dialog } from "./dialog";
import { langLabel, statusBadge, when } from "./labels";
import type { HistoryEntry, TemplateDetail } from "./types";

export class HistoryDialog {
  private readonly dialog: Dialog;
  private readonly list = h("div", { class: "history-list", role: "listbox", id: "history-list", tabIndex: 0, "aria-label": t("library.history.list") });
  private readonly textEl = h("div", { class: "history-text source-body", id: "history-text", tabIndex: 0 });
  private readonly note = h("p", { class: "help", "aria-live": "polite" });
  private readonly restoreBtn: HTMLButtonElement;
  private entries: HistoryEntry[] = [];
  private sel = -1;
  private busy = false;

  constructor(
    private readonly key: string,
    private readonly locale: string,
    /** Unsaved edits in the editor would be replaced. */
    private readonly dirty: boolean,
    private readonly onRestored: (d: TemplateDetail) => void,
  ) {
    this.dialog = new Dialog("history", t("library.history.title", { lang: langLabel(locale) }), { wide: true, testid: "history" });
    this.restoreBtn = h("button", { type: "button", class: "btn btn-primary edit-only", id: "history-restore", disabled: true, onclick: () => void this.restore() }, t("library.history.restore"));
    this.list.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.select(Math.max(0, Math.min(this.entries.length - 1, this.sel + (e.key === "ArrowDown" ? 1 : -1))));
      } else if (e.key === "Enter" && this.sel >= 0 && document.documentElement.dataset.mayEdit !== "false") {
        e.preventDefault();
        void this.restore();
      }
    });
    replace(this.dialog.body, h("div", { class: "history-grid" }, this.list, h("div", { class: "history-view" }, this.textEl, this.note)));
    this.dialog.setFooter(h("button", { type: "button", class: "btn", onclick: () => this.dialog.close() }, t("library.close")), this.restoreBtn);
  }

  async open(host: HTMLElement): Promise<void> {
    replace(this.list, h("p", { class: "muted" }, t("library.loading")));
    this.dialog.open(host, this.list);
    try {
      this.entries = await api.templateHistory(this.key, this.locale);
    } catch (e) {
      replace(this.list, h("p", { class: "field-error", role: "alert" }, t("library.history.error", { message: (e as ApiError).message })));
      return;
    }
    if (!this.entries.length) {
      replace(this.list, h("p", { class: "empty-note" }, t("library.history.empty")));
      return;
    }
    replace(
      this.list,
      this.entries.map((e, i) =>
        h(
          "div",
          { class: "row history-row", id: "hist-" + i, role: "option", "aria-selected": "false", "data-id": String(e.id), onclick: () => this.select(i) },
          h("div", { class: "row-main" }, h("span", { class: "history-when" }, when(e.saved_at)), statusBadge(e.status)),
          h("div", { class: "row-sub" }, e.author ?? t("library.history.noAuthor")),
        ),
      ),
    );
    this.select(0);
    this.list.focus();
  }

  private select(i: number): void {
    this.sel = i;
    const e = this.entries[i];
    for (const [j, row] of [...this.list.querySelectorAll(".history-row")].entries()) {
      row.classList.toggle("selected", j === i);
      row.setAttribute("aria-selected", j === i ? "true" : "false");
    }
    this.list.setAttribute("aria-activedescendant", "hist-" + i);
    this.textEl.textContent = e?.text ?? "";
    this.textEl.setAttribute("dir", dirOf(e?.locale ?? this.locale));
    this.textEl.setAttribute("lang", e?.locale ?? this.locale);
    this.restoreBtn.disabled = !e || this.busy;
    replace(this.note, i === 0 ? t("library.history.current") : this.dirty ? t("library.history.dirty") : null);
  }

  private async restore(): Promise<void> {
    const e = this.entries[this.sel];
    if (!e || this.busy) return;
    this.busy = true;
    this.restoreBtn.disabled = true;
    try {
      const d = await api.templateRestoreVersion(this.key, e.id);
      this.dialog.close();
      this.onRestored(d);
    } catch (err) {
      replace(this.note, h("span", { class: "field-error", role: "alert" }, t("library.history.restoreError", { message: (err as ApiError).message })));
    } finally {
      this.busy = false;
      this.restoreBtn.disabled = this.sel < 0;
    }
  }
}
