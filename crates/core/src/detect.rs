//! Buyer-language detection of a copied buyer message.
//!
//! Uses lingua restricted to the languages QuickReply supports ([`SUPPORTED`]): only those
//! languages' models are compiled in (Cargo features), which keeps the binary and the memory
//! sane (still ~80 MB of models in the binary; pages are read in as languages are used).
//! Thai and Hebrew are told by their script alone. The text is cleaned first (URLs, e-mail addresses, order-id-like tokens, numbers and
//! emoji say nothing about the language), too little text or a low-confidence answer gives no
//! guess (the caller falls back to the order's locale or the shop default).
//!
//! Malay and Indonesian cannot be told apart from a short message: they are scored as one
//! cluster, and the member is chosen from the [`Hints`] (the order's country, then the
//! marketplace, then the shop's default), else lingua's own pick.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use serde::{Serialize, Serializer};

/// The languages lingua decides between. Thai and Hebrew are not among them: each is the only
/// supported language written in its script, so the script decides (see [`script_language`]),
/// and leaving their models out saves ~12 MB of binary.
const LANGUAGES: [Language; 19] = [
    Language::English,
    Language::Arabic,
    Language::Russian,
    Language::French,
    Language::Spanish,
    Language::Portuguese,
    Language::German,
    Language::Turkish,
    Language::Malay,
    Language::Indonesian,
    Language::Vietnamese,
    Language::Chinese,
    Language::Japanese,
    Language::Korean,
    Language::Ukrainian,
    Language::Italian,
    Language::Polish,
    Language::Dutch,
    Language::Persian,
];

/// The language codes detection can answer (BCP-47 primary language subtags).
pub const SUPPORTED: [&str; 21] = [
    "en", "ar", "ru", "fr", "es", "pt", "de", "tr", "ms", "id", "th", "vi", "zh", "ja", "ko", "uk",
    "it", "pl", "nl", "he", "fa",
];

/// Below this many letters (after cleaning) there is no guess. A Han, kana or Hangul character
/// counts as [`CJK_WEIGHT`] letters: one such character is about a word.
pub const MIN_LETTERS: usize = 4;
/// What one Han, kana or Hangul character counts for against [`MIN_LETTERS`].
pub const CJK_WEIGHT: usize = 3;
/// The winner's confidence must be at least this…
///
/// Both thresholds were picked on the test corpora (126 chat messages plus 105 one-to-three
/// word ones, see `detect/tests.rs`, `threshold_table`): every wrong guess there had a margin
/// under 0.2, while right answers with 0.4–0.5 confidence usually had a wide margin.
pub const MIN_CONFIDENCE: f64 = 0.4;
/// …and at least this much above the runner-up's.
pub const MIN_MARGIN: f64 = 0.2;

/// Hints for deciding inside the ms/id cluster.
#[derive(Debug, Clone, Default)]
pub struct Hints<'a> {
    /// The active order's country, ISO 3166 alpha-2 ("MY", "ID", ...).
    pub order_country: Option<&'a str>,
    /// The active order's marketplace or storefront ("shopee.com.my", "Tokopedia", "SHOPEE_ID").
    pub marketplace: Option<&'a str>,
    /// The shop's default locale ("ms", "id-ID", ...).
    pub shop_default: Option<&'a str>,
}

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// BCP-47 primary language subtag: "en", "ar", "zh", "ms", "id", ...
    pub code: String,
    /// lingua's confidence, 0..=1 (for ms/id: the cluster's summed confidence).
    pub confidence: f64,
    /// The next most likely language (never the other ms/id member), or `None` when no other
    /// language scored above zero. Serialized as `{"code": .., "confidence": ..}` or `null`.
    #[serde(serialize_with = "serialize_runner_up")]
    pub runner_up: Option<(String, f64)>,
}

fn serialize_runner_up<S: Serializer>(
    runner_up: &Option<(String, f64)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct RunnerUp<'a> {
        code: &'a str,
        confidence: f64,
    }
    match runner_up {
        Some((code, confidence)) => serializer.serialize_some(&RunnerUp {
            code,
            confidence: *confidence,
        }),
        None => serializer.serialize_none(),
    }
}

/// The process-wide detector. The models are embedded in the binary and borrowed, not copied,
/// so preloading them only builds their indexes (~5 MB resident): it avoids a first-use stall
/// per language. Detecting reads model pages in from the binary as they are used (file-backed,
/// reclaimable memory): up to the models' ~75 MB once every language has been consulted.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&LANGUAGES)
        .with_preloaded_language_models()
        .build()
});

/// Builds the process-wide detector now (e.g. on a background thread at start-up) instead of
/// on the first [`detect`].
pub fn warm_up() {
    LazyLock::force(&DETECTOR);
}

/// Detects the language of a buyer message. `None`: too little text, or no language is clearly
/// ahead: fall back to the order's locale or the shop default.
pub fn detect(text: &str, hints: &Hints<'_>) -> Option<Detection> {
    let cleaned = clean(text);
    let letters = letter_weight(&cleaned);
    if letters < MIN_LETTERS {
        return None;
    }
    if let Some(detection) = script_language(&cleaned, letters) {
        return Some(detection);
    }
    let scores = DETECTOR.compute_language_confidence_values(cleaned);
    decide(&scores, hints)
}

/// Thai or Hebrew when most letters are in that script (the only supported language written in
/// it); the confidence is that script's share of the letters.
fn script_language(cleaned: &str, letters: usize) -> Option<Detection> {
    let (mut thai, mut hebrew) = (0, 0);
    for c in cleaned.chars().filter(|c| c.is_alphabetic()) {
        match c as u32 {
            0x0E00..=0x0E7F => thai += 1,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => hebrew += 1,
            _ => {}
        }
    }
    let (code, count) = if thai >= hebrew {
        ("th", thai)
    } else {
        ("he", hebrew)
    };
    (count * 2 > letters).then(|| Detection {
        code: code.to_owned(),
        confidence: count as f64 / letters as f64,
        runner_up: None,
    })
}

/// A candidate: one language, or the Malay/Indonesian cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Candidate {
    Lang(Language),
    MalayIndonesian,
}

/// Merges ms/id, ranks, applies the thresholds and resolves the cluster with the hints.
fn decide(scores: &[(Language, f64)], hints: &Hints<'_>) -> Option<Detection> {
    decide_with(scores, hints, MIN_CONFIDENCE, MIN_MARGIN)
}

fn decide_with(
    scores: &[(Language, f64)],
    hints: &Hints<'_>,
    min_confidence: f64,
    min_margin: f64,
) -> Option<Detection> {
    let (mut malay, mut indonesian) = (0.0, 0.0);
    let mut ranked: Vec<(Candidate, f64)> = Vec::with_capacity(scores.len());
    for &(language, confidence) in scores {
        match language {
            Language::Malay => malay = confidence,
            Language::Indonesian => indonesian = confidence,
            other => ranked.push((Candidate::Lang(other), confidence)),
        }
    }
    ranked.push((Candidate::MalayIndonesian, malay + indonesian));
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));

    let (top, top_confidence) = ranked[0];
    let runner_up = ranked.get(1).copied().filter(|&(_, c)| c > 0.0);
    let second_confidence = runner_up.map_or(0.0, |(_, c)| c);
    if top_confidence <= 0.0
        || top_confidence < min_confidence
        || top_confidence - second_confidence < min_margin
    {
        return None;
    }
    let code_of = |candidate: Candidate| match candidate {
        Candidate::Lang(language) => language.iso_code_639_1().to_string(),
        Candidate::MalayIndonesian => cluster_member(hints, malay, indonesian).to_owned(),
    };
    Some(Detection {
        code: code_of(top),
        confidence: top_confidence,
        runner_up: runner_up.map(|(candidate, c)| (code_of(candidate), c)),
    })
}

/// Malay or Indonesian: the order's country, then the marketplace, then the shop default, then
/// whichever lingua scored higher.
fn cluster_member(hints: &Hints<'_>, malay: f64, indonesian: f64) -> &'static str {
    if let Some(country) = hints.order_country {
        match country.trim().to_ascii_uppercase().as_str() {
            "MY" | "SG" | "BN" => return "ms",
            "ID" => return "id",
            _ => {}
        }
    }
    if let Some(member) = hints.marketplace.and_then(marketplace_member) {
        return member;
    }
    if let Some(locale) = hints.shop_default {
        let primary = locale
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ms" | "zsm" | "msa" => return "ms",
            "id" | "in" | "ind" => return "id",
            _ => {}
        }
    }
    if malay >= indonesian { "ms" } else { "id" }
}

/// A marketplace string's country, when it names a Malaysian (or Singaporean/Bruneian) or an
/// Indonesian storefront: a domain or code label "my"/"id" ("shopee.com.my", "lazada.co.id",
/// "SHOPEE_MY"), the country's name, or an Indonesia-only marketplace.
fn marketplace_member(marketplace: &str) -> Option<&'static str> {
    let lower = marketplace.to_lowercase();
    let labels: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|label| !label.is_empty())
        .collect();
    let has = |wanted: &[&str]| labels.iter().any(|label| wanted.contains(label));
    if lower.contains("malaysia") || has(&["my", "sg", "bn", "singapore", "brunei"]) {
        Some("ms")
    } else if lower.contains("indonesia") || has(&["id", "tokopedia", "bukalapak", "blibli"]) {
        Some("id")
    } else {
        None
    }
}

/// Removes what says nothing about the language: URLs, e-mail addresses and @handles,
/// order-id-like tokens (ASCII runs with a digit, like "A-1001" or "#12345"), numbers and
/// emoji. What is left is joined with spaces.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in text.split_whitespace() {
        if is_url_or_address(token) {
            continue;
        }
        let mut chars = token.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if is_id_char(c) {
                // A run of ASCII letters, digits and id punctuation: an id if it has a digit.
                let mut end = start + c.len_utf8();
                while let Some(&(i, next)) = chars.peek() {
                    if !is_id_char(next) {
                        break;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                }
                let run = &token[start..end];
                if run.bytes().any(|b| b.is_ascii_digit()) {
                    out.push(' ');
                } else {
                    out.push_str(run);
                }
            } else if c.is_numeric() || is_emoji_or_symbol(c) {
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '#')
}

const URL_TLDS: [&str; 30] = [
    "com", "net", "org", "io", "co", "me", "shop", "store", "app", "id", "my", "sg", "bn", "ru",
    "ua", "tr", "br", "pt", "es", "fr", "de", "it", "pl", "nl", "vn", "th", "jp", "kr", "cn", "uk",
];

fn is_url_or_address(token: &str) -> bool {
    let lower = token.to_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.contains('@') {
        return true;
    }
    // A bare domain ("shopee.co.id", "example.com/p/abc"): ASCII, with an inner dot, ending in a
    // common top-level domain before any path.
    let trimmed = lower.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if !trimmed.is_ascii() {
        return false;
    }
    let host = trimmed.split('/').next().unwrap_or("");
    match host.rsplit_once('.') {
        Some((name, tld)) => !name.is_empty() && URL_TLDS.contains(&tld),
        None => false,
    }
}

fn is_emoji_or_symbol(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x200D | 0x20E3 | 0x2122 | 0x2139 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x2190..=0x21FF // arrows
        | 0x2300..=0x23FF // technical symbols (⌚, ⏰)
        | 0x2460..=0x24FF // enclosed alphanumerics
        | 0x2500..=0x27BF // box drawing, shapes, miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF // arrows and stars (⭐)
        | 0xFE00..=0xFE0F // variation selectors
        | 0x1F000..=0x1FBFF // emoticons, pictographs, flags, ...
        | 0xE0020..=0xE007F // emoji tag sequences
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F
        | 0x20000..=0x2FA1F
    )
}

/// Letters in the cleaned text, a Han/kana/Hangul character counting [`CJK_WEIGHT`].
fn letter_weight(cleaned: &str) -> usize {
    cleaned
        .chars()
        .map(|c| {
            if is_cjk(c) {
                CJK_WEIGHT
            } else {
                usize::from(c.is_alphabetic())
            }
        })
        .sum()
}

#[cfg(test)]
mod tests;
