//! The provider registry: which implementation speaks a configured provider's API. Kept apart
//! from the trait and the types (`provider.rs`), which every implementation imports, so that
//! no module imports one that imports it back.

use super::deepl::Deepl;
use super::google::Google;
use super::openai::OpenAi;
use super::{MtError, ProviderConfig, ProviderKind, Translator};

impl ProviderConfig {
    /// The translator for this configuration.
    ///
    /// A service's public endpoint needs a key; an endpoint of one's own (`url`) is tried
    /// without one, and a 401/403 answer is then reported as [`MtError::NoKey`].
    ///
    /// # Errors
    /// [`MtError::NoKey`] when the public endpoint of a service that needs a key is used
    /// without one.
    pub fn connect(&self, key: Option<String>) -> Result<Box<dyn Translator>, MtError> {
        let key = key.filter(|k| !k.trim().is_empty());
        if self.kind.needs_key() && key.is_none() && self.url.is_none() {
            return Err(MtError::NoKey {
                provider: self.name.clone(),
            });
        }
        Ok(match self.kind {
            ProviderKind::Deepl => Box::new(Deepl::new(self, key.unwrap_or_default())),
            ProviderKind::Google => Box::new(Google::new(self, key.unwrap_or_default())),
            ProviderKind::Openai => Box::new(OpenAi::new(self, key)),
        })
    }
}
