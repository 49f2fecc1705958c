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
        return Err(Error::Invalid(format!(
            "no provider named '{name}': add it first with `quickreply providers add {name} --kind deepl|google|openai`"
        )));
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::Invalid(
            "no API key was given: pipe it in, e.g. `printf %s \"$KEY\" | quickreply providers key NAME`".into(),
        ));
    }
    secrets.set(name, key)?;
    store.set_provider_has_key(name, true)?;
    config.has_key = true;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::fakes::MemorySecrets;
    use crate::translate::ProviderKind;

    fn add(store: &mut Store, name: &str, kind: ProviderKind) -> ProviderConfig {
        let config = ProviderConfig {
            name: name.into(),
            kind,
            // Public endpoints (no URL) need a key; a local model does not.
            url: (kind == ProviderKind::Openai).then(|| "http://127.0.0.1:9".into()),
            model: None,
            formality: None,
            glossary: None,
            has_key: false,
        };
        store.save_provider(&config).unwrap();
        config
    }

    #[test]
    fn a_keyless_local_model_works_without_any_keyring() {
        let mut store = Store::open_in_memory().unwrap();
        let llm = add(&mut store, "llm", ProviderKind::Openai);
        assert!(connect(&llm, &MemorySecrets::unavailable()).is_ok());
    }

    #[test]
    fn services_that_need_a_key_say_how_to_set_it() {
        let mut store = Store::open_in_memory().unwrap();
        let deepl = add(&mut store, "deepl", ProviderKind::Deepl);
        let secrets = MemorySecrets::new();
        let err = connect(&deepl, &secrets).unwrap_err().to_string();
        assert!(err.contains("quickreply providers key deepl"), "{err}");
        let no_key = connect(&deepl, &MemorySecrets::unavailable()).unwrap_err();
        assert!(
            matches!(no_key, Error::Provider(_)),
            "no keyring call without a key"
        );

        let stored = store_key(&mut store, &secrets, "deepl", " k:fx\n").unwrap();
        assert!(stored.has_key);
        assert_eq!(secrets.get("deepl").unwrap().as_deref(), Some("k:fx"));
        assert!(connect(&stored, &secrets).is_ok());
        let unavailable = connect(&stored, &MemorySecrets::unavailable()).unwrap_err();
        assert!(matches!(unavailable, Error::Keyring(_)));
        assert!(store.provider("deepl").unwrap().unwrap().has_key);
    }

    #[test]
    fn bad_key_input_is_refused_and_nothing_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "g", ProviderKind::Google);
        let secrets = MemorySecrets::new();
        assert!(store_key(&mut store, &secrets, "g", " \n").is_err());
        assert!(store_key(&mut store, &secrets, "nope", "k").is_err());
        assert_eq!(secrets.get("g").unwrap(), None);
        assert!(!store.provider("g").unwrap().unwrap().has_key);
    }
}
