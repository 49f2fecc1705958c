//! Bringing replies an owner already has into the library — a pack folder, an Espanso match
//! file or folder, a spreadsheet of replies — with a preview and a per-template choice when a
//! key is taken (keep both, replace, skip) before anything is written; and exporting the
//! library as a pack or a spreadsheet.
//!
//! The import dialog and the command line go through the same two calls: [`preview`] reads and
//! checks everything and writes nothing; [`apply`] writes the chosen templates in one
//! transaction. The command line applies the default choices.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Library, identity};
use crate::import::{self, Candidate, Parsed};
use crate::pack::{self, ImportOptions, Pack};
use crate::store::library::{self as lib_store, write as lib_write};
use crate::store::templates::write;
use crate::store::{Status, TemplateMeta, source_hash};
use crate::template;
use crate::{Error, Result, locale};

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// A pack folder of `LOCALE.ftl` files.
    Pack,
    /// An Espanso match file (`match/*.yml`) or a folder of them (a hub package).
    Espanso,
    /// A CSV/TSV or XLSX spreadsheet of replies.
    Sheet,
}

/// An import as the dialog or the command line asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct ImportRequest {
    /// What kind of file.
    pub kind: ImportKind,
    /// The file or folder.
    pub path: String,
    /// The language templates are written in first (pack: default pack.toml's or en;
    /// spreadsheet: default the first row's; Espanso: default en).
    pub source_locale: Option<String>,
    /// The status of imported translations (default approved).
    pub status: Option<Status>,
}

/// What to do with a template whose key the library already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Import it under a free key (`thx-2`), keeping the library's.
    KeepBoth,
    /// Overwrite the library's template (its translations turn stale if the text changed).
    Replace,
    /// Do not import it.
    Skip,
}

/// Something imported differently from how it was written, or not imported, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportWarning {
    /// The file.
    pub file: String,
    /// The line (1-based; 0 when it concerns the whole file).
    pub line: usize,
    /// What happened and why.
    pub message: String,
    /// True when the item was not imported.
    pub skipped: bool,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.skipped { "skipped: " } else { "" };
        if self.line > 0 {
            write!(f, "{}:{}: {what}{}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {what}{}", self.file, self.message)
        }
    }
}

/// One template the import would write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportItem {
    /// Its key in the file (the choices are given by this key).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Its languages.
    pub locales: Vec<String>,
    /// Its source text.
    pub text: String,
    /// The title of the library's template with the same key, when there is one.
    pub conflict: Option<String>,
    /// The choice made when none is given.
    pub default_choice: Choice,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportPreview {
    /// Every template it would write.
    pub items: Vec<ImportItem>,
    /// What is imported differently or skipped.
    pub warnings: Vec<ImportWarning>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportOutcome {
    /// Templates new to the library.
    pub added: usize,
    /// Library templates overwritten.
    pub replaced: usize,
    /// Templates not imported (chosen to skip, or bad).
    pub skipped: usize,
    /// The keys written, in file order.
    pub keys: Vec<String>,
    /// What is imported differently or skipped, and why.
    pub warnings: Vec<ImportWarning>,
}

fn warning(w: import::ImportWarning) -> ImportWarning {
    ImportWarning {
        file: w.origin.file,
        line: w.origin.line,
        message: w.message,
        skipped: w.skipped,
    }
}

/// A file read into templates, before choices.
enum Source {
    Pack(Pack, String),
    Candidates(Parsed),
}

fn read(request: &ImportRequest) -> Result<Source> {
    let path = PathBuf::from(request.path.trim());
    if request.path.trim().is_empty() {
        return Err(Error::Invalid("choose a file or folder to import".into()));
    }
    if !path.exists() {
        return Err(Error::io(
            &path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
        ));
    }
    let status = match request.status {
        None => Status::Approved,
        Some(s @ (Status::Approved | Status::NeedsReview)) => s,
        Some(s) => {
            return Err(Error::Invalid(format!(
                "imported translations can be approved or needs-review, not {s}"
            )));
        }
    };
    let source = request
        .source_locale
        .as_deref()
        .map(locale::canonical)
        .transpose()?;
    Ok(match request.kind {
        ImportKind::Pack => {
            let pack = Pack::read_dir(&path)?;
            let source = pack.source_locale(source.as_deref())?;
            Source::Pack(pack, source)
        }
        ImportKind::Espanso => Source::Candidates(import::espanso::read(
            &path,
            source
                .as_deref()
                .unwrap_or(super::editing::DEFAULT_SOURCE_LOCALE),
        )?),
        ImportKind::Sheet => {
            Source::Candidates(import::sheet::read(&path, source.as_deref(), status)?)
        }
    })
}

/// Reads and checks an import and tells what it would write; writes nothing.
///
/// # Errors
/// The file cannot be read at all (not found, not YAML, no `text` column, a pack with a
/// syntax error…).
pub fn preview(library: &Library, request: &ImportRequest) -> Result<ImportPreview> {
    let source = read(request)?;
    let store = library.store();
    let existing: HashMap<String, String> = store
        .templates()?
        .into_iter()
        .map(|t| (t.key, t.title))
        .collect();
    drop(store);
    Ok(match source {
        Source::Pack(pack, source_locale) => {
            // Each file is parsed once: which translation files carry which keys. A translation
            // that does not parse carries none here (the import itself reports its errors).
            let translated: Vec<(&str, HashSet<String>)> = pack
                .files
                .iter()
                .filter(|f| f.locale != source_locale)
                .map(|f| {
                    let keys = template::parse_file(&f.name, &f.text)
                        .map(|p| p.messages.into_iter().map(|m| m.key).collect())
                        .unwrap_or_default();
                    (f.locale.as_str(), keys)
                })
                .collect();
            let mut items = Vec::new();
            for file in &pack.files {
                if file.locale != source_locale {
                    continue;
                }
                let parsed = template::parse_file(&file.name, &file.text).map_err(Error::Ftl)?;
                for m in parsed.messages {
                    let title = m
                        .attributes
                        .iter()
                        .find(|(n, _)| n == "title")
                        .map(|(_, v)| v.trim().to_string())
                        .unwrap_or_default();
                    // In file order (the files are sorted by locale), the source among them.
                    let locales = pack
                        .files
                        .iter()
                        .filter(|f| {
                            f.locale == source_locale
                                || translated
                                    .iter()
                                    .any(|(l, keys)| *l == f.locale && keys.contains(&m.key))
                        })
                        .map(|f| f.locale.clone())
                        .collect();
                    items.push(ImportItem {
                        conflict: existing.get(&m.key).cloned(),
                        default_choice: Choice::Replace,
                        key: m.key,
                        title,
                        locales,
                        text: m.body,
                    });
                }
            }
            ImportPreview {
                items,
                warnings: Vec::new(),
            }
        }
        Source::Candidates(parsed) => {
            let (items, warnings) = plan_candidates(&parsed, &existing);
            ImportPreview { items, warnings }
        }
    })
}

/// The default choice for a candidate whose key is taken: a key the file names means "this
/// template" (replace it); a key made from a label or trigger is only a name (keep both).
fn default_choice(c: &Candidate) -> Choice {
    if c.key_given {
        Choice::Replace
    } else {
        Choice::KeepBoth
    }
}

fn plan_candidates(
    parsed: &Parsed,
    existing: &HashMap<String, String>,
) -> (Vec<ImportItem>, Vec<ImportWarning>) {
    let items = parsed
        .candidates
        .iter()
        .map(|c| ImportItem {
            key: c.key.clone(),
            title: c.title.clone(),
            locales: c.texts.iter().map(|t| t.locale.clone()).collect(),
            text: c
                .texts
                .iter()
                .find(|t| t.locale == c.source_locale)
                .or(c.texts.first())
                .map(|t| t.body.clone())
                .unwrap_or_default(),
            conflict: existing.get(&c.key).cloned(),
            default_choice: if existing.contains_key(&c.key) {
                default_choice(c)
            } else {
                Choice::KeepBoth
            },
        })
        .collect();
    let warnings = parsed.warnings.iter().cloned().map(warning).collect();
    (items, warnings)
}

/// Imports: every template with its chosen (or default) choice, in one transaction.
///
/// # Errors
/// The file cannot be read at all; a pack with a syntax error; database failure. Bad
/// templates of an Espanso file or bad rows of a spreadsheet are warnings, not errors.
pub fn apply(
    library: &Library,
    request: &ImportRequest,
    choices: &HashMap<String, Choice>,
) -> Result<ImportOutcome> {
    // A backup first when the owner chose to replace more than one template.
    let replacing = choices.values().filter(|c| **c == Choice::Replace).count();
    super::backups::before_replacing(library, replacing)?;
    let outcome = match read(request)? {
        Source::Pack(pack, source_locale) => {
            apply_pack(library, &pack, &source_locale, request, choices)?
        }
        Source::Candidates(parsed) => apply_candidates(library, parsed, choices)?,
    };
    library.changed();
    Ok(outcome)
}

fn apply_pack(
    library: &Library,
    pack: &Pack,
    source_locale: &str,
    request: &ImportRequest,
    choices: &HashMap<String, Choice>,
) -> Result<ImportOutcome> {
    let mut store = library.store();
    let mut taken: HashSet<String> = store.templates()?.into_iter().map(|t| t.key).collect();
    let existing = taken.clone();
    let source = pack
        .files
        .iter()
        .find(|f| f.locale == source_locale)
        .map(|f| template::parse_file(&f.name, &f.text).map_err(Error::Ftl))
        .transpose()?
        .unwrap_or_default();
    let mut keys: HashMap<String, String> = HashMap::new();
    let (mut added, mut replaced, mut skipped) = (0, 0, 0);
    let mut written = Vec::new();
    for m in &source.messages {
        let choice = if existing.contains(&m.key) {
            choices.get(&m.key).copied().unwrap_or(Choice::Replace)
        } else if choices.get(&m.key) == Some(&Choice::Skip) {
            Choice::Skip
        } else {
            Choice::KeepBoth
        };
        let key = match choice {
            Choice::Skip => {
                skipped += 1;
                continue;
            }
            Choice::Replace => {
                replaced += 1;
                m.key.clone()
            }
            Choice::KeepBoth => {
                added += 1;
                import::unique_key(&m.key, |k| taken.contains(k))
            }
        };
        taken.insert(key.clone());
        written.push(key.clone());
        keys.insert(m.key.clone(), key);
    }
    let selected = pack.select(|k| keys.get(k).cloned())?;
    let report = pack::import(
        &mut store,
        &selected,
        &ImportOptions {
            source: Some(source_locale.to_string()),
            status: request.status,
        },
    )?;
    Ok(ImportOutcome {
        added,
        replaced,
        skipped,
        keys: written,
        warnings: report
            .warnings
            .into_iter()
            .map(|message| ImportWarning {
                file: request.path.clone(),
                line: 0,
                message,
                skipped: false,
            })
            .collect(),
    })
}

fn apply_candidates(
    library: &Library,
    parsed: Parsed,
    choices: &HashMap<String, Choice>,
) -> Result<ImportOutcome> {
    let mut warnings: Vec<ImportWarning> = parsed.warnings.into_iter().map(warning).collect();
    let mut store = library.store();
    let templates = store.templates()?;
    let mut taken: HashSet<String> = templates.iter().map(|t| t.key.clone()).collect();
    let existing: HashMap<String, (String, String)> = templates
        .iter()
        .map(|t| (t.key.clone(), (t.source_locale.clone(), t.shortcut.clone())))
        .collect();
    let mut shortcuts: HashMap<String, String> = templates
        .iter()
        .filter(|t| !t.shortcut.is_empty())
        .map(|t| (t.shortcut.clone(), t.key.clone()))
        .collect();
    let author = identity::login_name();
    let tx = lib_store::begin(&mut store)?;
    let before = lib_write::last_history_id(&tx)?;
    let mut outcome = ImportOutcome {
        added: 0,
        replaced: 0,
        skipped: 0,
        keys: Vec::new(),
        warnings: Vec::new(),
    };
    let mut signed = Vec::new();
    // The keys this import wrote, to tell a repeated key in the file from a new one.
    let mut written: HashSet<String> = HashSet::new();
    for c in parsed.candidates {
        let skip = |warnings: &mut Vec<ImportWarning>, message: String| {
            warnings.push(ImportWarning {
                file: c.origin.file.clone(),
                line: c.origin.line,
                message,
                skipped: true,
            });
        };
        // Every text must parse; one bad text leaves the whole template out.
        let mut bad = None;
        for t in &c.texts {
            if let Err(errors) = template::validate_body(&c.key, &t.body) {
                bad = Some(format!(
                    "'{}' ({}): {}",
                    c.key,
                    t.locale,
                    errors
                        .iter()
                        .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
                break;
            }
        }
        if let Some(message) = bad {
            skip(&mut warnings, message);
            outcome.skipped += 1;
            continue;
        }
        let source_text = c.texts.iter().find(|t| t.locale == c.source_locale);
        let in_library = existing.get(&c.key);
        let choice = if in_library.is_some() || written.contains(&c.key) {
            choices
                .get(&c.key)
                .copied()
                .unwrap_or_else(|| default_choice(&c))
        } else if choices.get(&c.key) == Some(&Choice::Skip) {
            Choice::Skip
        } else {
            Choice::KeepBoth
        };
        if choice == Choice::Skip {
            outcome.skipped += 1;
            continue;
        }
        // A spreadsheet's translation rows for a template defined elsewhere.
        let Some(source_text) = source_text else {
            match in_library {
                Some((library_source, _)) if choice != Choice::KeepBoth || c.key_given => {
                    let Some(id) = write::template_id(&tx, &c.key)? else {
                        continue;
                    };
                    let source_body = write::variant_full(&tx, id, library_source)?
                        .map(|v| v.0)
                        .unwrap_or_default();
                    for t in &c.texts {
                        if t.locale == *library_source {
                            continue;
                        }
                        write::put_variant(
                            &tx,
                            id,
                            &t.locale,
                            &t.body,
                            None,
                            t.status,
                            &source_hash(&source_body),
                        )?;
                    }
                    outcome.replaced += 1;
                    written.insert(c.key.clone());
                    outcome.keys.push(c.key.clone());
                    signed.push(c.key.clone());
                }
                _ => {
                    skip(
                        &mut warnings,
                        format!(
                            "'{}' has no {} text in the file and no such template is in the library; add its {} row",
                            c.key, c.source_locale, c.source_locale
                        ),
                    );
                    outcome.skipped += 1;
                }
            }
            continue;
        };
        let key = match choice {
            Choice::Replace if in_library.is_some() => {
                outcome.replaced += 1;
                c.key.clone()
            }
            _ => {
                outcome.added += 1;
                import::unique_key(&c.key, |k| taken.contains(k))
            }
        };
        taken.insert(key.clone());
        let mut shortcut = c.shortcut.trim().to_string();
        if let Some(owner) = shortcuts.get(&shortcut).filter(|o| **o != key)
            && !shortcut.is_empty()
        {
            warnings.push(ImportWarning {
                file: c.origin.file.clone(),
                line: c.origin.line,
                message: format!(
                    "'{key}': the shortcut '{shortcut}' is already used by '{owner}', so it was left out"
                ),
                skipped: false,
            });
            shortcut.clear();
        }
        if !shortcut.is_empty() {
            shortcuts.insert(shortcut.clone(), key.clone());
        }
        let tags = super::editing::split_tags(&c.tags.join(",")).join(",");
        let (id, _) = write::upsert_template(
            &tx,
            &TemplateMeta {
                key: &key,
                title: &c.title,
                category: &c.category,
                tags: &tags,
                shortcut: &shortcut,
                source_locale: &c.source_locale,
            },
        )?;
        if !c.examples.is_empty() {
            lib_write::set_examples(&tx, id, &c.examples.join("\n"))?;
        }
        let hash = source_hash(&source_text.body);
        let old = write::variant_full(&tx, id, &c.source_locale)?;
        if old.map(|v| v.0).as_deref() != Some(source_text.body.as_str()) {
            write::put_variant(
                &tx,
                id,
                &c.source_locale,
                &source_text.body,
                None,
                Status::Approved,
                &hash,
            )?;
            write::stale_translations(&tx, id, &c.source_locale, &source_text.body)?;
        }
        for t in &c.texts {
            if t.locale == c.source_locale {
                continue;
            }
            write::put_variant(&tx, id, &t.locale, &t.body, None, t.status, &hash)?;
        }
        written.insert(key.clone());
        outcome.keys.push(key.clone());
        signed.push(key);
    }
    for key in &signed {
        lib_write::sign_history(&tx, key, before, author.as_deref())?;
    }
    tx.commit()?;
    outcome.warnings = warnings;
    Ok(outcome)
}

/// Imports with the default choices (the command line): a taken key gets `-2` for Espanso
/// and titles, a spreadsheet's own key replaces the library's template.
///
/// # Errors
/// As [`apply`]; [`Error::Invalid`] listing every reason when nothing could be imported.
pub fn import_defaults(library: &Library, request: &ImportRequest) -> Result<ImportOutcome> {
    let outcome = apply(library, request, &HashMap::new())?;
    if outcome.keys.is_empty() {
        let reasons: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
        return Err(Error::Invalid(if reasons.is_empty() {
            format!("{}: nothing to import (no replies found)", request.path)
        } else {
            format!(
                "{}: nothing was imported:\n{}",
                request.path,
                reasons.join("\n")
            )
        }));
    }
    Ok(outcome)
}

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// A pack folder.
    Pack,
    /// A CSV spreadsheet (`key,title,category,tags,shortcut,locale,status,text,examples`),
    /// which imports back with `import csv`.
    Csv,
}

/// The columns of an exported spreadsheet; the first seven are what `import csv` reads.
pub const CSV_COLUMNS: [&str; 9] = [
    "key", "title", "category", "tags", "shortcut", "locale", "text", "status", "examples",
];

/// Exports the library; returns a one-line summary.
///
/// # Errors
/// The file or folder cannot be written; database failure.
pub fn export(library: &Library, kind: ExportKind, path: &Path) -> Result<String> {
    match kind {
        ExportKind::Pack => {
            let report = super::packs::export(library, path)?;
            Ok(format!(
                "{} templates in {} language files → {}",
                report.templates,
                report.files.len(),
                path.display()
            ))
        }
        ExportKind::Csv => export_csv(library, path),
    }
}

fn export_csv(library: &Library, path: &Path) -> Result<String> {
    let store = library.store();
    let templates = store.templates()?;
    let variants = store.all_variants()?;
    drop(store);
    let mut by_template: HashMap<i64, Vec<crate::store::Variant>> = HashMap::new();
    for (id, v) in variants {
        by_template.entry(id).or_default().push(v);
    }
    // Written next to the target and renamed over it, so a failed export leaves no half file.
    let tmp = path.with_extension("csv.part");
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let io = |e: csv::Error| Error::Invalid(format!("{}: {e}", path.display()));
    w.write_record(CSV_COLUMNS).map_err(io)?;
    let mut rows = 0;
    for t in &templates {
        let mut vs = by_template.remove(&t.id).unwrap_or_default();
        vs.sort_by_key(|v| (v.locale != t.source_locale, v.locale.clone()));
        for v in vs {
            let source = v.locale == t.source_locale;
            let field = |s: &str| if source { s.to_string() } else { String::new() };
            w.write_record([
                t.key.as_str(),
                v.title
                    .as_deref()
                    .unwrap_or(if source { &t.title } else { "" }),
                &field(&t.category),
                &field(&t.tags),
                &field(&t.shortcut),
                &v.locale,
                &v.body,
                v.status.as_str(),
                &field(&t.examples),
            ])
            .map_err(io)?;
            rows += 1;
        }
    }
    w.flush().map_err(|e| Error::io(&tmp, e))?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    Ok(format!(
        "{} templates, {rows} texts → {}",
        templates.len(),
        path.display()
    ))
}
