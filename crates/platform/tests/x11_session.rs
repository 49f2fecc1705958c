//! The real ports against a real X session: the clipboard round trip (write, read back — also
//! from another process when `xclip` is installed — restore) and focus (read, activate a window
//! of our own). Skipped without `DISPLAY`, so `cargo test` passes on a headless machine;
//! run it under Xvfb (+ openbox) to exercise it. It puts the previous clipboard back, but on a
//! desktop without a clipboard manager that clipboard then dies with the test process.
#![cfg(all(unix, not(target_os = "macos")))]

use std::process::Command;
use std::time::{Duration, Instant};

use quickreply_core::ports::{ClipboardContents, WindowId};
use quickreply_platform::x11::X11Focus;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, CreateWindowAux, WindowClass};

fn display() -> bool {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        println!("skipped: no DISPLAY");
        return false;
    }
    true
}

/// What another X client sees on the CLIPBOARD, if xclip is installed.
fn xclip_output() -> Option<String> {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn clipboard_round_trip_and_restore() {
    if !display() {
        return;
    }
    let mut ports = quickreply_platform::ports().expect("ports on an X display");
    let before = ports.clipboard.read().expect("read the clipboard");

    let reply = "QuickReply test ✓ 你好 — مرحبا";
    ports.clipboard.write_text(reply).expect("write text");
    let back = ports.clipboard.read().expect("read back");
    assert_eq!(back.text.as_deref(), Some(reply));
    // arboard serves our selection from its own thread: another process must see it too.
    if let Some(seen) = xclip_output() {
        assert_eq!(seen, reply, "xclip sees the reply");
    }

    let rich = ClipboardContents {
        text: Some("Order 113-55".into()),
        html: Some("<b>Order</b> 113-55".into()),
        image: None,
    };
    ports.clipboard.restore(&rich).expect("restore text + HTML");
    let back = ports.clipboard.read().expect("read restored");
    assert_eq!(back.text, rich.text);
    assert_eq!(back.html, rich.html);

    ports
        .clipboard
        .restore(&ClipboardContents::default())
        .expect("clear");
    assert!(ports.clipboard.read().expect("read cleared").text.is_none());

    ports
        .clipboard
        .restore(&before)
        .expect("restore the previous clipboard");
    assert_eq!(
        ports.clipboard.read().expect("read previous").text,
        before.text
    );
}

#[test]
fn focus_reads_and_activates_a_real_window() {
    if !display() {
        return;
    }
    let mut x11_focus = X11Focus::connect().expect("connect");
    let wm = x11_focus.window_manager().expect("ask for a WM");
    let mut ports = quickreply_platform::ports().expect("ports on an X display");

    // A window of our own to give focus to.
    let (conn, screen) = x11rb::connect(None).expect("test connection");
    let screen = &conn.setup().roots[screen];
    let window = conn.generate_id().expect("id");
    conn.create_window(
        screen.root_depth,
        window,
        screen.root,
        10,
        10,
        200,
        100,
        0,
        WindowClass::INPUT_OUTPUT,
        screen.root_visual,
        &CreateWindowAux::new().background_pixel(screen.white_pixel),
    )
    .expect("create window")
    .check()
    .expect("create window checked");
    conn.map_window(window)
        .expect("map")
        .check()
        .expect("map checked");

    // Wait until the window is viewable (and, under a WM, managed).
    let target = WindowId(u64::from(window));
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut activated = Err(None);
    while Instant::now() < deadline {
        match ports.focus.activate(target) {
            Ok(()) => {
                if ports.focus.focused().expect("focused") == Some(target) {
                    activated = Ok(());
                    break;
                }
            }
            Err(e) => activated = Err(Some(e.to_string())),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(activated, Ok(()), "window {target} got focus (WM: {wm:?})");
    if wm.is_some() {
        assert_eq!(ports.focus.focused().expect("focused"), Some(target));
    }

    conn.destroy_window(window)
        .expect("destroy")
        .check()
        .expect("destroy checked");
    let err = ports
        .focus
        .activate(target)
        .expect_err("a closed window cannot be activated");
    assert!(err.to_string().contains("Window"), "{err}");
}
