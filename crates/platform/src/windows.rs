//! Focus tracking on Windows: the foreground window.

use quickreply_core::ports::{FocusTracker, PortError, WindowId};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    GetForegroundWindow, IsIconic, IsWindow, SW_RESTORE, SetForegroundWindow, ShowWindow,
};

/// `WindowId` is the `HWND`. `SetForegroundWindow` is allowed because the palette — our own
/// window — was in the foreground just before.
#[derive(Debug, Default)]
pub struct WindowsFocus;

impl FocusTracker for WindowsFocus {
    fn focused(&mut self) -> Result<Option<WindowId>, PortError> {
        // SAFETY: no arguments; returns a handle value or null.
        let hwnd = unsafe { GetForegroundWindow() };
        Ok((!hwnd.is_null()).then_some(WindowId(hwnd as usize as u64)))
    }

    fn activate(&mut self, window: WindowId) -> Result<(), PortError> {
        let hwnd = window.0 as usize as windows_sys::Win32::Foundation::HWND;
        // SAFETY: IsWindow accepts any value and only tells whether it names a window.
        if unsafe { IsWindow(hwnd) } == 0 {
            return Err(PortError::Focus(format!(
                "window {window} no longer exists"
            )));
        }
        // SAFETY: hwnd was just checked to be a window; both calls only change its show state.
        unsafe {
            if IsIconic(hwnd) != 0 {
                ShowWindow(hwnd, SW_RESTORE);
            }
        }
        // SAFETY: hwnd names a window (checked above); a stale handle only makes this fail.
        if unsafe { SetForegroundWindow(hwnd) } == 0 {
            return Err(PortError::Focus(format!(
                "Windows refused to bring {window} to the front"
            )));
        }
        Ok(())
    }
}
