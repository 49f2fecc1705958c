//! The commands the web UI calls, by window. Each is one call into the core's application
//! layer (`quickreply_core::app`) plus, where a window needs it, telling the other windows
//! and the tray what changed. Errors are `{code, message}` in the staff's language.

pub mod backups;
pub mod insights;
pub mod library;
pub mod orders;
pub mod palette;
pub mod review;
pub mod settings;
pub mod team;

use super::error::IpcResult;

/// Runs a slow application-layer call (a translation service, a provider test) on a blocking
/// worker, so the event loop and the palette never wait for the network.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| super::error::IpcError {
            code: quickreply_core::Code::Internal,
            message: format!("the worker stopped: {e}"),
            missing: Vec::new(),
        })?
}
