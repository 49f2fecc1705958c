// Where the placeables of a Fluent pattern are (pure: no DOM, no CodeMirror), so an editor can
// show each one as a left-to-right unit (a "chip"): in right-to-left text `{ $order_id }` would
// otherwise be reordered by the bidi algorithm into `{ order_id$ }`.

export interface Range {
  from: number;
  to: number;
}

interface Open {
  from: number;
  /** End of `->` when this placeable is a select expression. */
  arrowEnd: number | null;
  kind: "expr" | "select";
}

/**
 * The ranges to show as chips, in order and not overlapping: every placeable on one line
 * (nested ones are inside their outer chip); of a select expression spanning lines, its head
 * (`{ $count ->`) and, separately, the placeables inside its variants. Unclosed placeables
 * (while typing) are not chips. Offsets are UTF-16 indices into `text`.
 */
export function chipRanges(text: string): Range[] {
  const out: Range[] = [];
  const stack: Open[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (top && top.kind === "expr") {
      if (c === '"') {
        // a string literal: braces inside are text
        i++;
        while (i < n && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
        i++;
        continue;
      }
      if (c === "-" && text[i + 1] === ">") {
        top.kind = "select";
        top.arrowEnd = i + 2;
        i += 2;
        continue;
      }
    }
    if (c === "{") stack.push({ from: i, arrowEnd: null, kind: "expr" });
    else if (c === "}" && stack.length) close(stack.pop()!, i + 1);
    i++;
  }
  return merge(out);

  function close(p: Open, to: number): void {
    const oneLine = !text.slice(p.from, to).includes("\n");
    if (oneLine) out.push({ from: p.from, to });
    else if (p.arrowEnd !== null && !text.slice(p.from, p.arrowEnd).includes("\n")) out.push({ from: p.from, to: p.arrowEnd });
  }
}

/** Keep outer ranges only (a nested chip inside a chip is dropped), sorted by position. */
function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.from < last.to) continue;
    out.push(r);
  }
  return out;
}

/**
 * The position in `text` of a 1-based line and 1-based column counted in characters (Unicode
 * scalar values, as the backend counts), clamped to the line; the line's start and end too.
 */
export function positionOf(text: string, line: number, column: number): { pos: number; lineFrom: number; lineTo: number } {
  let from = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", from);
    if (nl < 0) break;
    from = nl + 1;
  }
  let to = text.indexOf("\n", from);
  if (to < 0) to = text.length;
  let pos = from;
  for (let c = 1; c < column && pos < to; c++) pos += (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
  return { pos: Math.min(pos, to), lineFrom: from, lineTo: to };
}
