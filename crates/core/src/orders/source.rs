//! Opening an order file as it comes: a workbook (XLSX, XLS, ODS: the first sheet) or delimited
//! text in UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy encoding (Shift-JIS from
//! Amazon.co.jp, GBK/GB18030 from Chinese tools, Windows-1252 from Western Excel), told apart by
//! `chardetng`. Text is never decoded lossily: a file no encoding reads cleanly is an error that
//! says which were tried.
//!
//! UTF-8 text, which is what large exports are, streams: only its first megabyte is looked at
//! before the rows are read. Other encodings are converted whole, once, in memory.

use std::io::{Cursor, Read};
use std::path::Path;

use encoding_rs::Encoding;

use super::table::Table;
use crate::limits::{self, Bounded};
use crate::{Error, Result};

/// How much of a file is looked at to decide whether it is UTF-8 or a workbook.
const SNIFF: usize = 1 << 20;

/// The bytes a table reads: the sniffed start then the rest of the file, or converted text.
pub(super) enum Input<R: Read> {
    /// UTF-8 text as it is in the file.
    Stream(std::io::Chain<Cursor<Vec<u8>>, R>),
    /// Text converted to UTF-8 from another encoding.
    Converted(Cursor<Vec<u8>>),
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Self::Stream(r) => r.read(buf),
            Self::Converted(r) => r.read(buf),
        }
    }
}

/// An opened order file: its table (positioned after the header) and, when the text was not
/// UTF-8, the encoding it was read as, for the report.
pub(super) struct Opened<R: Read> {
    pub table: Table<Input<R>>,
    pub encoding: Option<&'static str>,
}

/// Opens `reader` (named `path` in errors) as a table.
///
/// # Errors
/// [`Error::Io`] on read failure; [`Error::BadFile`] for a workbook that cannot be read, text in
/// no encoding tried, or an empty file.
pub(super) fn open<R: Read>(reader: R, path: &Path) -> Result<Opened<Bounded<R>>> {
    let mut reader = Bounded::new(reader, limits::MAX_ORDER_TEXT_BYTES);
    let mut head = Vec::with_capacity(64 * 1024);
    (&mut reader)
        .take(SNIFF as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;

    if is_workbook(path, &head) {
        let mut bytes = head;
        let rest = limits::MAX_WORKBOOK_BYTES + 1 - bytes.len() as u64;
        (&mut reader)
            .take(rest)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > limits::MAX_WORKBOOK_BYTES {
            return Err(limits::too_large(
                path,
                bytes.len() as u64,
                limits::MAX_WORKBOOK_BYTES,
                "workbook",
            ));
        }
        let table = Table::sheet(first_sheet(path, bytes)?, path)?;
        return Ok(Opened {
            table,
            encoding: None,
        });
    }

    let utf8 = head.starts_with(b"\xEF\xBB\xBF")
        || match std::str::from_utf8(&head) {
            Ok(_) => true,
            // Cut in the middle of a character at the end of the sniffed part.
            Err(e) => e.error_len().is_none() && head.len() == SNIFF,
        };
    if utf8 && !head.contains(&0) {
        let input = Input::Stream(Cursor::new(head).chain(reader));
        return Ok(Opened {
            table: Table::open(input, path)?,
            encoding: None,
        });
    }

    let mut bytes = head;
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    let (text, encoding) = decode(path, &bytes)?;
    Ok(Opened {
        table: Table::open(Input::Converted(Cursor::new(text.into_bytes())), path)?,
        encoding: Some(encoding),
    })
}

/// Converts text that is not UTF-8: UTF-16 by its BOM, else the legacy encoding `chardetng`
/// guesses, else Shift-JIS, GB18030 and Windows-1252 in turn; the first that decodes without a
/// single invalid byte and without control characters (which no order export has, and which
/// Windows-1252 produces from binary data) wins. Returns the text and the encoding's name.
///
/// # Errors
/// [`Error::BadFile`] naming the encodings tried when none fits.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str)> {
    let bom = if bytes.starts_with(b"\xFF\xFE") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    let mut tried: Vec<&'static Encoding> = Vec::new();
    if let Some(encoding) = bom {
        if let Some(text) = clean(encoding, &bytes[2..]) {
            return Ok((text, name(encoding)));
        }
        tried.push(encoding);
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
        for encoding in [
            guess,
            encoding_rs::SHIFT_JIS,
            encoding_rs::GB18030,
            encoding_rs::WINDOWS_1252,
        ] {
            if tried.contains(&encoding) {
                continue;
            }
            tried.push(encoding);
            if let Some(text) = clean(encoding, bytes) {
                return Ok((text, name(encoding)));
            }
        }
    }
    let mut names = vec!["UTF-8"];
    names.extend(tried.iter().map(|e| name(e)));
    Err(Error::BadFile {
        path: path.to_path_buf(),
        message: format!(
            "the file is not text in any encoding tried ({}): if it is an order export, open it \
             in Excel and save it as \"CSV UTF-8\" (or as an Excel workbook), then import it again",
            names.join(", ")
        ),
    })
}

/// The text, when every byte decodes and nothing but text came out.
fn clean(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let control = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffd}';
    (!text.chars().any(control)).then(|| text.into_owned())
}

/// The encoding's name as a shop owner knows it.
fn name(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "Shift_JIS" => "Japanese (Shift-JIS)",
        "gb18030" | "GBK" => "Chinese (GBK/GB18030)",
        "windows-1252" => "Western European (Windows-1252)",
        "UTF-16LE" | "UTF-16BE" => "UTF-16",
        "EUC-KR" => "Korean (EUC-KR)",
        "Big5" => "Traditional Chinese (Big5)",
        "windows-1251" => "Cyrillic (Windows-1251)",
        other => other,
    }
}

/// Whether to read the file as a workbook: by its content (a ZIP file is XLSX or ODS, an OLE
/// file XLS) whatever its name. An `.xls` that is not an OLE file is read as text: shop systems
/// often export tab-separated text under that name.
fn is_workbook(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
        || (matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods") && !bytes.is_empty())
}

/// The first sheet of a workbook.
fn first_sheet(path: &Path, bytes: Vec<u8>) -> Result<calamine::Range<calamine::Data>> {
    use calamine::Reader;
    let cannot = |e: &dyn std::fmt::Display| Error::BadFile {
        path: path.to_path_buf(),
        message: format!(
            "cannot read the spreadsheet ({e}): open it in Excel or LibreOffice and save it \
             again, or save it as CSV UTF-8"
        ),
    };
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
    match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| cannot(&e)),
        None => Err(Error::BadFile {
            path: path.to_path_buf(),
            message: "the workbook has no sheet: export the orders again".into(),
        }),
    }
}
