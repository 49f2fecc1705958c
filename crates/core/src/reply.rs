//! Filling a template for a buyer: picks the variant for the buyer's language, gathers the
//! values (shop variables, then the order's fields, then explicit overrides) and renders it.

use serde::Serialize;

use crate::store::{Status, Store};
use crate::template::{Args, DateValue, Renderer, Value};
use crate::{Result, locale};

/// Order fields that are identifiers or free text even when they look like numbers:
/// order `12345` must not be pasted as `12,345`.
const TEXT_FIELDS: [&str; 12] = [
    "order_id",
    "marketplace",
    "buyer_name",
    "buyer_country",
    "buyer_locale",
    "currency",
    "carrier",
    "tracking_number",
    "tracking_url",
    "order_status",
    "product_name",
    "items",
];

/// What to fill.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// Key of the template to fill (`where-is-my-order`).
    pub key: &'a str,
    /// Requested language; without it, the order's buyer locale, else the template's source.
    pub lang: Option<&'a str>,
    /// Imported order whose fields fill the variables; `None`: shop variables and `vars` only.
    pub order_id: Option<&'a str>,
    /// `NAME=VALUE` overrides, strongest of all sources.
    pub vars: &'a [(String, String)],
}

/// A filled reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// Template key.
    pub key: String,
    /// The locale actually used (may differ from the one requested).
    pub locale: String,
    /// Review status of the text used: anything but approved needs a confirmation to paste.
    pub status: Status,
    /// The filled text, ready to paste.
    pub text: String,
}

/// Interprets a value given as text: numbers and dates become Fluent numbers and dates,
/// except for fields that are identifiers.
#[must_use]
pub fn value_for(name: &str, text: &str) -> Value {
    if TEXT_FIELDS.contains(&name) {
        Value::Text(text.to_string())
    } else {
        Value::parse(text)
    }
}

/// Renders a template for a buyer.
///
/// # Errors
/// Unknown template or order, a bad locale, or a render error naming every missing variable.
pub fn fill(store: &Store, renderer: &Renderer, request: &Request<'_>) -> Result<Reply> {
    let template = store.template(request.key)?;
    let variants = store.variants(template.id)?;
    let sources = Sources::new(store, renderer, request.order_id)?;
    sources.fill(&template, &variants, request.lang, request.vars)
}

/// What filling needs besides the template, looked up once and shared by every template
/// filled with it: the order, the values (built-ins, shop variables, the order's fields) and
/// the terms of each language. The palette previews up to 30 templates per keystroke; each
/// looking these up again cost more than the search itself at 100 000 templates.
pub struct Sources<'a> {
    store: &'a Store,
    renderer: &'a Renderer,
    order: Option<crate::orders::Order>,
    /// Built-ins, shop variables and the order's fields; overrides go on top per fill.
    args: Args,
    /// Terms per (locale, source locale), looked up on first use.
    terms: std::cell::RefCell<Vec<TermsOf>>,
}

/// The terms of one (locale, source locale) pair.
type TermsOf = ((String, String), std::rc::Rc<Vec<String>>);

impl std::fmt::Debug for Sources<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sources")
            .field("order", &self.order.as_ref().map(|o| &o.order_id))
            .finish_non_exhaustive()
    }
}

impl<'a> Sources<'a> {
    /// Looks up the order `order_id` (if any) and the shop variables.
    ///
    /// # Errors
    /// Unknown order; database failure.
    pub fn new(store: &'a Store, renderer: &'a Renderer, order_id: Option<&str>) -> Result<Self> {
        let order = order_id.map(|id| store.order(id)).transpose()?;
        let args = gather_args(store, order.as_ref())?;
        Ok(Self {
            store,
            renderer,
            order,
            args,
            terms: std::cell::RefCell::default(),
        })
    }

    /// The values with `vars` (`NAME=VALUE` overrides) on top.
    fn args_with(&self, vars: &[(String, String)]) -> Args {
        let mut args = self.args.clone();
        for (name, value) in vars {
            args.insert(name.clone(), value_for(name, value));
        }
        args
    }

    fn terms(&self, locale: &str, source_locale: &str) -> Result<std::rc::Rc<Vec<String>>> {
        if let Some((_, terms)) = self
            .terms
            .borrow()
            .iter()
            .find(|((l, s), _)| l == locale && s == source_locale)
        {
            return Ok(std::rc::Rc::clone(terms));
        }
        let terms = std::rc::Rc::new(self.store.terms_for(locale, source_locale)?);
        self.terms.borrow_mut().push((
            (locale.to_string(), source_locale.to_string()),
            std::rc::Rc::clone(&terms),
        ));
        Ok(terms)
    }

    /// [`fill`] for a template already read, with its `variants`, in `lang` (without it, the
    /// order's buyer locale, else the template's source).
    ///
    /// # Errors
    /// A bad locale, or a render error naming every missing variable.
    pub fn fill(
        &self,
        template: &crate::store::Template,
        variants: &[crate::store::Variant],
        lang: Option<&str>,
        vars: &[(String, String)],
    ) -> Result<Reply> {
        let requested = match lang {
            Some(lang) => Some(locale::canonical(lang)?),
            None => self.order.as_ref().and_then(|o| o.buyer_locale.clone()),
        };
        // A rejected translation is never a candidate: the buyer gets the source language
        // instead.
        let available: Vec<&str> = variants
            .iter()
            .filter(|v| v.status != Status::Rejected || v.locale == template.source_locale)
            .map(|v| v.locale.as_str())
            .collect();
        let chosen = locale::negotiate(requested.as_deref(), &available, &template.source_locale);
        let variant = variants
            .iter()
            .find(|v| v.locale == chosen)
            .ok_or_else(|| {
                crate::Error::UnknownTemplate(format!("{} (no text in {chosen})", template.key))
            })?;

        let args = self.args_with(vars);
        let terms = self.terms(&variant.locale, &template.source_locale)?;
        let text =
            self.renderer
                .render(&variant.locale, &template.key, &variant.body, &terms, &args)?;
        Ok(Reply {
            key: template.key.clone(),
            locale: variant.locale.clone(),
            status: variant.status,
            text,
        })
    }

    /// [`preview`] for a template already read.
    ///
    /// # Errors
    /// As [`preview`].
    pub fn preview(
        &self,
        template: &crate::store::Template,
        lang: Option<&str>,
        vars: &[(String, String)],
    ) -> Result<Preview> {
        let variants = self.store.variants(template.id)?;
        let mut vars: Vec<(String, String)> = vars.to_vec();
        let mut missing: Vec<String> = Vec::new();
        // Each round fills what the resolver reached; a selector may reach new variables once
        // its own is filled, so repeat (bounded by the number of distinct variables).
        let reply = loop {
            match self.fill(template, &variants, lang, &vars) {
                Ok(reply) => break reply,
                Err(crate::Error::Render { missing: names, .. })
                    if !names.is_empty() && missing.len() < 64 =>
                {
                    for name in names {
                        if !missing.contains(&name) {
                            vars.push((name.clone(), missing_marker(&name)));
                            missing.push(name);
                        }
                    }
                }
                Err(e) => return Err(e),
            }
        };
        let source_text = if reply.locale == template.source_locale {
            reply.text.clone()
        } else {
            let source = Some(template.source_locale.as_str());
            match self.fill(template, &variants, source, &vars) {
                Ok(filled) => filled.text,
                Err(crate::Error::Render { missing: more, .. }) => {
                    // The source may use values the translation does not.
                    let mut all = vars.clone();
                    all.extend(more.iter().map(|m| (m.clone(), missing_marker(m))));
                    self.fill(template, &variants, source, &all)?.text
                }
                Err(e) => return Err(e),
            }
        };
        Ok(Preview {
            reply,
            missing,
            source_locale: template.source_locale.clone(),
            source_text,
        })
    }
}

/// The values a template is filled with: built-ins, then shop variables, then the order's
/// fields (strongest); explicit overrides go on top per fill ([`Sources::args_with`]).
fn gather_args(store: &Store, order: Option<&crate::orders::Order>) -> Result<Args> {
    let mut args = builtins();
    for (name, value) in store.vars()? {
        args.insert(name.clone(), value_for(&name, &value));
    }
    if let Some(order) = order {
        for (name, value) in order.variables() {
            let value = match value {
                crate::orders::VarValue::Text(s) => Value::Text(s),
                crate::orders::VarValue::Number(n) => Value::Number(n),
                crate::orders::VarValue::Date(s) => Value::parse(&s),
            };
            args.insert(name.to_string(), value);
        }
    }
    Ok(args)
}

/// Values every template can use without anyone giving them (weakest of all sources, so a
/// shop variable, an order field or `--var` with the same name wins): `$today`, the local date.
/// `$clipboard` is one too, but only the desktop app knows it (the clipboard text when the
/// palette opened); the command line takes it with `--var clipboard=…`.
pub const BUILTINS: [&str; 2] = ["today", "clipboard"];

/// Today's date in the local time zone as a Fluent date.
#[must_use]
pub fn today() -> Value {
    let date = jiff::Zoned::now().date();
    // jiff's years are -9999..=9999; month and day are in range by construction.
    DateValue::ymd(
        i32::from(date.year()),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
    )
    .map_or_else(|| Value::Text(date.to_string()), Value::Date)
}

fn builtins() -> Args {
    let mut args = Args::new();
    args.insert("today".into(), today());
    args
}

/// Order values a reviewer's preview uses when no real order is chosen, so plurals, numbers
/// and dates show as a buyer would see them.
pub const SAMPLE_ORDER: [(&str, &str); 14] = [
    ("marketplace", "amazon"),
    ("order_id", "114-3941689-8772232"),
    ("buyer_name", "Amira Haddad"),
    ("buyer_country", "AE"),
    ("items", "Wireless earbuds"),
    ("item_count", "3"),
    ("total", "129.5"),
    ("currency", "USD"),
    ("carrier", "Aramex"),
    ("tracking_number", "AX5550123456"),
    ("tracking_url", "https://track.example.com/AX5550123456"),
    ("ordered_at", "2026-11-20"),
    ("shipped_at", "2026-11-22"),
    ("eta", "2026-12-01"),
];

/// A preview of a body that may not be stored yet (a reviewer's edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyPreview {
    /// The filled text, with `⟨name⟩` where a value is missing.
    pub text: String,
    /// Values neither the order, the samples nor the shop variables have, shown as `⟨name⟩`.
    pub missing: Vec<String>,
}

/// Renders `body` as the `locale` text of template `key`, filled from the order `order_id`
/// or, without one, from [`SAMPLE_ORDER`]; missing values become markers.
///
/// # Errors
/// [`crate::Error::Ftl`] when the body does not parse; unknown template, order or locale;
/// render errors other than missing values.
pub fn preview_body(
    store: &Store,
    renderer: &Renderer,
    key: &str,
    locale_tag: &str,
    body: &str,
    order_id: Option<&str>,
) -> Result<BodyPreview> {
    let template = store.template(key)?;
    preview_text(
        store,
        renderer,
        key,
        &template.source_locale,
        locale_tag,
        body,
        order_id,
    )
}

/// [`preview_body`] for a text that need not belong to a stored template yet (the editor of a
/// new reply): `source_locale` is the language whose terms a translation falls back to.
///
/// # Errors
/// As [`preview_body`].
pub fn preview_text(
    store: &Store,
    renderer: &Renderer,
    key: &str,
    source_locale: &str,
    locale_tag: &str,
    body: &str,
    order_id: Option<&str>,
) -> Result<BodyPreview> {
    let target = locale::canonical(locale_tag)?;
    let sources = Sources::new(store, renderer, order_id)?;
    let mut args = sources.args_with(&[]);
    if sources.order.is_none() {
        for (name, value) in SAMPLE_ORDER {
            args.entry(name.to_string())
                .or_insert_with(|| value_for(name, value));
        }
    }
    let terms = sources.terms(&target, source_locale)?;
    let mut missing: Vec<String> = Vec::new();
    loop {
        match renderer.render(&target, key, body, &terms, &args) {
            Ok(text) => return Ok(BodyPreview { text, missing }),
            Err(crate::Error::Render { missing: names, .. })
                if !names.is_empty() && missing.len() < 64 =>
            {
                for name in names {
                    if !missing.contains(&name) {
                        args.insert(name.clone(), Value::Text(missing_marker(&name)));
                        missing.push(name);
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// A reply as the palette previews it: filled as far as the known values allow, with each
/// missing value shown as `⟨name⟩` and listed, plus the source-language text for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The reply in the buyer's language, with `⟨name⟩` where a value is missing.
    pub reply: Reply,
    /// Variables nothing provides (names without `$`), in the order they were found.
    pub missing: Vec<String>,
    /// The template's source locale (BCP-47).
    pub source_locale: String,
    /// The same reply filled in the source language, for staff who do not read the buyer's.
    pub source_text: String,
}

/// Marks a missing value in a preview. Never pasted: [`fill`] refuses to render with any
/// value missing.
#[must_use]
pub fn missing_marker(name: &str) -> String {
    format!("⟨{name}⟩")
}

/// Renders a preview of a template for the palette: like [`fill`], but missing values become
/// visible markers instead of an error.
///
/// # Errors
/// Unknown template or order, a bad locale, or a render error other than missing values.
pub fn preview(store: &Store, renderer: &Renderer, request: &Request<'_>) -> Result<Preview> {
    let template = store.template(request.key)?;
    Sources::new(store, renderer, request.order_id)?.preview(&template, request.lang, request.vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsaved_body_is_previewed_with_sample_values_and_markers() {
        let store = crate::store::test_library(&[("en", "hi = Hi { $buyer_name }\n")], None);
        let renderer = Renderer::new();
        let preview = preview_body(
            &store,
            &renderer,
            "hi",
            "ar",
            "مرحباً { $buyer_name }، { $item_count ->\n    [one] قطعة\n   *[other] { $item_count } قطع\n} { $coupon }",
            None,
        )
        .unwrap();
        assert_eq!(preview.text, "مرحباً Amira Haddad، 3 قطع ⟨coupon⟩");
        assert_eq!(preview.missing, vec!["coupon".to_string()]);
        assert!(matches!(
            preview_body(&store, &renderer, "hi", "ar", "x { $a", None),
            Err(crate::Error::Ftl(_))
        ));
    }

    fn store() -> Store {
        crate::store::test_library(
            &[
                (
                    "en",
                    "hi = Hello { $buyer_name }, order { $order_id }\n    .title = Hi\n\
                     due = Due { DATETIME($eta, dateStyle: \"long\") }: { NUMBER($total, minimumFractionDigits: 2) }\n",
                ),
                ("ar", "hi = مرحباً { $buyer_name }\n"),
            ],
            Some(Status::NeedsReview),
        )
    }

    #[test]
    fn rejected_translations_fall_back_to_the_source() {
        let mut store = store();
        let id = store.template("hi").unwrap().id;
        store.set_status_for_test(id, "ar", Status::Rejected);
        let vars = [
            ("buyer_name".to_string(), "Ana".to_string()),
            ("order_id".to_string(), "7".to_string()),
        ];
        let reply = fill(
            &store,
            &Renderer::new(),
            &Request {
                key: "hi",
                lang: Some("ar"),
                vars: &vars,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            (reply.locale.as_str(), reply.status),
            ("en", Status::Approved)
        );
    }

    #[test]
    fn identifiers_stay_text() {
        assert!(matches!(value_for("order_id", "12345"), Value::Text(_)));
        assert!(matches!(value_for("item_count", "12"), Value::Number(_)));
    }

    #[test]
    fn preview_marks_missing_values_and_shows_the_source() {
        let store = store();
        let renderer = Renderer::new();
        let p = preview(
            &store,
            &renderer,
            &Request {
                key: "hi",
                lang: Some("ar-SA"),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.reply.locale, "ar");
        assert_eq!(p.reply.status, Status::NeedsReview);
        assert_eq!(p.reply.text, "مرحباً ⟨buyer_name⟩");
        assert_eq!(p.missing, vec!["buyer_name".to_string()]);
        assert_eq!(p.source_locale, "en");
        assert_eq!(p.source_text, "Hello ⟨buyer_name⟩, order ⟨order_id⟩");
    }

    #[test]
    fn preview_markers_pass_through_number_and_date_functions() {
        let store = store();
        let renderer = Renderer::new();
        let p = preview(
            &store,
            &renderer,
            &Request {
                key: "due",
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.reply.text, "Due ⟨eta⟩: ⟨total⟩");
        assert_eq!(p.missing, vec!["eta".to_string(), "total".to_string()]);
        let err = fill(
            &store,
            &renderer,
            &Request {
                key: "due",
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(matches!(err, crate::Error::Render { .. }), "{err}");
    }

    #[test]
    fn fill_never_returns_a_partial_text() {
        let store = store();
        let renderer = Renderer::new();
        let err = fill(
            &store,
            &renderer,
            &Request {
                key: "hi",
                ..Default::default()
            },
        )
        .unwrap_err();
        let crate::Error::Render { missing, .. } = err else {
            panic!("expected a render error, got {err}")
        };
        assert_eq!(
            missing,
            vec!["buyer_name".to_string(), "order_id".to_string()]
        );
        let vars = [
            ("buyer_name".to_string(), "Ana".to_string()),
            ("order_id".to_string(), "12345".to_string()),
        ];
        let reply = fill(
            &store,
            &renderer,
            &Request {
                key: "hi",
                vars: &vars,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(reply.text, "Hello Ana, order 12345");
        assert_eq!(
            (reply.locale.as_str(), reply.status),
            ("en", Status::Approved)
        );
    }
}
