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
}

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
        Ok(())
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
