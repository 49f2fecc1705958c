//! The three-way merge of two states of the team pack with their merge base, per message and
//! language (never a text merge of whole files):
//!
//! - different messages, or different languages of one message: both kept, silently;
//! - the same message and language edited on both sides: a conflict; ours is kept as
//!   `needs_review`, theirs is reported (and written to the history by the caller);
//! - a verdict on one side and a text edit on the other: the edited text wins and is not
//!   approved (an approval binds to the hash of the text it approved);
//! - deleted on one side, edited on the other: the edit wins (the whole template comes back),
//!   and this is reported.
//!
//! A source text edited on one side turns its translations stale through their review
//! records' `source` hash when the result is imported (see `pack::import`).

use std::collections::{BTreeMap, BTreeSet};

use super::{ConflictKind, Entry, Tree};
use crate::pack::Review;
use crate::store::{Status, source_hash};

/// A conflict the merge found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Template key.
    pub key: String,
    /// Language.
    pub locale: String,
    /// How it came about.
    pub kind: ConflictKind,
    /// The text the result keeps.
    pub kept: String,
    /// The other side's text (empty when the other side deleted it).
    pub other: String,
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The merged state.
    pub tree: Tree,
    /// Conflicts, by key and locale.
    pub conflicts: Vec<Conflict>,
    /// Things merged in a way a person should know about (an approval undone by an edit).
    pub notices: Vec<String>,
}

/// Merges `ours` and `theirs`, both descended from `base`.
#[must_use]
pub fn merge(base: &Tree, ours: &Tree, theirs: &Tree) -> Merged {
    let mut notices = Vec::new();
    let mut conflicts = Vec::new();
    let source = pick(&base.source, &ours.source, &theirs.source).clone();
    let team = pick(&base.team, &ours.team, &theirs.team).clone();

    let mut terms = BTreeMap::new();
    let term_keys: BTreeSet<&(String, String)> = base
        .terms
        .keys()
        .chain(ours.terms.keys())
        .chain(theirs.terms.keys())
        .collect();
    for k in term_keys {
        let (b, o, t) = (base.terms.get(k), ours.terms.get(k), theirs.terms.get(k));
        if o != t && o != b && t != b {
            notices.push(format!(
                "term -{} ({}) was changed on both sides; this library's version was kept",
                k.1, k.0
            ));
        }
        if let Some(term) = pick(&b, &o, &t) {
            terms.insert(k.clone(), (*term).clone());
        }
    }

    let keys: BTreeSet<&(String, String)> = base
        .entries
        .keys()
        .chain(ours.entries.keys())
        .chain(theirs.entries.keys())
        .collect();
    let mut entries = BTreeMap::new();
    for k in keys {
        let (key, locale) = k;
        let (b, o, t) = (
            base.entries.get(k),
            ours.entries.get(k),
            theirs.entries.get(k),
        );
        let merged = if o == t || t == b {
            o.cloned()
        } else if o == b {
            t.cloned()
        } else {
            match (o, t) {
                (Some(o), Some(t)) => Some(both_changed(k, b, o, t, &mut conflicts, &mut notices)),
                (Some(kept), None) | (None, Some(kept)) => {
                    conflicts.push(Conflict {
                        key: key.clone(),
                        locale: locale.clone(),
                        kind: ConflictKind::DeletedEdited,
                        kept: kept.body.clone(),
                        other: String::new(),
                    });
                    Some(kept.clone())
                }
                (None, None) => None,
            }
        };
        if let Some(entry) = merged {
            entries.insert(k.clone(), entry);
        }
    }

    // A template deleted on one side and edited on the other comes back whole: its source
    // text and its other languages from the side that kept it.
    let orphans: BTreeSet<String> = entries
        .keys()
        .filter(|(key, _)| !entries.contains_key(&(key.clone(), source.clone())))
        .map(|(key, _)| key.clone())
        .collect();
    for key in orphans {
        let side = if ours.entries.contains_key(&(key.clone(), source.clone())) {
            ours
        } else {
            theirs
        };
        for ((k, locale), entry) in &side.entries {
            if *k == key {
                entries
                    .entry((k.clone(), locale.clone()))
                    .or_insert_with(|| entry.clone());
            }
        }
    }

    let mut tree = Tree {
        source,
        entries,
        terms,
        team,
    };
    tree.mark_stale();
    Merged {
        tree,
        conflicts,
        notices,
    }
}

/// The side that changed a value (ours when both did).
fn pick<'a, T: PartialEq>(base: &'a T, ours: &'a T, theirs: &'a T) -> &'a T {
    if ours == base { theirs } else { ours }
}

/// Both sides changed one entry, differently.
fn both_changed(
    (key, locale): &(String, String),
    base: Option<&Entry>,
    ours: &Entry,
    theirs: &Entry,
    conflicts: &mut Vec<Conflict>,
    notices: &mut Vec<String>,
) -> Entry {
    let attributes = merge_attributes(base, ours, theirs);
    let base_body = base.map(|b| b.body.as_str());
    let base_review = base.and_then(|b| b.review.as_ref());
    if ours.body == theirs.body {
        // The same text: one side's verdict (the newer when both gave one).
        let review = if ours.review.as_ref() == base_review {
            theirs.review.clone()
        } else if theirs.review.as_ref() == base_review {
            ours.review.clone()
        } else {
            let at = |r: &Option<Review>| r.as_ref().and_then(|r| r.at.clone());
            if at(&theirs.review) > at(&ours.review) {
                theirs.review.clone()
            } else {
                ours.review.clone()
            }
        };
        return Entry {
            body: ours.body.clone(),
            attributes,
            review,
        };
    }
    let edited = if base_body == Some(ours.body.as_str()) {
        Some(theirs)
    } else if base_body == Some(theirs.body.as_str()) {
        Some(ours)
    } else {
        None
    };
    if let Some(edited) = edited {
        // A verdict (or metadata change) on one side, a text edit on the other: the edit
        // wins, and a verdict given on the old text never approves the new one.
        let other = if std::ptr::eq(edited, ours) {
            theirs
        } else {
            ours
        };
        let review = if other.review.as_ref() == base_review {
            edited.review.clone()
        } else {
            notices.push(format!(
                "{key} ({locale}): reviewed on one side and edited on the other; the edited text was kept and needs review"
            ));
            Some(needs_review(&edited.body, edited.review.as_ref()))
        };
        return Entry {
            body: edited.body.clone(),
            attributes,
            review,
        };
    }
    conflicts.push(Conflict {
        key: key.clone(),
        locale: locale.clone(),
        kind: ConflictKind::BothEdited,
        kept: ours.body.clone(),
        other: theirs.body.clone(),
    });
    Entry {
        body: ours.body.clone(),
        attributes,
        review: Some(needs_review(&ours.body, ours.review.as_ref())),
    }
}

/// A `needs_review` record for `body`, keeping the source hash it was made from.
fn needs_review(body: &str, previous: Option<&Review>) -> Review {
    Review {
        status: Status::NeedsReview,
        by: None,
        at: None,
        hash: source_hash(body),
        source: previous.and_then(|r| r.source.clone()),
    }
}

/// Attributes merged one by one (ours on a clash).
fn merge_attributes(base: Option<&Entry>, ours: &Entry, theirs: &Entry) -> Vec<(String, String)> {
    let get = |e: Option<&Entry>, name: &str| {
        e.and_then(|e| e.attributes.iter().find(|(n, _)| n == name))
            .map(|(_, v)| v.clone())
    };
    let mut names: Vec<&String> = ours.attributes.iter().map(|(n, _)| n).collect();
    for (n, _) in &theirs.attributes {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut out = Vec::new();
    for name in names {
        let (b, o, t) = (
            get(base, name),
            get(Some(ours), name),
            get(Some(theirs), name),
        );
        if let Some(value) = pick(&b, &o, &t) {
            out.push((name.clone(), value.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tree;
    use super::*;

    fn set(t: &mut Tree, key: &str, locale: &str, body: &str) {
        let entry = t
            .entries
            .entry((key.into(), locale.into()))
            .or_insert_with(|| Entry {
                body: String::new(),
                attributes: Vec::new(),
                review: None,
            });
        entry.body = body.into();
        if let Some(review) = &mut entry.review {
            review.hash = source_hash(body);
        }
    }

    fn review(t: &mut Tree, key: &str, locale: &str, status: Status, by: &str) {
        let entry = t.entries.get_mut(&(key.into(), locale.into())).unwrap();
        entry.review = Some(Review {
            status,
            by: Some(by.into()),
            at: Some("2026-11-30T12:00:00.000Z".into()),
            hash: source_hash(&entry.body),
            source: None,
        });
    }

    fn body<'a>(t: &'a Tree, key: &str, locale: &str) -> Option<&'a str> {
        t.entries
            .get(&(key.into(), locale.into()))
            .map(|e| e.body.as_str())
    }

    fn status(t: &Tree, key: &str, locale: &str) -> Status {
        t.entries[&(key.to_string(), locale.to_string())]
            .review
            .as_ref()
            .map_or(Status::Approved, |r| r.status)
    }

    fn base() -> Tree {
        let mut t = tree(&[
            ("en", "hello = Hello\n    .title = Greeting\nbye = Bye\n"),
            ("ar", "hello = مرحبا\nbye = وداعا\n"),
        ]);
        review(&mut t, "hello", "ar", Status::NeedsReview, "bot");
        t
    }

    #[test]
    fn separate_messages_and_languages_merge_silently() {
        let b = base();
        let mut o = b.clone();
        let mut t = b.clone();
        set(&mut o, "hello", "en", "Hello there");
        set(&mut t, "bye", "en", "Goodbye");
        set(&mut t, "hello", "ar", "أهلا");
        set(&mut t, "new", "en", "New one");
        let m = merge(&b, &o, &t);
        assert!(m.conflicts.is_empty() && m.notices.is_empty(), "{m:?}");
        assert_eq!(body(&m.tree, "hello", "en"), Some("Hello there"));
        assert_eq!(body(&m.tree, "bye", "en"), Some("Goodbye"));
        assert_eq!(body(&m.tree, "hello", "ar"), Some("أهلا"));
        assert_eq!(body(&m.tree, "new", "en"), Some("New one"));
        // The title (an attribute) survives a text edit.
        assert_eq!(
            m.tree.entries[&("hello".into(), "en".into())].attributes,
            vec![("title".to_string(), "Greeting".to_string())]
        );
    }

    #[test]
    fn the_same_text_edited_on_both_sides_is_a_conflict_and_not_approved() {
        let b = base();
        let mut o = b.clone();
        let mut t = b.clone();
        set(&mut o, "hello", "en", "Hi (ours)");
        set(&mut t, "hello", "en", "Hi (theirs)");
        set(&mut o, "bye", "ar", "ours");
        review(&mut o, "bye", "ar", Status::Approved, "a");
        set(&mut t, "bye", "ar", "theirs");
        review(&mut t, "bye", "ar", Status::Approved, "b");
        let m = merge(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 2, "{m:?}");
        let c = &m.conflicts[1];
        assert_eq!(
            (c.key.as_str(), c.locale.as_str(), c.kind),
            ("hello", "en", ConflictKind::BothEdited)
        );
        assert_eq!(
            (c.kept.as_str(), c.other.as_str()),
            ("Hi (ours)", "Hi (theirs)")
        );
        assert_eq!(status(&m.tree, "hello", "en"), Status::NeedsReview);
        assert_eq!(status(&m.tree, "bye", "ar"), Status::NeedsReview);
        assert_eq!(body(&m.tree, "bye", "ar"), Some("ours"));
    }

    #[test]
    fn an_edit_beats_a_concurrent_approval_either_way_round() {
        let b = base();
        let mut approved = b.clone();
        review(&mut approved, "hello", "ar", Status::Approved, "siti");
        let mut edited = b.clone();
        set(&mut edited, "hello", "ar", "أهلا وسهلا");
        review(&mut edited, "hello", "ar", Status::Approved, "omar");
        for (o, t) in [(&approved, &edited), (&edited, &approved)] {
            let m = merge(&b, o, t);
            assert!(m.conflicts.is_empty(), "{m:?}");
            assert_eq!(body(&m.tree, "hello", "ar"), Some("أهلا وسهلا"));
            assert_eq!(status(&m.tree, "hello", "ar"), Status::NeedsReview);
            assert_eq!(m.notices.len(), 1, "{m:?}");
        }
        // An approval alone goes through.
        let m = merge(&b, &approved, &b);
        assert_eq!(status(&m.tree, "hello", "ar"), Status::Approved);
    }

    #[test]
    fn an_edit_beats_a_deletion_and_brings_the_template_back() {
        let b = base();
        let mut deleted = b.clone();
        deleted.entries.retain(|(k, _), _| k != "bye");
        let mut edited = b.clone();
        set(&mut edited, "bye", "ar", "مع السلامة");
        for (o, t) in [(&deleted, &edited), (&edited, &deleted)] {
            let m = merge(&b, o, t);
            assert_eq!(m.conflicts.len(), 1, "{m:?}");
            assert_eq!(m.conflicts[0].kind, ConflictKind::DeletedEdited);
            assert_eq!(m.conflicts[0].kept, "مع السلامة");
            assert_eq!(body(&m.tree, "bye", "ar"), Some("مع السلامة"));
            assert_eq!(
                body(&m.tree, "bye", "en"),
                Some("Bye"),
                "the source comes back"
            );
        }
        // A deletion against no change deletes.
        let m = merge(&b, &deleted, &b);
        assert_eq!(body(&m.tree, "bye", "en"), None);
        assert_eq!(body(&m.tree, "bye", "ar"), None);
    }

    #[test]
    fn a_source_edited_on_one_side_stales_a_translation_made_on_the_other() {
        let b = base();
        let mut o = b.clone();
        set(&mut o, "bye", "en", "Goodbye now");
        let mut t = b.clone();
        set(&mut t, "bye", "fr", "Au revoir");
        review(&mut t, "bye", "fr", Status::Approved, "omar");
        t.entries
            .get_mut(&("bye".into(), "fr".into()))
            .unwrap()
            .review
            .as_mut()
            .unwrap()
            .source = Some(source_hash("Bye"));
        let m = merge(&b, &o, &t);
        assert!(m.conflicts.is_empty(), "{m:?}");
        assert_eq!(body(&m.tree, "bye", "fr"), Some("Au revoir"));
        assert_eq!(status(&m.tree, "bye", "fr"), Status::Stale);
    }

    #[test]
    fn roles_and_terms_merge_by_side() {
        let b = base();
        let mut o = b.clone();
        o.team = Some(crate::pack::TeamRoles {
            owners: vec!["alice".into()],
            reviewers: vec![],
        });
        let mut t = b.clone();
        t.terms
            .insert(("en".into(), "shop".into()), "-shop = Acme\n".into());
        let m = merge(&b, &o, &t);
        assert_eq!(m.tree.team, o.team);
        assert_eq!(m.tree.terms.len(), 1);
    }
}
