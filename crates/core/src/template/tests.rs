#![allow(clippy::unwrap_used)]

use std::path::Path;

use super::*;
use crate::Error;

fn args(pairs: &[(&str, Value)]) -> Args {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

fn render(locale: &str, body: &str, a: &[(&str, Value)]) -> String {
    Renderer::new()
        .render(locale, "msg", body, &[], &args(a))
        .unwrap()
}

fn date(s: &str) -> Value {
    let v = Value::parse(s);
    assert!(matches!(v, Value::Date(_)), "{s}");
    v
}

// ----- parsing -------------------------------------------------------------------------------

#[test]
fn parse_file_messages_attributes_terms() {
    let src = "\
# comment
-shop-name = Acme
    .gender = masculine
greeting = Hello { $buyer_name }, thanks for shopping at { -shop-name }!
shipped =
    { $item_count ->
        [one] Your item has shipped.
       *[other] Your { $item_count } items have shipped.
    }
    .title = Shipped
    .help = Line one
        line two
";
    let parsed = parse_file("a.ftl", src).unwrap();
    assert_eq!(parsed.terms.len(), 1);
    assert_eq!(parsed.terms[0].name, "shop-name");
    assert_eq!(
        parsed.terms[0].source,
        "-shop-name = Acme\n    .gender = masculine\n"
    );
    assert_eq!(parsed.messages.len(), 2);
    let greeting = &parsed.messages[0];
    assert_eq!(greeting.key, "greeting");
    assert_eq!(
        greeting.body,
        "Hello { $buyer_name }, thanks for shopping at { -shop-name }!"
    );
    assert_eq!(
        greeting.variables.iter().collect::<Vec<_>>(),
        ["buyer_name"]
    );
    let shipped = &parsed.messages[1];
    assert_eq!(
        shipped.body,
        "{ $item_count ->\n    [one] Your item has shipped.\n   *[other] Your { $item_count } items have shipped.\n}"
    );
    assert_eq!(
        shipped.attributes,
        vec![
            ("title".to_string(), "Shipped".to_string()),
            ("help".to_string(), "Line one\nline two".to_string())
        ]
    );
    let again = parse_file(
        "b.ftl",
        &message_source("shipped", &shipped.body, &shipped.attributes),
    )
    .unwrap();
    assert_eq!(again.messages[0], *shipped);
}

#[test]
fn parse_file_reports_all_errors_with_char_columns() {
    // Line 2: Arabic text, then an unbalanced '}'; the column counts characters, not bytes.
    let src = "ok = fine\nbad = مرحبا { $name } }\nattrs-only =\n    .title = x\nok = again\n-t = a\n-t = b\n";
    let errors = parse_file("shop.ftl", src).unwrap_err();
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert!(errors.iter().all(|e| e.file == "shop.ftl"));
    assert!(found.contains(&(2, 23)), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.line == 3 && e.message.contains("no value")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.line == 5 && e.column == 1 && e.message.contains("duplicate message")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.line == 7 && e.column == 1 && e.message.contains("duplicate term")),
        "{errors:?}"
    );
    let mut sorted = found.clone();
    sorted.sort_unstable();
    assert_eq!(found, sorted);
}

#[test]
fn parse_file_accepts_crlf() {
    let parsed = parse_file("w.ftl", "a = one\r\nb =\r\n    two\r\n    lines\r\n").unwrap();
    assert_eq!(parsed.messages[0].body, "one");
    assert_eq!(parsed.messages[1].body, "two\nlines");
}

#[test]
fn message_source_forms() {
    assert_eq!(message_source("k", "one line", &[]), "k = one line\n");
    assert_eq!(message_source("k", "a\n\nb", &[]), "k =\n    a\n\n    b\n");
    let attrs = vec![("title".to_string(), "x\ny".to_string())];
    assert_eq!(
        message_source("k", "v", &attrs),
        "k = v\n    .title =\n        x\n        y\n"
    );
    // A first line that FTL would misread at the start of a continuation line stays on the
    // `=` line.
    let src = message_source("k", "[draft] hello\nworld", &[]);
    assert_eq!(src, "k = [draft] hello\n    world\n");
    assert_eq!(
        parse_file("f", &src).unwrap().messages[0].body,
        "[draft] hello\nworld"
    );
    let src = message_source("k", ".5 kg\nnet", &[]);
    assert_eq!(
        parse_file("f", &src).unwrap().messages[0].body,
        ".5 kg\nnet"
    );
}

#[test]
fn validate_body_positions_refer_to_the_body() {
    assert_eq!(
        validate_body("k", "Hi { $a } and { NUMBER($b) }")
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    let errors = validate_body("k", "line one\nline two { $x").unwrap_err();
    assert_eq!(errors[0].file, "<k>");
    assert_eq!((errors[0].line, errors[0].column), (2, 14), "{errors:?}");
    let errors = validate_body("k", "{ $x }}").unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (1, 7), "{errors:?}");
    let errors = validate_body("k", "text\n.title = x").unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (2, 1), "{errors:?}");
    assert!(validate_body("k", "").is_err());
    assert!(validate_body("bad key", "fine").is_err());
    assert!(validate_body("k", "{ $n ->\n    [one] a\n   *[other] b\n}").is_ok());
    assert!(validate_body("k", "{ $n ->\n    [one] a\n    [other] b\n}").is_err());
}

#[test]
fn variables_and_canonical_body() {
    let body = "{ $n ->\n    [one] { -t(x: 1) } { $a }\n   *[other] { NUMBER($b, minimumFractionDigits: 2) } { -t($c) }\n}";
    assert_eq!(
        variables_of(body).into_iter().collect::<Vec<_>>(),
        ["a", "b", "c", "n"]
    );
    assert!(variables_of("{ $x").is_empty());
    assert_eq!(
        canonical_body("Hi {$name}").as_deref(),
        Some("Hi { $name }")
    );
    assert_eq!(canonical_body("{ $x"), None);
}

/// parse_file -> message_source -> parse_file keeps every body and attribute, over 1,200 real
/// FTL files in 16 locales.
#[test]
fn corpus_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/www-firefox-l10n");
    if !dir.is_dir() {
        eprintln!(
            "note: {} is missing; corpus round trip skipped",
            dir.display()
        );
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ftl") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 1000, "only {} files", files.len());
    let (mut messages, mut terms, mut rejected, mut failures) = (0, 0, 0, Vec::new());
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let name = path.display().to_string();
        let Ok(parsed) = parse_file(&name, &source) else {
            // Files with real errors are fine to reject; they must not round-trip wrongly.
            rejected += 1;
            continue;
        };
        for m in &parsed.messages {
            messages += 1;
            let src = message_source(&m.key, &m.body, &m.attributes);
            match parse_file("re", &src) {
                Ok(p) if p.messages.len() == 1 && p.messages[0] == *m => {}
                other => failures.push(format!("{name}: {}: {src:?} -> {other:?}", m.key)),
            }
            if validate_body(&m.key, &m.body).is_err() {
                failures.push(format!("{name}: {}: body does not validate", m.key));
            }
        }
        for t in &parsed.terms {
            terms += 1;
            match parse_file("re", &t.source) {
                Ok(p) if p.terms.len() == 1 && p.terms[0] == *t => {}
                other => failures.push(format!("{name}: -{}: {other:?}", t.name)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(messages > 10_000, "{messages} messages");
    assert!(rejected * 20 < files.len(), "{rejected} files rejected");
    eprintln!(
        "corpus: {} files ({rejected} rejected), {messages} messages, {terms} terms round-trip",
        files.len()
    );
}

// ----- rendering -----------------------------------------------------------------------------

#[test]
fn no_bidi_isolation_marks() {
    let out = render(
        "ar",
        "مرحبا { $buyer_name }، طلبك { $order }",
        &[
            ("buyer_name", Value::Text("Sam".into())),
            ("order", Value::Text("A-1".into())),
        ],
    );
    assert_eq!(out, "مرحبا Sam، طلبك A-1");
    assert!(!out.chars().any(|c| ('\u{2066}'..='\u{2069}').contains(&c)));
}

const PLURAL_BODY: &str = "{ $item_count ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}";

#[test]
fn arabic_plural_categories() {
    for (n, category) in [
        (0.0, "zero"),
        (1.0, "one"),
        (2.0, "two"),
        (3.0, "few"),
        (11.0, "many"),
        (100.0, "other"),
    ] {
        assert_eq!(
            render("ar", PLURAL_BODY, &[("item_count", Value::Number(n))]),
            category,
            "{n}"
        );
    }
}

#[test]
fn russian_plural_categories() {
    for (n, category) in [
        (1.0, "one"),
        (21.0, "one"),
        (22.0, "few"),
        (25.0, "many"),
        (11.0, "many"),
    ] {
        assert_eq!(
            render("ru", PLURAL_BODY, &[("item_count", Value::Number(n))]),
            category,
            "{n}"
        );
    }
}

#[test]
fn number_formatting_follows_the_locale() {
    let body = "{ NUMBER($total, minimumFractionDigits: 2) }";
    let total = [("total", Value::Number(1234.5))];
    assert_eq!(render("de", body, &total), "1.234,50");
    assert_eq!(render("en", body, &total), "1,234.50");
    assert_eq!(render("fr", body, &total), "1\u{202f}234,50");
    assert_eq!(
        render(
            "es",
            "{ NUMBER($total, minimumFractionDigits: 2) }",
            &[("total", Value::Number(12345.5))]
        ),
        "12.345,50"
    );
    // Bare numbers are formatted too (like Intl.NumberFormat: at most 3 fraction digits).
    assert_eq!(render("de", "{ $total }", &total), "1.234,5");
    assert_eq!(
        render("en", "{ $n }", &[("n", Value::Number(1234.56789))]),
        "1,234.568"
    );
    assert_eq!(render("en", "{ $n }", &[("n", Value::Number(-3.0))]), "-3");
    let n = [("n", Value::Number(1234.5678))];
    assert_eq!(
        render("en", "{ NUMBER($n, maximumFractionDigits: 1) }", &n),
        "1,234.6"
    );
    assert_eq!(
        render("en", "{ NUMBER($n, maximumFractionDigits: 0) }", &n),
        "1,235"
    );
    assert_eq!(
        render("en", "{ NUMBER($n, useGrouping: \"false\") }", &n),
        "1234.568"
    );
    assert_eq!(
        render(
            "en",
            "{ NUMBER($n, minimumIntegerDigits: 6, maximumFractionDigits: 0) }",
            &n
        ),
        "001,235"
    );
    assert_eq!(
        render("en", "{ NUMBER($n, maximumSignificantDigits: 2) }", &n),
        "1,200"
    );
    assert_eq!(
        render("en", "{ NUMBER(2.5, maximumFractionDigits: 0) }", &[]),
        "3"
    );
    // Numeric text is accepted by NUMBER().
    assert_eq!(
        render(
            "de",
            "{ NUMBER($n, minimumFractionDigits: 2) }",
            &[("n", Value::Text("007".into()))]
        ),
        "7,00"
    );
}

#[test]
fn dates_follow_the_locale() {
    // CLDR 47 separates "г." with U+202F; pasted dates use a plain space instead.
    let d = [("d", date("2024-05-01"))];
    assert_eq!(
        render("en", "{ DATETIME($d, dateStyle: \"medium\") }", &d),
        "May 1, 2024"
    );
    assert_eq!(
        render("ru", "{ DATETIME($d, dateStyle: \"medium\") }", &d),
        "1 мая 2024 г."
    );
    assert_eq!(
        render("en", "{ DATETIME($d, dateStyle: \"full\") }", &d),
        "Wednesday, May 1, 2024"
    );
    assert_eq!(
        render("en", "{ DATETIME($d, dateStyle: \"short\") }", &d),
        "5/1/24"
    );
    assert_eq!(
        render("de", "{ DATETIME($d, dateStyle: \"long\") }", &d),
        "1. Mai 2024"
    );
    // Bare dates are medium dates.
    assert_eq!(
        render(
            "en",
            "Arrives { $eta }",
            &[("eta", date("2024-05-01T10:30:00Z"))]
        ),
        "Arrives May 1, 2024"
    );
    let t = [("t", date("2024-05-01T14:05:09+02:00"))];
    assert_eq!(
        render("en", "{ DATETIME($t, timeStyle: \"short\") }", &t),
        "2:05 PM"
    );
    assert_eq!(
        render("de", "{ DATETIME($t, timeStyle: \"medium\") }", &t),
        "14:05:09"
    );
    let long = render("en", "{ DATETIME($t, timeStyle: \"long\") }", &t);
    assert!(
        long.starts_with("2:05:09 PM") && long.contains("GMT+2"),
        "{long}"
    );
    let both = render(
        "en",
        "{ DATETIME($t, dateStyle: \"medium\", timeStyle: \"short\") }",
        &t,
    );
    assert!(
        both.contains("May 1, 2024") && both.contains("2:05"),
        "{both}"
    );
    // ISO text works in DATETIME() too.
    assert_eq!(
        render(
            "en",
            "{ DATETIME($d) }",
            &[("d", Value::Text("2024-12-24".into()))]
        ),
        "Dec 24, 2024"
    );
}

#[test]
fn all_shop_locales_render() {
    let body = "{ $buyer_name }: { $n } / { $d }";
    let a = [
        ("buyer_name", Value::Text("Li".into())),
        ("n", Value::Number(1234.5)),
        ("d", date("2024-05-01")),
    ];
    for locale in [
        "zh-CN", "ms", "fr", "es", "ar", "ru", "en", "de", "en-US", "pt-BR", "ar-SA",
    ] {
        let out = render(locale, body, &a);
        assert!(out.starts_with("Li: "), "{locale}: {out}");
        assert!(!out.contains('{'), "{locale}: {out}");
    }
    assert_eq!(
        render(
            "zh-CN",
            "{ DATETIME($d, dateStyle: \"long\") }",
            &[("d", date("2024-05-01"))]
        ),
        "2024年5月1日"
    );
    assert_eq!(
        render(
            "ms",
            "{ NUMBER($n, minimumFractionDigits: 2) }",
            &[("n", Value::Number(1234.5))]
        ),
        "1,234.50"
    );
    // Unknown languages fall back (root / en data) instead of failing.
    let out = render("xx", "{ $n }", &[("n", Value::Number(1234.5))]);
    assert!(out.contains("234"), "{out}");
}

#[test]
fn terms_with_and_without_parameters() {
    let terms = vec![
        "-shop-name = Acme Shop\n".to_string(),
        "-brand =\n    { $case ->\n       *[nom] Acme\n        [gen] Acmes\n    }\n".to_string(),
    ];
    let r = Renderer::new();
    let out = r
        .render(
            "en",
            "msg",
            "Thanks for shopping at { -shop-name }, { -brand(case: \"gen\") } { $x }",
            &terms,
            &args(&[("x", Value::Text("!".into()))]),
        )
        .unwrap();
    assert_eq!(out, "Thanks for shopping at Acme Shop, Acmes !");
    // Terms from parse_file work as they are.
    let parsed = parse_file("t.ftl", "-shop = Zed\n    .gender = f\n").unwrap();
    let terms: Vec<String> = parsed.terms.iter().map(|t| t.source.clone()).collect();
    assert_eq!(
        r.render("en", "m", "{ -shop }", &terms, &Args::new())
            .unwrap(),
        "Zed"
    );
    let err = r
        .render("en", "m", "{ -nope }", &terms, &Args::new())
        .unwrap_err();
    assert!(
        matches!(&err, Error::Render { problems, .. } if problems.contains("-nope")),
        "{err}"
    );
}

#[test]
fn missing_variables_are_all_reported() {
    let r = Renderer::new();
    let body = "Hi { $buyer_name }, order { $order_id }: { NUMBER($total) } { $item_count ->\n    [one] item\n   *[other] items\n}";
    let err = r
        .render("en", "order-shipped", body, &[], &Args::new())
        .unwrap_err();
    let Error::Render {
        key,
        locale,
        problems,
        missing,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(key, "order-shipped");
    assert_eq!(locale, "en");
    assert_eq!(missing, &["buyer_name", "order_id", "total", "item_count"]);
    assert!(
        problems.contains("missing value for $buyer_name"),
        "{problems}"
    );
    assert!(
        problems.contains("missing value for $item_count"),
        "{problems}"
    );
    assert!(!err.to_string().contains("{$"), "{err}");
    // Giving them all renders.
    let a = args(&[
        ("buyer_name", Value::Text("Ana".into())),
        ("order_id", Value::Text("1001".into())),
        ("total", Value::Number(5.0)),
        ("item_count", Value::Number(1.0)),
    ]);
    assert_eq!(
        r.render("en", "order-shipped", body, &[], &a).unwrap(),
        "Hi Ana, order 1001: 5 item"
    );
}

#[test]
fn unknown_functions_and_references_fail() {
    let r = Renderer::new();
    let x = args(&[("x", Value::Number(1.0))]);
    for body in [
        "{ FOO($x) }",
        "{ FOO($x) ->\n    [a] a\n   *[b] b\n}",
        "{ NUMBER(FOO($x)) }",
    ] {
        let err = r.render("en", "k", body, &[], &x).unwrap_err();
        assert!(
            matches!(&err, Error::Render { problems, .. } if problems.contains("FOO")),
            "{body}: {err}"
        );
    }
    let err = r
        .render("en", "k", "{ other-message }", &[], &x)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Render { problems, .. } if problems.contains("other-message")),
        "{err}"
    );
    let err = r
        .render("en", "k", "{ NUMBER($x) } { DATETIME($x) }", &[], &x)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Render { problems, .. } if problems.contains("DATETIME")),
        "{err}"
    );
    let err = r
        .render(
            "en",
            "k",
            "{ DATETIME($d, dateStyle: \"huge\") }",
            &[],
            &args(&[("d", date("2024-05-01"))]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, Error::Render { problems, .. } if problems.contains("dateStyle")),
        "{err}"
    );
}

#[test]
fn bad_locale_and_bad_body() {
    let r = Renderer::new();
    assert!(matches!(
        r.render("not a locale!", "k", "x", &[], &Args::new()),
        Err(Error::BadLocale(_))
    ));
    assert!(matches!(
        r.render("", "k", "x", &[], &Args::new()),
        Err(Error::BadLocale(_))
    ));
    let err = r
        .render("en", "k", "broken { $x", &[], &Args::new())
        .unwrap_err();
    let Error::Ftl(errors) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(errors[0].file, "<k>");
    assert_eq!(errors[0].line, 1);
    // Keys that are not FTL identifiers still render.
    assert_eq!(
        r.render("en", "order shipped!", "ok", &[], &Args::new())
            .unwrap(),
        "ok"
    );
}

#[test]
fn renderer_is_shared_between_threads_and_caches() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Renderer>();
    let r = std::sync::Arc::new(Renderer::new());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let r = std::sync::Arc::clone(&r);
            std::thread::spawn(move || {
                for n in 0..50 {
                    let locale = ["en", "de", "ar", "ru"][i];
                    let out = r
                        .render(
                            locale,
                            "k",
                            PLURAL_BODY,
                            &[],
                            &args(&[("item_count", Value::Number(f64::from(n)))]),
                        )
                        .unwrap();
                    assert!(!out.is_empty());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(r.cached_bundles(), 4);
}

#[test]
fn warm_render_is_fast() {
    let r = Renderer::new();
    let body = "Hi { $buyer_name }, your { $item_count ->\n    [one] item\n   *[other] { $item_count } items\n} for { NUMBER($total, minimumFractionDigits: 2) } arrive { $eta }.";
    let a = args(&[
        ("buyer_name", Value::Text("Ana".into())),
        ("item_count", Value::Number(3.0)),
        ("total", Value::Number(1234.5)),
        ("eta", date("2024-05-01")),
    ]);
    assert_eq!(
        r.render("en", "k", body, &[], &a).unwrap(),
        "Hi Ana, your 3 items for 1,234.50 arrive May 1, 2024."
    );
    let n = 2000;
    let start = std::time::Instant::now();
    for _ in 0..n {
        r.render("en", "k", body, &[], &a).unwrap();
    }
    let per = start.elapsed() / n;
    eprintln!("warm render: {per:?} per call");
    // Generous bound: unoptimised test builds on a busy 2-core machine.
    assert!(per < std::time::Duration::from_millis(1), "{per:?}");
}
