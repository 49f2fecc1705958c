// The library window's IPC types (snake_case fields, as the Rust side serialises them).
// Written by hand to the contract for now; they will be replaced by generated ones (ts-rs,
// src/bindings.ts) with the same names and shapes.
import type { FtlError, ReviewPreview, Status, UiLangSetting } from "../bindings";

export type { FtlError, ReviewPreview, Status, UiLangSetting };

/** One language of a template and its review status. */
export type LangState = { locale: string; status: Status };

export type LibraryRow = {
  key: string;
  title: string;
  category: string;
  tags: string[];
  shortcut: string;
  source_locale: string;
  variants: LangState[];
  /** Uses in the last 30 days. */
  uses_30d: number;
  use_count: number;
  /** ISO time of the last use. */
  last_used: string | null;
};

export type LibraryList = { rows: LibraryRow[]; categories: string[]; tags: string[]; locales: string[] };

export type TemplateText = { locale: string; text: string; title: string | null; status: Status; provider: string | null; problem: string | null };

/** A template with all its texts; the source variant first. */
export type TemplateDetail = {
  key: string;
  title: string;
  category: string;
  tags: string[];
  shortcut: string;
  source_locale: string;
  variables: string[];
  examples: string[];
  variants: TemplateText[];
};

export type TextDraft = { locale: string; text: string };

/** What the editor saves: texts = the source and every translation shown; a language left out is removed. */
export type TemplateDraft = {
  original_key: string | null;
  key: string;
  title: string;
  category: string;
  tags: string[];
  shortcut: string;
  examples: string[];
  source_locale: string;
  texts: TextDraft[];
};

export type TextCheck = { errors: FtlError[]; variables: string[] };

export type HistoryEntry = { id: number; locale: string; text: string; status: Status; saved_at: string; author: string | null };

export type DeletedTemplate = { id: number; key: string; title: string; deleted_at: string };

export type Vocabulary = {
  order_fields: string[];
  shop_vars: { name: string; value: string }[];
  terms: string[];
  builtins: string[];
  number_variables: string[];
};

export type ImportKind = "pack" | "espanso" | "sheet";
export type ImportRequest = { kind: ImportKind; path: string; source_locale: string | null; status: Status | null };
export type Choice = "keep_both" | "replace" | "skip";
export type ImportWarning = { file: string; line: number; message: string; skipped: boolean };
export type ImportItem = {
  key: string;
  title: string;
  locales: string[];
  text: string;
  /** The title of the existing template this one collides with. */
  conflict: string | null;
  default_choice: Choice;
};
export type ImportPreview = { items: ImportItem[]; warnings: ImportWarning[] };
export type ImportOutcome = { added: number; replaced: number; skipped: number; keys: string[]; warnings: ImportWarning[] };

export type ExportKind = "pack" | "csv";

export type SetupState = { needed: boolean; shop_name: string; signature: string; ui_lang: UiLangSetting; default_lang: string; hotkey: string };
export type SetupAnswers = { shop_name: string; signature: string; ui_lang: UiLangSetting; default_lang: string };
export type OrdersImported = { imported: number; skipped: number; errors: { line: number; message: string }[] };
/** What the backend's order import reports today (bindings.ts OrderImport): skipped rows with their errors. */
export type OrderImportReport = { imported: number; skipped: { file: string; line: number; message: string }[] };

/** Either answer of orders_import as one summary. */
export function ordersSummary(r: OrdersImported | OrderImportReport): OrdersImported {
  if (Array.isArray(r.skipped)) return { imported: r.imported, skipped: r.skipped.length, errors: r.skipped.map((e) => ({ line: e.line, message: e.message })) };
  const o = r as OrdersImported;
  return { imported: o.imported, skipped: o.skipped, errors: o.errors ?? [] };
}

/** Payload of the `library-open` event. */
export type LibraryOpen = { key: string | null; view: "list" | "edit" | "setup" };
