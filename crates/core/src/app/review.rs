//! Reviewing translations: the queue, a live preview of an edit, saving an edit, the verdict,
//! machine drafts and back-translation.

use serde::Serialize;

use super::{Library, identity, providers};
use crate::error::FtlError;
use crate::ports::Secrets;
use crate::reply;
use crate::store::Status;
use crate::store::review::{self as queue, ReviewItem};
use crate::translate::{self, Draft};
use crate::{Error, Result};

/// The review window's queue.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReviewQueue {
    /// Translations waiting: machine, needs_review, stale.
    pub items: Vec<ReviewItem>,
    /// How many per language.
    #[ts(type = "Array<[string, number]>")]
    pub counts: Vec<(String, u64)>,
    /// The reviewer's name to prefill: the login name.
    pub reviewer: String,
}

/// The queue with its counts.
///
/// # Errors
/// Database failure.
pub fn list(library: &Library) -> Result<ReviewQueue> {
    let store = library.store();
    Ok(ReviewQueue {
        items: store.review_queue()?,
        counts: store.review_counts()?,
        reviewer: identity::login_name().unwrap_or_default(),
    })
}

/// Translations waiting for a reviewer, in all languages.
///
/// # Errors
/// Database failure.
pub fn pending_count(library: &Library) -> Result<u64> {
    Ok(library
        .store()
        .review_counts()?
        .iter()
        .map(|(_, n)| n)
        .sum())
}

/// A reviewer's edit, rendered.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReviewPreview {
    /// The edited text filled with the sample or the chosen order.
    pub text: String,
    /// The source text filled the same way.
    pub source_text: String,
    /// Values nothing provides (shown as markers).
    pub missing: Vec<String>,
    /// Fluent syntax errors of the edited text (the previews are empty then).
    pub errors: Vec<FtlError>,
    /// Why the text cannot be approved as it is (a lost placeholder…).
    pub problem: Option<String>,
}

/// Renders `body` as the `locale` text of `key` beside its source, with a real order or the
/// sample values, and says what is wrong with it.
///
/// # Errors
/// Unknown template, order or locale; render errors other than missing values.
pub fn preview(
    library: &Library,
    key: &str,
    locale: &str,
    body: &str,
    order_id: Option<&str>,
) -> Result<ReviewPreview> {
    let store = library.store();
    let template = store.template(key)?;
    let source_body = store.source_body(&template)?.unwrap_or_default();
    let order = order_id.filter(|o| !o.trim().is_empty());
    let renderer = library.renderer();
    let source = reply::preview_body(
        &store,
        renderer,
        key,
        &template.source_locale,
        &source_body,
        order,
    )?;
    let problem = queue::placeholder_problem(key, body, &source_body);
    match reply::preview_body(&store, renderer, key, locale, body, order) {
        Ok(preview) => Ok(ReviewPreview {
            text: preview.text,
            source_text: source.text,
            missing: preview.missing,
            errors: Vec::new(),
            problem,
        }),
        Err(Error::Ftl(errors)) => Ok(ReviewPreview {
            text: String::new(),
            source_text: source.text,
            missing: Vec::new(),
            errors,
            problem,
        }),
        Err(e) => Err(e),
    }
}

/// Saves a reviewer's edit of a translation (it then waits for approval).
///
/// # Errors
/// A body that does not parse (with line and column), unknown template or locale.
pub fn save_edit(library: &Library, key: &str, locale: &str, body: &str) -> Result<ReviewItem> {
    let item = library.store().edit_translation(key, locale, body)?;
    library.changed();
    Ok(item)
}

/// A reviewer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
pub enum Verdict {
    /// Pasted without a warning from now on.
    #[serde(rename = "approved")]
    Approve,
    /// Never pasted; the source language answers instead.
    #[serde(rename = "rejected")]
    Reject,
}

/// The verdict that was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Template key.
    pub key: String,
    /// The locale decided on (canonical form).
    pub locale: String,
    /// `approved` or `rejected`.
    pub status: Status,
    /// Who decided (the name given, else the login name).
    pub reviewer: Option<String>,
}

/// Records a verdict on the `locale` translation of `key`, under the reviewer's name (the one
/// given, else the login name).
///
/// # Errors
/// Unknown template; no text in that language; a text that cannot be approved as it is.
pub fn decide(
    library: &Library,
    key: &str,
    locale: &str,
    verdict: Verdict,
    reviewer: Option<&str>,
) -> Result<Decision> {
    let status = match verdict {
        Verdict::Approve => Status::Approved,
        Verdict::Reject => Status::Rejected,
    };
    let reviewer = identity::reviewer(reviewer);
    let locale = library
        .store()
        .review(key, locale, status, reviewer.as_deref())?;
    library.changed();
    Ok(Decision {
        key: key.to_string(),
        locale,
        status,
        reviewer,
    })
}

/// A machine draft and what it replaced.
#[derive(Debug, Clone, Serialize)]
pub struct DraftOutcome {
    /// The stored draft (status `machine`, or `needs_review` with the problem).
    pub draft: Draft,
    /// It replaced an approved translation, which now needs a new review.
    pub replaced_approved: bool,
    /// The draft as the review queue lists it.
    pub item: ReviewItem,
}

/// Machine-translates template `key` into `to` with `provider` (else the default, else the
/// only one) and stores the draft for review. Runs on its own connection: the service may take
/// seconds and the palette must not wait.
///
/// # Errors
/// Unknown template or language, the source language as target, provider and keyring errors,
/// the service's errors (nothing is stored then).
pub fn draft(
    library: &Library,
    secrets: &dyn Secrets,
    key: &str,
    to: &str,
    provider: Option<&str>,
) -> Result<DraftOutcome> {
    let mut store = library.own_connection()?;
    // A bad template or language fails before the keyring or the network is asked.
    let template = store.template(key)?;
    let target = crate::locale::canonical(to)?;
    if target == template.source_locale {
        return Err(Error::SourceLanguageTarget {
            key: key.to_string(),
            locale: target,
        });
    }
    let replaced_approved = store
        .variants(template.id)?
        .iter()
        .any(|v| v.locale == target && v.status == Status::Approved);
    let translator = providers::connect(&store, secrets, provider)?;
    let draft = translate::translate_template(&mut store, translator.as_ref(), key, to)?;
    let item = store
        .review_queue()?
        .into_iter()
        .find(|i| i.key == draft.key && i.locale == draft.locale)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "the {} draft of '{}' was stored but is not in the review queue",
                draft.locale, draft.key
            ))
        })?;
    library.changed();
    Ok(DraftOutcome {
        draft,
        replaced_approved,
        item,
    })
}

/// Translates a reviewer's `body` (in `locale`) back into the template's source language, so
/// a reviewer can check a language they read less well.
///
/// # Errors
/// Provider, keyring and service errors; a body that does not parse.
pub fn back_translate(
    library: &Library,
    secrets: &dyn Secrets,
    key: &str,
    locale: &str,
    body: &str,
) -> Result<String> {
    let mut store = library.own_connection()?;
    let translator = providers::connect(&store, secrets, None)?;
    translate::back_translate(&mut store, translator.as_ref(), key, locale, body)
}
