//! The team library through the real binary: two libraries (two `--db` files, staff alice
//! and bob) bound to one bare git repository on this machine; separate edits, a same-message
//! conflict, approve vs edit, delete vs edit, an unreachable remote, a refused push (a
//! `git daemon` whose pre-receive hook rejects), and the repository as a Fluent pack with
//! history. Needs `git` (and `git daemon`) on PATH.

#![allow(clippy::unwrap_used)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

use common::Lib;
use serde_json::Value;
use tempfile::TempDir;

/// A bare repository and two libraries.
struct Team {
    dir: TempDir,
    alice: Lib,
    bob: Lib,
}

impl Team {
    /// The bare repository, alice's library shared there (two templates, an Arabic
    /// translation waiting for review), and bob's library joined to it.
    fn new() -> Self {
        let team = Self::empty();
        let a = &team.alice;
        ok(
            a,
            "alice",
            &[
                "templates",
                "add",
                "hello",
                "--title",
                "Hello",
                "--text",
                "Hello there",
            ],
        );
        ok(
            a,
            "alice",
            &[
                "templates",
                "add",
                "bye",
                "--title",
                "Bye",
                "--text",
                "Goodbye",
            ],
        );
        ok(
            a,
            "alice",
            &[
                "templates",
                "edit",
                "hello",
                "--lang",
                "ar",
                "--text",
                "مرحبا",
                "--status",
                "needs-review",
            ],
        );
        let remote = team.remote();
        let out = ok(a, "alice", &["team", "init", &remote]);
        assert!(out.contains("shared the library"), "{out}");
        let out = ok(&team.bob, "bob", &["team", "join", &remote]);
        assert!(out.contains("joined"), "{out}");
        team
    }

    fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "--quiet", "--bare", "remote.git"]);
        Self {
            dir,
            alice: Lib::new(),
            bob: Lib::new(),
        }
    }

    fn remote(&self) -> String {
        self.remote_path().display().to_string()
    }

    fn remote_path(&self) -> PathBuf {
        self.dir.path().join("remote.git")
    }
}

fn run(lib: &Lib, user: &str, args: &[&str]) -> Output {
    lib.command(args)
        .env("USER", user)
        .env("USERNAME", user)
        .output()
        .unwrap()
}

fn ok(lib: &Lib, user: &str, args: &[&str]) -> String {
    let out = run(lib, user, args);
    assert!(
        out.status.success(),
        "{user} {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Expects exit `code` and nothing on stdout; returns stderr.
fn fails(lib: &Lib, user: &str, args: &[&str], code: i32) -> String {
    let out = run(lib, user, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{user} {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

fn sync(lib: &Lib, user: &str) -> String {
    ok(lib, user, &["team", "sync"])
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `(text, status)` of a template's language.
fn text(lib: &Lib, key: &str, locale: &str) -> Option<(String, String)> {
    let out = run(lib, "x", &["templates", "show", key, "--json"]);
    if !out.status.success() {
        return None;
    }
    let detail: Value = serde_json::from_slice(&out.stdout).unwrap();
    detail["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["locale"] == locale)
        .map(|v| {
            (
                v["text"].as_str().unwrap().to_string(),
                v["status"].as_str().unwrap().to_string(),
            )
        })
}

fn status(lib: &Lib) -> Value {
    serde_json::from_str(&ok(lib, "x", &["team", "status", "--json"])).unwrap()
}

fn history_texts(lib: &Lib, key: &str, locale: &str) -> Vec<String> {
    let out = ok(
        lib,
        "x",
        &["templates", "history", key, "--lang", locale, "--json"],
    );
    let entries: Value = serde_json::from_str(&out).unwrap();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn separate_edits_merge_and_the_repository_is_a_pack_with_history() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    assert_eq!(
        text(b, "hello", "ar"),
        Some(("مرحبا".into(), "needs_review".into()))
    );

    ok(
        b,
        "bob",
        &["templates", "edit", "bye", "--text", "Goodbye (bob)"],
    );
    ok(
        a,
        "alice",
        &["templates", "edit", "hello", "--text", "Hello (alice)"],
    );
    ok(
        a,
        "alice",
        &[
            "templates",
            "edit",
            "bye",
            "--lang",
            "fr",
            "--text",
            "Au revoir",
        ],
    );
    assert!(status(a)["pending"].as_u64().unwrap() >= 2, "{}", status(a));
    sync(b, "bob");
    let out = sync(a, "alice");
    assert!(out.contains("0 conflict(s)"), "{out}");
    sync(b, "bob");

    for lib in [a, b] {
        assert_eq!(text(lib, "bye", "en").unwrap().0, "Goodbye (bob)");
        assert_eq!(text(lib, "hello", "en").unwrap().0, "Hello (alice)");
        assert_eq!(text(lib, "bye", "fr").unwrap().0, "Au revoir");
        // The source changed: its translation is stale on both sides.
        assert_eq!(text(lib, "hello", "ar").unwrap().1, "stale");
        let s = status(lib);
        assert_eq!(s["pending"], 0, "{s}");
        assert_eq!(s["bound"], true);
        assert!(s["last_sync"].is_string(), "{s}");
        assert_eq!(s["conflicts"], serde_json::json!([]));
    }

    // The repository: Fluent files and pack.toml, with history under the staff's names.
    let log = git(&team.remote_path(), &["log", "--format=%an", "main"]);
    assert!(log.lines().count() >= 3, "{log}");
    assert!(log.contains("alice") && log.contains("bob"), "{log}");
    git(
        team.dir.path(),
        &["clone", "--quiet", &team.remote(), "clone"],
    );
    let clone = team.dir.path().join("clone");
    let manifest = std::fs::read_to_string(clone.join("pack.toml")).unwrap();
    assert!(manifest.contains("[review.ar.hello]"), "{manifest}");
    assert!(
        !manifest.contains("use_count") && !manifest.contains("usage"),
        "{manifest}"
    );
    let en = std::fs::read_to_string(clone.join("en.ftl")).unwrap();
    assert!(en.contains("hello = Hello (alice)"), "{en}");

    // `pack import` of a clone gives the same library, statuses included.
    let c = Lib::new();
    ok(&c, "carol", &["pack", "import", clone.to_str().unwrap()]);
    assert_eq!(
        ok(&c, "x", &["templates", "list"]),
        ok(a, "x", &["templates", "list"])
    );
    for (key, locale) in [
        ("hello", "en"),
        ("hello", "ar"),
        ("bye", "en"),
        ("bye", "fr"),
    ] {
        assert_eq!(
            text(&c, key, locale),
            text(a, key, locale),
            "{key} {locale}"
        );
    }
}

#[test]
fn the_same_message_edited_on_both_sides_is_a_reported_conflict_that_keeps_both_texts() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    ok(
        a,
        "alice",
        &["templates", "edit", "hello", "--text", "Hello from alice"],
    );
    ok(
        b,
        "bob",
        &["templates", "edit", "hello", "--text", "Hello from bob"],
    );
    sync(b, "bob");
    let out = sync(a, "alice");
    assert!(out.contains("1 conflict(s)"), "{out}");
    assert!(out.contains("conflict\thello\ten"), "{out}");
    assert!(
        out.contains("Hello from bob") && out.contains("by bob"),
        "{out}"
    );

    // Alice keeps her text, to review; bob's is in her history; neither is approved.
    assert_eq!(
        text(a, "hello", "en"),
        Some(("Hello from alice".into(), "needs_review".into()))
    );
    let history = history_texts(a, "hello", "en");
    assert!(
        history.contains(&"Hello from bob".to_string()),
        "{history:?}"
    );
    assert!(
        history.contains(&"Hello from alice".to_string()),
        "{history:?}"
    );
    let s = status(a);
    assert_eq!(s["conflicts"].as_array().unwrap().len(), 1, "{s}");
    assert_eq!(s["conflicts"][0]["kind"], "both_edited");
    assert_eq!(s["conflicts"][0]["other"], "Hello from bob");

    // Bob receives the kept text, not approved either.
    sync(b, "bob");
    assert_eq!(
        text(b, "hello", "en"),
        Some(("Hello from alice".into(), "needs_review".into()))
    );
    assert!(history_texts(b, "hello", "en").contains(&"Hello from bob".to_string()));

    // Approving settles it, here and (after a sync) there.
    ok(a, "alice", &["review", "approve", "hello", "--lang", "en"]);
    assert_eq!(status(a)["conflicts"], serde_json::json!([]));
    sync(a, "alice");
    sync(b, "bob");
    assert_eq!(text(b, "hello", "en").unwrap().1, "approved");
}

/// A sync killed after it moved the clone's `main` to the pull but before the library took
/// the pull: the next sync must bring the pull in, not read its texts as deleted here (and
/// push that deletion to the team). The clone is put in that state with git itself.
#[test]
fn a_sync_killed_between_the_clone_and_the_library_loses_nothing() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    ok(
        b,
        "bob",
        &[
            "templates",
            "add",
            "thanks",
            "--title",
            "Thanks",
            "--text",
            "Thanks from bob",
        ],
    );
    sync(b, "bob");
    let mut clone = a.db().into_os_string();
    clone.push(".team");
    let clone = PathBuf::from(clone);
    git(
        &clone,
        &[
            "fetch",
            "--quiet",
            "origin",
            "+main:refs/remotes/origin/main",
        ],
    );
    git(
        &clone,
        &["update-ref", "refs/heads/main", "refs/remotes/origin/main"],
    );
    // And a lock a killed libgit2 leaves behind.
    std::fs::write(clone.join(".git/index.lock"), "").unwrap();
    assert_eq!(text(a, "thanks", "en"), None);

    sync(a, "alice");
    assert_eq!(text(a, "thanks", "en").unwrap().0, "Thanks from bob");
    sync(b, "bob");
    assert_eq!(text(b, "thanks", "en").unwrap().0, "Thanks from bob");
    assert_eq!(text(b, "hello", "en").unwrap().0, "Hello there");
}

#[test]
fn an_edit_beats_a_concurrent_approval() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    ok(a, "alice", &["review", "approve", "hello", "--lang", "ar"]);
    ok(
        b,
        "bob",
        &[
            "templates",
            "edit",
            "hello",
            "--lang",
            "ar",
            "--text",
            "أهلا وسهلا",
        ],
    );
    assert_eq!(text(b, "hello", "ar").unwrap().1, "approved");
    sync(a, "alice");
    sync(b, "bob");
    sync(a, "alice");
    for lib in [a, b] {
        let (body, status) = text(lib, "hello", "ar").unwrap();
        assert_eq!(body, "أهلا وسهلا");
        assert_ne!(status, "approved");
    }
}

#[test]
fn an_edit_beats_a_deletion_and_is_reported() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    ok(a, "alice", &["templates", "rm", "bye"]);
    ok(
        b,
        "bob",
        &["templates", "edit", "bye", "--text", "Bye for now"],
    );
    sync(a, "alice");
    let out = sync(b, "bob");
    assert!(
        out.contains("conflict\tbye\ten\tdeleted on one side"),
        "{out}"
    );
    assert_eq!(text(b, "bye", "en").unwrap().0, "Bye for now");
    assert_eq!(status(b)["conflicts"][0]["kind"], "deleted_edited");
    sync(a, "alice");
    assert_eq!(text(a, "bye", "en").unwrap().0, "Bye for now");
    assert_eq!(text(a, "hello", "en").unwrap().0, "Hello there");
}

#[test]
fn an_unreachable_remote_keeps_local_work_and_syncs_later() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    let away = team.dir.path().join("moved.git");
    std::fs::rename(team.remote_path(), &away).unwrap();

    ok(
        a,
        "alice",
        &["templates", "edit", "hello", "--text", "Hello offline"],
    );
    let err = fails(a, "alice", &["team", "sync"], 1);
    assert!(err.contains("could not reach the team repository"), "{err}");
    assert!(err.contains("kept"), "{err}");
    let s = status(a);
    assert!(s["pending"].as_u64().unwrap() >= 1, "{s}");
    assert!(
        s["last_error"]
            .as_str()
            .unwrap()
            .contains("could not reach"),
        "{s}"
    );
    assert_eq!(text(a, "hello", "en").unwrap().0, "Hello offline");
    // A second attempt offline changes nothing either.
    fails(a, "alice", &["team", "sync"], 1);
    assert!(status(a)["pending"].as_u64().unwrap() >= 1);

    std::fs::rename(&away, team.remote_path()).unwrap();
    sync(a, "alice");
    let s = status(a);
    assert_eq!(s["pending"], 0, "{s}");
    assert_eq!(s["last_error"], Value::Null, "{s}");
    sync(b, "bob");
    assert_eq!(text(b, "hello", "en").unwrap().0, "Hello offline");
}

/// `git daemon` serving the temporary folder, killed on drop.
struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(base: &Path) -> (Daemon, u16) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // git-daemon itself, not `git daemon`: killing the `git` wrapper would leave the daemon
    // running.
    let exec_path = git(Path::new("."), &["--exec-path"]);
    let child = Command::new(Path::new(exec_path.trim()).join("git-daemon"))
        .args([
            "--reuseaddr",
            "--export-all",
            "--enable=receive-pack",
            "--listen=127.0.0.1",
            &format!("--port={port}"),
            &format!("--base-path={}", base.display()),
            &base.display().to_string(),
        ])
        .spawn()
        .unwrap();
    let daemon = Daemon(child);
    // Ready when it accepts connections (bounded: a daemon that never listens fails here).
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (daemon, port);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("git daemon did not start on port {port}");
}

#[test]
fn a_refused_push_shows_the_hosts_message_and_stays_pending() {
    let team = Team::empty();
    let (daemon, port) = serve(team.dir.path());
    let remote = format!("git://127.0.0.1:{port}/remote.git");
    let a = &team.alice;
    ok(
        a,
        "alice",
        &[
            "templates",
            "add",
            "hello",
            "--title",
            "Hello",
            "--text",
            "Hello",
        ],
    );
    ok(a, "alice", &["team", "init", &remote]);

    // The host turns read-only: its pre-receive hook refuses every push.
    let hook = team.remote_path().join("hooks").join("pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'this repository is read-only for you: ask an owner' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    ok(
        a,
        "alice",
        &["templates", "edit", "hello", "--text", "Hello, refused"],
    );
    let err = fails(a, "alice", &["team", "sync"], 1);
    assert!(err.contains("refused"), "{err}");
    assert!(err.contains("read-only for you"), "{err}");
    assert!(status(a)["pending"].as_u64().unwrap() >= 1);
    assert_eq!(text(a, "hello", "en").unwrap().0, "Hello, refused");

    // Writable again: the pending change goes out.
    std::fs::remove_file(&hook).unwrap();
    sync(a, "alice");
    assert_eq!(status(a)["pending"], 0);
    let en = git(&team.remote_path(), &["show", "main:en.ftl"]);
    assert!(en.contains("Hello, refused"), "{en}");
    drop(daemon);
}

#[test]
fn bad_input_exits_2_and_says_what_to_do() {
    let team = Team::new();
    let (a, b) = (&team.alice, &team.bob);
    // A library with templates cannot join; one already bound cannot bind again.
    let c = Lib::new();
    ok(
        &c,
        "carol",
        &["templates", "add", "x", "--title", "X", "--text", "X"],
    );
    let err = fails(&c, "carol", &["team", "join", &team.remote()], 2);
    assert!(err.contains("only an empty library can join"), "{err}");
    let err = fails(a, "alice", &["team", "init", &team.remote()], 2);
    assert!(err.contains("already bound"), "{err}");
    // A repository that holds a library already is joined, not shared onto.
    let err = fails(&c, "carol", &["team", "init", &team.remote()], 2);
    assert!(err.contains("already holds a team library"), "{err}");
    assert!(!c.path("lib.sqlite3.team").exists());
    // Not a git address.
    let err = fails(&c, "carol", &["team", "init", "ftp://example.com/x"], 2);
    assert!(err.contains("not a git remote"), "{err}");
    // Not bound.
    let err = fails(&c, "carol", &["team", "sync"], 2);
    assert!(
        err.contains("not bound") && err.contains("team init"),
        "{err}"
    );
    assert_eq!(status(&c)["bound"], false);
    // A local repository needs no credentials; an empty token is refused.
    let out = b
        .command(&["team", "credentials"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = b.run_with_input(&["team", "credentials"], "token\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("needs no credentials"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An unreachable remote at init is the environment's fault (1), and binds nothing.
    let err = fails(
        &c,
        "carol",
        &["team", "init", "git://127.0.0.1:9/none.git"],
        1,
    );
    assert!(err.contains("could not reach"), "{err}");
    assert_eq!(status(&c)["bound"], false);
}

/// The app gives a new library the starter replies on its first start: such a library, still
/// unchanged, joins (the team's replies replace the starter ones); once one is edited, it
/// cannot.
#[test]
fn a_library_with_only_the_untouched_starter_replies_joins() {
    let team = Team::new();
    let d = Lib::new();
    ok(&d, "dan", &["pack", "import", "--starter"]);
    let out = ok(&d, "dan", &["team", "join", &team.remote()]);
    assert!(out.contains("joined"), "{out}");
    let keys: Vec<String> =
        serde_json::from_str::<Value>(&ok(&d, "dan", &["templates", "list", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["key"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(
        keys,
        vec!["bye", "hello"],
        "the team's replies, and only those"
    );

    let e = Lib::new();
    ok(&e, "erin", &["pack", "import", "--starter"]);
    ok(
        &e,
        "erin",
        &[
            "templates",
            "edit",
            "where-is-my-order",
            "--text",
            "Erin's own words",
        ],
    );
    let err = fails(&e, "erin", &["team", "join", &team.remote()], 2);
    assert!(err.contains("only an empty library can join"), "{err}");
}

/// Needs a running Secret Service (scripts/with-keyring.sh sets
/// QUICKREPLY_TEST_SECRET_SERVICE=1).
#[test]
fn credentials_go_to_the_keyring_and_nowhere_else() {
    let team = Team::empty();
    let (_daemon, port) = serve(team.dir.path());
    let remote = format!("git://127.0.0.1:{port}/remote.git");
    let a = &team.alice;
    ok(
        a,
        "alice",
        &[
            "templates",
            "add",
            "hello",
            "--title",
            "Hello",
            "--text",
            "Hello",
        ],
    );
    ok(a, "alice", &["team", "init", &remote]);
    let token = format!("qr-team-token-{}", std::process::id());

    if std::env::var_os("QUICKREPLY_TEST_SECRET_SERVICE").is_none() {
        // Without a keyring the command says how to get one, and exits 1.
        let mut command = a.command(&["team", "credentials"]);
        command.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        let mut child = command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), token.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("keyring is not available"), "{err}");
        assert!(!err.contains(&token), "{err}");
        eprintln!(
            "skipped the keyring half: set QUICKREPLY_TEST_SECRET_SERVICE=1 with a Secret Service running"
        );
        return;
    }
    let out = a.run_with_input(&["team", "credentials"], &format!("{token}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(
        a,
        "alice",
        &["templates", "edit", "hello", "--text", "Hello again"],
    );
    sync(a, "alice");
    // The token is in no file of the library, its clone or the repository.
    for dir in [a.path(""), team.dir.path().to_path_buf()] {
        for file in walk(&dir) {
            let bytes = std::fs::read(&file).unwrap_or_default();
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "the token is in {}",
                file.display()
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
