//! Every window of the app, for the tray, the hotkey, a second launch and the commands alike:
//! the palette (created hidden at start, shown on the hotkey) and the settings and review
//! windows (created when first opened).

pub mod palette;

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

use super::state::AppState;
use quickreply_core::app::settings::UiLang;

/// A window the app can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The quick-reply palette.
    Palette,
    /// Settings.
    Settings,
    /// The translation review window.
    Review,
    /// The owners' library window.
    Library,
}

impl Window {
    /// The webview label (also what the front end routes by).
    pub fn label(self) -> &'static str {
        match self {
            Self::Palette => palette::LABEL,
            Self::Settings => "settings",
            Self::Review => "review",
            Self::Library => "library",
        }
    }

    /// The window's title in the staff's language. The review window's English title is what
    /// the end-to-end suite looks for.
    pub fn title(self, ui: UiLang) -> &'static str {
        match (self, ui) {
            (Self::Palette, _) => "QuickReply",
            (Self::Settings, UiLang::En) => "QuickReply Settings",
            (Self::Settings, UiLang::ZhCn) => "快捷回复 设置",
            (Self::Review, UiLang::En) => "QuickReply — Review translations",
            (Self::Review, UiLang::ZhCn) => "快捷回复 — 审核翻译",
            (Self::Library, UiLang::En) => "QuickReply — Library",
            (Self::Library, UiLang::ZhCn) => "快捷回复 — 回复库",
        }
    }
}

/// Shows `window`, creating it on first use (settings and review are not on the hot path).
pub fn open(app: &AppHandle, window: Window) {
    if window == Window::Palette {
        palette::show(app);
        return;
    }
    let ui = app.state::<AppState>().ui_lang();
    if let Some(existing) = app.get_webview_window(window.label()) {
        let _ = existing.set_title(window.title(ui));
        let _ = existing.show();
        let _ = existing.set_focus();
        return;
    }
    let (size, min) = match window {
        Window::Review => ((980.0, 680.0), (720.0, 480.0)),
        Window::Library => ((1100.0, 720.0), (760.0, 480.0)),
        _ => ((560.0, 640.0), (480.0, 420.0)),
    };
    let built =
        WebviewWindowBuilder::new(app, window.label(), WebviewUrl::App("index.html".into()))
            .title(window.title(ui))
            .inner_size(size.0, size.1)
            .min_inner_size(min.0, min.1)
            .build();
    match built {
        Ok(built) => crate::app::memory::lighten(&built),
        Err(e) => log::error!("{} window: {e}", window.label()),
    }
}
