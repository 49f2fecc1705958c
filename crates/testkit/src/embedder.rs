//! A hand-written stand-in for the multilingual embedding model: words hashed into a small
//! vector (so texts sharing words are near), with a synonym table standing in for "the same
//! meaning in another language", and a count of the texts it was asked to embed (to test the
//! vector cache).

use std::cell::RefCell;
use std::collections::HashMap;

use quickreply_core::ports::{EmbedKind, Embedder};

/// Dimensions of the fake vectors.
pub const DIM: usize = 64;

/// The fake model.
#[derive(Debug, Default)]
pub struct FakeEmbedder {
    /// word → the word it means (e.g. "طلبي" → "order").
    pub synonyms: HashMap<String, String>,
    /// Every text embedded, in order.
    pub embedded: RefCell<Vec<String>>,
    /// Identifies the model (a different id must not reuse cached vectors).
    pub id: String,
}

impl FakeEmbedder {
    /// A model where each `(word, meaning)` pair embeds `word` like `meaning`.
    #[must_use]
    pub fn with_synonyms(pairs: &[(&str, &str)]) -> Self {
        Self {
            synonyms: pairs
                .iter()
                .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
                .collect(),
            embedded: RefCell::new(Vec::new()),
            id: "fake-1".into(),
        }
    }

    fn vector(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; DIM];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let word = word.to_lowercase();
            let word = self.synonyms.get(&word).cloned().unwrap_or(word);
            let h = word.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            v[usize::try_from(h % DIM as u64).unwrap_or(0)] += 1.0;
        }
        // A shared component keeps unrelated texts' cosine realistic (e5's never reach 0).
        v[0] += 0.5;
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }
}

impl Embedder for FakeEmbedder {
    fn model_id(&self) -> &str {
        &self.id
    }

    fn embed(&self, texts: &[&str], _kind: EmbedKind) -> quickreply_core::Result<Vec<Vec<f32>>> {
        self.embedded
            .borrow_mut()
            .extend(texts.iter().map(|t| (*t).to_string()));
        Ok(texts.iter().map(|t| self.vector(t)).collect())
    }
}
