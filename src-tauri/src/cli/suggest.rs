//! `suggest`, `learn`, `insights`, `forget`: suggested replies for buyer messages, learning
//! from the shop's picks, and what buyers ask. The model is loaded once per process.

use std::io::{BufRead, Write};
use std::path::Path;

use quickreply_core::app::{detect, insights as core_insights, suggest as core_suggest};
use quickreply_core::ports::Embedder;
use quickreply_core::suggest::{ReasonKind, Suggestion};
use quickreply_core::{Error, Library, Result};
use quickreply_embed::E5;

use super::{json_line, open, say};

/// The installed model, or `None` with a warning on stderr: suggestions then match words and
/// learned picks only, which the person should know.
fn model() -> Option<E5> {
    match E5::load_installed() {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!(
                "quickreply: warning: {e}; suggestions match words only (run scripts/fetch-model.sh or reinstall)"
            );
            None
        }
    }
}

fn read_stdin_lines() -> Result<Vec<String>> {
    std::io::stdin()
        .lines()
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::Invalid(format!("cannot read stdin: {e}")))
}

/// The reason as one line: `example: where is my order`.
fn reason_line(s: &Suggestion) -> String {
    let kind = match s.reason.kind {
        ReasonKind::AskedBefore => "asked before",
        ReasonKind::Example => "example",
        ReasonKind::Title => "title",
        ReasonKind::Text => "text",
    };
    format!("{kind}: {}", s.reason.text)
}

fn lang_of(library: &Library, text: &str) -> Result<Option<String>> {
    Ok(detect::detect_all(Some(library), &[text.to_string()])?
        .pop()
        .flatten()
        .map(|d| d.code))
}

pub fn run(
    path: &Path,
    text: Option<String>,
    limit: usize,
    json: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    let library = open(path)?;
    core_suggest::apply_retention(&library)?;
    let model = model();
    let embedder = model.as_ref().map(|m| m as &dyn Embedder);
    let mut suggester = core_suggest::Suggester::new();
    if let Some(text) = text {
        let lang = lang_of(&library, &text)?;
        let found = suggester.suggest(&library, embedder, &text, lang.as_deref(), limit)?;
        if json {
            let list: Vec<serde_json::Value> = found
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "key": s.key,
                        "title": s.title,
                        "score": (s.score * 1000.0).round() / 1000.0,
                        "locale": s.locale,
                        "reason": reason_line(s),
                        "reason_kind": s.reason.kind,
                    })
                })
                .collect();
            json_line(out, &list)?;
        } else {
            for s in &found {
                say!(
                    out,
                    "{}\t{}\t{:.3}",
                    s.key,
                    s.title.replace(['\t', '\n'], " "),
                    s.score
                )?;
            }
        }
        return Ok(());
    }
    // Batch: one line of keys per message line (an empty line gives an empty line).
    for line in read_stdin_lines()? {
        let found = suggester.suggest(&library, embedder, &line, None, limit)?;
        let keys: Vec<&str> = found.iter().map(|s| s.key.as_str()).collect();
        say!(out, "{}", keys.join("\t"))?;
    }
    Ok(())
}

pub fn learn(path: &Path, pick: Option<(String, String)>, out: &mut Vec<u8>) -> Result<()> {
    let picks: Vec<(String, String)> = match pick {
        Some(pick) => vec![pick],
        None => {
            let mut picks = Vec::new();
            for (i, line) in read_stdin_lines()?.into_iter().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let Some((key, text)) = line.split_once('\t') else {
                    return Err(Error::Invalid(format!(
                        "stdin line {}: write KEY<TAB>TEXT (no tab found)",
                        i + 1
                    )));
                };
                picks.push((key.to_string(), text.to_string()));
            }
            picks
        }
    };
    if picks.is_empty() {
        return Err(Error::Invalid(
            "nothing to learn: give --key KEY TEXT, or KEY<TAB>TEXT lines on stdin".into(),
        ));
    }
    let library = open(path)?;
    let model = model();
    let n = core_suggest::learn(&library, model.as_ref().map(|m| m as &dyn Embedder), &picks)?;
    say!(out, "learned {n} pick(s)")?;
    Ok(())
}

pub fn forget(path: &Path, before: &str, out: &mut Vec<u8>) -> Result<()> {
    let library = open(path)?;
    let n = core_suggest::forget_before(&library, before)?;
    say!(out, "forgot {n} buyer message(s) copied before {before}")?;
    Ok(())
}

pub fn insights(path: &Path, since: Option<&str>, json: bool, out: &mut Vec<u8>) -> Result<()> {
    let library = open(path)?;
    let model = model();
    let report =
        core_insights::insights(&library, model.as_ref().map(|m| m as &dyn Embedder), since)?;
    if json {
        return json_line(out, &report);
    }
    say!(
        out,
        "{} → {}: {} buyer message(s), {} paste(s)",
        report.since,
        report.until,
        report.messages,
        report.uses
    )?;
    say!(out, "\nMost used replies")?;
    for r in &report.top_replies {
        say!(out, "  {:>5}  {}  ({})", r.uses, r.title, r.key)?;
    }
    say!(out, "\nBuyer languages")?;
    for l in &report.languages {
        say!(
            out,
            "  {:<6} {:>5} message(s) {:>5} paste(s)",
            l.lang,
            l.messages,
            l.uses
        )?;
    }
    say!(out, "\nPastes by hour: {}", join(&report.by_hour))?;
    say!(
        out,
        "Pastes by weekday (Mon…Sun): {}",
        join(&report.by_weekday)
    )?;
    say!(out, "\nQuestion topics")?;
    for t in &report.topics {
        let rising = if t.rising { "  RISING" } else { "" };
        say!(
            out,
            "  {} ({}; {} → {} this week){rising}",
            t.label,
            t.size,
            t.last_week,
            t.this_week
        )?;
        if let Some(reply) = &t.top_reply {
            say!(out, "      answered with: {}", reply.title)?;
        }
    }
    say!(out, "\nUnanswered questions")?;
    for t in &report.unanswered {
        say!(out, "  {} ({})", t.label, t.size)?;
    }
    Ok(())
}

fn join(counts: &[u64]) -> String {
    counts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The desktop app's helper: JSON requests on stdin, one answer line each, until stdin closes.
/// The model and the index stay loaded between requests (the app stops the helper when idle).
///
/// Requests: `{"op":"warm"}` (build the index) → `{"ok":true}`;
/// `{"op":"message","text":…,"lang":…,"limit":3}` → `{"id":…,"suggestions":[…]}`.
/// A failure answers `{"error":"…"}` and the helper goes on.
pub fn serve(path: &Path) -> Result<()> {
    lower_priority();
    let library = open(path)?;
    core_suggest::apply_retention(&library)?;
    let model = match E5::load_installed() {
        Ok(m) => Some(m),
        Err(e) => {
            log_line(&serde_json::json!({"warning": e.to_string()}));
            None
        }
    };
    let embedder = model.as_ref().map(|m| m as &dyn Embedder);
    let mut suggester = core_suggest::Suggester::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let request: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                log_line(&serde_json::json!({"error": format!("not a request: {e}")}));
                continue;
            }
        };
        let answer = match request["op"].as_str() {
            Some("warm") => suggester
                .index(&library, embedder)
                .map(|_| serde_json::json!({"ok": true})),
            Some("message") => {
                let text = request["text"].as_str().unwrap_or_default();
                let lang = request["lang"].as_str();
                let limit = request["limit"]
                    .as_u64()
                    .map_or(3, |n| usize::try_from(n).unwrap_or(3));
                core_suggest::on_message(&library, &mut suggester, embedder, text, lang, limit).map(
                    |(id, suggestions)| serde_json::json!({"id": id, "suggestions": suggestions}),
                )
            }
            _ => Err(Error::Invalid(format!("unknown request: {line}"))),
        };
        log_line(&answer.unwrap_or_else(|e| serde_json::json!({"error": e.to_string()})));
    }
    Ok(())
}

/// The helper yields the CPU to the app and the browser: embedding a freshly imported library
/// keeps every core busy for seconds to minutes, and staff are typing meanwhile.
fn lower_priority() {
    #[cfg(unix)]
    {
        // SAFETY: setpriority on this process (who = 0) with a valid nice value; it only
        // changes scheduling, and a failure (returned, not signalled) is harmless.
        let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) };
        if rc != 0 {
            log_line(
                &serde_json::json!({"warning": "the suggestion helper could not lower its priority"}),
            );
        }
    }
}

fn log_line(value: &serde_json::Value) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{value}");
    let _ = stdout.flush();
}
