// The palette's keyboard: keys become commands (keys.ts), commands act on the palette.
import { api, type ApiError } from "../api";
import { t } from "../i18n";
import { commandFor, type Command, type KeyInput } from "./keys";
import { activate, confirm, fieldEnter } from "./flow";
import type { Palette } from "./palette";

export function onKeyDown(p: Palette, e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  if (target && target.tagName === "BUTTON" && (e.key === "Enter" || e.key === " ")) return;
  const k: KeyInput = e;
  let cmd: Command = commandFor(p.mode, k);
  if (cmd.type === "cancel-confirm") {
    p.setMode("list");
    cmd = commandFor("list", k);
  }
  if (cmd.type === "none") {
    // Typing while focus wandered off (e.g. to a chip): send it to the search box.
    if (p.mode === "list" && document.activeElement !== p.input && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) p.input.focus();
    return;
  }
  e.preventDefault();
  if (p.busy && cmd.type !== "hide") return;
  run(p, cmd, e.target);
}

function run(p: Palette, cmd: Command, target: EventTarget | null): void {
  switch (cmd.type) {
    case "move":
      if (p.mode === "list") p.results.move(cmd.delta);
      else if (p.mode === "lang") p.langPicker?.move(cmd.delta);
      else p.orderPicker?.move(cmd.delta);
      break;
    case "open-lang":
      if (p.mode === "lang") p.back();
      else p.openLangPicker();
      break;
    case "open-order":
      if (p.mode === "order") p.back();
      else p.openOrderPicker();
      break;
    case "open-library":
      // The library window, on the selected reply (none selected: on the list).
      api.openLibrary(p.results.selected()?.key ?? null).catch((e: ApiError) => p.showError(t("palette.error.library", { message: e.message })));
      break;
    case "activate":
      // Typed faster than the debounce: search first so Enter acts on the query as typed.
      if (p.input.value !== p.lastQuery) void p.runSearch(false).then(() => activate(p));
      else activate(p);
      break;
    case "pick":
      // The order picker waits for the lookup of what was just typed, then picks.
      if (p.mode === "lang") p.langPicker?.pickSelected();
      else void p.orderPicker?.pickSelected();
      break;
    case "field-enter":
      fieldEnter(p, target);
      break;
    case "confirm":
      confirm(p);
      break;
    case "back":
      p.back();
      break;
    case "hide":
      void p.hide();
      break;
  }
}
