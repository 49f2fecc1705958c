//! The owners' view of the whole library: every template with its languages' states and uses,
//! ranked search, deleting with undo, and the recently-deleted list (kept 30 days).

use serde::Serialize;

use super::Library;
use crate::store::library::{self as lib_store, write as lib_write};
use crate::store::{DeletedTemplate, Status};
use crate::{Error, Result};

/// One language's state of a template in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LangState {
    /// The language.
    pub locale: String,
    /// Its text's status.
    pub status: Status,
}

/// One row of the library list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LibraryRow {
    /// Stable key.
    pub key: String,
    /// Title in the source language.
    pub title: String,
    /// Category.
    pub category: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Typed shortcut.
    pub shortcut: String,
    /// The language it is written in first.
    pub source_locale: String,
    /// One state per language, the source first.
    pub variants: Vec<LangState>,
    /// Pastes in the last 30 days.
    #[ts(type = "number")]
    pub uses_30d: i64,
    /// Pastes ever.
    #[ts(type = "number")]
    pub use_count: i64,
    /// Last paste, UTC; `None` if never.
    pub last_used: Option<String>,
}

/// The library list with what its filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LibraryList {
    /// Every template, by key.
    pub rows: Vec<LibraryRow>,
    /// Every category in use, sorted.
    pub categories: Vec<String>,
    /// Every tag in use, sorted.
    pub tags: Vec<String>,
    /// Every language the library has text in, sorted.
    pub locales: Vec<String>,
}

/// Every template with its languages' states and uses.
///
/// # Errors
/// Database failure.
pub fn list(library: &Library) -> Result<LibraryList> {
    let store = library.store();
    let templates = store.templates()?;
    let variants = store.variant_states()?;
    let uses = store.uses_last_30_days()?;
    let mut by_template: std::collections::HashMap<i64, Vec<LangState>> =
        std::collections::HashMap::new();
    let mut locales = std::collections::BTreeSet::new();
    for (id, locale, status) in variants {
        locales.insert(locale.clone());
        by_template
            .entry(id)
            .or_default()
            .push(LangState { locale, status });
    }
    let mut categories = std::collections::BTreeSet::new();
    let mut tags = std::collections::BTreeSet::new();
    let rows = templates
        .into_iter()
        .map(|t| {
            let mut langs = by_template.remove(&t.id).unwrap_or_default();
            langs.sort_by_key(|l| (l.locale != t.source_locale, l.locale.clone()));
            let row_tags = super::editing::split_tags(&t.tags);
            if !t.category.is_empty() {
                categories.insert(t.category.clone());
            }
            tags.extend(row_tags.iter().cloned());
            LibraryRow {
                uses_30d: uses.get(&t.id).copied().unwrap_or(0),
                key: t.key,
                title: t.title,
                category: t.category,
                tags: row_tags,
                shortcut: t.shortcut,
                source_locale: t.source_locale,
                variants: langs,
                use_count: t.use_count,
                last_used: t.last_used,
            }
        })
        .collect();
    Ok(LibraryList {
        rows,
        categories: categories.into_iter().collect(),
        tags: tags.into_iter().collect(),
        locales: locales.into_iter().collect(),
    })
}

/// Keys of the templates matching `query`, best first, ranked as the palette ranks them.
///
/// # Errors
/// Database failure.
pub fn search(library: &Library, query: &str) -> Result<Vec<String>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let index = library.index()?;
    Ok(index
        .search(query, None, index.len())
        .into_iter()
        .map(|h| h.key)
        .collect())
}

/// Deletes template `key`; it stays restorable for 30 days (see [`undelete`]).
///
/// # Errors
/// [`Error::UnknownTemplate`]; database failure.
pub fn delete(library: &Library, key: &str) -> Result<DeletedTemplate> {
    let mut store = library.store();
    let tx = lib_store::begin(&mut store)?;
    let id = lib_write::delete_template(&tx, key)?
        .ok_or_else(|| Error::UnknownTemplate(key.to_string()))?;
    tx.commit()?;
    let entry = store
        .recently_deleted()?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| Error::UnknownTemplate(key.to_string()))?;
    drop(store);
    library.changed();
    Ok(entry)
}

/// Deleted templates that can still be restored, newest first.
///
/// # Errors
/// Database failure.
pub fn recently_deleted(library: &Library) -> Result<Vec<DeletedTemplate>> {
    library.store().recently_deleted()
}

/// Puts deleted template `id` back. Its key is taken back too unless another template has it
/// now (then `KEY-2`…), and its shortcut unless another template uses it now. Returns its key.
///
/// # Errors
/// [`Error::Invalid`] when it is no longer in the recently-deleted list; database failure.
pub fn undelete(library: &Library, id: i64) -> Result<String> {
    let mut store = library.store();
    let taken: std::collections::HashSet<String> =
        store.templates()?.into_iter().map(|t| t.key).collect();
    let tx = lib_store::begin(&mut store)?;
    let snapshot = lib_write::take_deleted(&tx, id)?.ok_or_else(|| {
        Error::Invalid(
            "that reply is no longer in Recently deleted (replies are kept there for 30 days)"
                .into(),
        )
    })?;
    let key = crate::import::unique_key(&snapshot.key, |k| taken.contains(k));
    let shortcut_free: bool = snapshot.shortcut.is_empty()
        || tx
            .query_row(
                "SELECT count(*) FROM templates WHERE shortcut = ?1",
                [&snapshot.shortcut],
                |r| r.get::<_, i64>(0),
            )
            .map_err(Error::from)?
            == 0;
    let shortcut = if shortcut_free {
        snapshot.shortcut.as_str()
    } else {
        ""
    };
    lib_write::restore(&tx, &snapshot, &key, shortcut)?;
    tx.commit()?;
    drop(store);
    library.changed();
    Ok(key)
}

/// Restores the newest deleted template that had `key` (`templates restore KEY`).
///
/// # Errors
/// [`Error::Invalid`] when no deleted template had that key in the last 30 days.
pub fn undelete_key(library: &Library, key: &str) -> Result<String> {
    let id = recently_deleted(library)?
        .into_iter()
        .find(|d| d.key == key)
        .map(|d| d.id)
        .ok_or_else(|| {
            Error::Invalid(format!("no reply '{key}' was deleted in the last 30 days"))
        })?;
    undelete(library, id)
}
