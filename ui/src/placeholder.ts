import { h, replace } from "./h";
import { t } from "./i18n";

/** Shown for windows this version does not implement yet ("manager", "review", …). */
export function mountPlaceholder(root: HTMLElement, label: string): void {
  replace(
    root,
    h(
      "main",
      { class: "placeholder" },
      h("div", { class: "placeholder-mark", "aria-hidden": "true" }, "…"),
      h("h1", { class: "placeholder-title" }, t("placeholder.title")),
      h("p", { class: "muted" }, t("placeholder.body", { label })),
    ),
  );
}
