//! Holds `PluralRules` against CLDR's own published sample numbers, a source independent of
//! icu_plurals: `tests/data/cldr_plural_samples.json`, extracted by `tests/data/extract.py`
//! from the npm package cldr-core (its `@integer …` / `@decimal …` sample lists).
//!
//! Then the defects of intl_pluralrules 7.0.2 that this crate exists to fix, one by one.

use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules, categories};
use serde_json::Value;
use unic_langid::LanguageIdentifier;

const FIXTURE: &str = include_str!("data/cldr_plural_samples.json");

/// The locales the fixture must cover (cardinal rules).
const CARDINAL_LOCALES: [&str; 27] = [
    "ar", "ru", "uk", "pl", "cs", "lt", "ro", "he", "fr", "es", "pt", "it", "de", "nl", "tr", "th",
    "id", "ms", "zh", "ja", "ko", "fa", "hi", "cy", "ga", "sl", "en",
];

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).expect("the fixture is JSON")
}

fn langid(s: &str) -> LanguageIdentifier {
    s.parse().expect("valid language identifier")
}

fn category(name: &str) -> PluralCategory {
    match name {
        "zero" => PluralCategory::ZERO,
        "one" => PluralCategory::ONE,
        "two" => PluralCategory::TWO,
        "few" => PluralCategory::FEW,
        "many" => PluralCategory::MANY,
        "other" => PluralCategory::OTHER,
        _ => panic!("not a CLDR plural category: {name}"),
    }
}

fn rule_types() -> [(&'static str, PluralRuleType); 2] {
    [
        ("cardinal", PluralRuleType::CARDINAL),
        ("ordinal", PluralRuleType::ORDINAL),
    ]
}

fn locales<'a>(fixture: &'a Value, key: &str) -> &'a serde_json::Map<String, Value> {
    fixture[key].as_object().expect("locales by name")
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value[key].as_array().map_or(&[], Vec::as_slice)
}

#[test]
fn the_fixture_covers_the_locales_it_should() {
    let fixture = fixture();
    let cardinal = locales(&fixture, "cardinal");
    for locale in CARDINAL_LOCALES {
        assert!(cardinal.contains_key(locale), "{locale}");
    }
    let ordinal = locales(&fixture, "ordinal");
    assert!(ordinal.contains_key("en") && ordinal.len() >= 3);
}

/// Every explicit sample of every category: integers as integers (and as their string and
/// `f64` forms, which must agree), decimals as strings so that trailing zeros count.
#[test]
fn every_cldr_sample_gets_its_category() {
    let fixture = fixture();
    let mut failures = Vec::new();
    let mut total = 0;
    for (key, prt) in rule_types() {
        for (locale, entry) in locales(&fixture, key) {
            let pr = PluralRules::create(langid(locale), prt).expect("rules");
            let mut checked = 0;
            let samples = entry["samples"].as_object().expect("samples by category");
            for (name, samples) in samples {
                for sample in list(samples, "integer") {
                    let n = sample.as_u64().expect("an integer sample");
                    let as_string = n.to_string();
                    for (form, got) in [
                        ("integer", pr.select(n)),
                        ("string", pr.select(as_string.as_str())),
                        ("f64", pr.select(n as f64)),
                    ] {
                        if got != Ok(category(name)) {
                            failures.push(format!(
                                "{key} {locale} {n} ({form}): {got:?}, CLDR says {name}"
                            ));
                        }
                    }
                    checked += 1;
                }
                for sample in list(samples, "decimal") {
                    let s = sample.as_str().expect("a decimal sample");
                    let got = pr.select(s);
                    if got != Ok(category(name)) {
                        failures.push(format!("{key} {locale} {s}: {got:?}, CLDR says {name}"));
                    }
                    checked += 1;
                }
            }
            println!("{key} {locale}: {checked} CLDR samples");
            assert!(checked > 0, "{key} {locale} has no samples");
            total += checked;
        }
    }
    println!("{total} CLDR samples in all");
    assert!(
        failures.is_empty(),
        "{} CLDR samples disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn categories_are_those_cldr_lists_in_cldr_order() {
    let fixture = fixture();
    for (key, prt) in rule_types() {
        for (locale, entry) in locales(&fixture, key) {
            let expected: Vec<PluralCategory> = list(entry, "categories")
                .iter()
                .map(|name| category(name.as_str().expect("a category name")))
                .collect();
            assert_eq!(categories(&langid(locale), prt), expected, "{key} {locale}");
        }
    }
}

fn cardinal<N: TryInto<PluralOperands>>(locale: &str, n: N) -> PluralCategory {
    PluralRules::create(langid(locale), PluralRuleType::CARDINAL)
        .expect("rules")
        .select(n)
        .expect("a number")
}

// 7.0.2 read Arabic `n % 100 = 3..10` as `i = 3..10` and `n % 100 = 11..99` as
// `i = 11..99`.

#[test]
fn arabic_103_is_few() {
    assert_eq!(cardinal("ar", 103), PluralCategory::FEW);
}

#[test]
fn arabic_111_is_many() {
    assert_eq!(cardinal("ar", 111), PluralCategory::MANY);
}

#[test]
fn arabic_100_is_other() {
    assert_eq!(cardinal("ar", 100), PluralCategory::OTHER);
}

#[test]
fn arabic_3_5_is_other_not_few() {
    // `n % 100 = 3..10` needs an integral n; 7.0.2's `i = 3..10` said few.
    assert_eq!(cardinal("ar", "3.5"), PluralCategory::OTHER);
}

#[test]
fn lithuanian_22_is_few() {
    // `n % 10 = 2..9 and n % 100 != 11..19`; 7.0.2 had `i = 2..9`.
    assert_eq!(cardinal("lt", 22), PluralCategory::FEW);
    assert_eq!(cardinal("lt", 25), PluralCategory::FEW);
    assert_eq!(cardinal("lt", 102), PluralCategory::FEW);
}

#[test]
fn romanian_101_is_few_and_120_other() {
    // `few` is `v != 0 or n = 0 or n != 1 and n % 100 = 1..19`; CLDR's own samples list
    // 101 and 1001 under few. 7.0.2 had `i = 2..19`, so 101 to 119 were `other`.
    assert_eq!(cardinal("ro", 101), PluralCategory::FEW);
    assert_eq!(cardinal("ro", 111), PluralCategory::FEW);
    assert_eq!(cardinal("ro", 119), PluralCategory::FEW);
    assert_eq!(cardinal("ro", 120), PluralCategory::OTHER);
    assert_eq!(cardinal("ro", 1), PluralCategory::ONE);
}

#[test]
fn a_million_is_many_in_french_spanish_italian_portuguese() {
    // CLDR 38 added `many` for multiples of a million; 7.0.2 was CLDR 37.
    for locale in ["fr", "es", "it", "pt"] {
        assert_eq!(
            cardinal(locale, 1_000_000),
            PluralCategory::MANY,
            "{locale}"
        );
        assert_eq!(
            cardinal(locale, 1_000_001),
            PluralCategory::OTHER,
            "{locale}"
        );
    }
}

#[test]
fn hebrew_20_is_other() {
    // CLDR 42 removed Hebrew's `many` (7.0.2: 20, 30, … were many).
    assert_eq!(cardinal("he", 20), PluralCategory::OTHER);
    assert_eq!(
        categories(&langid("he"), PluralRuleType::CARDINAL),
        [
            PluralCategory::ONE,
            PluralCategory::TWO,
            PluralCategory::OTHER
        ]
    );
}

#[test]
fn russian() {
    assert_eq!(cardinal("ru", 21), PluralCategory::ONE);
    assert_eq!(cardinal("ru", 22), PluralCategory::FEW);
    assert_eq!(cardinal("ru", 25), PluralCategory::MANY);
    assert_eq!(cardinal("ru", 11), PluralCategory::MANY);
    assert_eq!(cardinal("ru", "1.5"), PluralCategory::OTHER);
    assert_eq!(cardinal("ru", 1.5), PluralCategory::OTHER);
}

#[test]
fn visible_fraction_digits_count() {
    assert_eq!(cardinal("en", "1"), PluralCategory::ONE);
    assert_eq!(cardinal("en", "1.0"), PluralCategory::OTHER);
    assert_eq!(cardinal("en", 1.0), PluralCategory::ONE);
    // Operands built by hand (as fluent-bundle does for minimumFractionDigits) go to ICU4X
    // as they are.
    let one_point_zero = PluralOperands {
        n: 1.0,
        i: 1,
        v: 1,
        w: 0,
        f: 0,
        t: 0,
    };
    assert_eq!(cardinal("en", one_point_zero), PluralCategory::OTHER);
}
