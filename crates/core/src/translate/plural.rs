//! CLDR plural categories of target languages, and plural selects that lack some of them.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

use super::mask::with_pattern;

/// The CLDR plural categories in CLDR order.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// CLDR (v44) cardinal plural categories of the languages QuickReply supports, by language
/// subtag.
const TABLE: &[(&str, &[&str])] = &[
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
    ("de", &["one", "other"]),
    ("en", &["one", "other"]),
    ("es", &["one", "many", "other"]),
    ("fa", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
    ("he", &["one", "two", "other"]),
    ("id", &["other"]),
    ("it", &["one", "many", "other"]),
    ("ja", &["other"]),
    ("ko", &["other"]),
    ("ms", &["other"]),
    ("nl", &["one", "other"]),
    ("pl", &["one", "few", "many", "other"]),
    ("pt", &["one", "many", "other"]),
    ("ru", &["one", "few", "many", "other"]),
    ("th", &["other"]),
    ("tr", &["one", "other"]),
    ("uk", &["one", "few", "many", "other"]),
    ("vi", &["other"]),
    ("zh", &["other"]),
];

/// The CLDR cardinal plural categories a locale distinguishes, in CLDR order (`zero`, `one`,
/// `two`, `few`, `many`, `other`). Only the language subtag counts (`zh-CN` is `zh`, `pt-BR`
/// is `pt`); `_` is accepted for `-`.
///
/// Returns an empty list for a language QuickReply does not support (en ar ru fr es pt de tr
/// ms id th vi zh ja ko uk it pl nl he fa), so callers never report missing categories for a
/// language whose rules are unknown.
#[must_use]
pub fn plural_categories(locale: &str) -> Vec<&'static str> {
    let language = locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    TABLE
        .iter()
        .find(|(tag, _)| *tag == language)
        .map(|(_, categories)| categories.to_vec())
        .unwrap_or_default()
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
            let numeric_selector = match selector {
                InlineExpression::VariableReference { .. } => true,
                InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                _ => false,
            };
            if numeric_selector
                && !keys.is_empty()
                && keys.iter().all(|k| CATEGORIES.contains(&k.as_str()))
            {
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
