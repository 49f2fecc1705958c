// The review window against a fake backend whose previews come from the core's fixture.
import { order } from "../src/mock/order";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Order, ReviewItem } from "../src/api";
import { setLang } from "../src/i18n";
import { NO_FIXTURE } from "../src/mock/fixture";
import { dirForLocale } from "../src/review/logic";
import { mountReview } from "../src/review/view";
import { core, reviewCases } from "./support/cases";
import { editorOf, fakeBackend, mountRoot, press, q, qa, tick, type, typeText } from "./support/dom";

const cases = reviewCases();
const ORDERS: Order[] = [
  order({ marketplace: "amazon", order_id: "402-1", buyer_name: "أحمد", buyer_locale: "ar" }),
  order({ marketplace: "ozon", order_id: "771-2", buyer_name: "Мария", buyer_locale: "ru" }),
];

let items: ReviewItem[] = [];
let backend: ReturnType<typeof fakeBackend>;
const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd);

beforeEach(() => {
  items = [structuredClone(cases.broken), structuredClone(cases.other)];
  localStorage.clear();
  setLang("en");
  backend = fakeBackend((cmd, args) => {
    switch (cmd) {
      case "review_queue": {
        const counts = [...new Set(items.map((i) => i.locale))].map((l) => [l, items.filter((i) => i.locale === l).length]);
        return { items: structuredClone(items), counts, reviewer: "mei" };
      }
      case "review_preview":
        return core.reviewPreview(args as any);
      case "review_save": {
        const it = items.find((i) => i.key === args.key && i.locale === args.locale)!;
        it.body = args.body;
        it.problem = null;
        return structuredClone(it);
      }
      case "review_decide":
        items = items.filter((i) => !(i.key === args.key && i.locale === args.locale));
        return null;
      case "find_orders":
        return ORDERS.filter((o) => o.order_id.includes(args.query));
      case "list_providers":
        return { providers: [], default_provider: null, cache_entries: 0, billed_chars: 0 };
    }
    throw { code: "unknown", message: cmd };
  });
});

afterEach(() => backend.dispose());

async function mount(): Promise<HTMLElement> {
  const root = mountRoot();
  mountReview(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".review-row").length).toBeGreaterThan(0));
  await vi.waitFor(() => expect(root.querySelector(".check")?.textContent).not.toBe(""));
  return root;
}

/** The text as shown: ⟨name⟩ becomes the name in a styled span. */
const shown = (text: string) => text.replace(/⟨([^⟩]*)⟩/g, "$1");
const placeholders = (text: string) => [...text.matchAll(/⟨([^⟩]*)⟩/g)].map((m) => m[1]);

describe("review window", () => {
  it("shows the queue, the problem, the editor's direction and bidi-safe text", async () => {
    const root = await mount();
    const { broken, other } = cases;
    const own = core.find(broken.key, broken.locale, null, broken.body)!;
    expect(root.querySelectorAll(".review-row")).toHaveLength(2);
    expect([...root.querySelectorAll(".review-chip")].map((c) => c.textContent)).toEqual(["All2", broken.locale + "1", other.locale + "1"]);
    for (const t of root.querySelectorAll(".row-title")) expect(t.getAttribute("dir")).toBe("auto");
    expect(q(root, ".review-row .warn-icon")).not.toBeNull();
    const editor = q(root, "#editor");
    expect(editorOf(editor).value).toBe(broken.body);
    expect(editor.getAttribute("dir")).toBe(dirForLocale(broken.locale));
    expect(editor.getAttribute("lang")).toBe(broken.locale);
    // the text box itself carries the direction, and every placeable is one left-to-right chip
    const content = q(editor, ".cm-content");
    expect(content.getAttribute("dir")).toBe(dirForLocale(broken.locale));
    const placeables = broken.body.match(/\{[^{}\n]*\}/g)!;
    expect(qa(editor, ".cm-placeable").map((c) => c.textContent)).toEqual(placeables);
    for (const c of qa(editor, ".cm-placeable")) expect(c.getAttribute("dir")).toBe("ltr");
    expect(q(root, ".problem-box").hidden).toBe(false);
    expect(q(root, ".problem-text").textContent).toBe(broken.problem);
    expect(q(root, ".problem-text").getAttribute("dir")).toBe("auto");
    for (const sel of [".review-title", ".source-body", ".preview-box", ".source-preview"]) expect(q(root, sel).getAttribute("dir"), sel).toBe("auto");
    // the core's rendering, ⟨name⟩ styled like the palette's missing values
    const preview = q(root, ".preview-box:not(.source-preview)");
    expect(preview.textContent).toBe(shown(own.text));
    expect(qa(preview, ".var-missing").map((e) => e.textContent)).toEqual(placeholders(own.text));
    // the live problem blocks Approve; nothing to save yet
    expect(q(root, ".check").textContent).toContain(own.problem!);
    expect(q<HTMLButtonElement>(root, ".review-actions .btn-primary").disabled).toBe(true);
    expect([...root.querySelectorAll<HTMLButtonElement>(".review-actions .btn")].find((b) => b.textContent === "Save edit")!.disabled).toBe(true);
    expect(q<HTMLInputElement>(root, "#reviewer").value).toBe("mei");
    // None of ours. CodeMirror styles its own parts through the CSSOM (allowed by the CSP); its
    // one style attribute (tab-size) is refused by the CSP, which changes nothing here.
    expect(qa(root, "[style]").filter((e) => !e.closest(".cm-editor") || !e.matches(".cm-content"))).toEqual([]);
  });

  it("validates while typing, saves, approves and moves on", async () => {
    const root = await mount();
    const { broken, other, syntaxError, fixed } = cases;
    const editor = q(root, "#editor");
    const approve = q<HTMLButtonElement>(root, ".review-actions .btn-primary");
    const save = [...root.querySelectorAll<HTMLButtonElement>(".review-actions .btn")].find((b) => b.textContent === "Save edit")!;

    typeText(editor, syntaxError.body);
    await vi.waitFor(() => expect(q(root, ".check-error")?.textContent).toContain(syntaxError.errors[0].message));
    // the error is marked where it is in the text
    const mark = q(editor, ".cm-ftl-error");
    expect(mark.getAttribute("title")).toBe(syntaxError.errors[0].message);
    expect(approve.disabled).toBe(true);
    expect(save.disabled).toBe(true);
    expect(q(root, ".row-edited")).not.toBeNull();

    typeText(editor, fixed.body);
    await vi.waitFor(() => expect(q(root, ".check-ok")).not.toBeNull());
    expect(q(editor, ".cm-ftl-error")).toBeNull();
    expect(approve.disabled).toBe(false);
    expect(save.disabled).toBe(false);

    // Ctrl+Enter: saves the edit first, then approves, then selects the next item
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(root.querySelectorAll(".review-row")).toHaveLength(1));
    const cmds = backend.calls.map((c) => c.cmd);
    expect(cmds.indexOf("review_save")).toBeLessThan(cmds.indexOf("review_decide"));
    expect(calls("review_save")[0].args).toEqual({ key: broken.key, locale: broken.locale, body: fixed.body });
    expect(calls("review_decide")[0].args).toEqual({ key: broken.key, locale: broken.locale, verdict: "approved", reviewer: "mei" });
    await vi.waitFor(() => expect(editorOf(editor).value).toBe(other.body));
    expect(editor.getAttribute("dir")).toBe("ltr");
    expect(q(root, ".review-bar").textContent).toContain("Approved");
  });

  it("debounces previews, says when the core never rendered a text, and remembers the reviewer", async () => {
    const root = await mount();
    const editor = q(root, "#editor");
    const before = calls("review_preview").length;
    for (const s of ["a", "ab", "abc"]) {
      typeText(editor, s);
      await tick(20);
    }
    await tick(250);
    const previews = calls("review_preview").slice(before);
    expect(previews.map((c) => c.args.body)).toEqual(["abc"]);
    expect(previews[0].args.orderId).toBeNull();
    expect(q(root, ".preview-box:not(.source-preview)").textContent).toBe(NO_FIXTURE);
    expect(q<HTMLButtonElement>(root, ".review-actions .btn-primary").disabled).toBe(true);

    const reviewer = q<HTMLInputElement>(root, "#reviewer");
    type(reviewer, "Layla");
    expect(localStorage.getItem("quickreply.reviewer")).toBe("Layla");
  });

  it("drops a preview answer that arrives after the next one", async () => {
    const root = await mount();
    const editor = q(root, "#editor");
    const { fixed, syntaxError } = cases;
    let slow = true;
    const answer = core.reviewPreview.bind(core);
    core.reviewPreview = (a) => {
      const r = answer(a);
      if (a.body !== fixed.body || !slow) return r;
      slow = false;
      return new Promise((res) => setTimeout(() => res(r), 300)) as never;
    };
    try {
      typeText(editor, fixed.body);
      await tick(200); // its preview was asked for and is slow
      typeText(editor, syntaxError.body);
      await vi.waitFor(() => expect(q(root, ".check-error")).not.toBeNull());
      await tick(250); // the slow answer for the older text arrives now
      expect(q(root, ".check-error")).not.toBeNull();
      expect(q(root, ".check-ok")).toBeNull();
    } finally {
      core.reviewPreview = answer;
    }
  });

  it("previews with an order picked by id; × goes back to the sample order", async () => {
    const root = await mount();
    const input = q<HTMLInputElement>(root, "#order-q");
    input.focus();
    input.dispatchEvent(new Event("focus"));
    const list = q(root, "#order-list");
    await vi.waitFor(() => expect(qa(list, ".row")).toHaveLength(3));
    expect(list.hidden).toBe(false);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(q(list, ".row.selected .row-clear")).not.toBeNull(); // the sample order
    type(input, "771");
    await vi.waitFor(() => expect(qa(list, ".row")).toHaveLength(2));
    expect(q(list, ".row.selected .order-id").textContent).toBe("771-2");
    press("ArrowDown"); // wraps to the sample row
    expect(input.getAttribute("aria-activedescendant")).toBe("o-0");
    press("ArrowUp");
    press("Enter");
    await vi.waitFor(() => expect(calls("review_preview").at(-1)!.args.orderId).toBe("771-2"));
    expect(list.hidden).toBe(true);
    expect(input.value).toBe("");
    expect(q(root, ".order-current .order-id").textContent).toBe("#771-2");
    q<HTMLButtonElement>(root, ".order-chip .btn-icon").click();
    await vi.waitFor(() => expect(calls("review_preview").at(-1)!.args.orderId).toBeNull());
    expect(q(root, ".order-chip .btn-icon").hidden).toBe(true);
  });

  it("filters by language, arrow keys and Alt+Down move, review-changed reloads and keeps the selection", async () => {
    const root = await mount();
    const { broken, other } = cases;
    const editor = q(root, "#editor");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", altKey: true, bubbles: true }));
    await vi.waitFor(() => expect(editor.getAttribute("lang")).toBe(other.locale));
    const list = q(root, "#review-list");
    list.focus();
    press("ArrowUp");
    expect(editor.getAttribute("lang")).toBe(broken.locale);
    expect(list.getAttribute("aria-activedescendant")).toBe("q-0");
    press("End");
    expect(editor.getAttribute("lang")).toBe(other.locale);
    press("Home");
    press("Enter");
    expect(editor.contains(document.activeElement)).toBe(true);
    qa<HTMLButtonElement>(root, ".review-chip")[2].click(); // the other language
    expect(root.querySelectorAll(".review-row")).toHaveLength(1);
    expect(editor.getAttribute("lang")).toBe(other.locale);

    items.push({ ...items[1], key: "new-one", title: "New" });
    const loads = calls("review_queue").length;
    await emit("review-changed");
    await vi.waitFor(() => expect(calls("review_queue").length).toBe(loads + 1));
    await tick(10);
    expect(editor.getAttribute("lang")).toBe(other.locale);
    q<HTMLButtonElement>(root, ".review-chip").click(); // all
    expect(root.querySelectorAll(".review-row")).toHaveLength(3);
  });

  it("shows a team conflict beside the kept text, as text; the other version can be taken into the editor", async () => {
    const other = `<img src=x onerror="globalThis.pwned=1"> ${cases.other.body}`;
    items[1].conflict = { other, other_author: "Aisha", deleted: false };
    const root = await mount();
    expect(q(root, ".conflict-box").hidden).toBe(true); // the first item has none
    press("ArrowDown", { alt: true });
    await vi.waitFor(() => expect(q(root, ".conflict-box").hidden).toBe(false));
    const box = q(root, ".conflict-box");
    expect(box.textContent).toContain("Aisha wrote another version");
    const shownOther = q(box, ".conflict-other");
    expect(shownOther.textContent).toBe(other);
    expect(shownOther.querySelector("img")).toBeNull();
    expect(shownOther.getAttribute("dir")).toBe("auto");
    const chips = [...shownOther.querySelectorAll("bdi")];
    expect(chips.length).toBe((cases.other.body.match(/\{[^{}\n]*\}/g) ?? []).length);
    for (const c of chips) expect(c.getAttribute("dir")).toBe("ltr");
    expect((globalThis as any).pwned).toBeUndefined();
    [...box.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent === "Use the other version")!.click();
    expect(editorOf(q(root, "#editor")).value).toBe(other);
    expect(q(root, ".row-edited")).not.toBeNull();

    // deleted on the other side: said in words, nothing to take over
    items[1].conflict = { other: "", other_author: null, deleted: true };
    await emit("review-changed");
    await vi.waitFor(() => expect(q(root, ".conflict-box").textContent).toContain("A colleague deleted this reply"));
    expect(q(root, ".conflict-box button")).toBeNull();
  });

  it("a team member who may not approve sees the queue without Approve, Reject or Save; Ctrl+Enter does nothing", async () => {
    const root = mountRoot();
    backend.dispose();
    backend = fakeBackend((cmd, args) => {
      if (cmd === "team_permissions") return { role: "staff", may_edit: false, may_approve: false };
      if (cmd === "review_queue") return { items: structuredClone(items), counts: [], reviewer: "mei" };
      if (cmd === "review_preview") return core.reviewPreview(args as any);
      if (cmd === "list_providers") return { providers: [], default_provider: null, cache_entries: 0, billed_chars: 0 };
      throw { code: "unknown", message: cmd };
    });
    mountReview(root);
    await vi.waitFor(() => expect(document.documentElement.dataset.mayApprove).toBe("false"));
    await vi.waitFor(() => expect(root.querySelectorAll(".review-row").length).toBeGreaterThan(0));
    for (const b of root.querySelectorAll<HTMLButtonElement>(".review-actions .btn-primary, .review-actions .btn-reject")) {
      expect(b.classList.contains("approve-only")).toBe(true);
    }
    expect(q(root, ".review-bar").textContent).toContain("only reviewers and owners approve");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
    await tick(20);
    expect(calls("review_decide")).toHaveLength(0);
    document.documentElement.dataset.mayApprove = "true";
  });

  it("shows a friendly empty state", async () => {
    items = [];
    const root = mountRoot();
    mountReview(root);
    await vi.waitFor(() => expect(root.querySelector(".empty-title")?.textContent).toBe("All caught up"));
    expect(q(root, ".review-detail").hidden).toBe(true);
  });
});
