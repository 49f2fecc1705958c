//! Provider contract tests: each provider against a real local HTTP server that speaks the
//! API's exact request and response format (see `mock_api`), including its error answers,
//! and the drafting workflow on top (verification, retry, cache, statuses).

// Test helpers outside `#[test]` functions unwrap too (`allow-unwrap-in-tests` does not
// reach them in an integration test).
#![allow(clippy::unwrap_used)]

use serde_json::json;

use quickreply_core::Error;
use quickreply_core::pack::{self, ImportOptions, Manifest, Pack, PackFile};
use quickreply_core::store::{Status, Store};
use quickreply_core::translate::{
    MtError, MtRequest, ProviderConfig, ProviderKind, TokenStyle, back_translate,
    translate_template,
};
use quickreply_testkit::mock_api::{self, MockServer, Reply, google_error};

const EN: &str = r#"shipped = Hello { $buyer_name }, order { $order_id } has shipped.
    .title = Order shipped
items = { $item_count ->
        [one] One item
       *[other] { $item_count } items
    } in order { $order_id }.
    .title = Item count
"#;

/// A library in memory with `EN` imported as the source.
fn library() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let pack = Pack {
        files: vec![PackFile {
            locale: "en".into(),
            name: "en.ftl".into(),
            text: EN.into(),
        }],
        manifest: Manifest::default(),
    };
    pack::import(&mut store, &pack, &ImportOptions::default()).unwrap();
    store
}

fn config(kind: ProviderKind, server: &MockServer) -> ProviderConfig {
    ProviderConfig {
        name: format!("test-{kind}"),
        kind,
        url: Some(server.url.clone()),
        model: None,
        formality: None,
        glossary: None,
        has_key: true,
    }
}

/// A "translation" that keeps every token: the text is prefixed.
fn keep(text: &str) -> String {
    format!("XX {text}")
}

/// Token 1 removed, in whatever style it was sent.
fn drop_first_token(text: &str) -> String {
    let mut out = text.to_string();
    for token in ["<x id=\"1\"/>", "[[1]]", "\u{27e6}1\u{27e7}"] {
        out = out.replacen(token, "", 1);
    }
    format!("XX {out}")
}

fn status_of(store: &Store, key: &str, locale: &str) -> Option<Status> {
    let id = store.template(key).unwrap().id;
    store
        .variants(id)
        .unwrap()
        .into_iter()
        .find(|v| v.locale == locale)
        .map(|v| v.status)
}

fn one_request<'a>(texts: &'a [String]) -> MtRequest<'a> {
    MtRequest {
        source: "en",
        target: "fr",
        texts,
        style: TokenStyle::Bracket,
        context: None,
    }
}

fn error_code(server: &MockServer, kind: ProviderKind) -> String {
    let translator = config(kind, server).connect(Some("key".into())).unwrap();
    let texts = vec!["Hello [[1]]".to_string()];
    translator
        .translate(&one_request(&texts))
        .unwrap_err()
        .code()
        .to_string()
}

#[test]
fn deepl_request_format_and_a_verified_draft() {
    let server = MockServer::start(mock_api::deepl(keep));
    let mut cfg = config(ProviderKind::Deepl, &server);
    cfg.formality = Some("more".into());
    cfg.glossary = Some("gl-1".into());
    let translator = cfg.connect(Some("secret:fx".into())).unwrap();
    let mut store = library();

    let draft = translate_template(&mut store, translator.as_ref(), "shipped", "fr").unwrap();
    assert_eq!(draft.status, Status::Machine, "{draft:?}");
    assert_eq!(
        draft.body,
        "XX Hello { $buyer_name }, order { $order_id } has shipped."
    );
    assert_eq!(status_of(&store, "shipped", "fr"), Some(Status::Machine));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        (request.method.as_str(), request.path()),
        ("POST", "/v2/translate")
    );
    assert_eq!(
        request.header("Authorization"),
        Some("DeepL-Auth-Key secret:fx")
    );
    let body = request.json();
    assert_eq!(body["source_lang"], "EN");
    assert_eq!(body["target_lang"], "FR");
    assert_eq!(body["tag_handling"], "xml");
    assert_eq!(body["formality"], "prefer_more");
    assert_eq!(body["glossary_id"], "gl-1");
    assert!(body["context"].as_str().unwrap().contains("Order shipped"));
    assert_eq!(
        body["text"],
        json!(["Hello <x id=\"1\"/>, order <x id=\"2\"/> has shipped."])
    );

    // Billed characters are recorded; the same request is answered from the cache.
    assert!(draft.billed_chars > 0);
    assert_eq!(
        store.cache_stats().unwrap().billed_chars,
        draft.billed_chars
    );
    let again = translate_template(&mut store, translator.as_ref(), "shipped", "fr").unwrap();
    assert_eq!((again.sent_segments, again.cached_segments), (0, 1));
    assert_eq!(again.billed_chars, 0);
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        translator.check().unwrap(),
        "1234 of 500000 characters used"
    );
}

#[test]
fn deepl_free_and_pro_keys_pick_their_endpoint_without_a_url() {
    let mut cfg = ProviderConfig {
        name: "d".into(),
        kind: ProviderKind::Deepl,
        url: None,
        model: None,
        formality: None,
        glossary: None,
        has_key: true,
    };
    let free = cfg.connect(Some("abc:fx".into())).unwrap();
    assert!(
        !format!("{free:?}").contains("abc"),
        "Debug shows the key: {free:?}"
    );
    assert!(free.identity().contains("api-free.deepl.com"));
    let pro = cfg.connect(Some("abc".into())).unwrap();
    assert!(pro.identity().contains("https://api.deepl.com"));
    cfg.kind = ProviderKind::Google;
    assert_eq!(cfg.connect(None).unwrap_err().code(), "mt_no_key");
}

#[test]
fn deepl_errors_are_told_apart() {
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::json(403, &json!({"message": "Forbidden"})),
            "mt_bad_key",
        ),
        (
            Reply::json(456, &json!({"message": "Quota exceeded"})),
            "mt_quota",
        ),
        (
            Reply::json(429, &json!({"message": "Too many requests"}))
                .with_header("Retry-After", "0"),
            "mt_rate_limited",
        ),
        (
            Reply::json(
                400,
                &json!({"message": "Value for 'target_lang' not supported."}),
            ),
            "mt_unsupported",
        ),
        (
            Reply::json(503, &json!({"message": "Service unavailable"})),
            "mt_service",
        ),
        (
            Reply::json(200, &json!({"unexpected": true})),
            "mt_protocol",
        ),
    ];
    for (reply, code) in cases {
        let server = MockServer::start(move |_| reply.clone());
        assert_eq!(error_code(&server, ProviderKind::Deepl), code);
        if code == "mt_rate_limited" {
            assert_eq!(server.requests().len(), 3, "two automatic retries");
        }
    }
}

#[test]
fn an_own_endpoint_is_tried_without_a_key_and_a_refusal_asks_for_one() {
    let server = MockServer::start(mock_api::deepl(keep));
    let translator = config(ProviderKind::Deepl, &server).connect(None).unwrap();
    let texts = vec!["Hello [[1]]".to_string()];
    let err = translator.translate(&one_request(&texts)).unwrap_err();
    assert_eq!(err.code(), "mt_no_key", "{err}");
    assert_eq!(server.requests()[0].header("Authorization"), None);
    // A proxy that adds the key itself answers.
    let open = MockServer::start(|_| {
        Reply::json(200, &json!({"translations": [{"text": "Bonjour [[1]]"}]}))
    });
    let translator = config(ProviderKind::Deepl, &open).connect(None).unwrap();
    assert_eq!(
        translator.translate(&one_request(&texts)).unwrap().texts,
        vec!["Bonjour [[1]]".to_string()]
    );
}

#[test]
fn network_down_is_reported_and_nothing_is_stored() {
    let url = {
        let server = MockServer::start(mock_api::deepl(keep));
        server.url.clone()
    }; // The server is gone: the port refuses connections.
    let cfg = ProviderConfig {
        url: Some(url.clone()),
        ..config(
            ProviderKind::Deepl,
            &MockServer::start(mock_api::deepl(keep)),
        )
    };
    let translator = cfg.connect(Some("k".into())).unwrap();
    let mut store = library();
    let err = translate_template(&mut store, translator.as_ref(), "shipped", "fr").unwrap_err();
    assert!(
        matches!(&err, Error::Provider(MtError::Network { .. })),
        "{err}"
    );
    assert!(err.to_string().contains(&url), "{err}");
    assert_eq!(status_of(&store, "shipped", "fr"), None);
}

#[test]
fn google_request_format_html_answers_and_errors() {
    // Google's html format escapes apostrophes and writes empty elements as open/close pairs.
    let server = MockServer::start(mock_api::google(|t| {
        t.replace("<x id=\"1\"/>", "<x id=\"1\"></x>")
            .replace("Hello", "C&#39;est")
    }));
    let translator = config(ProviderKind::Google, &server)
        .connect(Some("g key".into()))
        .unwrap();
    let mut store = library();
    let draft = translate_template(&mut store, translator.as_ref(), "shipped", "ar-SA").unwrap();
    assert_eq!(draft.locale, "ar-SA");
    assert_eq!(
        draft.body,
        "C'est { $buyer_name }, order { $order_id } has shipped."
    );
    let request = &server.requests()[0];
    assert_eq!(request.path(), "/language/translate/v2");
    assert!(request.url.ends_with("?key=g%20key"), "{}", request.url);
    let body = request.json();
    assert_eq!(
        (&body["source"], &body["target"], &body["format"]),
        (&json!("en"), &json!("ar"), &json!("html"))
    );
    assert!(body["q"].is_array());
    assert_eq!(translator.check().unwrap(), "2 languages available");

    let cases = vec![
        (
            google_error(
                400,
                "API key not valid. Please pass a valid API key.",
                "badRequest",
            ),
            "mt_bad_key",
        ),
        (google_error(400, "Bad key", "keyInvalid"), "mt_bad_key"),
        (
            google_error(403, "Daily Limit Exceeded", "dailyLimitExceeded"),
            "mt_quota",
        ),
        (
            google_error(403, "User Rate Limit Exceeded", "userRateLimitExceeded"),
            "mt_rate_limited",
        ),
        (
            google_error(429, "Too many", "rateLimitExceeded").with_header("Retry-After", "0"),
            "mt_rate_limited",
        ),
        (
            google_error(400, "Bad language pair: en|xx", "badRequest"),
            "mt_unsupported",
        ),
    ];
    for (reply, code) in cases {
        let server = MockServer::start(move |_| reply.clone());
        assert_eq!(error_code(&server, ProviderKind::Google), code);
    }
}

#[test]
fn openai_request_format_keyless_and_errors() {
    let server = MockServer::start(mock_api::openai(keep));
    let mut cfg = config(ProviderKind::Openai, &server);
    cfg.url = Some(format!("{}/v1", server.url));
    cfg.model = Some("gemma".into());
    // A local model needs no key: no Authorization header is sent.
    let translator = cfg.connect(None).unwrap();
    let mut store = library();
    let draft = translate_template(&mut store, translator.as_ref(), "shipped", "es").unwrap();
    assert_eq!(draft.status, Status::Machine);
    let request = &server.requests()[0];
    assert_eq!(request.path(), "/v1/chat/completions");
    assert_eq!(request.header("Authorization"), None);
    let body = request.json();
    assert_eq!(body["model"], "gemma");
    assert_eq!(body["temperature"], 0);
    assert_eq!(body["messages"][0]["role"], "system");
    assert!(
        body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("from English to Spanish")
    );
    assert_eq!(
        body["messages"][1]["content"],
        "Hello \u{27e6}1\u{27e7}, order \u{27e6}2\u{27e7} has shipped."
    );
    assert_eq!(translator.check().unwrap(), "models: gemma");

    // A hosted endpoint gets the key as a bearer token.
    let keyed = cfg.connect(Some("sk-1".into())).unwrap();
    let texts = vec!["Hi".to_string()];
    keyed.translate(&one_request(&texts)).unwrap();
    assert_eq!(
        server.requests().last().unwrap().header("Authorization"),
        Some("Bearer sk-1")
    );

    let cases = vec![
        (
            Reply::json(
                401,
                &json!({"error": {"message": "Incorrect API key", "code": "invalid_api_key"}}),
            ),
            "mt_bad_key",
        ),
        (
            Reply::json(
                429,
                &json!({"error": {"message": "quota", "code": "insufficient_quota"}}),
            ),
            "mt_quota",
        ),
        (
            Reply::json(
                429,
                &json!({"error": {"message": "slow down", "code": "rate_limit_exceeded"}}),
            )
            .with_header("Retry-After", "0"),
            "mt_rate_limited",
        ),
        (
            Reply::json(
                404,
                &json!({"error": {"message": "model not found", "code": null}}),
            ),
            "mt_service",
        ),
    ];
    for (reply, code) in cases {
        let server = MockServer::start(move |_| reply.clone());
        assert_eq!(error_code(&server, ProviderKind::Openai), code);
    }
}

#[test]
fn a_failed_verification_is_retried_with_the_other_token_style() {
    // This "service" loses ⟦n⟧ tokens but keeps [[n]].
    let server = MockServer::start(mock_api::openai(|t| {
        if t.contains('\u{27e6}') {
            drop_first_token(t)
        } else {
            keep(t)
        }
    }));
    let translator = config(ProviderKind::Openai, &server).connect(None).unwrap();
    let mut store = library();
    let draft = translate_template(&mut store, translator.as_ref(), "shipped", "fr").unwrap();
    assert_eq!(draft.status, Status::Machine, "{draft:?}");
    assert_eq!(draft.problem, None);
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            r.json()["messages"][1]["content"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        sent[0].contains('\u{27e6}') && sent[1].contains("[[1]]"),
        "{sent:?}"
    );
}

#[test]
fn every_broken_translation_is_stored_as_needs_review_and_cannot_be_approved() {
    type Mangle = fn(&str) -> String;
    let mangles: Vec<(&str, Mangle)> = vec![
        ("dropped", drop_first_token),
        ("duplicated", |t| format!("{t} {t}")),
        ("invented", |t| {
            format!("{t} [[7]] \u{27e6}7\u{27e7} <x id=\"7\"/>")
        }),
        ("braces", |t| {
            t.replace("[[1]]", "{ $name }")
                .replace("\u{27e6}1\u{27e7}", "{ $name }")
        }),
    ];
    for (what, mangle) in mangles {
        let server = MockServer::start(mock_api::openai(mangle));
        let translator = config(ProviderKind::Openai, &server).connect(None).unwrap();
        let mut store = library();
        let draft = translate_template(&mut store, translator.as_ref(), "shipped", "fr").unwrap();
        assert_eq!(draft.status, Status::NeedsReview, "{what}: {draft:?}");
        let problem = draft.problem.unwrap();
        assert!(problem.contains("placeholder"), "{what}: {problem}");
        assert_eq!(
            status_of(&store, "shipped", "fr"),
            Some(Status::NeedsReview),
            "{what}"
        );
        // Both token styles were tried.
        assert_eq!(server.requests().len(), 2, "{what}");
        // Lost tokens stay lost in the stored text, invented ones and literal braces stay
        // visible as text; approval is refused until a reviewer has edited it.
        let verdict = store.review("shipped", "fr", Status::Approved, Some("Ana"));
        assert!(verdict.is_err(), "{what}: a broken draft was approved");
        assert_eq!(
            status_of(&store, "shipped", "fr"),
            Some(Status::NeedsReview)
        );
        let fixed = store
            .edit_translation(
                "shipped",
                "fr",
                "Bonjour { $buyer_name }, commande { $order_id }.",
            )
            .unwrap();
        assert_eq!(fixed.problem, None);
        store
            .review("shipped", "fr", Status::Approved, Some("Ana"))
            .unwrap();
    }
}

#[test]
fn select_variants_are_translated_and_missing_plural_forms_need_review() {
    let server = MockServer::start(mock_api::deepl(keep));
    let translator = config(ProviderKind::Deepl, &server)
        .connect(Some("k".into()))
        .unwrap();
    let mut store = library();
    let german = translate_template(&mut store, translator.as_ref(), "items", "de").unwrap();
    assert_eq!(german.status, Status::Machine, "{german:?}");
    assert!(german.body.contains("[one] XX One item"), "{}", german.body);
    let sent = server.requests()[0].json()["text"].clone();
    assert_eq!(
        sent,
        json!([
            "One item",
            "<x id=\"1\"/> items",
            " in order <x id=\"1\"/>."
        ])
        .as_array()
        .map(|a| json!(
            a.iter()
                .map(|t| t.as_str().unwrap().trim())
                .collect::<Vec<_>>()
        ))
        .unwrap()
    );

    let arabic = translate_template(&mut store, translator.as_ref(), "items", "ar").unwrap();
    assert_eq!(arabic.status, Status::NeedsReview);
    let problem = arabic.problem.unwrap();
    assert!(
        problem.contains("zero") && problem.contains("few"),
        "{problem}"
    );
}

#[test]
fn a_language_model_writes_the_missing_plural_forms_and_each_is_verified() {
    let server = MockServer::start(mock_api::openai(keep));
    let translator = config(ProviderKind::Openai, &server).connect(None).unwrap();
    let mut store = library();
    let arabic = translate_template(&mut store, translator.as_ref(), "items", "ar").unwrap();
    assert_eq!(arabic.status, Status::Machine, "{arabic:?}");
    for category in ["[zero]", "[two]", "[few]", "[many]"] {
        assert!(
            arabic.body.contains(category),
            "{category} in {}",
            arabic.body
        );
    }
    // Each form was asked for with its category and example counts, from the 'other' text.
    let few = server
        .requests()
        .into_iter()
        .find(|r| {
            r.json()["messages"][0]["content"]
                .as_str()
                .is_some_and(|s| s.contains("'few' (counts such as 3–10"))
        })
        .expect("a request for the few form");
    assert_eq!(
        few.json()["messages"][1]["content"],
        "XX \u{27e6}1\u{27e7} items"
    );

    // A model that loses a placeholder in a plural form: no forms are added, review needed.
    let lossy = MockServer::start(mock_api::openai(|t| {
        if t.contains("items") && t.starts_with("XX") {
            drop_first_token(t)
        } else {
            keep(t)
        }
    }));
    let translator = config(ProviderKind::Openai, &lossy).connect(None).unwrap();
    let russian = translate_template(&mut store, translator.as_ref(), "items", "ru").unwrap();
    assert_eq!(russian.status, Status::NeedsReview, "{russian:?}");
    assert!(!russian.body.contains("[few]"), "{}", russian.body);
    assert!(russian.problem.unwrap().contains("few"));
}

#[test]
fn the_source_language_and_unknown_templates_are_refused() {
    let server = MockServer::start(mock_api::deepl(keep));
    let translator = config(ProviderKind::Deepl, &server)
        .connect(Some("k".into()))
        .unwrap();
    let mut store = library();
    assert!(translate_template(&mut store, translator.as_ref(), "shipped", "en").is_err());
    assert!(translate_template(&mut store, translator.as_ref(), "nope", "fr").is_err());
    assert!(translate_template(&mut store, translator.as_ref(), "shipped", "??").is_err());
    assert!(server.requests().is_empty());
}

#[test]
fn back_translation_goes_to_the_source_language() {
    let server = MockServer::start(mock_api::deepl(|t| format!("EN {t}")));
    let translator = config(ProviderKind::Deepl, &server)
        .connect(Some("k".into()))
        .unwrap();
    let mut store = library();
    let back = back_translate(
        &mut store,
        translator.as_ref(),
        "shipped",
        "fr",
        "Bonjour { $buyer_name }",
    )
    .unwrap();
    assert_eq!(back, "EN Bonjour { $buyer_name }");
    let body = server.requests()[0].json();
    assert_eq!(
        (&body["source_lang"], &body["target_lang"]),
        (&json!("FR"), &json!("EN-US"))
    );
}
