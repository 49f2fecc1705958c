//! The one trait every machine-translation service is used through, its configuration and
//! its errors.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::TokenStyle;

/// Which API a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// DeepL API v2 (free and pro endpoints).
    Deepl,
    /// Google Cloud Translation v2 (basic).
    Google,
    /// Any OpenAI-compatible chat endpoint: `OpenAI`, Ollama, llama.cpp `llama-server`, ….
    Openai,
}

impl ProviderKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Deepl => "deepl",
            ProviderKind::Google => "google",
            ProviderKind::Openai => "openai",
        }
    }

    /// Whether the service refuses requests without an API key. An OpenAI-compatible local
    /// server (llama.cpp, Ollama) needs none.
    #[must_use]
    pub fn needs_key(self) -> bool {
        !matches!(self, ProviderKind::Openai)
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ProviderKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "deepl" => Ok(ProviderKind::Deepl),
            "google" => Ok(ProviderKind::Google),
            "openai" => Ok(ProviderKind::Openai),
            other => Err(crate::Error::Invalid(format!(
                "unknown provider kind '{other}' (expected deepl, google or openai)"
            ))),
        }
    }
}

/// A configured provider, as stored in the library. The API key is not here: it lives in the
/// OS keyring under the provider's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderConfig {
    pub name: String,
    pub kind: ProviderKind,
    /// Base URL or full endpoint; `None` uses the service's public endpoint.
    pub url: Option<String>,
    pub model: Option<String>,
    /// DeepL formality: `more` or `less` (sent as `prefer_more` / `prefer_less`, so languages
    /// without formality still translate).
    pub formality: Option<String>,
    /// DeepL glossary id.
    pub glossary: Option<String>,
    /// Whether a key was stored in the keyring for it.
    pub has_key: bool,
}

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
            ProviderKind::Deepl => {
                Box::new(super::deepl::Deepl::new(self, key.unwrap_or_default()))
            }
            ProviderKind::Google => {
                Box::new(super::google::Google::new(self, key.unwrap_or_default()))
            }
            ProviderKind::Openai => Box::new(super::openai::OpenAi::new(self, key)),
        })
    }
}

/// One batch of segments to translate.
#[derive(Debug, Clone)]
pub struct MtRequest<'a> {
    /// Source and target locales (canonical BCP-47: `en`, `pt-BR`, `zh-CN`).
    pub source: &'a str,
    pub target: &'a str,
    /// The masked segments; the answer has one text per segment, in order.
    pub texts: &'a [String],
    /// How the placeables in `texts` are written (decides tag handling).
    pub style: TokenStyle,
    /// What the text is, for services that use context (DeepL `context`, LLM prompts).
    pub context: Option<&'a str>,
}

/// The translations of one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MtResponse {
    pub texts: Vec<String>,
    /// Characters the service bills for this batch (as it reports them, else as it counts).
    pub billed_chars: u64,
}

/// A machine-translation service.
pub trait Translator: Send + Sync + std::fmt::Debug {
    /// The configured name, e.g. `deepl-pro`.
    fn name(&self) -> &str;
    /// Identity for the translation cache: kind, endpoint and model. Two providers with the
    /// same identity give the same translations.
    fn identity(&self) -> String;
    /// Options that change the output (formality, glossary), for the cache key.
    fn options(&self) -> String;
    /// Token styles to try, best first: the first for the first attempt, the next for the
    /// retry after a failed verification.
    fn styles(&self) -> &'static [TokenStyle];
    /// Writes `text` (a `locale` text in the form for the plural category `other`, masked
    /// in `style`) in the form for `category`, for a target language that needs more plural
    /// forms than the source has. Only language models can: `Ok(None)` for the others.
    ///
    /// # Errors
    /// [`MtError`], as for [`Translator::translate`].
    fn write_plural_form(
        &self,
        locale: &str,
        category: &str,
        text: &str,
        style: TokenStyle,
    ) -> Result<Option<String>, MtError> {
        let _ = (locale, category, text, style);
        Ok(None)
    }
    /// Translate a batch.
    ///
    /// # Errors
    /// [`MtError`], mapped from the service's answer.
    fn translate(&self, request: &MtRequest<'_>) -> Result<MtResponse, MtError>;
    /// A cheap authenticated call that proves the configuration works; returns a short
    /// human-readable summary (e.g. the quota used).
    ///
    /// # Errors
    /// [`MtError`], as for [`Translator::translate`].
    fn check(&self) -> Result<String, MtError>;
}

/// Why a translation service did not translate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MtError {
    #[error(
        "provider '{provider}' needs an API key and none is set: run `quickreply providers key {provider}` and paste the key"
    )]
    NoKey { provider: String },

    #[error(
        "provider '{provider}' refused the API key (HTTP {status}): check it and store it again with `quickreply providers key {provider}`"
    )]
    BadKey { provider: String, status: u16 },

    #[error(
        "provider '{provider}': the translation quota is used up (HTTP {status}): wait for the next billing period, raise the limit in the provider's account, or use another provider"
    )]
    Quota { provider: String, status: u16 },

    #[error(
        "provider '{provider}' is rate-limiting requests (HTTP 429){}: wait a moment and try again",
        retry_after.map(|s| format!(", retry after {s} s")).unwrap_or_default()
    )]
    RateLimited {
        provider: String,
        retry_after: Option<u64>,
    },

    #[error(
        "provider '{provider}' cannot translate {source_locale} → {target_locale}: {message}; use another provider for this language"
    )]
    Unsupported {
        provider: String,
        source_locale: String,
        target_locale: String,
        message: String,
    },

    #[error(
        "provider '{provider}' cannot be reached at {url}: {message}; check the network connection, or the URL with `quickreply providers list`"
    )]
    Network {
        provider: String,
        url: String,
        message: String,
    },

    #[error("provider '{provider}' answered HTTP {status}: {message}")]
    Service {
        provider: String,
        status: u16,
        message: String,
    },

    #[error("provider '{provider}' gave an answer that is not its API's format: {message}")]
    Protocol { provider: String, message: String },
}

impl MtError {
    /// A stable code for the UI (`mt_bad_key`, `mt_quota`, …).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            MtError::NoKey { .. } => "mt_no_key",
            MtError::BadKey { .. } => "mt_bad_key",
            MtError::Quota { .. } => "mt_quota",
            MtError::RateLimited { .. } => "mt_rate_limited",
            MtError::Unsupported { .. } => "mt_unsupported",
            MtError::Network { .. } => "mt_network",
            MtError::Service { .. } => "mt_service",
            MtError::Protocol { .. } => "mt_protocol",
        }
    }
}

/// An API key in memory: `Debug` never shows it, so a logged translator cannot leak it.
#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct ApiKey(String);

impl ApiKey {
    pub fn new(key: String) -> Self {
        Self(key)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "ApiKey(none)"
        } else {
            "ApiKey(***)"
        })
    }
}
