//! Local HTTP servers that speak the providers' APIs, for contract tests.
//!
//! Each is a real HTTP server on 127.0.0.1 (tiny_http) that records every request and answers
//! in the API's exact response format: [`deepl`], [`google`] and [`openai`] wrap a function
//! that "translates" one text, so a test decides whether tokens are kept, dropped, reordered
//! or duplicated; [`Reply`] builds the error answers (403, 456, 429, …).

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use serde_json::{Value, json};

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, e.g. `/v2/translate`.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// A header's value (name compared case-insensitively).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` if it is not).
    #[must_use]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The path without the query.
    #[must_use]
    pub fn path(&self) -> &str {
        self.url.split('?').next().unwrap_or(&self.url)
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// A JSON answer.
    #[must_use]
    pub fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A running server; stopped when dropped.
pub struct MockServer {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url)
            .finish()
    }
}

impl MockServer {
    /// Starts a server on a free port that answers every request with `handler`.
    ///
    /// # Panics
    /// When no local port can be bound (a test environment problem).
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        #[allow(clippy::expect_used)]
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0"));
        let port = server.server_addr().to_ip().map_or(0, |a| a.port());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let server = Arc::clone(&server);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                while let Ok(mut request) = server.recv() {
                    let mut body = String::new();
                    let _ = request.as_reader().read_to_string(&mut body);
                    let recorded = Recorded {
                        method: request.method().to_string(),
                        url: request.url().to_string(),
                        headers: request
                            .headers()
                            .iter()
                            .map(|h| (h.field.to_string(), h.value.to_string()))
                            .collect(),
                        body,
                    };
                    let reply = handler(&recorded);
                    requests
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(recorded);
                    let mut response =
                        tiny_http::Response::from_string(reply.body).with_status_code(reply.status);
                    for (name, value) in &reply.headers {
                        if let Ok(header) =
                            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                        {
                            response = response.with_header(header);
                        }
                    }
                    let _ = request.respond(response);
                }
            })
        };
        Self {
            url: format!("http://127.0.0.1:{port}"),
            requests,
            server,
            thread: Some(thread),
        }
    }

    /// Every request so far, oldest first.
    #[must_use]
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// DeepL v2: `POST /v2/translate` → `{"translations":[{"detected_source_language","text",
/// "billed_characters"}]}`; `GET /v2/usage` → `{"character_count","character_limit"}`.
/// Requests without a `DeepL-Auth-Key` authorization get 403.
pub fn deepl(
    translate: impl Fn(&str) -> String + Send + Sync + 'static,
) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request| {
        if !request
            .header("Authorization")
            .is_some_and(|a| a.starts_with("DeepL-Auth-Key "))
        {
            return Reply::json(403, &json!({"message": "Wrong endpoint or missing key"}));
        }
        match (request.method.as_str(), request.path()) {
            ("POST", "/v2/translate") => {
                let body = request.json();
                let texts = body["text"].as_array().cloned().unwrap_or_default();
                let translations: Vec<Value> = texts
                    .iter()
                    .map(|t| {
                        let text = t.as_str().unwrap_or_default();
                        json!({
                            "detected_source_language": body["source_lang"],
                            "text": translate(text),
                            "billed_characters": text.chars().count(),
                        })
                    })
                    .collect();
                Reply::json(200, &json!({ "translations": translations }))
            }
            ("GET", "/v2/usage") => Reply::json(
                200,
                &json!({"character_count": 1234, "character_limit": 500_000}),
            ),
            _ => Reply::json(404, &json!({"message": "Not found"})),
        }
    }
}

/// Google Translation v2: `POST /language/translate/v2?key=…` with `q` →
/// `{"data":{"translations":[{"translatedText"}]}}`; a missing key gets Google's 403 error.
pub fn google(
    translate: impl Fn(&str) -> String + Send + Sync + 'static,
) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request| {
        if !request.url.contains("key=") {
            return google_error(403, "The request is missing a valid API key.", "forbidden");
        }
        match (request.method.as_str(), request.path()) {
            ("POST", "/language/translate/v2") => {
                let body = request.json();
                let texts = body["q"].as_array().cloned().unwrap_or_default();
                let translations: Vec<Value> = texts
                    .iter()
                    .map(|t| json!({"translatedText": translate(t.as_str().unwrap_or_default())}))
                    .collect();
                Reply::json(200, &json!({"data": {"translations": translations}}))
            }
            ("GET", "/language/translate/v2/languages") => Reply::json(
                200,
                &json!({"data": {"languages": [{"language": "ar"}, {"language": "fr"}]}}),
            ),
            _ => google_error(404, "Not Found", "notFound"),
        }
    }
}

/// A Google API error body.
#[must_use]
pub fn google_error(status: u16, message: &str, reason: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"code": status, "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}]}}),
    )
}

/// An OpenAI-compatible server: `POST /v1/chat/completions` answers the last user message
/// translated; `GET /v1/models` lists one model.
pub fn openai(
    translate: impl Fn(&str) -> String + Send + Sync + 'static,
) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request| match (request.method.as_str(), request.path()) {
        ("POST", "/v1/chat/completions") => {
            let body = request.json();
            let text = body["messages"]
                .as_array()
                .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
                .and_then(|m| m["content"].as_str())
                .unwrap_or_default()
                .to_string();
            Reply::json(
                200,
                &json!({
                    "id": "chatcmpl-1", "object": "chat.completion",
                    "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                        "message": {"role": "assistant", "content": translate(&text)}}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                }),
            )
        }
        ("GET", "/v1/models") => Reply::json(
            200,
            &json!({"object": "list", "data": [{"id": "gemma", "object": "model"}]}),
        ),
        _ => Reply::json(
            404,
            &json!({"error": {"message": "not found", "code": null}}),
        ),
    }
}
