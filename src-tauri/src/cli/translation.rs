//! `providers`, `translate` and `review`: machine translation and its review from the
//! command line.

use std::io::{Read, Write};
use std::path::Path;

use quickreply_core::app::providers;
use quickreply_core::app::review::{self, Verdict};
use quickreply_core::translate::ProviderConfig;
use quickreply_core::{Error, Result};
use quickreply_platform::OsKeyring;

use super::args::{ProvidersCommand, ReviewCommand};
use super::{json_line, open, say};

pub fn providers(path: &Path, command: ProvidersCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        ProvidersCommand::Add {
            name,
            kind,
            url,
            model,
            formality,
            glossary,
        } => {
            let config = ProviderConfig {
                name: name.clone(),
                kind,
                url,
                model,
                formality,
                glossary,
                has_key: false,
            };
            let saved = providers::save(&open(path)?, &OsKeyring, config, None)?;
            if saved.needs_key {
                eprintln!(
                    "next: store its API key with `printf %s \"$KEY\" | quickreply providers key {name}`"
                );
            }
            say!(
                out,
                "{} provider {name} ({kind})",
                if saved.added { "added" } else { "updated" }
            )
        }
        ProvidersCommand::Key { name } => {
            let mut key = String::new();
            std::io::stdin()
                .read_to_string(&mut key)
                .map_err(|e| Error::Invalid(format!("cannot read the key from stdin: {e}")))?;
            providers::store_key(&open(path)?, &OsKeyring, &name, &key)?;
            say!(out, "stored the API key of {name} in the OS keyring")
        }
        ProvidersCommand::List { json } => {
            let info = providers::list(&open(path)?)?;
            if json {
                return json_line(out, &info.providers);
            }
            info.providers.iter().try_for_each(|p| {
                say!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    p.name,
                    p.kind,
                    p.url.as_deref().unwrap_or("-"),
                    p.model.as_deref().unwrap_or("-"),
                    if p.has_key { "key set" } else { "no key" }
                )
            })
        }
        ProvidersCommand::Test { name } => {
            let summary = providers::test(&open(path)?, &OsKeyring, &name)?;
            say!(out, "{name}: ok ({summary})")
        }
    }
}

pub fn translate(
    path: &Path,
    key: &str,
    to: &str,
    provider: Option<&str>,
    json: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    let outcome = review::draft(&open(path)?, &OsKeyring, key, to, provider)?;
    let draft = &outcome.draft;
    if outcome.replaced_approved {
        eprintln!(
            "warning: this replaced the approved {} text of {key}; the draft needs a new review",
            draft.locale
        );
    }
    eprintln!(
        "{} draft stored as {} ({} segment(s) translated, {} from the cache, {} characters billed)",
        draft.locale, draft.status, draft.sent_segments, draft.cached_segments, draft.billed_chars
    );
    if let Some(problem) = &draft.problem {
        eprintln!("needs review: {problem}");
    }
    if json {
        json_line(out, draft)
    } else {
        say!(out, "{}", draft.body)
    }
}

pub fn review(path: &Path, command: ReviewCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        ReviewCommand::List { json } => {
            let queue = review::list(&open(path)?)?;
            if json {
                return json_line(out, &queue.items);
            }
            queue
                .items
                .iter()
                .try_for_each(|item| say!(out, "{}\t{}\t{}", item.key, item.locale, item.status))
        }
        ReviewCommand::Approve { key, lang, by } => {
            let decision =
                review::decide(&open(path)?, &key, &lang, Verdict::Approve, by.as_deref())?;
            match decision.reviewer {
                Some(by) => say!(out, "approved {key} in {} (by {by})", decision.locale),
                None => say!(out, "approved {key} in {}", decision.locale),
            }
        }
        ReviewCommand::Reject { key, lang } => {
            let decision = review::decide(&open(path)?, &key, &lang, Verdict::Reject, None)?;
            say!(out, "rejected {key} in {}", decision.locale)
        }
        ReviewCommand::Open => Err(Error::Invalid(
            "`review open` opens a window and is handled by the app".into(),
        )),
    }
}
