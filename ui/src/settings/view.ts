// Settings window.
import { api, type ApiError, type ProviderConfig, type ProviderKind, type ProvidersInfo, type Settings, type UiLang } from "../api";
import { h, replace, type Child } from "../h";
import { getLang, resolveUiLang, setLang, t, type MessageKey } from "../i18n";
import { COMMON_LOCALES, languageName, nativeName } from "../locales";
import { draftOf, FORMALITIES, isChanged, nameError, PROVIDER_KINDS, toConfig, URL_PLACEHOLDER, urlError, type ProviderDraft } from "../review/providers";
import { LOCALE_RE, VAR_NAME_RE } from "../text";
import { capture } from "./accelerator";

const PASTE_KEYSTROKES = ["Ctrl+V", "Shift+Insert", "Ctrl+Shift+V"];
/** Choices for per-application overrides (Cmd+V for macOS apps). */
const OVERRIDE_KEYSTROKES = ["Ctrl+V", "Shift+Insert", "Ctrl+Shift+V", "Cmd+V"];
/** Preselected for a new override row: what terminals usually need. */
const OVERRIDE_DEFAULT = "Ctrl+Shift+V";

interface VarRow {
  id: number;
  name: string;
  value: string;
}

interface AppRow {
  id: number;
  name: string;
  keystroke: string;
}

export function mountSettings(root: HTMLElement): void {
  let saved: Settings | null = null;
  let hotkey = "";
  let rows: VarRow[] = [];
  let apps: AppRow[] = [];
  let nextId = 1;
  let saving = false;
  let status: { kind: "ok" | "error" | "info"; text: string } | null = null;
  let hotkeyError = "";
  const translation = translationSettings();

  // Elements rebuilt by render().
  let form!: HTMLFormElement;
  let hotkeyBtn!: HTMLButtonElement;
  let hotkeyErr!: HTMLElement;
  let pasteSel!: HTMLSelectElement;
  let defLang!: HTMLInputElement;
  let defLangErr!: HTMLElement;
  let uiSel!: HTMLSelectElement;
  let autostart!: HTMLInputElement;
  let varsList!: HTMLElement;
  let appsList!: HTMLElement;
  let statusEl!: HTMLElement;
  let saveBtn!: HTMLButtonElement;
  let recording = false;

  function section(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
    return h("section", { class: "section", "aria-labelledby": id }, h("h2", { id, class: "section-title" }, title), ...children);
  }

  function render(): void {
    if (!saved) return;
    const s = saved;
    hotkey = s.hotkey;

    hotkeyBtn = h("button", {
      type: "button",
      id: "hotkey",
      class: "hotkey-field",
      "aria-describedby": "hotkey-help hotkey-err",
      onclick: () => (recording ? stopRecording(true) : startRecording()),
      onkeydown: onHotkeyKey,
      onblur: () => recording && stopRecording(true),
    });
    hotkeyErr = h("p", { class: "field-error", id: "hotkey-err", role: "alert" });
    showHotkey();

    const pasteOpts = PASTE_KEYSTROKES.includes(s.paste_keystroke) || !s.paste_keystroke ? PASTE_KEYSTROKES : [...PASTE_KEYSTROKES, s.paste_keystroke];
    pasteSel = h(
      "select",
      { id: "paste", class: "input", "aria-describedby": "paste-help" },
      pasteOpts.map((k) => h("option", { value: k, selected: k === s.paste_keystroke }, k)),
    );

    apps = Object.entries(s.paste_overrides ?? {}).map(([name, keystroke]) => ({ id: nextId++, name, keystroke }));
    appsList = h("div", { class: "vars-list", id: "paste-apps-list" });
    renderApps();

    defLang = h("input", {
      id: "deflang",
      class: "input input-short",
      type: "text",
      list: "locale-codes",
      value: s.default_lang,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "deflang-help deflang-err",
      oninput: () => validateLang(false),
    });
    defLangErr = h("p", { class: "field-error", id: "deflang-err" });
    const ui = getLang();
    const datalist = h(
      "datalist",
      { id: "locale-codes" },
      COMMON_LOCALES.map((c) => h("option", { value: c }, [c, nativeName(c), languageName(c, ui)].filter(Boolean).join(" · "))),
    );

    uiSel = h(
      "select",
      { id: "uilang", class: "input" },
      h("option", { value: "auto", selected: s.ui_lang === "auto" }, t("settings.uiLang.auto")),
      h("option", { value: "en", selected: s.ui_lang === "en", lang: "en" }, "English"),
      h("option", { value: "zh-CN", selected: s.ui_lang === "zh-CN", lang: "zh-CN" }, "简体中文"),
    );

    autostart = h("input", { id: "autostart", type: "checkbox", class: "checkbox", checked: s.autostart });

    rows = Object.entries(s.shop_vars ?? {}).map(([name, value]) => ({ id: nextId++, name, value }));
    varsList = h("div", { class: "vars-list" });
    renderRows();

    statusEl = h("p", { class: "save-status", role: "status", "aria-live": "polite" });
    saveBtn = h("button", { type: "submit", class: "btn btn-primary" }, t("settings.save"));

    form = h(
      "form",
      {
        class: "settings-form",
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void save();
        },
      },
      h(
        "div",
        { class: "settings-scroll" },
        h("h1", { class: "settings-title" }, t("settings.title")),
        section(
          "sec-hotkey",
          t("settings.hotkey.section"),
          h(
            "div",
            { class: "field" },
            h("label", { class: "field-label", for: "hotkey" }, t("settings.hotkey.label")),
            hotkeyBtn,
            h("p", { class: "help", id: "hotkey-help" }, t("settings.hotkey.help")),
            hotkeyErr,
          ),
        ),
        section(
          "sec-paste",
          t("settings.paste.section"),
          h(
            "div",
            { class: "field" },
            h("label", { class: "field-label", for: "paste" }, t("settings.paste.label")),
            pasteSel,
            h("p", { class: "help", id: "paste-help" }, t("settings.paste.help")),
          ),
          h(
            "div",
            { class: "paste-apps", role: "group", "aria-labelledby": "paste-apps-label", "aria-describedby": "paste-apps-help" },
            h("p", { class: "field-label", id: "paste-apps-label" }, t("settings.pasteApps.label")),
            h("p", { class: "help", id: "paste-apps-help" }, t("settings.pasteApps.help")),
            appsList,
            h(
              "button",
              { type: "button", class: "btn btn-ghost", onclick: addApp },
              h("span", { class: "plus", "aria-hidden": "true" }, "+"),
              t("settings.pasteApps.add"),
            ),
          ),
        ),
        section(
          "sec-lang",
          t("settings.lang.section"),
          h(
            "div",
            { class: "field" },
            h("label", { class: "field-label", for: "deflang" }, t("settings.defaultLang.label")),
            defLang,
            datalist,
            h("p", { class: "help", id: "deflang-help" }, t("settings.defaultLang.help")),
            defLangErr,
          ),
          h("div", { class: "field" }, h("label", { class: "field-label", for: "uilang" }, t("settings.uiLang.label")), uiSel),
        ),
        section(
          "sec-startup",
          t("settings.startup.section"),
          h("div", { class: "field field-check" }, autostart, h("label", { for: "autostart" }, t("settings.autostart.label"))),
        ),
        section(
          "sec-vars",
          t("settings.vars.section"),
          h("p", { class: "help", id: "vars-help" }, t("settings.vars.help")),
          varsList,
          h(
            "button",
            { type: "button", class: "btn btn-ghost", onclick: addRow },
            h("span", { class: "plus", "aria-hidden": "true" }, "+"),
            t("settings.vars.add"),
          ),
        ),
        translation.render(),
      ),
      h("footer", { class: "settings-footer" }, statusEl, saveBtn),
    );
    replace(root, h("div", { class: "settings" }, form));
    renderStatus();
  }

  // ------------------------------------------------------------ hotkey capture
  function showHotkey(text?: string): void {
    hotkeyBtn.classList.toggle("recording", recording);
    hotkeyBtn.setAttribute("aria-pressed", recording ? "true" : "false");
    if (recording) {
      replace(hotkeyBtn, h("span", { class: "hotkey-live" }, text || t("settings.hotkey.recording")));
    } else if (hotkey) {
      replace(hotkeyBtn, hotkey.split("+").map((k, i) => [i ? h("span", { class: "plus-sep", "aria-hidden": "true" }, "+") : null, h("kbd", null, k)]));
      hotkeyBtn.setAttribute("aria-label", t("settings.hotkey.label") + ": " + hotkey);
    } else {
      replace(hotkeyBtn, h("span", { class: "muted" }, t("settings.hotkey.empty")));
      hotkeyBtn.setAttribute("aria-label", t("settings.hotkey.label") + ": " + t("settings.hotkey.empty"));
    }
    replace(hotkeyErr, hotkeyError);
    hotkeyBtn.toggleAttribute("aria-invalid", !!hotkeyError);
  }

  function startRecording(): void {
    recording = true;
    hotkeyError = "";
    showHotkey();
  }

  function stopRecording(_cancel: boolean): void {
    recording = false;
    showHotkey();
  }

  function onHotkeyKey(e: KeyboardEvent): void {
    if (!recording) return;
    if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
      stopRecording(true);
      return; // let focus move on
    }
    e.preventDefault();
    e.stopPropagation();
    const c = capture(e);
    if (c.kind === "cancel") stopRecording(true);
    else if (c.kind === "modifiers") showHotkey(c.text ? c.text + "+…" : "");
    else if (c.kind === "needs-modifier") {
      hotkeyError = t("settings.hotkey.needModifier");
      showHotkey(c.text);
    } else {
      hotkey = c.accelerator;
      hotkeyError = "";
      recording = false;
      showHotkey();
    }
  }

  // ------------------------------------------------------------ shop variables
  function rowError(row: VarRow): string {
    if (!row.name && !row.value) return "";
    if (!VAR_NAME_RE.test(row.name)) return t("settings.vars.invalidName");
    if (rows.some((r) => r !== row && r.name === row.name && rows.indexOf(r) < rows.indexOf(row))) return t("settings.vars.duplicate");
    return "";
  }

  function renderRows(focusId?: number, focusField: "name" | "value" = "name"): void {
    if (rows.length === 0) {
      replace(varsList, h("p", { class: "empty-note" }, t("settings.vars.empty")));
      return;
    }
    const head = h(
      "div",
      { class: "var-row var-head", "aria-hidden": "true" },
      h("span", null, t("settings.vars.name")),
      h("span", null, t("settings.vars.value")),
      h("span"),
    );
    let toFocus: HTMLInputElement | null = null;
    const items = rows.map((row) => {
      const errId = "var-err-" + row.id;
      const err = h("p", { class: "field-error var-error", id: errId });
      const nameIn = h("input", {
        class: "input mono",
        type: "text",
        value: row.name,
        placeholder: "shop_name",
        autocomplete: "off",
        spellcheck: "false",
        "aria-label": t("settings.vars.name"),
        "aria-describedby": errId,
        oninput: () => {
          row.name = nameIn.value.trim();
          refreshRowErrors();
        },
      });
      const valueIn = h("input", {
        class: "input",
        type: "text",
        value: row.value,
        dir: "auto",
        autocomplete: "off",
        "aria-label": t("settings.vars.value"),
        oninput: () => {
          row.value = valueIn.value;
          refreshRowErrors();
        },
      });
      if (row.id === focusId) toFocus = focusField === "name" ? nameIn : valueIn;
      const remove = h(
        "button",
        {
          type: "button",
          class: "btn btn-icon",
          "aria-label": t("settings.vars.remove", { name: row.name || "…" }),
          title: t("settings.vars.remove", { name: row.name || "…" }),
          onclick: () => {
            const i = rows.indexOf(row);
            rows.splice(i, 1);
            const next = rows[Math.min(i, rows.length - 1)];
            renderRows(next?.id);
          },
        },
        "×",
      );
      return h("div", { class: "var-item", "data-id": String(row.id) }, h("div", { class: "var-row" }, nameIn, valueIn, remove), err);
    });
    replace(varsList, head, items);
    refreshRowErrors(false);
    (toFocus as HTMLInputElement | null)?.focus();
  }

  /** Show name errors; `all` = also for rows whose name is still empty. */
  function refreshRowErrors(all = false): number {
    let count = 0;
    for (const row of rows) {
      const item = varsList.querySelector<HTMLElement>(`[data-id="${row.id}"]`);
      if (!item) continue;
      let msg = rowError(row);
      if (!all && !row.name) msg = ""; // don't nag while a new row is being typed
      if (rowError(row)) count++;
      const nameIn = item.querySelector("input")!;
      nameIn.toggleAttribute("aria-invalid", !!msg);
      replace(item.querySelector(".var-error")!, msg);
    }
    return count;
  }

  function addRow(): void {
    const row = { id: nextId++, name: "", value: "" };
    rows.push(row);
    renderRows(row.id);
  }

  // ------------------------------------------------------------ per-application paste keys
  function appError(row: AppRow): string {
    if (!row.name) return "";
    const key = row.name.toLowerCase();
    const first = apps.find((r) => r.name.toLowerCase() === key);
    return first && first !== row ? t("settings.pasteApps.duplicate") : "";
  }

  function renderApps(focusId?: number): void {
    if (apps.length === 0) {
      replace(appsList, h("p", { class: "empty-note" }, t("settings.pasteApps.empty")));
      return;
    }
    const head = h(
      "div",
      { class: "var-row app-row var-head", "aria-hidden": "true" },
      h("span", null, t("settings.pasteApps.app")),
      h("span", null, t("settings.pasteApps.keystroke")),
      h("span"),
    );
    let toFocus: HTMLInputElement | null = null;
    const items = apps.map((row) => {
      const errId = "app-err-" + row.id;
      const err = h("p", { class: "field-error var-error", id: errId });
      const nameIn = h("input", {
        class: "input mono",
        type: "text",
        value: row.name,
        placeholder: "Gnome-terminal",
        autocomplete: "off",
        spellcheck: "false",
        "aria-label": t("settings.pasteApps.app"),
        "aria-describedby": errId,
        oninput: () => {
          row.name = nameIn.value.trim();
          refreshAppErrors();
        },
      });
      const opts = OVERRIDE_KEYSTROKES.includes(row.keystroke) ? OVERRIDE_KEYSTROKES : [...OVERRIDE_KEYSTROKES, row.keystroke];
      const keySel = h(
        "select",
        {
          class: "input",
          "aria-label": t("settings.pasteApps.keystroke"),
          onchange: () => {
            row.keystroke = keySel.value;
          },
        },
        opts.map((k) => h("option", { value: k, selected: k === row.keystroke }, k)),
      );
      if (row.id === focusId) toFocus = nameIn;
      const remove = h(
        "button",
        {
          type: "button",
          class: "btn btn-icon",
          "aria-label": t("settings.pasteApps.remove", { name: row.name || "…" }),
          title: t("settings.pasteApps.remove", { name: row.name || "…" }),
          onclick: () => {
            const i = apps.indexOf(row);
            apps.splice(i, 1);
            const next = apps[Math.min(i, apps.length - 1)];
            renderApps(next?.id);
          },
        },
        "×",
      );
      return h("div", { class: "var-item", "data-id": String(row.id) }, h("div", { class: "var-row app-row" }, nameIn, keySel, remove), err);
    });
    replace(appsList, head, items);
    refreshAppErrors();
    (toFocus as HTMLInputElement | null)?.focus();
  }

  /** Show duplicate-name errors; returns how many rows are in error. */
  function refreshAppErrors(): number {
    let count = 0;
    for (const row of apps) {
      const item = appsList.querySelector<HTMLElement>(`[data-id="${row.id}"]`);
      if (!item) continue;
      const msg = appError(row);
      if (msg) count++;
      item.querySelector("input")!.toggleAttribute("aria-invalid", !!msg);
      replace(item.querySelector(".var-error")!, msg);
    }
    return count;
  }

  function addApp(): void {
    const row = { id: nextId++, name: "", keystroke: OVERRIDE_DEFAULT };
    apps.push(row);
    renderApps(row.id);
  }

  // ------------------------------------------------------------ validation & save
  function validateLang(strict: boolean): boolean {
    const v = defLang.value.trim();
    const ok = LOCALE_RE.test(v);
    const msg = ok || (!strict && v.length < 2) ? "" : t("settings.defaultLang.invalid");
    replace(defLangErr, msg);
    defLang.toggleAttribute("aria-invalid", !!msg);
    return ok;
  }

  function renderStatus(): void {
    if (!statusEl) return;
    statusEl.className = "save-status" + (status ? " status-" + status.kind : "");
    replace(statusEl, status ? status.text : "");
  }

  async function save(): Promise<void> {
    if (saving || !saved) return;
    if (recording) stopRecording(true);
    const langOk = validateLang(true);
    const varErrors = refreshRowErrors(true);
    const appErrors = refreshAppErrors();
    if (!langOk || varErrors > 0 || appErrors > 0) {
      status = { kind: "error", text: t("settings.invalid") };
      renderStatus();
      form.querySelector<HTMLElement>("[aria-invalid]")?.focus();
      return;
    }
    const shop_vars: Record<string, string> = {};
    for (const r of rows) if (r.name) shop_vars[r.name] = r.value;
    const paste_overrides: Record<string, string> = {};
    for (const a of apps) if (a.name) paste_overrides[a.name] = a.keystroke;
    const next: Settings = {
      hotkey,
      paste_keystroke: pasteSel.value,
      default_lang: defLang.value.trim(),
      ui_lang: uiSel.value as UiLang,
      autostart: autostart.checked,
      shop_vars,
      paste_overrides,
    };
    saving = true;
    saveBtn.disabled = true;
    status = { kind: "info", text: t("settings.saving") };
    renderStatus();
    try {
      const result = await api.saveSettings(next);
      saved = result;
      hotkeyError = "";
      setLang(resolveUiLang(result.ui_lang));
      status = { kind: "ok", text: t("settings.saved") };
      saving = false;
      render();
      saveBtn.focus();
    } catch (err) {
      const e = err as ApiError;
      saving = false;
      saveBtn.disabled = false;
      if (e.code === "hotkey") {
        hotkeyError = e.message;
        hotkey = saved.hotkey; // the old one stays registered
        showHotkey();
        status = { kind: "error", text: t("settings.error.hotkey", { message: e.message }) };
      } else {
        status = { kind: "error", text: t("settings.error.save", { message: e.message }) };
      }
      renderStatus();
    }
  }

  // ------------------------------------------------------------ boot
  replace(root, h("div", { class: "settings settings-loading" }, h("p", { class: "muted" }, t("settings.loading"))));
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === "KeyS") {
      e.preventDefault();
      void save();
    }
  });
  api
    .getSettings()
    .then((s) => {
      saved = s;
      setLang(resolveUiLang(s.ui_lang));
      render();
    })
    .catch((e: ApiError) => {
      replace(root, h("div", { class: "settings settings-loading" }, h("p", { class: "field-error", role: "alert" }, t("settings.error.load", { message: e.message }))));
    });
}

// ------------------------------------------------------------ translation providers
interface ProvRow {
  id: number;
  /** What is stored; null for a provider not saved yet. */
  saved: ProviderConfig | null;
  draft: ProviderDraft;
  /** The API key typed but not saved yet (never prefilled). */
  key: string;
  busy: boolean;
  status: { kind: "ok" | "error" | "info"; text: string } | null;
  el: HTMLElement | null;
}

const MT_HINTED = new Set(["mt_no_key", "mt_bad_key", "mt_quota", "mt_rate_limited", "mt_unsupported", "mt_network", "keyring"]);

function mtErrorText(e: ApiError): string {
  const hint = MT_HINTED.has(e.code) ? t(`settings.mt.hint.${e.code}` as MessageKey) + "\n" : "";
  return hint + e.message;
}

/**
 * Settings → Translation: machine-translation providers, the default one and the cache.
 * Each provider saves on its own (`save_provider`), independently of the settings form.
 * The state outlives the settings form, which is rebuilt after every save: `render()` makes
 * a fresh section from it.
 */
function translationSettings(): { render(): HTMLElement } {
  let info: ProvidersInfo | null = null;
  let loadError = "";
  let rows: ProvRow[] = [];
  let nextId = 1;
  let defaultStatus: { kind: "ok" | "error" | "info"; text: string } | null = null;
  let sectionEl: HTMLElement | null = null;
  let listEl: HTMLElement | null = null;
  let defaultSel: HTMLSelectElement | null = null;
  let defaultStatusEl: HTMLElement | null = null;
  let statsEl: HTMLElement | null = null;

  function render(): HTMLElement {
    defaultSel = h("select", { id: "mt-default", class: "input input-short", "aria-describedby": "mt-default-status", onchange: () => void setDefault() });
    defaultStatusEl = h("p", { class: "save-status mt-default-status", id: "mt-default-status", role: "status", "aria-live": "polite" });
    listEl = h("div", { class: "provider-list" });
    statsEl = h("p", { class: "help mt-stats" });
    sectionEl = h(
      "section",
      { class: "section", "aria-labelledby": "sec-mt" },
      h("h2", { id: "sec-mt", class: "section-title" }, t("settings.mt.section")),
      h("p", { class: "help mt-help" }, t("settings.mt.help")),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "mt-default" }, t("settings.mt.default")), defaultSel, defaultStatusEl),
      listEl,
      h(
        "button",
        { type: "button", class: "btn btn-ghost", onclick: add },
        h("span", { class: "plus", "aria-hidden": "true" }, "+"),
        t("settings.mt.add"),
      ),
      statsEl,
    );
    for (const r of rows) r.el = null;
    renderAll();
    if (!info && !loadError) void load();
    return sectionEl;
  }

  function renderAll(): void {
    renderDefault();
    renderStats();
    if (!listEl) return;
    if (loadError) {
      replace(listEl, h("p", { class: "field-error", role: "alert" }, loadError));
      return;
    }
    if (!info) {
      replace(listEl, h("p", { class: "empty-note" }, t("settings.mt.loading")));
      return;
    }
    if (rows.length === 0) {
      replace(listEl, h("p", { class: "empty-note" }, t("settings.mt.empty")));
      return;
    }
    replace(listEl, rows.map((r) => card(r)));
  }

  function renderDefault(): void {
    if (!defaultSel || !defaultStatusEl) return;
    const current = info?.default_provider ?? "";
    const names = rows.filter((r) => r.saved).map((r) => r.saved!.name);
    if (current && !names.includes(current)) names.unshift(current);
    replace(
      defaultSel,
      h("option", { value: "", selected: !current }, t("settings.mt.defaultNone")),
      names.map((n) => h("option", { value: n, selected: n === current }, n)),
    );
    defaultSel.disabled = !info;
    defaultStatusEl.className = "save-status mt-default-status" + (defaultStatus ? " status-" + defaultStatus.kind : "");
    replace(defaultStatusEl, defaultStatus?.text ?? null);
  }

  function renderStats(): void {
    if (!statsEl) return;
    const nf = new Intl.NumberFormat(getLang());
    statsEl.hidden = !info;
    replace(statsEl, info ? t("settings.mt.cache", { entries: nf.format(info.cache_entries), chars: nf.format(info.billed_chars) }) : null);
  }

  async function load(): Promise<void> {
    try {
      info = await api.listProviders();
      loadError = "";
      const fresh = info.providers.map((p) => {
        const old = rows.find((r) => r.saved?.name === p.name);
        return old ? { ...old, saved: p, el: null } : { id: nextId++, saved: p, draft: draftOf(p), key: "", busy: false, status: null, el: null };
      });
      rows = [...fresh, ...rows.filter((r) => !r.saved)];
    } catch (e) {
      loadError = t("settings.mt.loadError", { message: (e as ApiError).message });
    }
    renderAll();
  }

  function add(): void {
    if (!info) return;
    const row: ProvRow = { id: nextId++, saved: null, draft: draftOf(null), key: "", busy: false, status: null, el: null };
    rows.push(row);
    renderAll();
    row.el?.querySelector<HTMLInputElement>("input")?.focus();
  }

  function otherNames(row: ProvRow): string[] {
    return rows.filter((r) => r !== row).map((r) => (r.saved ? r.saved.name : r.draft.name.trim())).filter(Boolean);
  }

  function fieldErrors(row: ProvRow, strict: boolean): { name: string; url: string } {
    const n = row.saved ? null : nameError(row.draft.name, otherNames(row));
    const nameMsg =
      n === "name-empty" ? (strict ? t("settings.mt.nameEmpty") : "") : n === "name-space" ? t("settings.mt.nameInvalid") : n === "name-duplicate" ? t("settings.mt.nameDuplicate") : "";
    return { name: nameMsg, url: urlError(row.draft.url) ? t("settings.mt.urlInvalid") : "" };
  }

  /** Build (or rebuild in place) the form of one provider. */
  function card(row: ProvRow): HTMLElement {
    const p = "prov-" + row.id;
    const d = row.draft;
    const refreshErrors = (strict = false) => {
      const errs = fieldErrors(row, strict);
      const nameErr = el.querySelector<HTMLElement>(`#${p}-name-err`);
      const urlErr = el.querySelector<HTMLElement>(`#${p}-url-err`);
      if (nameErr) replace(nameErr, errs.name);
      if (urlErr) replace(urlErr, errs.url);
      nameIn.toggleAttribute("aria-invalid", !!errs.name);
      urlIn.toggleAttribute("aria-invalid", !!errs.url);
      return !errs.name && !errs.url;
    };
    const text = (field: "name" | "url" | "model" | "glossary", id: string, extra: Record<string, unknown> = {}) =>
      h("input", {
        id,
        class: "input",
        type: "text",
        value: d[field],
        autocomplete: "off",
        spellcheck: "false",
        oninput: (e: Event) => {
          d[field] = (e.target as HTMLInputElement).value;
          if (field === "name") replace(el.querySelector(`#${p}-title`)!, d.name.trim() || t("settings.mt.newProvider"));
          refreshErrors();
          updateButtons();
        },
        ...extra,
      });
    const nameIn = text("name", p + "-name", {
      class: "input mono",
      readOnly: !!row.saved,
      "aria-describedby": `${p}-name-help ${p}-name-err`,
    });
    const kindSel = h(
      "select",
      {
        id: p + "-kind",
        class: "input",
        onchange: () => {
          d.kind = kindSel.value as ProviderKind;
          const focus = kindSel.id;
          card(row);
          row.el?.querySelector<HTMLElement>("#" + focus)?.focus();
        },
      },
      PROVIDER_KINDS.map((k) => h("option", { value: k, selected: k === d.kind }, t(`settings.mt.kind.${k}` as MessageKey))),
    );
    const urlIn = text("url", p + "-url", {
      class: "input mono ph-sans",
      type: "url",
      placeholder: t(URL_PLACEHOLDER[d.kind]),
      "aria-describedby": `${p}-url-err`,
    });
    const keyIn = h("input", {
      id: p + "-key",
      class: "input mono ph-sans",
      type: "password",
      value: row.key,
      autocomplete: "new-password",
      spellcheck: "false",
      placeholder: row.saved?.has_key ? t("settings.mt.keyStoredPlaceholder") : "",
      "aria-describedby": p + "-key-help",
      oninput: () => {
        row.key = keyIn.value;
        updateButtons();
      },
    });
    const keyHelp = row.saved?.has_key ? t("settings.mt.keyStored") : d.kind === "openai" ? t("settings.mt.keyOptional") : t("settings.mt.keyNone");
    const statusEl = h("p", { class: ["save-status", "provider-status", row.status && "status-" + row.status.kind], role: "status", "aria-live": "polite", dir: "auto" }, row.status?.text ?? null);
    const saveBtn = h("button", { type: "button", class: "btn btn-primary btn-small", onclick: () => void saveRow(row) }, row.busy ? t("settings.saving") : t("settings.mt.save"));
    const testBtn = h("button", { type: "button", class: "btn btn-small", onclick: () => void testRow(row) }, t("settings.mt.test"));
    const field = (id: string, label: string, input: HTMLElement, ...after: Child[]) =>
      h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), input, ...after);

    const el = h(
      "div",
      {
        class: "provider-card",
        role: "group",
        "aria-labelledby": p + "-title",
        "data-id": String(row.id),
        onkeydown: (e: KeyboardEvent) => {
          // Enter in a field saves this provider, not the settings form around it.
          const tag = (e.target as HTMLElement).tagName;
          if (e.key === "Enter" && tag === "INPUT" && !e.isComposing) {
            e.preventDefault();
            void saveRow(row);
          }
        },
      },
      h(
        "div",
        { class: "provider-head" },
        h("h3", { class: "provider-title", id: p + "-title" }, row.saved ? row.saved.name : d.name.trim() || t("settings.mt.newProvider")),
        row.saved && info?.default_provider === row.saved.name ? h("span", { class: "badge" }, t("settings.mt.isDefault")) : null,
        row.saved
          ? null
          : h(
              "button",
              {
                type: "button",
                class: "btn btn-icon",
                "aria-label": t("settings.mt.discard"),
                title: t("settings.mt.discard"),
                onclick: () => {
                  rows = rows.filter((r) => r !== row);
                  renderAll();
                },
              },
              "×",
            ),
      ),
      h(
        "div",
        { class: "provider-grid" },
        field(p + "-name", t("settings.mt.name"), nameIn, row.saved ? null : h("p", { class: "help", id: p + "-name-help" }, t("settings.mt.nameHelp")), h("p", { class: "field-error", id: p + "-name-err" })),
        field(p + "-kind", t("settings.mt.kind"), kindSel),
        h(
          "div",
          { class: "field field-wide" },
          h("label", { class: "field-label", for: p + "-url" }, t("settings.mt.url")),
          urlIn,
          h("p", { class: "help" }, t("settings.mt.urlHelp")),
          h("p", { class: "field-error", id: p + "-url-err" }),
        ),
        d.kind === "openai" ? field(p + "-model", t("settings.mt.model"), text("model", p + "-model", { class: "input mono" }), h("p", { class: "help" }, t("settings.mt.modelHelp"))) : null,
        d.kind === "deepl"
          ? field(
              p + "-formality",
              t("settings.mt.formality"),
              h(
                "select",
                {
                  id: p + "-formality",
                  class: "input",
                  onchange: (e: Event) => {
                    d.formality = (e.target as HTMLSelectElement).value;
                    updateButtons();
                  },
                },
                FORMALITIES.map((f) => h("option", { value: f, selected: f === d.formality }, t(`settings.mt.formality.${f}` as MessageKey))),
              ),
            )
          : null,
        d.kind === "deepl" ? field(p + "-glossary", t("settings.mt.glossary"), text("glossary", p + "-glossary", { class: "input mono" })) : null,
        h(
          "div",
          { class: "field field-wide" },
          h("label", { class: "field-label", for: p + "-key" }, t("settings.mt.key")),
          keyIn,
          h("p", { class: ["help", row.saved?.has_key && "key-stored"], id: p + "-key-help" }, keyHelp),
        ),
      ),
      h("div", { class: "provider-actions" }, statusEl, testBtn, saveBtn),
    );

    function updateButtons(): void {
      saveBtn.disabled = row.busy || (!!row.saved && !isChanged(d, row.saved) && !row.key.trim());
      testBtn.disabled = row.busy || (!row.saved && !d.name.trim());
    }
    updateButtons();
    refreshErrors();
    if (row.el && row.el.parentNode) row.el.replaceWith(el);
    row.el = el;
    return el;
  }

  function setStatus(row: ProvRow, status: ProvRow["status"]): void {
    row.status = status;
    card(row);
  }

  /** Save the form; resolves to whether the provider is now stored as shown. */
  async function saveRow(row: ProvRow): Promise<boolean> {
    if (row.busy) return false;
    const errs = fieldErrors(row, true);
    if (errs.name || errs.url) {
      setStatus(row, { kind: "error", text: t("settings.invalid") });
      row.el?.querySelector<HTMLElement>("[aria-invalid]")?.focus();
      return false;
    }
    if (row.saved && !isChanged(row.draft, row.saved) && !row.key.trim()) return true;
    row.busy = true;
    setStatus(row, { kind: "info", text: t("settings.saving") });
    try {
      const saved = await api.saveProvider(toConfig(row.draft, row.saved?.has_key ?? false), row.key.trim() || null);
      row.saved = saved;
      row.draft = draftOf(saved);
      row.key = "";
      row.busy = false;
      if (info) {
        const i = info.providers.findIndex((p) => p.name === saved.name);
        if (i >= 0) info.providers[i] = saved;
        else info.providers.push(saved);
      }
      setStatus(row, { kind: "ok", text: t("settings.mt.saved") });
      renderDefault();
      return true;
    } catch (e) {
      row.busy = false;
      setStatus(row, { kind: "error", text: t("settings.mt.saveError", { message: mtErrorText(e as ApiError) }) });
      return false;
    }
  }

  async function testRow(row: ProvRow): Promise<void> {
    if (row.busy) return;
    // The test uses the stored configuration: save what is in the form first.
    if (!row.saved || isChanged(row.draft, row.saved) || row.key.trim()) {
      if (!(await saveRow(row))) return;
    }
    const name = row.saved!.name;
    row.busy = true;
    setStatus(row, { kind: "info", text: t("settings.mt.testing") });
    try {
      const result = await api.testProvider(name);
      row.busy = false;
      setStatus(row, { kind: "ok", text: t("settings.mt.testOk", { result }) });
    } catch (e) {
      row.busy = false;
      setStatus(row, { kind: "error", text: t("settings.mt.testError", { message: mtErrorText(e as ApiError) }) });
    }
  }

  async function setDefault(): Promise<void> {
    if (!defaultSel || !info) return;
    const name = defaultSel.value || null;
    const before = info.default_provider;
    defaultStatus = { kind: "info", text: t("settings.saving") };
    renderDefault();
    try {
      await api.setDefaultProvider(name);
      info.default_provider = name;
      defaultStatus = { kind: "ok", text: t("settings.mt.defaultSaved") };
    } catch (e) {
      info.default_provider = before;
      defaultStatus = { kind: "error", text: t("settings.mt.defaultError", { message: (e as ApiError).message }) };
    }
    renderDefault();
    for (const r of rows) if (r.el) card(r); // the "default" badge moves
  }

  return { render };
}
