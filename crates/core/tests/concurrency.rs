//! Several writers on one library file at once, each with its own connection, as the app, the
//! CLI and a second import are: nobody fails with "database is locked", and every write lands.

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

use std::path::Path;
use std::sync::{Arc, Barrier};

use quickreply_core::Library;
use quickreply_core::app::editing::{self, Edit, NewTemplate};
use quickreply_core::app::{backups, library, orders};
use quickreply_core::orders::Format;

fn write_orders(path: &Path, prefix: &str, rows: usize) {
    let mut text = String::from("order_id,buyer_name,buyer_country,total,currency\n");
    for i in 0..rows {
        text.push_str(&format!("{prefix}-{i},Buyer {i},MY,{}.90,MYR\n", i % 500));
    }
    std::fs::write(path, text).unwrap();
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn two_processes_creating_the_same_library_both_open_it() {
    // Both read "no schema yet" before either migrates; the second must still open.
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let db = Arc::new(dir.path().join("lib.db"));
        let start = Arc::new(Barrier::new(3));
        let openers: Vec<_> = (0..3)
            .map(|_| {
                let (db, start) = (Arc::clone(&db), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Library::open(&db).map(|_| ())
                })
            })
            .collect();
        for opener in openers {
            opener
                .join()
                .unwrap()
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let version = count(&db, "PRAGMA user_version");
        assert_eq!(version, quickreply_core::store::LATEST_SCHEMA as i64);
    }
}

#[test]
fn imports_edits_and_backups_at_once_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    Library::open(&db).unwrap();
    const ROWS: usize = 60_000;
    for name in ["a", "b"] {
        write_orders(&dir.path().join(format!("{name}.csv")), name, ROWS);
    }
    let start = Arc::new(Barrier::new(5));
    let mut writers = Vec::new();
    for name in ["a", "b"] {
        let (db, start) = (db.clone(), Arc::clone(&start));
        let file = dir.path().join(format!("{name}.csv"));
        writers.push(std::thread::spawn(
            move || -> quickreply_core::Result<()> {
                let library = Library::open(&db)?;
                start.wait();
                // Each imports twice: the second is all updates.
                for _ in 0..2 {
                    orders::import(&library, &file, Format::Auto)?;
                }
                Ok(())
            },
        ));
    }
    // Edits that read and then write, one after another, as `templates add` / `edit` do.
    {
        let (db, start) = (db.clone(), Arc::clone(&start));
        writers.push(std::thread::spawn(
            move || -> quickreply_core::Result<()> {
                let library = Library::open(&db)?;
                start.wait();
                for i in 0..40 {
                    let key = format!("busy-{i}");
                    editing::add(
                        &library,
                        &NewTemplate {
                            key: &key,
                            title: &format!("Busy {i}"),
                            category: None,
                            tags: Vec::new(),
                            shortcut: None,
                            locale: None,
                            text: "Thanks, { $buyer_name }!",
                        },
                    )?;
                    editing::edit(
                        &library,
                        &Edit {
                            key: &key,
                            text: Some("Thank you, { $buyer_name }!"),
                            ..Edit::default()
                        },
                    )?;
                }
                Ok(())
            },
        ));
    }
    // A backup taken while the others write.
    {
        let (db, start) = (db.clone(), Arc::clone(&start));
        let dest = dir.path().join("during.sqlite3");
        writers.push(std::thread::spawn(
            move || -> quickreply_core::Result<()> {
                let library = Library::open(&db)?;
                start.wait();
                backups::create(&library, Some(&dest)).map(|_| ())
            },
        ));
    }
    // A reader (the palette) searching all along.
    {
        let (db, start) = (db.clone(), Arc::clone(&start));
        writers.push(std::thread::spawn(
            move || -> quickreply_core::Result<()> {
                let library = Library::open(&db)?;
                start.wait();
                for _ in 0..50 {
                    library::search(&library, "thanks")?;
                    orders::search(&library, "a-1")?;
                }
                Ok(())
            },
        ));
    }
    for writer in writers {
        writer.join().unwrap().unwrap();
    }
    assert_eq!(count(&db, "SELECT count(*) FROM orders"), 2 * ROWS as i64);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM templates WHERE key LIKE 'busy-%'"
        ),
        40
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM variants WHERE body LIKE 'Thank you,%'"
        ),
        40
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let copy = rusqlite::Connection::open(dir.path().join("during.sqlite3")).unwrap();
    let integrity: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "the backup taken during the writes");
}
