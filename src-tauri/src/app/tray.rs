//! Tray icon and its menu: open palette, pause hotkey, review translations (with the count
//! waiting per language), settings, quit.

use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};

use super::state::AppState;

struct Labels {
    open: &'static str,
    pause: &'static str,
    settings: &'static str,
    review: &'static str,
    quit: &'static str,
}

fn labels(ui_lang: &str) -> Labels {
    if ui_lang == "zh-CN" {
        Labels {
            open: "打开快捷回复面板",
            pause: "暂停快捷键",
            settings: "设置…",
            review: "审核翻译",
            quit: "退出",
        }
    } else {
        Labels {
            open: "Open palette",
            pause: "Pause hotkey",
            settings: "Settings…",
            review: "Review translations",
            quit: "Quit QuickReply",
        }
    }
}

pub fn build(app: &AppHandle, ui_lang: &str) -> tauri::Result<()> {
    let l = labels(ui_lang);
    let open = MenuItem::with_id(app, "open", l.open, true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", l.pause, true, false, None::<&str>)?;
    let settings = MenuItem::with_id(app, "settings", l.settings, true, None::<&str>)?;
    let review = MenuItem::with_id(
        app,
        "review",
        review_label(l.review, &review_counts(app)),
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, "quit", l.quit, true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &pause, &review, &settings, &separator, &quit])?;
    app.manage(ReviewItem {
        item: review,
        label: l.review,
    });
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
        "review" => super::review::open_review_window(app),
        "quit" => app.exit(0),
        _ => {}
    })
    .build(app)?;
    Ok(())
}

/// The review entry of the tray menu, kept to update its count.
struct ReviewItem {
    item: MenuItem<tauri::Wry>,
    label: &'static str,
}

fn review_counts(app: &AppHandle) -> Vec<(String, u64)> {
    let state = app.state::<AppState>();
    let counts = state.store().review_counts();
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
    if let Some(review) = app.try_state::<ReviewItem>() {
        let _ = review
            .item
            .set_text(review_label(review.label, &review_counts(app)));
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
