// The library's template editor: key suggestion, live checks that block Save (LINE:COL), the
// saved draft, RTL texts with placeables as chips, the insert-variable menu, the plural helper,
// history, translations (add, draft, remove, stale) and the backend's refusals.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../src/i18n";
import { mountLibrary } from "../src/library/view";
import { editorOf, mountRoot, press, q, qa, tick, type, typeText } from "./support/dom";
import { AR_TEXT, libraryBackend, sampleState, type LibState } from "./support/library";

let state: LibState;
let backend: ReturnType<typeof libraryBackend>;
const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd);

beforeEach(() => {
  setLang("en");
  state = sampleState();
});
afterEach(() => backend.dispose());

async function mount(overrides: Parameters<typeof libraryBackend>[1] = {}): Promise<HTMLElement> {
  backend = libraryBackend(state, overrides);
  const root = mountRoot();
  mountLibrary(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".lib-row").length).toBeGreaterThan(0));
  return root;
}

/** Open `key` in the editor (through the list's Enter) and wait for its checks. */
async function open(root: HTMLElement, key: string): Promise<void> {
  const input = q<HTMLInputElement>(root, "#lib-q");
  input.focus();
  while (q(root, ".lib-row.selected").dataset.key !== key) press("ArrowDown");
  press("Enter");
  await vi.waitFor(() => expect(q<HTMLInputElement>(root, "#ed-key").value).toBe(key));
  await vi.waitFor(() => expect(qa(root, ".text-card .check-ok").length).toBe(qa(root, ".text-card").length));
}

const save = (root: HTMLElement) => q<HTMLButtonElement>(root, '[data-testid="editor-save"]');
const card = (root: HTMLElement, locale: string) => q(root, `#card-${locale}`);
const editor = (root: HTMLElement, locale: string) => editorOf(q(root, `#text-${locale}`));

describe("template editor", () => {
  it("suggests the key from the title while new, saves the draft, then the key is read-only", async () => {
    const root = await mount();
    press("n", { ctrl: true, code: "KeyN" });
    await vi.waitFor(() => expect(q(root, ".lib-editor").hidden).toBe(false));
    const title = q<HTMLInputElement>(root, '[data-testid="editor-title"]');
    const key = q<HTMLInputElement>(root, '[data-testid="editor-key"]');
    expect(document.activeElement).toBe(title);
    type(title, "Out of stock");
    await vi.waitFor(() => expect(key.value).toBe("out-of-stock"));
    type(title, "Out of stock, back soon");
    await vi.waitFor(() => expect(key.value).toBe("out-of-stock-back-soon"));
    expect(calls("suggest_key").at(-1)!.args).toEqual({ title: "Out of stock, back soon" });
    // the owner types a key: the title no longer changes it
    type(key, "oos");
    type(title, "Out of stock again");
    await tick(350);
    expect(key.value).toBe("oos");
    type(q(root, "#ed-category"), "Stock");
    type(q(root, "#ed-tags"), "stock, delay，stock");
    type(q(root, "#ed-shortcut"), ";oos");
    type(q<HTMLTextAreaElement>(root, "#ed-examples"), "is it in stock?\n\n when will it be back? ");
    typeText(q(root, "#text-en"), "Sorry, { $item } is out of stock.");
    await vi.waitFor(() => expect(save(root).disabled).toBe(false));
    press("s", { ctrl: true, code: "KeyS" });
    await vi.waitFor(() => expect(calls("template_save")).toHaveLength(1));
    expect(calls("template_save")[0].args.draft).toEqual({
      original_key: null,
      key: "oos",
      title: "Out of stock again",
      category: "Stock",
      tags: ["stock", "delay"],
      shortcut: ";oos",
      examples: ["is it in stock?", "when will it be back?"],
      source_locale: "en",
      texts: [{ locale: "en", text: "Sorry, { $item } is out of stock." }],
    });
    await vi.waitFor(() => expect(key.readOnly).toBe(true));
    expect(q(root, ".library-bar").textContent).toContain("Saved “Out of stock again”");
    await vi.waitFor(() => expect(q(root, '.lib-row[data-key="oos"]')).not.toBeNull());
    // saved: nothing to save until something changes
    expect(save(root).disabled).toBe(true);
  });

  it("an error from template_check is listed as LINE:COL, marked in the text and blocks Save; fixing it saves", async () => {
    const root = await mount();
    await open(root, "refund-done");
    expect(save(root).disabled).toBe(true); // no changes yet
    const en = q(root, "#text-en");
    // the emoji is one character but two UTF-16 units: the mark must still land on the brace
    typeText(en, "Your refund for\n😀 { $order_id is on its way.");
    await vi.waitFor(() => expect(q(card(root, "en"), ".check-error")?.textContent).toBe('2:3 Expected a token starting with "}"'));
    expect(calls("template_check").at(-1)!.args).toEqual({ key: "refund-done", locale: "en", text: "Your refund for\n😀 { $order_id is on its way." });
    const mark = q(en, ".cm-ftl-error");
    expect(mark.textContent).toBe("{");
    expect(mark.getAttribute("title")).toBe('Expected a token starting with "}"');
    expect(save(root).disabled).toBe(true);
    expect(q(root, "#save-why").textContent).toContain("2:3");
    // Ctrl+S says why instead of saving
    press("s", { ctrl: true, code: "KeyS" });
    await tick(20);
    expect(calls("template_save")).toHaveLength(0);
    typeText(en, "Your refund for { $order_id } is on its way!");
    await vi.waitFor(() => expect(save(root).disabled).toBe(false));
    expect(q(en, ".cm-ftl-error")).toBeNull();
    expect(q(root, "#save-why").textContent).toBe("");
    save(root).click();
    await vi.waitFor(() => expect(calls("template_save")).toHaveLength(1));
    const draft = calls("template_save")[0].args.draft;
    expect(draft.original_key).toBe("refund-done");
    expect(draft.texts).toEqual([
      { locale: "en", text: "Your refund for { $order_id } is on its way!" },
      { locale: "es", text: "Su reembolso para { $order_id } está en camino." },
    ]);
  });

  it("the backend's refusal (a taken shortcut) is shown", async () => {
    const root = await mount();
    await open(root, "refund-done");
    type(q(root, "#ed-shortcut"), ";hi");
    save(root).click();
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toBe("Not saved: The shortcut ;hi is already used by “Greeting”."));
    expect(q(root, ".library-bar").getAttribute("role")).toBe("alert");
    expect(save(root).disabled).toBe(false);
  });

  it("an Arabic text is right to left and its placeables are left-to-right chips", async () => {
    const root = await mount();
    await open(root, "order-shipped");
    const ar = q(root, "#text-ar");
    expect(ar.getAttribute("dir")).toBe("rtl");
    expect(q(ar, ".cm-content").getAttribute("dir")).toBe("rtl");
    expect(q(root, "#text-en").getAttribute("dir")).toBe("ltr");
    const chips = qa(ar, ".cm-placeable");
    expect(chips.map((c) => c.textContent)).toEqual(["{ $buyer_name }", "{ $order_id }", "{ $carrier }"]);
    for (const c of chips) expect(c.getAttribute("dir")).toBe("ltr");
    // the variable inside the chip is coloured as one
    expect(q(chips[1], ".fl-variable").textContent).toBe("$order_id");
    expect(editor(root, "ar").value).toBe(AR_TEXT);
    // the preview is text in the language's direction
    expect(q(root, "#text-ar-preview").getAttribute("dir")).toBe("rtl");
    await vi.waitFor(() => expect(q(root, "#text-ar-preview").textContent).toContain("[ar] "));
    expect(calls("template_preview").find((c) => c.args.locale === "ar")!.args).toEqual({ locale: "ar", text: AR_TEXT, orderId: null, key: "order-shipped", sourceLocale: "en" });
    expect(qa(root, "#text-ar-preview .var-missing").map((e) => e.textContent)).toEqual(["buyer_name", "order_id", "carrier"]);
    // statuses: needs review, and the stale French one says so
    expect(q(card(root, "ar"), ".status-badge").textContent).toBe("needs review");
    expect(q(card(root, "fr"), ".status-badge").textContent).toBe("stale");
    expect(q(card(root, "fr"), ".stale-note").textContent).toContain("Source changed — check this translation");
    expect(card(root, "fr").classList.contains("is-stale")).toBe(true);
  });

  it("Insert variable: groups from editor_vocabulary, the pick goes in at the cursor", async () => {
    const root = await mount();
    await open(root, "greeting");
    const ed = editor(root, "en");
    ed.view.dispatch({ selection: { anchor: "Hello".length } });
    q<HTMLButtonElement>(card(root, "en"), '[aria-haspopup="menu"]').click();
    const menu = q(root, "#text-en-vars");
    await vi.waitFor(() => expect(qa(menu, "[role=menuitem]").length).toBeGreaterThan(0));
    expect(calls("editor_vocabulary")[0].args).toEqual({ locale: "en" });
    expect(qa(menu, ".menu-group-title").map((g) => g.textContent)).toEqual(["Order fields", "Shop variables", "Terms", "Built-ins"]);
    expect(q(menu, '[data-snippet="{ $shop_name }"] .menu-value').textContent).toBe("Lotus Home");
    expect(document.activeElement).toBe(qa(menu, "[role=menuitem]")[0]);
    press("ArrowDown"); // order_id
    // (Enter on a focused button clicks it in a browser; happy-dom does not: click the focused one)
    (document.activeElement as HTMLButtonElement).click();
    await vi.waitFor(() => expect(ed.value).toBe("Hello{ $order_id }, thank you for your message!"));
    expect(menu.hidden).toBe(true);
    // Ctrl+Space in the text opens it too; terms and built-ins insert their own forms
    ed.view.dispatch({ selection: { anchor: ed.value.length } });
    ed.focus();
    q(root, "#text-en .cm-content").dispatchEvent(new KeyboardEvent("keydown", { key: " ", code: "Space", ctrlKey: true, bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(menu.hidden).toBe(false));
    await vi.waitFor(() => expect(qa(menu, "[role=menuitem]").length).toBeGreaterThan(0));
    q<HTMLButtonElement>(menu, '[data-snippet="{ -shop-name }"]').click();
    await vi.waitFor(() => expect(ed.value.endsWith("message!{ -shop-name }")).toBe(true));
    q<HTMLButtonElement>(card(root, "en"), '[aria-haspopup="menu"]').click();
    await vi.waitFor(() => expect(qa(menu, "[role=menuitem]").length).toBeGreaterThan(0));
    q<HTMLButtonElement>(menu, '[data-snippet^="{ DATETIME"]').click();
    await vi.waitFor(() => expect(ed.value.endsWith('{ -shop-name }{ DATETIME($today, dateStyle: "medium") }')).toBe(true));
    expect(calls("editor_vocabulary")).toHaveLength(1); // kept per language
  });

  it("Plural… inserts the backend's snippet for the chosen number variable and the text's language", async () => {
    const root = await mount();
    await open(root, "order-shipped");
    const ar = editor(root, "ar");
    ar.view.dispatch({ selection: { anchor: 0 } });
    q<HTMLButtonElement>(card(root, "ar"), '[aria-haspopup="dialog"]').click();
    const panel = q(root, "#text-ar-plural");
    await vi.waitFor(() => expect(panel.hidden).toBe(false));
    const input = q<HTMLInputElement>(panel, "input");
    expect(input.value).toBe("item_count"); // the number variables first
    expect(qa(panel, "datalist option").map((o) => o.getAttribute("value"))).toEqual(["item_count", "buyer_name", "order_id", "carrier"]);
    type(input, "order_id");
    q<HTMLButtonElement>(panel, "button[type=submit]").click();
    const snippet = "{ $order_id ->\n    [one] one (ar)\n   *[other] many\n}";
    await vi.waitFor(() => expect(ar.value).toBe(snippet + AR_TEXT));
    expect(calls("plural_snippet")[0].args).toEqual({ variable: "order_id", locale: "ar" });
    expect(panel.hidden).toBe(true);
  });

  it("History: pick a version, Restore this version shows the restored template", async () => {
    const root = await mount();
    await open(root, "order-shipped");
    qa<HTMLButtonElement>(card(root, "ar"), ".card-tools .btn").find((b) => b.textContent === "History")!.click();
    const dialog = q(root, "[data-testid=history]");
    await vi.waitFor(() => expect(qa(dialog, ".history-row")).toHaveLength(2));
    expect(calls("template_history")[0].args).toEqual({ key: "order-shipped", locale: "ar" });
    expect(q(dialog, "#history-text").textContent).toBe(AR_TEXT); // newest first
    expect(q(dialog, "#history-text").getAttribute("dir")).toBe("rtl");
    press("ArrowDown");
    expect(q(dialog, "#history-text").textContent).toBe("مرحباً، تم شحن طلبك { $order_id }.");
    q<HTMLButtonElement>(dialog, "#history-restore").click();
    await vi.waitFor(() => expect(calls("template_restore_version")[0]?.args).toEqual({ key: "order-shipped", id: 11 }));
    await vi.waitFor(() => expect(editor(root, "ar").value).toBe("مرحباً، تم شحن طلبك { $order_id }."));
    expect(root.querySelector("[data-testid=history]")).toBeNull();
    expect(save(root).disabled).toBe(true); // restored = stored
  });

  it("Add language: drafted by a provider or empty; Remove language leaves it out of the save", async () => {
    const root = await mount();
    await open(root, "refund-done");
    q<HTMLButtonElement>(root, "#add-lang").click();
    await vi.waitFor(() => expect(q<HTMLButtonElement>(root, "#add-lang-draft").textContent).toBe("Draft with deepl"));
    type(q(root, "#add-lang-locale"), "es");
    q<HTMLButtonElement>(root, "#add-lang-draft").click();
    expect(q(root, "#add-lang-panel").textContent).toContain("already has a es text");
    type(q(root, "#add-lang-locale"), "ar");
    q<HTMLButtonElement>(root, "#add-lang-draft").click();
    await vi.waitFor(() => expect(card(root, "ar")).not.toBeNull());
    expect(calls("draft_translation")[0].args).toEqual({ key: "refund-done", locale: "ar", provider: null });
    expect(q(card(root, "ar"), ".status-badge").textContent).toBe("machine translation");
    expect(q(root, "#text-ar").getAttribute("dir")).toBe("rtl");
    q<HTMLButtonElement>(root, "#add-lang").click();
    type(q(root, "#add-lang-locale"), "de");
    q<HTMLButtonElement>(root, "#add-lang-empty").click();
    await vi.waitFor(() => expect(card(root, "de")).not.toBeNull());
    expect(editor(root, "de").value).toBe("");
    typeText(q(root, "#text-de"), "Ihre Erstattung für { $order_id } ist unterwegs.");
    // remove the Spanish one
    qa<HTMLButtonElement>(card(root, "es"), ".card-tools .btn").find((b) => b.textContent === "Remove language")!.click();
    expect(card(root, "es")).toBeNull();
    await vi.waitFor(() => expect(save(root).disabled).toBe(false));
    save(root).click();
    await vi.waitFor(() => expect(calls("template_save")).toHaveLength(1));
    expect(calls("template_save")[0].args.draft.texts.map((x: { locale: string }) => x.locale)).toEqual(["en", "ar", "de"]);
  });

  it("a new template cannot be drafted by machine before its first save", async () => {
    const root = await mount();
    press("n", { ctrl: true, code: "KeyN" });
    await vi.waitFor(() => expect(q(root, ".lib-editor").hidden).toBe(false));
    q<HTMLButtonElement>(root, "#add-lang").click();
    expect(q<HTMLButtonElement>(root, "#add-lang-draft").disabled).toBe(true);
    expect(q(root, "#add-lang-panel").textContent).toContain("Save the reply once");
    expect(q<HTMLButtonElement>(card(root, "en"), ".card-tools .btn:nth-child(3)").disabled).toBe(true); // History
  });

  it("Escape with unsaved changes asks for a second one", async () => {
    const root = await mount();
    await open(root, "greeting");
    typeText(q(root, "#text-en"), "Hello!");
    await vi.waitFor(() => expect(q(root, ".dirty-mark").hidden).toBe(false));
    press("Escape");
    expect(q(root, ".lib-editor").hidden).toBe(false);
    expect(q(root, ".library-bar").textContent).toContain("press Esc again");
    press("Escape");
    expect(q(root, ".lib-editor").hidden).toBe(true);
  });
});
