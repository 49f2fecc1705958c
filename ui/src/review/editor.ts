// The translation editor: a textarea in the target language's direction, and the unsaved
// edits of every item (kept while another item is selected).
import type { ReviewItem } from "../api";
import { h } from "../h";
import { dirForLocale, itemId, rowsFor } from "./logic";

export class Editor {
  readonly el: HTMLTextAreaElement;
  /** Unsaved edits by item id. */
  private readonly drafts = new Map<string, string>();

  constructor(
    /** Measures the width when the editor itself is not laid out yet. */
    private readonly sibling: HTMLElement,
    onInput: () => void,
  ) {
    this.el = h("textarea", { id: "editor", class: "editor", spellcheck: "true", "aria-describedby": "check", oninput: onInput });
  }

  get value(): string {
    return this.el.value;
  }

  set value(text: string) {
    this.el.value = text;
  }

  /** Show `item`'s text, or its unsaved edit. */
  show(item: ReviewItem): void {
    this.el.value = this.drafts.get(itemId(item)) ?? item.body;
    this.el.setAttribute("lang", item.locale);
    this.el.setAttribute("dir", dirForLocale(item.locale));
    this.el.rows = rowsFor(this.el.value, this.cols());
  }

  /** The text differs from what is stored for `item`. */
  isDirty(item: ReviewItem | null): boolean {
    return !!item && this.el.value !== item.body;
  }

  hasDraft(id: string): boolean {
    return this.drafts.has(id);
  }

  dropDraft(id: string): void {
    this.drafts.delete(id);
  }

  /** Forget the edits of items that are gone. */
  keepDrafts(ids: Set<string>): void {
    for (const id of [...this.drafts.keys()]) if (!ids.has(id)) this.drafts.delete(id);
  }

  /** After typing: remember (or forget) the edit; returns whether the item's "edited" mark changed. */
  edited(item: ReviewItem): boolean {
    const id = itemId(item);
    const had = this.drafts.has(id);
    if (this.el.value === item.body) this.drafts.delete(id);
    else this.drafts.set(id, this.el.value);
    const rows = rowsFor(this.el.value, this.cols());
    if (rows > this.el.rows) this.el.rows = rows;
    return had !== this.drafts.has(id);
  }

  /** Characters per line (monospace ≈ 0.6 em), for the height. */
  private cols(): number {
    const w = this.el.clientWidth || this.sibling.clientWidth;
    return w ? Math.floor((w - 22) / 7.6) : 45;
  }
}
