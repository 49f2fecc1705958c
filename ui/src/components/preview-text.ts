// A filled preview as DOM: text stays text, each ⟨name⟩ placeholder becomes a styled span
// (filled from `vars` when a value is known). Used by the palette and the review window.
import { h, type Child } from "../h";
import { splitPreview } from "../text";

export function previewSegments(text: string, vars: Record<string, string> | null = null): Child[] {
  return splitPreview(text).map((s) => {
    if (s.kind === "text") return s.text;
    const v = vars?.[s.name];
    if (v) return h("bdi", { class: "var var-filled", dir: "auto", title: s.name }, v);
    return h("bdi", { class: "var var-missing", title: s.name }, s.name);
  });
}

