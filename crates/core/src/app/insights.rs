//! What buyers ask (`quickreply insights`, the library window's Insights view): the most used
//! replies, buyer languages, pastes by hour and weekday, and question topics — copied buyer
//! messages clustered by meaning, with their week-over-week change — and the questions nothing
//! answered.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Library;
use super::suggest::WELL_ANSWERED;
use crate::Result;
use crate::ports::{EmbedKind, Embedder};
use crate::store::suggest::Message;
use crate::suggest::{lexical, shorten};

/// Days covered when no start day is given.
pub const DEFAULT_DAYS: i64 = 28;
/// Messages at least this near (cosine of their embeddings) are one topic.
const SAME_TOPIC: f32 = 0.87;
/// Without the model: messages sharing this much of their n-grams are one topic.
const SAME_TOPIC_WORDS: f32 = 0.45;
/// A topic is rising when this week has at least this many messages…
const RISING_MIN: u64 = 5;
/// …and at least this many times last week's.
const RISING_FACTOR: u64 = 2;
/// Topics listed (the biggest).
const MAX_TOPICS: usize = 30;

/// A reply and how often it was pasted.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InsightReply {
    /// Template key.
    pub key: String,
    /// Its title.
    pub title: String,
    /// Pastes in the period.
    #[ts(type = "number")]
    pub uses: u64,
}

/// A buyer language.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InsightLanguage {
    /// Language code (`und` when it could not be told).
    pub lang: String,
    /// Buyer messages copied in it.
    #[ts(type = "number")]
    pub messages: u64,
    /// Replies pasted in it.
    #[ts(type = "number")]
    pub uses: u64,
}

/// A template, by key and title.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TopicReply {
    /// Template key.
    pub key: String,
    /// Its title.
    pub title: String,
}

/// A question topic: buyer messages that mean the same.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InsightTopic {
    /// Stable within one report.
    #[ts(type = "number")]
    pub id: u64,
    /// The most typical message, shortened.
    pub label: String,
    /// Messages in the period.
    #[ts(type = "number")]
    pub size: u64,
    /// Messages in the last 7 days.
    #[ts(type = "number")]
    pub this_week: u64,
    /// Messages in the 7 days before.
    #[ts(type = "number")]
    pub last_week: u64,
    /// Clearly more this week than last.
    pub rising: bool,
    /// A few of its messages.
    pub examples: Vec<String>,
    /// The reply most pasted for it.
    pub top_reply: Option<TopicReply>,
    /// Its messages' languages, most frequent first.
    pub languages: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Insights {
    /// First day covered (local, `YYYY-MM-DD`).
    pub since: String,
    /// Last day covered (today).
    pub until: String,
    /// Buyer messages copied in the period.
    #[ts(type = "number")]
    pub messages: u64,
    /// Replies pasted in the period.
    #[ts(type = "number")]
    pub uses: u64,
    /// Most pasted replies, most first.
    pub top_replies: Vec<InsightReply>,
    /// Buyer languages, most first.
    pub languages: Vec<InsightLanguage>,
    /// Pastes per local hour, 0..=23.
    #[ts(type = "number[]")]
    pub by_hour: Vec<u64>,
    /// Pastes per weekday, Monday first.
    #[ts(type = "number[]")]
    pub by_weekday: Vec<u64>,
    /// Question topics, biggest first.
    pub topics: Vec<InsightTopic>,
    /// Topics no template answered well, or where staff pasted nothing.
    pub unanswered: Vec<InsightTopic>,
}

fn parse_ts(s: &str) -> Option<jiff::Timestamp> {
    s.parse().ok()
}

/// A message's language as reports group it (`und` when it could not be told).
fn lang_group(m: &Message) -> String {
    m.lang
        .as_deref()
        .map_or_else(|| "und".to_string(), crate::locale::primary_of)
}

/// The report from `since` (`YYYY-MM-DD`, local; default the last [`DEFAULT_DAYS`] days) to
/// now. `embedder` clusters topics by meaning; without it, by shared words.
///
/// # Errors
/// [`crate::Error::Invalid`] for a day not written `YYYY-MM-DD`; database or model failure.
pub fn insights(
    library: &Library,
    embedder: Option<&dyn Embedder>,
    since: Option<&str>,
) -> Result<Insights> {
    let now = jiff::Zoned::now();
    let since_day = match since {
        Some(day) => super::suggest::parse_day(day)?,
        None => now
            .date()
            .checked_sub(jiff::Span::new().days(DEFAULT_DAYS - 1))
            .unwrap_or(jiff::civil::Date::MIN),
    };
    let since_bound = super::suggest::day_start(since_day)?;
    let week = jiff::SignedDuration::from_hours(24 * 7);
    let now_ts = now.timestamp();
    let week_ago = now_ts.checked_sub(week).unwrap_or(jiff::Timestamp::MIN);
    let two_weeks_ago = week_ago.checked_sub(week).unwrap_or(jiff::Timestamp::MIN);
    // Week-over-week needs the previous week even when the period is shorter.
    let fetch_from = std::cmp::min(since_bound.clone(), super::suggest::utc_text(two_weeks_ago));
    // Titles from the search index (built and cached already), not every text of the library.
    let index = library.index()?;
    let title_of = |key: &str| index.title_of(key, None).unwrap_or_else(|| key.to_string());
    let (all, usage) = {
        let store = library.store();
        (
            store.messages_since(&fetch_from)?,
            store.usage_since(&since_bound)?,
        )
    };
    let seen: Vec<Option<jiff::Timestamp>> = all.iter().map(|m| parse_ts(&m.seen_at)).collect();

    // Pastes: replies, languages, hours, weekdays (local time).
    let mut by_hour = vec![0u64; 24];
    let mut by_weekday = vec![0u64; 7];
    let mut replies: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut langs: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let tz = jiff::tz::TimeZone::system();
    for (used_at, key, title, locale) in &usage {
        if let Some(ts) = parse_ts(used_at) {
            let local = ts.to_zoned(tz.clone());
            by_hour[usize::try_from(local.hour()).unwrap_or(0).min(23)] += 1;
            by_weekday[usize::try_from(local.weekday().to_monday_zero_offset()).unwrap_or(0)] += 1;
        }
        replies
            .entry(key.clone())
            .or_insert_with(|| (title.clone(), 0))
            .1 += 1;
        langs
            .entry(crate::locale::primary_of(locale))
            .or_default()
            .1 += 1;
    }
    let period: Vec<&Message> = all.iter().filter(|m| m.seen_at >= since_bound).collect();
    for m in &period {
        langs.entry(lang_group(m)).or_default().0 += 1;
    }
    let mut top_replies: Vec<InsightReply> = replies
        .into_iter()
        .map(|(key, (title, uses))| InsightReply { key, title, uses })
        .collect();
    top_replies.sort_by(|a, b| b.uses.cmp(&a.uses).then(a.key.cmp(&b.key)));
    top_replies.truncate(10);
    let mut languages: Vec<InsightLanguage> = langs
        .into_iter()
        .map(|(lang, (messages, uses))| InsightLanguage {
            lang,
            messages,
            uses,
        })
        .collect();
    languages.sort_by(|a, b| {
        (b.messages + b.uses)
            .cmp(&(a.messages + a.uses))
            .then(a.lang.cmp(&b.lang))
    });

    // Topics over every fetched message (the previous week counts for "rising").
    let clusters = cluster(library, embedder, &all)?;
    let mut topics = Vec::new();
    let mut unanswered = Vec::new();
    for (n, members) in clusters.into_iter().enumerate() {
        let in_period: Vec<&Message> = members
            .iter()
            .map(|i| &all[*i])
            .filter(|m| m.seen_at >= since_bound)
            .collect();
        if in_period.is_empty() {
            continue;
        }
        let count_between = |from: jiff::Timestamp, to: jiff::Timestamp| {
            members
                .iter()
                .filter(|i| seen[**i].is_some_and(|t| t >= from && t < to))
                .count() as u64
        };
        let this_week = count_between(week_ago, jiff::Timestamp::MAX);
        let last_week = count_between(two_weeks_ago, week_ago);
        let mut picks: BTreeMap<&str, u64> = BTreeMap::new();
        let mut lang_count: BTreeMap<String, u64> = BTreeMap::new();
        let mut scores = Vec::new();
        for m in &in_period {
            if let Some(k) = &m.template_key {
                *picks.entry(k.as_str()).or_default() += 1;
            }
            *lang_count.entry(lang_group(m)).or_default() += 1;
            if let Some(s) = m.best_score {
                scores.push(s);
            }
        }
        let top_reply = picks
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| TopicReply {
                key: (*k).to_string(),
                title: title_of(k),
            });
        let answered: u64 = picks.values().sum();
        #[allow(clippy::cast_precision_loss)]
        let mean_score = if scores.is_empty() {
            1.0
        } else {
            scores.iter().sum::<f64>() / scores.len() as f64
        };
        let size = in_period.len() as u64;
        let mut languages: Vec<(String, u64)> = lang_count.into_iter().collect();
        languages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let topic = InsightTopic {
            id: n as u64 + 1,
            label: shorten(&in_period[0].text, 60),
            size,
            this_week,
            last_week,
            rising: this_week >= RISING_MIN && this_week >= RISING_FACTOR * last_week.max(1),
            examples: in_period
                .iter()
                .take(5)
                .map(|m| shorten(&m.text, 140))
                .collect(),
            top_reply,
            languages: languages.into_iter().map(|(l, _)| l).collect(),
        };
        if answered == 0 || (mean_score < WELL_ANSWERED && answered * 2 < size) {
            unanswered.push(topic.clone());
        }
        topics.push(topic);
    }
    topics.sort_by(|a, b| {
        b.size
            .cmp(&a.size)
            .then(b.rising.cmp(&a.rising))
            .then(a.id.cmp(&b.id))
    });
    topics.truncate(MAX_TOPICS);
    unanswered.sort_by(|a, b| b.size.cmp(&a.size).then(a.id.cmp(&b.id)));
    unanswered.truncate(MAX_TOPICS);
    Ok(Insights {
        since: since_day.to_string(),
        until: now.date().to_string(),
        messages: period.len() as u64,
        uses: usage.len() as u64,
        top_replies,
        languages,
        by_hour,
        by_weekday,
        topics,
        unanswered,
    })
}

/// Groups messages by meaning: each message joins the nearest topic whose first message is
/// near enough, else starts one; the most typical message (nearest the others) comes first.
/// Messages are indexes into `messages`.
fn cluster(
    library: &Library,
    embedder: Option<&dyn Embedder>,
    messages: &[Message],
) -> Result<Vec<Vec<usize>>> {
    let texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
    let dense: Option<Vec<Vec<f32>>> = match embedder {
        Some(_) => super::suggest::vectors(library, embedder, &texts, EmbedKind::Query)?
            .into_iter()
            .collect(),
        None => None,
    };
    let idf = lexical::Idf::new(texts.iter().copied());
    let sparse: Vec<lexical::Sparse> = texts.iter().map(|t| idf.vector(t)).collect();
    let sim = |a: usize, b: usize| match &dense {
        Some(v) => v[a].iter().zip(&v[b]).map(|(x, y)| x * y).sum::<f32>(),
        None => lexical::cosine(&sparse[a], &sparse[b]),
    };
    let threshold = if dense.is_some() {
        SAME_TOPIC
    } else {
        SAME_TOPIC_WORDS
    };
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in 0..messages.len() {
        let best = clusters
            .iter()
            .enumerate()
            .map(|(c, members)| (c, sim(members[0], i)))
            .filter(|(_, s)| *s >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((c, _)) => clusters[c].push(i),
            None => clusters.push(vec![i]),
        }
    }
    for members in &mut clusters {
        if members.len() > 2 {
            let centre = *members
                .iter()
                .max_by(|a, b| {
                    let sa: f32 = members.iter().map(|m| sim(**a, *m)).sum();
                    let sb: f32 = members.iter().map(|m| sim(**b, *m)).sum();
                    sa.total_cmp(&sb)
                })
                .unwrap_or(&members[0]);
            members.retain(|m| *m != centre);
            members.insert(0, centre);
        }
    }
    clusters.sort_by_key(|c| std::cmp::Reverse(c.len()));
    Ok(clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "halal = Yes, it is certified.\n    .title = Halal certificate\n";

    fn at(days_ago: i64) -> String {
        super::super::suggest::utc_text(
            jiff::Timestamp::now()
                .checked_sub(jiff::SignedDuration::from_hours(24 * days_ago))
                .unwrap(),
        )
    }

    #[test]
    fn a_topic_that_grows_this_week_is_rising_and_counts_both_weeks() {
        let library = super::super::test_library(&[("en", EN)]);
        {
            let store = library.store();
            let add = |text: &str, days_ago: i64| {
                store
                    .conn()
                    .execute(
                        "INSERT INTO messages (text, lang, source, seen_at) VALUES (?1, 'en', 'palette', ?2)",
                        rusqlite::params![text, at(days_ago)],
                    )
                    .unwrap();
            };
            for d in [9, 10, 12] {
                add("halal certificate please", d);
            }
            for d in 0..7 {
                add("halal certificate please", d);
            }
            add("do you ship to Brunei", 1);
        }
        // Without a model, topics group by shared words.
        let report = insights(&library, None, None).unwrap();
        let halal = report
            .topics
            .iter()
            .find(|t| t.label.contains("halal"))
            .unwrap();
        assert_eq!((halal.last_week, halal.this_week, halal.size), (3, 7, 10));
        assert!(halal.rising, "3 → 7 is rising");
        let brunei = report
            .topics
            .iter()
            .find(|t| t.label.contains("Brunei"))
            .unwrap();
        assert!(!brunei.rising);
        assert_eq!(report.messages, 11);
        // Nothing was pasted for either: both are unanswered.
        assert_eq!(report.unanswered.len(), 2);
        // A later start leaves the older messages out of the sizes, not out of "last week".
        let since = (jiff::Zoned::now().date() - jiff::Span::new().days(2)).to_string();
        let recent = insights(&library, None, Some(&since)).unwrap();
        let halal = recent
            .topics
            .iter()
            .find(|t| t.label.contains("halal"))
            .unwrap();
        assert_eq!(halal.last_week, 3);
        assert!(halal.size < 10);
    }
}
