//! Streaming delimited-text reading shared by the importers: BOM and delimiter detection, the
//! header row, and rows checked for field count and UTF-8, each with its physical line number.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::error::RowError;
use crate::{Error, Result};

/// A delimited file positioned after its header row.
pub(super) struct Table<R: Read> {
    rdr: csv::Reader<BufReader<R>>,
    /// Header cells, trimmed (the keys of `raw`).
    pub header: Vec<String>,
    /// Header cells lower-cased, for matching column names.
    pub keys: Vec<String>,
    /// The file name as shown in row errors.
    pub file: String,
    pub path: PathBuf,
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
    /// # Errors
    /// [`Error::Io`] on read failure, [`Error::BadFile`] for an empty file or a header that is
    /// not text.
    pub fn open(reader: R, path: &Path) -> Result<Self> {
        let mut buf = BufReader::with_capacity(64 * 1024, reader);
        let head = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            buf.consume(3);
        }
        let head = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        let count = |c: u8| first_line.iter().filter(|&&b| b == c).count();
        let delimiter = match (count(b','), count(b'\t'), count(b';')) {
            (0, tabs, semis) if tabs > 0 && tabs >= semis => b'\t',
            (0, _, semis) if semis > 0 => b';',
            _ => b',',
        };

        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(buf);
        let bad = |message: String| Error::BadFile { path: path.to_path_buf(), message };
        let mut rec = StringRecord::new();
        let found = rdr.read_record(&mut rec).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => Error::io(path, e),
            csv::ErrorKind::Utf8 { .. } => {
                bad("the header row is not UTF-8 text: save the file as UTF-8 CSV".to_owned())
            }
            other => bad(format!("cannot read the header row: {other:?}")),
        })?;
        if !found {
            return Err(bad("the file is empty: expected a header row, then one row per order".to_owned()));
        }
        let header: Vec<String> = rec.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_owned()).collect();
        let keys = header.iter().map(|h| h.to_lowercase()).collect();
        Ok(Self { rdr, header, keys, file: path.display().to_string(), path: path.to_path_buf() })
    }

    /// Reads the next row into `rec`. Rows whose cells are all blank are skipped silently: they
    /// are what spreadsheets leave at the end of an export, not mistakes.
    ///
    /// # Errors
    /// [`Error::Io`] on read failure.
    pub fn next(&mut self, rec: &mut StringRecord) -> Result<Next> {
        loop {
            match self.rdr.read_record(rec) {
                Ok(false) => return Ok(Next::End),
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, line_of);
                    return match e.into_kind() {
                        csv::ErrorKind::Io(e) => Err(Error::io(&self.path, e)),
                        csv::ErrorKind::Utf8 { .. } => Ok(Next::Bad(self.error(
                            line,
                            "the row is not UTF-8 text: save the file as UTF-8 CSV".to_owned(),
                        ))),
                        other => Ok(Next::Bad(self.error(line, format!("cannot read the row: {other:?}")))),
                    };
                }
            }
            let line = rec.position().map_or(0, line_of);
            if rec.len() != self.header.len() {
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                return Ok(Next::Bad(self.error(
                    line,
                    format!(
                        "expected {} fields as in the header, found {} (a missing or unquoted delimiter?)",
                        self.header.len(),
                        rec.len()
                    ),
                )));
            }
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Ok(Next::Row(line));
        }
    }

    pub fn error(&self, line: usize, message: String) -> RowError {
        RowError { file: self.file.clone(), line, message }
    }

    /// The row as a JSON object keyed by header name; columns with an empty name are left out.
    pub fn raw(&self, rec: &StringRecord) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (name, cell) in self.header.iter().zip(rec.iter()) {
            if !name.is_empty() {
                map.insert(name.clone(), serde_json::Value::String(cell.to_owned()));
            }
        }
        serde_json::Value::Object(map)
    }
}

fn line_of(pos: &csv::Position) -> usize {
    usize::try_from(pos.line()).unwrap_or(usize::MAX)
}
