// Pure helpers for the translation-provider forms in Settings (no DOM, unit-tested).
import type { ProviderConfig, ProviderKind } from "../api";
import type { MessageKey } from "../i18n";

export const PROVIDER_KINDS: ProviderKind[] = ["deepl", "google", "openai"];
export const FORMALITIES = ["default", "more", "less"] as const;

/** The URL field's placeholder: the endpoint used when the field is empty. */
export const URL_PLACEHOLDER: Record<ProviderKind, MessageKey> = {
  deepl: "settings.mt.url.deepl",
  google: "settings.mt.url.google",
  openai: "settings.mt.url.openai",
};

/** What the user typed into one provider form. */
export interface ProviderDraft {
  name: string;
  kind: ProviderKind;
  url: string;
  model: string;
  formality: string;
  glossary: string;
}

export function draftOf(p: ProviderConfig | null): ProviderDraft {
  return {
    name: p?.name ?? "",
    kind: p?.kind ?? "deepl",
    url: p?.url ?? "",
    model: p?.model ?? "",
    formality: p?.formality || "default",
    glossary: p?.glossary ?? "",
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/**
 * The configuration to save: empty fields become null, and fields the kind does not use
 * (model: openai only; formality and glossary: DeepL only) are dropped. "default" formality
 * is stored as null.
 */
export function toConfig(d: ProviderDraft, hasKey: boolean): ProviderConfig {
  return {
    name: d.name.trim(),
    kind: d.kind,
    url: orNull(d.url),
    model: d.kind === "openai" ? orNull(d.model) : null,
    formality: d.kind === "deepl" && d.formality !== "default" ? orNull(d.formality) : null,
    glossary: d.kind === "deepl" ? orNull(d.glossary) : null,
    has_key: hasKey,
  };
}

/** Whether the form differs from what is stored (a new provider always does). */
export function isChanged(d: ProviderDraft, saved: ProviderConfig | null): boolean {
  if (!saved) return true;
  const a = toConfig(d, saved.has_key);
  const b = toConfig(draftOf(saved), saved.has_key);
  return JSON.stringify(a) !== JSON.stringify(b);
}

export type ProviderFieldError = "name-empty" | "name-space" | "name-duplicate" | "url" | null;

/** Checks the backend also makes, so the form can say so before saving. */
export function nameError(name: string, otherNames: string[]): ProviderFieldError {
  const n = name.trim();
  if (!n) return "name-empty";
  if (/\s/.test(n)) return "name-space";
  if (otherNames.includes(n)) return "name-duplicate";
  return null;
}

export function urlError(url: string): ProviderFieldError {
  const u = url.trim();
  return u && !/^https?:\/\//.test(u) ? "url" : null;
}
