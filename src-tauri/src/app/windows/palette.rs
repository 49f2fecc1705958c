//! Showing and hiding the palette. The window is created hidden at start-up; the hotkey only
//! remembers the focused window, moves the palette to the monitor under the mouse and shows it.

use std::time::{Duration, Instant};

use quickreply_core::app::palette::{self, PaletteContext};
use quickreply_core::ports::{FocusTracker, WindowId};
use tauri::{AppHandle, Emitter, Manager, PhysicalPosition, WebviewWindow};

use crate::app::error::IpcResult;
use crate::app::language::ChildProcessDetector;
use crate::app::state::AppState;

pub const LABEL: &str = "palette";
pub const SHOWN_EVENT: &str = "palette-shown";
/// Sent to the palette when the suggestions for the copied buyer message are ready (it then
/// asks for them with `palette_suggestions`, in its current language and order).
pub const SUGGESTIONS_EVENT: &str = "palette-suggestions";

/// Sent to the palette when a paste failed: it shows the message (a `PasteFailure`).
pub const PASTE_FAILED_EVENT: &str = "paste-failed";

/// Hotkey pressed (or `quickreply palette`): remember where the paste must go, show the
/// palette, then tell it the context (order and language from the clipboard).
pub fn show(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Some(window) = app.get_webview_window(LABEL) else {
        log::error!("the palette window is missing");
        return;
    };
    if window.is_visible().unwrap_or(false) && window.is_focused().unwrap_or(false) {
        return;
    }
    // Before the palette takes focus: afterwards the focused window is the palette itself.
    let target = state
        .query_ports("focused window", |p| p.focus.focused())
        .flatten();
    *state.lock(&state.target) = target;
    log::debug!("palette opened over {target:?}");
    reveal(app, &window);

    // Reading the clipboard asks its owner (a browser) for the text: do it off the event loop.
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        match compute_context(&state) {
            Ok(context) => {
                *state.lock(&state.context) = Some(context.clone());
                *state.lock(&state.suggestions.current) = None;
                let message = context.buyer_message.clone();
                let lang = (context.lang_source == palette::LangSource::Clipboard)
                    .then(|| context.lang.clone());
                let _ = app.emit_to(LABEL, SHOWN_EVENT, context);
                if let Some(message) = message {
                    suggest(&app, &message, lang.as_deref());
                }
            }
            Err(e) => log::warn!("palette context: {}", e.message),
        }
    });
}

/// Ranks the replies for the copied buyer message in the helper process, keeps them as this
/// opening's, and tells the palette. A failure leaves the palette as it is (search works) and
/// is logged.
fn suggest(app: &AppHandle, message: &str, lang: Option<&str>) {
    let state = app.state::<AppState>();
    match state.suggestions.for_message(message, lang) {
        Ok((id, suggestions)) => {
            // Another opening may have started meanwhile: only this message's answer is kept.
            let still = state
                .lock(&state.context)
                .as_ref()
                .is_some_and(|c| c.buyer_message.as_deref() == Some(message));
            if still {
                let keys: Vec<&str> = suggestions.iter().map(|s| s.key.as_str()).collect();
                log::info!("suggestions for the copied message: {}", keys.join(", "));
                *state.lock(&state.suggestions.current) = Some(crate::app::suggestions::Current {
                    message: message.to_string(),
                    id,
                    suggestions,
                });
                let _ = app.emit_to(LABEL, SUGGESTIONS_EVENT, ());
            }
        }
        Err(e) => log::warn!("suggestions: {e}"),
    }
}

/// A paste failed after the palette hid: bring the palette back with what happened and what to
/// do, so the person sees it (a log line alone would leave them believing the buyer got the
/// reply). The context stays as it was: the clipboard now holds the reply, not the buyer's text.
pub fn show_failure(app: &AppHandle, failure: &quickreply_core::app::paste::PasteFailure) {
    let Some(window) = app.get_webview_window(LABEL) else {
        log::error!("the palette window is missing: {}", failure.message);
        return;
    };
    reveal(app, &window);
    let _ = app.emit_to(LABEL, PASTE_FAILED_EVENT, failure);
}

/// Places the palette on the monitor under the mouse, shows it and makes it take focus.
fn reveal(app: &AppHandle, window: &WebviewWindow) {
    place_under_cursor(window);
    let _ = window.show();
    let _ = window.set_focus();
    // GTK's own focus request carries the timestamp of the last event GTK saw, and the X
    // server ignores a focus change older than the last one (ours, when we gave focus back to
    // the target after the previous paste): without a window manager the second opening
    // would stay unfocused. With one, a request from another process meets focus-stealing
    // prevention. Ask as a pager would, by window id, until the palette has focus.
    activate_when_mapped(app);
}

/// The palette's context for this opening, from what is on the clipboard (the rule is the
/// core's: order, else copied message, else the shop's default).
pub fn compute_context(state: &AppState) -> IpcResult<PaletteContext> {
    let clipboard_text = state
        .query_ports("clipboard", |p| p.clipboard.read_text())
        .flatten();
    let detector = ChildProcessDetector::new(state.library.path());
    let active = state.lock(&state.active_order).clone();
    state.run(|library| {
        palette::context_with(
            library,
            clipboard_text.as_deref(),
            &detector,
            active.as_deref(),
        )
    })
}

/// The palette's own line to the window system for its activation, and its window once found
/// (the palette is created once and only hidden, so its id does not change).
#[derive(Default)]
pub struct PaletteFocus {
    tracker: Option<Box<dyn FocusTracker + Send>>,
    window: Option<WindowId>,
}

/// How often focus is checked, and the activation asked again, until the palette has focus;
/// after [`ACTIVATE_FAST_FOR`] (the window is mapped by then) a window manager that refuses is
/// asked only every [`ACTIVATE_SLOW_EVERY`], not flooded; [`ACTIVATE_FOR`] in all.
const ACTIVATE_EVERY: Duration = Duration::from_millis(4);
const ACTIVATE_FAST_FOR: Duration = Duration::from_millis(150);
const ACTIVATE_SLOW_EVERY: Duration = Duration::from_millis(50);
const ACTIVATE_FOR: Duration = Duration::from_millis(600);

/// Asks the window manager, as a pager would, to activate the palette until it has focus
/// (bounded). The window is mapped by the event loop after `show()` returns, and a request for
/// an unmapped window is ignored, hence the retries.
///
/// This runs on a focus connection of its own ([`PaletteFocus`]): the opening's clipboard read
/// holds the shared ports while the clipboard's owner answers, and the palette's focus must
/// not wait for it. Retries are a few milliseconds apart, since each one missed by a retry
/// interval is added to every opening's hotkey-to-focus time.
fn activate_when_mapped(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let mut slot = state.lock(&state.palette_focus);
        let focus = &mut *slot;
        if focus.tracker.is_none() {
            match quickreply_platform::focus_tracker() {
                Ok(tracker) => focus.tracker = Some(tracker),
                Err(e) => {
                    log::debug!("palette focus: {e}");
                    return;
                }
            }
        }
        let Some(tracker) = focus.tracker.as_mut() else {
            return;
        };
        if focus.window.is_none() {
            let title = app
                .get_webview_window(LABEL)
                .and_then(|w| w.title().ok())
                .unwrap_or_default();
            focus.window = tracker.own_window(&title).unwrap_or_else(|e| {
                log::debug!("looking for the palette's window: {e}");
                None
            });
        }
        let Some(palette) = focus.window else {
            log::warn!("the palette's window was not found: focus is up to the window manager");
            return;
        };
        let started = Instant::now();
        let mut asked: Option<Instant> = None;
        let mut tries = 0u32;
        while started.elapsed() < ACTIVATE_FOR {
            // Asking the window whether it is still shown goes through the event loop: not on
            // every try, which would slow the loop down while it maps the window.
            if tries % 16 == 15
                && !app
                    .get_webview_window(LABEL)
                    .is_some_and(|w| w.is_visible().unwrap_or(false))
            {
                return;
            }
            tries += 1;
            match tracker.focused() {
                Ok(Some(focused)) if focused == palette => return,
                Ok(_) => {}
                Err(e) => log::debug!("focused window: {e}"),
            }
            let ask = started.elapsed() < ACTIVATE_FAST_FOR
                || asked.is_none_or(|at| at.elapsed() >= ACTIVATE_SLOW_EVERY);
            if ask {
                asked = Some(Instant::now());
                // Without a window manager, asking before the window is mapped is an error
                // ("not visible"): expected for the first tries.
                if let Err(e) = tracker.activate(palette) {
                    log::debug!("activating the palette: {e}");
                }
            }
            std::thread::sleep(ACTIVATE_EVERY);
        }
        // Look the window up again next time, in case this id is no longer the palette's.
        focus.window = None;
        log::warn!("the palette did not get keyboard focus: the window manager refused");
    });
}

/// Centre the palette horizontally on the monitor under the mouse, a quarter down from its top.
fn place_under_cursor(window: &WebviewWindow) {
    let (Ok(cursor), Ok(monitors), Ok(size)) = (
        window.cursor_position(),
        window.available_monitors(),
        window.outer_size(),
    ) else {
        return;
    };
    let monitor = monitors.iter().find(|m| {
        let (p, s) = (m.position(), m.size());
        cursor.x >= f64::from(p.x)
            && cursor.y >= f64::from(p.y)
            && cursor.x < f64::from(p.x) + f64::from(s.width)
            && cursor.y < f64::from(p.y) + f64::from(s.height)
    });
    if let Some(m) = monitor {
        let (p, s) = (m.position(), m.size());
        let x = p.x
            + (i32::try_from(s.width).unwrap_or(0) - i32::try_from(size.width).unwrap_or(0)) / 2;
        let y = p.y + i32::try_from(s.height / 4).unwrap_or(0);
        let _ = window.set_position(PhysicalPosition::new(x, y));
    }
}

/// Hide the palette. With `refocus`, give focus back to the remembered window (Esc): without
/// a window manager, hiding alone leaves focus on the root window.
pub fn hide(app: &AppHandle, refocus: bool) {
    if let Some(window) = app.get_webview_window(LABEL) {
        let _ = window.hide();
    }
    crate::app::memory::trim_soon();
    if refocus {
        let app = app.clone();
        std::thread::spawn(move || {
            let state = app.state::<AppState>();
            let target = *state.lock(&state.target);
            if let Some(target) = target
                && let Ok(Err(e)) = state.with_ports(|p| p.focus.activate(target))
            {
                log::warn!("could not give focus back to {target}: {e}");
            }
        });
    }
}
