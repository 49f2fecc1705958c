//! The lexical signal: character n-grams (2 to 4 characters, words padded with spaces) weighted
//! by TF-IDF, compared by cosine. Character n-grams need no tokenizer, so Thai and Chinese
//! (no spaces) and misspelt words ("wher is my oder") still share most of their n-grams.

use rustc_hash::FxHashMap;

/// A sparse TF-IDF vector: n-gram hash → weight, L2-normalized.
pub type Sparse = Vec<(u64, f32)>;

/// Lowercased letters and digits, every other run of characters one space.
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

fn hash(gram: &[char]) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in gram {
        h ^= u64::from(u32::from(*c));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The n-gram counts of a text.
fn counts(text: &str) -> FxHashMap<u64, f32> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut out = FxHashMap::default();
    for n in 2..=4 {
        for w in chars.windows(n) {
            if w.iter().all(|c| *c == ' ') {
                continue;
            }
            *out.entry(hash(w)).or_insert(0.0) += 1.0;
        }
    }
    out
}

/// Inverse document frequencies over a set of texts.
#[derive(Debug, Default, Clone)]
pub struct Idf {
    df: FxHashMap<u64, u32>,
    docs: u32,
}

impl Idf {
    /// Document frequencies of `texts`.
    #[must_use]
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        let mut docs = 0;
        for t in texts {
            docs += 1;
            for g in counts(t).into_keys() {
                *df.entry(g).or_insert(0) += 1;
            }
        }
        Self { df, docs }
    }

    fn weight(&self, gram: u64) -> f32 {
        let df = self.df.get(&gram).copied().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)] // counts of texts, far below 2^24
        let w = ((1.0 + self.docs as f32) / (1.0 + df as f32)).ln() + 1.0;
        w
    }

    /// The TF-IDF vector of `text` (sublinear term frequency), sorted by n-gram.
    #[must_use]
    pub fn vector(&self, text: &str) -> Sparse {
        let mut v: Sparse = counts(text)
            .into_iter()
            .map(|(g, c)| (g, (1.0 + c.ln()) * self.weight(g)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v.sort_unstable_by_key(|(g, _)| *g);
        v
    }
}

/// Cosine of two sorted, normalized sparse vectors.
#[must_use]
pub fn cosine(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_words_still_match_and_unrelated_ones_do_not() {
        let idf = Idf::new([
            "where is my order",
            "can i pay with paypal",
            "return the item",
        ]);
        let q = idf.vector("wher is my oder??");
        let wismo = cosine(&q, &idf.vector("where is my order"));
        let pay = cosine(&q, &idf.vector("can i pay with paypal"));
        assert!(wismo > 0.4 && pay < wismo / 2.0, "{wismo} vs {pay}");
        assert!((cosine(&q, &q) - 1.0).abs() < 1e-4);
    }

    #[test]
    fn scripts_without_spaces_share_ngrams() {
        let idf = Idf::new(["我的包裹在哪里", "可以退货吗"]);
        let q = idf.vector("包裹在哪");
        assert!(cosine(&q, &idf.vector("我的包裹在哪里")) > cosine(&q, &idf.vector("可以退货吗")));
        assert_eq!(normalize("Hi,  THERE!"), " hi there ");
    }
}
