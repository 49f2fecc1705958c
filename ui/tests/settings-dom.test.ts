// The settings window against a fake backend.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo, ProviderConfig, Settings, SyncReport, TeamStatus } from "../src/api";
import { getLang, setLang } from "../src/i18n";
import { mountSettings } from "../src/settings/view";
import { fakeBackend, mountRoot, press, q, qa, tick, type } from "./support/dom";

const SETTINGS: Settings = {
  hotkey: "Ctrl+Shift+Space",
  paste_keystroke: "Ctrl+V",
  default_lang: "en",
  ui_lang: "en",
  autostart: true,
  shop_vars: { shop_name: "Lotus Home", support_email: "help@lotus.example" },
  paste_overrides: { "Gnome-terminal": "Ctrl+Shift+V" },
  order_retention_days: 400,
  message_retention_days: 60,
};

const PROVIDERS: ProviderConfig[] = [
  { name: "deepl", kind: "deepl", url: null, model: null, formality: "more", glossary: null, has_key: true },
  { name: "local-llm", kind: "openai", url: "http://127.0.0.1:8080/v1", model: "qwen", formality: null, glossary: null, has_key: false },
];

const UNBOUND: TeamStatus = { bound: false, remote: null, last_sync: null, last_error: null, pending: 0, unpushed: false, conflicts: [], role: "solo", sync_minutes: 5 };
const REMOTE = "https://git.example.com/lotus/replies.git";
const CONFLICT = { key: "where-is-my-order", locale: "ar", kind: "both_edited", kept: "نص أ", other: "نص ب", other_author: "Aisha" } as const;

type TeamOpts = { status?: TeamStatus; sync?: () => SyncReport; init?: (remote: string) => SyncReport };

let backend: ReturnType<typeof fakeBackend> | null = null;

function start(opts: { save?: (s: Settings) => Settings; uiLanguage?: string; setupFails?: boolean; team?: TeamOpts; backups?: BackupInfo[] } = {}) {
  let team: TeamStatus = structuredClone(opts.team?.status ?? UNBOUND);
  const backups: BackupInfo[] = structuredClone(opts.backups ?? []);
  setLang("en");
  backend = fakeBackend((cmd, args) => {
    switch (cmd) {
      case "get_settings":
        return structuredClone(SETTINGS);
      case "save_settings":
        return opts.save ? opts.save(args.settings) : args.settings;
      case "ui_language":
        return opts.uiLanguage ?? "en";
      case "list_providers":
        return { providers: structuredClone(PROVIDERS), default_provider: "deepl", cache_entries: 12, billed_chars: 3400 };
      case "save_provider":
        return { ...args.config, has_key: !!args.key };
      case "test_provider":
        return "ok: 5 of 500 characters used";
      case "set_default_provider":
        return null;
      case "team_status":
        return structuredClone(team);
      case "team_init": {
        const report = opts.team?.init ? opts.team.init(args.remote) : { changed_here: 0, sent: 12, conflicts: [], notices: [] };
        team = { ...team, bound: true, remote: args.remote, last_sync: new Date().toISOString() };
        return report;
      }
      case "team_sync": {
        const report = opts.team?.sync ? opts.team.sync() : { changed_here: 0, sent: 0, conflicts: [], notices: [] };
        team = { ...team, conflicts: report.conflicts, pending: 0 };
        return report;
      }
      case "team_set_token":
        return null;
      case "backup_list":
        return structuredClone(backups);
      case "backup_create": {
        const made = { path: `/data/backups/library-${backups.length}.sqlite3`, created: "2026-11-30T09:00:00Z", bytes: 1000, templates: 12 };
        backups.unshift(made);
        return made;
      }
      case "backup_restore":
        if (args.path.includes("broken")) throw { code: "bad_file", message: `${args.path}: the file is damaged` };
        return { restored: backups.find((b) => b.path === args.path), before: backups[0] };
      case "open_review":
        return null;
      case "open_setup":
        if (opts.setupFails) throw { code: "platform", message: "the library window could not be created" };
        return null;
    }
    throw { code: "unknown", message: cmd };
  });
  const root = mountRoot();
  mountSettings(root);
  return root;
}

afterEach(() => {
  backend?.dispose();
  backend = null;
});

const saves = () => backend!.calls.filter((c) => c.cmd === "save_settings").map((c) => c.args.settings as Settings);
const lists = (root: HTMLElement) => qa(root, ".vars-list");
const names = (list: HTMLElement) => qa<HTMLInputElement>(list, ".var-item input.mono").map((i) => i.value);
const saveButton = (root: HTMLElement) => q<HTMLButtonElement>(root, ".settings-footer .btn-primary");
const buttonText = (root: HTMLElement, text: string) => qa<HTMLButtonElement>(root, "button").find((b) => b.textContent?.includes(text))!;

async function loaded(root: HTMLElement): Promise<void> {
  await vi.waitFor(() => expect(q(root, ".settings-form")).not.toBeNull());
  await vi.waitFor(() => expect(qa(root, ".provider-card")).toHaveLength(2));
}

describe("settings", () => {
  it("shows the settings, the rows and the providers", async () => {
    const root = start();
    await loaded(root);
    expect(qa(root, "#hotkey kbd").map((k) => k.textContent)).toEqual(["Ctrl", "Shift", "Space"]);
    const [apps, vars] = [q(root, "#paste-apps-list"), lists(root)[1]];
    expect(names(apps)).toEqual(["Gnome-terminal"]);
    expect(names(vars)).toEqual(["shop_name", "support_email"]);
    expect(qa<HTMLInputElement>(vars, ".var-item input:not(.mono)").map((i) => i.value)).toEqual(["Lotus Home", "help@lotus.example"]);
    expect(q(root, ".var-head")).not.toBeNull();
    expect(qa<HTMLOptionElement>(root, "#uilang option").map((o) => o.value)).toEqual(["auto", "en", "zh-CN"]);
    expect(qa<HTMLOptionElement>(root, "#mt-default option").map((o) => o.value)).toEqual(["", "deepl", "local-llm"]);
    expect(q(root, ".mt-stats").textContent).toContain("12");
    expect(root.querySelector("[style]")).toBeNull();
  });

  it("adds, checks and removes shop variables and paste keys, and saves them", async () => {
    const root = start();
    await loaded(root);
    const vars = lists(root)[1];
    buttonText(root, "Add variable").click();
    const fresh = qa<HTMLInputElement>(vars, ".var-item input.mono")[2];
    expect(document.activeElement).toBe(fresh);
    expect(fresh.getAttribute("aria-invalid")).toBeNull(); // no nagging while it is empty
    type(fresh, "1bad");
    expect(fresh.getAttribute("aria-invalid")).not.toBeNull();
    expect(qa(vars, ".var-error")[2].textContent).not.toBe("");
    type(fresh, "shop_name");
    expect(qa(vars, ".var-error")[2].textContent).not.toBe(""); // duplicate
    expect(qa(vars, ".var-error")[0].textContent).toBe("");
    press("s", { ctrl: true, code: "KeyS" });
    expect(saves()).toHaveLength(0);
    expect(q(root, ".save-status.status-error")).not.toBeNull();
    expect(document.activeElement).toBe(fresh);

    type(fresh, "greeting");
    const value = qa<HTMLInputElement>(vars, ".var-item input:not(.mono)")[2];
    type(value, "Salam");
    // remove the first row: the focus moves to the row now in its place
    qa<HTMLButtonElement>(vars, ".btn-icon")[0].click();
    expect(names(vars)).toEqual(["support_email", "greeting"]);
    expect(document.activeElement).toBe(qa(vars, ".var-item input.mono")[0]);

    const apps = q(root, "#paste-apps-list");
    buttonText(root, "Add application").click();
    type(qa<HTMLInputElement>(apps, ".var-item input")[1], "gnome-TERMINAL");
    expect(qa(apps, ".var-error")[1].textContent).not.toBe(""); // same application, other case
    type(qa<HTMLInputElement>(apps, ".var-item input")[1], "XTerm");
    expect(qa(apps, ".var-error")[1].textContent).toBe("");
    const sel = q<HTMLSelectElement>(qa(apps, ".var-item")[0], "select");
    sel.value = "Shift+Insert";
    sel.dispatchEvent(new Event("change"));

    // happy-dom does not select an option marked selected before it joins its <select>
    q<HTMLSelectElement>(root, "#paste").value = "Ctrl+V";
    q<HTMLSelectElement>(root, "#uilang").value = "en";
    q<HTMLFormElement>(root, ".settings-form").dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toEqual({
      ...SETTINGS,
      shop_vars: { support_email: "help@lotus.example", greeting: "Salam" },
      paste_overrides: { "Gnome-terminal": "Shift+Insert", XTerm: "Ctrl+Shift+V" },
    });
    await vi.waitFor(() => expect(q(root, ".save-status.status-ok")).not.toBeNull());
    // the form is rebuilt from what the backend stored
    expect(names(lists(root)[1])).toEqual(["support_email", "greeting"]);
  });

  it("removing the last rows shows the empty note", async () => {
    const root = start();
    await loaded(root);
    const apps = q(root, "#paste-apps-list");
    qa<HTMLButtonElement>(apps, ".btn-icon")[0].click();
    expect(q(apps, ".empty-note")).not.toBeNull();
  });

  it("keeps orders for N days: 1 to 3650 whole days, shown in both languages, saved", async () => {
    const root = start();
    await loaded(root);
    const days = q<HTMLInputElement>(root, '[data-testid="settings-retention"]');
    expect(days.value).toBe("400");
    expect(q(root, 'label[for="retention"]').textContent).toBe("Keep orders for");
    expect(q(root, "#sec-orders").textContent).toBe("Orders");
    for (const bad of ["0", "3651", "12.5", "", "-3", "abc"]) {
      type(days, bad);
      expect(q(root, "#retention-err").textContent, bad).toBe("Enter a whole number of days from 1 to 3650.");
      expect(days.hasAttribute("aria-invalid")).toBe(true);
    }
    q<HTMLFormElement>(root, ".settings-form").dispatchEvent(new Event("submit", { cancelable: true }));
    await tick(10);
    expect(saves()).toHaveLength(0); // blocked
    expect(q(root, ".settings-footer .save-status").textContent).toBe("Please fix the highlighted fields.");
    type(days, "3650");
    expect(q(root, "#retention-err").textContent).toBe("");
    expect(days.hasAttribute("aria-invalid")).toBe(false);
    type(days, "30");
    saveButton(root).click();
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0].order_retention_days).toBe(30);
    await vi.waitFor(() => expect(q(root, ".save-status.status-ok")).not.toBeNull());
    expect(q<HTMLInputElement>(root, "#retention").value).toBe("30"); // rebuilt from the answer
    backend!.dispose();
    const zh = start();
    setLang("zh-CN");
    await loaded(zh);
    expect(q(zh, 'label[for="retention"]').textContent).toBe("订单保留");
    expect(q(zh, "#retention-help").textContent).toContain("1–3650 天");
  });

  it("keeps buyer messages for a number of days; 0 turns learning off, -1 is refused", async () => {
    const root = start();
    await loaded(root);
    const days = q<HTMLInputElement>(root, "#message-retention");
    expect(days.value).toBe("60");
    type(days, "-1");
    expect(q(root, "#message-retention-err").textContent).toBe("Enter a whole number of days from 0 to 3650.");
    saveButton(root).click();
    await tick(10);
    expect(saves()).toHaveLength(0);
    type(days, "0");
    expect(days.hasAttribute("aria-invalid")).toBe(false);
    saveButton(root).click();
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0].message_retention_days).toBe(0);
    expect(q(root, "#message-retention-help").textContent).toContain("never exported");
  });

  it("records a hotkey; a refused one is shown and the old one kept", async () => {
    const root = start({
      save: () => {
        throw { code: "hotkey", message: "Ctrl+Alt+K is already used by the system." };
      },
    });
    await loaded(root);
    const hotkey = q<HTMLButtonElement>(root, "#hotkey");
    hotkey.click();
    expect(hotkey.getAttribute("aria-pressed")).toBe("true");
    hotkey.dispatchEvent(new KeyboardEvent("keydown", { key: "k", code: "KeyK", ctrlKey: true, altKey: true, bubbles: true, cancelable: true }));
    expect(qa(hotkey, "kbd").map((k) => k.textContent)).toEqual(["Ctrl", "Alt", "K"]);
    saveButton(root).click();
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0].hotkey).toBe("Ctrl+Alt+K");
    await vi.waitFor(() => expect(q(root, "#hotkey-err").textContent).toContain("already used"));
    expect(qa(hotkey, "kbd").map((k) => k.textContent)).toEqual(["Ctrl", "Shift", "Space"]);
  });

  it("a changed interface language applies after saving; the backend resolves auto", async () => {
    const root = start({ uiLanguage: "zh-CN" });
    await loaded(root);
    const ui = q<HTMLSelectElement>(root, "#uilang");
    ui.value = "auto";
    saveButton(root).click();
    await vi.waitFor(() => expect(getLang()).toBe("zh-CN"));
    expect(saves()[0].ui_lang).toBe("auto");
    expect(backend!.calls.filter((c) => c.cmd === "ui_language")).toHaveLength(1);
    await tick(10);
    expect(q(root, ".settings-title").textContent).not.toBe("QuickReply Settings");
    q<HTMLSelectElement>(root, "#uilang").value = "en";
    saveButton(root).click();
    await vi.waitFor(() => expect(getLang()).toBe("en"));
    expect(backend!.calls.filter((c) => c.cmd === "ui_language")).toHaveLength(1); // a concrete one is not asked
  });

  it("saves a provider on its own and tests it", async () => {
    const root = start();
    await loaded(root);
    const card = qa(root, ".provider-card")[1];
    const model = q<HTMLInputElement>(card, `input[id$="-model"]`);
    type(model, "llama");
    const [test] = qa<HTMLButtonElement>(card, ".provider-actions .btn");
    test.click(); // a changed form is saved first
    await vi.waitFor(() => expect(q(qa(root, ".provider-card")[1], ".provider-status").textContent).toContain("5 of 500"));
    const cmds = backend!.calls.map((c) => c.cmd);
    expect(cmds.indexOf("save_provider")).toBeLessThan(cmds.indexOf("test_provider"));
    expect(backend!.calls.find((c) => c.cmd === "save_provider")!.args).toEqual({
      config: { ...PROVIDERS[1], model: "llama" },
      key: null,
    });
    expect(saves()).toHaveLength(0);
  });

  it("Run first-run setup again opens the library window's setup; a failure is shown", async () => {
    let root = start();
    await loaded(root);
    q<HTMLButtonElement>(root, "#run-setup").click();
    await vi.waitFor(() => expect(backend!.calls.filter((c) => c.cmd === "open_setup")).toHaveLength(1));
    expect(q(root, ".settings-footer .save-status").textContent).toBe("");
    backend!.dispose();
    root = start({ setupFails: true });
    await loaded(root);
    q<HTMLButtonElement>(root, "#run-setup").click();
    await vi.waitFor(() => expect(q(root, ".settings-footer .save-status").textContent).toBe("Could not open the setup: the library window could not be created"));
  });
});

describe("settings → team", () => {
  const teamNote = (root: HTMLElement) => q(root, ".team-note");

  it("shares an unbound library: the address is required, then the status shows the repository", async () => {
    const root = start();
    await loaded(root);
    await vi.waitFor(() => expect(q(root, "#team-remote")).not.toBeNull());
    q<HTMLButtonElement>(root, "#team-init").click();
    expect(teamNote(root).textContent).toBe("Enter the repository's address first.");
    expect(backend!.calls.some((c) => c.cmd === "team_init")).toBe(false);
    type(q<HTMLInputElement>(root, "#team-remote"), `  ${REMOTE} `);
    q<HTMLButtonElement>(root, "#team-init").click();
    await vi.waitFor(() => expect(q(root, ".team-status")).not.toBeNull());
    expect(backend!.calls.find((c) => c.cmd === "team_init")!.args.remote).toBe(REMOTE);
    expect(teamNote(root).textContent).toBe("Synced: 0 changes received, 12 sent.");
    expect(q(root, ".team-status").textContent).toContain(REMOTE);
    expect(q(root, ".team-status").textContent).toContain("just now");
  });

  it("a sync that brings a conflict says so and lists it, with the way to the review window", async () => {
    const bound: TeamStatus = { ...UNBOUND, bound: true, remote: REMOTE, last_sync: "2026-11-30T08:00:00Z", pending: 2, role: "owner" };
    const root = start({ team: { status: bound, sync: () => ({ changed_here: 3, sent: 2, conflicts: [CONFLICT], notices: [] }) } });
    await loaded(root);
    await vi.waitFor(() => expect(q(root, "#team-sync")).not.toBeNull());
    expect(q(root, ".team-status").textContent).toContain("Owner: edits and approves");
    q<HTMLButtonElement>(root, "#team-sync").click();
    await vi.waitFor(() => expect(q(root, ".team-conflicts")).not.toBeNull());
    expect(teamNote(root).className).toContain("status-error");
    expect(teamNote(root).textContent).toBe("Synced: 3 changes received, 2 sent. 1 conflicts to review.");
    expect(q(root, ".team-conflicts li").textContent).toBe("where-is-my-order · ar");
    buttonText(root, "Open review").click();
    expect(backend!.calls.some((c) => c.cmd === "open_review")).toBe(true);
  });

  it("a failed sync shows the host's words and keeps the status", async () => {
    const bound: TeamStatus = { ...UNBOUND, bound: true, remote: REMOTE, last_sync: null, pending: 1 };
    const root = start({
      team: {
        status: bound,
        sync: () => {
          throw { code: "remote", message: "the team repository could not be reached; your changes are kept" };
        },
      },
    });
    await loaded(root);
    await vi.waitFor(() => expect(q(root, "#team-sync")).not.toBeNull());
    expect(q(root, ".team-status").textContent).toContain("never");
    q<HTMLButtonElement>(root, "#team-sync").click();
    await vi.waitFor(() => expect(teamNote(root).className).toContain("status-error"));
    expect(teamNote(root).textContent).toContain("could not be reached");
    expect(q<HTMLButtonElement>(root, "#team-sync").disabled).toBe(false);
  });

  it("the token goes to the backend once and is not kept in the form", async () => {
    const root = start();
    await loaded(root);
    await vi.waitFor(() => expect(q(root, "#team-token")).not.toBeNull());
    const token = q<HTMLInputElement>(root, "#team-token");
    expect(token.type).toBe("password");
    type(token, "ghp_secret123");
    buttonText(root, "Save token").click();
    await vi.waitFor(() => expect(teamNote(root).textContent).toBe("Token saved in the system keyring."));
    expect(backend!.calls.filter((c) => c.cmd === "team_set_token").map((c) => c.args.token)).toEqual(["ghp_secret123"]);
    expect(q<HTMLInputElement>(root, "#team-token").value).toBe("");
  });
});

describe("settings → backups", () => {
  const OLD: BackupInfo = { path: "/data/backups/library-20261129-090000.sqlite3", created: "2026-11-29T09:00:00Z", bytes: 2000, templates: 40 };
  const BROKEN: BackupInfo = { path: "/data/backups/broken.sqlite3", created: "2026-11-28T09:00:00Z", bytes: 10, templates: null };

  it("lists backups, makes one now, and restores only after a second press", async () => {
    const root = start({ backups: [OLD, BROKEN] });
    await loaded(root);
    await vi.waitFor(() => expect(qa(root, ".backup-row")).toHaveLength(2));
    expect(q(root, ".backup-row .backup-count").textContent).toBe("40 replies");
    q<HTMLButtonElement>(root, "#backup-now").click();
    await vi.waitFor(() => expect(qa(root, ".backup-row")).toHaveLength(3));
    expect(q(root, ".backup-note").textContent).toBe("Backup made.");

    const restoreOld = () => qa<HTMLButtonElement>(root, ".backup-row button")[1];
    restoreOld().click();
    expect(backend!.calls.some((c) => c.cmd === "backup_restore")).toBe(false);
    expect(restoreOld().textContent).toBe("Replace the library with this backup");
    restoreOld().click();
    await vi.waitFor(() => expect(q(root, ".backup-note").textContent).toContain("Restored."));
    expect(backend!.calls.filter((c) => c.cmd === "backup_restore").map((c) => c.args.path)).toEqual([OLD.path]);
  });

  it("a refused restore says why", async () => {
    const root = start({ backups: [BROKEN] });
    await loaded(root);
    await vi.waitFor(() => expect(qa(root, ".backup-row")).toHaveLength(1));
    q<HTMLButtonElement>(root, ".backup-row button").click();
    q<HTMLButtonElement>(root, ".backup-row button").click();
    await vi.waitFor(() => expect(q(root, ".backup-note").className).toContain("status-error"));
    expect(q(root, ".backup-note").textContent).toContain("the file is damaged");
  });
});
