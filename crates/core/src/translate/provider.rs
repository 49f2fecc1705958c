//! The one trait every machine-translation service is used through, its configuration and
//! its errors.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::TokenStyle;

/// Which API a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
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
    /// The name stored in the library and settings (`deepl`, `google`, `openai`).
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProviderConfig {
    /// Name the user gave it, one word (`deepl`, `local-llm`); its keyring entry has this name.
    pub name: String,
    /// Which API it speaks.
    pub kind: ProviderKind,
    /// Base URL or full endpoint; `None` uses the service's public endpoint.
    pub url: Option<String>,
    /// Model of an OpenAI-compatible endpoint (`gpt-4o-mini`); `None` sends none, so the
    /// server uses its own. DeepL and Google ignore it.
    pub model: Option<String>,
    /// DeepL formality: `more` or `less` (sent as `prefer_more` / `prefer_less`, so languages
    /// without formality still translate).
    pub formality: Option<String>,
    /// DeepL glossary id.
    pub glossary: Option<String>,
    /// Whether a key was stored in the keyring for it.
    pub has_key: bool,
}

/// One batch of segments to translate.
#[derive(Debug, Clone)]
pub struct MtRequest<'a> {
    /// Source locale (canonical BCP-47: `en`, `pt-BR`, `zh-CN`).
    pub source: &'a str,
    /// Target locale, in the same form.
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
    /// One translation per segment sent, in order, placeholders still masked as tokens.
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
    /// The service needs an API key and none is stored (or it answered HTTP 401/403 to a
    /// request sent without one).
    #[error("provider '{provider}' needs an API key and none is stored")]
    NoKey {
        /// The provider's configured name.
        provider: String,
    },

    /// The service refused the API key (HTTP 401/403).
    #[error(
        "provider '{provider}' refused the API key (HTTP {status}): check the key and store it again"
    )]
    BadKey {
        /// The provider's configured name.
        provider: String,
        /// HTTP status of the refusal.
        status: u16,
    },

    /// The account's translation quota or balance is used up (DeepL 456, OpenAI 402 or
    /// `insufficient_quota`, Google quota reasons).
    #[error(
        "provider '{provider}': the translation quota is used up (HTTP {status}): wait for the next billing period, raise the limit in the provider's account, or use another provider"
    )]
    Quota {
        /// The provider's configured name.
        provider: String,
        /// HTTP status the service answered.
        status: u16,
    },

    /// The service still rate-limits after the automatic retries (HTTP 429, or Google's
    /// rate-limit reasons).
    #[error(
        "provider '{provider}' is rate-limiting requests (HTTP 429){}: wait a moment and try again",
        retry_after.map(|s| format!(", retry after {s} s")).unwrap_or_default()
    )]
    RateLimited {
        /// The provider's configured name.
        provider: String,
        /// Seconds the service asked to wait (`Retry-After`); `None` when it did not say.
        retry_after: Option<u64>,
    },

    /// The service does not translate this language pair.
    #[error(
        "provider '{provider}' cannot translate {source_locale} → {target_locale}: {message}; use another provider for this language"
    )]
    Unsupported {
        /// The provider's configured name.
        provider: String,
        /// Source locale asked for (BCP-47).
        source_locale: String,
        /// Target locale asked for (BCP-47).
        target_locale: String,
        /// The service's own explanation.
        message: String,
    },

    /// The service cannot be reached, or its answer was cut off.
    #[error(
        "provider '{provider}' cannot be reached at {url}: {message}; check the network connection and the provider's URL"
    )]
    Network {
        /// The provider's configured name.
        provider: String,
        /// The URL requested, without its query string (Google's carries the key).
        url: String,
        /// The transport error (DNS, refused connection, timeout, TLS).
        message: String,
    },

    /// The service answered an error status not covered by another variant.
    #[error("provider '{provider}' answered HTTP {status}: {message}")]
    Service {
        /// The provider's configured name.
        provider: String,
        /// The HTTP status.
        status: u16,
        /// The service's error message, or the first 200 characters of its answer.
        message: String,
    },

    /// The answer is not in the API's format (not JSON, a field missing, too few translations).
    #[error("provider '{provider}' gave an answer that is not its API's format: {message}")]
    Protocol {
        /// The provider's configured name.
        provider: String,
        /// What is wrong with the answer.
        message: String,
    },
}

impl MtError {
    /// A stable code for the UI (`mt_bad_key`, `mt_quota`, …).
    #[must_use]
    pub fn code(&self) -> crate::error::Code {
        use crate::error::Code;
        match self {
            MtError::NoKey { .. } => Code::MtNoKey,
            MtError::BadKey { .. } => Code::MtBadKey,
            MtError::Quota { .. } => Code::MtQuota,
            MtError::RateLimited { .. } => Code::MtRateLimited,
            MtError::Unsupported { .. } => Code::MtUnsupported,
            MtError::Network { .. } => Code::MtNetwork,
            MtError::Service { .. } => Code::MtService,
            MtError::Protocol { .. } => Code::MtProtocol,
        }
    }

    /// True when what was asked is at fault (a missing or refused key, a language pair the
    /// service does not translate): exit code 2. Quota, rate limits, an unreachable or failing
    /// service are conditions of the day: exit code 1.
    #[must_use]
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            MtError::NoKey { .. } | MtError::BadKey { .. } | MtError::Unsupported { .. }
        )
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
