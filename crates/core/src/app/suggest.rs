//! Suggested replies for buyer messages, and learning from what the shop pastes: the use cases
//! behind `quickreply suggest | learn | forget` and the palette's "Suggested for this message".
//!
//! The ranking itself is [`crate::suggest`]; this module builds its index from the library
//! (embedding what the vector cache lacks), records buyer messages and picks, and applies the
//! retention rule. Buyer messages stay in the library only: `message_retention_days` (default
//! 90; 0 turns learning off) bounds how long, and nothing here exports or syncs them.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Library;
use crate::ports::{EmbedKind, Embedder};
use crate::store::suggest::{Message, embedding_hash};
use crate::suggest::{Entry, Index, Query, ReasonKind, Suggestion, Unit, Weights, lexical};
use crate::{Error, Result};

/// How many texts go to the model at once (the engine parallelizes a batch over cores).
const BATCH: usize = 32;
/// A message longer than this is not a buyer's question (a page was copied).
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// How long buyer messages are kept by default, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// The setting that holds it.
pub const RETENTION_SETTING: &str = "message_retention_days";
/// The setting naming the model whose cached vectors are current.
const MODEL_SETTING: &str = "suggest.model";
/// Below this score nothing fitted the message well ("unanswered" in insights).
pub const WELL_ANSWERED: f64 = 0.45;

/// The suggestion index of one library, kept between messages (the desktop app's helper and a
/// batch `suggest` build it once) and rebuilt when the library's templates or picks change.
#[derive(Default)]
pub struct Suggester {
    built: Option<(String, Arc<Index>)>,
    /// How the signals are weighed.
    pub weights: Weights,
}

impl std::fmt::Debug for Suggester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Suggester({} units)",
            self.built.as_ref().map_or(0, |b| b.1.units.len())
        )
    }
}

struct Pending {
    template: usize,
    kind: ReasonKind,
    text: String,
    embed_as: EmbedKind,
}

/// Vectors of `texts` (all of one kind), from the cache where it has them, else from the
/// model (then cached). `None` for each when there is no model. Also used by insights' topics.
pub(crate) fn vectors(
    library: &Library,
    embedder: Option<&dyn Embedder>,
    texts: &[&str],
    kind: EmbedKind,
) -> Result<Vec<Option<Vec<f32>>>> {
    let Some(embedder) = embedder else {
        return Ok(vec![None; texts.len()]);
    };
    let hashes: Vec<String> = texts
        .iter()
        .map(|t| embedding_hash(embedder.model_id(), kind, t))
        .collect();
    let mut cached = library.store().embeddings(&hashes)?;
    let missing: Vec<usize> = (0..texts.len())
        .filter(|i| !cached.contains_key(&hashes[*i]))
        .collect();
    if !missing.is_empty() {
        let mut store = library.store();
        // The model whose vectors are current: pruning keeps only its vectors.
        if store.setting(MODEL_SETTING)?.as_deref() != Some(embedder.model_id()) {
            store.set_setting(MODEL_SETTING, embedder.model_id())?;
        }
    }
    // Each batch is stored as soon as it is computed: a large library's first index survives
    // an interrupted build (the helper stopped, the app closed).
    for chunk in missing.chunks(BATCH) {
        let batch: Vec<&str> = chunk.iter().map(|i| texts[*i]).collect();
        let got = embedder.embed(&batch, kind)?;
        let fresh: Vec<(String, Vec<f32>)> = chunk
            .iter()
            .zip(got)
            .map(|(i, v)| (hashes[*i].clone(), v))
            .collect();
        library.store().put_embeddings(&fresh)?;
        cached.extend(fresh);
    }
    Ok(hashes.iter().map(|h| cached.get(h).cloned()).collect())
}

impl Suggester {
    /// A suggester with the default weights.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The index for the library as it is now: rebuilt when templates, texts or learned
    /// picks changed since the last call (vectors of unchanged texts come from the cache).
    ///
    /// # Errors
    /// Database failure; the model failing on a text.
    pub fn index(
        &mut self,
        library: &Library,
        embedder: Option<&dyn Embedder>,
    ) -> Result<Arc<Index>> {
        let fingerprint = format!(
            "{}|{}",
            library.store().suggestion_fingerprint()?,
            embedder.map_or("", |e| e.model_id())
        );
        if let Some((built, index)) = &self.built
            && *built == fingerprint
        {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(build(library, embedder)?);
        self.built = Some((fingerprint, Arc::clone(&index)));
        Ok(index)
    }

    /// Ranks the templates for one message.
    ///
    /// # Errors
    /// As [`Suggester::index`].
    pub fn suggest(
        &mut self,
        library: &Library,
        embedder: Option<&dyn Embedder>,
        text: &str,
        lang: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        let text = clip(text);
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let index = self.index(library, embedder)?;
        let vector = match embedder {
            Some(e) => e
                .embed(&[text.as_str()], EmbedKind::Query)?
                .into_iter()
                .next(),
            None => None,
        };
        Ok(index.rank(
            &Query {
                text: &text,
                vector: vector.as_deref(),
                lang,
            },
            &self.weights,
            limit,
        ))
    }
}

/// The message as ranked and stored: trimmed, at most [`MAX_MESSAGE_CHARS`].
fn clip(text: &str) -> String {
    text.trim().chars().take(MAX_MESSAGE_CHARS).collect()
}

/// Every template of `rows` as suggestions list it, and the texts embedded for it: example
/// questions and titles as questions, the text of each language as a passage. The one list
/// of what is embedded, for [`build`] and for [`prune_vectors`] (which keeps exactly these).
fn template_units(
    rows: &[crate::store::suggest::SourceRow],
) -> (Vec<Entry>, FxHashMap<String, usize>, PendingList) {
    let mut templates: Vec<Entry> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    let mut pending = PendingList::default();
    for row in rows {
        let t = if let Some(t) = by_key.get(&row.key) {
            *t
        } else {
            let t = templates.len();
            templates.push(Entry {
                key: row.key.clone(),
                title: row.title.clone(),
                locales: Vec::new(),
                source_locale: row.source_locale.clone(),
            });
            by_key.insert(row.key.clone(), t);
            for example in row.examples.lines() {
                pending.push(t, ReasonKind::Example, example, EmbedKind::Query);
            }
            pending.push(t, ReasonKind::Title, &row.title, EmbedKind::Query);
            t
        };
        templates[t].locales.push(row.locale.clone());
        if let Some(title) = &row.locale_title {
            pending.push(t, ReasonKind::Title, title, EmbedKind::Query);
        }
        let text = crate::suggest::plain_text(&row.body);
        pending.push(t, ReasonKind::Text, &text, EmbedKind::Passage);
    }
    (templates, by_key, pending)
}

/// Texts to embed, each once per template (case-insensitively), trimmed, never empty.
#[derive(Default)]
struct PendingList {
    units: Vec<Pending>,
    seen: FxHashSet<(usize, String)>,
}

impl PendingList {
    fn push(&mut self, template: usize, kind: ReasonKind, text: &str, embed_as: EmbedKind) {
        let text = text.trim();
        if !text.is_empty() && self.seen.insert((template, text.to_lowercase())) {
            self.units.push(Pending {
                template,
                kind,
                text: text.to_string(),
                embed_as,
            });
        }
    }
}

/// Builds the index: examples, titles and texts of every template, and the learned picks.
fn build(library: &Library, embedder: Option<&dyn Embedder>) -> Result<Index> {
    let (rows, picks, keep_days) = {
        let store = library.store();
        (
            store.suggestion_sources()?,
            store.learned_picks(usize::MAX)?,
            retention_days_of(&store)?,
        )
    };
    let (templates, by_key, mut pending) = template_units(&rows);
    if keep_days > 0 {
        for pick in &picks {
            if let Some(t) = pick.template_key.as_ref().and_then(|k| by_key.get(k)) {
                pending.push(*t, ReasonKind::AskedBefore, &pick.text, EmbedKind::Query);
            }
        }
    }
    let pending = pending.units;
    let mut units: Vec<Unit> = Vec::with_capacity(pending.len());
    let idf = lexical::Idf::new(pending.iter().map(|p| p.text.as_str()));
    for kind in [EmbedKind::Query, EmbedKind::Passage] {
        let of_kind: Vec<&Pending> = pending.iter().filter(|p| p.embed_as == kind).collect();
        let texts: Vec<&str> = of_kind.iter().map(|p| p.text.as_str()).collect();
        let vecs = vectors(library, embedder, &texts, kind)?;
        for (p, vector) in of_kind.into_iter().zip(vecs) {
            units.push(Unit {
                template: p.template,
                kind: p.kind,
                text: p.text.clone(),
                vector,
                sparse: idf.vector(&p.text),
            });
        }
    }
    Ok(Index {
        templates,
        units,
        idf,
    })
}

/// How many days buyer messages are kept (0: learning is off).
///
/// # Errors
/// Database failure.
pub fn retention_days(library: &Library) -> Result<u32> {
    retention_days_of(&library.store())
}

fn retention_days_of(store: &crate::store::Store) -> Result<u32> {
    Ok(store
        .setting(RETENTION_SETTING)?
        .and_then(|d| d.parse().ok())
        .unwrap_or(DEFAULT_RETENTION_DAYS))
}

/// A copied buyer message came into the palette: ranks it and, when learning is on, records
/// it (with its top score, for insights). Returns the message's row id (`None`: not kept)
/// and the suggestions.
///
/// # Errors
/// As [`Suggester::suggest`].
pub fn on_message(
    library: &Library,
    suggester: &mut Suggester,
    embedder: Option<&dyn Embedder>,
    text: &str,
    lang: Option<&str>,
    limit: usize,
) -> Result<(Option<i64>, Vec<Suggestion>)> {
    let suggestions = suggester.suggest(library, embedder, text, lang, limit)?;
    let text = clip(text);
    if text.is_empty() || retention_days(library)? == 0 {
        return Ok((None, suggestions));
    }
    let best = suggestions.first().map(|s| (s.key.as_str(), s.score));
    let id = library.store().record_message(&text, lang, best)?;
    Ok((Some(id), suggestions))
}

/// Staff pasted `key` (in `locale`) while message `message_id` was the copied one: the pair
/// is learned. Nothing happens when learning is off or the message was forgotten meanwhile.
///
/// # Errors
/// Database failure.
pub fn picked(library: &Library, message_id: i64, key: &str, locale: &str) -> Result<()> {
    if retention_days(library)? == 0 {
        return Ok(());
    }
    library.store().pick_message(message_id, key, locale)?;
    Ok(())
}

/// Records picks by hand (`quickreply learn`): each `(key, text)` pair is one buyer message
/// answered with that template. All or nothing: every key is checked first, and the
/// messages' vectors are cached before any pick is stored.
///
/// # Errors
/// [`Error::UnknownTemplate`] for a key the library does not have (the first such, with its
/// position in `picks` as `#N` when there are several); [`Error::Invalid`] for an empty text,
/// or when learning is turned off; database or model failure.
pub fn learn(
    library: &Library,
    embedder: Option<&dyn Embedder>,
    picks: &[(String, String)],
) -> Result<usize> {
    let mut clean = Vec::with_capacity(picks.len());
    for (i, (key, text)) in picks.iter().enumerate() {
        let text = clip(text);
        let at = if picks.len() > 1 {
            format!(" (pick #{})", i + 1)
        } else {
            String::new()
        };
        if text.is_empty() {
            return Err(Error::Invalid(format!(
                "the message is empty{at}: give the buyer's text"
            )));
        }
        match library.store().template(key.trim()) {
            Ok(_) => {}
            Err(Error::UnknownTemplate(k)) if picks.len() > 1 => {
                return Err(Error::UnknownTemplate(format!("{k}{at}")));
            }
            Err(e) => return Err(e),
        }
        clean.push((key.trim().to_string(), text));
    }
    if retention_days(library)? == 0 {
        return Err(Error::Invalid(
            "learning is turned off (buyer messages are kept 0 days): turn it on in Settings → Suggestions".into(),
        ));
    }
    let texts: Vec<&str> = clean.iter().map(|(_, t)| t.as_str()).collect();
    vectors(library, embedder, &texts, EmbedKind::Query)?;
    let langs = super::detect::detect_all(
        Some(library),
        &texts.iter().map(|t| (*t).to_string()).collect::<Vec<_>>(),
    )?;
    library.store().learn_picks(
        &clean
            .iter()
            .zip(&langs)
            .map(|((k, t), l)| (k.as_str(), t.as_str(), l.as_ref().map(|d| d.code.as_str())))
            .collect::<Vec<_>>(),
    )?;
    Ok(clean.len())
}

/// The learned picks, newest first, for owners to review and remove.
///
/// # Errors
/// Database failure.
pub fn learned_picks(library: &Library, limit: usize) -> Result<Vec<Message>> {
    library.store().learned_picks(limit)
}

/// Removes one message and what was learned from it.
///
/// # Errors
/// [`Error::Invalid`] when there is no such message; database failure.
pub fn forget_pick(library: &Library, id: i64) -> Result<()> {
    if !library.store().forget_message(id)? {
        return Err(Error::Invalid(format!("there is no learned message {id}")));
    }
    prune_vectors(library)?;
    Ok(())
}

/// `ts` as stored timestamps are written (UTC, `2025-01-31T08:00:00.000Z`), for comparing with
/// them as text.
pub(crate) fn utc_text(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string()
}

/// A day written `YYYY-MM-DD`.
///
/// # Errors
/// [`Error::Invalid`] for anything else, saying how to write it.
pub(crate) fn parse_day(date: &str) -> Result<jiff::civil::Date> {
    date.trim().parse().map_err(|_| {
        Error::Invalid(format!(
            "'{date}' is not a date: write it as YYYY-MM-DD, e.g. 2025-01-31"
        ))
    })
}

/// The start of local day `day` as stored timestamps are written (UTC).
///
/// # Errors
/// [`Error::Invalid`] when the day does not exist in the local time zone.
pub(crate) fn day_start(day: jiff::civil::Date) -> Result<String> {
    let ts = day
        .to_zoned(jiff::tz::TimeZone::system())
        .map_err(|e| Error::Invalid(format!("'{day}': {e}")))?
        .timestamp();
    Ok(utc_text(ts))
}

/// The start of local day `date` (`YYYY-MM-DD`) as stored timestamps are written (UTC).
///
/// # Errors
/// [`Error::Invalid`] for a date not written `YYYY-MM-DD`.
pub fn day_start_utc(date: &str) -> Result<String> {
    day_start(parse_day(date)?)
}

/// Deletes the buyer messages copied before local day `before` (`YYYY-MM-DD`), with their
/// cached vectors. Returns how many.
///
/// # Errors
/// As [`day_start_utc`]; database failure.
pub fn forget_before(library: &Library, before: &str) -> Result<usize> {
    let bound = day_start_utc(before)?;
    let n = library.store().forget_messages_before(&bound)?;
    prune_vectors(library)?;
    Ok(n)
}

/// Applies the retention setting: messages older than it are deleted (all of them when
/// learning is off). Run at start and once a day by the app, and before each `suggest`.
///
/// # Errors
/// Database failure.
pub fn apply_retention(library: &Library) -> Result<usize> {
    let days = retention_days(library)?;
    let cutoff = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * i64::from(days)))
        .unwrap_or(jiff::Timestamp::MIN);
    let n = library.store().forget_messages_before(&utc_text(cutoff))?;
    if n > 0 {
        prune_vectors(library)?;
    }
    Ok(n)
}

/// Drops cached vectors of texts that are gone (forgotten messages, edited texts), so no
/// trace of a forgotten buyer message stays. Kept: the current model's vectors of every text
/// [`template_units`] embeds and of every stored buyer message.
fn prune_vectors(library: &Library) -> Result<()> {
    let (rows, messages, model) = {
        let store = library.store();
        (
            store.suggestion_sources()?,
            store.message_texts()?,
            store.setting(MODEL_SETTING)?,
        )
    };
    let mut keep = FxHashSet::default();
    if let Some(model) = &model {
        for text in &messages {
            keep.insert(embedding_hash(model, EmbedKind::Query, text));
        }
        for unit in template_units(&rows).2.units {
            keep.insert(embedding_hash(model, unit.embed_as, &unit.text));
        }
    }
    library.store().prune_embeddings(&keep)?;
    Ok(())
}
