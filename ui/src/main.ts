import "./styles.css";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { setLang } from "./i18n";
import { fetchUiLanguage } from "./i18n/boot";
import { mountPalette } from "./palette/view";
import { mountSettings } from "./settings/view";
import { mountPlaceholder } from "./placeholder";
import { mountReview } from "./review/view";
import { mountLibrary } from "./library/view";

async function boot(): Promise<void> {
  // Dev server / `npm run build:mock` only: a fake backend for the browser.
  // Both conditions are compile-time constants, so the production bundle drops the mock.
  if (import.meta.env.DEV || import.meta.env.MODE === "mock") {
    if (!("__TAURI_INTERNALS__" in window) || new URLSearchParams(location.search).has("mock")) {
      const { installMock } = await import("./mock/backend");
      installMock();
    }
  }

  // The interface language is the backend's decision (the setting, "auto" resolved from the
  // system); asked once, before anything is shown. Without an answer: English.
  setLang(await fetchUiLanguage());
  const root = document.getElementById("app")!;
  const label = getCurrentWindow().label;
  document.documentElement.dataset.window = label;
  if (label === "palette") mountPalette(root);
  else if (label === "settings") mountSettings(root);
  else if (label === "review") mountReview(root);
  else if (label === "library") mountLibrary(root);
  else mountPlaceholder(root, label);
}

void boot();
