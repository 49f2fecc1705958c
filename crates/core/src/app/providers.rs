//! Machine-translation providers: configure, store a key, test, choose the default, and the
//! one way a provider is chosen and connected for any translation.

use serde::Serialize;

use super::Library;
use super::settings::DEFAULT_PROVIDER;
use crate::Result;
use crate::ports::Secrets;
use crate::store::Store;
use crate::translate::{self, ProviderConfig, Translator};

/// What Settings → Translation shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProvidersInfo {
    /// Every configured provider (keys are never here, only whether one is stored).
    pub providers: Vec<ProviderConfig>,
    /// The provider used when none is named.
    pub default_provider: Option<String>,
    /// Translations kept in the cache.
    #[ts(type = "number")]
    pub cache_entries: u64,
    /// Characters the services billed for them.
    #[ts(type = "number")]
    pub billed_chars: u64,
}

/// Lists the providers with the cache's figures.
///
/// # Errors
/// Database failure.
pub fn list(library: &Library) -> Result<ProvidersInfo> {
    let store = library.store();
    let stats = store.cache_stats()?;
    Ok(ProvidersInfo {
        providers: store.providers()?,
        default_provider: store.setting(DEFAULT_PROVIDER)?,
        cache_entries: stats.entries,
        billed_chars: stats.billed_chars,
    })
}

/// A provider after [`save`].
#[derive(Debug, Clone, Serialize)]
pub struct SavedProvider {
    /// As stored.
    pub config: ProviderConfig,
    /// It did not exist before.
    pub added: bool,
    /// It needs an API key and none is stored yet.
    pub needs_key: bool,
}

/// Adds or changes a provider. Whether it has a key is the keyring's business, never the
/// caller's: an existing provider keeps its key, a new one has none until `key` (or
/// [`store_key`]) gives one.
///
/// # Errors
/// An invalid configuration (unknown kind, bad URL); the keyring; database failure.
pub fn save(
    library: &Library,
    secrets: &dyn Secrets,
    mut config: ProviderConfig,
    key: Option<&str>,
) -> Result<SavedProvider> {
    let mut store = library.store();
    config.has_key = store.provider(&config.name)?.is_some_and(|p| p.has_key);
    let added = store.save_provider(&config)?;
    if let Some(key) = key.filter(|k| !k.trim().is_empty()) {
        translate::store_key(&mut store, secrets, &config.name, key)?;
    }
    let config = store
        .provider(&config.name)?
        .ok_or_else(|| crate::Error::UnknownProvider {
            name: config.name.clone(),
            configured: Vec::new(),
        })?;
    Ok(SavedProvider {
        needs_key: config.kind.needs_key() && !config.has_key,
        added,
        config,
    })
}

/// Stores the API key of provider `name` in the OS keyring.
///
/// # Errors
/// Unknown provider, empty key, keyring unavailable.
pub fn store_key(
    library: &Library,
    secrets: &dyn Secrets,
    name: &str,
    key: &str,
) -> Result<ProviderConfig> {
    translate::store_key(&mut library.store(), secrets, name, key)
}

/// The translator to use: `name`, else the default provider, else the only one; connected with
/// its key from the keyring.
///
/// # Errors
/// No or unknown provider, several and no default, the keyring, a missing key.
pub fn connect(
    store: &Store,
    secrets: &dyn Secrets,
    name: Option<&str>,
) -> Result<Box<dyn Translator>> {
    let config = store.choose_provider(name)?;
    translate::connect(&config, secrets)
}

/// Checks that provider `name` answers and accepts its key; returns the service's summary.
/// Uses its own connection: the service may take seconds.
///
/// # Errors
/// As [`connect`], and the service's error (refused key, unreachable…).
pub fn test(library: &Library, secrets: &dyn Secrets, name: &str) -> Result<String> {
    let store = library.own_connection()?;
    let translator = connect(&store, secrets, Some(name))?;
    Ok(translator.check()?)
}

/// Makes `name` the provider used when none is named (`None`: no default).
///
/// # Errors
/// Unknown provider; database failure.
pub fn set_default(library: &Library, name: Option<&str>) -> Result<()> {
    let mut store = library.store();
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => {
            store.choose_provider(Some(name))?;
            store.set_setting(DEFAULT_PROVIDER, name)
        }
        None => store.delete_setting(DEFAULT_PROVIDER),
    }
}
