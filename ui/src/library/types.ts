// The library window's IPC types: the generated ones (src/bindings.ts, from the Rust types), so
// the window cannot drift from the commands.
import type * as Ipc from "../bindings";

export type FtlError = Ipc.FtlError;
export type ReviewPreview = Ipc.ReviewPreview;
export type Status = Ipc.Status;
export type UiLangSetting = Ipc.UiLangSetting;
export type LangState = Ipc.LangState;
export type LibraryRow = Ipc.LibraryRow;
export type LibraryList = Ipc.LibraryList;
export type TemplateText = Ipc.TemplateText;
export type TemplateDetail = Ipc.TemplateDetail;
export type TextDraft = Ipc.TextDraft;
export type TemplateDraft = Ipc.TemplateDraft;
export type TextCheck = Ipc.TextCheck;
export type HistoryEntry = Ipc.HistoryEntry;
export type DeletedTemplate = Ipc.DeletedTemplate;
export type Vocabulary = Ipc.Vocabulary;
export type ImportKind = Ipc.ImportKind;
export type ImportRequest = Ipc.ImportRequest;
export type Choice = Ipc.Choice;
export type ImportWarning = Ipc.ImportWarning;
export type ImportItem = Ipc.ImportItem;
export type ImportPreview = Ipc.ImportPreview;
export type ImportOutcome = Ipc.ImportOutcome;
export type ExportKind = Ipc.ExportKind;
export type SetupState = Ipc.SetupState;
export type SetupAnswers = Ipc.SetupAnswers;
/** What the order import reports (skipped rows with their line and reason). */
export type OrderImport = Ipc.OrderImport;

/** An order import as the setup screen shows it. */
export type OrdersImported = { imported: number; skipped: number; errors: { line: number; message: string }[] };

export function ordersSummary(r: OrderImport): OrdersImported {
  return { imported: r.imported, skipped: r.skipped.length, errors: r.skipped.map((e) => ({ line: e.line, message: e.message })) };
}

/** Payload of the `library-open` event. */
export type LibraryOpen = { key: string | null; view: "list" | "edit" | "setup" };
