//! The byte-exact clipboard save and restore against a real X server: another client owns the
//! CLIPBOARD with several targets at once (text, HTML, a multi-megabyte PNG sent in INCR
//! pieces, custom targets), the adapter saves it, writes a reply, restores it, and `xclip`
//! (a third client) must read every target back byte for byte.
//!
//! Needs `DISPLAY` and `xclip`; skipped with a printed reason otherwise, so `cargo test` passes
//! on a headless machine. Run it under Xvfb:
//!
//! ```sh
//! xvfb-run -a cargo test -p quickreply-platform --test x11_clipboard
//! python3 tests/e2e/clipboard.py --rust-test   # the same, on the e2e script's own Xvfb
//! ```
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used)] // a test: a failed step is a failed test

use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use quickreply_core::ports::Clipboard;
use quickreply_platform::X11Clipboard;
use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConnectionExt, CreateWindowAux, EventMask, PropMode,
    Property, SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, Window, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

/// The tests share one CLIPBOARD: one at a time.
static CLIPBOARD: Mutex<()> = Mutex::new(());

fn ready() -> bool {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        println!("skipped: no DISPLAY (run under xvfb-run, or tests/e2e/clipboard.py --rust-test)");
        return false;
    }
    if Command::new("xclip").arg("-version").output().is_err() {
        println!("skipped: xclip is not installed");
        return false;
    }
    true
}

/// The CLIPBOARD to this test alone, or `None` (the test is skipped) without an X server.
fn exclusive_clipboard() -> Option<std::sync::MutexGuard<'static, ()>> {
    ready().then(|| {
        CLIPBOARD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    })
}

// ---- reading with xclip (a third client) -------------------------------------------------

fn xclip_get(target: &str) -> Option<Vec<u8>> {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .output()
        .unwrap();
    out.status.success().then_some(out.stdout)
}

fn xclip_targets() -> Vec<String> {
    let bytes = xclip_get("TARGETS").unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every target in `expected` is on the clipboard with exactly these bytes.
fn assert_clipboard_is(expected: &[(&str, Vec<u8>)], when: &str) {
    let targets = xclip_targets();
    for (name, bytes) in expected {
        assert!(
            targets.iter().any(|t| t == name),
            "{when}: {name} is not in TARGETS {targets:?}"
        );
        let got = xclip_get(name).unwrap_or_else(|| panic!("{when}: xclip cannot read {name}"));
        assert!(
            got == *bytes,
            "{when}: {name} differs: {} bytes, expected {}",
            got.len(),
            bytes.len()
        );
    }
}

// ---- test data -----------------------------------------------------------------------------

/// A PNG of noise (it does not compress): `width × height × 4` bytes and a little more.
fn noise_png(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = seed | 1;
    let image = image::RgbaImage::from_fn(width, height, |_, _| {
        // xorshift32
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        image::Rgba(state.to_le_bytes())
    });
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

fn every_byte() -> Vec<u8> {
    (0..=255u8).cycle().take(70_000).collect()
}

// ---- an independent selection owner (not the adapter's code) -------------------------------

/// Another client owning the CLIPBOARD with several targets at once (xclip offers one per
/// process). Sends anything above `incr_chunk` bytes in INCR pieces. Serves until another
/// client takes the selection; then its thread ends.
struct TestOwner {
    thread: Option<std::thread::JoinHandle<usize>>,
}

impl TestOwner {
    fn offer(targets: &[(&str, Vec<u8>)], incr_chunk: usize) -> Self {
        let targets: Vec<(String, Vec<u8>)> = targets
            .iter()
            .map(|(n, b)| ((*n).to_owned(), b.clone()))
            .collect();
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || serve(&targets, incr_chunk, &tx));
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the test owner takes the clipboard");
        Self {
            thread: Some(thread),
        }
    }

    /// Waits for the thread (it ends once another client took the selection).
    fn join(mut self) -> usize {
        self.thread.take().unwrap().join().unwrap()
    }
}

fn intern(conn: &RustConnection, name: &str) -> Atom {
    conn.intern_atom(false, name.as_bytes())
        .unwrap()
        .reply()
        .unwrap()
        .atom
}

fn window(conn: &RustConnection, screen: usize) -> Window {
    let root = conn.setup().roots[screen].root;
    let window = conn.generate_id().unwrap();
    conn.create_window(
        0,
        window,
        root,
        0,
        0,
        1,
        1,
        0,
        WindowClass::INPUT_ONLY,
        0,
        &CreateWindowAux::new().event_mask(EventMask::PROPERTY_CHANGE),
    )
    .unwrap()
    .check()
    .unwrap();
    window
}

/// Returns how many requests it answered.
fn serve(targets: &[(String, Vec<u8>)], incr_chunk: usize, ready: &mpsc::Sender<()>) -> usize {
    let (conn, screen) = x11rb::connect(None).unwrap();
    let window = window(&conn, screen);
    let clipboard = intern(&conn, "CLIPBOARD");
    let targets_atom = intern(&conn, "TARGETS");
    let incr = intern(&conn, "INCR");
    let offered: Vec<(Atom, &[u8])> = targets
        .iter()
        .map(|(n, b)| (intern(&conn, n), b.as_slice()))
        .collect();
    conn.set_selection_owner(window, clipboard, x11rb::CURRENT_TIME)
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        conn.get_selection_owner(clipboard)
            .unwrap()
            .reply()
            .unwrap()
            .owner,
        window
    );
    ready.send(()).unwrap();

    // (requestor, property, type, data, bytes sent)
    let mut transfers: Vec<(Window, Atom, Atom, &[u8], usize)> = Vec::new();
    let mut owning = true;
    let mut answered = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last_activity = Instant::now();
    while (owning || !transfers.is_empty()) && Instant::now() < deadline {
        let Some(event) = conn.poll_for_event().unwrap() else {
            // A requestor that stopped taking pieces (one that gave up on a too large
            // transfer) is gone, as a real owner would conclude.
            if !owning && last_activity.elapsed() > Duration::from_secs(2) {
                transfers.clear();
            }
            std::thread::sleep(Duration::from_millis(1));
            continue;
        };
        last_activity = Instant::now();
        match event {
            Event::SelectionRequest(r) => {
                answered += 1;
                let data = offered.iter().find(|(a, _)| *a == r.target);
                let ok = if !owning {
                    false
                } else if r.target == targets_atom {
                    let mut list = vec![targets_atom];
                    list.extend(offered.iter().map(|(a, _)| *a));
                    conn.change_property32(
                        PropMode::REPLACE,
                        r.requestor,
                        r.property,
                        AtomEnum::ATOM,
                        &list,
                    )
                    .unwrap();
                    true
                } else if let Some(&(atom, bytes)) = data {
                    if bytes.len() > incr_chunk {
                        conn.change_window_attributes(
                            r.requestor,
                            &ChangeWindowAttributesAux::new()
                                .event_mask(EventMask::PROPERTY_CHANGE),
                        )
                        .unwrap();
                        conn.change_property32(
                            PropMode::REPLACE,
                            r.requestor,
                            r.property,
                            incr,
                            &[u32::try_from(bytes.len()).unwrap()],
                        )
                        .unwrap();
                        transfers.push((r.requestor, r.property, atom, bytes, 0));
                    } else {
                        conn.change_property8(
                            PropMode::REPLACE,
                            r.requestor,
                            r.property,
                            atom,
                            bytes,
                        )
                        .unwrap();
                    }
                    true
                } else {
                    false
                };
                let notify = SelectionNotifyEvent {
                    response_type: SELECTION_NOTIFY_EVENT,
                    sequence: 0,
                    time: r.time,
                    requestor: r.requestor,
                    selection: r.selection,
                    target: r.target,
                    property: if ok { r.property } else { x11rb::NONE },
                };
                conn.send_event(false, r.requestor, EventMask::NO_EVENT, notify)
                    .unwrap();
            }
            Event::PropertyNotify(p) if p.state == Property::DELETE => {
                if let Some(i) = transfers
                    .iter()
                    .position(|t| t.0 == p.window && t.1 == p.atom)
                {
                    let (requestor, property, type_, bytes, sent) = transfers[i];
                    let end = bytes.len().min(sent + incr_chunk);
                    conn.change_property8(
                        PropMode::REPLACE,
                        requestor,
                        property,
                        type_,
                        &bytes[sent..end],
                    )
                    .unwrap();
                    if end == sent {
                        transfers.remove(i);
                    } else {
                        transfers[i].4 = end;
                    }
                }
            }
            Event::SelectionClear(_) => owning = false,
            _ => {}
        }
        conn.flush().unwrap();
    }
    // A round trip before the connection closes, or the last answers may never be read.
    conn.get_input_focus().unwrap().reply().unwrap();
    answered
}

// ---- the tests -------------------------------------------------------------------------------

fn rich_contents(png: Vec<u8>) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "UTF8_STRING",
            "Order 113-55 ✓ 你好 — مرحبا بك\nline 2".as_bytes().to_vec(),
        ),
        (
            "text/html",
            "<meta charset='utf-8'><b>Order</b> 113-55 — <i>مرحبا</i>"
                .as_bytes()
                .to_vec(),
        ),
        ("image/png", png),
        ("text/uri-list", b"file:///tmp/a%20b.png\r\n".to_vec()),
        ("application/x-quickreply-test", every_byte()),
    ]
}

#[test]
fn text_html_png_and_custom_targets_come_back_byte_for_byte() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let png = noise_png(1000, 700, 7); // ~2.8 MB: INCR both ways
    assert!(png.len() > 2_000_000, "PNG is {} bytes", png.len());
    let contents = rich_contents(png);
    let owner = TestOwner::offer(&contents, 64 * 1024);

    let mut clipboard = X11Clipboard::new();
    let t = Instant::now();
    let saved = clipboard.read().unwrap();
    println!("save of {} targets: {:?}", contents.len(), t.elapsed());
    assert_eq!(
        saved.text.as_deref(),
        Some("Order 113-55 ✓ 你好 — مرحبا بك\nline 2")
    );
    assert!(saved.html.as_deref().unwrap().contains("<b>Order</b>"));
    let image = saved.image.as_ref().expect("the PNG decoded");
    assert_eq!((image.width, image.height), (1000, 700));

    clipboard.write_text("the reply ✓").unwrap();
    assert_eq!(xclip_get("UTF8_STRING").unwrap(), "the reply ✓".as_bytes());
    // The test owner lost the selection to the reply, so what comes back is ours.
    assert!(owner.join() > contents.len(), "the test owner was asked");

    let t = Instant::now();
    clipboard.restore(&saved).unwrap();
    println!("restore: {:?}", t.elapsed());
    let t = Instant::now();
    assert_clipboard_is(&contents, "after the first restore");
    println!("xclip read back every target: {:?}", t.elapsed());

    // A second paste while we still own it: the save reads our own data (no deadlock), and
    // so does another client of ours reading through the X server.
    let mut other = X11Clipboard::new();
    let t = Instant::now();
    let through_x = other.read().unwrap();
    println!(
        "another reader, from our owner through the X server: {:?}",
        t.elapsed()
    );
    assert!(through_x == saved, "read through the X server differs");
    let t = Instant::now();
    let again = clipboard.read().unwrap();
    println!("save of our own restored clipboard: {:?}", t.elapsed());
    assert!(again == saved, "the second save differs from the first");
    clipboard.write_text("the second reply").unwrap();
    assert_eq!(xclip_get("UTF8_STRING").unwrap(), b"the second reply");
    clipboard.restore(&again).unwrap();
    assert_clipboard_is(&contents, "after the second restore");

    // And the other instance's own round trip, through the X server.
    other.write_text("a third reply").unwrap();
    other.restore(&through_x).unwrap();
    assert_clipboard_is(
        &contents,
        "after a restore from a save read through the X server",
    );
}

#[test]
fn a_large_png_from_xclip_comes_back_byte_for_byte() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let png = noise_png(1200, 900, 11); // ~4.3 MB: xclip sends it in INCR pieces
    let path = std::env::temp_dir().join(format!("quickreply-clip-{}.png", std::process::id()));
    std::fs::write(&path, &png).unwrap();
    // -quiet: stay in the foreground, so the test knows the process to wait for.
    let mut xclip = Command::new("xclip")
        .args(["-quiet", "-selection", "clipboard", "-t", "image/png", "-i"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !xclip_targets().iter().any(|t| t == "image/png") {
        assert!(
            Instant::now() < deadline,
            "xclip did not take the clipboard"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut clipboard = X11Clipboard::new();
    let saved = clipboard.read().unwrap();
    assert!(saved.text.is_none());
    let image = saved.image.as_ref().expect("the PNG decoded");
    assert_eq!((image.width, image.height), (1200, 900));
    clipboard.write_text("reply").unwrap();
    clipboard.restore(&saved).unwrap();
    assert_clipboard_is(&[("image/png", png)], "after restoring xclip's PNG");

    let _ = xclip.kill();
    let _ = xclip.wait();
    let _ = std::fs::remove_file(path);
}

#[test]
fn our_owner_answers_multiple_and_timestamp() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let contents = vec![
        ("UTF8_STRING", b"multiple".to_vec()),
        ("application/x-quickreply-test", every_byte()),
    ];
    let owner = TestOwner::offer(&contents, 64 * 1024);
    let mut clipboard = X11Clipboard::new();
    let saved = clipboard.read().unwrap();
    clipboard.write_text("reply").unwrap();
    owner.join();
    clipboard.restore(&saved).unwrap();

    // A requestor asking for three targets at once, one of which we do not have.
    let (conn, screen) = x11rb::connect(None).unwrap();
    let window = window(&conn, screen);
    let atom = |name: &str| intern(&conn, name);
    let (p1, p2, p3, pairs) = (
        atom("QR_P1"),
        atom("QR_P2"),
        atom("QR_P3"),
        atom("QR_PAIRS"),
    );
    let request = [
        atom("UTF8_STRING"),
        p1,
        atom("application/x-quickreply-test"),
        p2,
        atom("application/x-not-there"),
        p3,
    ];
    conn.change_property32(
        PropMode::REPLACE,
        window,
        pairs,
        atom("ATOM_PAIR"),
        &request,
    )
    .unwrap();
    let clipboard_atom = atom("CLIPBOARD");
    let answer = |target: Atom, property: Atom| -> Atom {
        conn.convert_selection(
            window,
            clipboard_atom,
            target,
            property,
            x11rb::CURRENT_TIME,
        )
        .unwrap();
        conn.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            assert!(Instant::now() < deadline, "no SelectionNotify");
            match conn.poll_for_event().unwrap() {
                Some(Event::SelectionNotify(n)) if n.target == target => return n.property,
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(1)),
            }
        }
    };
    let property = |p: Atom| {
        conn.get_property(false, window, p, AtomEnum::ANY, 0, 1 << 20)
            .unwrap()
            .reply()
            .unwrap()
    };

    assert_eq!(answer(atom("MULTIPLE"), pairs), pairs);
    let back: Vec<u32> = property(pairs).value32().unwrap().collect();
    assert_eq!(
        back[..4],
        request[..4],
        "the two we have keep their property"
    );
    assert_eq!(back[5], x11rb::NONE, "the one we lack is refused");
    assert_eq!(property(p1).value, b"multiple");
    assert_eq!(property(p2).value, every_byte());

    let stamp = atom("QR_STAMP");
    assert_eq!(answer(atom("TIMESTAMP"), stamp), stamp);
    let time = property(stamp);
    assert_eq!(time.type_, u32::from(AtomEnum::INTEGER));
    assert!(time.value32().unwrap().next().unwrap() > 0);
}

#[test]
fn beyond_the_size_bound_text_and_image_are_still_restored() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let png = noise_png(600, 600, 3); // ~1.4 MB, over the 1 MB bound below
    let contents = vec![
        ("UTF8_STRING", "kept ✓".as_bytes().to_vec()),
        ("image/png", png.clone()),
        ("application/x-quickreply-test", every_byte()),
    ];
    let owner = TestOwner::offer(&contents, 64 * 1024);
    let mut clipboard = X11Clipboard::with_limit(1024 * 1024);
    // Saved through arboard (text, HTML, the decoded image), as before this adapter.
    let saved = clipboard.read().unwrap();
    assert_eq!(saved.text.as_deref(), Some("kept ✓"));
    assert!(saved.image.is_some(), "arboard read the image");
    clipboard.write_text("reply").unwrap();
    owner.join();
    clipboard.restore(&saved).unwrap();
    // The text comes back exactly, the image together with it (encoded again: same pixels,
    // not the same bytes); the custom target is what only the byte-exact path keeps.
    assert_clipboard_is(&contents[..1], "after the fallback");
    let back = image::load_from_memory(&xclip_get("image/png").unwrap()).unwrap();
    let before = image::load_from_memory(&png).unwrap();
    assert!(
        back.to_rgba8() == before.to_rgba8(),
        "the image's pixels differ"
    );
    assert!(xclip_get("application/x-quickreply-test").is_none());
}

#[test]
fn an_empty_clipboard_stays_empty() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    // Nobody owns the CLIPBOARD once its owner's window is gone.
    {
        let (conn, screen) = x11rb::connect(None).unwrap();
        let window = window(&conn, screen);
        let clipboard_atom = intern(&conn, "CLIPBOARD");
        conn.set_selection_owner(window, clipboard_atom, x11rb::CURRENT_TIME)
            .unwrap()
            .check()
            .unwrap();
        conn.set_selection_owner(x11rb::NONE, clipboard_atom, x11rb::CURRENT_TIME)
            .unwrap()
            .check()
            .unwrap();
    }
    let mut clipboard = X11Clipboard::new();
    let saved = clipboard.read().unwrap();
    assert!(saved.is_empty());
    clipboard.write_text("reply").unwrap();
    clipboard.restore(&saved).unwrap();
    println!("targets after restoring nothing: {:?}", xclip_targets());
    assert!(clipboard.read().unwrap().is_empty());
}

/// One request as `xclip -o` makes it: a new connection and window, ConvertSelection of
/// UTF8_STRING, the answer read, the connection closed. `None` when no answer came.
fn one_shot_request() -> Option<Vec<u8>> {
    let (conn, screen) = x11rb::connect(None).unwrap();
    let requestor = window(&conn, screen);
    let clipboard_atom = intern(&conn, "CLIPBOARD");
    let property = intern(&conn, "QR_ONE_SHOT");
    conn.convert_selection(
        requestor,
        clipboard_atom,
        intern(&conn, "UTF8_STRING"),
        property,
        x11rb::CURRENT_TIME,
    )
    .unwrap();
    conn.flush().unwrap();
    let deadline = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < deadline {
        match conn.poll_for_event().unwrap() {
            Some(Event::SelectionNotify(n)) if n.property == x11rb::NONE => return Some(Vec::new()),
            Some(Event::SelectionNotify(_)) => {
                let reply = conn
                    .get_property(true, requestor, property, AtomEnum::ANY, 0, 1024)
                    .unwrap()
                    .reply()
                    .unwrap();
                return Some(reply.value);
            }
            Some(_) => {}
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    None
}

#[test]
fn requests_during_hand_overs_are_all_answered() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let owner = TestOwner::offer(&[("UTF8_STRING", b"the user's text".to_vec())], 64 * 1024);
    let mut clipboard = X11Clipboard::new();
    let saved = clipboard.read().unwrap();
    clipboard.write_text("reply").unwrap();
    owner.join();

    // Two requestors asking all the time while the clipboard changes hands every few ms
    // between our reply and our restored clipboard: an owner thread that ended right after
    // answering used to close its connection before the X server had read the answer, and
    // about 1 request in 130 then never got one (like `xclip -o` hanging).
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let requestors: Vec<_> = (0..2)
        .map(|_| {
            let stop = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                let (mut answered, mut lost) = (0, 0);
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    match one_shot_request() {
                        Some(value) => {
                            let known = [&b""[..], b"reply", b"the user's text"];
                            assert!(known.contains(&value.as_slice()), "answer {value:?}");
                            answered += 1;
                        }
                        None => lost += 1,
                    }
                }
                (answered, lost)
            })
        })
        .collect();
    let start = Instant::now();
    let mut hand_overs = 0;
    while start.elapsed() < Duration::from_secs(4) {
        clipboard.write_text("reply").unwrap();
        std::thread::sleep(Duration::from_millis(3));
        clipboard.restore(&saved).unwrap();
        std::thread::sleep(Duration::from_millis(3));
        hand_overs += 2;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (answered, lost) = requestors
        .into_iter()
        .map(|t| t.join().unwrap())
        .fold((0, 0), |(a, l), (a2, l2)| (a + a2, l + l2));
    println!("{hand_overs} hand-overs, {answered} requests answered, {lost} unanswered");
    assert_eq!(lost, 0, "requests without an answer ({answered} answered)");
    assert!(answered > 100, "only {answered} requests were made");
    assert_clipboard_is(
        &[("UTF8_STRING", b"the user's text".to_vec())],
        "after the hand-overs",
    );
}

#[test]
fn the_reply_owner_counts_reads_and_sees_a_new_copy() {
    let Some(_one) = exclusive_clipboard() else {
        return;
    };
    let mut clipboard = X11Clipboard::new();
    let saved = clipboard.read().unwrap();
    clipboard.write_text("Your parcel left today.").unwrap();
    let wait_for = |clipboard: &mut X11Clipboard, what: &str, ok: &dyn Fn(usize, bool) -> bool| {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let status = clipboard
                .reply_status()
                .expect("our owner serves the reply");
            if ok(status.reads, status.on_clipboard) {
                return status;
            }
            assert!(Instant::now() < until, "{what}: still {status:?}");
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let before = wait_for(&mut clipboard, "fresh reply", &|_, on| on);
    assert_eq!(before.reads, 0, "nobody has read the reply yet");
    // The palette's text-only read answers from our copy: not a read of the reply either.
    assert_eq!(
        clipboard.read_text().unwrap().as_deref(),
        Some("Your parcel left today.")
    );
    assert_eq!(clipboard.reply_status().unwrap().reads, 0);
    // Asking which targets we have is not a read of the reply.
    let targets = xclip_targets();
    assert!(targets.iter().any(|t| t == "UTF8_STRING"), "{targets:?}");
    assert_eq!(clipboard.reply_status().unwrap().reads, 0);
    assert_eq!(
        xclip_get("UTF8_STRING").as_deref(),
        Some("Your parcel left today.".as_bytes())
    );
    wait_for(&mut clipboard, "after one read", &|reads, _| reads == 1);
    xclip_get("text/plain;charset=utf-8").unwrap();
    wait_for(&mut clipboard, "after two reads", &|reads, _| reads == 2);
    // The user copies something else: the reply is no longer on the clipboard.
    let other = TestOwner::offer(&[("UTF8_STRING", b"next buyer".to_vec())], 1 << 20);
    wait_for(&mut clipboard, "after a new copy", &|_, on| !on);
    assert_eq!(
        clipboard.read_text().unwrap().as_deref(),
        Some("next buyer"),
        "the text alone, from the new owner"
    );
    // After a restore there is no reply to report on.
    clipboard.restore(&saved).unwrap();
    assert!(clipboard.reply_status().is_none());
    other.join();
}
