// Settings → Translation: machine-translation providers, the default one and the cache.
// Each provider saves on its own (`save_provider`), independently of the settings form.
// The state outlives the settings form, which is rebuilt after every save: `render()` makes
// a fresh section from it.
import { api, type ApiError, type ProvidersInfo } from "../api";
import { h, replace } from "../h";
import { getLang, t, type MessageKey } from "../i18n";
import { latestOnly } from "../components/latest";
import { providerCard, type CardStatus, type ProvRow } from "./provider-card";
import { draftOf, isChanged, nameError, toConfig, urlError } from "./providers";

const MT_HINTED = new Set(["mt_no_key", "mt_bad_key", "mt_quota", "mt_rate_limited", "mt_unsupported", "mt_network", "keyring"]);

function mtErrorText(e: ApiError): string {
  const hint = MT_HINTED.has(e.code) ? t(`settings.mt.hint.${e.code}` as MessageKey) + "\n" : "";
  return hint + e.message;
}

export class TranslationSettings {
  private info: ProvidersInfo | null = null;
  private loadError = "";
  private rows: ProvRow[] = [];
  private nextId = 1;
  private defaultStatus: CardStatus | null = null;
  private listEl: HTMLElement | null = null;
  private defaultSel: HTMLSelectElement | null = null;
  private defaultStatusEl: HTMLElement | null = null;
  private statsEl: HTMLElement | null = null;
  /** Choices of the default provider: only the answer to the latest one counts. */
  private readonly defaults = latestOnly();

  render(): HTMLElement {
    this.defaultSel = h("select", { id: "mt-default", class: "input input-short", "aria-describedby": "mt-default-status", onchange: () => void this.setDefault() });
    this.defaultStatusEl = h("p", { class: "save-status mt-default-status", id: "mt-default-status", role: "status", "aria-live": "polite" });
    this.listEl = h("div", { class: "provider-list" });
    this.statsEl = h("p", { class: "help mt-stats" });
    const section = h(
      "section",
      { class: "section", "aria-labelledby": "sec-mt" },
      h("h2", { id: "sec-mt", class: "section-title" }, t("settings.mt.section")),
      h("p", { class: "help mt-help" }, t("settings.mt.help")),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "mt-default" }, t("settings.mt.default")), this.defaultSel, this.defaultStatusEl),
      this.listEl,
      h("button", { type: "button", class: "btn btn-ghost", onclick: () => this.add() }, h("span", { class: "plus", "aria-hidden": "true" }, "+"), t("settings.mt.add")),
      this.statsEl,
    );
    for (const r of this.rows) r.el = null;
    this.renderAll();
    if (!this.info && !this.loadError) void this.load();
    return section;
  }

  private renderAll(): void {
    this.renderDefault();
    this.renderStats();
    const list = this.listEl;
    if (!list) return;
    if (this.loadError) replace(list, h("p", { class: "field-error", role: "alert" }, this.loadError));
    else if (!this.info) replace(list, h("p", { class: "empty-note" }, t("settings.mt.loading")));
    else if (this.rows.length === 0) replace(list, h("p", { class: "empty-note" }, t("settings.mt.empty")));
    else replace(list, this.rows.map((r) => this.card(r)));
  }

  private card(row: ProvRow): HTMLElement {
    return providerCard(row, {
      isDefault: (name) => this.info?.default_provider === name,
      errors: (r, strict) => this.fieldErrors(r, strict),
      save: (r) => void this.saveRow(r),
      test: (r) => void this.testRow(r),
      discard: (r) => {
        this.rows = this.rows.filter((x) => x !== r);
        this.renderAll();
      },
    });
  }

  private renderDefault(): void {
    const sel = this.defaultSel;
    if (!sel || !this.defaultStatusEl) return;
    const current = this.info?.default_provider ?? "";
    const names = this.rows.filter((r) => r.saved).map((r) => r.saved!.name);
    if (current && !names.includes(current)) names.unshift(current);
    replace(
      sel,
      h("option", { value: "", selected: !current }, t("settings.mt.defaultNone")),
      names.map((n) => h("option", { value: n, selected: n === current }, n)),
    );
    sel.disabled = !this.info;
    this.defaultStatusEl.className = "save-status mt-default-status" + (this.defaultStatus ? " status-" + this.defaultStatus.kind : "");
    replace(this.defaultStatusEl, this.defaultStatus?.text ?? null);
  }

  private renderStats(): void {
    if (!this.statsEl) return;
    const nf = new Intl.NumberFormat(getLang());
    const info = this.info;
    this.statsEl.hidden = !info;
    replace(this.statsEl, info ? t("settings.mt.cache", { entries: nf.format(info.cache_entries), chars: nf.format(info.billed_chars) }) : null);
  }

  private async load(): Promise<void> {
    try {
      const info = (this.info = await api.listProviders());
      this.loadError = "";
      const fresh = info.providers.map((p) => {
        const old = this.rows.find((r) => r.saved?.name === p.name);
        return old ? { ...old, saved: p, el: null } : this.newRow(p);
      });
      this.rows = [...fresh, ...this.rows.filter((r) => !r.saved)];
    } catch (e) {
      this.loadError = t("settings.mt.loadError", { message: (e as ApiError).message });
    }
    this.renderAll();
  }

  private newRow(saved: ProvRow["saved"]): ProvRow {
    return { id: this.nextId++, saved, draft: draftOf(saved), key: "", busy: false, status: null, el: null };
  }

  private add(): void {
    if (!this.info) return;
    const row = this.newRow(null);
    this.rows.push(row);
    this.renderAll();
    row.el?.querySelector<HTMLInputElement>("input")?.focus();
  }

  private fieldErrors(row: ProvRow, strict: boolean): { name: string; url: string } {
    const others = this.rows.filter((r) => r !== row).map((r) => (r.saved ? r.saved.name : r.draft.name.trim())).filter(Boolean);
    const n = row.saved ? null : nameError(row.draft.name, others);
    const name =
      n === "name-empty" ? (strict ? t("settings.mt.nameEmpty") : "") : n === "name-space" ? t("settings.mt.nameInvalid") : n === "name-duplicate" ? t("settings.mt.nameDuplicate") : "";
    return { name, url: urlError(row.draft.url) ? t("settings.mt.urlInvalid") : "" };
  }

  private setStatus(row: ProvRow, status: ProvRow["status"]): void {
    row.status = status;
    this.card(row);
  }

  /** Save the form; resolves to whether the provider is now stored as shown. */
  private async saveRow(row: ProvRow): Promise<boolean> {
    if (row.busy) return false;
    const errs = this.fieldErrors(row, true);
    if (errs.name || errs.url) {
      this.setStatus(row, { kind: "error", text: t("settings.invalid") });
      row.el?.querySelector<HTMLElement>("[aria-invalid]")?.focus();
      return false;
    }
    if (row.saved && !isChanged(row.draft, row.saved) && !row.key.trim()) return true;
    row.busy = true;
    this.setStatus(row, { kind: "info", text: t("settings.saving") });
    try {
      const saved = await api.saveProvider(toConfig(row.draft, row.saved?.has_key ?? false), row.key.trim() || null);
      Object.assign(row, { saved, draft: draftOf(saved), key: "", busy: false });
      const info = this.info;
      if (info) {
        const i = info.providers.findIndex((p) => p.name === saved.name);
        if (i >= 0) info.providers[i] = saved;
        else info.providers.push(saved);
      }
      this.setStatus(row, { kind: "ok", text: t("settings.mt.saved") });
      this.renderDefault();
      return true;
    } catch (e) {
      row.busy = false;
      this.setStatus(row, { kind: "error", text: t("settings.mt.saveError", { message: mtErrorText(e as ApiError) }) });
      return false;
    }
  }

  private async testRow(row: ProvRow): Promise<void> {
    if (row.busy) return;
    // The test uses the stored configuration: save what is in the form first.
    if (!row.saved || isChanged(row.draft, row.saved) || row.key.trim()) {
      if (!(await this.saveRow(row))) return;
    }
    const name = row.saved!.name;
    row.busy = true;
    this.setStatus(row, { kind: "info", text: t("settings.mt.testing") });
    try {
      const result = await api.testProvider(name);
      row.busy = false;
      this.setStatus(row, { kind: "ok", text: t("settings.mt.testOk", { result }) });
    } catch (e) {
      row.busy = false;
      this.setStatus(row, { kind: "error", text: t("settings.mt.testError", { message: mtErrorText(e as ApiError) }) });
    }
  }

  private async setDefault(): Promise<void> {
    const info = this.info;
    if (!this.defaultSel || !info) return;
    const name = this.defaultSel.value || null;
    const before = info.default_provider;
    this.defaultStatus = { kind: "info", text: t("settings.saving") };
    this.renderDefault();
    const res = await this.defaults.run(() => api.setDefaultProvider(name));
    if (!res) return; // another choice was made meanwhile
    if (res.ok) {
      info.default_provider = name;
      this.defaultStatus = { kind: "ok", text: t("settings.mt.defaultSaved") };
    } else {
      info.default_provider = before;
      this.defaultStatus = { kind: "error", text: t("settings.mt.defaultError", { message: (res.error as ApiError).message }) };
    }
    this.renderDefault();
    for (const r of this.rows) if (r.el) this.card(r); // the "default" badge moves
  }
}
