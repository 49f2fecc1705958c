//! The app's settings: typed, validated and stored in the library's `settings` table (shop
//! variables in `shop_vars`). The command line and the desktop app read the same values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Library;
use crate::ports::PasteKeystroke;
use crate::store::Store;
use crate::{Error, Result};

/// The default global shortcut of this OS.
pub const DEFAULT_HOTKEY: &str = if cfg!(target_os = "macos") {
    "Cmd+Shift+Space"
} else {
    "Ctrl+Shift+Space"
};

/// The setting naming the translation provider used when none is named.
pub(crate) const DEFAULT_PROVIDER: &str = "translate.provider";

/// The staff's UI language as chosen in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub enum UiLangSetting {
    /// Follow the OS locale.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// English.
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// A UI language the app has texts for: what every window, the tray and the window titles use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum UiLang {
    /// English.
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl UiLang {
    /// The BCP-47 tag (`en`, `zh-CN`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }

    /// Picks the language for `text`: Chinese for any `zh…` locale, else English.
    fn from_locale(text: &str) -> Self {
        if text.trim().to_ascii_lowercase().starts_with("zh") {
            Self::ZhCn
        } else {
            Self::En
        }
    }
}

impl UiLangSetting {
    fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "auto" => Some(Self::Auto),
            "en" => Some(Self::En),
            "zh-CN" => Some(Self::ZhCn),
            _ => None,
        }
    }

    /// The language actually used. `Auto` follows the OS locale: `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` (the first that is set), as POSIX orders them.
    #[must_use]
    pub fn effective(self) -> UiLang {
        match self {
            Self::En => UiLang::En,
            Self::ZhCn => UiLang::ZhCn,
            Self::Auto => UiLang::from_locale(
                &["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                    .unwrap_or_default(),
            ),
        }
    }
}

/// Everything Settings shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Settings {
    /// The global shortcut that opens the palette (`Ctrl+Shift+Space`).
    pub hotkey: String,
    /// The keystroke that pastes into most applications (`Ctrl+V`).
    #[ts(type = "string")]
    pub paste_keystroke: PasteKeystroke,
    /// The buyer language when neither an order nor a copied message says otherwise.
    pub default_lang: String,
    /// The staff's UI language.
    pub ui_lang: UiLangSetting,
    /// Start with the desktop session.
    pub autostart: bool,
    /// Shop-wide template values (shop name, signature…).
    pub shop_vars: BTreeMap<String, String>,
    /// Application (X11 `WM_CLASS` class, Windows executable, macOS bundle id) → paste
    /// keystroke, for apps where the default does not paste (terminals).
    #[serde(default)]
    #[ts(type = "Record<string, string>")]
    pub paste_overrides: BTreeMap<String, PasteKeystroke>,
    /// Orders placed (else imported) more than this many days ago are deleted on each order
    /// import: buyers' names and addresses are kept no longer than the shop needs them.
    #[serde(default = "default_retention")]
    pub order_retention_days: u32,
    /// Copied buyer messages (and what was learned from them) are kept this many days; 0
    /// turns learning off and keeps none.
    #[serde(default = "default_message_retention")]
    pub message_retention_days: u32,
}

fn default_message_retention() -> u32 {
    super::suggest::DEFAULT_RETENTION_DAYS
}

/// How long orders are kept by default: a year covers returns, warranty questions and reviews.
pub const DEFAULT_ORDER_RETENTION_DAYS: u32 = 365;

fn default_retention() -> u32 {
    DEFAULT_ORDER_RETENTION_DAYS
}

/// Terminals that paste the clipboard with Ctrl+Shift+V (Ctrl+V means something else there).
const DEFAULT_OVERRIDES: [&str; 6] = [
    "Gnome-terminal",
    "konsole",
    "kitty",
    "Alacritty",
    "Xfce4-terminal",
    "Tilix",
];

impl Settings {
    /// The keystroke that pastes into `app` (its per-application override, else the default).
    #[must_use]
    pub fn keystroke_for(&self, app: Option<&str>) -> PasteKeystroke {
        crate::paste::keystroke_for(
            app,
            self.paste_keystroke,
            self.paste_overrides.iter().map(|(a, k)| (a.as_str(), *k)),
        )
    }

    /// The UI language actually used.
    #[must_use]
    pub fn effective_ui_lang(&self) -> UiLang {
        self.ui_lang.effective()
    }
}

/// Reads the settings; values never set get their defaults, and a stored value that no longer
/// parses (written by an older version, edited by hand) falls back to its default rather than
/// stopping the app.
///
/// # Errors
/// Database failure.
pub fn load_from(store: &Store) -> Result<Settings> {
    let get = |name: &str| store.setting(name);
    let paste_keystroke = get("paste_keystroke")?
        .and_then(|k| k.parse().ok())
        .unwrap_or_else(PasteKeystroke::platform_default);
    let paste_overrides = match get("paste_overrides")? {
        Some(json) => serde_json::from_str::<BTreeMap<String, String>>(&json)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(app, keys)| Some((app, keys.parse().ok()?)))
            .collect(),
        None => DEFAULT_OVERRIDES
            .iter()
            .map(|app| ((*app).to_string(), PasteKeystroke::CtrlShiftV))
            .collect(),
    };
    Ok(Settings {
        hotkey: get("hotkey")?.unwrap_or_else(|| DEFAULT_HOTKEY.to_string()),
        paste_keystroke,
        default_lang: get("default_lang")?.unwrap_or_else(|| "en".to_string()),
        ui_lang: get("ui_lang")?
            .and_then(|l| UiLangSetting::parse(&l))
            .unwrap_or_default(),
        autostart: get("autostart")?.as_deref() == Some("true"),
        shop_vars: store.vars()?.into_iter().collect(),
        paste_overrides,
        order_retention_days: get("order_retention_days")?
            .and_then(|d| d.parse().ok())
            .filter(|d| RETENTION_DAYS.contains(d))
            .unwrap_or(DEFAULT_ORDER_RETENTION_DAYS),
        message_retention_days: get(super::suggest::RETENTION_SETTING)?
            .and_then(|d| d.parse().ok())
            .filter(|d| MESSAGE_RETENTION_DAYS.contains(d))
            .unwrap_or(super::suggest::DEFAULT_RETENTION_DAYS),
    })
}

/// [`load_from`] on the library's shared connection.
///
/// # Errors
/// Database failure.
pub fn load(library: &Library) -> Result<Settings> {
    load_from(&library.store())
}

/// The order retention a shop may choose: a day to ten years.
const RETENTION_DAYS: std::ops::RangeInclusive<u32> = 1..=3650;
/// How long buyer messages may be kept: none (learning off) to ten years.
const MESSAGE_RETENTION_DAYS: std::ops::RangeInclusive<u32> = 0..=3650;

/// What changing settings does outside the library: the desktop app registers the hotkey and
/// the login item. The command line has no such effects.
pub trait SettingsEffects {
    /// Makes `hotkey` the palette's shortcut.
    ///
    /// # Errors
    /// The combination cannot be registered (taken by another app, not a valid shortcut); the
    /// old one must stay active then.
    fn apply_hotkey(&mut self, hotkey: &str) -> Result<()>;
    /// Turns start-at-login on or off. Best effort: a failure is logged, not returned.
    fn apply_autostart(&mut self, enabled: bool);
}

/// Checks `settings` and normalizes what can be normalized (the default language's tag,
/// shop variable names without `$`).
///
/// # Errors
/// [`Error::Invalid`] naming the field: an empty hotkey, a default language that is not a
/// locale, a shop variable name that templates cannot use, an order retention outside
/// 1..=3650 days.
pub fn validate(mut settings: Settings) -> Result<Settings> {
    if settings.hotkey.trim().is_empty() {
        return Err(Error::Invalid(
            "the hotkey is empty: press a key combination".into(),
        ));
    }
    settings.hotkey = settings.hotkey.trim().to_string();
    settings.default_lang = crate::locale::canonical(&settings.default_lang)?;
    let mut vars = BTreeMap::new();
    for (name, value) in settings.shop_vars {
        let name = super::vars::normalize_name(&name).to_string();
        if name.is_empty() && value.trim().is_empty() {
            continue; // an empty row of the form
        }
        // Checked here, not only when stored: the hotkey is applied before anything is saved.
        crate::store::check_variable_name(&name)?;
        vars.insert(name, value);
    }
    settings.shop_vars = vars;
    settings
        .paste_overrides
        .retain(|app, _| !app.trim().is_empty());
    if !RETENTION_DAYS.contains(&settings.order_retention_days) {
        return Err(Error::Invalid(format!(
            "orders are kept for {} days: choose between 1 and 3650 days (ten years)",
            settings.order_retention_days
        )));
    }
    if !MESSAGE_RETENTION_DAYS.contains(&settings.message_retention_days) {
        return Err(Error::Invalid(format!(
            "buyer messages are kept for {} days: choose between 0 (learning off) and 3650 days",
            settings.message_retention_days
        )));
    }
    Ok(settings)
}

/// Validates and saves `settings`, applying the hotkey first: when it cannot be registered
/// nothing is saved and the old hotkey stays. Returns the settings as stored.
///
/// # Errors
/// As [`validate`]; the hotkey refused; database failure.
pub fn save(
    library: &Library,
    settings: Settings,
    effects: &mut dyn SettingsEffects,
) -> Result<Settings> {
    let settings = validate(settings)?;
    effects.apply_hotkey(&settings.hotkey)?;
    effects.apply_autostart(settings.autostart);
    let mut store = library.store();
    store.set_setting("hotkey", &settings.hotkey)?;
    store.set_setting("paste_keystroke", settings.paste_keystroke.as_str())?;
    store.set_setting("default_lang", &settings.default_lang)?;
    store.set_setting("ui_lang", settings.ui_lang.as_str())?;
    store.set_setting(
        "autostart",
        if settings.autostart { "true" } else { "false" },
    )?;
    store.replace_vars(&settings.shop_vars)?;
    let overrides: BTreeMap<&str, &str> = settings
        .paste_overrides
        .iter()
        .map(|(app, keys)| (app.as_str(), keys.as_str()))
        .collect();
    let overrides = serde_json::to_string(&overrides)
        .map_err(|e| Error::Invalid(format!("paste overrides: {e}")))?;
    store.set_setting("paste_overrides", &overrides)?;
    store.set_setting(
        "order_retention_days",
        &settings.order_retention_days.to_string(),
    )?;
    store.set_setting(
        super::suggest::RETENTION_SETTING,
        &settings.message_retention_days.to_string(),
    )?;
    load_from(&store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Recorded {
        hotkeys: Vec<String>,
        refuse: bool,
    }

    impl SettingsEffects for Recorded {
        fn apply_hotkey(&mut self, hotkey: &str) -> Result<()> {
            if self.refuse {
                return Err(Error::Invalid(format!("{hotkey} is taken")));
            }
            self.hotkeys.push(hotkey.to_string());
            Ok(())
        }
        fn apply_autostart(&mut self, _enabled: bool) {}
    }

    #[test]
    fn defaults_then_round_trip() {
        let library = super::super::test_library(&[("en", "a = A\n")]);
        let defaults = load(&library).unwrap();
        assert_eq!(defaults.hotkey, DEFAULT_HOTKEY);
        assert_eq!(
            defaults.paste_overrides.get("kitty"),
            Some(&PasteKeystroke::CtrlShiftV)
        );
        let mut changed = defaults.clone();
        changed.default_lang = "AR-sa".into();
        changed.ui_lang = UiLangSetting::ZhCn;
        changed.paste_keystroke = PasteKeystroke::ShiftInsert;
        changed
            .shop_vars
            .insert("$shop_name".into(), "Desert Rose".into());
        let mut effects = Recorded::default();
        let saved = save(&library, changed, &mut effects).unwrap();
        assert_eq!(saved.default_lang, "ar-SA");
        assert_eq!(saved.effective_ui_lang(), UiLang::ZhCn);
        assert_eq!(
            saved.shop_vars.get("shop_name").map(String::as_str),
            Some("Desert Rose")
        );
        assert_eq!(load(&library).unwrap(), saved);
        assert_eq!(effects.hotkeys, vec![DEFAULT_HOTKEY.to_string()]);
        assert_eq!(
            saved.keystroke_for(Some("KITTY")),
            PasteKeystroke::CtrlShiftV
        );
        assert_eq!(
            saved.keystroke_for(Some("chromium")),
            PasteKeystroke::ShiftInsert
        );
    }

    #[test]
    fn a_refused_hotkey_saves_nothing() {
        let library = super::super::test_library(&[("en", "a = A\n")]);
        let mut changed = load(&library).unwrap();
        changed.hotkey = "Ctrl+Alt+X".into();
        changed.default_lang = "fr".into();
        let mut effects = Recorded {
            refuse: true,
            ..Recorded::default()
        };
        assert!(save(&library, changed, &mut effects).is_err());
        let now = load(&library).unwrap();
        assert_eq!(now.hotkey, DEFAULT_HOTKEY);
        assert_eq!(now.default_lang, "en");
    }

    #[test]
    fn bad_values_are_named() {
        let library = super::super::test_library(&[("en", "a = A\n")]);
        let mut bad = load(&library).unwrap();
        bad.default_lang = "not a locale!".into();
        assert!(validate(bad).is_err());
        let mut bad = load(&library).unwrap();
        bad.shop_vars.insert("shop name".into(), "x".into());
        let err = validate(bad).unwrap_err().to_string();
        assert!(err.contains("shop name"), "{err}");
        let mut good = load(&library).unwrap();
        assert_eq!(good.order_retention_days, 365);
        for days in [0, 3651] {
            good.order_retention_days = days;
            let err = validate(good.clone()).unwrap_err().to_string();
            assert!(err.contains("between 1 and 3650"), "{err}");
        }
        let json = serde_json::json!({
            "hotkey": "Ctrl+Shift+Space", "paste_keystroke": "ctrl + v", "default_lang": "en",
            "ui_lang": "klingon", "autostart": false, "shop_vars": {}
        });
        assert!(
            serde_json::from_value::<Settings>(json).is_err(),
            "ui_lang is checked"
        );
    }
}
