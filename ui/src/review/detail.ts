// The selected translation's head (title, status, key, languages, provider), its problem,
// its source text, and the empty state when nothing is selected.
import type { ApiError, ReviewItem } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { langLabel, statusBadge } from "./labels";

/** `text` as text nodes, each `{ … }` placeable in a left-to-right `<bdi>`. */
export function withIsolatedPlaceables(text: string): (string | HTMLElement)[] {
  return text
    .split(/(\{[^{}\n]*\})/)
    .filter((part) => part !== "")
    .map((part) => (/^\{[^{}\n]*\}$/.test(part) ? h("bdi", { dir: "ltr", class: "placeable" }, part) : part));
}

export class DetailPane {
  readonly emptyEl = h("div", { class: "review-empty" });
  readonly titleEl = h("bdi", { class: "review-title", dir: "auto" });
  readonly statusEl = h("span", { class: "review-status" });
  readonly metaEl = h("div", { class: "review-meta" });
  readonly problemEl = h("div", { class: "problem-box", role: "note", hidden: true });
  /** A team conflict: the version the library did not keep, beside the one it did. */
  readonly conflictEl = h("div", { class: "problem-box conflict-box", role: "note", hidden: true });
  /** Puts the other version into the editor (set by the window). */
  onUseOther: (text: string) => void = () => undefined;
  readonly sourceLabel = h("div", { class: "col-label", id: "src-label" });
  readonly sourceBody = h("div", { class: "source-body", dir: "auto", "aria-labelledby": "src-label", tabIndex: 0 });
  readonly editorLabel = h("div", { class: "col-label", id: "editor-label" });

  show(item: ReviewItem): void {
    this.titleEl.textContent = item.title;
    this.renderStatus(item);
    replace(
      this.metaEl,
      h("span", { class: "meta-key" }, item.key),
      h(
        "span",
        { class: "meta-langs" },
        h("bdi", null, langLabel(item.source_locale)),
        h("span", { class: "meta-arrow", "aria-hidden": "true" }, " → "),
        h("bdi", null, langLabel(item.locale)),
      ),
      item.provider ? h("span", { class: "meta-provider" }, t("review.head.provider", { provider: item.provider })) : null,
    );
    this.renderProblem(item);
    this.renderConflict(item);
    this.sourceLabel.textContent = t("review.source.label", { lang: langLabel(item.source_locale) });
    this.editorLabel.textContent = t("review.translation.label", { lang: langLabel(item.locale) });
    this.sourceBody.textContent = item.source_body;
    this.sourceBody.setAttribute("lang", item.source_locale);
  }

  renderStatus(item: ReviewItem): void {
    replace(this.statusEl, statusBadge(item));
  }

  renderProblem(item: ReviewItem): void {
    this.problemEl.hidden = !item.problem;
    replace(
      this.problemEl,
      item.problem
        ? [
            h("div", { class: "problem-title" }, h("span", { "aria-hidden": "true" }, "⚠ "), t("review.problem.title")),
            h("div", { class: "problem-text", dir: "auto" }, item.problem),
          ]
        : null,
    );
  }

  renderConflict(item: ReviewItem): void {
    const c = item.conflict;
    this.conflictEl.hidden = !c;
    if (!c) return void replace(this.conflictEl, null);
    const who = c.other_author ?? t("review.conflict.someone");
    replace(
      this.conflictEl,
      h("div", { class: "problem-title" }, h("span", { "aria-hidden": "true" }, "⇄ "), t("review.conflict.title")),
      c.deleted
        ? h("p", { class: "problem-text" }, t("review.conflict.deleted", { who }))
        : [
            h("p", { class: "problem-text" }, t("review.conflict.other", { who })),
            // Text, never HTML; the buyer's script decides its direction, and each placeable
            // is an isolated left-to-right unit, so Arabic does not show `{ order_id$ }`.
            h("div", { class: "conflict-other source-body", dir: "auto", lang: item.locale }, withIsolatedPlaceables(c.other)),
            h("button", { type: "button", class: "btn", onclick: () => this.onUseOther(c.other) }, t("review.conflict.use")),
          ],
    );
  }

  /** Nothing selected: loading, the load error (with Retry), all done, or "select one". */
  renderEmpty(state: { loaded: boolean; loadError: ApiError | null; count: number; retry: () => void }): void {
    if (!state.loaded) {
      replace(
        this.emptyEl,
        state.loadError
          ? [
              h("p", { class: "field-error", role: "alert" }, t("review.error.load", { message: state.loadError.message })),
              h("button", { type: "button", class: "btn", onclick: state.retry }, t("review.retry")),
            ]
          : h("p", { class: "muted" }, t("review.loading")),
      );
    } else if (state.count === 0) {
      replace(
        this.emptyEl,
        h("div", { class: "empty-mark", "aria-hidden": "true" }, "✓"),
        h("h2", { class: "empty-title" }, t("review.empty.title")),
        h("p", { class: "muted empty-body" }, t("review.empty.body")),
      );
    } else replace(this.emptyEl, h("p", { class: "muted" }, t("review.select")));
  }
}
