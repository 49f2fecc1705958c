// Suggestions and insights: the shapes come from the Rust types (bindings.ts, generated);
// only LearnedPick is the desktop shell's own (src-tauri/src/app/commands/insights.rs).
export type {
  ReasonKind as SuggestReasonKind,
  Reason as SuggestReason,
  SuggestedItem,
  InsightReply,
  InsightLanguage,
  InsightTopic,
  Insights,
} from "./bindings";

/** A learned (message → reply) pick, as `learned_picks` lists it. */
export interface LearnedPick {
  id: number;
  message: string;
  lang: string;
  key: string;
  title: string;
  at: string;
}
