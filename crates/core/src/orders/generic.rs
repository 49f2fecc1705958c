//! The generic order file: CSV whose header names are the order variables.

use std::io::Read;

use csv::StringRecord;

use super::country::locale_for_country;
use super::table::{Next, Table};
use super::{Order, value};
use crate::error::RowError;
use crate::{Error, Result};

/// The columns the generic format understands; every other column is only kept in `raw`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    OrderId,
    Marketplace,
    BuyerName,
    BuyerCountry,
    BuyerLocale,
    ItemCount,
    Total,
    Currency,
    Carrier,
    TrackingNumber,
    TrackingUrl,
    OrderedAt,
    ShippedAt,
    Eta,
    DeliveredAt,
    ShipBy,
    ProductName,
    Items,
    Status,
    Other,
}

/// Column names in the order they are listed to the user.
const COLUMNS: [(&str, Col); 20] = [
    ("order_id", Col::OrderId),
    ("marketplace", Col::Marketplace),
    ("buyer_name", Col::BuyerName),
    ("buyer_country", Col::BuyerCountry),
    ("buyer_locale", Col::BuyerLocale),
    ("item_count", Col::ItemCount),
    ("total", Col::Total),
    ("currency", Col::Currency),
    ("carrier", Col::Carrier),
    ("tracking_number", Col::TrackingNumber),
    ("tracking_url", Col::TrackingUrl),
    ("ordered_at", Col::OrderedAt),
    ("shipped_at", Col::ShippedAt),
    ("eta", Col::Eta),
    ("delivered_at", Col::DeliveredAt),
    ("ship_by", Col::ShipBy),
    ("order_status", Col::Status),
    ("product_name", Col::ProductName),
    ("items", Col::Items),
    ("status", Col::Status),
];

/// Rows read before the importer estimates how many are left (see `Table::reserve_for_rest`).
const RESERVE_AFTER: usize = 4096;

fn column(key: &str) -> Col {
    // `Order ID` and `order-id` are the same column to a person; accept them.
    let key = key.replace([' ', '-'], "_");
    COLUMNS
        .iter()
        .find(|(name, _)| *name == key)
        .map_or(Col::Other, |(_, col)| *col)
}

/// Reads every row into `orders`; with `flush`, hands them over every [`super::BATCH`]
/// orders instead of keeping them all.
pub(super) fn parse<R: Read>(
    mut table: Table<R>,
    orders: &mut Vec<Order>,
    errors: &mut Vec<RowError>,
    mut flush: Option<super::Flush<'_>>,
) -> Result<()> {
    let cols: Vec<Col> = table.keys.iter().map(|k| column(k)).collect();
    let bad_file = |message: String| Error::BadFile {
        path: table.path.clone(),
        message,
    };
    if !cols.contains(&Col::OrderId) {
        let expected: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
        return Err(Error::NoOrderId {
            path: table.path.clone(),
            columns: table.header.clone(),
            message: format!(
                "no order_id column (the order_id variable is missing). Found columns: {}. Expected \
             a header row naming some of: {} (order_id is required; other columns are kept as \
             they are), or map the column that holds the order number onto order_id",
                table.header.join(", "),
                expected.join(", ")
            ),
        });
    }
    for (i, col) in cols.iter().enumerate() {
        if *col != Col::Other && cols[..i].contains(col) {
            return Err(bad_file(format!(
                "column '{}' appears twice in the header",
                table.header[i]
            )));
        }
    }

    let has_other = cols.contains(&Col::Other);
    let mut rec = StringRecord::new();
    loop {
        let line = match table.next(&mut rec)? {
            Next::End => return Ok(()),
            Next::Bad(e) => {
                errors.push(e);
                continue;
            }
            Next::Row(line) => line,
        };
        match order_of(&cols, &rec) {
            Ok(mut order) => {
                if has_other {
                    order.raw = table.raw_of(&rec, |i| cols[i] == Col::Other);
                }
                match flush.as_mut() {
                    Some(flush) if orders.len() >= super::BATCH => flush(orders)?,
                    Some(_) => {}
                    None if orders.len() == RESERVE_AFTER => {
                        table.reserve_for_rest(orders, RESERVE_AFTER);
                    }
                    None => {}
                }
                orders.push(order);
            }
            Err(problems) => errors.push(table.error(line, problems.join("; "))),
        }
    }
}

/// The order in one row, or every problem in it, so the user can fix the row in one go.
fn order_of(cols: &[Col], rec: &StringRecord) -> Result<Order, Vec<String>> {
    let mut o = Order::new(String::new(), String::new());
    let mut problems = Vec::new();
    let mut sign_currency = None;
    for (col, cell) in cols.iter().zip(rec.iter()) {
        let date = |name: &str, problems: &mut Vec<String>| {
            if cell.trim().is_empty() {
                return None;
            }
            let d = value::normalize_date(cell);
            if d.is_none() {
                problems.push(format!(
                    "{name} '{}' is not a date (write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
                    cell.trim()
                ));
            }
            d
        };
        match col {
            Col::OrderId => o.order_id = cell.trim().to_owned(),
            Col::Marketplace => o.marketplace = cell.trim().to_lowercase(),
            Col::BuyerName => o.buyer_name = value::text(cell),
            Col::BuyerCountry => o.buyer_country = value::country(cell),
            Col::BuyerLocale if !cell.trim().is_empty() => {
                o.buyer_locale = value::locale_tag(cell);
                if o.buyer_locale.is_none() {
                    problems.push(format!(
                        "buyer_locale '{}' is not a language tag (write e.g. en, ar-SA, zh-CN)",
                        cell.trim()
                    ));
                }
            }
            Col::ItemCount if !cell.trim().is_empty() => {
                o.item_count = value::parse_count(cell);
                if o.item_count.is_none() {
                    problems.push(format!(
                        "item_count '{}' is not a whole number of 0 or more",
                        cell.trim()
                    ));
                }
            }
            Col::Total if !cell.trim().is_empty() => {
                // `1234.50`, also as exports write money: `$1,234.50`, `1.234,50 €`.
                // The plain form first: it needs no allocation, and is what large files have.
                let money = value::parse_amount(cell)
                    .map(|n| (n, None))
                    .or_else(|| value::parse_money(cell));
                o.total = money.map(|(n, _)| n);
                sign_currency = money.and_then(|(_, c)| c);
                if o.total.is_none() {
                    problems.push(format!(
                        "total '{}' is not a number (write it like 1234.50)",
                        cell.trim()
                    ));
                }
            }
            Col::Currency => o.currency = value::currency(cell),
            Col::Carrier => o.carrier = value::text(cell),
            Col::TrackingNumber => o.tracking_number = value::text(cell),
            Col::TrackingUrl => o.tracking_url = value::text(cell),
            Col::OrderedAt => o.ordered_at = date("ordered_at", &mut problems),
            Col::ShippedAt => o.shipped_at = date("shipped_at", &mut problems),
            Col::Eta => o.eta = date("eta", &mut problems),
            Col::DeliveredAt => o.delivered_at = date("delivered_at", &mut problems),
            Col::ShipBy => o.ship_by = date("ship_by", &mut problems),
            Col::ProductName => o.product_name = value::text(cell),
            Col::Items => o.items = value::text(cell),
            Col::Status => o.status = value::text(cell),
            Col::BuyerLocale | Col::ItemCount | Col::Total | Col::Other => {}
        }
    }
    if o.order_id.is_empty() {
        problems.insert(0, "order_id is empty".to_owned());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if o.currency.is_none() {
        // A sign in the total (`€`), else the buyer's country's currency.
        o.currency = sign_currency
            .or_else(|| {
                o.buyer_country
                    .as_deref()
                    .and_then(super::country::currency_for_country)
            })
            .map(str::to_owned);
    }
    if o.product_name.is_none() {
        // The first item of a list such as `Lamp; Shade` or `Lamp, Shade`.
        o.product_name = o
            .items
            .as_deref()
            .and_then(|i| i.split([';', ',']).next())
            .and_then(value::text);
    }
    if o.buyer_locale.is_none() {
        o.buyer_locale = o
            .buyer_country
            .as_deref()
            .and_then(locale_for_country)
            .map(str::to_owned);
    }
    Ok(o)
}
