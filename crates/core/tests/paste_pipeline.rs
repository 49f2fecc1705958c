//! The paste pipeline against the hand-written fakes of `quickreply-testkit`: virtual time, no
//! display, no real sleeping.

use std::time::Duration;

use quickreply_core::paste::{
    ClipboardGuard, PasteError, PasteReport, PasteStage, PasteTimings, paste_into,
};
use quickreply_core::ports::{
    ClipboardContents, Image, KeyInjector, PasteKeystroke, PortError, WindowId,
};
use quickreply_testkit::ports::{Event, FakeClipboard, FakeClock, FakeFocus, FakeKeys, Journal};

const TARGET: WindowId = WindowId(0x0140_0007);
const PALETTE: WindowId = WindowId(0x0360_0003);
const REPLY: &str = "Hi Ana, your order 113-55 shipped today: https://t.example/XY1";

struct Rig {
    journal: Journal,
    clipboard: FakeClipboard,
    keys: FakeKeys,
    focus: FakeFocus,
    clock: FakeClock,
    timings: PasteTimings,
}

impl Rig {
    /// Focus is on the palette; the target gets it back on the 3rd poll after activation.
    fn new(saved: ClipboardContents) -> Self {
        let journal = Journal::new();
        let clipboard = FakeClipboard::new(&journal, saved);
        let keys = FakeKeys::new(&journal, Some(&clipboard));
        let focus = FakeFocus::new(&journal, Some(PALETTE)).focus_after_polls(3);
        let clock = FakeClock::new(&journal);
        Self {
            journal,
            clipboard,
            keys,
            focus,
            clock,
            timings: PasteTimings::default(),
        }
    }

    fn paste(&mut self, target: Option<WindowId>) -> Result<PasteReport, PasteError> {
        let (mut clipboard, mut keys, mut focus) = (
            self.clipboard.clone(),
            self.keys.clone(),
            self.focus.clone(),
        );
        paste_into(
            target,
            REPLY,
            PasteKeystroke::CtrlV,
            &self.timings,
            &mut clipboard,
            &mut keys,
            &mut focus,
            &self.clock,
        )
    }
}

fn buyer_message() -> ClipboardContents {
    ClipboardContents::text("Where is my parcel??")
}

fn rich_contents() -> ClipboardContents {
    ClipboardContents {
        text: Some("Order 113-55".into()),
        html: Some("<b>Order</b> 113-55".into()),
        image: Some(Image {
            width: 2,
            height: 1,
            rgba: vec![255, 0, 0, 255, 0, 0, 255, 128],
        }),
    }
}

fn stage_of(err: &PasteError) -> Option<PasteStage> {
    match err {
        PasteError::Port { stage, .. } => Some(*stage),
        _ => None,
    }
}

#[test]
fn paste_success_restores_the_clipboard() {
    let mut rig = Rig::new(buyer_message());
    let report = rig.paste(Some(TARGET));
    let Ok(report) = report else {
        panic!("paste failed: {report:?}")
    };
    assert!(report.restored);
    assert_eq!(report.restore_error, None);
    assert_eq!(rig.clipboard.contents(), buyer_message());
}

#[test]
fn paste_effects_happen_in_order_and_the_keystroke_sees_the_reply() {
    let mut rig = Rig::new(buyer_message());
    assert!(rig.paste(Some(TARGET)).is_ok());
    assert_eq!(
        rig.journal.effects(),
        vec![
            Event::Activate(TARGET),
            Event::ClipboardRead,
            Event::ClipboardWrite(REPLY.into()),
            Event::KeysSent {
                keys: PasteKeystroke::CtrlV,
                clipboard_text: Some(REPLY.into())
            },
            Event::ClipboardRestore(buyer_message()),
        ]
    );
}

#[test]
fn paste_restore_waits_restore_after_following_the_keystroke() {
    let mut rig = Rig::new(buyer_message());
    assert!(rig.paste(Some(TARGET)).is_ok());
    let events = rig.journal.events();
    let keys_at = events
        .iter()
        .position(|e| matches!(e, Event::KeysSent { .. }));
    let restore_at = events
        .iter()
        .position(|e| matches!(e, Event::ClipboardRestore(_)));
    let (Some(keys_at), Some(restore_at)) = (keys_at, restore_at) else {
        panic!("missing events: {events:?}")
    };
    assert_eq!(
        &events[keys_at + 1..restore_at],
        &[Event::Sleep(rig.timings.restore_after)]
    );
}

#[test]
fn paste_waits_for_focus_by_polling_then_reports_the_wait() {
    let mut rig = Rig::new(buyer_message());
    let report = rig.paste(Some(TARGET));
    let Ok(report) = report else {
        panic!("paste failed: {report:?}")
    };
    // Focus came on the 3rd poll: three poll intervals of virtual time.
    assert_eq!(report.focus_wait, rig.timings.focus_poll * 3);
    assert_eq!(
        report.total,
        report.focus_wait + rig.timings.settle_after_focus + rig.timings.restore_after
    );
    let polls = rig
        .journal
        .events()
        .iter()
        .filter(|e| matches!(e, Event::Focused(_)))
        .count();
    assert_eq!(
        polls,
        1 + 3,
        "one check before activating, three polls after"
    );
}

#[test]
fn paste_keeps_html_and_image_when_restoring() {
    let mut rig = Rig::new(rich_contents());
    assert!(rig.paste(Some(TARGET)).is_ok());
    assert_eq!(rig.clipboard.contents(), rich_contents());
    assert!(
        rig.journal
            .events()
            .contains(&Event::ClipboardRestore(rich_contents()))
    );
}

#[test]
fn paste_restores_an_empty_clipboard_as_empty() {
    let mut rig = Rig::new(ClipboardContents::default());
    assert!(rig.paste(None).is_ok());
    assert!(rig.clipboard.contents().is_empty());
}

#[test]
fn paste_restores_the_clipboard_when_the_keystroke_fails() {
    let mut rig = Rig::new(rich_contents());
    rig.keys.fail(true);
    let err = rig.paste(Some(TARGET)).err();
    assert_eq!(err.as_ref().and_then(stage_of), Some(PasteStage::SendKeys));
    assert_eq!(rig.clipboard.contents(), rich_contents());
    assert_eq!(
        rig.journal.effects().last(),
        Some(&Event::ClipboardRestore(rich_contents()))
    );
}

#[test]
fn paste_restores_the_clipboard_when_the_write_fails_and_sends_no_keys() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.fail_write(true);
    let err = rig.paste(Some(TARGET)).err();
    assert_eq!(
        err.as_ref().and_then(stage_of),
        Some(PasteStage::WriteClipboard)
    );
    let effects = rig.journal.effects();
    assert!(
        !effects.iter().any(|e| matches!(e, Event::KeysSent { .. })),
        "{effects:?}"
    );
    assert_eq!(
        effects.last(),
        Some(&Event::ClipboardRestore(buyer_message()))
    );
    assert_eq!(rig.clipboard.contents(), buyer_message());
}

#[test]
fn paste_focus_timeout_touches_neither_clipboard_nor_keyboard() {
    let mut rig = Rig::new(buyer_message());
    rig.focus = FakeFocus::new(&rig.journal, Some(PALETTE)).never_focus();
    let err = rig.paste(Some(TARGET)).err();
    let Some(PasteError::FocusNotRestored {
        target,
        waited,
        focused,
    }) = err
    else {
        panic!("expected FocusNotRestored, got {err:?}")
    };
    assert_eq!(target, TARGET);
    assert_eq!(focused, Some(PALETTE));
    // Bounded: stops at the timeout (virtual time), not one poll later.
    assert_eq!(waited, rig.timings.focus_timeout);
    assert_eq!(rig.clock.elapsed(), rig.timings.focus_timeout);
    assert!(
        rig.journal
            .effects()
            .iter()
            .all(|e| matches!(e, Event::Activate(_)))
    );
    assert_eq!(rig.clipboard.contents(), buyer_message());
}

#[test]
fn paste_asks_again_for_focus_while_waiting() {
    let mut rig = Rig::new(buyer_message());
    rig.focus = FakeFocus::new(&rig.journal, Some(PALETTE)).never_focus();
    assert!(rig.paste(Some(TARGET)).is_err());
    let activations = rig
        .journal
        .events()
        .iter()
        .filter(|e| matches!(e, Event::Activate(_)))
        .count();
    // 500 ms timeout, re-asking every 100 ms: the first request and four more.
    assert_eq!(activations, 5);
}

#[test]
fn paste_does_not_activate_a_target_that_already_has_focus() {
    let mut rig = Rig::new(buyer_message());
    rig.focus.set_focused(Some(TARGET));
    let report = rig.paste(Some(TARGET));
    let Ok(report) = report else {
        panic!("paste failed: {report:?}")
    };
    assert_eq!(report.focus_wait, Duration::ZERO);
    assert!(
        !rig.journal
            .events()
            .iter()
            .any(|e| matches!(e, Event::Activate(_)))
    );
}

#[test]
fn paste_without_target_skips_focus_tracking() {
    let mut rig = Rig::new(buyer_message());
    assert!(rig.paste(None).is_ok());
    assert!(
        !rig.journal
            .events()
            .iter()
            .any(|e| matches!(e, Event::Focused(_) | Event::Activate(_)))
    );
}

#[test]
fn paste_activation_failure_is_a_focus_error_before_the_clipboard() {
    let mut rig = Rig::new(buyer_message());
    rig.focus.fail_activate(true);
    let err = rig.paste(Some(TARGET)).err();
    assert_eq!(err.as_ref().and_then(stage_of), Some(PasteStage::Focus));
    assert_eq!(rig.journal.effects(), vec![Event::Activate(TARGET)]);
}

#[test]
fn paste_read_failure_writes_nothing() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.fail_read(true);
    let err = rig.paste(Some(TARGET)).err();
    assert_eq!(
        err.as_ref().and_then(stage_of),
        Some(PasteStage::ReadClipboard)
    );
    assert_eq!(
        rig.journal.effects(),
        vec![Event::Activate(TARGET), Event::ClipboardRead]
    );
    assert_eq!(rig.clipboard.contents(), buyer_message());
}

#[test]
fn paste_restore_failure_is_reported_not_raised() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.fail_restore(true);
    let report = rig.paste(Some(TARGET));
    let Ok(report) = report else {
        panic!("paste failed: {report:?}")
    };
    assert!(!report.restored);
    assert!(
        !report.newer_copy_kept,
        "a failed restore is a loss: {report:?}"
    );
    assert!(report.restore_error.is_some_and(|e| e.contains("restore")));
    // Restored once only: the explicit restore disarmed the guard.
    let restores = rig
        .journal
        .events()
        .iter()
        .filter(|e| matches!(e, Event::ClipboardRestore(_)))
        .count();
    assert_eq!(restores, 1);
}

/// A key injector that panics, as a buggy backend might.
struct PanickingKeys;

impl KeyInjector for PanickingKeys {
    fn send(&mut self, _keys: PasteKeystroke) -> Result<(), PortError> {
        panic!("backend bug")
    }
}

#[test]
fn paste_restores_the_clipboard_when_the_injector_panics() {
    let rig = Rig::new(rich_contents());
    let (mut clipboard, mut focus) = (rig.clipboard.clone(), rig.focus.clone());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        paste_into(
            None,
            REPLY,
            PasteKeystroke::CtrlV,
            &rig.timings,
            &mut clipboard,
            &mut PanickingKeys,
            &mut focus,
            &rig.clock,
        )
    }));
    assert!(result.is_err());
    assert_eq!(rig.clipboard.contents(), rich_contents());
}

#[test]
fn paste_sends_the_configured_keystroke() {
    let mut rig = Rig::new(buyer_message());
    let (mut clipboard, mut keys, mut focus) =
        (rig.clipboard.clone(), rig.keys.clone(), rig.focus.clone());
    rig.timings.restore_after = Duration::from_millis(40);
    let result = paste_into(
        None,
        REPLY,
        PasteKeystroke::ShiftInsert,
        &rig.timings,
        &mut clipboard,
        &mut keys,
        &mut focus,
        &rig.clock,
    );
    assert!(result.is_ok());
    assert!(rig.journal.events().contains(&Event::KeysSent {
        keys: PasteKeystroke::ShiftInsert,
        clipboard_text: Some(REPLY.into())
    }));
    assert!(
        rig.journal
            .events()
            .contains(&Event::Sleep(Duration::from_millis(40)))
    );
}

#[test]
fn paste_errors_say_what_happened() {
    let timeout = PasteError::FocusNotRestored {
        target: TARGET,
        waited: Duration::from_millis(500),
        focused: None,
    };
    let text = timeout.to_string();
    assert!(
        text.contains("500 ms") && text.contains("0x1400007"),
        "{text}"
    );
    assert!(text.contains("no window"), "{text}");
    assert_eq!(timeout.code(), "focus_not_restored");

    let keys = PasteError::Port {
        stage: PasteStage::SendKeys,
        source: PortError::Keys("XTEST missing".into()),
    };
    let text = keys.to_string();
    assert_eq!(
        text,
        "sending the paste keystroke failed: keyboard: XTEST missing"
    );
    assert_eq!(keys.code(), "keystroke_failed");
    assert!(std::error::Error::source(&keys).is_some());
}

#[test]
fn paste_guard_restores_on_drop_and_not_after_disarm() {
    let journal = Journal::new();
    let mut clipboard = FakeClipboard::new(&journal, buyer_message());
    {
        let mut guard = ClipboardGuard::new(&mut clipboard, buyer_message());
        assert!(guard.clipboard().write_text("temp").is_ok());
    }
    assert_eq!(clipboard.contents(), buyer_message());

    let guard = ClipboardGuard::new(&mut clipboard, ClipboardContents::default());
    assert_eq!(guard.disarm(), ClipboardContents::default());
    assert_eq!(clipboard.contents(), buyer_message());
}

#[test]
fn the_target_gets_a_moment_to_settle_between_focus_and_keystroke() {
    let mut rig = Rig::new(buyer_message());
    assert!(rig.paste(Some(TARGET)).is_ok());
    let events = rig.journal.events();
    let focused_at = events
        .iter()
        .rposition(|e| *e == Event::Focused(Some(TARGET)))
        .expect("focus was polled");
    let keys_at = events
        .iter()
        .position(|e| matches!(e, Event::KeysSent { .. }))
        .expect("keys were sent");
    assert!(
        events[focused_at..keys_at].contains(&Event::Sleep(rig.timings.settle_after_focus)),
        "{events:?}"
    );
}

/// Virtual time from the keystroke until the clipboard was restored (`None`: not restored).
fn restore_delay(rig: &Rig) -> Option<Duration> {
    let events = rig.journal.events();
    let keys_at = events
        .iter()
        .position(|e| matches!(e, Event::KeysSent { .. }))?;
    let restore_at = events
        .iter()
        .position(|e| matches!(e, Event::ClipboardRestore(_)))?;
    Some(
        events[keys_at..restore_at]
            .iter()
            .filter_map(|e| match e {
                Event::Sleep(d) => Some(*d),
                _ => None,
            })
            .sum(),
    )
}

#[test]
fn a_clipboard_that_sees_the_reads_is_restored_once_the_target_stopped_reading() {
    // A target that reads the reply twice: at 30 ms, and again at 330 ms (a page whose paste
    // handler ran 300 ms in between). A fixed 150 ms would have restored in between.
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.reply_read_at(
        &rig.clock,
        &[Duration::from_millis(30), Duration::from_millis(330)],
    );
    let report = rig.paste(Some(TARGET)).unwrap();
    assert!(report.restored, "{report:?}");
    assert_eq!(rig.clipboard.contents(), buyer_message());
    let delay = restore_delay(&rig).unwrap();
    let last_read = Duration::from_millis(330);
    assert!(
        delay >= last_read + rig.timings.read_quiet,
        "restored {delay:?} after the keystroke, before the reads were over"
    );
    assert!(
        delay <= last_read + rig.timings.read_quiet + rig.timings.read_poll * 2,
        "restored {delay:?} after the keystroke: it should follow the quiet time"
    );
}

#[test]
fn a_quick_target_gets_its_clipboard_back_without_the_fixed_wait() {
    let mut rig = Rig::new(rich_contents());
    rig.timings.restore_after = Duration::from_secs(2);
    rig.clipboard
        .reply_read_at(&rig.clock, &[Duration::from_millis(10)]);
    rig.paste(Some(TARGET)).unwrap();
    let delay = restore_delay(&rig).unwrap();
    assert!(
        delay < rig.timings.restore_after,
        "the reads were over after 10 ms, yet the restore waited {delay:?}"
    );
    assert_eq!(rig.clipboard.contents(), rich_contents());
}

#[test]
fn a_reply_nobody_reads_is_taken_back_after_restore_at_most() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.reply_read_at(&rig.clock, &[]);
    let report = rig.paste(Some(TARGET)).unwrap();
    assert!(report.restored, "{report:?}");
    let delay = restore_delay(&rig).unwrap();
    assert!(delay >= rig.timings.restore_at_most, "{delay:?}");
    assert!(
        delay <= rig.timings.restore_at_most + rig.timings.read_poll,
        "{delay:?}"
    );
    assert_eq!(rig.clipboard.contents(), buyer_message());
}

#[test]
fn what_the_user_copied_during_the_paste_is_not_overwritten() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard
        .reply_read_at(&rig.clock, &[Duration::from_millis(20)]);
    let next = ClipboardContents::text("Next buyer: can I pay by card?");
    rig.clipboard
        .replaced_after(Duration::from_millis(200), next.clone());
    let report = rig.paste(Some(TARGET)).unwrap();
    assert!(!report.restored, "{report:?}");
    assert!(report.newer_copy_kept, "{report:?}");
    let why = report.restore_error.unwrap_or_default();
    assert!(why.contains("something new"), "{why}");
    assert_eq!(rig.clipboard.contents(), next, "the new copy stays");
    assert_eq!(restore_delay(&rig), None, "no restore was attempted");
}

/// A clipboard manager (CopyQ, Klipper) takes the clipboard over with a copy of the reply right
/// after it was written: that is not the person's new copy, so their clipboard still comes back,
/// after the fixed wait (the manager's reads of its copy cannot be counted).
#[test]
fn a_clipboard_manager_copying_the_reply_does_not_keep_the_clipboard() {
    let mut rig = Rig::new(buyer_message());
    rig.clipboard.reply_read_at(&rig.clock, &[]);
    rig.clipboard
        .replaced_after(Duration::from_millis(5), ClipboardContents::text(REPLY));
    let report = rig.paste(Some(TARGET)).unwrap();
    assert!(report.restored, "{report:?}");
    assert!(!report.newer_copy_kept, "{report:?}");
    assert_eq!(rig.clipboard.contents(), buyer_message());
    let delay = restore_delay(&rig).expect("restored");
    assert!(
        delay >= rig.timings.restore_after,
        "restored {delay:?} after the keystroke, before the fixed wait"
    );
}
