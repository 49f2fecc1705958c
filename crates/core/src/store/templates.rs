//! Templates, their per-locale variants and the Fluent terms they share.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::{Error, Result};

/// Review status of a variant. Only `Approved` text is pasted without a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Approved by a reviewer, imported as approved, or the source text itself: pasted without
    /// a confirmation.
    Approved,
    /// Needs a person's look: a machine draft with a problem, a reviewer's edit, or a pack
    /// import that says so.
    NeedsReview,
    /// A machine draft that passed every automatic check; no person has approved it yet.
    Machine,
    /// The source text changed after this translation was made; it may say something else now.
    Stale,
    /// Turned down by a reviewer: never pasted; the source language answers instead.
    Rejected,
}

impl Status {
    /// The name stored in SQLite and printed by the CLI (`needs_review`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::NeedsReview => "needs_review",
            Status::Machine => "machine",
            Status::Stale => "stale",
            Status::Rejected => "rejected",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = Error;

    /// Accepts both `needs_review` and `needs-review`.
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.trim().replace('-', "_").as_str() {
            "approved" => Status::Approved,
            "needs_review" => Status::NeedsReview,
            "machine" => Status::Machine,
            "stale" => Status::Stale,
            "rejected" => Status::Rejected,
            _ => {
                return Err(Error::Invalid(format!(
                    "unknown status '{s}' (expected approved, needs-review, machine, stale or rejected)"
                )));
            }
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A template's metadata (the source-language attributes of the pack).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    /// Row id in the library database; variants refer to it.
    pub id: i64,
    /// Stable key, the Fluent message id (`where-is-my-order`), the same in every locale.
    pub key: String,
    /// Title in the source language (`.title`), shown in the template list.
    pub title: String,
    /// Sidebar group (`.category`); empty when none.
    pub category: String,
    /// Comma-separated search words (`.tags`), as written in the pack.
    pub tags: String,
    /// Typed in the palette to pick the template (`;ty`, `.shortcut`); empty when none.
    pub shortcut: String,
    /// The locale it is written in first (BCP-47); translations are made from it.
    pub source_locale: String,
    /// How often it was pasted; frequent replies rank higher.
    pub use_count: i64,
    /// When it was last pasted, UTC `YYYY-MM-DDTHH:MM:SS.sssZ`; `None` if never.
    pub last_used: Option<String>,
    /// Example buyer questions it answers, one per line (empty when none).
    pub examples: String,
}

/// The text of a template in one locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// Canonical BCP-47 tag (`ar`, `zh-CN`).
    pub locale: String,
    /// The Fluent text in body format (see [`crate::template`]).
    pub body: String,
    /// Localized `.title`; `None` shows the source title.
    pub title: Option<String>,
    /// Review status; only `approved` text is pasted without a confirmation.
    pub status: Status,
    /// Hash of the source body this text was made from (16 hex digits); a source change
    /// with a different hash turns the text `stale`.
    pub source_hash: String,
    /// The machine-translation provider that drafted it (`deepl`); `None` if none did.
    pub provider: Option<String>,
    /// Who gave the last verdict (the name given, else the login name); `None` until reviewed
    /// or when no name is known.
    pub reviewer: Option<String>,
    /// When that verdict was given, UTC `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub reviewed_at: Option<String>,
    /// What a reviewer must look at (a placeholder the machine translation lost, a missing
    /// plural form), if anything.
    pub problem: Option<String>,
}

/// What to write for one template's metadata.
#[derive(Debug, Clone, Default)]
pub struct TemplateMeta<'a> {
    /// Template key, the Fluent message id.
    pub key: &'a str,
    /// Title in the source language; empty when none.
    pub title: &'a str,
    /// Sidebar group; empty when none.
    pub category: &'a str,
    /// Comma-separated search words; empty when none.
    pub tags: &'a str,
    /// Typed shortcut (`;ty`); empty when none.
    pub shortcut: &'a str,
    /// The locale the template is written in first (BCP-47).
    pub source_locale: &'a str,
}

const TEMPLATE_COLUMNS: &str =
    "id, key, title, category, tags, shortcut, source_locale, use_count, last_used, examples";

fn template_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Template> {
    Ok(Template {
        id: row.get(0)?,
        key: row.get(1)?,
        title: row.get(2)?,
        category: row.get(3)?,
        tags: row.get(4)?,
        shortcut: row.get(5)?,
        source_locale: row.get(6)?,
        use_count: row.get(7)?,
        last_used: row.get(8)?,
        examples: row.get(9)?,
    })
}

const VARIANT_COLUMNS: &str =
    "locale, body, title, status, source_hash, provider, reviewer, reviewed_at, problem";

fn variant_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Variant> {
    variant_from_columns(row, 0)
}

/// A variant from `VARIANT_COLUMNS` starting at column `first`.
fn variant_from_columns(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Variant> {
    let status: String = row.get(first + 3)?;
    Ok(Variant {
        locale: row.get(first)?,
        body: row.get(first + 1)?,
        title: row.get(first + 2)?,
        // The CHECK constraint guarantees a known status.
        status: status.parse().unwrap_or(Status::NeedsReview),
        source_hash: row.get(first + 4)?,
        provider: row.get(first + 5)?,
        reviewer: row.get(first + 6)?,
        reviewed_at: row.get(first + 7)?,
        problem: row.get(first + 8)?,
    })
}

/// Splits a tag list as typed or stored (`a, b`, `a;b`, `a，b`) into trimmed, distinct tags.
#[must_use]
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', ';', '，', '、', '；']) {
        let tag = tag.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A stable 64-bit FNV-1a hash of a source body, hex encoded. Stable across Rust versions
/// (unlike `DefaultHasher`), because it is stored and compared across releases.
#[must_use]
pub fn source_hash(body: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in body.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl Store {
    /// All templates, ordered by key.
    ///
    /// # Errors
    /// Database failure.
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {TEMPLATE_COLUMNS} FROM templates ORDER BY key"
        ))?;
        let rows = stmt.query_map([], template_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The template with `key`.
    ///
    /// # Errors
    /// [`Error::UnknownTemplate`] when there is none.
    pub fn template(&self, key: &str) -> Result<Template> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {TEMPLATE_COLUMNS} FROM templates WHERE key = ?1"
            ))?
            .query_row([key], template_from_row)
            .optional()?
            .ok_or_else(|| Error::UnknownTemplate(key.to_string()))
    }

    /// The text of a template in its source language (`None` only for a damaged library).
    ///
    /// # Errors
    /// Database failure.
    pub fn source_body(&self, template: &Template) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT body FROM variants WHERE template_id = ?1 AND locale = ?2")?
            .query_row(params![template.id, template.source_locale], |r| r.get(0))
            .optional()?)
    }

    /// Every variant of a template, ordered by locale.
    ///
    /// # Errors
    /// Database failure.
    pub fn variants(&self, template_id: i64) -> Result<Vec<Variant>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {VARIANT_COLUMNS} FROM variants WHERE template_id = ?1 ORDER BY locale"
        ))?;
        let rows = stmt.query_map([template_id], variant_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every locale the library has text in, ordered.
    ///
    /// # Errors
    /// Database failure.
    pub fn locales(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            // One index lookup per language (variants_by_locale), not a scan of every text.
            .prepare_cached(
                "WITH RECURSIVE l(locale) AS (
                     SELECT min(locale) FROM variants
                     UNION ALL
                     SELECT (SELECT min(locale) FROM variants WHERE locale > l.locale)
                     FROM l WHERE l.locale IS NOT NULL
                 )
                 SELECT locale FROM l WHERE locale IS NOT NULL",
            )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every variant of every template as `(template_id, variant)`, for search indexing and export.
    ///
    /// # Errors
    /// Database failure.
    pub fn all_variants(&self) -> Result<Vec<(i64, Variant)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT template_id, {VARIANT_COLUMNS} FROM variants ORDER BY template_id, locale"
        ))?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, variant_from_columns(row, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The term sources of `locale`, falling back to `fallback`'s terms for names the locale
    /// does not define (a translation may rely on the source's brand names).
    ///
    /// # Errors
    /// Database failure.
    pub fn terms_for(&self, locale: &str, fallback: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT source FROM terms WHERE locale = ?1
             UNION ALL
             SELECT source FROM terms t WHERE locale = ?2 AND ?1 <> ?2
               AND NOT EXISTS (SELECT 1 FROM terms u WHERE u.locale = ?1 AND u.name = t.name)",
        )?;
        let rows = stmt.query_map([locale, fallback], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every term as `(locale, name, source)`, ordered, for export.
    ///
    /// # Errors
    /// Database failure.
    pub fn all_terms(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT locale, name, source FROM terms ORDER BY locale, name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[cfg(test)]
    pub(crate) fn set_status_for_test(&mut self, template_id: i64, locale: &str, status: Status) {
        self.conn()
            .execute(
                "UPDATE variants SET status = ?3 WHERE template_id = ?1 AND locale = ?2",
                params![template_id, locale, status.as_str()],
            )
            .expect("status update");
    }

    /// Records that a template was pasted (for ranking and insights).
    ///
    /// # Errors
    /// [`Error::UnknownTemplate`] or a database failure.
    pub fn record_usage(&mut self, key: &str, locale: &str, order_id: Option<&str>) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        let id: i64 = tx
            .query_row("SELECT id FROM templates WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::UnknownTemplate(key.to_string()))?;
        tx.execute(
            "INSERT INTO usage (template_id, locale, order_id) VALUES (?1, ?2, ?3)",
            params![id, locale, order_id],
        )?;
        tx.execute(
            "UPDATE templates SET use_count = use_count + 1,
                 last_used = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1",
            [id],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Writes inside one transaction; used by pack import so that a pack lands whole or not at all.
pub(crate) mod write {
    use super::{Status, TemplateMeta, source_hash};
    use rusqlite::{OptionalExtension, Transaction, params};

    /// Inserts or updates a template's metadata by key; returns its id and whether it is new.
    pub(crate) fn upsert_template(
        tx: &Transaction<'_>,
        meta: &TemplateMeta<'_>,
    ) -> rusqlite::Result<(i64, bool)> {
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM templates WHERE key = ?1")?
            .query_row([meta.key], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            tx.prepare_cached(
                "UPDATE templates SET title = ?2, category = ?3, tags = ?4, shortcut = ?5,
                    source_locale = ?6, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
                 WHERE id = ?1 AND (title, category, tags, shortcut, source_locale) IS NOT (?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![id, meta.title, meta.category, meta.tags, meta.shortcut, meta.source_locale])?;
            Ok((id, false))
        } else {
            tx.prepare_cached(
                "INSERT INTO templates (key, title, category, tags, shortcut, source_locale)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                meta.key,
                meta.title,
                meta.category,
                meta.tags,
                meta.shortcut,
                meta.source_locale
            ])?;
            Ok((tx.last_insert_rowid(), true))
        }
    }

    /// The stored body and source hash of a variant, if any.
    pub(crate) fn variant_state(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
    ) -> rusqlite::Result<Option<(String, String)>> {
        tx.prepare_cached(
            "SELECT body, source_hash FROM variants WHERE template_id = ?1 AND locale = ?2",
        )?
        .query_row(params![template_id, locale], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
    }

    /// The id of the template with `key`, if any.
    pub(crate) fn template_id(tx: &Transaction<'_>, key: &str) -> rusqlite::Result<Option<i64>> {
        tx.prepare_cached("SELECT id FROM templates WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()
    }

    /// The stored body, status and localized title of a variant, if any.
    pub(crate) fn variant_full(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
    ) -> rusqlite::Result<Option<(String, Status, Option<String>)>> {
        tx.prepare_cached(
            "SELECT body, status, title FROM variants WHERE template_id = ?1 AND locale = ?2",
        )?
        .query_row(params![template_id, locale], |r| {
            let status: String = r.get(1)?;
            Ok((
                r.get(0)?,
                status.parse().unwrap_or(Status::NeedsReview),
                r.get(2)?,
            ))
        })
        .optional()
    }

    /// A variant as a review record compares it: text, title, verdict and reviewer.
    pub(crate) fn variant_review(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
    ) -> rusqlite::Result<Option<ReviewState>> {
        tx.prepare_cached(
            "SELECT body, title, status, source_hash, reviewer, reviewed_at FROM variants
             WHERE template_id = ?1 AND locale = ?2",
        )?
        .query_row(params![template_id, locale], |r| {
            let status: String = r.get(2)?;
            Ok(ReviewState {
                body: r.get(0)?,
                title: r.get(1)?,
                status: status.parse().unwrap_or(Status::NeedsReview),
                source_hash: r.get(3)?,
                reviewer: r.get(4)?,
                reviewed_at: r.get(5)?,
            })
        })
        .optional()
    }

    /// What [`variant_review`] reads.
    #[derive(Debug)]
    pub(crate) struct ReviewState {
        pub body: String,
        pub title: Option<String>,
        pub status: Status,
        pub source_hash: String,
        pub reviewer: Option<String>,
        pub reviewed_at: Option<String>,
    }

    /// Sets who gave a variant's verdict, and when.
    pub(crate) fn set_reviewer(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
        reviewer: Option<&str>,
        reviewed_at: Option<&str>,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "UPDATE variants SET reviewer = ?3, reviewed_at = ?4 WHERE template_id = ?1 AND locale = ?2",
        )?
        .execute(params![template_id, locale, reviewer, reviewed_at])?;
        Ok(())
    }

    /// Every locale a template has a text in.
    pub(crate) fn locales_of(
        tx: &Transaction<'_>,
        template_id: i64,
    ) -> rusqlite::Result<Vec<String>> {
        let mut stmt = tx.prepare_cached("SELECT locale FROM variants WHERE template_id = ?1")?;
        let rows = stmt.query_map([template_id], |r| r.get(0))?;
        rows.collect()
    }

    /// Inserts or replaces a variant.
    pub(crate) fn put_variant(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
        body: &str,
        title: Option<&str>,
        status: Status,
        source_hash: &str,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO variants (template_id, locale, body, title, status, source_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (template_id, locale) DO UPDATE SET body = ?3, title = ?4, status = ?5,
                source_hash = ?6,
                problem = CASE WHEN variants.body = excluded.body THEN variants.problem END,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')",
        )?
        .execute(params![
            template_id,
            locale,
            body,
            title,
            status.as_str(),
            source_hash
        ])?;
        Ok(())
    }

    /// Marks every translation of a template made from another source text as stale.
    /// Returns how many turned stale.
    pub(crate) fn stale_translations(
        tx: &Transaction<'_>,
        template_id: i64,
        source_locale: &str,
        new_source_body: &str,
    ) -> rusqlite::Result<usize> {
        tx.prepare_cached(
            "UPDATE variants SET status = 'stale', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
             WHERE template_id = ?1 AND locale <> ?2 AND source_hash <> ?3 AND status <> 'stale'",
        )?
        .execute(params![template_id, source_locale, source_hash(new_source_body)])
    }

    pub(crate) fn put_term(
        tx: &Transaction<'_>,
        locale: &str,
        name: &str,
        source: &str,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO terms (locale, name, source) VALUES (?1, ?2, ?3)
             ON CONFLICT (locale, name) DO UPDATE SET source = ?3",
        )?
        .execute(params![locale, name, source])?;
        Ok(())
    }
}
