//! Google Cloud Translation v2 (basic): `POST …/language/translate/v2?key=KEY` with `q`,
//! `source`, `target` and `format` (`html` keeps the XML tokens, `text` for the others).

use std::time::Duration;

use serde_json::{Value, json};

use super::http::{Answer, Http, endpoint};
use super::provider::ApiKey;
use super::{MtError, MtRequest, MtResponse, ProviderConfig, TokenStyle, Translator};

const PUBLIC: &str = "https://translation.googleapis.com";
const PATH: &str = "/language/translate/v2";

#[derive(Debug)]
pub(super) struct Google {
    http: Http,
    url: String,
    key: ApiKey,
}

impl Google {
    pub fn new(config: &ProviderConfig, key: String) -> Self {
        Self {
            http: Http::new(&config.name, Duration::from_secs(60)),
            url: endpoint(config.url.as_deref().unwrap_or(PUBLIC), PATH),
            key: ApiKey::new(key),
        }
    }

    fn with_key(&self, url: &str) -> String {
        if self.key.is_empty() {
            url.to_string()
        } else {
            format!("{url}?key={}", percent_encode(self.key.expose()))
        }
    }

    fn error(&self, answer: &Answer, request: Option<&MtRequest<'_>>) -> MtError {
        let provider = self.http.provider().to_string();
        let json = answer.json();
        let reason = json
            .pointer("/error/errors/0/reason")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let message = answer.message();
        match (answer.status, reason) {
            (_, "keyInvalid" | "keyExpired") => MtError::BadKey {
                provider,
                status: answer.status,
            },
            (400, _) if message.contains("API key not valid") => MtError::BadKey {
                provider,
                status: 400,
            },
            (_, "dailyLimitExceeded" | "quotaExceeded" | "limitExceeded") => MtError::Quota {
                provider,
                status: answer.status,
            },
            (_, "userRateLimitExceeded" | "rateLimitExceeded") => MtError::RateLimited {
                provider,
                retry_after: answer.retry_after,
            },
            (400, _)
                if request.is_some()
                    && (message.contains("language pair")
                        || message.contains("Invalid Value")
                        || reason == "invalid") =>
            {
                let (source, target) = request.map_or(("", ""), |r| (r.source, r.target));
                MtError::Unsupported {
                    provider,
                    source_locale: source.to_string(),
                    target_locale: target.to_string(),
                    message,
                }
            }
            _ => self.http.common_error(answer, !self.key.is_empty()),
        }
    }
}

/// Google's language code: the bare language, except Chinese (`zh-CN` / `zh-TW`) and
/// European Portuguese.
pub(super) fn code(locale: &str) -> String {
    let lower = locale.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default().to_string();
    let rest: Vec<&str> = parts.collect();
    let has = |s: &str| rest.contains(&s);
    match language.as_str() {
        "zh" if has("tw") || has("hk") || has("mo") || has("hant") => "zh-TW".into(),
        "zh" => "zh-CN".into(),
        "pt" if has("pt") => "pt-PT".into(),
        _ => language,
    }
}

/// In `html` format Google escapes quotes and apostrophes as entities, and may write an empty
/// element as `<x id="1"></x>`. `&lt;` `&gt;` `&amp;` stay for the unmasker, which decodes
/// them as XML.
fn from_html(text: &str) -> String {
    let text = text
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&nbsp;", "\u{a0}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<x id=") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let Some(close) = tag.find('>') else {
            rest = tag;
            break;
        };
        out.push_str(tag[..close].trim_end_matches('/').trim_end());
        out.push_str("/>");
        let after = &tag[close + 1..];
        rest = after.strip_prefix("</x>").unwrap_or(after);
    }
    out.push_str(rest);
    out
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Translator for Google {
    fn name(&self) -> &str {
        self.http.provider()
    }

    fn identity(&self) -> String {
        format!("google {}", self.url)
    }

    fn options(&self) -> String {
        String::new()
    }

    fn styles(&self) -> &'static [TokenStyle] {
        &[TokenStyle::Xml, TokenStyle::Bracket]
    }

    fn translate(&self, request: &MtRequest<'_>) -> Result<MtResponse, MtError> {
        let html = request.style == TokenStyle::Xml;
        let body = json!({
            "q": request.texts,
            "source": code(request.source),
            "target": code(request.target),
            "format": if html { "html" } else { "text" },
        });
        let answer = self.http.post_json(&self.with_key(&self.url), &[], &body)?;
        if !answer.ok() {
            return Err(self.error(&answer, Some(request)));
        }
        let json = answer.json();
        let translations = json
            .pointer("/data/translations")
            .and_then(Value::as_array)
            .ok_or_else(|| self.http.protocol("no data.translations in the answer"))?;
        if translations.len() != request.texts.len() {
            return Err(self.http.protocol(format!(
                "{} texts sent, {} translations received",
                request.texts.len(),
                translations.len()
            )));
        }
        let texts = translations
            .iter()
            .map(|t| {
                t.get("translatedText")
                    .and_then(Value::as_str)
                    .map(|s| if html { from_html(s) } else { s.to_string() })
                    .ok_or_else(|| self.http.protocol("a translation without translatedText"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Google bills every character sent.
        let billed = request.texts.iter().map(|t| t.chars().count() as u64).sum();
        Ok(MtResponse {
            texts,
            billed_chars: billed,
        })
    }

    fn check(&self) -> Result<String, MtError> {
        let url = self.with_key(&format!("{}/languages", self.url));
        let answer = self.http.get(&url, &[])?;
        if !answer.ok() {
            return Err(self.error(&answer, None));
        }
        let count = answer
            .json()
            .pointer("/data/languages")
            .and_then(Value::as_array)
            .map(Vec::len)
            .ok_or_else(|| self.http.protocol("no data.languages in the answer"))?;
        Ok(format!("{count} languages available"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(code("zh-CN"), "zh-CN");
        assert_eq!(code("zh-TW"), "zh-TW");
        assert_eq!(code("ar-SA"), "ar");
        assert_eq!(code("pt-PT"), "pt-PT");
        assert_eq!(code("pt-BR"), "pt");
    }

    #[test]
    fn html_answers_are_normalized() {
        assert_eq!(
            from_html("Bonjour <x id=\"1\"></x>, c&#39;est <x id=\"2\"/> &amp; <x id=\"3\"></x>"),
            "Bonjour <x id=\"1\"/>, c'est <x id=\"2\"/> &amp; <x id=\"3\"/>"
        );
    }

    #[test]
    fn keys_are_percent_encoded() {
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
    }
}
