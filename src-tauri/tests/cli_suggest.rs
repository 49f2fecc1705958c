//! `suggest`, `learn`, `forget`, `insights` through the real binary with the real model
//! (installed by scripts/fetch-model.sh): the exact output formats, batches on stdin, learning
//! that changes the ranking, all-or-nothing `learn`, exit codes.

#![allow(clippy::unwrap_used)]

mod common;
use common::Lib;
use serde_json::Value;

const SHOP: &str = "\
wismo = Your order { $order_id } is on its way.
    .title = Where is my order?
    .examples =
        where is my order
        when will my parcel arrive
        has my order shipped
paying = We accept cards and PayPal.
    .title = Payment methods
    .examples =
        can I pay with paypal
        do you accept credit cards
        is cash on delivery possible
returns = Send the item back within 30 days.
    .title = Returns
    .examples =
        I want to return this
        the size is wrong, can I send it back
        how do I get a refund for a broken item
";

fn shop() -> Lib {
    let lib = Lib::new();
    let pack = lib.pack(&[("en.ftl", SHOP)]);
    lib.ok(&["pack", "import", &pack]);
    lib
}

#[test]
fn suggest_prints_key_title_score_lines_best_first_across_languages() {
    let lib = shop();
    let out = lib.ok(&["suggest", "Kann ich mit PayPal bezahlen?"]);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0][..2], ["paying", "Payment methods"]);
    let scores: Vec<f64> = lines.iter().map(|l| l[2].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    // Cross-lingual: no word of this Arabic message is in the library.
    let ar = lib.ok(&["suggest", "--limit", "1", "وين طلبي؟ متى يوصل الطرد"]);
    assert!(ar.starts_with("wismo\t"), "{ar}");
}

#[test]
fn suggest_json_gives_key_title_score_locale_and_reason() {
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    let out = lib.ok(&["suggest", "--json", "--limit", "2", "أين طلبي؟ لم يصل بعد"]);
    let list: Value = serde_json::from_str(&out).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let keys: Vec<&str> = list.iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert!(keys.contains(&"where-is-my-order"), "{out}");
    let first = &list[0];
    for field in ["key", "title", "score", "locale", "reason"] {
        assert!(first.get(field).is_some(), "{field} missing: {out}");
    }
    assert_eq!(first["locale"], "ar", "the starter has Arabic texts: {out}");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert!(first["reason"].as_str().unwrap().contains(": "), "{out}");
}

#[test]
fn suggest_without_text_answers_each_stdin_line() {
    let lib = shop();
    let out = lib.run_with_input(
        &["suggest", "--limit", "2"],
        "where is my parcel??\n\nje veux retourner cet article\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        lines.len(),
        4,
        "three answers and the final newline: {text:?}"
    );
    assert_eq!(lines[0].split('\t').collect::<Vec<_>>().len(), 2);
    assert!(lines[0].starts_with("wismo\t"), "{text}");
    assert_eq!(lines[1], "", "an empty message gives an empty line");
    assert!(lines[2].starts_with("returns\t"), "{text}");
}

#[test]
fn learn_changes_the_ranking_and_is_all_or_nothing() {
    let lib = shop();
    let msg = "barang saya bila nak sampai ni";
    // Taught on stdin, with one bad key: nothing is learned, exit 2.
    let out = lib.run_with_input(&["learn"], &format!("wismo\t{msg}\nnope\tfoo\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    assert!(out.stdout.is_empty());
    let lib_stdin_bad = lib.run_with_input(&["learn"], "no tab here\n");
    assert_eq!(lib_stdin_bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&lib_stdin_bad.stderr).contains("line 1"));
    lib.fails(&["learn", "--key", "nope", "hello"], 2);
    // Taught with --key: the same message now finds wismo, "asked before".
    assert!(
        lib.ok(&["learn", "--key", "wismo", msg])
            .contains("learned 1")
    );
    let out: Value =
        serde_json::from_str(&lib.ok(&["suggest", "--json", "--limit", "1", msg])).unwrap();
    assert_eq!(out[0]["key"], "wismo");
    assert!(
        out[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("asked before: "),
        "{out}"
    );
    // KEY<TAB>TEXT lines on stdin.
    let out = lib.run_with_input(
        &["learn"],
        "paying\tboleh bayar guna ansuran?\nreturns\tnak pulangkan barang\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("learned 2"));
}

#[test]
fn forget_deletes_messages_before_a_day_and_rejects_a_bad_date() {
    let lib = shop();
    lib.ok(&["learn", "--key", "wismo", "where is it"]);
    let err = lib.fails(&["forget", "--before", "31/01/2025"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert!(
        lib.ok(&["forget", "--before", "2000-01-01"])
            .contains("forgot 0")
    );
    assert!(
        lib.ok(&["forget", "--before", "2999-01-01"])
            .contains("forgot 1")
    );
    let out: Value =
        serde_json::from_str(&lib.ok(&["suggest", "--json", "--limit", "1", "where is it"]))
            .unwrap();
    assert!(
        !out[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("asked before"),
        "{out}"
    );
}

#[test]
fn insights_report_in_json_and_text() {
    let lib = shop();
    lib.ok(&["learn", "--key", "wismo", "where is my order please"]);
    lib.ok(&["learn", "--key", "wismo", "where is my order now please"]);
    let report: Value = serde_json::from_str(&lib.ok(&["insights", "--json"])).unwrap();
    for field in [
        "since",
        "until",
        "messages",
        "uses",
        "top_replies",
        "languages",
        "by_hour",
        "by_weekday",
        "topics",
        "unanswered",
    ] {
        assert!(report.get(field).is_some(), "{field}: {report}");
    }
    assert_eq!(report["messages"], 2);
    assert_eq!(report["by_hour"].as_array().unwrap().len(), 24);
    assert_eq!(report["topics"][0]["size"], 2, "{report}");
    assert_eq!(report["topics"][0]["top_reply"]["key"], "wismo");
    let text = lib.ok(&["insights", "--since", "2020-01-01"]);
    assert!(text.contains("Question topics"), "{text}");
    lib.fails(&["insights", "--since", "soon"], 2);
}
