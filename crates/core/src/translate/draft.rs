//! Drafting a translation of a template: mask → machine translation (through the cache) →
//! unmask and verify → retry with another token style → store the draft with its status.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    MtRequest, Problem, TokenStyle, Translator, add_plural_variants, describe_problems, mask,
    missing_plural_categories, plural_categories, unmask, unmask_for_review,
};
use crate::store::Status;
use crate::store::Store;
use crate::store::providers::CachedTranslation;
use crate::{Error, Result, locale};

/// How the problem of a draft whose placeholders did not survive starts: such a draft
/// cannot be approved until a reviewer has edited it.
pub const BROKEN_PLACEHOLDERS: &str = "The machine translation broke placeholders";

/// A stored machine draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// Template key.
    pub key: String,
    /// Target locale (canonical BCP-47).
    pub locale: String,
    /// The Fluent body stored for review.
    pub body: String,
    /// `machine` when every check passed, `needs_review` with `problem` otherwise.
    pub status: Status,
    /// What a reviewer must fix (broken placeholders, missing plural forms); `None` when `machine`.
    pub problem: Option<String>,
    /// Configured name of the provider that translated it (`deepl`).
    pub provider: String,
    /// Characters billed by the service for this draft (0 when all came from the cache).
    pub billed_chars: u64,
    /// Segments answered from the cache.
    pub cached_segments: usize,
    /// Segments sent to the service.
    pub sent_segments: usize,
}

/// The cache key: hash of the provider's identity and options, both locales, the context and
/// the masked text. Any change to one of them is a different translation.
#[must_use]
pub fn cache_key(
    translator: &dyn Translator,
    (source, target): (&str, &str),
    context: Option<&str>,
    text: &str,
) -> String {
    let mut hash = Sha256::new();
    for part in [
        translator.identity().as_str(),
        translator.options().as_str(),
        source,
        target,
        context.unwrap_or(""),
        text,
    ] {
        hash.update(part.as_bytes());
        // A separator that cannot occur in any part, so ("ab","c") ≠ ("a","bc").
        hash.update([0u8]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Segment translations, from the cache where possible; the rest in one request, cached.
struct Batch {
    texts: Vec<String>,
    billed_chars: u64,
    cached: usize,
    sent: usize,
}

fn translate_cached(
    store: &mut Store,
    translator: &dyn Translator,
    request: &MtRequest<'_>,
) -> Result<Batch> {
    let keys: Vec<String> = request
        .texts
        .iter()
        .map(|t| {
            cache_key(
                translator,
                (request.source, request.target),
                request.context,
                t,
            )
        })
        .collect();
    let mut texts: Vec<Option<String>> = Vec::with_capacity(keys.len());
    for key in &keys {
        texts.push(store.cached_translation(key)?.map(|c| c.text));
    }
    let missing: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].is_none()).collect();
    let mut billed_chars = 0;
    if !missing.is_empty() {
        let to_send: Vec<String> = missing.iter().map(|&i| request.texts[i].clone()).collect();
        let answer = translator.translate(&MtRequest {
            texts: &to_send,
            ..request.clone()
        })?;
        billed_chars = answer.billed_chars;
        let total_sent: u64 = to_send.iter().map(|t| t.chars().count() as u64).sum();
        for (&i, text) in missing.iter().zip(answer.texts) {
            // Each entry carries its share of the bill, so the cache's sum is the total.
            let share = (answer.billed_chars * request.texts[i].chars().count() as u64)
                .checked_div(total_sent)
                .unwrap_or(0);
            store.cache_translation(
                &keys[i],
                translator.name(),
                None,
                (request.source, request.target),
                &CachedTranslation {
                    text: text.clone(),
                    billed_chars: share,
                },
            )?;
            texts[i] = Some(text);
        }
    }
    Ok(Batch {
        cached: texts.len() - missing.len(),
        sent: missing.len(),
        texts: texts.into_iter().map(Option::unwrap_or_default).collect(),
        billed_chars,
    })
}

/// Machine-translates the source text of template `key` into `to` and stores the draft.
///
/// Every placeable is masked; the translation is verified (each token exactly once, valid
/// Fluent, the source's variables). On failure the next token style of the provider is tried;
/// if every style fails, the closest reviewable body is stored as `needs_review` with the
/// problems. A target language that needs plural forms the source lacks (Arabic, Russian…)
/// gets them written by a language model (each verified like a translation); when the
/// provider cannot, or a form fails, the draft is `needs_review`. A verified draft is `machine`. Either way a reviewer must approve it
/// before it is pasted without a warning.
///
/// # Errors
/// Unknown template or locale; `to` is the template's source language; [`Error::Provider`]
/// when the service fails (nothing is stored then).
pub fn translate_template(
    store: &mut Store,
    translator: &dyn Translator,
    key: &str,
    to: &str,
) -> Result<Draft> {
    let target = locale::canonical(to)?;
    let template = store.template(key)?;
    let source_body = store.source_body(&template)?.ok_or_else(|| {
        Error::Invalid(format!(
            "'{key}' has no {} source text to translate",
            template.source_locale
        ))
    })?;
    if target == template.source_locale {
        return Err(Error::SourceLanguageTarget {
            key: key.to_string(),
            locale: target,
        });
    }
    let context = format!(
        "a customer-service reply from an online shop to a buyer ({})",
        template.title
    );

    let mut billed_chars = 0;
    let (mut cached_segments, mut sent_segments) = (0, 0);
    let mut failures: Vec<(TokenStyle, Vec<Problem>)> = Vec::new();
    let mut verified = None;
    let mut fallback = None;
    for &style in translator.styles() {
        let masked = mask(&source_body, style)?;
        let batch = translate_cached(
            store,
            translator,
            &MtRequest {
                source: &template.source_locale,
                target: &target,
                texts: &masked.segments,
                style,
                context: Some(&context),
            },
        )?;
        billed_chars += batch.billed_chars;
        cached_segments += batch.cached;
        sent_segments += batch.sent;
        match unmask(&masked, &batch.texts) {
            Ok(body) => {
                verified = Some(body);
                break;
            }
            Err(problems) => {
                log::info!(
                    "{}: {key} → {target} failed verification with {style:?} tokens: {}",
                    translator.name(),
                    describe_problems(&problems)
                );
                if fallback.is_none() {
                    fallback = Some(unmask_for_review(&masked, &batch.texts));
                }
                failures.push((style, problems));
            }
        }
    }

    let (body, status, problem) = if let Some(body) = verified {
        let body = write_missing_plural_forms(translator, &body, &target);
        let missing = missing_plural_categories(&body, &target);
        if missing.is_empty() {
            (body, Status::Machine, None)
        } else {
            let problem = format!(
                "{target} needs the plural forms {} ({} in all); the draft only has the source's forms, so the missing ones fall back to 'other': add them",
                missing.join(", "),
                plural_categories(&target).join(", ")
            );
            (body, Status::NeedsReview, Some(problem))
        }
    } else {
        let mut problem = format!(
            "{BROKEN_PLACEHOLDERS} ({} attempts); fix the text before approving it:",
            failures.len()
        );
        if let Some((_, problems)) = failures.last() {
            problem.push('\n');
            problem.push_str(&describe_problems(problems));
        }
        (
            fallback.unwrap_or_else(|| source_body.clone()),
            Status::NeedsReview,
            Some(problem),
        )
    };

    store.save_draft(
        key,
        &target,
        &body,
        status,
        translator.name(),
        problem.as_deref(),
    )?;
    Ok(Draft {
        key: key.to_string(),
        locale: target,
        body,
        status,
        problem,
        provider: translator.name().to_string(),
        billed_chars,
        cached_segments,
        sent_segments,
    })
}

/// The token style a provider does best with.
fn first_style(translator: &dyn Translator) -> TokenStyle {
    translator
        .styles()
        .first()
        .copied()
        .unwrap_or(TokenStyle::Bracket)
}

/// A target language with more plural forms than the source (Arabic, Russian…) gets the
/// missing variants written by the provider when it can (a language model), each verified like
/// a translation. Returns `body` unchanged when the provider cannot, or when any written form
/// fails: the caller then marks the draft `needs_review`.
fn write_missing_plural_forms(translator: &dyn Translator, body: &str, target: &str) -> String {
    if missing_plural_categories(body, target).is_empty() {
        return body.to_string();
    }
    let style = first_style(translator);
    let written = add_plural_variants(body, target, |category, other| {
        let masked = mask(other, style).ok()?;
        let mut texts = Vec::with_capacity(masked.segments.len());
        for segment in &masked.segments {
            match translator.write_plural_form(target, category, segment, style) {
                Ok(Some(text)) => texts.push(text),
                Ok(None) => return None,
                Err(e) => {
                    log::info!("{}: plural form {category}: {e}", translator.name());
                    return None;
                }
            }
        }
        match unmask(&masked, &texts) {
            Ok(form) => Some(form),
            Err(problems) => {
                log::info!(
                    "{}: plural form {category} failed verification: {}",
                    translator.name(),
                    describe_problems(&problems)
                );
                None
            }
        }
    });
    written.unwrap_or_else(|| body.to_string())
}

/// Translates a stored translation back into the template's source language, so a reviewer
/// who does not read the target language can check its meaning. Not stored as a variant
/// (the machine translations are cached).
///
/// # Errors
/// As [`translate_template`]; [`Error::Invalid`] when `body` is not valid Fluent.
pub fn back_translate(
    store: &mut Store,
    translator: &dyn Translator,
    key: &str,
    from: &str,
    body: &str,
) -> Result<String> {
    let template = store.template(key)?;
    let from = locale::canonical(from)?;
    let style = first_style(translator);
    let masked = mask(body, style)?;
    let batch = translate_cached(
        store,
        translator,
        &MtRequest {
            source: &from,
            target: &template.source_locale,
            texts: &masked.segments,
            style,
            context: None,
        },
    )?;
    Ok(unmask(&masked, &batch.texts).unwrap_or_else(|_| unmask_for_review(&masked, &batch.texts)))
}
