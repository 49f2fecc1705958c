// The library window's list: rows, sort, filters, the backend's search ranking, the
// virtualised list with 10 000 rows, the keyboard, delete + undo, "Recently deleted" and the
// backend's events.
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../src/i18n";
import { mountLibrary } from "../src/library/view";
import { mountRoot, press, q, qa, tick, type } from "./support/dom";
import { bulkRows, libraryBackend, sampleState, type LibState } from "./support/library";

let state: LibState;
let backend: ReturnType<typeof libraryBackend>;
const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd);
const keysShown = (root: HTMLElement) => qa(root, ".lib-row").map((r) => r.dataset.key);

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

function choose(sel: HTMLSelectElement, value: string): void {
  sel.value = value;
  sel.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("library list", () => {
  it("shows every reply by uses in 30 days, a status dot per language and the uses", async () => {
    const root = await mount();
    expect(keysShown(root)).toEqual(["refund-done", "order-shipped", "greeting"]);
    const row = q(root, '[data-testid="library-row-order-shipped"]');
    expect(q(row, ".row-title").textContent).toBe("Tracking number");
    expect(q(row, ".row-shortcut").textContent).toBe(";trk");
    expect(q(row, ".row-cat").textContent).toBe("Shipping");
    expect(q(row, ".lib-uses").textContent).toBe("12");
    const dots = qa(row, ".lang-dot");
    expect(dots.map((d) => d.textContent)).toEqual(["en", "ar", "fr"]);
    expect(dots.map((d) => [...d.classList].find((c) => c.startsWith("dot-") && c !== "dot-source"))).toEqual(["dot-approved", "dot-needs_review", "dot-stale"]);
    expect(dots[1].getAttribute("title")).toMatch(/^ar · .*needs review$/);
    expect(dots[0].classList.contains("dot-source")).toBe(true);
    expect(q(root, ".lib-count").textContent).toBe("3 replies");
    expect(root.querySelector("[style]")).toBeNull();
    expect(q(root, "#lib-list").getAttribute("role")).toBe("listbox");
    expect(row.getAttribute("role")).toBe("option");
  });

  it("sorts by last used, title and key", async () => {
    const root = await mount();
    const sort = q<HTMLSelectElement>(root, "#f-sort");
    choose(sort, "last_used");
    expect(keysShown(root)).toEqual(["greeting", "order-shipped", "refund-done"]);
    choose(sort, "title");
    expect(keysShown(root)).toEqual(["greeting", "refund-done", "order-shipped"]);
    choose(sort, "key");
    expect(keysShown(root)).toEqual(["greeting", "order-shipped", "refund-done"]);
  });

  it("filters by category, tag, missing language and status", async () => {
    const root = await mount();
    choose(q(root, "#f-category"), "c:Shipping");
    expect(keysShown(root)).toEqual(["order-shipped"]);
    expect(q(root, ".lib-count").textContent).toBe("1 of 3");
    q<HTMLButtonElement>(root, ".lib-filters .btn").click(); // clear filters
    expect(keysShown(root)).toHaveLength(3);
    choose(q(root, "#f-tag"), "t:refund");
    expect(keysShown(root)).toEqual(["refund-done"]);
    choose(q(root, "#f-tag"), "");
    choose(q(root, "#f-missing"), "l:ar"); // rows lacking an Arabic text
    expect(keysShown(root)).toEqual(["refund-done"]);
    choose(q(root, "#f-missing"), "l:fr");
    expect(keysShown(root)).toEqual(["refund-done", "greeting"]);
    choose(q(root, "#f-missing"), "");
    choose(q(root, "#f-status"), "stale");
    expect(keysShown(root)).toEqual(["order-shipped"]);
    choose(q(root, "#f-status"), "machine");
    expect(keysShown(root)).toEqual(["refund-done"]);
    choose(q(root, "#f-status"), "needs_review");
    expect(keysShown(root)).toEqual(["order-shipped"]);
  });

  it("shows the backend's ranking in its order; Escape clears the search", async () => {
    const root = await mount();
    const input = q<HTMLInputElement>(root, "#lib-q");
    input.focus();
    type(input, "re"); // the fake ranks the titles with "re" in reverse order (not the sort's)
    await vi.waitFor(() => expect(calls("library_search").at(-1)?.args).toEqual({ query: "re" }));
    await vi.waitFor(() => expect(keysShown(root)).toEqual(["greeting", "refund-done"]));
    expect(q(root, ".lib-row.selected").dataset.key).toBe("greeting"); // the best match
    expect(input.getAttribute("aria-activedescendant")).toBe("lr-0");
    press("Escape");
    expect(input.value).toBe("");
    await vi.waitFor(() => expect(keysShown(root)).toEqual(["refund-done", "order-shipped", "greeting"]));
  });

  it("keeps fewer than 100 rows in the DOM with 10 000 replies and still reaches the last one", async () => {
    state.bulk = bulkRows(10000);
    const root = await mount();
    const list = q(root, "#lib-list");
    expect(q(root, ".lib-count").textContent).toBe("10003 replies");
    const rendered = qa(root, ".lib-row").length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    // the space of the rows not rendered is there (spacers), so the scroll bar is right
    expect(qa(root, ".vspace .vs").length).toBeGreaterThan(0);
    list.focus();
    press("End");
    const last = q(root, ".lib-row.selected");
    expect(last.dataset.key).toBe("bulk-09999");
    expect(last.getAttribute("aria-posinset")).toBe("10003");
    expect(list.getAttribute("aria-activedescendant")).toBe("lr-10002");
    expect(qa(root, ".lib-row").length).toBeLessThan(100);
    press("Home");
    expect(q(root, ".lib-row.selected").dataset.key).toBe("refund-done");
    press("PageDown");
    expect(Number(q(root, ".lib-row.selected").getAttribute("aria-posinset"))).toBeGreaterThan(5);
  });

  it("↑/↓ move, Enter edits, Escape goes back, Ctrl+N writes a new reply", async () => {
    const root = await mount();
    const input = q<HTMLInputElement>(root, "#lib-q");
    input.focus();
    press("ArrowDown");
    expect(q(root, ".lib-row.selected").dataset.key).toBe("order-shipped");
    press("ArrowUp");
    press("ArrowDown");
    press("Enter");
    await vi.waitFor(() => expect(q(root, ".lib-editor").hidden).toBe(false));
    expect(calls("template_get").at(-1)!.args).toEqual({ key: "order-shipped" });
    expect(q<HTMLInputElement>(root, "#ed-key").value).toBe("order-shipped");
    press("Escape");
    expect(q(root, ".lib-editor").hidden).toBe(true);
    expect(q(root, ".lib-row.selected").dataset.key).toBe("order-shipped");
    press("n", { ctrl: true, code: "KeyN" });
    await vi.waitFor(() => expect(q(root, ".lib-editor").hidden).toBe(false));
    expect(q<HTMLInputElement>(root, "#ed-key").value).toBe("");
    expect(q<HTMLInputElement>(root, "#ed-key").readOnly).toBe(false);
    expect(q(root, ".editor-title").textContent).toBe("New reply");
  });

  it("a team member who may not edit reads the library: no New, Import, Delete, Save or Ctrl+N", async () => {
    const root = await mount({ team_permissions: () => ({ role: "staff", may_edit: false, may_approve: false }) });
    await vi.waitFor(() => expect(document.documentElement.dataset.mayEdit).toBe("false"));
    expect(q(root, ".library-bar").textContent).toContain("only owners write replies");
    for (const id of ["library-new", "import-open", "library-deleted"]) {
      expect(q(root, `[data-testid="${id}"]`).classList.contains("edit-only"), id).toBe(true);
    }
    const list = q(root, "#lib-list");
    list.focus();
    press("ArrowDown");
    press("Delete");
    press("n", { ctrl: true, code: "KeyN" });
    await tick(20);
    expect(calls("template_delete")).toHaveLength(0);
    expect(document.documentElement.dataset.view).toBe("list");
    document.documentElement.dataset.mayEdit = "true";
  });

  it("without a team everyone edits", async () => {
    await mount({ team_permissions: () => ({ role: "solo", may_edit: true, may_approve: true }) });
    await vi.waitFor(() => expect(document.documentElement.dataset.mayEdit).toBe("true"));
  });

  it("Delete removes the selected reply; the toast's Undo brings it back", async () => {
    const root = await mount();
    const list = q(root, "#lib-list");
    list.focus();
    press("ArrowDown"); // order-shipped
    press("Delete");
    await vi.waitFor(() => expect(keysShown(root)).toEqual(["refund-done", "greeting"]));
    expect(calls("template_delete")[0].args).toEqual({ key: "order-shipped" });
    const toast = q(root, ".toast");
    expect(toast.hidden).toBe(false);
    expect(toast.textContent).toContain("Deleted “Tracking number”");
    expect(q(root, ".lib-row.selected").dataset.key).toBe("greeting"); // the next one
    q<HTMLButtonElement>(toast, '[data-testid="toast-undo"]').click();
    await vi.waitFor(() => expect(calls("template_undelete")[0]?.args).toEqual({ id: 1 }));
    await vi.waitFor(() => expect(keysShown(root)).toContain("order-shipped"));
    expect(q(root, ".lib-row.selected").dataset.key).toBe("order-shipped");
    expect(toast.hidden).toBe(true);
  });

  it("a refused delete shows the backend's message", async () => {
    const root = await mount({
      template_delete: () => {
        throw { code: "db", message: "the library is busy, try again" };
      },
    });
    q(root, "#lib-list").focus();
    press("Delete");
    await vi.waitFor(() => expect(q(root, ".library-bar").textContent).toContain("the library is busy, try again"));
    expect(q(root, ".library-bar").getAttribute("role")).toBe("alert");
    expect(keysShown(root)).toHaveLength(3);
  });

  it("Recently deleted lists what was deleted, with Restore", async () => {
    const root = await mount();
    q(root, "#lib-list").focus();
    press("Delete"); // refund-done, the first row
    await vi.waitFor(() => expect(keysShown(root)).toHaveLength(2));
    q<HTMLButtonElement>(root, '[data-testid="library-deleted"]').click();
    await vi.waitFor(() => expect(qa(root, ".deleted-item")).toHaveLength(1));
    expect(q(root, ".lib-deleted").hidden).toBe(false);
    expect(q(root, ".deleted-item .row-title").textContent).toBe("Refund processed");
    q<HTMLButtonElement>(root, '[data-testid="deleted-restore-refund-done"]').click();
    await vi.waitFor(() => expect(qa(root, ".deleted-item")).toHaveLength(0));
    expect(calls("template_undelete")[0].args).toEqual({ id: 1 });
    expect(q(root, ".library-bar").textContent).toContain("Restored “Refund processed”");
    press("Escape");
    expect(q(root, ".lib-listview").hidden).toBe(false);
    expect(keysShown(root)).toContain("refund-done");
  });

  it("library-changed reloads the list; library-open edit opens that reply", async () => {
    const root = await mount();
    state.templates[2].title = "Hello there";
    const loads = calls("library_list").length;
    await emit("library-changed");
    await vi.waitFor(() => expect(calls("library_list").length).toBe(loads + 1));
    await vi.waitFor(() => expect(q(root, '.lib-row[data-key="greeting"] .row-title').textContent).toBe("Hello there"));
    await emit("library-open", { key: "refund-done", view: "edit" });
    await vi.waitFor(() => expect(q<HTMLInputElement>(root, "#ed-key")?.value).toBe("refund-done"));
    expect(q(root, ".lib-editor").hidden).toBe(false);
  });

  it("says why when the library cannot be loaded", async () => {
    backend = libraryBackend(state, {
      library_list: () => {
        throw { code: "db", message: "database is locked" };
      },
    });
    const root = mountRoot();
    mountLibrary(root);
    await vi.waitFor(() => expect(q(root, "#lib-list .empty").textContent).toBe("Could not load the library: database is locked"));
    await tick(10);
  });
});
