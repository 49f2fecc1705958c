//! Palette ranking: fuzzy matching over key, title, tags and shortcut, plus a word index over
//! every locale's text that tolerates typos.
//!
//! Two signals, added up:
//! - nucleo's fuzzy score of the whole query against the template's label (key, title, tags,
//!   shortcut): subsequence matching, so `wism`, `trkno` and abbreviations find their template;
//! - per query word, the best word of the template's texts (every locale, localized titles
//!   included) that equals it, starts with it, or is one or two edits away from it (`refnud`,
//!   `shiping`). Label words count double. Every query word must be found somewhere unless the
//!   fuzzy label match already holds.
//!
//! The index is built once per library change; a query touches only the vocabulary and the
//! labels, never the template bodies, so it stays in the millisecond range for 100 000 variants.

use std::collections::HashMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use serde::Serialize;

use crate::Result;
use crate::store::{Store, Template, Variant};

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Template key.
    pub key: String,
    /// Title in the requested language when the template has one, else its source title.
    pub title: String,
    /// Relevance, higher is better; only comparable within one search.
    pub score: u32,
}

#[derive(Debug)]
struct Doc {
    key: String,
    title: String,
    /// Localized titles by locale, for showing a result in the requested language.
    titles: Vec<(String, String)>,
    use_count: i64,
}

/// Where a word was found: label words weigh more than body words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Body = 1,
    Label = 2,
}

/// A search index over a library snapshot.
#[derive(Debug)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    labels: Vec<Utf32String>,
    /// Which ASCII letters and digits each label contains: a label lacking one of the query's
    /// cannot match it, so the fuzzy matcher never sees it.
    label_masks: Vec<u64>,
    /// Sorted vocabulary; postings are (doc, field), deduplicated.
    vocab: Vec<String>,
    postings: Vec<Vec<(u32, Field)>>,
    /// Each doc's place in key order: ties in score and use are broken by key, and comparing
    /// these numbers instead of the keys themselves is what keeps a keystroke fast when most
    /// of 100 000 templates match (the string comparisons were over half of it).
    key_rank: Vec<u32>,
    /// The last query's fuzzy matches (query, matching docs). Staff type a query letter by
    /// letter, and a label that does not match `wher` cannot match `where`: the next keystroke
    /// scores only these instead of every label.
    last_fuzzy: std::sync::Mutex<Option<(String, Vec<u32>)>>,
}

// Points per query word, before the field multiplier. Exact beats prefix beats typo.
const EXACT: u32 = 40;
const PREFIX: u32 = 28;
const TYPO: u32 = 16;

impl SearchIndex {
    /// Builds the index from the store's templates and variants.
    ///
    /// # Errors
    /// Database failure.
    pub fn from_store(store: &Store) -> Result<Self> {
        Ok(Self::build(&store.templates()?, &store.all_variants()?))
    }

    /// Builds the index from templates and `(template_id, variant)` pairs.
    #[must_use]
    pub fn build(templates: &[Template], variants: &[(i64, Variant)]) -> Self {
        let mut docs = Vec::with_capacity(templates.len());
        let mut labels = Vec::with_capacity(templates.len());
        let mut label_masks = Vec::with_capacity(templates.len());
        let mut by_id = HashMap::with_capacity(templates.len());
        let mut words: HashMap<String, Vec<(u32, Field)>> = HashMap::new();
        let mut add = |word: String, doc: u32, field: Field| {
            let list = words.entry(word).or_default();
            match list.last_mut() {
                Some(last) if last.0 == doc => last.1 = last.1.max(field),
                _ => list.push((doc, field)),
            }
        };
        for (i, t) in templates.iter().enumerate() {
            let doc = u32::try_from(i).unwrap_or(u32::MAX);
            by_id.insert(t.id, doc);
            let label = format!("{} {} {} {}", t.key, t.title, t.tags, t.shortcut);
            for word in tokens(&label) {
                add(word, doc, Field::Label);
            }
            // The fuzzy pass is the one cost paid for every template: when the key is only the
            // title as a slug (`where-is-my-order`), matching it again adds nothing.
            let title_words: Vec<String> = tokens(&t.title).collect();
            let label = if tokens(&t.key).all(|w| title_words.contains(&w)) {
                format!("{} {} {}", t.title, t.tags, t.shortcut)
            } else {
                label
            };
            label_masks.push(char_mask(&label));
            labels.push(Utf32String::from(label));
            docs.push(Doc {
                key: t.key.clone(),
                title: t.title.clone(),
                titles: Vec::new(),
                use_count: t.use_count,
            });
        }
        // Variants come grouped by template, so postings stay sorted by doc.
        for (id, v) in variants {
            let Some(&doc) = by_id.get(id) else { continue };
            if let Some(title) = &v.title {
                for word in tokens(title) {
                    add(word, doc, Field::Label);
                }
                docs[doc as usize]
                    .titles
                    .push((v.locale.clone(), title.clone()));
            }
            for word in tokens(&strip_placeables(&v.body)) {
                add(word, doc, Field::Body);
            }
        }
        let mut entries: Vec<(String, Vec<(u32, Field)>)> = words.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (vocab, postings) = entries.into_iter().unzip();
        let mut by_key: Vec<usize> = (0..docs.len()).collect();
        by_key.sort_unstable_by(|&a, &b| docs[a].key.cmp(&docs[b].key));
        let mut key_rank = vec![0; docs.len()];
        for (rank, &doc) in by_key.iter().enumerate() {
            key_rank[doc] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        Self {
            docs,
            labels,
            label_masks,
            vocab,
            postings,
            key_rank,
            last_fuzzy: std::sync::Mutex::new(None),
        }
    }

    /// Number of templates indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the library is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The title of template `key` in `lang` (else its own), as search results show it.
    #[must_use]
    pub fn title_of(&self, key: &str, lang: Option<&str>) -> Option<String> {
        self.docs
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.title_in(lang).to_string())
    }

    /// The best `limit` templates for `query`, best first. Titles are shown in `lang` when the
    /// template has a title in that language. An empty query lists the most used templates.
    #[must_use]
    pub fn search(&self, query: &str, lang: Option<&str>, limit: usize) -> Vec<Hit> {
        let query = query.trim();
        let n = self.docs.len();
        let mut scores: Vec<u32> = vec![0; n];
        let mut matched: Vec<bool> = vec![false; n];

        if query.is_empty() {
            matched.fill(true);
        } else {
            let fuzzy = self.fuzzy_label_scores(query);
            let mut matched_fuzzy: Vec<bool> = vec![false; n];
            for (i, score) in fuzzy.iter().enumerate() {
                if let Some(s) = score {
                    scores[i] += s;
                    matched_fuzzy[i] = true;
                }
            }
            let fuzzy = matched_fuzzy;
            let qwords: Vec<String> = tokens(query).collect();
            // found[d]: how many query words doc d contains.
            let mut found: Vec<u16> = vec![0; n];
            let mut best: Vec<u32> = vec![0; n];
            for qword in &qwords {
                best.fill(0);
                for (entry, points) in self.word_matches(qword) {
                    for &(doc, field) in &self.postings[entry] {
                        let p = points * field as u32;
                        let b = &mut best[doc as usize];
                        *b = (*b).max(p);
                    }
                }
                for d in 0..n {
                    if best[d] > 0 {
                        found[d] += 1;
                        scores[d] += best[d];
                    }
                }
            }
            let all = u16::try_from(qwords.len()).unwrap_or(u16::MAX);
            for d in 0..n {
                matched[d] = fuzzy[d] || (all > 0 && found[d] == all);
                if matched[d] {
                    scores[d] += usage_boost(self.docs[d].use_count);
                }
            }
        }

        let mut hits: Vec<usize> = (0..n).filter(|&d| matched[d]).collect();
        // Best score first, then the most used, then by key.
        let order = |&a: &usize, &b: &usize| {
            scores[b]
                .cmp(&scores[a])
                .then(self.docs[b].use_count.cmp(&self.docs[a].use_count))
                .then(self.key_rank[a].cmp(&self.key_rank[b]))
        };
        // Only the best `limit` need sorting: select them first (linear), then sort those.
        if limit == 0 {
            return Vec::new();
        }
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter()
            .map(|d| {
                let doc = &self.docs[d];
                Hit {
                    key: doc.key.clone(),
                    title: doc.title_in(lang).to_string(),
                    score: scores[d],
                }
            })
            .collect()
    }

    /// nucleo's score of the whole query against every label (`None`: no match). Split over two
    /// threads for large libraries: this is the one pass over every template. When the query
    /// extends the previous one, only the labels that matched it are scored (see `last_fuzzy`).
    fn fuzzy_label_scores(&self, query: &str) -> Vec<Option<u32>> {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let qmask = char_mask(query);
        let score = |docs: &mut dyn Iterator<Item = usize>, out: &mut Vec<(u32, u32)>| {
            let mut matcher = Matcher::new(Config::DEFAULT);
            for i in docs {
                if qmask & !self.label_masks[i] == 0
                    && let Some(s) = pattern.score(self.labels[i].slice(..), &mut matcher)
                {
                    out.push((u32::try_from(i).unwrap_or(u32::MAX), s));
                }
            }
        };
        let n = self.labels.len();
        let narrowed = self
            .last_fuzzy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .filter(|(last, _)| narrows(query, last))
            .map(|(_, docs)| docs.iter().map(|&d| d as usize).collect::<Vec<_>>());
        let candidates: Vec<usize> = narrowed.unwrap_or_else(|| (0..n).collect());
        let mut found: Vec<(u32, u32)> = Vec::new();
        if candidates.len() < PARALLEL_FROM {
            score(&mut candidates.iter().copied(), &mut found);
        } else {
            let (first, second) = candidates.split_at(candidates.len() / 2);
            let mut other = Vec::new();
            std::thread::scope(|scope| {
                scope.spawn(|| score(&mut first.iter().copied(), &mut other));
                score(&mut second.iter().copied(), &mut found);
            });
            found.extend(other);
        }
        let mut out = vec![None; n];
        for &(doc, s) in &found {
            out[doc as usize] = Some(s);
        }
        let mut docs: Vec<u32> = found.into_iter().map(|(doc, _)| doc).collect();
        docs.sort_unstable();
        *self
            .last_fuzzy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((query.to_owned(), docs));
        out
    }

    /// Vocabulary entries that answer a query word, with their points: the exact word, words
    /// it is a prefix of, and, only when neither exists, words within a small edit distance.
    fn word_matches(&self, qword: &str) -> Vec<(usize, u32)> {
        let start = self.vocab.partition_point(|w| w.as_str() < qword);
        let mut out = Vec::new();
        for (i, word) in self.vocab.iter().enumerate().skip(start) {
            if !word.starts_with(qword) {
                break;
            }
            out.push((i, if word == qword { EXACT } else { PREFIX }));
        }
        let q: Vec<char> = qword.chars().collect();
        if out.is_empty() && q.len() >= 4 {
            let max = if q.len() >= 8 { 2 } else { 1 };
            let mut buf = Vec::new();
            // People rarely mistype the first letter: look only at words starting with it, or
            // with the second letter when the first two are swapped (`cnacel`). The vocabulary
            // is sorted, so each is one contiguous range.
            let mut firsts = vec![q[0]];
            if q[1] != q[0] {
                firsts.push(q[1]);
            }
            for first in firsts {
                for i in self.range_starting_with(first) {
                    let word = &self.vocab[i];
                    // Byte length bounds char length: a cheap filter before the real distance.
                    if word.len() + max < q.len() || word.chars().count().abs_diff(q.len()) > max {
                        continue;
                    }
                    buf.clear();
                    buf.extend(word.chars());
                    if within_distance(&q, &buf, max) {
                        out.push((i, TYPO));
                    }
                }
            }
        }
        out
    }

    /// Indices of the vocabulary words that start with `first`.
    fn range_starting_with(&self, first: char) -> std::ops::Range<usize> {
        let mut buf = [0u8; 4];
        let prefix: &str = first.encode_utf8(&mut buf);
        let start = self.vocab.partition_point(|w| w.as_str() < prefix);
        let len = self.vocab[start..].partition_point(|w| w.starts_with(prefix));
        start..start + len
    }
}

impl Doc {
    fn title_in(&self, lang: Option<&str>) -> &str {
        let Some(lang) = lang else { return &self.title };
        let locales: Vec<&str> = self.titles.iter().map(|(l, _)| l.as_str()).collect();
        crate::locale::best_match(lang, &locales)
            .and_then(|l| self.titles.iter().find(|(tl, _)| tl == l))
            .map_or(&self.title, |(_, t)| t)
    }
}

/// Below this many templates one thread is faster than spawning a second.
const PARALLEL_FROM: usize = 4096;

/// Whether every label that fuzzy-matches `query` also matches `last`: `query` is `last` with
/// more typed after it. nucleo's special characters (`^ $ ' ! \`) can make a longer
/// query match more (`!b` excludes more than `!ba`), so a query with any of them is scored in
/// full.
fn narrows(query: &str, last: &str) -> bool {
    !last.is_empty() && query.starts_with(last) && !query.contains(['^', '$', '\'', '!', '\\'])
}

/// Templates used often rank a little higher: staff reach for the same few replies all day.
/// Logarithmic, so a favourite never buries a much better match.
fn usage_boost(use_count: i64) -> u32 {
    let uses = u32::try_from(use_count.clamp(0, 100_000)).unwrap_or(0);
    // ln(1 + uses) * 6, in integers: about 4 points per doubling of use.
    (u32::BITS - uses.leading_zeros()) * 4
}

/// Bit set of the ASCII letters (case-folded) and digits in `text`.
fn char_mask(text: &str) -> u64 {
    text.bytes()
        .fold(0, |mask, b| match b.to_ascii_lowercase() {
            c @ b'a'..=b'z' => mask | 1 << (c - b'a'),
            c @ b'0'..=b'9' => mask | 1 << (26 + c - b'0'),
            _ => mask,
        })
}

/// Removes `$variable` and `-term` references so that `buyer_name` does not match every
/// template; the words around them stay searchable.
fn strip_placeables(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            while chars
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower-cased words; CJK and Thai, written without spaces, become one token per character.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_unspaced_script(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.into_iter()
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F      // Thai
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

/// Optimal-string-alignment distance (edits, adjacent swaps) ≤ `max`, with an early exit.
fn within_distance(a: &[char], b: &[char], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Status;

    fn template(id: i64, key: &str, title: &str, tags: &str, shortcut: &str) -> Template {
        Template {
            id,
            key: key.into(),
            title: title.into(),
            category: String::new(),
            tags: tags.into(),
            shortcut: shortcut.into(),
            source_locale: "en".into(),
            use_count: 0,
            last_used: None,
            examples: String::new(),
        }
    }

    fn variant(locale: &str, body: &str, title: Option<&str>) -> Variant {
        Variant {
            locale: locale.into(),
            body: body.into(),
            title: title.map(str::to_string),
            status: Status::Approved,
            source_hash: String::new(),
            provider: None,
            reviewer: None,
            reviewed_at: None,
            problem: None,
        }
    }

    fn index() -> SearchIndex {
        let templates = vec![
            template(
                1,
                "where-is-my-order",
                "Where is my order",
                "tracking, status",
                ";wismo",
            ),
            template(
                2,
                "refund-issued",
                "Refund issued",
                "money, return",
                ";refund",
            ),
            template(
                3,
                "shipping-delay",
                "Shipping delay",
                "late, delay",
                ";late",
            ),
            template(
                4,
                "customs-duties",
                "Customs and duties",
                "tax, import",
                ";customs",
            ),
        ];
        let variants = vec![
            (
                1,
                variant(
                    "en",
                    "Your order { $order_id } is on its way with { $carrier }.",
                    None,
                ),
            ),
            (
                1,
                variant("ar", "طلبك { $order_id } في الطريق.", Some("أين طلبي")),
            ),
            (
                2,
                variant("en", "We have refunded { $total } to your card.", None),
            ),
            (
                2,
                variant("zh-CN", "我们已为您办理退款。", Some("退款已处理")),
            ),
            (
                3,
                variant("en", "Sorry, the parcel is delayed by the carrier.", None),
            ),
            (
                4,
                variant(
                    "en",
                    "Import taxes are paid by the buyer at delivery.",
                    None,
                ),
            ),
            (
                4,
                variant(
                    "ru",
                    "Таможенные пошлины оплачивает покупатель.",
                    Some("Таможня и пошлины"),
                ),
            ),
        ];
        SearchIndex::build(&templates, &variants)
    }

    fn keys(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.key.as_str()).collect()
    }

    #[test]
    fn exact_title_word_ranks_first() {
        assert_eq!(
            keys(&index().search("refund", None, 10))[0],
            "refund-issued"
        );
        assert_eq!(
            keys(&index().search("customs", None, 10))[0],
            "customs-duties"
        );
    }

    #[test]
    fn fuzzy_abbreviations_and_shortcuts_match() {
        assert_eq!(
            keys(&index().search("wismo", None, 10))[0],
            "where-is-my-order"
        );
        assert_eq!(
            keys(&index().search("shpdly", None, 10))[0],
            "shipping-delay"
        );
    }

    #[test]
    fn typos_are_tolerated() {
        assert_eq!(
            keys(&index().search("refnud", None, 10))[0],
            "refund-issued"
        );
        assert_eq!(
            keys(&index().search("custmos", None, 10))[0],
            "customs-duties"
        );
        assert_eq!(
            keys(&index().search("shiping delya", None, 10))[0],
            "shipping-delay"
        );
    }

    #[test]
    fn text_in_every_locale_is_searched() {
        assert_eq!(
            keys(&index().search("退款", None, 10)),
            vec!["refund-issued"]
        );
        assert_eq!(
            keys(&index().search("пошлины", None, 10)),
            vec!["customs-duties"]
        );
        assert_eq!(
            keys(&index().search("parcel", None, 10)),
            vec!["shipping-delay"]
        );
    }

    #[test]
    fn variable_names_do_not_match() {
        assert!(
            index()
                .search("carrier", None, 10)
                .iter()
                .all(|h| h.key != "refund-issued")
        );
        assert!(!keys(&index().search("order_id", None, 10)).contains(&"refund-issued"));
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(index().search("xqzv", None, 10).is_empty());
    }

    #[test]
    fn titles_follow_the_requested_language() {
        let hits = index().search("customs", Some("ru-RU"), 1);
        assert_eq!(hits[0].title, "Таможня и пошлины");
        assert_eq!(
            index().search("customs", Some("fr"), 1)[0].title,
            "Customs and duties"
        );
    }

    #[test]
    fn limit_and_empty_query() {
        assert_eq!(index().search("", None, 2).len(), 2);
        assert_eq!(index().search("", None, 10).len(), 4);
    }

    #[test]
    fn frequent_use_breaks_near_ties_but_not_real_differences() {
        let mut templates = vec![
            template(1, "refund-issued", "Refund issued", "", ""),
            template(2, "refund-policy", "Refund policy", "", ""),
        ];
        assert_eq!(
            keys(&SearchIndex::build(&templates, &[]).search("refund", None, 2))[0],
            "refund-issued"
        );
        templates[1].use_count = 40;
        assert_eq!(
            keys(&SearchIndex::build(&templates, &[]).search("refund", None, 2))[0],
            "refund-policy"
        );
        // An exact title match still beats a popular loose match.
        assert_eq!(
            keys(&SearchIndex::build(&templates, &[]).search("refund issued", None, 2))[0],
            "refund-issued"
        );
    }

    #[test]
    fn large_libraries_rank_the_same_as_small_ones() {
        let mut templates: Vec<Template> = (0..5000)
            .map(|i| template(i, &format!("filler-{i}"), &format!("Filler {i}"), "", ""))
            .collect();
        templates.push(template(
            9999,
            "customs-duties",
            "Customs and duties",
            "tax",
            ";customs",
        ));
        let index = SearchIndex::build(&templates, &[]);
        assert!(index.len() >= PARALLEL_FROM);
        assert_eq!(keys(&index.search("custms", None, 3))[0], "customs-duties");
        assert_eq!(
            keys(&index.search("filler 4999", None, 1))[0],
            "filler-4999"
        );
    }

    #[test]
    fn equal_scores_and_use_are_listed_by_key_whatever_the_build_order() {
        // Built in reverse key order: the tie-break must follow the keys, not the build order.
        let templates: Vec<Template> = (0..300)
            .rev()
            .map(|i| template(i, &format!("reply-{i:03}"), &format!("Reply {i}"), "", ""))
            .collect();
        let index = SearchIndex::build(&templates, &[]);
        let expected: Vec<String> = (0..20).map(|i| format!("reply-{i:03}")).collect();
        assert_eq!(keys(&index.search("", None, 20)), expected);
        assert_eq!(keys(&index.search("reply", None, 20)), expected);
    }

    #[test]
    fn typing_letter_by_letter_ranks_as_a_fresh_search_does() {
        let mut templates: Vec<Template> = (0..6000)
            .map(|i| {
                let title = format!("Filler {i} about {}", ["refund", "delivery", "wrap"][i % 3]);
                template(i as i64, &format!("filler-{i}"), &title, "", "")
            })
            .collect();
        templates.push(template(
            9001,
            "where-is-my-order",
            "Where is my order",
            "wism",
            "",
        ));
        templates.push(template(9002, "refund-issued", "Refund issued", "", "rf"));
        let typed = SearchIndex::build(&templates, &[]);
        // Each step as the palette sends it while typing, with backspaces, a new word, and
        // nucleo's special characters (`!` excludes: `!r` narrows less than `!re`).
        let steps = [
            "w",
            "wh",
            "whe",
            "wher",
            "where",
            "where ",
            "where o",
            "where or",
            "whe",
            "whex",
            "r",
            "re",
            "ref",
            "ref !",
            "ref !d",
            "ref !de",
            "ref !d",
            "ref",
            "refund i",
            "",
            "f",
            "fi",
            "fil",
            "fill",
            "filler 1",
            "filler 12",
        ];
        for query in steps {
            let fresh = SearchIndex::build(&templates, &[]);
            assert_eq!(
                typed.search(query, None, 50),
                fresh.search(query, None, 50),
                "query {query:?}"
            );
        }
    }

    #[test]
    fn char_masks_only_rule_out_impossible_labels() {
        assert_eq!(char_mask("abc") & !char_mask("xaybzc"), 0);
        assert_ne!(char_mask("abq") & !char_mask("abc"), 0);
        assert_eq!(char_mask("ABC"), char_mask("abc"));
        assert_eq!(char_mask("退款"), 0, "non-ASCII never rules a label out");
    }

    #[test]
    fn edit_distance_bounds() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_distance(&c("refnud"), &c("refund"), 1));
        assert!(within_distance(&c("shiping"), &c("shipping"), 1));
        assert!(!within_distance(&c("refund"), &c("return"), 1));
        // f→t, n→r, d→n: three edits, too far even for long words.
        assert!(!within_distance(&c("refund"), &c("return"), 2));
        assert!(within_distance(&c("certifcate"), &c("certificate"), 2));
    }
}
