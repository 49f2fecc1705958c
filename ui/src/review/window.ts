// The review window's state (the queue, the filter, the selection) and how its panes work
// together: selecting an item shows it everywhere, a reload keeps the selection.
import { api, onReviewChanged, onTeamStatus, type ApiError, type ReviewItem, type ReviewQueue } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { latestOnly } from "../components/latest";
import { stepIndex } from "../components/list";
import { PreviewOrder } from "../components/preview-order";
import { Actions, readReviewer } from "./actions";
import { BackPane } from "./back";
import { DetailPane } from "./detail";
import { Editor } from "./editor";
import { filterItems, itemId, nextSelection } from "./logic";
import { MessageBar } from "./message";
import { LivePreview } from "./preview";
import { QueuePane } from "./queue";
import { TranslatePanel } from "./translate";

export class ReviewWindow {
  queue: ReviewQueue | null = null;
  loadError: ApiError | null = null;
  filter: string | null = null;
  selId: string | null = null;
  /** A save or a verdict is under way. */
  busy = false;
  /** The team's roles let this person approve and edit translations (always, without a team). */
  mayApprove = true;

  readonly detail = new DetailPane();
  readonly editor: Editor;
  readonly preview: LivePreview;
  readonly order: PreviewOrder;
  readonly back: BackPane;
  readonly actions: Actions;
  readonly bar = new MessageBar("review-bar");
  readonly queuePane: QueuePane;
  readonly translate: TranslatePanel;
  private readonly detailEl: HTMLElement;
  private readonly loads = latestOnly();

  constructor(private readonly root: HTMLElement) {
    this.editor = new Editor(() => this.onEdit());
    this.preview = new LivePreview(this);
    this.order = new PreviewOrder(() => void this.preview.run());
    this.back = new BackPane(this);
    this.actions = new Actions(this);
    this.queuePane = new QueuePane(this);
    this.translate = new TranslatePanel(this);
    this.detailEl = this.buildDetail();
    this.detail.onUseOther = (text) => {
      this.editor.value = text;
      this.onEdit();
    };
  }

  // ---------------------------------------------------------------- layout
  private buildDetail(): HTMLElement {
    const d = this.detail;
    const p = this.preview;
    return h(
      "div",
      { class: "review-detail", hidden: true },
      h(
        "div",
        { class: "review-scroll" },
        h("header", { class: "review-head" }, h("h2", { class: "review-h2" }, d.titleEl), d.statusEl),
        d.metaEl,
        d.problemEl,
        d.conflictEl,
        this.order.el,
        h(
          "div",
          { class: "review-grid" },
          d.sourceLabel,
          d.editorLabel,
          d.sourceBody,
          this.editor.el,
          h("div", { class: "grid-spacer" }),
          p.checkEl,
          h("div", { class: "col-label", id: "srcprev-label" }, t("review.preview.source")),
          h("div", { class: "col-label", id: "trprev-label" }, t("review.preview.translation")),
          p.sourcePreview,
          h("div", { class: "preview-col" }, p.transPreview, p.missingEl),
        ),
        this.back.el,
      ),
    );
  }

  build(): void {
    const q = this.queuePane;
    replace(
      this.root,
      h(
        "div",
        { class: "review" },
        h(
          "aside",
          { class: "review-queue" },
          h("header", { class: "queue-head" }, h("h1", { class: "queue-title" }, t("review.title")), q.countEl, this.translate.button),
          this.translate.el,
          q.chipsEl,
          q.listEl,
          q.tipsEl,
        ),
        h("main", { class: "review-main" }, this.detail.emptyEl, this.detailEl, this.bar.el, this.actions.el),
      ),
    );
  }

  // ---------------------------------------------------------------- the queue
  items(): ReviewItem[] {
    return this.queue?.items ?? [];
  }

  visible(): ReviewItem[] {
    return filterItems(this.items(), this.filter);
  }

  current(): ReviewItem | null {
    return this.items().find((it) => itemId(it) === this.selId) ?? null;
  }

  renderQueue(): void {
    this.queuePane.render();
    this.translate.updateKeys(this.items());
  }

  renderEmpty(): void {
    this.detail.renderEmpty({ loaded: !!this.queue, loadError: this.loadError, count: this.items().length, retry: () => void this.load() });
  }

  select(id: string): void {
    if (id === this.selId) return;
    this.selId = id;
    this.showItem();
    this.renderQueue();
  }

  setFilter(code: string | null): void {
    this.filter = code;
    const ids = this.visible().map(itemId);
    if (!this.selId || !ids.includes(this.selId)) {
      const next = ids[0] ?? null;
      if (next !== this.selId) {
        this.selId = next;
        this.showItem();
      }
    }
    this.renderQueue();
  }

  /** Alt+↑/↓: the previous or next item (no wrapping). */
  move(delta: number): void {
    const ids = this.visible().map(itemId);
    const next = ids[stepIndex(this.selId === null ? -1 : ids.indexOf(this.selId), delta, ids.length, false)];
    if (next) this.select(next);
  }

  /** An item was saved (its id may change): put it in the queue. */
  replaceItem(oldId: string, saved: ReviewItem): void {
    if (!this.queue) return;
    const i = this.queue.items.findIndex((it) => itemId(it) === oldId);
    if (i >= 0) this.queue.items[i] = saved;
    else this.queue.items.push(saved);
    const newId = itemId(saved);
    if (newId !== oldId && this.selId === oldId) this.selId = newId;
  }

  // ---------------------------------------------------------------- the selected item
  /** Show the selected item (or the empty state); resets the editor to its text or draft. */
  showItem(): void {
    const item = this.current();
    this.bar.message = null;
    this.back.clear();
    this.preview.reset(item);
    this.actions.el.hidden = !item;
    this.detailEl.hidden = !item;
    this.detail.emptyEl.hidden = !!item;
    if (!item) {
      this.bar.render();
      this.renderEmpty();
      return;
    }
    this.detail.show(item);
    this.editor.show(item);
    this.preview.render();
    this.back.render();
    this.bar.render();
    this.actions.updateButtons();
    void this.preview.run();
  }

  private onEdit(): void {
    const item = this.current();
    if (!item) return;
    if (this.editor.edited(item)) this.renderQueue();
    if (this.bar.message?.kind !== "info") this.bar.set(null);
    this.preview.edited();
    this.back.edited(itemId(item));
    this.actions.updateButtons();
  }

  /** A machine translation was made: select it, then reload the queue. */
  async translated(item: ReviewItem): Promise<void> {
    const id = itemId(item);
    if (this.queue && !this.queue.items.some((it) => itemId(it) === id)) this.queue.items.push(item);
    if (this.filter && this.filter !== item.locale) this.filter = null;
    this.editor.dropDraft(id);
    this.selId = id;
    this.showItem();
    this.renderQueue();
    this.bar.set({ kind: "ok", text: t("review.translate.done", { title: item.title, locale: item.locale }) });
    await this.load();
  }

  // ---------------------------------------------------------------- loading
  /** Reload the queue, keeping the selection when it still exists; `skip` = just decided. */
  async load(skip?: string): Promise<void> {
    const before = this.visible().map(itemId);
    const res = await this.loads.run(() => api.reviewQueue());
    if (!res) return; // a newer load is on its way
    if (!res.ok) {
      const e = res.error as ApiError;
      if (this.queue) this.bar.set({ kind: "error", text: t("review.error.load", { message: e.message }) });
      else {
        this.loadError = e;
        this.renderQueue();
        this.renderEmpty();
      }
      return;
    }
    const q = res.value;
    const prevItem = this.current();
    this.queue = q;
    this.loadError = null;
    const reviewer = this.actions.reviewer;
    if (!this.actions.reviewerTouched && !reviewer.value) reviewer.value = readReviewer() || q.reviewer;
    if (this.filter && !q.items.some((it) => it.locale === this.filter)) this.filter = null;
    const available = this.visible().map(itemId).filter((id) => id !== skip);
    const next = nextSelection(before, this.selId, available);
    this.editor.keepDrafts(new Set(q.items.map(itemId)));
    this.reselect(next, prevItem);
    this.renderQueue();
  }

  /** After a reload: show `next`, or refresh the shown item if it changed elsewhere. */
  private reselect(next: string | null, prevItem: ReviewItem | null): void {
    const item = next ? this.items().find((it) => itemId(it) === next) ?? null : null;
    if (next !== this.selId || !prevItem || !item) {
      this.selId = next;
      const keep = this.bar.message;
      this.showItem();
      this.bar.message = keep;
      this.bar.render();
    } else if (item.body !== prevItem.body || item.status !== prevItem.status || item.problem !== prevItem.problem || item.conflict?.other !== prevItem.conflict?.other) {
      // Changed elsewhere (the CLI, another window): refresh unless the reviewer is editing it.
      this.detail.renderStatus(item);
      this.detail.renderProblem(item);
      this.detail.renderConflict(item);
      if (!this.editor.hasDraft(itemId(item))) {
        this.editor.value = item.body;
        void this.preview.run();
      }
      this.actions.updateButtons();
    }
  }

  /** The team's roles: a person who may not approve sees the queue and the texts only. */
  async loadPermissions(): Promise<void> {
    try {
      this.mayApprove = (await api.teamPermissions()).may_approve;
    } catch {
      this.mayApprove = true; // hiding is a courtesy; the roles live with the team's git host
    }
    document.documentElement.dataset.mayApprove = String(this.mayApprove);
    if (!this.mayApprove) this.bar.set({ kind: "info", text: t("review.readOnly") });
  }

  // ---------------------------------------------------------------- keyboard & boot
  private onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229 || !this.queue) return;
    const target = e.target as Node | null;
    if (target && this.translate.el.contains(target)) return;
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
    if (ctrl && !e.shiftKey && e.key === "Enter") {
      e.preventDefault();
      void this.actions.decide("approved");
    } else if (ctrl && !e.shiftKey && e.code === "KeyS") {
      e.preventDefault();
      void this.actions.save();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      this.order.close();
      this.move(e.key === "ArrowDown" ? 1 : -1);
    }
  }

  start(): void {
    this.build();
    this.renderQueue();
    this.renderEmpty();
    const stored = readReviewer();
    if (stored) this.actions.reviewer.value = stored;
    document.addEventListener("keydown", (e) => this.onKeyDown(e));
    void onReviewChanged(() => void this.load());
    void this.loadPermissions();
    void onTeamStatus(() => void this.loadPermissions()).catch(() => undefined);
    void this.load();
  }
}
