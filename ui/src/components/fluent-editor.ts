// The Fluent text editor shared by the library and review windows (CodeMirror 6): syntax
// colouring (fluent-mode.ts), placeables shown as left-to-right chips so they stay readable
// in right-to-left text (placeables.ts), Fluent errors underlined at their line and column,
// the text's direction and language from its locale.
//
// CSP: CodeMirror's base theme is a <style> element added by style-mod; it carries the page's
// style nonce (csp.ts). Everything of ours is a class styled in styles.css.
import { Annotation, Compartment, EditorState, StateEffect, StateField, type Extension, type Range as DecoRange } from "@codemirror/state";
import { Decoration, Direction, EditorView, keymap, type DecorationSet, type KeyBinding } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { h } from "../h";
import { isRtl } from "../locales";
import { styleNonce } from "./csp";
import { fluent } from "./fluent-mode";
import { chipRanges, positionOf } from "./placeables";

/** A Fluent error at a 1-based line and column (counted in characters) of the text. */
export interface TextMarker {
  line: number;
  column: number;
  message: string;
}

export interface FluentEditorOptions {
  /** Id of the wrapper element (it also carries dir and lang). */
  id?: string;
  /** The text's locale: decides the direction (ar, he, fa, ur… → rtl) and lang. */
  locale: string;
  text?: string;
  /** More classes of the wrapper. */
  className?: string;
  /** Accessible name of the text box: a label, or the id of the element naming it. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  /** The person changed the text (typing, paste, undo, insert()); not for `value =`/reset(). */
  onChange?(text: string): void;
  /** Key bindings before the editor's own (e.g. Ctrl+Space for a menu). */
  keys?: readonly KeyBinding[];
  readOnly?: boolean;
}

/** A change made by code, not by the person: no onChange. */
const byCode = Annotation.define<boolean>();
const setMarkers = StateEffect.define<readonly TextMarker[]>();

const chip = Decoration.mark({ class: "cm-placeable", attributes: { dir: "ltr" }, bidiIsolate: Direction.LTR });

function chipSet(state: EditorState): DecorationSet {
  return Decoration.set(chipRanges(state.doc.toString()).map((r) => chip.range(r.from, r.to)));
}

/** Each placeable as a chip; also the ranges the editor's bidi ordering must treat as isolated. */
const chips = StateField.define<DecorationSet>({
  create: chipSet,
  update: (deco, tr) => (tr.docChanged ? chipSet(tr.state) : deco),
  provide: (f) => [EditorView.decorations.from(f), EditorView.bidiIsolatedRanges.from(f)],
});

function markerSet(state: EditorState, markers: readonly TextMarker[]): DecorationSet {
  const text = state.doc.toString();
  const out: DecoRange<Decoration>[] = [];
  for (const m of markers) {
    const { pos, lineFrom, lineTo } = positionOf(text, m.line, m.column);
    const attributes = { title: m.message, "aria-invalid": "true" };
    if (pos < lineTo) {
      const end = pos + ((text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1);
      out.push(Decoration.mark({ class: "cm-ftl-error", attributes }).range(pos, end));
    } else if (lineTo > lineFrom) {
      // at the end of the line: the character before it
      const start = lineTo - 1 > lineFrom && /[\udc00-\udfff]/.test(text[lineTo - 1]) ? lineTo - 2 : lineTo - 1;
      out.push(Decoration.mark({ class: "cm-ftl-error cm-ftl-error-end", attributes }).range(start, lineTo));
    } else {
      out.push(Decoration.line({ class: "cm-ftl-error-line", attributes }).range(lineFrom));
    }
  }
  return Decoration.set(out, true);
}

/** Where the last check found errors (moved along with edits until the next check). */
const markers = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let out = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setMarkers)) out = markerSet(tr.state, e.value);
    return out;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Keys the windows use for themselves (Ctrl+Enter approves, Alt+↑/↓ moves between items). */
const RESERVED = new Set(["Mod-Enter", "Alt-ArrowUp", "Alt-ArrowDown", "Shift-Alt-ArrowUp", "Shift-Alt-ArrowDown"]);
const editorKeys = defaultKeymap.filter((b) => !b.key || !RESERVED.has(b.key));

export function dirOf(locale: string): "rtl" | "ltr" {
  return isRtl(locale) ? "rtl" : "ltr";
}

/**
 * WebKitGTK's contenteditable types a space next to a chip (a placeable's own element) as a
 * no-break space, which would then be saved and pasted as U+00A0. Typed input is rewritten to
 * plain spaces; a no-break space pasted or put there on purpose (not typed) stays.
 */
const typedSpaces = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || !tr.isUserEvent("input.type")) return tr;
  let found = false;
  tr.changes.iterChanges((_a, _b, _c, _d, inserted) => {
    if (inserted.toString().includes("\u00a0")) found = true;
  });
  if (!found) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replace(/\u00a0/g, " ") });
  });
  return [{ changes, selection: tr.selection, scrollIntoView: tr.scrollIntoView, userEvent: "input.type" }];
});

export class FluentEditor {
  private static readonly editors = new WeakMap<Element, FluentEditor>();

  /** The editor whose wrapper is `el` (or contains it). */
  static of(el: Element | null): FluentEditor | null {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const ed = FluentEditor.editors.get(e);
      if (ed) return ed;
    }
    return null;
  }

  readonly el: HTMLElement;
  readonly view: EditorView;
  private locale: string;
  private readonly attrs = new Compartment();
  private readonly access = new Compartment();

  constructor(private readonly opts: FluentEditorOptions) {
    this.locale = opts.locale;
    this.el = h("div", { id: opts.id, class: ["fluent-editor", opts.className] });
    this.view = new EditorView({ parent: this.el, state: this.newState(opts.text ?? "") });
    this.applyLocale();
    FluentEditor.editors.set(this.el, this);
  }

  private newState(text: string): EditorState {
    const o = this.opts;
    const extensions: Extension[] = [
      EditorView.cspNonce.of(styleNonce()),
      history(),
      keymap.of([...(o.keys ?? []), ...editorKeys, ...historyKeymap]),
      EditorView.lineWrapping,
      typedSpaces,
      fluent(),
      chips,
      markers,
      this.attrs.of(this.contentAttrs()),
      this.access.of([EditorState.readOnly.of(!!o.readOnly), EditorView.editable.of(!o.readOnly)]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !u.transactions.some((tr) => tr.annotation(byCode))) o.onChange?.(u.state.doc.toString());
      }),
    ];
    return EditorState.create({ doc: text, extensions });
  }

  private contentAttrs(): Extension {
    const o = this.opts;
    const a: Record<string, string> = { dir: dirOf(this.locale), lang: this.locale, spellcheck: "false" };
    if (o.label) a["aria-label"] = o.label;
    if (o.labelledBy) a["aria-labelledby"] = o.labelledBy;
    if (o.describedBy) a["aria-describedby"] = o.describedBy;
    return EditorView.contentAttributes.of(a);
  }

  private applyLocale(): void {
    this.el.setAttribute("dir", dirOf(this.locale));
    this.el.setAttribute("lang", this.locale);
  }

  get value(): string {
    return this.view.state.doc.toString();
  }

  /** Replace the text (not an edit by the person: no onChange; undo can go back). */
  set value(text: string) {
    if (text === this.value) return;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, annotations: byCode.of(true) });
  }

  /** Show another text from scratch (no undo history, no error marks), optionally in another locale. */
  reset(text: string, locale = this.locale): void {
    this.locale = locale;
    this.view.setState(this.newState(text));
    this.applyLocale();
  }

  getLocale(): string {
    return this.locale;
  }

  setLocale(locale: string): void {
    if (locale === this.locale) return;
    this.locale = locale;
    this.view.dispatch({ effects: this.attrs.reconfigure(this.contentAttrs()) });
    this.applyLocale();
  }

  setReadOnly(readOnly: boolean): void {
    this.opts.readOnly = readOnly;
    this.view.dispatch({ effects: this.access.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }

  /** Underline these errors (positions in the current text); [] clears them. */
  setErrors(errors: readonly TextMarker[]): void {
    this.view.dispatch({ effects: setMarkers.of(errors) });
  }

  /** Insert `text` at the cursor (replacing the selection) as the person's edit; the cursor goes after it. */
  insert(text: string): void {
    const { from, to } = this.view.state.selection.main;
    this.view.dispatch({
      changes: { from, to, insert: text },
      selection: { anchor: from + text.length },
      userEvent: "input",
      scrollIntoView: true,
    });
    this.view.focus();
  }

  /** Replace the whole text as the person's edit (onChange runs; undo can go back). */
  edit(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, userEvent: "input" });
  }

  focus(): void {
    this.view.focus();
  }

  hasFocus(): boolean {
    return this.view.hasFocus;
  }

  destroy(): void {
    FluentEditor.editors.delete(this.el);
    this.view.destroy();
  }
}
