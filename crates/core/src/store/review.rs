//! The review queue: translations that are not approved yet, and the reviewer's verdict.

use rusqlite::params;
use serde::Serialize;

use super::{Status, Store, source_hash};
use crate::{Error, Result, locale};

/// A translation waiting for a bilingual colleague.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReviewItem {
    /// Template key.
    pub key: String,
    /// Template title in the source language.
    pub title: String,
    /// The translation's locale (BCP-47).
    pub locale: String,
    /// `machine`, `needs_review` or `stale`.
    pub status: Status,
    /// The translated Fluent body to review.
    pub body: String,
    /// The template's source locale (BCP-47).
    pub source_locale: String,
    /// The current source body, to compare with.
    pub source_body: String,
    /// The machine-translation provider that drafted it (`deepl`); `None` if none did.
    pub provider: Option<String>,
    /// Why it needs a look, when the importer or the translator knows.
    pub problem: Option<String>,
    /// Two people changed this text at once (a team sync): the version the library did not
    /// keep. Approving or editing the text settles it.
    pub conflict: Option<ReviewConflict>,
}

/// The other side of a team conflict, shown beside the text the library kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReviewConflict {
    /// The other version's text; empty when the other side deleted the reply.
    pub other: String,
    /// Who wrote it, when known.
    pub other_author: Option<String>,
    /// The other side deleted the reply (the edit here was kept).
    pub deleted: bool,
}

/// Which variants wait for a reviewer: translations not approved yet, and any text (a source
/// text too) that a team sync left `needs_review` because two people changed it at once.
const WAITING: &str = "v.status IN ('machine', 'needs_review', 'stale')
     AND (v.locale <> t.source_locale OR v.status = 'needs_review')";

impl Store {
    /// Every translation that is `machine`, `needs_review` or `stale`, by key then locale.
    ///
    /// # Errors
    /// Database failure.
    pub fn review_queue(&self) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn().prepare_cached(
            &format!(
                "SELECT t.key, t.title, v.locale, v.status, v.body, t.source_locale, s.body, v.provider, v.problem,
                        c.other, c.other_author, c.kind
                 FROM variants v
                 JOIN templates t ON t.id = v.template_id
                 JOIN variants s ON s.template_id = t.id AND s.locale = t.source_locale
                 LEFT JOIN team_conflicts c ON c.template_key = t.key AND c.locale = v.locale
                 WHERE {WAITING}
                 ORDER BY t.key, v.locale"
            ),
        )?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(3)?;
            Ok(ReviewItem {
                key: r.get(0)?,
                title: r.get(1)?,
                locale: r.get(2)?,
                status: status.parse().unwrap_or(Status::NeedsReview),
                body: r.get(4)?,
                source_locale: r.get(5)?,
                source_body: r.get(6)?,
                provider: r.get(7)?,
                problem: r.get(8)?,
                conflict: match r.get::<_, Option<String>>(9)? {
                    Some(other) => Some(ReviewConflict {
                        other,
                        other_author: r.get(10)?,
                        deleted: r.get::<_, Option<String>>(11)?.as_deref()
                            == Some("deleted_edited"),
                    }),
                    None => None,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a reviewer's verdict on the `lang` translation of `key`: `Approved` (it is now
    /// pasted without a warning, and counts as made from the current source text) or
    /// `Rejected` (never pasted; the source language answers instead).
    ///
    /// # Errors
    /// [`Error::UnknownTemplate`]; [`Error::Invalid`] when the template has no text in that
    /// language, when it is the source text, or for a verdict other than approve/reject.
    pub fn review(
        &mut self,
        key: &str,
        lang: &str,
        verdict: Status,
        reviewer: Option<&str>,
    ) -> Result<String> {
        if !matches!(verdict, Status::Approved | Status::Rejected) {
            return Err(Error::Invalid(format!(
                "a review approves or rejects, not '{verdict}'"
            )));
        }
        let template = self.template(key)?;
        let variants = self.variants(template.id)?;
        let locales: Vec<&str> = variants.iter().map(|v| v.locale.as_str()).collect();
        let Some(target) =
            locale::best_match(&locale::canonical(lang)?, &locales).map(str::to_string)
        else {
            return Err(Error::Invalid(format!(
                "'{key}' has no {lang} text (it has: {}); translate it first",
                locales.join(", ")
            )));
        };
        // A source text is reviewed only when a team sync left it `needs_review` (two people
        // changed it at once): approving it settles the conflict.
        let source_to_settle = verdict == Status::Approved
            && variants
                .iter()
                .any(|v| v.locale == target && v.status == Status::NeedsReview);
        if target == template.source_locale && !source_to_settle {
            return Err(Error::Invalid(format!(
                "{target} is the source language of '{key}': only translations are reviewed"
            )));
        }
        let source_body = self.source_body(&template)?.unwrap_or_default();
        if verdict == Status::Approved {
            let body = variants
                .iter()
                .find(|v| v.locale == target)
                .map_or("", |v| v.body.as_str());
            let broken = variants
                .iter()
                .find(|v| v.locale == target)
                .and_then(|v| v.problem.as_deref())
                .filter(|p| p.starts_with(crate::translate::BROKEN_PLACEHOLDERS))
                .map(|_| "the machine translation broke its placeholders".to_string());
            if let Some(problem) = broken.or_else(|| placeholder_problem(key, body, &source_body)) {
                return Err(Error::Invalid(format!(
                    "the {target} text of '{key}' cannot be approved: {problem}; fix it in the review window first"
                )));
            }
        }
        let source = source_hash(&source_body);
        self.conn().execute(
            "UPDATE variants SET status = ?3, reviewer = ?4, problem = NULL,
                 reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
                 source_hash = CASE WHEN ?3 = 'approved' THEN ?5 ELSE source_hash END
             WHERE template_id = ?1 AND locale = ?2",
            params![template.id, target, verdict.as_str(), reviewer, source],
        )?;
        Ok(target)
    }

    /// Stores a machine draft for `locale` (replacing any text there): made from the current
    /// source, by `provider`, unreviewed.
    ///
    /// # Errors
    /// Unknown template; database failure.
    pub fn save_draft(
        &mut self,
        key: &str,
        locale: &str,
        body: &str,
        status: Status,
        provider: &str,
        problem: Option<&str>,
    ) -> Result<()> {
        let template = self.template(key)?;
        let source = source_hash(&self.source_body(&template)?.unwrap_or_default());
        self.conn().execute(
            "INSERT INTO variants (template_id, locale, body, status, source_hash, provider, problem)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (template_id, locale) DO UPDATE SET body = ?3, status = ?4,
                source_hash = ?5, provider = ?6, problem = ?7, reviewer = NULL,
                reviewed_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')",
            params![template.id, locale, body, status.as_str(), source, provider, problem],
        )?;
        Ok(())
    }

    /// A reviewer's edit of the `lang` translation of `key`: stored as `needs_review` (it
    /// still needs the approval), with what is still wrong with it as the problem.
    ///
    /// # Errors
    /// [`Error::Ftl`] with line and column when `body` is not valid Fluent (nothing is
    /// stored); unknown template or language.
    pub fn edit_translation(&mut self, key: &str, lang: &str, body: &str) -> Result<ReviewItem> {
        let body = body.trim();
        crate::template::validate_body(key, body).map_err(Error::Ftl)?;
        let template = self.template(key)?;
        let target = locale::canonical(lang)?;
        if target == template.source_locale {
            return Err(Error::Invalid(format!(
                "{target} is the source language of '{key}': edit it in the library, not in review"
            )));
        }
        let source_body = self.source_body(&template)?.unwrap_or_default();
        let problem = placeholder_problem(key, body, &source_body);
        self.conn().execute(
            "INSERT INTO variants (template_id, locale, body, status, source_hash, problem)
             VALUES (?1, ?2, ?3, 'needs_review', ?4, ?5)
             ON CONFLICT (template_id, locale) DO UPDATE SET body = ?3, status = 'needs_review',
                source_hash = ?4, problem = ?5,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')",
            params![
                template.id,
                target,
                body,
                source_hash(&source_body),
                problem
            ],
        )?;
        self.review_queue()?
            .into_iter()
            .find(|i| i.key == key && i.locale == target)
            .ok_or_else(|| Error::Invalid(format!("'{key}' has no {target} text")))
    }

    /// How many translations wait for review, per language (for the tray and the palette).
    ///
    /// # Errors
    /// Database failure.
    pub fn review_counts(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT v.locale, count(*) FROM variants v JOIN templates t ON t.id = v.template_id
                 WHERE {WAITING}
                 GROUP BY v.locale ORDER BY v.locale"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Why a translation cannot be used as it is: not valid Fluent, or not the source's
/// variables (a placeholder was lost or invented). `None` when it is fine.
#[must_use]
pub fn placeholder_problem(key: &str, body: &str, source_body: &str) -> Option<String> {
    let variables = match crate::template::validate_body(key, body) {
        Ok(v) => v,
        Err(errors) => {
            return Some(format!(
                "it is not valid Fluent ({})",
                errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    };
    let expected = crate::template::variables_of(source_body);
    let list = |names: Vec<&String>| {
        names
            .iter()
            .map(|n| format!("{{ ${n} }}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing = list(expected.difference(&variables).collect());
    let extra = list(variables.difference(&expected).collect());
    match (missing.is_empty(), extra.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!("it lost the placeholder(s) {missing}")),
        (true, false) => Some(format!(
            "it has placeholder(s) the source does not: {extra}"
        )),
        (false, false) => Some(format!("it lost {missing} and has {extra} instead")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{self, ImportOptions, Manifest, Pack, PackFile};

    fn store() -> Store {
        super::super::test_library(
            &[
                (
                    "en",
                    "hi = Hello { $buyer_name }\n    .title = Hi\nbye = Bye\n",
                ),
                ("ar", "hi = مرحباً { $buyer_name }\nbye = مع السلامة\n"),
                ("ru", "hi = Здравствуйте, { $buyer_name }\n"),
            ],
            Some(Status::NeedsReview),
        )
    }

    #[test]
    fn the_queue_lists_unreviewed_translations_with_their_source() {
        let store = store();
        let queue = store.review_queue().unwrap();
        let keys: Vec<(&str, &str)> = queue
            .iter()
            .map(|i| (i.key.as_str(), i.locale.as_str()))
            .collect();
        assert_eq!(keys, vec![("bye", "ar"), ("hi", "ar"), ("hi", "ru")]);
        assert_eq!(queue[1].source_body, "Hello { $buyer_name }");
        assert_eq!(queue[1].status, Status::NeedsReview);
    }

    /// A team sync that found two edits of one text leaves it `needs_review` with the other
    /// version in `team_conflicts`: the queue shows it (a source text too) with that version,
    /// and approving settles it.
    #[test]
    fn team_conflicts_wait_in_the_queue_with_the_other_version() {
        let mut store = store();
        store.review("hi", "ar", Status::Approved, None).unwrap();
        store
            .conn()
            .execute_batch(
                "UPDATE variants SET status = 'needs_review'
                     WHERE locale = 'en' AND template_id = (SELECT id FROM templates WHERE key = 'bye');
                 INSERT INTO team_conflicts (template_key, locale, kind, kept, other, other_author)
                     VALUES ('bye', 'en', 'both_edited', 'Bye', 'Goodbye <b>now</b>', 'Aisha');",
            )
            .unwrap();
        let queue = store.review_queue().unwrap();
        let source = queue
            .iter()
            .find(|i| i.key == "bye" && i.locale == "en")
            .expect("the source text in conflict waits for review");
        let conflict = source.conflict.as_ref().unwrap();
        assert_eq!(conflict.other, "Goodbye <b>now</b>");
        assert_eq!(conflict.other_author.as_deref(), Some("Aisha"));
        assert!(!conflict.deleted);
        assert!(
            queue
                .iter()
                .filter(|i| i.key != "bye" || i.locale != "en")
                .all(|i| i.conflict.is_none())
        );
        let counts = store.review_counts().unwrap();
        assert!(counts.contains(&("en".to_string(), 1)), "{counts:?}");

        store
            .review("bye", "en", Status::Approved, Some("mei"))
            .unwrap();
        let queue = store.review_queue().unwrap();
        assert!(!queue.iter().any(|i| i.key == "bye" && i.locale == "en"));
        let left: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM team_conflicts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "approving settles the conflict");
    }

    #[test]
    fn approve_and_reject_leave_the_queue_and_record_the_reviewer() {
        let mut store = store();
        assert_eq!(
            store
                .review("hi", "ar-SA", Status::Approved, Some("Aisha"))
                .unwrap(),
            "ar"
        );
        store.review("hi", "ru", Status::Rejected, None).unwrap();
        let left: Vec<String> = store
            .review_queue()
            .unwrap()
            .into_iter()
            .map(|i| format!("{}:{}", i.key, i.locale))
            .collect();
        assert_eq!(left, vec!["bye:ar"]);
        let id = store.template("hi").unwrap().id;
        let ar = store
            .variants(id)
            .unwrap()
            .into_iter()
            .find(|v| v.locale == "ar")
            .unwrap();
        assert_eq!(
            (ar.status, ar.reviewer.as_deref()),
            (Status::Approved, Some("Aisha"))
        );
        assert!(ar.reviewed_at.is_some());
    }

    #[test]
    fn approving_a_stale_translation_ties_it_to_the_current_source() {
        let mut store = store();
        store.review("hi", "ar", Status::Approved, None).unwrap();
        let file = PackFile {
            locale: "en".into(),
            name: "en.ftl".into(),
            text: "hi = Hi there { $buyer_name }\n".into(),
        };
        pack::import(
            &mut store,
            &Pack {
                files: vec![file],
                manifest: Manifest::default(),
            },
            &ImportOptions::default(),
        )
        .unwrap();
        let stale = store
            .review_queue()
            .unwrap()
            .into_iter()
            .find(|i| i.key == "hi" && i.locale == "ar")
            .unwrap();
        assert_eq!(stale.status, Status::Stale);
        store
            .review("hi", "ar", Status::Approved, Some("Aisha"))
            .unwrap();
        let id = store.template("hi").unwrap().id;
        let variants = store.variants(id).unwrap();
        let en = variants.iter().find(|v| v.locale == "en").unwrap();
        let ar = variants.iter().find(|v| v.locale == "ar").unwrap();
        assert_eq!(ar.source_hash, source_hash(&en.body));
    }

    #[test]
    fn a_translation_that_lost_a_placeholder_cannot_be_approved_until_fixed() {
        let mut store = store();
        store
            .save_draft(
                "hi",
                "fr",
                "Bonjour !",
                Status::NeedsReview,
                "deepl",
                Some("lost"),
            )
            .unwrap();
        let err = store
            .review("hi", "fr", Status::Approved, Some("Ana"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("{ $buyer_name }"), "{err}");
        let bad = store.edit_translation("hi", "fr", "Bonjour { $buyer_name");
        assert!(matches!(bad, Err(Error::Ftl(_))));
        let item = store
            .edit_translation("hi", "fr", "Bonjour { $buyer_name } !")
            .unwrap();
        assert_eq!((item.status, item.problem), (Status::NeedsReview, None));
        store
            .review("hi", "fr", Status::Approved, Some("Ana"))
            .unwrap();
        // Rejecting needs no valid text.
        store
            .save_draft("bye", "fr", "{ $x }", Status::NeedsReview, "deepl", None)
            .unwrap();
        store.review("bye", "fr", Status::Rejected, None).unwrap();
    }

    #[test]
    fn counts_per_language() {
        let store = store();
        assert_eq!(
            store.review_counts().unwrap(),
            vec![("ar".to_string(), 2), ("ru".to_string(), 1)]
        );
    }

    #[test]
    fn bad_reviews_are_refused() {
        let mut store = store();
        assert!(matches!(
            store.review("nope", "ar", Status::Approved, None),
            Err(Error::UnknownTemplate(_))
        ));
        assert!(matches!(
            store.review("bye", "ru", Status::Approved, None),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            store.review("hi", "en", Status::Approved, None),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            store.review("hi", "ar", Status::Stale, None),
            Err(Error::Invalid(_))
        ));
    }
}
