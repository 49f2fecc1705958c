//! `providers`, `translate` and `review`: machine translation and its review from the
//! command line.

use std::io::{Read, Write};
use std::path::Path;

use clap::Subcommand;
use quickreply_core::store::Status;
use quickreply_core::translate::{self, ProviderConfig, ProviderKind};
use quickreply_core::{Error, Result};
use quickreply_platform::OsKeyring;

use super::{json_line, open};

#[derive(Debug, Subcommand)]
pub enum ProvidersCommand {
    /// Add a provider, or change the one with this name
    Add {
        name: String,
        #[arg(long, value_parser = parse_kind)]
        kind: ProviderKind,
        /// Endpoint (default: the service's public one; for openai the base URL, e.g.
        /// http://127.0.0.1:8080/v1)
        #[arg(long)]
        url: Option<String>,
        /// Model name (openai)
        #[arg(long)]
        model: Option<String>,
        /// DeepL formality: default, more or less
        #[arg(long)]
        formality: Option<String>,
        /// DeepL glossary id
        #[arg(long)]
        glossary: Option<String>,
    },
    /// Read the provider's API key from stdin into the OS keyring
    Key { name: String },
    /// List the providers (keys are never shown)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check that a provider answers and accepts its key
    Test { name: String },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Translations waiting for review (machine, needs_review, stale)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Approve a translation: it is then pasted without a warning
    Approve {
        key: String,
        #[arg(long, value_name = "LOCALE")]
        lang: String,
        /// Reviewer's name (default: the login name)
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Reject a translation: it is never pasted; the source language answers instead
    Reject {
        key: String,
        #[arg(long, value_name = "LOCALE")]
        lang: String,
    },
    /// Open the review window of the running app (starting it if needed)
    Open,
}

fn parse_kind(s: &str) -> std::result::Result<ProviderKind, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

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
            let mut store = open(path)?;
            let has_key = store.provider(&name)?.is_some_and(|p| p.has_key);
            let added = store.save_provider(&ProviderConfig {
                name: name.clone(),
                kind,
                url,
                model,
                formality,
                glossary,
                has_key,
            })?;
            if kind.needs_key() && !has_key {
                eprintln!(
                    "next: store its API key with `printf %s \"$KEY\" | quickreply providers key {name}`"
                );
            }
            say!(
                out,
                "{} provider {name} ({kind})",
                if added { "added" } else { "updated" }
            )
        }
        ProvidersCommand::Key { name } => {
            let mut key = String::new();
            std::io::stdin()
                .read_to_string(&mut key)
                .map_err(|e| Error::Invalid(format!("cannot read the key from stdin: {e}")))?;
            let mut store = open(path)?;
            translate::store_key(&mut store, &OsKeyring, &name, &key)?;
            say!(out, "stored the API key of {name} in the OS keyring")
        }
        ProvidersCommand::List { json } => {
            let store = open(path)?;
            let providers = store.providers()?;
            if json {
                return json_line(out, &providers);
            }
            for p in &providers {
                say!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    p.name,
                    p.kind,
                    p.url.as_deref().unwrap_or("-"),
                    p.model.as_deref().unwrap_or("-"),
                    if p.has_key { "key set" } else { "no key" }
                )?;
            }
            Ok(())
        }
        ProvidersCommand::Test { name } => {
            let store = open(path)?;
            let config = store.choose_provider(Some(&name))?;
            let translator = translate::connect(&config, &OsKeyring)?;
            let summary = translator.check()?;
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
    let mut store = open(path)?;
    // Fail on a bad template or language before asking the keyring or the network.
    let template = store.template(key)?;
    let target = quickreply_core::locale::canonical(to)?;
    let replaced = store.variants(template.id)?.into_iter().find(|v| {
        v.locale == target && v.status == Status::Approved && target != template.source_locale
    });
    let config = store.choose_provider(provider)?;
    let translator = translate::connect(&config, &OsKeyring)?;
    let draft = translate::translate_template(&mut store, translator.as_ref(), key, to)?;
    if replaced.is_some() {
        eprintln!(
            "warning: this replaced the approved {target} text of {key}; the draft needs a new review"
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
        json_line(out, &draft)
    } else {
        say!(out, "{}", draft.body)
    }
}

pub fn review(path: &Path, command: ReviewCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        ReviewCommand::List { json } => {
            let store = open(path)?;
            let queue = store.review_queue()?;
            if json {
                return json_line(out, &queue);
            }
            for item in &queue {
                say!(out, "{}\t{}\t{}", item.key, item.locale, item.status)?;
            }
            Ok(())
        }
        ReviewCommand::Approve { key, lang, by } => {
            let mut store = open(path)?;
            let by = by.or_else(login_name);
            let locale = store.review(&key, &lang, Status::Approved, by.as_deref())?;
            match by {
                Some(by) => say!(out, "approved {key} in {locale} (by {by})"),
                None => say!(out, "approved {key} in {locale}"),
            }
        }
        ReviewCommand::Open => Err(Error::Invalid(
            "`review open` opens a window and is handled by the app".into(),
        )),
        ReviewCommand::Reject { key, lang } => {
            let mut store = open(path)?;
            let locale = store.review(&key, &lang, Status::Rejected, login_name().as_deref())?;
            say!(out, "rejected {key} in {locale}")
        }
    }
}

/// The name a reviewer is recorded under when none is given: the login name.
pub fn login_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}
