//! `providers`, `translate`, `review` and `render --json` statuses through the real binary,
//! against local HTTP servers speaking the providers' APIs.

#![allow(clippy::unwrap_used)]

mod common;
use common::Lib;
use quickreply_testkit::mock_api::{self, MockServer};
use serde_json::Value;

const EN: &str = r#"shipped = Hello { $buyer_name }, order { $order_id } has shipped.
    .title = Order shipped
thanks = Thank you for your order!
    .title = Thanks
"#;

fn library() -> Lib {
    let lib = Lib::new();
    let dir = lib.pack(&[("en.ftl", EN)]);
    lib.ok(&["pack", "import", &dir]);
    lib
}

fn keep(text: &str) -> String {
    format!("XX {text}")
}

/// A model that loses the first placeholder, whatever its token style.
fn drop_first(text: &str) -> String {
    let mut out = text.to_string();
    for token in ["<x id=\"1\"/>", "[[1]]", "\u{27e6}1\u{27e7}"] {
        out = out.replacen(token, "", 1);
    }
    out
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn render_status(lib: &Lib, key: &str, lang: &str) -> (String, String) {
    let out = json(&lib.ok(&[
        "render",
        key,
        "--lang",
        lang,
        "--var",
        "buyer_name=Ana",
        "--var",
        "order_id=A-1",
        "--json",
    ]));
    (
        out["locale"].as_str().unwrap().to_string(),
        out["status"].as_str().unwrap().to_string(),
    )
}

#[test]
fn providers_are_added_listed_and_updated() {
    let lib = library();
    assert_eq!(
        lib.ok(&["providers", "add", "deepl", "--kind", "deepl"]),
        "added provider deepl (deepl)\n"
    );
    lib.ok(&[
        "providers",
        "add",
        "llm",
        "--kind",
        "openai",
        "--url",
        "http://127.0.0.1:8089/v1",
        "--model",
        "gemma",
    ]);
    assert_eq!(
        lib.ok(&[
            "providers",
            "add",
            "llm",
            "--kind",
            "openai",
            "--url",
            "http://127.0.0.1:1/v1"
        ]),
        "updated provider llm (openai)\n"
    );
    assert_eq!(
        lib.ok(&["providers", "list"]),
        "deepl\tdeepl\t-\t-\tno key\nllm\topenai\thttp://127.0.0.1:1/v1\t-\tno key\n"
    );
    let list = json(&lib.ok(&["providers", "list", "--json"]));
    assert_eq!(list[1]["name"], "llm");
    assert_eq!(list[1]["kind"], "openai");
    assert_eq!(list[1]["has_key"], false);

    let err = lib.fails(&["providers", "add", "x", "--kind", "bing"], 2);
    assert!(err.contains("deepl"), "{err}");
    let err = lib.fails(
        &[
            "providers",
            "add",
            "x",
            "--kind",
            "deepl",
            "--url",
            "api.deepl.com",
        ],
        2,
    );
    assert!(err.contains("http://"), "{err}");
}

#[test]
fn a_verified_draft_is_machine_until_approved() {
    let server = MockServer::start(mock_api::openai(keep));
    let lib = library();
    let url = format!("{}/v1", server.url);
    lib.ok(&["providers", "add", "llm", "--kind", "openai", "--url", &url]);

    let body = lib.ok(&["translate", "shipped", "--to", "fr"]);
    assert_eq!(
        body,
        "XX Hello { $buyer_name }, order { $order_id } has shipped.\n"
    );
    assert_eq!(lib.ok(&["review", "list"]), "shipped\tfr\tmachine\n");
    assert_eq!(
        render_status(&lib, "shipped", "fr"),
        ("fr".into(), "machine".into())
    );

    assert_eq!(
        lib.ok(&[
            "review", "approve", "shipped", "--lang", "fr", "--by", "Amélie"
        ]),
        "approved shipped in fr (by Amélie)\n"
    );
    assert_eq!(
        render_status(&lib, "shipped", "fr"),
        ("fr".into(), "approved".into())
    );
    assert_eq!(lib.ok(&["review", "list"]), "");
    let list = json(&lib.ok(&["templates", "list", "--json"]));
    let shipped = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "shipped")
        .unwrap();
    assert!(
        shipped["variants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["locale"] == "fr" && v["status"] == "approved")
    );

    // JSON output of a draft, answered from the cache this time.
    let draft = json(&lib.ok(&["translate", "thanks", "--to", "de", "--json"]));
    assert_eq!(draft["status"], "machine");
    assert_eq!(draft["locale"], "de");
    let again = json(&lib.ok(&["translate", "thanks", "--to", "de", "--json"]));
    assert_eq!(
        (
            again["sent_segments"].as_u64(),
            again["cached_segments"].as_u64()
        ),
        (Some(0), Some(1))
    );
}

#[test]
fn a_draft_that_lost_a_placeholder_is_never_usable_without_review() {
    let server = MockServer::start(mock_api::openai(drop_first));
    let lib = library();
    let url = format!("{}/v1", server.url);
    lib.ok(&["providers", "add", "llm", "--kind", "openai", "--url", &url]);

    let out = lib.run(&["translate", "shipped", "--to", "ar", "--provider", "llm"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs_review"), "{stderr}");
    assert!(
        stderr.contains("{ $buyer_name }"),
        "the lost placeholder is named: {stderr}"
    );
    assert_eq!(lib.ok(&["review", "list"]), "shipped\tar\tneeds_review\n");
    let queue = json(&lib.ok(&["review", "list", "--json"]));
    assert!(
        queue[0]["problem"]
            .as_str()
            .unwrap()
            .contains("placeholder")
    );
    assert_eq!(
        queue[0]["source_body"],
        "Hello { $buyer_name }, order { $order_id } has shipped."
    );

    let err = lib.fails(&["review", "approve", "shipped", "--lang", "ar"], 2);
    assert!(err.contains("cannot be approved"), "{err}");
    assert_eq!(
        render_status(&lib, "shipped", "ar"),
        ("ar".into(), "needs_review".into())
    );

    assert_eq!(
        lib.ok(&["review", "reject", "shipped", "--lang", "ar"]),
        "rejected shipped in ar\n"
    );
    // A rejected translation is never used: the source language answers.
    assert_eq!(
        render_status(&lib, "shipped", "ar"),
        ("en".into(), "approved".into())
    );
}

#[test]
fn provider_errors_say_what_to_do_and_store_nothing() {
    let lib = library();
    lib.ok(&["providers", "add", "deepl", "--kind", "deepl"]);
    let err = lib.fails(&["translate", "shipped", "--to", "fr"], 2);
    assert!(err.contains("quickreply providers key deepl"), "{err}");
    // An endpoint of one's own is tried without a key; its 403 says a key is needed.
    let server = MockServer::start(mock_api::deepl(keep));
    lib.ok(&[
        "providers",
        "add",
        "proxy",
        "--kind",
        "deepl",
        "--url",
        &server.url,
    ]);
    let err = lib.fails(
        &["translate", "shipped", "--to", "fr", "--provider", "proxy"],
        2,
    );
    assert!(err.contains("quickreply providers key proxy"), "{err}");

    // Network down: nothing listens on the provider's port. Not the input's fault: exit 1.
    let url = {
        let server = MockServer::start(mock_api::openai(keep));
        format!("{}/v1", server.url)
    };
    lib.ok(&["providers", "add", "llm", "--kind", "openai", "--url", &url]);
    let err = lib.fails(
        &["translate", "shipped", "--to", "fr", "--provider", "llm"],
        1,
    );
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(
        err.contains("quickreply providers list"),
        "the CLI's hint: {err}"
    );
    let err = lib.fails(&["translate", "shipped", "--to", "fr"], 2);
    assert!(err.contains("--provider"), "several providers: {err}");
    assert_eq!(lib.ok(&["review", "list"]), "");

    let err = lib.fails(&["translate", "nope", "--to", "fr", "--provider", "llm"], 2);
    assert!(err.contains("nope"), "{err}");
    let err = lib.fails(
        &["translate", "shipped", "--to", "en", "--provider", "llm"],
        2,
    );
    assert!(err.contains("source language"), "{err}");
    let err = lib.fails(&["review", "approve", "shipped", "--lang", "fr"], 2);
    assert!(err.contains("translate it first"), "{err}");
}

#[test]
fn without_a_secret_service_the_key_command_says_how_to_get_one() {
    let lib = library();
    lib.ok(&["providers", "add", "deepl", "--kind", "deepl"]);
    let out = lib
        .command(&["providers", "key", "deepl"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    // Empty stdin is refused before the keyring is asked.
    assert_eq!(out.status.code(), Some(2));
    let mut child = lib
        .command(&["providers", "key", "deepl"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"secret:fx\n").unwrap();
    let out = child.wait_with_output().unwrap();
    // The keyring is the environment's, not the input's: exit 1.
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keyring is not available"), "{err}");
    assert!(err.contains("gnome-keyring-daemon"), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        lib.ok(&["providers", "list"]),
        "deepl\tdeepl\t-\t-\tno key\n"
    );
}

/// Needs a running Secret Service (scripts/test.sh starts gnome-keyring in a private D-Bus
/// session and sets QUICKREPLY_TEST_SECRET_SERVICE=1).
#[test]
fn keys_go_to_the_secret_service_and_never_into_the_library() {
    if std::env::var_os("QUICKREPLY_TEST_SECRET_SERVICE").is_none() {
        eprintln!("skipped: set QUICKREPLY_TEST_SECRET_SERVICE=1 with a Secret Service running");
        return;
    }
    let server = MockServer::start(mock_api::deepl(keep));
    let lib = library();
    lib.ok(&[
        "providers",
        "add",
        "deepl",
        "--kind",
        "deepl",
        "--url",
        &server.url,
    ]);
    let secret = format!("qr-test-{}:fx", std::process::id());
    let out = lib.run_with_input(&["providers", "key", "deepl"], &format!("{secret}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lib.ok(&["providers", "list"]),
        format!("deepl\tdeepl\t{}\t-\tkey set\n", server.url)
    );
    assert_eq!(
        lib.ok(&["providers", "test", "deepl"]),
        "deepl: ok (1234 of 500000 characters used)\n"
    );

    lib.ok(&["translate", "shipped", "--to", "fr"]);
    let request = server
        .requests()
        .into_iter()
        .find(|r| r.path() == "/v2/translate")
        .unwrap();
    assert_eq!(
        request.header("Authorization"),
        Some(format!("DeepL-Auth-Key {secret}").as_str())
    );

    // The key is in no file of the library (database, WAL) nor in an export.
    let export = lib.path("export");
    lib.ok(&["pack", "export", export.to_str().unwrap()]);
    for entry in walk(lib.path("")) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the key leaked into {}",
            entry.display()
        );
    }
}

fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(path));
        } else {
            files.push(path);
        }
    }
    files
}
