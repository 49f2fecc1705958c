//! Synthetic but realistic data for the benchmarks: a library of reply templates in seven
//! languages and an order file, generated deterministically.

#![allow(dead_code, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use quickreply_core::store::{Status, Template, Variant};
use quickreply_core::template::{Args, Value};

pub const LOCALES: [&str; 7] = ["en", "zh-CN", "ar", "ru", "fr", "ms", "es"];

const WORDS: [&str; 40] = [
    "order",
    "shipping",
    "delay",
    "tracking",
    "refund",
    "return",
    "customs",
    "duties",
    "payment",
    "address",
    "stock",
    "thanks",
    "review",
    "halal",
    "certificate",
    "parcel",
    "carrier",
    "invoice",
    "discount",
    "warranty",
    "exchange",
    "size",
    "colour",
    "wholesale",
    "express",
    "pickup",
    "damaged",
    "missing",
    "cancel",
    "receipt",
    "voucher",
    "coupon",
    "battery",
    "charger",
    "cable",
    "screen",
    "dress",
    "shoes",
    "perfume",
    "dates",
];

/// A small deterministic PRNG so the data is the same on every run.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// `variants / 7` templates with a variant in each of the seven locales.
pub fn library(variants: usize) -> (Vec<Template>, Vec<(i64, Variant)>) {
    let mut rng = Rng::new(0x5eed);
    let count = variants.div_ceil(LOCALES.len());
    let mut templates = Vec::with_capacity(count);
    let mut all = Vec::with_capacity(variants);
    for i in 0..count {
        let (a, b) = (rng.pick(&WORDS), rng.pick(&WORDS));
        let id = i as i64 + 1;
        templates.push(Template {
            id,
            key: format!("{a}-{b}-{i}"),
            title: format!("{a} {b} {i}"),
            category: rng.pick(&WORDS).to_string(),
            tags: format!("{}, {}", rng.pick(&WORDS), rng.pick(&WORDS)),
            shortcut: format!(";{a}{i}"),
            source_locale: "en".into(),
            use_count: (rng.next() % 50) as i64,
            last_used: None,
            examples: String::new(),
        });
        for locale in LOCALES {
            let mut body = String::from("Hello { $buyer_name }, about order { $order_id }:");
            for _ in 0..18 {
                write!(body, " {}", rng.pick(&WORDS)).unwrap();
            }
            all.push((
                id,
                Variant {
                    locale: locale.into(),
                    body,
                    title: Some(format!("{a} {b} {locale}")),
                    status: Status::Approved,
                    source_hash: String::new(),
                    provider: None,
                    reviewer: None,
                    reviewed_at: None,
                    problem: None,
                },
            ));
        }
    }
    all.truncate(variants);
    (templates, all)
}

/// Queries of the kind staff type: words, prefixes, typos, shortcuts.
pub fn queries() -> Vec<String> {
    let mut rng = Rng::new(42);
    let mut out = Vec::new();
    for i in 0..200 {
        let w = rng.pick(&WORDS);
        out.push(match i % 5 {
            0 => w.to_string(),
            1 => w[..3.min(w.len())].to_string(),
            2 => format!("{w} {}", rng.pick(&WORDS)),
            3 => {
                // A transposition typo.
                let mut c: Vec<char> = w.chars().collect();
                if c.len() > 3 {
                    c.swap(1, 2);
                }
                c.into_iter().collect()
            }
            _ => format!(";{}", &w[..2]),
        });
    }
    out
}

/// Writes a generic order CSV with `rows` rows.
/// A pack file of `count` templates in the shape of [`library`]'s (title, category, a body
/// with the buyer's name and the order id and 18 words), for a library built the way the app
/// builds one: a pack import.
#[allow(dead_code)] // each bench uses part of this module
pub fn write_pack_ftl(path: &Path, count: usize) {
    use std::io::Write;
    let mut rng = Rng::new(0x9ac4);
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..count {
        let (a, b) = (rng.pick(&WORDS), rng.pick(&WORDS));
        write!(
            w,
            "{a}-{b}-{i} = Hello {{ $buyer_name }}, about order {{ $order_id }}:"
        )
        .unwrap();
        for _ in 0..18 {
            write!(w, " {}", rng.pick(&WORDS)).unwrap();
        }
        writeln!(
            w,
            "\n    .title = {a} {b} {i}\n    .category = {}",
            rng.pick(&WORDS)
        )
        .unwrap();
    }
}

pub fn write_orders_csv(path: &Path, rows: usize) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut w = std::io::BufWriter::new(file);
    writeln!(w, "order_id,marketplace,buyer_name,buyer_country,item_count,total,currency,carrier,tracking_number,ordered_at").unwrap();
    let countries = ["SA", "AE", "RU", "FR", "MY", "ES", "US", "EG"];
    let mut rng = Rng::new(7);
    for i in 0..rows {
        writeln!(
            w,
            "ORD-{i:08},noon,Buyer {i},{},{},{}.{:02},USD,Aramex,TRK{i:010},2024-0{}-1{}",
            rng.pick(&countries),
            1 + rng.next() % 5,
            rng.next() % 500,
            rng.next() % 100,
            1 + rng.next() % 9,
            rng.next() % 10
        )
        .unwrap();
    }
}

/// The same orders as [`write_orders_csv`], as an XLSX workbook (numbers as number cells).
pub fn write_orders_xlsx(path: &Path, rows: usize) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "order_id",
        "marketplace",
        "buyer_name",
        "buyer_country",
        "item_count",
        "total",
        "currency",
        "carrier",
        "tracking_number",
        "ordered_at",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let countries = ["SA", "AE", "RU", "FR", "MY", "ES", "US", "EG"];
    let mut rng = Rng::new(7);
    for i in 0..rows {
        let r = (i + 1) as u32;
        sheet.write_string(r, 0, format!("ORD-{i:08}")).unwrap();
        sheet.write_string(r, 1, "noon").unwrap();
        sheet.write_string(r, 2, format!("Buyer {i}")).unwrap();
        sheet.write_string(r, 3, rng.pick(&countries)).unwrap();
        sheet
            .write_number(r, 4, (1 + rng.next() % 5) as f64)
            .unwrap();
        let cents = rng.next() % 50_000;
        sheet.write_number(r, 5, cents as f64 / 100.0).unwrap();
        sheet.write_string(r, 6, "USD").unwrap();
        sheet.write_string(r, 7, "Aramex").unwrap();
        sheet.write_string(r, 8, format!("TRK{i:010}")).unwrap();
        let date = format!("2024-0{}-1{}", 1 + rng.next() % 9, rng.next() % 10);
        sheet.write_string(r, 9, date).unwrap();
    }
    book.save(path).unwrap();
}

/// A Lazada-style export (one row per item, two items per order), read by the marketplace
/// engine: the path every non-generic format takes.
pub fn write_lazada_csv(path: &Path, rows: usize) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut w = std::io::BufWriter::new(file);
    writeln!(w, "orderItemId,createTime,orderNumber,customerName,shippingCountry,paidPrice,itemName,shippingProvider,trackingCode,status").unwrap();
    let countries = [
        "Malaysia",
        "Philippines",
        "Thailand",
        "Vietnam",
        "Singapore",
        "Indonesia",
    ];
    let mut rng = Rng::new(11);
    for i in 0..rows {
        let order = i / 2;
        writeln!(
            w,
            "{i},0{} Dec 2024 1{}:05,{:015},Buyer {order},{},{}.{:02},Item {i},LEX,TRK{order:010},shipped",
            1 + rng.next() % 9,
            rng.next() % 10,
            500_000_000_000_000u64 + order as u64,
            rng.pick(&countries),
            rng.next() % 500,
            rng.next() % 100,
        )
        .unwrap();
    }
}

/// A realistic reply body (plural select, `DATETIME()`, `NUMBER()`) and values for it.
pub fn render_fixture() -> (&'static str, Args) {
    let body = "{ $item_count ->\n    [one] Hello { $buyer_name }, your item from order { $order_id } ships { DATETIME($eta, dateStyle: \"long\") }.\n   *[other] Hello { $buyer_name }, your { $item_count } items from order { $order_id } ship { DATETIME($eta, dateStyle: \"long\") }; total { NUMBER($total, minimumFractionDigits: 2) }.\n}";
    let mut args = Args::new();
    args.insert("buyer_name".into(), Value::Text("Fatima".into()));
    args.insert("order_id".into(), Value::Text("112-1234567-1234567".into()));
    args.insert("item_count".into(), Value::Number(3.0));
    args.insert("total".into(), Value::Number(1234.5));
    args.insert("eta".into(), Value::parse("2024-05-01"));
    (body, args)
}
