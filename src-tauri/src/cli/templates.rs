//! `templates list/add/edit/show/rm/restore/history`, `render` and `search`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::{editing, library, templates};

use super::args::TemplatesCommand;
use super::{json_line, open, say};

pub fn run(path: &Path, command: TemplatesCommand, out: &mut Vec<u8>) -> Result<()> {
    match command {
        TemplatesCommand::List { json } => list(path, json, out),
        TemplatesCommand::Add {
            key,
            title,
            category,
            tags,
            shortcut,
            lang,
            text,
        } => {
            let body = text_of(text.text, text.file.as_deref())?.unwrap_or_default();
            let detail = editing::add(
                &open(path)?,
                &editing::NewTemplate {
                    key: &key,
                    title: &title,
                    category: category.as_deref(),
                    tags: tags.as_deref().map(editing::split_tags).unwrap_or_default(),
                    shortcut: shortcut.as_deref(),
                    locale: lang.as_deref(),
                    text: &body,
                },
            )?;
            say!(out, "added {} ({})", detail.key, detail.source_locale)
        }
        TemplatesCommand::Edit {
            key,
            lang,
            title,
            category,
            tags,
            shortcut,
            text,
            status,
        } => {
            let body = text_of(text.text, text.file.as_deref())?;
            let detail = editing::edit(
                &open(path)?,
                &editing::Edit {
                    key: &key,
                    lang: lang.as_deref(),
                    title: title.as_deref(),
                    category: category.as_deref(),
                    tags: tags.as_deref().map(editing::split_tags),
                    shortcut: shortcut.as_deref(),
                    text: body.as_deref(),
                    status,
                },
            )?;
            let states: Vec<String> = detail
                .variants
                .iter()
                .map(|v| format!("{} {}", v.locale, v.status))
                .collect();
            say!(out, "saved {}: {}", detail.key, states.join(", "))
        }
        TemplatesCommand::Show { key, json } => {
            let detail = editing::detail(&open(path)?, &key)?;
            if json {
                return json_line(out, &detail);
            }
            say!(out, "{}\t{}", detail.key, detail.title)?;
            for (name, value) in [
                ("category", detail.category.clone()),
                ("tags", detail.tags.join(", ")),
                ("shortcut", detail.shortcut.clone()),
                ("source", detail.source_locale.clone()),
                ("variables", detail.variables.join(", ")),
            ] {
                if !value.is_empty() {
                    say!(out, "{name}: {value}")?;
                }
            }
            for example in &detail.examples {
                say!(out, "example: {example}")?;
            }
            for v in &detail.variants {
                say!(out, "\n[{}] {}", v.locale, v.status)?;
                say!(out, "{}", v.text)?;
            }
            Ok(())
        }
        TemplatesCommand::Rm { key } => {
            let deleted = library::delete(&open(path)?, &key)?;
            say!(
                out,
                "deleted {} (restore it within 30 days: quickreply templates restore {})",
                deleted.key,
                deleted.key
            )
        }
        TemplatesCommand::Restore { key } => {
            let restored = library::undelete_key(&open(path)?, &key)?;
            say!(out, "restored {restored}")
        }
        TemplatesCommand::History { key, lang, json } => {
            let entries = editing::history(&open(path)?, &key, lang.as_deref())?;
            if json {
                return json_line(out, &entries);
            }
            entries.iter().try_for_each(|e| {
                say!(
                    out,
                    "#{}\t{}\t{}\t{}\t{}\n{}\n",
                    e.id,
                    e.saved_at,
                    e.locale,
                    e.status,
                    e.author.as_deref().unwrap_or("-"),
                    e.text
                )
            })
        }
    }
}

/// The text of `--text` or `--file` (without a byte-order mark or trailing newline).
fn text_of(text: Option<String>, file: Option<&Path>) -> Result<Option<String>> {
    match (text, file) {
        (Some(text), _) => Ok(Some(text)),
        (None, Some(file)) => editing::text_from_file(file).map(Some),
        (None, None) => Ok(None),
    }
}

fn list(path: &Path, json: bool, out: &mut Vec<u8>) -> Result<()> {
    let rows = templates::list(&open(path)?)?;
    if json {
        return json_line(out, &rows);
    }
    rows.iter().try_for_each(|t| {
        say!(
            out,
            "{}\t{}\t{}\t{}",
            t.key,
            t.title,
            t.category,
            t.locales.join(",")
        )
    })
}

pub fn render(
    path: &Path,
    key: &str,
    lang: Option<&str>,
    order: Option<&str>,
    vars: &[(String, String)],
    json: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    let reply = templates::render(&open(path)?, key, lang, order, vars)?;
    if json {
        json_line(out, &reply)
    } else {
        say!(out, "{}", reply.text)
    }
}

pub fn search(
    path: &Path,
    query: &str,
    title_lang: Option<&str>,
    limit: usize,
    json: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    let hits = templates::search(&open(path)?, query, title_lang, limit)?;
    if json {
        json_line(out, &hits)
    } else {
        hits.iter()
            .try_for_each(|h| say!(out, "{}\t{}", h.key, h.title))
    }
}
