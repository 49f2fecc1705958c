//! Suggestions for the copied buyer message, computed in a helper process.
//!
//! The multilingual model (72 MB, memory-mapped) and the suggestion index must not stay in
//! the app, which runs all day: a `quickreply suggest --serve` child holds them, is started on
//! the first buyer message (or the warm-up after start), answers JSON lines, and is stopped
//! after [`IDLE`] without requests. Its page cache makes the next cold start quick.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use quickreply_core::app::lock;
use quickreply_core::suggest::Suggestion;

/// The helper stops after this long without a request.
pub const IDLE: Duration = Duration::from_secs(180);
/// A message's answer (the index may need rebuilding after an edit).
const MESSAGE_TIMEOUT: Duration = Duration::from_secs(30);
/// Building the index of a large, freshly imported library embeds every text once.
const WARM_TIMEOUT: Duration = Duration::from_secs(900);

struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        // Closing stdin ends the helper's loop; kill in case it is stuck in a request.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The suggestions of the palette's current opening.
#[derive(Debug, Clone, Default)]
pub struct Current {
    /// The buyer message they are for.
    pub message: String,
    /// Its row in the library (`None`: learning is off).
    pub id: Option<i64>,
    /// Best first.
    pub suggestions: Vec<Suggestion>,
}

/// The helper process, started on demand.
pub struct Helper {
    db: PathBuf,
    running: Mutex<Option<Running>>,
    last_used: Mutex<Instant>,
    /// The suggestions of the palette's current opening.
    pub current: Mutex<Option<Current>>,
}

impl std::fmt::Debug for Helper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "suggestions::Helper({})", self.db.display())
    }
}

impl Helper {
    pub fn new(db: &Path) -> Self {
        Self {
            db: db.to_path_buf(),
            running: Mutex::new(None),
            last_used: Mutex::new(Instant::now()),
            current: Mutex::new(None),
        }
    }

    fn spawn(&self) -> Result<Running, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg("--db")
            .arg(&self.db)
            .args(["suggest", "--serve"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("the suggestion helper could not start: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        log::info!("suggestion helper started (pid {})", child.id());
        Ok(Running {
            child,
            stdin,
            lines: rx,
        })
    }

    /// Sends one request and waits for its answer (bounded); a helper that fails or times out
    /// is stopped and started again on the next request.
    fn request(
        &self,
        request: &serde_json::Value,
        timeout: Duration,
    ) -> Result<serde_json::Value, String> {
        *lock(&self.last_used) = Instant::now();
        let mut slot = lock(&self.running);
        if slot.is_none() {
            *slot = Some(self.spawn()?);
        }
        let Some(running) = slot.as_mut() else {
            return Err("the suggestion helper is not running".into());
        };
        let sent = writeln!(running.stdin, "{request}").and_then(|()| running.stdin.flush());
        if let Err(e) = sent {
            *slot = None;
            return Err(format!("the suggestion helper stopped: {e}"));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match running.lines.recv_timeout(left) {
                Ok(line) => {
                    let value: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
                    if let Some(warning) = value.get("warning").and_then(|w| w.as_str()) {
                        log::warn!("suggestions: {warning}");
                        continue; // a notice before the answer (model missing)
                    }
                    *lock(&self.last_used) = Instant::now();
                    if let Some(error) = value.get("error").and_then(|e| e.as_str()) {
                        return Err(error.to_string());
                    }
                    return Ok(value);
                }
                Err(RecvTimeoutError::Timeout) => {
                    *slot = None;
                    return Err(format!(
                        "the suggestion helper took over {timeout:?}; it was stopped"
                    ));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    *slot = None;
                    return Err("the suggestion helper stopped".into());
                }
            }
        }
    }

    /// Suggestions for a buyer message (`lang`: its detected language).
    pub fn for_message(
        &self,
        text: &str,
        lang: Option<&str>,
    ) -> Result<(Option<i64>, Vec<Suggestion>), String> {
        let answer = self.request(
            &serde_json::json!({"op": "message", "text": text, "lang": lang, "limit": 3}),
            MESSAGE_TIMEOUT,
        )?;
        let id = answer["id"].as_i64();
        let suggestions = serde_json::from_value::<Vec<Suggestion>>(answer["suggestions"].clone())
            .map_err(|e| format!("the suggestion helper answered in an unknown shape: {e}"))?;
        Ok((id, suggestions))
    }

    /// Builds the index (embedding what the cache lacks), so the first message is quick.
    pub fn warm(&self) -> Result<(), String> {
        self.request(&serde_json::json!({"op": "warm"}), WARM_TIMEOUT)
            .map(|_| ())
    }

    /// Stops the helper when it has been idle for [`IDLE`].
    pub fn stop_if_idle(&self) {
        if lock(&self.last_used).elapsed() < IDLE {
            return;
        }
        // try_lock: a request in progress is not idle.
        if let Ok(mut slot) = self.running.try_lock()
            && slot.take().is_some()
        {
            log::info!("suggestion helper stopped after {IDLE:?} idle");
        }
    }
}

/// Starts the idle reaper and warms the index a few seconds after start (then the helper
/// stops again after [`IDLE`], leaving the vectors cached in the library).
pub fn start(app: &tauri::AppHandle) {
    use tauri::Manager;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(5));
        let state = app.state::<crate::app::state::AppState>();
        if let Err(e) = state.suggestions.warm() {
            log::warn!("suggestions: warming the index failed: {e}");
        }
        // Start-up's transient allocations (library, index, warming) are done by now.
        crate::app::memory::trim_soon();
        loop {
            std::thread::sleep(Duration::from_secs(30));
            state.suggestions.stop_if_idle();
        }
    });
}
