//! Template packs: a folder of `LOCALE.ftl` files plus an optional `pack.toml`, the form in which
//! template libraries travel (Pontoon and Weblate can translate a pack as it is).
//!
//! The source locale's file defines the templates and carries their metadata as attributes
//! (`.title .category .tags .shortcut`); the other files are translations, with an optional
//! localized `.title`. `pack.toml` names the source locale and lists variants that are not
//! approved:
//!
//! ```toml
//! source = "en"
//! [status.ms]
//! needs_review = ["customs-duties"]
//! ```
//!
//! Exports (and the team library's repository) also carry a review record per translation,
//! which binds a verdict to the text it was given on: an `approved` record whose `hash` is not
//! the text's hash imports as `needs_review`, and a record whose `source` hash is not the
//! current source text's imports as `stale`. A `[team]` section names the team's owners and
//! reviewers; `pack import` ignores it.
//!
//! ```toml
//! [review.ms.customs-duties]
//! status = "approved"
//! by = "siti"
//! at = "2026-11-30T10:00:00.000Z"
//! hash = "5f0c8e0d1a2b3c4d"     # of the reviewed text
//! source = "a1b2c3d4e5f60718"   # of the source text it was translated from
//!
//! [team]
//! owners = ["alice"]
//! reviewers = ["siti"]
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::FtlError;
use crate::store::templates::write;
use crate::store::{Status, Store, TemplateMeta, source_hash};
use crate::template::{self, ParsedFile};
use crate::{Error, Result, locale};

/// Attributes that are template metadata rather than text.
pub const METADATA_ATTRIBUTES: [&str; 5] = ["title", "category", "tags", "shortcut", "examples"];

/// A template's example questions as an FTL attribute value: one question per line, with the
/// characters Fluent would read as syntax written as string literals.
#[must_use]
pub fn examples_to_ftl(examples: &str) -> String {
    examples
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for (i, c) in line.chars().enumerate() {
                match c {
                    '{' | '}' => out.push_str(&format!("{{\"{c}\"}}")),
                    '[' | '*' | '.' if i == 0 => out.push_str(&format!("{{\"{c}\"}}")),
                    _ => out.push(c),
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The example questions of an `.examples` attribute: one per line, string-literal placeables
/// (`{"{"}`) read back as their text.
#[must_use]
pub fn examples_from_ftl(value: &str) -> Vec<String> {
    value
        .lines()
        .map(|line| unescape_literals(line).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `{ "x" }` placeables read back as `x`; anything else is kept as written.
fn unescape_literals(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = rest[start + 1..].trim_start();
        let literal = after.strip_prefix('"').and_then(|inner| {
            let end = inner.find('"')?;
            let tail = inner[end + 1..].trim_start().strip_prefix('}')?;
            Some((&inner[..end], tail))
        });
        match literal {
            Some((text, tail)) => {
                out.push_str(text);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const MANIFEST: &str = "pack.toml";
const DEFAULT_SOURCE: &str = "en";

/// One `LOCALE.ftl` file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Canonical BCP-47 tag taken from the file name (`zh-CN` for `zh-CN.ftl`).
    pub locale: String,
    /// Shown in error messages (`DIR/ar.ftl`).
    pub name: String,
    /// The file's FTL source, without a UTF-8 byte-order mark.
    pub text: String,
}

/// `pack.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Locale whose file defines the templates (`en`, the default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Human-readable name of the pack (`QuickReply library export`); informational only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// locale → status name (`needs_review`, `machine`, `stale`, `rejected`) → keys.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub status: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// locale → key → the review record of that translation; wins over `status` lists.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub review: BTreeMap<String, BTreeMap<String, Review>>,
    /// The team's roles (team library only; `pack import` ignores them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamRoles>,
}

/// The review record of one translation in `pack.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Its status.
    pub status: Status,
    /// Who gave the verdict, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, UTC `YYYY-MM-DDTHH:MM:SS.sssZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// [`source_hash`] of the text the verdict was given on.
    pub hash: String,
    /// [`source_hash`] of the source text the translation was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `[team]` of `pack.toml`: who may edit (owners) and approve (reviewers). Without it everyone
/// may do everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRoles {
    /// Staff names that may edit templates (and approve).
    #[serde(default)]
    pub owners: Vec<String>,
    /// Staff names that may approve translations.
    #[serde(default)]
    pub reviewers: Vec<String>,
}

/// A pack read into memory, not yet validated.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Its `LOCALE.ftl` files, sorted by locale.
    pub files: Vec<PackFile>,
    /// Its `pack.toml`, or the default (source `en`, everything approved) when it has none.
    pub manifest: Manifest,
}

/// Options of `pack import`.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Source locale; overrides `pack.toml`.
    pub source: Option<String>,
    /// Status of imported translations that `pack.toml` does not list (default approved).
    pub status: Option<Status>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// The locale whose file defined the templates (BCP-47).
    pub source_locale: String,
    /// Every locale the pack has a file for, source included.
    pub locales: Vec<String>,
    /// Templates new to the library.
    pub templates_added: usize,
    /// Templates already in the library whose source text changed.
    pub templates_updated: usize,
    /// Texts written, source and translations; unchanged ones are not counted.
    pub variants_written: usize,
    /// Translations already in the library turned `stale` because their source text changed.
    pub variants_staled: usize,
    /// Fluent terms (`-shop-name = …`) written, over all locales.
    pub terms: usize,
    /// Things imported differently from how they were written, or skipped, and why.
    pub warnings: Vec<String>,
}

/// A pack of `(locale, FTL text)` files with the default manifest, for tests.
#[cfg(test)]
pub(crate) fn test_pack(files: &[(&str, &str)]) -> Pack {
    Pack {
        files: files
            .iter()
            .map(|(locale, text)| PackFile {
                locale: (*locale).to_string(),
                name: format!("{locale}.ftl"),
                text: (*text).to_string(),
            })
            .collect(),
        manifest: Manifest::default(),
    }
}

impl Pack {
    /// Reads every `*.ftl` file of `dir` (not recursive) and its `pack.toml`, if any.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder or a file cannot be read, [`Error::Invalid`] when a file
    /// name is not a locale or `pack.toml` is malformed, or when there is no `.ftl` file.
    pub fn read_dir(dir: &Path) -> Result<Self> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut files = Vec::new();
        let mut manifest = Manifest::default();
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if file_name == MANIFEST {
                let text = read_text(&path)?;
                manifest = parse_manifest(&path.display().to_string(), &text)?;
            } else if let Some(stem) = file_name.strip_suffix(".ftl") {
                let locale = locale::canonical(stem).map_err(|_| {
                    Error::Invalid(format!(
                        "{}: a pack file must be named after its locale (e.g. en.ftl, zh-CN.ftl), not '{file_name}'",
                        path.display()
                    ))
                })?;
                files.push(PackFile {
                    locale,
                    name: path.display().to_string(),
                    text: read_text(&path)?,
                });
            }
        }
        if files.is_empty() {
            return Err(Error::Invalid(format!(
                "{}: no LOCALE.ftl files found; a pack is a folder such as en.ftl, ar.ftl, ru.ftl",
                dir.display()
            )));
        }
        files.sort_by(|a, b| a.locale.cmp(&b.locale));
        Ok(Self { files, manifest })
    }

    /// The starter library shipped inside the binary (`packs/starter` in the repository).
    #[must_use]
    pub fn starter() -> Self {
        let files = STARTER_FILES
            .iter()
            .map(|(locale, text)| PackFile {
                locale: (*locale).to_string(),
                name: format!("starter/{locale}.ftl"),
                text: (*text).to_string(),
            })
            .collect();
        // The manifest is checked by a test, so a broken one cannot ship.
        let manifest = parse_manifest("starter/pack.toml", STARTER_MANIFEST).unwrap_or_default();
        Self { files, manifest }
    }
}

impl Pack {
    /// The pack with some templates left out or renamed: `choose(key)` gives the key a
    /// template gets (`None`: left out). Terms and everything else stay. Used by the import
    /// dialog's per-template choices, so a pack still goes through [`import`] as a whole.
    ///
    /// # Errors
    /// [`Error::Ftl`] when a file does not parse.
    pub fn select(&self, choose: impl Fn(&str) -> Option<String>) -> Result<Pack> {
        let mut files = Vec::new();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for file in &self.files {
            let parsed = template::parse_file(&file.name, &file.text).map_err(Error::Ftl)?;
            let mut text = String::new();
            for term in &parsed.terms {
                text.push_str(&term.source);
            }
            for message in &parsed.messages {
                if let Some(key) = choose(&message.key) {
                    if key != message.key && !renamed.iter().any(|(k, _)| *k == message.key) {
                        renamed.push((message.key.clone(), key.clone()));
                    }
                    text.push_str(&template::message_source(
                        &key,
                        &message.body,
                        &message.attributes,
                    ));
                }
            }
            files.push(PackFile {
                text,
                ..file.clone()
            });
        }
        let mut manifest = self.manifest.clone();
        for by_status in manifest.status.values_mut() {
            for keys in by_status.values_mut() {
                let mut out: Vec<String> = keys.iter().filter_map(|k| choose(k)).collect();
                for (from, to) in &renamed {
                    if keys.contains(from) && !out.contains(to) {
                        out.push(to.clone());
                    }
                }
                *keys = out;
            }
        }
        Ok(Pack { files, manifest })
    }

    /// The source locale an import with `source` would use.
    ///
    /// # Errors
    /// A bad locale.
    pub fn source_locale(&self, source: Option<&str>) -> Result<String> {
        locale::canonical(
            source
                .or(self.manifest.source.as_deref())
                .unwrap_or(DEFAULT_SOURCE),
        )
    }
}

const STARTER_MANIFEST: &str = include_str!("../../../packs/starter/pack.toml");
const STARTER_FILES: [(&str, &str); 7] = [
    ("en", include_str!("../../../packs/starter/en.ftl")),
    ("zh-CN", include_str!("../../../packs/starter/zh-CN.ftl")),
    ("ar", include_str!("../../../packs/starter/ar.ftl")),
    ("ru", include_str!("../../../packs/starter/ru.ftl")),
    ("fr", include_str!("../../../packs/starter/fr.ftl")),
    ("ms", include_str!("../../../packs/starter/ms.ftl")),
    ("es", include_str!("../../../packs/starter/es.ftl")),
];

/// A text file as UTF-8 without its byte-order mark; an error names the file and says to save
/// it as UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::limits::read_file(path, crate::limits::MAX_TEXT_FILE_BYTES, "pack file")?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Invalid(format!(
            "{}: not UTF-8 text; save the file as UTF-8",
            path.display()
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

pub(crate) fn parse_manifest(name: &str, text: &str) -> Result<Manifest> {
    let manifest: Manifest = toml::from_str(text)
        .map_err(|e| Error::Invalid(format!("{name}: {}", e.to_string().trim_end())))?;
    for (loc, by_status) in &manifest.status {
        locale::canonical(loc)
            .map_err(|_| Error::Invalid(format!("{name}: [status.{loc}]: not a locale")))?;
        for status in by_status.keys() {
            let parsed: Status = status
                .parse()
                .map_err(|e: Error| Error::Invalid(format!("{name}: [status.{loc}]: {e}")))?;
            if parsed == Status::Approved {
                return Err(Error::Invalid(format!(
                    "{name}: [status.{loc}]: list only variants that are not approved (approved is the default)"
                )));
            }
        }
    }
    for loc in manifest.review.keys() {
        locale::canonical(loc)
            .map_err(|_| Error::Invalid(format!("{name}: [review.{loc}]: not a locale")))?;
    }
    Ok(manifest)
}

/// Checks a whole pack and writes it in one transaction: with any error nothing is written.
///
/// # Errors
/// [`Error::Ftl`] listing every syntax error of every file; [`Error::Invalid`] for a missing
/// source file or a bad source locale; database failures.
pub fn import(store: &mut Store, pack: &Pack, options: &ImportOptions) -> Result<ImportReport> {
    let tx = store.conn_mut().transaction()?;
    let report = import_in(&tx, pack, options)?;
    tx.commit()?;
    Ok(report)
}

/// [`import`] inside the caller's transaction (the team sync writes a pull in the same one).
pub(crate) fn import_in(
    tx: &rusqlite::Transaction<'_>,
    pack: &Pack,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let source_locale = locale::canonical(
        options
            .source
            .as_deref()
            .or(pack.manifest.source.as_deref())
            .unwrap_or(DEFAULT_SOURCE),
    )?;
    let mut report = ImportReport {
        source_locale: source_locale.clone(),
        ..ImportReport::default()
    };

    let mut parsed: Vec<(&PackFile, ParsedFile)> = Vec::new();
    let mut errors: Vec<FtlError> = Vec::new();
    for file in &pack.files {
        match template::parse_file(&file.name, &file.text) {
            Ok(p) => parsed.push((file, p)),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Ftl(errors));
    }
    let Some(source_index) = parsed.iter().position(|(f, _)| f.locale == source_locale) else {
        let found: Vec<&str> = pack.files.iter().map(|f| f.locale.as_str()).collect();
        return Err(Error::Invalid(format!(
            "the pack has no {source_locale}.ftl for its source locale {source_locale} (found: {}); \
             name the source locale, or set `source` in pack.toml",
            found.join(", ")
        )));
    };
    let statuses = manifest_statuses(&pack.manifest)?;
    report.locales = parsed.iter().map(|(f, _)| f.locale.clone()).collect();

    // Source first: translations are compared against the new source text.
    let (source_file, source) = &parsed[source_index];
    let mut source_bodies: HashMap<&str, (i64, &str, &BTreeSet<String>)> = HashMap::new();
    for message in &source.messages {
        let attr = |name: &str| {
            message
                .attributes
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, v)| v.as_str())
                .trim()
        };
        for (name, _) in &message.attributes {
            if !METADATA_ATTRIBUTES.contains(&name.as_str()) {
                report.warnings.push(format!(
                    "{}: {}: attribute .{name} is not metadata ({}) and was ignored",
                    source_file.name,
                    message.key,
                    METADATA_ATTRIBUTES.join(", ")
                ));
            }
        }
        let meta = TemplateMeta {
            key: &message.key,
            title: attr("title"),
            category: attr("category"),
            tags: attr("tags"),
            shortcut: attr("shortcut"),
            source_locale: &source_locale,
        };
        let (id, added) = write::upsert_template(tx, &meta)?;
        if added {
            report.templates_added += 1;
        }
        let previous = write::variant_review(tx, id, &source_locale)?;
        let changed = previous.as_ref().is_none_or(|old| old.body != message.body);
        // A source text carries a review record only when a team sync left it to review (two
        // people changed it at once); it is approved again once someone approves or edits it.
        let review = pack
            .manifest
            .review
            .get(&source_locale)
            .and_then(|by_key| by_key.get(&message.key));
        let status = review.map_or(Status::Approved, |r| {
            reviewed_status(r, &message.body, &source_hash(&message.body))
        });
        if !changed
            && let (Some(old), Some(review)) = (&previous, review)
            && (old.status != status || old.reviewer != review.by)
        {
            write::put_variant(
                tx,
                id,
                &source_locale,
                &message.body,
                None,
                status,
                &source_hash(&message.body),
            )?;
            write::set_reviewer(
                tx,
                id,
                &source_locale,
                review.by.as_deref(),
                review.at.as_deref(),
            )?;
        }
        if changed {
            if !added {
                report.templates_updated += 1;
            }
            let hash = source_hash(&message.body);
            write::put_variant(tx, id, &source_locale, &message.body, None, status, &hash)?;
            report.variants_written += 1;
            report.variants_staled +=
                write::stale_translations(tx, id, &source_locale, &message.body)?;
        }
        source_bodies.insert(
            message.key.as_str(),
            (id, message.body.as_str(), &message.variables),
        );
    }

    for (file, translation) in &parsed {
        for term in &translation.terms {
            write::put_term(tx, &file.locale, &term.name, &term.source)?;
            report.terms += 1;
        }
        if file.locale == source_locale {
            continue;
        }
        for message in &translation.messages {
            let (id, source_body, source_vars) = match source_bodies.get(message.key.as_str()) {
                Some(&(id, body, vars)) => (id, body.to_string(), vars.clone()),
                None => match stored_source(tx, &message.key)? {
                    Some(found) => found,
                    None => {
                        report.warnings.push(format!(
                            "{}: {}: no such template in {source_locale}.ftl or the library; translation skipped",
                            file.name, message.key
                        ));
                        continue;
                    }
                },
            };
            let current_source = source_hash(&source_body);
            let review = pack
                .manifest
                .review
                .get(&file.locale)
                .and_then(|by_key| by_key.get(&message.key));
            let hash = review
                .and_then(|r| r.source.clone())
                .unwrap_or_else(|| current_source.clone());
            let title = message
                .attributes
                .iter()
                .find(|(n, _)| n == "title")
                .map(|(_, v)| v.trim());
            let mut status = match review {
                Some(review) => reviewed_status(review, &message.body, &current_source),
                None => statuses
                    .get(&(file.locale.as_str(), message.key.as_str()))
                    .copied()
                    .or(options.status)
                    .unwrap_or(Status::Approved),
            };
            if let Some(review) = review
                && review.status == Status::Approved
                && status != Status::Approved
                && review.hash != source_hash(&message.body)
            {
                report.warnings.push(format!(
                    "{}: {}: the approved text was changed since it was approved; imported as needs_review",
                    file.name, message.key
                ));
            }
            match (write::variant_review(tx, id, &file.locale)?, review) {
                // Unchanged translation without a review record: keep its status. A
                // reviewer's approval survives a re-import, and a translation whose source
                // text changed (already turned stale above) stays stale until someone
                // updates it.
                (Some(old), None) if old.body == message.body => continue,
                // With a record: unchanged only when the text, the verdict and its
                // reviewer are all the same.
                (Some(old), Some(review))
                    if old.body == message.body
                        && old.title.as_deref() == title
                        && old.status == status
                        && old.source_hash == hash
                        && old.reviewer == review.by
                        && old.reviewed_at == review.at =>
                {
                    continue;
                }
                _ => {}
            }
            let extra: Vec<&String> = message.variables.difference(&source_vars).collect();
            if !extra.is_empty() && status == Status::Approved {
                status = Status::NeedsReview;
                report.warnings.push(format!(
                    "{}: {}: uses {} which the source text does not; imported as needs_review",
                    file.name,
                    message.key,
                    extra
                        .iter()
                        .map(|v| format!("${v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            write::put_variant(tx, id, &file.locale, &message.body, title, status, &hash)?;
            if let Some(review) = review {
                write::set_reviewer(
                    tx,
                    id,
                    &file.locale,
                    review.by.as_deref(),
                    review.at.as_deref(),
                )?;
            }
            report.variants_written += 1;
        }
    }
    // Example questions may be in any language's file: a template gets all of them.
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (_, file) in &parsed {
        for message in &file.messages {
            for (name, value) in &message.attributes {
                if name == "examples" {
                    let list = examples.entry(message.key.as_str()).or_default();
                    for e in examples_from_ftl(value) {
                        if !list.contains(&e) {
                            list.push(e);
                        }
                    }
                }
            }
        }
    }
    for (key, list) in examples {
        tx.execute(
            "UPDATE templates SET examples = ?2 WHERE key = ?1",
            rusqlite::params![key, list.join("\n")],
        )?;
    }
    Ok(report)
}

/// The status a translation with a review record gets: an approval binds to the hash of the
/// text it approved, and a translation of another source text is stale.
fn reviewed_status(review: &Review, body: &str, current_source: &str) -> Status {
    let mut status = review.status;
    if status == Status::Approved && review.hash != source_hash(body) {
        status = Status::NeedsReview;
    }
    if review
        .source
        .as_deref()
        .is_some_and(|s| s != current_source)
        && !matches!(status, Status::Rejected)
    {
        status = Status::Stale;
    }
    status
}

/// The id, source body and source variables of a template already in the library.
fn stored_source(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
) -> rusqlite::Result<Option<(i64, String, BTreeSet<String>)>> {
    use rusqlite::OptionalExtension;
    tx.prepare_cached(
        "SELECT t.id, v.body FROM templates t JOIN variants v ON v.template_id = t.id AND v.locale = t.source_locale
         WHERE t.key = ?1",
    )?
    .query_row([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
    .optional()
    .map(|found| found.map(|(id, body)| {
        let vars = template::variables_of(&body);
        (id, body, vars)
    }))
}

fn manifest_statuses(manifest: &Manifest) -> Result<HashMap<(&str, &str), Status>> {
    let mut map = HashMap::new();
    for (loc, by_status) in &manifest.status {
        for (status, keys) in by_status {
            let status: Status = status.parse()?;
            for key in keys {
                map.insert((loc.as_str(), key.as_str()), status);
            }
        }
    }
    Ok(map)
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportReport {
    /// The folder the pack was written to.
    pub dir: PathBuf,
    /// The pack's source locale: the one most templates are written in.
    pub source_locale: String,
    /// Path of every file written: the `LOCALE.ftl` files, then `pack.toml`.
    pub files: Vec<String>,
    /// Number of templates exported.
    pub templates: usize,
}

/// Writes the library as a pack that imports back to the same library: templates, variants,
/// localized titles, terms and every non-approved status (in `pack.toml`).
///
/// # Errors
/// [`Error::Io`] when the folder or a file cannot be written; database failures.
pub fn export(store: &Store, dir: &Path) -> Result<ExportReport> {
    let (pack, templates) = export_pack(store)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for file in &pack.files {
        let path = dir.join(format!("{}.ftl", file.locale));
        std::fs::write(&path, &file.text).map_err(|e| Error::io(&path, e))?;
        written.push(path.display().to_string());
    }
    let manifest_path = dir.join(MANIFEST);
    std::fs::write(&manifest_path, manifest_text(&pack.manifest)?)
        .map_err(|e| Error::io(&manifest_path, e))?;
    written.push(manifest_path.display().to_string());
    Ok(ExportReport {
        dir: dir.to_path_buf(),
        source_locale: pack.manifest.source.clone().unwrap_or_default(),
        files: written,
        templates,
    })
}

/// `pack.toml` as written: a comment on what it holds, then the manifest.
///
/// # Errors
/// A manifest TOML cannot represent (not expected).
pub fn manifest_text(manifest: &Manifest) -> Result<String> {
    Ok(format!(
        "# QuickReply template pack. `source` is the locale that defines the templates;\n\
         # [status.LOCALE] lists variants that are not approved yet; [review.LOCALE.KEY] is the\n\
         # verdict on a translation and the hash of the text it was given on.\n{}",
        toml::to_string(manifest)
            .map_err(|e| Error::Invalid(format!("cannot write pack.toml: {e}")))?
    ))
}

/// The library as a pack in memory (what [`export`] writes) and its number of templates.
/// Usage counts, buyer messages and orders are never part of it.
///
/// # Errors
/// Database failures.
pub fn export_pack(store: &Store) -> Result<(Pack, usize)> {
    let templates = store.templates()?;
    let variants = store.all_variants()?;
    let terms = store.all_terms()?;

    // A pack has one source locale: the one most templates use.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &templates {
        *counts.entry(t.source_locale.as_str()).or_default() += 1;
    }
    let source_locale = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or(DEFAULT_SOURCE.to_string(), |(l, _)| (*l).to_string());

    let by_id: HashMap<i64, &crate::store::Template> =
        templates.iter().map(|t| (t.id, t)).collect();
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for (loc, _, source) in &terms {
        let text = files.entry(loc.clone()).or_default();
        text.push_str(source);
        if !source.ends_with('\n') {
            text.push('\n');
        }
    }
    for text in files.values_mut() {
        text.push('\n');
    }
    let mut manifest = Manifest {
        source: Some(source_locale.clone()),
        name: Some("QuickReply library export".into()),
        ..Manifest::default()
    };
    for (id, variant) in &variants {
        let Some(t) = by_id.get(id) else { continue };
        let is_source = variant.locale == t.source_locale;
        let mut attributes: Vec<(String, String)> = Vec::new();
        if is_source {
            for (name, value) in [
                ("title", &t.title),
                ("category", &t.category),
                ("tags", &t.tags),
                ("shortcut", &t.shortcut),
            ] {
                if !value.is_empty() {
                    attributes.push((name.to_string(), value.clone()));
                }
            }
            if !t.examples.trim().is_empty() {
                attributes.push(("examples".into(), examples_to_ftl(&t.examples)));
            }
        } else if let Some(title) = &variant.title {
            attributes.push(("title".into(), title.clone()));
        }
        files
            .entry(variant.locale.clone())
            .or_default()
            .push_str(&template::message_source(
                &t.key,
                &variant.body,
                &attributes,
            ));
        if variant.status != Status::Approved {
            manifest
                .status
                .entry(variant.locale.clone())
                .or_default()
                .entry(variant.status.as_str().to_string())
                .or_default()
                .push(t.key.clone());
        }
        if !is_source || variant.status != Status::Approved {
            manifest
                .review
                .entry(variant.locale.clone())
                .or_default()
                .insert(
                    t.key.clone(),
                    Review {
                        status: variant.status,
                        by: variant.reviewer.clone(),
                        at: variant.reviewed_at.clone(),
                        hash: source_hash(&variant.body),
                        source: (!is_source).then(|| variant.source_hash.clone()),
                    },
                );
        }
    }
    for by_status in manifest.status.values_mut() {
        for keys in by_status.values_mut() {
            keys.sort();
        }
    }
    let files = files
        .into_iter()
        .map(|(locale, text)| PackFile {
            name: format!("{locale}.ftl"),
            locale,
            text,
        })
        .collect();
    Ok((Pack { files, manifest }, templates.len()))
}

#[cfg(test)]
mod examples_tests {
    use super::*;

    #[test]
    fn examples_round_trip_through_a_pack_with_syntax_characters_escaped() {
        let text = "where is {it}?\n*urgent* any news\n\n  kapan sampai  ";
        let ftl = examples_to_ftl(text);
        let entry =
            template::message_source("wismo", "Hello", &[("examples".to_string(), ftl.clone())]);
        let parsed = template::parse_file("en.ftl", &entry).expect("escaped examples parse");
        let value = &parsed.messages[0].attributes[0].1;
        assert_eq!(
            examples_from_ftl(value),
            ["where is {it}?", "*urgent* any news", "kapan sampai"]
        );
    }

    #[test]
    fn a_pack_import_takes_examples_from_every_language_and_export_writes_them() {
        let mut store = Store::open_in_memory().unwrap();
        let pack = crate::pack::test_pack(&[
            (
                "en",
                "wismo = Hello\n    .examples =\n        where is my order\n        any news?\n",
            ),
            ("ar", "wismo = مرحبا\n    .examples = أين طلبي\n"),
        ]);
        let report = import(&mut store, &pack, &ImportOptions::default()).unwrap();
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        let t = store.template("wismo").unwrap();
        assert_eq!(t.examples, "where is my order\nany news?\nأين طلبي");
        let (exported, _) = export_pack(&store).unwrap();
        let en = exported.files.iter().find(|f| f.locale == "en").unwrap();
        assert!(
            en.text.contains(
                ".examples =\n        where is my order\n        any news?\n        أين طلبي"
            ),
            "{}",
            en.text
        );
    }
}
