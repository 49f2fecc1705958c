use super::*;

/// A tiny index by hand: two templates, vectors in a 3-dimensional toy space (the real model's
/// are 384-dimensional; the ranking only needs dot products).
fn unit(template: usize, kind: ReasonKind, text: &str, v: [f32; 3], idf: &lexical::Idf) -> Unit {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    Unit {
        template,
        kind,
        text: text.to_string(),
        vector: Some(v.iter().map(|x| x / norm).collect()),
        sparse: idf.vector(text),
    }
}

fn index(asked: &[(usize, &str, [f32; 3])]) -> Index {
    let texts = [
        "where is my order",
        "can I pay with paypal",
        "Your order is on its way",
    ];
    let idf = lexical::Idf::new(texts.iter().copied().chain(asked.iter().map(|a| a.1)));
    let mut units = vec![
        unit(0, ReasonKind::Example, texts[0], [1.0, 0.1, 0.0], &idf),
        unit(1, ReasonKind::Example, texts[1], [0.1, 1.0, 0.0], &idf),
        unit(0, ReasonKind::Text, texts[2], [0.9, 0.0, 0.3], &idf),
    ];
    for (t, text, v) in asked {
        units.push(unit(*t, ReasonKind::AskedBefore, text, *v, &idf));
    }
    Index {
        templates: vec![
            Entry {
                key: "wismo".into(),
                title: "Where is my order?".into(),
                locales: vec!["en".into(), "ar".into()],
                source_locale: "en".into(),
            },
            Entry {
                key: "payment".into(),
                title: "Payment methods".into(),
                locales: vec!["en".into()],
                source_locale: "en".into(),
            },
        ],
        units,
        idf,
    }
}

fn normalized(v: [f32; 3]) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

#[test]
fn meaning_ranks_a_message_in_another_language_and_picks_its_locale() {
    let idx = index(&[]);
    // An Arabic "where is my order": no shared words, a vector near the example's.
    let q = normalized([0.95, 0.15, 0.05]);
    let got = idx.rank(
        &Query {
            text: "أين طلبي",
            vector: Some(&q),
            lang: Some("ar"),
        },
        &Weights::default(),
        3,
    );
    assert_eq!(got[0].key, "wismo");
    assert_eq!(got[0].locale, "ar", "the reply is in the buyer's language");
    assert_eq!(got[0].reason.kind, ReasonKind::Example);
    assert_eq!(got[1].locale, "en", "no Arabic text: the source language");
    assert!(got[0].score > got[1].score);
}

#[test]
fn words_alone_rank_when_the_model_is_unavailable() {
    let idx = index(&[]);
    let got = idx.rank(
        &Query {
            text: "pay with paypal??",
            vector: None,
            lang: None,
        },
        &Weights::default(),
        3,
    );
    assert_eq!(got[0].key, "payment");
    assert_eq!(got[0].reason.text, "can I pay with paypal");
}

#[test]
fn a_learned_pick_moves_similar_messages_to_its_template() {
    // A message between the two templates' examples, nearer the payment one…
    let q = normalized([0.7, 0.75, 0.6]);
    let query = Query {
        text: "kapan sampai",
        vector: Some(&q),
        lang: None,
    };
    let before = index(&[]).rank(&query, &Weights::default(), 2);
    assert_eq!(before[0].key, "payment");
    // …until the shop answered a near-identical message with "wismo".
    let after =
        index(&[(0, "kapan sampai ya", [0.7, 0.74, 0.62])]).rank(&query, &Weights::default(), 2);
    assert_eq!(after[0].key, "wismo");
    assert_eq!(after[0].reason.kind, ReasonKind::AskedBefore);
    assert_eq!(after[0].reason.text, "kapan sampai ya");
}

#[test]
fn limits_and_empty_indexes() {
    let idx = index(&[]);
    let q = Query {
        text: "hello",
        vector: None,
        lang: None,
    };
    assert_eq!(idx.rank(&q, &Weights::default(), 1).len(), 1);
    assert!(idx.rank(&q, &Weights::default(), 0).is_empty());
    assert!(Index::default().rank(&q, &Weights::default(), 3).is_empty());
}

#[test]
fn plain_text_drops_placeables_and_shorten_marks_the_cut() {
    assert_eq!(
        plain_text("Hello { $buyer_name }, order { $order_id } shipped\n  today"),
        "Hello , order shipped today"
    );
    assert_eq!(shorten("a  b\nc", 10), "a b c");
    assert_eq!(shorten("abcdefghij", 5), "abcd…");
}
