// The palette's preview pane: the selected text filled in, its missing values and its source.
import type { ResultItem } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { previewSegments } from "../components/preview-text";
import { statusBadge } from "./badge";

/**
 * Show `item` (null: the empty note, once results have loaded). `vars`: values typed in the
 * values form, filled into the placeholders.
 */
export function renderPreview(pane: HTMLElement, item: ResultItem | null, vars: Record<string, string> | null, loaded: boolean): void {
  if (!item) {
    replace(pane, h("div", { class: "preview-empty" }, loaded ? t("palette.preview.empty") : ""));
    return;
  }
  const showSource = item.source_locale && item.locale !== item.source_locale && item.source_preview;
  replace(
    pane,
    h(
      "div",
      { class: "preview" },
      h("div", { class: "preview-head" }, h("span", { class: "preview-label" }, t("palette.preview.label", { locale: item.locale })), statusBadge(item)),
      h("div", { class: "preview-text", lang: item.locale, dir: "auto" }, previewSegments(item.preview, vars)),
      item.missing.length && !vars ? h("div", { class: "preview-missing" }, t("palette.preview.missing", { names: item.missing.join(", ") })) : null,
      showSource
        ? h(
            "div",
            { class: "source" },
            h("div", { class: "preview-label" }, t("palette.preview.source", { locale: item.source_locale })),
            h("div", { class: "source-text", lang: item.source_locale, dir: "auto" }, previewSegments(item.source_preview, vars)),
          )
        : null,
    ),
  );
}
