// The fake backend's review queue and commands. The translations waiting for review, their
// previews and their checks all come from the core's fixture; a text the core never rendered
// is neither checked nor approvable here.
import { emit } from "@tauri-apps/api/event";
import type { ReviewItem, ReviewQueue, Status } from "../api";
import { core } from "./core-fixture";
import { NO_FIXTURE, type FixtureTemplate } from "./fixture";
import { params, store } from "./data";

const WAITING: Status[] = ["machine", "needs_review", "stale"];

function item(tpl: FixtureTemplate, locale: string, status: Status, body: string, provider: string | null): ReviewItem {
  const src = core.source(tpl);
  return {
    key: tpl.key,
    title: tpl.title,
    locale,
    status,
    body,
    source_locale: src.locale,
    source_body: src.body,
    provider,
    problem: core.find(tpl.key, locale, null, body)?.problem ?? null,
    conflict: null,
  };
}

let items: ReviewItem[] =
  params.get("review") === "empty"
    ? []
    : core.templates().flatMap((tpl) => tpl.variants.filter((v) => WAITING.includes(v.status)).map((v) => item(tpl, v.locale, v.status, v.body, v.status === "machine" ? "deepl" : null)));

export function reviewCount(): number {
  return items.length;
}

function changed(): void {
  setTimeout(() => void emit("review-changed"), 10);
}

function find(key: string, locale: string): ReviewItem {
  const m = items.find((r) => r.key === key && r.locale === locale);
  if (!m) throw { code: "invalid", message: `'${key}' has no ${locale} text waiting for review` };
  return m;
}

function template(key: string): FixtureTemplate {
  const tpl = core.template(key);
  if (!tpl) throw { code: "unknown_template", message: `there is no template '${key}'` };
  return tpl;
}

export function queue(): ReviewQueue {
  const counts = new Map<string, number>();
  for (const r of items) counts.set(r.locale, (counts.get(r.locale) ?? 0) + 1);
  return { items: structuredClone(items), counts: [...counts].sort((a, b) => a[0].localeCompare(b[0])), reviewer: "mei" };
}

export function save(a: { key: string; locale: string; body: string }): ReviewItem {
  const m = find(a.key, a.locale);
  const body = String(a.body).trim();
  const hit = core.find(a.key, a.locale, null, body);
  if (hit && hit.errors.length) {
    const e = hit.errors[0];
    throw { code: "ftl", message: `<${a.key}>:${e.line}:${e.column}: ${e.message}` };
  }
  Object.assign(m, { body, status: "needs_review", problem: hit ? hit.problem : null });
  changed();
  return structuredClone(m);
}

export function decide(a: { key: string; locale: string; verdict: string; reviewer: string }): null {
  const m = find(a.key, a.locale);
  if (a.verdict === "approved") {
    const hit = core.find(m.key, m.locale, null, m.body);
    const problem = !hit ? "the fake backend has no fixture for this text (run the real app)" : hit.errors.length ? "it is not valid Fluent" : hit.problem;
    if (problem) throw { code: "invalid", message: `the ${m.locale} text of '${m.key}' cannot be approved: ${problem}; fix it in the review window first` };
  }
  items = items.filter((r) => r !== m);
  console.info("[mock] review_decide", a.key, a.locale, a.verdict, a.reviewer);
  changed();
  return null;
}

/** A stand-in for a machine translation back into the source language: the source as the core rendered it. */
export function backTranslate(a: { key: string; locale: string; body: string }): string {
  const m = find(a.key, a.locale);
  const tpl = template(a.key);
  const src = core.source(tpl);
  const text = core.find(a.key, src.locale, null, src.body)?.text ?? NO_FIXTURE;
  return `[mock back-translation] ${text}` + (a.body === m.body ? "" : " (of an earlier version: the mock cannot translate edits)");
}

export function translate(a: { key: string; locale: string; provider: string | null }): ReviewItem {
  const tpl = template(a.key);
  if (a.locale === tpl.source_locale) throw { code: "invalid", message: `${a.locale} is the source language of '${a.key}'` };
  if (a.locale === "xx") throw { code: "mt_unsupported", message: "provider 'deepl' cannot translate en → xx: unsupported target language; use another provider for this language" };
  const provider = a.provider ?? store.defaultProvider ?? "deepl";
  let m = items.find((r) => r.key === a.key && r.locale === a.locale);
  if (!m) {
    // The fixture's text in that language when there is one, else the source as a stand-in.
    const body = tpl.variants.find((v) => v.locale === a.locale)?.body ?? core.source(tpl).body;
    m = item(tpl, a.locale, "machine", body, provider);
    items.push(m);
  } else Object.assign(m, { status: "machine", provider });
  changed();
  return structuredClone(m);
}
