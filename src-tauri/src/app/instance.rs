//! One running instance per library. The first instance listens on a Unix socket in the
//! runtime directory; a second launch (or `quickreply palette`) sends it a one-line command and
//! exits. No D-Bus session needed, so it works under a bare X server too.

#[cfg(unix)]
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
#[cfg(unix)]
use std::path::PathBuf;

/// Commands a second launch can send.
pub const SHOW_PALETTE: &str = "palette";
pub const SHOW_SETTINGS: &str = "settings";
pub const SHOW_REVIEW: &str = "review";
pub const SHOW_LIBRARY: &str = "library";

/// The socket of the instance serving `db`.
#[cfg(unix)]
pub fn socket_path(db: &Path) -> PathBuf {
    let dir = std::env::var_os("XDG_RUNTIME_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let id = quickreply_core::store::source_hash(&db.to_string_lossy());
    dir.join(format!("quickreply-{}.sock", &id[..12]))
}

/// Sends `command` to a running instance. `Ok(false)` when none is running.
#[cfg(unix)]
pub fn send(db: &Path, command: &str) -> std::io::Result<bool> {
    use std::os::unix::net::UnixStream;
    match UnixStream::connect(socket_path(db)) {
        Ok(mut stream) => {
            writeln!(stream, "{command}")?;
            Ok(true)
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// Listens for commands from later launches and hands each to `on_command` (on the listener
/// thread: it must dispatch to the main thread itself).
#[cfg(unix)]
pub fn listen(db: &Path, on_command: impl Fn(String) + Send + 'static) -> std::io::Result<()> {
    use std::os::unix::net::UnixListener;
    let path = socket_path(db);
    // A socket file left by a crashed instance: nobody answers on it, so it can go.
    if path.exists() && std::os::unix::net::UnixStream::connect(&path).is_err() {
        let _ = std::fs::remove_file(&path);
    }
    let listener = UnixListener::bind(&path)?;
    std::thread::Builder::new()
        .name("instance".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut line = String::new();
                if BufReader::new(stream).read_line(&mut line).is_ok() {
                    on_command(line.trim().to_string());
                }
            }
        })?;
    Ok(())
}

/// Elsewhere tauri-plugin-single-instance forwards the arguments: the new process starts, the
/// plugin hands its arguments to the running instance and exits.
#[cfg(not(unix))]
pub fn send(_db: &Path, _command: &str) -> std::io::Result<bool> {
    Ok(false)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_launch_reaches_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib.sqlite3");
        std::fs::write(&db, b"").unwrap();
        assert!(!send(&db, SHOW_PALETTE).unwrap(), "nobody listens yet");
        let (tx, rx) = std::sync::mpsc::channel();
        listen(&db, move |c| tx.send(c).unwrap()).unwrap();
        assert!(send(&db, SHOW_PALETTE).unwrap());
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap(),
            "palette"
        );
        let _ = std::fs::remove_file(socket_path(&db));
    }
}
