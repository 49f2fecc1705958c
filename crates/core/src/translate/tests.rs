use std::path::{Path, PathBuf};

use super::*;
use crate::template::{canonical_body, parse_file, validate_body};

const SELECT: &str = "Hi { $name }, { $item_count ->
    [one] your item from { -shop-name } has shipped.
   *[other] your { $item_count } items from { -shop-name } shipped on { DATETIME($date, month: \"long\") }.
}";

fn identity(masked: &Masked) -> Vec<String> {
    masked.segments.clone()
}

fn round_trip(body: &str, style: TokenStyle) -> Result<String, String> {
    let masked = mask(body, style).map_err(|e| e.to_string())?;
    unmask(&masked, &identity(&masked)).map_err(|p| describe_problems(&p))
}

fn assert_round_trip(body: &str) {
    let canonical = canonical_body(body).expect("test body is valid");
    for style in TokenStyle::ALL {
        let out = round_trip(body, style).unwrap_or_else(|e| panic!("{style:?}: {e}"));
        assert_eq!(out, canonical, "{style:?}");
        assert!(validate_body("m", &out).is_ok());
    }
}

#[test]
fn round_trips_plain_text_with_variables() {
    assert_round_trip(
        "Hello { $buyer_name }, your order { $order_id } is on its way & <b>soon</b>.",
    );
}

#[test]
fn round_trips_function_calls_with_named_args() {
    assert_round_trip(
        "Total: { NUMBER($total, style: \"currency\", currency: \"EUR\") } on { DATETIME($date, month: \"long\", day: \"numeric\") }",
    );
}

#[test]
fn round_trips_terms_and_literals() {
    assert_round_trip("Thanks for shopping at { -shop-name }!");
    assert_round_trip("Thanks from { -shop-name(case: \"genitive\") }.");
    assert_round_trip("Use { \"{\" }code{ \"}\" } and { \"Firefox\" } { 42 }.");
}

#[test]
fn round_trips_selects_and_multiline() {
    assert_round_trip(SELECT);
    assert_round_trip(
        "{ $item_count ->\n    [one] One item.\n   *[other] { $item_count } items.\n}",
    );
    assert_round_trip("First line { $a }\nsecond line\n\nfourth line.");
    assert_round_trip(
        "{ $n ->\n    [one]\n        { $g ->\n            [f] She has one.\n           *[other] They have one.\n        }\n   *[other] Many { $n }.\n}",
    );
}

#[test]
fn masks_every_placeable() {
    let masked = mask(SELECT, TokenStyle::Xml).expect("valid");
    assert_eq!(
        masked.segments,
        [
            "Hi <x id=\"1\"/>,",
            "your item from <x id=\"1\"/> has shipped.",
            "your <x id=\"1\"/> items from <x id=\"2\"/> shipped on <x id=\"3\"/>.",
        ]
    );
    assert_eq!(masked.details()[2].placeables[1], "{ -shop-name }");
    let masked = mask("A { $x } & { \"{\" }", TokenStyle::Hash).expect("valid");
    assert_eq!(masked.segments, ["A \u{27e6}1\u{27e7} & {"]);
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        assert!(
            masked.segments.iter().all(|s| !s.contains('$')),
            "{style:?}"
        );
    }
}

#[test]
fn invalid_body_is_an_error() {
    assert!(mask("Hello { $name", TokenStyle::Xml).is_err());
}

/// Swap the first two tokens of every segment that has two.
fn reorder(masked: &Masked) -> Vec<String> {
    let (a, b) = (masked.style.token(1), masked.style.token(2));
    masked
        .segments
        .iter()
        .map(|s| {
            if s.contains(&b) {
                s.replace(&a, "\u{0}").replace(&b, &a).replace('\u{0}', &b)
            } else {
                s.clone()
            }
        })
        .collect()
}

#[test]
fn reordered_tokens_are_fine() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let out = unmask(&masked, &reorder(&masked)).expect("reordering is fine");
        assert!(
            out.contains("your { -shop-name } items from { $item_count } shipped"),
            "{out}"
        );
    }
}

#[test]
fn dropped_token_is_reported() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let mut t = identity(&masked);
        t[2] = t[2].replacen(&style.token(2), "", 1);
        let problems = unmask(&masked, &t).expect_err("a token is missing");
        assert_eq!(
            problems,
            [Problem::MissingToken {
                segment: 2,
                token: style.token(2),
                placeable: "{ -shop-name }".into()
            }],
            "{style:?}"
        );
        assert!(problems[0].to_string().contains("missing"));
    }
}

#[test]
fn duplicated_token_is_reported() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let mut t = identity(&masked);
        t[0] = format!("{} {}", t[0], style.token(1));
        let problems = unmask(&masked, &t).expect_err("a token is duplicated");
        assert!(
            matches!(&problems[..], [Problem::DuplicatedToken { segment: 0, count: 2, placeable, .. }] if placeable == "{ $name }"),
            "{style:?}: {problems:?}"
        );
    }
}

#[test]
fn invented_token_is_reported() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let mut t = identity(&masked);
        let invented = style.token(9);
        t[1] = format!("{} {invented}", t[1]);
        let problems = unmask(&masked, &t).expect_err("a token is invented");
        assert_eq!(
            problems,
            [Problem::UnknownToken {
                segment: 1,
                token: invented
            }],
            "{style:?}"
        );
    }
    // The XML token the spec names, sent back to a Bracket-style segment, is just text.
    let masked = mask("Hi { $name }", TokenStyle::Xml).expect("valid");
    let problems =
        unmask(&masked, &["Salut <x id=\"9\"/> <x id=\"1\"/>".into()]).expect_err("unknown token");
    assert!(problems[0].to_string().contains("<x id=\"9\"/>"));
}

#[test]
fn segment_count_is_checked() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let mut t = identity(&masked);
        t.pop();
        assert_eq!(
            unmask(&masked, &t),
            Err(vec![Problem::SegmentCount {
                expected: 3,
                got: 2
            }])
        );
    }
}

#[test]
fn literal_braces_are_escaped() {
    for style in TokenStyle::ALL {
        let masked = mask(SELECT, style).expect("valid");
        let t: Vec<String> = identity(&masked)
            .into_iter()
            .map(|s| format!("{s} {{oops}} {{ $evil }}"))
            .collect();
        let out = unmask(&masked, &t).unwrap_or_else(|p| panic!("{style:?}: {p:?}"));
        assert!(out.contains("{ \"{\" }oops{ \"}\" }"), "{out}");
        let variables = validate_body("m", &out).expect("parses");
        assert!(!variables.contains("evil"), "{variables:?}");
    }
}

#[test]
fn services_mangling_tokens_lightly_is_accepted() {
    let masked = mask("Hi { $name }!", TokenStyle::Xml).expect("valid");
    for sent in [
        "Salut <x id=\"1\" />&nbsp;!",
        "Salut <x id='1'></x>!",
        "Salut <x id=1/>!",
    ] {
        let out = unmask(&masked, &[sent.to_string()]).unwrap_or_else(|p| panic!("{sent}: {p:?}"));
        assert!(out.starts_with("Salut { $name }"), "{out}");
    }
    let masked = mask("Hi { $name }!", TokenStyle::Bracket).expect("valid");
    let out = unmask(&masked, &["Salut [[ 1 ]] !".into()]).expect("spaces inside");
    assert_eq!(out, "Salut { $name } !");
}

#[test]
fn xml_entities_are_decoded() {
    let masked = mask("Fish & chips <3 { $n }", TokenStyle::Xml).expect("valid");
    assert_eq!(masked.segments, ["Fish &amp; chips &lt;3 <x id=\"1\"/>"]);
    let out = unmask(
        &masked,
        &["Poisson &amp; frites &lt;3 <x id=\"1\"/>".into()],
    )
    .expect("valid");
    assert_eq!(out, "Poisson & frites <3 { $n }");
}

#[test]
fn line_start_syntax_is_escaped_and_whitespace_restored() {
    let masked = mask(SELECT, TokenStyle::Bracket).expect("valid");
    let t = vec![
        "Salut [[1]],".to_string(),
        "votre article\n[de] [[1]] est parti.".to_string(),
        "  vos [[1]] articles de [[2]]\n*expédiés* le [[3]].  ".to_string(),
    ];
    let out = unmask(&masked, &t).expect("escaped");
    assert!(
        out.starts_with("Salut { $name }, { $item_count ->"),
        "{out}"
    );
    assert!(validate_body("m", &out).is_ok());
}

#[test]
fn empty_variant_translation_is_unparsable() {
    let masked = mask(
        "{ $n ->\n    [one] One.\n   *[other] Many.\n}",
        TokenStyle::Bracket,
    )
    .expect("valid");
    let problems = unmask(&masked, &["Un.".into(), "   ".into()]).expect_err("empty variant");
    assert!(
        matches!(&problems[..], [Problem::Unparsable(_)]),
        "{problems:?}"
    );
}

#[test]
fn problems_display_what_went_wrong() {
    let p = Problem::VariablesDiffer {
        missing: vec!["name".into()],
        extra: vec!["nom".into()],
    };
    assert_eq!(
        p.to_string(),
        "the translation uses other variables than the source; missing $name; extra $nom"
    );
    assert_eq!(
        Problem::SegmentCount {
            expected: 3,
            got: 1
        }
        .to_string(),
        "the translation service returned 1 segment(s) for the 3 sent"
    );
}

#[test]
fn alternative_styles_differ() {
    for style in TokenStyle::ALL {
        assert_ne!(style.alternative(), style);
    }
}

#[test]
fn plural_categories_of_supported_locales() {
    assert_eq!(plural_categories("en"), ["one", "other"]);
    assert_eq!(plural_categories("fr"), ["one", "many", "other"]);
    assert_eq!(
        plural_categories("ar"),
        ["zero", "one", "two", "few", "many", "other"]
    );
    assert_eq!(plural_categories("ru"), ["one", "few", "many", "other"]);
    assert_eq!(plural_categories("zh-CN"), ["other"]);
    assert_eq!(plural_categories("ms"), ["other"]);
    assert_eq!(plural_categories("pt_BR"), ["one", "many", "other"]);
    assert_eq!(plural_categories("xx"), ["other"], "CLDR root");
    assert!(plural_categories("not a tag!").is_empty());
}

#[test]
fn missing_plural_categories_for_en_style_select() {
    // An English-style select after translation: variant text translated, keys unchanged.
    let ar =
        "{ $item_count ->\n    [one] تم شحن منتجك.\n   *[other] تم شحن { $item_count } منتجات.\n}";
    assert_eq!(
        missing_plural_categories(ar, "ar"),
        ["zero", "two", "few", "many"]
    );
    let ru = "Привет! { NUMBER($item_count) ->\n    [one] Ваш товар отправлен.\n   *[other] Ваши { $item_count } товаров отправлены.\n}";
    assert_eq!(missing_plural_categories(ru, "ru"), ["few", "many"]);
    assert!(missing_plural_categories(ru, "zh").is_empty());
    let full = "{ $n ->\n    [one] a\n    [few] b\n    [many] c\n   *[other] d\n}";
    assert!(missing_plural_categories(full, "ru").is_empty());
    // A gender select is not a plural select.
    let gender = "{ $g ->\n    [female] a\n   *[other] b\n}";
    assert!(missing_plural_categories(gender, "ar").is_empty());
}

fn ftl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            ftl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_bodies_round_trip() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/www-firefox-l10n");
    if !root.is_dir() {
        println!(
            "note: {} is missing; corpus round trip skipped",
            root.display()
        );
        return;
    }
    let mut files = Vec::new();
    ftl_files(&root, &mut files);
    files.sort();
    let (mut bodies, mut skipped_files, mut segments) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for file in &files {
        let Ok(source) = std::fs::read_to_string(file) else {
            skipped_files += 1;
            continue;
        };
        let Ok(parsed) = parse_file(&file.display().to_string(), &source) else {
            skipped_files += 1;
            continue;
        };
        for message in &parsed.messages {
            let patterns = std::iter::once(&message.body)
                .chain(message.attributes.iter().map(|(_, value)| value));
            for body in patterns {
                bodies += 1;
                for style in TokenStyle::ALL {
                    match mask(body, style) {
                        Ok(masked) => {
                            segments += masked.segments.len();
                            match unmask(&masked, &identity(&masked)) {
                                Ok(out) if &out == body => {}
                                Ok(out) => failures.push(format!(
                                    "{} {} {style:?}: changed\n{body}\n---\n{out}",
                                    file.display(),
                                    message.key
                                )),
                                Err(p) => failures.push(format!(
                                    "{} {} {style:?}: {}\n{body}",
                                    file.display(),
                                    message.key,
                                    describe_problems(&p)
                                )),
                            }
                        }
                        Err(e) => failures.push(format!(
                            "{} {} {style:?}: mask: {e}",
                            file.display(),
                            message.key
                        )),
                    }
                }
            }
        }
    }
    println!(
        "corpus: {} files ({skipped_files} skipped as unparsable), {bodies} bodies, {segments} segments over 3 styles, {} failures",
        files.len(),
        failures.len()
    );
    for failure in failures.iter().take(10) {
        println!("{failure}\n");
    }
    assert!(bodies > 0, "no bodies found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} bodies did not round-trip",
        failures.len()
    );
}

#[test]
fn module_doc_example_holds() {
    let masked = mask("Hello { $buyer_name }!", TokenStyle::Bracket).expect("valid");
    assert_eq!(masked.segments, ["Hello [[1]]!"]);
    let body = unmask(&masked, &["Bonjour [[1]] !".to_string()]).expect("verified");
    assert_eq!(body, "Bonjour { $buyer_name } !");
    assert!(unmask(&masked, &["Bonjour !".to_string()]).is_err());
}

#[test]
fn line_start_output_is_exact() {
    let masked = mask(
        "{ $n ->\n    [one] One.\n   *[other] Many { $n }.\n}",
        TokenStyle::Hash,
    )
    .expect("valid");
    let out = unmask(
        &masked,
        &["Un.\n.x".into(), "Beaucoup {\u{27e6}1\u{27e7}}.".into()],
    )
    .expect("escaped");
    assert_eq!(
        out,
        "{ $n ->\n    [one]\n        Un.\n        { \".\" }x\n   *[other] Beaucoup { \"{\" }{ $n }{ \"}\" }.\n}"
    );
}
