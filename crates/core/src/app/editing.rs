//! Writing the library by hand: one template's detail, checking a text while it is typed,
//! saving (from the library window's editor, `templates add` and `templates edit`), the
//! history of every text, and what the editor offers to insert.
//!
//! The rules of an edit live here once: a new key is a Fluent identifier nobody has, a
//! shortcut belongs to one template, every text parses, the source text is always approved,
//! an owner's own translation is approved unless they say otherwise, and a changed source
//! turns the translations made from the old one `stale`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Library, identity};
use crate::error::FtlError;
use crate::reply::{self, BUILTINS, SAMPLE_ORDER};
use crate::store::library::{self as lib_store, write as lib_write};
use crate::store::templates::write;
use crate::store::{HistoryEntry, Status, Store, Template, TemplateMeta, source_hash};
use crate::template::{self, is_identifier};
use crate::{Error, Result, locale};

/// One language of a template, as the editor and `templates show` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TemplateText {
    /// Its language (BCP-47).
    pub locale: String,
    /// Its review status.
    pub status: Status,
    /// The Fluent text.
    pub text: String,
    /// Its localized title, when it has one.
    pub title: Option<String>,
    /// The machine-translation provider that drafted it, if one did.
    pub provider: Option<String>,
    /// What a reviewer must look at, if anything.
    pub problem: Option<String>,
}

/// A template with all its texts (`templates show --json`, the editor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TemplateDetail {
    /// Stable key.
    pub key: String,
    /// Title in the source language.
    pub title: String,
    /// Category (empty when none).
    pub category: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Typed shortcut (empty when none).
    pub shortcut: String,
    /// The language it is written in first.
    pub source_locale: String,
    /// The variables its source text uses (without `$`), sorted.
    pub variables: Vec<String>,
    /// Example buyer questions it answers.
    pub examples: Vec<String>,
    /// Its texts: the source first, then the translations by locale.
    pub variants: Vec<TemplateText>,
}

/// One language's text in a [`TemplateDraft`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct TextDraft {
    /// Its language (BCP-47).
    pub locale: String,
    /// The Fluent text.
    pub text: String,
}

/// What the library window's editor saves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct TemplateDraft {
    /// The key it was opened with; `None` for a new template.
    pub original_key: Option<String>,
    /// Its key (a new template's may be anything free; an existing one's cannot change).
    pub key: String,
    /// Title.
    pub title: String,
    /// Category (empty for none).
    pub category: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Shortcut (empty for none).
    pub shortcut: String,
    /// Example buyer questions.
    pub examples: Vec<String>,
    /// The language it is written in first.
    pub source_locale: String,
    /// The source text and every translation shown; a language left out is removed.
    pub texts: Vec<TextDraft>,
}

/// What the editor shows under a text while it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TextCheck {
    /// Syntax errors, with line and column in the text.
    pub errors: Vec<FtlError>,
    /// The variables it uses.
    pub variables: Vec<String>,
}

pub use crate::store::templates::split_tags;

fn join_tags(tags: &[String]) -> String {
    split_tags(&tags.join(",")).join(",")
}

fn examples_text(examples: &[String]) -> String {
    examples
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Template `key` with all its texts.
///
/// # Errors
/// [`Error::UnknownTemplate`]; database failure.
pub fn detail(library: &Library, key: &str) -> Result<TemplateDetail> {
    detail_of(&library.store(), key)
}

fn detail_of(store: &Store, key: &str) -> Result<TemplateDetail> {
    let template = store.template(key)?;
    let mut variants = store.variants(template.id)?;
    variants.sort_by_key(|v| (v.locale != template.source_locale, v.locale.clone()));
    let variables = variants
        .first()
        .filter(|v| v.locale == template.source_locale)
        .map(|v| template::variables_of(&v.body).into_iter().collect())
        .unwrap_or_default();
    Ok(TemplateDetail {
        tags: split_tags(&template.tags),
        examples: template
            .examples
            .lines()
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        variables,
        variants: variants
            .into_iter()
            .map(|v| TemplateText {
                locale: v.locale,
                status: v.status,
                text: v.body,
                title: v.title,
                provider: v.provider,
                problem: v.problem,
            })
            .collect(),
        key: template.key,
        title: template.title,
        category: template.category,
        shortcut: template.shortcut,
        source_locale: template.source_locale,
    })
}

/// Checks a text as it is typed: its syntax errors with line and column, and its variables.
/// Never fails: an unusable key or an empty text is reported as an error at 1:1.
#[must_use]
pub fn check(key: &str, text: &str) -> TextCheck {
    // A key still being typed must not hide the text's own errors.
    let key = if is_identifier(key) { key } else { "reply" };
    match template::validate_body(key, text.trim()) {
        Ok(variables) => TextCheck {
            errors: Vec::new(),
            variables: variables.into_iter().collect(),
        },
        Err(errors) => TextCheck {
            errors,
            variables: template::variables_of(text).into_iter().collect(),
        },
    }
}

/// A key for a new template from its title: lower-case ASCII letters, digits and `-`
/// (`Where is my order?` → `where-is-my-order`), made free in this library (`-2`, `-3`…).
///
/// # Errors
/// Database failure.
pub fn suggest_key(library: &Library, title: &str) -> Result<String> {
    let store = library.store();
    // The first store failure is kept and returned; the key found after it is not used.
    let failure = std::cell::RefCell::new(None);
    let key = crate::import::unique_key(&crate::import::slug(title), |k| {
        store.has_template(k).unwrap_or_else(|e| {
            failure.borrow_mut().get_or_insert(e);
            false
        })
    });
    failure.into_inner().map_or(Ok(key), Err)
}

/// One text to write.
struct TextWrite {
    locale: String,
    body: String,
    /// `None`: keep the stored status if the text did not change, else approved.
    status: Option<Status>,
    /// `Some(title)` replaces the localized title; `None` keeps it.
    title: Option<Option<String>>,
}

/// A whole edit of one template, checked and written in one transaction.
struct Plan {
    key: String,
    new: bool,
    title: Option<String>,
    category: Option<String>,
    tags: Option<String>,
    shortcut: Option<String>,
    examples: Option<String>,
    source_locale: String,
    /// The source text, when it is written.
    source: Option<String>,
    translations: Vec<TextWrite>,
    /// Languages to remove.
    remove: Vec<String>,
    /// Every other language not listed is removed (the editor sends them all).
    remove_unlisted: bool,
}

fn check_text(key: &str, locale: &str, text: &str) -> std::result::Result<(), Vec<FtlError>> {
    template::validate_body(key, text)
        .map(|_| ())
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|e| FtlError {
                    file: format!("<{key}> ({locale})"),
                    ..e
                })
                .collect()
        })
}

fn write_plan(library: &Library, plan: Plan) -> Result<TemplateDetail> {
    let key = plan.key.trim().to_string();
    if !is_identifier(&key) {
        return Err(Error::Invalid(format!(
            "'{key}' cannot be a template key: start with a letter, then use letters, digits, - or _ (e.g. where-is-my-order)"
        )));
    }
    let mut store = library.store();
    let existing: Option<Template> = match store.template(&key) {
        Ok(t) => Some(t),
        Err(Error::UnknownTemplate(_)) => None,
        Err(e) => return Err(e),
    };
    match (&existing, plan.new) {
        (Some(_), true) => return Err(Error::KeyTaken(key)),
        (None, false) => return Err(Error::UnknownTemplate(key)),
        _ => {}
    }
    let source_locale = match &existing {
        Some(t) => {
            let asked = locale::canonical(&plan.source_locale)?;
            if asked != t.source_locale {
                return Err(Error::Invalid(format!(
                    "'{key}' is written in {} first; its source language cannot change to {asked} (add {asked} as a translation instead)",
                    t.source_locale
                )));
            }
            asked
        }
        None => locale::canonical(&plan.source_locale)?,
    };

    // Every text is checked before anything is written; all errors are reported at once.
    let mut errors = Vec::new();
    if let Some(source) = &plan.source
        && let Err(e) = check_text(&key, &source_locale, source)
    {
        errors.extend(e);
    }
    let mut translations = Vec::new();
    for t in plan.translations {
        let target = locale::canonical(&t.locale)?;
        if let Err(e) = check_text(&key, &target, &t.body) {
            errors.extend(e);
        }
        if target == source_locale {
            return Err(Error::Invalid(format!(
                "{target} is the source language of '{key}': edit the source text instead"
            )));
        }
        translations.push(TextWrite {
            locale: target,
            ..t
        });
    }
    if !errors.is_empty() {
        return Err(Error::Ftl(errors));
    }
    if existing.is_none() && plan.source.is_none() {
        return Err(Error::Invalid(format!(
            "'{key}' needs its text in {source_locale}: give --text or --file"
        )));
    }

    let title = plan
        .title
        .map(|t| t.trim().to_string())
        .or_else(|| existing.as_ref().map(|t| t.title.clone()))
        .unwrap_or_default();
    let shortcut = plan
        .shortcut
        .map(|s| s.trim().to_string())
        .or_else(|| existing.as_ref().map(|t| t.shortcut.clone()))
        .unwrap_or_default();
    if !shortcut.is_empty()
        && let Some(owner) = store.shortcut_owner(&shortcut, &key)?
    {
        return Err(Error::Invalid(format!(
            "the shortcut '{shortcut}' is already used by '{owner}': choose another one"
        )));
    }
    let category = plan
        .category
        .map(|c| c.trim().to_string())
        .or_else(|| existing.as_ref().map(|t| t.category.clone()))
        .unwrap_or_default();
    let tags = plan
        .tags
        .or_else(|| existing.as_ref().map(|t| t.tags.clone()))
        .unwrap_or_default();

    let author = identity::login_name();
    let tx = lib_store::begin(&mut store)?;
    let before = lib_write::last_history_id(&tx)?;
    let (id, _) = write::upsert_template(
        &tx,
        &TemplateMeta {
            key: &key,
            title: &title,
            category: &category,
            tags: &tags,
            shortcut: &shortcut,
            source_locale: &source_locale,
        },
    )?;
    if let Some(examples) = &plan.examples {
        lib_write::set_examples(&tx, id, examples)?;
    }
    let stored = |tx: &rusqlite::Transaction<'_>, loc: &str| write::variant_full(tx, id, loc);
    let source_body = match &plan.source {
        Some(body) => {
            let old = stored(&tx, &source_locale)?;
            let title = old.as_ref().and_then(|v| v.2.clone());
            if old.as_ref().map(|v| v.0.as_str()) != Some(body.as_str()) {
                write::put_variant(
                    &tx,
                    id,
                    &source_locale,
                    body,
                    title.as_deref(),
                    Status::Approved,
                    &source_hash(body),
                )?;
                write::stale_translations(&tx, id, &source_locale, body)?;
            }
            body.clone()
        }
        None => stored(&tx, &source_locale)?
            .map(|v| v.0)
            .unwrap_or_default(),
    };
    let hash = source_hash(&source_body);
    let mut listed: BTreeSet<String> = BTreeSet::from([source_locale.clone()]);
    for t in &translations {
        listed.insert(t.locale.clone());
        let old = stored(&tx, &t.locale)?;
        let changed = old.as_ref().map(|v| v.0.as_str()) != Some(t.body.as_str());
        let status = match (t.status, &old) {
            (Some(status), _) => status,
            (None, Some((_, status, _))) if !changed => *status,
            (None, _) => Status::Approved,
        };
        let title = match &t.title {
            Some(title) => title.clone(),
            None => old.as_ref().and_then(|v| v.2.clone()),
        };
        let unchanged = !changed
            && old.as_ref().map(|v| v.1) == Some(status)
            && old.as_ref().and_then(|v| v.2.clone()) == title;
        if !unchanged {
            // A text the owner wrote or confirmed is made from the current source.
            let made_from = if changed || status == Status::Approved {
                hash.clone()
            } else {
                write::variant_state(&tx, id, &t.locale)?
                    .map(|(_, h)| h)
                    .unwrap_or_else(|| hash.clone())
            };
            write::put_variant(
                &tx,
                id,
                &t.locale,
                &t.body,
                title.as_deref(),
                status,
                &made_from,
            )?;
        }
    }
    for loc in &plan.remove {
        let loc = locale::canonical(loc)?;
        if loc == source_locale {
            return Err(Error::Invalid(format!(
                "{loc} is the source language of '{key}': it cannot be removed"
            )));
        }
        lib_write::delete_variant(&tx, id, &loc)?;
    }
    if plan.remove_unlisted {
        for loc in write::locales_of(&tx, id)? {
            if !listed.contains(&loc) {
                lib_write::delete_variant(&tx, id, &loc)?;
            }
        }
    }
    lib_write::sign_history(&tx, &key, before, author.as_deref())?;
    tx.commit()?;
    let detail = detail_of(&store, &key)?;
    drop(store);
    library.changed();
    Ok(detail)
}

/// Saves what the library window's editor holds: a new template, or every field and text of
/// an existing one (a language left out of `texts` is removed).
///
/// # Errors
/// [`Error::Ftl`] naming each text's line and column (nothing is written); [`Error::KeyTaken`]
/// for a new template on a used key; a shortcut another template has; a bad locale.
pub fn save(library: &Library, draft: &TemplateDraft) -> Result<TemplateDetail> {
    let new = draft.original_key.is_none();
    if let Some(original) = &draft.original_key
        && original != &draft.key
    {
        return Err(Error::Invalid(format!(
            "a saved template's key cannot change ('{original}' → '{}'); create a new template instead",
            draft.key
        )));
    }
    let source_locale = locale::canonical(&draft.source_locale)?;
    let mut source = None;
    let mut translations = Vec::new();
    for text in &draft.texts {
        let loc = locale::canonical(&text.locale)?;
        if loc == source_locale {
            source = Some(text.text.trim().to_string());
        } else {
            translations.push(TextWrite {
                locale: loc,
                body: text.text.trim().to_string(),
                status: None,
                title: None,
            });
        }
    }
    if source.is_none() {
        return Err(Error::Invalid(format!(
            "the {source_locale} text (the source) is missing: write it before saving"
        )));
    }
    write_plan(
        library,
        Plan {
            key: draft.key.clone(),
            new,
            title: Some(draft.title.clone()),
            category: Some(draft.category.clone()),
            tags: Some(join_tags(&draft.tags)),
            shortcut: Some(draft.shortcut.clone()),
            examples: Some(examples_text(&draft.examples)),
            source_locale,
            source,
            translations,
            remove: Vec::new(),
            remove_unlisted: true,
        },
    )
}

/// `templates add`: a new template.
#[derive(Debug, Clone, Default)]
pub struct NewTemplate<'a> {
    /// Its key.
    pub key: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Category.
    pub category: Option<&'a str>,
    /// Tags.
    pub tags: Vec<String>,
    /// Shortcut.
    pub shortcut: Option<&'a str>,
    /// The language of `text` (default `en`).
    pub locale: Option<&'a str>,
    /// The Fluent text.
    pub text: &'a str,
}

/// The source language of a template added without one.
pub const DEFAULT_SOURCE_LOCALE: &str = "en";

/// Adds a template (`templates add`).
///
/// # Errors
/// [`Error::KeyTaken`] when the key exists; [`Error::Ftl`] with line and column (nothing is
/// stored); a shortcut in use; a bad key or locale.
pub fn add(library: &Library, new: &NewTemplate<'_>) -> Result<TemplateDetail> {
    write_plan(
        library,
        Plan {
            key: new.key.to_string(),
            new: true,
            title: Some(new.title.to_string()),
            category: new.category.map(str::to_string),
            tags: Some(join_tags(&new.tags)),
            shortcut: new.shortcut.map(str::to_string),
            examples: None,
            source_locale: new.locale.unwrap_or(DEFAULT_SOURCE_LOCALE).to_string(),
            source: Some(new.text.trim().to_string()),
            translations: Vec::new(),
            remove: Vec::new(),
            remove_unlisted: false,
        },
    )
}

/// `templates edit`: what to change (`None` keeps it).
#[derive(Debug, Clone, Default)]
pub struct Edit<'a> {
    /// The template.
    pub key: &'a str,
    /// The language edited; `None` or the source language: the source (and the metadata).
    pub lang: Option<&'a str>,
    /// New title (with a translation's `lang`: its localized title).
    pub title: Option<&'a str>,
    /// New category.
    pub category: Option<&'a str>,
    /// New tags.
    pub tags: Option<Vec<String>>,
    /// New shortcut (empty removes it).
    pub shortcut: Option<&'a str>,
    /// New text.
    pub text: Option<&'a str>,
    /// A translation's status (default approved: the owner's own text).
    pub status: Option<Status>,
}

/// Changes a template (`templates edit`): the source turns its translations `stale` when its
/// text changes; with a translation's `lang`, that translation is added or replaced.
///
/// # Errors
/// [`Error::UnknownTemplate`]; [`Error::Ftl`] (nothing stored); a shortcut in use; a status
/// for the source text.
pub fn edit(library: &Library, edit: &Edit<'_>) -> Result<TemplateDetail> {
    let source_locale = library.store().template(edit.key)?.source_locale;
    let lang = edit.lang.map(locale::canonical).transpose()?;
    let is_source = lang.as_deref().is_none_or(|l| l == source_locale);
    let mut plan = Plan {
        key: edit.key.to_string(),
        new: false,
        title: None,
        category: edit.category.map(str::to_string),
        tags: edit.tags.as_deref().map(join_tags),
        shortcut: edit.shortcut.map(str::to_string),
        examples: None,
        source_locale: source_locale.clone(),
        source: None,
        translations: Vec::new(),
        remove: Vec::new(),
        remove_unlisted: false,
    };
    if is_source {
        if let Some(status) = edit.status
            && status != Status::Approved
        {
            return Err(Error::Invalid(format!(
                "the source text ({source_locale}) is always approved; --status applies to a translation (--lang)"
            )));
        }
        plan.title = edit.title.map(str::to_string);
        plan.source = edit.text.map(|t| t.trim().to_string());
    } else {
        let target = lang.unwrap_or_default();
        let store = library.store();
        let template = store.template(edit.key)?;
        let current = store
            .variants(template.id)?
            .into_iter()
            .find(|v| v.locale == target);
        drop(store);
        let body = match (edit.text, &current) {
            (Some(text), _) => text.trim().to_string(),
            (None, Some(v)) => v.body.clone(),
            (None, None) => {
                return Err(Error::Invalid(format!(
                    "'{}' has no {target} text yet: give it with --text or --file",
                    edit.key
                )));
            }
        };
        plan.translations.push(TextWrite {
            locale: target,
            body,
            // The owner's own text is approved unless they say otherwise.
            status: Some(edit.status.unwrap_or(Status::Approved)),
            title: edit
                .title
                .map(|t| Some(t.trim().to_string()).filter(|t| !t.is_empty())),
        });
    }
    write_plan(library, plan)
}

/// The saved texts of template `key`, newest first (only `lang`'s when given). The first of a
/// language is its current text.
///
/// # Errors
/// [`Error::UnknownTemplate`] when the key is neither in the library nor in its history.
pub fn history(library: &Library, key: &str, lang: Option<&str>) -> Result<Vec<HistoryEntry>> {
    let lang = lang.map(locale::canonical).transpose()?;
    let store = library.store();
    let entries = store.history(key, lang.as_deref())?;
    if entries.is_empty() && !store.has_template(key)? {
        return Err(Error::UnknownTemplate(key.to_string()));
    }
    Ok(entries)
}

/// Makes saved version `id` the current text of its language again (itself a new version).
/// A source version turns translations made from another text `stale`; a translation keeps
/// the status it had then, or needs review when it was made from another source text.
///
/// # Errors
/// Unknown template or version; database failure.
pub fn restore_version(library: &Library, key: &str, id: i64) -> Result<TemplateDetail> {
    let (entry, source_locale) = {
        let store = library.store();
        let template = store.template(key)?;
        (store.history_entry(key, id)?, template.source_locale)
    };
    let mut plan = Plan {
        key: key.to_string(),
        new: false,
        title: None,
        category: None,
        tags: None,
        shortcut: None,
        examples: None,
        source_locale: source_locale.clone(),
        source: None,
        translations: Vec::new(),
        remove: Vec::new(),
        remove_unlisted: false,
    };
    if entry.locale == source_locale {
        plan.source = Some(entry.text);
    } else {
        let status = match entry.status {
            Status::Stale | Status::Rejected => Status::NeedsReview,
            s => s,
        };
        plan.translations.push(TextWrite {
            locale: entry.locale,
            body: entry.text,
            status: Some(status),
            title: None,
        });
    }
    write_plan(library, plan)
}

/// What the editor's insert menu offers for a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Vocabulary {
    /// Order fields (`order_id`, `tracking_number`…).
    pub order_fields: Vec<String>,
    /// Shop variables with their values.
    pub shop_vars: Vec<NamedValue>,
    /// Fluent terms of the language (`shop-name`, without the `-`).
    pub terms: Vec<String>,
    /// Values filled at render time (`today`, `clipboard`).
    pub builtins: Vec<String>,
    /// Variables that hold numbers (plural selectors make sense on them).
    pub number_variables: Vec<String>,
}

/// A name with its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NamedValue {
    /// The name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The order fields that hold numbers.
const NUMBER_FIELDS: [&str; 2] = ["item_count", "total"];

/// The insert menu's entries for `lang`.
///
/// # Errors
/// A bad locale; database failure.
pub fn vocabulary(library: &Library, lang: &str) -> Result<Vocabulary> {
    let target = locale::canonical(lang)?;
    let store = library.store();
    let shop_vars: Vec<NamedValue> = store
        .vars()?
        .into_iter()
        .map(|(name, value)| NamedValue { name, value })
        .collect();
    let mut terms: Vec<String> = store
        .all_terms()?
        .into_iter()
        .filter(|(l, _, _)| *l == target)
        .map(|(_, name, _)| name)
        .collect();
    terms.dedup();
    let mut number_variables: Vec<String> =
        NUMBER_FIELDS.iter().map(|s| (*s).to_string()).collect();
    number_variables.extend(
        shop_vars
            .iter()
            .filter(|v| {
                matches!(
                    reply::value_for(&v.name, &v.value),
                    crate::template::Value::Number(_)
                )
            })
            .map(|v| v.name.clone()),
    );
    Ok(Vocabulary {
        order_fields: SAMPLE_ORDER.iter().map(|(n, _)| (*n).to_string()).collect(),
        shop_vars,
        terms,
        builtins: BUILTINS.iter().map(|s| (*s).to_string()).collect(),
        number_variables,
    })
}

/// A plural selector on `variable` with exactly the CLDR categories of `lang` (`zero one two
/// few many other` in Arabic, `one few many other` in Russian, only `other` in Chinese), each
/// with the number in it, to be written over.
///
/// # Errors
/// A bad locale or variable name.
pub fn plural_snippet(variable: &str, lang: &str) -> Result<String> {
    let target = locale::canonical(lang)?;
    let name = variable.trim().trim_start_matches('$');
    crate::store::check_variable_name(name)?;
    let categories = crate::translate::plural_categories(&target);
    let mut snippet = format!("{{ ${name} ->\n");
    for category in &categories {
        let marker = if *category == "other" { "*" } else { " " };
        snippet.push_str(&format!("   {marker}[{category}] {{ ${name} }}\n"));
    }
    if categories.is_empty() {
        snippet.push_str(&format!("   *[other] {{ ${name} }}\n"));
    }
    snippet.push('}');
    Ok(snippet)
}

/// Previews a text being edited, filled with order `order_id` or the sample order; works for
/// a template not saved yet (`source_locale` is then the draft's).
///
/// # Errors
/// A bad locale; unknown order; render errors other than missing values.
pub fn preview(
    library: &Library,
    key: &str,
    source_locale: &str,
    lang: &str,
    text: &str,
    order_id: Option<&str>,
) -> Result<super::review::ReviewPreview> {
    let key = if is_identifier(key) { key } else { "reply" };
    let store = library.store();
    let order = order_id.filter(|o| !o.trim().is_empty());
    let source = locale::canonical(source_locale)?;
    match reply::preview_text(
        &store,
        library.renderer(),
        key,
        &source,
        lang,
        text.trim(),
        order,
    ) {
        Ok(p) => Ok(super::review::ReviewPreview {
            text: p.text,
            source_text: String::new(),
            missing: p.missing,
            errors: Vec::new(),
            problem: None,
        }),
        Err(Error::Ftl(errors)) => Ok(super::review::ReviewPreview {
            text: String::new(),
            source_text: String::new(),
            missing: Vec::new(),
            errors,
            problem: None,
        }),
        Err(e) => Err(e),
    }
}

/// Drafts the `lang` translation of `key` through the translation provider (the configured
/// one when `provider` is `None`) and returns it as the editor shows it: unreviewed.
///
/// # Errors
/// As [`super::review::draft`]: no provider, a refused key, the network, the source language.
pub fn draft_translation(
    library: &Library,
    secrets: &dyn crate::ports::Secrets,
    key: &str,
    lang: &str,
    provider: Option<&str>,
) -> Result<TemplateText> {
    let outcome = super::review::draft(library, secrets, key, lang, provider)?;
    detail(library, key)?
        .variants
        .into_iter()
        .find(|v| v.locale == outcome.item.locale)
        .ok_or_else(|| Error::Invalid(format!("'{key}' has no {lang} text after drafting")))
}

/// The Fluent text in a file (`--file`): UTF-8, without a byte-order mark or trailing newline.
///
/// # Errors
/// The file cannot be read or is not UTF-8.
pub fn text_from_file(path: &std::path::Path) -> Result<String> {
    Ok(crate::pack::read_text(path)?.trim_end().to_string())
}
