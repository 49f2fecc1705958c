//! Every marketplace export format, read from synthetic fixtures under the real headers
//! (`tests/data/orders/`, written by `make_fixtures.py`; Shopee's XLSX by [`shopee_xlsx`]):
//! detection from the header, each column of the mapping, encodings, mappings and presets, the
//! late list and retention.

#![allow(clippy::unwrap_used)] // a test: a panic names what is wrong

use std::path::{Path, PathBuf};

use quickreply_core::Library;
use quickreply_core::app::orders::{self, ImportOptions, LateReason};
use quickreply_core::orders::{Format, Order, Parsed, parse_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/orders")
        .join(name)
}

/// Reads a fixture with `--format auto`, checks the detected format and that no row was bad.
fn auto(name: &str, want: Format) -> Parsed {
    let p = parse_file(&fixture(name), Format::Auto).unwrap();
    assert_eq!(p.format, want, "{name}");
    assert!(p.errors.is_empty(), "{name}: {:#?}", p.errors);
    p
}

fn find<'a>(p: &'a Parsed, id: &str) -> &'a Order {
    p.orders
        .iter()
        .find(|o| o.order_id == id)
        .unwrap_or_else(|| panic!("no order {id} in {:#?}", p.orders))
}

fn s(v: &Option<String>) -> Option<&str> {
    v.as_deref()
}

/// The Shopee Order.all export as a real workbook: one row per item, masked receiver names,
/// the ship time a real Excel date cell.
fn shopee_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    const HEADER: &str = "Order ID\tOrder Status\tCancel reason\tReturn / Refund Status\tTracking Number*\tShipping Option\tShipment Method\tEstimated Ship Out Date\tShip Time\tOrder Creation Date\tOrder Paid Time\tParent SKU Reference No.\tProduct Name\tSKU Reference No.\tVariation Name\tOriginal Price\tDeal Price\tQuantity\tReturned quantity\tProduct Subtotal\tSeller Rebate\tSeller Discount\tShopee Rebate\tSKU Total Weight\tNo of product in order\tOrder Total Weight\tVoucher Code From Seller\tSeller Voucher\tSeller Absorbed Coin Cashback\tShopee Voucher\tBundle Deal Indicator\tShopee Bundle Discount\tSeller Bundle Discount\tShopee Coins Offset\tCredit Card Discount Total\tTotal Amount\tBuyer Paid Shipping Fee\tShipping Rebate Estimate\tReverse Shipping Fee\tTransaction Fee\tCommission Fee\tService Fee\tGrand Total\tEstimated Shipping Fee\tUsername (Buyer)\tReceiver Name\tPhone Number\tDelivery Address\tTown\tDistrict\tCity\tProvince\tCountry\tZip Code\tRemark from buyer\tOrder Complete Time\tNote";
    let header: Vec<&str> = HEADER.split('\t').collect();
    let col = |name: &str| u16::try_from(header.iter().position(|h| *h == name).unwrap()).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (i, h) in header.iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(i).unwrap(), *h)
            .unwrap();
    }
    let date = XFormat::new().set_num_format("yyyy-mm-dd hh:mm");
    // id, status, product, receiver, quantity, total, username, ship time
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        f64,
        f64,
        &'a str,
        &'a str,
    );
    let rows: [Row<'_>; 3] = [
        (
            "241209ABCDEF01",
            "Shipping",
            "Baju Kurung",
            "K****i",
            1.0,
            45.9,
            "kiki_shop",
            "2024-12-10 09:30:00",
        ),
        (
            "241209ABCDEF01",
            "Shipping",
            "Selendang",
            "K****i",
            2.0,
            45.9,
            "kiki_shop",
            "2024-12-10 09:30:00",
        ),
        (
            "241209ABCDEF02",
            "To ship",
            "Songkok",
            "Ahmad Faiz",
            1.0,
            19.0,
            "faiz99",
            "",
        ),
    ];
    for (r, (id, status, product, receiver, qty, total, user, ship)) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap();
        sheet.write_string(r, col("Order ID"), *id).unwrap();
        sheet.write_string(r, col("Order Status"), *status).unwrap();
        sheet
            .write_string(r, col("Product Name"), *product)
            .unwrap();
        sheet
            .write_string(r, col("Receiver Name"), *receiver)
            .unwrap();
        sheet.write_number(r, col("Quantity"), *qty).unwrap();
        sheet.write_number(r, col("Total Amount"), *total).unwrap();
        sheet
            .write_string(r, col("Username (Buyer)"), *user)
            .unwrap();
        sheet.write_string(r, col("Country"), "MY").unwrap();
        sheet
            .write_string(r, col("Order Creation Date"), "2024-12-09 00:12")
            .unwrap();
        sheet
            .write_string(r, col("Estimated Ship Out Date"), "2024-12-11 23:59")
            .unwrap();
        if !ship.is_empty() {
            let dt = ExcelDateTime::parse_from_str(ship).unwrap();
            sheet
                .write_datetime_with_format(r, col("Ship Time"), &dt, &date)
                .unwrap();
            sheet
                .write_string(r, col("Tracking Number*"), "MY2412345678")
                .unwrap();
            sheet
                .write_string(r, col("Shipping Option"), "Doorstep Delivery")
                .unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn committed_shopee_workbook_is_the_one_the_helper_writes() {
    // The CLI tests read the committed workbook; regenerate it with
    // QUICKREPLY_UPDATE_GENERATED=1 when the helper changes.
    let committed = fixture("shopee_order_all.xlsx");
    if std::env::var_os("QUICKREPLY_UPDATE_GENERATED").is_some() {
        shopee_xlsx(&committed);
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("Order.all.xlsx");
    shopee_xlsx(&fresh);
    let a = parse_file(&fresh, Format::Auto).unwrap();
    let b = parse_file(&committed, Format::Auto).unwrap();
    assert_eq!(a.orders, b.orders);
}

#[test]
fn shopee_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Order.all.20241201_20241231.xlsx");
    shopee_xlsx(&path);
    let p = parse_file(&path, Format::Auto).unwrap();
    assert_eq!(p.format, Format::Shopee);
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    assert_eq!(p.orders.len(), 2);
    let o = find(&p, "241209ABCDEF01");
    assert_eq!(o.marketplace, "shopee");
    assert_eq!(
        s(&o.buyer_name),
        Some("kiki_shop"),
        "masked receiver: the username"
    );
    assert_eq!(s(&o.buyer_country), Some("MY"));
    assert_eq!(s(&o.buyer_locale), Some("ms"));
    assert_eq!(o.item_count, Some(3), "Σ Quantity");
    assert_eq!(
        o.total,
        Some(45.9),
        "Total Amount is order-level, not summed"
    );
    assert_eq!(s(&o.currency), Some("MYR"), "from the country");
    assert_eq!(s(&o.carrier), Some("Doorstep Delivery"));
    assert_eq!(s(&o.tracking_number), Some("MY2412345678"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T00:12:00Z"));
    assert_eq!(
        s(&o.shipped_at),
        Some("2024-12-10T09:30:00Z"),
        "an Excel date cell"
    );
    assert_eq!(s(&o.ship_by), Some("2024-12-11T23:59:00Z"));
    assert_eq!(s(&o.status), Some("Shipping"));
    assert_eq!(s(&o.product_name), Some("Baju Kurung"));
    assert_eq!(s(&o.items), Some("Baju Kurung, Selendang"));
    let o = find(&p, "241209ABCDEF02");
    assert_eq!(
        s(&o.buyer_name),
        Some("Ahmad Faiz"),
        "unmasked: the receiver"
    );
    assert_eq!((o.item_count, o.total), (Some(1), Some(19.0)));
    assert_eq!(o.shipped_at, None);
}

#[test]
fn amazon_all_orders_with_a_bom() {
    let p = auto("amazon_all_orders.txt", Format::Amazon);
    let o = find(&p, "114-3941689-8772232");
    assert_eq!(o.marketplace, "amazon");
    assert_eq!(o.buyer_name, None, "the report has no buyer");
    assert_eq!(s(&o.buyer_country), Some("US"));
    assert_eq!((o.item_count, o.total), (Some(3), Some(29.99)));
    assert_eq!(s(&o.currency), Some("USD"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T08:04:21Z"));
    assert_eq!(s(&o.items), Some("Desk Lamp, Lamp Shade"));
    assert_eq!(s(&o.product_name), Some("Desk Lamp"));
    let o = find(&p, "171-5555555-1234567");
    assert_eq!(s(&o.buyer_locale), Some("fr"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-10T09:00:00+01:00"));
    assert_eq!((s(&o.currency), o.total), (Some("EUR"), Some(24.5)));
}

#[test]
fn amazon_japan_in_shift_jis() {
    let p = auto("amazon_all_orders_jp.txt", Format::Amazon);
    assert_eq!(p.encoding.as_deref(), Some("Japanese (Shift-JIS)"));
    let o = find(&p, "503-1234567-7654321");
    assert_eq!(s(&o.items), Some("木製の卓上ランプ"));
    assert_eq!(s(&o.buyer_locale), Some("ja"));
    assert_eq!(
        (o.item_count, o.total, s(&o.currency)),
        (Some(2), Some(3980.0), Some("JPY"))
    );
    assert_eq!(o.raw[0]["ship-city"], "東京都");
}

#[test]
fn amazon_fulfilled_shipments() {
    let p = auto("amazon_fulfilled_shipments.txt", Format::AmazonShipments);
    let o = find(&p, "113-1111111-2222222");
    assert_eq!(o.marketplace, "amazon");
    assert_eq!(s(&o.buyer_name), Some("Jane Roe"));
    assert_eq!(s(&o.buyer_country), Some("US"));
    assert_eq!((o.item_count, o.total), (Some(3), Some(20.0)));
    assert_eq!(s(&o.currency), Some("USD"));
    assert_eq!(s(&o.carrier), Some("UPS"));
    assert_eq!(s(&o.tracking_number), Some("1Z999AA10123456784"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-01T10:00:00Z"));
    assert_eq!(s(&o.shipped_at), Some("2024-12-02T15:30:00Z"));
    assert_eq!(s(&o.eta), Some("2024-12-06T20:00:00Z"));
    let o = find(&p, "302-7777777-8888888");
    assert_eq!(
        s(&o.buyer_name),
        Some("Max Mustermann"),
        "recipient when no buyer"
    );
    assert_eq!(s(&o.buyer_locale), Some("de"));
    assert_eq!((s(&o.currency), o.total), (Some("EUR"), Some(9.99)));
}

#[test]
fn amazon_order_report_and_unshipped() {
    let p = auto("amazon_order_report.txt", Format::AmazonOrders);
    let o = find(&p, "112-0000000-1111111");
    assert_eq!(s(&o.buyer_name), Some("Bob Smith"));
    assert_eq!((o.item_count, o.total), (Some(6), Some(23.0)));
    assert_eq!(s(&o.currency), Some("USD"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-05T12:00:00-08:00"));
    assert_eq!((o.carrier.clone(), o.tracking_number.clone()), (None, None));
    let o = find(&p, "112-0000000-2222222");
    assert_eq!(s(&o.buyer_name), Some("Alice Jones"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.currency)),
        (Some("CA"), Some("CAD"))
    );

    let p = auto("amazon_unshipped.txt", Format::AmazonOrders);
    let o = find(&p, "405-1234567-0000001");
    assert_eq!(s(&o.ship_by), Some("2025-01-04T23:59:59+05:30"));
    assert_eq!((o.item_count, o.total), (Some(1), None));
    assert_eq!(s(&o.buyer_locale), Some("en"));
}

#[test]
fn lazada() {
    let p = auto("lazada_orders.csv", Format::Lazada);
    let o = find(&p, "512345678901234");
    assert_eq!(o.marketplace, "lazada");
    assert_eq!(s(&o.buyer_name), Some("Nur Aisyah"));
    assert_eq!(s(&o.buyer_country), Some("MY"), "a full name becomes ISO");
    assert_eq!(o.item_count, Some(2), "one row per item");
    assert_eq!(o.total, Some(32.9), "Σ paidPrice");
    assert_eq!(s(&o.currency), Some("MYR"));
    assert_eq!(s(&o.carrier), Some("LEX MY"));
    assert_eq!(s(&o.tracking_number), Some("MYMPA0123456789"));
    assert!(s(&o.tracking_url).unwrap().contains("MYMPA0123456789"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T14:05:00Z"));
    assert_eq!(s(&o.delivered_at), Some("2024-12-12T10:00:00Z"));
    assert_eq!(s(&o.ship_by), Some("2024-12-10T23:59:00Z"));
    assert_eq!(s(&o.status), Some("delivered"));
    let o = find(&p, "512345678909999");
    assert_eq!(
        s(&o.buyer_name),
        Some("Jose Rizal"),
        "shippingName when no customer"
    );
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale)),
        (Some("PH"), Some("en"))
    );
    assert_eq!((o.total, s(&o.currency)), (Some(1234.5), Some("PHP")));
}

#[test]
fn tiktok_skips_its_description_row() {
    let p = auto("tiktok_vn_orders.csv", Format::Tiktok);
    assert_eq!(p.orders.len(), 2);
    let o = find(&p, "576543210987654321");
    assert_eq!(o.marketplace, "tiktok");
    assert_eq!(s(&o.buyer_name), Some("lan.nguyen"), "masked recipient");
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale)),
        (Some("VN"), Some("vi"))
    );
    assert_eq!(o.item_count, Some(3));
    assert_eq!(
        o.total,
        Some(120_000.0),
        "order-level, ₫ with a thousands dot"
    );
    assert_eq!(s(&o.currency), Some("VND"));
    assert_eq!(s(&o.carrier), Some("SPX Express"));
    assert_eq!(s(&o.tracking_number), Some("SPXVN0123456789"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T14:05:00Z"), "day first");
    assert_eq!(s(&o.shipped_at), Some("2024-12-10T08:30:00Z"));
    let o = find(&p, "576543210987650000");
    assert_eq!(s(&o.buyer_name), Some("Trần Minh"));
    assert_eq!(s(&o.delivered_at), Some("2024-12-14T17:00:00Z"));
    assert_eq!(s(&o.status), Some("Completed"));
}

#[test]
fn ebay_blank_line_empty_row_footer_and_multi_item_orders() {
    let p = auto("ebay_orders.csv", Format::Ebay);
    assert_eq!(p.orders.len(), 2);
    let o = find(&p, "12-12345-67890");
    assert_eq!(o.marketplace, "ebay");
    assert_eq!(s(&o.buyer_name), Some("Mary Major"));
    assert_eq!(s(&o.buyer_country), Some("US"));
    assert_eq!(
        (o.item_count, o.total, s(&o.currency)),
        (Some(1), Some(45.99), Some("USD"))
    );
    assert_eq!(s(&o.carrier), Some("USPS Ground Advantage"));
    assert_eq!(s(&o.tracking_number), Some("9400111899223344556677"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09"));
    assert_eq!(s(&o.shipped_at), Some("2024-12-10"));
    assert_eq!(s(&o.ship_by), Some("2024-12-11"));
    assert_eq!(s(&o.eta), Some("2024-12-16"));
    let o = find(&p, "23-23456-78901");
    assert_eq!(s(&o.buyer_country), Some("GB"));
    assert_eq!(o.item_count, Some(3), "Σ over the item rows");
    assert_eq!(o.total, Some(1234.5), "the summary row's total");
    assert_eq!(s(&o.items), Some("Lens 50mm, Lens Cap"));
}

#[test]
fn etsy_orders_and_items() {
    let p = auto("etsy_sold_orders.csv", Format::Etsy);
    let o = find(&p, "3123456789");
    assert_eq!(o.marketplace, "etsy");
    assert_eq!(s(&o.buyer_name), Some("Emma Wilson"));
    assert_eq!(s(&o.buyer_country), Some("US"));
    assert_eq!(
        (o.item_count, o.total, s(&o.currency)),
        (Some(3), Some(45.5), Some("USD"))
    );
    assert_eq!(s(&o.ordered_at), Some("2024-09-25"));
    assert_eq!(s(&o.shipped_at), Some("2024-09-27"));
    let o = find(&p, "3123456790");
    assert_eq!(
        (o.total, s(&o.currency), s(&o.buyer_country)),
        (Some(18.9), Some("EUR"), Some("DE"))
    );

    let p = auto("etsy_sold_order_items.csv", Format::Etsy);
    let o = find(&p, "3123456789");
    assert_eq!(s(&o.buyer_name), Some("Emma Wilson"), "Ship Name");
    assert_eq!((o.item_count, o.total), (Some(3), Some(40.0)));
    assert_eq!(s(&o.items), Some("Ring, Earrings"));
}

#[test]
fn walmart_in_windows_1252() {
    let p = auto("walmart_orders.csv", Format::Walmart);
    assert_eq!(
        p.encoding.as_deref(),
        Some("Western European (Windows-1252)")
    );
    let o = find(&p, "108123456789");
    assert_eq!(o.marketplace, "walmart");
    assert_eq!(s(&o.buyer_name), Some("José Núñez"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.currency)),
        (Some("US"), Some("USD"))
    );
    assert_eq!((o.item_count, o.total), (Some(3), Some(15.25)));
    assert_eq!(s(&o.carrier), Some("USPS"));
    assert_eq!(s(&o.tracking_number), Some("9205590164917312751089"));
    assert!(
        s(&o.tracking_url)
            .unwrap()
            .starts_with("https://tools.usps.com/")
    );
    assert_eq!(s(&o.ordered_at), Some("2024-12-09"));
    assert_eq!(s(&o.ship_by), Some("2024-12-11"));
    assert_eq!(s(&o.eta), Some("2024-12-16"));
    assert_eq!(s(&o.items), Some("Café Mug, Spoon"));
}

#[test]
fn temu_in_utf16() {
    let p = auto("temu_orders.txt", Format::Temu);
    assert_eq!(p.encoding.as_deref(), Some("UTF-16"));
    let o = find(&p, "PO-211-01234567890123456");
    assert_eq!(o.marketplace, "temu");
    assert_eq!(s(&o.buyer_name), Some("Oliver Smith"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale)),
        (Some("GB"), Some("en"))
    );
    assert_eq!(
        (o.item_count, o.total),
        (Some(3), None),
        "seller prices only"
    );
    assert_eq!(s(&o.carrier), Some("Royal Mail"));
    assert_eq!(s(&o.tracking_number), Some("RM123456789GB"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T10:00:00Z"));
    assert_eq!(s(&o.eta), Some("2024-12-20T23:59:59Z"));
}

#[test]
fn aliexpress_in_gbk() {
    let p = auto("aliexpress_orders.csv", Format::Aliexpress);
    assert_eq!(p.encoding.as_deref(), Some("Chinese (GBK/GB18030)"));
    let o = find(&p, "8123456789012345");
    assert_eq!(o.marketplace, "aliexpress");
    assert_eq!(s(&o.buyer_name), Some("Ivan Petrov"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale)),
        (Some("RU"), Some("ru"))
    );
    assert_eq!((o.total, s(&o.currency)), (Some(25.8), Some("USD")));
    assert_eq!(s(&o.carrier), Some("CAINIAO"));
    assert_eq!(s(&o.tracking_number), Some("LP00123456789012"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T10:15:30Z"));
    assert_eq!(s(&o.shipped_at), Some("2024-12-10T08:00:00Z"));
    assert_eq!(s(&o.status), Some("等待买家收货"));
    let o = find(&p, "8123456789019999");
    assert_eq!(s(&o.buyer_name), Some("Ahmed Ali"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale), s(&o.currency)),
        (Some("SA"), Some("ar"), Some("SAR"))
    );
    assert_eq!(
        (s(&o.carrier), s(&o.tracking_number)),
        (Some("顺丰"), Some("SF1234567890"))
    );
}

#[test]
fn an_undecidable_encoding_is_an_error_naming_what_was_tried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, garbage).unwrap();
    let err = parse_file(&path, Format::Auto).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, quickreply_core::Error::BadFile { .. }),
        "{err:?}"
    );
    for name in ["UTF-8", "Shift-JIS", "GBK", "Windows-1252", "CSV UTF-8"] {
        assert!(text.contains(name), "{text}");
    }
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
    (dir, lib)
}

fn map(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn a_localised_header_is_mapped_saved_and_recognised() {
    let (_dir, lib) = library();
    let file = fixture("shopee_id_localised.csv");
    // No preset knows it: the error names the columns and the missing variable.
    let err = orders::import(&lib, &file, Format::Auto)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("order_id") && err.contains("No. Pesanan"),
        "{err}"
    );

    let unknown_var = ImportOptions {
        mapping: map(&[("order_number", "No. Pesanan")]),
        ..ImportOptions::default()
    };
    let err = orders::import_with(&lib, &file, &unknown_var)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("order_number") && err.contains("tracking_number"),
        "{err}"
    );
    let unknown_col = ImportOptions {
        mapping: map(&[("order_id", "Order Number")]),
        ..ImportOptions::default()
    };
    let err = orders::import_with(&lib, &file, &unknown_col)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Order Number") && err.contains("No. Pesanan"),
        "{err}"
    );

    let options = ImportOptions {
        mapping: map(&[
            ("order_id", "No. Pesanan"),
            ("buyer_name", "Nama Penerima"),
            ("buyer_country", "Negara"),
            ("item_count", "Jumlah"),
            ("total", "Total Pembayaran"),
            ("carrier", "Opsi Pengiriman"),
            ("tracking_number", "No. Resi"),
            ("ordered_at", "Waktu Pesanan Dibuat"),
            ("order_status", "Status Pesanan"),
        ]),
        save_preset: Some("shopee-id".into()),
        marketplace: Some("Shopee".into()),
        ..ImportOptions::default()
    };
    let done = orders::import_with(&lib, &file, &options).unwrap();
    assert_eq!((done.imported, done.format), (2, Format::Generic));
    let o = orders::show(&lib, "241209ID0001").unwrap();
    assert_eq!(o.marketplace, "shopee");
    assert_eq!(s(&o.buyer_name), Some("Budi Santoso"));
    assert_eq!(
        (s(&o.buyer_country), s(&o.buyer_locale)),
        (Some("ID"), Some("id"))
    );
    assert_eq!(
        (o.item_count, o.total, s(&o.currency)),
        (Some(2), Some(120_000.0), Some("IDR"))
    );
    assert_eq!(s(&o.tracking_number), Some("JP1234567890"));
    assert_eq!(s(&o.ordered_at), Some("2024-12-09T10:00:00Z"));
    assert_eq!(s(&o.status), Some("Selesai"));

    let presets = orders::presets(&lib).unwrap();
    assert_eq!(presets.len(), 1);
    assert_eq!(presets[0].name, "shopee-id");
    // The same header is now recognised under auto, and --preset works by name.
    let again = orders::import(&lib, &file, Format::Auto).unwrap();
    assert_eq!(again.preset.as_deref(), Some("shopee-id"));
    assert_eq!(again.updated, 2);
    let named = ImportOptions {
        preset: Some("shopee-id".into()),
        ..ImportOptions::default()
    };
    let preview = orders::preview(&lib, &file, &named).unwrap();
    assert_eq!(preview.rows.len(), 2);
    assert!(preview.columns.contains(&"No. Pesanan".to_owned()));
    assert!(
        preview
            .mapping
            .contains(&("order_id".into(), Some("No. Pesanan".into())))
    );
    orders::delete_preset(&lib, "shopee-id").unwrap();
    assert!(orders::delete_preset(&lib, "shopee-id").is_err());
    assert!(orders::import_with(&lib, &file, &named).is_err());
}

#[test]
fn late_orders_with_the_shipping_delay_reply() {
    let dir = tempfile::tempdir().unwrap();
    // The desktop app's first open imports the starter templates, shipping-delay among them.
    let (lib, _) = Library::open_for_app(&dir.path().join("lib.sqlite3")).unwrap();
    // The fixtures are from 2024: keep them through the second import.
    lib.store()
        .set_setting("order_retention_days", "3650")
        .unwrap();
    orders::import(&lib, &fixture("ebay_orders.csv"), Format::Auto).unwrap();
    orders::import(&lib, &fixture("lazada_orders.csv"), Format::Auto).unwrap();
    let today: jiff::civil::Date = "2024-12-20".parse().unwrap();
    let late = orders::late(&lib, today).unwrap();
    let ids: Vec<(&str, LateReason, i64)> = late
        .iter()
        .map(|l| (l.order_id.as_str(), l.reason, l.days_late))
        .collect();
    // eBay 12-…: eta Dec 16, shipped, not delivered → 4 days past eta. eBay 23-…: not shipped,
    // ship by Dec 12 → 8 days. Lazada 512…1234 is delivered; 512…9999 has no dates.
    assert_eq!(
        ids,
        [
            ("23-23456-78901", LateReason::NotShipped, 8),
            ("12-12345-67890", LateReason::PastEta, 4)
        ]
    );
    let first = &late[1];
    assert_eq!(first.reply_key.as_deref(), Some("shipping-delay"));
    let text = first.reply_text.as_deref().unwrap_or_default();
    let error = first.reply_error.as_deref().unwrap_or_default();
    assert!(
        text.contains("12-12345-67890") || error.contains("shop_name"),
        "{first:?}"
    );
}

#[test]
fn purge_and_retention() {
    let (_dir, lib) = library();
    orders::import(&lib, &fixture("etsy_sold_orders.csv"), Format::Auto).unwrap();
    assert_eq!(
        orders::purge(&lib, "2024-09-30").unwrap(),
        1,
        "the Sept 25 order"
    );
    assert!(orders::show(&lib, "3123456789").is_err());
    assert!(orders::show(&lib, "3123456790").is_ok());
    assert!(orders::purge(&lib, "30/09/2024").is_err());
    // The next import applies the retention (365 days by default) to what was stored: the
    // 2024 order is gone, the file just imported is kept.
    let done = orders::import(&lib, &fixture("walmart_orders.csv"), Format::Auto).unwrap();
    assert_eq!(done.purged, 1);
    assert!(orders::show(&lib, "3123456790").is_err());
    assert!(orders::show(&lib, "108123456789").is_ok());
    assert_eq!(
        orders::search(&lib, "920559").unwrap().len(),
        1,
        "by tracking"
    );
    assert_eq!(orders::search(&lib, "Núñez").unwrap().len(), 1, "by buyer");
}

#[test]
fn a_preview_of_a_file_without_order_numbers_offers_its_columns_for_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    let file = dir.path().join("erp.csv");
    std::fs::write(
        &file,
        "No. Pesanan,Nama Penerima,No. Resi\nINV-1,Budi,JX123\n",
    )
    .unwrap();
    let preview = orders::preview(&library, &file, &ImportOptions::default()).unwrap();
    assert!(preview.rows.is_empty());
    assert_eq!(
        preview.columns,
        ["No. Pesanan", "Nama Penerima", "No. Resi"]
    );
    assert!(preview.problems[0].message.contains("order_id"));
    assert!(
        preview
            .mapping
            .iter()
            .any(|(v, c)| v == "order_id" && c.is_none())
    );
    // Importing the same file is still an error that names the columns.
    let err = orders::import_with(&library, &file, &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("No. Pesanan"), "{err}");
    // With the mapping the preview reads orders.
    let mapped = ImportOptions {
        mapping: vec![
            ("order_id".into(), "No. Pesanan".into()),
            ("tracking_number".into(), "No. Resi".into()),
        ],
        ..ImportOptions::default()
    };
    let preview = orders::preview(&library, &file, &mapped).unwrap();
    assert_eq!(preview.rows[0].order_id, "INV-1");
    assert_eq!(preview.rows[0].tracking_number.as_deref(), Some("JX123"));
}

/// A file of several batches (the import reads and writes them at the same time): every good
/// row is stored once, in file order for repeated ids (the last row wins), bad rows are
/// reported with their lines, and `--marketplace` reaches every batch.
#[test]
fn a_large_file_imports_in_batches_with_its_bad_rows_reported() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let rows = quickreply_core::orders::BATCH * 2 + 500;
    let mut csv = String::from("order_id,buyer_name,total\n");
    for i in 0..rows {
        match i {
            // line = i + 2 (the header is line 1)
            100 => csv.push_str("ORD-BAD-1,Someone,not-a-number\n"),
            30_000 => csv.push_str("ORD-BAD-2,Someone\n"),
            _ => writeln!(csv, "ORD-{i},Buyer {i},{i}.50").unwrap(),
        }
    }
    // The same order again at the end, after several batches: the later row wins.
    csv.push_str("ORD-7,Buyer seven again,1.00\n");
    let file = dir.path().join("big.csv");
    std::fs::write(&file, csv).unwrap();
    let library = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
    let options = ImportOptions {
        marketplace: Some("Noon".into()),
        ..ImportOptions::default()
    };
    let report = orders::import_with(&library, &file, &options).unwrap();
    assert_eq!(report.imported, rows - 2 + 1);
    assert_eq!(report.inserted, rows - 2);
    assert_eq!(report.updated, 1);
    let lines: Vec<usize> = report.skipped.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![102, 30_002]);
    let store = library.store();
    assert_eq!(
        store.count_orders().unwrap(),
        i64::try_from(rows - 2).unwrap()
    );
    let last = store.order(&format!("ORD-{}", rows - 1)).unwrap();
    assert_eq!(
        last.marketplace, "noon",
        "the last batch gets the marketplace too"
    );
    let again = store.order("ORD-7").unwrap();
    assert_eq!(again.buyer_name.as_deref(), Some("Buyer seven again"));
    assert!(store.order("ORD-BAD-1").is_err());
}

/// A file whose every row is bad stores nothing and says so, also on the batched path.
#[test]
fn a_file_of_only_bad_rows_is_refused_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "order_id,total\nA-1,abc\nA-2,xyz\n").unwrap();
    let library = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
    let err = orders::import_with(&library, &file, &ImportOptions::default()).unwrap_err();
    assert!(
        matches!(&err, quickreply_core::Error::NoValidRows { rows, .. } if rows.len() == 2),
        "{err:?}"
    );
    assert_eq!(library.store().count_orders().unwrap(), 0);
}
