//! Pasting a reply: the checks before anything leaves the app (every value given, the text
//! approved or confirmed), the paste pipeline over the OS ports, what the person is told when
//! it fails, and the usage record that ranks the reply higher next time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Library;
use super::settings::{self, Settings, UiLang};
use crate::paste::{PasteError, PasteReport, PasteStage, PasteTimings, paste_into};
use crate::ports::{Clipboard, Clock, FocusTracker, KeyInjector, WindowId};
use crate::reply::{self, Reply, Request};
use crate::store::Status;
use crate::{Error, Result};

/// What the palette asks to paste.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PasteRequest {
    /// Template key.
    pub key: String,
    /// The buyer language.
    pub lang: String,
    /// The active order.
    #[ts(optional = nullable)]
    pub order_id: Option<String>,
    /// Values the person typed into the palette's form; blank ones count as not given.
    #[serde(default)]
    #[ts(as = "Option<BTreeMap<String, String>>", optional)]
    pub vars: BTreeMap<String, String>,
    /// The person confirmed a text that is not approved.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub confirmed: bool,
}

/// A reply that passed every check and may be pasted.
#[derive(Debug, Clone)]
pub struct ReadyReply {
    /// The filled text.
    pub reply: Reply,
    /// The order it was filled from (recorded with the use).
    pub order_id: Option<String>,
    /// The settings at that moment (paste keystrokes).
    pub settings: Settings,
}

/// Fills the reply and checks that it may be pasted: every value given, and the text approved
/// unless the person confirmed it. `clipboard` is the clipboard text when the palette opened
/// (`$clipboard`). Runs before the palette hides, so a refusal is shown in it.
///
/// # Errors
/// [`Error::Render`] naming the missing values (the palette asks for them);
/// [`Error::Unreviewed`] when the text is not approved and not confirmed; unknown template or
/// order.
pub fn prepare(
    library: &Library,
    request: &PasteRequest,
    clipboard: Option<&str>,
) -> Result<ReadyReply> {
    let given: Vec<(String, String)> = request
        .vars
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let vars = super::palette::opening_vars(clipboard, &given);
    let store = library.store();
    let reply = reply::fill(
        &store,
        library.renderer(),
        &Request {
            key: &request.key,
            lang: Some(&request.lang),
            order_id: request.order_id.as_deref(),
            vars: &vars,
        },
    )?;
    if reply.status != Status::Approved && !request.confirmed {
        return Err(Error::Unreviewed {
            key: reply.key,
            locale: reply.locale,
            status: reply.status,
        });
    }
    Ok(ReadyReply {
        reply,
        order_id: request.order_id.clone(),
        settings: settings::load_from(&store)?,
    })
}

/// The OS ports a paste runs over.
#[allow(missing_debug_implementations)] // trait objects of the OS ports
pub struct PastePorts<'a> {
    /// The system clipboard.
    pub clipboard: &'a mut dyn Clipboard,
    /// Sends the paste keystroke.
    pub keys: &'a mut dyn KeyInjector,
    /// Finds and activates windows.
    pub focus: &'a mut dyn FocusTracker,
}

/// A paste that did not arrive (or arrived but lost the person's clipboard: see
/// [`restore_notice`]), in words for the person at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PasteFailure {
    /// The pipeline's code (`focus_not_restored`, `keystroke_failed`…).
    pub code: crate::Code,
    /// What happened and what to do, in the staff's UI language.
    pub message: String,
    /// The technical detail (for the log).
    pub detail: String,
    /// The reply is on the clipboard, so it can be pasted by hand.
    pub reply_on_clipboard: bool,
}

/// Puts a reply on the clipboard for staff to paste by hand (the Orders view's "Copy reply").
///
/// # Errors
/// The clipboard refused the text: the error says so in the staff's language.
pub fn copy_text(
    clipboard: &mut dyn Clipboard,
    text: &str,
    ui: UiLang,
) -> std::result::Result<(), super::errors::ShownError> {
    clipboard.write_text(text).map_err(|e| {
        log::warn!("copy to the clipboard: {e}");
        super::errors::ShownError {
            code: crate::Code::ClipboardWriteFailed,
            message: match ui {
                UiLang::ZhCn => "无法写入剪贴板：请稍后再试，或选中文字手动复制。".into(),
                UiLang::En => "The clipboard refused the text: try again in a moment, or select the text and copy it by hand.".into(),
            },
            missing: Vec::new(),
        }
    })
}

/// Pastes a checked reply into `target` (the window that had focus when the palette opened)
/// with the keystroke that application takes, and records the use. When the paste fails at
/// any stage the reply is left on the clipboard, so the person can paste it by hand, and the
/// failure says so.
///
/// Blocks for the focus wait plus the restore delay: call it on a worker thread.
///
/// # Errors
/// A [`PasteFailure`] ready to show.
pub fn run(
    library: &Library,
    ready: &ReadyReply,
    target: Option<WindowId>,
    ports: PastePorts<'_>,
    timings: &PasteTimings,
    clock: &dyn Clock,
) -> std::result::Result<PasteReport, PasteFailure> {
    let app_id = target.and_then(|w| ports.focus.app_id(w).ok().flatten());
    let keystroke = ready.settings.keystroke_for(app_id.as_deref());
    log::info!("target application {app_id:?}: paste with {keystroke}");
    let ui = ready.settings.effective_ui_lang();
    match paste_into(
        target,
        &ready.reply.text,
        keystroke,
        timings,
        ports.clipboard,
        ports.keys,
        ports.focus,
        clock,
    ) {
        Ok(report) => {
            let recorded = library.store().record_usage(
                &ready.reply.key,
                &ready.reply.locale,
                ready.order_id.as_deref(),
            );
            if let Err(e) = recorded {
                log::warn!("usage not recorded: {e}");
            }
            library.changed();
            Ok(report)
        }
        Err(error) => {
            // Whatever failed, the reply goes (back) on the clipboard: the buyer is waiting, and
            // a paste by hand is one keystroke away.
            let on_clipboard = ports.clipboard.write_text(&ready.reply.text).is_ok();
            Err(failure(&error, on_clipboard, ui))
        }
    }
}

/// What the person must be told after a paste that arrived: the previous clipboard could not
/// be put back, so it now holds the reply instead of what they had copied (`None` when it was
/// restored, or when they copied something new meanwhile, which was left there: nothing lost).
#[must_use]
pub fn restore_notice(report: &PasteReport, ui: UiLang) -> Option<PasteFailure> {
    if report.restored || report.newer_copy_kept {
        return None;
    }
    let message = match ui {
        UiLang::ZhCn => {
            "回复已粘贴，但无法恢复原来的剪贴板内容（现在剪贴板上是这条回复）：如仍需要，请重新复制。"
        }
        UiLang::En => {
            "The reply was pasted, but your previous clipboard could not be put back (it now holds the reply): copy it again if you still need it."
        }
    };
    Some(PasteFailure {
        code: crate::Code::ClipboardWriteFailed,
        message: message.to_owned(),
        detail: report.restore_error.clone().unwrap_or_default(),
        reply_on_clipboard: true,
    })
}

/// Words for a failed paste.
fn failure(error: &PasteError, on_clipboard: bool, ui: UiLang) -> PasteFailure {
    let stage = match error {
        PasteError::FocusNotRestored { .. } => PasteStage::Focus,
        PasteError::Port { stage, .. } => *stage,
    };
    let what = match (ui, stage) {
        (UiLang::ZhCn, PasteStage::Focus) => "没有粘贴：原来的窗口没有重新获得焦点（可能已关闭）。",
        (UiLang::ZhCn, PasteStage::ReadClipboard | PasteStage::WriteClipboard) => {
            "没有粘贴：剪贴板暂时无法使用，请稍后再试。"
        }
        (UiLang::ZhCn, PasteStage::SendKeys) => {
            "可能没有粘贴：无法发送粘贴快捷键。如果反复出现，请在设置中选择其他粘贴快捷键。"
        }
        (UiLang::En, PasteStage::Focus) => {
            "Nothing was pasted: the window you were typing in did not get focus back (it may have closed)."
        }
        (UiLang::En, PasteStage::ReadClipboard | PasteStage::WriteClipboard) => {
            "Nothing was pasted: the clipboard is busy. Try again in a moment."
        }
        (UiLang::En, PasteStage::SendKeys) => {
            "The reply may not have been pasted: the paste keystroke could not be sent. If this keeps happening, choose another paste keystroke in Settings."
        }
    };
    let hand = match (ui, on_clipboard) {
        (UiLang::ZhCn, true) => "回复已在剪贴板上：点击回复输入框，按 Ctrl+V 手动粘贴。",
        (UiLang::ZhCn, false) => "回复也无法放到剪贴板上：请重新打开面板，从预览中复制。",
        (UiLang::En, true) => {
            "The reply is on the clipboard: click into the reply field and paste it by hand (Ctrl+V)."
        }
        (UiLang::En, false) => {
            "The reply could not be put on the clipboard either: open the palette again and copy it from the preview."
        }
    };
    let sep = if ui == UiLang::ZhCn { "" } else { " " };
    PasteFailure {
        code: error.code(),
        message: format!("{what}{sep}{hand}"),
        detail: error.to_string(),
        reply_on_clipboard: on_clipboard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "hi = Hello { $buyer_name }\n    .title = Greeting\nok = Fine\n";
    const FR: &str = "hi = Bonjour { $buyer_name }\nok = Bien\n";

    fn library() -> Library {
        Library::with_store(
            ":memory:".into(),
            crate::store::test_library(&[("en", EN), ("fr", FR)], Some(Status::NeedsReview)),
        )
    }

    #[test]
    fn missing_values_and_unreviewed_texts_are_refused_before_anything_is_pasted() {
        let library = library();
        let mut request = PasteRequest {
            key: "hi".into(),
            lang: "en".into(),
            ..PasteRequest::default()
        };
        let err = prepare(&library, &request, None).unwrap_err();
        assert!(matches!(&err, Error::Render { missing, .. } if missing == &["buyer_name"]));
        request.vars.insert("buyer_name".into(), "  ".into());
        assert!(
            prepare(&library, &request, None).is_err(),
            "a blank value is not a value"
        );
        request.vars.insert("buyer_name".into(), "Ana".into());
        assert_eq!(
            prepare(&library, &request, None).unwrap().reply.text,
            "Hello Ana"
        );

        request.lang = "fr".into();
        let err = prepare(&library, &request, None).unwrap_err();
        assert_eq!(err.code(), "unreviewed");
        request.confirmed = true;
        assert_eq!(
            prepare(&library, &request, None).unwrap().reply.text,
            "Bonjour Ana"
        );
    }

    #[test]
    fn failures_say_where_the_reply_is() {
        let error = PasteError::FocusNotRestored {
            target: WindowId(7),
            waited: std::time::Duration::from_millis(500),
            focused: None,
        };
        let en = failure(&error, true, UiLang::En);
        assert_eq!(en.code, "focus_not_restored");
        assert!(
            en.message.starts_with("Nothing was pasted"),
            "{}",
            en.message
        );
        assert!(
            en.message.contains("paste it by hand (Ctrl+V)"),
            "{}",
            en.message
        );
        assert!(en.detail.contains("500 ms"), "{}", en.detail);
        let zh = failure(&error, false, UiLang::ZhCn);
        assert!(
            zh.message.contains("没有粘贴") && zh.message.contains("复制"),
            "{}",
            zh.message
        );
        assert!(!zh.reply_on_clipboard);
    }

    /// Only a clipboard that is really lost is told: restored, or left holding what the
    /// person copied during the paste, needs no notice.
    #[test]
    fn a_lost_clipboard_is_told_a_newer_copy_is_not() {
        let report = |restored, newer_copy_kept, error: Option<&str>| PasteReport {
            focus_wait: std::time::Duration::ZERO,
            total: std::time::Duration::ZERO,
            restored,
            restore_error: error.map(str::to_owned),
            newer_copy_kept,
        };
        assert_eq!(restore_notice(&report(true, false, None), UiLang::En), None);
        assert_eq!(
            restore_notice(&report(false, true, Some("something new")), UiLang::En),
            None
        );
        let lost = report(false, false, Some("X11 clipboard: connection lost"));
        let notice = restore_notice(&lost, UiLang::En).expect("a lost clipboard is told");
        assert!(
            notice.message.contains("previous clipboard"),
            "{}",
            notice.message
        );
        assert_eq!(notice.detail, "X11 clipboard: connection lost");
        assert!(notice.reply_on_clipboard);
        let zh = restore_notice(&lost, UiLang::ZhCn).expect("told in Chinese too");
        assert!(zh.message.contains("剪贴板"), "{}", zh.message);
    }
}
