//! Connecting a configured provider with its API key from the keyring, and storing a key.

use super::{ProviderConfig, Translator};
use crate::ports::Secrets;
use crate::store::Store;
use crate::{Error, Result};

/// The translator for `config`, with its key from `secrets` when one was stored. A provider
/// without a stored key (a local LLM, or a service whose key was never given) never touches
/// the keyring, so it works, or fails with a clear "no key", where there is no keyring.
///
/// # Errors
/// [`Error::Keyring`] when the key is needed and the keyring is unavailable;
/// [`Error::Provider`] (`NoKey`) when the service needs a key and none is stored.
pub fn connect(config: &ProviderConfig, secrets: &dyn Secrets) -> Result<Box<dyn Translator>> {
    let key = if config.has_key {
        secrets.get(&config.name)?
    } else {
        None
    };
    Ok(config.connect(key)?)
}

/// Stores `key` as the API key of provider `name` in the keyring and records that it has one.
/// Surrounding whitespace (the newline of `echo KEY |`) is dropped.
///
/// # Errors
/// [`Error::Invalid`] for an unknown provider or an empty key; [`Error::Keyring`].
pub fn store_key(
    store: &mut Store,
    secrets: &dyn Secrets,
    name: &str,
    key: &str,
) -> Result<ProviderConfig> {
    let Some(mut config) = store.provider(name)? else {
        return Err(Error::UnknownProvider {
            name: name.to_string(),
            configured: store.providers()?.into_iter().map(|p| p.name).collect(),
        });
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::EmptyKey);
    }
    secrets.set(name, key)?;
    store.set_provider_has_key(name, true)?;
    config.has_key = true;
    Ok(config)
}
