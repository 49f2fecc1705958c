//! `templates list`, `render` and `search`.

use std::io::Write;
use std::path::Path;

use quickreply_core::Result;
use quickreply_core::app::templates;

use super::args::TemplatesCommand;
use super::{json_line, open, say};

pub fn list(path: &Path, command: TemplatesCommand, out: &mut Vec<u8>) -> Result<()> {
    let TemplatesCommand::List { json } = command;
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
