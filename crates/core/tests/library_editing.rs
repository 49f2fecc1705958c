//! The owners' library through the application layer, on real SQLite files: adding and
//! editing templates, translations turning stale, history and restoring a version, deleting
//! with undo, the editor's helpers (plural selectors, key suggestions, checks, built-ins),
//! first-run setup, imports with per-template choices, and the CSV export that imports back.

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

use std::collections::HashMap;

use quickreply_core::Library;
use quickreply_core::app::editing::{self, Edit, NewTemplate, TemplateDraft, TextDraft};
use quickreply_core::app::imports::{self, Choice, ExportKind, ImportKind, ImportRequest};
use quickreply_core::app::library;
use quickreply_core::app::settings::{SettingsEffects, UiLangSetting};
use quickreply_core::app::setup::{self, SetupAnswers};
use quickreply_core::app::templates;
use quickreply_core::store::Status;
use quickreply_core::{Error, Result};

fn open() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    (dir, library)
}

fn add(library: &Library, key: &str, text: &str) -> Result<editing::TemplateDetail> {
    editing::add(
        library,
        &NewTemplate {
            key,
            title: &format!("Title of {key}"),
            text,
            ..NewTemplate::default()
        },
    )
}

fn status_of(library: &Library, key: &str, locale: &str) -> Status {
    editing::detail(library, key)
        .unwrap()
        .variants
        .into_iter()
        .find(|v| v.locale == locale)
        .unwrap()
        .status
}

#[test]
fn add_stores_the_template_and_refuses_a_taken_key_or_bad_text() {
    let (_dir, library) = open();
    let detail = editing::add(
        &library,
        &NewTemplate {
            key: "thanks",
            title: "Thank you",
            category: Some("General"),
            tags: editing::split_tags("polite, short，thanks"),
            shortcut: Some(";ty"),
            locale: None,
            text: "Thank you, { $buyer_name }!",
        },
    )
    .unwrap();
    assert_eq!(detail.source_locale, "en");
    assert_eq!(detail.tags, ["polite", "short", "thanks"]);
    assert_eq!(detail.variables, ["buyer_name"]);
    assert_eq!(detail.variants[0].status, Status::Approved);

    assert!(matches!(
        add(&library, "thanks", "Other"),
        Err(Error::KeyTaken(k)) if k == "thanks"
    ));
    match add(&library, "broken", "Hi { $buyer_name !") {
        Err(Error::Ftl(errors)) => {
            assert_eq!((errors[0].line, errors[0].column), (1, 18));
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    // Nothing of the bad template was stored.
    assert!(matches!(
        editing::detail(&library, "broken"),
        Err(Error::UnknownTemplate(_))
    ));
    // A shortcut belongs to one template.
    let taken = editing::add(
        &library,
        &NewTemplate {
            key: "other",
            title: "Other",
            shortcut: Some(";ty"),
            text: "x",
            ..NewTemplate::default()
        },
    )
    .unwrap_err();
    assert!(
        taken
            .to_string()
            .contains("';ty' is already used by 'thanks'")
    );
    // A key must be a Fluent identifier.
    assert!(add(&library, "1st reply", "x").is_err());
}

#[test]
fn editing_the_source_turns_translations_stale_and_history_keeps_every_text() {
    let (_dir, library) = open();
    add(&library, "thanks", "Hi { $buyer_name }!").unwrap();
    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            lang: Some("ar"),
            text: Some("مرحبا { $buyer_name }"),
            ..Edit::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&library, "thanks", "ar"), Status::Approved);
    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            lang: Some("ru"),
            text: Some("Привет, { $buyer_name }!"),
            status: Some(Status::NeedsReview),
            ..Edit::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&library, "thanks", "ru"), Status::NeedsReview);

    // Metadata alone does not touch the texts.
    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            title: Some("Thanks!"),
            ..Edit::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&library, "thanks", "ar"), Status::Approved);

    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            text: Some("Hello { $buyer_name }!"),
            ..Edit::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&library, "thanks", "ar"), Status::Stale);
    assert_eq!(status_of(&library, "thanks", "ru"), Status::Stale);
    assert_eq!(
        editing::detail(&library, "thanks").unwrap().title,
        "Thanks!"
    );

    let en = editing::history(&library, "thanks", Some("en")).unwrap();
    let texts: Vec<&str> = en.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Hello { $buyer_name }!", "Hi { $buyer_name }!"]);
    assert_eq!(editing::history(&library, "thanks", None).unwrap().len(), 4);

    // Restoring the first version makes it current again (a new version), and the
    // translations made from the second text stay stale.
    let restored = editing::restore_version(&library, "thanks", en[1].id).unwrap();
    assert_eq!(restored.variants[0].text, "Hi { $buyer_name }!");
    assert_eq!(
        editing::history(&library, "thanks", Some("en"))
            .unwrap()
            .len(),
        3
    );

    // A status for the source text is refused: the source is always approved.
    assert!(
        editing::edit(
            &library,
            &Edit {
                key: "thanks",
                text: Some("x"),
                status: Some(Status::NeedsReview),
                ..Edit::default()
            },
        )
        .is_err()
    );
    assert!(matches!(
        editing::history(&library, "nope", None),
        Err(Error::UnknownTemplate(_))
    ));
}

#[test]
fn the_editor_saves_every_field_and_removes_languages_left_out() {
    let (_dir, library) = open();
    let draft = TemplateDraft {
        original_key: None,
        key: "late".into(),
        title: "Late parcel".into(),
        category: "Shipping".into(),
        tags: vec!["delay".into(), " late ".into()],
        shortcut: ";late".into(),
        examples: vec![
            "where is my parcel".into(),
            "  ".into(),
            "still waiting".into(),
        ],
        source_locale: "en".into(),
        texts: vec![
            TextDraft {
                locale: "en".into(),
                text: "Sorry, { $buyer_name }.".into(),
            },
            TextDraft {
                locale: "ar".into(),
                text: "عذراً { $buyer_name }.".into(),
            },
        ],
    };
    let saved = editing::save(&library, &draft).unwrap();
    assert_eq!(saved.examples, ["where is my parcel", "still waiting"]);
    assert_eq!(saved.tags, ["delay", "late"]);
    assert_eq!(saved.variants.len(), 2);

    // Saving it again as new is refused; the key cannot change once saved.
    assert!(matches!(
        editing::save(&library, &draft),
        Err(Error::KeyTaken(_))
    ));
    let mut renamed = draft.clone();
    renamed.original_key = Some("late".into());
    renamed.key = "late-2".into();
    assert!(editing::save(&library, &renamed).is_err());

    // A syntax error in any text stores nothing.
    let mut bad = draft.clone();
    bad.original_key = Some("late".into());
    bad.title = "Changed".into();
    bad.texts[1].text = "عذراً { $buyer_name".into();
    assert!(matches!(editing::save(&library, &bad), Err(Error::Ftl(_))));
    assert_eq!(
        editing::detail(&library, "late").unwrap().title,
        "Late parcel"
    );

    let mut fewer = draft.clone();
    fewer.original_key = Some("late".into());
    fewer.texts.truncate(1);
    let saved = editing::save(&library, &fewer).unwrap();
    assert_eq!(saved.variants.len(), 1);
}

#[test]
fn deleting_can_be_undone_with_everything_back() {
    let (_dir, library) = open();
    add(&library, "thanks", "Hi!").unwrap();
    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            lang: Some("fr"),
            text: Some("Salut !"),
            ..Edit::default()
        },
    )
    .unwrap();
    let deleted = library::delete(&library, "thanks").unwrap();
    assert_eq!(deleted.key, "thanks");
    assert!(templates::list(&library).unwrap().is_empty());
    assert_eq!(library::recently_deleted(&library).unwrap().len(), 1);
    assert!(library::delete(&library, "thanks").is_err());

    // Another template took the key meanwhile: the restored one gets a free key.
    add(&library, "thanks", "Another").unwrap();
    let key = library::undelete(&library, deleted.id).unwrap();
    assert_eq!(key, "thanks-2");
    let back = editing::detail(&library, &key).unwrap();
    assert_eq!(back.variants.len(), 2);
    assert!(library::recently_deleted(&library).unwrap().is_empty());
    assert!(library::undelete(&library, deleted.id).is_err());
    // It is searchable again.
    assert!(library::search(&library, "Salut").unwrap().contains(&key));
}

#[test]
fn plural_snippets_carry_exactly_the_languages_categories() {
    let cats = |lang: &str| -> Vec<String> {
        editing::plural_snippet("count", lang)
            .unwrap()
            .lines()
            .filter_map(|l| {
                let l = l.trim().trim_start_matches('*');
                l.strip_prefix('[')
                    .and_then(|r| r.split(']').next())
                    .map(str::to_string)
            })
            .collect()
    };
    assert_eq!(cats("ar"), ["zero", "one", "two", "few", "many", "other"]);
    assert_eq!(cats("ru"), ["one", "few", "many", "other"]);
    assert_eq!(cats("zh-CN"), ["other"]);
    assert_eq!(cats("ms"), ["other"]);
    assert_eq!(cats("th"), ["other"]);
    // What it inserts parses.
    let snippet = editing::plural_snippet("$item_count", "ar").unwrap();
    assert!(editing::check("x", &snippet).errors.is_empty(), "{snippet}");
    assert!(editing::plural_snippet("not a name", "ar").is_err());
}

#[test]
fn checks_and_key_suggestions() {
    let (_dir, library) = open();
    let check = editing::check("new", "Hi { $buyer_name");
    assert_eq!(check.errors.len(), 1);
    assert_eq!((check.errors[0].line, check.errors[0].column), (1, 17));
    assert!(editing::check("", "Hi { $buyer_name }").errors.is_empty());
    assert!(!editing::check("x", "   ").errors.is_empty());

    assert_eq!(
        editing::suggest_key(&library, "Where is my order?").unwrap(),
        "where-is-my-order"
    );
    add(&library, "where-is-my-order", "x").unwrap();
    assert_eq!(
        editing::suggest_key(&library, "Where is my order?").unwrap(),
        "where-is-my-order-2"
    );
}

#[test]
fn today_is_built_in_and_clipboard_comes_from_the_caller() {
    let (_dir, library) = open();
    add(
        &library,
        "dated",
        "{ DATETIME($today, dateStyle: \"medium\") } { $clipboard }",
    )
    .unwrap();
    let text = templates::render(
        &library,
        "dated",
        None,
        None,
        &[("clipboard".into(), "copied".into())],
    )
    .unwrap()
    .text;
    // A real date (this year, whatever day the test runs), not the text "today".
    let year: u32 = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
        .unwrap_or(0);
    assert!(year >= 2026, "{text}");
    assert!(text.ends_with("copied"), "{text}");
    // Without the clipboard value the render names it as missing.
    match templates::render(&library, "dated", None, None, &[]) {
        Err(Error::Render { missing, .. }) => assert_eq!(missing, ["clipboard"]),
        other => panic!("{other:?}"),
    }
    // A given value wins over the built-in.
    let given = templates::render(
        &library,
        "dated",
        None,
        None,
        &[
            ("today".into(), "2020-02-02".into()),
            ("clipboard".into(), "c".into()),
        ],
    )
    .unwrap();
    assert!(given.text.contains("2020"), "{}", given.text);
    let vocabulary = editing::vocabulary(&library, "en").unwrap();
    assert_eq!(vocabulary.builtins, ["today", "clipboard"]);
    assert!(
        vocabulary
            .order_fields
            .contains(&"tracking_number".to_string())
    );
}

struct NoDesktop;
impl SettingsEffects for NoDesktop {
    fn apply_hotkey(&mut self, _hotkey: &str) -> Result<()> {
        Ok(())
    }
    fn apply_autostart(&mut self, _enabled: bool) {}
}

#[test]
fn setup_names_the_shop_so_starter_replies_paste_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (library, _) = Library::open_for_app(&dir.path().join("lib.db")).unwrap();
    let state = setup::state(&library).unwrap();
    assert!(state.needed);
    let needing_shop: Vec<String> = templates::list(&library)
        .unwrap()
        .into_iter()
        .filter(|t| {
            editing::detail(&library, &t.key)
                .unwrap()
                .variables
                .contains(&"shop_name".to_string())
        })
        .map(|t| t.key)
        .collect();
    assert!(
        !needing_shop.is_empty(),
        "the starter library signs with $shop_name"
    );

    let answers = SetupAnswers {
        shop_name: "  ".into(),
        signature: String::new(),
        ui_lang: UiLangSetting::ZhCn,
        default_lang: "ar".into(),
    };
    assert!(setup::finish(&library, &answers, &mut NoDesktop).is_err());
    setup::finish(
        &library,
        &SetupAnswers {
            shop_name: "Desert Rose".into(),
            signature: "Layla".into(),
            ..answers
        },
        &mut NoDesktop,
    )
    .unwrap();
    let state = setup::state(&library).unwrap();
    assert!(!state.needed);
    assert_eq!(state.default_lang, "ar");
    assert_eq!(state.ui_lang, UiLangSetting::ZhCn);
    for key in needing_shop {
        let preview = quickreply_core::app::palette::results(
            &library,
            &quickreply_core::app::palette::Query {
                text: &key,
                reply_lang: "en",
                order_id: None,
                limit: 50,
                clipboard: None,
            },
        )
        .unwrap()
        .into_iter()
        .find(|r| r.key == key)
        .unwrap();
        assert!(!preview.missing.contains(&"shop_name".to_string()), "{key}");
        assert!(preview.preview.contains("Desert Rose"), "{key}");
    }

    // Skipping is remembered too.
    let dir = tempfile::tempdir().unwrap();
    let (other, _) = Library::open_for_app(&dir.path().join("lib.db")).unwrap();
    setup::skip(&other).unwrap();
    assert!(!setup::state(&other).unwrap().needed);
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_pack_import_follows_each_templates_choice() {
    let (dir, library) = open();
    add(&library, "hello", "Old hello").unwrap();
    add(&library, "bye", "Old bye").unwrap();
    add(&library, "stay", "Old stay").unwrap();
    let pack = dir.path().join("pack");
    write(
        &pack,
        "en.ftl",
        "hello = New hello\n    .title = Hello\nbye = New bye\nstay = New stay\nfresh = Fresh\n",
    );
    write(&pack, "fr.ftl", "hello = Bonjour\n");
    let request = ImportRequest {
        kind: ImportKind::Pack,
        path: pack.display().to_string(),
        source_locale: None,
        status: None,
    };
    let preview = imports::preview(&library, &request).unwrap();
    let item = |k: &str| preview.items.iter().find(|i| i.key == k).unwrap();
    assert_eq!(item("hello").conflict.as_deref(), Some("Title of hello"));
    assert_eq!(item("hello").locales, ["en", "fr"]);
    assert_eq!(item("fresh").conflict, None);
    // The preview wrote nothing.
    assert_eq!(templates::list(&library).unwrap().len(), 3);

    let choices = HashMap::from([
        ("hello".to_string(), Choice::Replace),
        ("bye".to_string(), Choice::KeepBoth),
        ("stay".to_string(), Choice::Skip),
    ]);
    let outcome = imports::apply(&library, &request, &choices).unwrap();
    assert_eq!(
        (outcome.added, outcome.replaced, outcome.skipped),
        (2, 1, 1)
    );
    let text = |k: &str| {
        editing::detail(&library, k).unwrap().variants[0]
            .text
            .clone()
    };
    assert_eq!(text("hello"), "New hello");
    assert_eq!(text("bye"), "Old bye");
    assert_eq!(text("bye-2"), "New bye");
    assert_eq!(text("stay"), "Old stay");
    assert_eq!(text("fresh"), "Fresh");
    assert_eq!(
        editing::detail(&library, "hello").unwrap().variants.len(),
        2
    );
}

#[test]
fn csv_export_imports_back_into_an_empty_library() {
    let (dir, library) = open();
    editing::add(
        &library,
        &NewTemplate {
            key: "thanks",
            title: "Thanks",
            category: Some("General"),
            tags: vec!["a".into(), "b".into()],
            shortcut: Some(";ty"),
            locale: None,
            text: "Thanks, { $buyer_name }!\nSee you.",
        },
    )
    .unwrap();
    editing::edit(
        &library,
        &Edit {
            key: "thanks",
            lang: Some("ar"),
            text: Some("شكراً { $buyer_name }"),
            ..Edit::default()
        },
    )
    .unwrap();
    let file = dir.path().join("replies.csv");
    imports::export(&library, ExportKind::Csv, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("key,title,category,tags,shortcut,locale,text"));

    let (_other_dir, other) = open();
    let request = ImportRequest {
        kind: ImportKind::Sheet,
        path: file.display().to_string(),
        source_locale: None,
        status: None,
    };
    let outcome = imports::import_defaults(&other, &request).unwrap();
    assert_eq!(outcome.keys, ["thanks"]);
    let a = editing::detail(&library, "thanks").unwrap();
    let b = editing::detail(&other, "thanks").unwrap();
    assert_eq!(a.title, b.title);
    assert_eq!(a.tags, b.tags);
    assert_eq!(a.shortcut, b.shortcut);
    assert_eq!(a.variants.len(), b.variants.len());
    for (x, y) in a.variants.iter().zip(&b.variants) {
        assert_eq!(
            (&x.locale, &x.text, x.status),
            (&y.locale, &y.text, y.status)
        );
    }
}
