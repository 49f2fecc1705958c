//! Orders: importing a marketplace export (with the shop's own column mappings), looking one
//! up, the orders that need a message now, and how long orders are kept.

use std::path::Path;

use serde::Serialize;

use super::Library;
use crate::error::RowError;
use crate::orders::{self, Format, Order, Preset, ReadOptions};
use crate::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OrderImport {
    /// The format the file was read as.
    pub format: Format,
    /// The saved mapping the file was read with, if any.
    pub preset: Option<String>,
    /// The encoding the text was converted from, when it was not UTF-8.
    pub encoding: Option<String>,
    /// Good orders in the file.
    pub imported: usize,
    /// Of those, new to the library.
    pub inserted: usize,
    /// Of those, already there and updated.
    pub updated: usize,
    /// Older orders deleted by the retention setting (`order_retention_days`).
    pub purged: usize,
    /// Rows skipped, each with its line and reason.
    pub skipped: Vec<RowError>,
}

/// How to read an order file: a format or auto-detection, the shop's mapping of columns onto
/// order variables, a saved mapping to use or to save, the marketplace to store.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
pub struct ImportOptions {
    /// The format, or `auto` (a saved preset's header, else a marketplace's, else generic).
    #[serde(default)]
    pub format: Format,
    /// `(variable, column)` pairs; they win over the format's and the preset's own.
    #[serde(default)]
    pub mapping: Vec<(String, String)>,
    /// Read with this saved mapping.
    #[serde(default)]
    pub preset: Option<String>,
    /// Save the mapping used under this name (after a successful import).
    #[serde(default)]
    pub save_preset: Option<String>,
    /// The marketplace stored with the orders (default: the format's; none for generic).
    #[serde(default)]
    pub marketplace: Option<String>,
}

/// Imports an order file read with `format`: see [`import_with`].
///
/// # Errors
/// As [`import_with`].
pub fn import(library: &Library, file: &Path, format: Format) -> Result<OrderImport> {
    import_with(
        library,
        file,
        &ImportOptions {
            format,
            ..ImportOptions::default()
        },
    )
}

/// Imports an order file: the good rows in one transaction, the bad ones reported with their
/// line. A file whose every row is bad is an error (nothing to import is not a success).
///
/// Then orders older than the `order_retention_days` setting (by order date, else import
/// date) are deleted, except the ones this import just stored: a shop that imports an old
/// export wants to see its orders now; they go with the next import.
///
/// # Errors
/// The file cannot be read, its header fits no format and no mapping gives `order_id`, the
/// mapping names an unknown variable, column or preset, or no row is valid.
pub fn import_with(library: &Library, file: &Path, options: &ImportOptions) -> Result<OrderImport> {
    let presets = library.store().order_presets()?;
    let preset = named_preset(options, &presets)?;
    let days = super::settings::load(library)?.order_retention_days;
    // The file is read on one thread and written on this one as it is read, in one
    // transaction that commits only once the whole file was read: a million-row file then
    // takes about as long as the slower of the two, not their sum.
    let (send, batches) = std::sync::mpsc::sync_channel::<Vec<orders::Order>>(4);
    let read_with = read_options(options, preset, &presets, None);
    // Orders past the retention go in the same transaction, before the new ones arrive.
    let purge_before = cutoff(today(), days);
    let (summary, purged, (parsed, imported)) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut take = |batch| {
                send.send(batch)
                    .map_err(|_| Error::Invalid("the import was stopped".into()))
            };
            orders::read_file_in_batches(file, &read_with, &mut take)
        });
        // `batches` is moved into the writer, so a failed write drops it and the reader stops.
        library
            .store()
            .upsert_order_batches(batches, Some(&purge_before), |imported| {
                let parsed = reader
                    .join()
                    .map_err(|_| Error::Invalid(format!("reading {} failed", file.display())))??;
                if imported == 0 && !parsed.errors.is_empty() {
                    return Err(Error::NoValidRows {
                        path: file.to_path_buf(),
                        rows: parsed.errors,
                    });
                }
                Ok((parsed, imported))
            })
    })?;
    if let Some(name) = options.save_preset.as_deref() {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid(
                "a preset needs a name: give the mapping a short name such as shopee-id".into(),
            ));
        }
        let used = parsed
            .preset
            .as_deref()
            .and_then(|p| presets.iter().find(|x| x.name == p));
        let mut mapping = used.map(|p| p.mapping.clone()).unwrap_or_default();
        mapping.extend(options.mapping.iter().cloned());
        library.store().save_order_preset(&Preset {
            name: name.to_owned(),
            format: parsed.format,
            mapping,
            columns: orders::preset_columns(&parsed.columns),
            marketplace: options
                .marketplace
                .as_ref()
                .map(|m| m.trim().to_lowercase())
                .or_else(|| used.and_then(|p| p.marketplace.clone())),
        })?;
    }
    library.changed();
    Ok(OrderImport {
        format: parsed.format,
        preset: options.save_preset.clone().or(parsed.preset),
        encoding: parsed.encoding,
        imported,
        inserted: summary.inserted,
        updated: summary.updated,
        purged,
        skipped: parsed.errors,
    })
}

/// Reads `file` with the options, looking the named preset up among `presets`.
fn read(
    file: &Path,
    options: &ImportOptions,
    presets: &[Preset],
    limit: Option<usize>,
) -> Result<orders::Parsed> {
    let preset = named_preset(options, presets)?;
    orders::read_file(file, &read_options(options, preset, presets, limit))
}

/// The preset the options name, if any.
fn named_preset<'a>(options: &ImportOptions, presets: &'a [Preset]) -> Result<Option<&'a Preset>> {
    options
        .preset
        .as_deref()
        .map(|name| {
            presets
                .iter()
                .find(|p| p.name == name.trim())
                .ok_or_else(|| unknown_preset(name, presets))
        })
        .transpose()
}

fn read_options<'a>(
    options: &'a ImportOptions,
    preset: Option<&'a Preset>,
    presets: &'a [Preset],
    limit: Option<usize>,
) -> ReadOptions<'a> {
    ReadOptions {
        format: options.format,
        mapping: &options.mapping,
        preset,
        presets,
        marketplace: options.marketplace.as_deref(),
        limit,
    }
}

fn unknown_preset(name: &str, presets: &[Preset]) -> Error {
    let names: Vec<&str> = presets.iter().map(|p| p.name.as_str()).collect();
    Error::Invalid(if names.is_empty() {
        format!("there is no saved column mapping named '{name}': none is saved yet")
    } else {
        format!(
            "there is no saved column mapping named '{name}'. Saved: {}",
            names.join(", ")
        )
    })
}

/// What an order file would import, for the Orders view to show before importing: the format
/// (or preset) it is read as, its columns, which column fills each variable, the first orders
/// and the problems in their rows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OrderPreview {
    /// The format detected or chosen.
    pub format: Format,
    /// The saved mapping recognised or chosen, if any.
    pub preset: Option<String>,
    /// The encoding the text was converted from, when it was not UTF-8.
    pub encoding: Option<String>,
    /// The file's header cells.
    pub columns: Vec<String>,
    /// Each order variable and the column that fills it (`null`: none).
    pub mapping: Vec<(String, Option<String>)>,
    /// The first orders (at most [`PREVIEW_ORDERS`]), as they would be stored.
    pub rows: Vec<Order>,
    /// Problems in the rows read for the preview.
    pub problems: Vec<RowError>,
}

/// How many orders a preview shows.
pub const PREVIEW_ORDERS: usize = 20;

/// Reads the start of `file` as [`import_with`] would, without storing anything.
///
/// # Errors
/// As [`import_with`], except that a file with only bad rows is previewed (its problems shown).
pub fn preview(library: &Library, file: &Path, options: &ImportOptions) -> Result<OrderPreview> {
    let presets = library.store().order_presets()?;
    let parsed = match read(file, options, &presets, Some(PREVIEW_ORDERS)) {
        Ok(parsed) => parsed,
        // Nothing gives the order number: show the columns so one can be mapped onto order_id.
        Err(Error::NoOrderId {
            path,
            columns,
            message,
        }) => {
            let mapped: std::collections::HashMap<&str, &str> = options
                .mapping
                .iter()
                .map(|(v, c)| (v.as_str(), c.as_str()))
                .collect();
            return Ok(OrderPreview {
                format: options.format,
                preset: options.preset.clone(),
                encoding: None,
                mapping: orders::mappable_variables()
                    .into_iter()
                    .map(|v| (v.to_string(), mapped.get(v).map(|c| (*c).to_string())))
                    .collect(),
                columns,
                rows: Vec::new(),
                problems: vec![RowError {
                    file: path.display().to_string(),
                    line: 1,
                    message,
                }],
            });
        }
        Err(e) => return Err(e),
    };
    Ok(OrderPreview {
        format: parsed.format,
        preset: parsed.preset,
        encoding: parsed.encoding,
        columns: parsed.columns,
        mapping: parsed.mapping,
        rows: parsed.orders,
        problems: parsed.errors,
    })
}

/// The saved column mappings, by name.
///
/// # Errors
/// Database failure.
pub fn presets(library: &Library) -> Result<Vec<Preset>> {
    library.store().order_presets()
}

/// Deletes a saved column mapping.
///
/// # Errors
/// [`Error::Invalid`] when there is none with this name; database failure.
pub fn delete_preset(library: &Library, name: &str) -> Result<()> {
    if library.store().delete_order_preset(name.trim())? {
        return Ok(());
    }
    Err(unknown_preset(name, &library.store().order_presets()?))
}

/// One order by id.
///
/// # Errors
/// [`Error::UnknownOrder`].
pub fn show(library: &Library, order_id: &str) -> Result<Order> {
    library.store().order(order_id)
}

/// An order as `orders show --json` prints it: every field of [`Order`], and the status also
/// under its variable name `order_status`.
#[derive(Debug, Clone, Serialize)]
pub struct OrderJson<'a> {
    /// The order.
    #[serde(flatten)]
    pub order: &'a Order,
    /// [`Order::status`], as templates name it.
    pub order_status: Option<&'a str>,
}

impl<'a> From<&'a Order> for OrderJson<'a> {
    fn from(order: &'a Order) -> Self {
        Self {
            order,
            order_status: order.status.as_deref(),
        }
    }
}

/// Orders whose id or tracking number starts with `query`, or whose buyer name contains it,
/// newest first (at most 50).
///
/// # Errors
/// Database failure.
pub fn search(library: &Library, query: &str) -> Result<Vec<Order>> {
    library.store().search_orders(query, 50)
}

/// Deletes the orders placed (else imported) before `before` (`YYYY-MM-DD`); how many.
///
/// # Errors
/// [`Error::Invalid`] for a date not written `YYYY-MM-DD`; database failure.
pub fn purge(library: &Library, before: &str) -> Result<usize> {
    let date: jiff::civil::Date = before.trim().parse().map_err(|_| {
        Error::Invalid(format!(
            "'{before}' is not a date: write it as YYYY-MM-DD, e.g. 2025-01-31"
        ))
    })?;
    let n = library
        .store()
        .purge_orders_before(&date.strftime("%Y-%m-%d").to_string(), None)?;
    if n > 0 {
        library.changed();
    }
    Ok(n)
}

/// Today in the local time zone.
#[must_use]
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// The first day still kept when orders are kept `days` days.
fn cutoff(today: jiff::civil::Date, days: u32) -> String {
    let span = jiff::Span::new().days(i64::from(days));
    today
        .checked_sub(span)
        .unwrap_or(jiff::civil::Date::MIN)
        .strftime("%Y-%m-%d")
        .to_string()
}

/// Why an order needs a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LateReason {
    /// Past its estimated delivery date and not delivered.
    PastEta,
    /// Past its ship-by date and not shipped.
    NotShipped,
}

/// An order that needs a message now, with the shipping-delay reply filled for its buyer.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LateOrder {
    /// The order's id.
    pub order_id: String,
    /// The marketplace it came from (empty when not known).
    pub marketplace: String,
    /// The buyer's name, when the export has one.
    pub buyer_name: Option<String>,
    /// The buyer's language, when known.
    pub buyer_locale: Option<String>,
    /// Why it is listed.
    pub reason: LateReason,
    /// Whole days past the eta or ship-by date.
    #[ts(type = "number")]
    pub days_late: i64,
    /// The reply's template key (`shipping-delay`), or `null` when the library has none.
    pub reply_key: Option<String>,
    /// The reply filled for this order in the buyer's language, or `null` (see `reply_error`).
    pub reply_text: Option<String>,
    /// Why the reply could not be filled (a missing value), if it could not.
    pub reply_error: Option<String>,
}

/// The template the late list answers with.
pub const SHIPPING_DELAY_KEY: &str = "shipping-delay";

/// Orders that need a message on `today`: past their eta and not delivered (no delivery date,
/// and a status that is not delivered, completed or cancelled), or past their ship-by date and
/// not shipped; most days late first. Each comes with the `shipping-delay` reply rendered in the
/// buyer's language through the usual render path.
///
/// # Errors
/// Database failure.
pub fn late(library: &Library, today: jiff::civil::Date) -> Result<Vec<LateOrder>> {
    let today_text = today.strftime("%Y-%m-%d").to_string();
    let candidates = library.store().late_order_candidates(&today_text)?;
    let has_reply = library.store().template(SHIPPING_DELAY_KEY).is_ok();
    let days_since = |date: &str| -> Option<i64> {
        let d: jiff::civil::Date = date.get(..10)?.parse().ok()?;
        let span = today.since(d).ok()?;
        Some(i64::from(span.get_days()))
    };
    let mut out = Vec::new();
    for order in candidates {
        let status = order.status.as_deref().unwrap_or("");
        if orders::status_is_closed(status) {
            continue;
        }
        let past_eta = order.eta.as_deref().and_then(days_since).filter(|d| *d > 0);
        let not_shipped = if order.shipped_at.is_none() && !orders::status_is_shipped(status) {
            order
                .ship_by
                .as_deref()
                .and_then(days_since)
                .filter(|d| *d > 0)
        } else {
            None
        };
        let (reason, days_late) = match (past_eta, not_shipped) {
            (Some(d), _) => (LateReason::PastEta, d),
            (None, Some(d)) => (LateReason::NotShipped, d),
            (None, None) => continue,
        };
        let (reply_text, reply_error) = if has_reply {
            match super::templates::render(
                library,
                SHIPPING_DELAY_KEY,
                None,
                Some(&order.order_id),
                &[],
            ) {
                Ok(reply) => (Some(reply.text), None),
                Err(e) => (None, Some(e.to_string())),
            }
        } else {
            (None, None)
        };
        out.push(LateOrder {
            order_id: order.order_id,
            marketplace: order.marketplace,
            buyer_name: order.buyer_name,
            buyer_locale: order.buyer_locale,
            reason,
            days_late,
            reply_key: has_reply.then(|| SHIPPING_DELAY_KEY.to_owned()),
            reply_text,
            reply_error,
        });
    }
    out.sort_by_key(|l| std::cmp::Reverse(l.days_late));
    Ok(out)
}
