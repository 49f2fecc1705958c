// The library window's Insights tab (insights): what buyers asked and what was pasted since a
// day (default: the last 28 days) — totals, the replies used most, the buyers' languages, pastes
// by hour of day and day of week (charts.ts), the question topics and the unanswered ones
// (topics.ts; "New reply from these" opens the editor on a new reply with their examples), and
// the learned message → reply pairs (picks.ts).
import { api, type ApiError, type InsightLanguage, type InsightReply, type Insights } from "../../api";
import { h, replace } from "../../h";
import { getLang, t } from "../../i18n";
import { latestOnly } from "../../components/latest";
import { langLabel } from "../../components/lang-label";
import type { MessageBar } from "../../components/message-bar";
import { barChart, type Chart } from "./charts";
import { counts, exampleLines, formatDay, hourLabels, isoDay, parseDay, peak, weekdayLabels } from "./logic";
import { LearnedPicks } from "./picks";
import { topicList } from "./topics";

export interface InsightsHost {
  readonly bar: MessageBar;
  /** Open a reply in the editor. */
  openReply(key: string): void;
  /** The editor on a new reply whose example questions are `examples`. */
  newReply(examples: string[]): void;
}

export class InsightsView {
  readonly el: HTMLElement;
  readonly picks: LearnedPicks;
  private readonly since: HTMLInputElement;
  private readonly sinceError = h("p", { class: "field-error", id: "insights-since-error", "aria-live": "polite" });
  private readonly periodEl = h("span", { class: "insights-period muted", "data-testid": "insights-period", "aria-live": "polite" });
  private readonly bodyEl = h("div", { class: "insights-body", "data-testid": "insights-body" });
  private readonly latest = latestOnly();
  private data: Insights | null = null;
  private error: ApiError | null = null;
  private charts: Chart[] = [];
  private started = false;
  private shown = false;
  /** Something changed while the tab was not shown: load again when it is. */
  private stale = false;

  constructor(private readonly host: InsightsHost) {
    this.since = h("input", {
      type: "date",
      id: "insights-since",
      class: "input input-short",
      placeholder: "YYYY-MM-DD",
      max: isoDay(new Date()),
      "aria-describedby": "insights-since-help insights-since-error",
      "data-testid": "insights-since",
      onchange: () => this.sinceChanged(),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "Enter" && !e.isComposing) {
          e.preventDefault();
          this.sinceChanged();
        }
      },
    });
    this.picks = new LearnedPicks({ openReply: (key) => host.openReply(key), say: (m) => host.bar.set(m) });
    this.el = h(
      "div",
      { class: "lib-insights", id: "library-panel-insights", role: "tabpanel", "aria-labelledby": "library-tab-insights", "data-testid": "insights-view", hidden: true },
      h(
        "div",
        { class: "insights-head" },
        h("label", { class: "field-label", for: "insights-since" }, t("insights.since")),
        this.since,
        h(
          "button",
          {
            type: "button",
            class: "btn btn-small",
            "data-testid": "insights-default",
            onclick: () => {
              this.since.value = "";
              this.sinceChanged();
            },
          },
          t("insights.since.default"),
        ),
        h("button", { type: "button", class: "btn btn-small", "data-testid": "insights-refresh", onclick: () => void this.reload() }, t("insights.refresh")),
        this.periodEl,
        h("span", { class: "actions-gap" }),
        h("p", { class: "help", id: "insights-since-help" }, t("insights.since.help")),
        this.sinceError,
      ),
      h("div", { class: "insights-scroll" }, this.bodyEl, this.picks.el),
    );
    this.render();
  }

  /** The tab was opened: the first time (or after changes elsewhere) everything is loaded. */
  show(): void {
    this.shown = true;
    if (!this.started || this.stale) {
      this.started = true;
      this.stale = false;
      void this.reload();
    }
  }

  hide(): void {
    this.shown = false;
  }

  focus(): void {
    this.since.focus();
  }

  /** Replies changed elsewhere (library-changed): titles and uses may be different now. */
  changed(): void {
    if (!this.started) return;
    if (this.shown) void this.reload();
    else this.stale = true;
  }

  async reload(): Promise<void> {
    await Promise.all([this.load(), this.picks.load()]);
  }

  /** The day typed or picked ("" = the last 28 days); a day that is not one is said, not sent. */
  private sinceValue(): string | null | undefined {
    const text = this.since.value.trim();
    if (!text) return null;
    return parseDay(text) ?? undefined;
  }

  private sinceChanged(): void {
    const since = this.sinceValue();
    this.since.setAttribute("aria-invalid", since === undefined ? "true" : "false");
    replace(this.sinceError, since === undefined ? t("insights.since.invalid") : null);
    if (since !== undefined) void this.load();
  }

  async load(): Promise<void> {
    const since = this.sinceValue();
    if (since === undefined) return;
    const res = await this.latest.run(() => api.insights(since));
    if (!res) return;
    if (res.ok) {
      this.data = res.value;
      this.error = null;
    } else this.error = res.error as ApiError;
    this.render();
  }

  // ---------------------------------------------------------------- rendering
  private render(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
    const d = this.data;
    const lang = getLang();
    if (d) replace(this.periodEl, t(this.sinceValue() ? "insights.period" : "insights.period.default", { since: formatDay(d.since, lang), until: formatDay(d.until, lang) }));
    if (this.error) {
      replace(this.bodyEl, h("p", { class: "field-error", role: "alert", "data-testid": "insights-error" }, t("insights.error", { message: this.error.message })));
      return;
    }
    if (!d) {
      replace(this.bodyEl, h("p", { class: "empty-note" }, t("insights.loading")));
      return;
    }
    const hours = counts(d.by_hour, 24);
    const days = counts(d.by_weekday, 7);
    const hourNames = hourLabels();
    const dayNames = weekdayLabels(lang);
    replace(
      this.bodyEl,
      d.messages === 0 ? h("p", { class: "insights-empty", "data-testid": "insights-empty" }, t("insights.empty")) : null,
      h(
        "div",
        { class: "insights-totals", "data-testid": "insights-totals" },
        h("span", { class: "insights-total" }, h("strong", null, String(d.messages)), " ", t("insights.totals.messages")),
        h("span", { class: "insights-total" }, h("strong", null, String(d.uses)), " ", t("insights.totals.uses")),
      ),
      h(
        "div",
        { class: "insights-grid" },
        this.card("replies", t("insights.replies.title"), this.replies(d.top_replies)),
        this.card("languages", t("insights.languages.title"), this.languages(d.languages)),
        this.chartCard("hours", t("insights.hours.title"), hours, hourNames, (i, n) => t("insights.hours.peak", { hour: hourNames[i], n })),
        this.chartCard("weekdays", t("insights.weekdays.title"), days, dayNames, (i, n) => t("insights.weekdays.peak", { day: dayNames[i], n })),
        this.card("topics", t("insights.topics.title"), topicList(d.topics, false, t(d.messages ? "insights.topics.none" : "insights.topics.noMessages"), this.topicActions()), true, t("insights.topics.help")),
        this.card(
          "unanswered",
          t("insights.unanswered.title"),
          topicList(d.unanswered, true, t(d.messages ? "insights.unanswered.none" : "insights.topics.noMessages"), this.topicActions()),
          true,
          t("insights.unanswered.help"),
        ),
      ),
    );
  }

  private topicActions() {
    return {
      openReply: (key: string) => this.host.openReply(key),
      newReply: (examples: string[]) => this.host.newReply(exampleLines(examples)),
    };
  }

  private card(id: string, title: string, body: HTMLElement, wide = false, help: string | null = null): HTMLElement {
    return h(
      "section",
      { class: ["insights-card", wide && "insights-wide"], "aria-labelledby": "insights-" + id + "-title", "data-testid": "insights-" + id },
      h("h3", { class: "section-title", id: "insights-" + id + "-title" }, title),
      help ? h("p", { class: "help" }, help) : null,
      body,
    );
  }

  private replies(rows: readonly InsightReply[]): HTMLElement {
    if (!rows.length) return h("p", { class: "empty-note" }, t("insights.replies.none"));
    return h(
      "ol",
      { class: "insights-list" },
      rows.map((r) =>
        h(
          "li",
          null,
          h("button", { type: "button", class: "btn-link insights-name", onclick: () => this.host.openReply(r.key) }, h("bdi", { dir: "auto" }, r.title || r.key)),
          h("span", { class: "muted insights-count" }, t("insights.replies.uses", { n: r.uses })),
        ),
      ),
    );
  }

  private languages(rows: readonly InsightLanguage[]): HTMLElement {
    if (!rows.length) return h("p", { class: "empty-note" }, t("insights.languages.none"));
    return h(
      "ul",
      { class: "insights-list" },
      rows.map((l) =>
        h(
          "li",
          null,
          h("span", { class: "insights-name" }, langLabel(l.lang)),
          h("span", { class: "muted insights-count" }, t("insights.languages.counts", { messages: l.messages, uses: l.uses })),
        ),
      ),
    );
  }

  /** A small bar chart with its busiest slot said in words under it (the chart is not read out). */
  private chartCard(id: string, title: string, values: number[], labels: string[], busiest: (index: number, n: number) => string): HTMLElement {
    const host = h("div", { class: "insights-chart", "aria-hidden": "true", "data-testid": "insights-chart-" + id });
    const top = peak(values);
    const card = this.card(id, title, h("figure", { class: "insights-figure" }, host, h("figcaption", { class: "help" }, top ? busiest(top.index, top.value) : t("insights.chart.none"))));
    if (top) {
      const chart = barChart(host, { labels, values, name: title });
      if (chart) this.charts.push(chart);
    }
    return card;
  }
}
