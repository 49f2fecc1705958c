//! App settings, stored in the library's `settings` table (shop variables in `shop_vars`).

use quickreply_core::ports::PasteKeystroke;
use quickreply_core::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DEFAULT_HOTKEY: &str = if cfg!(target_os = "macos") {
    "Cmd+Shift+Space"
} else {
    "Ctrl+Shift+Space"
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub hotkey: String,
    pub paste_keystroke: String,
    pub default_lang: String,
    /// `en`, `zh-CN` or `auto` (follow the OS).
    pub ui_lang: String,
    pub autostart: bool,
    pub shop_vars: BTreeMap<String, String>,
    /// Application (X11 `WM_CLASS` class, Windows executable, macOS bundle id) → paste
    /// keystroke, for apps where the default does not paste (terminals).
    #[serde(default)]
    pub paste_overrides: BTreeMap<String, String>,
}

/// Terminals that paste the clipboard with Ctrl+Shift+V (Ctrl+V means something else there).
const DEFAULT_OVERRIDES: [(&str, &str); 6] = [
    ("Gnome-terminal", "Ctrl+Shift+V"),
    ("konsole", "Ctrl+Shift+V"),
    ("kitty", "Ctrl+Shift+V"),
    ("Alacritty", "Ctrl+Shift+V"),
    ("Xfce4-terminal", "Ctrl+Shift+V"),
    ("Tilix", "Ctrl+Shift+V"),
];

impl Settings {
    pub fn load(store: &Store) -> quickreply_core::Result<Self> {
        let get = |name: &str, default: &str| -> quickreply_core::Result<String> {
            Ok(store.setting(name)?.unwrap_or_else(|| default.to_string()))
        };
        Ok(Self {
            hotkey: get("hotkey", DEFAULT_HOTKEY)?,
            paste_keystroke: get(
                "paste_keystroke",
                PasteKeystroke::platform_default().as_str(),
            )?,
            default_lang: get("default_lang", "en")?,
            ui_lang: get("ui_lang", "auto")?,
            autostart: get("autostart", "false")? == "true",
            shop_vars: store.vars()?.into_iter().collect(),
            paste_overrides: match store.setting("paste_overrides")? {
                Some(json) => serde_json::from_str(&json).unwrap_or_default(),
                None => DEFAULT_OVERRIDES
                    .iter()
                    .map(|(a, k)| ((*a).to_string(), (*k).to_string()))
                    .collect(),
            },
        })
    }

    /// Writes every field; shop variables removed in the form are removed from the library.
    pub fn save(&self, store: &mut Store) -> quickreply_core::Result<()> {
        store.set_setting("hotkey", &self.hotkey)?;
        store.set_setting("paste_keystroke", &self.paste_keystroke)?;
        store.set_setting("default_lang", &self.default_lang)?;
        store.set_setting("ui_lang", &self.ui_lang)?;
        store.set_setting("autostart", if self.autostart { "true" } else { "false" })?;
        store.replace_vars(&self.shop_vars)?;
        let overrides = serde_json::to_string(&self.paste_overrides)
            .map_err(|e| quickreply_core::Error::Invalid(format!("paste overrides: {e}")))?;
        store.set_setting("paste_overrides", &overrides)?;
        Ok(())
    }

    /// The keystroke that pastes into `app`.
    pub fn keystroke_for(&self, app: Option<&str>) -> PasteKeystroke {
        let default = self
            .paste_keystroke
            .parse()
            .unwrap_or_else(|_| PasteKeystroke::platform_default());
        let overrides = self
            .paste_overrides
            .iter()
            .filter_map(|(a, k)| Some((a.as_str(), k.parse().ok()?)));
        quickreply_core::paste::keystroke_for(app, default, overrides)
    }

    /// The UI language actually used: `auto` follows the OS locale.
    pub fn effective_ui_lang(&self) -> &'static str {
        let lang = if self.ui_lang == "auto" {
            std::env::var("LC_ALL")
                .or_else(|_| std::env::var("LC_MESSAGES"))
                .or_else(|_| std::env::var("LANG"))
                .unwrap_or_default()
        } else {
            self.ui_lang.clone()
        };
        if lang.to_ascii_lowercase().starts_with("zh") {
            "zh-CN"
        } else {
            "en"
        }
    }
}
