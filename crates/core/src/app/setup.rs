//! First-run setup: the few answers without which every paste would ask again (the shop's
//! name and signature), the staff's interface language and the buyers' default language.
//! Shown once on a new library; it can be skipped and run again from Settings.

use serde::{Deserialize, Serialize};

use super::Library;
use super::settings::{self, SettingsEffects, UiLangSetting};
use crate::{Error, Result};

/// The setting that remembers setup was finished or skipped.
const SETUP_SETTING: &str = "setup";
/// The shop variables setup asks for.
pub const SHOP_NAME: &str = "shop_name";
/// The signature shop variable.
pub const SIGNATURE: &str = "signature";

/// What the setup screen starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SetupState {
    /// True when setup was neither finished nor skipped and the shop has no name yet.
    pub needed: bool,
    /// The shop's name, as set.
    pub shop_name: String,
    /// The signature, as set.
    pub signature: String,
    /// The interface language setting.
    pub ui_lang: UiLangSetting,
    /// The buyers' default language.
    pub default_lang: String,
    /// The palette's hotkey, for the tour.
    pub hotkey: String,
}

/// The answers of the setup screen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct SetupAnswers {
    /// The shop's name (required).
    pub shop_name: String,
    /// The signature under replies (may be empty).
    pub signature: String,
    /// The interface language.
    pub ui_lang: UiLangSetting,
    /// The buyers' default language (BCP-47).
    pub default_lang: String,
}

/// Where setup stands.
///
/// # Errors
/// Database failure.
pub fn state(library: &Library) -> Result<SetupState> {
    let settings = settings::load(library)?;
    let answered = library.store().setting(SETUP_SETTING)?.is_some();
    let var = |name: &str| settings.shop_vars.get(name).cloned().unwrap_or_default();
    Ok(SetupState {
        needed: !answered && var(SHOP_NAME).trim().is_empty(),
        shop_name: var(SHOP_NAME),
        signature: var(SIGNATURE),
        ui_lang: settings.ui_lang,
        default_lang: settings.default_lang,
        hotkey: settings.hotkey,
    })
}

/// Saves the answers (through the settings' own validation) and marks setup done.
///
/// # Errors
/// No shop name; a bad language; database failure.
pub fn finish(
    library: &Library,
    answers: &SetupAnswers,
    effects: &mut dyn SettingsEffects,
) -> Result<()> {
    let shop_name = answers.shop_name.trim();
    if shop_name.is_empty() {
        return Err(Error::Invalid(
            "enter the shop's name: replies sign with it".into(),
        ));
    }
    let mut settings = settings::load(library)?;
    settings
        .shop_vars
        .insert(SHOP_NAME.into(), shop_name.to_string());
    let signature = answers.signature.trim();
    if signature.is_empty() {
        settings.shop_vars.remove(SIGNATURE);
    } else {
        settings
            .shop_vars
            .insert(SIGNATURE.into(), signature.to_string());
    }
    settings.ui_lang = answers.ui_lang;
    settings.default_lang = answers.default_lang.clone();
    settings::save(library, settings, effects)?;
    library.store().set_setting(SETUP_SETTING, "done")?;
    Ok(())
}

/// Skips setup; it is not offered again on its own (Settings can start it).
///
/// # Errors
/// Database failure.
pub fn skip(library: &Library) -> Result<()> {
    library.store().set_setting(SETUP_SETTING, "skipped")
}
