//! Suggestions and learning through the application layer, with the hand-written embedder of
//! the testkit standing in for the model (the real model is tested in crates/embed and by
//! eval/suggest/run.py).

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

use quickreply_core::app::editing::{self, Edit};
use quickreply_core::app::suggest::{self, Suggester};
use quickreply_core::app::{insights, palette};
use quickreply_core::pack::{self, ImportOptions, Pack, PackFile};
use quickreply_core::suggest::ReasonKind;
use quickreply_core::{Error, Library};
use quickreply_testkit::embedder::FakeEmbedder;

const EN: &str = "\
wismo = Your order { $order_id } is on its way.
    .title = Where is my order?
    .examples =
        where is my order
        when will my parcel arrive
paying = We accept cards and PayPal.
    .title = Payment methods
    .examples =
        can I pay with paypal
        do you take credit cards
returns = Send the item back within 30 days.
    .title = Returns
    .examples =
        I want to return this
";

const AR: &str = "wismo = طلبك { $order_id } في الطريق.\n";

fn open() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    let pack = Pack {
        files: vec![
            PackFile {
                locale: "en".into(),
                name: "en.ftl".into(),
                text: EN.into(),
            },
            PackFile {
                locale: "ar".into(),
                name: "ar.ftl".into(),
                text: AR.into(),
            },
        ],
        manifest: quickreply_core::pack::Manifest::default(),
    };
    pack::import(&mut library.store(), &pack, &ImportOptions::default()).unwrap();
    (dir, library)
}

/// "أين طلبي" means "where order"; "kapan" and "sampai" are Indonesian words the fake model
/// knows as nothing in particular.
fn model() -> FakeEmbedder {
    FakeEmbedder::with_synonyms(&[("أين", "where"), ("طلبي", "order"), ("بايبال", "paypal")])
}

fn suggester() -> Suggester {
    let mut s = Suggester::new();
    // The fake model's cosines span 0..1 (e5's sit between 0.7 and 1).
    s.weights.floor = 0.0;
    s.weights.ceiling = 1.0;
    s
}

#[test]
fn an_arabic_message_gets_the_matching_reply_in_arabic_with_its_reason() {
    let (_d, library) = open();
    let model = model();
    let got = suggester()
        .suggest(&library, Some(&model), "أين طلبي؟", Some("ar"), 3)
        .unwrap();
    assert_eq!(got[0].key, "wismo");
    assert_eq!(got[0].locale, "ar");
    assert_eq!(got[0].reason.kind, ReasonKind::Example);
    assert_eq!(got[0].reason.text, "where is my order");
    assert_eq!(got.len(), 3);
    assert!(got[0].score > got[1].score);
    let pay = suggester()
        .suggest(&library, Some(&model), "بايبال", Some("ar"), 1)
        .unwrap();
    assert_eq!(pay[0].key, "paying");
    assert_eq!(pay[0].locale, "en", "no Arabic text: the source language");
}

#[test]
fn vectors_are_cached_and_recomputed_only_for_changed_texts() {
    let (_d, library) = open();
    let model = model();
    suggester().index(&library, Some(&model)).unwrap();
    let first = model.embedded.borrow().len();
    assert!(
        first >= 9,
        "examples, titles and texts were embedded: {first}"
    );
    // A new process (suggester) on the same library: everything comes from the cache.
    suggester().index(&library, Some(&model)).unwrap();
    assert_eq!(model.embedded.borrow().len(), first);
    editing::edit(
        &library,
        &Edit {
            key: "returns",
            lang: None,
            title: None,
            category: None,
            tags: None,
            shortcut: None,
            text: Some("Send it back within 60 days."),
            status: None,
        },
    )
    .unwrap();
    suggester().index(&library, Some(&model)).unwrap();
    let after: Vec<String> = model.embedded.borrow()[first..].to_vec();
    assert_eq!(after, ["Send it back within 60 days."]);
    // Another model never reuses these vectors.
    let mut other = model_with_id("fake-2");
    other.synonyms = model.synonyms.clone();
    suggester().index(&library, Some(&other)).unwrap();
    assert_eq!(other.embedded.borrow().len(), first);
}

fn model_with_id(id: &str) -> FakeEmbedder {
    FakeEmbedder {
        id: id.into(),
        ..FakeEmbedder::default()
    }
}

#[test]
fn a_learned_pick_moves_similar_messages_to_its_reply() {
    let (_d, library) = open();
    let model = model();
    let msg = "kapan sampai paket saya";
    let before = suggester()
        .suggest(&library, Some(&model), msg, None, 3)
        .unwrap();
    assert_ne!(
        before[0].key, "wismo",
        "nothing links these words to wismo yet"
    );
    let n = suggest::learn(
        &library,
        Some(&model),
        &[("wismo".into(), "kapan sampai paket".into())],
    )
    .unwrap();
    assert_eq!(n, 1);
    let after = suggester()
        .suggest(&library, Some(&model), msg, None, 3)
        .unwrap();
    assert_eq!(after[0].key, "wismo");
    assert_eq!(after[0].reason.kind, ReasonKind::AskedBefore);
    assert_eq!(after[0].reason.text, "kapan sampai paket");
    // An owner removes the wrong pick: it no longer counts.
    let picks = suggest::learned_picks(&library, 10).unwrap();
    assert_eq!(picks.len(), 1);
    suggest::forget_pick(&library, picks[0].id).unwrap();
    let embedded = model.embedded.borrow().len();
    let again = suggester()
        .suggest(&library, Some(&model), msg, None, 3)
        .unwrap();
    assert_eq!(again[0].key, before[0].key);
    // Pruning after the removal kept every template text's vector: only the message is new.
    assert_eq!(model.embedded.borrow()[embedded..], [msg.to_string()]);
}

#[test]
fn learning_checks_every_key_first_and_stores_nothing_on_a_bad_one() {
    let (_d, library) = open();
    let model = model();
    let err = suggest::learn(
        &library,
        Some(&model),
        &[
            ("wismo".into(), "where".into()),
            ("nope".into(), "x".into()),
        ],
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::UnknownTemplate(k) if k.contains("nope") && k.contains("#2")),
        "{err}"
    );
    assert!(err.is_user_error());
    assert!(suggest::learned_picks(&library, 10).unwrap().is_empty());
    assert!(
        model.embedded.borrow().is_empty(),
        "nothing was embedded either"
    );
    let empty = suggest::learn(&library, Some(&model), &[("wismo".into(), "  ".into())]);
    assert!(matches!(empty, Err(Error::Invalid(_))));
}

#[test]
fn palette_messages_are_recorded_picked_and_forgotten_and_learning_can_be_off() {
    let (_d, library) = open();
    let model = model();
    let mut s = suggester();
    let (id, got) = suggest::on_message(
        &library,
        &mut s,
        Some(&model),
        "where is my parcel",
        Some("en"),
        3,
    )
    .unwrap();
    let id = id.expect("learning is on by default");
    assert_eq!(got[0].key, "wismo");
    suggest::picked(&library, id, "wismo", "en").unwrap();
    let picks = suggest::learned_picks(&library, 10).unwrap();
    assert_eq!(picks[0].text, "where is my parcel");
    assert_eq!(picks[0].best_key.as_deref(), Some("wismo"));
    // forget --before a day after today removes it, and its cached vector.
    let tomorrow = jiff::Zoned::now().date().tomorrow().unwrap().to_string();
    assert_eq!(suggest::forget_before(&library, &tomorrow).unwrap(), 1);
    assert!(suggest::learned_picks(&library, 10).unwrap().is_empty());
    assert!(matches!(
        suggest::forget_before(&library, "31/01/2025"),
        Err(Error::Invalid(_))
    ));
    // Learning off: nothing is kept.
    library
        .store()
        .set_setting(suggest::RETENTION_SETTING, "0")
        .unwrap();
    let (id, got) = suggest::on_message(
        &library,
        &mut s,
        Some(&model),
        "where is my parcel",
        None,
        3,
    )
    .unwrap();
    assert!(id.is_none());
    assert_eq!(got[0].key, "wismo", "suggestions still work");
    assert!(suggest::learn(&library, Some(&model), &[("wismo".into(), "x".into())]).is_err());
    assert_eq!(suggest::apply_retention(&library).unwrap(), 0);
}

#[test]
fn the_palette_lists_suggestions_as_previewed_rows_in_the_buyers_language() {
    let (_d, library) = open();
    let model = model();
    let got = suggester()
        .suggest(&library, Some(&model), "أين طلبي", Some("ar"), 3)
        .unwrap();
    let rows = palette::suggested(
        &library,
        &got,
        &palette::Query {
            text: "",
            reply_lang: "ar",
            order_id: None,
            limit: 3,
            clipboard: Some("أين طلبي"),
        },
    )
    .unwrap();
    assert_eq!(rows[0].item.key, "wismo");
    assert_eq!(rows[0].item.locale, "ar");
    assert!(
        rows[0].item.preview.starts_with("طلبك"),
        "{}",
        rows[0].item.preview
    );
    assert_eq!(rows[0].item.missing, ["order_id"]);
    assert_eq!(rows[0].reason.kind, ReasonKind::Example);
}

#[test]
fn insights_group_messages_into_topics_with_their_reply_and_flag_unanswered_ones() {
    let (_d, library) = open();
    let model = model();
    let mut s = suggester();
    for text in [
        "where is my order",
        "where is my order now",
        "where is my order please",
    ] {
        let (id, _) =
            suggest::on_message(&library, &mut s, Some(&model), text, Some("en"), 3).unwrap();
        suggest::picked(&library, id.unwrap(), "wismo", "en").unwrap();
    }
    for text in ["is this halal certified", "is this halal certified please"] {
        suggest::on_message(&library, &mut s, Some(&model), text, Some("en"), 3).unwrap();
    }
    let report = insights::insights(&library, Some(&model), None).unwrap();
    assert_eq!(report.messages, 5);
    assert_eq!(report.by_hour.len(), 24);
    assert_eq!(report.by_weekday.len(), 7);
    let wismo = report
        .topics
        .iter()
        .find(|t| t.size == 3)
        .expect("the three wismo messages are one topic");
    assert_eq!(
        wismo.top_reply.as_ref().map(|r| r.key.as_str()),
        Some("wismo")
    );
    assert_eq!(wismo.this_week, 3);
    assert!(!wismo.rising, "3 is below the rising minimum");
    let halal = report
        .unanswered
        .iter()
        .find(|t| t.label.contains("halal"))
        .expect("halal is unanswered");
    assert_eq!(halal.size, 2);
    assert!(halal.top_reply.is_none());
    assert_eq!(report.languages[0].lang, "en");
    assert!(matches!(
        insights::insights(&library, None, Some("yesterday")),
        Err(Error::Invalid(_))
    ));
}
