// Settings → Team: share the library with the team through a git repository. Binding,
// joining, the sync status (last sync, pending changes, conflicts, the last error) and
// "Sync now". Every rule (what may be joined, what a conflict is, where the token lives) is the
// core's (app::team); this section only asks and shows. Like Translation, it keeps its state
// across the settings form's rebuilds: `render()` makes a fresh section from it.
import { api, type ApiError, type TeamStatus, type SyncReport } from "../api";
import { h, replace } from "../h";
import { getLang, t } from "../i18n";

type Busy = "" | "init" | "join" | "sync" | "token" | "minutes";
type Note = { kind: "ok" | "error" | "info"; text: string } | null;

/** "3 minutes ago" / "just now" / the date, for the last sync. */
export function sinceText(iso: string | null, now: Date = new Date()): string {
  if (!iso) return t("settings.team.never");
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const minutes = Math.round((now.getTime() - then.getTime()) / 60000);
  if (minutes < 1) return t("settings.team.justNow");
  if (minutes < 60) return new Intl.RelativeTimeFormat(getLang(), { numeric: "auto" }).format(-minutes, "minute");
  return new Intl.DateTimeFormat(getLang(), { dateStyle: "medium", timeStyle: "short" }).format(then);
}

/** What the last sync did, in one line. */
export function reportText(r: SyncReport): string {
  const parts = [t("settings.team.report", { received: r.changed_here, sent: r.sent })];
  if (r.conflicts.length) parts.push(t("settings.team.reportConflicts", { count: r.conflicts.length }));
  return [...parts, ...r.notices].join(" ");
}

export class TeamSettings {
  private status: TeamStatus | null = null;
  private loadError = "";
  private busy: Busy = "";
  private note: Note = null;
  private remote = "";
  private token = "";
  private body: HTMLElement | null = null;

  render(): HTMLElement {
    this.body = h("div", { class: "team-body" });
    const section = h(
      "section",
      { class: "section", "aria-labelledby": "sec-team" },
      h("h2", { id: "sec-team", class: "section-title" }, t("settings.team.section")),
      h("p", { class: "help" }, t("settings.team.help")),
      this.body,
    );
    this.renderBody();
    if (!this.status && !this.loadError) void this.load();
    return section;
  }

  /** A sync in the background (on start, on the timer, after a save) changed the status. */
  update(status: TeamStatus): void {
    this.status = status;
    this.renderBody();
  }

  private async load(): Promise<void> {
    try {
      this.status = await api.teamStatus();
      this.loadError = "";
    } catch (e) {
      this.loadError = t("settings.team.loadError", { message: (e as ApiError).message });
    }
    this.renderBody();
  }

  private renderBody(): void {
    const body = this.body;
    if (!body) return;
    if (this.loadError) return void replace(body, h("p", { class: "field-error", role: "alert" }, this.loadError));
    if (!this.status) return void replace(body, h("p", { class: "empty-note" }, t("settings.team.loading")));
    replace(body, this.status.bound ? this.boundView(this.status) : this.unboundView(), this.tokenField(), this.noteEl());
  }

  private unboundView(): HTMLElement {
    const input = h("input", {
      id: "team-remote",
      class: "input",
      type: "text",
      spellcheck: false,
      autocomplete: "off",
      dir: "ltr",
      placeholder: "https://github.com/shop/replies.git",
      value: this.remote,
      "aria-describedby": "team-remote-help",
      oninput: (e: Event) => {
        this.remote = (e.target as HTMLInputElement).value;
      },
    });
    const busy = this.busy !== "";
    return h(
      "div",
      { class: "team-unbound" },
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: "team-remote" }, t("settings.team.remote")),
        input,
        h("p", { class: "help", id: "team-remote-help" }, t("settings.team.remoteHelp")),
      ),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "button", class: "btn btn-primary", id: "team-init", disabled: busy, onclick: () => void this.bind("init") }, t("settings.team.init")),
        h("button", { type: "button", class: "btn", id: "team-join", disabled: busy, onclick: () => void this.bind("join") }, t("settings.team.join")),
      ),
    );
  }

  private boundView(s: TeamStatus): HTMLElement {
    const nf = new Intl.NumberFormat(getLang());
    const rows: [string, string][] = [
      [t("settings.team.remote"), s.remote ?? ""],
      [t("settings.team.lastSync"), sinceText(s.last_sync)],
      [t("settings.team.pending"), nf.format(s.pending)],
      [t("settings.team.role"), t(`settings.team.role.${s.role}`)],
    ];
    return h(
      "div",
      { class: "team-bound" },
      h(
        "dl",
        { class: "team-status" },
        rows.map(([k, v]) => [h("dt", {}, k), h("dd", { dir: "auto" }, v)]),
      ),
      s.last_error ? h("p", { class: "field-error team-error", role: "alert" }, t("settings.team.lastError", { message: s.last_error })) : null,
      s.conflicts.length
        ? h(
            "div",
            { class: "team-conflicts" },
            h("p", {}, t("settings.team.conflicts", { count: s.conflicts.length })),
            h(
              "ul",
              {},
              s.conflicts.map((c) => h("li", {}, h("code", {}, c.key), " · ", c.locale)),
            ),
            h("button", { type: "button", class: "btn", onclick: () => void api.openReview() }, t("settings.team.openReview")),
          )
        : null,
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: "team-minutes" }, t("settings.team.every")),
        h("input", {
          id: "team-minutes",
          class: "input input-short",
          type: "number",
          min: 1,
          max: 1440,
          step: 1,
          value: String(s.sync_minutes),
          onchange: (e: Event) => void this.setMinutes((e.target as HTMLInputElement).value),
        }),
      ),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "button", class: "btn btn-primary", id: "team-sync", disabled: this.busy !== "", onclick: () => void this.sync() }, t("settings.team.syncNow")),
      ),
    );
  }

  private tokenField(): HTMLElement {
    const s = this.status;
    return h(
      "div",
      { class: "field team-token" },
      h("label", { class: "field-label", for: "team-token" }, t("settings.team.token")),
      h(
        "div",
        { class: "row-actions" },
        h("input", {
          id: "team-token",
          class: "input",
          type: "password",
          autocomplete: "off",
          value: this.token,
          "aria-describedby": "team-token-help",
          oninput: (e: Event) => {
            this.token = (e.target as HTMLInputElement).value;
          },
        }),
        h("button", { type: "button", class: "btn", disabled: this.busy !== "" || !s, onclick: () => void this.saveToken() }, t("settings.team.saveToken")),
      ),
      h("p", { class: "help", id: "team-token-help" }, t("settings.team.tokenHelp")),
    );
  }

  private noteEl(): HTMLElement {
    const n = this.note;
    return h("p", { class: "save-status team-note" + (n ? " status-" + n.kind : ""), role: "status", "aria-live": "polite" }, n?.text ?? null);
  }

  private async run(kind: Busy, pending: string, work: () => Promise<Note>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.note = { kind: "info", text: pending };
    this.renderBody();
    try {
      this.note = await work();
    } catch (e) {
      this.note = { kind: "error", text: (e as ApiError).message };
    }
    this.busy = "";
    try {
      this.status = await api.teamStatus();
    } catch {
      // the note already says what happened; the old status stays shown
    }
    this.renderBody();
  }

  private bind(how: "init" | "join"): Promise<void> {
    const remote = this.remote.trim();
    if (!remote) {
      this.note = { kind: "error", text: t("settings.team.remoteEmpty") };
      this.renderBody();
      document.getElementById("team-remote")?.focus();
      return Promise.resolve();
    }
    return this.run(how, t("settings.team.working"), async () => {
      const report = how === "init" ? await api.teamInit(remote) : await api.teamJoin(remote);
      return { kind: "ok", text: reportText(report) };
    });
  }

  private sync(): Promise<void> {
    return this.run("sync", t("settings.team.syncing"), async () => {
      const report = await api.teamSync();
      return { kind: report.conflicts.length ? "error" : "ok", text: reportText(report) };
    });
  }

  private setMinutes(value: string): Promise<void> {
    const minutes = Number(value);
    return this.run("minutes", t("settings.saving"), async () => {
      // The core checks the range and says what is allowed.
      this.status = await api.teamSetSyncMinutes(Number.isInteger(minutes) ? minutes : 0);
      return { kind: "ok", text: t("settings.team.everySaved", { minutes }) };
    });
  }

  private saveToken(): Promise<void> {
    const token = this.token.trim();
    if (!token) {
      this.note = { kind: "error", text: t("settings.team.tokenEmpty") };
      this.renderBody();
      return Promise.resolve();
    }
    return this.run("token", t("settings.saving"), async () => {
      await api.teamSetToken(token);
      this.token = "";
      return { kind: "ok", text: t("settings.team.tokenSaved") };
    });
  }
}
