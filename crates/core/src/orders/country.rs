//! Which language to answer a buyer in, when the order file does not say.

/// The main language of a country, by ISO 3166 alpha-2 code (case-insensitive; `UK` is taken
/// as `GB`), as a BCP-47 tag. `None` for unknown codes and for countries where no single
/// language is a safe guess (Belgium: Dutch and French; Hong Kong is `zh-HK`, which locale
/// negotiation answers with Traditional Chinese): greeting a buyer in the wrong language is worse
/// than falling back to the shop's default.
#[must_use]
pub fn locale_for_country(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    Some(match upper.as_str() {
        "SA" | "AE" | "EG" | "KW" | "QA" | "BH" | "OM" | "JO" | "MA" | "DZ" | "TN" | "IQ"
        | "LB" | "LY" | "SD" | "YE" | "SY" | "PS" | "MR" => "ar",
        "RU" | "BY" | "KZ" | "KG" => "ru",
        "FR" | "MC" => "fr",
        "MY" => "ms",
        "ID" => "id",
        "ES" | "MX" | "AR" | "CO" | "CL" | "PE" | "VE" | "EC" | "UY" | "PY" | "BO" | "CR"
        | "PA" | "GT" | "HN" | "SV" | "NI" | "DO" | "CU" | "PR" => "es",
        "US" | "GB" | "UK" | "AU" | "CA" | "IE" | "NZ" | "SG" | "PH" | "IN" | "ZA" | "NG"
        | "KE" | "GH" => "en",
        "DE" | "AT" | "CH" | "LI" => "de",
        "TR" => "tr",
        "TH" => "th",
        "VN" => "vi",
        "BR" | "PT" | "AO" | "MZ" => "pt",
        "IT" | "SM" => "it",
        "PL" => "pl",
        "NL" => "nl",
        "JP" => "ja",
        "KR" => "ko",
        "CN" => "zh-CN",
        "TW" => "zh-TW",
        "HK" | "MO" => "zh-HK",
        "UA" => "uk",
        "IL" => "he",
        "IR" => "fa",
        "SE" => "sv",
        "DK" => "da",
        "NO" => "nb",
        "FI" => "fi",
        "CZ" => "cs",
        "SK" => "sk",
        "GR" | "CY" => "el",
        "HU" => "hu",
        "RO" | "MD" => "ro",
        "BG" => "bg",
        "HR" => "hr",
        "SI" => "sl",
        "LT" => "lt",
        "LV" => "lv",
        "EE" => "et",
        _ => return None,
    })
}

/// The language an Amazon sales channel (`Amazon.de`, `amazon.co.jp`) implies, when its site
/// has one main language. Bilingual stores (`Amazon.ae`, `Amazon.ca`, `Amazon.in`,
/// `Amazon.com.be`, …) and non-Amazon channels give `None`, so the buyer's ship-to country
/// decides instead.
#[must_use]
pub fn locale_for_amazon_channel(channel: &str) -> Option<&'static str> {
    let lower = channel.trim().to_ascii_lowercase();
    let host = lower.strip_prefix("www.").unwrap_or(&lower);
    let tld = host.strip_prefix("amazon.")?;
    Some(match tld {
        "com" | "co.uk" | "com.au" | "sg" => "en",
        "de" => "de",
        "fr" => "fr",
        "es" | "com.mx" => "es",
        "it" => "it",
        "nl" => "nl",
        "pl" => "pl",
        "se" => "sv",
        "com.tr" => "tr",
        "co.jp" => "ja",
        "sa" | "eg" => "ar",
        "com.br" => "pt",
        "cn" => "zh-CN",
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_channels() {
        assert_eq!(locale_for_country("sa"), Some("ar"));
        assert_eq!(locale_for_country(" TW "), Some("zh-TW"));
        assert_eq!(locale_for_country("BE"), None);
        assert_eq!(locale_for_country("Saudi Arabia"), None);
        assert_eq!(locale_for_amazon_channel("Amazon.de"), Some("de"));
        assert_eq!(locale_for_amazon_channel("amazon.co.jp"), Some("ja"));
        assert_eq!(locale_for_amazon_channel("Amazon.ae"), None);
        assert_eq!(locale_for_amazon_channel("Non-Amazon"), None);
    }
}
