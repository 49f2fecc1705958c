//! The HTTP plumbing the providers share: one blocking agent, JSON in and out, a short
//! automatic wait on HTTP 429, and the errors every API maps the same way.

use std::thread;
use std::time::Duration;

use serde_json::Value;

use super::MtError;

/// How often a 429 is retried before it is reported, and the longest wait honoured.
const RATE_LIMIT_RETRIES: u32 = 2;
const MAX_RETRY_WAIT: Duration = Duration::from_secs(5);

/// A provider's HTTP client.
#[derive(Debug)]
pub(super) struct Http {
    agent: ureq::Agent,
    provider: String,
}

/// An HTTP answer of any status.
#[derive(Debug)]
pub(super) struct Answer {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<u64>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON (`Null` when it is not JSON, e.g. an HTML error page).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The error message the service put in its body, or the start of the body.
    pub fn message(&self) -> String {
        let json = self.json();
        let found = [
            json.pointer("/message"),
            json.pointer("/error/message"),
            json.pointer("/error"),
            json.pointer("/detail"),
        ]
        .into_iter()
        .flatten()
        .find_map(|v| v.as_str().map(str::to_string));
        found.unwrap_or_else(|| {
            let text: String = self.body.trim().chars().take(200).collect();
            if text.is_empty() {
                "(no message)".to_string()
            } else {
                text
            }
        })
    }
}

impl Http {
    /// `timeout`: the whole request; a language model on a CPU needs far longer than DeepL.
    pub fn new(provider: &str, timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(timeout))
            .user_agent(concat!("QuickReply/", env!("CARGO_PKG_VERSION")))
            .build();
        Self {
            agent: ureq::Agent::new_with_config(config),
            provider: provider.to_string(),
        }
    }

    /// POST a JSON body.
    pub fn post_json(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: &Value,
    ) -> Result<Answer, MtError> {
        self.with_retry(url, || {
            let mut request = self.agent.post(url);
            for (name, value) in headers {
                request = request.header(*name, value);
            }
            request.send_json(body)
        })
    }

    /// GET with headers.
    pub fn get(&self, url: &str, headers: &[(&str, String)]) -> Result<Answer, MtError> {
        self.with_retry(url, || {
            let mut request = self.agent.get(url);
            for (name, value) in headers {
                request = request.header(*name, value);
            }
            request.call()
        })
    }

    fn with_retry(
        &self,
        url: &str,
        send: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, MtError> {
        let mut attempt = 0;
        loop {
            let answer = self.read(url, send())?;
            if answer.status != 429 || attempt == RATE_LIMIT_RETRIES {
                return Ok(answer);
            }
            attempt += 1;
            let wait = answer
                .retry_after
                .map_or(Duration::from_secs(u64::from(attempt)), Duration::from_secs)
                .min(MAX_RETRY_WAIT);
            log::info!(
                "{}: HTTP 429, retrying in {} s",
                self.provider,
                wait.as_secs()
            );
            thread::sleep(wait);
        }
    }

    fn read(
        &self,
        url: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, MtError> {
        let network = |message: String| MtError::Network {
            provider: self.provider.clone(),
            url: redact(url),
            message,
        };
        let mut response = result.map_err(|e| network(e.to_string()))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| network(format!("the answer was cut off ({e})")))?;
        Ok(Answer {
            status,
            body,
            retry_after,
        })
    }

    /// The errors all APIs report the same way: 401/403 bad key (or no key, when none was
    /// sent), 429 rate limit, else the service's own message.
    pub fn common_error(&self, answer: &Answer, key_sent: bool) -> MtError {
        let provider = self.provider.clone();
        match answer.status {
            401 | 403 if !key_sent => MtError::NoKey { provider },
            401 | 403 => MtError::BadKey {
                provider,
                status: answer.status,
            },
            429 => MtError::RateLimited {
                provider,
                retry_after: answer.retry_after,
            },
            status => MtError::Service {
                provider,
                status,
                message: answer.message(),
            },
        }
    }

    pub fn protocol(&self, message: impl Into<String>) -> MtError {
        MtError::Protocol {
            provider: self.provider.clone(),
            message: message.into(),
        }
    }

    pub fn provider(&self) -> &str {
        &self.provider
    }
}

/// A URL without its query string (Google takes the key as `?key=`): for error messages.
pub(super) fn redact(url: &str) -> String {
    url.split('?').next().unwrap_or(url).to_string()
}

/// `base` joined with `path` unless it already ends with it: users paste either the base URL
/// or the full endpoint.
pub(super) fn endpoint(base: &str, path: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.ends_with(path) {
        base.to_string()
    } else {
        format!("{base}{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_accepts_base_or_full_url() {
        assert_eq!(
            endpoint("http://127.0.0.1:9/", "/v2/translate"),
            "http://127.0.0.1:9/v2/translate"
        );
        assert_eq!(
            endpoint("https://api.deepl.com/v2/translate", "/v2/translate"),
            "https://api.deepl.com/v2/translate"
        );
    }

    #[test]
    fn redact_drops_the_query() {
        assert_eq!(
            redact("https://x.test/v2?key=secret"),
            "https://x.test/v2".to_string()
        );
    }

    #[test]
    fn message_is_taken_from_the_usual_places() {
        let answer = |body: &str| Answer {
            status: 400,
            body: body.into(),
            retry_after: None,
        };
        assert_eq!(answer(r#"{"message":"bad"}"#).message(), "bad");
        assert_eq!(
            answer(r#"{"error":{"message":"worse"}}"#).message(),
            "worse"
        );
        assert_eq!(answer("<html>oops</html>").message(), "<html>oops</html>");
        assert_eq!(answer("").message(), "(no message)");
    }
}
