// The chips under the search box: the target language (Alt+L), the order (Alt+O) and the
// buyer message copied before opening (quoted, as text in its own direction; not a button).
import type { LangSource, Order } from "../api";
import { h, replace } from "../h";
import { getLang, t, type MessageKey } from "../i18n";
import { languageName, nativeName } from "../locales";
import type { Mode } from "./keys";

export interface ChipsState {
  lang: string;
  langSource: LangSource | "manual";
  order: Order | null;
  mode: Mode;
  /** The copied buyer message (already shortened by the backend), null when there is none. */
  message: string | null;
}

export interface ChipsActions {
  /** The language chip was clicked. */
  lang(): void;
  /** The order chip was clicked. */
  order(): void;
}

export function langSourceLabel(source: ChipsState["langSource"]): string {
  return t(`palette.lang.source.${source}` as MessageKey);
}

function langChip(s: ChipsState, onClick: () => void): HTMLElement {
  const native = nativeName(s.lang);
  const local = languageName(s.lang, getLang());
  const source = langSourceLabel(s.langSource);
  return h(
    "button",
    {
      type: "button",
      class: ["chip", s.mode === "lang" && "chip-active"],
      "aria-label": t("palette.lang.chip", { lang: [s.lang, local || native].filter(Boolean).join(" "), source }),
      "aria-keyshortcuts": "Alt+L Control+L",
      "aria-expanded": s.mode === "lang" ? "true" : "false",
      title: local && local !== native ? local : undefined,
      onmousedown: (e: MouseEvent) => e.preventDefault(),
      onclick: onClick,
    },
    h("span", { class: "chip-code" }, s.lang),
    native ? [h("span", { class: "chip-sep", "aria-hidden": "true" }, "·"), h("bdi", { class: "chip-name", lang: s.lang, dir: "auto" }, native)] : null,
    h("span", { class: "chip-src" }, source),
    h("kbd", { class: "chip-kbd" }, "Alt+L"),
  );
}

function orderChip(s: ChipsState, onClick: () => void): HTMLElement {
  const order = s.order;
  const label = order ? [order.order_id, order.buyer_name].filter(Boolean).join(" ") : t("palette.order.none");
  return h(
    "button",
    {
      type: "button",
      class: ["chip", !order && "chip-empty", s.mode === "order" && "chip-active"],
      "aria-label": t("palette.order.chip", { order: label }),
      "aria-keyshortcuts": "Alt+O Control+O",
      "aria-expanded": s.mode === "order" ? "true" : "false",
      title: order ? [order.marketplace, order.buyer_country].filter(Boolean).join(" · ") : undefined,
      onmousedown: (e: MouseEvent) => e.preventDefault(),
      onclick: onClick,
    },
    order
      ? [h("span", { class: "chip-code" }, "#" + order.order_id), order.buyer_name ? h("bdi", { class: "chip-name", dir: "auto" }, order.buyer_name) : null]
      : h("span", { class: "chip-name" }, t("palette.order.none")),
    h("kbd", { class: "chip-kbd" }, "Alt+O"),
  );
}

/** “…”: the message as the palette got it; the whole of it in the tooltip when it does not fit. */
function messageChip(message: string): HTMLElement {
  return h(
    "span",
    { class: "chip chip-message", role: "note", title: message, "aria-label": t("palette.message.chip", { message }), "data-testid": "palette-message" },
    h("span", { class: "chip-quote", "aria-hidden": "true" }, "“"),
    h("bdi", { class: "chip-msg", dir: "auto" }, message),
    h("span", { class: "chip-quote", "aria-hidden": "true" }, "”"),
  );
}

export function renderChips(el: HTMLElement, s: ChipsState, on: ChipsActions): void {
  replace(el, langChip(s, on.lang), orderChip(s, on.order), s.message ? messageChip(s.message) : null);
}
