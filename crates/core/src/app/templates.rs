//! The template library as the command line lists, searches and renders it.

use serde::Serialize;

use super::Library;
use crate::Result;
use crate::reply::{self, Reply, Request};
use crate::search::Hit;
use crate::store::Status;

/// One language of a template, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantRow {
    /// Its locale.
    pub locale: String,
    /// Its review status.
    pub status: Status,
}

/// One template, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateRow {
    /// Stable key.
    pub key: String,
    /// Title in the source language.
    pub title: String,
    /// Category.
    pub category: String,
    /// Tags, comma-separated.
    pub tags: String,
    /// Typed shortcut.
    pub shortcut: String,
    /// The language its text is written in first.
    pub source_locale: String,
    /// Every locale it has a text in.
    pub locales: Vec<String>,
    /// Those texts' statuses.
    pub variants: Vec<VariantRow>,
    /// How often it was pasted.
    pub use_count: i64,
}

/// Every template with its languages, by key.
///
/// # Errors
/// Database failure.
pub fn list(library: &Library) -> Result<Vec<TemplateRow>> {
    let store = library.store();
    let templates = store.templates()?;
    let variants = store.all_variants()?;
    Ok(templates
        .into_iter()
        .map(|t| {
            let mine: Vec<VariantRow> = variants
                .iter()
                .filter(|(id, _)| *id == t.id)
                .map(|(_, v)| VariantRow {
                    locale: v.locale.clone(),
                    status: v.status,
                })
                .collect();
            TemplateRow {
                locales: mine.iter().map(|v| v.locale.clone()).collect(),
                variants: mine,
                key: t.key,
                title: t.title,
                category: t.category,
                tags: t.tags,
                shortcut: t.shortcut,
                source_locale: t.source_locale,
                use_count: t.use_count,
            }
        })
        .collect())
}

/// Fills template `key` for a buyer: in `lang`, else the order's buyer locale, else the source
/// language; values from the shop, then the order, then `vars` (strongest).
///
/// # Errors
/// Unknown template or order, a bad locale, a render error naming every missing value.
pub fn render(
    library: &Library,
    key: &str,
    lang: Option<&str>,
    order_id: Option<&str>,
    vars: &[(String, String)],
) -> Result<Reply> {
    reply::fill(
        &library.store(),
        library.renderer(),
        &Request {
            key,
            lang,
            order_id,
            vars,
        },
    )
}

/// Fuzzy search over keys, titles, shortcuts and texts (typos tolerated, frequently used
/// replies first); titles are shown in `title_lang` where the template has one.
///
/// # Errors
/// Database failure.
pub fn search(
    library: &Library,
    query: &str,
    title_lang: Option<&str>,
    limit: usize,
) -> Result<Vec<Hit>> {
    Ok(library.index()?.search(query, title_lang, limit))
}
