// Settings window: the settings form (form.ts) with its Translation (translation.ts) and Team
// (team.ts) sections.
import { api, onTeamStatus, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { SettingsForm } from "./form";
import { BackupSettings } from "./backups";
import { TeamSettings } from "./team";
import { TranslationSettings } from "./translation";

export function mountSettings(root: HTMLElement): void {
  const translation = new TranslationSettings();
  const team = new TeamSettings();
  const backups = new BackupSettings();
  const form = new SettingsForm(root, () => [translation.render(), team.render(), backups.render()]);
  // Background syncs (on start, on the timer, after a save) tell every window the new status.
  void onTeamStatus((s) => team.update(s)).catch(() => undefined);
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
