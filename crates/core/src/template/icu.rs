//! Locale-aware number and date formatting with ICU4X 2 (compiled CLDR data), plugged into
//! Fluent: the bundle formatter for numbers, our own `NUMBER()` and `DATETIME()` functions and
//! the [`FluentDate`] value type.
//!
//! ICU formatters are cached per locale in a process-wide map ([`LocaleData`]), built on first
//! use; each bundle's intl memoizer keeps an `Arc` to its locale's entry, so a warm render does
//! no lookup in the global map at all.
//!
//! Fluent functions cannot report errors (they may only return `FluentValue::Error`, which the
//! resolver renders as `NUMBER()` without complaint), so problems go to a thread-local list that
//! [`crate::template::Renderer::render`] empties around each `format_pattern` call.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};

use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::types::{FluentNumber, FluentType};
use fluent_bundle::{FluentArgs, FluentValue};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder, ZoneStyle};
use icu_datetime::fieldsets::enums::{CompositeDateTimeFieldSet, CompositeFieldSet};
use icu_datetime::options::{Length, TimePrecision};
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::{LanguageIdentifier as IcuLangId, Locale};
use icu_time::zone::UtcOffset;
use icu_time::{DateTime, Time, TimeZone, ZonedDateTime};
use rustc_hash::FxHashMap;

use super::value::DateValue;

// ---------------------------------------------------------------------------------------------
// Problems reported by functions and value types during one render.

thread_local! {
    static PROBLEMS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Record a problem for the render running on this thread.
pub(crate) fn report(problem: String) {
    PROBLEMS.with(|p| p.borrow_mut().push(problem));
}

/// Take (and clear) the problems recorded on this thread.
pub(crate) fn take_problems() -> Vec<String> {
    PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

// ---------------------------------------------------------------------------------------------
// Per-locale ICU data.

/// `dateStyle` / `timeStyle` values, as in `Intl.DateTimeFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Full,
    Long,
    Medium,
    Short,
}

impl Style {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "full" => Self::Full,
            "long" => Self::Long,
            "medium" => Self::Medium,
            "short" => Self::Short,
            _ => return None,
        })
    }

    fn index(style: Option<Self>) -> usize {
        match style {
            None => 0,
            Some(Self::Full) => 1,
            Some(Self::Long) => 2,
            Some(Self::Medium) => 3,
            Some(Self::Short) => 4,
        }
    }
}

enum DateFormatter {
    Plain(Box<FixedCalendarDateTimeFormatter<Gregorian, CompositeDateTimeFieldSet>>),
    Zoned(Box<FixedCalendarDateTimeFormatter<Gregorian, CompositeFieldSet>>),
}

/// Number of (date style, time style, zoned) combinations: 5 x 5 x 2.
const DATE_FORMATTERS: usize = 50;

/// ICU formatters for one locale, each built on first use.
pub(crate) struct LocaleData {
    /// Candidates tried in order when a formatter is built: the locale, its language alone,
    /// then `en`. (ICU4X compiled data already falls back from `de-AT` to `de` to root; this
    /// chain covers locales for which construction fails outright.)
    candidates: Vec<Locale>,
    /// Index 0: grouping per locale; 1: no grouping (`useGrouping: "false"`).
    decimal: [OnceLock<Option<DecimalFormatter>>; 2],
    dates: [OnceLock<Option<DateFormatter>>; DATE_FORMATTERS],
}

impl std::fmt::Debug for LocaleData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocaleData")
            .field("candidates", &self.candidates)
            .finish_non_exhaustive()
    }
}

static LOCALES: LazyLock<RwLock<FxHashMap<String, Arc<LocaleData>>>> =
    LazyLock::new(|| RwLock::new(FxHashMap::default()));

impl LocaleData {
    /// The shared entry for a locale (by its unic-langid form, e.g. `zh-CN`).
    pub(crate) fn get(lang: &unic_langid::LanguageIdentifier) -> Arc<LocaleData> {
        let tag = lang.to_string();
        if let Some(data) = LOCALES.read().unwrap_or_else(|e| e.into_inner()).get(&tag) {
            return Arc::clone(data);
        }
        let mut map = LOCALES.write().unwrap_or_else(|e| e.into_inner());
        Arc::clone(
            map.entry(tag.clone())
                .or_insert_with(|| Arc::new(LocaleData::new(&tag))),
        )
    }

    fn new(tag: &str) -> Self {
        let mut candidates = Vec::with_capacity(3);
        if let Ok(locale) = Locale::try_from_str(tag) {
            let language = Locale::from(IcuLangId::from(locale.id.language));
            candidates.push(locale);
            if !candidates.contains(&language) {
                candidates.push(language);
            }
        }
        if let Ok(en) = Locale::try_from_str("en")
            && !candidates.contains(&en)
        {
            candidates.push(en);
        }
        Self {
            candidates,
            decimal: Default::default(),
            dates: std::array::from_fn(|_| OnceLock::new()),
        }
    }

    /// First formatter that builds along the fallback chain.
    fn build<T, E>(&self, make: impl Fn(&Locale) -> Result<T, E>) -> Option<T> {
        self.candidates.iter().find_map(|locale| make(locale).ok())
    }

    fn decimal(&self, grouping: bool) -> Option<&DecimalFormatter> {
        let slot = &self.decimal[usize::from(!grouping)];
        slot.get_or_init(|| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(if grouping {
                GroupingStrategy::Auto
            } else {
                GroupingStrategy::Never
            });
            self.build(|locale| DecimalFormatter::try_new(locale.into(), options))
        })
        .as_ref()
    }

    fn date(
        &self,
        date: Option<Style>,
        time: Option<Style>,
        zoned: bool,
    ) -> Option<&DateFormatter> {
        let index = (Style::index(date) * 5 + Style::index(time)) * 2 + usize::from(zoned);
        self.dates[index]
            .get_or_init(|| {
                let builder = field_set_builder(date, time, zoned);
                self.build(|locale| {
                    let prefs = DateTimeFormatterPreferences::from(locale);
                    if zoned {
                        let fields = builder.clone().build_composite().map_err(|_| ())?;
                        FixedCalendarDateTimeFormatter::try_new(prefs, fields)
                            .map(|f| DateFormatter::Zoned(Box::new(f)))
                            .map_err(|_| ())
                    } else {
                        let fields = builder.clone().build_composite_datetime().map_err(|_| ())?;
                        FixedCalendarDateTimeFormatter::try_new(prefs, fields)
                            .map(|f| DateFormatter::Plain(Box::new(f)))
                            .map_err(|_| ())
                    }
                })
            })
            .as_ref()
    }
}

/// ECMA-402 `dateStyle`/`timeStyle` to an ICU4X 2 field set, as fluent-datetime does it:
/// full = weekday + long date; long/full time add the zone (here: the UTC offset, the only zone
/// information a [`DateValue`] has).
fn field_set_builder(date: Option<Style>, time: Option<Style>, zoned: bool) -> FieldSetBuilder {
    let mut builder = FieldSetBuilder::new();
    if let Some(date) = date {
        builder.date_fields = Some(if date == Style::Full {
            DateFields::YMDE
        } else {
            DateFields::YMD
        });
        builder.length = Some(match date {
            Style::Full | Style::Long => Length::Long,
            Style::Medium => Length::Medium,
            Style::Short => Length::Short,
        });
    }
    if let Some(time) = time {
        builder.time_precision = Some(if time == Style::Short {
            TimePrecision::Minute
        } else {
            TimePrecision::Second
        });
        if date.is_none() {
            builder.length = Some(match time {
                Style::Full | Style::Long => Length::Long,
                Style::Medium => Length::Medium,
                Style::Short => Length::Short,
            });
        }
        if zoned {
            builder.zone_style = Some(if time == Style::Full {
                ZoneStyle::LocalizedOffsetLong
            } else {
                ZoneStyle::LocalizedOffsetShort
            });
        }
    }
    builder
}

/// Gives every bundle's intl memoizer a handle on the shared [`LocaleData`] of its locale.
#[derive(Debug)]
pub(crate) struct Icu(pub Arc<LocaleData>);

impl intl_memoizer::Memoizable for Icu {
    type Args = ();
    type Error = std::convert::Infallible;

    fn construct(lang: unic_langid::LanguageIdentifier, _args: ()) -> Result<Self, Self::Error> {
        Ok(Icu(LocaleData::get(&lang)))
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/// The bundle formatter (`FluentBundle::set_formatter`): every number the bundle writes, bare
/// `{ $n }` as well as `NUMBER(...)`, is formatted for the locale like `Intl.NumberFormat`
/// (grouping, decimal separator, digits; at most 3 fraction digits unless told otherwise).
/// Other values fall through to Fluent's own formatting.
pub(crate) fn format_value(
    value: &FluentValue,
    intls: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    intls
        .with_try_get::<Icu, _, _>((), |icu| format_number(&icu.0, number))
        .ok()
        .flatten()
}

/// Format a Fluent number: honours `minimumFractionDigits`, `maximumFractionDigits`,
/// `minimumIntegerDigits`, `minimumSignificantDigits`, `maximumSignificantDigits` and
/// `useGrouping: "false"`, rounding half away from zero like ECMA-402. `style` and `currency`
/// are not supported (the number is formatted as a plain decimal).
pub(crate) fn format_number(data: &LocaleData, number: &FluentNumber) -> Option<String> {
    if !number.value.is_finite() {
        return None;
    }
    // f64's Display is the shortest round-trip decimal and never uses an exponent.
    let mut decimal = Decimal::try_from_str(&number.value.to_string()).ok()?;
    let options = &number.options;
    let clamp = |n: usize| i16::try_from(n.min(100)).unwrap_or(100);
    let half_expand = SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);
    if options.minimum_significant_digits.is_some() || options.maximum_significant_digits.is_some()
    {
        if let Some(max) = options.maximum_significant_digits {
            let top = decimal.absolute.nonzero_magnitude_start();
            decimal.round_with_mode(top - clamp(max.max(1)) + 1, half_expand);
        }
        decimal.absolute.trim_end();
        if let Some(min) = options.minimum_significant_digits {
            let top = decimal.absolute.nonzero_magnitude_start();
            decimal.absolute.pad_end(top - clamp(min) + 1);
        }
    } else {
        let min = options.minimum_fraction_digits.unwrap_or(0);
        // An explicit maximum wins over a minimum (which Fluent also derives from literals:
        // `NUMBER(2.5, maximumFractionDigits: 0)` is 3); ECMA-402 would throw instead.
        let (min, max) = match options.maximum_fraction_digits {
            Some(max) => (min.min(max), max),
            None => (min, min.max(3)),
        };
        decimal.round_with_mode(-clamp(max), half_expand);
        decimal.absolute.trim_end();
        decimal.absolute.pad_end(-clamp(min));
    }
    if let Some(min) = options.minimum_integer_digits {
        decimal.absolute.pad_start(clamp(min));
    }
    let formatter = data.decimal(options.use_grouping)?;
    Some(formatter.format(&decimal).to_string())
}

/// `NUMBER($x, option: value, ...)`: like Fluent's builtin, but also takes numeric text
/// (`"007"`, a number that was kept as text) and reports what is wrong instead of silently
/// printing `NUMBER()`.
#[allow(non_snake_case)]
pub(crate) fn NUMBER<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let mut number = match positional.first() {
        Some(FluentValue::Number(n)) => n.clone(),
        Some(FluentValue::String(s)) if is_preview_marker(s) => {
            return FluentValue::String(s.clone());
        }
        Some(FluentValue::String(s)) => match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => FluentNumber::new(v, Default::default()),
            _ => {
                report(format!("NUMBER() needs a number, got \"{s}\""));
                return FluentValue::Error;
            }
        },
        // A missing variable: the resolver has reported it already.
        Some(FluentValue::Error) => return FluentValue::Error,
        Some(FluentValue::Custom(_)) => {
            report("NUMBER() needs a number, got a date".into());
            return FluentValue::Error;
        }
        Some(FluentValue::None) | None => {
            report("NUMBER() needs a number as its first argument".into());
            return FluentValue::Error;
        }
    };
    number.options.merge(named);
    FluentValue::Number(number)
}

/// A preview's stand-in for a missing value (`⟨eta⟩`, see `crate::reply::missing_marker`):
/// `NUMBER()` and `DATETIME()` pass it through so the palette can show the rest of the text.
/// A real render never gets here with one, because it refuses missing values first.
fn is_preview_marker(s: &str) -> bool {
    s.starts_with('⟨') && s.ends_with('⟩')
}

// ---------------------------------------------------------------------------------------------
// Dates.

/// A date value inside Fluent, with the styles `DATETIME()` gave it. Without styles it renders
/// as a medium date (`May 1, 2024`, `1 мая 2024 г.`). Dates use the Gregorian calendar in every
/// locale: they are shipping and payment dates that must match the shop's own records.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FluentDate {
    pub value: DateValue,
    pub date_style: Option<Style>,
    pub time_style: Option<Style>,
}

impl FluentDate {
    pub(crate) fn new(value: DateValue) -> Self {
        Self {
            value,
            date_style: None,
            time_style: None,
        }
    }

    /// CLDR separates some date parts with U+202F NARROW NO-BREAK SPACE (`1 мая 2024 г.`,
    /// `2:05 PM`). Marketplace chat widgets, e-mail and SMS gateways render it as a box or a
    /// wide gap, so pasted dates use a plain space.
    fn format(&self, data: &LocaleData) -> Option<String> {
        self.format_icu(data)
            .map(|s| s.replace(['\u{202f}', '\u{2009}'], " "))
    }

    fn format_icu(&self, data: &LocaleData) -> Option<String> {
        let (date_style, time_style) = match (self.date_style, self.time_style) {
            (None, None) => (Some(Style::Medium), None),
            styles => styles,
        };
        let v = &self.value;
        let t = v.time.unwrap_or(super::value::TimeOfDay {
            hour: 0,
            minute: 0,
            second: 0,
        });
        let date = Date::try_new_gregorian(v.year, v.month, v.day).ok()?;
        let time = Time::try_new(t.hour, t.minute, t.second, 0).ok()?;
        let offset = match (time_style, v.offset_seconds) {
            (Some(Style::Long | Style::Full), Some(seconds)) => {
                Some(UtcOffset::try_from_seconds(seconds).ok()?)
            }
            _ => None,
        };
        match (data.date(date_style, time_style, offset.is_some())?, offset) {
            (DateFormatter::Plain(f), _) => Some(f.format(&DateTime { date, time }).to_string()),
            (DateFormatter::Zoned(f), Some(offset)) => {
                let iso = DateTime {
                    date: Date::try_new_iso(v.year, v.month, v.day).ok()?,
                    time,
                };
                let zone = TimeZone::UNKNOWN
                    .with_offset(Some(offset))
                    .at_date_time(iso);
                Some(f.format(&ZonedDateTime { date, time, zone }).to_string())
            }
            (DateFormatter::Zoned(_), None) => None,
        }
    }

    fn format_or_report(&self, data: &LocaleData) -> Cow<'static, str> {
        match self.format(data) {
            Some(s) => s.into(),
            None => {
                report(format!("cannot format the date {}", self.value));
                self.value.to_string().into()
            }
        }
    }
}

impl FluentType for FluentDate {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, intls: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        match intls.with_try_get::<Icu, _, _>((), |icu| self.format_or_report(&icu.0)) {
            Ok(s) => s,
            Err(never) => match never {},
        }
    }

    fn as_string_threadsafe(
        &self,
        intls: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        match intls.with_try_get::<Icu, _, _>((), |icu| self.format_or_report(&icu.0)) {
            Ok(s) => s,
            Err(never) => match never {},
        }
    }
}

/// `DATETIME($d, dateStyle: "medium", timeStyle: "short")`. Takes a date value or text in
/// ISO 8601 / RFC 3339 form. Other `Intl.DateTimeFormat` options (`month`, `weekday`, ...) are
/// ignored; bad style values and non-dates are reported.
#[allow(non_snake_case)]
pub(crate) fn DATETIME<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let mut date = match positional.first() {
        // `as_ref()`: the box itself also implements `AnyEq`, and would downcast as a box.
        Some(FluentValue::Custom(custom)) => {
            match custom.as_ref().as_any().downcast_ref::<FluentDate>() {
                Some(d) => d.clone(),
                None => {
                    report("DATETIME() needs a date".into());
                    return FluentValue::Error;
                }
            }
        }
        Some(FluentValue::String(s)) if is_preview_marker(s) => {
            return FluentValue::String(s.clone());
        }
        Some(FluentValue::String(s)) => match DateValue::parse(s.trim()) {
            Some(d) => FluentDate::new(d),
            None => {
                report(format!("DATETIME() needs a date (YYYY-MM-DD), got \"{s}\""));
                return FluentValue::Error;
            }
        },
        Some(FluentValue::Error) => return FluentValue::Error,
        Some(FluentValue::Number(n)) => {
            report(format!(
                "DATETIME() needs a date, got the number {}",
                n.value
            ));
            return FluentValue::Error;
        }
        Some(FluentValue::None) | None => {
            report("DATETIME() needs a date as its first argument".into());
            return FluentValue::Error;
        }
    };
    for (name, value) in named.iter() {
        let slot = match name {
            "dateStyle" => &mut date.date_style,
            "timeStyle" => &mut date.time_style,
            _ => continue,
        };
        match value {
            FluentValue::String(s) if Style::parse(s).is_some() => *slot = Style::parse(s),
            _ => {
                report(format!(
                    "DATETIME(): {name} must be \"full\", \"long\", \"medium\" or \"short\""
                ));
                return FluentValue::Error;
            }
        }
    }
    FluentValue::Custom(Box::new(date))
}
