//! Amazon's "All Orders" flat-file report: tab-separated, one row per order item, so rows that
//! share an `amazon-order-id` are merged into one order.

use std::collections::HashMap;
use std::io::Read;

use csv::StringRecord;

use super::country::{locale_for_amazon_channel, locale_for_country};
use super::table::{Next, Table};
use super::{Order, value};
use crate::error::RowError;
use crate::{Error, Result};

/// The first header cell that identifies the report.
pub(super) const FIRST_COLUMN: &str = "amazon-order-id";

/// Positions of the report's columns we map; `None` when the report lacks one.
struct Cols {
    order_id: usize,
    purchase_date: Option<usize>,
    status: Option<usize>,
    channel: Option<usize>,
    product: Option<usize>,
    quantity: Option<usize>,
    currency: Option<usize>,
    price: Option<usize>,
    country: Option<usize>,
    buyer: Option<usize>,
}

/// What one good row contributes to its order.
struct Line<'a> {
    order_id: &'a str,
    quantity: Option<i64>,
    price: Option<f64>,
    currency: Option<String>,
    ordered_at: Option<String>,
}

pub(super) fn parse<R: Read>(
    mut table: Table<R>,
    orders: &mut Vec<Order>,
    errors: &mut Vec<RowError>,
) -> Result<()> {
    let find = |name: &str| table.keys.iter().position(|k| k == name);
    let Some(order_id) = find(FIRST_COLUMN) else {
        return Err(Error::BadFile {
            path: table.path.clone(),
            message: format!(
                "not an Amazon order report: no '{FIRST_COLUMN}' column. Found columns: {}",
                table.header.join(", ")
            ),
        });
    };
    let cols = Cols {
        order_id,
        purchase_date: find("purchase-date"),
        status: find("order-status"),
        channel: find("sales-channel"),
        product: find("product-name"),
        quantity: find("quantity"),
        currency: find("currency"),
        price: find("item-price"),
        country: find("ship-country"),
        buyer: find("buyer-name").or_else(|| find("recipient-name")),
    };

    let start = orders.len();
    // Rows of one order are usually adjacent but the report does not promise it.
    let mut index: HashMap<String, usize> = HashMap::new();
    // The language the sales channel implies, per order (parallel to `orders[start..]`).
    let mut channel_locale: Vec<Option<&'static str>> = Vec::new();
    let mut rec = StringRecord::new();
    loop {
        let line = match table.next(&mut rec)? {
            Next::End => break,
            Next::Bad(e) => {
                errors.push(e);
                continue;
            }
            Next::Row(line) => line,
        };
        let row = match line_of(&cols, &rec) {
            Ok(row) => row,
            Err(problems) => {
                errors.push(table.error(line, problems.join("; ")));
                continue;
            }
        };
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");

        if let Some(&at) = index.get(row.order_id) {
            let order = &mut orders[at];
            if let (Some(have), Some(new)) = (&order.currency, &row.currency)
                && have != new
            {
                errors.push(table.error(
                    line,
                    format!(
                        "currency {new} differs from {have} in an earlier row of order {}",
                        row.order_id
                    ),
                ));
                continue;
            }
            merge(order, &row, cell(cols.product));
            fill(&mut order.status, cell(cols.status), value::text);
            fill(&mut order.buyer_country, cell(cols.country), value::country);
            fill(&mut order.buyer_name, cell(cols.buyer), value::text);
            let slot = &mut channel_locale[at - start];
            *slot = slot.or_else(|| locale_for_amazon_channel(cell(cols.channel)));
            if let serde_json::Value::Array(rows) = &mut order.raw {
                rows.push(table.raw(&rec));
            }
        } else {
            let mut order = Order::new("amazon", row.order_id);
            merge(&mut order, &row, cell(cols.product));
            order.status = value::text(cell(cols.status));
            order.buyer_country = value::country(cell(cols.country));
            order.buyer_name = value::text(cell(cols.buyer));
            order.raw = serde_json::Value::Array(vec![table.raw(&rec)]);
            index.insert(row.order_id.to_owned(), orders.len());
            channel_locale.push(locale_for_amazon_channel(cell(cols.channel)));
            orders.push(order);
        }
    }

    for (order, channel) in orders[start..].iter_mut().zip(channel_locale) {
        order.buyer_locale = channel
            .or_else(|| order.buyer_country.as_deref().and_then(locale_for_country))
            .map(str::to_owned);
        // Summing prices in binary floating point leaves noise such as 25.000000000000004.
        order.total = order.total.map(|t| (t * 1e6).round() / 1e6);
        if order.currency.is_none() && order.total.is_some() {
            order.currency = order
                .buyer_country
                .as_deref()
                .and_then(super::country::currency_for_country)
                .map(str::to_owned);
        }
    }
    Ok(())
}

/// The fields of one row that need checking, or every problem in it.
fn line_of<'a>(cols: &Cols, rec: &'a StringRecord) -> Result<Line<'a>, Vec<String>> {
    let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
    let mut problems = Vec::new();
    let order_id = cell(Some(cols.order_id));
    if order_id.is_empty() {
        problems.push(format!("{FIRST_COLUMN} is empty"));
    }
    let quantity = match cell(cols.quantity) {
        "" => None,
        q => {
            let n = value::parse_count(q);
            if n.is_none() {
                problems.push(format!("quantity '{q}' is not a whole number of 0 or more"));
            }
            n
        }
    };
    let price = match cell(cols.price) {
        "" => None,
        p => {
            let n = value::parse_amount(p);
            if n.is_none() {
                problems.push(format!("item-price '{p}' is not a number"));
            }
            n
        }
    };
    let ordered_at = match cell(cols.purchase_date) {
        "" => None,
        d => {
            let n = value::normalize_date(d);
            if n.is_none() {
                problems.push(format!("purchase-date '{d}' is not a date"));
            }
            n
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Line {
        order_id,
        quantity,
        price,
        currency: value::currency(cell(cols.currency)),
        ordered_at,
    })
}

/// Adds one item row to its order.
fn merge(order: &mut Order, row: &Line<'_>, product: &str) {
    if let Some(q) = row.quantity {
        order.item_count = Some(order.item_count.unwrap_or(0).saturating_add(q));
    }
    if let Some(p) = row.price {
        order.total = Some(order.total.unwrap_or(0.0) + p);
    }
    if order.currency.is_none() {
        order.currency.clone_from(&row.currency);
    }
    if order.ordered_at.is_none() {
        order.ordered_at.clone_from(&row.ordered_at);
    }
    let product = product.trim();
    if !product.is_empty() {
        match &mut order.items {
            Some(items) => {
                items.push_str(", ");
                items.push_str(product);
            }
            None => {
                order.items = Some(product.to_owned());
                order.product_name = Some(product.to_owned());
            }
        }
    }
}

/// Sets a field from a later row only when earlier rows left it empty.
fn fill(field: &mut Option<String>, cell: &str, normalize: fn(&str) -> Option<String>) {
    if field.is_none() {
        *field = normalize(cell);
    }
}
