//! Tray icon and its menu: open palette, pause hotkey, review translations (with the count
//! waiting per language), settings, quit — in the staff's UI language.

use quickreply_core::app::settings::UiLang;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};

use super::state::AppState;
use super::windows::{self, Window};

struct Labels {
    open: &'static str,
    pause: &'static str,
    settings: &'static str,
    review: &'static str,
    library: &'static str,
    quit: &'static str,
}

fn labels(ui: UiLang) -> Labels {
    match ui {
        UiLang::ZhCn => Labels {
            open: "打开快捷回复面板",
            pause: "暂停快捷键",
            settings: "设置…",
            review: "审核翻译",
            library: "回复库",
            quit: "退出",
        },
        UiLang::En => Labels {
            open: "Open palette",
            pause: "Pause hotkey",
            settings: "Settings…",
            review: "Review translations",
            library: "Library",
            quit: "Quit QuickReply",
        },
    }
}

/// The menu entries, kept to relabel them (UI language, review count).
struct Items {
    open: MenuItem<Wry>,
    pause: CheckMenuItem<Wry>,
    settings: MenuItem<Wry>,
    review: MenuItem<Wry>,
    library: MenuItem<Wry>,
    quit: MenuItem<Wry>,
}

pub fn build(app: &AppHandle) -> tauri::Result<()> {
    let l = labels(app.state::<AppState>().ui_lang());
    let items = Items {
        open: MenuItem::with_id(app, "open", l.open, true, None::<&str>)?,
        pause: CheckMenuItem::with_id(app, "pause", l.pause, true, false, None::<&str>)?,
        settings: MenuItem::with_id(app, "settings", l.settings, true, None::<&str>)?,
        review: MenuItem::with_id(
            app,
            "review",
            review_label(l.review, &review_counts(app)),
            true,
            None::<&str>,
        )?,
        library: MenuItem::with_id(app, "library", l.library, true, None::<&str>)?,
        quit: MenuItem::with_id(app, "quit", l.quit, true, None::<&str>)?,
    };
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(
        app,
        &[
            &items.open,
            &items.pause,
            &items.library,
            &items.review,
            &items.settings,
            &separator,
            &items.quit,
        ],
    )?;
    let pause = items.pause.clone();
    app.manage(items);
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip("QuickReply")
        .menu(&menu);
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.on_menu_event(move |app, event| match event.id.as_ref() {
        "open" => windows::open(app, Window::Palette),
        "pause" => {
            let state = app.state::<AppState>();
            let mut paused = state.lock(&state.paused);
            *paused = !*paused;
            let _ = pause.set_checked(*paused);
            log::info!("hotkey {}", if *paused { "paused" } else { "resumed" });
        }
        "settings" => windows::open(app, Window::Settings),
        "review" => windows::open(app, Window::Review),
        "library" => windows::open(app, Window::Library),
        "quit" => app.exit(0),
        _ => {}
    })
    .build(app)?;
    Ok(())
}

fn review_counts(app: &AppHandle) -> Vec<(String, u64)> {
    let state = app.state::<AppState>();
    let counts = state.library.store().review_counts();
    counts.unwrap_or_else(|e| {
        log::warn!("review counts: {e}");
        Vec::new()
    })
}

/// "Review translations (ar 3 · ru 1)", or the bare label when nothing waits.
fn review_label(label: &str, counts: &[(String, u64)]) -> String {
    if counts.is_empty() {
        return label.to_string();
    }
    let per_language: Vec<String> = counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
    format!("{label} ({})", per_language.join(" · "))
}

/// Updates the tray's review count after a draft, an edit or a verdict.
pub fn refresh_review_count(app: &AppHandle) {
    if let Some(items) = app.try_state::<Items>() {
        let l = labels(app.state::<AppState>().ui_lang());
        let _ = items
            .review
            .set_text(review_label(l.review, &review_counts(app)));
    }
}

/// Relabels every entry after the UI language changed in Settings.
pub fn relabel(app: &AppHandle) {
    let Some(items) = app.try_state::<Items>() else {
        return;
    };
    let l = labels(app.state::<AppState>().ui_lang());
    let _ = items.open.set_text(l.open);
    let _ = items.pause.set_text(l.pause);
    let _ = items.settings.set_text(l.settings);
    let _ = items.quit.set_text(l.quit);
    let _ = items.library.set_text(l.library);
    let _ = items
        .review
        .set_text(review_label(l.review, &review_counts(app)));
    for window in [Window::Settings, Window::Review, Window::Library] {
        if let Some(w) = app.get_webview_window(window.label()) {
            let _ = w.set_title(window.title(app.state::<AppState>().ui_lang()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::review_label;

    #[test]
    fn the_review_entry_shows_counts_per_language() {
        assert_eq!(review_label("Review", &[]), "Review");
        assert_eq!(
            review_label("Review", &[("ar".into(), 3), ("ru".into(), 1)]),
            "Review (ar 3 · ru 1)"
        );
    }
}
