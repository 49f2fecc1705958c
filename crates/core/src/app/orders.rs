//! Orders: importing a marketplace export, looking one up.

use std::path::Path;

use serde::Serialize;

use super::Library;
use crate::error::RowError;
use crate::orders::{self, Format, Order};
use crate::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OrderImport {
    /// The format the file was read as.
    pub format: Format,
    /// Good orders in the file.
    pub imported: usize,
    /// Of those, new to the library.
    pub inserted: usize,
    /// Of those, already there and updated.
    pub updated: usize,
    /// Rows skipped, each with its line and reason.
    pub skipped: Vec<RowError>,
}

/// Imports an order file: the good rows in one transaction, the bad ones reported with their
/// line. A file whose every row is bad is an error (nothing to import is not a success).
///
/// # Errors
/// The file cannot be read, its header fits no format, or no row is valid.
pub fn import(library: &Library, file: &Path, format: Format) -> Result<OrderImport> {
    let parsed = orders::parse_file(file, format)?;
    if parsed.orders.is_empty() && !parsed.errors.is_empty() {
        return Err(Error::NoValidRows {
            path: file.to_path_buf(),
            rows: parsed.errors,
        });
    }
    let summary = library.store().upsert_orders(&parsed.orders)?;
    library.changed();
    Ok(OrderImport {
        format: parsed.format,
        imported: parsed.orders.len(),
        inserted: summary.inserted,
        updated: summary.updated,
        skipped: parsed.errors,
    })
}

/// One order by id.
///
/// # Errors
/// [`Error::UnknownOrder`].
pub fn show(library: &Library, order_id: &str) -> Result<Order> {
    library.store().order(order_id)
}
