//! Pastes a text into a window with the real ports and the core's pipeline, and prints what it
//! took. For trying the paste path by hand or from a script under Xvfb:
//!
//! ```text
//! cargo run -p quickreply-platform --example paste_demo -- TEXT [--target 0xWINDOW] [--keys Ctrl+V] [--restore-ms 150] [--hold-ms 300]
//! ```
//!
//! Without `--target`, the window focused at start is the target (focus it, then run this).

use std::time::Duration;

use quickreply_core::paste::{PasteTimings, paste_into};
use quickreply_core::ports::{PasteKeystroke, SystemClock, WindowId};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut text = None;
    let mut target = None;
    let mut keys = PasteKeystroke::platform_default();
    let mut timings = PasteTimings::default();
    let mut hold = Duration::from_millis(300);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--target" => {
                let value = args.next().ok_or("--target needs a window id")?;
                let hex = value.trim_start_matches("0x");
                target = Some(WindowId(u64::from_str_radix(hex, 16)?));
            }
            "--keys" => keys = args.next().ok_or("--keys needs a keystroke")?.parse()?,
            "--restore-ms" => {
                let ms = args.next().ok_or("--restore-ms needs a number")?.parse()?;
                timings.restore_after = Duration::from_millis(ms);
            }
            "--hold-ms" => {
                hold =
                    Duration::from_millis(args.next().ok_or("--hold-ms needs a number")?.parse()?);
            }
            _ => text = Some(arg),
        }
    }
    let text = text.ok_or("usage: paste_demo TEXT [--target 0xWINDOW] [--keys Ctrl+V]")?;

    let mut ports = quickreply_platform::ports()?;
    println!("backend: {}", ports.backend);
    let focused = ports.focus.focused()?;
    let target = target.or(focused);
    println!("focused: {focused:?}, target: {target:?}");
    let report = paste_into(
        target,
        &text,
        keys,
        &timings,
        ports.clipboard.as_mut(),
        ports.keys.as_mut(),
        ports.focus.as_mut(),
        &SystemClock,
    )?;
    println!("{report:?}");
    // Keep the restored clipboard alive a moment for a script to read it with xclip; on X11 it
    // dies with this process when no clipboard manager takes it over.
    std::thread::sleep(hold);
    Ok(())
}
