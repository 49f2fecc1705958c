//! The paste pipeline: give focus back to the window the user was typing in, put the reply on
//! the clipboard, send the paste keystroke, and put the user's clipboard back once the target
//! has had time to read it. Written over the [ports](crate::ports), so it runs the same against
//! the real OS and against the in-memory ports of `quickreply-testkit` in its tests
//! (`tests/paste_pipeline.rs`).

mod guard;

pub use guard::ClipboardGuard;

use std::fmt;
use std::time::{Duration, Instant};

use crate::ports::{
    Clipboard, Clock, FocusTracker, KeyInjector, PasteKeystroke, PortError, WindowId,
};

/// How long the pipeline waits, and how often it looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteTimings {
    /// Longest wait for the target window to have focus again after the palette hid.
    pub focus_timeout: Duration,
    /// How often focus is checked while waiting: a bounded poll, not one fixed sleep, so a
    /// fast window manager costs a few milliseconds and a slow one still works.
    pub focus_poll: Duration,
    /// If focus has not come back this long after the activation request, ask again: a
    /// request sent while the palette was still being hidden can be dropped by the window
    /// manager.
    pub reactivate_after: Duration,
    /// Pause between the target getting window focus back and the keystroke: a browser moves
    /// keyboard focus back into its text field a moment after the window is activated, and a
    /// keystroke sent in between can be lost (seen once in 25 end-to-end runs without it).
    pub settle_after_focus: Duration,
    /// Time the target gets to read the clipboard after the keystroke before the old contents
    /// go back, with a clipboard that cannot tell when the reply was read (Windows, macOS,
    /// the arboard fallback). Most OSes give no "pasted" signal; Chromium on X11 pasted nothing or the old
    /// text when this was 0–5 ms and pasted reliably from 20 ms. But Chromium also drops a
    /// paste whose clipboard changes while the page's own `paste` handler still runs: a rich
    /// chat editor that takes 100 ms there lost every paste with 150 ms (end-to-end case o),
    /// and so did a plain chat box on a loaded machine. Half a second covers slow editors and
    /// is still shorter than anyone takes to copy the next message.
    pub restore_after: Duration,
    /// With a clipboard that tells when the reply is read (X11, where we serve it ourselves):
    /// the old contents go back once the reply has been read and no further read came for
    /// this long. Chromium reads it when the keystroke arrives and drops the paste if the
    /// clipboard changes before the page's own `paste` handler has returned, which a rich chat
    /// editor can delay by a few hundred milliseconds (end-to-end case o).
    pub read_quiet: Duration,
    /// ... and at the latest this long after the keystroke, read or not: a field that ignored
    /// the keystroke must not keep the user's clipboard away.
    pub restore_at_most: Duration,
    /// How often the reply's status is looked at meanwhile.
    pub read_poll: Duration,
}

impl Default for PasteTimings {
    fn default() -> Self {
        Self {
            focus_timeout: Duration::from_millis(500),
            focus_poll: Duration::from_millis(5),
            reactivate_after: Duration::from_millis(100),
            settle_after_focus: Duration::from_millis(25),
            restore_after: Duration::from_millis(500),
            read_quiet: Duration::from_millis(800),
            restore_at_most: Duration::from_secs(3),
            read_poll: Duration::from_millis(10),
        }
    }
}

/// What a successful paste took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteReport {
    /// From the start until the target had focus (zero when it already had it or no target
    /// was given).
    pub focus_wait: Duration,
    /// From the start until the clipboard was restored.
    pub total: Duration,
    /// Whether the user's previous clipboard was put back.
    pub restored: bool,
    /// Why it was not, when `restored` is false. The reply was pasted, but the user's old
    /// clipboard is lost: worth a notice in the UI (see `app::paste::restore_notice`).
    pub restore_error: Option<String>,
    /// Not restored on purpose: the user copied something new during the paste, and it was
    /// left on the clipboard. Nothing was lost.
    pub newer_copy_kept: bool,
}

/// The step of the pipeline that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasteStage {
    /// Giving focus back to the window to paste into.
    Focus,
    /// Saving the user's clipboard before the reply replaces it.
    ReadClipboard,
    /// Putting the reply on the clipboard.
    WriteClipboard,
    /// Sending the paste keystroke (`Ctrl+V`, `Cmd+V`, …).
    SendKeys,
}

impl fmt::Display for PasteStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Focus => "giving focus back to the target window",
            Self::ReadClipboard => "saving the clipboard",
            Self::WriteClipboard => "putting the reply on the clipboard",
            Self::SendKeys => "sending the paste keystroke",
        })
    }
}

/// Why a paste did not happen.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PasteError {
    /// The target window did not have focus within the timeout. Nothing was pasted: pasting
    /// into whatever has focus instead could send the reply to the wrong buyer.
    #[error(
        "the window to paste into ({target}) did not get focus back within {} ms (focus is on \
         {})",
        .waited.as_millis(),
        .focused.map_or_else(|| "no window".to_owned(), |w| w.to_string())
    )]
    FocusNotRestored {
        /// The window the reply was meant for.
        target: WindowId,
        /// How long the pipeline waited (at least [`PasteTimings::focus_timeout`]).
        waited: Duration,
        /// The window that had focus instead; `None` when none had it.
        focused: Option<WindowId>,
    },

    /// A port failed during `stage`.
    #[error("{stage} failed: {source}")]
    Port {
        /// The step that failed.
        stage: PasteStage,
        /// What the OS port reported.
        #[source]
        source: PortError,
    },
}

impl PasteError {
    /// A stable machine-readable code, for the IPC `{code, message}` shape.
    pub fn code(&self) -> crate::error::Code {
        use crate::error::Code;
        match self {
            Self::FocusNotRestored { .. } => Code::FocusNotRestored,
            Self::Port {
                stage: PasteStage::Focus,
                ..
            } => Code::FocusFailed,
            Self::Port {
                stage: PasteStage::ReadClipboard,
                ..
            } => Code::ClipboardReadFailed,
            Self::Port {
                stage: PasteStage::WriteClipboard,
                ..
            } => Code::ClipboardWriteFailed,
            Self::Port {
                stage: PasteStage::SendKeys,
                ..
            } => Code::KeystrokeFailed,
        }
    }

    fn port(stage: PasteStage) -> impl FnOnce(PortError) -> Self {
        move |source| Self::Port { stage, source }
    }
}

/// Pastes `text` into `target` (or into whatever has focus, when `target` is `None`):
///
/// 1. If `target` lacks focus, activate it and poll until it has focus, at most
///    `timings.focus_timeout` (re-asking every `reactivate_after`).
/// 2. Save the clipboard, arming a [`ClipboardGuard`] before anything is written, so every
///    failure after this point puts the user's clipboard back.
/// 3. Write the reply, send `keys`, wait until the target has read it ([`wait_for_reads`]),
///    restore. When another program put something on the clipboard meanwhile (the user copied
///    the next message), that is left there and the report says the old clipboard was not
///    restored.
///
/// Blocks for the focus wait plus the wait for the reads (at most `restore_at_most`): call it
/// on a worker thread.
///
/// # Errors
/// [`PasteError::FocusNotRestored`] when the target did not get focus in time (nothing pasted,
/// clipboard untouched); [`PasteError::Port`] when a port failed, with the stage. A failed
/// *restore* after a successful paste is not an error: see [`PasteReport::restored`].
#[allow(clippy::too_many_arguments)] // Each port is a separate borrow; a struct would hide that.
pub fn paste_into(
    target: Option<WindowId>,
    text: &str,
    keys: PasteKeystroke,
    timings: &PasteTimings,
    clipboard: &mut dyn Clipboard,
    injector: &mut dyn KeyInjector,
    focus: &mut dyn FocusTracker,
    clock: &dyn Clock,
) -> Result<PasteReport, PasteError> {
    let start = clock.now();
    let focus_wait = match target {
        Some(target) => {
            let waited = wait_for_focus(target, timings, focus, clock, start)?;
            clock.sleep(timings.settle_after_focus);
            waited
        }
        None => Duration::ZERO,
    };

    let saved = clipboard
        .read()
        .map_err(PasteError::port(PasteStage::ReadClipboard))?;
    let mut guard = ClipboardGuard::new(clipboard, saved);
    guard
        .clipboard()
        .write_text(text)
        .map_err(PasteError::port(PasteStage::WriteClipboard))?;
    injector
        .send(keys)
        .map_err(PasteError::port(PasteStage::SendKeys))?;
    let after = wait_for_reads(guard.clipboard(), text, timings, clock);
    let restore_error = match after {
        AfterPaste::Restore => match guard.restore() {
            Ok(()) => None,
            Err(e) => {
                log::warn!("pasted, but the previous clipboard could not be restored: {e}");
                Some(e.to_string())
            }
        },
        AfterPaste::Replaced => {
            // Restoring now would overwrite what the user has just copied.
            guard.disarm();
            log::info!("pasted; the clipboard was replaced meanwhile and is left as it is");
            Some(
                "another program put something new on the clipboard during the paste; it was \
                 left there instead of your previous clipboard"
                    .to_owned(),
            )
        }
    };
    let total = clock.now().saturating_duration_since(start);
    log::debug!("pasted with {keys} in {total:?} (focus wait {focus_wait:?})");
    Ok(PasteReport {
        focus_wait,
        total,
        restored: restore_error.is_none(),
        restore_error,
        newer_copy_kept: after == AfterPaste::Replaced,
    })
}

/// What to do once the target had its chance to read the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterPaste {
    Restore,
    /// Something else is on the clipboard now: leave it.
    Replaced,
}

/// Step 3's wait after the keystroke. A clipboard that cannot tell when the reply is read gets
/// `restore_after`. One that can is watched every `read_poll` until the reply has been read
/// and then not read again for `read_quiet`, or `restore_at_most` has passed.
fn wait_for_reads(
    clipboard: &mut dyn Clipboard,
    reply: &str,
    timings: &PasteTimings,
    clock: &dyn Clock,
) -> AfterPaste {
    let sent = clock.now();
    let Some(mut seen) = clipboard.reply_status() else {
        clock.sleep(timings.restore_after);
        return AfterPaste::Restore;
    };
    let mut last_read = sent;
    loop {
        if !seen.on_clipboard {
            // A clipboard manager (CopyQ, Klipper, Parcellite) takes the clipboard over with
            // a copy of what was put there: that is still the reply, and the person's own
            // clipboard must come back. Its reads cannot be counted: wait the fixed time.
            if clipboard.read_text().ok().flatten().as_deref() == Some(reply) {
                log::info!(
                    "a clipboard manager took the reply over; restoring after the fixed wait"
                );
                let waited = clock.now().saturating_duration_since(sent);
                clock.sleep(timings.restore_after.saturating_sub(waited));
                return AfterPaste::Restore;
            }
            return AfterPaste::Replaced;
        }
        let now = clock.now();
        let read_and_done =
            seen.reads > 0 && now.saturating_duration_since(last_read) >= timings.read_quiet;
        if read_and_done || now.saturating_duration_since(sent) >= timings.restore_at_most {
            let after = now.saturating_duration_since(sent).as_millis();
            if seen.reads == 0 {
                log::warn!(
                    "nothing read the reply within {after} ms of the keystroke; restoring the clipboard"
                );
            } else {
                log::info!(
                    "restoring the clipboard {after} ms after the keystroke; the reply was read {} times",
                    seen.reads
                );
            }
            return AfterPaste::Restore;
        }
        clock.sleep(timings.read_poll);
        let Some(status) = clipboard.reply_status() else {
            return AfterPaste::Restore;
        };
        if status.reads > seen.reads {
            last_read = clock.now();
        }
        seen = status;
    }
}

/// Step 1: returns how long it took from `start` until `target` had focus.
fn wait_for_focus(
    target: WindowId,
    timings: &PasteTimings,
    focus: &mut dyn FocusTracker,
    clock: &dyn Clock,
    start: Instant,
) -> Result<Duration, PasteError> {
    let mut current = focus
        .focused()
        .map_err(PasteError::port(PasteStage::Focus))?;
    if current == Some(target) {
        return Ok(clock.now().saturating_duration_since(start));
    }
    focus
        .activate(target)
        .map_err(PasteError::port(PasteStage::Focus))?;
    let mut last_activate = clock.now();
    // A zero poll interval would spin: wait at least 1 ms between looks.
    let poll = timings.focus_poll.max(Duration::from_millis(1));
    loop {
        let waited = clock.now().saturating_duration_since(start);
        if waited >= timings.focus_timeout {
            return Err(PasteError::FocusNotRestored {
                target,
                waited,
                focused: current,
            });
        }
        // Never sleep past the deadline.
        clock.sleep(poll.min(timings.focus_timeout - waited));
        current = focus
            .focused()
            .map_err(PasteError::port(PasteStage::Focus))?;
        if current == Some(target) {
            return Ok(clock.now().saturating_duration_since(start));
        }
        let now = clock.now();
        let before_deadline = now.saturating_duration_since(start) < timings.focus_timeout;
        if before_deadline
            && now.saturating_duration_since(last_activate) >= timings.reactivate_after
        {
            log::debug!("focus still on {current:?}, asking again to activate {target}");
            focus
                .activate(target)
                .map_err(PasteError::port(PasteStage::Focus))?;
            last_activate = now;
        }
    }
}

/// The keystroke that pastes in the application `app` (see
/// [`FocusTracker::app_id`]): its entry in `overrides`
/// (matched without regard to case: `WM_CLASS` spellings vary), else `default`.
#[must_use]
pub fn keystroke_for<'a>(
    app: Option<&str>,
    default: PasteKeystroke,
    overrides: impl IntoIterator<Item = (&'a str, PasteKeystroke)>,
) -> PasteKeystroke {
    let Some(app) = app else { return default };
    overrides
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(app))
        .map_or(default, |(_, keys)| keys)
}

#[cfg(test)]
mod keystroke_tests {
    use super::*;

    #[test]
    fn per_app_override_wins_case_insensitively() {
        let overrides = [
            ("gnome-terminal", PasteKeystroke::CtrlShiftV),
            ("XTerm", PasteKeystroke::ShiftInsert),
        ];
        assert_eq!(
            keystroke_for(Some("Gnome-terminal"), PasteKeystroke::CtrlV, overrides),
            PasteKeystroke::CtrlShiftV
        );
        assert_eq!(
            keystroke_for(Some("xterm"), PasteKeystroke::CtrlV, overrides),
            PasteKeystroke::ShiftInsert
        );
        assert_eq!(
            keystroke_for(Some("Chromium"), PasteKeystroke::CtrlV, overrides),
            PasteKeystroke::CtrlV
        );
        assert_eq!(
            keystroke_for(None, PasteKeystroke::CtrlV, overrides),
            PasteKeystroke::CtrlV
        );
    }
}
