// The review actions: the reviewer's name, Back-translate, Reject, Save edit (Ctrl+S) and
// Approve (Ctrl+Enter; saves a valid edit first).
import { api, type ApiError, type Verdict } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { canApprove, canSave, itemId } from "./logic";
import { errorText, type Message } from "./message";
import type { ReviewWindow } from "./window";

const REVIEWER_KEY = "quickreply.reviewer";

export function readReviewer(): string | null {
  try {
    return localStorage.getItem(REVIEWER_KEY);
  } catch {
    return null;
  }
}

function writeReviewer(name: string): void {
  try {
    localStorage.setItem(REVIEWER_KEY, name);
  } catch {
    /* storage disabled: the field still works for this session */
  }
}

export class Actions {
  readonly el: HTMLElement;
  readonly reviewer: HTMLInputElement;
  /** The reviewer typed a name: the queue's default no longer replaces it. */
  reviewerTouched = false;
  private readonly backBtn: HTMLButtonElement;
  private readonly rejectBtn: HTMLButtonElement;
  private readonly saveBtn: HTMLButtonElement;
  private readonly approveBtn: HTMLButtonElement;

  constructor(private readonly w: ReviewWindow) {
    this.reviewer = h("input", {
      id: "reviewer",
      class: "input reviewer-input",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      dir: "auto",
      placeholder: t("review.reviewer.placeholder"),
      oninput: () => {
        this.reviewerTouched = true;
        writeReviewer(this.reviewer.value.trim());
      },
    });
    this.backBtn = h("button", { type: "button", class: "btn", onclick: () => void w.back.run() }, t("review.back.button"));
    this.rejectBtn = h("button", { type: "button", class: "btn btn-reject approve-only", onclick: () => void this.decide("rejected") }, t("review.reject"));
    this.saveBtn = h(
      "button",
      { type: "button", class: "btn approve-only", title: t("review.save") + " (Ctrl+S)", "aria-keyshortcuts": "Control+S", onclick: () => void this.save() },
      t("review.save"),
    );
    this.approveBtn = h(
      "button",
      { type: "button", class: "btn btn-primary approve-only", title: t("review.approve") + " (Ctrl+Enter)", "aria-keyshortcuts": "Control+Enter", onclick: () => void this.decide("approved") },
      t("review.approve"),
    );
    this.el = h(
      "footer",
      { class: "review-actions", hidden: true },
      h("label", { class: "reviewer-label", for: "reviewer" }, t("review.reviewer.label")),
      this.reviewer,
      h("span", { class: "actions-gap" }),
      this.backBtn,
      this.rejectBtn,
      this.saveBtn,
      this.approveBtn,
    );
  }

  updateButtons(): void {
    const w = this.w;
    const item = w.current();
    const s = { dirty: w.editor.isDirty(item), check: w.preview.last(), busy: w.busy };
    this.saveBtn.disabled = !item || !canSave(s);
    this.approveBtn.disabled = !item || !canApprove(s);
    this.rejectBtn.disabled = !item || w.busy;
    const backBusy = w.back.busy();
    this.backBtn.disabled = !item || backBusy;
    replace(this.backBtn, backBusy ? t("review.back.busy") : t("review.back.button"));
    this.approveBtn.title = this.approveBtn.disabled && item && !w.busy ? t("review.approve.blocked") : t("review.approve") + " (Ctrl+Enter)";
  }

  private setBusy(busy: boolean, message: Message | null): void {
    this.w.busy = busy;
    this.updateButtons();
    if (message) this.w.bar.set(message);
  }

  /** Save the edit of the selected item; resolves to whether it was saved. */
  async save(): Promise<boolean> {
    const w = this.w;
    const item = w.current();
    if (!item || w.busy || !w.mayApprove || !w.editor.isDirty(item)) return false;
    const id = itemId(item);
    const res = await w.preview.ensure();
    if (w.selId !== id) return false;
    if (res && res.errors.length) {
      w.bar.set({ kind: "error", text: t("review.save.invalid") });
      return false;
    }
    this.setBusy(true, { kind: "info", text: t("review.saving") });
    try {
      const saved = await api.reviewSave(item.key, item.locale, w.editor.value);
      w.busy = false;
      w.editor.dropDraft(id);
      w.replaceItem(id, saved);
      if (w.selId === itemId(saved)) {
        if (w.editor.value !== saved.body) w.editor.value = saved.body; // the backend trims
        w.detail.renderStatus(saved);
        w.detail.renderProblem(saved);
      }
      w.bar.set({ kind: "ok", text: t("review.saved") });
      w.renderQueue();
      this.updateButtons();
      return true;
    } catch (e) {
      this.setBusy(false, { kind: "error", text: errorText("review.error.save", e as ApiError) });
      return false;
    }
  }

  /** Approve (a checked text without problem; an edit is saved first) or reject. */
  async decide(verdict: Verdict): Promise<void> {
    const w = this.w;
    const item = w.current();
    if (!item || w.busy || !w.mayApprove) return;
    const id = itemId(item);
    if (verdict === "approved" && !(await this.readyToApprove(id))) return;
    this.setBusy(true, { kind: "info", text: t(verdict === "approved" ? "review.approving" : "review.rejecting") });
    try {
      await api.reviewDecide(item.key, item.locale, verdict, this.reviewer.value.trim());
      w.busy = false;
      if (verdict === "rejected") w.editor.dropDraft(id);
      const done: Message = {
        kind: "ok",
        text: t(verdict === "approved" ? "review.approved" : "review.rejected", { title: item.title, locale: item.locale }),
      };
      await w.load(id);
      w.bar.set(done);
    } catch (e) {
      this.setBusy(false, { kind: "error", text: errorText("review.error.decide", e as ApiError) });
    }
  }

  /** The text of item `id` is checked and fine, and an edit of it is saved. */
  private async readyToApprove(id: string): Promise<boolean> {
    const w = this.w;
    const res = await w.preview.ensure();
    if (w.selId !== id || w.busy) return false;
    if (!canApprove({ dirty: w.editor.isDirty(w.current()), check: res, busy: false })) {
      const failed = w.preview.failure();
      w.bar.set({ kind: "error", text: failed ? t("review.preview.error", { message: failed.message }) : t("review.approve.blocked") });
      return false;
    }
    return !w.editor.isDirty(w.current()) || (await this.save());
  }
}
