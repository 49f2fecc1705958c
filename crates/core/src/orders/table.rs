//! Streaming delimited-text reading shared by the importers: BOM and delimiter detection, the
//! header row, and rows checked for field count and UTF-8, each with its physical line number.

use std::io::{BufRead, BufReader, Chain, Read};
use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::error::RowError;
use crate::{Error, Result};

/// The reader a table parses: the file with a `\n` appended (see [`Table::open`]).
type Input<R> = BufReader<Chain<R, &'static [u8]>>;

/// Where rows come from: delimited text, streamed, or a workbook's first sheet, in memory.
enum Src<R: Read> {
    Text(csv::Reader<Input<R>>),
    Sheet {
        range: calamine::Range<calamine::Data>,
        /// The next row to read, relative to the range.
        next: usize,
        /// The sheet's row number (0-based) of the range's first row.
        first: usize,
    },
}

/// A delimited file or a sheet positioned after its header row.
pub(super) struct Table<R: Read> {
    src: Src<R>,
    /// Header cells, trimmed (the keys of `raw`).
    pub header: Vec<String>,
    /// Header cells lower-cased, for matching column names.
    pub keys: Vec<String>,
    /// The file name as shown in row errors.
    pub file: String,
    pub path: PathBuf,
    /// The input's length in bytes, when known (see [`Table::reserve_for_rest`]).
    pub size_hint: Option<u64>,
}

/// What [`Table::next`] found.
pub(super) enum Next {
    /// A row with as many fields as the header, now in the record; its 1-based line.
    Row(usize),
    /// A row that cannot be used at all (wrong field count, not UTF-8).
    Bad(RowError),
    End,
}

impl<R: Read> Table<R> {
    /// Reads the header. The delimiter is a comma unless the header line has none but has tabs
    /// or semicolons (whichever is more frequent), which is how TSV and European "CSV" look.
    ///
    /// Line numbers: the csv crate reports a record's start before any blank lines it skipped,
    /// and with CRLF endings it counts a row's `\n` only when reading the next row. So rows end
    /// at `\n` alone (a `\r` before it stays in the last cell, and is trimmed like any space),
    /// and a `\n` is appended to the input so the last row is terminated too. Then every row's
    /// `\n` is counted by the time the row is returned, and its first line is the reader's line
    /// minus one minus the line breaks inside its quoted cells.
    ///
    /// # Errors
    /// [`Error::Io`] on read failure, [`Error::BadFile`] for an empty file or a header that is
    /// not text.
    pub fn open(reader: R, path: &Path) -> Result<Self> {
        let mut buf = BufReader::with_capacity(64 * 1024, reader.chain(&b"\n"[..]));
        let head = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            buf.consume(3);
        }
        let head = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        // The header is the first line with anything but delimiters: eBay starts with a blank
        // line, or one of bare commas.
        let first_line = head
            .split(|&b| b == b'\n')
            .find(|l| l.iter().any(|b| !b" \t\r,;".contains(b)))
            .unwrap_or_default();
        let count = |c: u8| first_line.iter().filter(|&&b| b == c).count();
        let delimiter = match (count(b','), count(b'\t'), count(b';')) {
            (0, tabs, semis) if tabs > 0 && tabs >= semis => b'\t',
            (0, _, semis) if semis > 0 => b';',
            _ => b',',
        };

        let rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(64 * 1024)
            .from_reader(buf);
        let table = Self {
            src: Src::Text(rdr),
            header: Vec::new(),
            keys: Vec::new(),
            file: path.display().to_string(),
            path: path.to_path_buf(),
            size_hint: None,
        };
        table.read_header(path)
    }

    /// A workbook's first sheet as a table: the header is its first row with a value.
    ///
    /// # Errors
    /// [`Error::BadFile`] when the sheet has no row with a value.
    pub fn sheet(range: calamine::Range<calamine::Data>, path: &Path) -> Result<Self> {
        let first = range.start().map_or(0, |(row, _)| row as usize);
        let table = Self {
            src: Src::Sheet {
                range,
                next: 0,
                first,
            },
            header: Vec::new(),
            keys: Vec::new(),
            file: path.display().to_string(),
            path: path.to_path_buf(),
            size_hint: None,
        };
        table.read_header(path)
    }

    fn read_header(mut self, path: &Path) -> Result<Self> {
        let bad = |message: &str| Error::BadFile {
            path: path.to_path_buf(),
            message: message.to_owned(),
        };
        let mut rec = StringRecord::new();
        loop {
            match self.read(&mut rec)? {
                Got::End => {
                    return Err(bad(
                        "the file is empty: expected a header row, then one row per order",
                    ));
                }
                Got::NotUtf8(_) => {
                    return Err(bad(
                        "the header row is not UTF-8 text: save the file as UTF-8 CSV",
                    ));
                }
                Got::Row(_) if rec.iter().all(|c| c.trim().is_empty()) => {}
                Got::Row(_) => break,
            }
        }
        let mut table = self;
        table.header = rec
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        table.keys = table.header.iter().map(|h| h.to_lowercase()).collect();
        Ok(table)
    }

    /// Reads the next row into `rec`. Rows whose cells are all blank are skipped silently: they
    /// are what spreadsheets leave at the end of an export, not mistakes.
    ///
    /// # Errors
    /// [`Error::Io`] on read failure.
    pub fn next(&mut self, rec: &mut StringRecord) -> Result<Next> {
        loop {
            let line = match self.read(rec)? {
                Got::End => return Ok(Next::End),
                Got::NotUtf8(line) => {
                    return Ok(Next::Bad(self.error(
                        line,
                        "the row is not UTF-8 text: save the file as UTF-8 CSV".to_owned(),
                    )));
                }
                Got::Row(line) => line,
            };
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            // eBay ends its report with `N record(s) downloaded, from … to …` and
            // `Seller ID : …` lines: not orders, and not mistakes either.
            if rec.len() < self.header.len()
                && rec.get(0).is_some_and(|c| {
                    let c = c.trim_start();
                    c.contains("record(s) downloaded") || c.starts_with("Seller ID")
                })
            {
                continue;
            }
            if let Some((column, cell)) = rec
                .iter()
                .enumerate()
                .find(|(_, c)| c.len() > crate::limits::MAX_CELL_BYTES)
            {
                let name = self.header.get(column).map_or("?", String::as_str);
                return Ok(Next::Bad(self.error(
                    line,
                    format!(
                        "the cell in column '{name}' holds {}, more than the {} a cell may: \
                         an unclosed quote, or not an order export",
                        crate::limits::size_text(cell.len() as u64),
                        crate::limits::size_text(crate::limits::MAX_CELL_BYTES as u64)
                    ),
                )));
            }
            if rec.len() != self.header.len() {
                return Ok(Next::Bad(self.error(
                    line,
                    format!(
                        "expected {} fields as in the header, found {} (a missing or unquoted delimiter?)",
                        self.header.len(),
                        rec.len()
                    ),
                )));
            }
            return Ok(Next::Row(line));
        }
    }

    /// Reads one record and works out its first line (see [`Table::open`]).
    fn read(&mut self, rec: &mut StringRecord) -> Result<Got> {
        let rdr = match &mut self.src {
            Src::Text(rdr) => rdr,
            Src::Sheet { range, next, first } => {
                // By position: the rows iterator would be walked from the start for each row.
                if *next >= range.height() {
                    return Ok(Got::End);
                }
                rec.clear();
                for c in 0..range.width() {
                    match range.get((*next, c)) {
                        Some(cell) => rec.push_field(&sheet_cell(cell)),
                        None => rec.push_field(""),
                    }
                }
                *next += 1;
                return Ok(Got::Row(*first + *next));
            }
        };
        // Read bytes and check UTF-8 ourselves, moving the buffers instead of copying them, so
        // a row that is not UTF-8 still has a line number.
        let mut bytes = std::mem::take(rec).into_byte_record();
        let found = rdr
            .read_byte_record(&mut bytes)
            .map_err(|e| match e.into_kind() {
                csv::ErrorKind::Io(e) => Error::io(&self.path, e),
                other => Error::BadFile {
                    path: self.path.clone(),
                    message: format!("cannot read the file: {other:?}"),
                },
            })?;
        if !found {
            return Ok(Got::End);
        }
        let breaks = bytes.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        let line = rdr.position().line().saturating_sub(1 + breaks).max(1);
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        match StringRecord::from_byte_record(bytes) {
            Ok(r) => {
                *rec = r;
                Ok(Got::Row(line))
            }
            Err(e) => {
                *rec = StringRecord::from_byte_record_lossy(e.into_byte_record());
                Ok(Got::NotUtf8(line))
            }
        }
    }

    /// Reserves room in `items` for the rows still to come, estimated from the bytes per row
    /// so far and the input's size: growing a vector of a million orders by doubling copies
    /// hundreds of megabytes. Call once, after a few thousand rows; does nothing without a size.
    pub fn reserve_for_rest<T>(&self, items: &mut Vec<T>, rows_so_far: usize) {
        let rdr = match &self.src {
            Src::Text(rdr) => rdr,
            Src::Sheet { range, next, .. } => {
                items.reserve(range.height().saturating_sub(*next));
                return;
            }
        };
        let read = rdr.position().byte();
        let (Some(size), true) = (self.size_hint, read > 0 && rows_so_far > 0) else {
            return;
        };
        let rest = size.saturating_sub(read) * rows_so_far as u64 / read;
        // A little extra, as rows vary in length; capped so a wrong size cannot exhaust memory.
        let rest = usize::try_from(rest + rest / 16)
            .unwrap_or(0)
            .min(50_000_000);
        items.reserve(rest);
    }

    pub fn error(&self, line: usize, message: String) -> RowError {
        RowError {
            file: self.file.clone(),
            line,
            message,
        }
    }

    /// The row as a JSON object keyed by header name; columns with an empty name are left out.
    pub fn raw(&self, rec: &StringRecord) -> serde_json::Value {
        self.raw_of(rec, |_| true)
    }

    /// Like [`Table::raw`], with only the columns whose index `keep` accepts.
    pub fn raw_of(&self, rec: &StringRecord, keep: impl Fn(usize) -> bool) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        let last = self.header.len().saturating_sub(1);
        for (i, (name, cell)) in self.header.iter().zip(rec.iter()).enumerate() {
            if !name.is_empty() && keep(i) {
                // The `\r` of a CRLF line ending stays in the last cell (see `open`).
                let cell = if i == last {
                    cell.strip_suffix('\r').unwrap_or(cell)
                } else {
                    cell
                };
                map.insert(name.clone(), serde_json::Value::String(cell.to_owned()));
            }
        }
        serde_json::Value::Object(map)
    }
}

/// A sheet cell as text: numbers as Excel shows them without formatting (`12.9`, `3`), and
/// cells formatted as dates as ISO 8601 (`2024-12-09T00:12:00`), so the importers read them as
/// dates whatever the sheet's display format.
fn sheet_cell(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if d.as_f64().fract() == 0.0 {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// What one raw read found; the numbers are first lines.
enum Got {
    Row(usize),
    NotUtf8(usize),
    End,
}
