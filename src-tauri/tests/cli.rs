//! The CLI contract, exercised through the real binary on real SQLite files.

// Test helpers panic on setup failure with the error in the message: unwrap says that.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

mod common;
use common::Lib;

const EN: &str = r#"-shop = Desert Rose
where-is-my-order = Hello { $buyer_name }, order { $order_id } ships with { $carrier }.
    .title = Where is my order
    .category = Shipping
    .tags = tracking, status
    .shortcut = ;wismo
items = { $item_count ->
        [one] You bought one item from { -shop }.
       *[other] You bought { $item_count } items from { -shop }.
    }
    .title = Items bought
"#;

const AR: &str = r#"where-is-my-order = مرحباً { $buyer_name }، طلبك { $order_id } يُشحن مع { $carrier }.
    .title = أين طلبي
items = { $item_count ->
        [zero] لم تشترِ أي منتج.
        [one] اشتريت منتجًا واحدًا.
        [two] اشتريت منتجين.
        [few] اشتريت { $item_count } منتجات.
        [many] اشتريت { $item_count } منتجًا.
       *[other] اشتريت { $item_count } منتج.
    }
"#;

const RU: &str = r#"items = { $item_count ->
        [one] Вы купили { $item_count } товар.
        [few] Вы купили { $item_count } товара.
       *[many] Вы купили { $item_count } товаров.
    }
"#;

fn library() -> Lib {
    let lib = Lib::new();
    let dir = lib.pack(&[("en.ftl", EN), ("ar.ftl", AR), ("ru.ftl", RU)]);
    lib.ok(&["pack", "import", &dir]);
    lib
}

#[test]
fn render_prints_exactly_the_text() {
    let lib = library();
    let out = lib.ok(&[
        "render",
        "where-is-my-order",
        "--var",
        "buyer_name=Ana",
        "--var",
        "order_id=12345",
        "--var",
        "carrier=DHL",
    ]);
    assert_eq!(out, "Hello Ana, order 12345 ships with DHL.\n");
}

#[test]
fn render_json_reports_locale_and_status() {
    let lib = library();
    let out = lib.ok(&[
        "render",
        "items",
        "--lang",
        "ar-SA",
        "--var",
        "item_count=2",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["key"], "items");
    assert_eq!(v["locale"], "ar");
    assert_eq!(v["status"], "approved");
    assert_eq!(v["text"], "اشتريت منتجين.");
}

#[test]
fn plurals_follow_the_language() {
    let lib = library();
    let ar = |n: &str| {
        lib.ok(&[
            "render",
            "items",
            "--lang",
            "ar",
            "--var",
            &format!("item_count={n}"),
        ])
    };
    assert_eq!(ar("0"), "لم تشترِ أي منتج.\n");
    assert_eq!(ar("1"), "اشتريت منتجًا واحدًا.\n");
    assert_eq!(ar("3"), "اشتريت 3 منتجات.\n");
    assert_eq!(ar("11"), "اشتريت 11 منتجًا.\n");
    assert_eq!(ar("100"), "اشتريت 100 منتج.\n");
    let ru = |n: &str| {
        lib.ok(&[
            "render",
            "items",
            "--lang",
            "ru",
            "--var",
            &format!("item_count={n}"),
        ])
    };
    assert_eq!(ru("21"), "Вы купили 21 товар.\n");
    assert_eq!(ru("22"), "Вы купили 22 товара.\n");
    assert_eq!(ru("25"), "Вы купили 25 товаров.\n");
    // Terms of the pack are shared; an unknown language falls back to the source.
    assert_eq!(
        lib.ok(&["render", "items", "--lang", "de", "--var", "item_count=1"]),
        "You bought one item from Desert Rose.\n"
    );
}

#[test]
fn missing_variable_is_an_input_error_naming_it() {
    let lib = library();
    let err = lib.fails(
        &["render", "where-is-my-order", "--var", "buyer_name=Ana"],
        2,
    );
    assert!(err.contains("order_id") && err.contains("carrier"), "{err}");
}

#[test]
fn unknown_template_is_an_input_error() {
    let lib = library();
    let err = lib.fails(&["render", "no-such-template"], 2);
    assert!(
        err.contains("no-such-template") && err.contains("templates list"),
        "{err}"
    );
}

#[test]
fn parse_errors_name_file_line_and_column_and_import_nothing() {
    let lib = Lib::new();
    let dir = lib.pack(&[
        ("en.ftl", "ok = Fine\nbroken = { $x\nalso-ok = Yes\n"),
        ("fr.ftl", "ok = Bien\n?? nope\n"),
    ]);
    let err = lib.fails(&["pack", "import", &dir], 2);
    let en = Path::new(&dir).join("en.ftl").display().to_string();
    let fr = Path::new(&dir).join("fr.ftl").display().to_string();
    // The unclosed placeable is noticed where the next entry starts.
    assert!(err.contains(&format!("{en}:3:1:")), "{err}");
    assert!(err.contains(&format!("{fr}:2:1:")), "{err}");
    let list = lib.ok(&["templates", "list"]);
    assert!(list.is_empty(), "nothing may be imported: {list}");
}

#[test]
fn changed_source_turns_translations_stale() {
    let lib = library();
    let json = |lib: &Lib| -> serde_json::Value {
        serde_json::from_str(&lib.ok(&[
            "render",
            "items",
            "--lang",
            "ru",
            "--var",
            "item_count=5",
            "--json",
        ]))
        .unwrap()
    };
    assert_eq!(json(&lib)["status"], "approved");
    let changed = EN.replace(
        "You bought { $item_count } items",
        "You ordered { $item_count } items",
    );
    let dir = lib.pack(&[("en.ftl", &changed)]);
    lib.ok(&["pack", "import", &dir]);
    assert_eq!(json(&lib)["status"], "stale");
}

#[test]
fn export_round_trips() {
    let lib = library();
    lib.ok(&["pack", "import", "--starter"]);
    let out = lib.path("exported");
    lib.ok(&["pack", "export", out.to_str().unwrap()]);

    let copy = Lib::new();
    copy.ok(&["pack", "import", out.to_str().unwrap()]);
    assert_eq!(
        lib.ok(&["templates", "list", "--json"]),
        copy.ok(&["templates", "list", "--json"])
    );
    let values = [
        "item_count=3",
        "buyer_name=A",
        "order_id=1",
        "carrier=C",
        "shipped_at=2024-05-01",
        "eta=2024-05-09",
        "tracking_number=T1",
        "tracking_url=https://t.example/1",
        "shop_name=S",
        "total=12.5",
        "currency=EUR",
        "marketplace=noon",
        "ordered_at=2024-04-30",
    ];
    for (key, lang) in [
        ("items", "ar"),
        ("items", "ru"),
        ("where-is-my-order", "ar"),
        ("customs-duties", "ms"),
    ] {
        let mut args = vec!["render", key, "--lang", lang, "--json"];
        for v in &values {
            args.extend(["--var", v]);
        }
        assert_eq!(lib.ok(&args), copy.ok(&args));
    }
}

#[test]
fn starter_library_is_only_added_on_request() {
    let lib = Lib::new();
    assert!(lib.ok(&["templates", "list"]).is_empty());
    lib.ok(&["pack", "import", "--starter"]);
    let list = lib.ok(&["templates", "list"]);
    for key in [
        "where-is-my-order",
        "customs-duties",
        "halal-certificate",
        "review-request",
    ] {
        assert!(
            list.lines().any(|l| l.starts_with(&format!("{key}\t"))),
            "{key} missing from\n{list}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&lib.ok(&["templates", "list", "--json"])).unwrap();
    let first = &json[0];
    for locale in ["en", "zh-CN", "ar", "ru", "fr", "ms", "es"] {
        assert!(
            first["locales"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l == locale),
            "{locale} missing"
        );
    }
}

#[test]
fn orders_fill_templates_in_the_buyer_language() {
    let lib = library();
    let csv = lib.write(
        "orders.csv",
        "order_id,buyer_name,buyer_locale,carrier,item_count\n\
         A-1001,Fatima,ar-SA,Aramex,2\n\
         A-1002,Bad,en,DHL,lots\n\
         A-1003,Ivan,ru,CDEK,21\n",
    );
    let import = lib.run(&["orders", "import", csv.to_str().unwrap()]);
    assert!(import.status.success());
    let err = String::from_utf8_lossy(&import.stderr);
    assert!(
        err.contains("orders.csv:3:"),
        "bad row must be reported with its line: {err}"
    );

    assert_eq!(
        lib.ok(&["render", "where-is-my-order", "--order", "A-1001"]),
        "مرحباً Fatima، طلبك A-1001 يُشحن مع Aramex.\n"
    );
    assert_eq!(
        lib.ok(&["render", "items", "--order", "A-1003"]),
        "Вы купили 21 товар.\n"
    );
    // --lang and --var override the order.
    assert_eq!(
        lib.ok(&[
            "render",
            "where-is-my-order",
            "--order",
            "A-1001",
            "--lang",
            "en",
            "--var",
            "carrier=SMSA"
        ]),
        "Hello Fatima, order A-1001 ships with SMSA.\n"
    );
    lib.fails(&["orders", "show", "A-1002"], 2);
    let show: serde_json::Value =
        serde_json::from_str(&lib.ok(&["orders", "show", "A-1003", "--json"])).unwrap();
    assert_eq!(show["item_count"], 21);
    lib.fails(&["render", "items", "--order", "NOPE-1"], 2);
}

#[test]
fn reimport_updates_orders_instead_of_duplicating() {
    let lib = library();
    let csv = lib.write("o.csv", "order_id,carrier\nB-1,DHL\n");
    lib.ok(&["orders", "import", csv.to_str().unwrap()]);
    let csv = lib.write("o.csv", "order_id,carrier\nB-1,FedEx\n");
    let out = lib.ok(&["orders", "import", csv.to_str().unwrap()]);
    assert!(out.contains("0 new, 1 updated"), "{out}");
    let show: serde_json::Value =
        serde_json::from_str(&lib.ok(&["orders", "show", "B-1", "--json"])).unwrap();
    assert_eq!(show["carrier"], "FedEx");
}

#[test]
fn amazon_flat_file_rows_are_merged() {
    let lib = library();
    let header = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tship-city\tship-state\tship-postal-code\tship-country";
    let row = |sku: &str, qty: &str, price: &str| {
        format!(
            "111-2223334-5556667\t\t2024-05-01T10:30:00+00:00\t2024-05-02T10:30:00+00:00\tShipped\tMerchant\tAmazon.ae\t\t\tStandard\tDates {sku}\t{sku}\tB000\tShipped\t{qty}\tAED\t{price}\t0\t0\t0\tDubai\t\t00000\tAE"
        )
    };
    let file = lib.write(
        "amazon.txt",
        &format!(
            "{header}\n{}\n{}\n",
            row("A", "1", "10.50"),
            row("B", "2", "20.00")
        ),
    );
    lib.ok(&["orders", "import", file.to_str().unwrap()]);
    let show: serde_json::Value =
        serde_json::from_str(&lib.ok(&["orders", "show", "111-2223334-5556667", "--json"]))
            .unwrap();
    assert_eq!(show["item_count"], 3);
    assert_eq!(show["total"], 30.5);
    assert_eq!(show["buyer_country"], "AE");
    assert_eq!(
        lib.ok(&[
            "render",
            "items",
            "--order",
            "111-2223334-5556667",
            "--lang",
            "ar"
        ]),
        "اشتريت 3 منتجات.\n"
    );
}

#[test]
fn shop_variables_fill_templates_and_var_overrides_them() {
    let lib = library();
    lib.write("pack2/en.ftl", "sig = Thanks, { $shop_name }\n");
    lib.ok(&["pack", "import", lib.path("pack2").to_str().unwrap()]);
    lib.ok(&["vars", "set", "shop_name", "Desert Rose"]);
    assert_eq!(lib.ok(&["vars", "list"]), "shop_name=Desert Rose\n");
    let json: serde_json::Value =
        serde_json::from_str(&lib.ok(&["vars", "list", "--json"])).unwrap();
    assert_eq!(json["shop_name"], "Desert Rose");
    assert_eq!(lib.ok(&["render", "sig"]), "Thanks, Desert Rose\n");
    assert_eq!(
        lib.ok(&["render", "sig", "--var", "shop_name=Oasis"]),
        "Thanks, Oasis\n"
    );
    lib.fails(&["vars", "set", "bad name", "x"], 2);
}

#[test]
fn search_lists_key_tab_title_best_first() {
    let lib = library();
    let out = lib.ok(&["search", "wher is my ordr"]);
    assert_eq!(
        out.lines().next(),
        Some("where-is-my-order\tWhere is my order")
    );
    let json: serde_json::Value =
        serde_json::from_str(&lib.ok(&["search", "items", "--json", "--limit", "1"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["key"], "items");
    assert!(json[0]["score"].as_u64().unwrap() > 0);
}

#[test]
fn database_comes_from_the_environment() {
    let lib = library();
    let out = Command::new(env!("CARGO_BIN_EXE_quickreply"))
        .args(["templates", "list"])
        .env("QUICKREPLY_DB", lib.db())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("where-is-my-order\t"));
}

#[test]
fn bad_order_file_is_an_input_error() {
    let lib = library();
    let file = lib.write("x.csv", "foo,bar\n1,2\n");
    let err = lib.fails(&["orders", "import", file.to_str().unwrap()], 2);
    assert!(err.contains("order_id"), "{err}");
    lib.fails(
        &[
            "orders",
            "import",
            lib.path("missing.csv").to_str().unwrap(),
        ],
        2,
    );
}

#[test]
fn detect_prints_a_code_per_text() {
    let lib = Lib::new();
    assert_eq!(
        lib.ok(&["detect", "Здравствуйте, когда будет доставка моего заказа?"]),
        "ru\n"
    );
    assert_eq!(lib.ok(&["detect", "ok"]), "und\n");
    let json: serde_json::Value =
        serde_json::from_str(&lib.ok(&["detect", "مرحبا، متى يصل طلبي؟ لم أستلمه بعد", "--json"]))
            .unwrap();
    assert_eq!(json["code"], "ar");
    assert!(json["confidence"].as_f64().unwrap() > 0.4);

    let mut child = Command::new(env!("CARGO_BIN_EXE_quickreply"))
        .args(["--db", lib.db().to_str().unwrap(), "detect"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Bonjour, je n'ai toujours pas reçu ma commande\nhi\nwhere is my package?? it is late\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "fr\nund\nen\n");
}
