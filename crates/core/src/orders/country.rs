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

/// English country names (with the variants exports use), ISO alpha-3 codes and the Chinese
/// names of the AliExpress export, each with its ISO 3166 alpha-2 code. Names are matched
/// lower-case with `.` removed and a leading `the ` dropped.
const NAMES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("united states of america", "US"),
    ("usa", "US"),
    ("us", "US"),
    ("america", "US"),
    ("美国", "US"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("gbr", "GB"),
    ("英国", "GB"),
    ("canada", "CA"),
    ("can", "CA"),
    ("加拿大", "CA"),
    ("australia", "AU"),
    ("aus", "AU"),
    ("澳大利亚", "AU"),
    ("new zealand", "NZ"),
    ("新西兰", "NZ"),
    ("ireland", "IE"),
    ("爱尔兰", "IE"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("deu", "DE"),
    ("德国", "DE"),
    ("france", "FR"),
    ("fra", "FR"),
    ("法国", "FR"),
    ("spain", "ES"),
    ("españa", "ES"),
    ("espana", "ES"),
    ("esp", "ES"),
    ("西班牙", "ES"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("ita", "IT"),
    ("意大利", "IT"),
    ("netherlands", "NL"),
    ("holland", "NL"),
    ("nld", "NL"),
    ("荷兰", "NL"),
    ("belgium", "BE"),
    ("比利时", "BE"),
    ("austria", "AT"),
    ("奥地利", "AT"),
    ("switzerland", "CH"),
    ("瑞士", "CH"),
    ("portugal", "PT"),
    ("葡萄牙", "PT"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("波兰", "PL"),
    ("sweden", "SE"),
    ("瑞典", "SE"),
    ("norway", "NO"),
    ("挪威", "NO"),
    ("denmark", "DK"),
    ("丹麦", "DK"),
    ("finland", "FI"),
    ("芬兰", "FI"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("捷克", "CZ"),
    ("slovakia", "SK"),
    ("hungary", "HU"),
    ("匈牙利", "HU"),
    ("romania", "RO"),
    ("罗马尼亚", "RO"),
    ("bulgaria", "BG"),
    ("greece", "GR"),
    ("希腊", "GR"),
    ("croatia", "HR"),
    ("slovenia", "SI"),
    ("lithuania", "LT"),
    ("latvia", "LV"),
    ("estonia", "EE"),
    ("luxembourg", "LU"),
    ("cyprus", "CY"),
    ("malta", "MT"),
    ("iceland", "IS"),
    ("ukraine", "UA"),
    ("乌克兰", "UA"),
    ("belarus", "BY"),
    ("白俄罗斯", "BY"),
    ("russia", "RU"),
    ("russian federation", "RU"),
    ("rus", "RU"),
    ("俄罗斯", "RU"),
    ("kazakhstan", "KZ"),
    ("哈萨克斯坦", "KZ"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("turkiye", "TR"),
    ("土耳其", "TR"),
    ("israel", "IL"),
    ("以色列", "IL"),
    ("saudi arabia", "SA"),
    ("kingdom of saudi arabia", "SA"),
    ("ksa", "SA"),
    ("sau", "SA"),
    ("沙特阿拉伯", "SA"),
    ("沙特", "SA"),
    ("united arab emirates", "AE"),
    ("uae", "AE"),
    ("are", "AE"),
    ("阿联酋", "AE"),
    ("阿拉伯联合酋长国", "AE"),
    ("kuwait", "KW"),
    ("科威特", "KW"),
    ("qatar", "QA"),
    ("卡塔尔", "QA"),
    ("bahrain", "BH"),
    ("oman", "OM"),
    ("jordan", "JO"),
    ("egypt", "EG"),
    ("埃及", "EG"),
    ("morocco", "MA"),
    ("摩洛哥", "MA"),
    ("algeria", "DZ"),
    ("tunisia", "TN"),
    ("iraq", "IQ"),
    ("lebanon", "LB"),
    ("iran", "IR"),
    ("pakistan", "PK"),
    ("巴基斯坦", "PK"),
    ("bangladesh", "BD"),
    ("india", "IN"),
    ("ind", "IN"),
    ("印度", "IN"),
    ("china", "CN"),
    ("people's republic of china", "CN"),
    ("chn", "CN"),
    ("中国", "CN"),
    ("hong kong", "HK"),
    ("hong kong sar", "HK"),
    ("中国香港", "HK"),
    ("香港", "HK"),
    ("taiwan", "TW"),
    ("中国台湾", "TW"),
    ("台湾", "TW"),
    ("macau", "MO"),
    ("macao", "MO"),
    ("japan", "JP"),
    ("jpn", "JP"),
    ("日本", "JP"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("korea, republic of", "KR"),
    ("republic of korea", "KR"),
    ("kor", "KR"),
    ("韩国", "KR"),
    ("singapore", "SG"),
    ("sgp", "SG"),
    ("新加坡", "SG"),
    ("malaysia", "MY"),
    ("mys", "MY"),
    ("马来西亚", "MY"),
    ("indonesia", "ID"),
    ("idn", "ID"),
    ("印度尼西亚", "ID"),
    ("印尼", "ID"),
    ("philippines", "PH"),
    ("the philippines", "PH"),
    ("phl", "PH"),
    ("菲律宾", "PH"),
    ("thailand", "TH"),
    ("tha", "TH"),
    ("泰国", "TH"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("vnm", "VN"),
    ("việt nam", "VN"),
    ("越南", "VN"),
    ("cambodia", "KH"),
    ("myanmar", "MM"),
    ("laos", "LA"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("bra", "BR"),
    ("巴西", "BR"),
    ("mexico", "MX"),
    ("méxico", "MX"),
    ("mex", "MX"),
    ("墨西哥", "MX"),
    ("argentina", "AR"),
    ("阿根廷", "AR"),
    ("chile", "CL"),
    ("智利", "CL"),
    ("colombia", "CO"),
    ("哥伦比亚", "CO"),
    ("peru", "PE"),
    ("秘鲁", "PE"),
    ("puerto rico", "PR"),
    ("south africa", "ZA"),
    ("南非", "ZA"),
    ("nigeria", "NG"),
    ("尼日利亚", "NG"),
    ("kenya", "KE"),
];

/// The ISO 3166 alpha-2 code of a country name or alpha-3 code (see `NAMES`); `None` when
/// the name is not known.
#[must_use]
pub fn country_code(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase().replace('.', "");
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).trim();
    NAMES.iter().find(|(n, _)| *n == lower).map(|(_, c)| *c)
}

/// The currency of a country (ISO alpha-2), for exports that give prices without one.
#[must_use]
pub fn currency_for_country(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "MY" => "MYR",
        "PH" => "PHP",
        "VN" => "VND",
        "ID" => "IDR",
        "TH" => "THB",
        "SG" => "SGD",
        "SA" => "SAR",
        "AE" => "AED",
        "US" | "PR" => "USD",
        "GB" | "UK" => "GBP",
        "DE" | "FR" | "ES" | "IT" | "NL" | "BE" | "AT" | "IE" | "PT" | "FI" | "GR" | "SK"
        | "SI" | "LT" | "LV" | "EE" | "LU" | "CY" | "MT" | "HR" | "MC" | "SM" => "EUR",
        "JP" => "JPY",
        "CN" => "CNY",
        "BR" => "BRL",
        "MX" => "MXN",
        "CA" => "CAD",
        "AU" => "AUD",
        "NZ" => "NZD",
        "HK" => "HKD",
        "TW" => "TWD",
        "KR" => "KRW",
        "IN" => "INR",
        "TR" => "TRY",
        "RU" => "RUB",
        "PL" => "PLN",
        "SE" => "SEK",
        "NO" => "NOK",
        "DK" => "DKK",
        "CH" | "LI" => "CHF",
        "CZ" => "CZK",
        "HU" => "HUF",
        "RO" => "RON",
        "EG" => "EGP",
        "KW" => "KWD",
        "QA" => "QAR",
        "BH" => "BHD",
        "OM" => "OMR",
        "JO" => "JOD",
        "MA" => "MAD",
        "ZA" => "ZAR",
        "CL" => "CLP",
        "CO" => "COP",
        "PE" => "PEN",
        "AR" => "ARS",
        "IL" => "ILS",
        "UA" => "UAH",
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
        assert_eq!(country_code("United States"), Some("US"));
        assert_eq!(country_code("Korea, Republic of"), Some("KR"));
        assert_eq!(country_code("Viet Nam"), Some("VN"));
        assert_eq!(country_code("The Philippines"), Some("PH"));
        assert_eq!(country_code("沙特阿拉伯"), Some("SA"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(currency_for_country("my"), Some("MYR"));
        assert_eq!(currency_for_country("FR"), Some("EUR"));
    }
}
