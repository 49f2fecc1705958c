//! Plural selection through fluent-bundle 0.16 itself, which the workspace's
//! `[patch.crates-io]` points at this crate instead of intl_pluralrules 7.0.2.

use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

const FTL: &str = "
cardinal = { $n ->
    [zero] z
    [one] o
    [two] t
    [few] f
    [many] m
   *[other] x
}
one-decimal = { NUMBER($n, minimumFractionDigits: 1) ->
    [one] o
   *[other] x
}
ordinal = { NUMBER($n, type: \"ordinal\") ->
    [one] st
    [two] nd
    [few] rd
   *[other] th
}
";

fn render(locale: &str, message: &str, n: impl Into<FluentValue<'static>>) -> String {
    let langid: LanguageIdentifier = locale.parse().expect("valid language identifier");
    let mut bundle = fluent_bundle::FluentBundle::new(vec![langid]);
    bundle
        .add_resource(FluentResource::try_new(FTL.to_owned()).expect("valid FTL"))
        .expect("no clashes");
    bundle.add_builtins().expect("NUMBER");
    let pattern = bundle
        .get_message(message)
        .and_then(|m| m.value())
        .expect("message with a value");
    let mut args = FluentArgs::new();
    args.set("n", n);
    let mut errors = Vec::new();
    let out = bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned();
    assert!(errors.is_empty(), "{errors:?}");
    out
}

#[test]
fn arabic_103_111_100() {
    assert_eq!(render("ar", "cardinal", 103), "f");
    assert_eq!(render("ar", "cardinal", 111), "m");
    assert_eq!(render("ar", "cardinal", 100), "x");
    for (n, expected) in [
        (0, "z"),
        (1, "o"),
        (2, "t"),
        (3, "f"),
        (11, "m"),
        (1003, "f"),
    ] {
        assert_eq!(render("ar", "cardinal", n), expected, "{n}");
    }
    assert_eq!(render("ar-EG", "cardinal", 103), "f");
    assert_eq!(render("ar", "cardinal", 103.0), "f");
}

#[test]
fn other_languages_the_old_rules_got_wrong() {
    assert_eq!(render("fr", "cardinal", 1_000_000), "m");
    assert_eq!(render("he", "cardinal", 20), "x");
    assert_eq!(render("lt", "cardinal", 22), "f");
    assert_eq!(render("ro", "cardinal", 101), "f");
    assert_eq!(render("ru", "cardinal", 22), "f");
    assert_eq!(render("ru", "cardinal", 1.5), "x");
}

#[test]
fn minimum_fraction_digits_make_one_other_in_english() {
    assert_eq!(render("en", "cardinal", 1), "o");
    assert_eq!(render("en", "one-decimal", 1), "x");
}

#[test]
fn fluent_negotiates_locales_icu_folds_into_root() {
    // Without `ja` in get_locales fluent would fall back to `en` rules and pick [one].
    assert_eq!(render("ja", "cardinal", 1), "x");
    assert_eq!(render("zh-CN", "cardinal", 1), "x");
    // pt-PT is not pt: 0.5 is `one` only in pt.
    assert_eq!(render("pt-BR", "cardinal", 0.5), "o");
    assert_eq!(render("pt-PT", "cardinal", 0.5), "x");
}

#[test]
fn ordinals() {
    for (n, expected) in [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (11, "th"),
        (22, "nd"),
        (103, "rd"),
    ] {
        assert_eq!(render("en", "ordinal", n), expected, "{n}");
    }
    // Russian ordinals have only `other`; fluent must not fall back to English's.
    assert_eq!(render("ru", "ordinal", 1), "th");
}

#[test]
fn concurrent_bundles_share_the_rules_across_threads() {
    let langid: LanguageIdentifier = "ar".parse().expect("valid language identifier");
    let mut bundle = fluent_bundle::concurrent::FluentBundle::new_concurrent(vec![langid]);
    bundle
        .add_resource(FluentResource::try_new(FTL.to_owned()).expect("valid FTL"))
        .expect("no clashes");
    let bundle = std::sync::Arc::new(bundle);
    let threads: Vec<_> = [103, 111, 100]
        .into_iter()
        .map(|n| {
            let bundle = std::sync::Arc::clone(&bundle);
            std::thread::spawn(move || {
                let pattern = bundle
                    .get_message("cardinal")
                    .and_then(|m| m.value())
                    .expect("message with a value");
                let mut args = FluentArgs::new();
                args.set("n", n);
                let mut errors = Vec::new();
                bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned()
            })
        })
        .collect();
    let out: Vec<String> = threads
        .into_iter()
        .map(|t| t.join().expect("no panic"))
        .collect();
    assert_eq!(out, ["f", "m", "x"]);
}
