//! A real language model end to end: the OpenAI-compatible provider, the masking and the
//! validator against llama.cpp's `llama-server` serving the tiny gemma-3-270m base model
//! (scripts/llm-server.sh builds and starts it). The model translates badly and drops
//! placeholders often; that is the point: every draft it produces must either pass the
//! verification (same placeholders as the source) or be stored as `needs_review` with the
//! problem named, and a broken one must never be approvable.
//!
//! Opt-in: `url=$(scripts/llm-server.sh start) && QUICKREPLY_LLM_URL=$url cargo test -p
//! quickreply --test llm_real_model -- --nocapture` (scripts/test.sh does this).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::time::Instant;

mod common;
use common::Lib;
use serde_json::Value;

/// `{ $name }` variables of a Fluent body, by a scan that does not share code with the
/// validator under test.
fn variables(body: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = body;
    while let Some(i) = rest.find('$') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            names.insert(name);
        }
    }
    names
}

#[test]
fn a_real_model_never_yields_an_unflagged_broken_translation() {
    let Ok(url) = std::env::var("QUICKREPLY_LLM_URL") else {
        eprintln!(
            "skipped: start a model with `scripts/llm-server.sh start` and set QUICKREPLY_LLM_URL"
        );
        return;
    };
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    lib.ok(&[
        "providers",
        "add",
        "gemma",
        "--kind",
        "openai",
        "--url",
        &url,
        "--model",
        "gemma",
    ]);
    assert!(
        lib.ok(&["providers", "test", "gemma"])
            .starts_with("gemma: ok")
    );

    let templates = json(&lib.ok(&["templates", "list", "--json"]));
    let keys: Vec<String> = templates
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_string())
        .collect();
    // Half the starter library into Turkish (selects, functions, terms) and two templates into
    // Arabic (six plural categories): about 20 s per draft on 2 cores.
    let jobs: Vec<(&str, &str)> = keys
        .iter()
        .take(6)
        .map(|k| (k.as_str(), "tr"))
        .chain(keys.iter().rev().take(2).map(|k| (k.as_str(), "ar")))
        .collect();

    let started = Instant::now();
    let (mut verified, mut flagged) = (0, 0);
    for (key, lang) in &jobs {
        let draft = json(&lib.ok(&["translate", key, "--to", lang, "--json"]));
        let status = draft["status"].as_str().unwrap();
        let body = draft["body"].as_str().unwrap();
        let item = json(&lib.ok(&["review", "list", "--json"]))
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == *key && i["locale"] == *lang)
            .cloned()
            .unwrap();
        assert_eq!(item["status"], status, "{key} {lang}: stored as printed");
        assert_eq!(item["body"], body);
        let source = item["source_body"].as_str().unwrap();
        match status {
            "machine" => {
                verified += 1;
                assert_eq!(
                    variables(body),
                    variables(source),
                    "{key} {lang}: a draft marked machine must keep every placeholder:\n{body}"
                );
                assert!(draft["problem"].is_null());
            }
            "needs_review" => {
                flagged += 1;
                let problem = draft["problem"].as_str().unwrap();
                assert!(!problem.is_empty());
                if problem.contains("broke placeholders") {
                    let err = lib.fails(&["review", "approve", key, "--lang", lang], 2);
                    assert!(err.contains("cannot be approved"), "{err}");
                }
            }
            other => panic!("{key} {lang}: a machine draft came back '{other}'"),
        }
        eprintln!("{key} → {lang}: {status}");
    }
    eprintln!(
        "real model: {} drafts in {:.0} s: {verified} verified, {flagged} stored as needs_review",
        jobs.len(),
        started.elapsed().as_secs_f64()
    );
    // Nothing the model made was approved behind the reviewer's back.
    let statuses = json(&lib.ok(&["templates", "list", "--json"]));
    for t in statuses.as_array().unwrap() {
        for v in t["variants"].as_array().unwrap() {
            if v["locale"] == "tr" {
                assert_ne!(v["status"], "approved", "{t}");
            }
        }
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
