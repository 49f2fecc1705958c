// The command palette: search → pick → (fill values) → (confirm) → paste.
// palette.ts holds the state and modes; results, preview, chips, pickers, the values form and
// the footer draw their parts; flow.ts pastes; keyboard.ts maps keys to commands.
import { api, onPaletteShown, onPaletteSuggestions, onPasteFailed, type ApiError } from "../api";
import { t } from "../i18n";
import { latestOnly } from "../components/latest";
import { onKeyDown } from "./keyboard";
import { Palette } from "./palette";

export function mountPalette(root: HTMLElement): void {
  const p = new Palette(root);
  p.build();
  document.addEventListener("keydown", (e) => onKeyDown(p, e));
  window.addEventListener("focus", () => {
    if (p.mode === "list" && document.activeElement === document.body) p.input.focus();
  });
  // The context is asked for once at start and then pushed with every opening: an answer to
  // the first request that arrives after a pushed one is older, and is dropped.
  const asked = latestOnly();
  void onPaletteShown((c) => {
    asked.cancel();
    p.applyContext(c);
  });
  // The replies suggested for the copied message are ranked after the palette showed: ask for
  // them when the backend says they are ready (the palette keeps working meanwhile).
  void onPaletteSuggestions(() => void p.refreshSuggestions());
  // A paste that failed after the palette hid brings it back: say what happened and where the
  // reply is (the message comes from the core, in the staff's language).
  void onPasteFailed((failure) => {
    p.back();
    p.showError(failure.message);
  });
  void asked.run(() => api.paletteContext()).then((res) => {
    if (!res) return;
    if (res.ok) p.applyContext(res.value);
    else {
      p.loaded = true;
      p.showError(t("palette.error.context", { message: (res.error as ApiError).message }));
      void p.runSearch(false);
    }
  });
}
