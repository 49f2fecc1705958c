//! Suggested replies for a buyer's message, ranked over the shop's templates.
//!
//! Three signals, combined per template:
//! - **meaning**: the message's multilingual sentence embedding against each template's
//!   example questions, titles and texts in every language (the same vector space for every
//!   language, so an Arabic question finds an English example);
//! - **words**: character n-gram TF-IDF against the same texts (strong within one language,
//!   robust to misspellings);
//! - **the shop's own picks**: past buyer messages and the reply staff pasted for them, a
//!   nearest-neighbour memory over their stored vectors (nothing is retrained).
//!
//! The index is pure data ([`Index`]); building it from a library and an embedder is
//! `app::suggest`'s job. Weights were tuned on `eval/suggest/` (see docs/PERFORMANCE.md).

pub mod lexical;

use serde::{Deserialize, Serialize};

/// What a unit of a template's text is; it decides the reason shown and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// A past buyer message staff answered with this template.
    AskedBefore,
    /// One of the template's example questions.
    Example,
    /// The template's title (in some language).
    Title,
    /// The template's text (in some language).
    Text,
}

/// Why a template was suggested: the text that matched best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reason {
    /// What matched.
    pub kind: ReasonKind,
    /// The matching text, shortened.
    pub text: String,
}

/// One suggested template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Suggestion {
    /// The template's key.
    pub key: String,
    /// Its title.
    pub title: String,
    /// How well it fits, 0..1 (higher is better; comparable between messages).
    pub score: f64,
    /// The language the reply would be in (the message's, when the template has it).
    pub locale: String,
    /// Why.
    pub reason: Reason,
}

/// One text of a template in the index.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index into [`Index::templates`].
    pub template: usize,
    /// What it is.
    pub kind: ReasonKind,
    /// The text (for reasons).
    pub text: String,
    /// Its sentence embedding, when the model is available.
    pub vector: Option<Vec<f32>>,
    /// Its n-gram vector.
    pub sparse: lexical::Sparse,
}

/// A template as suggestions list it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Languages it has texts in.
    pub locales: Vec<String>,
    /// Its source language.
    pub source_locale: String,
}

/// How the signals are weighed. The defaults are what `eval/suggest/` selected.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Added to a unit's cosine, by kind (meaning signal).
    pub example: f32,
    /// …for a title.
    pub title: f32,
    /// …for a template text (texts answer; their cosine to a question runs lower).
    pub text: f32,
    /// …for a past buyer message answered with the template.
    pub asked: f32,
    /// Weight of the n-gram cosine.
    pub lexical: f32,
    /// Weight of the nearest-neighbour vote of past messages.
    pub memory: f32,
    /// Past messages nearer than this cosine vote.
    pub memory_floor: f32,
    /// Meaning scores are rescaled from this cosine (below it: unrelated) …
    pub floor: f32,
    /// … to this one (above it: a near paraphrase).
    pub ceiling: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            example: 0.02,
            title: -0.05,
            text: -0.05,
            asked: -0.04,
            lexical: 0.2,
            memory: 0.5,
            memory_floor: 0.84,
            floor: 0.7,
            ceiling: 0.95,
        }
    }
}

/// The suggestion index: every template's units.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The templates.
    pub templates: Vec<Entry>,
    /// Their texts.
    pub units: Vec<Unit>,
    /// Document frequencies over every unit's text.
    pub idf: lexical::Idf,
}

/// A buyer message, prepared for ranking.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// The text.
    pub text: &'a str,
    /// Its embedding (`None`: the model is unavailable; words and picks still rank).
    pub vector: Option<&'a [f32]>,
    /// Its language, when told: the reply's locale when the template has it.
    pub lang: Option<&'a str>,
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// At most `max` characters of `text`, with "…" when cut.
#[must_use]
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

impl Index {
    /// Ranks the templates for `query`, best first, at most `limit`.
    #[must_use]
    pub fn rank(&self, query: &Query<'_>, weights: &Weights, limit: usize) -> Vec<Suggestion> {
        let n = self.templates.len();
        if n == 0 || limit == 0 {
            return Vec::new();
        }
        let sparse = self.idf.vector(query.text);
        // Per template: best meaning score (and its unit), best word score (and its unit), and
        // the vote of past messages.
        let mut sem = vec![(f32::MIN, usize::MAX); n];
        let mut lex = vec![(0.0f32, usize::MAX); n];
        let mut vote = vec![0.0f32; n];
        for (i, u) in self.units.iter().enumerate() {
            let t = u.template;
            if let (Some(q), Some(v)) = (query.vector, u.vector.as_deref()) {
                let cos = dot(q, v);
                let off = match u.kind {
                    ReasonKind::Example => weights.example,
                    ReasonKind::Title => weights.title,
                    ReasonKind::Text => weights.text,
                    ReasonKind::AskedBefore => weights.asked,
                };
                if cos + off > sem[t].0 {
                    sem[t] = (cos + off, i);
                }
                if u.kind == ReasonKind::AskedBefore && cos > weights.memory_floor {
                    vote[t] += cos - weights.memory_floor;
                }
            }
            let l = lexical::cosine(&sparse, &u.sparse);
            if l > lex[t].0 {
                lex[t] = (l, i);
            }
        }
        let span = (weights.ceiling - weights.floor).max(1e-3);
        let mut scored: Vec<(f32, usize, usize)> = (0..n)
            .map(|t| {
                let meaning = if sem[t].1 == usize::MAX {
                    0.0
                } else {
                    ((sem[t].0 - weights.floor) / span).clamp(0.0, 1.0)
                };
                let score =
                    meaning + weights.lexical * lex[t].0 + weights.memory * vote[t].min(0.5);
                // The reason is the unit that gave the larger part of the score.
                let unit = if sem[t].1 != usize::MAX && meaning >= weights.lexical * lex[t].0 {
                    sem[t].1
                } else {
                    lex[t].1
                };
                (score, t, unit)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let top = 1.0 + weights.lexical + weights.memory * 0.5;
        scored
            .into_iter()
            .take(limit)
            .map(|(score, t, unit)| {
                let entry = &self.templates[t];
                let locales: Vec<&str> = entry.locales.iter().map(String::as_str).collect();
                let locale = query
                    .lang
                    .and_then(|l| crate::locale::best_match(l, &locales))
                    .map_or_else(|| entry.source_locale.clone(), str::to_string);
                let reason = self.units.get(unit).map_or(
                    Reason {
                        kind: ReasonKind::Title,
                        text: shorten(&entry.title, 80),
                    },
                    |u| Reason {
                        kind: u.kind,
                        text: shorten(&u.text, 80),
                    },
                );
                Suggestion {
                    key: entry.key.clone(),
                    title: entry.title.clone(),
                    score: f64::from((score / top).clamp(0.0, 1.0)),
                    locale,
                    reason,
                }
            })
            .collect()
    }
}

/// The plain words of a Fluent text: placeables (`{ $order_id }`, selectors) are left out,
/// they say nothing about what the reply is about.
#[must_use]
pub fn plain_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut depth = 0usize;
    for c in body.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
