//! `backup create|list|restore` through the real binary on real SQLite files: a backup made
//! while the library has changes restores them exactly; a file that is not a library, or a
//! damaged one, exits 2 and changes nothing; a restore backs the current library up first; the
//! backups folder keeps the newest 14.

#![allow(clippy::unwrap_used)]

mod common;
use common::Lib;
use serde_json::Value;

fn keys(lib: &Lib) -> Vec<String> {
    let list: Value = serde_json::from_str(&lib.ok(&["templates", "list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_string())
        .collect()
}

fn backups(lib: &Lib) -> Vec<Value> {
    serde_json::from_str::<Value>(&lib.ok(&["backup", "list", "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn create_list_restore_round_trip() {
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    lib.ok(&[
        "templates",
        "add",
        "thanks",
        "--title",
        "Thanks",
        "--text",
        "Thank you!",
    ]);
    let before = keys(&lib);
    assert!(before.contains(&"thanks".to_string()));

    let made = lib.ok(&["backup", "create"]);
    let made = made.trim();
    assert!(made.contains("backups"), "{made}");
    let list = backups(&lib);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["path"], made);
    assert_eq!(list[0]["templates"], before.len());

    // Changes after the backup: a deletion and a new reply.
    lib.ok(&["templates", "rm", "thanks"]);
    lib.ok(&[
        "templates",
        "add",
        "later",
        "--title",
        "Later",
        "--text",
        "Later!",
    ]);
    let out = lib.ok(&["backup", "restore", made]);
    assert!(out.contains("restored"), "{out}");
    assert_eq!(
        keys(&lib),
        before,
        "the library is exactly the backup again"
    );

    // The restore backed the changed library up first: restoring that undoes the restore.
    let list = backups(&lib);
    assert_eq!(list.len(), 2, "{list:?}");
    let undo = list[0]["path"].as_str().unwrap().to_string();
    assert_ne!(undo, made);
    lib.ok(&["backup", "restore", &undo]);
    let now = keys(&lib);
    assert!(now.contains(&"later".to_string()) && !now.contains(&"thanks".to_string()));
}

#[test]
fn a_file_that_is_not_a_sound_library_exits_2_and_changes_nothing() {
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    let before = keys(&lib);
    let copy = lib.path("copy.sqlite3");
    lib.ok(&["backup", "create", copy.to_str().unwrap()]);

    let junk = lib.write("junk.sqlite3", "these are not the bytes of a library\n");
    let err = lib.fails(&["backup", "restore", junk.to_str().unwrap()], 2);
    assert!(err.contains("not a QuickReply library"), "{err}");

    // An SQLite file of some other program.
    let other = lib.path("other.sqlite3");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
    }
    let err = lib.fails(&["backup", "restore", other.to_str().unwrap()], 2);
    assert!(err.contains("not a QuickReply library"), "{err}");

    // A damaged copy of a real backup: the b-tree pages overwritten.
    let damaged = lib.path("damaged.sqlite3");
    let mut bytes = std::fs::read(&copy).unwrap();
    let page = 4096;
    for p in 1..(bytes.len() / page).min(40) {
        bytes[p * page..p * page + 8].copy_from_slice(&[0x0d, 0, 0, 0xff, 0xff, 0, 0, 0]);
    }
    std::fs::write(&damaged, bytes).unwrap();
    let err = lib.fails(&["backup", "restore", damaged.to_str().unwrap()], 2);
    assert!(
        err.contains("damaged") || err.contains("not a QuickReply library"),
        "{err}"
    );

    let err = lib.fails(
        &[
            "backup",
            "restore",
            lib.path("missing.sqlite3").to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("no such file"), "{err}");

    assert_eq!(keys(&lib), before, "the library is untouched");
    assert!(
        backups(&lib).is_empty(),
        "nothing was backed up for a refused restore"
    );
    // An explicit file that exists is never overwritten.
    let err = lib.fails(&["backup", "create", copy.to_str().unwrap()], 2);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn the_backups_folder_keeps_the_newest_14() {
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    let mut made = Vec::new();
    for _ in 0..16 {
        made.push(lib.ok(&["backup", "create"]).trim().to_string());
    }
    let list = backups(&lib);
    assert_eq!(list.len(), 14);
    let kept: Vec<&str> = list.iter().map(|b| b["path"].as_str().unwrap()).collect();
    for old in &made[..2] {
        assert!(!kept.contains(&old.as_str()), "{old} should have gone");
        assert!(!std::path::Path::new(old).exists());
    }
    for newer in &made[2..] {
        assert!(kept.contains(&newer.as_str()), "{newer} should be kept");
    }
}
