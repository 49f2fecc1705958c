//! Filling a template for a buyer: picks the variant for the buyer's language, gathers the
//! values (shop variables, then the order's fields, then explicit overrides) and renders it.

use serde::Serialize;

use crate::store::{Status, Store};
use crate::template::{Args, Renderer, Value};
use crate::{Result, locale};

/// Order fields that are identifiers or free text even when they look like numbers:
/// order `12345` must not be pasted as `12,345`.
const TEXT_FIELDS: [&str; 9] = [
    "order_id",
    "marketplace",
    "buyer_name",
    "buyer_country",
    "buyer_locale",
    "currency",
    "carrier",
    "tracking_number",
    "tracking_url",
];

/// What to fill.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub key: &'a str,
    /// Requested language; without it, the order's buyer locale, else the template's source.
    pub lang: Option<&'a str>,
    pub order_id: Option<&'a str>,
    /// `NAME=VALUE` overrides, strongest of all sources.
    pub vars: &'a [(String, String)],
}

/// A filled reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub key: String,
    /// The locale actually used (may differ from the one requested).
    pub locale: String,
    pub status: Status,
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
    let order = request.order_id.map(|id| store.order(id)).transpose()?;

    let requested = match request.lang {
        Some(lang) => Some(locale::canonical(lang)?),
        None => order.as_ref().and_then(|o| o.buyer_locale.clone()),
    };
    let available: Vec<&str> = variants.iter().map(|v| v.locale.as_str()).collect();
    let chosen = locale::negotiate(requested.as_deref(), &available, &template.source_locale);
    let variant = variants
        .iter()
        .find(|v| v.locale == chosen)
        .ok_or_else(|| {
            crate::Error::UnknownTemplate(format!("{} (no text in {chosen})", request.key))
        })?;

    let mut args = Args::new();
    for (name, value) in store.vars()? {
        args.insert(name.clone(), value_for(&name, &value));
    }
    if let Some(order) = &order {
        for (name, value) in order.variables() {
            let value = match value {
                crate::orders::VarValue::Text(s) => Value::Text(s),
                crate::orders::VarValue::Number(n) => Value::Number(n),
                crate::orders::VarValue::Date(s) => Value::parse(&s),
            };
            args.insert(name.to_string(), value);
        }
    }
    for (name, value) in request.vars {
        args.insert(name.clone(), value_for(name, value));
    }

    let terms = store.terms_for(&variant.locale, &template.source_locale)?;
    let text = renderer.render(&variant.locale, &template.key, &variant.body, &terms, &args)?;
    Ok(Reply {
        key: template.key,
        locale: variant.locale.clone(),
        status: variant.status,
        text,
    })
}
