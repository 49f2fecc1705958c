// The palette's state and its modes: the result list (with the replies suggested for the copied
// buyer message above it), the pickers, the values form and the confirmation. Rendering is done
// by the pane modules; the paste steps are in flow.ts and the keyboard in keyboard.ts.
import { api, type ApiError, type LangSource, type Order, type PaletteContext, type ResultItem, type SuggestedItem } from "../api";
import { h, replace } from "../h";
import { getLang, isLang, setLang, t } from "../i18n";
import { debounce } from "../components/debounce";
import { latestOnly } from "../components/latest";
import type { OrderPicker } from "../components/order-picker";
import { renderChips } from "./chips";
import { activate } from "./flow";
import { renderBar, renderTips, type BarMessage } from "./footer";
import type { Mode } from "./keys";
import { LangPicker, langCodes, paletteOrderPicker } from "./pickers";
import { renderPreview } from "./preview";
import { Results } from "./results";
import { VarsForm, type Flow } from "./vars-form";

const SEARCH_LIMIT = 50;
const SEARCH_DEBOUNCE_MS = 20;

export class Palette {
  // ---------------------------------------------------------------- state
  ctx: PaletteContext | null = null;
  lang = "en";
  langSource: LangSource | "manual" = "default";
  order: Order | null = null;
  mode: Mode = "list";
  flow: Flow | null = null;
  busy = false;
  loaded = false;
  /** The query the shown results are for. */
  lastQuery = "";
  barMessage: BarMessage | null = null;

  // ---------------------------------------------------------------- parts
  input!: HTMLInputElement;
  results!: Results;
  langPicker: LangPicker | null = null;
  orderPicker: OrderPicker | null = null;
  readonly vars = new VarsForm();
  private chips!: HTMLElement;
  private left!: HTMLElement;
  private previewPane!: HTMLElement;
  private bar!: HTMLElement;
  private tips!: HTMLElement;
  private readonly searches = latestOnly();
  private readonly suggests = latestOnly();
  private readonly scheduleSearch = debounce(() => void this.runSearch(false), SEARCH_DEBOUNCE_MS);

  constructor(private readonly root: HTMLElement) {}

  /** (Re)build the window in the current interface language; the results are kept. */
  build(): void {
    this.input = h("input", {
      class: "search-input",
      type: "text",
      id: "q",
      role: "combobox",
      "aria-expanded": "true",
      "aria-controls": "results",
      "aria-autocomplete": "list",
      "aria-label": t("palette.search.label"),
      placeholder: t("palette.search.placeholder"),
      autocomplete: "off",
      spellcheck: "false",
      autofocus: true,
      oninput: () => {
        this.clearBar();
        if (this.mode === "confirm") this.setMode("list");
        this.scheduleSearch();
      },
    });
    const old = this.results;
    this.results = new Results(
      {
        input: this.input,
        canHover: () => !this.busy && this.mode === "list",
        canClick: () => !this.busy,
        loaded: () => this.loaded,
        confirming: () => this.mode === "confirm",
        onSelect: () => this.renderPreview(),
        onClick: () => this.onResultClick(),
      },
      old ? old.state() : null,
    );
    this.chips = h("div", { class: "chips" });
    this.left = h("div", { class: "pane-left" });
    this.previewPane = h("div", { class: "pane-right", "aria-live": "polite" });
    this.bar = h("div", { class: "bar", hidden: true });
    this.tips = h("footer", { class: "tips" });
    replace(
      this.root,
      h(
        "div",
        { class: "palette" },
        h("header", { class: "search" }, h("span", { class: "search-icon", "aria-hidden": "true" }), this.input),
        this.chips,
        h("div", { class: "body" }, this.left, this.previewPane),
        this.bar,
        this.tips,
      ),
    );
    this.renderAll();
  }

  /** The copied buyer message of this opening (shortened by the backend), null when there is none. */
  get message(): string | null {
    return this.ctx?.message ?? null;
  }

  // ---------------------------------------------------------------- rendering
  renderAll(): void {
    this.renderChips();
    this.renderLeft();
    this.renderPreview();
    this.renderBar();
    this.renderTips();
  }

  renderChips(): void {
    renderChips(this.chips, this, {
      lang: () => (this.mode === "lang" ? this.back() : this.openLangPicker()),
      order: () => (this.mode === "order" ? this.back() : this.openOrderPicker()),
    });
  }

  /** The left pane of the mode: a picker, the values form or the results. */
  private renderLeft(): void {
    this.langPicker = null;
    this.vars.clear();
    if (this.mode === "lang") {
      this.langPicker = new LangPicker(langCodes(this.ctx?.locales ?? [], this.lang), this.lang, (code) => this.pickLang(code));
      replace(this.left, this.langPicker.el);
    } else if (this.mode === "order") {
      this.orderPicker?.close();
      const { picker, el } = paletteOrderPicker({
        current: () => this.order,
        onPick: (o) => this.pickOrder(o),
        onLoaded: () => this.clearBar(),
        onError: (text) => this.showError(text),
      });
      this.orderPicker = picker;
      replace(this.left, el);
    } else if (this.mode === "vars" && this.flow) {
      replace(this.left, this.vars.build(this.flow, () => this.renderPreview()));
    } else {
      replace(this.left, this.results.el);
      this.results.render();
    }
  }

  renderPreview(): void {
    const item = this.flow ? this.flow.item : this.results.selected();
    const vars = this.flow && item && this.flow.item.key === item.key ? this.flow.vars : null;
    renderPreview(this.previewPane, item, vars, this.loaded);
  }

  renderBar(): void {
    renderBar(this.bar, this.mode === "confirm" && this.flow ? this.flow.item.status : null, this.barMessage);
  }

  renderTips(): void {
    renderTips(this.tips, this.mode, this.busy, this.ctx?.review_count ?? 0, (text) => this.showError(text));
  }

  showError(text: string): void {
    this.barMessage = { kind: "error", text };
    this.renderBar();
  }

  clearBar(): void {
    if (this.barMessage) {
      this.barMessage = null;
      this.renderBar();
    }
  }

  // ---------------------------------------------------------------- modes
  setMode(m: Mode): void {
    const prev = this.mode;
    this.mode = m;
    if (m === "list") this.flow = null;
    if (prev === "order" && m !== "order") this.closeOrderPicker();
    const pane = (x: Mode): Mode => (x === "confirm" ? "list" : x);
    if (pane(prev) !== pane(m) || m === "vars") this.renderLeft();
    else if (pane(m) === "list") this.results.setConfirming(m === "confirm");
    this.renderChips();
    this.renderPreview();
    this.renderBar();
    this.renderTips();
  }

  /** Back to the result list, the focus in the search box. */
  back(): void {
    this.closeOrderPicker();
    this.flow = null;
    this.setMode("list");
    this.input.focus();
  }

  private closeOrderPicker(): void {
    this.orderPicker?.close();
    this.orderPicker = null;
  }

  openLangPicker(): void {
    if (this.busy) return;
    this.flow = null;
    this.setMode("lang");
    this.langPicker?.input.focus();
  }

  openOrderPicker(): void {
    if (this.busy) return;
    this.flow = null;
    this.setMode("order");
    const picker = this.orderPicker;
    if (!picker) return;
    void picker.open();
    picker.input.focus();
  }

  private pickLang(code: string): void {
    this.lang = code;
    this.langSource = "manual";
    this.back();
    void this.runSearch(true);
    void this.refreshSuggestions();
  }

  private pickOrder(o: Order | null): void {
    this.order = o;
    if (o && this.langSource !== "manual" && o.buyer_locale) {
      this.lang = o.buyer_locale;
      this.langSource = "order";
    }
    this.back();
    void this.runSearch(true);
    void this.refreshSuggestions();
  }

  private onResultClick(): void {
    if (this.mode === "confirm") this.setMode("list");
    activate(this);
  }

  // ---------------------------------------------------------------- search
  /** Search the query as typed; `keepSelection`: keep the selected template when still found. */
  async runSearch(keepSelection: boolean): Promise<void> {
    this.scheduleSearch.cancel();
    const query = this.input.value;
    const keepKey = keepSelection || query === this.lastQuery ? this.results.selected()?.key : undefined;
    const res = await this.searches.run(() => api.search(query, this.lang, this.order?.order_id ?? null, SEARCH_LIMIT));
    if (!res) return; // a newer search is on its way
    this.loaded = true;
    if (res.ok) {
      this.results.set(res.value as ResultItem[], keepKey, query.trim() === "");
      this.lastQuery = query;
      if (this.barMessage?.kind === "error") this.clearBar();
    } else {
      this.showError(t("palette.error.search", { message: (res.error as ApiError).message }));
    }
    if (this.mode === "list" || this.mode === "confirm") {
      if (this.mode === "confirm") {
        this.flow = null;
        this.mode = "list";
        this.renderBar();
        this.renderTips();
      }
      this.results.render();
      this.results.scrollToSelection();
    }
    this.renderPreview();
  }

  /**
   * Ask for the replies suggested for this opening's message (on opening, on the
   * palette-suggestions event, after the language or the order changed). They are a help: when
   * the backend has none or fails, the palette works as without them.
   */
  async refreshSuggestions(): Promise<void> {
    const res = await this.suggests.run(() => api.paletteSuggestions(this.lang, this.order?.order_id ?? null));
    if (!res) return; // a newer request is on its way
    this.applySuggestions(res.ok ? (res.value as SuggestedItem[]) : []);
  }

  /** Show `items`; the first one is selected unless the list is busy or the person moved on. */
  private applySuggestions(items: SuggestedItem[]): void {
    const inList = this.mode === "list" || this.mode === "confirm";
    this.results.setSuggestions(items, this.mode === "list" && !this.flow && !this.busy);
    if (inList) {
      this.results.scrollToSelection();
      this.renderPreview();
    }
  }

  /**
   * Empty the search box (on hide, not on show: typing may start before "palette-shown") and
   * forget the suggestions: they were for the message of this opening.
   */
  clearQuery(): void {
    this.suggests.cancel();
    this.results.setSuggestions([], false);
    this.input.value = "";
    void this.runSearch(false);
  }

  async hide(): Promise<void> {
    this.setMode("list"); // also drops any half-filled form
    this.clearQuery();
    try {
      await api.hidePalette();
    } catch (e) {
      this.showError((e as ApiError).message);
    }
  }

  // ---------------------------------------------------------------- context
  applyContext(c: PaletteContext): void {
    // The context can arrive a moment after the palette (language detection runs in a child
    // process). If the user is already filling values, confirming or pasting, leave them be.
    this.ctx = c;
    if (this.busy || this.flow) return;
    const rebuild = isLang(c.ui_lang) && c.ui_lang !== getLang();
    if (rebuild) setLang(c.ui_lang);
    this.lang = c.lang || "en";
    this.langSource = c.lang_source;
    this.order = c.order;
    this.flow = null;
    this.busy = false;
    this.mode = "list";
    this.barMessage = null;
    this.closeOrderPicker();
    // A new opening: the suggestions of the last message go, the first new one will be selected.
    this.suggests.cancel();
    this.results.resetMoved();
    this.results.setSuggestions([], false);
    if (rebuild) this.build();
    // The query is kept: it was emptied when the palette hid, and anything in it now was
    // typed by the user after the palette appeared but before this context arrived.
    this.renderAll();
    this.input.focus();
    void this.runSearch(false);
    void this.refreshSuggestions();
  }
}
