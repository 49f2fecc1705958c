//! Orders imported from marketplace exports. Their fields fill template variables
//! (`{ $order_id }`, `{ $tracking_url }`, …) so a reply names the buyer's actual order.
//!
//! Formats, told apart by their header under [`Format::Auto`]:
//! - **generic**: CSV (or TSV / semicolon-separated) whose header names the variables in
//!   [`ORDER_VARIABLES`] (plus `status`), in any order and any case; other columns are kept in
//!   [`Order::raw`];
//! - **amazon**: Amazon's tab-separated "All Orders" report, one row per item, merged per order;
//! - Amazon's Fulfilled Shipments and Order/Unshipped reports, Shopee, Lazada, TikTok Shop, eBay,
//!   Etsy, Walmart, Temu and AliExpress exports, each read from a declarative column map
//!   (`market.rs`);
//! - a file mapped by the user (`VAR=COLUMN` pairs, optionally saved as a [`Preset`], which a
//!   file with the same header is then recognised as).
//!
//! Files come as they are: XLSX/XLS (first sheet), CSV/TSV in UTF-8 (BOM or not), UTF-16, or a
//! legacy encoding (`source.rs`). UTF-8 text is streamed row by row.
//!
//! A bad row does not stop an import: it is reported as a [`RowError`] with its physical line
//! number and the good rows are still imported. Only a file that cannot be read as orders at all
//! (no `order_id` column, empty) is an error. Storing orders is [`crate::store::Store`]'s job
//! (`upsert_orders`, `order`, `find_order_id_in`).

mod amazon;
mod country;
mod generic;
mod market;
mod model;
mod source;
mod table;
mod value;

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

pub use country::{
    country_code, currency_for_country, locale_for_amazon_channel, locale_for_country,
};
pub use model::{ORDER_VARIABLES, Order, VarValue};

use crate::error::RowError;
use crate::{Error, Result};

/// Which importer reads a file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Told by the header: a saved preset's exact header, else a marketplace's columns, else
    /// generic.
    #[default]
    Auto,
    /// CSV, TSV or semicolon-separated text whose header names order variables (`order_id`
    /// required).
    Generic,
    /// Amazon's tab-separated "All Orders" report, one row per item.
    Amazon,
    /// Amazon's "Amazon Fulfilled Shipments" report (FBA): buyer, carrier, tracking.
    AmazonShipments,
    /// Amazon's seller-fulfilled "Order Report" (new orders) and "Unshipped Orders" report.
    AmazonOrders,
    /// Shopee Seller Centre "Order.all" export (XLSX), one row per item.
    Shopee,
    /// Lazada Seller Center order export, one row per item.
    Lazada,
    /// TikTok Shop Seller Center order export; its second row describes the columns.
    Tiktok,
    /// eBay Seller Hub "Orders" report (CSV with a blank first line and footer lines).
    Ebay,
    /// Etsy `EtsySoldOrders` or `EtsySoldOrderItems` CSV.
    Etsy,
    /// Walmart Seller Center order export (US).
    Walmart,
    /// Temu Seller Center order export.
    Temu,
    /// AliExpress's legacy Chinese seller-backend export.
    Aliexpress,
}

/// Every format but `auto`, as its name is written.
pub const FORMAT_NAMES: [&str; 13] = [
    "auto",
    "generic",
    "amazon",
    "amazon-shipments",
    "amazon-orders",
    "shopee",
    "lazada",
    "tiktok",
    "ebay",
    "etsy",
    "walmart",
    "temu",
    "aliexpress",
];

const FORMATS: [Format; 13] = [
    Format::Auto,
    Format::Generic,
    Format::Amazon,
    Format::AmazonShipments,
    Format::AmazonOrders,
    Format::Shopee,
    Format::Lazada,
    Format::Tiktok,
    Format::Ebay,
    Format::Etsy,
    Format::Walmart,
    Format::Temu,
    Format::Aliexpress,
];

impl FromStr for Format {
    type Err = Error;

    /// Parses a format's name (any case), as [`FORMAT_NAMES`] lists them.
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        FORMAT_NAMES
            .iter()
            .position(|n| *n == lower)
            .map(|i| FORMATS[i])
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown order file format '{s}' (use one of: {})",
                    FORMAT_NAMES.join(", ")
                ))
            })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let i = FORMATS.iter().position(|x| x == self).unwrap_or(0);
        f.write_str(FORMAT_NAMES[i])
    }
}

/// A saved mapping of a file's columns onto order variables, for a shop's own exports or a
/// marketplace's localised headers (`No. Pesanan` → `order_id`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Preset {
    /// The name it is saved and chosen under.
    pub name: String,
    /// The format whose reading the mapping refines (`generic` for a file no format knows).
    pub format: Format,
    /// `(variable, column)` pairs as given.
    pub mapping: Vec<(String, String)>,
    /// The header it was saved from, lower case: a file with the same columns is read with it.
    pub columns: Vec<String>,
    /// The marketplace stored with the orders, when one was given.
    pub marketplace: Option<String>,
}

/// How to read a file: its format, the user's mapping, and the saved presets.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions<'a> {
    /// The format, or [`Format::Auto`].
    pub format: Format,
    /// `(variable, column)` pairs that map a column onto an order variable; they win over the
    /// format's and the preset's own.
    pub mapping: &'a [(String, String)],
    /// Read with this preset (its format and mapping).
    pub preset: Option<&'a Preset>,
    /// Saved presets, for [`Format::Auto`] to recognise a file by its header.
    pub presets: &'a [Preset],
    /// The marketplace stored with the orders instead of the format's.
    pub marketplace: Option<&'a str>,
    /// Read at most this many orders (a preview).
    pub limit: Option<usize>,
}

/// The result of reading an order file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Parsed {
    /// The format the file was read as: never [`Format::Auto`].
    pub format: Format,
    /// The preset used, if any.
    pub preset: Option<String>,
    /// The encoding the text was converted from, when it was not UTF-8 (`Japanese (Shift-JIS)`).
    pub encoding: Option<String>,
    /// The file's header cells.
    pub columns: Vec<String>,
    /// Each order variable and the column that fills it, if any.
    pub mapping: Vec<(String, Option<String>)>,
    /// Good orders, in file order (a multi-row order at the position of its first row).
    pub orders: Vec<Order>,
    /// Rows that were skipped, in file order, each with its 1-based physical line.
    pub errors: Vec<RowError>,
}

/// The names of the variables a column can be mapped onto.
#[must_use]
pub fn mappable_variables() -> Vec<&'static str> {
    market::MAPPABLE.iter().map(|(n, _)| *n).collect()
}

/// Reads an order file.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read; [`Error::BadFile`] when it is empty,
/// in no known encoding, or its header does not fit the format (no `order_id` column for generic
/// files, no `amazon-order-id` column for Amazon reports). Problems in single rows are not
/// errors: they are returned in [`Parsed::errors`].
pub fn parse_file(path: &Path, format: Format) -> Result<Parsed> {
    read_file(
        path,
        &ReadOptions {
            format,
            ..ReadOptions::default()
        },
    )
}

/// Reads an order file with a mapping, presets, a marketplace name.
///
/// # Errors
/// As [`parse_file`]; [`Error::Invalid`] for a mapping that names an unknown variable or a
/// column the file does not have.
pub fn read_file(path: &Path, options: &ReadOptions<'_>) -> Result<Parsed> {
    let (file, size) = open_order_file(path)?;
    parse_with_size(file, path, options, size, None)
}

/// Opens an order file and tells its size, refusing one past
/// [`crate::limits::MAX_ORDER_TEXT_BYTES`] before anything is read.
fn open_order_file(path: &Path) -> Result<(std::fs::File, Option<u64>)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).ok();
    if let Some(size) = size.filter(|&s| s > crate::limits::MAX_ORDER_TEXT_BYTES) {
        return Err(crate::limits::too_large(
            path,
            size,
            crate::limits::MAX_ORDER_TEXT_BYTES,
            "order file",
        ));
    }
    Ok((file, size))
}

/// The orders handed over at a time by [`read_file_in_batches`]: large enough that the hand-over
/// costs nothing next to the rows, small enough that a batch waiting in a queue is a few MB.
pub const BATCH: usize = 16_384;

/// Hands the orders read so far on, emptying the list (see [`read_file_in_batches`]).
pub(crate) type Flush<'a> = &'a mut dyn FnMut(&mut Vec<Order>) -> Result<()>;

/// Reads an order file as [`read_file`] does, but hands the good orders to `take` in batches
/// of about [`BATCH`] while it reads, in file order, so that an import can write them on the
/// other core as the file is still being parsed. The returned [`Parsed`] has no orders: they
/// all went to `take`. Formats whose orders span several rows hand theirs over at the end.
///
/// # Errors
/// As [`read_file`], or the first error `take` returns (reading stops there).
pub fn read_file_in_batches(
    path: &Path,
    options: &ReadOptions<'_>,
    take: &mut dyn FnMut(Vec<Order>) -> Result<()>,
) -> Result<Parsed> {
    let (file, size) = open_order_file(path)?;
    parse_with_size(file, path, options, size, Some(take))
}

/// Reads order data from any reader; `path` names it in errors. See [`parse_file`].
///
/// # Errors
/// As [`parse_file`].
pub fn parse_reader<R: Read>(reader: R, path: &Path, format: Format) -> Result<Parsed> {
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    parse_with_size(reader, path, &options, None, None)
}

/// `size`, the input's length in bytes when known, lets the importer size its order list once
/// instead of growing it, which matters for million-row files.
fn parse_with_size<R: Read>(
    reader: R,
    path: &Path,
    options: &ReadOptions<'_>,
    size: Option<u64>,
    mut take: Option<&mut dyn FnMut(Vec<Order>) -> Result<()>>,
) -> Result<Parsed> {
    check_variables(options.mapping)?;
    let opened = source::open(reader, path)?;
    let mut table = opened.table;
    table.size_hint = size;
    let header_set = header_set(&table.keys);

    // Which format and mapping: a preset named, else (auto) one saved for exactly this header,
    // else the format the header shows, else a preset whose columns the file has.
    let mut preset = options.preset;
    if preset.is_none() && options.format == Format::Auto {
        preset = options
            .presets
            .iter()
            .find(|p| header_set == header_set_of(&p.columns));
    }
    let format = match (preset, options.format) {
        (Some(p), _) => p.format,
        (None, Format::Auto) => match market::detect(&table.keys) {
            Some(f) => f,
            None => {
                let generic = table
                    .keys
                    .iter()
                    .any(|k| k.replace([' ', '-'], "_") == "order_id");
                if !generic && options.mapping.is_empty() {
                    preset = options.presets.iter().find(|p| {
                        p.mapping
                            .iter()
                            .all(|(_, c)| header_set.contains(&c.trim().to_lowercase()))
                    });
                }
                preset.map_or(Format::Generic, |p| p.format)
            }
        },
        (None, f) => f,
    };
    let mut mapping: Vec<(String, String)> = preset.map(|p| p.mapping.clone()).unwrap_or_default();
    mapping.extend(options.mapping.iter().cloned());
    let fields = resolve_mapping(&mapping, &table.header, &table.keys)?;

    let spec = market::spec(format).unwrap_or(&market::AMAZON_ALL);
    let cols = market::Columns::resolve(spec, &table.keys, &fields);
    let columns = table.header.clone();
    let shown: Vec<(String, Option<String>)> = cols
        .variables()
        .into_iter()
        .map(|(v, i)| (v.to_owned(), i.map(|i| columns[i].clone())))
        .collect();
    let marketplace = options
        .marketplace
        .or_else(|| preset.and_then(|p| p.marketplace.as_deref()))
        .map(|m| m.trim().to_lowercase());
    let streaming = take.is_some();
    // Every good order passes here: it gets the marketplace asked for, then goes to `take`
    // when the caller streams, or stays in `orders` when it does not.
    let mut deliver = |batch: &mut Vec<Order>| -> Result<()> {
        if let Some(m) = &marketplace {
            for o in batch.iter_mut() {
                o.marketplace.clone_from(m);
            }
        }
        match take.as_mut() {
            Some(take) if !batch.is_empty() => take(std::mem::take(batch)),
            _ => Ok(()),
        }
    };
    let mut orders = Vec::new();
    let mut errors = Vec::new();
    let plain = fields.is_empty() && options.limit.is_none();
    match format {
        Format::Amazon if plain => amazon::parse(table, &mut orders, &mut errors)?,
        Format::Generic if plain => {
            let flush: Option<Flush<'_>> = if streaming { Some(&mut deliver) } else { None };
            generic::parse(table, &mut orders, &mut errors, flush)?;
        }
        _ => {
            if cols.get(market::Field::OrderId).is_none() {
                return Err(no_order_id(path, &columns, format));
            }
            market::parse(
                table,
                spec,
                &cols,
                options.marketplace,
                &mut orders,
                &mut errors,
                options.limit,
            )?;
        }
    }
    deliver(&mut orders)?;
    Ok(Parsed {
        format,
        preset: preset.map(|p| p.name.clone()),
        encoding: opened.encoding.map(str::to_owned),
        columns,
        mapping: shown,
        orders,
        errors,
    })
}

/// The error for a file with nothing that gives the order number.
fn no_order_id(path: &Path, columns: &[String], format: Format) -> Error {
    let seen: Vec<&str> = columns
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    Error::NoOrderId {
        path: path.to_path_buf(),
        columns: seen.iter().map(|c| (*c).to_string()).collect(),
        message: format!(
            "no column gives the order number (the order_id variable is missing). The file's \
             columns are: {}. Map the column that holds the order number onto order_id{}",
            seen.join(", "),
            if format == Format::Generic {
                String::new()
            } else {
                format!(" (the file was read as the {format} format)")
            }
        ),
    }
}

/// Checks that every mapped variable exists.
fn check_variables(mapping: &[(String, String)]) -> Result<()> {
    for (var, _) in mapping {
        let v = var.trim().trim_start_matches('$');
        if !market::MAPPABLE.iter().any(|(n, _)| *n == v) {
            return Err(Error::Invalid(format!(
                "'{var}' is not an order variable. Map a column onto one of: {}",
                mappable_variables().join(", ")
            )));
        }
    }
    Ok(())
}

/// The user's `(variable, column)` pairs as `(field, column index)`; later pairs win.
fn resolve_mapping(
    mapping: &[(String, String)],
    header: &[String],
    keys: &[String],
) -> Result<Vec<(market::Field, usize)>> {
    let mut out: Vec<(market::Field, usize)> = Vec::new();
    for (var, column) in mapping {
        let v = var.trim().trim_start_matches('$');
        let Some((_, field)) = market::MAPPABLE.iter().find(|(n, _)| *n == v) else {
            continue; // checked before
        };
        let want = column.trim().to_lowercase();
        let Some(i) = keys.iter().position(|k| *k == want) else {
            let seen: Vec<&str> = header
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            return Err(Error::Invalid(format!(
                "the file has no column '{}'. Its columns are: {}",
                column.trim(),
                seen.join(", ")
            )));
        };
        out.retain(|(f, _)| f != field);
        out.push((*field, i));
    }
    Ok(out)
}

fn header_set(keys: &[String]) -> std::collections::BTreeSet<String> {
    keys.iter().filter(|k| !k.is_empty()).cloned().collect()
}

fn header_set_of(columns: &[String]) -> std::collections::BTreeSet<String> {
    columns
        .iter()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The lower-case header cells a preset is recognised by.
#[must_use]
pub fn preset_columns(columns: &[String]) -> Vec<String> {
    header_set_of(columns).into_iter().collect()
}

/// Whether an order's status says it needs no more shipping news: delivered, completed,
/// cancelled, returned or refunded, in the words the supported marketplaces use (English,
/// Chinese, Indonesian, Vietnamese, Malay, Thai).
#[must_use]
pub fn status_is_closed(status: &str) -> bool {
    const WORDS: [&str; 22] = [
        "delivered",
        "completed",
        "complete",
        "cancelled",
        "canceled",
        "cancel",
        "closed",
        "refunded",
        "returned",
        "已完成",
        "已取消",
        "交易完成",
        "订单关闭",
        "已签收",
        "selesai",
        "batal",
        "dibatalkan",
        "hoàn thành",
        "đã hủy",
        "đã giao",
        "สำเร็จ",
        "ยกเลิก",
    ];
    let lower = status.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Whether an order's status says it has left the seller (shipped, in transit) or is closed.
#[must_use]
pub fn status_is_shipped(status: &str) -> bool {
    const WORDS: [&str; 7] = [
        "shipped",
        "in transit",
        "to receive",
        "ready_to_ship_done",
        "已发货",
        "dikirim",
        "đang giao",
    ];
    let lower = status.to_lowercase();
    !lower.contains("unshipped")
        && !lower.contains("not shipped")
        && (WORDS.iter().any(|w| lower.contains(w)) || status_is_closed(status))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
