// Development-only fake backend (vite dev server, or `npm run build:mock`).
// Never part of the production bundle: main.ts imports it behind compile-time flags.
//
// It does not render or check Fluent: templates, previews, validation errors and placeholder
// problems come from ui/tests/fixtures/core-previews.json, which the real Rust core wrote.
// A text it has no fixture for is answered with "(no fixture for this text — run the real app)".
//
// URL parameters: ?label=palette|settings|review|library  &ui=en|zh-CN  &lang=ar  &order=none
//                 &message=<copied buyer message>|none (palette suggestions; default: an Arabic question)
//                 &insights=empty (library → Insights: no buyer messages yet)
//                 &script=type:trk,key:Enter,wait:50   (drives the UI for screenshots)
//                 &review=empty (empty review queue)  &mtFail=quota|network|bad_key (review_translate,
//                 back_translate and test_provider fail with that mt_* code)  &pasteFail=1
//                 library: &rows=10000 (that many more generated replies)  &setup=1 (first-run setup needed)
//                 orders (mock/orders.ts): a path with "shopee" is a Shopee export, "pesanan" a localised one
//                 read once order_id is mapped, "missing" cannot be read, anything else a generic CSV
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { Settings, TeamStatus } from "../api";
import { core } from "./core-fixture";
import { ORDERS, params, settingsAnswer, sleep, store, uiLanguage } from "./data";
import * as palette from "./palette";
import * as library from "./library";
import * as orders from "./orders";
import * as insights from "./insights";
import * as providers from "./providers";
import * as review from "./review";
import { runScript } from "./script";

type Args = Record<string, any>;

const team: TeamStatus = { bound: false, remote: null, last_sync: null, last_error: null, pending: 0, unpushed: false, conflicts: [], role: "solo", sync_minutes: 5 };

function bindTeam(remote: string) {
  Object.assign(team, { bound: true, remote, last_sync: new Date().toISOString() });
  return { changed_here: 0, sent: 0, conflicts: [], notices: [] };
}

/** Commands that do not wait for a machine-translation provider. */
const COMMANDS: Record<string, (a: Args) => unknown> = {
  ui_language: () => uiLanguage(),
  palette_context: () => palette.context(review.reviewCount()),
  search: (a) => palette.search(a as never),
  palette_suggestions: (a) => palette.suggestions(a as never),
  find_orders: (a) => {
    const q = String(a.query ?? "").toLowerCase();
    return ORDERS.filter((o) => !q || o.order_id.toLowerCase().includes(q) || (o.buyer_name ?? "").toLowerCase().includes(q));
  },
  paste: (a) => palette.paste(a.request),
  hide_palette: () => (console.info("[mock] hide_palette"), null),
  open_review: () => (console.info("[mock] open_review"), null),
  get_settings: () => settingsAnswer(),
  save_settings: (a) => {
    const s = a.settings as Settings;
    if (s.hotkey.includes("Super")) throw { code: "hotkey", message: `${s.hotkey} is already used by the system.` };
    store.settings = structuredClone(s);
    return structuredClone(store.settings);
  },
  review_queue: () => review.queue(),
  review_preview: (a) => core.reviewPreview(a as never),
  review_save: (a) => review.save(a as never),
  review_decide: (a) => review.decide(a as never),
  list_providers: () => providers.list(),
  save_provider: (a) => providers.save(a as never),
  set_default_provider: (a) => providers.setDefault(a as never),
  // Settings → Team (an unbound library until "Share" or "Join" is pressed)
  team_status: () => structuredClone(team),
  team_permissions: () => ({ role: team.role, may_edit: true, may_approve: true }),
  team_init: (a) => bindTeam(String(a.remote)),
  team_join: (a) => bindTeam(String(a.remote)),
  team_sync: () => {
    if (!team.bound) throw { code: "invalid", message: "This library is not shared with a team yet." };
    team.last_sync = new Date().toISOString();
    return { changed_here: 0, sent: 0, conflicts: [], notices: [] };
  },
  team_set_token: () => null,
  // Settings → Backups
  backup_list: () => [],
  backup_create: () => ({ path: "backups/library-mock.sqlite3", created: new Date().toISOString(), bytes: 0, templates: null }),
  backup_restore: () => {
    throw { code: "bad_file", message: "The mock has no backups to restore." };
  },
  // library window
  library_list: () => library.list(),
  library_search: (a) => library.search(a as never),
  template_get: (a) => library.get(a as never),
  template_check: (a) => library.check(a as never),
  template_save: (a) => library.save(a as never),
  template_delete: (a) => library.remove(a as never),
  template_undelete: (a) => library.undelete(a as never),
  recently_deleted: () => library.recentlyDeleted(),
  template_history: (a) => library.historyOf(a as never),
  template_restore_version: (a) => library.restoreVersion(a as never),
  suggest_key: (a) => library.suggestKey(a as never),
  editor_vocabulary: () => library.vocabulary(),
  plural_snippet: (a) => library.pluralSnippet(a as never),
  template_preview: (a) => library.preview(a as never),
  import_preview: (a) => library.importPreview(a as never),
  import_apply: (a) => library.importApply(a as never),
  export_library: (a) => library.exportLibrary(a as never),
  setup_state: () => library.setupState(),
  setup_finish: (a) => library.setupFinish(a as never),
  setup_skip: () => library.setupSkip(),
  orders_import: (a) => library.ordersImport(a as never),
  orders_preview: (a) => orders.preview(a as never),
  orders_presets: () => orders.presetList(),
  orders_preset_delete: (a) => orders.presetDelete(a as never),
  orders_search: (a) => orders.search(a as never),
  orders_late: () => orders.late(),
  active_order: () => orders.activeOrder(),
  set_active_order: (a) => orders.setActiveOrder(a as never),
  copy_text: (a) => orders.copyText(a as never),
  insights: (a) => insights.insights(a as never),
  learned_picks: (a) => insights.learnedPicks(a as never),
  forget_pick: (a) => insights.forgetPick(a as never),
  open_library: (a) => (console.info("[mock] open_library", a.key), null),
  open_setup: () => (console.info("[mock] open_setup"), null),
  library_request: () => null,
  // @tauri-apps/plugin-dialog: a fixed answer instead of the system's picker
  // (an order file when the filters are the Orders view's: no .ods)
  "plugin:dialog|open": (a) =>
    a.options?.directory ? "/home/mei/Documents/reply-pack" : a.options?.filters?.[0]?.extensions?.includes("ods") === false ? "/home/mei/Downloads/shopee_order_all.xlsx" : "/home/mei/Downloads/replies.csv",
  "plugin:dialog|save": () => "/home/mei/Documents/library-export.csv",
};

/** Commands that call a provider: slower, and failing with ?mtFail=…. */
const MT_COMMANDS: Record<string, [number, (a: Args) => unknown]> = {
  back_translate: [400, (a) => review.backTranslate(a as never)],
  review_translate: [600, (a) => review.translate(a as never)],
  test_provider: [500, (a) => providers.test(a as never)],
  draft_translation: [600, (a) => library.draftTranslation(a as never)],
};

async function answer(cmd: string, args: Args): Promise<unknown> {
  await sleep(cmd === "search" || cmd === "library_search" ? 5 + Math.random() * 40 : cmd === "template_check" ? 10 : 30);
  const mt = MT_COMMANDS[cmd];
  if (mt) {
    await sleep(mt[0]);
    providers.mtFail();
    return mt[1](args);
  }
  const run = COMMANDS[cmd];
  if (!run) throw { code: "unknown_command", message: `mock: no command ${cmd}` };
  return run(args);
}

export function installMock(): void {
  mockWindows(params.get("label") ?? "palette");
  mockIPC((cmd, raw) => answer(cmd, (raw ?? {}) as Args), { shouldMockEvents: true });
  (window as any).__qrMock = {
    // The palette opens, then the suggestions for the copied message are ready a moment later.
    showPalette: () => {
      void emit("palette-shown", palette.context(review.reviewCount()));
      setTimeout(() => void emit("palette-suggestions"), 150);
    },
  };
  if (core.data.generated_by.startsWith("placeholder")) console.warn("[mock] tests/fixtures/core-previews.json is the hand-made placeholder: most texts have no fixture yet");
  const script = params.get("script");
  if (script) void runScript(script);
}
