// The command palette: search → pick → (fill values) → (confirm) → paste.
import { api, onPaletteShown, type ApiError, type LangSource, type Order, type PaletteContext, type ResultItem } from "../api";
import { h, replace, type Child } from "../h";
import { getLang, resolveUiLang, setLang, t, type MessageKey } from "../i18n";
import { languageName, nativeName } from "../locales";
import { matchesAll, splitPreview } from "../text";
import { commandFor, nextStep, stepForError, wrap, type Command, type KeyInput, type Mode } from "./keys";

const SEARCH_LIMIT = 50;
const SEARCH_DEBOUNCE_MS = 20;
const ORDER_DEBOUNCE_MS = 120;

interface Flow {
  item: ResultItem;
  missing: string[];
  vars: Record<string, string>;
  varsDone: boolean;
  confirmed: boolean;
}

type PickerEntry =
  | { kind: "lang"; code: string }
  | { kind: "clear-order" }
  | { kind: "order"; order: Order };

export function mountPalette(root: HTMLElement): void {
  // ---------------------------------------------------------------- state
  let ctx: PaletteContext | null = null;
  let lang = "en";
  let langSource: LangSource | "manual" = "default";
  let order: Order | null = null;
  let results: ResultItem[] = [];
  let sel = -1;
  let mode: Mode = "list";
  let flow: Flow | null = null;
  let busy = false;
  let searchSeq = 0;
  let searchTimer: number | undefined;
  let lastQuery = "";
  let loaded = false;
  let pickerEntries: PickerEntry[] = [];
  let pickerSel = -1;
  let orderSeq = 0;
  let orderTimer: number | undefined;
  let orderLoading = false;
  let lastMouse = "";

  // ---------------------------------------------------------------- DOM
  let input!: HTMLInputElement;
  let chips!: HTMLElement;
  let left!: HTMLElement;
  let previewPane!: HTMLElement;
  let bar!: HTMLElement;
  let tips!: HTMLElement;
  let listEl!: HTMLElement;
  let pickerInput: HTMLInputElement | null = null;
  let pickerList: HTMLElement | null = null;
  let varInputs: HTMLInputElement[] = [];

  function build(): void {
    input = h("input", {
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
        clearBar();
        if (mode === "confirm") setMode("list");
        scheduleSearch();
      },
    });
    chips = h("div", { class: "chips" });
    listEl = h("div", { class: "results", id: "results", role: "listbox", "aria-label": t("palette.results.label") });
    left = h("div", { class: "pane-left" });
    previewPane = h("div", { class: "pane-right", "aria-live": "polite" });
    bar = h("div", { class: "bar", hidden: true });
    tips = h("footer", { class: "tips" });
    replace(
      root,
      h(
        "div",
        { class: "palette" },
        h("header", { class: "search" }, h("span", { class: "search-icon", "aria-hidden": "true" }), input),
        chips,
        h("div", { class: "body" }, left, previewPane),
        bar,
        tips,
      ),
    );
    renderAll();
  }

  // ---------------------------------------------------------------- rendering
  function renderAll(): void {
    renderChips();
    renderLeft();
    renderPreview();
    renderBar();
    renderTips();
  }

  function langSourceLabel(): string {
    return t(`palette.lang.source.${langSource}` as MessageKey);
  }

  function renderChips(): void {
    const native = nativeName(lang);
    const local = languageName(lang, getLang());
    const langChip = h(
      "button",
      {
        type: "button",
        class: ["chip", mode === "lang" && "chip-active"],
        "aria-label": t("palette.lang.chip", { lang: [lang, local || native].filter(Boolean).join(" "), source: langSourceLabel() }),
        "aria-keyshortcuts": "Alt+L Control+L",
        "aria-expanded": mode === "lang" ? "true" : "false",
        title: local && local !== native ? local : undefined,
        onmousedown: (e: MouseEvent) => e.preventDefault(),
        onclick: () => (mode === "lang" ? back() : openLangPicker()),
      },
      h("span", { class: "chip-code" }, lang),
      native ? [h("span", { class: "chip-sep", "aria-hidden": "true" }, "·"), h("bdi", { class: "chip-name", lang, dir: "auto" }, native)] : null,
      h("span", { class: "chip-src" }, langSourceLabel()),
      h("kbd", { class: "chip-kbd" }, "Alt+L"),
    );
    const orderLabel = order ? [order.order_id, order.buyer_name].filter(Boolean).join(" ") : t("palette.order.none");
    const orderChip = h(
      "button",
      {
        type: "button",
        class: ["chip", !order && "chip-empty", mode === "order" && "chip-active"],
        "aria-label": t("palette.order.chip", { order: orderLabel }),
        "aria-keyshortcuts": "Alt+O Control+O",
        "aria-expanded": mode === "order" ? "true" : "false",
        title: order ? [order.marketplace, order.buyer_country].filter(Boolean).join(" · ") : undefined,
        onmousedown: (e: MouseEvent) => e.preventDefault(),
        onclick: () => (mode === "order" ? back() : openOrderPicker()),
      },
      order
        ? [
            h("span", { class: "chip-code" }, "#" + order.order_id),
            order.buyer_name ? h("bdi", { class: "chip-name", dir: "auto" }, order.buyer_name) : null,
          ]
        : h("span", { class: "chip-name" }, t("palette.order.none")),
      h("kbd", { class: "chip-kbd" }, "Alt+O"),
    );
    replace(chips, langChip, orderChip);
  }

  function renderLeft(): void {
    pickerInput = null;
    pickerList = null;
    varInputs = [];
    if (mode === "lang" || mode === "order") replace(left, buildPicker());
    else if (mode === "vars" && flow) replace(left, buildVarsForm(flow));
    else {
      replace(left, listEl);
      renderResults();
    }
  }

  function statusBadge(item: ResultItem): Child {
    if (item.status === "approved") return null;
    return h("span", { class: "badge badge-warn" }, t(`status.${item.status}` as MessageKey));
  }

  function renderResults(): void {
    if (results.length === 0) {
      const q = input.value.trim();
      replace(
        listEl,
        loaded ? h("div", { class: "empty", role: "presentation" }, q ? t("palette.empty.query", { query: q }) : t("palette.empty.none")) : null,
      );
      input.removeAttribute("aria-activedescendant");
      return;
    }
    replace(
      listEl,
      results.map((item, i) =>
        h(
          "div",
          {
            class: ["row", i === sel && "selected", i === sel && mode === "confirm" && "confirming"],
            id: "r-" + i,
            role: "option",
            "aria-selected": i === sel ? "true" : "false",
            onmousedown: (e: MouseEvent) => e.preventDefault(),
            onmousemove: (e: MouseEvent) => {
              const pos = e.screenX + "," + e.screenY;
              if (pos === lastMouse) return; // list scrolled under a still mouse
              lastMouse = pos;
              if (sel !== i && !busy && mode === "list") select(i, false);
            },
            onclick: () => {
              if (busy) return;
              if (mode === "confirm") setMode("list");
              select(i, false);
              activate();
            },
          },
          h(
            "div",
            { class: "row-main" },
            h("bdi", { class: "row-title", dir: "auto" }, item.title),
            h("span", { class: "row-badges" }, statusBadge(item), h("span", { class: "badge" }, item.locale)),
          ),
          h(
            "div",
            { class: "row-sub" },
            item.shortcut ? h("span", { class: "row-shortcut" }, item.shortcut) : null,
            item.category ? h("bdi", { class: "row-cat", dir: "auto" }, item.category) : null,
          ),
        ),
      ),
    );
    updateActiveDescendant();
  }

  function updateActiveDescendant(): void {
    if (sel >= 0 && sel < results.length) input.setAttribute("aria-activedescendant", "r-" + sel);
    else input.removeAttribute("aria-activedescendant");
  }

  function select(i: number, scroll: boolean): void {
    const prev = listEl.querySelector<HTMLElement>(".row.selected");
    if (prev) {
      prev.classList.remove("selected", "confirming");
      prev.setAttribute("aria-selected", "false");
    }
    sel = i;
    const row = listEl.querySelector<HTMLElement>("#r-" + i);
    if (row) {
      row.classList.add("selected");
      row.setAttribute("aria-selected", "true");
      if (scroll) row.scrollIntoView({ block: "nearest" });
    }
    updateActiveDescendant();
    renderPreview();
  }

  function selected(): ResultItem | null {
    return sel >= 0 && sel < results.length ? results[sel] : null;
  }

  /** Preview/source text with ⟨name⟩ placeholders as styled spans (filled from `vars` when known). */
  function segments(textValue: string, vars: Record<string, string> | null): Child[] {
    return splitPreview(textValue).map((s) => {
      if (s.kind === "text") return s.text;
      const v = vars?.[s.name];
      if (v) return h("bdi", { class: "var var-filled", dir: "auto", title: s.name }, v);
      return h("bdi", { class: "var var-missing", title: s.name }, s.name);
    });
  }

  function renderPreview(): void {
    const item = flow ? flow.item : selected();
    if (!item) {
      replace(previewPane, h("div", { class: "preview-empty" }, loaded ? t("palette.preview.empty") : ""));
      return;
    }
    const vars = flow && flow.item.key === item.key ? flow.vars : null;
    const showSource = item.source_locale && item.locale !== item.source_locale && item.source_preview;
    replace(
      previewPane,
      h(
        "div",
        { class: "preview" },
        h(
          "div",
          { class: "preview-head" },
          h("span", { class: "preview-label" }, t("palette.preview.label", { locale: item.locale })),
          statusBadge(item),
        ),
        h("div", { class: "preview-text", lang: item.locale, dir: "auto" }, segments(item.preview, vars)),
        item.missing.length && !vars
          ? h("div", { class: "preview-missing" }, t("palette.preview.missing", { names: item.missing.join(", ") }))
          : null,
        showSource
          ? h(
              "div",
              { class: "source" },
              h("div", { class: "preview-label" }, t("palette.preview.source", { locale: item.source_locale })),
              h("div", { class: "source-text", lang: item.source_locale, dir: "auto" }, segments(item.source_preview, vars)),
            )
          : null,
      ),
    );
  }

  let barMessage: { kind: "error" | "warn" | "info"; text: string } | null = null;
  function renderBar(): void {
    if (mode === "confirm" && flow) {
      bar.hidden = false;
      bar.className = "bar bar-warn";
      bar.setAttribute("role", "alert");
      replace(bar, t("palette.confirm.text", { status: t(`status.${flow.item.status === "approved" ? "needs_review" : flow.item.status}` as MessageKey) }));
      return;
    }
    if (!barMessage) {
      bar.hidden = true;
      replace(bar);
      return;
    }
    bar.hidden = false;
    bar.className = "bar bar-" + barMessage.kind;
    bar.setAttribute("role", barMessage.kind === "error" ? "alert" : "status");
    replace(bar, barMessage.text);
  }

  function showError(text: string): void {
    barMessage = { kind: "error", text };
    renderBar();
  }
  function clearBar(): void {
    if (barMessage) {
      barMessage = null;
      renderBar();
    }
  }

  function renderTips(): void {
    const sets: Record<Mode, [string[], MessageKey][]> = {
      list: [
        [["↑", "↓"], "tip.select"],
        [["Enter"], "tip.paste"],
        [["Alt+L"], "tip.language"],
        [["Alt+O"], "tip.order"],
        [["Esc"], "tip.close"],
      ],
      lang: [
        [["↑", "↓"], "tip.select"],
        [["Enter"], "tip.pick"],
        [["Esc"], "tip.back"],
      ],
      order: [
        [["↑", "↓"], "tip.select"],
        [["Enter"], "tip.pick"],
        [["Esc"], "tip.back"],
      ],
      vars: [
        [["Enter"], "tip.next"],
        [["Esc"], "tip.back"],
      ],
      confirm: [
        [["Enter"], "tip.pasteAnyway"],
        [["Esc"], "tip.cancel"],
      ],
    };
    if (busy) {
      replace(tips, h("span", { class: "tip tip-busy", role: "status" }, t("palette.pasting")));
      return;
    }
    replace(
      tips,
      sets[mode].map(([keys, label]) => h("span", { class: "tip" }, keys.map((k) => h("kbd", null, k)), h("span", null, t(label)))),
      reviewBadge(),
    );
  }

  /** "3 to review": opens the review window (never takes the focus from the search box). */
  function reviewBadge(): Child {
    const count = ctx?.review_count ?? 0;
    if (!(count > 0)) return null;
    return h(
      "button",
      {
        type: "button",
        class: "review-badge",
        title: t("palette.review.open", { count }),
        "aria-label": t("palette.review.open", { count }),
        tabIndex: -1,
        onmousedown: (e: MouseEvent) => e.preventDefault(),
        onclick: () => {
          api.openReview().catch((e: ApiError) => showError(t("palette.error.review", { message: e.message })));
        },
      },
      t("palette.review.badge", { count }),
    );
  }

  // ---------------------------------------------------------------- pickers
  function buildPicker(): HTMLElement {
    const isLang = mode === "lang";
    pickerInput = h("input", {
      class: "picker-input",
      type: "text",
      role: "combobox",
      "aria-expanded": "true",
      "aria-controls": "picker-list",
      "aria-autocomplete": "list",
      "aria-label": t(isLang ? "palette.langPicker.title" : "palette.orderPicker.title"),
      placeholder: t(isLang ? "palette.langPicker.placeholder" : "palette.orderPicker.placeholder"),
      autocomplete: "off",
      spellcheck: "false",
      oninput: () => (isLang ? filterLangs() : scheduleOrderSearch()),
    });
    pickerList = h("div", { class: "results picker-list", id: "picker-list", role: "listbox", "aria-label": t(isLang ? "palette.langPicker.title" : "palette.orderPicker.title") });
    return h(
      "div",
      { class: "picker" },
      h("div", { class: "picker-title" }, t(isLang ? "palette.langPicker.title" : "palette.orderPicker.title")),
      pickerInput,
      pickerList,
    );
  }

  function langCodes(): string[] {
    const list = [...(ctx?.locales ?? [])];
    if (!list.includes(lang)) list.unshift(lang);
    return list;
  }

  function filterLangs(): void {
    const q = pickerInput?.value.trim() ?? "";
    const ui = getLang();
    pickerEntries = langCodes()
      .filter((code) => !q || matchesAll([code, nativeName(code), languageName(code, ui), languageName(code, "en")].join(" "), q))
      .map((code) => ({ kind: "lang" as const, code }));
    const cur = pickerEntries.findIndex((e) => e.kind === "lang" && e.code === lang);
    pickerSel = pickerEntries.length ? (q ? 0 : Math.max(0, cur)) : -1;
    renderPickerList();
  }

  function scheduleOrderSearch(): void {
    window.clearTimeout(orderTimer);
    orderTimer = window.setTimeout(runOrderSearch, ORDER_DEBOUNCE_MS);
  }

  async function runOrderSearch(): Promise<void> {
    const seq = ++orderSeq;
    orderLoading = true;
    renderPickerList();
    try {
      const orders = await api.findOrders(pickerInput?.value.trim() ?? "");
      if (seq !== orderSeq || mode !== "order") return;
      pickerEntries = [{ kind: "clear-order" }, ...orders.map((o) => ({ kind: "order" as const, order: o }))];
      const cur = order ? pickerEntries.findIndex((e) => e.kind === "order" && e.order.order_id === order!.order_id) : -1;
      pickerSel = cur >= 0 && !pickerInput?.value.trim() ? cur : orders.length ? 1 : 0;
      clearBar();
    } catch (e) {
      if (seq !== orderSeq) return;
      pickerEntries = [{ kind: "clear-order" }];
      pickerSel = 0;
      showError(t("palette.error.orders", { message: (e as ApiError).message }));
    } finally {
      if (seq === orderSeq) orderLoading = false;
    }
    renderPickerList();
  }

  function renderPickerList(): void {
    if (!pickerList || !pickerInput) return;
    const ui = getLang();
    const rows = pickerEntries.map((entry, i) => {
      const attrs = {
        class: ["row", "picker-row", i === pickerSel && "selected"],
        id: "p-" + i,
        role: "option",
        "aria-selected": i === pickerSel ? "true" : "false",
        onmousedown: (e: MouseEvent) => e.preventDefault(),
        onmousemove: (e: MouseEvent) => {
          const pos = e.screenX + "," + e.screenY;
          if (pos === lastMouse) return;
          lastMouse = pos;
          if (pickerSel !== i) selectPicker(i, false);
        },
        onclick: () => {
          pickerSel = i;
          pick();
        },
      };
      if (entry.kind === "lang") {
        const native = nativeName(entry.code);
        const local = languageName(entry.code, ui);
        return h(
          "div",
          attrs,
          h(
            "div",
            { class: "row-main" },
            h("span", { class: "lang-code" }, entry.code),
            h("bdi", { class: "row-title", lang: entry.code, dir: "auto" }, native || entry.code),
            entry.code === lang ? h("span", { class: "badge" }, "✓") : null,
          ),
          local && local !== native ? h("div", { class: "row-sub" }, local) : null,
        );
      }
      if (entry.kind === "clear-order") {
        return h(
          "div",
          attrs,
          h("div", { class: "row-main" }, h("span", { class: "row-title row-clear" }, t("palette.orderPicker.clear"))),
          h("div", { class: "row-sub" }, t("palette.orderPicker.clearHint")),
        );
      }
      const o = entry.order;
      return h(
        "div",
        attrs,
        h(
          "div",
          { class: "row-main" },
          h("span", { class: "order-id" }, o.order_id),
          o.buyer_name ? h("bdi", { class: "row-title", dir: "auto" }, o.buyer_name) : null,
          order && order.order_id === o.order_id ? h("span", { class: "badge" }, "✓") : null,
        ),
        h(
          "div",
          { class: "row-sub" },
          [o.marketplace, o.buyer_country, o.buyer_locale, o.ordered_at ? o.ordered_at.slice(0, 10) : null].filter(Boolean).join(" · "),
        ),
      );
    });
    const empty =
      mode === "order"
        ? pickerEntries.length <= 1 && pickerInput.value.trim()
          ? h("div", { class: "empty" }, orderLoading ? t("palette.orderPicker.searching") : t("palette.orderPicker.empty"))
          : null
        : pickerEntries.length === 0
          ? h("div", { class: "empty" }, t("palette.langPicker.empty"))
          : null;
    replace(pickerList, rows, empty);
    if (pickerSel >= 0) {
      pickerInput.setAttribute("aria-activedescendant", "p-" + pickerSel);
      pickerList.querySelector("#p-" + pickerSel)?.scrollIntoView({ block: "nearest" });
    } else pickerInput.removeAttribute("aria-activedescendant");
  }

  function selectPicker(i: number, scroll: boolean): void {
    if (!pickerList || !pickerInput) return;
    const prev = pickerList.querySelector<HTMLElement>(".row.selected");
    if (prev) {
      prev.classList.remove("selected");
      prev.setAttribute("aria-selected", "false");
    }
    pickerSel = i;
    const row = pickerList.querySelector<HTMLElement>("#p-" + i);
    if (row) {
      row.classList.add("selected");
      row.setAttribute("aria-selected", "true");
      if (scroll) row.scrollIntoView({ block: "nearest" });
    }
    pickerInput.setAttribute("aria-activedescendant", "p-" + i);
  }

  function openLangPicker(): void {
    if (busy) return;
    flow = null;
    setMode("lang");
    filterLangs();
    pickerInput?.focus();
  }

  function openOrderPicker(): void {
    if (busy) return;
    flow = null;
    setMode("order");
    pickerEntries = [{ kind: "clear-order" }];
    pickerSel = 0;
    renderPickerList();
    pickerInput?.focus();
    void runOrderSearch();
  }

  function pick(): void {
    const entry = pickerEntries[pickerSel];
    if (!entry) return;
    if (entry.kind === "lang") {
      lang = entry.code;
      langSource = "manual";
    } else if (entry.kind === "clear-order") {
      order = null;
    } else {
      order = entry.order;
      if (langSource !== "manual" && entry.order.buyer_locale) {
        lang = entry.order.buyer_locale;
        langSource = "order";
      }
    }
    back();
    void runSearch(true);
  }

  // ---------------------------------------------------------------- values form
  function buildVarsForm(f: Flow): HTMLElement {
    varInputs = f.missing.map((name, i) => {
      const id = "var-" + i;
      return h("input", {
        id,
        class: "field-input",
        type: "text",
        value: f.vars[name] ?? "",
        placeholder: t("palette.vars.hint", { name }),
        "aria-describedby": "vars-note",
        autocomplete: "off",
        spellcheck: "false",
        dir: "auto",
        "data-name": name,
        oninput: (e: Event) => {
          const el = e.target as HTMLInputElement;
          f.vars[name] = el.value;
          if (el.value) el.removeAttribute("aria-invalid");
          renderPreview();
        },
      });
    });
    return h(
      "form",
      { class: "vars", onsubmit: (e: Event) => e.preventDefault(), novalidate: true },
      h("div", { class: "picker-title" }, t("palette.vars.title")),
      h("bdi", { class: "vars-item", dir: "auto" }, f.item.title),
      h("p", { class: "vars-note", id: "vars-note" }, t("palette.vars.note")),
      f.missing.map((name, i) =>
        h(
          "div",
          { class: "field" },
          h("label", { class: "field-label", for: "var-" + i }, h("code", null, name)),
          varInputs[i],
        ),
      ),
    );
  }

  function fieldEnter(target: EventTarget | null): void {
    const idx = varInputs.findIndex((el) => el === target);
    if (idx >= 0 && idx < varInputs.length - 1) {
      varInputs[idx + 1].focus();
      return;
    }
    const empty = varInputs.filter((el) => !el.value.trim());
    if (empty.length) {
      empty.forEach((el) => el.setAttribute("aria-invalid", "true"));
      empty[0].focus();
      return;
    }
    if (!flow) return;
    for (const el of varInputs) flow.vars[el.dataset.name!] = el.value;
    flow.varsDone = true;
    advance();
  }

  // ---------------------------------------------------------------- paste flow
  function activate(): void {
    const item = selected();
    if (!item || busy) return;
    clearBar();
    flow = { item, missing: [...item.missing], vars: {}, varsDone: false, confirmed: false };
    advance();
  }

  function advance(): void {
    if (!flow) return;
    const step = nextStep({ missing: flow.missing, status: flow.item.status }, { vars: flow.varsDone, confirmed: flow.confirmed });
    if (step === "vars") {
      setMode("vars");
      varInputs[0]?.focus();
    } else if (step === "confirm") {
      setMode("confirm");
      input.focus();
    } else void doPaste();
  }

  async function doPaste(): Promise<void> {
    if (!flow || busy) return;
    const f = flow;
    busy = true;
    renderTips();
    try {
      await api.paste({ key: f.item.key, lang, orderId: order?.order_id ?? null, vars: { ...f.vars }, confirmed: f.confirmed });
      // Success: the backend hides the window and pastes. Leave a clean list behind, so
      // the next opening starts empty even if the user types before its context arrives.
      flow = null;
      busy = false;
      clearQuery();
      setMode("list");
      input.focus();
    } catch (err) {
      busy = false;
      const e = err as ApiError;
      const step = stepForError(e.code);
      if (step === "vars") {
        f.missing = e.missing && e.missing.length ? e.missing : f.missing;
        f.varsDone = false;
        flow = f;
        advance();
      } else if (step === "confirm") {
        f.confirmed = false;
        flow = f;
        setMode("confirm");
        input.focus();
      } else {
        flow = null;
        setMode("list");
        input.focus();
        showError(t("palette.error.paste", { message: e.message }));
      }
    }
    renderTips();
  }

  // ---------------------------------------------------------------- modes
  function setMode(m: Mode): void {
    const prev = mode;
    mode = m;
    if (m === "list") flow = null;
    const pane = (x: Mode): Mode => (x === "confirm" ? "list" : x);
    if (pane(prev) !== pane(m) || m === "vars") renderLeft();
    else if (pane(m) === "list") {
      const row = listEl.querySelector(".row.selected");
      row?.classList.toggle("confirming", m === "confirm");
    }
    renderChips();
    renderPreview();
    renderBar();
    renderTips();
  }

  function back(): void {
    window.clearTimeout(orderTimer);
    orderSeq++;
    flow = null;
    setMode("list");
    input.focus();
  }

  // ---------------------------------------------------------------- search
  function scheduleSearch(): void {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void runSearch(false), SEARCH_DEBOUNCE_MS);
  }

  async function runSearch(keepSelection: boolean): Promise<void> {
    window.clearTimeout(searchTimer);
    const query = input.value;
    const seq = ++searchSeq;
    const keepKey = keepSelection || query === lastQuery ? selected()?.key : undefined;
    try {
      const items = await api.search(query, lang, order?.order_id ?? null, SEARCH_LIMIT);
      if (seq !== searchSeq) return; // a newer search is on its way
      results = items;
      lastQuery = query;
      loaded = true;
      const keep = keepKey ? items.findIndex((r) => r.key === keepKey) : -1;
      sel = keep >= 0 ? keep : items.length ? 0 : -1;
      if (barMessage?.kind === "error") clearBar();
    } catch (e) {
      if (seq !== searchSeq) return;
      loaded = true;
      showError(t("palette.error.search", { message: (e as ApiError).message }));
    }
    if (mode === "list" || mode === "confirm") {
      if (mode === "confirm") {
        flow = null;
        mode = "list";
        renderBar();
        renderTips();
      }
      renderResults();
      listEl.querySelector(".row.selected")?.scrollIntoView({ block: "nearest" });
    }
    renderPreview();
  }

  // ---------------------------------------------------------------- keyboard
  function onKeyDown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    if (target && target.tagName === "BUTTON" && (e.key === "Enter" || e.key === " ")) return;
    const k: KeyInput = e;
    let cmd: Command = commandFor(mode, k);
    if (cmd.type === "cancel-confirm") {
      setMode("list");
      cmd = commandFor("list", k);
    }
    if (cmd.type === "none") {
      // Typing while focus wandered off (e.g. to a chip): send it to the search box.
      if (mode === "list" && document.activeElement !== input && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) input.focus();
      return;
    }
    e.preventDefault();
    if (busy && cmd.type !== "hide") return;
    switch (cmd.type) {
      case "move":
        if (mode === "list") {
          const n = wrap(sel, cmd.delta, results.length);
          if (n >= 0) select(n, true);
        } else {
          const n = wrap(pickerSel, cmd.delta, pickerEntries.length);
          if (n >= 0) selectPicker(n, true);
        }
        break;
      case "open-lang":
        if (mode === "lang") back();
        else openLangPicker();
        break;
      case "open-order":
        if (mode === "order") back();
        else openOrderPicker();
        break;
      case "activate":
        // Typed faster than the debounce: search first so Enter acts on the query as typed.
        if (input.value !== lastQuery) void runSearch(false).then(activate);
        else activate();
        break;
      case "pick":
        if (mode === "order" && orderLoading && pickerInput?.value.trim()) {
          // Wait for the lookup of what was just typed, then pick.
          window.clearTimeout(orderTimer);
          void runOrderSearch().then(() => mode === "order" && pick());
        } else pick();
        break;
      case "field-enter":
        fieldEnter(e.target);
        break;
      case "confirm":
        if (flow) {
          flow.confirmed = true;
          advance();
        }
        break;
      case "back":
        back();
        break;
      case "hide":
        void hide();
        break;
    }
  }

  /** Empty the search box (on hide, not on show: typing may start before "palette-shown"). */
  function clearQuery(): void {
    input.value = "";
    void runSearch(false);
  }

  async function hide(): Promise<void> {
    setMode("list"); // also drops any half-filled form
    clearQuery();
    try {
      await api.hidePalette();
    } catch (e) {
      showError((e as ApiError).message);
    }
  }

  // ---------------------------------------------------------------- context
  function applyContext(c: PaletteContext): void {
    // The context can arrive a moment after the palette (language detection runs in a child
    // process). If the user is already filling values, confirming or pasting, leave them be.
    if (busy || flow) {
      ctx = c;
      return;
    }
    ctx = c;
    const ui = resolveUiLang(c.ui_lang);
    const rebuild = ui !== getLang();
    setLang(ui);
    lang = c.lang || "en";
    langSource = c.lang_source;
    order = c.order;
    flow = null;
    busy = false;
    mode = "list";
    barMessage = null;
    window.clearTimeout(orderTimer);
    orderSeq++;
    if (rebuild) build();
    // The query is kept: it was emptied when the palette hid, and anything in it now was
    // typed by the user after the palette appeared but before this context arrived.
    renderAll();
    input.focus();
    void runSearch(false);
  }

  // ---------------------------------------------------------------- boot
  build();
  document.addEventListener("keydown", onKeyDown);
  window.addEventListener("focus", () => {
    if (mode === "list" && document.activeElement === document.body) input.focus();
  });
  void onPaletteShown(applyContext);
  api
    .paletteContext()
    .then(applyContext)
    .catch((e: ApiError) => {
      loaded = true;
      showError(t("palette.error.context", { message: e.message }));
      void runSearch(false);
    });
}
