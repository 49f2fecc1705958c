//! Builds the web UI (ui/ → ui/dist) before Tauri embeds it, so `cargo build` alone yields the
//! complete app. Needs `npm ci` to have run in ui/ once (./scripts/setup.sh does it).

use std::path::Path;
use std::process::Command;

/// Commands the front end may call; each window's capability file allows a subset.
const COMMANDS: &[&str] = &[
    "palette_context",
    "search",
    "find_orders",
    "paste",
    "hide_palette",
    "get_settings",
    "save_settings",
    "ui_language",
    "review_queue",
    "review_preview",
    "review_save",
    "review_decide",
    "back_translate",
    "review_translate",
    "open_review",
    "list_providers",
    "save_provider",
    "test_provider",
    "set_default_provider",
    "library_request",
    "open_library",
    "open_setup",
    "library_list",
    "library_search",
    "template_get",
    "template_check",
    "template_save",
    "template_delete",
    "template_undelete",
    "recently_deleted",
    "template_history",
    "template_restore_version",
    "suggest_key",
    "editor_vocabulary",
    "plural_snippet",
    "template_preview",
    "draft_translation",
    "import_preview",
    "import_apply",
    "export_library",
    "setup_state",
    "setup_finish",
    "setup_skip",
    "orders_import",
    "orders_preview",
    "orders_presets",
    "orders_preset_delete",
    "orders_search",
    "orders_late",
    "active_order",
    "set_active_order",
    "copy_text",
    "team_status",
    "team_permissions",
    "team_sync",
    "team_init",
    "team_join",
    "team_set_token",
    "team_set_sync_minutes",
    "backup_list",
    "backup_create",
    "backup_restore",
    "palette_suggestions",
    "insights",
    "learned_picks",
    "forget_pick",
];

fn main() {
    build_ui();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}

fn build_ui() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui");
    for input in [
        "src",
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "tsconfig.json",
    ] {
        println!("cargo:rerun-if-changed={}", ui.join(input).display());
    }
    println!("cargo:rerun-if-env-changed=QUICKREPLY_SKIP_UI_BUILD");
    if std::env::var_os("QUICKREPLY_SKIP_UI_BUILD").is_some() && ui.join("dist/index.html").exists()
    {
        return;
    }
    if !ui.join("node_modules").exists() {
        panic!(
            "ui/node_modules is missing: run ./scripts/setup.sh once (it runs `npm ci` in ui/), then build again"
        );
    }
    let status = Command::new("npm")
        .args(["run", "--silent", "build"])
        .current_dir(&ui)
        .status()
        .expect("cannot run npm: install Node.js 20+ (./scripts/setup.sh)");
    assert!(
        status.success(),
        "the UI build failed (npm run build in ui/): see the errors above"
    );
}
