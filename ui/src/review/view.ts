// The review window: bilingual staff check, edit, approve or reject machine translations.
import {
  api,
  onReviewChanged,
  type ApiError,
  type Order,
  type ProviderConfig,
  type ReviewItem,
  type ReviewPreview,
  type ReviewQueue,
  type Verdict,
} from "../api";
import { h, replace, type Child } from "../h";
import { getLang, resolveUiLang, setLang, t, type MessageKey } from "../i18n";
import { COMMON_LOCALES, languageName, nativeName } from "../locales";
import { LOCALE_RE, splitPreview } from "../text";
import {
  canApprove,
  canSave,
  debounce,
  dirForLocale,
  filterItems,
  hintedCode,
  itemId,
  languageCounts,
  nextSelection,
  rowsFor,
  step,
  type EditState,
} from "./logic";

const PREVIEW_DEBOUNCE_MS = 150;
const ORDER_DEBOUNCE_MS = 120;
const REVIEWER_KEY = "quickreply.reviewer";

interface Check {
  id: string;
  body: string;
  result: ReviewPreview | null;
  error: ApiError | null;
}

interface BackTranslation {
  id: string;
  body: string;
  busy: boolean;
  text: string | null;
  error: ApiError | null;
}

type Message = { kind: "ok" | "error" | "info"; text: string };

/** The message for a failed call, with a hint for machine-translation error codes. */
function errorText(key: MessageKey, e: ApiError): string {
  const code = hintedCode(e.code);
  const msg = t(key, { message: e.message });
  return code ? t(`review.hint.${code}` as MessageKey) + "\n" + msg : msg;
}

function readReviewer(): string | null {
  try {
    return localStorage.getItem(REVIEWER_KEY);
  } catch {
    return null;
  }
}

function writeReviewer(name: string): void {
  try {
    localStorage.setItem(REVIEWER_KEY, name);
  } catch {
    /* storage disabled: the field still works for this session */
  }
}

export function mountReview(root: HTMLElement): void {
  // The interface language comes with the settings; build the window once it is known.
  replace(root, h("div", { class: "review review-loading" }, h("p", { class: "muted" }, t("review.loading"))));
  api
    .getSettings()
    .then((s) => {
      setLang(resolveUiLang(s.ui_lang));
      createReview(root, null);
    })
    .catch((e: ApiError) => createReview(root, e));
}

function createReview(root: HTMLElement, settingsError: ApiError | null): void {
  // ---------------------------------------------------------------- state
  let queue: ReviewQueue | null = null;
  let loadError: ApiError | null = null;
  let loadSeq = 0;
  let filter: string | null = null;
  let selId: string | null = null;
  /** Unsaved edits by item id (kept when another item is selected). */
  const drafts = new Map<string, string>();
  let check: Check | null = null;
  let checkPending = false;
  let previewSeq = 0;
  let order: Order | null = null; // null = the backend's sample order
  let back: BackTranslation | null = null;
  let busy = false;
  let message: Message | null = null;
  let reviewerTouched = false;

  let orderEntries: (Order | null)[] = [null];
  let orderSel = 0;
  let orderSeq = 0;
  let orderLoading = false;
  let orderError: ApiError | null = null;

  let translateBusy = false;
  let translateError: string | null = null;

  // ---------------------------------------------------------------- DOM (built once)
  const countEl = h("span", { class: "review-count" });
  const translateBtn = h(
    "button",
    { type: "button", class: "btn btn-small", "aria-expanded": "false", "aria-controls": "translate-panel", onclick: () => toggleTranslate() },
    t("review.translate.open"),
  );
  const chipsEl = h("div", { class: "review-chips", role: "group", "aria-label": t("review.filter.label") });
  const listEl = h("div", {
    class: "results review-list",
    id: "review-list",
    role: "listbox",
    tabIndex: 0,
    "aria-label": t("review.queue.label"),
    onkeydown: onListKey,
  });

  // "Translate…" panel
  const trKey = h("input", {
    id: "tr-key",
    class: "input mono",
    type: "text",
    list: "tr-keys",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "order-shipped",
    required: true,
  });
  const trKeys = h("datalist", { id: "tr-keys" });
  const trLocale = h("input", {
    id: "tr-locale",
    class: "input mono",
    type: "text",
    list: "tr-locales",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "ar",
    required: true,
  });
  const trLocales = h(
    "datalist",
    { id: "tr-locales" },
    COMMON_LOCALES.map((c) => h("option", { value: c }, [c, nativeName(c)].filter(Boolean).join(" · "))),
  );
  const trProvider = h("select", { id: "tr-provider", class: "input" }, h("option", { value: "" }, t("review.translate.defaultProvider")));
  const trStatus = h("p", { class: "translate-status", role: "status", "aria-live": "polite" });
  const trSubmit = h("button", { type: "submit", class: "btn btn-primary btn-small" }, t("review.translate.submit"));
  const translatePanel = h(
    "form",
    {
      class: "translate-panel",
      id: "translate-panel",
      hidden: true,
      novalidate: true,
      "aria-labelledby": "tr-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void translate();
      },
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "Escape") {
          e.preventDefault();
          toggleTranslate(false);
        }
      },
    },
    h("h2", { class: "panel-title", id: "tr-title" }, t("review.translate.title")),
    h("div", { class: "field" }, h("label", { class: "field-label", for: "tr-key" }, t("review.translate.key")), trKey, trKeys),
    h(
      "div",
      { class: "translate-row" },
      h("div", { class: "field" }, h("label", { class: "field-label", for: "tr-locale" }, t("review.translate.locale")), trLocale, trLocales),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "tr-provider" }, t("review.translate.provider")), trProvider),
    ),
    trStatus,
    h(
      "div",
      { class: "panel-actions" },
      h("button", { type: "button", class: "btn btn-small", onclick: () => toggleTranslate(false) }, t("review.translate.cancel")),
      trSubmit,
    ),
  );

  // detail pane
  const emptyEl = h("div", { class: "review-empty" });
  const titleEl = h("bdi", { class: "review-title", dir: "auto" });
  const statusEl = h("span", { class: "review-status" });
  const metaEl = h("div", { class: "review-meta" });
  const problemEl = h("div", { class: "problem-box", role: "note", hidden: true });
  const sourceLabel = h("div", { class: "col-label", id: "src-label" });
  const sourceBody = h("div", { class: "source-body", dir: "auto", "aria-labelledby": "src-label", tabIndex: 0 });
  const editorLabel = h("label", { class: "col-label", for: "editor" });
  const editor = h("textarea", {
    id: "editor",
    class: "editor",
    spellcheck: "true",
    "aria-describedby": "check",
    oninput: onEdit,
  });
  const checkEl = h("div", { class: "check", id: "check", "aria-live": "polite" });
  const sourcePreview = h("div", { class: "preview-box source-preview", dir: "auto", "aria-labelledby": "srcprev-label" });
  const transPreview = h("div", { class: "preview-box", dir: "auto", "aria-labelledby": "trprev-label" });
  const missingEl = h("p", { class: "preview-missing", hidden: true });
  const backEl = h("div", { class: "back-box", hidden: true, "aria-live": "polite" });

  // order picker
  const orderCurrent = h("span", { class: "order-current" });
  const orderReset = h(
    "button",
    { type: "button", class: "btn btn-icon btn-tiny", hidden: true, title: t("review.order.reset"), "aria-label": t("review.order.reset"), onclick: () => pickOrder(null) },
    "×",
  );
  const orderInput = h("input", {
    id: "order-q",
    class: "input order-input",
    type: "text",
    role: "combobox",
    "aria-expanded": "false",
    "aria-controls": "order-list",
    "aria-autocomplete": "list",
    "aria-label": t("review.order.label"),
    placeholder: t("review.order.placeholder"),
    autocomplete: "off",
    spellcheck: "false",
    onfocus: () => openOrders(),
    oninput: () => {
      openOrders();
      scheduleOrders();
    },
    onkeydown: onOrderKey,
    onblur: () => closeOrders(),
  });
  const orderList = h("div", { class: "order-list", id: "order-list", role: "listbox", hidden: true, "aria-label": t("review.order.label") });

  // actions
  const reviewerInput = h("input", {
    id: "reviewer",
    class: "input reviewer-input",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    dir: "auto",
    placeholder: t("review.reviewer.placeholder"),
    oninput: () => {
      reviewerTouched = true;
      writeReviewer(reviewerInput.value.trim());
    },
  });
  const backBtn = h("button", { type: "button", class: "btn", onclick: () => void backTranslate() }, t("review.back.button"));
  const rejectBtn = h("button", { type: "button", class: "btn btn-reject", onclick: () => void decide("rejected") }, t("review.reject"));
  const saveBtn = h(
    "button",
    { type: "button", class: "btn", title: t("review.save") + " (Ctrl+S)", "aria-keyshortcuts": "Control+S", onclick: () => void save() },
    t("review.save"),
  );
  const approveBtn = h(
    "button",
    { type: "button", class: "btn btn-primary", title: t("review.approve") + " (Ctrl+Enter)", "aria-keyshortcuts": "Control+Enter", onclick: () => void decide("approved") },
    t("review.approve"),
  );
  const barEl = h("div", { class: "bar review-bar", hidden: true });

  const detailEl = h(
    "div",
    { class: "review-detail", hidden: true },
    h(
      "div",
      { class: "review-scroll" },
      h("header", { class: "review-head" }, h("h2", { class: "review-h2" }, titleEl), statusEl),
      metaEl,
      problemEl,
      h(
        "div",
        { class: "order-row" },
        h("label", { class: "order-label", for: "order-q" }, t("review.order.label")),
        h("span", { class: "order-chip" }, orderCurrent, orderReset),
        h("div", { class: "order-picker" }, orderInput, orderList),
      ),
      h(
        "div",
        { class: "review-grid" },
        sourceLabel,
        editorLabel,
        sourceBody,
        editor,
        h("div", { class: "grid-spacer" }),
        checkEl,
        h("div", { class: "col-label", id: "srcprev-label" }, t("review.preview.source")),
        h("div", { class: "col-label", id: "trprev-label" }, t("review.preview.translation")),
        sourcePreview,
        h("div", { class: "preview-col" }, transPreview, missingEl),
      ),
      backEl,
    ),
  );
  const actionsEl = h(
    "footer",
    { class: "review-actions", hidden: true },
      h("label", { class: "reviewer-label", for: "reviewer" }, t("review.reviewer.label")),
      reviewerInput,
      h("span", { class: "actions-gap" }),
      backBtn,
      rejectBtn,
      saveBtn,
      approveBtn,
  );

  const tipsEl = h(
    "footer",
    { class: "tips review-tips" },
    ([
      [["Alt+↑", "Alt+↓"], "tip.prevNext"],
      [["Ctrl+S"], "tip.save"],
      [["Ctrl+Enter"], "tip.approve"],
    ] as [string[], MessageKey][]).map(([keys, label]) => h("span", { class: "tip" }, keys.map((k) => h("kbd", null, k)), h("span", null, t(label)))),
  );

  function build(): void {
    replace(
      root,
      h(
        "div",
        { class: "review" },
        h(
          "aside",
          { class: "review-queue" },
          h("header", { class: "queue-head" }, h("h1", { class: "queue-title" }, t("review.title")), countEl, translateBtn),
          translatePanel,
          chipsEl,
          listEl,
          tipsEl,
        ),
        h("main", { class: "review-main" }, emptyEl, detailEl, barEl, actionsEl),
      ),
    );
  }

  // ---------------------------------------------------------------- helpers
  function items(): ReviewItem[] {
    return queue?.items ?? [];
  }
  function visible(): ReviewItem[] {
    return filterItems(items(), filter);
  }
  function current(): ReviewItem | null {
    return items().find((it) => itemId(it) === selId) ?? null;
  }
  function langLabel(code: string): string {
    const name = languageName(code, getLang()) || nativeName(code);
    return name ? `${code} · ${name}` : code;
  }
  function statusBadge(item: ReviewItem): Child {
    return h("span", { class: ["badge", "badge-warn", "badge-" + item.status] }, t(`status.${item.status}` as MessageKey));
  }
  /** Filled text with ⟨name⟩ placeholders as styled spans, like the palette. */
  function segments(value: string): Child[] {
    return splitPreview(value).map((s) => (s.kind === "text" ? s.text : h("bdi", { class: "var var-missing", title: s.name }, s.name)));
  }
  /** Characters per line in the editor (monospace ≈ 0.6 em), for its height. */
  function editorCols(): number {
    const w = editor.clientWidth || sourceBody.clientWidth;
    return w ? Math.floor((w - 22) / 7.6) : 45;
  }
  function isDirty(): boolean {
    const item = current();
    return !!item && editor.value !== item.body;
  }
  /** Validation of the text now in the editor, or null while it is unknown. */
  function exactCheck(): ReviewPreview | null {
    return check && check.id === selId && check.body === editor.value ? check.result : null;
  }
  /** For the buttons: the last validation of this item (avoids flicker while typing). */
  function lastCheck(): ReviewPreview | null {
    return check && check.id === selId ? check.result : null;
  }
  function editState(exact: boolean): EditState {
    return { dirty: isDirty(), check: exact ? exactCheck() : lastCheck(), busy };
  }

  // ---------------------------------------------------------------- queue pane
  function renderQueue(): void {
    const all = items();
    countEl.textContent = queue ? String(all.length) : "";
    countEl.hidden = !queue;
    tipsEl.hidden = all.length === 0;
    // filter chips
    if (!queue || all.length === 0) replace(chipsEl);
    else {
      const counts = languageCounts(all, queue.counts);
      const chip = (code: string | null, n: number) =>
        h(
          "button",
          {
            type: "button",
            class: ["chip", "review-chip", filter === code && "chip-active"],
            "aria-pressed": filter === code ? "true" : "false",
            title: code ? languageName(code, getLang()) || undefined : undefined,
            onclick: () => setFilter(code === filter ? null : code),
          },
          h("span", { class: code ? "chip-code" : "chip-name" }, code ?? t("review.filter.all")),
          h("span", { class: "chip-count" }, String(n)),
        );
      replace(chipsEl, chip(null, all.length), counts.map(([code, n]) => chip(code, n)));
    }
    // rows
    const rows = visible();
    trKeysUpdate();
    if (!queue) {
      replace(listEl, loadError ? null : h("div", { class: "empty" }, t("review.loading")));
      listEl.removeAttribute("aria-activedescendant");
      return;
    }
    if (rows.length === 0) {
      replace(listEl, h("div", { class: "empty" }, t("review.empty.list")));
      listEl.removeAttribute("aria-activedescendant");
      return;
    }
    replace(
      listEl,
      rows.map((item, i) => {
        const id = itemId(item);
        const on = id === selId;
        return h(
          "div",
          {
            class: ["row", "review-row", on && "selected"],
            id: "q-" + i,
            role: "option",
            "aria-selected": on ? "true" : "false",
            "data-id": id,
            onclick: () => select(id),
          },
          h(
            "div",
            { class: "row-main" },
            h("bdi", { class: "row-title", dir: "auto" }, item.title),
            h(
              "span",
              { class: "row-badges" },
              item.problem ? h("span", { class: "warn-icon", role: "img", "aria-label": t("review.row.problem"), title: t("review.row.problem") }, "⚠") : null,
              statusBadge(item),
              h("span", { class: "badge" }, item.locale),
            ),
          ),
          h(
            "div",
            { class: "row-sub" },
            h("span", { class: "row-key" }, item.key),
            drafts.has(id) ? h("span", { class: "row-edited", title: t("review.row.edited") }, "● " + t("review.row.edited")) : null,
          ),
        );
      }),
    );
    const at = rows.findIndex((it) => itemId(it) === selId);
    if (at >= 0) {
      listEl.setAttribute("aria-activedescendant", "q-" + at);
      listEl.querySelector("#q-" + at)?.scrollIntoView({ block: "nearest" });
    } else listEl.removeAttribute("aria-activedescendant");
  }

  function trKeysUpdate(): void {
    const keys = [...new Set(items().map((it) => it.key))];
    replace(trKeys, keys.map((k) => h("option", { value: k })));
  }

  function setFilter(code: string | null): void {
    filter = code;
    const ids = visible().map(itemId);
    if (!selId || !ids.includes(selId)) {
      const next = ids[0] ?? null;
      if (next !== selId) {
        selId = next;
        showItem();
      }
    }
    renderQueue();
  }

  function onListKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const ids = visible().map(itemId);
    let next: string | null = null;
    if (e.key === "ArrowDown") next = step(ids, selId, 1);
    else if (e.key === "ArrowUp") next = step(ids, selId, -1);
    else if (e.key === "Home") next = ids[0] ?? null;
    else if (e.key === "End") next = ids[ids.length - 1] ?? null;
    else if (e.key === "Enter" && selId) {
      e.preventDefault();
      editor.focus();
      return;
    } else return;
    e.preventDefault();
    if (next) select(next);
  }

  function select(id: string): void {
    if (id === selId) return;
    selId = id;
    showItem();
    renderQueue();
  }

  function move(delta: number): void {
    const next = step(visible().map(itemId), selId, delta);
    if (next) select(next);
  }

  // ---------------------------------------------------------------- detail pane
  function renderEmpty(): void {
    if (!queue) {
      replace(
        emptyEl,
        loadError
          ? [
              h("p", { class: "field-error", role: "alert" }, t("review.error.load", { message: loadError.message })),
              h("button", { type: "button", class: "btn", onclick: () => void load() }, t("review.retry")),
            ]
          : h("p", { class: "muted" }, t("review.loading")),
      );
    } else if (items().length === 0) {
      replace(
        emptyEl,
        h("div", { class: "empty-mark", "aria-hidden": "true" }, "✓"),
        h("h2", { class: "empty-title" }, t("review.empty.title")),
        h("p", { class: "muted empty-body" }, t("review.empty.body")),
      );
    } else replace(emptyEl, h("p", { class: "muted" }, t("review.select")));
  }

  /** Show the selected item (or the empty state); resets the editor to its text or draft. */
  function showItem(): void {
    const item = current();
    message = null;
    back = null;
    schedulePreview.cancel();
    previewSeq++; // drop answers for the previous item
    checkPending = false;
    actionsEl.hidden = !item;
    if (!item) {
      detailEl.hidden = true;
      emptyEl.hidden = false;
      renderBar();
      renderEmpty();
      return;
    }
    detailEl.hidden = false;
    emptyEl.hidden = true;
    const id = itemId(item);
    titleEl.textContent = item.title;
    replace(statusEl, statusBadge(item));
    replace(
      metaEl,
      h("span", { class: "meta-key" }, item.key),
      h("span", { class: "meta-langs" }, h("bdi", null, langLabel(item.source_locale)), h("span", { class: "meta-arrow", "aria-hidden": "true" }, " → "), h("bdi", null, langLabel(item.locale))),
      item.provider ? h("span", { class: "meta-provider" }, t("review.head.provider", { provider: item.provider })) : null,
    );
    renderProblem(item);
    sourceLabel.textContent = t("review.source.label", { lang: langLabel(item.source_locale) });
    editorLabel.textContent = t("review.translation.label", { lang: langLabel(item.locale) });
    sourceBody.textContent = item.source_body;
    sourceBody.setAttribute("lang", item.source_locale);
    editor.value = drafts.get(id) ?? item.body;
    editor.setAttribute("lang", item.locale);
    editor.setAttribute("dir", dirForLocale(item.locale));
    editor.rows = rowsFor(editor.value, editorCols());
    sourcePreview.setAttribute("lang", item.source_locale);
    transPreview.setAttribute("lang", item.locale);
    if (!check || check.id !== id) check = null;
    renderPreviews();
    renderCheck();
    renderBack();
    renderBar();
    updateButtons();
    void runPreview();
  }

  function renderProblem(item: ReviewItem): void {
    problemEl.hidden = !item.problem;
    replace(
      problemEl,
      item.problem
        ? [
            h("div", { class: "problem-title" }, h("span", { "aria-hidden": "true" }, "⚠ "), t("review.problem.title")),
            h("div", { class: "problem-text", dir: "auto" }, item.problem),
          ]
        : null,
    );
  }

  function renderPreviews(): void {
    const r = check && check.id === selId ? check : null;
    transPreview.classList.toggle("is-stale", checkPending);
    sourcePreview.classList.toggle("is-stale", checkPending);
    if (!r) {
      replace(sourcePreview);
      replace(transPreview);
      missingEl.hidden = true;
      return;
    }
    if (r.error) {
      replace(sourcePreview);
      replace(transPreview, h("span", { class: "field-error" }, t("review.preview.error", { message: r.error.message })));
      missingEl.hidden = true;
      return;
    }
    const p = r.result!;
    replace(sourcePreview, segments(p.source_text));
    replace(transPreview, p.errors.length ? h("span", { class: "muted" }, t("review.preview.invalid")) : segments(p.text));
    missingEl.hidden = p.missing.length === 0;
    replace(missingEl, p.missing.length ? t("review.preview.missing", { names: p.missing.join(", ") }) : null);
  }

  function renderCheck(): void {
    const r = check && check.id === selId ? check.result : null;
    checkEl.classList.toggle("is-stale", checkPending);
    if (!r) {
      replace(checkEl, checkPending ? h("p", { class: "check-line muted" }, t("review.check.checking")) : null);
      checkEl.className = "check";
      return;
    }
    const lines: Child[] = [];
    for (const e of r.errors) {
      lines.push(h("li", { class: "check-line check-error", dir: "auto" }, t("review.check.error", { line: e.line, column: e.column, message: e.message })));
    }
    // With syntax errors the problem only repeats them ("it is not valid Fluent…").
    if (r.problem && r.errors.length === 0) lines.push(h("li", { class: "check-line check-problem", dir: "auto" }, t("review.check.problem", { problem: r.problem })));
    checkEl.className = ["check", checkPending && "is-stale", lines.length ? "check-bad" : "check-ok"].filter(Boolean).join(" ");
    replace(checkEl, lines.length ? h("ul", { class: "check-list" }, lines) : h("p", { class: "check-line" }, h("span", { "aria-hidden": "true" }, "✓ "), t("review.check.ok")));
  }

  function renderBack(): void {
    const item = current();
    const b = back && back.id === selId ? back : null;
    backEl.hidden = !b || !item;
    if (!b || !item) {
      replace(backEl);
      return;
    }
    const lang = langLabel(item.source_locale);
    replace(
      backEl,
      h("div", { class: "col-label" }, t("review.back.title", { lang })),
      b.busy
        ? h("p", { class: "muted" }, t("review.back.busy"))
        : b.error
          ? h("p", { class: "field-error pre" }, errorText("review.back.error", b.error))
          : [
              h("div", { class: "back-text", dir: "auto", lang: item.source_locale }, b.text ?? ""),
              h("p", { class: "help" }, t("review.back.note", { lang })),
              b.body !== editor.value ? h("p", { class: "help back-outdated" }, t("review.back.outdated")) : null,
            ],
    );
  }

  function renderBar(): void {
    barEl.hidden = !message;
    barEl.className = "bar review-bar" + (message ? " bar-" + (message.kind === "ok" ? "ok" : message.kind) : "");
    barEl.setAttribute("role", message?.kind === "error" ? "alert" : "status");
    replace(barEl, message?.text ?? null);
  }

  function setMessage(m: Message | null): void {
    message = m;
    renderBar();
  }

  function updateButtons(): void {
    const item = current();
    const s = editState(false);
    saveBtn.disabled = !item || !canSave(s);
    approveBtn.disabled = !item || !canApprove(s);
    rejectBtn.disabled = !item || busy;
    const b = back && back.id === selId ? back : null;
    backBtn.disabled = !item || !!b?.busy;
    replace(backBtn, b?.busy ? t("review.back.busy") : t("review.back.button"));
    approveBtn.title = approveBtn.disabled && item && !busy ? t("review.approve.blocked") : t("review.approve") + " (Ctrl+Enter)";
  }

  // ---------------------------------------------------------------- editing & previews
  function onEdit(): void {
    const item = current();
    if (!item) return;
    const id = itemId(item);
    const had = drafts.has(id);
    if (editor.value === item.body) drafts.delete(id);
    else drafts.set(id, editor.value);
    if (had !== drafts.has(id)) renderQueue();
    const rows = rowsFor(editor.value, editorCols());
    if (rows > editor.rows) editor.rows = rows;
    if (message?.kind !== "info") setMessage(null);
    checkPending = true;
    renderCheck();
    renderPreviews();
    if (back && back.id === id) renderBack();
    updateButtons();
    schedulePreview();
  }

  const schedulePreview = debounce(() => void runPreview(), PREVIEW_DEBOUNCE_MS);

  async function runPreview(): Promise<void> {
    const item = current();
    if (!item) return;
    const id = itemId(item);
    const body = editor.value;
    const seq = ++previewSeq;
    checkPending = true;
    try {
      const result = await api.reviewPreview(item.key, item.locale, body, order?.order_id ?? null);
      if (seq !== previewSeq) return;
      check = { id, body, result, error: null };
    } catch (e) {
      if (seq !== previewSeq) return;
      check = { id, body, result: null, error: e as ApiError };
    }
    checkPending = schedulePreview.pending();
    renderPreviews();
    renderCheck();
    updateButtons();
  }

  /** Validation of exactly the text in the editor (asks the backend when needed). */
  async function ensureChecked(): Promise<ReviewPreview | null> {
    schedulePreview.cancel();
    if (!exactCheck()) await runPreview();
    return exactCheck();
  }

  // ---------------------------------------------------------------- order picker
  function renderOrderChip(): void {
    replace(
      orderCurrent,
      order
        ? [h("span", { class: "order-id" }, "#" + order.order_id), order.buyer_name ? h("bdi", { class: "order-buyer", dir: "auto" }, order.buyer_name) : null]
        : h("span", { class: "muted" }, t("review.order.sample")),
    );
    orderReset.hidden = !order;
  }

  function openOrders(): void {
    if (!orderList.hidden) return;
    orderList.hidden = false;
    orderInput.setAttribute("aria-expanded", "true");
    orderEntries = [null];
    orderSel = 0;
    renderOrders();
    void runOrders();
  }

  function closeOrders(): void {
    orderList.hidden = true;
    orderInput.setAttribute("aria-expanded", "false");
    orderInput.removeAttribute("aria-activedescendant");
    orderSeq++;
    orderLoading = false;
  }

  const scheduleOrders = debounce(() => void runOrders(), ORDER_DEBOUNCE_MS);

  async function runOrders(): Promise<void> {
    const seq = ++orderSeq;
    orderLoading = true;
    renderOrders();
    try {
      const found = await api.findOrders(orderInput.value.trim());
      if (seq !== orderSeq) return;
      orderEntries = [null, ...found];
      orderError = null;
      orderSel = orderInput.value.trim() && found.length ? 1 : 0;
    } catch (e) {
      if (seq !== orderSeq) return;
      orderEntries = [null];
      orderError = e as ApiError;
      orderSel = 0;
    }
    orderLoading = false;
    renderOrders();
  }

  function renderOrders(): void {
    if (orderList.hidden) return;
    const rows = orderEntries.map((o, i) =>
      h(
        "div",
        {
          class: ["row", "picker-row", i === orderSel && "selected"],
          id: "o-" + i,
          role: "option",
          "aria-selected": i === orderSel ? "true" : "false",
          onmousedown: (e: MouseEvent) => e.preventDefault(),
          onclick: () => pickOrder(o),
        },
        o
          ? [
              h(
                "div",
                { class: "row-main" },
                h("span", { class: "order-id" }, o.order_id),
                o.buyer_name ? h("bdi", { class: "row-title", dir: "auto" }, o.buyer_name) : null,
                order?.order_id === o.order_id ? h("span", { class: "badge" }, "✓") : null,
              ),
              h("div", { class: "row-sub" }, [o.marketplace, o.buyer_country, o.buyer_locale, o.ordered_at ? o.ordered_at.slice(0, 10) : null].filter(Boolean).join(" · ")),
            ]
          : [
              h("div", { class: "row-main" }, h("span", { class: "row-title row-clear" }, t("review.order.sample")), !order ? h("span", { class: "badge" }, "✓") : null),
              h("div", { class: "row-sub" }, t("review.order.sampleHint")),
            ],
      ),
    );
    const note = orderError
      ? h("div", { class: "empty field-error" }, t("review.order.error", { message: orderError.message }))
      : orderEntries.length <= 1 && orderInput.value.trim()
        ? h("div", { class: "empty" }, orderLoading ? t("review.order.searching") : t("review.order.empty"))
        : null;
    replace(orderList, rows, note);
    orderInput.setAttribute("aria-activedescendant", "o-" + orderSel);
    orderList.querySelector("#o-" + orderSel)?.scrollIntoView({ block: "nearest" });
  }

  function onOrderKey(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openOrders();
      const n = orderEntries.length;
      orderSel = (orderSel + (e.key === "ArrowDown" ? 1 : -1) + n) % n;
      renderOrders();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (orderList.hidden) openOrders();
      else if (orderLoading && orderInput.value.trim()) {
        scheduleOrders.cancel();
        void runOrders().then(() => pickOrder(orderEntries[orderSel] ?? null));
      } else pickOrder(orderEntries[orderSel] ?? null);
    } else if (e.key === "Escape" && !orderList.hidden) {
      e.preventDefault();
      e.stopPropagation();
      closeOrders();
    }
  }

  function pickOrder(o: Order | null): void {
    order = o;
    orderInput.value = "";
    closeOrders();
    renderOrderChip();
    void runPreview();
  }

  // ---------------------------------------------------------------- actions
  function replaceItem(oldId: string, saved: ReviewItem): void {
    if (!queue) return;
    const i = queue.items.findIndex((it) => itemId(it) === oldId);
    if (i >= 0) queue.items[i] = saved;
    else queue.items.push(saved);
    const newId = itemId(saved);
    if (newId !== oldId && selId === oldId) selId = newId;
  }

  async function save(): Promise<boolean> {
    const item = current();
    if (!item || busy || !isDirty()) return false;
    const id = itemId(item);
    const res = await ensureChecked();
    if (selId !== id) return false;
    if (res && res.errors.length) {
      setMessage({ kind: "error", text: t("review.save.invalid") });
      return false;
    }
    busy = true;
    updateButtons();
    setMessage({ kind: "info", text: t("review.saving") });
    try {
      const saved = await api.reviewSave(item.key, item.locale, editor.value);
      busy = false;
      drafts.delete(id);
      replaceItem(id, saved);
      if (selId === itemId(saved)) {
        if (editor.value !== saved.body) editor.value = saved.body; // the backend trims
        replace(statusEl, statusBadge(saved));
        renderProblem(saved);
      }
      setMessage({ kind: "ok", text: t("review.saved") });
      renderQueue();
      updateButtons();
      return true;
    } catch (e) {
      busy = false;
      setMessage({ kind: "error", text: errorText("review.error.save", e as ApiError) });
      updateButtons();
      return false;
    }
  }

  async function decide(verdict: Verdict): Promise<void> {
    const item = current();
    if (!item || busy) return;
    const id = itemId(item);
    if (verdict === "approved") {
      const res = await ensureChecked();
      if (selId !== id || busy) return;
      if (!canApprove({ dirty: isDirty(), check: res, busy: false })) {
        const failed = check && check.id === id ? check.error : null;
        setMessage({ kind: "error", text: failed ? t("review.preview.error", { message: failed.message }) : t("review.approve.blocked") });
        return;
      }
      if (isDirty() && !(await save())) return;
    }
    busy = true;
    updateButtons();
    setMessage({ kind: "info", text: t(verdict === "approved" ? "review.approving" : "review.rejecting") });
    try {
      await api.reviewDecide(item.key, item.locale, verdict, reviewerInput.value.trim());
      busy = false;
      if (verdict === "rejected") drafts.delete(id);
      const done: Message = {
        kind: "ok",
        text: t(verdict === "approved" ? "review.approved" : "review.rejected", { title: item.title, locale: item.locale }),
      };
      await load(id);
      setMessage(done);
    } catch (e) {
      busy = false;
      setMessage({ kind: "error", text: errorText("review.error.decide", e as ApiError) });
      updateButtons();
    }
  }

  async function backTranslate(): Promise<void> {
    const item = current();
    if (!item) return;
    const id = itemId(item);
    const body = editor.value;
    const b: BackTranslation = { id, body, busy: true, text: null, error: null };
    back = b;
    renderBack();
    updateButtons();
    backEl.scrollIntoView({ block: "nearest" });
    try {
      b.text = await api.backTranslate(item.key, item.locale, body);
    } catch (e) {
      b.error = e as ApiError;
    }
    b.busy = false;
    if (back === b) {
      renderBack();
      updateButtons();
      backEl.scrollIntoView({ block: "nearest" });
    }
  }

  // ---------------------------------------------------------------- translate…
  function toggleTranslate(open = translatePanel.hidden): void {
    translatePanel.hidden = !open;
    translateBtn.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      translateError = null;
      if (!trKey.value) trKey.value = current()?.key ?? "";
      renderTranslateStatus();
      void loadProviders();
      (trKey.value ? trLocale : trKey).focus();
    } else translateBtn.focus();
  }

  async function loadProviders(): Promise<void> {
    try {
      const info = await api.listProviders();
      const keep = trProvider.value;
      replace(
        trProvider,
        h("option", { value: "" }, info.default_provider ? t("review.translate.defaultNamed", { name: info.default_provider }) : t("review.translate.defaultProvider")),
        info.providers.map((p: ProviderConfig) => h("option", { value: p.name, selected: p.name === keep }, `${p.name} (${p.kind})`)),
      );
    } catch (e) {
      translateError = t("review.translate.providersError", { message: (e as ApiError).message });
      renderTranslateStatus();
      if (!trProvider.options.length) replace(trProvider, h("option", { value: "" }, t("review.translate.defaultProvider")));
    }
  }

  function renderTranslateStatus(): void {
    trStatus.className = "translate-status pre" + (translateError ? " field-error" : translateBusy ? " muted" : "");
    replace(trStatus, translateError ?? (translateBusy ? t("review.translate.busy") : null));
    trSubmit.disabled = translateBusy;
    trKey.readOnly = translateBusy;
    trLocale.readOnly = translateBusy;
  }

  async function translate(): Promise<void> {
    if (translateBusy) return;
    const key = trKey.value.trim();
    const locale = trLocale.value.trim();
    trKey.toggleAttribute("aria-invalid", !key);
    trLocale.toggleAttribute("aria-invalid", !LOCALE_RE.test(locale));
    if (!key || !LOCALE_RE.test(locale)) {
      translateError = !key ? t("review.translate.invalidKey") : t("review.translate.invalidLocale");
      renderTranslateStatus();
      (!key ? trKey : trLocale).focus();
      return;
    }
    translateBusy = true;
    translateError = null;
    renderTranslateStatus();
    try {
      const item = await api.reviewTranslate(key, locale, trProvider.value || null);
      translateBusy = false;
      renderTranslateStatus();
      const id = itemId(item);
      if (queue && !queue.items.some((it) => itemId(it) === id)) queue.items.push(item);
      if (filter && filter !== item.locale) filter = null;
      drafts.delete(id);
      selId = id;
      toggleTranslate(false);
      showItem();
      renderQueue();
      setMessage({ kind: "ok", text: t("review.translate.done", { title: item.title, locale: item.locale }) });
      await load();
    } catch (e) {
      translateBusy = false;
      translateError = errorText("review.translate.error", e as ApiError);
      renderTranslateStatus();
    }
  }

  // ---------------------------------------------------------------- loading
  /** Reload the queue, keeping the selection when it still exists; `skip` = just decided. */
  async function load(skip?: string): Promise<void> {
    const seq = ++loadSeq;
    const before = visible().map(itemId);
    try {
      const q = await api.reviewQueue();
      if (seq !== loadSeq) return;
      const prevItem = current();
      queue = q;
      loadError = null;
      if (!reviewerTouched && !reviewerInput.value) reviewerInput.value = readReviewer() || q.reviewer;
      if (filter && !q.items.some((it) => it.locale === filter)) filter = null;
      const available = visible()
        .map(itemId)
        .filter((id) => id !== skip);
      const next = nextSelection(before, selId, available);
      for (const id of [...drafts.keys()]) if (!q.items.some((it) => itemId(it) === id)) drafts.delete(id);
      const item = next ? q.items.find((it) => itemId(it) === next) ?? null : null;
      if (next !== selId || !prevItem || !item) {
        selId = next;
        const keep = message;
        showItem();
        message = keep;
        renderBar();
      } else if (item.body !== prevItem.body || item.status !== prevItem.status || item.problem !== prevItem.problem) {
        // Changed elsewhere (the CLI, another window): refresh unless the reviewer is editing it.
        replace(statusEl, statusBadge(item));
        renderProblem(item);
        if (!drafts.has(itemId(item))) {
          editor.value = item.body;
          void runPreview();
        }
        updateButtons();
      }
      renderQueue();
    } catch (e) {
      if (seq !== loadSeq) return;
      if (queue) setMessage({ kind: "error", text: t("review.error.load", { message: (e as ApiError).message }) });
      else {
        loadError = e as ApiError;
        renderQueue();
        renderEmpty();
      }
    }
  }

  // ---------------------------------------------------------------- keyboard
  function onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229 || !queue) return;
    const target = e.target as Node | null;
    if (target && translatePanel.contains(target)) return;
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
    if (ctrl && !e.shiftKey && e.key === "Enter") {
      e.preventDefault();
      void decide("approved");
    } else if (ctrl && !e.shiftKey && e.code === "KeyS") {
      e.preventDefault();
      void save();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      closeOrders();
      move(e.key === "ArrowDown" ? 1 : -1);
    }
  }

  // ---------------------------------------------------------------- boot
  build();
  renderOrderChip();
  renderQueue();
  renderEmpty();
  const stored = readReviewer();
  if (stored) reviewerInput.value = stored;
  if (settingsError) setMessage({ kind: "error", text: t("review.error.settings", { message: settingsError.message }) });
  document.addEventListener("keydown", onKeyDown);
  void onReviewChanged(() => void load());
  void load();
}
