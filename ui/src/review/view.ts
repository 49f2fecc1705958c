// The review window: bilingual staff check, edit, approve or reject machine translations.
// window.ts ties the panes together: queue.ts (left), detail.ts, editor.ts (the shared Fluent editor),
// preview.ts (live check), back.ts (back-translation), actions.ts (save, approve, reject)
// and translate.ts ("Translate…").
import { ReviewWindow } from "./window";

export function mountReview(root: HTMLElement): void {
  new ReviewWindow(root).start();
}
