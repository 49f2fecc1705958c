// "Recently deleted": templates deleted in the last 30 days (the backend purges older ones),
// each with Restore (template_undelete; the key may come back renamed, `x-2`).
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { latestOnly } from "../components/latest";
import { when } from "./labels";
import type { DeletedTemplate } from "./types";
import type { LibraryWindow } from "./window";

export class DeletedView {
  readonly el: HTMLElement;
  private readonly body = h("div", { class: "deleted-body" });
  private items: DeletedTemplate[] | null = null;
  private error: ApiError | null = null;
  private readonly loads = latestOnly();

  constructor(private readonly w: LibraryWindow) {
    this.el = h(
      "section",
      { class: "lib-deleted", "aria-labelledby": "deleted-title", hidden: true },
      h(
        "header",
        { class: "view-head" },
        h("button", { type: "button", class: "btn btn-small", onclick: () => w.showList() }, "← ", t("library.back")),
        h("h2", { class: "view-title", id: "deleted-title" }, t("library.deleted.title")),
      ),
      h("p", { class: "help" }, t("library.deleted.help")),
      this.body,
    );
  }

  async load(): Promise<void> {
    const res = await this.loads.run(() => api.recentlyDeleted());
    if (!res) return;
    this.items = res.ok ? res.value : this.items;
    this.error = res.ok ? null : (res.error as ApiError);
    this.render();
  }

  focus(): void {
    (this.body.querySelector<HTMLElement>("button") ?? this.el.querySelector<HTMLElement>("button"))?.focus();
  }

  private render(): void {
    if (this.error) {
      replace(this.body, h("p", { class: "field-error", role: "alert" }, t("library.deleted.error", { message: this.error.message })));
      return;
    }
    if (!this.items) {
      replace(this.body, h("p", { class: "muted" }, t("library.loading")));
      return;
    }
    if (!this.items.length) {
      replace(this.body, h("p", { class: "empty-note" }, t("library.deleted.empty")));
      return;
    }
    replace(
      this.body,
      h(
        "ul",
        { class: "deleted-list", "aria-labelledby": "deleted-title" },
        this.items.map((d) =>
          h(
            "li",
            { class: "deleted-item", "data-id": String(d.id) },
            h("div", { class: "deleted-main" }, h("bdi", { class: "row-title", dir: "auto" }, d.title || d.key), h("span", { class: "row-key" }, d.key)),
            h("span", { class: "deleted-when" }, t("library.deleted.when", { when: when(d.deleted_at) })),
            h("button", { type: "button", class: "btn btn-small", "data-testid": "deleted-restore-" + d.key, "aria-label": t("library.deleted.restoreNamed", { title: d.title || d.key }), onclick: () => void this.restore(d) }, t("library.deleted.restore")),
          ),
        ),
      ),
    );
  }

  private async restore(d: DeletedTemplate): Promise<void> {
    try {
      const key = await api.templateUndelete(d.id);
      this.w.bar.set({ kind: "ok", text: key === d.key ? t("library.restored", { title: d.title || d.key }) : t("library.restoredAs", { title: d.title || d.key, key }) });
      this.w.selKey = key;
      await Promise.all([this.load(), this.w.reload()]);
      this.focus();
    } catch (e) {
      this.w.bar.set({ kind: "error", text: t("library.error.restore", { message: (e as ApiError).message }) });
    }
  }
}
