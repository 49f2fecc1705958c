#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use super::*;
use crate::Error;
use crate::template::{Args, Renderer, Value, validate_body};

fn render(body: &str) -> String {
    render_with(body, &[])
}

fn render_with(body: &str, args: &[(&str, &str)]) -> String {
    let args: Args = args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::Text((*v).to_owned())))
        .collect();
    Renderer::new()
        .render("en", "k", body, &[], &args)
        .unwrap_or_else(|e| panic!("body {body:?} does not render: {e}"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/espanso")
}

/// A file in a fresh temporary folder (kept alive by the returned guard).
fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

fn espanso(yaml: &str) -> (Parsed, String) {
    let (_dir, path) = temp_file("base.yml", yaml.as_bytes());
    let parsed = espanso::read(&path, "en").unwrap();
    for c in &parsed.candidates {
        for t in &c.texts {
            assert!(
                validate_body(&c.key, &t.body).is_ok(),
                "{} returned an invalid body {:?}",
                c.key,
                t.body
            );
        }
    }
    (parsed, path.display().to_string())
}

fn only(parsed: &Parsed) -> &Candidate {
    assert_eq!(parsed.candidates.len(), 1, "{parsed:#?}");
    &parsed.candidates[0]
}

fn body(c: &Candidate) -> &str {
    &c.texts[0].body
}

fn messages(parsed: &Parsed) -> Vec<(usize, bool, &str)> {
    parsed
        .warnings
        .iter()
        .map(|w| (w.origin.line, w.skipped, w.message.as_str()))
        .collect()
}

// ----- slug, unique_key, literal_body ----------------------------------------------------------

#[test]
fn slug_keeps_letters_digits_and_single_dashes() {
    assert_eq!(slug(":thx"), "thx");
    assert_eq!(slug("cad."), "cad");
    assert_eq!(slug(";addr us"), "addr-us");
    assert_eq!(slug("  Where is my ORDER?? "), "where-is-my-order");
    assert_eq!(slug("Café"), "cafe");
    assert_eq!(slug("谢谢"), "xie-xie");
    assert_eq!(slug("2 day shipping"), "r-2-day-shipping");
    assert_eq!(slug(":::"), "reply");
    assert_eq!(slug(""), "reply");
    let long = slug(&"word ".repeat(30));
    assert!(long.len() <= 48 && long.ends_with("word"), "{long}");
    for s in [":thx", "Café", "谢谢", "2 day", "", "😂"] {
        assert!(crate::store::is_variable_name(&slug(s)), "{s}");
    }
}

#[test]
fn unique_key_counts_up_from_two() {
    let taken = ["thx", "thx-2"];
    assert_eq!(unique_key("thx", |k| taken.contains(&k)), "thx-3");
    assert_eq!(unique_key("hi", |k| taken.contains(&k)), "hi");
    assert_eq!(unique_key("thx-2", |k| taken.contains(&k)), "thx-2-2");
}

#[test]
fn literal_body_renders_exactly_as_typed() {
    for text in [
        "Hello",
        "Use {braces} and }{ freely",
        "[1] first\n* second\n.third",
        "line one\n\nline three after a blank line",
        "  indented first\n    and deeper\nand none",
        "a {{double}} brace",
        "tabs\tinside",
        "ends with a brace }",
        "{",
        "Price: $5 {per item}\n  - bullet one\n  - bullet two",
    ] {
        let body = literal_body(text);
        assert!(validate_body("k", &body).is_ok(), "{text:?} -> {body:?}");
        assert_eq!(render(&body), text, "{text:?} -> {body:?}");
    }
}

#[test]
fn literal_body_trims_outer_blank_lines_and_carriage_returns() {
    let body = literal_body("\r\n\r\nDear buyer,\r\n\r\nthanks!\r\n\r\n");
    assert!(!body.contains('\r'), "{body:?}");
    assert_eq!(render(&body), "Dear buyer,\n\nthanks!");
    assert_eq!(
        render(&literal_body("trailing  \nspaces\t\n")),
        "trailing\nspaces"
    );
    assert_eq!(literal_body("  \n \n"), "");
    assert!(validate_body("k", "").is_err());
}

#[test]
fn literal_body_escapes_what_fluent_would_read() {
    assert_eq!(literal_body("a {b}"), "a {\"{\"}b{\"}\"}");
    assert_eq!(literal_body("x\n  [y]"), "x\n{\"  \"}{\"[\"}y]");
    assert_eq!(literal_body(".attr"), "{\".\"}attr");
}

// ----- Espanso: one rule at a time --------------------------------------------------------------

#[test]
fn espanso_trigger_label_title_shortcut_and_tags() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":thx"
    replace: "Thanks!"
  - label: "Address (US)"
    triggers: [";addr us", ";addr", ":a"]
    search_terms: [street, "home, office"]
    replace: "12 Main St"
"#,
    );
    let [thx, addr] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(thx.key, "thx");
    assert!(!thx.key_given);
    assert_eq!(thx.title, ":thx");
    assert_eq!(thx.shortcut, ":thx");
    assert!(thx.tags.is_empty());
    assert_eq!(thx.category, "base");
    assert_eq!(thx.source_locale, "en");
    assert_eq!(thx.texts[0].locale, "en");
    assert_eq!(thx.texts[0].status, Status::Approved);
    assert!(thx.examples.is_empty());
    assert_eq!(thx.origin.line, 3);

    assert_eq!(addr.key, "address-us");
    assert_eq!(addr.title, "Address (US)");
    assert_eq!(addr.shortcut, ";addr us");
    assert_eq!(addr.tags, [";addr", ":a", "street", "home  office"]);
    assert_eq!(addr.origin.line, 5);
    assert!(parsed.warnings.is_empty(), "{parsed:#?}");
}

#[test]
fn espanso_triggers_written_as_a_set_or_a_single_text() {
    let (parsed, _) = espanso(
        r#"
matches:
  - triggers: {"ipsl", "ilat"}
    replace: "ipsilateral"
  - triggers: ":one"
    replace: "one"
"#,
    );
    let [set, one] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(
        (set.shortcut.as_str(), set.tags.as_slice()),
        ("ipsl", &["ilat".to_owned()][..])
    );
    assert_eq!(one.shortcut, ":one");
}

#[test]
fn espanso_keys_are_deduplicated_within_a_parse() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":thx"
    replace: "one"
  - trigger: ";thx"
    replace: "two"
  - trigger: "thx"
    replace: "three"
  - trigger: "cad."
    replace: "Canada"
"#,
    );
    let keys: Vec<&str> = parsed.candidates.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["thx", "thx-2", "thx-3", "cad"]);
}

#[test]
fn espanso_form_fields_both_syntaxes() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":greet"
    form: |
      Hey [[name]],
      Happy Birthday!
  - trigger: ":ship"
    replace: "Hi {{form1.buyer name}} {{ form1.buyer-name }}, order {{form1.order_id}} shipped. [[ note ]]"
    vars:
      - name: form1
        type: form
        params:
          layout: "Buyer [[buyer-name]] Order [[order_id]]"
  - trigger: ":old"
    form: "Hi {{name}}!"
"#,
    );
    let [greet, ship, old] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(body(greet), "Hey { $name },\nHappy Birthday!");
    assert_eq!(
        render_with(body(greet), &[("name", "Ann")]),
        "Hey Ann,\nHappy Birthday!"
    );
    // `{{form1.buyer name}}` is not a reference (a space inside): kept as typed.
    assert_eq!(
        render_with(
            body(ship),
            &[("buyer-name", "Bo"), ("order_id", "42"), ("note", "n")]
        ),
        "Hi {{form1.buyer name}} Bo, order 42 shipped. n"
    );
    assert_eq!(body(old), "Hi { $name }!");
    assert!(parsed.warnings.is_empty(), "{parsed:#?}");
}

#[test]
fn espanso_clipboard_and_echo() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":paste"
    replace: "You wrote: {{clip}}"
    vars:
      - name: clip
        type: clipboard
  - trigger: ":sig"
    replace: "{{sig}} / {{ sig }}"
    vars:
      - name: sig
        type: echo
        params:
          echo: "Acme {Store}"
"#,
    );
    let [paste, sig] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(body(paste), "You wrote: { $clipboard }");
    assert_eq!(render(body(sig)), "Acme {Store} / Acme {Store}");
    assert!(parsed.warnings.is_empty(), "{parsed:#?}");
}

#[test]
fn espanso_date_becomes_datetime_with_a_warning() {
    let (parsed, file) = espanso(
        r#"
matches:
  - trigger: ":today"
    replace: "Today is {{mydate}}, again {{mydate}}."
    vars:
      - name: mydate
        type: date
        params:
          format: "%d/%m/%Y"
"#,
    );
    let today = only(&parsed);
    assert_eq!(
        body(today),
        "Today is { DATETIME($today, dateStyle: \"medium\") }, again { DATETIME($today, dateStyle: \"medium\") }."
    );
    let args: Args = [("today".to_owned(), Value::parse("2024-05-01"))]
        .into_iter()
        .collect();
    assert_eq!(
        Renderer::new()
            .render("en", "k", body(today), &[], &args)
            .unwrap(),
        "Today is May 1, 2024, again May 1, 2024."
    );
    assert_eq!(parsed.warnings.len(), 1, "one warning per variable");
    let w = &parsed.warnings[0];
    assert!(!w.skipped);
    assert_eq!(w.origin, Origin { file, line: 3 });
    assert!(w.message.contains("%d/%m/%Y"), "{}", w.message);
    assert!(w.message.starts_with(":today: "), "{}", w.message);
}

#[test]
fn espanso_shell_script_and_regex_are_skipped_with_file_and_line() {
    let (parsed, file) = espanso(
        r#"
matches:
  - trigger: ":ip"
    replace: "{{output}}"
    vars:
      - name: output
        type: shell
        params:
          cmd: "curl https://example.com"

  - trigger: ":py"
    replace: "{{out}}"
    vars:
      - name: out
        type: script
        params:
          args: [python, x.py]

  - regex: ":hi(?P<person>.*)\\."
    replace: "Hi {{person}}!"

  - trigger: ":unused-shell"
    replace: "no reference"
    vars:
      - name: x
        type: shell
        params: {cmd: "rm -rf /tmp/x"}

  - trigger: ":ok"
    replace: "ok"
"#,
    );
    assert_eq!(only(&parsed).key, "ok");
    let got = messages(&parsed);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        parsed
            .warnings
            .iter()
            .all(|w| w.skipped && w.origin.file == file)
    );
    assert_eq!(got[0].0, 3);
    assert!(got[0].2.contains("shell command"), "{}", got[0].2);
    assert!(got[0].2.starts_with(":ip: "), "{}", got[0].2);
    assert_eq!(got[1].0, 11);
    assert!(got[1].2.contains("script"), "{}", got[1].2);
    assert_eq!(got[2].0, 19);
    assert!(got[2].2.contains("regex trigger"), "{}", got[2].2);
    assert_eq!(got[3].0, 22);
    assert!(got[3].2.contains("shell command"), "{}", got[3].2);
}

#[test]
fn espanso_global_shell_variable_skips_only_matches_that_use_it() {
    let (parsed, _) = espanso(
        r#"
global_vars:
  - name: ip
    type: shell
    params: {cmd: "curl https://example.com"}
matches:
  - trigger: ":ip"
    replace: "my ip {{ip}}"
  - trigger: ":hi"
    replace: "hi"
"#,
    );
    assert_eq!(only(&parsed).key, "hi");
    assert_eq!(parsed.warnings.len(), 1);
    assert!(parsed.warnings[0].skipped);
    assert_eq!(parsed.warnings[0].origin.line, 7);
    assert!(parsed.warnings[0].message.contains("shell command"));
}

#[test]
fn espanso_cursor_hint_removed_braces_literal_multiline_kept() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":div"
    replace: "<div>$|$</div>"
  - trigger: ":json"
    replace: '{"ok": true} and {not a var} and {{ not closed'
  - trigger: ":addr"
    replace: |
      Acme Store
        12 Main St

      [Springfield]
      * call first
      .end
"#,
    );
    let [div, json, addr] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(render(body(div)), "<div></div>");
    assert_eq!(
        render(body(json)),
        "{\"ok\": true} and {not a var} and {{ not closed"
    );
    assert_eq!(
        render(body(addr)),
        "Acme Store\n  12 Main St\n\n[Springfield]\n* call first\n.end"
    );
    assert!(parsed.warnings.is_empty(), "{parsed:#?}");
}

#[test]
fn espanso_global_vars_are_seen_by_every_match_of_the_file() {
    let (parsed, _) = espanso(
        r#"
global_vars:
  - name: shop
    type: echo
    params: {echo: "Acme"}
  - name: clip
    type: clipboard
matches:
  - trigger: ":a"
    replace: "{{shop}} says {{clip}}"
  - trigger: ":b"
    replace: "Bye from {{shop}}"
    vars:
      - name: shop
        type: echo
        params: {echo: "Acme Outlet"}
"#,
    );
    let [a, b] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(body(a), "Acme says { $clipboard }");
    assert_eq!(
        render(body(b)),
        "Bye from Acme Outlet",
        "the match's own var wins"
    );
}

#[test]
fn espanso_choice_random_unknown_and_undefined_vars_become_variables_with_warnings() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":pick"
    replace: "Size {{size}}, {{quote}}, {{other}}, {{nothing}}, {{2nd var}} {{x.y}}"
    vars:
      - name: size
        type: choice
        params:
          values: [S, {label: Medium, id: M}]
      - name: quote
        type: random
        params:
          choices: ["Have a nice day", "Cheers"]
      - name: other
        type: match
        params: {trigger: ":x"}
"#,
    );
    let pick = only(&parsed);
    assert_eq!(
        body(pick),
        "Size { $size }, { $quote }, { $other }, { $nothing }, {\"{\"}{\"{\"}2nd var{\"}\"}{\"}\"} { $x_y }"
    );
    let args = [
        ("size", "M"),
        ("quote", "Cheers"),
        ("other", "o"),
        ("nothing", "-"),
        ("x_y", "xy"),
    ];
    assert_eq!(
        render_with(body(pick), &args),
        "Size M, Cheers, o, -, {{2nd var}} xy",
        "{{2nd var}} is no reference (a space inside): kept as typed"
    );
    let got = messages(&parsed);
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(got.iter().all(|(line, skipped, _)| *line == 3 && !skipped));
    assert!(
        got[0].2.contains("choose from a list") && got[0].2.contains("S / Medium"),
        "{}",
        got[0].2
    );
    assert!(
        got[1].2.contains("at random") && got[1].2.contains("Cheers"),
        "{}",
        got[1].2
    );
    assert!(got[2].2.contains("another match (':x')"), "{}", got[2].2);
    assert!(got[3].2.contains("names no variable"), "{}", got[3].2);
    assert!(got[4].2.contains("{ $x_y }"), "{}", got[4].2);
}

#[test]
fn espanso_variable_names_are_made_fluent_identifiers() {
    assert_eq!(variable_name("buyer_name"), "buyer_name");
    assert_eq!(variable_name("order-id"), "order-id");
    assert_eq!(variable_name("1st"), "v_1st");
    assert_eq!(variable_name("_x"), "v__x");
    assert_eq!(variable_name("a b"), "a_b");
    assert_eq!(variable_name("名字"), "Ming_Zi");
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":f"
    form: "[[1st]] [[_x]]"
"#,
    );
    assert_eq!(body(only(&parsed)), "{ $v_1st } { $v__x }");
}

#[test]
fn espanso_markdown_html_and_image() {
    let (parsed, _) = espanso(
        r#"
matches:
  - trigger: ":md"
    markdown: "**Thanks** for your order!"
  - trigger: ":html"
    html: "<p>Hello <b>{{name}}</b> &amp; welcome</p><p>Bye&#33;</p>"
    vars:
      - name: name
        type: clipboard
  - trigger: ":logo"
    image_path: "$CONFIG/images/logo.png"
  - trigger: ":nothing"
    label: "empty"
"#,
    );
    let [md, html] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(render(body(md)), "**Thanks** for your order!");
    assert_eq!(body(html), "Hello { $clipboard } & welcome\nBye!");
    let got = messages(&parsed);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!((got[0].0, got[0].1), (5, false));
    assert!(got[0].2.contains("HTML"), "{}", got[0].2);
    assert_eq!((got[1].0, got[1].1), (10, true));
    assert!(got[1].2.contains("image match"), "{}", got[1].2);
    assert_eq!((got[2].0, got[2].1), (12, true));
    assert!(got[2].2.contains("no text"), "{}", got[2].2);
}

#[test]
fn espanso_match_without_trigger_or_label_and_empty_text_are_skipped() {
    let (parsed, _) = espanso(
        r#"
matches:
  - replace: "no name"
  - trigger: ":empty"
    replace: ""
  - just a string
  - label: "Label only"
    replace: "fine"
"#,
    );
    let c = only(&parsed);
    assert_eq!((c.key.as_str(), c.shortcut.as_str()), ("label-only", ""));
    let got = messages(&parsed);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got.iter().all(|(_, skipped, _)| *skipped));
    assert_eq!(got[0].0, 3);
    assert!(got[0].2.contains("no trigger and no label"), "{}", got[0].2);
    assert_eq!(got[1].0, 4);
    assert!(
        got[1].2.starts_with(":empty: the text is empty"),
        "{}",
        got[1].2
    );
    assert_eq!(got[2].0, 6);
}

#[test]
fn espanso_anchors_aliases_and_merge_keys_resolve() {
    let (parsed, _) = espanso(
        r#"
anchors:
  shop: &shop
    - name: shop
      type: echo
      params: {echo: "Acme"}
  base: &base
    replace: "from base {{shop}}"
    vars: *shop
matches:
  - trigger: ":a"
    <<: *base
  - trigger: ":b"
    <<: *base
    replace: "own {{shop}}"
"#,
    );
    let [a, b] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    assert_eq!(render(body(a)), "from base Acme");
    assert_eq!(render(body(b)), "own Acme");
}

#[test]
fn espanso_yaml_syntax_error_names_file_line_and_column() {
    let (_dir, path) = temp_file(
        "broken.yml",
        b"matches:\n  - trigger: \":a\"\n    replace: \"unclosed\n  - trigger: [\n",
    );
    let err = espanso::read(&path, "en").unwrap_err();
    let Error::Invalid(message) = &err else {
        panic!("{err:?}")
    };
    let prefix = format!("{}:", path.display());
    assert!(message.starts_with(&prefix), "{message}");
    let position: Vec<&str> = message[prefix.len()..].splitn(3, ':').collect();
    assert!(position[0].parse::<usize>().unwrap() >= 3, "{message}");
    assert!(position[1].parse::<usize>().unwrap() >= 1, "{message}");
    assert!(message.contains("not valid YAML"), "{message}");
}

#[test]
fn a_broken_file_in_a_folder_is_skipped_with_its_position_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.yml"),
        "matches:\n  - trigger: \":a\"\n    replace: \"unclosed\n  - trigger: [\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("good.yml"),
        "matches:\n  - trigger: \":ok\"\n    replace: \"fine\"\n",
    )
    .unwrap();
    let parsed = espanso::read(dir.path(), "en").unwrap();
    assert_eq!(parsed.candidates.len(), 1);
    assert_eq!(parsed.candidates[0].key, "ok");
    let warning = &parsed.warnings[0];
    assert!(warning.skipped);
    assert!(warning.origin.file.ends_with("broken.yml"));
    assert!(warning.origin.line >= 3, "{warning:?}");
    assert!(warning.message.contains("not valid YAML"), "{warning:?}");
}

#[test]
fn espanso_errors_for_missing_path_empty_folder_and_bad_locale() {
    let dir = tempfile::tempdir().unwrap();
    let missing = espanso::read(&dir.path().join("nope.yml"), "en").unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let empty = espanso::read(dir.path(), "en").unwrap_err();
    assert!(
        matches!(&empty, Error::Invalid(m) if m.contains("no Espanso match files")),
        "{empty:?}"
    );
    let (_d, path) = temp_file("a.yml", b"matches: []\n");
    assert!(matches!(
        espanso::read(&path, "english please"),
        Err(Error::BadLocale(_))
    ));
    let (parsed, _) = espanso("toggle_key: ALT\n");
    assert_eq!(parsed, Parsed::default(), "no matches: nothing, silently");
}

#[test]
fn espanso_folder_recursion_skips_config_manifest_and_files_without_matches() {
    let root = fixtures();
    let parsed = espanso::read(&root, "de").unwrap();
    let got: Vec<(String, &str, &str)> = parsed
        .candidates
        .iter()
        .map(|c| {
            let file = c
                .origin
                .file
                .strip_prefix(&root.display().to_string())
                .unwrap();
            (
                format!("{file}:{}", c.origin.line),
                c.key.as_str(),
                c.category.as_str(),
            )
        })
        .collect();
    let sep = std::path::MAIN_SEPARATOR;
    let f = |p: &str| p.replace('/', &sep.to_string());
    assert_eq!(
        got,
        [
            (
                f("/hub/packages/emoji-mini/0.1.0/package.yml:2"),
                "smile",
                "emoji-mini"
            ),
            (
                f("/hub/packages/emoji-mini/0.1.0/package.yml:4"),
                "party",
                "emoji-mini"
            ),
            (
                f("/hub/packages/emoji-mini/0.1.0/package.yml:6"),
                "ok",
                "emoji-mini"
            ),
            (
                f("/hub/packages/html-snippets/0.2.0/package.yml:2"),
                "html-div",
                "html-snippets"
            ),
            (
                f("/hub/packages/html-snippets/0.2.0/package.yml:7"),
                "html-inline-style",
                "html-snippets"
            ),
            (
                f("/hub/packages/html-snippets/0.2.0/package.yml:19"),
                "js-object",
                "html-snippets"
            ),
            (
                f("/hub/packages/lorem-mini/1.0.0/package.yml:3"),
                "lorem",
                "lorem-mini"
            ),
            (f("/match/base.yml:10"), "thx", "base"),
            (f("/match/base.yml:13"), "thx-2", "base"),
            (f("/match/base.yml:16"), "return-address", "base"),
            (
                f("/match/packages/shop-phrases/package.yml:2"),
                "sorry-for-the-delay",
                "shop-phrases"
            ),
            (f("/match/sub/extra.yaml:2"), "eta", "extra"),
        ]
    );
    assert!(parsed.candidates.iter().all(|c| c.source_locale == "de"));
    let by_key = |k: &str| parsed.candidates.iter().find(|c| c.key == k).unwrap();
    assert_eq!(
        render(body(by_key("thx"))),
        "Thanks for shopping at Acme Store!"
    );
    assert_eq!(render(body(by_key("party"))), "🎉🎉");
    assert_eq!(render(body(by_key("html-div"))), "<div></div>");
    assert_eq!(
        render_with(body(by_key("html-inline-style")), &[("property", "color")]),
        "style=\"color:;\""
    );
    assert_eq!(
        render(body(by_key("js-object"))),
        "const config = {\n  debug: true,\n};"
    );
    assert_eq!(body(by_key("lorem")), "{ $output }");
    assert_eq!(
        render(body(by_key("return-address"))),
        "Acme Store Returns\n12 Main St\nSpringfield"
    );
    assert_eq!(by_key("return-address").tags, [";return"]);

    let got = messages(&parsed);
    let skipped: Vec<_> = parsed.warnings.iter().filter(|w| w.skipped).collect();
    assert_eq!(skipped.len(), 1, "{got:#?}");
    assert!(skipped[0].origin.file.ends_with(&f("match/base.yml")));
    assert_eq!(skipped[0].origin.line, 23);
    assert!(skipped[0].message.contains("shell command"));
    // The choice and the random variable are noted, not skipped.
    assert_eq!(parsed.warnings.len(), 3, "{got:#?}");
}

#[test]
fn espanso_single_package_folder_and_single_file() {
    let package = fixtures().join("match/packages/shop-phrases");
    let parsed = espanso::read(&package, "en").unwrap();
    assert_eq!(only(&parsed).category, "shop-phrases");
    let file = fixtures().join("match/sub/extra.yaml");
    let parsed = espanso::read(&file, "en").unwrap();
    assert_eq!(only(&parsed).origin.file, file.display().to_string());
}

/// Reads every match file of a checkout of the Espanso hub repository one by one, when
/// `QUICKREPLY_ESPANSO_HUB` names one: every body returned must validate, and a file that
/// fails must fail as invalid YAML with its position. (A folder stops at its first bad file.)
#[test]
#[ignore = "needs QUICKREPLY_ESPANSO_HUB=<a checkout of github.com/espanso/hub>"]
fn espanso_reads_a_hub_checkout() {
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yml")
                && !path.ends_with("_manifest.yml")
            {
                out.push(path);
            }
        }
    }
    let Ok(hub) = std::env::var("QUICKREPLY_ESPANSO_HUB") else {
        return;
    };
    let mut all = Vec::new();
    files(Path::new(&hub), &mut all);
    let (mut candidates, mut warnings, mut failed) = (0, 0, 0);
    for file in &all {
        match espanso::read(file, "en") {
            Ok(parsed) => {
                for c in &parsed.candidates {
                    assert!(validate_body(&c.key, body(c)).is_ok(), "{c:#?}");
                }
                candidates += parsed.candidates.len();
                warnings += parsed.warnings.len();
            }
            Err(Error::Invalid(m)) if m.contains("not valid YAML") => {
                eprintln!("{m}");
                failed += 1;
            }
            Err(e) => panic!("{}: {e}", file.display()),
        }
    }
    eprintln!(
        "{} files: {candidates} candidates, {warnings} warnings, {failed} not valid YAML",
        all.len()
    );
    assert!(candidates > 0);
}

// ----- spreadsheets -----------------------------------------------------------------------------

fn sheet_csv(content: &[u8]) -> (Parsed, String) {
    let (_dir, path) = temp_file("replies.csv", content);
    let parsed = sheet::read(&path, None, Status::NeedsReview).unwrap();
    (parsed, path.display().to_string())
}

#[test]
fn sheet_csv_good_rows_bad_rows_and_lines() {
    let csv = "\
Key,Title,Category,Tags,Shortcut,Locale,Text,Notes
thanks,Thanks,After sale,\"thank you, thx\",;ty,en,Thanks { $buyer_name }!,ignored
,Where is my order,Shipping,where；order、parcel,,,\"Your order ships in
2 days.\",
bad-fluent,Broken,,,,en,Hi { $buyer_name,
no-text,Nothing,,,,en,,

,Where is my order,,,,,Another text with the same title,
";
    let (parsed, file) = sheet_csv(csv.as_bytes());
    let keys: Vec<&str> = parsed.candidates.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["thanks", "where-is-my-order", "where-is-my-order-2"]);
    let thanks = &parsed.candidates[0];
    assert!(thanks.key_given);
    assert_eq!(thanks.title, "Thanks");
    assert_eq!(thanks.category, "After sale");
    assert_eq!(thanks.tags, ["thank you", "thx"]);
    assert_eq!(thanks.shortcut, ";ty");
    assert_eq!(thanks.source_locale, "en");
    assert_eq!(
        thanks.texts,
        [CandidateText {
            locale: "en".into(),
            body: "Thanks { $buyer_name }!".into(),
            status: Status::Approved,
        }]
    );
    assert_eq!(
        thanks.origin,
        Origin {
            file: file.clone(),
            line: 2
        }
    );
    let order = &parsed.candidates[1];
    assert!(!order.key_given);
    assert_eq!(order.tags, ["where", "order", "parcel"]);
    assert_eq!(body(order), "Your order ships in\n2 days.");
    assert_eq!(order.origin.line, 3);
    assert_eq!(parsed.candidates[2].origin.line, 8);

    let got = messages(&parsed);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!((got[0].0, got[0].1), (5, true));
    assert!(
        got[0].2.contains("1:"),
        "LINE:COL inside the cell: {}",
        got[0].2
    );
    assert!(got[0].2.contains("mistake"), "{}", got[0].2);
    assert_eq!((got[1].0, got[1].1), (6, true));
    assert!(got[1].2.contains("no text"), "{}", got[1].2);
    assert!(parsed.warnings.iter().all(|w| w.origin.file == file));
}

#[test]
fn sheet_fluent_error_position_is_inside_the_cell() {
    let (parsed, _) = sheet_csv(b"key,text\na,\"line one\nline { two\"\n");
    let w = &parsed.warnings[0];
    assert_eq!(w.origin.line, 2);
    assert!(w.message.contains("2:"), "{}", w.message);
}

#[test]
fn sheet_translations_get_the_status_and_attach_by_key_or_title() {
    let csv = "\
key,title,locale,text
,Thanks,de,Danke!
thanks,Thanks,en,Thanks!
,Thanks,fr-fr,Merci !
thanks,,de,Danke doppelt
,Gracias,es,¡Gracias!
orphan,,ar,شكرا
orphan,,fr,Merci orphelin
thanks,,not a locale,bad locale
";
    let (_dir, path) = temp_file("t.csv", csv.as_bytes());
    let parsed = sheet::read(&path, Some("en"), Status::NeedsReview).unwrap();
    let [thanks, orphan] = parsed.candidates.as_slice() else {
        panic!("{parsed:#?}")
    };
    let texts: Vec<(&str, &str, Status)> = thanks
        .texts
        .iter()
        .map(|t| (t.locale.as_str(), t.body.as_str(), t.status))
        .collect();
    assert_eq!(
        texts,
        [
            ("en", "Thanks!", Status::Approved),
            ("de", "Danke!", Status::NeedsReview),
            ("fr-FR", "Merci !", Status::NeedsReview),
        ]
    );
    assert_eq!(orphan.title, "");
    assert!(orphan.key_given);
    assert_eq!(orphan.source_locale, "en");
    assert_eq!(orphan.origin.line, 7);
    let texts: Vec<(&str, Status)> = orphan
        .texts
        .iter()
        .map(|t| (t.locale.as_str(), t.status))
        .collect();
    assert_eq!(
        texts,
        [("ar", Status::NeedsReview), ("fr", Status::NeedsReview)]
    );

    let got = messages(&parsed);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got.iter().all(|(_, skipped, _)| *skipped));
    assert_eq!(got[0].0, 5);
    assert!(
        got[0].2.contains("already has its de text on line 2"),
        "{}",
        got[0].2
    );
    assert_eq!(got[1].0, 6);
    assert!(got[1].2.contains("needs the key"), "{}", got[1].2);
    assert_eq!(got[2].0, 9);
    assert!(
        got[2].2.contains("'not a locale' is not a valid locale"),
        "{}",
        got[2].2
    );
}

#[test]
fn sheet_source_locale_from_first_row_or_english() {
    let (parsed, _) = sheet_csv("title,locale,text\nA,,a\nB,zh_cn,b\nC,en,c\n".as_bytes());
    let sources: Vec<&str> = parsed
        .candidates
        .iter()
        .map(|c| c.source_locale.as_str())
        .collect();
    // A (no locale) and B are in zh-CN; C is an English translation without a key whose
    // title matches no zh-CN reply.
    assert_eq!(sources, ["zh-CN", "zh-CN"]);
    assert_eq!(parsed.candidates[0].texts[0].locale, "zh-CN");
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].origin.line, 4);
    let (parsed, _) = sheet_csv(b"title,text\nA,a\n");
    assert_eq!(parsed.candidates[0].source_locale, "en");
}

#[test]
fn sheet_examples_and_title_from_text() {
    let (parsed, _) = sheet_csv(
        "text,examples\n\"Hi { $buyer_name }, thanks for waiting\",\"where is it?|any news\nstill waiting\"\n"
            .as_bytes(),
    );
    let c = only(&parsed);
    assert_eq!(c.examples, ["where is it?", "any news", "still waiting"]);
    assert_eq!(c.title, "Hi { $buyer_name }, thanks for waiting");
    assert_eq!(c.key, "hi-buyer-name-thanks-for-waiting");
}

#[test]
fn sheet_bad_keys_duplicates_and_extra_cells() {
    let csv = "\
key,text
Thanks,Hi
1st,Hi
thanks,one
thanks,two
a,Hi, there
b,\"Hi, there\",,
";
    let (parsed, _) = sheet_csv(csv.as_bytes());
    let keys: Vec<&str> = parsed.candidates.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["Thanks", "thanks", "b"], "keys are kept as written");
    let got = messages(&parsed);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(got[0].0, 3);
    assert!(
        got[0].2.contains("'1st' cannot be a template key"),
        "{}",
        got[0].2
    );
    assert_eq!(got[1].0, 5);
    assert!(
        got[1].2.contains("already has its en text on line 4"),
        "{}",
        got[1].2
    );
    assert_eq!(got[2].0, 6);
    assert!(got[2].2.contains("double quotes"), "{}", got[2].2);
}

#[test]
fn sheet_made_up_keys_keep_clear_of_given_keys() {
    let (parsed, _) = sheet_csv(b"key,title,text\n,Thanks,made up\nthanks,Other,given\n");
    let keys: Vec<(&str, bool)> = parsed
        .candidates
        .iter()
        .map(|c| (c.key.as_str(), c.key_given))
        .collect();
    assert_eq!(keys, [("thanks-2", false), ("thanks", true)]);
}

#[test]
fn sheet_utf8_bom_semicolon_tab_and_crlf() {
    let (parsed, _) = sheet_csv(
        "\u{feff}KEY;Text\r\nhi;Hallo { $buyer_name }\r\n\r\nbye;\"Tschüss\r\nund danke\"\r\n"
            .as_bytes(),
    );
    let got: Vec<(&str, &str, usize)> = parsed
        .candidates
        .iter()
        .map(|c| (c.key.as_str(), body(c), c.origin.line))
        .collect();
    assert_eq!(
        got,
        [
            ("hi", "Hallo { $buyer_name }", 2),
            ("bye", "Tschüss\nund danke", 4)
        ]
    );
    assert!(parsed.warnings.is_empty(), "{parsed:#?}");
    let (parsed, _) = sheet_csv(b"title\ttext\nA\ta, b; c\n");
    assert_eq!(body(only(&parsed)), "a, b; c");
    // Tab-separated text saved under an Excel name, as shop systems export it.
    let (_dir, path) = temp_file("export.xls", b"title\ttext\nA\tHi\n");
    let parsed = sheet::read(&path, None, Status::Approved).unwrap();
    assert_eq!(body(only(&parsed)), "Hi");
}

#[test]
fn sheet_gbk_and_utf16_csv() {
    let text = "key,title,locale,text\nxiexie,谢谢,zh-CN,谢谢您的购买，{ $buyer_name }！\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    let (parsed, _) = sheet_csv(&gbk);
    let c = only(&parsed);
    assert_eq!(c.title, "谢谢");
    assert_eq!(body(c), "谢谢您的购买，{ $buyer_name }！");
    assert_eq!(c.source_locale, "zh-CN");
    assert_eq!(parsed.warnings.len(), 1);
    assert!(!parsed.warnings[0].skipped);
    assert!(parsed.warnings[0].message.contains("GBK"));

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "title\ttext\n谢谢\t多谢！\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let (parsed, _) = sheet_csv(&utf16);
    assert_eq!(body(only(&parsed)), "多谢！");
    assert!(parsed.warnings.is_empty());
}

#[test]
fn sheet_errors_missing_text_empty_and_unreadable() {
    let (_dir, path) = temp_file("r.csv", b"Key,Title,Body\na,b,c\n");
    let err = sheet::read(&path, None, Status::Approved).unwrap_err();
    let Error::BadFile { path: p, message } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(p, &path);
    assert!(message.contains("no 'text' column"), "{message}");
    assert!(message.contains("Key, Title, Body"), "{message}");
    assert!(err.to_string().starts_with(&path.display().to_string()));

    let (_dir, path) = temp_file("e.csv", b"\xEF\xBB\xBF\n\n");
    let err = sheet::read(&path, None, Status::Approved).unwrap_err();
    assert!(
        matches!(&err, Error::BadFile { message, .. } if message.contains("empty")),
        "{err:?}"
    );

    let err = sheet::read(Path::new("/nonexistent/r.csv"), None, Status::Approved).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");

    let (_dir, path) = temp_file("h.csv", b"text\n");
    assert_eq!(
        sheet::read(&path, None, Status::Approved).unwrap(),
        Parsed::default(),
        "a header and no rows: nothing to import, not an error"
    );
}

fn write_xlsx(path: &Path, rows: &[&[&str]], start_row: u32) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(start_row + r as u32, c as u16, *cell)
                    .unwrap();
            }
        }
    }
    // A second sheet is never read.
    workbook.add_worksheet().write_string(0, 0, "text").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn sheet_xlsx_rows_by_number_and_by_content_without_extension() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["Title", "Text", "Locale", "Key"],
        &["Thanks", "Thanks { $buyer_name }!", "en", "thanks"],
        &["", "Danke { $buyer_name }!", "de", "thanks"],
        &["Broken", "Hi { $buyer_name", "en", ""],
        &["", "", "", ""],
        &["Multi", "Line one\nLine two", "", ""],
    ];
    let xlsx = dir.path().join("replies.xlsx");
    write_xlsx(&xlsx, rows, 0);
    let parsed = sheet::read(&xlsx, None, Status::Machine).unwrap();
    let got: Vec<(&str, usize, usize)> = parsed
        .candidates
        .iter()
        .map(|c| (c.key.as_str(), c.texts.len(), c.origin.line))
        .collect();
    assert_eq!(got, [("thanks", 2, 2), ("multi", 1, 6)]);
    assert_eq!(parsed.candidates[0].texts[1].status, Status::Machine);
    assert_eq!(body(&parsed.candidates[1]), "Line one\nLine two");
    let got = messages(&parsed);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!((got[0].0, got[0].1), (4, true));
    assert_eq!(parsed.warnings[0].origin.file, xlsx.display().to_string());

    // The same workbook with no extension, and with the header lower down the sheet.
    let bare = dir.path().join("replies");
    write_xlsx(&bare, rows, 2);
    let parsed = sheet::read(&bare, None, Status::Machine).unwrap();
    let lines: Vec<usize> = parsed.candidates.iter().map(|c| c.origin.line).collect();
    assert_eq!(lines, [4, 8], "row numbers of the sheet, header on row 3");
    assert_eq!(parsed.warnings[0].origin.line, 6);
}

#[test]
fn sheet_xlsx_missing_text_and_corrupt_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    write_xlsx(&path, &[&["key", "body"], &["a", "b"]], 0);
    let err = sheet::read(&path, None, Status::Approved).unwrap_err();
    assert!(
        matches!(&err, Error::BadFile { message, .. } if message.contains("key, body")),
        "{err:?}"
    );
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let err = sheet::read(&broken, None, Status::Approved).unwrap_err();
    assert!(
        matches!(&err, Error::BadFile { message, .. } if message.contains("cannot read the spreadsheet")),
        "{err:?}"
    );
}
