//! Plural operands in compliance with [CLDR Plural Rules](https://unicode.org/reports/tr35/tr35-numbers.html#Language_Plural_Rules).
//!
//! See [full operands description](https://unicode.org/reports/tr35/tr35-numbers.html#Operands).
//!
//! The same type, fields and conversions as `intl_pluralrules` 7.0.2: integers convert
//! exactly, floats go through their shortest decimal string (`f64`'s `Display`), and strings
//! keep their visible fraction digits, trailing zeros included (`"1.0"` has `v = 1`).
//!
//! # Examples
//!
//! From int
//!
//! ```
//! use std::convert::TryFrom;
//! use intl_pluralrules::operands::*;
//! assert_eq!(Ok(PluralOperands {
//!    n: 2_f64,
//!    i: 2,
//!    v: 0,
//!    w: 0,
//!    f: 0,
//!    t: 0,
//! }), PluralOperands::try_from(2))
//! ```
//!
//! From &str
//!
//! ```
//! use std::convert::TryFrom;
//! use intl_pluralrules::operands::*;
//! assert_eq!(Ok(PluralOperands {
//!    n: 1234.567_f64,
//!    i: 1234,
//!    v: 3,
//!    w: 3,
//!    f: 567,
//!    t: 567,
//! }), PluralOperands::try_from("-1234.567"));
//! assert_eq!(Ok(PluralOperands {
//!    n: 1.5_f64,
//!    i: 1,
//!    v: 2,
//!    w: 1,
//!    f: 50,
//!    t: 5,
//! }), PluralOperands::try_from("1.50"));
//! ```
//!
//! From float
//!
//! ```
//! use std::convert::TryFrom;
//! use intl_pluralrules::operands::*;
//! assert_eq!(Ok(PluralOperands {
//!    n: 123.45_f64,
//!    i: 123,
//!    v: 2,
//!    w: 2,
//!    f: 45,
//!    t: 45,
//! }), PluralOperands::try_from(123.45))
//! ```

use std::convert::TryFrom;
use std::str::FromStr;

/// A full plural operands representation of a number. See [CLDR Plural Rules](https://unicode.org/reports/tr35/tr35-numbers.html#Language_Plural_Rules) for complete operands description.
///
/// [`PluralRules::select`](crate::PluralRules::select) hands `i`, `v`, `w`, `f` and `t` to
/// ICU4X unchanged; `n` (the absolute value) is kept for compatibility but not consulted,
/// since it is `i` and `f` / 10^`v` together.
#[derive(Debug, PartialEq)]
pub struct PluralOperands {
    /// Absolute value of input
    pub n: f64,
    /// Integer value of input
    pub i: u64,
    /// Number of visible fraction digits with trailing zeros
    pub v: usize,
    /// Number of visible fraction digits without trailing zeros
    pub w: usize,
    /// Visible fraction digits with trailing zeros
    pub f: u64,
    /// Visible fraction digits without trailing zeros
    pub t: u64,
}

impl<'a> TryFrom<&'a str> for PluralOperands {
    type Error = &'static str;

    /// Parses a decimal number such as `"-12.50"`. The sign is ignored; the fraction digits
    /// are counted as written, trailing zeros included.
    ///
    /// # Errors
    ///
    /// When the input is not a number, or its integer or fraction digits do not fit a `u64`.
    fn try_from(input: &'a str) -> Result<Self, Self::Error> {
        let abs_str = input.strip_prefix('-').unwrap_or(input);

        let absolute_value = f64::from_str(abs_str).map_err(|_| "Incorrect number passed!")?;

        let Some((int_str, dec_str)) = abs_str.split_once('.') else {
            // No visible fraction digits. `as` saturates: `1e30` gives `u64::MAX`.
            return Ok(PluralOperands {
                n: absolute_value,
                i: absolute_value as u64,
                v: 0,
                w: 0,
                f: 0,
                t: 0,
            });
        };

        let integer_digits =
            u64::from_str(int_str).map_err(|_| "Could not convert string to integer!")?;
        let without_trailing_zeros = dec_str.trim_end_matches('0');
        let fraction_digits0 =
            u64::from_str(dec_str).map_err(|_| "Could not convert string to integer!")?;
        let fraction_digits = u64::from_str(without_trailing_zeros).unwrap_or(0);

        Ok(PluralOperands {
            n: absolute_value,
            i: integer_digits,
            v: dec_str.len(),
            w: without_trailing_zeros.len(),
            f: fraction_digits0,
            t: fraction_digits,
        })
    }
}

macro_rules! impl_integer_type {
    ($($ty:ident)+) => {
        $(
            impl From<$ty> for PluralOperands {
                /// An unsigned integer: `i` is the number, no fraction digits.
                fn from(input: $ty) -> Self {
                    PluralOperands {
                        n: input as f64,
                        i: input as u64,
                        v: 0,
                        w: 0,
                        f: 0,
                        t: 0,
                    }
                }
            }
        )+
    };
}

macro_rules! impl_signed_integer_type {
    ($($ty:ident)+) => {
        $(
            impl TryFrom<$ty> for PluralOperands {
                type Error = &'static str;

                /// A signed integer: `i` is its absolute value, no fraction digits. Never
                /// fails (7.0.2 refused `i64::MIN`; its absolute value fits `u64`).
                fn try_from(input: $ty) -> Result<Self, Self::Error> {
                    let x = input.unsigned_abs() as u64;
                    Ok(PluralOperands {
                        n: x as f64,
                        i: x,
                        v: 0,
                        w: 0,
                        f: 0,
                        t: 0,
                    })
                }
            }
        )+
    };
}

macro_rules! impl_convert_type {
    ($($ty:ident)+) => {
        $(
            impl TryFrom<$ty> for PluralOperands {
                type Error = &'static str;

                /// Through the value's decimal string (for floats, the shortest one that
                /// reads back the same number: `1.5` has `v = 1`, `2.0` has `v = 0`).
                ///
                /// # Errors
                ///
                /// As for `&str`. Floats always convert (fluent-bundle relies on it): NaN
                /// reads as 0 and the infinities as `u64::MAX`, as in 7.0.2.
                fn try_from(input: $ty) -> Result<Self, Self::Error> {
                    let as_str: &str = &input.to_string();
                    PluralOperands::try_from(as_str)
                }
            }
        )+
    };
}

impl_integer_type!(u8 u16 u32 u64 usize);
impl_signed_integer_type!(i8 i16 i32 i64 isize);
impl_convert_type!(f32 f64 String);

/// Hands the operands to ICU4X field for field. ICU4X's compact-exponent operand (`c`/`e`)
/// has no counterpart here and is 0.
impl From<&PluralOperands> for icu_plurals::PluralOperands {
    fn from(po: &PluralOperands) -> Self {
        icu_plurals::RawPluralOperands {
            i: po.i,
            v: po.v,
            w: po.w,
            f: po.f,
            t: po.t,
            c: 0,
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::PluralOperands;
    use std::convert::TryFrom;

    fn ops(n: f64, i: u64, v: usize, w: usize, f: u64, t: u64) -> PluralOperands {
        PluralOperands { n, i, v, w, f, t }
    }

    #[test]
    fn strings_keep_their_visible_fraction_digits() {
        assert_eq!(PluralOperands::try_from("1"), Ok(ops(1.0, 1, 0, 0, 0, 0)));
        assert_eq!(PluralOperands::try_from("1.0"), Ok(ops(1.0, 1, 1, 0, 0, 0)));
        assert_eq!(
            PluralOperands::try_from("1.50"),
            Ok(ops(1.5, 1, 2, 1, 50, 5))
        );
        assert_eq!(
            PluralOperands::try_from("0.05"),
            Ok(ops(0.05, 0, 2, 2, 5, 5))
        );
        assert_eq!(
            PluralOperands::try_from("-10.010"),
            Ok(ops(10.01, 10, 3, 2, 10, 1))
        );
    }

    #[test]
    fn floats_go_through_their_shortest_string() {
        assert_eq!(
            PluralOperands::try_from(2.0_f64),
            Ok(ops(2.0, 2, 0, 0, 0, 0))
        );
        assert_eq!(
            PluralOperands::try_from(-1.5_f64),
            Ok(ops(1.5, 1, 1, 1, 5, 5))
        );
        assert_eq!(
            PluralOperands::try_from(1_000_000.0_f64),
            Ok(ops(1e6, 1_000_000, 0, 0, 0, 0))
        );
        // fluent-bundle `expect`s every f64 to convert: NaN and the infinities do, as in 7.0.2.
        assert_eq!(PluralOperands::try_from(f64::NAN).map(|o| o.i), Ok(0));
        assert_eq!(
            PluralOperands::try_from(f64::INFINITY).map(|o| o.i),
            Ok(u64::MAX)
        );
        assert_eq!(
            PluralOperands::try_from(1e-7_f64).map(|o| (o.v, o.f)),
            Ok((7, 1))
        );
    }

    #[test]
    fn integers() {
        assert_eq!(PluralOperands::from(7_u8), ops(7.0, 7, 0, 0, 0, 0));
        assert_eq!(
            PluralOperands::try_from(-21_i32),
            Ok(ops(21.0, 21, 0, 0, 0, 0))
        );
        assert_eq!(
            PluralOperands::try_from(i8::MIN),
            Ok(ops(128.0, 128, 0, 0, 0, 0))
        );
        assert_eq!(PluralOperands::try_from(i64::MIN).map(|o| o.i), Ok(1 << 63));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for input in ["", "-", "abc", "1.2.3", "1e3.5", "1c6", "."] {
            assert!(PluralOperands::try_from(input).is_err(), "{input:?}");
        }
    }
}
