// Live check of the text in the editor (`review_preview`, debounced): the filled source and
// translation, the missing values, Fluent errors and the problem that blocks approval.
// Only the answer for the latest text is used.
import { api, type ApiError, type ReviewItem, type ReviewPreview } from "../api";
import { h, replace, type Child } from "../h";
import { t } from "../i18n";
import { debounce } from "../components/debounce";
import { latestOnly } from "../components/latest";
import { previewSegments } from "../components/preview-text";
import { itemId } from "./logic";
import type { ReviewWindow } from "./window";

const PREVIEW_DEBOUNCE_MS = 150;

interface Check {
  id: string;
  body: string;
  result: ReviewPreview | null;
  error: ApiError | null;
}

export class LivePreview {
  readonly checkEl = h("div", { class: "check", id: "check", "aria-live": "polite" });
  readonly sourcePreview = h("div", { class: "preview-box source-preview", dir: "auto", "aria-labelledby": "srcprev-label" });
  readonly transPreview = h("div", { class: "preview-box", dir: "auto", "aria-labelledby": "trprev-label" });
  readonly missingEl = h("p", { class: "preview-missing", hidden: true });
  private check: Check | null = null;
  /** A newer text is being (or about to be) checked. */
  private pending = false;
  private readonly requests = latestOnly();
  private readonly schedule = debounce(() => void this.run(), PREVIEW_DEBOUNCE_MS);

  constructor(private readonly w: ReviewWindow) {}

  /** Another item (or none) is shown: drop what is on its way for the previous one. */
  reset(item: ReviewItem | null): void {
    this.schedule.cancel();
    this.requests.cancel();
    this.pending = false;
    if (!item) return;
    if (this.check && this.check.id !== itemId(item)) this.check = null;
    this.w.editor.setErrors([]);
    this.sourcePreview.setAttribute("lang", item.source_locale);
    this.transPreview.setAttribute("lang", item.locale);
  }

  /** The text was edited: mark the shown check as outdated and check again soon. */
  edited(): void {
    this.pending = true;
    this.render();
    this.schedule();
  }

  /** The check of exactly the text now in the editor, or null while it is unknown. */
  exact(): ReviewPreview | null {
    const c = this.check;
    return c && c.id === this.w.selId && c.body === this.w.editor.value ? c.result : null;
  }

  /** For the buttons: the last check of this item (avoids flicker while typing). */
  last(): ReviewPreview | null {
    const c = this.check;
    return c && c.id === this.w.selId ? c.result : null;
  }

  /** The error of the last check of this item, if it failed. */
  failure(): ApiError | null {
    const c = this.check;
    return c && c.id === this.w.selId ? c.error : null;
  }

  /** Check the text now in the editor. */
  async run(): Promise<void> {
    const item = this.w.current();
    if (!item) return;
    const id = itemId(item);
    const body = this.w.editor.value;
    this.pending = true;
    const res = await this.requests.run(() => api.reviewPreview(item.key, item.locale, body, this.w.order.current?.order_id ?? null));
    if (!res) return; // a newer text (or another item) is being checked
    this.check = res.ok ? { id, body, result: res.value, error: null } : { id, body, result: null, error: res.error as ApiError };
    this.pending = this.schedule.pending();
    // Underline the errors in the editor when they are about the text it shows.
    if (body === this.w.editor.value) this.w.editor.setErrors(res.ok ? res.value.errors : []);
    this.render();
    this.w.actions.updateButtons();
  }

  /** The check of exactly the text in the editor (asks the backend when needed). */
  async ensure(): Promise<ReviewPreview | null> {
    this.schedule.cancel();
    if (!this.exact()) await this.run();
    return this.exact();
  }

  render(): void {
    this.renderPreviews();
    this.renderCheck();
  }

  private renderPreviews(): void {
    const r = this.check && this.check.id === this.w.selId ? this.check : null;
    this.transPreview.classList.toggle("is-stale", this.pending);
    this.sourcePreview.classList.toggle("is-stale", this.pending);
    this.missingEl.hidden = true;
    if (!r) {
      replace(this.sourcePreview);
      replace(this.transPreview);
      return;
    }
    if (r.error) {
      replace(this.sourcePreview);
      replace(this.transPreview, h("span", { class: "field-error" }, t("review.preview.error", { message: r.error.message })));
      return;
    }
    const p = r.result!;
    replace(this.sourcePreview, previewSegments(p.source_text));
    replace(this.transPreview, p.errors.length ? h("span", { class: "muted" }, t("review.preview.invalid")) : previewSegments(p.text));
    this.missingEl.hidden = p.missing.length === 0;
    replace(this.missingEl, p.missing.length ? t("review.preview.missing", { names: p.missing.join(", ") }) : null);
  }

  private renderCheck(): void {
    const el = this.checkEl;
    const r = this.last();
    el.classList.toggle("is-stale", this.pending);
    if (!r) {
      replace(el, this.pending ? h("p", { class: "check-line muted" }, t("review.check.checking")) : null);
      el.className = "check";
      return;
    }
    const lines: Child[] = r.errors.map((e) =>
      h("li", { class: "check-line check-error", dir: "auto" }, t("review.check.error", { line: e.line, column: e.column, message: e.message })),
    );
    // With syntax errors the problem only repeats them ("it is not valid Fluent…").
    if (r.problem && r.errors.length === 0) lines.push(h("li", { class: "check-line check-problem", dir: "auto" }, t("review.check.problem", { problem: r.problem })));
    el.className = ["check", this.pending && "is-stale", lines.length ? "check-bad" : "check-ok"].filter(Boolean).join(" ");
    replace(el, lines.length ? h("ul", { class: "check-list" }, lines) : h("p", { class: "check-line" }, h("span", { "aria-hidden": "true" }, "✓ "), t("review.check.ok")));
  }
}
