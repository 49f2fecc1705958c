//! What the owners' library window needs from SQLite beyond plain templates: the history of
//! every text, deleted templates kept for 30 days, usage over the last 30 days, and the
//! statements an edit is made of (run inside the caller's transaction).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Status, Store};
use crate::{Error, Result};

/// How long a deleted template can be restored.
pub const DELETED_KEPT_DAYS: u32 = 30;

/// Versions kept per template and language; older ones are dropped when a new one is saved.
pub const HISTORY_KEPT: u32 = 200;

/// One saved text of a template in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HistoryEntry {
    /// Its id, to restore it.
    pub id: i64,
    /// The language (BCP-47).
    pub locale: String,
    /// The Fluent text as it was saved.
    pub text: String,
    /// Its review status when it was saved.
    pub status: Status,
    /// When it was saved, UTC `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub saved_at: String,
    /// Who saved it (a login name, or the machine-translation provider), when known.
    pub author: Option<String>,
}

/// A deleted template that can still be restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DeletedTemplate {
    /// Its id in the recently-deleted list, to restore it.
    pub id: i64,
    /// Its key when it was deleted.
    pub key: String,
    /// Its title.
    pub title: String,
    /// When it was deleted, UTC.
    pub deleted_at: String,
}

/// Everything about a template that a restore puts back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub key: String,
    pub title: String,
    pub category: String,
    pub tags: String,
    pub shortcut: String,
    pub source_locale: String,
    pub examples: String,
    pub use_count: i64,
    pub last_used: Option<String>,
    pub created_at: String,
    pub variants: Vec<SnapshotVariant>,
    /// `(locale, order_id, used_at)` of every paste, for ranking and insights.
    pub usage: Vec<(String, Option<String>, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SnapshotVariant {
    pub locale: String,
    pub body: String,
    pub title: Option<String>,
    pub status: String,
    pub source_hash: String,
    pub provider: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub problem: Option<String>,
}

impl Store {
    /// The saved texts of template `key`, newest first; only `locale`'s when given.
    ///
    /// # Errors
    /// Database failure.
    pub fn history(&self, key: &str, locale: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, locale, body, status, saved_at, author FROM history
             WHERE template_key = ?1 AND (?2 IS NULL OR locale = ?2) ORDER BY id DESC",
        )?;
        let rows = stmt.query_map(params![key, locale], |r| {
            let status: String = r.get(3)?;
            Ok(HistoryEntry {
                id: r.get(0)?,
                locale: r.get(1)?,
                text: r.get(2)?,
                status: status.parse().unwrap_or(Status::NeedsReview),
                saved_at: r.get(4)?,
                author: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One saved text of template `key`.
    ///
    /// # Errors
    /// [`Error::Invalid`] when `key` has no such version; database failure.
    pub fn history_entry(&self, key: &str, id: i64) -> Result<HistoryEntry> {
        self.history(key, None)?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "'{key}' has no saved version {id}; reopen its history and pick one listed there"
                ))
            })
    }

    /// Deleted templates that can still be restored, newest first. Older ones are purged first.
    ///
    /// # Errors
    /// Database failure.
    pub fn recently_deleted(&mut self) -> Result<Vec<DeletedTemplate>> {
        self.purge_deleted()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, key, title, deleted_at FROM deleted_templates ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DeletedTemplate {
                id: r.get(0)?,
                key: r.get(1)?,
                title: r.get(2)?,
                deleted_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets deleted templates older than [`DELETED_KEPT_DAYS`].
    ///
    /// # Errors
    /// Database failure.
    pub fn purge_deleted(&mut self) -> Result<usize> {
        Ok(self.conn().execute(
            "DELETE FROM deleted_templates
             WHERE deleted_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?1)",
            [format!("-{DELETED_KEPT_DAYS} days")],
        )?)
    }

    /// `(template_id, locale, status)` of every text, without the texts (the library list).
    ///
    /// # Errors
    /// Database failure.
    pub fn variant_states(&self) -> Result<Vec<(i64, String, Status)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT template_id, locale, status FROM variants")?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                status.parse().unwrap_or(Status::NeedsReview),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Per template id: how often it was pasted in the last 30 days.
    ///
    /// # Errors
    /// Database failure.
    pub fn uses_last_30_days(&self) -> Result<std::collections::HashMap<i64, i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT template_id, count(*) FROM usage
             WHERE used_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
             GROUP BY template_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The key of the template whose shortcut is `shortcut`, other than `except`.
    ///
    /// # Errors
    /// Database failure.
    pub fn shortcut_owner(&self, shortcut: &str, except: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT key FROM templates WHERE shortcut = ?1 AND key <> ?2 LIMIT 1")?
            .query_row(params![shortcut, except], |r| r.get(0))
            .optional()?)
    }

    /// Whether a template with `key` exists.
    ///
    /// # Errors
    /// Database failure.
    pub fn has_template(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM templates WHERE key = ?1")?
            .query_row([key], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

/// Statements of an edit, inside the caller's transaction.
pub(crate) mod write {
    use super::{DELETED_KEPT_DAYS, HISTORY_KEPT, Snapshot, SnapshotVariant};
    use rusqlite::{OptionalExtension, Transaction, params};

    /// Sets a template's example questions.
    pub(crate) fn set_examples(
        tx: &Transaction<'_>,
        template_id: i64,
        examples: &str,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached("UPDATE templates SET examples = ?2 WHERE id = ?1")?
            .execute(params![template_id, examples])?;
        Ok(())
    }

    /// Removes one language of a template.
    pub(crate) fn delete_variant(
        tx: &Transaction<'_>,
        template_id: i64,
        locale: &str,
    ) -> rusqlite::Result<usize> {
        tx.prepare_cached("DELETE FROM variants WHERE template_id = ?1 AND locale = ?2")?
            .execute(params![template_id, locale])
    }

    /// Records who saved the versions written since history row `after` of `key`, and drops
    /// versions beyond [`HISTORY_KEPT`] per language.
    pub(crate) fn sign_history(
        tx: &Transaction<'_>,
        key: &str,
        after: i64,
        author: Option<&str>,
    ) -> rusqlite::Result<()> {
        if let Some(author) = author {
            tx.prepare_cached(
                "UPDATE history SET author = ?3 WHERE template_key = ?1 AND id > ?2 AND author IS NULL",
            )?
            .execute(params![key, after, author])?;
        }
        tx.prepare_cached(
            "DELETE FROM history WHERE template_key = ?1 AND id IN (
                SELECT id FROM (SELECT id, row_number() OVER
                    (PARTITION BY locale ORDER BY id DESC) AS n
                 FROM history WHERE template_key = ?1) WHERE n > ?2)",
        )?
        .execute(params![key, HISTORY_KEPT])?;
        Ok(())
    }

    /// The newest history row id (0 when none): versions written after it belong to this edit.
    pub(crate) fn last_history_id(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
        tx.query_row("SELECT coalesce(max(id), 0) FROM history", [], |r| r.get(0))
    }

    /// Takes template `key` out of the library into the recently-deleted list; returns the
    /// list entry's id, or `None` when there is no such template.
    pub(crate) fn delete_template(
        tx: &Transaction<'_>,
        key: &str,
    ) -> rusqlite::Result<Option<i64>> {
        let row = tx
            .query_row(
                "SELECT id, key, title, category, tags, shortcut, source_locale, examples,
                        use_count, last_used, created_at FROM templates WHERE key = ?1",
                [key],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Snapshot {
                            key: r.get(1)?,
                            title: r.get(2)?,
                            category: r.get(3)?,
                            tags: r.get(4)?,
                            shortcut: r.get(5)?,
                            source_locale: r.get(6)?,
                            examples: r.get(7)?,
                            use_count: r.get(8)?,
                            last_used: r.get(9)?,
                            created_at: r.get(10)?,
                            variants: Vec::new(),
                            usage: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((id, mut snapshot)) = row else {
            return Ok(None);
        };
        let mut stmt = tx.prepare_cached(
            "SELECT locale, body, title, status, source_hash, provider, reviewer, reviewed_at,
                    problem FROM variants WHERE template_id = ?1 ORDER BY locale",
        )?;
        snapshot.variants = stmt
            .query_map([id], |r| {
                Ok(SnapshotVariant {
                    locale: r.get(0)?,
                    body: r.get(1)?,
                    title: r.get(2)?,
                    status: r.get(3)?,
                    source_hash: r.get(4)?,
                    provider: r.get(5)?,
                    reviewer: r.get(6)?,
                    reviewed_at: r.get(7)?,
                    problem: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = tx.prepare_cached(
            "SELECT locale, order_id, used_at FROM usage WHERE template_id = ?1 ORDER BY id",
        )?;
        snapshot.usage = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let json = serde_json::to_string(&snapshot)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        tx.execute(
            "INSERT INTO deleted_templates (key, title, snapshot) VALUES (?1, ?2, ?3)",
            params![snapshot.key, snapshot.title, json],
        )?;
        let entry = tx.last_insert_rowid();
        // Variants and usage go with it (ON DELETE CASCADE); the history stays, by key.
        tx.execute("DELETE FROM templates WHERE id = ?1", [id])?;
        tx.execute(
            "DELETE FROM deleted_templates
             WHERE deleted_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?1)",
            [format!("-{DELETED_KEPT_DAYS} days")],
        )?;
        Ok(Some(entry))
    }

    /// The snapshot of recently-deleted entry `id`, removed from the list.
    pub(crate) fn take_deleted(
        tx: &Transaction<'_>,
        id: i64,
    ) -> rusqlite::Result<Option<Snapshot>> {
        let json: Option<String> = tx
            .query_row(
                "SELECT snapshot FROM deleted_templates WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(json) = json else { return Ok(None) };
        tx.execute("DELETE FROM deleted_templates WHERE id = ?1", [id])?;
        serde_json::from_str(&json).map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    }

    /// Puts a snapshot back under `key` (its own, or a free one when that was taken since).
    /// Its texts are written without adding history versions: they are versions already kept.
    pub(crate) fn restore(
        tx: &Transaction<'_>,
        snapshot: &Snapshot,
        key: &str,
        shortcut: &str,
    ) -> rusqlite::Result<i64> {
        tx.execute(
            "INSERT INTO templates (key, title, category, tags, shortcut, source_locale, examples,
                 use_count, last_used, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                key,
                snapshot.title,
                snapshot.category,
                snapshot.tags,
                shortcut,
                snapshot.source_locale,
                snapshot.examples,
                snapshot.use_count,
                snapshot.last_used,
                snapshot.created_at
            ],
        )?;
        let id = tx.last_insert_rowid();
        let before = last_history_id(tx)?;
        for v in &snapshot.variants {
            tx.execute(
                "INSERT INTO variants (template_id, locale, body, title, status, source_hash,
                     provider, reviewer, reviewed_at, problem)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    v.locale,
                    v.body,
                    v.title,
                    v.status,
                    v.source_hash,
                    v.provider,
                    v.reviewer,
                    v.reviewed_at,
                    v.problem
                ],
            )?;
        }
        if key == snapshot.key {
            tx.execute(
                "DELETE FROM history WHERE template_key = ?1 AND id > ?2",
                params![key, before],
            )?;
        }
        for (locale, order_id, used_at) in &snapshot.usage {
            tx.execute(
                "INSERT INTO usage (template_id, locale, order_id, used_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, locale, order_id, used_at],
            )?;
        }
        Ok(id)
    }
}

/// Starts a write transaction on the store (for the application layer's edits).
pub(crate) fn begin(store: &mut Store) -> Result<Transaction<'_>> {
    Ok(store.conn_mut().transaction()?)
}
