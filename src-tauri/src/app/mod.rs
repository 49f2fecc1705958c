//! The desktop app: tray, hotkey, pre-created hidden palette, settings window. `setup()` wires
//! the core (store, renderer, search) and the platform ports into Tauri; every command is one
//! core call.

mod commands;
mod error;
mod hotkey;
mod instance;
mod language;
mod palette;
mod review;
mod settings;
mod state;
mod tray;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quickreply_core::pack::{self, ImportOptions, Pack};
use quickreply_core::store::Store;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_autostart::ManagerExt as _;

use settings::Settings;
use state::AppState;

/// What a launch should show first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Plain start: tray only (a second plain launch opens the settings of the first).
    Nothing,
    /// `quickreply palette`: open the palette (of the running instance, if any).
    Palette,
    /// `quickreply review open`: open the review window (of the running instance, if any).
    Review,
}

/// Starts the app, or hands over to the instance already serving this library.
pub fn run(db_path: PathBuf, open: Open) -> ExitCode {
    let command = match open {
        Open::Palette => instance::SHOW_PALETTE,
        Open::Review => instance::SHOW_REVIEW,
        Open::Nothing => instance::SHOW_SETTINGS,
    };
    match instance::send(&db_path, command) {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(e) => {
            eprintln!("quickreply: cannot reach a running instance ({e}); starting a new one")
        }
    }
    let store = match open_library(&db_path) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("quickreply: {e}");
            return ExitCode::from(if e.is_user_error() { 2 } else { 1 });
        }
    };
    let settings = match Settings::load(&store) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("quickreply: cannot read settings: {e}");
            return ExitCode::from(1);
        }
    };
    let log_dir = db_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        .join("logs");
    let state = AppState::new(db_path.clone(), store, settings.hotkey.clone());

    let builder = tauri::Builder::default()
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Folder {
                        path: log_dir,
                        file_name: Some("quickreply".into()),
                    },
                ))
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Stderr,
                ))
                .level(log::LevelFilter::Info)
                // The HTTP client's request logs carry URLs (Google takes the key as ?key=):
                // never let them reach the log file, whatever the level above.
                .level_for("ureq", log::LevelFilter::Warn)
                .level_for("ureq_proto", log::LevelFilter::Warn)
                .build(),
        )
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .plugin(hotkey::plugin());
    #[cfg(not(unix))]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
        if argv.iter().any(|a| a == "palette") {
            palette::show(app);
        } else if argv.iter().any(|a| a == "review") {
            review::open_review_window(app);
        } else {
            open_settings(app);
        }
    }));

    let result = builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::palette_context,
            commands::search,
            commands::find_orders,
            commands::paste,
            commands::hide_palette,
            commands::get_settings,
            commands::save_settings,
            review::review_queue,
            review::review_preview,
            review::review_save,
            review::review_decide,
            review::back_translate,
            review::review_translate,
            review::open_review,
            review::list_providers,
            review::save_provider,
            review::test_provider,
            review::set_default_provider,
        ])
        .setup(move |app| {
            let handle = app.handle().clone();
            log::info!(
                "QuickReply {} on {}",
                env!("CARGO_PKG_VERSION"),
                db_path.display()
            );
            if let Err(e) = hotkey::register(&handle, &settings.hotkey) {
                log::error!("{}", e.message);
            }
            if let Err(e) = tray::build(&handle, settings.effective_ui_lang()) {
                log::warn!("no tray icon: {e}");
            }
            listen_for_second_launch(&handle, &db_path);
            match open {
                Open::Palette => palette::show(&handle),
                Open::Review => review::open_review_window(&handle),
                Open::Nothing => {}
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => {
            app.run(|app, event| {
                // Closing a window hides it: the app lives in the tray until Quit.
                if let tauri::RunEvent::WindowEvent {
                    label,
                    event: tauri::WindowEvent::CloseRequested { api, .. },
                    ..
                } = event
                {
                    api.prevent_close();
                    if let Some(window) = app.get_webview_window(&label) {
                        let _ = window.hide();
                    }
                }
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quickreply: the desktop app could not start: {e}");
            ExitCode::from(1)
        }
    }
}

/// Opens the library; an empty library gets the starter templates (the CLI never does this).
fn open_library(path: &Path) -> quickreply_core::Result<Store> {
    let mut store = Store::open(path)?;
    if store.templates()?.is_empty() {
        let report = pack::import(&mut store, &Pack::starter(), &ImportOptions::default())?;
        eprintln!(
            "quickreply: new library at {}: loaded {} starter templates",
            path.display(),
            report.templates_added
        );
    }
    Ok(store)
}

fn listen_for_second_launch(app: &AppHandle, db_path: &Path) {
    #[cfg(unix)]
    {
        let handle = app.clone();
        let result = instance::listen(db_path, move |command| {
            let app = handle.clone();
            let _ = handle.run_on_main_thread(move || match command.as_str() {
                instance::SHOW_PALETTE => palette::show(&app),
                instance::SHOW_REVIEW => review::open_review_window(&app),
                _ => open_settings(&app),
            });
        });
        if let Err(e) = result {
            log::warn!(
                "single-instance socket unavailable ({e}); `quickreply palette` will start a second instance"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (app, db_path);
}

/// Shows the settings window, creating it on first use (it is not on the hot path).
pub fn open_settings(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("settings") {
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, "settings", WebviewUrl::App("index.html".into()))
        .title("QuickReply Settings")
        .inner_size(560.0, 640.0)
        .min_inner_size(480.0, 420.0)
        .build();
    if let Err(e) = built {
        log::error!("settings window: {e}");
    }
}

/// Turns start-at-login on or off (a login item / autostart .desktop entry).
pub fn autostart(app: &AppHandle, enabled: bool) {
    let launcher = app.autolaunch();
    let result = if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    };
    if let Err(e) = result {
        log::warn!("start at login: {e}");
    }
}
