//! Rendering bodies with cached, shared Fluent bundles.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast::InlineExpression;
use rustc_hash::{FxHashMap, FxHasher};
use unic_langid::LanguageIdentifier;

use super::icu::{self, FluentDate};
use super::parse::{self, BODY_ID};
use super::value::{Args, Value};
use crate::error::{Error, FtlError, Result};

/// Functions a body may call.
const FUNCTIONS: [&str; 2] = ["NUMBER", "DATETIME"];

/// Cached bundles beyond this are all dropped at once: edited bodies leave stale entries
/// behind, and rebuilding a bundle costs well under a millisecond.
const MAX_BUNDLES: usize = 4096;

type Bundle = FluentBundle<FluentResource>;

/// One cached bundle and the inputs it was built from (compared on every hit, so a hash
/// collision can never render the wrong template).
struct Entry {
    locale: String,
    key: String,
    body: String,
    terms: Vec<String>,
    /// The id of the message in the bundle: the key, or [`BODY_ID`] if the key is not a valid
    /// FTL identifier (keys come from the store; rendering should not depend on them).
    id: String,
    bundle: Bundle,
    /// Problems found without resolving (unknown functions, which the resolver misses in
    /// selectors and nested arguments).
    problems: Vec<String>,
}

impl Entry {
    fn matches(&self, locale: &str, key: &str, body: &str, terms: &[String]) -> bool {
        self.locale == locale && self.key == key && self.body == body && self.terms == terms
    }
}

#[derive(Default)]
struct Cache(RwLock<FxHashMap<u64, Arc<Entry>>>);

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.0.read().map_or(0, |m| m.len());
        f.debug_struct("Cache").field("bundles", &len).finish()
    }
}

/// Renders bodies. `Send + Sync`: create one and share it between threads.
///
/// Keeps one concurrent `FluentBundle` per (locale, key, body, terms), found by an Fx hash of
/// those inputs, so a warm render only hashes the inputs, converts the arguments and formats.
/// Bundles are built with bidi isolation off (no U+2066..U+2069 in replies pasted into shop
/// chats), our `NUMBER()` and `DATETIME()`, and locale number formatting:
///
/// - a number, bare (`{ $total }`) or through `NUMBER()`, is formatted for the locale like
///   `Intl.NumberFormat` does: `1234.5` is `1,234.5` in `en`, `1.234,5` in `de`, with at most
///   3 fraction digits by default. Pass identifiers (order numbers) as [`Value::Text`];
/// - a date, bare (`{ $eta }`) or through `DATETIME()` without styles, is a medium date
///   (`May 1, 2024`); `DATETIME()` takes `dateStyle` and `timeStyle` (full/long/medium/short);
/// - numbers select CLDR plural variants (`[one]`, `[few]`, ...) of the locale.
#[derive(Debug, Default)]
pub struct Renderer {
    cache: Cache,
}

impl Renderer {
    /// An empty renderer; bundles are built and cached on first use.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Render message `key` with `body` (body format, see [`crate::template`]) in `locale`
    /// (BCP-47: `ar`, `zh-CN`, `de`), with `terms` (term sources as in
    /// [`crate::template::ParsedTerm::source`]) and `args`.
    ///
    /// # Errors
    ///
    /// - [`Error::BadLocale`] if `locale` is not a BCP-47 tag;
    /// - [`Error::Ftl`] if the body or a term does not parse (positions in the body / term);
    /// - [`Error::Render`] if anything went wrong while resolving: every missing variable (all of
    ///   them, listed in `missing` and as `missing value for $name` in `problems`), unknown
    ///   functions, terms or messages, bad function arguments. Text with an unresolved
    ///   placeable is never returned.
    pub fn render(
        &self,
        locale: &str,
        key: &str,
        body: &str,
        terms: &[String],
        args: &Args,
    ) -> Result<String> {
        let entry = self.entry(locale, key, body, terms)?;
        let message = entry.bundle.get_message(&entry.id).and_then(|m| m.value());
        let Some(pattern) = message else {
            // Cannot happen: the bundle was built from this body, which parsed with a value.
            return Err(render_error(
                key,
                locale,
                vec!["the template has no value".into()],
                vec![],
            ));
        };

        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(name.as_str(), to_fluent(value));
        }

        icu::take_problems();
        let mut errors = Vec::new();
        let text = entry
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        let reported = icu::take_problems();

        if errors.is_empty() && reported.is_empty() && entry.problems.is_empty() {
            return Ok(text.into_owned());
        }
        let mut problems: Vec<String> = entry.problems.clone();
        let mut missing: Vec<String> = Vec::new();
        for error in &errors {
            let (problem, missing_var) = describe(error);
            if let Some(var) = missing_var
                && !missing.contains(&var)
            {
                missing.push(var);
            }
            problems.push(problem);
        }
        problems.extend(reported);
        let mut seen = std::collections::HashSet::new();
        problems.retain(|p| seen.insert(p.clone()));
        Err(render_error(key, locale, problems, missing))
    }

    /// Number of cached bundles (for diagnostics and tests).
    #[must_use]
    pub fn cached_bundles(&self) -> usize {
        self.cache.0.read().map_or(0, |m| m.len())
    }

    fn entry(&self, locale: &str, key: &str, body: &str, terms: &[String]) -> Result<Arc<Entry>> {
        let mut hasher = FxHasher::default();
        locale.hash(&mut hasher);
        key.hash(&mut hasher);
        body.hash(&mut hasher);
        terms.hash(&mut hasher);
        let hash = hasher.finish();

        {
            let map = self.cache.0.read().unwrap_or_else(|e| e.into_inner());
            if let Some(entry) = map.get(&hash)
                && entry.matches(locale, key, body, terms)
            {
                return Ok(Arc::clone(entry));
            }
        }
        // Built outside the lock: other threads keep rendering meanwhile. Two threads missing
        // on the same inputs both build; the second insert wins, which is harmless.
        let entry = Arc::new(build_entry(locale, key, body, terms)?);
        let mut map = self.cache.0.write().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_BUNDLES {
            map.clear();
        }
        map.insert(hash, Arc::clone(&entry));
        Ok(entry)
    }
}

fn build_entry(locale: &str, key: &str, body: &str, terms: &[String]) -> Result<Entry> {
    let langid: LanguageIdentifier = locale
        .parse()
        .ok()
        .filter(|_| !locale.trim().is_empty())
        .ok_or_else(|| Error::BadLocale(locale.to_string()))?;

    let file = format!("<{key}>");
    parse::check_body(&file, body).map_err(Error::Ftl)?;
    let id = if parse::is_identifier(key) {
        key
    } else {
        BODY_ID
    };

    // Unknown functions: the resolver reports them only where they are written out, not in
    // selectors or arguments, so look for them in the AST.
    let mut problems = Vec::new();
    let wrapped = parse::wrap_body(body);
    let (resource, _) = parse::parse_lenient(&wrapped.source);
    if let Some(value) = parse::single_message(&resource).and_then(|m| m.value.as_ref()) {
        parse::walk_pattern(value, &mut |e| {
            if let InlineExpression::FunctionReference { id, .. } = e {
                let problem = format!("unknown function {}()", id.name);
                if !FUNCTIONS.contains(&id.name) && !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        });
    }

    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(icu::format_value));
    // Fresh bundle: these names are free, adding cannot fail.
    let _ = bundle.add_function("NUMBER", icu::NUMBER);
    let _ = bundle.add_function("DATETIME", icu::DATETIME);

    for (i, term) in terms.iter().enumerate() {
        let resource = FluentResource::try_new(term.clone()).map_err(|_| {
            let name = format!("<term {}>", i + 1);
            Error::Ftl(parse::parse_file(&name, term).err().unwrap_or_else(|| {
                vec![FtlError {
                    file: name,
                    line: 1,
                    column: 1,
                    message: "invalid term".into(),
                }]
            }))
        })?;
        // A later term of the same name wins, as in a file loaded after another.
        bundle.add_resource_overriding(resource);
    }
    let source = parse::entry_source(id, body, &[]);
    let resource = FluentResource::try_new(source).map_err(|_| {
        Error::Ftl(vec![FtlError {
            file,
            line: 1,
            column: 1,
            message: "invalid template".into(),
        }])
    })?;
    bundle.add_resource_overriding(resource);

    Ok(Entry {
        locale: locale.to_string(),
        key: key.to_string(),
        body: body.to_string(),
        terms: terms.to_vec(),
        id: id.to_string(),
        bundle,
        problems,
    })
}

fn to_fluent(value: &Value) -> FluentValue<'_> {
    match value {
        Value::Text(s) => FluentValue::String(s.as_str().into()),
        Value::Number(n) => FluentValue::Number(FluentNumber::new(*n, Default::default())),
        Value::Date(d) => FluentValue::Custom(Box::new(FluentDate::new(*d))),
    }
}

/// A person-readable problem, and the variable name if it is a missing variable.
fn describe(error: &FluentError) -> (String, Option<String>) {
    let FluentError::ResolverError(error) = error else {
        return (error.to_string(), None);
    };
    let text = match error {
        ResolverError::Reference(ReferenceKind::Variable { id }) => {
            return (format!("missing value for ${id}"), Some(id.clone()));
        }
        ResolverError::Reference(ReferenceKind::Function { id }) => {
            format!("unknown function {id}()")
        }
        ResolverError::Reference(ReferenceKind::Message {
            id,
            attribute: None,
        }) => {
            format!("unknown message {id}")
        }
        ResolverError::Reference(ReferenceKind::Message {
            id,
            attribute: Some(a),
        }) => {
            format!("unknown attribute {id}.{a}")
        }
        ResolverError::Reference(ReferenceKind::Term {
            id,
            attribute: None,
        }) => {
            format!("unknown term -{id}")
        }
        ResolverError::Reference(ReferenceKind::Term {
            id,
            attribute: Some(a),
        }) => {
            format!("unknown term attribute -{id}.{a}")
        }
        ResolverError::NoValue(id) => format!("message {id} has no value"),
        ResolverError::MissingDefault => "a select expression has no default variant".into(),
        ResolverError::Cyclic => "a message or term refers to itself".into(),
        ResolverError::TooManyPlaceables => "too many placeables".into(),
    };
    (text, None)
}

fn render_error(key: &str, locale: &str, problems: Vec<String>, missing: Vec<String>) -> Error {
    Error::Render {
        key: key.to_string(),
        locale: locale.to_string(),
        problems: problems.join("; "),
        missing,
    }
}
