// Back-translation: the edited text translated back into the source language, so a reviewer
// who cannot read the target language can check its meaning.
import { api, type ApiError } from "../api";
import { h, replace } from "../h";
import { t } from "../i18n";
import { latestOnly } from "../components/latest";
import { langLabel } from "./labels";
import { itemId } from "./logic";
import { errorText } from "./message";
import type { ReviewWindow } from "./window";

interface BackTranslation {
  id: string;
  body: string;
  busy: boolean;
  text: string | null;
  error: ApiError | null;
}

export class BackPane {
  readonly el = h("div", { class: "back-box", hidden: true, "aria-live": "polite" });
  private back: BackTranslation | null = null;
  private readonly requests = latestOnly();

  constructor(private readonly w: ReviewWindow) {}

  /** The back-translation of the selected item, if any. */
  private mine(): BackTranslation | null {
    return this.back && this.back.id === this.w.selId ? this.back : null;
  }

  busy(): boolean {
    return !!this.mine()?.busy;
  }

  /** Another item is shown: an answer still on its way is for the previous one. */
  clear(): void {
    this.requests.cancel();
    this.back = null;
  }

  /** The editor changed: only the "outdated" note may change. */
  edited(id: string): void {
    if (this.back && this.back.id === id) this.render();
  }

  async run(): Promise<void> {
    const item = this.w.current();
    if (!item) return;
    const b: BackTranslation = { id: itemId(item), body: this.w.editor.value, busy: true, text: null, error: null };
    this.back = b;
    this.render();
    this.w.actions.updateButtons();
    this.el.scrollIntoView({ block: "nearest" });
    const res = await this.requests.run(() => api.backTranslate(item.key, item.locale, b.body));
    if (!res) return; // asked again meanwhile, or another item is shown
    b.busy = false;
    if (res.ok) b.text = res.value;
    else b.error = res.error as ApiError;
    this.render();
    this.w.actions.updateButtons();
    this.el.scrollIntoView({ block: "nearest" });
  }

  render(): void {
    const item = this.w.current();
    const b = this.mine();
    this.el.hidden = !b || !item;
    if (!b || !item) {
      replace(this.el);
      return;
    }
    const lang = langLabel(item.source_locale);
    replace(
      this.el,
      h("div", { class: "col-label" }, t("review.back.title", { lang })),
      b.busy
        ? h("p", { class: "muted" }, t("review.back.busy"))
        : b.error
          ? h("p", { class: "field-error pre" }, errorText("review.back.error", b.error))
          : [
              h("div", { class: "back-text", dir: "auto", lang: item.source_locale }, b.text ?? ""),
              h("p", { class: "help" }, t("review.back.note", { lang })),
              b.body !== this.w.editor.value ? h("p", { class: "help back-outdated" }, t("review.back.outdated")) : null,
            ],
    );
  }
}
