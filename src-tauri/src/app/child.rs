//! Helper processes the app runs and waits for with a time limit (language detection, the
//! insights report): their output is read while they run, so an answer larger than a pipe's
//! buffer cannot leave the child blocked on a write until the time limit.

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` with stdout and stderr captured and stdin closed. `Ok(None)` when it took
/// longer than `timeout` (it is killed then).
pub fn output_within(command: &mut Command, timeout: Duration) -> std::io::Result<Option<Output>> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(Some(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_large_answer_arrives_whole_and_a_slow_child_is_stopped() {
        // 1 MB on stdout: more than a pipe holds, so the child would block if nobody read it.
        let out = output_within(
            Command::new("sh").args(["-c", "head -c 1048576 /dev/zero"]),
            Duration::from_secs(10),
        )
        .unwrap()
        .expect("finished in time");
        assert!(out.status.success());
        assert_eq!(out.stdout.len(), 1_048_576);
        let slow = output_within(
            Command::new("sh").args(["-c", "sleep 5"]),
            Duration::from_millis(100),
        )
        .unwrap();
        assert!(slow.is_none());
    }
}
