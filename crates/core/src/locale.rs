//! BCP-47 locale parsing and negotiation: which variant of a template answers a requested
//! language.

use unic_langid::LanguageIdentifier;

use crate::{Error, Result};

/// Parses and canonicalizes a BCP-47 tag (`ar_sa` → `ar-SA`, `zh-cn` → `zh-CN`).
///
/// # Errors
/// [`Error::BadLocale`] when the tag is not a valid language identifier.
pub fn canonical(tag: &str) -> Result<String> {
    parse(tag).map(|id| id.to_string())
}

/// Parses a BCP-47 tag.
///
/// # Errors
/// [`Error::BadLocale`] when the tag is not a valid language identifier.
pub fn parse(tag: &str) -> Result<LanguageIdentifier> {
    let trimmed = tag.trim();
    if trimmed.is_empty() {
        return Err(Error::BadLocale(tag.to_string()));
    }
    trimmed
        .replace('_', "-")
        .parse::<LanguageIdentifier>()
        .map_err(|_| Error::BadLocale(tag.to_string()))
}

/// The writing system a tag implies; only matters where one language has several
/// (zh-TW is Traditional, zh-CN Simplified: never answer one with the other).
fn script_of(id: &LanguageIdentifier) -> Option<&'static str> {
    if let Some(script) = id.script {
        return Some(match script.as_str() {
            "Hant" => "Hant",
            "Hans" => "Hans",
            "Cyrl" => "Cyrl",
            "Latn" => "Latn",
            "Arab" => "Arab",
            _ => "other",
        });
    }
    let region = id.region.as_ref().map(|r| r.as_str());
    match (id.language.as_str(), region) {
        ("zh", Some("TW" | "HK" | "MO")) => Some("Hant"),
        ("zh", _) => Some("Hans"),
        ("sr", Some("ME" | "XK")) => Some("Latn"),
        _ => None,
    }
}

/// Picks the available locale that best answers `requested`, or `None` when no available locale
/// shares its language (and script). Order of preference: exact match; same language, script
/// and region; the bare language (`ar-SA` → `ar`); any region of the same language and script.
#[must_use]
pub fn best_match<'a>(requested: &str, available: &[&'a str]) -> Option<&'a str> {
    let req = parse(requested).ok()?;
    let parsed: Vec<(&str, LanguageIdentifier)> = available
        .iter()
        .filter_map(|a| parse(a).ok().map(|id| (*a, id)))
        .collect();
    let same_lang =
        |id: &LanguageIdentifier| id.language == req.language && script_of(id) == script_of(&req);

    if let Some((tag, _)) = parsed.iter().find(|(_, id)| *id == req) {
        return Some(tag);
    }
    if let Some((tag, _)) = parsed
        .iter()
        .find(|(_, id)| same_lang(id) && id.region == req.region)
    {
        return Some(tag);
    }
    if let Some((tag, _)) = parsed
        .iter()
        .find(|(_, id)| same_lang(id) && id.region.is_none())
    {
        return Some(tag);
    }
    parsed
        .iter()
        .find(|(_, id)| same_lang(id))
        .map(|(tag, _)| *tag)
}

/// The locale a template is rendered in: the best match for `requested` among the locales it
/// has, else its source locale. Returns the chosen tag as stored.
#[must_use]
pub fn negotiate<'a>(requested: Option<&str>, available: &[&'a str], source: &'a str) -> &'a str {
    requested
        .and_then(|r| best_match(r, available))
        .unwrap_or(source)
}

/// The primary language subtag of a tag, lowercased (`zh-CN` → `zh`, `AR` → `ar`), for grouping
/// by language in reports.
#[must_use]
pub fn primary_of(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVAILABLE: [&str; 7] = ["en", "zh-CN", "ar", "ru", "fr", "ms", "es"];

    #[test]
    fn region_falls_back_to_language() {
        assert_eq!(best_match("ar-SA", &AVAILABLE), Some("ar"));
        assert_eq!(best_match("fr-CA", &AVAILABLE), Some("fr"));
        assert_eq!(best_match("es_MX", &AVAILABLE), Some("es"));
    }

    #[test]
    fn exact_and_case_insensitive() {
        assert_eq!(best_match("zh-cn", &AVAILABLE), Some("zh-CN"));
        assert_eq!(best_match("ru", &AVAILABLE), Some("ru"));
    }

    #[test]
    fn bare_language_finds_a_regional_variant() {
        assert_eq!(best_match("zh", &AVAILABLE), Some("zh-CN"));
        assert_eq!(best_match("en", &["en-GB", "de"]), Some("en-GB"));
    }

    #[test]
    fn traditional_chinese_is_not_answered_with_simplified() {
        assert_eq!(best_match("zh-TW", &AVAILABLE), None);
        assert_eq!(best_match("zh-HK", &["zh-TW", "zh-CN"]), Some("zh-TW"));
    }

    #[test]
    fn unknown_language_falls_back_to_source() {
        assert_eq!(best_match("de-DE", &AVAILABLE), None);
        assert_eq!(negotiate(Some("de-DE"), &AVAILABLE, "en"), "en");
        assert_eq!(negotiate(None, &AVAILABLE, "en"), "en");
        assert_eq!(negotiate(Some("ar-EG"), &AVAILABLE, "en"), "ar");
    }

    #[test]
    fn bad_tags_are_reported() {
        assert!(matches!(
            canonical("not a locale!"),
            Err(Error::BadLocale(_))
        ));
        assert!(canonical("").is_err());
        assert_eq!(canonical("ar_sa").unwrap(), "ar-SA");
    }
}
