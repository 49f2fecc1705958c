//! Values for template variables, and how text given on a command line becomes one.

use std::collections::BTreeMap;

/// Template arguments: variable name (without `$`) -> value.
pub type Args = BTreeMap<String, Value>;

/// A value for a template variable.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, inserted as is.
    Text(String),
    /// A number: selects CLDR plural variants and is formatted for the locale.
    Number(f64),
    /// A calendar date, optionally with a time of day and a UTC offset.
    Date(DateValue),
}

/// A date as given (ISO 8601 / RFC 3339), rendered as written: the time is the wall-clock time
/// at `offset_seconds`, it is never converted to another zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// Calendar year (`2024`).
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=31 (valid for the month)
    pub day: u8,
    /// Time of day, if one was given.
    pub time: Option<TimeOfDay>,
    /// UTC offset in seconds (`Z` = 0), if one was given.
    pub offset_seconds: Option<i32>,
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// 0..=23
    pub hour: u8,
    /// 0..=59
    pub minute: u8,
    /// 0..=59 (a leap second 60 is clamped to 59)
    pub second: u8,
}

impl DateValue {
    /// A date without time of day.
    #[must_use]
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1..=9999).contains(&year))
        .then_some(Self {
            year,
            month,
            day,
            time: None,
            offset_seconds: None,
        })
    }

    /// Parse `YYYY-MM-DD`, or RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`. Also accepted,
    /// being common in order exports: a space or lowercase `t` instead of `T`, no seconds, no
    /// offset (a local time).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let mut date = Self::ymd(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )?;
        let rest = &b[10..];
        if rest.is_empty() {
            return Some(date);
        }
        if !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 6 || rest[3] != b':' {
            return None;
        }
        let hour = u8::try_from(digits(&rest[1..3])?).ok()?;
        let minute = u8::try_from(digits(&rest[4..6])?).ok()?;
        let mut rest = &rest[6..];
        let mut second = 0;
        if rest.first() == Some(&b':') {
            second = u8::try_from(digits(rest.get(1..3)?)?).ok()?;
            rest = &rest[3..];
            if rest.first() == Some(&b'.') {
                let frac = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if frac == 0 {
                    return None;
                }
                rest = &rest[1 + frac..];
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        date.time = Some(TimeOfDay {
            hour,
            minute,
            second: second.min(59),
        });
        date.offset_seconds = match rest {
            [] => None,
            [b'Z' | b'z'] => Some(0),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = i32::try_from(digits(&[*h1, *h2])?).ok()?;
                let minutes = i32::try_from(digits(&[*m1, *m2])?).ok()?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = hours * 3600 + minutes * 60;
                Some(if *sign == b'-' { -seconds } else { seconds })
            }
            _ => return None,
        };
        Some(date)
    }
}

impl std::fmt::Display for DateValue {
    /// ISO 8601 / RFC 3339, the form [`DateValue::parse`] reads.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            match self.offset_seconds {
                Some(0) => f.write_str("Z")?,
                Some(s) => {
                    let sign = if s < 0 { '-' } else { '+' };
                    let s = s.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", s / 3600, s % 3600 / 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

impl Value {
    /// Parse a value given as text (CLI `--var`).
    ///
    /// - numbers such as `3`, `-2.5`, `1234.50` become [`Value::Number`];
    /// - `YYYY-MM-DD` and RFC 3339 (`2024-05-01T10:30:00Z`, `+02:00` offsets) become
    ///   [`Value::Date`] (see [`DateValue::parse`]);
    /// - everything else is [`Value::Text`], including things that look numeric but are
    ///   identifiers: leading zeros (`007`), more than 15 digits (order and tracking numbers,
    ///   beyond what an `f64` holds exactly), a leading `+` (phone numbers), exponents.
    #[must_use]
    pub fn parse(s: &str) -> Value {
        if let Some(n) = parse_number(s) {
            return Value::Number(n);
        }
        if let Some(d) = DateValue::parse(s) {
            return Value::Date(d);
        }
        Value::Text(s.to_string())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        // Precision loss only beyond 2^53, far past any count or price.
        #[allow(clippy::cast_precision_loss)]
        Value::Number(n as f64)
    }
}

impl From<DateValue> for Value {
    fn from(d: DateValue) -> Self {
        Value::Date(d)
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 digits in all.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    if int.len() > 1 && int.starts_with('0') {
        return None;
    }
    if int.len() + frac.map_or(0, str::len) > 15 {
        return None;
    }
    s.parse().ok()
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(Value::parse("3"), Value::Number(3.0));
        assert_eq!(Value::parse("-2.5"), Value::Number(-2.5));
        assert_eq!(Value::parse("1234.50"), Value::Number(1234.5));
        assert_eq!(Value::parse("0"), Value::Number(0.0));
        assert_eq!(Value::parse("0.25"), Value::Number(0.25));
        for text in [
            "007",
            "+3",
            "1234567890123456",
            "1e5",
            "1,5",
            ".5",
            "5.",
            "-",
            "",
            "12a",
        ] {
            assert_eq!(Value::parse(text), Value::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn dates() {
        let Value::Date(d) = Value::parse("2024-05-01") else {
            panic!("not a date")
        };
        assert_eq!(
            (d.year, d.month, d.day, d.time, d.offset_seconds),
            (2024, 5, 1, None, None)
        );
        let Value::Date(d) = Value::parse("2024-05-01T10:30:00Z") else {
            panic!("not a date")
        };
        assert_eq!(
            d.time,
            Some(TimeOfDay {
                hour: 10,
                minute: 30,
                second: 0
            })
        );
        assert_eq!(d.offset_seconds, Some(0));
        let Value::Date(d) = Value::parse("2024-05-01T10:30:15.123+02:00") else {
            panic!("not a date")
        };
        assert_eq!(d.offset_seconds, Some(7200));
        assert_eq!(d.to_string(), "2024-05-01T10:30:15+02:00");
        let Value::Date(d) = Value::parse("2024-02-29 23:59-05:30") else {
            panic!("not a date")
        };
        assert_eq!(d.offset_seconds, Some(-(5 * 3600 + 30 * 60)));
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-05-01T25:00:00Z",
            "2024-05-01T10:30:00+2",
            "2024/05/01",
        ] {
            assert_eq!(Value::parse(text), Value::Text(text.into()), "{text}");
        }
    }
}
