// The paste steps after Enter on a result: ask for missing values, ask for a confirmation of
// an unreviewed text, paste; and what to do when the backend turns the paste down.
import { api, type ApiError } from "../api";
import { t } from "../i18n";
import { nextStep, stepForError } from "./keys";
import type { Palette } from "./palette";

/** Start pasting the selected result. */
export function activate(p: Palette): void {
  const item = p.results.selected();
  if (!item || p.busy) return;
  p.clearBar();
  p.flow = { item, missing: [...item.missing], vars: {}, varsDone: false, confirmed: false };
  advance(p);
}

/** The next step of the paste in progress. */
export function advance(p: Palette): void {
  const f = p.flow;
  if (!f) return;
  const step = nextStep({ missing: f.missing, status: f.item.status }, { vars: f.varsDone, confirmed: f.confirmed });
  if (step === "vars") {
    p.setMode("vars");
    p.vars.focusFirst();
  } else if (step === "confirm") {
    p.setMode("confirm");
    p.input.focus();
  } else void paste(p);
}

/** Enter in the values form: the next field, or on with the paste once all are filled. */
export function fieldEnter(p: Palette, target: EventTarget | null): void {
  if (!p.vars.enter(target, p.flow) || !p.flow) return;
  p.flow.varsDone = true;
  advance(p);
}

/** The second Enter on an unreviewed text. */
export function confirm(p: Palette): void {
  if (!p.flow) return;
  p.flow.confirmed = true;
  advance(p);
}

async function paste(p: Palette): Promise<void> {
  const f = p.flow;
  if (!f || p.busy) return;
  p.busy = true;
  p.renderTips();
  try {
    await api.paste({ key: f.item.key, lang: p.lang, orderId: p.order?.order_id ?? null, vars: { ...f.vars }, confirmed: f.confirmed });
    // Success: the backend hides the window and pastes. Leave a clean list behind, so
    // the next opening starts empty even if the user types before its context arrives.
    p.flow = null;
    p.busy = false;
    p.clearQuery();
    p.setMode("list");
    p.input.focus();
  } catch (err) {
    p.busy = false;
    refused(p, f, err as ApiError);
  }
  p.renderTips();
}

/** The backend wants values or a confirmation first, or the paste failed. */
function refused(p: Palette, f: NonNullable<Palette["flow"]>, e: ApiError): void {
  const step = stepForError(e.code);
  if (step === "vars") {
    f.missing = e.missing && e.missing.length ? e.missing : f.missing;
    f.varsDone = false;
    p.flow = f;
    advance(p);
  } else if (step === "confirm") {
    f.confirmed = false;
    p.flow = f;
    p.setMode("confirm");
    p.input.focus();
  } else {
    p.flow = null;
    p.setMode("list");
    p.input.focus();
    p.showError(t("palette.error.paste", { message: e.message }));
  }
}
