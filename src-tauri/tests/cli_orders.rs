//! The `orders` commands against the real binary: every marketplace format imported with
//! `--format auto` and read back with `orders show --json`, column mappings and presets, the
//! late list and purging. The fixtures are the core's (`crates/core/tests/data/orders/`).

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

mod common;

use common::Lib;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!(
        "{}/../crates/core/tests/data/orders/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn show(lib: &Lib, id: &str) -> Value {
    serde_json::from_str(&lib.ok(&["orders", "show", id, "--json"])).unwrap()
}

/// Imports a fixture with auto-detection into a fresh library; returns the library and stdout.
fn imported(name: &str) -> (Lib, String) {
    let lib = Lib::new();
    let out = lib.ok(&["orders", "import", &fixture(name), "--format", "auto"]);
    (lib, out)
}

/// A fixture, the format `orders import` reports, an order id, and fields with their values.
type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, Value)]);

#[test]
fn every_format_is_detected_and_reads_back() {
    let cases: [Case<'_>; 12] = [
        (
            "amazon_all_orders.txt",
            "amazon",
            "114-3941689-8772232",
            &[
                ("item_count", 3.into()),
                ("total", 29.99.into()),
                ("currency", "USD".into()),
                ("buyer_country", "US".into()),
                ("product_name", "Desk Lamp".into()),
                ("items", "Desk Lamp, Lamp Shade".into()),
            ],
        ),
        (
            "amazon_all_orders_jp.txt",
            "amazon",
            "503-1234567-7654321",
            &[
                ("items", "木製の卓上ランプ".into()),
                ("buyer_locale", "ja".into()),
            ],
        ),
        (
            "amazon_fulfilled_shipments.txt",
            "amazon-shipments",
            "113-1111111-2222222",
            &[
                ("buyer_name", "Jane Roe".into()),
                ("carrier", "UPS".into()),
                ("tracking_number", "1Z999AA10123456784".into()),
                ("shipped_at", "2024-12-02T15:30:00Z".into()),
                ("eta", "2024-12-06T20:00:00Z".into()),
                ("item_count", 3.into()),
            ],
        ),
        (
            "amazon_order_report.txt",
            "amazon-orders",
            "112-0000000-2222222",
            &[
                ("buyer_name", "Alice Jones".into()),
                ("currency", "CAD".into()),
            ],
        ),
        (
            "shopee_order_all.xlsx",
            "shopee",
            "241209ABCDEF01",
            &[
                ("marketplace", "shopee".into()),
                ("buyer_name", "kiki_shop".into()),
                ("buyer_country", "MY".into()),
                ("buyer_locale", "ms".into()),
                ("item_count", 3.into()),
                ("total", 45.9.into()),
                ("currency", "MYR".into()),
                ("carrier", "Doorstep Delivery".into()),
                ("tracking_number", "MY2412345678".into()),
                ("ordered_at", "2024-12-09T00:12:00Z".into()),
                ("shipped_at", "2024-12-10T09:30:00Z".into()),
                ("order_status", "Shipping".into()),
            ],
        ),
        (
            "lazada_orders.csv",
            "lazada",
            "512345678901234",
            &[
                ("buyer_name", "Nur Aisyah".into()),
                ("buyer_country", "MY".into()),
                ("item_count", 2.into()),
                ("total", 32.9.into()),
                ("delivered_at", "2024-12-12T10:00:00Z".into()),
                ("ordered_at", "2024-12-09T14:05:00Z".into()),
            ],
        ),
        (
            "tiktok_vn_orders.csv",
            "tiktok",
            "576543210987654321",
            &[
                ("buyer_name", "lan.nguyen".into()),
                ("total", 120_000.0.into()),
                ("currency", "VND".into()),
                ("ordered_at", "2024-12-09T14:05:00Z".into()),
            ],
        ),
        (
            "ebay_orders.csv",
            "ebay",
            "23-23456-78901",
            &[
                ("buyer_name", "John Doe".into()),
                ("buyer_country", "GB".into()),
                ("item_count", 3.into()),
                ("total", 1234.5.into()),
                ("ordered_at", "2024-12-10".into()),
                ("ship_by", "2024-12-12".into()),
            ],
        ),
        (
            "etsy_sold_orders.csv",
            "etsy",
            "3123456789",
            &[
                ("buyer_name", "Emma Wilson".into()),
                ("total", 45.5.into()),
                ("ordered_at", "2024-09-25".into()),
            ],
        ),
        (
            "walmart_orders.csv",
            "walmart",
            "108123456789",
            &[
                ("buyer_name", "José Núñez".into()),
                ("buyer_country", "US".into()),
                ("total", 15.25.into()),
                ("eta", "2024-12-16".into()),
            ],
        ),
        (
            "temu_orders.txt",
            "temu",
            "PO-211-01234567890123456",
            &[
                ("buyer_name", "Oliver Smith".into()),
                ("buyer_country", "GB".into()),
                ("total", Value::Null),
                ("eta", "2024-12-20T23:59:59Z".into()),
            ],
        ),
        (
            "aliexpress_orders.csv",
            "aliexpress",
            "8123456789012345",
            &[
                ("buyer_country", "RU".into()),
                ("carrier", "CAINIAO".into()),
                ("tracking_number", "LP00123456789012".into()),
                ("total", 25.8.into()),
            ],
        ),
    ];
    for (file, format, id, fields) in cases {
        let (lib, out) = imported(file);
        assert!(
            out.contains(&format!("read as {format}\n")),
            "{file}: {out}"
        );
        let order = show(&lib, id);
        for (field, want) in fields {
            assert_eq!(&order[field], want, "{file} {id} {field}: {order}");
        }
        // The shape of `orders show --json` is kept: every earlier field is still there.
        for field in ["marketplace", "order_id", "raw", "status", "tracking_url"] {
            assert!(order.get(field).is_some(), "{file}: {field} missing");
        }
    }
}

#[test]
fn a_mapping_is_saved_as_a_preset_and_recognises_the_file() {
    let lib = Lib::new();
    let file = fixture("shopee_id_localised.csv");
    // Without a mapping: exit 2, naming the missing variable and the columns seen.
    let err = lib.fails(&["orders", "import", &file], 2);
    assert!(
        err.contains("order_id") && err.contains("No. Pesanan"),
        "{err}"
    );
    assert!(err.contains("--map"), "the hint says how: {err}");
    // An unknown variable lists the variables; an unknown column lists the columns.
    let err = lib.fails(
        &["orders", "import", &file, "--map", "order_no=No. Pesanan"],
        2,
    );
    assert!(
        err.contains("order_no") && err.contains("tracking_number"),
        "{err}"
    );
    let err = lib.fails(
        &["orders", "import", &file, "--map", "order_id=Order ID"],
        2,
    );
    assert!(
        err.contains("Order ID") && err.contains("Total Pembayaran"),
        "{err}"
    );

    let out = lib.ok(&[
        "orders",
        "import",
        &file,
        "--map",
        "order_id=No. Pesanan",
        "--map",
        "buyer_name=Nama Penerima",
        "--map",
        "buyer_country=Negara",
        "--map",
        "total=Total Pembayaran",
        "--map",
        "tracking_number=No. Resi",
        "--save-preset",
        "shopee-id",
        "--marketplace",
        "shopee",
    ]);
    assert!(out.contains("imported 2 orders"), "{out}");
    assert!(out.contains("preset shopee-id"), "{out}");
    let order = show(&lib, "241209ID0001");
    assert_eq!(order["buyer_name"], "Budi Santoso");
    assert_eq!(order["marketplace"], "shopee");
    assert_eq!(order["total"], 120_000.0);
    assert_eq!(order["currency"], "IDR");
    assert_eq!(order["buyer_locale"], "id");

    let presets: Value = serde_json::from_str(&lib.ok(&["orders", "presets", "--json"])).unwrap();
    assert_eq!(presets[0]["name"], "shopee-id");
    assert_eq!(presets[0]["format"], "generic");
    assert!(
        lib.ok(&["orders", "presets"])
            .starts_with("shopee-id\tgeneric\torder_id=No. Pesanan")
    );

    // Auto-detected by its header, and usable by name.
    let out = lib.ok(&["orders", "import", &file]);
    assert!(
        out.contains("0 new, 2 updated") && out.contains("read with preset shopee-id"),
        "{out}"
    );
    lib.ok(&["orders", "import", &file, "--preset", "shopee-id"]);

    assert_eq!(
        lib.ok(&["orders", "presets", "rm", "shopee-id"]),
        "deleted preset shopee-id\n"
    );
    lib.fails(&["orders", "presets", "rm", "shopee-id"], 2);
    lib.fails(&["orders", "import", &file, "--preset", "shopee-id"], 2);
    assert_eq!(lib.ok(&["orders", "presets", "--json"]), "[]\n");
}

#[test]
fn late_orders_come_with_the_shipping_delay_reply() {
    let lib = Lib::new();
    lib.ok(&["pack", "import", "--starter"]);
    lib.ok(&["vars", "set", "shop_name", "Camera Corner"]);
    // Orders due yesterday: written with today's date so the test never ages.
    let today = jiff::Zoned::now().date();
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let csv = lib.write(
        "orders.csv",
        &format!(
            "order_id,buyer_name,buyer_locale,carrier,tracking_url,ordered_at,shipped_at,eta,ship_by,status\n\
             L-1,Fatima,ar,Aramex,https://t.example/1,{o},{o},{late},,Shipped\n\
             L-2,Ana,es,,,{o},,,{late2},Unshipped\n\
             L-3,Bo,en,DHL,https://t.example/3,{o},{o},{future},,Shipped\n\
             L-4,Cy,en,DHL,https://t.example/4,{o},{o},{late},,Delivered\n",
            o = day(-10),
            late = day(-2),
            late2 = day(-3),
            future = day(3)
        ),
    );
    lib.ok(&["orders", "import", csv.to_str().unwrap()]);
    let late: Value = serde_json::from_str(&lib.ok(&["orders", "late", "--json"])).unwrap();
    let late = late.as_array().unwrap();
    assert_eq!(late.len(), 2, "{late:?}");
    assert_eq!(late[0]["order_id"], "L-2");
    assert_eq!(late[0]["reason"], "not_shipped");
    assert_eq!(late[0]["days_late"], 3);
    assert_eq!(late[1]["order_id"], "L-1");
    assert_eq!(late[1]["reason"], "past_eta");
    assert_eq!(late[1]["buyer_locale"], "ar");
    assert_eq!(late[1]["reply_key"], "shipping-delay");
    let text = late[1]["reply_text"].as_str().unwrap();
    assert!(text.contains("L-1") && text.contains("Aramex"), "{text}");
    // L-2 has no carrier: the reply cannot be filled, and the reason says which value is missing.
    assert!(late[0]["reply_text"].is_null());
    assert!(
        late[0]["reply_error"].as_str().unwrap().contains("carrier"),
        "{late:?}"
    );
    let text = lib.ok(&["orders", "late"]);
    assert!(
        text.starts_with("L-2\tnot_shipped\t3 days\tAna\n"),
        "{text}"
    );
}

#[test]
fn purge_deletes_orders_placed_before_a_date() {
    let (lib, _) = imported("etsy_sold_orders.csv");
    assert_eq!(
        lib.ok(&["orders", "purge", "--before", "2024-09-30"]),
        "deleted 1 orders placed before 2024-09-30\n"
    );
    lib.fails(&["orders", "show", "3123456789"], 2);
    show(&lib, "3123456790");
    let err = lib.fails(&["orders", "purge", "--before", "30.09.2024"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn a_file_in_no_known_encoding_is_refused() {
    let lib = Lib::new();
    let path = lib.path("export.csv");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, garbage).unwrap();
    let err = lib.fails(&["orders", "import", path.to_str().unwrap()], 2);
    assert!(
        err.contains("CSV UTF-8") && err.contains("Shift-JIS"),
        "{err}"
    );
}
