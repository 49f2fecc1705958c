use std::io::Write;

use super::*;

fn parse(content: &str, format: Format) -> Result<Parsed> {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content.as_bytes()).unwrap();
    f.flush().unwrap();
    parse_file(f.path(), format)
}

fn lines(p: &Parsed) -> Vec<usize> {
    p.errors.iter().map(|e| e.line).collect()
}

#[test]
fn generic_subset_in_any_order() {
    let p = parse(
        "total,order_id,shipped_at,buyer_country,notes\n\
         19.90,A-1001,2024-05-03,sa,gift\n\
         ,A-1002,,,\n",
        Format::Auto,
    )
    .unwrap();
    assert_eq!(p.format, Format::Generic);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.orders.len(), 2);
    let a = &p.orders[0];
    assert_eq!(a.order_id, "A-1001");
    assert_eq!(a.marketplace, "");
    assert_eq!(a.total, Some(19.9));
    assert_eq!(a.shipped_at.as_deref(), Some("2024-05-03"));
    assert_eq!(a.buyer_country.as_deref(), Some("SA"));
    assert_eq!(
        a.buyer_locale.as_deref(),
        Some("ar"),
        "derived from the country"
    );
    assert_eq!(a.raw["notes"], "gift", "unknown columns are kept in raw");
    assert_eq!(
        a.raw,
        serde_json::json!({ "notes": "gift" }),
        "order fields are not repeated in raw"
    );
    let b = &p.orders[1];
    assert_eq!(
        (b.total, b.buyer_country.as_ref(), b.buyer_locale.as_ref()),
        (None, None, None)
    );
}

#[test]
fn every_column_is_read() {
    let p = parse(
        "order_id,marketplace,buyer_name,buyer_country,buyer_locale,item_count,total,currency,carrier,\
         tracking_number,tracking_url,ordered_at,shipped_at,eta,items,status\n\
         0042,Noon,Amina,AE,en-ae,2,1234.50,aed,Aramex,00123,https://t.example/00123,\
         2024-05-01 10:30:00,2024-05-02T08:00:00+04:00,2024-05-06,Lamp; Shade,shipped\n",
        Format::Generic,
    )
    .unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let o = &p.orders[0];
    let mut want = Order::new("noon", "0042");
    want.buyer_name = Some("Amina".into());
    want.buyer_country = Some("AE".into());
    want.buyer_locale = Some("en-AE".into());
    want.item_count = Some(2);
    want.total = Some(1234.5);
    want.currency = Some("AED".into());
    want.carrier = Some("Aramex".into());
    want.tracking_number = Some("00123".into());
    want.tracking_url = Some("https://t.example/00123".into());
    want.ordered_at = Some("2024-05-01T10:30:00Z".into());
    want.shipped_at = Some("2024-05-02T08:00:00+04:00".into());
    want.eta = Some("2024-05-06".into());
    want.items = Some("Lamp; Shade".into());
    want.product_name = Some("Lamp".into());
    want.status = Some("shipped".into());
    want.raw = o.raw.clone();
    assert_eq!(*o, want);
}

#[test]
fn header_is_case_insensitive_trimmed_and_bom_is_stripped() {
    let p = parse(
        "\u{feff} Order_ID , TOTAL ,Buyer_Name\r\nX-77,5,Li\r\n",
        Format::Auto,
    )
    .unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.orders[0].order_id, "X-77");
    assert_eq!(p.orders[0].total, Some(5.0));
    assert_eq!(p.orders[0].buyer_name.as_deref(), Some("Li"));
}

#[test]
fn tab_and_semicolon_files() {
    let p = parse("order_id\ttotal\nT-1\t2.5\n", Format::Auto).unwrap();
    assert_eq!(p.orders[0].total, Some(2.5));
    let p = parse("order_id;total;buyer_name\nS-1;12,50;Anna\n", Format::Auto).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.orders[0].total, Some(12.5));
    assert_eq!(p.orders[0].buyer_name.as_deref(), Some("Anna"));
}

#[test]
fn bad_rows_are_reported_with_physical_lines_and_good_rows_import() {
    let content = "order_id,item_count,total,ordered_at,items\n\
         G-1,1,10,2024-05-01,\"Lamp\nwith a shade\nin blue\"\n\
         G-2,x,10,2024-05-01,Cup\n\
         G-3,1,abc,2024-05-01,Cup\n\
         \n\
         G-4,1,10,01/05/2024,Cup\n\
         ,1,10,2024-05-01,Cup\n\
         G-5,1,10\n\
         G-6,-1,1e3,2024-05-01,Cup\n\
         G-7,2,20,2024-05-02,Plate\n\
         ,,,,\n";
    let p = parse(content, Format::Auto).unwrap();
    let ids: Vec<&str> = p.orders.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["G-1", "G-7"]);
    assert_eq!(
        p.orders[0].items.as_deref(),
        Some("Lamp\nwith a shade\nin blue")
    );
    // Line 1 is the header; G-1 spans lines 2–4; line 7 is blank.
    assert_eq!(lines(&p), [5, 6, 8, 9, 10, 11], "{:#?}", p.errors);
    let msg = |i: usize| p.errors[i].message.as_str();
    assert!(msg(0).contains("item_count 'x'"), "{}", msg(0));
    assert!(msg(1).contains("total 'abc'"), "{}", msg(1));
    assert!(msg(2).contains("ordered_at '01/05/2024'"), "{}", msg(2));
    assert!(msg(3).contains("order_id is empty"), "{}", msg(3));
    assert!(
        msg(4).contains("expected 5 fields") && msg(4).contains("found 3"),
        "{}",
        msg(4)
    );
    assert!(
        msg(5).contains("item_count '-1'") && msg(5).contains("total '1e3'"),
        "{}",
        msg(5)
    );
    assert!(p.errors.iter().all(|e| !e.file.is_empty()));
}

#[test]
fn line_numbers_with_crlf_blank_lines_and_no_final_newline() {
    let content = "order_id,total,note\r\n\r\nC-1,x,\r\n\"C-2\r\nsplit\",1,n\r\n\r\n\r\nC-3,y,";
    let p = parse(content, Format::Auto).unwrap();
    assert_eq!(lines(&p), [3, 8], "{:#?}", p.errors);
    assert_eq!(p.orders[0].order_id, "C-2\r\nsplit");
    assert_eq!(
        p.orders[0].raw["note"], "n",
        "the CR of the line ending is not data"
    );

    let p = parse("order_id,total\n\n\nA,1\nB,z\n\n", Format::Auto).unwrap();
    assert_eq!(lines(&p), [5]);
}

#[test]
fn a_file_in_windows_1252_is_converted_not_rejected() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"order_id,buyer_name\nW-1,Jos\xe9\nW-2,Ana\n")
        .unwrap();
    let p = parse_file(f.path(), Format::Auto).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.orders[0].buyer_name.as_deref(), Some("José"));
    assert_eq!(
        p.encoding.as_deref(),
        Some("Western European (Windows-1252)")
    );
}

#[test]
fn a_row_that_is_not_utf8_after_the_first_megabyte_is_a_row_error() {
    let mut content = b"order_id,buyer_name\n".to_vec();
    let mut n = 0;
    while content.len() < (1 << 20) + 10 {
        content.extend_from_slice(format!("U-{n},Ana\n").as_bytes());
        n += 1;
    }
    content.extend_from_slice(b"W-1,Jos\xe9\n");
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(&content).unwrap();
    let p = parse_file(f.path(), Format::Auto).unwrap();
    assert_eq!(lines(&p), [n + 2]);
    assert!(p.errors[0].message.contains("UTF-8"));
    assert_eq!(p.orders.len(), n);
}

#[test]
fn bad_buyer_locale_is_a_row_error() {
    let p = parse(
        "order_id,buyer_locale\nL-1,english\nL-2,zh-tw\n",
        Format::Auto,
    )
    .unwrap();
    assert_eq!(lines(&p), [2]);
    assert!(p.errors[0].message.contains("buyer_locale 'english'"));
    assert_eq!(p.orders[0].buyer_locale.as_deref(), Some("zh-TW"));
}

#[test]
fn header_without_order_id_is_a_bad_file() {
    let err = parse("id,name\n1,x\n", Format::Auto).unwrap_err();
    // The columns travel with the error, so the Orders view can offer them for mapping.
    let Error::NoOrderId {
        message, columns, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(columns, &["id", "name"]);
    assert!(message.contains("Found columns: id, name"), "{message}");
    assert!(
        message.contains("order_id") && message.contains("tracking_url"),
        "{message}"
    );
    assert!(matches!(
        parse("", Format::Auto),
        Err(Error::BadFile { .. })
    ));
    assert!(matches!(
        parse("order_id,total,Total\n", Format::Auto),
        Err(Error::BadFile { .. })
    ));
    assert!(matches!(
        parse_file(Path::new("/nonexistent/orders.csv"), Format::Auto),
        Err(Error::Io { .. })
    ));
}

const AMAZON_HEADER: &str = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\t\
order-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\t\
sku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\t\
ship-city\tship-state\tship-postal-code\tship-country";

/// A report row from id, purchase date, sales channel, product, quantity, currency, item price
/// and ship-to country.
fn amazon_row(fields: [&str; 8]) -> String {
    let [id, date, channel, product, qty, cur, price, country] = fields;
    format!(
        "{id}\t\t{date}\t{date}\tShipped\tAmazon\t{channel}\t\t\tStandard\t{product}\tSKU\tB000\tShipped\t\
         {qty}\t{cur}\t{price}\t0\t0\t0\tRiyadh\t\t11564\t{country}\n"
    )
}

#[test]
fn amazon_rows_of_one_order_merge() {
    let d = "2024-05-01T10:30:00+00:00";
    let content = format!(
        "{AMAZON_HEADER}\n{}{}{}{}",
        amazon_row(["111-1", d, "Amazon.sa", "Lamp", "1", "SAR", "10.10", "SA"]),
        amazon_row(["222-2", d, "Amazon.ae", "Cup", "1", "AED", "5", "AE"]),
        amazon_row(["111-1", d, "Amazon.sa", "Shade", "2", "SAR", "20.20", "SA"]),
        amazon_row(["333-3", d, "Amazon.com", "Pen", "1", "USD", "", "MX"]),
    );
    let p = parse(&content, Format::Auto).unwrap();
    assert_eq!(p.format, Format::Amazon);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.orders.len(), 3);
    let o = &p.orders[0];
    assert_eq!(
        (o.marketplace.as_str(), o.order_id.as_str()),
        ("amazon", "111-1")
    );
    assert_eq!(o.item_count, Some(3));
    assert_eq!(o.total, Some(30.3));
    assert_eq!(o.currency.as_deref(), Some("SAR"));
    assert_eq!(o.items.as_deref(), Some("Lamp, Shade"));
    assert_eq!(o.ordered_at.as_deref(), Some("2024-05-01T10:30:00Z"));
    assert_eq!(o.status.as_deref(), Some("Shipped"));
    assert_eq!(o.buyer_country.as_deref(), Some("SA"));
    assert_eq!(o.buyer_locale.as_deref(), Some("ar"));
    let raw = o.raw.as_array().unwrap();
    assert_eq!(raw.len(), 2);
    assert_eq!(raw[1]["product-name"], "Shade");
    // Amazon.ae implies no single language: the ship-to country decides.
    assert_eq!(p.orders[1].buyer_locale.as_deref(), Some("ar"));
    // Amazon.com implies English whatever the country; an empty price is no total.
    assert_eq!(p.orders[2].buyer_locale.as_deref(), Some("en"));
    assert_eq!(p.orders[2].total, None);
}

#[test]
fn amazon_bad_rows_are_skipped_and_the_rest_merges() {
    let d = "2024-05-01T10:30:00+00:00";
    let content = format!(
        "{AMAZON_HEADER}\n{}{}{}{}{}",
        amazon_row(["111-1", d, "Amazon.de", "Lamp", "1", "EUR", "10", "AT"]),
        amazon_row(["111-1", d, "Amazon.de", "Shade", "two", "EUR", "20", "AT"]),
        amazon_row(["111-1", d, "Amazon.de", "Bulb", "1", "USD", "3", "AT"]),
        amazon_row(["111-1", d, "Amazon.de", "Cord", "4", "EUR", "4,5", "AT"]),
        amazon_row([
            "222-2",
            "yesterday",
            "Amazon.de",
            "Cup",
            "1",
            "EUR",
            "5",
            "DE"
        ]),
    );
    let p = parse(&content, Format::Amazon).unwrap();
    assert_eq!(lines(&p), [3, 4, 6], "{:#?}", p.errors);
    assert!(p.errors[0].message.contains("quantity 'two'"));
    assert!(
        p.errors[1]
            .message
            .contains("currency USD differs from EUR")
    );
    assert!(p.errors[2].message.contains("purchase-date 'yesterday'"));
    assert_eq!(p.orders.len(), 1);
    let o = &p.orders[0];
    assert_eq!(o.item_count, Some(5));
    assert_eq!(o.total, Some(14.5));
    assert_eq!(o.items.as_deref(), Some("Lamp, Cord"));
    assert_eq!(o.buyer_locale.as_deref(), Some("de"));
    assert_eq!(o.raw.as_array().unwrap().len(), 2);
}

#[test]
fn forced_formats_check_the_header() {
    let err = parse("order_id,total\n1,2\n", Format::Amazon).unwrap_err();
    assert!(matches!(err, Error::BadFile { .. }), "{err:?}");
    let err = parse(&format!("{AMAZON_HEADER}\n"), Format::Generic).unwrap_err();
    assert!(matches!(err, Error::NoOrderId { .. }), "{err:?}");
}

#[test]
fn format_from_str() {
    assert_eq!("Amazon".parse::<Format>().unwrap(), Format::Amazon);
    assert_eq!("auto".parse::<Format>().unwrap(), Format::Auto);
    assert_eq!(
        Format::Generic.to_string().parse::<Format>().unwrap(),
        Format::Generic
    );
    assert_eq!(
        "amazon-shipments".parse::<Format>().unwrap(),
        Format::AmazonShipments
    );
    for name in FORMAT_NAMES {
        assert_eq!(name.parse::<Format>().unwrap().to_string(), name);
    }
    assert!(matches!("noon".parse::<Format>(), Err(Error::Invalid(_))));
}
