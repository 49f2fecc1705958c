// Syntax colouring of Fluent patterns (a template's text) for CodeMirror: a small stream mode.
// Highlighted: placeable braces { }, $variables, -terms, FUNCTIONS, the selector ->, variant
// keys [one] / *[other], string literals, numbers and named arguments. The colours are plain
// classes (fl-*, in styles.css): no generated style sheet, nothing the CSP has to allow.
import { StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tagHighlighter, tags } from "@lezer/highlight";
import type { Extension } from "@codemirror/state";

/** Where the tokenizer is: pattern text (empty stack), an expression, or a select's variants. */
type Context = "expr" | "select";

export interface FluentState {
  stack: Context[];
  /** The next token may be a variant key (after a variant's indentation or its `*`). */
  keyNext: boolean;
}

function token(stream: StringStream, state: FluentState): string | null {
  const top = state.stack[state.stack.length - 1];
  if (top !== "expr") {
    if (top === "select" && (stream.sol() || state.keyNext)) {
      state.keyNext = false;
      if (stream.match(/^[ \t]+(?=\*?\[)/)) {
        state.keyNext = true;
        return null;
      }
      if (stream.match(/^\*(?=\[)/)) {
        state.keyNext = true;
        return "defaultMarker";
      }
      if (stream.match(/^\[[^\]\n]*\]/)) return "variantKey";
    }
    state.keyNext = false;
    if (stream.eat("{")) {
      state.stack.push("expr");
      return "brace";
    }
    if (top === "select" && stream.eat("}")) {
      state.stack.pop();
      return "brace";
    }
    // Pattern text up to the next brace.
    if (!stream.eatWhile(top === "select" ? /[^{}]/ : /[^{]/)) stream.next();
    return null;
  }
  // Inside an expression.
  if (stream.eatSpace()) return null;
  if (stream.eat("}")) {
    state.stack.pop();
    return "brace";
  }
  if (stream.eat("{")) {
    state.stack.push("expr");
    return "brace";
  }
  if (stream.match("->")) {
    state.stack[state.stack.length - 1] = "select";
    return "selector";
  }
  if (stream.match(/^"(?:[^"\\\n]|\\.)*"?/)) return "string";
  if (stream.match(/^\$[a-zA-Z][\w-]*/)) return "variable";
  if (stream.match(/^-?\d+(?:\.\d+)?/)) return "number";
  if (stream.match(/^-[a-zA-Z][\w-]*(?:\.[a-zA-Z][\w-]*)?/)) return "term";
  if (stream.match(/^[A-Z][A-Z0-9_-]*(?=\s*\()/)) return "function";
  if (stream.match(/^[a-zA-Z][\w-]*(?=\s*:)/)) return "argName";
  if (stream.match(/^[a-zA-Z][\w-]*(?:\.[a-zA-Z][\w-]*)?/)) return "message";
  if (stream.match(/^[(),:]/)) return "punct";
  stream.next();
  return "invalid";
}

export const fluentLanguage = StreamLanguage.define<FluentState>({
  name: "fluent",
  startState: () => ({ stack: [], keyNext: false }),
  copyState: (s) => ({ stack: [...s.stack], keyNext: s.keyNext }),
  token,
  blankLine: (s) => {
    s.keyNext = false;
  },
  tokenTable: {
    brace: tags.brace,
    variable: tags.variableName,
    term: tags.macroName,
    function: tags.function(tags.keyword),
    selector: tags.operator,
    variantKey: tags.labelName,
    defaultMarker: tags.modifier,
    string: tags.string,
    number: tags.number,
    argName: tags.attributeName,
    message: tags.propertyName,
    punct: tags.punctuation,
    invalid: tags.invalid,
  },
});

/** Token classes (styled in styles.css). */
export const fluentHighlighter = tagHighlighter([
  { tag: tags.brace, class: "fl-brace" },
  { tag: tags.variableName, class: "fl-variable" },
  { tag: tags.macroName, class: "fl-term" },
  { tag: tags.function(tags.keyword), class: "fl-function" },
  { tag: tags.operator, class: "fl-selector" },
  { tag: tags.labelName, class: "fl-variant" },
  { tag: tags.modifier, class: "fl-default" },
  { tag: tags.string, class: "fl-string" },
  { tag: tags.number, class: "fl-number" },
  { tag: tags.attributeName, class: "fl-arg" },
  { tag: tags.propertyName, class: "fl-message" },
  { tag: tags.punctuation, class: "fl-punct" },
  { tag: tags.invalid, class: "fl-invalid" },
]);

/** The Fluent language and its colouring. */
export function fluent(): Extension {
  return [fluentLanguage, syntaxHighlighting(fluentHighlighter)];
}
