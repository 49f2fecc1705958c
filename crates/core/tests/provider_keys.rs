//! Connecting a provider with its key from the keyring, and storing a key, against an
//! in-memory keyring.

// Test helpers outside `#[test]` functions unwrap too (`allow-unwrap-in-tests` does not
// reach them in an integration test).
#![allow(clippy::unwrap_used)]

use quickreply_core::Error;
use quickreply_core::ports::Secrets;
use quickreply_core::store::Store;
use quickreply_core::translate::{ProviderConfig, ProviderKind, connect, store_key};
use quickreply_testkit::ports::MemorySecrets;

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
    let err = connect(&deepl, &secrets).unwrap_err();
    assert_eq!(err.code(), "mt_no_key", "{err}");
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
