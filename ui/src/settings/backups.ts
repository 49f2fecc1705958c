// Settings → Backups: the library's backups (made daily, before restores and large imports,
// and on demand), "Back up now", and restoring one after a confirmation. The rules are the
// core's (app::backups); this section asks and shows.
import { api, type ApiError, type BackupInfo } from "../api";
import { h, replace } from "../h";
import { getLang, t } from "../i18n";

type Note = { kind: "ok" | "error" | "info"; text: string } | null;

export class BackupSettings {
  private list: BackupInfo[] | null = null;
  private loadError = "";
  private busy = false;
  private note: Note = null;
  /** The backup waiting for "Restore" to be pressed a second time. */
  private confirming: string | null = null;
  private body: HTMLElement | null = null;

  render(): HTMLElement {
    this.body = h("div", { class: "backup-body" });
    const section = h(
      "section",
      { class: "section", "aria-labelledby": "sec-backups" },
      h("h2", { id: "sec-backups", class: "section-title" }, t("settings.backups.section")),
      h("p", { class: "help" }, t("settings.backups.help")),
      this.body,
    );
    this.renderBody();
    if (!this.list && !this.loadError) void this.load();
    return section;
  }

  private async load(): Promise<void> {
    try {
      this.list = await api.backupList();
      this.loadError = "";
    } catch (e) {
      this.loadError = t("settings.backups.loadError", { message: (e as ApiError).message });
    }
    this.renderBody();
  }

  private renderBody(): void {
    const body = this.body;
    if (!body) return;
    const when = (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(getLang(), { dateStyle: "medium", timeStyle: "short" }).format(d);
    };
    const rows = this.list?.length
      ? h(
          "ul",
          { class: "backup-list" },
          this.list.map((b) =>
            h(
              "li",
              { class: "backup-row" },
              h("span", { class: "backup-when" }, when(b.created)),
              h("span", { class: "backup-count muted" }, b.templates === null ? "" : t("settings.backups.templates", { count: b.templates })),
              h(
                "button",
                { type: "button", class: this.confirming === b.path ? "btn btn-danger" : "btn", disabled: this.busy, onclick: () => void this.restore(b) },
                this.confirming === b.path ? t("settings.backups.confirm") : t("settings.backups.restore"),
              ),
            ),
          ),
        )
      : h("p", { class: "empty-note" }, this.loadError || (this.list ? t("settings.backups.empty") : t("settings.backups.loading")));
    replace(
      body,
      rows,
      h("div", { class: "row-actions" }, h("button", { type: "button", class: "btn", id: "backup-now", disabled: this.busy, onclick: () => void this.create() }, t("settings.backups.now"))),
      h("p", { class: "save-status backup-note" + (this.note ? " status-" + this.note.kind : ""), role: "status", "aria-live": "polite" }, this.note?.text ?? null),
    );
  }

  private async create(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.confirming = null;
    this.note = { kind: "info", text: t("settings.backups.working") };
    this.renderBody();
    try {
      await api.backupCreate();
      this.note = { kind: "ok", text: t("settings.backups.made") };
    } catch (e) {
      this.note = { kind: "error", text: (e as ApiError).message };
    }
    this.busy = false;
    await this.load();
  }

  /** First press asks; the second restores (the current library is backed up first). */
  private async restore(b: BackupInfo): Promise<void> {
    if (this.busy) return;
    if (this.confirming !== b.path) {
      this.confirming = b.path;
      this.note = { kind: "info", text: t("settings.backups.confirmNote") };
      this.renderBody();
      return;
    }
    this.busy = true;
    this.confirming = null;
    this.note = { kind: "info", text: t("settings.backups.working") };
    this.renderBody();
    try {
      await api.backupRestore(b.path);
      this.note = { kind: "ok", text: t("settings.backups.restored") };
    } catch (e) {
      this.note = { kind: "error", text: (e as ApiError).message };
    }
    this.busy = false;
    await this.load();
  }
}
