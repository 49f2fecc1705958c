//! `detect`: one code per text, `und` when the text is too short or the guess too weak.

use std::io::Write;
use std::path::Path;

use quickreply_core::app::detect;
use quickreply_core::{Error, Result};

use super::{json_line, open, say};

pub fn run(path: &Path, text: Option<String>, json: bool, out: &mut Vec<u8>) -> Result<()> {
    // Only an existing library is read (for its default language): detecting must not create
    // one as a side effect.
    let library = if path.exists() {
        Some(open(path)?)
    } else {
        None
    };
    let texts: Vec<String> = match text {
        Some(text) => vec![text],
        None => std::io::stdin()
            .lines()
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::Invalid(format!("cannot read stdin: {e}")))?,
    };
    for found in detect::detect_all(library.as_ref(), &texts)? {
        if json {
            let value = match &found {
                Some(d) => serde_json::to_value(d).map_err(|e| Error::Invalid(e.to_string()))?,
                None => serde_json::json!({"code": "und", "confidence": 0.0, "runner_up": null}),
            };
            json_line(out, &value)?;
        } else {
            say!(out, "{}", found.as_ref().map_or("und", |d| d.code.as_str()))?;
        }
    }
    Ok(())
}
