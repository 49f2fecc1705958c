//! TEMPORARY (replaced by the import-parsers branch).

/// Slug.
#[must_use]
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "reply".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r-{out}")
    } else {
        out
    }
}

/// Unique key.
pub fn unique_key(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !taken(k))
        .unwrap_or_default()
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CandidateText {
    pub locale: String,
    pub body: String,
    pub status: crate::store::Status,
}
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub key: String,
    pub key_given: bool,
    pub title: String,
    pub category: String,
    pub tags: Vec<String>,
    pub shortcut: String,
    pub examples: Vec<String>,
    pub source_locale: String,
    pub texts: Vec<CandidateText>,
    pub origin: Origin,
}
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportWarning {
    pub origin: Origin,
    pub message: String,
    pub skipped: bool,
}
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize, Default)]
pub struct Parsed {
    pub candidates: Vec<Candidate>,
    pub warnings: Vec<ImportWarning>,
}
#[allow(missing_docs)]
pub mod espanso {
    pub fn read(_p: &std::path::Path, _s: &str) -> crate::Result<super::Parsed> {
        Ok(super::Parsed::default())
    }
}
#[allow(missing_docs)]
pub mod sheet {
    pub fn read(
        _p: &std::path::Path,
        _s: Option<&str>,
        _st: crate::store::Status,
    ) -> crate::Result<super::Parsed> {
        Ok(super::Parsed::default())
    }
}
