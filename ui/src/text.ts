// Pure text helpers (no DOM).

export type Segment = { kind: "text"; text: string } | { kind: "missing"; name: string };

/** Split a filled preview into plain text and ⟨name⟩ placeholders. */
export function splitPreview(preview: string): Segment[] {
  const out: Segment[] = [];
  const re = /⟨([^⟨⟩\n]{1,80})⟩/g;
  let last = 0;
  for (let m = re.exec(preview); m; m = re.exec(preview)) {
    if (m.index > last) out.push({ kind: "text", text: preview.slice(last, m.index) });
    out.push({ kind: "missing", name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < preview.length) out.push({ kind: "text", text: preview.slice(last) });
  return out;
}

/** Shop variable names: a letter, then letters, digits, _ or -. */
export const VAR_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

/** Loose BCP 47 check for language codes typed by hand. */
export const LOCALE_RE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** Case-insensitive "every word appears" match used by the language filter. */
export function matchesAll(haystack: string, query: string): boolean {
  const h = haystack.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => h.includes(w));
}
