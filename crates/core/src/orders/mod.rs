//! Orders imported from marketplace exports. Their fields fill template variables
//! (`{ $order_id }`, `{ $tracking_url }`, …) so a reply names the buyer's actual order.
//!
//! Two file formats are read, both streamed row by row:
//! - **generic**: CSV (or TSV / semicolon-separated) whose header names the variables in
//!   [`ORDER_VARIABLES`] plus `items` and `status`, in any order and any case; other columns
//!   are kept in [`Order::raw`];
//! - **amazon**: Amazon's tab-separated "All Orders" report, one row per item, merged per order.
//!
//! A bad row does not stop an import: it is reported as a [`RowError`] with its physical line
//! number and the good rows are still imported. Only a file that cannot be read as orders at all
//! (no `order_id` column, empty) is an error. Storing orders is [`crate::store::Store`]'s job
//! (`upsert_orders`, `order`, `find_order_id_in`).

mod amazon;
mod country;
mod generic;
mod model;
mod table;
mod value;

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

pub use country::{locale_for_amazon_channel, locale_for_country};
pub use model::{ORDER_VARIABLES, Order, VarValue};

use crate::error::RowError;
use crate::{Error, Result};
use table::Table;

/// Which importer reads a file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Amazon when the header's first cell is `amazon-order-id`, else generic.
    #[default]
    Auto,
    /// CSV, TSV or semicolon-separated text whose header names order variables (`order_id`
    /// required).
    Generic,
    /// Amazon's tab-separated "All Orders" report, one row per item.
    Amazon,
}

impl FromStr for Format {
    type Err = Error;

    /// Parses `auto`, `generic` or `amazon` (any case).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "generic" => Ok(Self::Generic),
            "amazon" => Ok(Self::Amazon),
            _ => Err(Error::Invalid(format!(
                "unknown order file format '{s}' (use auto, generic or amazon)"
            ))),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Auto => "auto",
            Self::Generic => "generic",
            Self::Amazon => "amazon",
        })
    }
}

/// The result of reading an order file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Parsed {
    /// The format the file was read as: never [`Format::Auto`].
    pub format: Format,
    /// Good orders, in file order (an Amazon order at the position of its first row).
    pub orders: Vec<Order>,
    /// Rows that were skipped, in file order, each with its 1-based physical line.
    pub errors: Vec<RowError>,
}

/// Reads an order file.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read; [`Error::BadFile`] when it is empty or
/// its header does not fit the format (no `order_id` column for generic files, no
/// `amazon-order-id` column for Amazon reports). Problems in single rows are not errors: they are
/// returned in [`Parsed::errors`].
pub fn parse_file(path: &Path, format: Format) -> Result<Parsed> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).ok();
    parse_with_size(file, path, format, size)
}

/// Reads order data from any reader; `path` names it in errors. See [`parse_file`].
///
/// # Errors
/// As [`parse_file`].
pub fn parse_reader<R: Read>(reader: R, path: &Path, format: Format) -> Result<Parsed> {
    parse_with_size(reader, path, format, None)
}

/// `size`, the input's length in bytes when known, lets the importer size its order list once
/// instead of growing it, which matters for million-row files.
fn parse_with_size<R: Read>(
    reader: R,
    path: &Path,
    format: Format,
    size: Option<u64>,
) -> Result<Parsed> {
    let mut table = Table::open(reader, path)?;
    table.size_hint = size;
    let format = match format {
        Format::Auto
            if table
                .keys
                .first()
                .is_some_and(|k| k == amazon::FIRST_COLUMN) =>
        {
            Format::Amazon
        }
        Format::Auto => Format::Generic,
        other => other,
    };
    let mut orders = Vec::new();
    let mut errors = Vec::new();
    match format {
        Format::Amazon => amazon::parse(table, &mut orders, &mut errors)?,
        _ => generic::parse(table, &mut orders, &mut errors)?,
    }
    Ok(Parsed {
        format,
        orders,
        errors,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
