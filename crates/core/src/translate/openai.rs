//! Any OpenAI-compatible chat endpoint (`POST {base}/chat/completions`): `OpenAI` and other
//! hosted services, Ollama, llama.cpp `llama-server`. One request per segment: small local
//! models keep placeholders far better in short single texts than in numbered batches.

use std::time::Duration;

use serde_json::{Value, json};

use super::http::{Answer, Http};
use super::provider::ApiKey;
use super::{MtError, MtRequest, MtResponse, ProviderConfig, TokenStyle, Translator};

const PUBLIC: &str = "https://api.openai.com/v1";

#[derive(Debug)]
pub(super) struct OpenAi {
    http: Http,
    base: String,
    key: Option<ApiKey>,
    model: Option<String>,
}

impl OpenAi {
    pub fn new(config: &ProviderConfig, key: Option<String>) -> Self {
        Self {
            // A language model on a laptop CPU can take a minute for a long reply.
            http: Http::new(&config.name, Duration::from_secs(300)),
            base: base_url(config.url.as_deref().unwrap_or(PUBLIC)),
            key: key.map(ApiKey::new),
            model: config.model.clone().filter(|m| !m.is_empty()),
        }
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        self.key
            .iter()
            .map(|k| ("Authorization", format!("Bearer {}", k.expose())))
            .collect()
    }

    fn error(&self, answer: &Answer) -> MtError {
        let provider = self.http.provider().to_string();
        let code = answer
            .json()
            .pointer("/error/code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        match answer.status {
            // OpenAI reports an exhausted balance as 429 with this code.
            429 if code == "insufficient_quota" => MtError::Quota {
                provider,
                status: 429,
            },
            402 => MtError::Quota {
                provider,
                status: 402,
            },
            404 => MtError::Service {
                provider,
                status: 404,
                message: format!(
                    "{} (check the provider's URL and model name)",
                    answer.message()
                ),
            },
            _ => self.http.common_error(answer, self.key.is_some()),
        }
    }

    fn chat(&self, system: &str, text: &str) -> Result<String, MtError> {
        let mut body = json!({
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": text},
            ],
            "temperature": 0,
            // A translation is rarely twice as many tokens as the source has characters; the
            // cap stops a model that rambles (small local ones do) from running for minutes.
            "max_tokens": (text.chars().count() * 2 + 32).min(2048),
            "stream": false,
        });
        if let Some(model) = &self.model {
            body["model"] = json!(model);
        }
        let url = format!("{}/chat/completions", self.base);
        let answer = self.http.post_json(&url, &self.headers(), &body)?;
        if !answer.ok() {
            return Err(self.error(&answer));
        }
        let content = answer
            .json()
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                self.http
                    .protocol("no choices[0].message.content in the answer")
            })?;
        Ok(clean_reply(&content, text))
    }
}

/// `http://host:port` → `http://host:port/v1`; a full `…/chat/completions` → its base.
fn base_url(url: &str) -> String {
    let url = url
        .trim()
        .trim_end_matches('/')
        .trim_end_matches("/chat/completions")
        .trim_end_matches('/');
    let path_start = url.find("://").map_or(0, |i| i + 3);
    if url[path_start..].contains('/') {
        url.to_string()
    } else {
        format!("{url}/v1")
    }
}

/// What models add around a translation: reasoning blocks, quotes, a "Translation:" label,
/// notes after a blank line. A one-line source keeps only the first line of the answer.
fn clean_reply(reply: &str, source: &str) -> String {
    let mut text = reply.to_string();
    while let (Some(start), Some(end)) = (text.find("<think>"), text.find("</think>")) {
        if end < start {
            break;
        }
        text.replace_range(start..end + "</think>".len(), "");
    }
    let mut text = text.trim();
    for label in ["Translation:", "translation:"] {
        if let Some(rest) = text.strip_prefix(label) {
            text = rest.trim_start();
        }
    }
    if !source.trim().contains('\n') {
        text = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
    }
    for (open, close) in [("\"", "\""), ("“", "”"), ("«", "»"), ("「", "」")] {
        if text.len() > open.len() + close.len()
            && text.starts_with(open)
            && text.ends_with(close)
            && !source.trim().starts_with(open)
        {
            text = &text[open.len()..text.len() - close.len()];
        }
    }
    text.to_string()
}

/// English names for prompts: models follow "Arabic" better than "ar".
pub(super) fn language_name(locale: &str) -> String {
    let language = locale.split('-').next().unwrap_or(locale);
    let name = match language {
        "ar" => "Arabic",
        "de" => "German",
        "en" => "English",
        "es" => "Spanish",
        "fa" => "Persian",
        "fr" => "French",
        "he" => "Hebrew",
        "id" => "Indonesian",
        "it" => "Italian",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ms" => "Malay",
        "nl" => "Dutch",
        "pl" => "Polish",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "th" => "Thai",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        "vi" => "Vietnamese",
        "zh" if locale.contains("TW") || locale.contains("Hant") => "Traditional Chinese",
        "zh" => "Simplified Chinese",
        _ => return locale.to_string(),
    };
    if locale.contains('-') && language != "zh" {
        format!("{name} ({locale})")
    } else {
        name.to_string()
    }
}

/// The system prompt for one request.
fn prompt(request: &MtRequest<'_>) -> String {
    let example = request.style.token(1);
    let mut prompt = format!(
        "You translate customer-service replies of an online shop from {} to {}. \
         Placeholders such as {example} stand for order details (names, numbers, dates): \
         copy every placeholder exactly once and unchanged, translate everything else. \
         Reply with the translation only: no notes, no quotes.",
        language_name(request.source),
        language_name(request.target),
    );
    if let Some(context) = request.context {
        prompt.push_str(" The reply is about: ");
        prompt.push_str(context);
    }
    prompt
}

impl Translator for OpenAi {
    fn name(&self) -> &str {
        self.http.provider()
    }

    fn identity(&self) -> String {
        format!(
            "openai {} {}",
            self.base,
            self.model.as_deref().unwrap_or("")
        )
    }

    fn options(&self) -> String {
        String::new()
    }

    fn styles(&self) -> &'static [TokenStyle] {
        &[TokenStyle::Hash, TokenStyle::Bracket]
    }

    fn write_plural_form(
        &self,
        locale: &str,
        category: &str,
        text: &str,
        style: TokenStyle,
    ) -> Result<Option<String>, MtError> {
        let language = language_name(locale);
        let examples = super::category_examples(locale, category)
            .map(|e| format!(" (counts such as {e})"))
            .unwrap_or_default();
        let system = format!(
            "You adapt customer-service replies of an online shop written in {language}. The \
             user's text is the form used for counts in the plural category 'other'. Rewrite it \
             in the grammatical form {language} uses for the plural category '{category}'\
             {examples}. Placeholders such as {} stand for order details: copy every \
             placeholder exactly once and unchanged. Reply with the rewritten text only.",
            style.token(1)
        );
        self.chat(&system, text).map(Some)
    }

    fn translate(&self, request: &MtRequest<'_>) -> Result<MtResponse, MtError> {
        let system = prompt(request);
        let texts = request
            .texts
            .iter()
            .map(|text| self.chat(&system, text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MtResponse {
            texts,
            billed_chars: request.texts.iter().map(|t| t.chars().count() as u64).sum(),
        })
    }

    fn check(&self) -> Result<String, MtError> {
        let answer = self
            .http
            .get(&format!("{}/models", self.base), &self.headers())?;
        if !answer.ok() {
            return Err(self.error(&answer));
        }
        let models: Vec<String> = answer
            .json()
            .get("data")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|m| m.get("id").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .ok_or_else(|| self.http.protocol("no model list (data) in /models"))?;
        match &self.model {
            Some(model) if !models.iter().any(|m| m == model) && !models.is_empty() => {
                Err(MtError::Service {
                    provider: self.http.provider().to_string(),
                    status: 404,
                    message: format!(
                        "the server has no model '{model}' (it has: {})",
                        models.join(", ")
                    ),
                })
            }
            _ => Ok(format!("models: {}", models.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            base_url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/v1"
        );
        assert_eq!(
            base_url("http://127.0.0.1:8080/v1/"),
            "http://127.0.0.1:8080/v1"
        );
        assert_eq!(base_url("http://h:1/v1/chat/completions"), "http://h:1/v1");
        assert_eq!(
            base_url("https://api.example.com/openai/v1"),
            "https://api.example.com/openai/v1"
        );
    }

    #[test]
    fn replies_are_cleaned() {
        assert_eq!(
            clean_reply("<think>hmm</think>\n\"Bonjour ⟦1⟧\"", "Hello ⟦1⟧"),
            "Bonjour ⟦1⟧"
        );
        assert_eq!(
            clean_reply("Translation: Hola ⟦1⟧\n\nNote: informal", "Hi ⟦1⟧"),
            "Hola ⟦1⟧"
        );
        assert_eq!(clean_reply("a\nb", "x\ny"), "a\nb");
    }

    #[test]
    fn prompts_name_languages() {
        let texts = vec!["Hi ⟦1⟧".to_string()];
        let request = MtRequest {
            source: "en",
            target: "ar",
            texts: &texts,
            style: TokenStyle::Hash,
            context: Some("shipping"),
        };
        let p = prompt(&request);
        assert!(p.contains("English to Arabic"), "{p}");
        assert!(p.contains("⟦1⟧") && p.ends_with("shipping"), "{p}");
    }
}
