//! `intl_pluralrules` 7.0.2's API, answered by ICU4X [`icu_plurals`] (current CLDR).
//!
//! # Why this crate exists
//!
//! fluent-bundle 0.16 (and intl-memoizer) pick the plural variant of a message (`[one]`,
//! `[few]`, …) through the crates.io crate `intl_pluralrules` 7.0.2. Its rules are generated
//! code that is wrong in two ways:
//!
//! * the generator drops `n % 100` and `n % 10`: Arabic `n % 100 = 3..10` became
//!   `i = 3..10`, so 103 is `other` instead of `few` and 111 `other` instead of `many`;
//!   Lithuanian 22, 25, 102 and Romanian 101–119 go wrong the same way;
//! * the data is CLDR 37: French, Spanish, Italian and Portuguese have no `many` for
//!   1 000 000, Hebrew still has the `many` that CLDR 42 removed.
//!
//! This crate has the same package name and version, so the workspace root substitutes it
//! with `[patch.crates-io]`, and it keeps every public item fluent-bundle and intl-memoizer
//! use ([`PluralRules::create`], [`PluralRules::select`], [`PluralRules::get_locales`],
//! [`PluralRules::get_locale`], [`PluralRuleType`], [`PluralCategory`],
//! [`operands::PluralOperands`] with its fields and conversions, [`CLDR_VERSION`]). Selection
//! is delegated to `icu_plurals` with its compiled data, which is current CLDR (see
//! [`CLDR_VERSION`]) and evaluates the rules as written. The operands go to ICU4X field for
//! field (`i`, `v`, `w`, `f`, `t`), so visible fraction digits count: `"1.0"` is `other` in
//! English while `"1"` is `one`.
//!
//! Differences from 7.0.2, all on purpose:
//!
//! * [`PluralRules::create`] does not fail for a locale without rules: it falls back to the
//!   language alone, then to root, whose only category is `other`;
//! * [`PluralRules::get_locales`] lists the locales ICU4X has rules for, plus the CLDR
//!   locales it folds into others (`ja` into root, `nb` into `no`), so that fluent-bundle's
//!   negotiation finds them;
//! * [`categories`] is new: the categories a locale distinguishes, for editors and machine
//!   translation;
//! * signed integers never fail to convert (7.0.2 refused `i64::MIN`);
//! * [`PluralRules`] and [`PluralRuleType`] implement `Debug`.
//!
//! # Examples
//!
//! ```
//! use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
//! use unic_langid::LanguageIdentifier;
//!
//! let ar: LanguageIdentifier = "ar".parse().expect("Parsing failed.");
//! let pr = PluralRules::create(ar, PluralRuleType::CARDINAL).expect("rules for ar");
//! assert_eq!(pr.select(103), Ok(PluralCategory::FEW));
//! assert_eq!(pr.select(111), Ok(PluralCategory::MANY));
//! assert_eq!(pr.select("100"), Ok(PluralCategory::OTHER));
//!
//! let en: LanguageIdentifier = "en".parse().expect("Parsing failed.");
//! let pr = PluralRules::create(en, PluralRuleType::CARDINAL).expect("rules for en");
//! assert_eq!(pr.select("1"), Ok(PluralCategory::ONE));
//! assert_eq!(pr.select("1.0"), Ok(PluralCategory::OTHER));
//! ```

#![warn(missing_docs)]

mod cldr_locales;
pub mod operands;

use std::collections::BTreeSet;
use std::convert::TryInto;
use std::sync::Arc;

use icu_locale_core::LanguageIdentifier as IcuLanguageIdentifier;
use icu_plurals::PluralRuleType as IcuPluralRuleType;
use icu_plurals::PluralRules as IcuPluralRules;
use icu_provider::{
    DataError, DataErrorKind, DataMarker, DataProvider, DataRequest, DataResponse,
    IterableDataProvider,
};
use unic_langid::LanguageIdentifier;

use crate::operands::PluralOperands;

/// A public enum for handling the plural category.
/// Each plural category will vary, depending on the language that is being used and whether that language has that plural category.
#[derive(Debug, Eq, PartialEq)]
pub enum PluralCategory {
    /// CLDR `zero` (Arabic 0, Welsh 0, Latvian 10).
    ZERO,
    /// CLDR `one`.
    ONE,
    /// CLDR `two`.
    TWO,
    /// CLDR `few` (Arabic 103, Russian 22).
    FEW,
    /// CLDR `many` (Arabic 111, Russian 25, French 1 000 000).
    MANY,
    /// CLDR `other`, which every locale has.
    OTHER,
}

/// A public enum for handling plural type.
#[derive(Copy, Clone, Debug, Hash, PartialEq, Eq)]
pub enum PluralRuleType {
    /// Ordinal numbers express position or rank in a sequence. [More about oridinal numbers](https://en.wikipedia.org/wiki/Ordinal_number_(linguistics))
    ORDINAL,
    /// Cardinal numbers are natural numbers. [More about cardinal numbers](https://en.wikipedia.org/wiki/Cardinal_number)
    CARDINAL,
}

/// CLDR_VERSION is the major version of the CLDR release the rules come from: that of the
/// compiled data of `icu_plurals` (7.0.2 had 37).
pub static CLDR_VERSION: usize = major_version(icu_plurals_data::cldr_tag!());

/// The leading number of a version string such as `"49.0.0"`.
const fn major_version(tag: &str) -> usize {
    let bytes = tag.as_bytes();
    let mut major = 0;
    let mut at = 0;
    while at < bytes.len() && bytes[at].is_ascii_digit() {
        major = major * 10 + (bytes[at] - b'0') as usize;
        at += 1;
    }
    major
}

/// The main structure for selecting plural rules.
///
/// Cloning is cheap (the rules are shared), and the type is `Send` and `Sync`, as fluent's
/// concurrent bundles need.
///
/// # Examples
///
/// ```
/// use intl_pluralrules::{PluralRules, PluralRuleType, PluralCategory};
/// use unic_langid::LanguageIdentifier;
///
/// let langid: LanguageIdentifier = "ru".parse().expect("Parsing failed.");
/// let pr = PluralRules::create(langid, PluralRuleType::CARDINAL).unwrap();
/// assert_eq!(pr.select(21), Ok(PluralCategory::ONE));
/// assert_eq!(pr.select("22"), Ok(PluralCategory::FEW));
/// assert_eq!(pr.select(25.0), Ok(PluralCategory::MANY));
/// assert_eq!(pr.select(1.5), Ok(PluralCategory::OTHER));
/// ```
#[derive(Clone, Debug)]
pub struct PluralRules {
    locale: LanguageIdentifier,
    rules: Arc<IcuPluralRules>,
}

impl PluralRules {
    /// Returns an instance of PluralRules.
    ///
    /// A locale ICU4X has no rules for gets those of its language alone (`ar-EG` those of
    /// `ar`, following CLDR's parent locales where they exist), and a language without
    /// rules those of root, whose only category is `other`.
    ///
    /// # Errors
    ///
    /// Only if ICU4X's compiled data has not even root rules, which does not happen with the
    /// data it ships.
    ///
    /// # Examples
    /// ```
    /// use intl_pluralrules::{PluralRules, PluralRuleType, PluralCategory};
    /// use unic_langid::LanguageIdentifier;
    ///
    /// let langid: LanguageIdentifier = "xx".parse().expect("Parsing failed.");
    /// let pr = PluralRules::create(langid, PluralRuleType::CARDINAL).unwrap();
    /// assert_eq!(pr.select(1), Ok(PluralCategory::OTHER));
    /// ```
    pub fn create<L: Into<LanguageIdentifier>>(
        langid: L,
        prt: PluralRuleType,
    ) -> Result<Self, &'static str> {
        let locale = langid.into();
        let rules = load(&locale, prt).ok_or("unknown locale")?;
        Ok(Self {
            locale,
            rules: Arc::new(rules),
        })
    }

    /// Returns a result of the plural category for the given input.
    ///
    /// Integers, floats, strings and [`PluralOperands`] are accepted; strings keep their
    /// visible fraction digits (`"1.0"` is not `"1"`).
    ///
    /// # Errors
    ///
    /// If the input is not numeric.
    ///
    /// # Examples
    /// ```
    /// use intl_pluralrules::{PluralRules, PluralRuleType, PluralCategory};
    /// use unic_langid::LanguageIdentifier;
    ///
    /// let langid: LanguageIdentifier = "en".parse().expect("Parsing failed.");
    /// let pr = PluralRules::create(langid, PluralRuleType::ORDINAL).unwrap();
    /// assert_eq!(pr.select(22), Ok(PluralCategory::TWO));
    /// assert_eq!(pr.select(13), Ok(PluralCategory::OTHER));
    /// assert!(pr.select("many").is_err());
    /// ```
    pub fn select<N: TryInto<PluralOperands>>(
        &self,
        number: N,
    ) -> Result<PluralCategory, &'static str> {
        let operands: PluralOperands = number
            .try_into()
            .map_err(|_| "Argument can not be parsed to operands.")?;
        Ok(from_icu(self.rules.category_for(
            icu_plurals::PluralOperands::from(&operands),
        )))
    }

    /// Returns a list of the available locales.
    ///
    /// fluent-bundle negotiates the locale it passes to [`PluralRules::create`] against
    /// this list (falling back to `en` when nothing matches), so it names every locale that
    /// gets CLDR's rules here:
    ///
    /// * every locale of ICU4X's data;
    /// * every CLDR locale that ICU4X resolves without falling back to root (`nb` and `nn`,
    ///   whose rules ICU4X keeps only under their parent `no`);
    /// * every CLDR locale whose only category is `other` (`ja`, `zh`, `th`; ICU4X folds
    ///   them into root).
    ///
    /// Root itself (`und`) is left out: as a range it would match any locale. Within a
    /// language, more specific locales come first (`pt-PT` before `pt`), so that a lookup
    /// for `pt-PT` or `kok-Latn-IN` finds them rather than the bare language.
    ///
    /// # Examples
    /// ```
    /// use intl_pluralrules::{PluralRules, PluralRuleType};
    /// use unic_langid::LanguageIdentifier;
    ///
    /// let ja: LanguageIdentifier = "ja".parse().expect("Parsing failed.");
    /// assert!(PluralRules::get_locales(PluralRuleType::CARDINAL).contains(&ja));
    /// ```
    pub fn get_locales(prt: PluralRuleType) -> Vec<LanguageIdentifier> {
        let (cldr, other_only) = match prt {
            PluralRuleType::CARDINAL => (cldr_locales::CARDINAL, cldr_locales::CARDINAL_OTHER_ONLY),
            PluralRuleType::ORDINAL => (cldr_locales::ORDINAL, cldr_locales::ORDINAL_OTHER_ONLY),
        };
        let resolved = cldr.iter().filter(|name| {
            IcuLanguageIdentifier::try_from_str(name)
                .is_ok_and(|id| load_not_root(&id, prt).is_some())
        });
        let names: BTreeSet<String> = icu_locales(prt)
            .into_iter()
            .chain(resolved.chain(other_only).map(|name| (*name).to_owned()))
            .filter(|name| name != "und")
            .collect();
        let mut locales: Vec<LanguageIdentifier> =
            names.iter().filter_map(|name| name.parse().ok()).collect();
        locales.sort_by_cached_key(|l| {
            let subtags = usize::from(l.script.is_some())
                + usize::from(l.region.is_some())
                + l.variants().len();
            (
                l.language.to_string(),
                std::cmp::Reverse(subtags),
                l.to_string(),
            )
        });
        locales
    }

    /// Returns the locale name for this PluralRule instance: the one it was created for,
    /// even where the rules are those of its language or of root.
    ///
    /// # Examples
    /// ```
    /// use intl_pluralrules::{PluralRules, PluralRuleType};
    /// use unic_langid::LanguageIdentifier;
    ///
    /// let langid: LanguageIdentifier = "ar-EG".parse().expect("Parsing failed.");
    /// let pr = PluralRules::create(langid.clone(), PluralRuleType::CARDINAL).unwrap();
    /// assert_eq!(pr.get_locale(), &langid);
    /// ```
    pub fn get_locale(&self) -> &LanguageIdentifier {
        &self.locale
    }
}

/// The plural categories `langid` distinguishes, in CLDR order (`ZERO`, `ONE`, `TWO`, `FEW`,
/// `MANY`, `OTHER`), with the same fallback as [`PluralRules::create`]: a language without
/// rules has only `OTHER`.
///
/// # Examples
///
/// ```
/// use intl_pluralrules::{categories, PluralCategory, PluralRuleType};
/// use unic_langid::LanguageIdentifier;
///
/// let fr: LanguageIdentifier = "fr".parse().expect("Parsing failed.");
/// assert_eq!(
///     categories(&fr, PluralRuleType::CARDINAL),
///     [PluralCategory::ONE, PluralCategory::MANY, PluralCategory::OTHER]
/// );
/// let ja: LanguageIdentifier = "ja".parse().expect("Parsing failed.");
/// assert_eq!(categories(&ja, PluralRuleType::CARDINAL), [PluralCategory::OTHER]);
/// ```
pub fn categories(langid: &LanguageIdentifier, prt: PluralRuleType) -> Vec<PluralCategory> {
    match load(langid, prt) {
        Some(rules) => rules.categories().map(from_icu).collect(),
        None => vec![PluralCategory::OTHER],
    }
}

/// ICU4X's rules for `langid`: those of the whole identifier (ICU4X falls back along CLDR's
/// parent locales: `ar-EG` to `ar`, `nb` to `no`), else those of its language alone, else
/// root's.
///
/// The middle step matters where ICU4X's fallback skips the language: it goes from
/// `ru-Latn` straight to root, since Latin is not Russian's default script, but plural rules
/// belong to the language whatever its script.
fn load(langid: &LanguageIdentifier, prt: PluralRuleType) -> Option<IcuPluralRules> {
    let whole = IcuLanguageIdentifier::try_from_str(&langid.to_string()).ok();
    let language = IcuLanguageIdentifier::try_from_str(langid.language.as_str()).ok();
    [whole, language]
        .iter()
        .flatten()
        .find_map(|id| load_not_root(id, prt))
        .or_else(|| {
            IcuPluralRules::try_new((&IcuLanguageIdentifier::UNKNOWN).into(), options(prt)).ok()
        })
}

/// ICU4X's rules for `id` unless they are root's by fallback (root's own are fine for `und`).
fn load_not_root(id: &IcuLanguageIdentifier, prt: PluralRuleType) -> Option<IcuPluralRules> {
    IcuPluralRules::try_new_unstable(&NotRoot, id.into(), options(prt)).ok()
}

fn options(prt: PluralRuleType) -> icu_plurals::PluralRulesOptions {
    match prt {
        PluralRuleType::CARDINAL => IcuPluralRuleType::Cardinal,
        PluralRuleType::ORDINAL => IcuPluralRuleType::Ordinal,
    }
    .into()
}

/// The locales ICU4X's compiled data has rules under (`und` included).
fn icu_locales(prt: PluralRuleType) -> Vec<String> {
    let ids =
        match prt {
            PluralRuleType::CARDINAL => IterableDataProvider::<
                icu_plurals::provider::PluralsCardinalV1,
            >::iter_ids(&BakedLocales),
            PluralRuleType::ORDINAL => IterableDataProvider::<
                icu_plurals::provider::PluralsOrdinalV1,
            >::iter_ids(&BakedLocales),
        };
    ids.unwrap_or_default()
        .into_iter()
        .filter(|id| id.marker_attributes.is_empty())
        .map(|id| id.locale.to_string())
        .collect()
}

/// icu_plurals' compiled data (the provider its compiled-data constructors use), except that
/// a request that would fall back to root fails instead, so that [`load`] can try the
/// language alone first.
struct NotRoot;

impl<M: DataMarker> DataProvider<M> for NotRoot
where
    icu_plurals::provider::Baked: DataProvider<M>,
{
    fn load(&self, req: DataRequest) -> Result<DataResponse<M>, DataError> {
        let response = icu_plurals::provider::Baked.load(req)?;
        let fell_back_to_root = response
            .metadata
            .locale
            .as_ref()
            .is_some_and(|locale| locale.is_unknown());
        if fell_back_to_root && !req.id.locale.is_unknown() {
            // `with_marker`, not `with_req`: the latter logs the request, and in debug builds
            // without the `logging` feature ICU4X logs with eprintln!, which would put a line on
            // the CLI's stderr for every language tried. Not finding one here is expected.
            return Err(DataErrorKind::IdentifierNotFound.with_marker(M::INFO));
        }
        Ok(response)
    }
}

fn from_icu(category: icu_plurals::PluralCategory) -> PluralCategory {
    match category {
        icu_plurals::PluralCategory::Zero => PluralCategory::ZERO,
        icu_plurals::PluralCategory::One => PluralCategory::ONE,
        icu_plurals::PluralCategory::Two => PluralCategory::TWO,
        icu_plurals::PluralCategory::Few => PluralCategory::FEW,
        icu_plurals::PluralCategory::Many => PluralCategory::MANY,
        icu_plurals::PluralCategory::Other => PluralCategory::OTHER,
    }
}

/// The compiled data icu_plurals uses (the same `icu_plurals_data` crate and version), here
/// only to list its locales: icu_plurals' own baked provider cannot enumerate them.
#[derive(Debug)]
struct BakedLocales;

#[allow(unused_imports)]
const _: () = {
    use icu_plurals_data::*;
    // The data macros name the component crate as `icu::plurals`.
    mod icu {
        pub use icu_plurals as plurals;
    }
    make_provider!(BakedLocales);
    impl_plurals_cardinal_v1!(BakedLocales, ITER);
    impl_plurals_ordinal_v1!(BakedLocales, ITER);
};

// fluent-bundle's concurrent memoizer shares PluralRules between threads, as 7.0.2 allowed.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<PluralRules>();
};

#[cfg(test)]
mod tests {
    use super::*;

    fn langid(s: &str) -> LanguageIdentifier {
        s.parse().expect("valid language identifier")
    }

    #[test]
    fn cldr_version_is_that_of_the_icu_data() {
        assert_eq!(
            CLDR_VERSION.to_string(),
            icu_plurals_data::cldr_tag!().split('.').next().unwrap()
        );
        assert!(CLDR_VERSION >= 46, "{CLDR_VERSION}");
    }

    #[test]
    fn unknown_locales_fall_back_to_the_language_then_root() {
        let ar_eg = PluralRules::create(langid("ar-EG"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(ar_eg.select(103), Ok(PluralCategory::FEW));
        assert_eq!(ar_eg.get_locale(), &langid("ar-EG"));
        let ru_x = PluralRules::create(langid("ru-Latn-XX"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(ru_x.select(22), Ok(PluralCategory::FEW));
        for unknown in ["xx", "und", "zxx-Zzzz-001"] {
            for prt in [PluralRuleType::CARDINAL, PluralRuleType::ORDINAL] {
                let pr = PluralRules::create(langid(unknown), prt).unwrap();
                for n in [0, 1, 2, 3, 11, 100] {
                    assert_eq!(pr.select(n), Ok(PluralCategory::OTHER), "{unknown} {n}");
                }
                assert_eq!(categories(&langid(unknown), prt), [PluralCategory::OTHER]);
            }
        }
    }

    #[test]
    fn pt_pt_is_not_pt() {
        let pt = PluralRules::create(langid("pt"), PluralRuleType::CARDINAL).unwrap();
        let pt_pt = PluralRules::create(langid("pt-PT"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(pt.select("0.5"), Ok(PluralCategory::ONE));
        assert_eq!(pt_pt.select("0.5"), Ok(PluralCategory::OTHER));
    }

    #[test]
    fn select_accepts_every_input_type_fluent_and_callers_use() {
        let pr = PluralRules::create(langid("en"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(pr.select(1_u8), Ok(PluralCategory::ONE));
        assert_eq!(pr.select(-1_i64), Ok(PluralCategory::ONE));
        assert_eq!(pr.select(1_usize), Ok(PluralCategory::ONE));
        assert_eq!(pr.select(1.0_f64), Ok(PluralCategory::ONE));
        assert_eq!(pr.select(1.5_f32), Ok(PluralCategory::OTHER));
        assert_eq!(pr.select(String::from("1.0")), Ok(PluralCategory::OTHER));
        assert_eq!(
            pr.select(PluralOperands::try_from("1").unwrap()),
            Ok(PluralCategory::ONE)
        );
        assert_eq!(
            pr.select("one"),
            Err("Argument can not be parsed to operands.")
        );
        // As in 7.0.2 (fluent-bundle expects floats to convert): NaN reads as 0.
        assert_eq!(pr.select(f64::NAN), Ok(PluralCategory::OTHER));
    }

    #[test]
    fn get_locales_lists_icu_data_and_other_only_locales_without_root() {
        let cardinal = PluralRules::get_locales(PluralRuleType::CARDINAL);
        for name in [
            "ar", "en", "fr", "he", "pt", "pt-PT", "ru", "ja", "zh", "th", "ms",
        ] {
            assert!(cardinal.contains(&langid(name)), "{name}");
        }
        assert!(!cardinal.contains(&langid("und")));
        let at = |name: &str| cardinal.iter().position(|l| *l == langid(name)).unwrap();
        assert!(at("pt-PT") < at("pt"));
        assert!(at("kok-Latn") < at("kok"));

        let ordinal = PluralRules::get_locales(PluralRuleType::ORDINAL);
        for name in ["en", "fr", "cy", "ru", "de", "ja", "ar"] {
            assert!(ordinal.contains(&langid(name)), "{name}");
        }
        for (locales, prt) in [
            (cardinal, PluralRuleType::CARDINAL),
            (ordinal, PluralRuleType::ORDINAL),
        ] {
            for locale in locales {
                PluralRules::create(locale.clone(), prt).unwrap();
            }
        }
    }

    /// The other-only CLDR locales get_locales adds get only `OTHER` here, unless a newer
    /// CLDR in ICU4X gave them rules (then ICU4X lists them itself).
    #[test]
    fn other_only_locales_not_in_icu_data_have_only_other() {
        for (names, prt) in [
            (cldr_locales::CARDINAL_OTHER_ONLY, PluralRuleType::CARDINAL),
            (cldr_locales::ORDINAL_OTHER_ONLY, PluralRuleType::ORDINAL),
        ] {
            let listed = icu_locales(prt);
            for name in names {
                if !listed.iter().any(|l| l == name) {
                    let categories = categories(&langid(name), prt);
                    assert_eq!(categories, [PluralCategory::OTHER], "{name} {prt:?}");
                }
            }
        }
    }

    #[test]
    fn get_locales_has_children_whose_rules_icu_keeps_under_the_parent() {
        let cardinal = PluralRules::get_locales(PluralRuleType::CARDINAL);
        assert!(!icu_locales(PluralRuleType::CARDINAL).contains(&"nb".to_owned()));
        assert!(cardinal.contains(&langid("nb")));
        let nb = PluralRules::create(langid("nb"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(nb.select("1.0"), Ok(PluralCategory::ONE));
        // A CLDR locale missing from ICU4X's data (Northern Sami) is not offered: fluent
        // then uses its `en` default rather than root.
        assert!(!cardinal.contains(&langid("se")));
    }

    #[test]
    fn clones_share_the_rules() {
        let pr = PluralRules::create(langid("cy"), PluralRuleType::ORDINAL).unwrap();
        let copy = pr.clone();
        assert!(Arc::ptr_eq(&pr.rules, &copy.rules));
        assert_eq!(copy.select(3), Ok(PluralCategory::FEW));
    }
}
