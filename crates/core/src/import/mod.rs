//! Reading the reply collections shop owners already have into candidate templates.
//!
//! - [`espanso`] reads Espanso match files, folders and hub packages;
//! - [`sheet`] reads a spreadsheet of replies (CSV in any of the encodings Excel saves, XLSX,
//!   XLS, ODS), one template in one language per row.
//!
//! The readers are pure: they read files and never touch the library. What they return is a
//! [`Parsed`]: the [`Candidate`]s to offer, each with the file and line it came from, and the
//! [`ImportWarning`]s about what was changed or left out, so the owner sees every match or row
//! that did not come through as it was. Applying candidates to the library (key conflicts with
//! existing templates, transactions) is another layer's job; keys here are unique within one
//! parse only, and every body returned passes [`crate::template::validate_body`].

pub mod espanso;
pub mod sheet;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::store::Status;

/// Where a candidate or a warning came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file, as the user gave it (or the folder they gave joined with the file's path
    /// inside it), for display.
    pub file: String,
    /// 1-based line: the `- trigger:` line of an Espanso match, the physical line of a CSV row
    /// (where a multi-line row starts), the row number in a spreadsheet (the header is 1).
    pub line: usize,
}

/// The text of a candidate in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateText {
    /// Canonical BCP-47 tag (`en`, `zh-CN`).
    pub locale: String,
    /// The Fluent text in body format (see [`crate::template`]); always passes
    /// [`crate::template::validate_body`].
    pub body: String,
    /// The review status it is to be stored with.
    pub status: Status,
}

/// A template read from a file, not yet in the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Fluent message key (see [`slug`]); unique within one parse, NOT checked against the
    /// library.
    pub key: String,
    /// True when the file named the key (a spreadsheet's `key` column), false when it was made
    /// from a label, trigger or title: the apply layer may rename a made-up key freely.
    pub key_given: bool,
    /// Title in the source language; empty for a translation whose source row is not in the
    /// file (see [`sheet::read`]).
    pub title: String,
    /// Sidebar group; empty when none.
    pub category: String,
    /// Search words, none containing a comma (the library keeps them comma-separated).
    pub tags: Vec<String>,
    /// Typed in the palette to pick the template; empty when none.
    pub shortcut: String,
    /// Example buyer messages this reply answers; empty unless the file lists some.
    pub examples: Vec<String>,
    /// The locale the template is written in first.
    pub source_locale: String,
    /// The source-locale text first (when the file has one), then translations.
    pub texts: Vec<CandidateText>,
    /// Where the candidate starts.
    pub origin: Origin,
}

/// Something the owner should know about one match or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWarning {
    /// The match or row it is about.
    pub origin: Origin,
    /// What happened and, where there is something to do, what to do.
    pub message: String,
    /// True when the match or row was NOT imported; false when it was, with a change.
    pub skipped: bool,
}

/// What a reader found in a file or folder.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Parsed {
    /// Templates to offer, in file order.
    pub candidates: Vec<Candidate>,
    /// Everything skipped or changed, in file order.
    pub warnings: Vec<ImportWarning>,
}

/// Longest slug [`slug`] makes: keys are typed in the command line and shown in lists, so a
/// whole sentence of a title is cut at a word boundary.
const SLUG_MAX: usize = 48;

/// A Fluent message key made from a label, trigger or title: ASCII lower-case letters, digits
/// and `-` (other scripts transliterated: `Café` → `cafe`, `谢谢` → `xie-xie`), every run of
/// other characters one `-`, no `-` at either end (`:thx` → `thx`, `;addr us` → `addr-us`).
/// A key must start with a letter, so a leading digit gets `r-` before it; nothing left gives
/// `reply`. At most 48 characters, cut after a whole word where there is one.
#[must_use]
pub fn slug(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if out.len() > SLUG_MAX {
        let cut = out[..=SLUG_MAX]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(SLUG_MAX);
        out.truncate(cut);
    }
    if out.is_empty() {
        "reply".to_owned()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r-{out}")
    } else {
        out
    }
}

/// `base` if `taken` says it is free, else the first free one of `base-2`, `base-3`, …
#[must_use]
pub fn unique_key(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !taken(k))
        .unwrap_or_else(|| base.to_owned())
}

/// A body (see [`crate::template`]) that renders `text` exactly as typed, line breaks included.
///
/// Plain text is not Fluent as it stands: `{` and `}` start and end placeables, FTL drops the
/// indentation of every line, and a line starting with `[`, `*` or `.` is read as a variant or
/// an attribute. So braces become `{"{"}` and `{"}"}`, a line's leading spaces a string literal
/// (`{"   "}`), and a `[`, `*` or `.` that starts a line (after its spaces) a literal too. Blank
/// lines inside are kept. Dropped: blank lines at the start and end, `\r`, and spaces and tabs
/// at the end of a line (invisible in a chat, and FTL drops them at the end of the text
/// anyway). Empty text gives an empty body, which [`crate::template::validate_body`] rejects.
#[must_use]
pub fn literal_body(text: &str) -> String {
    body_of(&[Piece::Text(text.to_owned())])
}

/// A stretch of a body being built: text to show as written, or Fluent source kept as it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// Literal text; escaped by [`body_of`].
    Text(String),
    /// A placeable (`{ $name }`), copied into the body unchanged.
    Code(String),
}

/// The body of `pieces`: literal stretches escaped as [`literal_body`] describes.
pub(crate) fn body_of(pieces: &[Piece]) -> String {
    // Cut into lines first: the escapes depend on where a line starts.
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                // A lone `\r` (old Mac line ends) is a line break too; never pasted as is.
                let t = t.replace("\r\n", "\n").replace('\r', "\n");
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Vec::new());
                    }
                    if let (false, Some(line)) = (part.is_empty(), lines.last_mut()) {
                        line.push(Piece::Text(part.to_owned()));
                    }
                }
            }
            Piece::Code(_) => {
                if let Some(line) = lines.last_mut() {
                    line.push(piece.clone());
                }
            }
        }
    }

    let blank = |line: &Vec<Piece>| {
        line.iter().all(|p| match p {
            Piece::Text(t) => t.trim_matches([' ', '\t']).is_empty(),
            Piece::Code(_) => false,
        })
    };
    let first = lines.iter().position(|l| !blank(l));
    let last = lines.iter().rposition(|l| !blank(l));
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };

    let mut out = String::new();
    for (n, line) in lines[first..=last].iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if blank(line) {
            continue;
        }
        let mut at_start = true;
        let count = line.len();
        for (i, piece) in line.iter().enumerate() {
            match piece {
                Piece::Code(c) => {
                    out.push_str(c);
                    at_start = false;
                }
                Piece::Text(t) => {
                    let mut rest = t.as_str();
                    if i + 1 == count {
                        rest = rest.trim_end_matches([' ', '\t']);
                    }
                    if at_start {
                        let trimmed = rest.trim_start_matches(' ');
                        let indent = &rest[..rest.len() - trimmed.len()];
                        if !indent.is_empty() {
                            out.push_str("{\"");
                            out.push_str(indent);
                            out.push_str("\"}");
                        }
                        rest = trimmed;
                        if let Some(c) =
                            rest.chars().next().filter(|c| matches!(c, '[' | '*' | '.'))
                        {
                            out.push_str("{\"");
                            out.push(c);
                            out.push_str("\"}");
                            rest = &rest[1..];
                        }
                        at_start = false;
                    }
                    for c in rest.chars() {
                        match c {
                            '{' => out.push_str("{\"{\"}"),
                            '}' => out.push_str("{\"}\"}"),
                            c => out.push(c),
                        }
                    }
                }
            }
        }
    }
    out
}

/// A Fluent variable name for `raw` (`[a-zA-Z][a-zA-Z0-9_-]*`): transliterated to ASCII,
/// other characters `_`, and `v_` in front when it does not start with a letter.
pub(crate) fn variable_name(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw.trim());
    let mut name: String = ascii
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "v_");
    }
    name
}

/// Why `body` cannot be the text of `key`, as `LINE:COLUMN: what` (positions inside the
/// text), or `None` when it validates.
pub(crate) fn body_problem(key: &str, body: &str) -> Option<String> {
    crate::template::validate_body(key, body)
        .err()
        .map(|errors| {
            errors
                .iter()
                .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })
}

/// Adds `tag` to `tags` unless it is empty or already there. Commas become spaces: the library
/// keeps tags as one comma-separated text.
pub(crate) fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag.replace(',', " ");
    let tag = tag.trim();
    if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
        tags.push(tag.to_owned());
    }
}
