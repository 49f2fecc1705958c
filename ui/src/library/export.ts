// Export… : the whole library to a reply pack folder or one CSV file (export_library); the
// backend answers with a one-line summary.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t, type MessageKey } from "../i18n";
import { browseButton } from "./browse";
import { Dialog } from "./dialog";
import type { ExportKind } from "./types";
import type { LibraryWindow } from "./window";

export class ExportDialog {
  private readonly dialog: Dialog;
  private readonly kind: HTMLSelectElement;
  private readonly path: HTMLInputElement;
  private readonly statusEl = h("div", { class: "dialog-status", id: "export-summary", "data-testid": "export-summary", "aria-live": "polite" });
  private readonly exportBtn: HTMLButtonElement;
  private busy = false;

  constructor(private readonly w: LibraryWindow) {
    this.dialog = new Dialog("export", t("library.export.title"), { testid: "export-dialog" });
    this.kind = h(
      "select",
      { id: "export-kind", "data-testid": "export-kind", class: "input" },
      (["pack", "csv"] as ExportKind[]).map((k) => h("option", { value: k }, t(`library.export.kind.${k}` as MessageKey))),
    );
    this.path = h("input", { id: "export-path", "data-testid": "export-path", class: "input path-input", type: "text", autocomplete: "off", spellcheck: "false", dir: "ltr" });
    const browse = browseButton(
      t("library.browse.choose"),
      () => (this.kind.value === "csv" ? { kind: "save", filters: [{ name: "CSV", extensions: ["csv"] }] } : { kind: "folder" }),
      this.path,
      (e) => this.setStatus(t("library.export.error", { message: e.message }), true),
      { id: "export-browse" },
    );
    this.exportBtn = h("button", { type: "button", class: "btn btn-primary", id: "export-apply", "data-testid": "export-apply", onclick: () => void this.run() }, t("library.export.run"));
    replace(
      this.dialog.body,
      h(
        "div",
        { class: "dialog-row" },
        h("div", { class: "field" }, h("label", { class: "field-label", for: "export-kind" }, t("library.export.kind")), this.kind),
        h("div", { class: "field field-grow" }, h("label", { class: "field-label", for: "export-path" }, t("library.export.path")), h("div", { class: "path-row" }, this.path, browse)),
      ),
      h("p", { class: "help" }, t("library.export.help")),
      this.statusEl,
    );
    this.dialog.setFooter(h("button", { type: "button", class: "btn", onclick: () => this.dialog.close() }, t("library.close")), this.exportBtn);
    this.path.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        void this.run();
      }
    });
  }

  open(): void {
    this.dialog.open(this.w.dialogHost, this.path);
  }

  private setStatus(text: string | null, error = false): void {
    this.statusEl.className = "dialog-status pre" + (error ? " field-error" : "");
    this.statusEl.setAttribute("role", error ? "alert" : "status");
    replace(this.statusEl, text);
  }

  private async run(): Promise<void> {
    if (this.busy) return;
    const path = this.path.value.trim();
    if (!path) {
      this.setStatus(t("library.import.needPath"), true);
      this.path.focus();
      return;
    }
    this.busy = true;
    this.exportBtn.disabled = true;
    this.setStatus(t("library.export.busy"));
    try {
      this.setStatus(await api.exportLibrary(this.kind.value as ExportKind, path));
    } catch (e) {
      this.setStatus(t("library.export.error", { message: (e as ApiError).message }), true);
    } finally {
      this.busy = false;
      this.exportBtn.disabled = false;
    }
  }
}
