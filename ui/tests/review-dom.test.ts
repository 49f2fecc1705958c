// The review window against a fake backend (happy-dom).
import { mockIPC, clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReviewItem, ReviewPreview } from "../src/api";
import { setLang } from "../src/i18n";
import { mountReview } from "../src/review/view";

const PROBLEM = "The machine translation broke placeholders (2 attempts)\nsegment 1: the placeholder [[1]] ({ $buyer_name }) is missing";

function queueItems(): ReviewItem[] {
  return [
    {
      key: "order-shipped", title: "Tracking number", locale: "ar", status: "needs_review",
      body: "مرحباً، طلبك { $order_id }", source_locale: "en", source_body: "Hi { $buyer_name }, order { $order_id }",
      provider: "deepl", problem: PROBLEM,
    },
    {
      key: "items-shipped", title: "Items shipped", locale: "ru", status: "machine",
      body: "Заказ { $order_id }", source_locale: "en", source_body: "Order { $order_id }",
      provider: "local-llm", problem: null,
    },
  ];
}

let items: ReviewItem[] = [];
let calls: { cmd: string; args: Record<string, any> }[] = [];

function preview(body: string): ReviewPreview {
  const errors = body.split("{").length !== body.split("}").length ? [{ file: "<k>", line: 1, column: body.length + 1, message: "expected }" }] : [];
  const problem = errors.length ? "it is not valid Fluent" : body.includes("$buyer_name") || !body.includes("مرحباً") ? null : "it lost the placeholder(s) { $buyer_name }";
  return { text: errors.length ? "" : body.replace(/\{ \$(\w+) \}/g, "⟨$1⟩"), source_text: "Hi Alex", missing: ["order_id"], errors, problem };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  items = queueItems();
  calls = [];
  localStorage.clear();
  setLang("en");
  document.body.replaceChildren();
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, any>;
      calls.push({ cmd, args });
      switch (cmd) {
        case "get_settings":
          return { hotkey: "", paste_keystroke: "Ctrl+V", default_lang: "en", ui_lang: "en", autostart: false, shop_vars: {}, paste_overrides: {} };
        case "review_queue":
          return { items: structuredClone(items), counts: [["ar", 1], ["ru", 1]], reviewer: "mei" };
        case "review_preview":
          return preview(args.body);
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
          return [];
      }
      throw { code: "unknown", message: cmd };
    },
    { shouldMockEvents: true },
  );
});

afterEach(() => {
  clearMocks();
});

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  mountReview(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".review-row").length).toBeGreaterThan(0));
  await vi.waitFor(() => expect(root.querySelector(".check")?.textContent).not.toBe(""));
  return root;
}

const q = <T extends Element = HTMLElement>(root: Element, sel: string) => root.querySelector(sel) as T;

describe("review window", () => {
  it("shows the queue, the problem, RTL editor and bidi-safe text", async () => {
    const root = await mount();
    expect(root.querySelectorAll(".review-row")).toHaveLength(2);
    expect([...root.querySelectorAll(".review-chip")].map((c) => c.textContent)).toEqual(["All2", "ar1", "ru1"]);
    for (const t of root.querySelectorAll(".row-title")) expect(t.getAttribute("dir")).toBe("auto");
    expect(q(root, ".review-row .warn-icon")).not.toBeNull();
    const editor = q<HTMLTextAreaElement>(root, "#editor");
    expect(editor.value).toBe(items[0].body);
    expect(editor.getAttribute("dir")).toBe("rtl");
    expect(editor.getAttribute("lang")).toBe("ar");
    expect(q(root, ".problem-box").hidden).toBe(false);
    expect(q(root, ".problem-text").textContent).toBe(PROBLEM);
    expect(q(root, ".problem-text").getAttribute("dir")).toBe("auto");
    for (const sel of [".review-title", ".source-body", ".preview-box", ".source-preview"]) expect(q(root, sel).getAttribute("dir"), sel).toBe("auto");
    // ⟨name⟩ is styled like the palette's missing values
    expect(q(root, ".preview-box:not(.source-preview) .var-missing")?.textContent).toBe("order_id");
    // the live problem blocks Approve; nothing to save yet
    expect(q(root, ".check").textContent).toContain("lost the placeholder");
    expect(q<HTMLButtonElement>(root, ".review-actions .btn-primary").disabled).toBe(true);
    expect([...root.querySelectorAll<HTMLButtonElement>(".review-actions .btn")].find((b) => b.textContent === "Save edit")!.disabled).toBe(true);
    expect(q<HTMLInputElement>(root, "#reviewer").value).toBe("mei");
    expect(root.querySelector("[style]")).toBeNull();
  });

  it("validates while typing, saves, approves and moves on", async () => {
    const root = await mount();
    const editor = q<HTMLTextAreaElement>(root, "#editor");
    const approve = q<HTMLButtonElement>(root, ".review-actions .btn-primary");
    const save = [...root.querySelectorAll<HTMLButtonElement>(".review-actions .btn")].find((b) => b.textContent === "Save edit")!;

    editor.value = "مرحباً { $buyer_name، طلبك { $order_id }";
    editor.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(q(root, ".check-error")?.textContent).toContain("expected }"));
    expect(approve.disabled).toBe(true);
    expect(save.disabled).toBe(true);
    expect(q(root, ".row-edited")).not.toBeNull();

    editor.value = "مرحباً { $buyer_name }، طلبك { $order_id }";
    editor.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(q(root, ".check-ok")).not.toBeNull());
    expect(approve.disabled).toBe(false);
    expect(save.disabled).toBe(false);

    // Ctrl+Enter: saves the edit first, then approves, then selects the next item
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(root.querySelectorAll(".review-row")).toHaveLength(1));
    const cmds = calls.map((c) => c.cmd);
    expect(cmds.indexOf("review_save")).toBeLessThan(cmds.indexOf("review_decide"));
    expect(calls.find((c) => c.cmd === "review_save")!.args).toEqual({ key: "order-shipped", locale: "ar", body: "مرحباً { $buyer_name }، طلبك { $order_id }" });
    expect(calls.find((c) => c.cmd === "review_decide")!.args).toEqual({ key: "order-shipped", locale: "ar", verdict: "approved", reviewer: "mei" });
    await vi.waitFor(() => expect(editor.value).toBe("Заказ { $order_id }"));
    expect(editor.getAttribute("dir")).toBe("ltr");
    expect(q(root, ".review-bar").textContent).toContain("Approved");
  });

  it("debounces previews and remembers the reviewer", async () => {
    const root = await mount();
    const editor = q<HTMLTextAreaElement>(root, "#editor");
    const before = calls.filter((c) => c.cmd === "review_preview").length;
    for (const s of ["a", "ab", "abc"]) {
      editor.value = s;
      editor.dispatchEvent(new Event("input"));
      await tick(20);
    }
    await tick(250);
    const previews = calls.filter((c) => c.cmd === "review_preview").slice(before);
    expect(previews.map((c) => c.args.body)).toEqual(["abc"]);
    expect(previews[0].args.orderId).toBeNull();

    const reviewer = q<HTMLInputElement>(root, "#reviewer");
    reviewer.value = "Layla";
    reviewer.dispatchEvent(new Event("input"));
    expect(localStorage.getItem("quickreply.reviewer")).toBe("Layla");
  });

  it("filters by language, Alt+Down moves, review-changed reloads and keeps the selection", async () => {
    const root = await mount();
    const editor = q<HTMLTextAreaElement>(root, "#editor");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", altKey: true, bubbles: true }));
    await vi.waitFor(() => expect(editor.getAttribute("lang")).toBe("ru"));
    (root.querySelectorAll<HTMLButtonElement>(".review-chip")[1]).click(); // ar
    expect(root.querySelectorAll(".review-row")).toHaveLength(1);
    expect(editor.getAttribute("lang")).toBe("ar");

    items.push({ ...items[1], key: "new-one", title: "New" });
    const loads = calls.filter((c) => c.cmd === "review_queue").length;
    await emit("review-changed");
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "review_queue").length).toBe(loads + 1));
    await tick(10);
    expect(editor.getAttribute("lang")).toBe("ar");
    q<HTMLButtonElement>(root, ".review-chip").click(); // all
    expect(root.querySelectorAll(".review-row")).toHaveLength(3);
  });

  it("shows a friendly empty state", async () => {
    items = [];
    const root = document.createElement("div");
    document.body.append(root);
    mountReview(root);
    await vi.waitFor(() => expect(root.querySelector(".empty-title")?.textContent).toBe("All caught up"));
    expect(q(root, ".review-detail").hidden).toBe(true);
  });
});
