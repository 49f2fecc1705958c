// The interface language, decided in one place: the backend resolves the setting ("auto"
// from the system's LANG) and every window asks it once at boot (`ui_language`).
import { api, type UiLanguage } from "../api";
import { isLang, type Lang } from "./index";

/** How long the first paint waits for the answer before it goes ahead in English. */
export const UI_LANGUAGE_TIMEOUT_MS = 1500;

/** The backend's interface language; "en" when it cannot say (no answer, an error, nonsense). */
export async function fetchUiLanguage(ask: () => Promise<UiLanguage> = api.uiLanguage, timeoutMs = UI_LANGUAGE_TIMEOUT_MS): Promise<Lang> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const lang = await Promise.race([ask(), late]);
    return isLang(lang) ? lang : "en";
  } catch {
    return "en";
  } finally {
    clearTimeout(timer);
  }
}

/** After the setting changed: the concrete language it means now ("auto" is asked again). */
export async function languageFor(setting: string, ask: () => Promise<UiLanguage> = api.uiLanguage): Promise<Lang | null> {
  if (isLang(setting)) return setting;
  try {
    const lang = await ask();
    return isLang(lang) ? lang : null;
  } catch {
    return null;
  }
}
