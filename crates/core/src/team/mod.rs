//! The team library: the library as a Fluent pack in a git repository, merged per message and
//! language. [`Tree`] is one state of the pack parsed into entries; [`merge::merge`] is the
//! three-way merge of two states with their merge base (pure, no git); [`repo`] is the working
//! clone (commit, fetch, push). The use cases (`init`, `join`, `sync`, `status`) are in
//! `app::team`.

pub mod merge;
pub mod repo;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::pack::{Manifest, Pack, PackFile, Review, TeamRoles};
use crate::store::{Status, source_hash};
use crate::template;
use crate::{Error, Result};

/// One (message, language) of the pack: its text, its attributes (metadata on the source
/// language, a localized `.title` on translations) and the verdict on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The Fluent value in body format.
    pub body: String,
    /// Attributes in file order (`title`, `category`, …).
    pub attributes: Vec<(String, String)>,
    /// The review record (translations only); `None` is approved by default.
    pub review: Option<Review>,
}

/// A state of the team pack: every entry by `(key, locale)`, the terms by `(locale, name)`,
/// the source locale and the team's roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// The locale whose file defines the templates.
    pub source: String,
    /// `(key, locale)` → entry.
    pub entries: BTreeMap<(String, String), Entry>,
    /// `(locale, term name)` → the term's FTL source.
    pub terms: BTreeMap<(String, String), String>,
    /// `[team]` of `pack.toml`.
    pub team: Option<TeamRoles>,
}

/// How a conflict came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same message and language was edited on both sides.
    BothEdited,
    /// One side deleted it, the other edited it: the edit was kept.
    DeletedEdited,
}

impl ConflictKind {
    /// The name stored in SQLite.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::BothEdited => "both_edited",
            ConflictKind::DeletedEdited => "deleted_edited",
        }
    }
}

impl Tree {
    /// The entries of a pack. Translations listed in `[status]` but without a review record
    /// get one that says so.
    ///
    /// # Errors
    /// [`Error::Ftl`] when a file does not parse.
    pub fn from_pack(pack: &Pack) -> Result<Self> {
        let source = pack.source_locale(None)?;
        let mut tree = Tree {
            source: source.clone(),
            team: pack.manifest.team.clone(),
            ..Tree::default()
        };
        let mut listed: BTreeMap<(&str, &str), Status> = BTreeMap::new();
        for (loc, by_status) in &pack.manifest.status {
            for (status, keys) in by_status {
                let status: Status = status.parse()?;
                for key in keys {
                    listed.insert((loc.as_str(), key.as_str()), status);
                }
            }
        }
        let mut errors = Vec::new();
        for file in &pack.files {
            let parsed = match template::parse_file(&file.name, &file.text) {
                Ok(parsed) => parsed,
                Err(mut e) => {
                    errors.append(&mut e);
                    continue;
                }
            };
            for term in parsed.terms {
                tree.terms
                    .insert((file.locale.clone(), term.name), term.source);
            }
            for message in parsed.messages {
                let record = pack
                    .manifest
                    .review
                    .get(&file.locale)
                    .and_then(|m| m.get(&message.key))
                    .cloned();
                // A source text has a record only when a sync left it to review.
                let review = if file.locale == source {
                    record
                } else {
                    record.or_else(|| {
                        listed
                            .get(&(file.locale.as_str(), message.key.as_str()))
                            .map(|status| Review {
                                status: *status,
                                by: None,
                                at: None,
                                hash: source_hash(&message.body),
                                source: None,
                            })
                    })
                };
                tree.entries.insert(
                    (message.key, file.locale.clone()),
                    Entry {
                        body: message.body,
                        attributes: message.attributes,
                        review,
                    },
                );
            }
        }
        if !errors.is_empty() {
            return Err(Error::Ftl(errors));
        }
        Ok(tree)
    }

    /// The pack of this state: one file per locale (terms, then messages sorted by key) and a
    /// `pack.toml` with every review record, sorted, so commits diff cleanly.
    #[must_use]
    pub fn to_pack(&self) -> Pack {
        let mut texts: BTreeMap<&str, String> = BTreeMap::new();
        for ((locale, _), source) in &self.terms {
            let text = texts.entry(locale).or_default();
            text.push_str(source);
            if !source.ends_with('\n') {
                text.push('\n');
            }
        }
        let mut by_locale: BTreeMap<&str, Vec<(&str, &Entry)>> = BTreeMap::new();
        for ((key, locale), entry) in &self.entries {
            by_locale.entry(locale).or_default().push((key, entry));
        }
        let mut manifest = Manifest {
            source: Some(self.source.clone()),
            name: Some("QuickReply team library".into()),
            team: self.team.clone(),
            ..Manifest::default()
        };
        for (locale, entries) in by_locale {
            let text = texts.entry(locale).or_default();
            if !text.is_empty() {
                text.push('\n');
            }
            for (key, entry) in entries {
                text.push_str(&template::message_source(
                    key,
                    &entry.body,
                    &entry.attributes,
                ));
                if let Some(review) = &entry.review {
                    if review.status != Status::Approved {
                        manifest
                            .status
                            .entry(locale.to_string())
                            .or_default()
                            .entry(review.status.as_str().to_string())
                            .or_default()
                            .push(key.to_string());
                    }
                    manifest
                        .review
                        .entry(locale.to_string())
                        .or_default()
                        .insert(key.to_string(), review.clone());
                }
            }
        }
        let files = texts
            .into_iter()
            .map(|(locale, text)| PackFile {
                locale: locale.to_string(),
                name: format!("{locale}.ftl"),
                text,
            })
            .collect();
        Pack { files, manifest }
    }

    /// The `(key, locale)` entries that differ between two states (text, attributes or
    /// verdict), deletions and additions included.
    #[must_use]
    pub fn changed_entries<'a>(&'a self, other: &'a Tree) -> Vec<(&'a str, &'a str)> {
        let mut keys: Vec<&(String, String)> =
            self.entries.keys().chain(other.entries.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| self.entries.get(*k) != other.entries.get(*k))
            .map(|(key, locale)| (key.as_str(), locale.as_str()))
            .collect()
    }

    /// Turns `stale` every translation whose review record names another source text than
    /// the one the state has (the library's rule: a changed source turns its translations
    /// stale), so the repository says what every library will show.
    pub fn mark_stale(&mut self) {
        let sources: BTreeMap<String, String> = self
            .entries
            .iter()
            .filter(|((_, locale), _)| *locale == self.source)
            .map(|((key, _), entry)| (key.clone(), source_hash(&entry.body)))
            .collect();
        for ((key, locale), entry) in &mut self.entries {
            if *locale == self.source {
                continue;
            }
            if let Some(review) = &mut entry.review
                && let (Some(made_from), Some(current)) = (&review.source, sources.get(key))
                && made_from != current
                && !matches!(review.status, Status::Stale | Status::Rejected)
            {
                review.status = Status::Stale;
            }
        }
    }

    /// The template keys of this state.
    #[must_use]
    pub fn keys(&self) -> std::collections::BTreeSet<&str> {
        self.entries.keys().map(|(k, _)| k.as_str()).collect()
    }
}

#[cfg(test)]
pub(crate) fn tree(files: &[(&str, &str)]) -> Tree {
    let pack = crate::pack::test_pack(files);
    Tree::from_pack(&pack).expect("test tree parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_round_trips_through_its_pack_sorted() {
        let mut t = tree(&[
            ("en", "zeta = Z\n    .title = Zed\nalpha = A { $x }\n"),
            ("ar", "alpha = أ\n"),
        ]);
        t.entries
            .get_mut(&("alpha".to_string(), "ar".to_string()))
            .unwrap()
            .review = Some(Review {
            status: Status::NeedsReview,
            by: Some("siti".into()),
            at: None,
            hash: source_hash("أ"),
            source: None,
        });
        t.team = Some(TeamRoles {
            owners: vec!["alice".into()],
            reviewers: vec![],
        });
        let pack = t.to_pack();
        let en = &pack.files.iter().find(|f| f.locale == "en").unwrap().text;
        assert!(en.find("alpha").unwrap() < en.find("zeta").unwrap(), "{en}");
        let text = crate::pack::manifest_text(&pack.manifest).unwrap();
        assert!(text.contains("[review.ar.alpha]"), "{text}");
        assert!(text.contains("owners = [\"alice\"]"), "{text}");
        let manifest: Manifest = toml::from_str(&text).unwrap();
        let back = Tree::from_pack(&Pack {
            files: pack.files.clone(),
            manifest,
        })
        .unwrap();
        assert_eq!(back, t);
        assert!(back.changed_entries(&t).is_empty());
    }
}
