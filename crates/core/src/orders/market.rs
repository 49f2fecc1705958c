//! Marketplace exports other than Amazon's All Orders report, and files mapped by the user: one
//! engine reads them all from a declarative [`Spec`] per format (which column fills which field,
//! how dates are written, whether quantities are summed over an order's rows), so a new
//! marketplace is a table entry, and a user's `--map` is the same thing built at run time.
//!
//! Most exports have one row per item with the order's fields repeated; rows that share an
//! order id are merged into one order: quantities and line prices summed, item names collected,
//! every other field taken from the first row that has it.

use std::collections::HashMap;
use std::io::Read;

use csv::StringRecord;

use super::country::{currency_for_country, locale_for_amazon_channel, locale_for_country};
use super::table::{Next, Table};
use super::value::{self, DateStyle};
use super::{Format, Order};
use crate::error::RowError;
use crate::{Error, Result};

/// What an export column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    OrderId,
    Marketplace,
    /// The buyer's name; when empty or masked by the marketplace (`K****i`), `BuyerAlt`.
    BuyerName,
    BuyerAlt,
    Country,
    Locale,
    /// Items on this row: summed over the order's rows.
    Quantity,
    /// Items in the whole order, repeated on each row (Etsy's `Number of Items`).
    ItemCount,
    /// The order's total, repeated on each row.
    Total,
    /// This row's price: summed over the order's rows when there is no `Total`.
    LineTotal,
    Currency,
    Carrier,
    Tracking,
    /// `carrier:tracking` in one cell (AliExpress `实际发货物流:运单号`).
    CarrierTracking,
    TrackingUrl,
    OrderedAt,
    ShippedAt,
    Eta,
    DeliveredAt,
    ShipBy,
    Status,
    /// An item's name: the first is `product_name`, all of them `items`.
    Product,
    /// Amazon's sales channel (`Amazon.de`), which implies the buyer's language.
    Channel,
}

/// The order variables a user may map a column onto, and the field each fills. `items` and
/// `product_name` both name the item column.
pub(super) const MAPPABLE: [(&str, Field); 19] = [
    ("order_id", Field::OrderId),
    ("marketplace", Field::Marketplace),
    ("buyer_name", Field::BuyerName),
    ("buyer_country", Field::Country),
    ("buyer_locale", Field::Locale),
    ("item_count", Field::Quantity),
    ("total", Field::Total),
    ("currency", Field::Currency),
    ("carrier", Field::Carrier),
    ("tracking_number", Field::Tracking),
    ("tracking_url", Field::TrackingUrl),
    ("ordered_at", Field::OrderedAt),
    ("shipped_at", Field::ShippedAt),
    ("eta", Field::Eta),
    ("delivered_at", Field::DeliveredAt),
    ("ship_by", Field::ShipBy),
    ("order_status", Field::Status),
    ("product_name", Field::Product),
    ("items", Field::Product),
];

/// How one format is read.
pub(super) struct Spec {
    /// Stored with each order unless the user names another.
    pub marketplace: &'static str,
    /// For each field, the header names (lower case) that may hold it, best first.
    pub columns: &'static [(Field, &'static [&'static str])],
    /// How dates other than ISO 8601 are written.
    pub dates: DateStyle,
    /// The row under the header describes the columns (TikTok): skip it.
    pub description_row: bool,
    /// Lazada has no quantity column: each row is one item.
    pub count_rows: bool,
    /// The country when the file has no column for it (Walmart: US only).
    pub country: Option<&'static str>,
}

use Field as F;

/// Amazon's All Orders report, read by `amazon.rs`; this spec serves mappings and previews.
pub(super) const AMAZON_ALL: Spec = Spec {
    marketplace: "amazon",
    columns: &[
        (F::OrderId, &["amazon-order-id"]),
        (F::Country, &["ship-country"]),
        (F::Quantity, &["quantity"]),
        (F::LineTotal, &["item-price"]),
        (F::Currency, &["currency"]),
        (F::OrderedAt, &["purchase-date"]),
        (F::Status, &["order-status"]),
        (F::Product, &["product-name"]),
        (F::Channel, &["sales-channel"]),
    ],
    dates: DateStyle::Iso,
    description_row: false,
    count_rows: false,
    country: None,
};

const AMAZON_SHIPMENTS: Spec = Spec {
    marketplace: "amazon",
    columns: &[
        (F::OrderId, &["amazon-order-id"]),
        (F::BuyerName, &["buyer-name"]),
        (F::BuyerAlt, &["recipient-name"]),
        (F::Country, &["ship-country"]),
        (F::Quantity, &["quantity-shipped"]),
        (F::LineTotal, &["item-price"]),
        (F::Currency, &["currency"]),
        (F::Carrier, &["carrier"]),
        (F::Tracking, &["tracking-number"]),
        (F::OrderedAt, &["purchase-date"]),
        (F::ShippedAt, &["shipment-date"]),
        (F::Eta, &["estimated-arrival-date"]),
        (F::Product, &["product-name"]),
        (F::Channel, &["sales-channel"]),
    ],
    dates: DateStyle::Iso,
    description_row: false,
    count_rows: false,
    country: None,
};

const AMAZON_ORDERS: Spec = Spec {
    marketplace: "amazon",
    columns: &[
        (F::OrderId, &["order-id"]),
        (F::BuyerName, &["buyer-name"]),
        (F::BuyerAlt, &["recipient-name"]),
        (F::Country, &["ship-country"]),
        (F::Quantity, &["quantity-purchased"]),
        (F::LineTotal, &["item-price"]),
        (F::Currency, &["currency"]),
        (F::OrderedAt, &["purchase-date"]),
        // The Unshipped report's promise date is the date to ship by.
        (F::ShipBy, &["promise-date", "latest-ship-date"]),
        (F::Eta, &["delivery-end-date", "latest-delivery-date"]),
        (F::Product, &["product-name"]),
        (F::Channel, &["sales-channel"]),
    ],
    dates: DateStyle::Iso,
    description_row: false,
    count_rows: false,
    country: None,
};

const SHOPEE: Spec = Spec {
    marketplace: "shopee",
    columns: &[
        (F::OrderId, &["order id"]),
        (F::BuyerName, &["receiver name"]),
        (F::BuyerAlt, &["username (buyer)"]),
        (F::Country, &["country"]),
        (F::Quantity, &["quantity"]),
        (F::Total, &["total amount", "grand total"]),
        (F::Carrier, &["shipping option"]),
        (F::Tracking, &["tracking number*", "tracking number"]),
        (F::OrderedAt, &["order creation date"]),
        (F::ShippedAt, &["ship time"]),
        (F::ShipBy, &["estimated ship out date"]),
        (F::DeliveredAt, &["order complete time"]),
        (F::Status, &["order status"]),
        (F::Product, &["product name"]),
    ],
    dates: DateStyle::Iso,
    description_row: false,
    count_rows: false,
    country: None,
};

const LAZADA: Spec = Spec {
    marketplace: "lazada",
    columns: &[
        (F::OrderId, &["ordernumber"]),
        (F::BuyerName, &["customername"]),
        (F::BuyerAlt, &["shippingname"]),
        (F::Country, &["shippingcountry"]),
        (F::LineTotal, &["paidprice"]),
        (F::Carrier, &["shippingprovider"]),
        (F::Tracking, &["trackingcode"]),
        (F::TrackingUrl, &["trackingurl"]),
        (F::OrderedAt, &["createtime"]),
        (F::DeliveredAt, &["delivereddate"]),
        (F::ShipBy, &["promisedshippingtime"]),
        (F::Status, &["status"]),
        (F::Product, &["itemname"]),
    ],
    dates: DateStyle::DayMonthName,
    description_row: false,
    count_rows: true,
    country: None,
};

const TIKTOK: Spec = Spec {
    marketplace: "tiktok",
    columns: &[
        (F::OrderId, &["order id"]),
        (F::BuyerName, &["recipient"]),
        (F::BuyerAlt, &["buyer username"]),
        (F::Country, &["country"]),
        (F::Quantity, &["quantity"]),
        (F::Total, &["order amount"]),
        (F::Carrier, &["shipping provider name"]),
        (F::Tracking, &["tracking id"]),
        (F::OrderedAt, &["created time"]),
        (F::ShippedAt, &["shipped time"]),
        (F::DeliveredAt, &["delivered time"]),
        (F::Status, &["order status"]),
        (F::Product, &["product name"]),
    ],
    dates: DateStyle::DayFirst,
    description_row: true,
    count_rows: false,
    country: None,
};

const EBAY: Spec = Spec {
    marketplace: "ebay",
    columns: &[
        (F::OrderId, &["order number"]),
        (F::BuyerName, &["buyer name"]),
        (F::BuyerAlt, &["ship to name", "post to name"]),
        (F::Country, &["ship to country", "post to country"]),
        (F::Quantity, &["quantity"]),
        (F::Total, &["total price"]),
        (F::Carrier, &["shipping service", "delivery service"]),
        (F::Tracking, &["tracking number"]),
        (F::OrderedAt, &["sale date"]),
        (F::ShippedAt, &["shipped on date", "dispatched on date"]),
        (F::ShipBy, &["ship by date", "dispatch by date"]),
        (
            F::Eta,
            &[
                "max. estimated delivery date",
                "maximum estimated delivery date",
            ],
        ),
        (F::Product, &["item title"]),
    ],
    dates: DateStyle::MonthNameDay,
    description_row: false,
    count_rows: false,
    country: None,
};

const ETSY: Spec = Spec {
    marketplace: "etsy",
    columns: &[
        (F::OrderId, &["order id"]),
        (F::BuyerName, &["full name", "ship name"]),
        (F::BuyerAlt, &["buyer"]),
        (F::Country, &["ship country"]),
        (F::ItemCount, &["number of items"]),
        (F::Quantity, &["quantity"]),
        (F::Total, &["order total"]),
        (F::LineTotal, &["item total"]),
        (F::Currency, &["currency"]),
        (F::OrderedAt, &["sale date"]),
        (F::ShippedAt, &["date shipped"]),
        (F::Status, &["status"]),
        (F::Product, &["item name"]),
    ],
    dates: DateStyle::MonthFirst,
    description_row: false,
    count_rows: false,
    country: None,
};

const WALMART: Spec = Spec {
    marketplace: "walmart",
    columns: &[
        (F::OrderId, &["order#"]),
        (F::BuyerName, &["customer name"]),
        (F::Quantity, &["qty"]),
        (F::LineTotal, &["item cost"]),
        (F::Carrier, &["carrier"]),
        (F::Tracking, &["tracking number"]),
        (F::TrackingUrl, &["tracking url"]),
        (F::OrderedAt, &["order date"]),
        (F::ShipBy, &["ship by"]),
        (F::Eta, &["delivery date"]),
        (F::Status, &["status"]),
        (F::Product, &["item description"]),
    ],
    dates: DateStyle::MonthFirst,
    description_row: false,
    count_rows: false,
    country: Some("US"),
};

const TEMU: Spec = Spec {
    marketplace: "temu",
    columns: &[
        (F::OrderId, &["order id"]),
        (F::BuyerName, &["recipient name"]),
        (F::Country, &["ship country"]),
        (F::Quantity, &["quantity purchased"]),
        (F::Carrier, &["carrier"]),
        (F::Tracking, &["tracking number"]),
        (F::OrderedAt, &["purchase date"]),
        (F::ShipBy, &["latest shipping time"]),
        (F::Eta, &["latest delivery time"]),
        (F::Status, &["order status"]),
        (
            F::Product,
            &["product name", "product name by customer order"],
        ),
    ],
    dates: DateStyle::MonthFirst,
    description_row: false,
    count_rows: false,
    country: None,
};

const ALIEXPRESS: Spec = Spec {
    marketplace: "aliexpress",
    columns: &[
        (F::OrderId, &["订单号"]),
        (F::BuyerName, &["买家名称"]),
        (F::BuyerAlt, &["收货人名称"]),
        (F::Country, &["收货国家"]),
        (F::Total, &["订单金额"]),
        (
            F::CarrierTracking,
            &["实际发货物流:运单号", "实际发货物流：运单号"],
        ),
        (F::OrderedAt, &["下单时间"]),
        (F::ShippedAt, &["发货时间"]),
        (F::DeliveredAt, &["确认收货时间"]),
        (F::ShipBy, &["发货期限"]),
        (F::Status, &["订单状态"]),
    ],
    dates: DateStyle::Iso,
    description_row: false,
    count_rows: false,
    country: None,
};

/// A file that names the order variables itself (`order_id`, `buyer_name`, …), read through
/// this engine only when the user maps some of its columns.
const GENERIC: Spec = Spec {
    marketplace: "",
    columns: &[
        (F::OrderId, &["order_id"]),
        (F::Marketplace, &["marketplace"]),
        (F::BuyerName, &["buyer_name"]),
        (F::Country, &["buyer_country"]),
        (F::Locale, &["buyer_locale"]),
        (F::Quantity, &["item_count"]),
        (F::Total, &["total"]),
        (F::Currency, &["currency"]),
        (F::Carrier, &["carrier"]),
        (F::Tracking, &["tracking_number"]),
        (F::TrackingUrl, &["tracking_url"]),
        (F::OrderedAt, &["ordered_at"]),
        (F::ShippedAt, &["shipped_at"]),
        (F::Eta, &["eta"]),
        (F::DeliveredAt, &["delivered_at"]),
        (F::ShipBy, &["ship_by"]),
        (F::Status, &["order_status", "status"]),
        (F::Product, &["product_name", "items"]),
    ],
    dates: DateStyle::Any,
    description_row: false,
    count_rows: false,
    country: None,
};

/// The spec of a format this engine reads; `None` for auto and Amazon's All Orders report.
pub(super) fn spec(format: Format) -> Option<&'static Spec> {
    Some(match format {
        Format::AmazonShipments => &AMAZON_SHIPMENTS,
        Format::AmazonOrders => &AMAZON_ORDERS,
        Format::Shopee => &SHOPEE,
        Format::Lazada => &LAZADA,
        Format::Tiktok => &TIKTOK,
        Format::Ebay => &EBAY,
        Format::Etsy => &ETSY,
        Format::Walmart => &WALMART,
        Format::Temu => &TEMU,
        Format::Aliexpress => &ALIEXPRESS,
        Format::Generic => &GENERIC,
        Format::Auto | Format::Amazon => return None,
    })
}

/// Which format a header is, by the columns only that format has (`keys` lower case).
pub(super) fn detect(keys: &[String]) -> Option<Format> {
    let has = |name: &str| keys.iter().any(|k| k == name);
    let format = if has("amazon-order-id")
        && (has("shipment-id") || has("quantity-shipped") || has("tracking-number"))
    {
        Format::AmazonShipments
    } else if has("amazon-order-id") {
        Format::Amazon
    } else if has("order-id") && (has("quantity-purchased") || has("order-item-id")) {
        Format::AmazonOrders
    } else if has("ordernumber") && (has("orderitemid") || has("shippingprovider")) {
        Format::Lazada
    } else if has("order number") && (has("sales record number") || has("total price")) {
        Format::Ebay
    } else if has("order#") && (has("po#") || has("customer name")) {
        Format::Walmart
    } else if has("订单号") {
        Format::Aliexpress
    } else if has("order id") && (has("username (buyer)") || has("tracking number*")) {
        Format::Shopee
    } else if has("order id") && (has("buyer username") || has("tracking id")) {
        Format::Tiktok
    } else if has("order id") && has("quantity purchased") {
        Format::Temu
    } else if has("order id") && has("sale date") {
        Format::Etsy
    } else {
        return None;
    };
    Some(format)
}

/// Where each field is in a file, after the user's mapping.
pub(super) struct Columns {
    at: Vec<(Field, usize)>,
}

impl Columns {
    /// The spec's columns found in `keys`, then `mapping` (field, column index) on top: a
    /// mapped field replaces the spec's column for it (and a mapped buyer name its fallback).
    pub fn resolve(spec: &Spec, keys: &[String], mapping: &[(Field, usize)]) -> Self {
        let mut at: Vec<(Field, usize)> = Vec::new();
        for (field, names) in spec.columns {
            if mapping.iter().any(|(f, _)| f == field)
                || (*field == F::BuyerAlt && mapping.iter().any(|(f, _)| *f == F::BuyerName))
            {
                continue;
            }
            // `Order ID` and `order-id` are `order_id` to a person (the generic file's rule).
            let found = names.iter().find_map(|n| {
                keys.iter()
                    .position(|k| k == n || k.replace([' ', '-'], "_") == *n)
            });
            if let Some(i) = found {
                at.push((*field, i));
            }
        }
        at.extend_from_slice(mapping);
        Self { at }
    }

    /// The column index of `field`.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.at.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }

    /// Which fields are found, as `(variable, column index)` for a preview.
    pub fn variables(&self) -> Vec<(&'static str, Option<usize>)> {
        let mut out: Vec<(&'static str, Option<usize>)> = Vec::new();
        for (name, field) in MAPPABLE {
            if name == "items" {
                continue;
            }
            let mut i = self.get(field);
            if field == F::Quantity {
                i = i.or_else(|| self.get(F::ItemCount));
            }
            if field == F::Total {
                i = i.or_else(|| self.get(F::LineTotal));
            }
            if matches!(field, F::Carrier | F::Tracking) {
                i = i.or_else(|| self.get(F::CarrierTracking));
            }
            out.push((name, i));
        }
        out
    }
}

/// Per-order state while rows are merged.
#[derive(Default)]
struct Acc {
    line_total: Option<f64>,
    /// Σ of the rows' quantities.
    quantity: Option<i64>,
    rows: i64,
    /// The currency a sign in a price cell named.
    sign_currency: Option<&'static str>,
    channel_locale: Option<&'static str>,
}

/// Reads every row of `table` with `spec` and the resolved `cols`.
#[allow(clippy::too_many_lines)]
pub(super) fn parse<R: Read>(
    mut table: Table<R>,
    spec: &Spec,
    cols: &Columns,
    marketplace: Option<&str>,
    orders: &mut Vec<Order>,
    errors: &mut Vec<RowError>,
    limit: Option<usize>,
) -> Result<()> {
    let Some(id_col) = cols.get(F::OrderId) else {
        return Err(Error::BadFile {
            path: table.path.clone(),
            message: format!(
                "no column is mapped to order_id. Columns in the file: {}",
                table.header.join(", ")
            ),
        });
    };
    // A header suffix such as `Total Amount (PHP)` names the currency of that column.
    let header_currency = [F::Total, F::LineTotal]
        .iter()
        .filter_map(|f| cols.get(*f))
        .find_map(|i| value::currency_in_header(&table.header[i]));
    let marketplace = marketplace.unwrap_or(spec.marketplace).to_owned();
    let start = orders.len();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut accs: Vec<Acc> = Vec::new();
    // Raw keeps what the fields do not: the order's other columns, per row. Repeating the mapped
    // cells doubled the stored JSON and the time of a large import.
    let mut mapped = vec![false; table.header.len()];
    for (_, i) in &cols.at {
        if let Some(m) = mapped.get_mut(*i) {
            *m = true;
        }
    }
    let mut rec = StringRecord::new();
    let mut first = true;
    loop {
        let line = match table.next(&mut rec)? {
            Next::End => break,
            Next::Bad(e) => {
                errors.push(e);
                continue;
            }
            Next::Row(line) => line,
        };
        let id = rec.get(id_col).unwrap_or("").trim();
        if std::mem::take(&mut first)
            && spec.description_row
            && !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            continue;
        }
        if limit.is_some_and(|n| orders.len() - start >= n && !index.contains_key(id)) {
            break;
        }
        let row = match row_of(spec, cols, &table.header, &rec) {
            Ok(row) => row,
            Err(problems) => {
                errors.push(table.error(line, problems.join("; ")));
                continue;
            }
        };
        let at = match index.get(&row.order.order_id) {
            Some(&at) => at,
            None => {
                index.insert(row.order.order_id.clone(), orders.len());
                let mut order = Order::new(marketplace.clone(), row.order.order_id.clone());
                order.raw = serde_json::Value::Array(Vec::new());
                orders.push(order);
                accs.push(Acc::default());
                orders.len() - 1
            }
        };
        let order = &mut orders[at];
        let acc = &mut accs[at - start];
        if let (Some(have), Some(new)) = (&order.currency, &row.order.currency)
            && have != new
        {
            errors.push(table.error(
                line,
                format!(
                    "currency {new} differs from {have} in an earlier row of order {}",
                    order.order_id
                ),
            ));
            continue;
        }
        merge(order, acc, row);
        if let serde_json::Value::Array(rows) = &mut order.raw {
            rows.push(table.raw_of(&rec, |i| {
                !mapped[i] && !rec.get(i).unwrap_or("").trim().is_empty()
            }));
        }
    }

    for (order, acc) in orders[start..].iter_mut().zip(accs) {
        if order.item_count.is_none() {
            order.item_count = acc.quantity.or_else(|| spec.count_rows.then_some(acc.rows));
        }
        if order.total.is_none() {
            // Summing prices in binary floating point leaves noise such as 25.000000000000004.
            order.total = acc.line_total.map(|t| (t * 1e6).round() / 1e6);
        }
        if order.buyer_country.is_none() {
            order.buyer_country = spec.country.map(str::to_owned);
        }
        if order.currency.is_none() {
            order.currency = acc
                .sign_currency
                .or(header_currency)
                .or_else(|| {
                    order
                        .buyer_country
                        .as_deref()
                        .and_then(currency_for_country)
                })
                .map(str::to_owned);
        }
        if order.buyer_locale.is_none() {
            order.buyer_locale = acc
                .channel_locale
                .or_else(|| order.buyer_country.as_deref().and_then(locale_for_country))
                .map(str::to_owned);
        }
    }
    Ok(())
}

/// What one good row contributes to its order.
struct RowData {
    /// Fields of the row, as an order (id, names, dates…).
    order: Order,
    quantity: Option<i64>,
    line_total: Option<f64>,
    sign_currency: Option<&'static str>,
    alt_name: Option<String>,
    channel_locale: Option<&'static str>,
}

/// The fields of one row, or every problem in it.
fn row_of(
    spec: &Spec,
    cols: &Columns,
    header: &[String],
    rec: &StringRecord,
) -> Result<RowData, Vec<String>> {
    let mut problems = Vec::new();
    let cell = |f: Field| cols.get(f).and_then(|i| rec.get(i)).map_or("", str::trim);
    let name = |f: Field| cols.get(f).map_or("", |i| header[i].as_str());
    let id = cell(F::OrderId);
    if id.is_empty() {
        problems.push(format!("{} is empty", name(F::OrderId)));
    }
    let mut o = Order::new(String::new(), id);
    let date = |f: Field, problems: &mut Vec<String>| {
        let c = cell(f);
        if c.is_empty() {
            return None;
        }
        let d = value::parse_date(c, spec.dates);
        if d.is_none() {
            problems.push(format!("{} '{c}' is not a date", name(f)));
        }
        d
    };
    o.ordered_at = date(F::OrderedAt, &mut problems);
    o.shipped_at = date(F::ShippedAt, &mut problems);
    o.eta = date(F::Eta, &mut problems);
    o.delivered_at = date(F::DeliveredAt, &mut problems);
    o.ship_by = date(F::ShipBy, &mut problems);
    let count = |f: Field, problems: &mut Vec<String>| {
        let c = cell(f);
        if c.is_empty() {
            return None;
        }
        // Spreadsheets store counts as numbers: `2.0` is 2.
        let n = value::parse_count(c.strip_suffix(".0").unwrap_or(c));
        if n.is_none() {
            problems.push(format!(
                "{} '{c}' is not a whole number of 0 or more",
                name(f)
            ));
        }
        n
    };
    let quantity = count(F::Quantity, &mut problems);
    o.item_count = count(F::ItemCount, &mut problems);
    let mut sign_currency = None;
    let mut money = |f: Field, problems: &mut Vec<String>| {
        let c = cell(f);
        if c.is_empty() {
            return None;
        }
        match value::parse_money(c) {
            Some((n, cur)) => {
                sign_currency = sign_currency.or(cur);
                Some(n)
            }
            None => {
                problems.push(format!(
                    "{} '{c}' is not an amount (write it like 1234.50)",
                    name(f)
                ));
                None
            }
        }
    };
    o.total = money(F::Total, &mut problems);
    let line_total = money(F::LineTotal, &mut problems);
    if let Some(i) = cols.get(F::Locale).and_then(|i| rec.get(i))
        && !i.trim().is_empty()
    {
        o.buyer_locale = value::locale_tag(i);
        if o.buyer_locale.is_none() {
            problems.push(format!(
                "{} '{}' is not a language tag (write e.g. en, ar-SA, zh-CN)",
                name(F::Locale),
                i.trim()
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    o.marketplace = cell(F::Marketplace).to_lowercase();
    o.buyer_name = value::text(cell(F::BuyerName));
    o.buyer_country = value::country(cell(F::Country));
    o.currency = value::currency(cell(F::Currency));
    o.carrier = value::text(cell(F::Carrier));
    o.tracking_number = value::text(cell(F::Tracking));
    let combined = cell(F::CarrierTracking);
    if !combined.is_empty() {
        match combined.split_once([':', '：']) {
            Some((carrier, tracking)) => {
                o.carrier = o.carrier.or_else(|| value::text(carrier));
                o.tracking_number = o.tracking_number.or_else(|| value::text(tracking));
            }
            None => o.tracking_number = o.tracking_number.or_else(|| value::text(combined)),
        }
    }
    o.tracking_url = value::text(cell(F::TrackingUrl));
    o.status = value::text(cell(F::Status));
    o.product_name = value::text(cell(F::Product));
    Ok(RowData {
        order: o,
        quantity,
        line_total,
        sign_currency,
        alt_name: value::text(cell(F::BuyerAlt)),
        channel_locale: locale_for_amazon_channel(cell(F::Channel)),
    })
}

/// Adds one row to its order: sums, item names, and fields earlier rows left empty.
fn merge(order: &mut Order, acc: &mut Acc, row: RowData) {
    let RowData {
        order: r,
        quantity,
        line_total,
        sign_currency,
        alt_name,
        channel_locale,
    } = row;
    acc.rows += 1;
    if let Some(q) = quantity {
        acc.quantity = Some(acc.quantity.unwrap_or(0).saturating_add(q));
    }
    if let Some(p) = line_total {
        acc.line_total = Some(acc.line_total.unwrap_or(0.0) + p);
    }
    acc.sign_currency = acc.sign_currency.or(sign_currency);
    acc.channel_locale = acc.channel_locale.or(channel_locale);
    if let Some(product) = r.product_name {
        match &mut order.items {
            Some(items) => {
                items.push_str(", ");
                items.push_str(&product);
            }
            None => {
                order.items = Some(product.clone());
                order.product_name = Some(product);
            }
        }
    }
    // A masked name (`K****i`) is a placeholder: the other name column is better.
    let masked = |n: &Option<String>| n.as_deref().is_some_and(|n| n.contains('*'));
    let name = match (r.buyer_name, alt_name) {
        (Some(n), Some(alt)) if masked(&Some(n.clone())) && !alt.contains('*') => Some(alt),
        (Some(n), _) => Some(n),
        (None, alt) => alt,
    };
    if order.buyer_name.is_none() || (masked(&order.buyer_name) && !masked(&name)) {
        order.buyer_name = name.or(order.buyer_name.take());
    }
    if !r.marketplace.is_empty() && order.marketplace.is_empty() {
        order.marketplace = r.marketplace;
    }
    let fill = |have: &mut Option<String>, new: Option<String>| {
        if have.is_none() {
            *have = new;
        }
    };
    fill(&mut order.buyer_country, r.buyer_country);
    fill(&mut order.buyer_locale, r.buyer_locale);
    fill(&mut order.currency, r.currency);
    fill(&mut order.carrier, r.carrier);
    fill(&mut order.tracking_number, r.tracking_number);
    fill(&mut order.tracking_url, r.tracking_url);
    fill(&mut order.ordered_at, r.ordered_at);
    fill(&mut order.shipped_at, r.shipped_at);
    fill(&mut order.eta, r.eta);
    fill(&mut order.delivered_at, r.delivered_at);
    fill(&mut order.ship_by, r.ship_by);
    fill(&mut order.status, r.status);
    if order.total.is_none() {
        order.total = r.total;
    }
    if order.item_count.is_none() {
        order.item_count = r.item_count;
    }
}
