// The library window's Insights tab: totals, replies, languages, the two SVG bar charts, question topics with "Rising", unanswered questions with
// "New reply from these" (the editor on a new reply with their examples), the learned picks
// with Remove, the "since" day and the empty state.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../src/i18n";
import { mountLibrary } from "../src/library/view";
import { counts, exampleLines, formatDay, parseDay, peak, weekdayLabels } from "../src/library/insights/logic";
import { mountRoot, press, q, qa, typeText, type } from "./support/dom";
import { libraryBackend, sampleState, type LibState } from "./support/library";

let state: LibState;
let backend: ReturnType<typeof libraryBackend>;
const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd);
const testid = <T extends HTMLElement = HTMLElement>(root: ParentNode, id: string) => q<T>(root, `[data-testid="${id}"]`);

beforeEach(() => {
  setLang("en");
  state = sampleState();
});
afterEach(() => {
  backend.dispose();
  vi.restoreAllMocks();
  setLang("en");
});

/** Mounted, on the Insights tab, its first loads done. */
async function insights(overrides: Parameters<typeof libraryBackend>[1] = {}): Promise<HTMLElement> {
  backend = libraryBackend(state, overrides);
  const root = mountRoot();
  mountLibrary(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".lib-row").length).toBeGreaterThan(0));
  testid(root, "library-tab-insights").click();
  await vi.waitFor(() => expect(calls("insights")).toHaveLength(1));
  await vi.waitFor(() => expect(testid(root, "insights-totals") ?? testid(root, "insights-error")).not.toBeNull());
  await vi.waitFor(() => expect(calls("learned_picks")).toHaveLength(1));
  return root;
}

describe("insights", () => {
  it("shows the totals, replies, languages, charts and the topics with Rising and their examples as text", async () => {
    const root = await insights();
    expect(document.documentElement.dataset.view).toBe("insights");
    expect(testid(root, "library-tab-insights").getAttribute("aria-selected")).toBe("true");
    expect(testid(root, "insights-view").hidden).toBe(false);
    expect(q(root, ".lib-replies").hidden).toBe(true);
    expect(calls("insights")[0].args).toEqual({ since: null });
    expect(calls("learned_picks")[0].args).toEqual({ limit: 50 });
    expect(testid(root, "insights-totals").textContent).toBe("57 buyer messages120 replies pasted");
    expect(testid(root, "insights-period").textContent).toMatch(/^Last 28 days: .*2025.* – .*2025/);
    expect(testid(root, "insights-empty")).toBeNull();

    expect(qa(testid(root, "insights-replies"), "li").map((li) => li.textContent)).toEqual(["Tracking number48 uses", "Refund processed20 uses"]);
    const langs = qa(testid(root, "insights-languages"), "li").map((li) => li.textContent);
    expect(langs[0]).toMatch(/^ar · Arabic30 messages · 61 pastes$/);

    // the charts: one bar per hour and per weekday (Monday first), the busiest said in words
    const bars = (id: string) => qa(testid(root, id), "rect.bar").map((r) => Number(r.getAttribute("height")));
    const hours = bars("insights-chart-hours");
    expect(hours).toHaveLength(24);
    const busiest = state.insights.by_hour.indexOf(Math.max(...state.insights.by_hour));
    expect(hours.indexOf(Math.max(...hours))).toBe(busiest); // the tallest bar is the busiest hour
    expect(bars("insights-chart-weekdays")).toHaveLength(7);
    const dayLabels = qa(testid(root, "insights-chart-weekdays"), "text.bar-label").map((t) => t.textContent);
    expect(dayLabels[0]).toBe("Mon");
    expect(dayLabels[6]).toBe("Sun");
    expect(testid(root, "insights-hours").querySelector("figcaption")!.textContent).toBe("Busiest hour: 14:00 (23 pastes)");
    expect(testid(root, "insights-weekdays").querySelector("figcaption")!.textContent).toBe("Busiest day: Mon (30 pastes)");
    expect(testid(root, "insights-chart-hours").getAttribute("aria-hidden")).toBe("true");

    const rising = testid(root, "insights-topic-1");
    expect(q(rising, ".topic-label").textContent).toBe("where is my order");
    expect(testid(rising, "insights-rising-1").textContent).toBe("Rising");
    expect(q(rising, ".topic-change").textContent).toBe("3 → 17 this week");
    expect(rising.textContent).toContain("40 messages");
    const examples = qa(rising, ".topic-examples bdi");
    expect(examples.map((e) => [e.textContent, e.getAttribute("dir")])).toEqual([
      ["وين الطلب حقي؟", "auto"],
      ["where is my parcel", "auto"],
    ]);
    expect(q(rising, ".topic-reply").textContent).toBe("Reply used most: Tracking number");
    expect(testid(root, "insights-topic-2").querySelector(".topic-rising-badge")).toBeNull();
    expect(testid(root, "insights-unanswered-7").textContent).toContain("New reply from these");
  });

  it("opens the reply a topic used most", async () => {
    const root = await insights();
    q<HTMLButtonElement>(testid(root, "insights-topic-1"), ".topic-reply button").click();
    await vi.waitFor(() => expect(document.documentElement.dataset.view).toBe("edit"));
    expect(calls("template_get").at(-1)!.args).toEqual({ key: "order-shipped" });
    expect(testid(root, "library-tab-replies").getAttribute("aria-selected")).toBe("true");
  });

  it("“New reply from these” opens the editor on a new reply with the messages as its example questions", async () => {
    const root = await insights();
    testid<HTMLButtonElement>(root, "insights-new-7").click();
    await vi.waitFor(() => expect(document.documentElement.dataset.view).toBe("edit"));
    const examples = q<HTMLTextAreaElement>(root, "#ed-examples");
    expect(examples.value).toBe("can I change the address?\nأبغى أغير العنوان");
    expect(q<HTMLInputElement>(root, "#ed-key").value).toBe("");
    expect(q<HTMLInputElement>(root, "#ed-key").readOnly).toBe(false);
    expect(q(root, ".editor-title").textContent).toBe("New reply");
    expect(q(root, ".dirty-mark").hidden).toBe(false); // the examples are not saved yet
    expect(document.activeElement).toBe(q(root, "#ed-title"));

    type(q<HTMLInputElement>(root, "#ed-title"), "Change of address");
    typeText(q(root, "#text-en"), "Yes, reply with the new address before it ships.");
    await vi.waitFor(() => expect(q<HTMLButtonElement>(root, '[data-testid="editor-save"]').disabled).toBe(false));
    press("s", { ctrl: true, code: "KeyS" });
    await vi.waitFor(() => expect(calls("template_save")).toHaveLength(1));
    expect(calls("template_save")[0].args.draft).toMatchObject({
      original_key: null,
      key: "change-of-address",
      title: "Change of address",
      examples: ["can I change the address?", "أبغى أغير العنوان"],
    });
  });

  it("does not drop a reply being edited with unsaved changes", async () => {
    const root = await insights();
    testid<HTMLButtonElement>(root, "insights-new-7").click();
    await vi.waitFor(() => expect(document.documentElement.dataset.view).toBe("edit"));
    type(q<HTMLInputElement>(root, "#ed-title"), "Half written");
    testid(root, "library-tab-insights").click();
    testid<HTMLButtonElement>(root, "insights-new-7").click();
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toBe("Save or leave the reply being edited first (Ctrl+S, or Esc twice)."));
    expect(document.documentElement.dataset.view).toBe("insights");
    testid(root, "library-tab-replies").click();
    expect(q<HTMLInputElement>(root, "#ed-title").value).toBe("Half written");
  });

  it("Remove forgets a learned pick and lists them again", async () => {
    const root = await insights();
    await vi.waitFor(() => expect(testid(root, "insights-pick-31")).not.toBeNull());
    const row = testid(root, "insights-pick-31");
    expect(q(row, ".pick-message").textContent).toBe("وين الطلب حقي؟");
    expect(q(row, ".pick-message").getAttribute("dir")).toBe("auto");
    expect(row.textContent).toContain("Tracking number");
    testid<HTMLButtonElement>(root, "insights-forget-31").click();
    await vi.waitFor(() => expect(calls("forget_pick")).toHaveLength(1));
    expect(calls("forget_pick")[0].args).toEqual({ id: 31 });
    await vi.waitFor(() => expect(calls("learned_picks")).toHaveLength(2));
    await vi.waitFor(() => expect(testid(root, "insights-pick-31")).toBeNull());
    expect(testid(root, "insights-pick-30")).not.toBeNull();
    expect(document.activeElement).toBe(testid(root, "insights-forget-30"));
    expect(q(root, ".library-bar").textContent).toBe("Removed the learned pick for “Tracking number”.");
    testid<HTMLButtonElement>(root, "insights-forget-30").click();
    await vi.waitFor(() => expect(testid(root, "insights-picks").textContent).toContain("Nothing learned yet"));
  });

  it("a refused Remove keeps the row and says why", async () => {
    const root = await insights({
      forget_pick: () => {
        throw { code: "io", message: "database is locked" };
      },
    });
    await vi.waitFor(() => expect(testid(root, "insights-pick-31")).not.toBeNull());
    testid<HTMLButtonElement>(root, "insights-forget-31").click();
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toBe("Could not remove it: database is locked"));
    expect(testid(root, "insights-pick-31")).not.toBeNull();
  });

  it("asks from the day chosen; “Last 28 days” goes back to the default", async () => {
    const root = await insights();
    const since = testid<HTMLInputElement>(root, "insights-since");
    since.value = "2025-11-01";
    since.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(calls("insights")).toHaveLength(2));
    expect(calls("insights")[1].args).toEqual({ since: "2025-11-01" });
    await vi.waitFor(() => expect(testid(root, "insights-period").textContent).not.toMatch(/^Last 28 days/));
    expect(qa(root, "svg.bar-chart")).toHaveLength(2); // the old charts were replaced, not added to
    testid<HTMLButtonElement>(root, "insights-default").click();
    await vi.waitFor(() => expect(calls("insights")).toHaveLength(3));
    expect(calls("insights")[2].args).toEqual({ since: null });
  });

  it("says what to do when there are no buyer messages yet", async () => {
    state.insights = { ...state.insights, messages: 0, uses: 0, top_replies: [], languages: [], by_hour: Array(24).fill(0), by_weekday: Array(7).fill(0), topics: [], unanswered: [] };
    state.picks = [];
    const root = await insights();
    expect(testid(root, "insights-empty").textContent).toBe("No buyer messages yet: copy a buyer's message and open the palette; suggestions are learned from what you paste.");
    expect(testid(root, "insights-topics").textContent).toContain("Topics appear once buyer messages are copied");
    expect(testid(root, "insights-replies").textContent).toContain("No replies pasted in this period.");
    expect(testid(root, "insights-hours").querySelector("figcaption")!.textContent).toBe("No pastes in this period.");
    expect(qa(root, "svg.bar-chart")).toHaveLength(0);
    await vi.waitFor(() => expect(testid(root, "insights-picks").textContent).toContain("Nothing learned yet"));
  });

  it("shows buyer text as text and a failure with the backend's message", async () => {
    const xss = `<img src=x onerror="window.__pwned=1">`;
    state.insights.topics[0].examples = [xss];
    state.insights.topics[0].label = xss;
    const root = await insights();
    expect(q(testid(root, "insights-topic-1"), ".topic-examples bdi").textContent).toBe(xss);
    expect(q(testid(root, "insights-topic-1"), ".topic-label").textContent).toBe(xss);
    expect(root.querySelector("img")).toBeNull();
    backend.dispose();
    const failing = await insights({
      insights: () => {
        throw { code: "io", message: "no store" };
      },
    });
    await vi.waitFor(() => expect(testid(failing, "insights-error").textContent).toBe("Could not load the insights: no store"));
  });

  it("speaks Chinese", async () => {
    setLang("zh-CN");
    const root = await insights({ ui_language: () => "zh-CN" });
    expect(testid(root, "library-tab-insights").textContent).toBe("洞察");
    expect(testid(root, "insights-new-7").textContent).toBe("用这些新建回复");
    expect(q(testid(root, "insights-topic-1"), ".topic-change").textContent).toBe("上周 3 → 本周 17");
  });
});

describe("insights logic", () => {
  it("reads a day, formats days and times, finds the busiest slot", () => {
    expect(parseDay("2025-11-01")).toBe("2025-11-01");
    expect(parseDay(" 2025-02-29 ")).toBeNull();
    expect(parseDay("2024-02-29")).toBe("2024-02-29");
    expect(parseDay("01/11/2025")).toBeNull();
    expect(formatDay("2025-11-01", "en")).toBe("Nov 1, 2025");
    expect(formatDay("not a day", "en")).toBe("not a day");
    expect(peak([0, 3, 7, 7, 1])).toEqual({ index: 2, value: 7 });
    expect(peak([0, 0])).toBeNull();
    expect(counts([1, -2, NaN as number], 4)).toEqual([1, 0, 0, 0]);
    expect(weekdayLabels("en")).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(exampleLines([" a  b ", "", "a b", "c"])).toEqual(["a b", "c"]);
  });
});
