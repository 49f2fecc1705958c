// The translation editor: the shared Fluent editor (chips, colouring, error marks) in the
// target language's direction, and the unsaved edits of every item (kept while another item
// is selected).
import type { ReviewItem } from "../api";
import { FluentEditor, type TextMarker } from "../components/fluent-editor";
import { itemId } from "./logic";

export class Editor {
  readonly fluent: FluentEditor;
  /** Unsaved edits by item id. */
  private readonly drafts = new Map<string, string>();

  constructor(onInput: () => void) {
    this.fluent = new FluentEditor({ id: "editor", className: "editor", locale: "en", labelledBy: "editor-label", describedBy: "check", onChange: onInput });
  }

  /** The wrapper (id "editor", with dir and lang). */
  get el(): HTMLElement {
    return this.fluent.el;
  }

  get value(): string {
    return this.fluent.value;
  }

  set value(text: string) {
    this.fluent.value = text;
  }

  focus(): void {
    this.fluent.focus();
  }

  /** Show `item`'s text, or its unsaved edit (a fresh undo history per item). */
  show(item: ReviewItem): void {
    this.fluent.reset(this.drafts.get(itemId(item)) ?? item.body, item.locale);
  }

  /** Mark the errors of the last check of exactly this text ([] clears). */
  setErrors(errors: readonly TextMarker[]): void {
    this.fluent.setErrors(errors);
  }

  /** The text differs from what is stored for `item`. */
  isDirty(item: ReviewItem | null): boolean {
    return !!item && this.value !== item.body;
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
    if (this.value === item.body) this.drafts.delete(id);
    else this.drafts.set(id, this.value);
    return had !== this.drafts.has(id);
  }
}
