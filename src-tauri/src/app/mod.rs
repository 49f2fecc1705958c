//! The desktop app: tray, hotkey, pre-created hidden palette, settings and review windows.
//! `run()` wires the core's application layer and the platform ports into Tauri; every command
//! is one call into `quickreply_core::app`.

mod child;
mod commands;
mod error;
mod hotkey;
mod instance;
mod language;
mod memory;
mod state;
mod suggestions;
mod team_sync;
mod tray;
mod windows;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quickreply_core::Library;
use quickreply_core::app::settings;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt as _;

use state::AppState;
use windows::Window;

/// What a launch should show first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Plain start: tray only (a second plain launch opens the settings of the first).
    Nothing,
    /// `quickreply palette`: open the palette (of the running instance, if any).
    Palette,
    /// `quickreply review open`: open the review window (of the running instance, if any).
    Review,
    /// `quickreply library`: open the library window (of the running instance, if any).
    Library,
}

/// Starts the app, or hands over to the instance already serving this library.
pub fn run(db_path: PathBuf, open: Open) -> ExitCode {
    let command = match open {
        Open::Palette => instance::SHOW_PALETTE,
        Open::Review => instance::SHOW_REVIEW,
        Open::Library => instance::SHOW_LIBRARY,
        Open::Nothing => instance::SHOW_SETTINGS,
    };
    match instance::send(&db_path, command) {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(e) => {
            eprintln!("quickreply: cannot reach a running instance ({e}); starting a new one")
        }
    }
    let library = match Library::open_for_app(&db_path) {
        Ok((library, starter)) => {
            if let Some(report) = starter {
                eprintln!(
                    "quickreply: new library at {}: loaded {} starter templates",
                    db_path.display(),
                    report.templates_added
                );
            }
            library
        }
        Err(e) => {
            eprintln!("quickreply: {e}");
            return ExitCode::from(if e.is_user_error() { 2 } else { 1 });
        }
    };
    let settings = match settings::load(&library) {
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
    let state = AppState::new(library, settings.hotkey.clone());

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
        .plugin(hotkey::plugin())
        .plugin(tauri_plugin_dialog::init());
    #[cfg(not(unix))]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
        let window = if argv.iter().any(|a| a == "palette") {
            Window::Palette
        } else if argv.iter().any(|a| a == "review") {
            Window::Review
        } else if argv.iter().any(|a| a == "library") {
            Window::Library
        } else {
            Window::Settings
        };
        windows::open(app, window);
    }));

    let result = builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::palette::palette_context,
            commands::palette::search,
            commands::palette::find_orders,
            commands::palette::paste,
            commands::palette::hide_palette,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::ui_language,
            commands::review::review_queue,
            commands::review::review_preview,
            commands::review::review_save,
            commands::review::review_decide,
            commands::review::back_translate,
            commands::review::review_translate,
            commands::review::open_review,
            commands::review::list_providers,
            commands::review::save_provider,
            commands::review::test_provider,
            commands::review::set_default_provider,
            commands::library::library_request,
            commands::library::open_library,
            commands::library::open_setup,
            commands::library::library_list,
            commands::library::library_search,
            commands::library::template_get,
            commands::library::template_check,
            commands::library::template_save,
            commands::library::template_delete,
            commands::library::template_undelete,
            commands::library::recently_deleted,
            commands::library::template_history,
            commands::library::template_restore_version,
            commands::library::suggest_key,
            commands::library::editor_vocabulary,
            commands::library::plural_snippet,
            commands::library::template_preview,
            commands::library::draft_translation,
            commands::library::import_preview,
            commands::library::import_apply,
            commands::library::export_library,
            commands::library::setup_state,
            commands::library::setup_finish,
            commands::library::setup_skip,
            commands::orders::orders_import,
            commands::orders::orders_preview,
            commands::orders::orders_presets,
            commands::orders::orders_preset_delete,
            commands::orders::orders_search,
            commands::orders::orders_late,
            commands::orders::active_order,
            commands::orders::set_active_order,
            commands::orders::copy_text,
            commands::team::team_status,
            commands::team::team_permissions,
            commands::team::team_sync,
            commands::team::team_init,
            commands::team::team_join,
            commands::team::team_set_token,
            commands::team::team_set_sync_minutes,
            commands::backups::backup_list,
            commands::backups::backup_create,
            commands::backups::backup_restore,
            commands::palette::palette_suggestions,
            commands::insights::insights,
            commands::insights::learned_picks,
            commands::insights::forget_pick,
        ])
        .setup(move |app| {
            let handle = app.handle().clone();
            log::info!(
                "QuickReply {} on {}",
                env!("CARGO_PKG_VERSION"),
                db_path.display()
            );
            if let Err(e) = hotkey::register(&handle, &settings.hotkey) {
                log::error!("{e}");
            }
            if let Err(e) = tray::build(&handle) {
                log::warn!("no tray icon: {e}");
            }
            if let Some(palette) = handle.get_webview_window(windows::palette::LABEL) {
                memory::lighten(&palette);
            }
            listen_for_second_launch(&handle, &db_path);
            team_sync::start(&handle);
            commands::backups::start_daily(&handle);
            suggestions::start(&handle);
            match open {
                Open::Palette => windows::open(&handle, Window::Palette),
                Open::Review => windows::open(&handle, Window::Review),
                Open::Library => windows::open(&handle, Window::Library),
                Open::Nothing => {
                    // A new library: the owner is asked for the shop's name and languages once,
                    // so replies do not ask for them on every paste.
                    let state = handle.state::<AppState>();
                    if quickreply_core::app::setup::state(&state.library).is_ok_and(|s| s.needed) {
                        commands::library::show(
                            &handle,
                            commands::library::LibraryOpen {
                                key: None,
                                view: "setup",
                            },
                        );
                    }
                }
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

fn listen_for_second_launch(app: &AppHandle, db_path: &Path) {
    #[cfg(unix)]
    {
        let handle = app.clone();
        let result = instance::listen(db_path, move |command| {
            let app = handle.clone();
            let window = match command.as_str() {
                instance::SHOW_PALETTE => Window::Palette,
                instance::SHOW_REVIEW => Window::Review,
                instance::SHOW_LIBRARY => Window::Library,
                _ => Window::Settings,
            };
            let _ = handle.run_on_main_thread(move || windows::open(&app, window));
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
