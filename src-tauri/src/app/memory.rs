//! Keeping the app light: it runs all day next to a browser full of seller consoles, so what it
//! no longer uses goes back to the system (figures in docs/PERFORMANCE.md, "Desktop app").

/// Sizes WebKit's caches for what the app is: a few local pages that never navigate away, not
/// a browser. The document-viewer model turns off the page cache and keeps the memory cache
/// small. The web context is shared by the app's windows; setting it again is harmless.
pub fn lighten(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = done {
            log::debug!("webview cache model: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Hands the heap pages freed since the last call back to the system, a moment from now (off
/// the caller's thread). glibc keeps freed pages for reuse; after start-up (library, index,
/// models warmed) and after each palette opening that would stay resident all day.
/// Calls coming while one is scheduled join it (a quick reopen does not start another).
pub fn trim_soon() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        static SCHEDULED: AtomicBool = AtomicBool::new(false);
        if SCHEDULED.swap(true, Ordering::AcqRel) {
            return;
        }
        std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_secs(1));
            SCHEDULED.store(false, Ordering::Release);
            // SAFETY: malloc_trim only walks glibc's own arenas; it takes no pointers.
            unsafe {
                libc::malloc_trim(0);
            }
        });
    }
}
