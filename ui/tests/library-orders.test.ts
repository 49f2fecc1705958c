// The library window's Orders tab: import (preview, mapping, presets, summary), search, the
// active order, late orders; the window's tabs.
import { emit } from "@tauri-apps/api/event";
import { mockWindows } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../src/i18n";
import { mountLibrary } from "../src/library/view";
import { FORMATS } from "../src/library/orders/logic";
import { mountRoot, press, q, qa, tick, type } from "./support/dom";
import { libraryBackend, sampleState, SHOPEE_COLUMNS, type LibState } from "./support/library";

let state: LibState;
let backend: ReturnType<typeof libraryBackend>;
const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd);

beforeEach(() => {
  setLang("en");
  state = sampleState();
});
afterEach(() => {
  backend.dispose();
  setLang("en");
});

/** Text with the no-break spaces Intl puts in amounts written as plain spaces. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\u00a0|\u202f/g, " ");
const testid = <T extends HTMLElement = HTMLElement>(root: ParentNode, id: string) => q<T>(root, `[data-testid="${id}"]`);

async function mount(overrides: Parameters<typeof libraryBackend>[1] = {}): Promise<HTMLElement> {
  backend = libraryBackend(state, overrides);
  const root = mountRoot();
  mountLibrary(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".lib-row").length).toBeGreaterThan(0));
  return root;
}

/** Mounted, on the Orders tab, its first loads done. */
async function orders(overrides: Parameters<typeof libraryBackend>[1] = {}): Promise<HTMLElement> {
  const root = await mount(overrides);
  testid(root, "library-tab-orders").click();
  await vi.waitFor(() => expect(calls("orders_late")).toHaveLength(1));
  await vi.waitFor(() => expect(qa(root, ".orders-row").length).toBeGreaterThan(0));
  return root;
}

function choose(sel: HTMLSelectElement, value: string): void {
  sel.value = value;
  sel.dispatchEvent(new Event("change", { bubbles: true }));
}

async function previewShopee(root: HTMLElement): Promise<void> {
  type(testid(root, "orders-path"), "/home/mei/shopee_order_all.xlsx");
  testid(root, "orders-preview").click();
  await vi.waitFor(() => expect(testid(root, "orders-detected")).not.toBeNull());
}

describe("the library window's tabs", () => {
  it("Replies | Orders: a tablist with arrow keys, the panels and <html data-view> follow", async () => {
    const root = await mount();
    const replies = testid<HTMLButtonElement>(root, "library-tab-replies");
    const ordersTab = testid<HTMLButtonElement>(root, "library-tab-orders");
    expect(replies.closest("[role=tablist]")).not.toBeNull();
    expect([replies.getAttribute("role"), replies.getAttribute("aria-selected"), replies.tabIndex]).toEqual(["tab", "true", 0]);
    expect([ordersTab.getAttribute("aria-selected"), ordersTab.tabIndex]).toEqual(["false", -1]);
    expect(ordersTab.getAttribute("aria-controls")).toBe("library-panel-orders");
    expect(testid(root, "orders-view").hidden).toBe(true);
    replies.focus();
    press("ArrowRight");
    expect(document.activeElement).toBe(ordersTab);
    expect(ordersTab.getAttribute("aria-selected")).toBe("true");
    expect(document.documentElement.dataset.view).toBe("orders");
    expect(testid(root, "orders-view").hidden).toBe(false);
    expect(q(root, ".lib-replies").hidden).toBe(true);
    expect(testid(root, "library-new").closest("[hidden]")).not.toBeNull(); // the replies' buttons go
    await vi.waitFor(() => expect(calls("orders_search")).toHaveLength(1));
    expect(calls("orders_search")[0].args).toEqual({ query: "" }); // the newest orders
    press("Home");
    expect(document.activeElement).toBe(replies);
    expect(document.documentElement.dataset.view).toBe("list");
    expect(q(root, ".lib-listview").hidden).toBe(false);
    press("End");
    expect(document.documentElement.dataset.view).toBe("insights");
    press("ArrowLeft");
    expect(document.documentElement.dataset.view).toBe("orders");
    // Ctrl+N still writes a new reply: the Replies tab comes back with the editor
    press("n", { ctrl: true, code: "KeyN" });
    await vi.waitFor(() => expect(document.documentElement.dataset.view).toBe("edit"));
    expect(replies.getAttribute("aria-selected")).toBe("true");
    ordersTab.click();
    replies.click(); // back on the editor it left
    expect(document.documentElement.dataset.view).toBe("edit");
  });

  it("speaks Chinese", async () => {
    setLang("zh-CN");
    backend = libraryBackend(state, { ui_language: () => "zh-CN" });
    const root = mountRoot();
    mountLibrary(root);
    await vi.waitFor(() => expect(root.querySelectorAll(".lib-row").length).toBeGreaterThan(0));
    expect(qa(root, ".lib-tabs [role=tab]").map((t) => t.textContent)).toEqual(["回复", "订单", "洞察"]);
    testid(root, "library-tab-orders").click();
    expect(testid(root, "orders-tab-late").textContent).toContain("需要立即联系");
    expect(q(root, 'label[for="orders-path"]').textContent).toBe("订单文件");
    expect(qa<HTMLOptionElement>(root, "#orders-format option")[0].textContent).toBe("自动识别");
  });
});

describe("order import", () => {
  it("offers auto and every format with its name, and the saved presets", async () => {
    const root = await orders();
    const fmt = testid<HTMLSelectElement>(root, "orders-format");
    expect([...fmt.options].map((o) => o.value)).toEqual([...FORMATS]);
    expect([...fmt.options].map((o) => o.textContent)).toEqual([
      "Detect automatically",
      "Amazon All Orders",
      "Amazon Fulfilled Shipments",
      "Amazon Order Report",
      "Shopee",
      "Lazada",
      "TikTok Shop",
      "eBay",
      "Etsy",
      "Walmart",
      "Temu",
      "AliExpress (legacy Chinese)",
      "Generic CSV",
    ]);
    await vi.waitFor(() => expect(testid<HTMLSelectElement>(root, "orders-preset").options).toHaveLength(2));
    expect([...testid<HTMLSelectElement>(root, "orders-preset").options].map((o) => o.textContent)).toEqual(["None (recognised automatically)", "shopee-id (Generic CSV)"]);
    // a preset and a format are sent as chosen
    choose(testid(root, "orders-preset"), "shopee-id");
    choose(fmt, "lazada");
    await previewShopee(root);
    expect(calls("orders_preview").at(-1)!.args).toEqual({
      path: "/home/mei/shopee_order_all.xlsx",
      options: { format: "lazada", mapping: [], preset: "shopee-id", save_preset: null, marketplace: null },
    });
    // a preset can be deleted
    testid(root, "orders-preset-delete").click();
    await vi.waitFor(() => expect(calls("orders_preset_delete")).toHaveLength(1));
    expect(calls("orders_preset_delete")[0].args).toEqual({ name: "shopee-id" });
    await vi.waitFor(() => expect(testid<HTMLSelectElement>(root, "orders-preset").options).toHaveLength(1));
  });

  it("Preview shows the detected format and encoding, the first orders mapped onto the variables and the rows with problems", async () => {
    const root = await orders();
    testid(root, "orders-preview").click(); // no path yet
    expect(q(root, ".orders-import .dialog-status").textContent).toBe("Type the order file's path, choose it, or drop it here.");
    expect(calls("orders_preview")).toHaveLength(0);
    type(testid(root, "orders-path"), "/home/mei/shopee_order_all.xlsx");
    testid(root, "orders-path").focus();
    press("Enter"); // Enter in the path previews
    await vi.waitFor(() => expect(testid(root, "orders-detected")).not.toBeNull());
    expect(calls("orders_preview")[0].args).toEqual({
      path: "/home/mei/shopee_order_all.xlsx",
      options: { format: "auto", mapping: [], preset: null, save_preset: null, marketplace: null },
    });
    expect(testid(root, "orders-detected").textContent).toBe("Read as: Shopee · Encoding: UTF-8");
    const table = testid(root, "orders-preview-table");
    expect(qa(table, "th").map((th) => th.textContent)).toEqual(["order_id", "buyer_name", "buyer_country", "item_count", "total", "carrier", "tracking_number", "ordered_at", "shipped_at", "eta", "ship_by", "status"]);
    const cells = qa(table, "tbody tr")[0].querySelectorAll("td");
    expect([...cells].map((c) => plain(c.textContent))).toEqual(["241209ABCDEF01", "kiki_shop", "MY", "3", "MYR 45.90", "Doorstep Delivery", "MY2412345678", "2024-12-09", "2024-12-10", "", "", "Shipping"]);
    // problems listed and marked
    const problem = testid(root, "orders-problem-4");
    expect(problem.textContent).toBe("line 4: no order id");
    expect(problem.classList.contains("warning-skipped")).toBe(true);
    expect(q(root, ".problems-title").textContent).toContain("Rows with problems: 1");
    expect(q(root, ".orders-import .dialog-status").textContent).toBe("1 orders in the preview, 1 rows with problems.");
    // the mapping editor: a select of the file's columns per variable, preset from the preview
    const buyer = testid<HTMLSelectElement>(root, "orders-map-buyer_name");
    expect([...buyer.options].map((o) => o.value)).toEqual(["", ...SHOPEE_COLUMNS]);
    expect(buyer.options[0].textContent).toBe("—");
    expect(buyer.value).toBe("Username (Buyer)");
    expect(testid<HTMLSelectElement>(root, "orders-map-eta").value).toBe("");
  });

  it("a changed column re-reads the file with exactly the pairs chosen; Import sends them with the preset name; the summary names bad rows", async () => {
    const root = await orders();
    await previewShopee(root);
    choose(testid(root, "orders-map-buyer_name"), "Receiver Name");
    await vi.waitFor(() => expect(calls("orders_preview")).toHaveLength(2));
    expect(calls("orders_preview")[1].args.options).toEqual({ format: "auto", mapping: [["buyer_name", "Receiver Name"]], preset: null, save_preset: null, marketplace: null });
    await vi.waitFor(() => expect(q(root, ".orders-preview-row td:nth-child(2)").textContent).toBe("K****i"));
    expect(testid<HTMLSelectElement>(root, "orders-map-buyer_name").value).toBe("Receiver Name");
    choose(testid(root, "orders-map-eta"), "Order Creation Date");
    await vi.waitFor(() => expect(calls("orders_preview")).toHaveLength(3));
    expect(calls("orders_preview")[2].args.options.mapping).toEqual([["buyer_name", "Receiver Name"], ["eta", "Order Creation Date"]]);
    choose(testid(root, "orders-map-eta"), ""); // "—": left to the format again
    await vi.waitFor(() => expect(calls("orders_preview")).toHaveLength(4));
    expect(calls("orders_preview")[3].args.options.mapping).toEqual([["buyer_name", "Receiver Name"]]);

    type(testid(root, "orders-preset-name"), " my-shopee ");
    testid(root, "orders-import").click();
    await vi.waitFor(() => expect(testid(root, "orders-summary").hidden).toBe(false));
    expect(calls("orders_import")[0].args).toEqual({
      path: "/home/mei/shopee_order_all.xlsx",
      options: { format: "auto", mapping: [["buyer_name", "Receiver Name"]], preset: null, save_preset: "my-shopee", marketplace: null },
    });
    const summary = testid(root, "orders-summary");
    expect(summary.textContent).toContain("Imported 2 orders: 1 new, 1 updated.");
    expect(summary.textContent).toContain("Read with preset my-shopee (Shopee) · Encoding: GBK");
    expect(summary.textContent).toContain("4 older orders deleted");
    expect(summary.textContent).toContain("1 rows skipped:");
    expect(testid(summary, "orders-skipped-4").textContent).toBe("line 4: no order id");
    // the presets, the search and the late list are read again
    await vi.waitFor(() => expect(calls("orders_presets").length).toBe(2));
    expect([...testid<HTMLSelectElement>(root, "orders-preset").options].map((o) => o.value)).toContain("my-shopee");
    expect(testid<HTMLInputElement>(root, "orders-preset-name").value).toBe("");
    await vi.waitFor(() => expect(calls("orders_late")).toHaveLength(2));
    expect(calls("orders_search").length).toBeGreaterThanOrEqual(2);
    expect(q(root, ".library-bar").textContent).toContain("Imported 2 orders");
  });

  it("another file forgets the mapping chosen; a failure shows the backend's message; a file where no column gives the order number gets the mapping editor", async () => {
    const root = await orders({
      orders_preview: (a) => {
        // As the core answers a file where no column gives the order number: its columns, every
        // variable unmapped, no rows, and the reason as a problem.
        if (String(a.path).includes("pesanan") && !a.options.mapping.length)
          return { format: "auto", preset: null, encoding: null, columns: ["No. Pesanan", "Nama Penerima"], mapping: [["order_id", null], ["buyer_name", null]], rows: [], problems: [{ file: a.path, line: 1, message: "no column gives the order number" }] };
        if (String(a.path).includes("missing")) throw { code: "io", message: "Cannot read /tmp/missing.csv" };
        return { format: "generic", preset: null, encoding: "windows-1252", columns: ["No. Pesanan", "Nama Penerima"], mapping: [["order_id", a.options.mapping[0]?.[1] ?? null], ["buyer_name", null]], rows: [], problems: [] };
      },
    });
    type(testid(root, "orders-path"), "/tmp/missing.csv");
    testid(root, "orders-preview").click();
    await vi.waitFor(() => expect(q(root, ".orders-import .dialog-status").textContent).toBe("Orders: Cannot read /tmp/missing.csv"));
    expect(q(root, ".orders-import .dialog-status").getAttribute("role")).toBe("alert");
    expect(testid(root, "orders-preview-result").hidden).toBe(true);

    type(testid(root, "orders-path"), "/tmp/pesanan.csv");
    testid(root, "orders-preview").click();
    await vi.waitFor(() => expect(testid(root, "orders-map-order_id")).not.toBeNull());
    expect(testid(root, "orders-problem-1").textContent).toContain("no column gives the order number");
    expect([...testid<HTMLSelectElement>(root, "orders-map-order_id").options].map((o) => o.value)).toEqual(["", "No. Pesanan", "Nama Penerima"]);
    expect(testid(root, "orders-mapping").hasAttribute("open")).toBe(true);
    choose(testid(root, "orders-map-order_id"), "No. Pesanan");
    await vi.waitFor(() => expect(testid(root, "orders-detected").textContent).toContain("Generic CSV"));
    expect(calls("orders_preview").at(-1)!.args.options.mapping).toEqual([["order_id", "No. Pesanan"]]);
    expect(testid(root, "orders-detected").textContent).toBe("Read as: Generic CSV · Encoding: windows-1252");
    expect(q(root, ".orders-result .empty-note").textContent).toBe("No order could be read from the first rows.");

    type(testid(root, "orders-path"), "/tmp/other.csv"); // another file: its own columns
    expect(testid(root, "orders-preview-result").hidden).toBe(true);
    testid(root, "orders-import").click();
    await vi.waitFor(() => expect(calls("orders_import")).toHaveLength(1));
    expect(calls("orders_import")[0].args.options).toEqual({ format: "auto", mapping: [], preset: null, save_preset: null, marketplace: null });
  });

  it("Choose file… fills the path (order file filters); a file dropped on the view is previewed", async () => {
    mockWindows("library");
    const root = await orders({ "plugin:dialog|open": () => "/picked/orders.tsv" });
    testid(root, "orders-browse").click();
    await vi.waitFor(() => expect(testid<HTMLInputElement>(root, "orders-path").value).toBe("/picked/orders.tsv"));
    expect(calls("plugin:dialog|open")[0].args.options.filters[0].extensions).toEqual(["csv", "tsv", "txt", "xlsx", "xls"]);
    await tick(10);
    await emit("tauri://drag-drop", { paths: ["/home/mei/dropped.xlsx"], position: { x: 10, y: 10 } });
    await vi.waitFor(() => expect(calls("orders_preview").length).toBeGreaterThan(0));
    expect(testid<HTMLInputElement>(root, "orders-path").value).toBe("/home/mei/dropped.xlsx");
    expect(calls("orders_preview")[0].args.path).toBe("/home/mei/dropped.xlsx");
  });
});

describe("orders: search and the active order", () => {
  it("searches as you type; a row shows the order; the selected one's every field; Use in palette; Clear", async () => {
    const root = await orders();
    expect(testid(root, "orders-active").textContent).toContain("None");
    type(testid(root, "orders-search"), "MY24");
    await vi.waitFor(() => expect(calls("orders_search").at(-1)!.args).toEqual({ query: "MY24" }));
    await vi.waitFor(() => expect(qa(root, ".orders-row")).toHaveLength(1));
    const row = testid(root, "orders-row-241209ABCDEF01");
    for (const part of ["241209ABCDEF01", "shopee", "kiki_shop", "MY", "3 items", "MYR 45.90", "Doorstep Delivery · MY2412345678", "2024-12-09 → 2024-12-10", "Shipping"]) expect(plain(row.textContent)).toContain(part);
    expect(row.getAttribute("aria-selected")).toBe("true"); // the first result is selected
    const detail = testid(root, "orders-detail");
    expect(q(detail, '[data-field="tracking_number"]').textContent).toBe("MY2412345678");
    expect(q(detail, '[data-field="product_name"]').textContent).toBe("Baju Kurung");
    expect(q(detail, '[data-field="order_status"]').textContent).toBe("Shipping");
    expect(q(detail, '[data-field="eta"]').textContent).toBe("—");
    expect(q(detail, '[data-field="Receiver Name"]').textContent).toBe("K****i"); // the file's other columns
    testid(root, "orders-activate").click();
    await vi.waitFor(() => expect(calls("set_active_order")).toHaveLength(1));
    expect(calls("set_active_order")[0].args).toEqual({ orderId: "241209ABCDEF01" });
    await vi.waitFor(() => expect(testid(root, "orders-active-id").textContent).toBe("241209ABCDEF01"));
    expect(testid(root, "orders-detail-active")).not.toBeNull();
    expect(q(root, ".library-bar").textContent).toBe("The palette now fills replies with order 241209ABCDEF01.");
    testid(root, "orders-active-clear").click();
    await vi.waitFor(() => expect(calls("set_active_order")).toHaveLength(2));
    expect(calls("set_active_order")[1].args).toEqual({ orderId: null });
    await vi.waitFor(() => expect(testid(root, "orders-active-id")).toBeNull());
    expect(testid(root, "orders-detail-active")).toBeNull();
  });

  it("↑/↓ in the search field move through the results, Enter goes to Use in palette; Escape clears the search; no result says so", async () => {
    const root = await orders();
    const input = testid<HTMLInputElement>(root, "orders-search");
    input.focus();
    expect(qa(root, ".orders-row")).toHaveLength(2);
    press("ArrowDown");
    expect(testid(root, "orders-row-402-8841123-0912345").getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe("orders-r-1");
    expect(q(root, '[data-testid="orders-detail"] [data-field="buyer_name"]').textContent).toBe("أحمد الفارسي");
    press("Enter");
    expect(document.activeElement).toBe(testid(root, "orders-activate"));
    type(input, "nothing-like-this");
    await vi.waitFor(() => expect(q(root, ".orders-results .empty").textContent).toBe("No order matches “nothing-like-this”."));
    expect(testid(root, "orders-detail").textContent).toBe("Select an order to see all its details.");
    input.focus();
    press("Escape");
    expect(input.value).toBe("");
    await vi.waitFor(() => expect(qa(root, ".orders-row")).toHaveLength(2));
    expect(testid(root, "orders-view").hidden).toBe(false); // Escape stayed in the field
  });

  it("an order already active is shown at the top; library-changed reloads the search, the late list and the active order", async () => {
    state.active = "402-8841123-0912345";
    const root = await orders();
    await vi.waitFor(() => expect(testid(root, "orders-active-id").textContent).toBe("402-8841123-0912345"));
    expect(testid(root, "orders-row-402-8841123-0912345").textContent).toContain("in the palette");
    const before = [calls("orders_search").length, calls("orders_late").length, calls("active_order").length];
    state.orders.push({ ...state.orders[0], order_id: "NEW-1" });
    await emit("library-changed");
    await vi.waitFor(() => expect(testid(root, "orders-row-NEW-1")).not.toBeNull());
    expect(calls("orders_late").length).toBe(before[1] + 1);
    expect(calls("active_order").length).toBe(before[2] + 1);
  });
});

describe("orders: needs a message now", () => {
  it("lists why each order is late, its reply as text in the buyer's direction, Copy reply; a reply that could not be filled says why", async () => {
    const root = await orders();
    const tab = testid(root, "orders-tab-late");
    expect(tab.textContent).toBe("Needs a message now (2)");
    tab.focus();
    tab.click();
    expect(q(root, "#orders-panel-late").hidden).toBe(false);
    expect(q(root, "#orders-panel-find").hidden).toBe(true);
    expect(testid(root, "late-why-402-8841123-0912345").textContent).toBe("Past the delivery estimate by 3 days");
    expect(testid(root, "late-why-241209ABCDEF02").textContent).toBe("Not shipped 2 days after the ship-by date");
    const reply = testid(root, "late-reply-402-8841123-0912345");
    expect(reply.textContent).toBe(state.late[0].reply_text);
    expect(reply.getAttribute("dir")).toBe("rtl");
    expect(reply.getAttribute("lang")).toBe("ar");
    expect(reply.children).toHaveLength(0); // text, never markup
    testid(root, "late-copy-402-8841123-0912345").click();
    await vi.waitFor(() => expect(calls("copy_text")).toHaveLength(1));
    expect(calls("copy_text")[0].args).toEqual({ text: state.late[0].reply_text });
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toBe("Reply for 402-8841123-0912345 copied."));
    expect(testid(root, "late-reply-241209ABCDEF02")).toBeNull();
    expect(testid(root, "late-error-241209ABCDEF02").textContent).toBe("No reply ready: the reply needs carrier, which this order does not have");
    expect(testid<HTMLButtonElement>(root, "late-copy-241209ABCDEF02").disabled).toBe(true);
    // ← goes back to Find
    press("ArrowLeft");
    expect(q(root, "#orders-panel-find").hidden).toBe(false);
  });

  it("a failed copy is shown; an order's id opens it in Find", async () => {
    const root = await orders({
      copy_text: () => {
        throw { code: "clipboard", message: "no clipboard" };
      },
    });
    testid(root, "orders-tab-late").click();
    testid(root, "late-copy-402-8841123-0912345").click();
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toBe("Could not copy: no clipboard"));
    q<HTMLButtonElement>(testid(root, "late-row-402-8841123-0912345"), ".btn-link").click();
    expect(q(root, "#orders-panel-find").hidden).toBe(false);
    await vi.waitFor(() => expect(calls("orders_search").at(-1)!.args).toEqual({ query: "402-8841123-0912345" }));
    await vi.waitFor(() => expect(testid(root, "orders-row-402-8841123-0912345").getAttribute("aria-selected")).toBe("true"));
  });
});
