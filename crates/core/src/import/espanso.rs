//! Espanso match files (<https://espanso.org/docs/matches/basics/>) as candidate templates.
//!
//! One match is one template:
//!
//! - key: [`slug`] of the `label`, else of the first trigger; title: the label, else the first
//!   trigger as written; the first trigger (`trigger:` or the first of `triggers:`) is the
//!   shortcut, further triggers and the `search_terms` are tags;
//! - text: `replace:`, else the `form:` shorthand, else `markdown:` (kept as written), else
//!   `html:` (tags removed, with a warning);
//! - category: the package name for a hub package (`package.yml`: the `name` in its
//!   `_manifest.yml`, else its folder), else the file's stem (`base`);
//! - `{{var}}` references are resolved by the variable's type (see [`read`]), form fields
//!   (`[[name]]`, `{{form1.name}}`) become Fluent variables, `$|$` is dropped, and everything
//!   else is literal text ([`super::literal_body`]).
//!
//! What cannot be a reply (images, regex triggers, shell commands, scripts) is skipped with a
//! warning naming the file and the `- trigger:` line.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::{
    Candidate, CandidateText, ImportWarning, Origin, Parsed, Piece, body_of, body_problem,
    push_tag, slug, unique_key, variable_name,
};
use crate::store::Status;
use crate::{Error, Result};

/// Deepest folder nesting searched; deeper is a symlink loop, not an Espanso folder.
const MAX_DEPTH: usize = 16;
/// Deepest chain of `echo` variables resolved inside each other (a loop stops here).
const MAX_NESTING: usize = 8;

/// Reads an Espanso match file, or every `*.yml` / `*.yaml` under a folder (an Espanso config
/// folder, its `match/` folder, a hub package), into candidates in `source_locale`, all
/// approved.
///
/// Folders are searched recursively in path order, leaving out `_manifest.yml`, anything in a
/// `config/` folder (Espanso's settings, not matches) and hidden folders (`.git`); files without
/// a top-level `matches:` are passed over silently. Variables (`vars:` of the match, and the
/// file's `global_vars:`) become:
///
/// - `clipboard` → `{ $clipboard }`;
/// - `date` → `{ DATETIME($today, dateStyle: "medium") }`, with a warning that the Espanso
///   format was dropped;
/// - `echo` → its text;
/// - `form` fields → `{ $field }`;
/// - `random`, `choice`, any other type, or a name no variable has → `{ $name }` for the staff
///   to fill in, with a warning;
/// - `shell`, `script` → the match is skipped: a reply cannot run a program. A match's own
///   shell or script variable skips it even when the text does not use it (Espanso runs it all
///   the same); a global one only when the text uses it.
///
/// # Errors
/// [`Error::BadLocale`] for a bad `source_locale`; [`Error::Io`] when the path cannot be read;
/// [`Error::Invalid`] when a folder holds no YAML file, or a file is not UTF-8 or not valid YAML
/// (naming the file, line and column). Everything else is a warning in the result.
pub fn read(path: &Path, source_locale: &str) -> Result<Parsed> {
    let locale = crate::locale::canonical(source_locale)?;
    let files = yaml_files(path)?;
    let mut parsed = Parsed::default();
    let mut keys = HashSet::new();
    for file in &files {
        let name = file.display().to_string();
        let bytes =
            crate::limits::read_file(file, crate::limits::MAX_TEXT_FILE_BYTES, "Espanso file")?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        // One broken file of a folder (a hub checkout, a config dir) must not stop the others:
        // it is reported and skipped. A single file asked for by name fails with the reason.
        let whole_file = |line: usize, column: usize, message: String| -> Result<ImportWarning> {
            if path.is_dir() {
                Ok(ImportWarning {
                    origin: Origin {
                        file: name.clone(),
                        line,
                    },
                    message: format!("column {column}: {message}"),
                    skipped: true,
                })
            } else {
                Err(Error::Invalid(format!("{name}:{line}:{column}: {message}")))
            }
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            parsed.warnings.push(whole_file(
                1,
                1,
                "the file is not UTF-8 text, as Espanso needs: save it as UTF-8 and import it again"
                    .into(),
            )?);
            continue;
        };
        let root = match load_yaml(text) {
            Ok(root) => root,
            Err((mark, info)) => {
                parsed.warnings.push(whole_file(
                    mark.line(),
                    mark.col() + 1,
                    format!(
                        "the file is not valid YAML ({info}): fix it in a text editor and import it again"
                    ),
                )?);
                continue;
            }
        };
        let Some(root) = root else { continue };
        let Some(matches) = root.get("matches") else {
            continue;
        };
        let category = category_of(file);
        let globals: Vec<VarDef> = root.get("global_vars").map(var_defs).unwrap_or_default();
        let items = match &matches.value {
            Value::Seq(items) => items.as_slice(),
            Value::Null => &[],
            _ => {
                parsed.warnings.push(ImportWarning {
                    origin: Origin {
                        file: name.clone(),
                        line: matches.line,
                    },
                    message:
                        "'matches:' is not a list of matches; nothing in this file was imported"
                            .into(),
                    skipped: true,
                });
                continue;
            }
        };
        for item in items {
            let origin = Origin {
                file: name.clone(),
                line: item.line,
            };
            let mut notes = Vec::new();
            match convert(item, &globals, &mut notes) {
                Ok(m) => {
                    let problem = if m.body.is_empty() {
                        Some("the text is empty".to_owned())
                    } else {
                        body_problem(&m.key, &m.body)
                            .map(|p| format!("the text cannot be made a reply ({p})"))
                    };
                    if let Some(problem) = problem {
                        parsed.warnings.push(ImportWarning {
                            origin,
                            message: format!("{}: {problem}; it was not imported", m.title),
                            skipped: true,
                        });
                        continue;
                    }
                    parsed
                        .warnings
                        .extend(notes.into_iter().map(|message| ImportWarning {
                            origin: origin.clone(),
                            message: format!("{}: {message}", m.title),
                            skipped: false,
                        }));
                    let key = unique_key(&m.key, |k| keys.contains(k));
                    keys.insert(key.clone());
                    parsed.candidates.push(Candidate {
                        key,
                        key_given: false,
                        title: m.title,
                        category: category.clone(),
                        tags: m.tags,
                        shortcut: m.shortcut,
                        examples: Vec::new(),
                        source_locale: locale.clone(),
                        texts: vec![CandidateText {
                            locale: locale.clone(),
                            body: m.body,
                            status: Status::Approved,
                        }],
                        origin,
                    });
                }
                Err(message) => parsed.warnings.push(ImportWarning {
                    origin,
                    message,
                    skipped: true,
                }),
            }
        }
    }
    Ok(parsed)
}

/// The YAML files to read under `path`, sorted; `path` itself when it is a file.
fn yaml_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    walk(path, 0, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no Espanso match files (*.yml) in this folder: choose the Espanso 'match' folder, the whole Espanso folder or a package folder",
            path.display()
        )));
    }
    Ok(files)
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Follows symlinks: Espanso folders are often linked in from a dotfiles repository.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if name != "config" && !name.starts_with('.') {
                walk(&path, depth + 1, files)?;
            }
        } else {
            let lower = name.to_ascii_lowercase();
            if (lower.ends_with(".yml") || lower.ends_with(".yaml")) && lower != "_manifest.yml" {
                files.push(path);
            }
        }
    }
    Ok(())
}

/// The category of the matches in `file`: a hub package's name, else the file's stem.
fn category_of(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != "package" {
        return stem;
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    let manifest = std::fs::read_to_string(dir.join("_manifest.yml")).ok();
    if let Some(name) = manifest
        .as_deref()
        .and_then(|text| load_yaml(text).ok().flatten())
        .and_then(|root| root.get("name").and_then(Node::text).map(str::to_owned))
        .filter(|n| !n.trim().is_empty())
    {
        return name.trim().to_owned();
    }
    // The hub keeps each version in its own folder: packages/NAME/0.1.0/package.yml.
    let mut folder = dir;
    let name_of = |p: &Path| {
        p.file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if name_of(folder).starts_with(|c: char| c.is_ascii_digit()) {
        folder = folder.parent().unwrap_or(folder);
    }
    let name = name_of(folder);
    if name.is_empty() { stem } else { name }
}

// ----- one match ------------------------------------------------------------------------------

/// A match converted, before validation and key de-duplication.
struct Match {
    key: String,
    title: String,
    shortcut: String,
    tags: Vec<String>,
    body: String,
}

/// An Espanso variable definition (`- name: x` / `type: y` / `params: …`).
struct VarDef {
    name: String,
    kind: String,
    params: Option<Node>,
}

fn var_defs(node: &Node) -> Vec<VarDef> {
    let Value::Seq(items) = &node.value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(VarDef {
                name: item.get("name")?.text()?.trim().to_owned(),
                kind: item
                    .get("type")
                    .and_then(Node::text)
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase(),
                params: item.get("params").cloned(),
            })
        })
        .collect()
}

/// One match as a template, with notes about what changed; `Err` says why it is skipped.
fn convert(item: &Node, globals: &[VarDef], notes: &mut Vec<String>) -> Result<Match, String> {
    if !matches!(item.value, Value::Map(_)) {
        return Err("this entry of 'matches:' is not a match (no 'trigger:' and 'replace:'); it was not imported".into());
    }
    let text_of = |key: &str| item.get(key).and_then(Node::text).map(str::to_owned);
    let mut triggers: Vec<String> = Vec::new();
    if let Some(t) = text_of("trigger") {
        triggers.push(t);
    }
    match item.get("triggers").map(|n| &n.value) {
        Some(Value::Seq(list)) => {
            triggers.extend(list.iter().filter_map(Node::text).map(str::to_owned));
        }
        // `triggers: {"a", "b"}` is a YAML set (keys without values): its keys are meant.
        Some(Value::Map(entries)) => triggers.extend(entries.iter().map(|(k, _)| k.clone())),
        Some(Value::Text(one)) => triggers.push(one.clone()),
        _ => {}
    }
    triggers.retain(|t| !t.is_empty());
    let label = text_of("label").filter(|l| !l.trim().is_empty());
    let name = label
        .clone()
        .or_else(|| triggers.first().cloned())
        .or_else(|| text_of("regex"))
        .unwrap_or_default();
    let named = |reason: &str| {
        if name.is_empty() {
            reason.to_owned()
        } else {
            format!("{name}: {reason}")
        }
    };

    if item.get("regex").is_some() {
        return Err(named(
            "regex trigger: QuickReply picks replies by shortcut or search, not by a pattern; it was not imported",
        ));
    }
    if triggers.is_empty() && label.is_none() {
        return Err(
            "a match with no trigger and no label: nothing to name the reply by; it was not imported"
                .into(),
        );
    }
    if item.get("image_path").is_some() {
        return Err(named(
            "image match: replies are text, so it was not imported",
        ));
    }
    let locals = item.get("vars").map(var_defs).unwrap_or_default();
    if let Some(var) = locals
        .iter()
        .find(|v| v.kind == "shell" || v.kind == "script")
    {
        return Err(named(&program_reason(var)));
    }

    let (text, form) = if let Some(t) = text_of("replace") {
        (t, false)
    } else if let Some(t) = text_of("form") {
        (t, true)
    } else if let Some(t) = text_of("markdown") {
        (t, false)
    } else if let Some(t) = text_of("html") {
        notes.push(
            "the HTML formatting was removed: replies are pasted as plain text; check the text reads well"
                .into(),
        );
        (strip_html(&t), false)
    } else {
        return Err(named(
            "no text: the match has no 'replace:', 'form:', 'markdown:' or 'html:'; it was not imported",
        ));
    };

    let mut resolver = Resolver {
        locals: &locals,
        globals,
        form,
        notes,
        noted: HashSet::new(),
    };
    let text = text.replace("$|$", "");
    let pieces = resolver.pieces(&text, 0).map_err(|r| named(&r))?;

    let mut tags = Vec::new();
    for t in triggers.iter().skip(1) {
        push_tag(&mut tags, t);
    }
    if let Some(Value::Seq(terms)) = item.get("search_terms").map(|n| &n.value) {
        for t in terms.iter().filter_map(Node::text) {
            push_tag(&mut tags, t);
        }
    }
    Ok(Match {
        key: slug(&name),
        title: name.trim().to_owned(),
        shortcut: triggers.first().cloned().unwrap_or_default(),
        tags,
        body: body_of(&pieces),
    })
}

fn program_reason(var: &VarDef) -> String {
    let what = if var.kind == "shell" {
        "shell command"
    } else {
        "script"
    };
    format!(
        "{what}: the match runs a program (Espanso variable '{}'), which a reply cannot do; it was not imported",
        var.name
    )
}

/// Turns a match's text into pieces, resolving `{{var}}` and `[[field]]`.
struct Resolver<'a> {
    locals: &'a [VarDef],
    globals: &'a [VarDef],
    /// The text is a `form:` shorthand, where `{{name}}` (Espanso before 2.0) is a field too.
    form: bool,
    notes: &'a mut Vec<String>,
    /// Variables already warned about: one note per variable, however often it is used.
    noted: HashSet<String>,
}

impl Resolver<'_> {
    fn pieces(&mut self, text: &str, depth: usize) -> Result<Vec<Piece>, String> {
        let mut out = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            let next = [rest.find("{{"), rest.find("[[")]
                .into_iter()
                .flatten()
                .min();
            let Some(at) = next else {
                literal.push_str(rest);
                break;
            };
            literal.push_str(&rest[..at]);
            let brace = rest[at..].starts_with("{{");
            let close = if brace { "}}" } else { "]]" };
            let inner_start = at + 2;
            let reference = rest[inner_start..].find(close).and_then(|len| {
                let inner = rest[inner_start..inner_start + len].trim();
                is_reference(inner, brace).then_some((inner, inner_start + len + 2))
            });
            let Some((inner, end)) = reference else {
                // Not a reference: the two characters are text.
                literal.push_str(&rest[at..inner_start]);
                rest = &rest[inner_start..];
                continue;
            };
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            if brace {
                out.extend(self.variable(inner, depth)?);
            } else {
                out.push(variable(inner));
            }
            rest = &rest[end..];
        }
        if !literal.is_empty() {
            out.push(Piece::Text(literal));
        }
        Ok(out)
    }

    /// The pieces `{{reference}}` stands for.
    fn variable(&mut self, reference: &str, depth: usize) -> Result<Vec<Piece>, String> {
        let (name, field) = match reference.split_once('.') {
            Some((n, f)) => (n, Some(f)),
            None => (reference, None),
        };
        let def = self
            .locals
            .iter()
            .chain(self.globals)
            .find(|v| v.name == name);
        let Some(def) = def else {
            if !(self.form && field.is_none()) {
                self.note(
                    reference,
                    format!(
                        "'{{{{{reference}}}}}' names no variable of the match; it became {{ ${} }}, for the staff to fill in",
                        variable_name(&reference.replace('.', "_"))
                    ),
                );
            }
            return Ok(vec![variable(&reference.replace('.', "_"))]);
        };
        let params = def.params.as_ref();
        let param = |key: &str| params.and_then(|p| p.get(key));
        Ok(match def.kind.as_str() {
            "clipboard" => vec![Piece::Code("{ $clipboard }".into())],
            "date" => {
                let format = param("format").and_then(Node::text).unwrap_or("");
                self.note(
                    reference,
                    format!(
                        "the date '{{{{{reference}}}}}' became today's date in the reply language's usual style ({{ $today }}); its Espanso format \"{format}\" was dropped"
                    ),
                );
                vec![Piece::Code(
                    "{ DATETIME($today, dateStyle: \"medium\") }".into(),
                )]
            }
            "echo" => {
                let echo = param("echo").and_then(Node::text).unwrap_or("");
                if depth >= MAX_NESTING {
                    vec![Piece::Text(echo.to_owned())]
                } else {
                    self.pieces(echo, depth + 1)?
                }
            }
            "form" => match field {
                Some(field) => vec![variable(field)],
                None => {
                    self.note(
                        reference,
                        format!(
                            "'{{{{{reference}}}}}' is a whole form, not one of its fields; it became {{ ${} }}, for the staff to fill in",
                            variable_name(name)
                        ),
                    );
                    vec![variable(name)]
                }
            },
            "random" | "choice" => {
                let options = param(if def.kind == "random" {
                    "choices"
                } else {
                    "values"
                })
                .map(options_of)
                .unwrap_or_default();
                let shown = if options.is_empty() {
                    String::new()
                } else {
                    format!(" (Espanso offered: {})", options.join(" / "))
                };
                let what = if def.kind == "random" {
                    "picked one of several texts at random"
                } else {
                    "asked to choose from a list"
                };
                self.note(
                    reference,
                    format!(
                        "'{{{{{reference}}}}}' {what}; it became {{ ${} }}, for the staff to fill in{shown}",
                        variable_name(name)
                    ),
                );
                vec![variable(name)]
            }
            "shell" | "script" => return Err(program_reason(def)),
            other => {
                let what = match param("trigger").and_then(Node::text) {
                    Some(trigger) if other == "match" => {
                        format!("inserts the text of another match ('{trigger}')")
                    }
                    _ => format!("is an Espanso '{other}' variable, which QuickReply cannot fill"),
                };
                self.note(
                    reference,
                    format!(
                        "'{{{{{reference}}}}}' {what}; it became {{ ${} }}, for the staff to fill in",
                        variable_name(name)
                    ),
                );
                vec![variable(name)]
            }
        })
    }

    fn note(&mut self, reference: &str, message: String) {
        if self.noted.insert(reference.to_owned()) {
            self.notes.push(message);
        }
    }
}

/// `{ $name }` for an Espanso variable or form field.
fn variable(name: &str) -> Piece {
    Piece::Code(format!("{{ ${} }}", variable_name(name)))
}

/// Whether the inside of `{{…}}` (`brace`) or `[[…]]` is a reference Espanso would resolve:
/// a word, or for `{{…}}` also `form.field`.
fn is_reference(inner: &str, brace: bool) -> bool {
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    match inner.split_once('.') {
        Some((a, b)) => brace && word(a) && word(b),
        None => word(inner),
    }
}

/// The options of a `random` or `choice` variable, as text (a `choice` value may be
/// `{label, id}`).
fn options_of(node: &Node) -> Vec<String> {
    let Value::Seq(items) = &node.value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| i.text().or_else(|| i.get("label").and_then(Node::text)))
        .map(|s| {
            let one_line = s.lines().next().unwrap_or("");
            let short: String = one_line.chars().take(40).collect();
            if short.len() < s.len() {
                format!("{short}…")
            } else {
                short
            }
        })
        .take(5)
        .collect()
}

/// Plain text of an HTML snippet: tags removed, line breaks where blocks end, the common
/// entities decoded.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim()
            .trim_end_matches('/')
            .to_ascii_lowercase();
        let name = tag.split_whitespace().next().unwrap_or("");
        if matches!(
            name,
            "br" | "/p" | "/div" | "/li" | "/tr" | "/h1" | "/h2" | "/h3" | "/h4" | "/h5" | "/h6"
        ) {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&n| n <= 10).and_then(|n| {
            let entity = &after[..n];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, n))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &after[n + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// ----- YAML with line numbers -----------------------------------------------------------------

/// A YAML node and the 1-based line it starts on.
#[derive(Debug, Clone)]
struct Node {
    line: usize,
    value: Value,
}

#[derive(Debug, Clone)]
enum Value {
    Null,
    /// Any scalar but null, as written (numbers and booleans too: Espanso reads them as text).
    Text(String),
    Seq(Vec<Node>),
    /// Entries in file order; keys as text.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of `key` in a mapping (the last one, as YAML loaders keep).
    fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// The first document of `text`, `None` when it is empty.
///
/// yaml-rust2's own loader keeps no positions, so the tree is built from its marked events;
/// aliases are resolved to copies of their anchors and `<<` merge keys merged, as Espanso's
/// loader does (hub packages share `vars` that way).
fn load_yaml(text: &str) -> Result<Option<Node>, (Marker, String)> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut builder, false)
        .map_err(|e| (*e.marker(), e.info().to_owned()))?;
    Ok(builder.root)
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
}

/// A sequence or mapping whose end has not come yet.
struct Frame {
    line: usize,
    anchor: usize,
    open: Open,
}

enum Open {
    Seq(Vec<Node>),
    /// The entries so far, and the key waiting for its value.
    Map(Vec<(String, Node)>, Option<String>),
}

impl Builder {
    fn add(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(top) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut top.open {
            Open::Seq(items) => items.push(node),
            Open::Map(entries, waiting) => match waiting.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    *waiting = Some(match node.value {
                        Value::Text(s) => s,
                        _ => String::new(),
                    });
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let null = style == TScalarStyle::Plain
                    && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
                let value = if null { Value::Null } else { Value::Text(text) };
                self.add(
                    Node {
                        line: mark.line(),
                        value,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let open = if matches!(event, Event::MappingStart(..)) {
                    Open::Map(Vec::new(), None)
                } else {
                    Open::Seq(Vec::new())
                };
                self.stack.push(Frame {
                    line: mark.line(),
                    anchor,
                    open,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let value = match frame.open {
                    Open::Map(entries, _) => Value::Map(merge_keys(entries)),
                    Open::Seq(items) => Value::Seq(items),
                };
                self.add(
                    Node {
                        line: frame.line,
                        value,
                    },
                    frame.anchor,
                );
            }
            Event::Alias(anchor) => {
                let node = self.anchors.get(&anchor).cloned().unwrap_or(Node {
                    line: mark.line(),
                    value: Value::Null,
                });
                self.add(node, 0);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

/// Entries with `<<: *anchor` (or a list of anchors) merged in: keys the mapping has itself win.
fn merge_keys(entries: Vec<(String, Node)>) -> Vec<(String, Node)> {
    if !entries.iter().any(|(k, _)| k == "<<") {
        return entries;
    }
    let mut own = Vec::new();
    let mut merged = Vec::new();
    for (key, node) in entries {
        if key != "<<" {
            own.push((key, node));
            continue;
        }
        let sources = match node.value {
            Value::Seq(items) => items,
            other => vec![Node {
                line: node.line,
                value: other,
            }],
        };
        for source in sources {
            if let Value::Map(more) = source.value {
                merged.extend(more);
            }
        }
    }
    for (key, node) in merged {
        if !own.iter().any(|(k, _)| *k == key) {
            own.push((key, node));
        }
    }
    own
}
