// The library's Import… and Export… dialogs and the first-run setup.
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getLang, setLang } from "../src/i18n";
import { mountLibrary } from "../src/library/view";
import { mountRoot, press, q, qa, type } from "./support/dom";
import { libraryBackend, sampleState, type LibState } from "./support/library";

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

async function mount(overrides: Parameters<typeof libraryBackend>[1] = {}): Promise<HTMLElement> {
  backend = libraryBackend(state, overrides);
  const root = mountRoot();
  mountLibrary(root);
  await vi.waitFor(() => expect(root.querySelectorAll(".lib-row").length).toBeGreaterThan(0));
  return root;
}

const testid = <T extends HTMLElement = HTMLElement>(root: ParentNode, id: string) => q<T>(root, `[data-testid="${id}"]`);

function choose(sel: HTMLSelectElement, value: string): void {
  sel.value = value;
  sel.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("import", () => {
  it("previews what a path holds, with a choice per template and the warnings; Import sends the choices", async () => {
    const root = await mount();
    testid(root, "import-open").click();
    const dialog = testid(root, "import-dialog");
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(document.activeElement).toBe(testid(root, "import-path"));
    expect(testid<HTMLButtonElement>(root, "import-apply").disabled).toBe(true);
    choose(testid(root, "import-kind"), "pack");
    type(testid(root, "import-path"), "/home/mei/pack");
    testid(root, "import-preview").click();
    await vi.waitFor(() => expect(qa(dialog, ".import-row")).toHaveLength(2));
    expect(calls("import_preview")[0].args).toEqual({ request: { kind: "pack", path: "/home/mei/pack", source_locale: null, status: null } });
    // with a conflict: keep both / replace / skip; without: import / skip
    const greeting = testid<HTMLSelectElement>(root, "import-choice-greeting");
    expect([...greeting.options].map((o) => o.value)).toEqual(["keep_both", "replace", "skip"]);
    expect(greeting.value).toBe("keep_both");
    expect(q(dialog, '.import-row[data-key="greeting"]').textContent).toContain("Same as “Greeting”");
    const warranty = testid<HTMLSelectElement>(root, "import-choice-warranty");
    expect([...warranty.options].map((o) => o.textContent)).toEqual(["Import", "Skip"]);
    expect(q(dialog, ".warning-line").textContent).toBe("pack/en.ftl:12 an empty reply was left outskipped");
    expect(q(dialog, ".warning-line").classList.contains("warning-skipped")).toBe(true);
    choose(greeting, "replace");
    choose(warranty, "skip");
    testid(root, "import-apply").click();
    await vi.waitFor(() => expect(testid(root, "import-summary").hidden).toBe(false));
    expect(calls("import_apply")[0].args).toEqual({
      request: { kind: "pack", path: "/home/mei/pack", source_locale: null, status: null },
      choices: { greeting: "replace", warranty: "skip" },
    });
    expect(testid(root, "import-summary").textContent).toContain("Imported: 0 added, 1 replaced, 1 skipped.");
    expect(testid<HTMLButtonElement>(root, "import-apply").disabled).toBe(true); // done; preview again to import again
    await vi.waitFor(() => expect(calls("library_list").length).toBeGreaterThan(1)); // the list refreshes
    expect(document.activeElement?.textContent).toBe("Close"); // not lost with the disabled Import
    (document.activeElement as HTMLElement).blur();
    press("Escape"); // closes the dialog wherever the focus is
    expect(testid(root, "import-dialog")).toBeNull();
    expect(q(root, ".lib-listview").hidden).toBe(false);
  });

  it("a spreadsheet sends its source language and status; a changed path needs a new preview; errors are shown", async () => {
    const root = await mount({
      import_preview: (a) => {
        if (a.request.path.includes("missing")) throw { code: "io", message: "Cannot read /tmp/missing.csv" };
        return { items: [{ key: "x", title: "X", locales: ["en"], text: "x", conflict: null, default_choice: "keep_both" }], warnings: [] };
      },
    });
    testid(root, "import-open").click();
    choose(testid(root, "import-kind"), "sheet");
    expect(q(root, "#import-locale").closest("[hidden]")).toBeNull();
    type(testid(root, "import-path"), "/tmp/replies.csv");
    type(q(root, "#import-locale"), "zh-CN");
    choose(q(root, "#import-status"), "approved");
    testid(root, "import-preview").click();
    await vi.waitFor(() => expect(testid<HTMLButtonElement>(root, "import-apply").disabled).toBe(false));
    expect(calls("import_preview")[0].args.request).toEqual({ kind: "sheet", path: "/tmp/replies.csv", source_locale: "zh-CN", status: "approved" });
    type(testid(root, "import-path"), "/tmp/missing.csv");
    expect(testid<HTMLButtonElement>(root, "import-apply").disabled).toBe(true);
    testid(root, "import-preview").click();
    await vi.waitFor(() => expect(q(root, "#import .dialog-status").textContent).toBe("Import failed: Cannot read /tmp/missing.csv"));
    expect(q(root, "#import .dialog-status").getAttribute("role")).toBe("alert");
    press("Escape");
    expect(testid(root, "import-dialog")).toBeNull();
  });

  it("Browse… fills the path from the system's picker (folder for a pack, a file with spreadsheet filters)", async () => {
    const root = await mount({
      "plugin:dialog|open": (a) => (a.options.directory ? "/picked/folder" : "/picked/file.xlsx"),
    });
    testid(root, "import-open").click();
    q<HTMLButtonElement>(root, "#import-browse").click();
    await vi.waitFor(() => expect(testid<HTMLInputElement>(root, "import-path").value).toBe("/picked/folder"));
    expect(calls("plugin:dialog|open")[0].args.options.directory).toBe(true);
    choose(testid(root, "import-kind"), "espanso");
    expect(q(root, "#import-browse-folder")).not.toBeNull(); // file or folder
    choose(testid(root, "import-kind"), "sheet");
    q<HTMLButtonElement>(root, "#import-browse").click();
    await vi.waitFor(() => expect(testid<HTMLInputElement>(root, "import-path").value).toBe("/picked/file.xlsx"));
    const opts = calls("plugin:dialog|open")[1].args.options;
    expect(opts.directory).toBe(false);
    expect(opts.filters[0].extensions).toEqual(["csv", "tsv", "txt", "xlsx", "xls", "ods"]);
  });
});

describe("export", () => {
  it("exports to a CSV file chosen with a save dialog and shows the summary", async () => {
    const root = await mount({ "plugin:dialog|save": () => "/home/mei/library.csv" });
    testid(root, "export-open").click();
    choose(testid(root, "export-kind"), "csv");
    q<HTMLButtonElement>(root, "#export-browse").click();
    await vi.waitFor(() => expect(testid<HTMLInputElement>(root, "export-path").value).toBe("/home/mei/library.csv"));
    testid(root, "export-apply").click();
    await vi.waitFor(() => expect(testid(root, "export-summary").textContent).toBe("Exported 3 replies to /home/mei/library.csv"));
    expect(calls("export_library")[0].args).toEqual({ kind: "csv", path: "/home/mei/library.csv" });
  });
});

describe("first-run setup", () => {
  it("opens when needed; Finish sends the answers and shows the list", async () => {
    state.setup.needed = true;
    backend = libraryBackend(state);
    const root = mountRoot();
    mountLibrary(root);
    await vi.waitFor(() => expect(q(root, ".lib-setup")).not.toBeNull());
    expect(q(root, ".lib-toolbar").hidden).toBe(true);
    expect(q<HTMLInputElement>(root, "#setup-shop").value).toBe("Lotus Home");
    expect(q(root, "#setup-hotkey").textContent).toBe("Ctrl+Shift+Space");
    type(q(root, "#setup-shop"), "Lotus Home & Garden");
    type(q(root, "#setup-signature"), "Best regards, Mei");
    type(q(root, "#setup-deflang"), "ar");
    // orders, optional
    type(q(root, "#setup-orders-path"), "/home/mei/orders.csv");
    q<HTMLButtonElement>(root, "#setup-orders-import").click();
    await vi.waitFor(() => expect(testid(root, "setup-orders-summary").textContent).toContain("5 orders imported, 1 skipped."));
    expect(testid(root, "setup-orders-summary").textContent).toContain("line 3: no order id");
    expect(calls("orders_import")[0].args).toEqual({ path: "/home/mei/orders.csv", options: null });
    q<HTMLButtonElement>(root, "#setup-finish").click();
    await vi.waitFor(() => expect(calls("setup_finish")).toHaveLength(1));
    expect(calls("setup_finish")[0].args).toEqual({ answers: { shop_name: "Lotus Home & Garden", signature: "Best regards, Mei", ui_lang: "auto", default_lang: "ar" } });
    await vi.waitFor(() => expect(q(root, ".lib-setup")).toBeNull());
    expect(q(root, ".lib-listview").hidden).toBe(false);
    expect(q(root, ".library-bar").textContent).toContain("Setup done");
  });

  it("switches the interface language at once, keeping what was typed; a bad language blocks Finish", async () => {
    state.setup.needed = true;
    backend = libraryBackend(state);
    const root = mountRoot();
    mountLibrary(root);
    await vi.waitFor(() => expect(q(root, ".lib-setup")).not.toBeNull());
    type(q(root, "#setup-shop"), "莲花家居");
    choose(q(root, "#setup-ui"), "zh-CN");
    expect(getLang()).toBe("zh-CN");
    expect(q(root, ".setup-title").textContent).toBe("欢迎使用 QuickReply");
    expect(q<HTMLInputElement>(root, "#setup-shop").value).toBe("莲花家居");
    expect(q<HTMLSelectElement>(root, "#setup-ui").value).toBe("zh-CN");
    type(q(root, "#setup-deflang"), "not a language");
    q<HTMLButtonElement>(root, "#setup-finish").click();
    expect(q(root, "#setup-deflang-err").textContent).not.toBe("");
    expect(calls("setup_finish")).toHaveLength(0);
    q<HTMLButtonElement>(root, "#setup-skip").click();
    await vi.waitFor(() => expect(calls("setup_skip")).toHaveLength(1));
    await vi.waitFor(() => expect(q(root, ".lib-setup")).toBeNull());
    expect(q(root, ".lib-title").textContent).toBe("回复模板库");
  });

  it("library-open with view setup opens it; a refused finish shows the message", async () => {
    const root = await mount({
      setup_finish: () => {
        throw { code: "invalid", message: "The shop name is too long." };
      },
    });
    expect(q(root, ".lib-setup")).toBeNull();
    await emit("library-open", { key: null, view: "setup" });
    await vi.waitFor(() => expect(q(root, ".lib-setup")).not.toBeNull());
    q<HTMLButtonElement>(root, "#setup-finish").click();
    await vi.waitFor(() => expect(q(root, ".setup-footer .dialog-status").textContent).toBe("Setup failed: The shop name is too long."));
    expect(q(root, ".lib-setup")).not.toBeNull();
  });
});

describe("a new library window", () => {
  it("opens on the view its URL names (#view=setup, #view=edit&key=…)", async () => {
    const { LibraryWindow } = await import("../src/library/window");
    expect(LibraryWindow.initialOpen("#view=edit&key=order-shipped")).toEqual({ view: "edit", key: "order-shipped" });
    expect(LibraryWindow.initialOpen("#view=setup")).toEqual({ view: "setup", key: null });
    expect(LibraryWindow.initialOpen("")).toBeNull();
    expect(LibraryWindow.initialOpen("#view=nope")).toBeNull();
    history.replaceState(null, "", "#view=edit&key=refund-done");
    try {
      const root = await mount();
      await vi.waitFor(() => expect(q<HTMLInputElement>(root, '[data-testid="editor-key"]').value).toBe("refund-done"));
      expect(q(root, ".lib-editor").hidden).toBe(false);
    } finally {
      history.replaceState(null, "", location.pathname);
    }
  });
});

describe("the backend's own answers", () => {
  it("a window opened for a reply (library_request) shows it; orders_import's report with skipped rows is summed up", async () => {
    let asked = 0;
    const root = await mount({
      library_request: () => (asked++ ? null : { key: "greeting", view: "edit" }),
      orders_import: () => ({ format: "amazon", imported: 7, inserted: 6, updated: 1, skipped: [{ file: "o.txt", line: 4, message: "no order id" }] }),
    });
    await vi.waitFor(() => expect(q<HTMLInputElement>(root, '[data-testid="editor-key"]').value).toBe("greeting"));
    expect(asked).toBe(1);
    await emit("library-open", { key: null, view: "setup" });
    await vi.waitFor(() => expect(q(root, ".lib-setup")).not.toBeNull());
    type(q(root, "#setup-orders-path"), "/tmp/o.txt");
    q<HTMLButtonElement>(root, "#setup-orders-import").click();
    await vi.waitFor(() => expect(testid(root, "setup-orders-summary").textContent).toBe("7 orders imported, 1 skipped.line 4: no order id"));
  });
});
