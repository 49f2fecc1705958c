//! Bounds on what the importers and the template parser accept, in one place. Files come from
//! shop owners, marketplaces and old tools, sometimes broken or hostile: past these bounds the
//! input gets an error that says what to do, never an out-of-memory or a stack overflow.

use std::io::Read;
use std::path::Path;

use crate::{Error, Result};

const MB: u64 = 1024 * 1024;

/// A text file read whole: a pack's `LOCALE.ftl` and `pack.toml`, an Espanso file, a reply
/// spreadsheet. 100 000 replies in one language are about 30 MB of FTL.
pub const MAX_TEXT_FILE_BYTES: u64 = 64 * MB;

/// A workbook (XLSX, XLS, ODS). The spreadsheet reader holds the whole sheet in memory, several
/// times the file's size once unpacked.
pub const MAX_WORKBOOK_BYTES: u64 = 64 * MB;

/// An order file in CSV or TSV. It is streamed, so the bound is on time more than memory: a
/// million Amazon rows are about 600 MB.
pub const MAX_ORDER_TEXT_BYTES: u64 = 768 * MB;

/// One cell of an order file or a reply spreadsheet. A longer cell is a broken row (an
/// unclosed quote swallows the rest of the file), reported with its line.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// One template's text. Ten thousand characters of reply are long; this is a hundred times that.
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// Variants of one selector (`{ $n -> … }`). Plural and gender selectors have a handful.
pub const MAX_SELECT_VARIANTS: usize = 200;

/// Placeables nested in one another (`{ { { … } } }`). The Fluent parser recurses once per
/// level, so without a bound a hostile file overflows the stack.
pub const MAX_PLACEABLE_DEPTH: usize = 32;

/// `bytes` in words: "1.2 GB", "50 MB", "800 KB".
#[must_use]
pub fn size_text(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if bytes >= 1024 * MB {
        format!("{:.1} GB", b / (1024.0 * MB as f64))
    } else if bytes >= MB {
        format!("{:.0} MB", (b / MB as f64).max(1.0))
    } else {
        format!("{:.0} KB", (b / 1024.0).max(1.0))
    }
}

/// The error for a file larger than `limit`; `what` names the kind of file.
#[must_use]
pub fn too_large(path: &Path, size: u64, limit: u64, what: &str) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        message: format!(
            "the file is {}, larger than the {} a {what} may be: split it into smaller files \
             and import them one after another",
            size_text(size),
            size_text(limit)
        ),
    }
}

/// Reads a whole file of at most `limit` bytes, checking its size before reading it.
///
/// # Errors
/// [`Error::Io`] when it cannot be read; [`Error::BadFile`] when it is larger than `limit`.
pub fn read_file(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = file.metadata()
        && meta.len() > limit
    {
        return Err(too_large(path, meta.len(), limit, what));
    }
    // The size can change while it is read (or be unknown, for a pipe): read one byte past the
    // limit to tell.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit, what));
    }
    Ok(bytes)
}

/// A reader that fails with an I/O error past `limit` bytes (for streamed input).
#[derive(Debug)]
pub struct Bounded<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R> Bounded<R> {
    /// Wraps `inner`, allowing `limit` bytes.
    pub fn new(inner: R, limit: u64) -> Self {
        Self {
            inner,
            left: limit,
            limit,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One more byte means the input is longer than allowed.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(format!(
                    "the file is larger than the {} an order file may be: split it into smaller \
                     files and import them one after another",
                    size_text(self.limit)
                ))),
            };
        }
        let max = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Where placeables nest deeper than [`MAX_PLACEABLE_DEPTH`] in FTL `source`: the byte offset
/// of the `{` that goes too deep. String literals (`{ "{" }`) are skipped, so literal braces
/// do not count. Text outside placeables may hold any character but `{`.
#[must_use]
pub fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in source.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                // An unclosed string ends at the line's end, as the parser sees it.
                b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => {
                depth += 1;
                if depth > MAX_PLACEABLE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_string_literals() {
        assert_eq!(too_deep("a { $x } b { \"{\" } { \"{{{{\" }"), None);
        let deep = format!("m = {}$x{}", "{ ".repeat(40), " }".repeat(40));
        let at = too_deep(&deep).unwrap();
        assert_eq!(deep[..at].matches('{').count(), MAX_PLACEABLE_DEPTH);
        // Siblings are not nesting.
        assert_eq!(too_deep(&"{ $x } ".repeat(1000)), None);
    }

    #[test]
    fn a_bounded_reader_fails_past_its_limit_only() {
        let mut ok = Vec::new();
        Bounded::new(&b"12345"[..], 5).read_to_end(&mut ok).unwrap();
        assert_eq!(ok, b"12345");
        let err = Bounded::new(&b"123456"[..], 5)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("split it"), "{err}");
    }

    #[test]
    fn a_file_past_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ftl");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: 1 GB on paper, nothing on the disk.
        file.set_len(1024 * MB).unwrap();
        let err = read_file(&path, MAX_TEXT_FILE_BYTES, "pack file").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("1.0 GB") && text.contains("64 MB"), "{text}");
    }
}
