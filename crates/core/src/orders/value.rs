//! Parsing and normalizing single cell values. Each function returns `None` for a value it
//! rejects; callers turn that into a row error that names the column and shows the value.

/// The trimmed cell, or `None` when it is empty: an empty cell means "not given".
pub(super) fn text(cell: &str) -> Option<String> {
    let t = cell.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A non-negative whole number written with ASCII digits only (`3`, not `3.0`, `+3` or `-1`):
/// anything else is more likely a column mix-up than a count.
pub(super) fn parse_count(cell: &str) -> Option<i64> {
    let t = cell.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A decimal amount: optional `-`, digits, optional `.` and digits (`1234.50`, `-5`, `.5`).
/// A single `,` followed by one or two digits (`12,50`) is taken as a decimal comma, as
/// European exports write it; that cannot be a thousands separator, which is always followed by
/// three digits. Exponents, `inf`, `NaN` and grouping are rejected, although `f64::from_str`
/// would take some of them, because they never appear in a real price column.
pub(super) fn parse_amount(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac, comma) = match body.find(['.', ',']) {
        Some(i) => (&body[..i], &body[i + 1..], body.as_bytes()[i] == b','),
        None => (body, "", false),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || int.len() + frac.len() == 0 {
        return None;
    }
    if comma {
        if !(1..=2).contains(&frac.len()) {
            return None;
        }
        return t.replacen(',', ".", 1).parse().ok();
    }
    t.parse().ok()
}

/// Normalizes a date or date-time to ISO text.
///
/// Accepts `YYYY-MM-DD` (also with `/` or `.`, and one-digit month or day), optionally followed
/// by `T` or a space, `HH:MM[:SS[.fraction]]` and a zone: `Z`, `UTC`, `GMT`, `±HH:MM`,
/// `±HHMM` or `±HH`. Returns `YYYY-MM-DD` for a date, or `YYYY-MM-DDTHH:MM:SS` plus `Z` or
/// `±HH:MM` for a date-time. Fractions of a second are dropped (no template shows them); a
/// zero offset becomes `Z`; a date-time without a zone is taken as UTC, which is what
/// marketplace exports use, and gets `Z` so every stored date-time is RFC 3339.
/// Day-first and month-first forms (`01/05/2024`) are rejected: they are ambiguous.
pub(super) fn normalize_date(cell: &str) -> Option<String> {
    let mut p = Cursor {
        b: cell.trim().as_bytes(),
        i: 0,
    };
    let year = p.number(4, 4)?;
    let sep = p.peek()?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    p.i += 1;
    let month = p.number(1, 2)?;
    p.eat(sep).then_some(())?;
    let day = p.number(1, 2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Formatting by hand: `format!` was a sixth of the time of a large import.
    let mut out: Vec<u8> = Vec::with_capacity(25);
    push_digits(&mut out, year, 4);
    out.push(b'-');
    push_digits(&mut out, month, 2);
    out.push(b'-');
    push_digits(&mut out, day, 2);
    if p.done() {
        return String::from_utf8(out).ok();
    }

    if !(p.eat(b'T') || p.eat(b't') || p.eat(b' ')) {
        return None;
    }
    let hour = p.number(1, 2)?;
    p.eat(b':').then_some(())?;
    let minute = p.number(2, 2)?;
    let second = if p.eat(b':') { p.number(2, 2)? } else { 0 };
    if p.eat(b'.') || p.eat(b',') {
        p.number(1, 9)?;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    out.push(b'T');
    push_digits(&mut out, hour, 2);
    out.push(b':');
    push_digits(&mut out, minute, 2);
    out.push(b':');
    push_digits(&mut out, second, 2);
    p.eat(b' ');
    match p.peek() {
        None => out.push(b'Z'),
        Some(b'Z' | b'z') => {
            p.i += 1;
            out.push(b'Z');
        }
        Some(sign @ (b'+' | b'-')) => {
            p.i += 1;
            let oh = p.number(2, 2)?;
            let om = if p.done() {
                0
            } else {
                p.eat(b':');
                p.number(2, 2)?
            };
            if oh > 23 || om > 59 {
                return None;
            }
            if oh == 0 && om == 0 {
                out.push(b'Z');
            } else {
                out.push(sign);
                push_digits(&mut out, oh, 2);
                out.push(b':');
                push_digits(&mut out, om, 2);
            }
        }
        Some(_) => {
            let rest = &p.b[p.i..];
            if !(rest.eq_ignore_ascii_case(b"UTC") || rest.eq_ignore_ascii_case(b"GMT")) {
                return None;
            }
            p.i = p.b.len();
            out.push(b'Z');
        }
    }
    if !p.done() {
        return None;
    }
    String::from_utf8(out).ok()
}

/// Appends the last `width` decimal digits of `n` (callers pass values that fit).
fn push_digits(out: &mut Vec<u8>, n: u32, width: u32) {
    let mut div = if width == 4 { 1000 } else { 10 };
    while div > 0 {
        // A digit is below 10: the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        out.push(b'0' + (n / div % 10) as u8);
        div /= 10;
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i == self.b.len()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }

    /// Between `min` and `max` ASCII digits, greedily.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        while self.i - start < max && self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let run = &self.b[start..self.i];
        if run.len() < min {
            return None;
        }
        // At most 9 digits: cannot overflow u32.
        Some(run.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }
}

/// A money amount as marketplaces write it, and the currency its sign names, if any:
/// `1234.50`, `$1,234.50`, `1.234,50 €`, `RM 12.90`, `₫120.000`, `1 234,50`, `USD 5`, `(5.00)`.
///
/// Separators: with both `.` and `,` the last one is the decimal mark; a single kind that
/// occurs once is a decimal mark unless exactly three digits follow it (`120.000` is 120000, as
/// Vietnamese and Indonesian prices are written; no price has three decimals); several of one
/// kind group thousands. Spaces (also no-break) group thousands. `None` for anything else
/// (words, exponents, two signs), so a column mix-up is reported instead of imported.
pub(super) fn parse_money(cell: &str) -> Option<(f64, Option<&'static str>)> {
    let mut t = cell.trim();
    if t.is_empty() {
        return None;
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.trim_start();
    }
    let mut currency = None;
    // A sign or code before or after the number (longest first: `US$` before `$`).
    for (sign, code) in CURRENCY_SIGNS {
        if let Some(rest) = t.strip_prefix(sign) {
            t = rest.trim_start();
            currency = Some(*code);
            break;
        }
        if let Some(rest) = t.strip_suffix(sign) {
            t = rest.trim_end();
            currency = Some(*code);
            break;
        }
    }
    if currency.is_none() && t.len() > 4 {
        // Compared as bytes: the cell may hold any text, and a string slice at byte 3 could
        // cut a character in two. Three ASCII bytes are three whole characters.
        let bytes = t.as_bytes();
        let (head, tail) = (&bytes[..3], &bytes[bytes.len() - 3..]);
        if head.iter().all(u8::is_ascii_uppercase) && bytes[3] == b' ' {
            currency = currency_code(&t[..3]);
            t = t[3..].trim_start();
        } else if tail.iter().all(u8::is_ascii_uppercase) && bytes[bytes.len() - 4] == b' ' {
            currency = currency_code(&t[t.len() - 3..]);
            t = t[..t.len() - 3].trim_end();
        }
    }
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.trim_start();
    }
    let mut digits = String::with_capacity(t.len());
    let (mut dots, mut commas) = (0, 0);
    let mut last_sep = None;
    for (i, c) in t.char_indices() {
        match c {
            '0'..='9' => digits.push(c),
            '.' | ',' => {
                if c == '.' {
                    dots += 1;
                } else {
                    commas += 1;
                }
                last_sep = Some((i, c));
                digits.push(c);
            }
            ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            _ => return None,
        }
    }
    if !digits.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let decimal = match last_sep {
        None => None,
        Some((_, c)) if dots > 0 && commas > 0 => Some(c),
        Some((i, c)) => {
            let after = t[i + 1..].chars().filter(char::is_ascii_digit).count();
            let count = if c == '.' { dots } else { commas };
            (count == 1 && after != 3).then_some(c)
        }
    };
    let mut plain = String::with_capacity(digits.len() + 1);
    if negative {
        plain.push('-');
    }
    let mut seen_decimal = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => plain.push(c),
            c if Some(c) == decimal => {
                // Only the last separator of its kind is the decimal mark.
                if seen_decimal {
                    return None;
                }
                seen_decimal = true;
                plain.push('.');
            }
            _ => {}
        }
    }
    // A decimal mark that is not the last separator (`1.234,5.6`) is garbage.
    if let (Some(d), Some((_, last))) = (decimal, last_sep)
        && d != last
    {
        return None;
    }
    plain.parse().ok().map(|n| (n, currency))
}

/// Currency signs and the ISO 4217 code each stands for, longest first. `$` alone is taken as
/// US dollars: the other dollar marketplaces write `S$`, `A$`, `C$`, or a currency column.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US $", "USD"),
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("MX$", "MXN"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("R$", "BRL"),
    ("RM", "MYR"),
    ("Rp", "IDR"),
    ("zł", "PLN"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("￥", "JPY"),
    ("₱", "PHP"),
    ("₫", "VND"),
    ("฿", "THB"),
    ("₩", "KRW"),
    ("₹", "INR"),
    ("₺", "TRY"),
    ("₽", "RUB"),
];

/// A three-letter currency code this app knows, as a static string.
pub(super) fn currency_code(code: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "MYR", "PHP", "VND", "IDR", "THB", "SGD", "SAR", "AED",
        "BRL", "MXN", "CAD", "AUD", "NZD", "HKD", "TWD", "KRW", "INR", "TRY", "RUB", "PLN", "SEK",
        "NOK", "DKK", "CHF", "CZK", "HUF", "RON", "BGN", "EGP", "KWD", "QAR", "BHD", "OMR", "JOD",
        "MAD", "ZAR", "NGN", "KES", "CLP", "COP", "PEN", "ARS", "ILS", "UAH",
    ];
    let upper = code.trim().to_ascii_uppercase();
    CODES.iter().find(|c| **c == upper).copied()
}

/// The currency named in a header's suffix, as Shopee Philippines writes `Total Amount (PHP)`.
pub(super) fn currency_in_header(header: &str) -> Option<&'static str> {
    let inner = header.trim().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    currency_code(&inner[open + 1..])
}

/// How a format writes dates besides ISO 8601, which every style also accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateStyle {
    /// ISO only (`2024-12-09 00:12`, `2017-06-17T08:04:21+00:00`).
    Iso,
    /// `09 Dec 2024 14:05` (Lazada).
    DayMonthName,
    /// `09/12/2024 14:05:00`, day first (TikTok South-East Asia).
    DayFirst,
    /// `12/09/24` or `12/09/2024`, month first (Etsy, Walmart, Temu US).
    MonthFirst,
    /// `Dec-09-24` (eBay).
    MonthNameDay,
    /// A file mapped by the user: day first when that is a date, else month first, and month
    /// names in either order.
    Any,
}

/// A date in a format's style (see [`DateStyle`]), as ISO text like [`normalize_date`].
pub(super) fn parse_date(cell: &str, style: DateStyle) -> Option<String> {
    let t = cell.trim();
    if let Some(iso) = normalize_date(t) {
        return Some(iso);
    }
    // Split off a time: what follows the date's words.
    let ((year, month, day), time) = match style {
        DateStyle::Iso => return None,
        DateStyle::DayMonthName => {
            let (date, time) = split_after_words(t, 3);
            (day_month_name(date)?, time)
        }
        DateStyle::DayFirst => {
            let (date, time) = split_after_words(t, 1);
            (numeric(date, true)?, time)
        }
        DateStyle::MonthFirst => {
            let (date, time) = split_after_words(t, 1);
            (numeric(date, false)?, time)
        }
        DateStyle::MonthNameDay => {
            let (date, time) = split_after_words(t, 1);
            (month_name_day(date)?, time)
        }
        DateStyle::Any => {
            let (date, time) = split_after_words(t, 1);
            match numeric(date, true)
                .or_else(|| numeric(date, false))
                .or_else(|| month_name_day(date))
            {
                Some(ymd) => (ymd, time),
                None => {
                    let (date, time) = split_after_words(t, 3);
                    (day_month_name(date)?, time)
                }
            }
        }
    };
    let iso = format!("{year:04}-{month:02}-{day:02}");
    if time.is_empty() {
        normalize_date(&iso)
    } else {
        normalize_date(&format!("{iso} {time}"))
    }
}

/// The text up to the end of its `words`-th space-separated word, and the rest.
fn split_after_words(t: &str, words: usize) -> (&str, &str) {
    let mut seen = 0;
    for (i, c) in t.char_indices() {
        if c == ' ' {
            seen += 1;
            if seen == words {
                return (&t[..i], t[i + 1..].trim());
            }
        }
    }
    (t, "")
}

fn year_of(y: &str) -> Option<u32> {
    let n: u32 = y.parse().ok()?;
    match y.len() {
        2 => Some(2000 + n),
        4 => Some(n),
        _ => None,
    }
}

fn valid(year: u32, month: u32, day: u32) -> Option<(u32, u32, u32)> {
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then_some((year, month, day))
}

/// `dd/MM/yyyy` (day_first) or `MM/dd/yy[yy]`, with `/`, `-` or `.`.
fn numeric(date: &str, day_first: bool) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    if !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let year = year_of(y)?;
    if day_first {
        valid(year, b, a)
    } else {
        valid(year, a, b)
    }
}

/// `09 Dec 2024` (also `9-Dec-2024`).
fn day_month_name(date: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = date.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    valid(year_of(y)?, month_number(m)?, d.parse().ok()?)
}

/// `Dec-09-24` (also `Dec 9, 2024`).
fn month_name_day(date: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = date
        .split([' ', '-', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [m, d, y] = parts.as_slice() else {
        return None;
    };
    valid(year_of(y)?, month_number(m)?, d.parse().ok()?)
}

/// The month of an English month name or its three-letter abbreviation, any case.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let head = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == head)?;
    // `Sept` and the full names, but not words that merely start like a month.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (lower.len() == 3 || lower == "sept" || FULL[i] == lower).then_some(i as u32 + 1)
}

/// Countries become ISO 3166 alpha-2 codes: two-letter codes are upper-cased (`sa` → `SA`),
/// three-letter codes and names in English or Chinese are looked up (`United States`, `USA`,
/// `Viet Nam`, `美国`), so locale lookup and templates see one spelling; a name not known is kept
/// as written.
pub(super) fn country(cell: &str) -> Option<String> {
    let t = cell.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = t.to_ascii_uppercase();
        // `UK` is what people write; the code is GB.
        return Some(if upper == "UK" {
            "GB".to_owned()
        } else {
            upper
        });
    }
    match super::country::country_code(t) {
        Some(code) => Some(code.to_owned()),
        None => text(t),
    }
}

/// Three-letter currency codes are upper-cased (`usd` → `USD`), as number formatting expects;
/// anything else (a symbol) is kept as written.
pub(super) fn currency(cell: &str) -> Option<String> {
    let t = cell.trim();
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(t.to_ascii_uppercase())
    } else {
        text(t)
    }
}

/// A BCP-47-looking tag in canonical case (`EN-us` → `en-US`, `zh-hant-tw` → `zh-Hant-TW`):
/// a 2–3 letter language, then subtags of 1–8 letters or digits separated by `-`.
/// `None` when the value does not look like a tag.
pub(super) fn locale_tag(cell: &str) -> Option<String> {
    let t = cell.trim();
    let mut out = String::with_capacity(t.len());
    for (n, sub) in t.split('-').enumerate() {
        let ok = if n == 0 {
            (2..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            (1..=8).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphanumeric())
        };
        if !ok {
            return None;
        }
        if n > 0 {
            out.push('-');
        }
        let alpha = sub.bytes().all(|b| b.is_ascii_alphabetic());
        match sub.len() {
            2 if n > 0 && alpha => out.push_str(&sub.to_ascii_uppercase()),
            4 if n > 0 && alpha => {
                out.push_str(&sub[..1].to_ascii_uppercase());
                out.push_str(&sub[1..].to_ascii_lowercase());
            }
            _ => out.push_str(&sub.to_ascii_lowercase()),
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalize_to_iso() {
        let cases = [
            ("2024-05-01", "2024-05-01"),
            (" 2024/5/1 ", "2024-05-01"),
            ("2024-05-01T10:30:00Z", "2024-05-01T10:30:00Z"),
            ("2024-05-01T10:30:00+00:00", "2024-05-01T10:30:00Z"),
            ("2024-05-01T10:30:00-07:00", "2024-05-01T10:30:00-07:00"),
            ("2024-05-01T10:30:00+0530", "2024-05-01T10:30:00+05:30"),
            ("2024-05-01T10:30:00.123Z", "2024-05-01T10:30:00Z"),
            ("2024-05-01 10:30:00", "2024-05-01T10:30:00Z"),
            ("2024-05-01 10:30", "2024-05-01T10:30:00Z"),
            ("2024-05-01 10:30:00 UTC", "2024-05-01T10:30:00Z"),
            ("2024-02-29", "2024-02-29"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), Some(want), "{input}");
        }
        for bad in [
            "",
            "abc",
            "01/05/2024",
            "2024-13-01",
            "2023-02-29",
            "2024-05-01T25:00:00Z",
            "2024-05-01x",
            "2024-05-01T10:30:00+5",
            "2024-05-01/",
            "2024-05/01",
        ] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_and_counts() {
        assert_eq!(parse_amount("1234.50"), Some(1234.5));
        assert_eq!(parse_amount(" -5 "), Some(-5.0));
        assert_eq!(parse_amount("12,5"), Some(12.5));
        for bad in ["abc", "", "1,234", "1e5", "inf", "NaN", "1.2.3", "-", "."] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(parse_count("3"), Some(3));
        for bad in ["-1", "3.0", "+3", "x", ""] {
            assert_eq!(parse_count(bad), None, "{bad}");
        }
    }

    #[test]
    fn money_as_marketplaces_write_it() {
        let cases: [(&str, f64, Option<&str>); 14] = [
            ("1234.50", 1234.5, None),
            ("$1,234.50", 1234.5, Some("USD")),
            ("1.234,50 €", 1234.5, Some("EUR")),
            ("1 234,50", 1234.5, None),
            ("1\u{a0}234,50 €", 1234.5, Some("EUR")),
            ("RM 12.90", 12.9, Some("MYR")),
            ("₫120.000", 120_000.0, Some("VND")),
            ("Rp45.500", 45_500.0, Some("IDR")),
            ("₱1,234.50", 1234.5, Some("PHP")),
            ("US $25.80", 25.8, Some("USD")),
            ("£5", 5.0, Some("GBP")),
            ("12,5", 12.5, None),
            ("EUR 18,90", 18.9, Some("EUR")),
            ("(5.00)", -5.0, None),
        ];
        for (input, amount, currency) in cases {
            assert_eq!(parse_money(input), Some((amount, currency)), "{input}");
        }
        for bad in ["", "abc", "1e5", "$", "1.2.3,4,5", "12 apples", "inf"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        // Letters that are not ASCII where a currency code could be (found by fuzzing: the
        // code was sliced at byte 3, inside a character, and panicked).
        for bad in ["ä 12", "12 äö", "日本円 5", "5 日本円", "€€€€€", "Ωx 1"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert_eq!(currency_in_header("Total Amount (PHP)"), Some("PHP"));
        assert_eq!(currency_in_header("Weight(kg)"), None);
    }

    #[test]
    fn dates_in_each_format_style() {
        use DateStyle::*;
        let cases = [
            ("09 Dec 2024 14:05", DayMonthName, "2024-12-09T14:05:00Z"),
            ("09/12/2024 14:05:00", DayFirst, "2024-12-09T14:05:00Z"),
            ("12/09/24", MonthFirst, "2024-12-09"),
            ("12/09/2024", MonthFirst, "2024-12-09"),
            ("Dec-09-24", MonthNameDay, "2024-12-09"),
            ("2024-12-09 00:12", Iso, "2024-12-09T00:12:00Z"),
            ("2024-12-09 00:12", DayFirst, "2024-12-09T00:12:00Z"),
            ("25/12/2024", Any, "2024-12-25"),
            ("12/25/2024", Any, "2024-12-25"),
            ("9 December 2024", Any, "2024-12-09"),
        ];
        for (input, style, want) in cases {
            assert_eq!(parse_date(input, style).as_deref(), Some(want), "{input}");
        }
        for (bad, style) in [
            ("13/25/2024", DayFirst),
            ("Foo-09-24", MonthNameDay),
            ("09/12/2024", Iso),
            ("31 Feb 2024", DayMonthName),
        ] {
            assert_eq!(parse_date(bad, style), None, "{bad}");
        }
    }

    #[test]
    fn countries_become_iso_codes() {
        for (input, want) in [
            ("my", "MY"),
            ("UK", "GB"),
            ("United States", "US"),
            ("USA", "US"),
            ("Great Britain", "GB"),
            ("Viet Nam", "VN"),
            ("Korea, Republic of", "KR"),
            ("美国", "US"),
            ("沙特阿拉伯", "SA"),
            ("Atlantis", "Atlantis"),
        ] {
            assert_eq!(country(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn locale_tags_are_checked_and_canonicalized() {
        assert_eq!(locale_tag("EN-us").as_deref(), Some("en-US"));
        assert_eq!(locale_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(locale_tag("es-419").as_deref(), Some("es-419"));
        for bad in ["english", "e", "en_US", "en-", "1en", "ar SA"] {
            assert_eq!(locale_tag(bad), None, "{bad}");
        }
    }
}
