//! The library commands of the CLI through the real binary on real SQLite files:
//! `templates add/edit/show/rm/restore/history`, `import espanso` and `import csv`.

#![allow(clippy::unwrap_used)]

mod common;
use common::Lib;
use serde_json::Value;

fn show(lib: &Lib, key: &str) -> Value {
    serde_json::from_str(&lib.ok(&["templates", "show", key, "--json"])).unwrap()
}

fn variant<'a>(detail: &'a Value, locale: &str) -> &'a Value {
    detail["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["locale"] == locale)
        .unwrap_or_else(|| panic!("no {locale} in {detail}"))
}

#[test]
fn add_show_edit_history_rm_restore() {
    let lib = Lib::new();
    lib.ok(&[
        "templates",
        "add",
        "thanks",
        "--title",
        "Thank you",
        "--category",
        "General",
        "--tags",
        "polite,short",
        "--shortcut",
        ";ty",
        "--text",
        "Hi { $buyer_name }!",
    ]);
    let detail = show(&lib, "thanks");
    assert_eq!(detail["key"], "thanks");
    assert_eq!(detail["title"], "Thank you");
    assert_eq!(detail["category"], "General");
    assert_eq!(detail["tags"], serde_json::json!(["polite", "short"]));
    assert_eq!(detail["shortcut"], ";ty");
    assert_eq!(detail["source_locale"], "en");
    assert_eq!(detail["variables"], serde_json::json!(["buyer_name"]));
    assert_eq!(detail["examples"], serde_json::json!([]));
    assert_eq!(variant(&detail, "en")["status"], "approved");
    assert_eq!(variant(&detail, "en")["text"], "Hi { $buyer_name }!");

    // An existing key and a parse error exit 2 and store nothing.
    let err = lib.fails(
        &["templates", "add", "thanks", "--title", "T", "--text", "x"],
        2,
    );
    assert!(err.contains("already exists"), "{err}");
    let err = lib.fails(
        &[
            "templates",
            "add",
            "bad",
            "--title",
            "B",
            "--text",
            "Hi { $buyer_name !",
        ],
        2,
    );
    assert!(err.contains("1:18"), "{err}");
    lib.fails(&["templates", "show", "bad"], 2);

    // A translation from a file, then a source edit turns it stale.
    let file = lib.write("ar.txt", "\u{feff}مرحبا { $buyer_name }\n");
    lib.ok(&[
        "templates",
        "edit",
        "thanks",
        "--lang",
        "ar",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(variant(&show(&lib, "thanks"), "ar")["status"], "approved");
    assert_eq!(
        variant(&show(&lib, "thanks"), "ar")["text"],
        "مرحبا { $buyer_name }"
    );
    lib.ok(&[
        "templates",
        "edit",
        "thanks",
        "--lang",
        "ru",
        "--text",
        "Привет!",
        "--status",
        "needs-review",
    ]);
    assert_eq!(
        variant(&show(&lib, "thanks"), "ru")["status"],
        "needs_review"
    );
    lib.ok(&[
        "templates",
        "edit",
        "thanks",
        "--text",
        "Hello { $buyer_name }!",
    ]);
    let detail = show(&lib, "thanks");
    assert_eq!(variant(&detail, "ar")["status"], "stale");
    assert_eq!(variant(&detail, "ru")["status"], "stale");
    assert_eq!(variant(&detail, "en")["status"], "approved");
    // A bad edit keeps the old text.
    lib.fails(&["templates", "edit", "thanks", "--text", "Hello {"], 2);
    assert_eq!(
        variant(&show(&lib, "thanks"), "en")["text"],
        "Hello { $buyer_name }!"
    );

    let history: Value = serde_json::from_str(&lib.ok(&[
        "templates",
        "history",
        "thanks",
        "--lang",
        "en",
        "--json",
    ]))
    .unwrap();
    let texts: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Hello { $buyer_name }!", "Hi { $buyer_name }!"]);
    assert!(
        lib.ok(&["templates", "history", "thanks"])
            .contains("مرحبا")
    );

    lib.ok(&["templates", "rm", "thanks"]);
    lib.fails(&["templates", "show", "thanks"], 2);
    lib.fails(&["templates", "rm", "thanks"], 2);
    lib.ok(&["templates", "restore", "thanks"]);
    assert_eq!(
        show(&lib, "thanks")["variants"].as_array().unwrap().len(),
        3
    );

    // --text and --file together are refused by the argument parser.
    lib.fails(
        &[
            "templates",
            "add",
            "x",
            "--title",
            "X",
            "--text",
            "a",
            "--file",
            "f",
        ],
        2,
    );
}

const MATCHES: &str = r#"matches:
  - trigger: ":thx"
    replace: "Thank you for your order! {curly}"
  - trigger: "cad."
    label: "Cadeau"
    replace: "Your gift is on its way."
  - triggers: [":addr", ":address"]
    replace: |
      Please confirm your address:
      [[address]]
  - regex: "(?P<n>\\d+)x"
    replace: "{{n}} items"
  - trigger: ":date"
    replace: "Today is {{mydate}}"
    vars:
      - name: mydate
        type: date
        params:
          format: "%d/%m/%Y"
  - trigger: ":sh"
    replace: "{{out}}"
    vars:
      - name: out
        type: shell
        params:
          cmd: "echo hi"
"#;

#[test]
fn import_espanso_makes_templates_and_names_what_it_skipped() {
    let lib = Lib::new();
    let file = lib.write("match/base.yml", MATCHES);
    let out = lib.run(&["import", "espanso", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("regex trigger"), "{stderr}");
    assert!(stderr.contains("base.yml:"), "{stderr}");
    let thx = show(&lib, "thx");
    assert_eq!(thx["shortcut"], ":thx");
    assert_eq!(thx["title"], ":thx");
    assert_eq!(
        lib.ok(&["render", "thx"]).trim_end(),
        "Thank you for your order! {curly}"
    );
    let cadeau = show(&lib, "cadeau");
    assert_eq!(cadeau["shortcut"], "cad.");
    assert_eq!(cadeau["title"], "Cadeau");
    let addr = show(&lib, "addr");
    assert_eq!(addr["tags"], serde_json::json!([":address"]));
    assert_eq!(addr["variables"], serde_json::json!(["address"]));
    assert!(lib.fails(&["templates", "show", "sh"], 2).contains("sh"));

    // Again: taken keys get -2.
    lib.ok(&["import", "espanso", file.to_str().unwrap()]);
    assert_eq!(show(&lib, "thx-2")["title"], ":thx");
}

#[test]
fn import_csv_reports_the_bad_row_and_imports_the_rest() {
    let lib = Lib::new();
    let file = lib.write(
        "replies.csv",
        "key,title,category,tags,shortcut,locale,text\n\
         thanks,Thanks,General,\"a,b\",;ty,en,Thanks { $buyer_name }!\n\
         thanks,شكرا,,,,ar,شكرا { $buyer_name }\n\
         ,Where is my order,Shipping,,,en,Your order { $order_id } ships soon.\n\
         broken,Broken,,,,en,Hi { $buyer_name\n\
         empty,Empty,,,,en,\n",
    );
    let out = lib.run(&[
        "import",
        "csv",
        file.to_str().unwrap(),
        "--status",
        "needs-review",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(":5:"), "line of the Fluent error: {stderr}");
    assert!(
        stderr.contains(":6:"),
        "line of the row without text: {stderr}"
    );
    let thanks = show(&lib, "thanks");
    assert_eq!(variant(&thanks, "ar")["status"], "needs_review");
    assert_eq!(thanks["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(show(&lib, "where-is-my-order")["category"], "Shipping");
    lib.fails(&["templates", "show", "broken"], 2);

    // A file with only bad rows imports nothing and says why.
    let bad = lib.write("bad.csv", "key,title,locale,text\nx,X,en,{\n");
    let err = lib.fails(&["import", "csv", bad.to_str().unwrap()], 2);
    assert!(err.contains("bad.csv"), "{err}");
}
