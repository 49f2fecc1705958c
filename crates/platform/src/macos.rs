//! Focus tracking on macOS: the frontmost application.
//!
//! macOS exposes the frontmost *application*, not a window, to apps without the Accessibility
//! window API; activating the app brings back its key window, which is the browser tab the
//! user was typing in. So `WindowId` is a process id here.

use objc2::rc::autoreleasepool;
use objc2_app_kit::{NSApplicationActivationOptions, NSRunningApplication, NSWorkspace};
use quickreply_core::ports::{FocusTracker, PortError, WindowId};

#[derive(Debug, Default)]
pub struct MacFocus;

impl FocusTracker for MacFocus {
    fn focused(&mut self) -> Result<Option<WindowId>, PortError> {
        // The paste runs on a worker thread, which has no autorelease pool of its own.
        autoreleasepool(|_| {
            let app = NSWorkspace::sharedWorkspace().frontmostApplication();
            let pid = app
                .map(|app| app.processIdentifier())
                .filter(|&pid| pid > 0);
            Ok(pid.map(|pid| WindowId(pid as u64)))
        })
    }

    fn activate(&mut self, window: WindowId) -> Result<(), PortError> {
        let pid = i32::try_from(window.0)
            .map_err(|_| PortError::Focus(format!("{window} is not a process id")))?;
        autoreleasepool(|_| {
            let app = NSRunningApplication::runningApplicationWithProcessIdentifier(pid)
                .ok_or_else(|| {
                    PortError::Focus(format!("application {pid} is no longer running"))
                })?;
            if app.activateWithOptions(NSApplicationActivationOptions::empty()) {
                Ok(())
            } else {
                Err(PortError::Focus(format!(
                    "macOS refused to activate application {pid}"
                )))
            }
        })
    }
}
