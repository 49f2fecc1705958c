// The library window (label "library", ≈1100×720): the owners' replies, their texts in every
// language, import/export and the first-run setup. window.ts ties the views together:
// list.ts (+ filters.ts, virtual-list.ts), editor.ts (+ text-card.ts, vars-menu.ts, plural.ts,
// history.ts, translations.ts), deleted.ts, import-dialog.ts, export.ts, setup.ts.
import { LibraryWindow } from "./window";

export function mountLibrary(root: HTMLElement): LibraryWindow {
  const w = new LibraryWindow(root);
  w.start();
  return w;
}
