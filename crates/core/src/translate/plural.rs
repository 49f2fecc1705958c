//! CLDR plural categories of target languages, and plural selects that lack some of them.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

use super::mask::with_pattern;

/// The CLDR plural categories in CLDR order.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR cardinal plural categories a locale distinguishes, in CLDR order (`zero`, `one`,
/// `two`, `few`, `many`, `other`), from the same rules the renderer selects with (ICU4X, through
/// the `intl_pluralrules` adapter patched in under fluent-bundle): the machine translator, the
/// template editor and the renderer cannot disagree. A language without rules of its own gets
/// CLDR root's (`other`); an unparsable tag gets none.
#[must_use]
pub fn plural_categories(locale: &str) -> Vec<&'static str> {
    let Ok(langid) = locale
        .replace('_', "-")
        .parse::<unic_langid::LanguageIdentifier>()
    else {
        return Vec::new();
    };
    intl_pluralrules::categories(&langid, intl_pluralrules::PluralRuleType::CARDINAL)
        .into_iter()
        .map(|category| match category {
            intl_pluralrules::PluralCategory::ZERO => "zero",
            intl_pluralrules::PluralCategory::ONE => "one",
            intl_pluralrules::PluralCategory::TWO => "two",
            intl_pluralrules::PluralCategory::FEW => "few",
            intl_pluralrules::PluralCategory::MANY => "many",
            intl_pluralrules::PluralCategory::OTHER => "other",
        })
        .collect()
}

/// The plural categories `locale` needs that a plural select of `body` has no variant for, in
/// CLDR order (each named once even if several selects lack it).
///
/// A select counts as plural when its selector is a variable or `NUMBER(...)` and every
/// identifier key is a CLDR category (`[one]`, `*[other]`; number keys such as `[0]` are
/// allowed but cover no category). For an English-style `[one]` / `*[other]` select this gives
/// `zero`, `two`, `few`, `many` for `ar` and `few`, `many` for `ru`. The caller asks an LLM for
/// those variants or marks the draft `needs_review`.
///
/// Returns an empty list when the body does not parse, has no plural select, or the locale is
/// unknown (see [`plural_categories`]).
#[must_use]
pub fn missing_plural_categories(body: &str, locale: &str) -> Vec<String> {
    let needed = plural_categories(locale);
    let mut selects: Vec<Vec<String>> = Vec::new();
    with_pattern(body, |pattern| {
        collect_plural_selects(pattern, &mut selects)
    });
    needed
        .into_iter()
        .filter(|category| {
            selects
                .iter()
                .any(|keys| !keys.iter().any(|k| k == category))
        })
        .map(str::to_string)
        .collect()
}

/// A select is plural when its selector is a variable or `NUMBER(...)` and every identifier
/// key (`keys`) is a CLDR category.
fn is_plural_select<S: AsRef<str>>(selector: &InlineExpression<S>, keys: &[String]) -> bool {
    let numeric = match selector {
        InlineExpression::VariableReference { .. } => true,
        InlineExpression::FunctionReference { id, .. } => id.name.as_ref() == "NUMBER",
        _ => false,
    };
    numeric && !keys.is_empty() && keys.iter().all(|k| CATEGORIES.contains(&k.as_str()))
}

/// The identifier keys of every plural select in a pattern, depth first.
fn collect_plural_selects(pattern: &Pattern<&str>, out: &mut Vec<Vec<String>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, out);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, out: &mut Vec<Vec<String>>) {
    match expression {
        Expression::Select { selector, variants } => {
            let keys: Vec<String> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    VariantKey::Identifier { name } => Some((*name).to_string()),
                    VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            if is_plural_select(selector, &keys) {
                out.push(keys);
            }
            for variant in variants {
                collect_plural_selects(&variant.value, out);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            collect_expression(expression, out);
        }
        Expression::Inline(_) => {}
    }
}

/// Example counts of a plural category, for a language model's prompt ("few: 3–10").
#[must_use]
pub fn category_examples(locale: &str, category: &str) -> Option<&'static str> {
    let language = locale.split(['-', '_']).next().unwrap_or("");
    Some(match (language, category) {
        ("ar", "zero") => "0",
        ("ar", "one") => "1",
        ("ar", "two") => "2",
        ("ar", "few") => "3–10, 103–110",
        ("ar", "many") => "11–99, 111–199",
        ("ar", "other") => "100–102, 1000",
        ("ru" | "uk", "one") => "1, 21, 31",
        ("ru" | "uk", "few") => "2–4, 22–24",
        ("ru" | "uk", "many") => "0, 5–20, 25–30",
        ("pl", "one") => "1",
        ("pl", "few") => "2–4, 22–24",
        ("pl", "many") => "0, 5–21, 25–31",
        ("he", "two") => "2",
        ("fr" | "es" | "it" | "pt", "many") => "1000000, 2000000",
        _ => return None,
    })
}

/// Adds the variants `locale` needs to every plural select of `body` that lacks them, each
/// written by `write(category, other)` from the select's default variant (`other`, a body in
/// the target language); new variants go before the default one. `None` when the body does
/// not parse, when `write` gives up on any variant, or when a written variant does not parse:
/// then nothing is added at all.
pub fn add_plural_variants(
    body: &str,
    locale: &str,
    mut write: impl FnMut(&str, &str) -> Option<String>,
) -> Option<String> {
    use fluent_syntax::ast::{Entry, Identifier, Message, Resource, Variant};
    use fluent_syntax::{parser, serializer};

    /// The value pattern of a one-message resource.
    fn value(resource: &mut Resource<String>) -> Option<&mut Pattern<String>> {
        match resource.body.first_mut()? {
            Entry::Message(message) => message.value.as_mut(),
            _ => None,
        }
    }
    /// A pattern as a body (the text between `m = ` and the end of the message).
    fn body_of(pattern: &Pattern<String>) -> Option<String> {
        let resource = Resource {
            body: vec![Entry::Message(Message {
                id: Identifier {
                    name: "m".to_string(),
                },
                value: Some(pattern.clone()),
                attributes: Vec::new(),
                comment: None,
            })],
        };
        let source = serializer::serialize(&resource);
        let parsed = crate::template::parse_file("m", &source).ok()?;
        parsed.messages.into_iter().next().map(|m| m.body)
    }
    fn parse_pattern(body: &str) -> Option<Pattern<String>> {
        let mut resource = parser::parse(crate::template::message_source("m", body, &[])).ok()?;
        value(&mut resource).cloned()
    }
    fn walk(
        pattern: &mut Pattern<String>,
        needed: &[&str],
        write: &mut dyn FnMut(&str, &str) -> Option<String>,
    ) -> Option<()> {
        for element in &mut pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                walk_expression(expression, needed, write)?;
            }
        }
        Some(())
    }
    fn walk_expression(
        expression: &mut Expression<String>,
        needed: &[&str],
        write: &mut dyn FnMut(&str, &str) -> Option<String>,
    ) -> Option<()> {
        match expression {
            Expression::Select { selector, variants } => {
                for variant in variants.iter_mut() {
                    walk(&mut variant.value, needed, write)?;
                }
                let keys: Vec<String> = variants
                    .iter()
                    .filter_map(|v| match &v.key {
                        VariantKey::Identifier { name } => Some(name.clone()),
                        VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                if !is_plural_select(selector, &keys) {
                    return Some(());
                }
                let default = variants.iter().position(|v| v.default)?;
                let other = body_of(&variants[default].value)?;
                for category in needed.iter().filter(|c| !keys.iter().any(|k| k == *c)) {
                    let written = write(category, &other)?;
                    let value = parse_pattern(&written)?;
                    let at = variants
                        .iter()
                        .position(|v| v.default)
                        .unwrap_or(variants.len());
                    variants.insert(
                        at,
                        Variant {
                            key: VariantKey::Identifier {
                                name: (*category).to_string(),
                            },
                            value,
                            default: false,
                        },
                    );
                }
                Some(())
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                walk_expression(expression, needed, write)
            }
            Expression::Inline(_) => Some(()),
        }
    }

    let needed = plural_categories(locale);
    let mut resource = parser::parse(crate::template::message_source("m", body, &[])).ok()?;
    walk(value(&mut resource)?, &needed, &mut write)?;
    body_of(value(&mut resource)?)
}

#[cfg(test)]
mod fill_tests {
    use super::*;

    const EN_STYLE: &str =
        "{ $n ->\n    [one] One item\n   *[other] { $n } items\n} for { $buyer_name }";

    #[test]
    fn missing_categories_are_written_from_the_default_variant() {
        let mut asked = Vec::new();
        let body = add_plural_variants(EN_STYLE, "ru", |category, other| {
            asked.push((category.to_string(), other.to_string()));
            Some(format!("{category}: {other}"))
        })
        .unwrap();
        assert_eq!(
            asked,
            vec![
                ("few".to_string(), "{ $n } items".to_string()),
                ("many".to_string(), "{ $n } items".to_string())
            ]
        );
        assert!(body.contains("[few] few: { $n } items"), "{body}");
        assert!(body.contains("[many] many: { $n } items"), "{body}");
        assert!(body.ends_with("for { $buyer_name }"), "{body}");
        assert!(missing_plural_categories(&body, "ru").is_empty(), "{body}");
        // The default stays last.
        assert!(
            body.find("[many]").unwrap() < body.find("*[other]").unwrap(),
            "{body}"
        );
    }

    #[test]
    fn one_refusal_or_bad_text_adds_nothing() {
        assert_eq!(
            add_plural_variants(EN_STYLE, "ar", |c, o| (c != "two").then(|| o.to_string())),
            None
        );
        assert_eq!(
            add_plural_variants(EN_STYLE, "ar", |_, _| Some("{ broken".into())),
            None
        );
        // Nothing to add: the body comes back unchanged in meaning.
        let same = add_plural_variants(EN_STYLE, "de", |_, _| None).unwrap();
        assert_eq!(same, EN_STYLE);
    }

    #[test]
    fn examples_exist_for_the_languages_with_many_forms() {
        assert_eq!(category_examples("ar-SA", "few"), Some("3–10, 103–110"));
        assert_eq!(category_examples("ru", "many"), Some("0, 5–20, 25–30"));
        assert_eq!(category_examples("de", "one"), None);
    }
}
