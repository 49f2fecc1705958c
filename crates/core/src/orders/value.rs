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

/// Two-letter country codes are upper-cased (`sa` → `SA`) so locale lookup and templates see
/// one spelling; anything else is kept as written.
pub(super) fn country(cell: &str) -> Option<String> {
    let t = cell.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(t.to_ascii_uppercase())
    } else {
        text(t)
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
    fn locale_tags_are_checked_and_canonicalized() {
        assert_eq!(locale_tag("EN-us").as_deref(), Some("en-US"));
        assert_eq!(locale_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(locale_tag("es-419").as_deref(), Some("es-419"));
        for bad in ["english", "e", "en_US", "en-", "1en", "ar SA"] {
            assert_eq!(locale_tag(bad), None, "{bad}");
        }
    }
}
