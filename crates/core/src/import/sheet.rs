//! A spreadsheet of replies as candidate templates: one row is one template in one language.
//!
//! Columns, named in the header row in any order and any case: `text` (required), `key`,
//! `title`, `category`, `tags`, `shortcut`, `locale`, `examples`; others are ignored. Files:
//! CSV (comma, tab or semicolon; UTF-8 with or without BOM, UTF-16 with BOM, and the legacy
//! encodings Excel saves in: GBK/GB18030, else Windows-1252) and the first sheet of an XLSX,
//! XLS or ODS workbook, told by their content so a renamed file still reads.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use calamine::Reader;

use super::{
    Candidate, CandidateText, ImportWarning, Origin, Parsed, body_problem, slug, unique_key,
};
use crate::store::{Status, is_variable_name};
use crate::{Error, Result};

/// The columns read, by lower-case header name.
const COLUMNS: [&str; 8] = [
    "key", "title", "category", "tags", "shortcut", "locale", "text", "examples",
];

/// Longest title made from a text when a row has neither key nor title.
const TITLE_FROM_TEXT: usize = 60;

/// Reads a spreadsheet of replies.
///
/// The source locale is `source` when given, else the `locale` of the first data row that has
/// a valid one, else `en`; a row without locale is in the source locale. Source-locale rows
/// define templates (key from the `key` cell, else a [`slug`] of the title, else of the text's
/// first line, which is then the title too); rows in another locale are translations of the
/// template with the same key (or, without a key, whose key the title's slug is) and get
/// `status`. Source texts are approved. A translation whose key has no source row in the file
/// is still returned, as a candidate with only that translation and an empty title, for the
/// apply layer to attach to the library's template of that key (or to report). A translation
/// row's title, category, tags and shortcut are not read.
///
/// Every `text` cell is a Fluent pattern (`Hi { $buyer_name }!`). A row that cannot be used
/// (no text, a Fluent mistake, a bad key or locale, a key and locale already on an earlier row)
/// is a skipped warning with its line: the physical CSV line it starts on, or the sheet's row
/// number (the header is row 1). Good rows are returned all the same.
///
/// # Errors
/// [`Error::BadLocale`] for a bad `source`; [`Error::Io`] when the file cannot be read;
/// [`Error::BadFile`] for an empty file, a workbook that cannot be read, or a header without a
/// `text` column.
pub fn read(path: &Path, source: Option<&str>, status: Status) -> Result<Parsed> {
    let source = source.map(crate::locale::canonical).transpose()?;
    let bytes = crate::limits::read_file(
        path,
        crate::limits::MAX_TEXT_FILE_BYTES.max(crate::limits::MAX_WORKBOOK_BYTES),
        "reply spreadsheet",
    )?;
    let file = path.display().to_string();
    let mut warnings = Vec::new();
    let table = if is_workbook(path, &bytes) {
        workbook_rows(path, bytes)?
    } else {
        let (text, encoding) = decode(&bytes);
        if let Some(encoding) = encoding {
            warnings.push(ImportWarning {
                origin: Origin {
                    file: file.clone(),
                    line: 1,
                },
                message: format!(
                    "the file is not UTF-8 text; it was read as {encoding}. If letters look wrong, save it from Excel as \"CSV UTF-8\" and import it again"
                ),
                skipped: false,
            });
        }
        csv_rows(path, &text)?
    };
    let Some(Table { header, rows }) = table else {
        return Err(bad_file(
            path,
            "the file is empty: expected a header row (key, title, text, …), then one row per reply",
        ));
    };
    let columns = Columns::find(path, &header)?;
    let mut reader = SheetReader {
        file,
        status,
        parsed: Parsed {
            candidates: Vec::new(),
            warnings,
        },
    };
    reader.rows(&columns, &rows, source);
    Ok(reader.parsed)
}

fn bad_file(path: &Path, message: &str) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        message: message.to_owned(),
    }
}

/// The header and the data rows of a file.
struct Table {
    header: Vec<String>,
    rows: Vec<Row>,
}

/// A data row: its cells, or why it cannot be read at all.
struct Row {
    line: usize,
    cells: std::result::Result<Vec<String>, String>,
}

/// Where each known column is.
struct Columns {
    index: HashMap<&'static str, usize>,
}

impl Columns {
    fn find(path: &Path, header: &[String]) -> Result<Self> {
        let mut index = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}').to_lowercase();
            if let Some(column) = COLUMNS.iter().find(|c| **c == name) {
                index.entry(*column).or_insert(i);
            }
        }
        if !index.contains_key("text") {
            let found: Vec<&str> = header
                .iter()
                .map(|h| h.trim())
                .filter(|h| !h.is_empty())
                .collect();
            let found = if found.is_empty() {
                "no column names".to_owned()
            } else {
                found.join(", ")
            };
            return Err(bad_file(
                path,
                &format!(
                    "no 'text' column: the header row has {found}. Name the column that holds the replies 'text' (the others can be key, title, category, tags, shortcut, locale, examples)"
                ),
            ));
        }
        Ok(Self { index })
    }

    /// The trimmed cell of `column` (empty when there is no such column or cell).
    fn get<'a>(&self, cells: &'a [String], column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| cells.get(i))
            .map_or("", |c| c.trim())
    }
}

/// A row whose cells are all good, waiting for its key.
struct Good {
    line: usize,
    key: Option<String>,
    title: String,
    category: String,
    tags: Vec<String>,
    shortcut: String,
    examples: Vec<String>,
    locale: Option<String>,
    body: String,
}

struct SheetReader {
    file: String,
    status: Status,
    parsed: Parsed,
}

impl SheetReader {
    fn origin(&self, line: usize) -> Origin {
        Origin {
            file: self.file.clone(),
            line,
        }
    }

    fn bad(&mut self, line: usize, message: String) {
        let origin = self.origin(line);
        self.parsed.warnings.push(ImportWarning {
            origin,
            message,
            skipped: true,
        });
    }

    fn rows(&mut self, columns: &Columns, rows: &[Row], source: Option<String>) {
        let source = source
            .or_else(|| {
                rows.iter()
                    .filter_map(|r| r.cells.as_ref().ok())
                    .map(|cells| columns.get(cells, "locale"))
                    .filter(|l| !l.is_empty())
                    .find_map(|l| crate::locale::canonical(l).ok())
            })
            .unwrap_or_else(|| "en".to_owned());

        // Every row checked first, so made-up keys can keep clear of the keys the file names
        // on any row, and a translation may come before its source row.
        let mut good = Vec::new();
        for row in rows {
            match &row.cells {
                Err(message) => self.bad(row.line, message.clone()),
                Ok(cells) => match check_row(columns, row.line, cells) {
                    Ok(Some(g)) => good.push(g),
                    Ok(None) => {}
                    Err(message) => self.bad(row.line, message),
                },
            }
        }
        let given: HashSet<String> = good.iter().filter_map(|g| g.key.clone()).collect();
        let is_source = |g: &Good| g.locale.as_deref().is_none_or(|l| l == source);

        let mut keys: HashMap<String, usize> = HashMap::new(); // key → candidate index
        let mut lines: HashMap<(String, String), usize> = HashMap::new(); // key, locale → line
        for g in good.iter().filter(|g| is_source(g)) {
            let key_given = g.key.is_some();
            let title = if g.title.is_empty() && !key_given {
                // Nothing names the reply but its text: its first line names it.
                let first = g.body.lines().next().unwrap_or("");
                first
                    .chars()
                    .take(TITLE_FROM_TEXT)
                    .collect::<String>()
                    .trim()
                    .to_owned()
            } else {
                g.title.clone()
            };
            let key = match &g.key {
                Some(k) => k.clone(),
                None => unique_key(&slug(&title), |k| given.contains(k) || keys.contains_key(k)),
            };
            if let Some(first) = lines.get(&(key.clone(), source.clone())) {
                self.bad(
                    g.line,
                    format!(
                        "the key '{key}' already has its {source} text on line {first}; this row was not imported (give it another key, or delete one of the two rows)"
                    ),
                );
                continue;
            }
            lines.insert((key.clone(), source.clone()), g.line);
            keys.insert(key.clone(), self.parsed.candidates.len());
            let origin = self.origin(g.line);
            self.parsed.candidates.push(Candidate {
                key,
                key_given,
                title,
                category: g.category.clone(),
                tags: g.tags.clone(),
                shortcut: g.shortcut.clone(),
                examples: g.examples.clone(),
                source_locale: source.clone(),
                texts: vec![CandidateText {
                    locale: source.clone(),
                    body: g.body.clone(),
                    status: Status::Approved,
                }],
                origin,
            });
        }

        for g in good.iter().filter(|g| !is_source(g)) {
            let locale = g.locale.clone().unwrap_or_default();
            let key = match &g.key {
                Some(k) => k.clone(),
                None => {
                    let by_title = slug(&g.title);
                    if g.title.is_empty() || !keys.contains_key(&by_title) {
                        self.bad(
                            g.line,
                            format!(
                                "a {locale} translation needs the key of its {source} reply: fill in the key column{}",
                                if g.title.is_empty() {
                                    String::new()
                                } else {
                                    format!(" (no {source} reply has the title '{}')", g.title)
                                }
                            ),
                        );
                        continue;
                    }
                    by_title
                }
            };
            if let Some(first) = lines.get(&(key.clone(), locale.clone())) {
                self.bad(
                    g.line,
                    format!(
                        "the key '{key}' already has its {locale} text on line {first}; this row was not imported (delete one of the two rows)"
                    ),
                );
                continue;
            }
            lines.insert((key.clone(), locale.clone()), g.line);
            let text = CandidateText {
                locale,
                body: g.body.clone(),
                status: self.status,
            };
            if let Some(&i) = keys.get(&key) {
                self.parsed.candidates[i].texts.push(text);
                continue;
            }
            keys.insert(key.clone(), self.parsed.candidates.len());
            let origin = self.origin(g.line);
            self.parsed.candidates.push(Candidate {
                key,
                key_given: true,
                title: String::new(),
                category: String::new(),
                tags: Vec::new(),
                shortcut: String::new(),
                examples: Vec::new(),
                source_locale: source.clone(),
                texts: vec![text],
                origin,
            });
        }
        self.parsed
            .warnings
            .sort_by_key(|w| (w.origin.line, !w.skipped));
    }
}

/// The row's values, `None` for a blank row, `Err` saying why the row cannot be used.
fn check_row(
    columns: &Columns,
    line: usize,
    cells: &[String],
) -> std::result::Result<Option<Good>, String> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(None);
    }
    if let Some(cell) = cells
        .iter()
        .find(|c| c.len() > crate::limits::MAX_CELL_BYTES)
    {
        return Err(format!(
            "a cell holds {}, more than the {} a cell may: an unclosed quote, or not a reply list",
            crate::limits::size_text(cell.len() as u64),
            crate::limits::size_text(crate::limits::MAX_CELL_BYTES as u64)
        ));
    }
    let mut problems = Vec::new();
    let key = columns.get(cells, "key");
    if !key.is_empty() && !is_variable_name(key) {
        problems.push(format!(
            "the key '{key}' cannot be a template key: use letters, digits, '-' or '_', starting with a letter (e.g. where-is-my-order)"
        ));
    }
    let locale = columns.get(cells, "locale");
    let locale = if locale.is_empty() {
        None
    } else {
        match crate::locale::canonical(locale) {
            Ok(l) => Some(l),
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        }
    };
    let body = text_body(columns.get(cells, "text"));
    let title = columns.get(cells, "title").to_owned();
    if body.is_empty() {
        problems.push("no text: write the reply in the text column".to_owned());
    } else {
        // The key only changes the name in the messages, which are not shown.
        let check_key = if is_variable_name(key) { key } else { "reply" };
        if let Some(problem) = body_problem(check_key, &body) {
            problems.push(format!(
                "the text has a mistake at {problem} (line:column inside the cell); fix the cell and import the file again"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let tags = crate::store::templates::split_tags(columns.get(cells, "tags"));
    let examples = columns
        .get(cells, "examples")
        .split(['\n', '|'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Some(Good {
        line,
        key: (!key.is_empty()).then(|| key.to_owned()),
        title,
        category: columns.get(cells, "category").to_owned(),
        tags,
        shortcut: columns.get(cells, "shortcut").to_owned(),
        examples,
        locale,
        body,
    }))
}

/// A text cell as a body: Windows line ends and surrounding blank space removed. It is Fluent
/// already, so nothing is escaped.
fn text_body(cell: &str) -> String {
    cell.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

// ----- CSV ------------------------------------------------------------------------------------

/// The file's text, and the encoding it was guessed to be in when it was not Unicode.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), None);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes); // the BOM picks LE or BE
        return (text.into_owned(), None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), None);
    }
    // Excel on Chinese Windows saves "CSV" in GBK (GB18030 reads GBK too); Western Windows in
    // Windows-1252, which is seldom valid GBK.
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return (text.into_owned(), Some("Chinese (GBK)"));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), Some("Western European (Windows-1252)"))
}

/// The header and rows of delimited text; `None` when there is no non-blank row.
fn csv_rows(path: &Path, text: &str) -> Result<Option<Table>> {
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let count = |c: char| first_line.matches(c).count();
    // As the orders reader: a comma unless the header has none but has tabs or semicolons.
    let delimiter = match (count(','), count('\t'), count(';')) {
        (0, tabs, semis) if tabs > 0 && tabs >= semis => b'\t',
        (0, _, semis) if semis > 0 => b';',
        _ => b',',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    // Physical line of a record: the csv crate's position can be before blank lines it
    // skipped, so move past line breaks to the record's first character, then count.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut line_of = |offset: usize| {
        let mut start = offset.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        line += bytes[counted_to..start.max(counted_to)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = counted_to.max(start);
        line
    };

    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            bad_file(
                path,
                &format!("cannot read the file as CSV ({e}); save it again as CSV UTF-8"),
            )
        })?;
        let offset = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        let at = line_of(offset);
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        let Some(header) = &header else {
            if cells.iter().any(|c| !c.trim().is_empty()) {
                header = Some(cells);
            }
            continue;
        };
        let extra = cells.len() > header.len()
            && cells[header.len()..].iter().any(|c| !c.trim().is_empty());
        rows.push(Row {
            line: at,
            cells: if extra {
                Err(format!(
                    "the row has {} cells but the header only {}, so part of it would be lost: put a text that holds a '{}' in double quotes",
                    cells.len(),
                    header.len(),
                    char::from(delimiter).escape_default()
                ))
            } else {
                Ok(cells)
            },
        });
    }
    Ok(header.map(|header| Table { header, rows }))
}

// ----- workbooks ------------------------------------------------------------------------------

/// Whether to read the file as a workbook: by its content (a ZIP file is XLSX or ODS, an OLE
/// file XLS) whatever its name, or by a ZIP-based extension. An `.xls` that is not an OLE file
/// is read as text: shop systems often export tab-separated text under that name.
fn is_workbook(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
        || matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods")
}

/// The header and rows of the first sheet; `None` when it has no non-blank row.
fn workbook_rows(path: &Path, bytes: Vec<u8>) -> Result<Option<Table>> {
    let cannot = |e: &dyn std::fmt::Display| {
        bad_file(
            path,
            &format!(
                "cannot read the spreadsheet ({e}): open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8"
            ),
        )
    };
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
    let Some(range) = workbook.worksheet_range_at(0) else {
        return Ok(None);
    };
    let range = range.map_err(|e| cannot(&e))?;
    // The range starts at the first used cell; row numbers are the sheet's own (1-based).
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        let Some(_) = &header else {
            if cells.iter().any(|c| !c.trim().is_empty()) {
                header = Some(cells);
            }
            continue;
        };
        rows.push(Row {
            line: first_row + i + 1,
            cells: Ok(cells),
        });
    }
    Ok(header.map(|header| Table { header, rows }))
}
