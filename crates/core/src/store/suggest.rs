//! What suggestions store: cached vectors of embedded texts, and the buyer messages staff
//! copied with the reply they pasted (the shop's learned picks). Messages never leave the
//! library: packs, team sync and exports read templates only.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::Store;
use crate::Result;
use crate::ports::EmbedKind;

/// A template's texts as suggestions see them: one row per language.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// The template's key.
    pub key: String,
    /// Its title (source language).
    pub title: String,
    /// Its example questions, one per line.
    pub examples: String,
    /// The template's source language.
    pub source_locale: String,
    /// This row's language.
    pub locale: String,
    /// The Fluent text in that language.
    pub body: String,
    /// The title in that language, when it has its own.
    pub locale_title: Option<String>,
}

/// A buyer message as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Message {
    /// Row id (what `forget_pick` removes).
    #[ts(type = "number")]
    pub id: i64,
    /// The text as copied.
    pub text: String,
    /// Its detected language, when told.
    pub lang: Option<String>,
    /// The reply pasted for it.
    pub template_key: Option<String>,
    /// The language that reply was pasted in.
    pub locale: Option<String>,
    /// The top suggestion when it came in.
    pub best_key: Option<String>,
    /// And its score.
    pub best_score: Option<f64>,
    /// When it was copied (UTC, ISO 8601).
    pub seen_at: String,
}

/// The cache key of a text's vector: the model, the kind (query or passage) and the text.
#[must_use]
pub fn embedding_hash(model: &str, kind: EmbedKind, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(model.as_bytes());
    h.update([0, u8::from(kind == EmbedKind::Query), 0]);
    h.update(text.as_bytes());
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

fn to_blob(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn from_blob(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

const MESSAGE_COLUMNS: &str = "id, text, lang, template_key, locale, best_key, best_score, seen_at";

fn message_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        text: r.get(1)?,
        lang: r.get(2)?,
        template_key: r.get(3)?,
        locale: r.get(4)?,
        best_key: r.get(5)?,
        best_score: r.get(6)?,
        seen_at: r.get(7)?,
    })
}

impl Store {
    /// Every template's texts, one row per language, for the suggestion index.
    ///
    /// # Errors
    /// Database failure.
    pub fn suggestion_sources(&self) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.key, t.title, t.examples, t.source_locale, v.locale, v.body, v.title
             FROM templates t JOIN variants v ON v.template_id = t.id
             WHERE v.status != 'rejected'
             ORDER BY t.key, v.locale",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SourceRow {
                    key: r.get(0)?,
                    title: r.get(1)?,
                    examples: r.get(2)?,
                    source_locale: r.get(3)?,
                    locale: r.get(4)?,
                    body: r.get(5)?,
                    locale_title: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A cheap fingerprint of everything the suggestion index is built from (templates, texts,
    /// learned picks): an unchanged fingerprint means an unchanged index.
    ///
    /// # Errors
    /// Database failure.
    pub fn suggestion_fingerprint(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) || '/' || ifnull(max(updated_at), '') FROM templates)
               || '|' || (SELECT count(*) || '/' || ifnull(max(updated_at), '') FROM variants)
               || '|' || (SELECT count(*) || '/' || ifnull(max(picked_at), '') || '/' || ifnull(max(id), 0)
                          FROM messages WHERE template_key IS NOT NULL)
               || '|' || (SELECT count(*) FROM deleted_templates)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The cached vectors among `hashes`.
    ///
    /// # Errors
    /// Database failure.
    pub fn embeddings(&self, hashes: &[String]) -> Result<rustc_hash::FxHashMap<String, Vec<f32>>> {
        let mut out = rustc_hash::FxHashMap::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT vector FROM embeddings WHERE hash = ?1")?;
        for hash in hashes {
            if out.contains_key(hash) {
                continue;
            }
            if let Some(blob) = stmt
                .query_row([hash], |r| r.get::<_, Vec<u8>>(0))
                .optional()?
            {
                out.insert(hash.clone(), from_blob(&blob));
            }
        }
        Ok(out)
    }

    /// Caches vectors, in one transaction.
    ///
    /// # Errors
    /// Database failure.
    pub fn put_embeddings(&mut self, vectors: &[(String, Vec<f32>)]) -> Result<()> {
        if vectors.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO embeddings (hash, vector) VALUES (?1, ?2)",
            )?;
            for (hash, v) in vectors {
                stmt.execute(params![hash, to_blob(v)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Keeps only the cached vectors in `keep` (the texts the library still has): an edited or
    /// deleted text's vector, and a forgotten buyer message's, do not linger.
    ///
    /// # Errors
    /// Database failure.
    pub fn prune_embeddings(&mut self, keep: &rustc_hash::FxHashSet<String>) -> Result<usize> {
        let stored: Vec<String> = self
            .conn
            .prepare("SELECT hash FROM embeddings")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let gone: Vec<&String> = stored.iter().filter(|h| !keep.contains(*h)).collect();
        if gone.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM embeddings WHERE hash = ?1")?;
            for h in &gone {
                stmt.execute([h])?;
            }
        }
        tx.commit()?;
        Ok(gone.len())
    }

    /// Records a copied buyer message (the same text copied again within a day is the same
    /// message: its row is returned). Returns the row id.
    ///
    /// # Errors
    /// Database failure.
    pub fn record_message(
        &mut self,
        text: &str,
        lang: Option<&str>,
        best: Option<(&str, f64)>,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM messages WHERE text = ?1 AND source = 'palette'
                 AND seen_at >= strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 day')
                 ORDER BY id DESC LIMIT 1",
                [text],
                |r| r.get(0),
            )
            .optional()?;
        let id = if let Some(id) = existing {
            id
        } else {
            tx.execute(
                "INSERT INTO messages (text, lang, best_key, best_score, source)
                 VALUES (?1, ?2, ?3, ?4, 'palette')",
                params![text, lang, best.map(|b| b.0), best.map(|b| b.1)],
            )?;
            tx.last_insert_rowid()
        };
        tx.commit()?;
        Ok(id)
    }

    /// Records that `key` was pasted (in `locale`) for message `id`. A message gone (forgotten
    /// meanwhile) records nothing.
    ///
    /// # Errors
    /// Database failure.
    pub fn pick_message(&self, id: i64, key: &str, locale: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE messages SET template_key = ?2, locale = ?3,
                 picked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
             WHERE id = ?1",
            params![id, key, locale],
        )?;
        Ok(n == 1)
    }

    /// Records learned picks `(key, text, lang)` directly (`quickreply learn`), in one
    /// transaction.
    ///
    /// # Errors
    /// Database failure.
    pub fn learn_picks(&mut self, picks: &[(&str, &str, Option<&str>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO messages (text, lang, template_key, locale, source, picked_at)
                 VALUES (?1, ?2, ?3, ?2, 'learn', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
            )?;
            for (key, text, lang) in picks {
                stmt.execute(params![text, lang, key])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Messages with a picked reply, newest first.
    ///
    /// # Errors
    /// Database failure.
    pub fn learned_picks(&self, limit: usize) -> Result<Vec<Message>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE template_key IS NOT NULL
             ORDER BY id DESC LIMIT ?1"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .conn
            .prepare(&sql)?
            .query_map([limit], message_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Messages copied at or after `since` (UTC ISO 8601), oldest first.
    ///
    /// # Errors
    /// Database failure.
    pub fn messages_since(&self, since: &str) -> Result<Vec<Message>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE seen_at >= ?1 ORDER BY seen_at, id"
        );
        let rows = self
            .conn
            .prepare(&sql)?
            .query_map([since], message_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Removes one message (a wrong learned pick). Returns whether it existed.
    ///
    /// # Errors
    /// Database failure.
    pub fn forget_message(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM messages WHERE id = ?1", [id])?
            == 1)
    }

    /// Deletes the messages copied before `before` (UTC ISO 8601). Returns how many.
    ///
    /// # Errors
    /// Database failure.
    pub fn forget_messages_before(&self, before: &str) -> Result<usize> {
        Ok(self
            .conn
            .execute("DELETE FROM messages WHERE seen_at < ?1", [before])?)
    }

    /// The texts of every stored message (their vectors are kept; others are pruned).
    ///
    /// # Errors
    /// Database failure.
    pub fn message_texts(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare("SELECT DISTINCT text FROM messages")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Pastes per local hour and weekday and per template since `since`: (`used_at`, key,
    /// title, locale) rows, oldest first.
    ///
    /// # Errors
    /// Database failure.
    pub fn usage_since(&self, since: &str) -> Result<Vec<(String, String, String, String)>> {
        Ok(self
            .conn
            .prepare(
                "SELECT u.used_at, t.key, t.title, u.locale FROM usage u
                 JOIN templates t ON t.id = u.template_id
                 WHERE u.used_at >= ?1 ORDER BY u.used_at",
            )?
            .query_map([since], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_and_prune() {
        let mut store = Store::open_in_memory().unwrap();
        let h = embedding_hash("m", EmbedKind::Query, "hello");
        assert_ne!(h, embedding_hash("m", EmbedKind::Passage, "hello"));
        assert_ne!(h, embedding_hash("other", EmbedKind::Query, "hello"));
        store
            .put_embeddings(&[(h.clone(), vec![0.5, -0.25])])
            .unwrap();
        let got = store.embeddings(&[h.clone(), "missing".into()]).unwrap();
        assert_eq!(got.get(&h), Some(&vec![0.5, -0.25]));
        assert_eq!(got.len(), 1);
        assert_eq!(store.prune_embeddings(&Default::default()).unwrap(), 1);
        assert!(store.embeddings(&[h]).unwrap().is_empty());
    }

    #[test]
    fn a_message_copied_twice_is_one_row_and_picks_are_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store
            .record_message("where is it", Some("en"), Some(("wismo", 0.8)))
            .unwrap();
        let b = store
            .record_message("where is it", Some("en"), None)
            .unwrap();
        assert_eq!(a, b);
        assert!(store.pick_message(a, "wismo", "en").unwrap());
        let picks = store.learned_picks(10).unwrap();
        assert_eq!(picks.len(), 1);
        assert_eq!(picks[0].template_key.as_deref(), Some("wismo"));
        assert!(store.forget_message(a).unwrap());
        assert!(store.learned_picks(10).unwrap().is_empty());
        assert!(
            !store.pick_message(a, "wismo", "en").unwrap(),
            "a forgotten message stays forgotten"
        );
    }
}
