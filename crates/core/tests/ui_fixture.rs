//! The UI's fake backend and its tests show texts that the real core rendered: this test
//! renders `ui/tests/fixtures/core-previews.input.json` (templates, shop variables, orders and
//! the texts to render) and checks `ui/tests/fixtures/core-previews.json` against the result,
//! so the UI never needs a Fluent implementation of its own and cannot drift from the core.
//!
//! When the input or the core's rendering changes: `QUICKREPLY_UPDATE_GENERATED=1 cargo test -p
//! quickreply-core --test ui_fixture` rewrites the fixture (and fails nothing).

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong with the fixture

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quickreply_core::Library;
use quickreply_core::app::{palette, review, vars};
use quickreply_core::orders::{self, Format};
use quickreply_core::pack::{self, ImportOptions, Manifest, Pack, PackFile};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/tests/fixtures")
}

/// One `key = body` message, the body's lines indented as Fluent wants them.
fn message(key: &str, body: &str, attributes: &[(&str, &str)]) -> String {
    let mut text = format!("{key} =");
    for line in body.lines() {
        if line.is_empty() {
            text.push('\n');
        } else {
            text.push_str(&format!("\n    {line}"));
        }
    }
    for (name, value) in attributes {
        if !value.is_empty() {
            text.push_str(&format!("\n    .{name} = {value}"));
        }
    }
    text.push('\n');
    text
}

fn string(v: &Value, field: &str) -> String {
    v[field].as_str().unwrap_or_default().to_string()
}

/// A library holding the input's templates (each its own pack: they differ in source locale),
/// shop variables and orders.
fn library(input: &Value, dir: &Path) -> Library {
    let library = Library::open(&dir.join("lib.sqlite3")).unwrap();
    for template in input["templates"].as_array().unwrap() {
        let key = string(template, "key");
        let source = string(template, "source_locale");
        let mut files = Vec::new();
        let mut manifest = Manifest {
            source: Some(source.clone()),
            ..Manifest::default()
        };
        for variant in template["variants"].as_array().unwrap() {
            let locale = string(variant, "locale");
            let status = string(variant, "status");
            let attributes: Vec<(&str, &str)> = if locale == source {
                vec![
                    ("title", template["title"].as_str().unwrap_or_default()),
                    (
                        "category",
                        template["category"].as_str().unwrap_or_default(),
                    ),
                    (
                        "shortcut",
                        template["shortcut"].as_str().unwrap_or_default(),
                    ),
                ]
            } else {
                Vec::new()
            };
            files.push(PackFile {
                name: format!("{locale}.ftl"),
                text: message(&key, &string(variant, "body"), &attributes),
                locale: locale.clone(),
            });
            if status != "approved" {
                manifest
                    .status
                    .entry(locale)
                    .or_default()
                    .entry(status)
                    .or_default()
                    .push(key.clone());
            }
        }
        pack::import(
            &mut library.store(),
            &Pack { files, manifest },
            &ImportOptions::default(),
        )
        .unwrap_or_else(|e| panic!("template {key} of the fixture input: {e}"));
    }
    for (name, value) in input["shop_vars"].as_object().unwrap() {
        vars::set(&library, name, value.as_str().unwrap()).unwrap();
    }
    let orders = input["orders"].as_array().unwrap();
    let columns: Vec<&str> = orders[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(&columns).unwrap();
    for order in orders {
        csv.write_record(
            columns
                .iter()
                .map(|c| order[*c].as_str().unwrap_or_default()),
        )
        .unwrap();
    }
    let data = csv.into_inner().unwrap();
    let parsed = orders::parse_reader(&data[..], Path::new("orders.csv"), Format::Generic).unwrap();
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    library.store().upsert_orders(&parsed.orders).unwrap();
    library
}

/// How the core renders one requested text: a stored body as the palette previews it, an
/// edited body as the review window checks it.
fn render(library: &Library, request: &Value) -> Value {
    let key = string(request, "key");
    let locale = string(request, "locale");
    let body = string(request, "body");
    let order_id = request["order_id"].as_str();
    let check = review::preview(library, &key, &locale, &body, order_id)
        .unwrap_or_else(|e| panic!("{key} {locale}: {e}"));
    let stored = {
        let store = library.store();
        let template = store.template(&key).unwrap();
        store
            .variants(template.id)
            .unwrap()
            .into_iter()
            .any(|v| v.locale == locale && v.body == body)
    };
    let (text, missing) = if stored && check.errors.is_empty() {
        let results = palette::results(
            library,
            &palette::Query {
                text: &key,
                reply_lang: &locale,
                order_id,
                limit: palette::MAX_RESULTS,
                clipboard: None,
            },
        )
        .unwrap();
        let item = results
            .into_iter()
            .find(|i| i.key == key)
            .unwrap_or_else(|| panic!("{key} is not found by searching its key"));
        (item.preview, item.missing)
    } else {
        (check.text, check.missing)
    };
    json!({
        "key": key,
        "locale": locale,
        "order_id": order_id,
        "body": body,
        "text": text,
        "missing": missing,
        "errors": check.errors.iter().map(|e| json!({"line": e.line, "column": e.column, "message": e.message})).collect::<Vec<_>>(),
        "problem": check.problem,
    })
}

#[test]
fn the_ui_fixture_is_what_the_core_renders() {
    let input: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("core-previews.input.json")).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let library = library(&input, dir.path());
    let previews: Vec<Value> = input["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| render(&library, r))
        .collect();
    let fixture = json!({
        "generated_by": "crates/core/tests/ui_fixture.rs from core-previews.input.json (QUICKREPLY_UPDATE_GENERATED=1 to regenerate)",
        "templates": input["templates"],
        "previews": previews,
    });
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
    let path = fixtures().join("core-previews.json");
    if std::env::var_os("QUICKREPLY_UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    // Compare as data: the file's formatting is not the contract.
    let current: Value = serde_json::from_str(&current).unwrap_or(Value::Null);
    let wanted: BTreeMap<&str, &Value> = fixture
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let have: BTreeMap<&str, &Value> = current
        .as_object()
        .map(|o| o.iter().map(|(k, v)| (k.as_str(), v)).collect())
        .unwrap_or_default();
    assert!(
        wanted == have,
        "{} is out of date with the core's rendering: run QUICKREPLY_UPDATE_GENERATED=1 cargo test -p quickreply-core --test ui_fixture",
        path.display()
    );
}
