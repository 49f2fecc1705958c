//! Tray icon and its menu: open palette, pause hotkey, settings, quit.

use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};

use super::state::AppState;

struct Labels {
    open: &'static str,
    pause: &'static str,
    settings: &'static str,
    quit: &'static str,
}

fn labels(ui_lang: &str) -> Labels {
    if ui_lang == "zh-CN" {
        Labels {
            open: "打开快捷回复面板",
            pause: "暂停快捷键",
            settings: "设置…",
            quit: "退出",
        }
    } else {
        Labels {
            open: "Open palette",
            pause: "Pause hotkey",
            settings: "Settings…",
            quit: "Quit QuickReply",
        }
    }
}

pub fn build(app: &AppHandle, ui_lang: &str) -> tauri::Result<()> {
    let l = labels(ui_lang);
    let open = MenuItem::with_id(app, "open", l.open, true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", l.pause, true, false, None::<&str>)?;
    let settings = MenuItem::with_id(app, "settings", l.settings, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", l.quit, true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &pause, &settings, &separator, &quit])?;
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip("QuickReply")
        .menu(&menu);
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.on_menu_event(move |app, event| match event.id.as_ref() {
        "open" => super::palette::show(app),
        "pause" => {
            let state = app.state::<AppState>();
            let mut paused = state.lock(&state.paused);
            *paused = !*paused;
            let _ = pause.set_checked(*paused);
            log::info!("hotkey {}", if *paused { "paused" } else { "resumed" });
        }
        "settings" => super::open_settings(app),
        "quit" => app.exit(0),
        _ => {}
    })
    .build(app)?;
    Ok(())
}
