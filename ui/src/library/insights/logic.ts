// Pure helpers of the Insights view (no DOM, unit-tested): the period, dates and labels of the
// charts, the busiest slot, and what a topic's change says.

/** A day typed or picked in the "since" field: YYYY-MM-DD (a real date), else null. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? s : null;
}

/** YYYY-MM-DD of a local date. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A day (YYYY-MM-DD) or a timestamp written for people in `lang`; the text as it is when it is neither. */
export function formatDay(value: string, lang: string): string {
  const day = parseDay(value.slice(0, 10));
  if (!day) return value;
  const date = value.length > 10 ? new Date(value) : new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(date);
  } catch {
    return day;
  }
}

/** "0" … "23": the hours of the day (local time). */
export function hourLabels(): string[] {
  return Array.from({ length: 24 }, (_, h) => String(h));
}

/** Short weekday names in `lang`, Monday first ("Mon" … "Sun", "周一" … "周日"). */
export function weekdayLabels(lang: string): string[] {
  // 1 January 2024 was a Monday.
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat(lang, { weekday: "short" });
  } catch {
    fmt = new Intl.DateTimeFormat("en", { weekday: "short" });
  }
  return Array.from({ length: 7 }, (_, i) => fmt.format(new Date(2024, 0, 1 + i)));
}

/** `n` counts, missing or broken ones as 0 (the backend promises 24 and 7; a short list is drawn whole). */
export function counts(values: readonly number[] | null | undefined, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const v = values?.[i];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
  });
}

/** The busiest slot (the first of equal ones), null when every count is 0. */
export function peak(values: readonly number[]): { index: number; value: number } | null {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (values[i] > 0 && (best < 0 || values[i] > values[best])) best = i;
  return best < 0 ? null : { index: best, value: values[best] };
}

/** The example questions a new reply starts with: trimmed, without blanks and repeats. */
export function exampleLines(examples: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of examples) {
    const line = e.replace(/\s+/g, " ").trim();
    if (line && !seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
  }
  return out;
}
