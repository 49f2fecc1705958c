//! DeepL API v2: `POST /v2/translate` with a JSON body, `DeepL-Auth-Key` authorization, XML
//! tag handling for the tokens, formality, `context` and glossaries.

use std::time::Duration;

use serde_json::{Value, json};

use super::http::Http;
use super::provider::ApiKey;
use super::{MtError, MtRequest, MtResponse, ProviderConfig, TokenStyle, Translator};

/// Keys of the free plan end in `:fx` and only work on the free endpoint.
const FREE: &str = "https://api-free.deepl.com";
const PRO: &str = "https://api.deepl.com";

#[derive(Debug)]
pub(super) struct Deepl {
    http: Http,
    base: String,
    key: ApiKey,
    formality: Option<String>,
    glossary: Option<String>,
}

impl Deepl {
    pub fn new(config: &ProviderConfig, key: String) -> Self {
        let base = config.url.as_deref().map_or_else(
            || if key.ends_with(":fx") { FREE } else { PRO }.to_string(),
            |url| {
                url.trim()
                    .trim_end_matches('/')
                    .trim_end_matches("/v2/translate")
                    .trim_end_matches("/v2")
                    .to_string()
            },
        );
        Self {
            http: Http::new(&config.name, Duration::from_secs(60)),
            base,
            key: ApiKey::new(key),
            formality: config.formality.clone(),
            glossary: config.glossary.clone(),
        }
    }

    /// No header without a key: an endpoint of one's own (a proxy that adds the key) may
    /// need none.
    fn auth(&self) -> Vec<(&'static str, String)> {
        if self.key.is_empty() {
            Vec::new()
        } else {
            vec![(
                "Authorization",
                format!("DeepL-Auth-Key {}", self.key.expose()),
            )]
        }
    }

    fn error(&self, answer: &super::http::Answer, request: Option<&MtRequest<'_>>) -> MtError {
        let provider = self.http.provider().to_string();
        match answer.status {
            456 => MtError::Quota {
                provider,
                status: 456,
            },
            // DeepL answers 400 "Value for 'target_lang' not supported." for a language it
            // does not translate.
            400 if request.is_some() && mentions_language(&answer.message()) => {
                let request = request.map_or(("", ""), |r| (r.source, r.target));
                MtError::Unsupported {
                    provider,
                    source_locale: request.0.to_string(),
                    target_locale: request.1.to_string(),
                    message: answer.message(),
                }
            }
            _ => self.http.common_error(answer, !self.key.is_empty()),
        }
    }
}

fn mentions_language(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("target_lang") || m.contains("source_lang") || m.contains("not supported")
}

/// DeepL's source language: the bare language (`EN`, `ZH`, `PT`).
pub(super) fn source_code(locale: &str) -> String {
    locale
        .split('-')
        .next()
        .unwrap_or(locale)
        .to_ascii_uppercase()
}

/// DeepL's target language: English and Portuguese need a variant, Chinese a script.
pub(super) fn target_code(locale: &str) -> String {
    let lower = locale.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let has = |s: &str| rest.contains(&s);
    match language {
        "en" if has("gb") || has("au") || has("ie") || has("nz") || has("in") => "EN-GB".into(),
        "en" => "EN-US".into(),
        "pt" if has("br") => "PT-BR".into(),
        "pt" => "PT-PT".into(),
        "zh" if has("tw") || has("hk") || has("mo") || has("hant") => "ZH-HANT".into(),
        "zh" => "ZH-HANS".into(),
        other => other.to_ascii_uppercase(),
    }
}

impl Translator for Deepl {
    fn name(&self) -> &str {
        self.http.provider()
    }

    fn identity(&self) -> String {
        format!("deepl {}", self.base)
    }

    fn options(&self) -> String {
        format!(
            "formality={};glossary={}",
            self.formality.as_deref().unwrap_or(""),
            self.glossary.as_deref().unwrap_or("")
        )
    }

    fn styles(&self) -> &'static [TokenStyle] {
        &[TokenStyle::Xml, TokenStyle::Bracket]
    }

    fn translate(&self, request: &MtRequest<'_>) -> Result<MtResponse, MtError> {
        let mut body = json!({
            "text": request.texts,
            "source_lang": source_code(request.source),
            "target_lang": target_code(request.target),
            "show_billed_characters": true,
            // Keep line breaks as they are: a reply's lines are not sentences to merge.
            "preserve_formatting": true,
        });
        if request.style == TokenStyle::Xml {
            body["tag_handling"] = json!("xml");
        }
        if let Some(formality) = self.formality.as_deref().filter(|f| !f.is_empty()) {
            body["formality"] = json!(match formality {
                "more" | "less" => format!("prefer_{formality}"),
                other => other.to_string(),
            });
        }
        if let Some(glossary) = self.glossary.as_deref().filter(|g| !g.is_empty()) {
            body["glossary_id"] = json!(glossary);
        }
        if let Some(context) = request.context {
            body["context"] = json!(context);
        }
        let url = format!("{}/v2/translate", self.base);
        let answer = self.http.post_json(&url, &self.auth(), &body)?;
        if !answer.ok() {
            return Err(self.error(&answer, Some(request)));
        }
        let json = answer.json();
        let translations = json
            .get("translations")
            .and_then(Value::as_array)
            .ok_or_else(|| self.http.protocol("no 'translations' array in the answer"))?;
        if translations.len() != request.texts.len() {
            return Err(self.http.protocol(format!(
                "{} texts sent, {} translations received",
                request.texts.len(),
                translations.len()
            )));
        }
        let mut texts = Vec::with_capacity(translations.len());
        let mut billed = 0;
        for (t, sent) in translations.iter().zip(request.texts) {
            let text = t
                .get("text")
                .and_then(Value::as_str)
                .ok_or_else(|| self.http.protocol("a translation without 'text'"))?;
            texts.push(text.to_string());
            billed += t
                .get("billed_characters")
                .and_then(Value::as_u64)
                .unwrap_or(sent.chars().count() as u64);
        }
        Ok(MtResponse {
            texts,
            billed_chars: billed,
        })
    }

    fn check(&self) -> Result<String, MtError> {
        let answer = self
            .http
            .get(&format!("{}/v2/usage", self.base), &self.auth())?;
        if !answer.ok() {
            return Err(self.error(&answer, None));
        }
        let json = answer.json();
        match (
            json.get("character_count").and_then(Value::as_u64),
            json.get("character_limit").and_then(Value::as_u64),
        ) {
            (Some(used), Some(limit)) => Ok(format!("{used} of {limit} characters used")),
            _ => Err(self.http.protocol("no character_count in /v2/usage")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(source_code("pt-BR"), "PT");
        assert_eq!(target_code("en"), "EN-US");
        assert_eq!(target_code("en-GB"), "EN-GB");
        assert_eq!(target_code("pt"), "PT-PT");
        assert_eq!(target_code("pt-BR"), "PT-BR");
        assert_eq!(target_code("zh-CN"), "ZH-HANS");
        assert_eq!(target_code("zh-TW"), "ZH-HANT");
        assert_eq!(target_code("ar"), "AR");
    }
}
