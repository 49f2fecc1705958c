// Orders → Import: a path (typed, chosen with "Choose file…" or dropped on the view), a format
// (auto or one of the marketplaces) and a saved preset; "Preview" shows how the file is read
// (orders_preview: the format or preset, the encoding, the first orders mapped onto the
// variables, the rows with problems) with a column select per variable — a changed one reads
// the file again with exactly the pairs chosen —, and "Import" stores it (orders_import, with
// "Save as preset" when a name is given) and shows the summary.
import { api, type ApiError, type Format, type Order, type OrderImport, type OrderPreview, type Preset, type RowError } from "../../api";
import { h, replace, type Child } from "../../h";
import { getLang, t, type MessageKey } from "../../i18n";
import { latestOnly } from "../../components/latest";
import { browseButton } from "../browse";
import { choose, day, effectiveMapping, FORMATS, formatLabel, importOptions, money, type ImportChoice } from "./logic";

export const ORDER_FILE_FILTERS = [{ name: "CSV / TSV / TXT / XLSX / XLS", extensions: ["csv", "tsv", "txt", "xlsx", "xls"] }];

/** The preview table's columns: an order variable, or a value made of several. */
type Col = { key: string; cell(o: Order): Child; cls?: string };
const COLS: Col[] = [
  { key: "order_id", cell: (o) => o.order_id, cls: "mono" },
  { key: "buyer_name", cell: (o) => h("bdi", { dir: "auto" }, o.buyer_name ?? "") },
  { key: "buyer_country", cell: (o) => o.buyer_country ?? "" },
  { key: "item_count", cell: (o) => (o.item_count ?? "") as Child, cls: "num" },
  { key: "total", cell: (o) => money(o.total, o.currency, getLang()), cls: "num" },
  { key: "carrier", cell: (o) => h("bdi", { dir: "auto" }, o.carrier ?? "") },
  { key: "tracking_number", cell: (o) => o.tracking_number ?? "", cls: "mono" },
  { key: "ordered_at", cell: (o) => day(o.ordered_at) },
  { key: "shipped_at", cell: (o) => day(o.shipped_at) },
  { key: "eta", cell: (o) => day(o.eta) },
  { key: "ship_by", cell: (o) => day(o.ship_by) },
  { key: "status", cell: (o) => h("bdi", { dir: "auto" }, o.status ?? "") },
];

/** A variable's label: its name as templates write it. */
export function varLabel(v: string): string {
  const key = `orders.var.${v}` as MessageKey;
  const label = t(key);
  return label === key ? v : label;
}

export function problemLines(problems: RowError[], testPrefix: string): Child {
  if (!problems.length) return null;
  return h(
    "ul",
    { class: "warning-list order-problems" },
    problems.map((p) =>
      h("li", { class: "warning-line warning-skipped", dir: "auto", "data-testid": `${testPrefix}-${p.line}` }, t("orders.problem.line", { line: p.line, message: p.message })),
    ),
  );
}

export interface ImportHost {
  /** The view shows a message (errors of this part stay in its status line). */
  imported(r: OrderImport, savedPreset: boolean): void;
}

export class OrdersImport {
  readonly el: HTMLElement;
  readonly path: HTMLInputElement;
  private readonly format: HTMLSelectElement;
  private readonly preset: HTMLSelectElement;
  private readonly presetDelete: HTMLButtonElement;
  private readonly previewBtn: HTMLButtonElement;
  private readonly importBtn: HTMLButtonElement;
  private readonly statusEl = h("p", { class: "dialog-status", "aria-live": "polite" });
  private readonly resultEl = h("div", { class: "orders-result", "data-testid": "orders-preview-result", hidden: true });
  private readonly summaryEl = h("div", { class: "import-summary orders-summary", id: "orders-summary", "data-testid": "orders-summary", "aria-live": "polite", hidden: true });
  private readonly presetName: HTMLInputElement;
  private presets: Preset[] = [];
  private preview: OrderPreview | null = null;
  /** The columns the person chose in the mapping editor (reset for another file). */
  private chosen: [string, string | null][] = [];
  private readonly previews = latestOnly();
  private busy = false;

  constructor(private readonly host: ImportHost) {
    this.path = h("input", {
      id: "orders-path",
      "data-testid": "orders-path",
      class: "input path-input",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      dir: "ltr",
      placeholder: t("orders.import.pathPlaceholder"),
      oninput: () => this.fileChanged(),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "Enter" && !e.isComposing) {
          e.preventDefault();
          void this.runPreview();
        }
      },
    });
    this.format = h(
      "select",
      { id: "orders-format", "data-testid": "orders-format", class: "input input-auto", onchange: () => this.optionsChanged() },
      FORMATS.map((f) => h("option", { value: f }, formatLabel(f))),
    );
    this.preset = h("select", { id: "orders-preset", "data-testid": "orders-preset", class: "input input-auto", onchange: () => this.optionsChanged() });
    this.presetDelete = h(
      "button",
      { type: "button", class: "btn btn-small", id: "orders-preset-delete", "data-testid": "orders-preset-delete", hidden: true, onclick: () => void this.deletePreset() },
      t("orders.preset.delete"),
    );
    this.previewBtn = h("button", { type: "button", class: "btn", id: "orders-preview", "data-testid": "orders-preview", onclick: () => void this.runPreview() }, t("orders.import.preview"));
    this.importBtn = h("button", { type: "button", class: "btn btn-primary", id: "orders-import", "data-testid": "orders-import", onclick: () => void this.runImport() }, t("orders.import.apply"));
    this.presetName = h("input", {
      id: "orders-preset-name",
      "data-testid": "orders-preset-name",
      class: "input input-short",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: t("orders.preset.namePlaceholder"),
    });
    const field = (id: string, label: string, ...c: Child[]) => h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), ...c);
    this.el = h(
      "section",
      { class: "orders-import", "aria-labelledby": "orders-import-title" },
      h("h2", { class: "section-title", id: "orders-import-title" }, t("orders.import.title")),
      h("p", { class: "help" }, t("orders.import.help")),
      h(
        "div",
        { class: "dialog-row" },
        h(
          "div",
          { class: "field field-grow" },
          h("label", { class: "field-label", for: "orders-path" }, t("orders.import.path")),
          h(
            "div",
            { class: "path-row" },
            this.path,
            browseButton(t("orders.import.choose"), () => ({ kind: "file", filters: ORDER_FILE_FILTERS }), this.path, (e) => this.error(e), { id: "orders-browse", "data-testid": "orders-browse" }),
          ),
        ),
        field("orders-format", t("orders.import.format"), this.format),
        field("orders-preset", t("orders.preset.label"), h("div", { class: "path-row" }, this.preset, this.presetDelete)),
      ),
      h("div", { class: "dialog-actions" }, this.previewBtn, this.importBtn, this.statusEl),
      this.resultEl,
      this.summaryEl,
    );
    this.renderPresets();
    this.renderState();
  }

  // ------------------------------------------------------------ presets
  async loadPresets(): Promise<void> {
    try {
      this.presets = await api.ordersPresets();
    } catch (e) {
      this.error(e as ApiError);
    }
    this.renderPresets();
  }

  private renderPresets(): void {
    const keep = this.preset.value;
    replace(
      this.preset,
      h("option", { value: "" }, t("orders.preset.none")),
      this.presets.map((p) => h("option", { value: p.name }, `${p.name} (${formatLabel(p.format)})`)),
    );
    this.preset.value = this.presets.some((p) => p.name === keep) ? keep : "";
    this.presetDelete.hidden = !this.preset.value;
  }

  private async deletePreset(): Promise<void> {
    const name = this.preset.value;
    if (!name) return;
    try {
      await api.ordersPresetDelete(name);
      this.setStatus(t("orders.preset.deleted", { name }));
      this.preset.value = "";
      await this.loadPresets();
      this.preset.focus();
    } catch (e) {
      this.error(e as ApiError);
    }
  }

  // ------------------------------------------------------------ state
  /** The file named, the format and preset chosen, the mapping chosen and the preset name. */
  choice(): ImportChoice {
    return { format: this.format.value as Format, preset: this.preset.value, chosen: this.chosen, savePreset: this.presetName.value };
  }

  /** Fill the path (Choose file…, a dropped file) and read it. */
  usePath(path: string): void {
    this.path.value = path;
    this.fileChanged();
    void this.runPreview();
  }

  focus(): void {
    this.path.focus();
  }

  private fileChanged(): void {
    // Another file: its columns are others, the mapping chosen for the last one does not apply.
    this.previews.cancel();
    this.chosen = [];
    this.preview = null;
    this.resultEl.hidden = true;
    this.summaryEl.hidden = true;
    this.setStatus(null);
    this.renderState();
  }

  private optionsChanged(): void {
    this.presetDelete.hidden = !this.preset.value;
    if (this.preview) void this.runPreview();
  }

  private renderState(): void {
    this.previewBtn.disabled = this.busy;
    this.importBtn.disabled = this.busy;
    this.el.setAttribute("aria-busy", this.busy ? "true" : "false");
  }

  private setStatus(text: string | null, error = false): void {
    this.statusEl.className = "dialog-status" + (error ? " field-error" : " muted");
    this.statusEl.setAttribute("role", error ? "alert" : "status");
    replace(this.statusEl, text);
  }

  private error(e: ApiError): void {
    this.setStatus(t("orders.import.error", { message: e.message }), true);
  }

  private needPath(): string | null {
    const path = this.path.value.trim();
    if (!path) {
      this.setStatus(t("orders.import.needPath"), true);
      this.path.focus();
      return null;
    }
    return path;
  }

  // ------------------------------------------------------------ preview
  async runPreview(): Promise<void> {
    const path = this.needPath();
    if (!path) return;
    this.summaryEl.hidden = true;
    this.setStatus(t("orders.import.reading"));
    this.resultEl.classList.add("is-stale");
    const options = importOptions(this.choice(), false);
    const res = await this.previews.run(() => api.ordersPreview(path, options));
    if (!res) return;
    this.resultEl.classList.remove("is-stale");
    if (res.ok) {
      this.preview = res.value;
      const p = res.value;
      this.setStatus(t("orders.import.found", { n: p.rows.length, problems: p.problems.length }));
    } else {
      const e = res.error as ApiError;
      this.error(e);
      if (!this.preview) {
        this.resultEl.hidden = true;
        return;
      }
    }
    this.renderResult();
  }

  private detected(p: OrderPreview | OrderImport): string {
    const how = p.preset ? t("orders.import.readWithPreset", { preset: p.preset, format: formatLabel(p.format) }) : t("orders.import.readAs", { format: formatLabel(p.format) });
    return `${how} · ${t("orders.import.encoding", { encoding: p.encoding ?? "UTF-8" })}`;
  }

  private renderResult(): void {
    const p = this.preview;
    // A file where no column gives the order number still comes back as a preview (its
    // columns, every variable, no rows), so the mapping editor lets the person say which is which.
    const columns = p ? p.columns : [];
    const mapping: [string, string | null][] = p ? effectiveMapping(p.mapping, this.chosen) : [];
    this.resultEl.hidden = false;
    replace(
      this.resultEl,
      p ? h("p", { class: "orders-detected", "data-testid": "orders-detected" }, this.detected(p)) : null,
      this.mappingEditor(mapping, columns),
      p ? this.table(p) : null,
      p && p.problems.length
        ? [h("h3", { class: "panel-title problems-title" }, t("orders.import.problems", { n: p.problems.length }), " ", h("span", { class: "badge badge-warn" }, String(p.problems.length))), problemLines(p.problems, "orders-problem")]
        : null,
    );
  }

  private mappingEditor(mapping: [string, string | null][], columns: string[]): HTMLElement {
    const rows = mapping.map(([v, col]) => {
      const id = "orders-map-" + v;
      const known = col === null || columns.includes(col);
      const sel = h(
        "select",
        {
          id,
          "data-testid": id,
          class: ["input", "map-select", col !== null && "map-set"],
          onchange: (e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            this.chosen = choose(this.chosen, v, value || null);
            void this.runPreview();
          },
        },
        h("option", { value: "" }, "—"),
        known ? null : h("option", { value: col! }, col!),
        columns.map((c) => h("option", { value: c }, c)),
      );
      sel.value = col ?? "";
      return h("div", { class: "map-row" }, h("label", { class: "map-var", for: id }, h("code", null, v), h("span", { class: "muted" }, varLabel(v))), sel);
    });
    return h(
      "details",
      { class: "orders-mapping", "data-testid": "orders-mapping", open: (this.preview !== null && this.preview.rows.length === 0) || this.chosen.length > 0 ? true : undefined },
      h("summary", { class: "panel-title" }, t("orders.mapping.title")),
      h("p", { class: "help" }, t("orders.mapping.help")),
      h("div", { class: "map-grid" }, rows),
      h(
        "div",
        { class: "field map-save" },
        h("label", { class: "field-label", for: "orders-preset-name" }, t("orders.preset.save")),
        this.presetName,
        h("p", { class: "help" }, t("orders.preset.saveHelp")),
      ),
    );
  }

  private table(p: OrderPreview): Child {
    if (!p.rows.length) return h("p", { class: "empty-note" }, t("orders.import.noRows"));
    return h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "import-table orders-table", "data-testid": "orders-preview-table" },
        h("thead", null, h("tr", null, COLS.map((c) => h("th", { scope: "col" }, h("code", null, c.key))))),
        h(
          "tbody",
          null,
          p.rows.map((o) => h("tr", { class: "orders-preview-row", "data-order": o.order_id }, COLS.map((c) => h("td", { class: c.cls }, c.cell(o))))),
        ),
      ),
    );
  }

  // ------------------------------------------------------------ import
  async runImport(): Promise<void> {
    const path = this.needPath();
    if (!path || this.busy) return;
    const options = importOptions(this.choice(), !this.resultEl.hidden);
    this.busy = true;
    this.renderState();
    this.setStatus(t("orders.import.importing"));
    try {
      const r = await api.ordersImport(path, options);
      this.setStatus(null);
      this.showSummary(r);
      if (options.save_preset) {
        this.presetName.value = "";
        await this.loadPresets();
      }
      this.host.imported(r, !!options.save_preset);
    } catch (e) {
      this.error(e as ApiError);
    } finally {
      this.busy = false;
      this.renderState();
    }
  }

  private showSummary(r: OrderImport): void {
    this.summaryEl.hidden = false;
    replace(
      this.summaryEl,
      h("p", { class: "summary-line" }, t("orders.summary.line", { imported: r.imported, inserted: r.inserted, updated: r.updated })),
      h("p", { class: "summary-sub" }, this.detected(r)),
      r.purged ? h("p", { class: "summary-sub" }, t("orders.summary.purged", { n: r.purged })) : null,
      r.skipped.length ? [h("p", { class: "summary-sub summary-bad" }, t("orders.summary.skipped", { n: r.skipped.length })), problemLines(r.skipped, "orders-skipped")] : null,
    );
  }
}
