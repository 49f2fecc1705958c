import "./styles.css";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { resolveUiLang, setLang } from "./i18n";
import { mountPalette } from "./palette/view";
import { mountSettings } from "./settings/view";
import { mountPlaceholder } from "./placeholder";
import { mountReview } from "./review/view";

async function boot(): Promise<void> {
  // Dev server / `npm run build:mock` only: a fake backend for the browser.
  // Both conditions are compile-time constants, so the production bundle drops the mock.
  if (import.meta.env.DEV || import.meta.env.MODE === "mock") {
    if (!("__TAURI_INTERNALS__" in window) || new URLSearchParams(location.search).has("mock")) {
      const { installMock } = await import("./mock");
      installMock();
    }
  }

  // First paint in the system language; the real setting arrives with the window's data.
  setLang(resolveUiLang("auto"));
  const root = document.getElementById("app")!;
  const label = getCurrentWindow().label;
  document.documentElement.dataset.window = label;
  if (label === "palette") mountPalette(root);
  else if (label === "settings") mountSettings(root);
  else if (label === "review") mountReview(root);
  else mountPlaceholder(root, label);
}

void boot();
