//! The buyer's language from a copied message, detected in a short-lived child process.
//!
//! The detector's language models are ~80 MB of the binary; detecting pages them in. Run in
//! the app, they would stay resident for as long as it runs (it runs all day); run in a child
//! (`quickreply detect`), they leave with it. The palette is already visible meanwhile: the
//! language chip updates when the answer arrives.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Longest a detection may take before the palette gives up on it.
const TIMEOUT: Duration = Duration::from_secs(2);
/// The start of a long message is enough to tell its language.
const MAX_CHARS: usize = 1000;

/// The core's language-detection port, answered by a `quickreply detect` child process on the
/// same library.
#[derive(Debug)]
pub struct ChildProcessDetector<'a> {
    db: &'a Path,
}

impl<'a> ChildProcessDetector<'a> {
    pub fn new(db: &'a Path) -> Self {
        Self { db }
    }
}

impl quickreply_core::ports::LanguageDetector for ChildProcessDetector<'_> {
    fn language_of(&self, text: &str) -> Option<String> {
        of_buyer_message(self.db, text)
    }
}

/// The language code of `text` (`ru`, `ar`, `ms`…), or `None` when the text is too short, the
/// guess too weak, or detection failed (then the palette keeps the shop's default).
fn of_buyer_message(db: &Path, text: &str) -> Option<String> {
    let text: String = text.chars().take(MAX_CHARS).collect();
    let exe = std::env::current_exe().ok()?;
    let mut command = Command::new(exe);
    command
        .arg("--db")
        .arg(db)
        .args(["detect", "--json", "--"])
        .arg(&text);
    let output = match super::child::output_within(&mut command, TIMEOUT) {
        Ok(Some(output)) => output,
        Ok(None) => {
            log::warn!("language detection took over {TIMEOUT:?}; using the default language");
            return None;
        }
        Err(e) => {
            log::warn!("language detection could not start: {e}");
            return None;
        }
    };
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let code = answer["code"].as_str()?;
    log::info!(
        "buyer message language: {code} (confidence {})",
        answer["confidence"]
    );
    (code != "und").then(|| code.to_string())
}
