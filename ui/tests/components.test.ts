// The shared components (src/components), on their own.
import { order } from "../src/mock/order";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Order } from "../src/api";
import { h } from "../src/h";
import { debounce } from "../src/components/debounce";
import { KeyValueRows, type KvRow } from "../src/components/kv-rows";
import { latestOnly } from "../src/components/latest";
import { SelectableList, stepIndex } from "../src/components/list";
import { OrderPicker } from "../src/components/order-picker";
import { previewSegments } from "../src/components/preview-text";
import { tick } from "./support/dom";

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** A promise resolved or rejected from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

describe("latestOnly: stale answers are dropped", () => {
  it("only the newest request's answer is used, whatever order they arrive in", async () => {
    const guard = latestOnly();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = guard.run(() => first.promise);
    const b = guard.run(() => second.promise);
    expect(guard.pending()).toBe(true);
    second.resolve("new");
    expect(await b).toEqual({ ok: true, value: "new" });
    expect(guard.pending()).toBe(false);
    first.resolve("old");
    expect(await a).toBeNull();
  });

  it("errors are answers too, and stale ones are dropped the same way", async () => {
    const guard = latestOnly();
    const old = deferred<string>();
    const a = guard.run(() => old.promise);
    const b = guard.run(() => Promise.reject(new Error("boom")));
    expect(await b).toMatchObject({ ok: false, error: new Error("boom") });
    old.reject(new Error("late"));
    expect(await a).toBeNull();
    expect(await guard.run(() => {
      throw new Error("sync");
    })).toMatchObject({ ok: false });
  });

  it("cancel makes what is in flight stale", async () => {
    const guard = latestOnly();
    const p = deferred<number>();
    const a = guard.run(() => p.promise);
    guard.cancel();
    expect(guard.pending()).toBe(false);
    p.resolve(1);
    expect(await a).toBeNull();
    expect(await guard.run(async () => 2)).toEqual({ ok: true, value: 2 });
  });
});

describe("debounce", () => {
  it("runs once with the last arguments after the quiet period", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d("a");
    vi.advanceTimersByTime(100);
    d("b");
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("b");
    expect(d.pending()).toBe(false);
  });

  it("flush runs a pending call now; cancel drops it", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d.flush();
    expect(fn).not.toHaveBeenCalled();
    d(1);
    d.flush();
    expect(fn).toHaveBeenCalledWith(1);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    d(2);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("selectable list", () => {
  it("steps: wrapping single steps, clamped paging, or stopping at the ends", () => {
    expect(stepIndex(0, -1, 3, true)).toBe(2);
    expect(stepIndex(2, 1, 3, true)).toBe(0);
    expect(stepIndex(-1, 1, 3, true)).toBe(0);
    expect(stepIndex(-1, -1, 3, true)).toBe(2);
    expect(stepIndex(0, 1, 0, true)).toBe(-1);
    expect(stepIndex(1, 5, 3, true)).toBe(2); // paging clamps
    expect(stepIndex(1, -5, 3, true)).toBe(0);
    expect(stepIndex(2, 1, 3, false)).toBe(2);
    expect(stepIndex(0, -1, 3, false)).toBe(0);
    expect(stepIndex(-1, -1, 3, false)).toBe(2);
  });

  function make(opts: { wrap?: boolean; hover?: boolean; clickSelectsOnly?: boolean } = {}) {
    const owner = h("input");
    const selected: string[] = [];
    const activated: string[] = [];
    const list = new SelectableList<string>({
      attrs: { id: "l", class: "results" },
      idPrefix: "x-",
      owner,
      wrap: opts.wrap,
      hover: opts.hover ? () => true : undefined,
      clickSelectsOnly: opts.clickSelectsOnly,
      keepFocus: true,
      rowClass: (item) => [item === "b" && "special"],
      rowAttrs: (item) => ({ "data-item": item }),
      row: (item) => h("span", { class: "row-title" }, item),
      onSelect: (item) => selected.push(item),
      onActivate: (item) => activated.push(item),
    });
    document.body.append(owner, list.el);
    list.setItems(["a", "b", "c"], 0);
    return { list, owner, selected, activated, rows: () => [...list.el.querySelectorAll<HTMLElement>(".row")] };
  }

  it("renders options with ids, aria-selected and the owner's aria-activedescendant", () => {
    const { list, owner, rows } = make();
    expect(list.el.getAttribute("role")).toBe("listbox");
    expect(rows().map((r) => [r.id, r.getAttribute("role"), r.getAttribute("aria-selected"), r.dataset.item])).toEqual([
      ["x-0", "option", "true", "a"],
      ["x-1", "option", "false", "b"],
      ["x-2", "option", "false", "c"],
    ]);
    expect(rows()[1].className).toBe("row special");
    expect(owner.getAttribute("aria-activedescendant")).toBe("x-0");
    list.setItems([], 0, h("div", { class: "empty" }, "nothing"));
    expect(owner.hasAttribute("aria-activedescendant")).toBe(false);
    expect(list.el.textContent).toBe("nothing");
    expect(list.selected()).toBeNull();
  });

  it("↑/↓/Home/End move the selection and scroll it into view; Enter activates", () => {
    const { list, owner, selected, activated, rows } = make();
    const scrolled = vi.fn();
    for (const r of rows()) r.scrollIntoView = scrolled;
    expect(list.handleKey({ key: "ArrowDown" })).toBe(true);
    expect(rows()[1].classList.contains("selected")).toBe(true);
    expect(rows()[0].getAttribute("aria-selected")).toBe("false");
    expect(owner.getAttribute("aria-activedescendant")).toBe("x-1");
    expect(scrolled).toHaveBeenCalledWith({ block: "nearest" });
    list.handleKey({ key: "End" });
    list.handleKey({ key: "ArrowDown" }); // stops at the end
    expect(list.index).toBe(2);
    list.handleKey({ key: "Home" });
    list.handleKey({ key: "ArrowUp" });
    expect(list.index).toBe(0);
    expect(selected).toEqual(["b", "c", "c", "a", "a"]);
    expect(list.handleKey({ key: "Enter" })).toBe(true);
    expect(activated).toEqual(["a"]);
    // not the list's: modified keys, typing, input methods
    expect(list.handleKey({ key: "ArrowDown", altKey: true })).toBe(false);
    expect(list.handleKey({ key: "x" })).toBe(false);
    expect(list.handleKey({ key: "Enter", isComposing: true })).toBe(false);
    expect(list.index).toBe(0);
  });

  it("wraps around when asked to", () => {
    const { list } = make({ wrap: true });
    list.move(-1);
    expect(list.index).toBe(2);
    list.move(1);
    expect(list.index).toBe(0);
  });

  it("handles its own keys when it has the focus", () => {
    const selected: number[] = [];
    const list = new SelectableList<number>({ attrs: { tabIndex: 0 }, idPrefix: "n-", ownKeys: true, row: (n) => String(n), onSelect: (n) => selected.push(n) });
    document.body.append(list.el);
    list.setItems([1, 2], 0);
    const ev = new KeyboardEvent("keydown", { key: "ArrowDown", cancelable: true });
    list.el.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true);
    expect(selected).toEqual([2]);
    expect(list.el.getAttribute("aria-activedescendant")).toBe("n-1");
  });

  it("mouse: a click selects and activates (or only selects), hovering selects unless the mouse stood still", () => {
    const { list, rows, activated } = make({ hover: true });
    const move = (row: HTMLElement, x: number) => row.dispatchEvent(new MouseEvent("mousemove", { screenX: x, screenY: 5, bubbles: true }));
    move(rows()[2], 10);
    expect(list.index).toBe(2);
    move(rows()[1], 10); // same position: the list scrolled under the mouse
    expect(list.index).toBe(2);
    move(rows()[1], 11);
    expect(list.index).toBe(1);
    rows()[0].click();
    expect(list.index).toBe(0);
    expect(activated).toEqual(["a"]);
    const down = new MouseEvent("mousedown", { cancelable: true, bubbles: true });
    rows()[0].dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true); // the focus stays in the input

    const only = make({ clickSelectsOnly: true });
    only.rows()[2].click();
    expect(only.list.index).toBe(2);
    expect(only.activated).toEqual([]);
  });
});

describe("order picker", () => {
  const ORDERS: Order[] = [
    order({ marketplace: "amazon", order_id: "402-1", buyer_name: "أحمد الفارسي", buyer_locale: "ar", ordered_at: "2025-11-20T08:12:00Z" }),
    order({ marketplace: "ozon", order_id: "771-2", buyer_name: "Мария", buyer_locale: "ru" }),
  ];

  function make(opts: { current?: Order | null; find?: (q: string) => Promise<Order[]>; preselect?: "current" | "clear" } = {}) {
    const picked: (Order | null)[] = [];
    const errors: string[] = [];
    const finds: string[] = [];
    const picker = new OrderPicker({
      inputAttrs: { class: "picker-input" },
      listAttrs: { id: "orders", class: "picker-list" },
      idPrefix: "o-",
      current: () => opts.current ?? null,
      clearRow: { title: "No order", hint: "Values come from elsewhere", checkWhenNone: true },
      text: { searching: "Searching…", empty: "No orders", error: (m) => "Failed: " + m },
      preselect: opts.preselect ?? "clear",
      onPick: (o) => picked.push(o),
      onError: (e) => errors.push(e.message),
      findOrders: (q) => {
        finds.push(q);
        return opts.find ? opts.find(q) : Promise.resolve(ORDERS.filter((o) => o.order_id.includes(q) || (o.buyer_name ?? "").includes(q)));
      },
      debounceMs: 20,
    });
    document.body.append(picker.input, picker.list);
    const rows = () => [...picker.list.querySelectorAll<HTMLElement>(".row")];
    return { picker, picked, errors, finds, rows };
  }

  it("lists the clear row and the orders found, with a ✓ on the one in use", async () => {
    const { picker, rows } = make({ current: ORDERS[1], preselect: "current" });
    expect(picker.input.getAttribute("role")).toBe("combobox");
    expect(picker.input.getAttribute("aria-controls")).toBe("orders");
    await picker.open();
    expect(rows().map((r) => r.querySelector(".order-id")?.textContent ?? r.querySelector(".row-clear")?.textContent)).toEqual(["No order", "402-1", "771-2"]);
    expect(rows()[1].querySelector(".row-title")!.getAttribute("dir")).toBe("auto");
    expect(rows()[1].querySelector(".row-sub")!.textContent).toBe("amazon · ar · 2025-11-20");
    expect(rows()[2].querySelector(".badge")?.textContent).toBe("✓");
    expect(rows()[0].querySelector(".badge")).toBeNull();
    expect(picker.input.getAttribute("aria-activedescendant")).toBe("o-2"); // the current order
  });

  it("searches as you type, picks with Enter, clears with the first row", async () => {
    const { picker, picked, finds, rows } = make();
    await picker.open();
    expect(rows()[0].classList.contains("selected")).toBe(true); // no query: the clear row
    picker.input.value = "Мар";
    picker.input.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(finds).toEqual(["", "Мар"]);
    expect(rows()[1].classList.contains("selected")).toBe(true);
    await picker.pickSelected();
    expect(picked).toEqual([ORDERS[1]]);
    picker.move(1); // wraps to the clear row
    await picker.pickSelected();
    expect(picked).toEqual([ORDERS[1], null]);
    rows()[1].click();
    expect(picked).toEqual([ORDERS[1], null, ORDERS[1]]);
  });

  it("Enter right after typing waits for that lookup", async () => {
    const { picker, picked } = make();
    await picker.open();
    picker.input.value = "402";
    picker.input.dispatchEvent(new Event("input"));
    await picker.pickSelected(); // within the debounce delay
    expect(picked).toEqual([ORDERS[0]]);
  });

  it("drops answers to older queries and after close", async () => {
    const slow = deferred<Order[]>();
    const { picker, rows, picked } = make({ find: (q) => (q === "4" ? slow.promise : Promise.resolve(ORDERS.filter((o) => o.order_id.includes(q)))) });
    await picker.open();
    picker.input.value = "4";
    const older = picker.search();
    picker.input.value = "77";
    await picker.search();
    slow.resolve([ORDERS[0]]);
    expect(await older).toBe(false);
    expect(rows().map((r) => r.querySelector(".order-id")?.textContent ?? "clear")).toEqual(["clear", "771-2"]);

    const late = deferred<Order[]>();
    const p2 = make({ find: () => late.promise });
    p2.picker.input.value = "x";
    p2.picker.input.dispatchEvent(new Event("input"));
    const pick = p2.picker.pickSelected();
    p2.picker.close();
    late.resolve(ORDERS);
    await pick;
    expect(p2.picked).toEqual([]);
    expect(picked).toEqual([]);
  });

  it("says when it is searching, when nothing matched, and when the lookup failed", async () => {
    const wait = deferred<Order[]>();
    let fail = false;
    const { picker, errors } = make({ find: () => (fail ? Promise.reject({ code: "io", message: "disk gone" }) : wait.promise) });
    picker.input.value = "zzz";
    const done = picker.open();
    expect(picker.list.querySelector(".empty")!.textContent).toBe("Searching…");
    wait.resolve([]);
    await done;
    expect(picker.list.querySelector(".empty")!.textContent).toBe("No orders");
    fail = true;
    await picker.search();
    expect(picker.list.querySelector(".empty.field-error")!.textContent).toBe("Failed: disk gone");
    expect(errors).toEqual(["disk gone"]);
    expect(picker.entries()).toEqual([null]);
  });
});

describe("key/value rows", () => {
  const NAME = /^[a-z_]+$/;
  function make(entries: Record<string, string> = { shop_name: "Lotus", email: "a@b" }) {
    const rows = new KeyValueRows(
      {
        listAttrs: { class: "vars-list" },
        rowClass: "var-row",
        errIdPrefix: "err-",
        labels: { name: "Name", value: "Value", empty: "None yet", remove: (n) => "Remove " + n },
        namePlaceholder: "shop_name",
        validate: (row: KvRow, all: readonly KvRow[]) =>
          !row.name && !row.value ? "" : !NAME.test(row.name) ? "bad name" : all.find((r) => r.name === row.name) !== row ? "duplicate" : "",
        quietWhileUnnamed: true,
      },
      entries,
    );
    document.body.append(rows.el);
    const inputs = () => [...rows.el.querySelectorAll<HTMLInputElement>(".var-item input")];
    const errors = () => [...rows.el.querySelectorAll(".var-error")].map((e) => e.textContent);
    return { rows, inputs, errors };
  }
  const typeIn = (el: HTMLInputElement, v: string) => {
    el.value = v;
    el.dispatchEvent(new Event("input"));
  };

  it("shows a row per entry and gives them back as a record", () => {
    const { rows, inputs } = make();
    expect(inputs().map((i) => i.value)).toEqual(["shop_name", "Lotus", "email", "a@b"]);
    expect(rows.el.querySelector(".var-head")!.getAttribute("aria-hidden")).toBe("true");
    expect(inputs()[0].getAttribute("aria-describedby")).toMatch(/^err-\d+$/);
    expect(rows.toRecord()).toEqual({ shop_name: "Lotus", email: "a@b" });
  });

  it("adds a row and focuses it; unnamed rows are left out and not nagged about until strict", () => {
    const { rows, inputs, errors } = make();
    rows.add();
    expect(inputs()).toHaveLength(6);
    expect(document.activeElement).toBe(inputs()[4]);
    typeIn(inputs()[5], "value without a name");
    expect(errors()[2]).toBe("");
    expect(rows.toRecord()).toEqual({ shop_name: "Lotus", email: "a@b" });
    expect(rows.refreshErrors(true)).toBe(1);
    expect(errors()[2]).toBe("bad name");
    expect(inputs()[4].hasAttribute("aria-invalid")).toBe(true);
    typeIn(inputs()[4], " email ");
    expect(errors()).toEqual(["", "", "duplicate"]);
    typeIn(inputs()[4], "note");
    expect(rows.refreshErrors(true)).toBe(0);
    expect(rows.toRecord()).toEqual({ shop_name: "Lotus", email: "a@b", note: "value without a name" });
  });

  it("removes a row; the focus goes to the row in its place; the last one leaves the empty note", () => {
    const { rows, inputs } = make();
    const remove = () => [...rows.el.querySelectorAll<HTMLButtonElement>(".btn-icon")];
    expect(remove()[0].getAttribute("aria-label")).toBe("Remove shop_name");
    remove()[0].click();
    expect(inputs().map((i) => i.value)).toEqual(["email", "a@b"]);
    expect(document.activeElement).toBe(inputs()[0]);
    remove()[0].click();
    expect(rows.rows()).toHaveLength(0);
    expect(rows.el.querySelector(".empty-note")!.textContent).toBe("None yet");
    expect(rows.toRecord()).toEqual({});
  });

  it("takes another value control", () => {
    const rows = new KeyValueRows(
      {
        listAttrs: {},
        rowClass: "var-row app-row",
        errIdPrefix: "app-",
        labels: { name: "App", value: "Keys", empty: "-", remove: (n) => n },
        namePlaceholder: "",
        newValue: "Ctrl+Shift+V",
        validate: () => "",
        valueControl: (row) =>
          h("select", { onchange: (e: Event) => (row.value = (e.target as HTMLSelectElement).value) }, ["Ctrl+V", "Ctrl+Shift+V"].map((k) => h("option", { value: k }, k))),
      },
      {},
    );
    document.body.append(rows.el);
    const row = rows.add();
    expect(row.value).toBe("Ctrl+Shift+V");
    expect(rows.el.querySelector(".var-row.app-row select")).not.toBeNull();
  });
});

describe("preview text", () => {
  it("keeps text as text and marks ⟨name⟩ placeholders, filled when a value is known", async () => {
    const el = h("div", null, previewSegments("Hi ⟨buyer_name⟩, <b>x</b> ⟨eta⟩", { eta: "Friday" }));
    expect(el.querySelector("b")).toBeNull();
    expect(el.textContent).toBe("Hi buyer_name, <b>x</b> Friday");
    expect(el.querySelector(".var-missing")!.getAttribute("title")).toBe("buyer_name");
    expect(el.querySelector(".var-filled")!.textContent).toBe("Friday");
    await tick();
  });
});
