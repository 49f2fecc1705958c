//! Configured translation providers and the machine-translation cache. No secret is stored
//! here: a provider only records whether a key was put in the OS keyring.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::translate::{ProviderConfig, ProviderKind};
use crate::{Error, Result};

/// One cached machine translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedTranslation {
    /// The translated segment, placeholders still masked as tokens.
    pub text: String,
    /// This entry's share of the characters the service billed for its batch.
    pub billed_chars: u64,
}

/// Totals of the cache, for the settings window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct CacheStats {
    /// Number of cached segment translations.
    pub entries: u64,
    /// Characters the service billed for them in all: what a repeat no longer costs.
    pub billed_chars: u64,
}

fn read_provider(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ProviderConfig, String)> {
    let kind: String = r.get(1)?;
    Ok((
        ProviderConfig {
            name: r.get(0)?,
            // Checked by the table's CHECK constraint; parsed below.
            kind: ProviderKind::Openai,
            url: r.get(2)?,
            model: r.get(3)?,
            formality: r.get(4)?,
            glossary: r.get(5)?,
            has_key: r.get(6)?,
        },
        kind,
    ))
}

const PROVIDER_COLUMNS: &str = "name, kind, url, model, formality, glossary, has_key";

impl Store {
    /// Adds a provider, or updates the one with that name (its key stays where it is).
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty name, a bad URL or an unknown formality.
    pub fn save_provider(&mut self, provider: &ProviderConfig) -> Result<bool> {
        let name = provider.name.trim();
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            return Err(Error::Invalid(format!(
                "'{}' is not a provider name: use one word, e.g. deepl or local-llm",
                provider.name
            )));
        }
        if let Some(url) = provider.url.as_deref()
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(Error::Invalid(format!(
                "'{url}' is not a URL: start it with http:// or https://"
            )));
        }
        if let Some(formality) = provider.formality.as_deref()
            && !matches!(formality, "" | "default" | "more" | "less")
        {
            return Err(Error::Invalid(format!(
                "formality '{formality}' is not one of default, more, less"
            )));
        }
        let existed = self.provider(name)?.is_some();
        self.conn().execute(
            "INSERT INTO providers (name, kind, url, model, formality, glossary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (name) DO UPDATE SET kind = ?2, url = ?3, model = ?4, formality = ?5,
                glossary = ?6",
            params![
                name,
                provider.kind.as_str(),
                provider.url,
                provider.model,
                provider.formality.as_deref().filter(|f| *f != "default"),
                provider.glossary
            ],
        )?;
        Ok(!existed)
    }

    /// Records that a key for `name` is (or is no longer) in the keyring.
    ///
    /// # Errors
    /// [`Error::Invalid`] when there is no such provider.
    pub fn set_provider_has_key(&mut self, name: &str, has_key: bool) -> Result<()> {
        let n = self.conn().execute(
            "UPDATE providers SET has_key = ?2 WHERE name = ?1",
            params![name, has_key],
        )?;
        if n == 0 {
            return Err(unknown_provider(name, &self.providers()?));
        }
        Ok(())
    }

    /// The provider with this name, if any.
    ///
    /// # Errors
    /// Database failure.
    pub fn provider(&self, name: &str) -> Result<Option<ProviderConfig>> {
        let row = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {PROVIDER_COLUMNS} FROM providers WHERE name = ?1"
            ))?
            .query_row([name], read_provider)
            .optional()?;
        row.map(|(mut p, kind)| {
            p.kind = kind.parse()?;
            Ok(p)
        })
        .transpose()
    }

    /// Every provider, by name.
    ///
    /// # Errors
    /// Database failure.
    pub fn providers(&self) -> Result<Vec<ProviderConfig>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PROVIDER_COLUMNS} FROM providers ORDER BY name"
        ))?;
        let rows = stmt
            .query_map([], read_provider)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(mut p, kind)| {
                p.kind = kind.parse()?;
                Ok(p)
            })
            .collect()
    }

    /// The provider to use: `name` if given, else the default one (setting
    /// `translate.provider`), else the only one.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the configured providers when `name` is unknown, when none is
    /// configured, or when several are and none is the default.
    pub fn choose_provider(&self, name: Option<&str>) -> Result<ProviderConfig> {
        let all = self.providers()?;
        let wanted = name
            .map(str::to_string)
            .or(self.setting("translate.provider")?);
        if let Some(wanted) = wanted {
            return all
                .iter()
                .find(|p| p.name == wanted)
                .cloned()
                .ok_or_else(|| unknown_provider(&wanted, &all));
        }
        match all.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(Error::NoProvider),
            many => Err(Error::SeveralProviders(
                many.iter().map(|p| p.name.clone()).collect(),
            )),
        }
    }

    /// A cached translation.
    ///
    /// # Errors
    /// Database failure.
    pub fn cached_translation(&self, key: &str) -> Result<Option<CachedTranslation>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT text, billed_chars FROM mt_cache WHERE key = ?1")?
            .query_row([key], |r| {
                Ok(CachedTranslation {
                    text: r.get(0)?,
                    billed_chars: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Caches a machine translation under its key (see `translate::cache_key`).
    ///
    /// # Errors
    /// Database failure.
    pub fn cache_translation(
        &mut self,
        key: &str,
        provider: &str,
        model: Option<&str>,
        (source, target): (&str, &str),
        entry: &CachedTranslation,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR REPLACE INTO mt_cache
                    (key, provider, model, source_locale, target_locale, text, billed_chars)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                key,
                provider,
                model,
                source,
                target,
                entry.text,
                entry.billed_chars
            ])?;
        Ok(())
    }

    /// How many translations are cached and how many characters they were billed.
    ///
    /// # Errors
    /// Database failure.
    pub fn cache_stats(&self) -> Result<CacheStats> {
        Ok(self.conn().query_row(
            "SELECT count(*), coalesce(sum(billed_chars), 0) FROM mt_cache",
            [],
            |r| {
                Ok(CacheStats {
                    entries: r.get(0)?,
                    billed_chars: r.get(1)?,
                })
            },
        )?)
    }
}

fn unknown_provider(name: &str, all: &[ProviderConfig]) -> Error {
    Error::UnknownProvider {
        name: name.to_string(),
        configured: all.iter().map(|p| p.name.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str, kind: ProviderKind) -> ProviderConfig {
        ProviderConfig {
            name: name.into(),
            kind,
            url: None,
            model: None,
            formality: None,
            glossary: None,
            has_key: false,
        }
    }

    #[test]
    fn providers_are_added_updated_and_chosen() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.choose_provider(None).is_err());
        assert!(
            store
                .save_provider(&config("deepl", ProviderKind::Deepl))
                .unwrap()
        );
        assert_eq!(store.choose_provider(None).unwrap().name, "deepl");
        let mut llm = config("llm", ProviderKind::Openai);
        llm.url = Some("http://127.0.0.1:8089/v1".into());
        assert!(store.save_provider(&llm).unwrap());
        let err = store.choose_provider(None).unwrap_err().to_string();
        assert!(err.contains("deepl, llm"), "{err}");
        assert_eq!(store.choose_provider(Some("llm")).unwrap(), llm);
        let err = store.choose_provider(Some("nope")).unwrap_err().to_string();
        assert!(err.contains("configured: deepl, llm"), "{err}");

        llm.model = Some("gemma".into());
        assert!(!store.save_provider(&llm).unwrap(), "an update is not new");
        store.set_provider_has_key("llm", true).unwrap();
        let saved = store.provider("llm").unwrap().unwrap();
        assert_eq!(saved.model.as_deref(), Some("gemma"));
        assert!(saved.has_key);
        assert!(store.set_provider_has_key("nope", true).is_err());
    }

    #[test]
    fn bad_provider_settings_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut bad = config("two words", ProviderKind::Deepl);
        assert!(store.save_provider(&bad).is_err());
        bad.name = "ok".into();
        bad.url = Some("ftp://x".into());
        assert!(store.save_provider(&bad).is_err());
        bad.url = None;
        bad.formality = Some("very".into());
        assert!(store.save_provider(&bad).is_err());
        assert!(store.providers().unwrap().is_empty());
    }

    #[test]
    fn cache_round_trip_and_stats() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.cached_translation("k").unwrap(), None);
        let entry = CachedTranslation {
            text: "Bonjour".into(),
            billed_chars: 5,
        };
        store
            .cache_translation("k", "deepl", None, ("en", "fr"), &entry)
            .unwrap();
        assert_eq!(store.cached_translation("k").unwrap(), Some(entry));
        assert_eq!(
            store.cache_stats().unwrap(),
            CacheStats {
                entries: 1,
                billed_chars: 5
            }
        );
    }
}
