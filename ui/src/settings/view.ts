// Settings window: the settings form (form.ts) with its Translation section (translation.ts).
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { SettingsForm } from "./form";
import { TranslationSettings } from "./translation";

export function mountSettings(root: HTMLElement): void {
  const translation = new TranslationSettings();
  const form = new SettingsForm(root, () => translation.render());
  replace(root, h("div", { class: "settings settings-loading" }, h("p", { class: "muted" }, t("settings.loading"))));
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === "KeyS") {
      e.preventDefault();
      void form.save();
    }
  });
  api
    .getSettings()
    .then((s) => form.show(s))
    .catch((e: ApiError) => {
      replace(root, h("div", { class: "settings settings-loading" }, h("p", { class: "field-error", role: "alert" }, t("settings.error.load", { message: e.message }))));
    });
}
