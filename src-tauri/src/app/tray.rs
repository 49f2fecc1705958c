//! Tray icon and its menu: open palette, pause hotkey, review translations (with the count
//! waiting per language), settings, quit — in the staff's UI language.

use quickreply_core::app::settings::UiLang;
use quickreply_core::app::team::TeamStatus;
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
    team: MenuItem<Wry>,
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
        // The team status line; its text comes with the first status (team_sync).
        team: MenuItem::with_id(app, "team", "", true, None::<&str>)?,
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
            &items.team,
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
        "settings" | "team" => windows::open(app, Window::Settings),
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

/// The tray's team line: whether the library is shared, and if so what needs attention first
/// (conflicts, then a failed sync, then changes waiting), else when it last synced.
fn team_line(ui: UiLang, s: &TeamStatus) -> String {
    let zh = ui == UiLang::ZhCn;
    if !s.bound {
        return if zh {
            "团队：未共享"
        } else {
            "Team: not shared"
        }
        .to_string();
    }
    let conflicts = s.conflicts.len();
    if conflicts > 0 {
        return if zh {
            format!("团队：{conflicts} 个冲突待审核")
        } else {
            format!("Team: {conflicts} conflicts to review")
        };
    }
    if s.last_error.is_some() {
        return match (zh, s.pending) {
            (true, 0) => "团队：上次同步失败".to_string(),
            (true, n) => format!("团队：上次同步失败，{n} 项更改待发送"),
            (false, 0) => "Team: last sync failed".to_string(),
            (false, n) => format!("Team: last sync failed, {n} changes waiting"),
        };
    }
    if s.pending > 0 {
        let n = s.pending;
        return if zh {
            format!("团队：{n} 项更改待发送")
        } else {
            format!("Team: {n} changes waiting")
        };
    }
    // Local time of day (HH:MM) of the RFC 3339 instant; the raw text if it does not parse.
    let when = s.last_sync.as_deref().map_or_else(String::new, |t| {
        t.parse::<jiff::Timestamp>().map_or_else(
            |_| t.to_string(),
            |ts| {
                ts.to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%H:%M")
                    .to_string()
            },
        )
    });
    if zh {
        format!("团队：已同步 {when}")
    } else {
        format!("Team: synced {when}")
    }
}

/// Shows the team status in the tray (after every sync, and once at start).
pub fn refresh_team(app: &AppHandle, status: &TeamStatus) {
    if let Some(items) = app.try_state::<Items>() {
        let _ = items
            .team
            .set_text(team_line(app.state::<AppState>().ui_lang(), status));
        let _ = items.team.set_enabled(true);
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
    if let Ok(status) = quickreply_core::app::team::status(&app.state::<AppState>().library) {
        let _ = items
            .team
            .set_text(team_line(app.state::<AppState>().ui_lang(), &status));
    }
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
    use super::{review_label, team_line};
    use quickreply_core::app::settings::UiLang;
    use quickreply_core::app::team::{TeamRole, TeamStatus};

    fn status(bound: bool, pending: u64, error: Option<&str>) -> TeamStatus {
        TeamStatus {
            bound,
            remote: bound.then(|| "https://example.com/shop/replies.git".into()),
            last_sync: Some("2026-11-30T10:05:00Z".into()),
            last_error: error.map(str::to_string),
            pending,
            unpushed: pending > 0,
            conflicts: Vec::new(),
            role: TeamRole::Solo,
            sync_minutes: 5,
        }
    }

    #[test]
    fn the_team_line_says_what_needs_attention_first() {
        assert_eq!(
            team_line(UiLang::En, &status(false, 0, None)),
            "Team: not shared"
        );
        assert_eq!(
            team_line(UiLang::En, &status(true, 2, Some("unreachable"))),
            "Team: last sync failed, 2 changes waiting"
        );
        assert_eq!(
            team_line(UiLang::ZhCn, &status(true, 3, None)),
            "团队：3 项更改待发送"
        );
        assert!(team_line(UiLang::En, &status(true, 0, None)).starts_with("Team: synced "));
    }

    #[test]
    fn the_review_entry_shows_counts_per_language() {
        assert_eq!(review_label("Review", &[]), "Review");
        assert_eq!(
            review_label("Review", &[("ar".into(), 3), ("ru".into(), 1)]),
            "Review (ar 3 · ru 1)"
        );
    }
}
