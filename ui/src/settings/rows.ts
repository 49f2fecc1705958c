// The two name → value lists of Settings, on the shared key/value rows: shop variables
// (name → text) and per-application paste keys (application → keystroke).
import { h } from "../h";
import { t } from "../i18n";
import { VAR_NAME_RE } from "../text";
import { KeyValueRows, type KvRow } from "../components/kv-rows";

/** Choices for per-application overrides (Cmd+V for macOS apps). */
export const OVERRIDE_KEYSTROKES = ["Ctrl+V", "Shift+Insert", "Ctrl+Shift+V", "Cmd+V"];
/** Preselected for a new override row: what terminals usually need. */
export const OVERRIDE_DEFAULT = "Ctrl+Shift+V";

/** A shop variable needs a valid name, used once (the first one counts). */
export function shopVarError(row: KvRow, rows: readonly KvRow[]): string {
  if (!row.name && !row.value) return "";
  if (!VAR_NAME_RE.test(row.name)) return t("settings.vars.invalidName");
  if (rows.find((r) => r.name === row.name) !== row) return t("settings.vars.duplicate");
  return "";
}

/** An application is listed once, whatever the case of its name. */
export function pasteAppError(row: KvRow, rows: readonly KvRow[]): string {
  if (!row.name) return "";
  const key = row.name.toLowerCase();
  return rows.find((r) => r.name.toLowerCase() === key) !== row ? t("settings.pasteApps.duplicate") : "";
}

export function shopVarRows(vars: Record<string, string>): KeyValueRows {
  return new KeyValueRows(
    {
      listAttrs: { class: "vars-list" },
      rowClass: "var-row",
      errIdPrefix: "var-err-",
      labels: {
        name: t("settings.vars.name"),
        value: t("settings.vars.value"),
        empty: t("settings.vars.empty"),
        remove: (name) => t("settings.vars.remove", { name }),
      },
      namePlaceholder: "shop_name",
      validate: shopVarError,
      quietWhileUnnamed: true, // don't nag while a new row is being typed
    },
    vars,
  );
}

export function pasteAppRows(overrides: Record<string, string>): KeyValueRows {
  return new KeyValueRows(
    {
      listAttrs: { class: "vars-list", id: "paste-apps-list" },
      rowClass: "var-row app-row",
      errIdPrefix: "app-err-",
      labels: {
        name: t("settings.pasteApps.app"),
        value: t("settings.pasteApps.keystroke"),
        empty: t("settings.pasteApps.empty"),
        remove: (name) => t("settings.pasteApps.remove", { name }),
      },
      namePlaceholder: "Gnome-terminal",
      newValue: OVERRIDE_DEFAULT,
      validate: pasteAppError,
      valueControl: keystrokeSelect,
    },
    overrides,
  );
}

function keystrokeSelect(row: KvRow): HTMLElement {
  const opts = OVERRIDE_KEYSTROKES.includes(row.value) ? OVERRIDE_KEYSTROKES : [...OVERRIDE_KEYSTROKES, row.value];
  const sel = h(
    "select",
    {
      class: "input",
      "aria-label": t("settings.pasteApps.keystroke"),
      onchange: () => {
        row.value = sel.value;
      },
    },
    opts.map((k) => h("option", { value: k, selected: k === row.value }, k)),
  );
  return sel;
}
