// The library window: the owners' list of replies and its views — the list (list.ts), the
// editor (editor.ts), "Recently deleted" (deleted.ts) and the first-run setup (setup.ts) —,
// the toolbar (New, Import…, Export…), the message bar and the undo toast, the window's keys
// and the backend's events (library-changed, library-open). Three tabs: Replies (those views),
// Orders (orders/view.ts: import, search, the active order, late orders) and Insights
// (insights/view.ts: what buyers ask, what is pasted, the learned picks).
import { api, onLibraryChanged, onLibraryOpen, onTeamStatus, type ApiError } from "../api";
import { h, replace } from "../h";
import { setLang, t } from "../i18n";
import { languageFor } from "../i18n/boot";
import { latestOnly } from "../components/latest";
import { MessageBar } from "../components/message-bar";
import { Tabs } from "../components/tabs";
import { OrdersView } from "./orders/view";
import { InsightsView } from "./insights/view";
import { DeletedView } from "./deleted";
import { TemplateEditor } from "./editor";
import { ExportDialog } from "./export";
import { ImportDialog } from "./import-dialog";
import { ListPane } from "./list";
import { SetupView } from "./setup";
import { Toast } from "./toast";
import type { LibraryList, LibraryOpen, SetupAnswers, SetupState } from "./types";

export type View = "list" | "edit" | "deleted" | "setup" | "orders" | "insights";
export type LibraryTab = "replies" | "orders" | "insights";

export class LibraryWindow {
  data: LibraryList | null = null;
  loadError: ApiError | null = null;
  /** The selected row's key (kept across reloads, searches and views). */
  selKey: string | null = null;
  view: View = "list";
  /** The team's roles let this person write replies (always, without a team). */
  mayEdit = true;
  /** The default buyer language (setup_state), for a new template's source language when the library is empty. */
  defaultLang = "en";
  readonly bar = new MessageBar("library-bar");
  readonly toast = new Toast();
  /** Where dialogs are put. */
  dialogHost!: HTMLElement;
  listPane!: ListPane;
  editor!: TemplateEditor;
  deleted!: DeletedView;
  orders!: OrdersView;
  insights!: InsightsView;
  setup: SetupView | null = null;
  /** The Replies tab's view (list, edit or deleted), shown again when the tab is chosen. */
  private repliesView: View = "list";
  private tabs!: Tabs<LibraryTab>;
  private repliesEl!: HTMLElement;
  private replyButtons!: HTMLElement;
  private setupState: SetupState | null = null;
  private importDialog: ImportDialog | null = null;
  private exportDialog: ExportDialog | null = null;
  private toolbar!: HTMLElement;
  private mainEl!: HTMLElement;
  private readonly loads = latestOnly();

  constructor(private readonly root: HTMLElement) {}

  // ---------------------------------------------------------------- layout
  /** (Re)build every part in the interface language; data and selection are kept. */
  build(): void {
    this.listPane = new ListPane(this);
    this.editor = new TemplateEditor(this);
    this.deleted = new DeletedView(this);
    this.orders = new OrdersView(this.bar);
    this.insights = new InsightsView({
      bar: this.bar,
      openReply: (key) => void this.edit(key),
      newReply: (examples) => void this.newReply(examples),
    });
    this.importDialog = null;
    this.exportDialog = null;
    const btn = (id: string, label: string, onclick: () => void, attrs: Record<string, unknown> = {}) => h("button", { type: "button", class: "btn btn-small", id, onclick, ...attrs }, label);
    this.tabs = new Tabs<LibraryTab>(
      [
        { key: "replies", label: t("library.tab.replies"), panelId: "library-panel-replies", testid: "library-tab-replies" },
        { key: "orders", label: t("library.tab.orders"), panelId: "library-panel-orders", testid: "library-tab-orders" },
        { key: "insights", label: t("library.tab.insights"), panelId: "library-panel-insights", testid: "library-tab-insights" },
      ],
      this.view === "orders" || this.view === "insights" ? this.view : "replies",
      (k) => (k === "orders" ? this.showOrders() : k === "insights" ? this.showInsights() : this.showReplies()),
      { label: t("library.tabs"), class: "lib-tabs", idPrefix: "library-tab-" },
    );
    this.replyButtons = h(
      "div",
      { class: "lib-toolbar-actions" },
      btn("lib-new", t("library.new"), () => void this.edit(null), { title: t("library.new") + " (Ctrl+N)", "aria-keyshortcuts": "Control+N", class: "btn btn-small btn-primary edit-only", "data-testid": "library-new" }),
      btn("import-open", t("library.import.open"), () => this.openImport(), { "data-testid": "import-open", "aria-haspopup": "dialog", class: "btn btn-small edit-only" }),
      btn("export-open", t("library.export.open"), () => this.openExport(), { "data-testid": "export-open", "aria-haspopup": "dialog" }),
      btn("deleted-open", t("library.deleted.open"), () => this.showDeleted(), { "data-testid": "library-deleted", class: "btn btn-small edit-only" }),
    );
    this.toolbar = h("header", { class: "lib-toolbar" }, h("h1", { class: "lib-title" }, t("library.title")), this.tabs.el, h("span", { class: "actions-gap" }), this.replyButtons);
    this.repliesEl = h(
      "div",
      { class: "lib-replies", id: "library-panel-replies", role: "tabpanel", "aria-labelledby": "library-tab-replies" },
      this.listPane.el,
      this.editor.el,
      this.deleted.el,
    );
    this.mainEl = h("main", { class: "lib-main" }, this.repliesEl, this.orders.el, this.insights.el);
    this.dialogHost = h("div", { class: "library" }, this.toolbar, this.mainEl, this.bar.el, this.toast.el);
    replace(this.root, this.dialogHost);
    this.listPane.render();
  }

  private setView(v: View): void {
    this.view = v;
    if (v === "list" || v === "edit" || v === "deleted") this.repliesView = v;
    this.toolbar.hidden = v === "setup";
    this.tabs.set(v === "orders" || v === "insights" ? v : "replies");
    this.replyButtons.hidden = v === "orders" || v === "insights";
    this.repliesEl.hidden = v === "orders" || v === "insights" || v === "setup";
    if (v === "orders") this.orders.show();
    else this.orders.hide();
    this.orders.el.hidden = v !== "orders";
    if (v === "insights") this.insights.show();
    else this.insights.hide();
    this.insights.el.hidden = v !== "insights";
    this.listPane.el.hidden = v !== "list";
    this.editor.el.hidden = v !== "edit";
    this.deleted.el.hidden = v !== "deleted";
    if (this.setup) this.setup.el.hidden = v !== "setup";
    document.documentElement.dataset.view = v;
  }

  // ---------------------------------------------------------------- views
  /** The Orders tab. */
  showOrders(focus = false): void {
    this.setView("orders");
    if (focus) this.orders.focus();
  }

  /** The Insights tab. */
  showInsights(focus = false): void {
    this.setView("insights");
    if (focus) this.insights.focus();
  }

  /** The Replies tab, on the view it showed last (the editor keeps unsaved changes meanwhile). */
  showReplies(): void {
    if (this.repliesView === "edit") {
      this.setView("edit");
      this.editor.focus();
      return;
    }
    if (this.repliesView === "deleted") this.showDeleted();
    else this.showList(false);
  }

  showList(focus = true): void {
    this.setView("list");
    this.listPane.render();
    if (focus) this.listPane.focus();
  }

  /** Open template `key` in the editor (null: a new one). */
  async edit(key: string | null): Promise<void> {
    if (this.view === "edit" && this.editor.isDirty() && key !== this.editor.detail?.key) {
      this.bar.set({ kind: "error", text: t("library.editor.busyElsewhere") });
      return;
    }
    if (key !== null) this.selKey = key;
    this.bar.set(null);
    if (!(await this.editor.open(key))) return;
    this.setView("edit");
    this.editor.focus();
  }

  /**
   * The editor on a new reply whose example questions are `examples` (Insights → "New reply
   * from these"). Not while another reply has unsaved changes: those would be lost.
   */
  async newReply(examples: string[]): Promise<void> {
    if (!this.mayEdit) return;
    if (this.repliesView === "edit" && this.editor.isDirty()) {
      this.bar.set({ kind: "error", text: t("library.editor.busyElsewhere") });
      return;
    }
    this.bar.set(null);
    if (!(await this.editor.open(null, { examples }))) return;
    this.setView("edit");
    this.editor.focus();
  }

  showDeleted(): void {
    this.setView("deleted");
    void this.deleted.load().then(() => this.deleted.focus());
    this.deleted.focus();
  }

  /** The first-run setup (asks setup_state when it is not known yet). */
  async showSetup(typed: SetupAnswers | null = null): Promise<void> {
    if (!this.setupState) {
      try {
        this.setupState = await api.setupState();
      } catch (e) {
        this.bar.set({ kind: "error", text: t("library.setup.error", { message: (e as ApiError).message }) });
        return;
      }
    }
    this.setup?.el.remove();
    this.setup = new SetupView(this, this.setupState, typed);
    this.mainEl.append(this.setup.el);
    this.setView("setup");
    this.setup.focus();
  }

  /** Setup finished (answers) or skipped (null): the interface language may have changed. */
  async setupDone(answers: SetupAnswers | null): Promise<void> {
    if (answers) {
      this.defaultLang = answers.default_lang || this.defaultLang;
      this.setupState = { ...(this.setupState as SetupState), ...answers, needed: false };
      const lang = await languageFor(answers.ui_lang);
      if (lang) setLang(lang);
    } else if (this.setupState) this.setupState = { ...this.setupState, needed: false };
    this.setup?.el.remove();
    this.setup = null;
    this.build();
    this.showList();
    this.bar.set({ kind: "ok", text: t(answers ? "library.setup.done" : "library.setup.skipped") });
  }

  /** The interface language changed during setup: rebuild everything in it, keeping the answers. */
  relocalize(answers: SetupAnswers): void {
    this.setup = null;
    this.build();
    void this.showSetup(answers);
  }

  private openImport(): void {
    (this.importDialog ??= new ImportDialog(this)).open();
  }

  private openExport(): void {
    (this.exportDialog ??= new ExportDialog(this)).open();
  }

  // ---------------------------------------------------------------- data
  /** Load the list again (selection kept when the row still exists). */
  async reload(): Promise<void> {
    const res = await this.loads.run(() => api.libraryList());
    if (!res) return;
    if (res.ok) {
      this.data = res.value;
      this.loadError = null;
    } else {
      const e = res.error as ApiError;
      if (this.data) this.bar.set({ kind: "error", text: t("library.error.load", { message: e.message }) });
      else this.loadError = e;
    }
    this.listPane.refreshSearch();
  }

  /** Delete the selected template; the toast offers Undo (template_undelete). */
  async deleteSelected(): Promise<void> {
    if (!this.mayEdit) return;
    const key = this.selKey;
    const row = this.data?.rows.find((r) => r.key === key);
    if (!key || !row || !this.data) return;
    const rows = this.listPane.rows();
    const at = rows.findIndex((r) => r.key === key);
    try {
      const d = await api.templateDelete(key);
      this.data = { ...this.data, rows: this.data.rows.filter((r) => r.key !== key) };
      this.selKey = (rows[at + 1] ?? rows[at - 1])?.key ?? null;
      this.listPane.render();
      this.toast.show(t("library.deleted.toast", { title: row.title || key }), { label: t("library.undo"), run: () => void this.undelete(d.id, row.title || key) });
      void this.reload();
    } catch (e) {
      this.bar.set({ kind: "error", text: t("library.error.delete", { message: (e as ApiError).message }) });
    }
  }

  async undelete(id: number, title: string): Promise<void> {
    try {
      const key = await api.templateUndelete(id);
      this.selKey = key;
      this.bar.set({ kind: "ok", text: t("library.restored", { title }) });
      await this.reload();
      if (this.view === "list") this.listPane.list.el.focus();
    } catch (e) {
      this.bar.set({ kind: "error", text: t("library.error.restore", { message: (e as ApiError).message }) });
    }
  }

  /** The team's roles: without the right to edit, writing is hidden and the list is read-only. */
  async loadPermissions(): Promise<void> {
    try {
      const p = await api.teamPermissions();
      this.mayEdit = p.may_edit;
    } catch {
      this.mayEdit = true; // the backend refuses what it must; hiding is only a courtesy
    }
    document.documentElement.dataset.mayEdit = String(this.mayEdit);
    if (!this.mayEdit) this.bar.set({ kind: "info", text: t("library.readOnly") });
  }

  // ---------------------------------------------------------------- events & keys
  private onLibraryOpen(p: LibraryOpen): void {
    if (p.view === "setup") void this.showSetup();
    else if (p.view === "edit") void this.edit(p.key);
    else {
      if (p.key) this.selKey = p.key;
      if (this.view === "edit" && this.editor.isDirty()) this.bar.set({ kind: "info", text: t("library.editor.leaveDirty") });
      else this.showList();
    }
  }

  private onChanged(): void {
    void this.reload();
    this.orders.changed();
    this.insights.changed();
    if (this.view === "edit") void this.editor.reloadIfClean();
    if (this.view === "deleted") void this.deleted.load();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
    if (this.dialogHost.querySelector(".dialog-backdrop")) return; // a dialog has the keys
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (this.view === "setup") return;
    if (ctrl && e.code === "KeyN") {
      e.preventDefault();
      if (this.mayEdit) void this.edit(null);
      return;
    }
    if (this.view === "orders" || this.view === "insights") return; // their fields and lists have their own keys
    if (this.view === "edit") this.editor.onKey(e);
    else if (this.view === "deleted" && e.key === "Escape") {
      e.preventDefault();
      this.showList();
    }
  }

  /**
   * What a newly created window opens on, from its URL (`index.html#view=edit&key=order-shipped`,
   * `#view=setup`): an event sent right after creating the window could come before its
   * listener is there. Later requests come as `library-open` events.
   */
  static initialOpen(hash: string): LibraryOpen | null {
    const p = new URLSearchParams(hash.replace(/^#/, ""));
    const view = p.get("view");
    if (view !== "list" && view !== "edit" && view !== "setup") return null;
    return { view, key: p.get("key") || null };
  }

  start(): void {
    this.build();
    this.setView("list");
    this.listPane.focus();
    document.addEventListener("keydown", (e) => this.onKeyDown(e));
    void onLibraryChanged(() => this.onChanged());
    void this.loadPermissions();
    // A sync may bring new roles (the team's pack.toml).
    void onTeamStatus(() => void this.loadPermissions()).catch(() => undefined);
    void onLibraryOpen((p) => this.onLibraryOpen(p));
    const first = LibraryWindow.initialOpen(location.hash);
    // The request the window was opened for (open_library, open_setup, the tray): asked once,
    // since its library-open event may have come before the listener above.
    const asked = api.libraryRequest().catch(() => null);
    void Promise.all([this.reload(), asked]).then(([, req]) => {
      const open = req ?? first;
      if (open && open.view !== "setup") this.onLibraryOpen(open);
      else if (open?.view === "setup" && this.view === "list") void this.showSetup();
    });
    void api
      .setupState()
      .then((s) => {
        this.setupState = s;
        if (s.default_lang) this.defaultLang = s.default_lang;
        if ((s.needed || first?.view === "setup") && this.view === "list") void this.showSetup();
      })
      .catch((e: ApiError) => this.bar.set({ kind: "error", text: t("library.setup.error", { message: e.message }) }));
  }
}
