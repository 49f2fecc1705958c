//! Imported orders: bulk upsert, lookup by id, and finding an order id in copied text.

use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use super::Store;
use crate::orders::{Order, Preset};
use crate::{Error, Result};

/// How many orders an import added and how many it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ImportSummary {
    /// Orders new to the library.
    pub inserted: usize,
    /// Orders that already existed (same marketplace and order id), including an order that
    /// appears twice in one import.
    pub updated: usize,
}

/// The latest-imported order with an id, columns in the order `row_to_order` reads them.
/// `id` grows with every import (see `UPSERT`), so the highest is the latest; the
/// `UNIQUE (order_id, marketplace)` index holds the rowid, so this is one index probe.
const BY_ORDER_ID: &str = "SELECT marketplace, order_id, buyer_name, buyer_country, buyer_locale, items, \
     item_count, total, currency, carrier, tracking_number, tracking_url, ordered_at, shipped_at, eta, \
     status, raw, delivered_at, ship_by, product_name FROM orders WHERE order_id = ?1 ORDER BY id DESC LIMIT 1";

/// A re-imported order replaces every field, including with NULL: the newest export is the
/// truth, and an emptied cell (a cancelled tracking number) must not keep its old value.
/// An updated row also gets a new, highest `id`: "most recently imported" is then exact, where
/// `imported_at` has only millisecond resolution and ties within one import.
const UPSERT: &str = "INSERT INTO orders (marketplace, order_id, buyer_name, buyer_country, buyer_locale, \
     items, item_count, total, currency, carrier, tracking_number, tracking_url, ordered_at, shipped_at, eta, \
     status, raw, imported_at, delivered_at, ship_by, product_name) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) \
     ON CONFLICT (order_id, marketplace) DO UPDATE SET id = (SELECT max(id) FROM orders) + 1, buyer_name = excluded.buyer_name, \
     buyer_country = excluded.buyer_country, buyer_locale = excluded.buyer_locale, items = excluded.items, \
     item_count = excluded.item_count, total = excluded.total, currency = excluded.currency, \
     carrier = excluded.carrier, tracking_number = excluded.tracking_number, \
     tracking_url = excluded.tracking_url, ordered_at = excluded.ordered_at, \
     shipped_at = excluded.shipped_at, eta = excluded.eta, status = excluded.status, raw = excluded.raw, \
     imported_at = excluded.imported_at, delivered_at = excluded.delivered_at, \
     ship_by = excluded.ship_by, product_name = excluded.product_name";

/// At most this many tokens of copied text are looked up: a clipboard can hold a whole
/// document, and the palette must answer at once. Order ids come early in what people copy.
const MAX_CANDIDATES: usize = 64;

/// Deletes orders from before day `?1` (ordered then, else imported then), and with `?2` only
/// those imported before that instant. Dates are ISO text, so comparing their first ten
/// characters compares days.
const PURGE: &str = "DELETE FROM orders WHERE substr(coalesce(ordered_at, imported_at), 1, 10) < ?1 \
     AND (?2 IS NULL OR imported_at < ?2)";

/// One import's writing state: the row count before it, its one timestamp, and how many orders
/// it wrote.
struct OrderWrite {
    before: usize,
    now: String,
    written: usize,
    raw: Vec<u8>,
}

fn order_count(tx: &rusqlite::Transaction<'_>) -> Result<usize> {
    let n: i64 = tx.query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

impl OrderWrite {
    fn new(tx: &rusqlite::Transaction<'_>) -> Result<Self> {
        // One timestamp for the whole import, computed once: formatting it per row was a
        // measurable share of a large import.
        let now: String = tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')", [], |r| {
            r.get(0)
        })?;
        Ok(Self {
            before: order_count(tx)?,
            now,
            written: 0,
            raw: Vec::with_capacity(256),
        })
    }

    fn write(&mut self, tx: &rusqlite::Transaction<'_>, orders: &[Order]) -> Result<()> {
        let mut stmt = tx.prepare_cached(UPSERT)?;
        for o in orders {
            self.raw.clear();
            serde_json::to_writer(&mut self.raw, &o.raw)
                .map_err(|e| Error::Invalid(e.to_string()))?;
            // serde_json writes valid UTF-8.
            let raw = std::str::from_utf8(&self.raw).unwrap_or("{}");
            stmt.execute(params![
                o.marketplace,
                o.order_id,
                o.buyer_name,
                o.buyer_country,
                o.buyer_locale,
                o.items,
                o.item_count,
                o.total,
                o.currency,
                o.carrier,
                o.tracking_number,
                o.tracking_url,
                o.ordered_at,
                o.shipped_at,
                o.eta,
                o.status,
                raw,
                self.now,
                o.delivered_at,
                o.ship_by,
                o.product_name,
            ])?;
        }
        self.written += orders.len();
        Ok(())
    }

    /// Every statement either inserted a row or updated one (the upsert has no WHERE), so the
    /// growth of the table is the number of inserts.
    fn summary(&self, tx: &rusqlite::Transaction<'_>) -> Result<ImportSummary> {
        let inserted = order_count(tx)?.saturating_sub(self.before);
        Ok(ImportSummary {
            inserted,
            updated: self.written - inserted,
        })
    }
}

impl Store {
    /// Inserts orders, or replaces every field of those already stored under the same
    /// marketplace and order id (see the note on re-imports below), in one transaction: an
    /// import is stored whole or not at all, and one commit is what makes a million rows fast.
    ///
    /// A re-imported order replaces all fields, also with empty ones, because the newest export
    /// is the truth; its import time is renewed, which makes it the one [`Store::order`] returns
    /// when several marketplaces share the id.
    ///
    /// # Errors
    /// Database failure (nothing is stored then).
    pub fn upsert_orders(&mut self, orders: &[Order]) -> Result<ImportSummary> {
        if orders.is_empty() {
            return Ok(ImportSummary::default());
        }
        self.with_import_cache(|store| {
            let tx = store.begin_import()?;
            let mut import = OrderWrite::new(&tx)?;
            import.write(&tx, orders)?;
            let summary = import.summary(&tx)?;
            tx.commit()?;
            Ok(summary)
        })
    }

    /// Writes orders as they arrive in `batches`, all in one transaction, then calls `finish`
    /// with how many were written before committing: an `Err` from `finish` (the reader of
    /// the file failed after some batches, say) rolls everything back. This lets an import
    /// write on one core while the file is still being read on the other.
    ///
    /// With `purge_before` (a `YYYY-MM-DD` day), the same transaction then deletes the orders
    /// from before that day that were stored before this import, as
    /// [`Store::purge_orders_before`] does: the retention rule runs with each import, and what
    /// the import itself wrote stays (a re-imported old order counts as updated). On a library
    /// that had no orders there is nothing to look at, and a new library's first large import
    /// does not scan its own rows. Returns how many it deleted with the summary.
    ///
    /// # Errors
    /// Database failure, or `finish`'s error; nothing is stored (or deleted) then.
    pub fn upsert_order_batches<T>(
        &mut self,
        batches: impl IntoIterator<Item = Vec<Order>>,
        purge_before: Option<&str>,
        finish: impl FnOnce(usize) -> Result<T>,
    ) -> Result<(ImportSummary, usize, T)> {
        self.with_import_cache(|store| {
            let tx = store.begin_import()?;
            let mut import = OrderWrite::new(&tx)?;
            for batch in batches {
                import.write(&tx, &batch)?;
            }
            let done = finish(import.written)?;
            let summary = import.summary(&tx)?;
            let purged = match purge_before {
                Some(day) if import.before > 0 => tx.execute(PURGE, params![day, import.now])?,
                _ => 0,
            };
            tx.commit()?;
            Ok((summary, purged, done))
        })
    }

    /// Runs `f` with a 128 MiB page cache (restored after): with the default 2 MiB a large
    /// import spills pages to the WAL before its commit and rewrites them there.
    fn with_import_cache<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let cache: i64 = self
            .conn()
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn().pragma_update(None, "cache_size", -131_072)?;
        let result = f(self);
        self.conn().pragma_update(None, "cache_size", cache)?;
        result
    }

    /// IMMEDIATE takes the write lock before counting, so no other writer can change the row
    /// count between the two counts that tell inserts from updates.
    fn begin_import(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The order with this id (surrounding spaces ignored), from any marketplace; when several
    /// marketplaces have the id, the most recently imported one.
    ///
    /// # Errors
    /// [`Error::UnknownOrder`] when no order has the id; database failure.
    pub fn order(&self, order_id: &str) -> Result<Order> {
        let id = order_id.trim();
        self.order_opt(id)?
            .ok_or_else(|| Error::UnknownOrder(id.to_owned()))
    }

    /// The first known order whose id appears in `text`, for the palette: the clipboard holds an
    /// order id alone or inside a copied message. Candidates are runs of ASCII letters, digits,
    /// `-` and `_` of at least 5 characters that contain a digit, tried in order of appearance
    /// (each also without leading/trailing `-`/`_`); only the first 64 are tried.
    ///
    /// # Errors
    /// Database failure.
    pub fn find_order_id_in(&self, text: &str) -> Result<Option<Order>> {
        let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let is_candidate = |t: &str| t.len() >= 5 && t.bytes().any(|b| b.is_ascii_digit());
        let tokens = text
            .split(|c: char| !is_id_char(c))
            .filter(|t| is_candidate(t))
            .take(MAX_CANDIDATES);
        for token in tokens {
            if let Some(order) = self.order_opt(token)? {
                return Ok(Some(order));
            }
            let trimmed = token.trim_matches(['-', '_']);
            if trimmed != token
                && is_candidate(trimmed)
                && let Some(order) = self.order_opt(trimmed)?
            {
                return Ok(Some(order));
            }
        }
        Ok(None)
    }

    /// How many orders are stored.
    ///
    /// # Errors
    /// Database failure.
    pub fn count_orders(&self) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT count(*) FROM orders")?
            .query_row([], |r| r.get(0))?)
    }

    fn order_opt(&self, order_id: &str) -> Result<Option<Order>> {
        Ok(self
            .conn()
            .prepare_cached(BY_ORDER_ID)?
            .query_row([order_id], row_to_order)
            .optional()?)
    }
}

fn row_to_order(r: &Row<'_>) -> rusqlite::Result<Order> {
    let raw: String = r.get(16)?;
    let raw = serde_json::from_str(&raw)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(16, Type::Text, Box::new(e)))?;
    Ok(Order {
        marketplace: r.get(0)?,
        order_id: r.get(1)?,
        buyer_name: r.get(2)?,
        buyer_country: r.get(3)?,
        buyer_locale: r.get(4)?,
        items: r.get(5)?,
        item_count: r.get(6)?,
        total: r.get(7)?,
        currency: r.get(8)?,
        carrier: r.get(9)?,
        tracking_number: r.get(10)?,
        tracking_url: r.get(11)?,
        ordered_at: r.get(12)?,
        shipped_at: r.get(13)?,
        eta: r.get(14)?,
        status: r.get(15)?,
        delivered_at: r.get(17)?,
        ship_by: r.get(18)?,
        product_name: r.get(19)?,
        raw,
    })
}

impl Store {
    /// Orders whose id or tracking number starts with `query` or whose buyer name contains it,
    /// newest first; an
    /// empty query lists the newest. For the palette's order picker.
    ///
    /// # Errors
    /// Database failure.
    pub fn search_orders(&self, query: &str, limit: usize) -> Result<Vec<Order>> {
        let query = query.trim();
        let escaped = query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let mut stmt = self.conn().prepare_cached(
            "SELECT order_id FROM orders
             WHERE ?1 = '' OR order_id LIKE ?2 ESCAPE '\\' OR buyer_name LIKE ?3 ESCAPE '\\'
                OR tracking_number LIKE ?2 ESCAPE '\\'
             ORDER BY id DESC LIMIT ?4",
        )?;
        let ids: Vec<String> = stmt
            .query_map(
                rusqlite::params![
                    query,
                    format!("{escaped}%"),
                    format!("%{escaped}%"),
                    i64::try_from(limit).unwrap_or(50)
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.order(id)).collect()
    }
}

impl Store {
    /// Deletes the orders placed before `date` (`YYYY-MM-DD`), or, for an order without an
    /// order date, imported before it; with `imported_before` (an import time as stored), only
    /// those imported before then. Returns how many.
    ///
    /// # Errors
    /// Database failure.
    pub fn purge_orders_before(
        &mut self,
        date: &str,
        imported_before: Option<&str>,
    ) -> Result<usize> {
        Ok(self.conn().execute(PURGE, params![date, imported_before])?)
    }

    /// The current time as import times are stored.
    ///
    /// # Errors
    /// Database failure.
    pub fn now(&self) -> Result<String> {
        Ok(self
            .conn()
            .query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')", [], |r| {
                r.get(0)
            })?)
    }

    /// Orders that may be late on `today` (`YYYY-MM-DD`): not delivered and past their eta, or
    /// not shipped and past their ship-by date. The caller still checks the status words.
    ///
    /// # Errors
    /// Database failure.
    pub fn late_order_candidates(&self, today: &str) -> Result<Vec<Order>> {
        let mut stmt = self.conn().prepare(
            "SELECT marketplace, order_id, buyer_name, buyer_country, buyer_locale, items, \
             item_count, total, currency, carrier, tracking_number, tracking_url, ordered_at, \
             shipped_at, eta, status, raw, delivered_at, ship_by, product_name FROM orders \
             WHERE delivered_at IS NULL AND ((eta IS NOT NULL AND substr(eta, 1, 10) < ?1) \
             OR (shipped_at IS NULL AND ship_by IS NOT NULL AND substr(ship_by, 1, 10) < ?1)) \
             ORDER BY id",
        )?;
        let rows = stmt.query_map([today], row_to_order)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves (or replaces) a column mapping under its name.
    ///
    /// # Errors
    /// Database failure.
    pub fn save_order_preset(&mut self, preset: &Preset) -> Result<()> {
        let json = |v: &dyn erased::Json| v.json();
        self.conn().execute(
            "INSERT INTO order_presets (name, format, mapping, columns, marketplace) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (name) DO UPDATE SET format = excluded.format, \
             mapping = excluded.mapping, columns = excluded.columns, \
             marketplace = excluded.marketplace",
            params![
                preset.name,
                preset.format.to_string(),
                json(&preset.mapping),
                json(&preset.columns),
                preset.marketplace
            ],
        )?;
        Ok(())
    }

    /// Every saved mapping, by name. A preset whose stored text no longer parses is left out.
    ///
    /// # Errors
    /// Database failure.
    pub fn order_presets(&self) -> Result<Vec<Preset>> {
        let mut stmt = self.conn().prepare(
            "SELECT name, format, mapping, columns, marketplace FROM order_presets \
                 ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, format, mapping, columns, marketplace) = row?;
            let (Ok(format), Ok(mapping), Ok(columns)) = (
                format.parse(),
                serde_json::from_str(&mapping),
                serde_json::from_str(&columns),
            ) else {
                continue;
            };
            out.push(Preset {
                name,
                format,
                mapping,
                columns,
                marketplace,
            });
        }
        Ok(out)
    }

    /// Deletes a saved mapping; whether there was one.
    ///
    /// # Errors
    /// Database failure.
    pub fn delete_order_preset(&mut self, name: &str) -> Result<bool> {
        Ok(self
            .conn()
            .execute("DELETE FROM order_presets WHERE name = ?1", [name])?
            > 0)
    }
}

/// JSON text of the preset's lists (plain string vectors: encoding cannot fail).
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "[]".to_owned())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::orders::{Format, VarValue, parse_file};

    fn order(marketplace: &str, id: &str, total: f64) -> Order {
        let mut o = Order::new(marketplace, id);
        o.total = Some(total);
        o.tracking_number = Some("TRK1".into());
        o.raw = serde_json::json!({ "order_id": id, "extra": "kept" });
        o
    }

    /// Batches written before the reader failed are rolled back with it, and the retention
    /// purge does not run: an import is whole or absent, also when it is written while the
    /// file is still being read.
    #[test]
    fn batches_roll_back_when_finish_fails() {
        let mut store = Store::open_in_memory().unwrap();
        store.upsert_orders(&[order("", "KEEP-1", 1.0)]).unwrap();
        let batches = vec![
            vec![order("", "A-1", 1.0), order("", "A-2", 2.0)],
            vec![order("", "KEEP-1", 9.0)],
        ];
        let mut seen = None;
        let err = store
            .upsert_order_batches(batches, Some("2999-01-01"), |written| -> Result<()> {
                seen = Some(written);
                Err(Error::Invalid(
                    "the file could not be read to its end".into(),
                ))
            })
            .unwrap_err();
        assert!(err.to_string().contains("read to its end"), "{err}");
        assert_eq!(seen, Some(3), "finish is told how many orders were written");
        assert_eq!(store.count_orders().unwrap(), 1);
        assert_eq!(store.order("KEEP-1").unwrap().total, Some(1.0));

        let (summary, purged, ()) = store
            .upsert_order_batches(
                vec![vec![order("", "A-1", 1.0)], vec![order("", "KEEP-1", 9.0)]],
                None,
                |_| Ok(()),
            )
            .unwrap();
        assert_eq!((summary.inserted, summary.updated, purged), (1, 1, 0));
        assert_eq!(store.order("KEEP-1").unwrap().total, Some(9.0));
    }

    #[test]
    fn upsert_inserts_then_updates() {
        let mut store = Store::open_in_memory().unwrap();
        let first = [order("", "A-10001", 10.0), order("", "A-10002", 20.0)];
        let s = store.upsert_orders(&first).unwrap();
        assert_eq!(
            s,
            ImportSummary {
                inserted: 2,
                updated: 0
            }
        );
        assert_eq!(store.count_orders().unwrap(), 2);

        let mut changed = order("", "A-10002", 25.0);
        changed.tracking_number = None;
        let s = store
            .upsert_orders(&[changed.clone(), order("", "A-10003", 30.0)])
            .unwrap();
        assert_eq!(
            s,
            ImportSummary {
                inserted: 1,
                updated: 1
            }
        );
        assert_eq!(store.count_orders().unwrap(), 3);
        assert_eq!(
            store.order("A-10002").unwrap(),
            changed,
            "every field replaced, even with empty"
        );

        // The same order twice in one import: one insert, one update.
        let s = store
            .upsert_orders(&[order("", "B-1", 1.0), order("", "B-1", 2.0)])
            .unwrap();
        assert_eq!(
            s,
            ImportSummary {
                inserted: 1,
                updated: 1
            }
        );
        assert_eq!(store.order("B-1").unwrap().total, Some(2.0));
        assert_eq!(store.upsert_orders(&[]).unwrap(), ImportSummary::default());
    }

    #[test]
    fn lookup_round_trips_and_prefers_the_latest_import() {
        let mut store = Store::open_in_memory().unwrap();
        let o = order("amazon", "111-2223334-5556667", 9.5);
        store.upsert_orders(std::slice::from_ref(&o)).unwrap();
        assert_eq!(store.order(" 111-2223334-5556667 ").unwrap(), o);
        store
            .upsert_orders(&[order("noon", "111-2223334-5556667", 1.0)])
            .unwrap();
        assert_eq!(
            store.order("111-2223334-5556667").unwrap().marketplace,
            "noon"
        );
        store.upsert_orders(&[o]).unwrap();
        assert_eq!(
            store.order("111-2223334-5556667").unwrap().marketplace,
            "amazon"
        );
        let err = store.order("nope-12345").unwrap_err();
        assert!(
            matches!(err, Error::UnknownOrder(ref id) if id == "nope-12345"),
            "{err:?}"
        );
    }

    #[test]
    fn finds_an_order_id_inside_copied_text() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .upsert_orders(&[
                order("", "112-7654321-1234567", 1.0),
                order("", "SHOP12345", 2.0),
            ])
            .unwrap();
        let found = |t: &str| store.find_order_id_in(t).unwrap().map(|o| o.order_id);
        assert_eq!(
            found("Hi, where is my order 112-7654321-1234567? I paid on 2024-05-01.").as_deref(),
            Some("112-7654321-1234567")
        );
        assert_eq!(found("SHOP12345").as_deref(), Some("SHOP12345"));
        assert_eq!(
            found("ref 99999, order #SHOP12345.").as_deref(),
            Some("SHOP12345")
        );
        assert_eq!(found("--SHOP12345--").as_deref(), Some("SHOP12345"));
        assert_eq!(found("no id in here, just words and 1234"), None);
        assert_eq!(found(""), None);
    }

    #[test]
    fn imported_file_round_trips_with_typed_variables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orders.csv");
        std::fs::write(
            &path,
            "order_id,item_count,total,tracking_number,ordered_at,buyer_country\n00123,2,19.90,000456,2024-05-01,DE\n",
        )
        .unwrap();
        let parsed = parse_file(&path, Format::Auto).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.upsert_orders(&parsed.orders).unwrap().inserted, 1);
        let o = store.order("00123").unwrap();
        assert_eq!(o, parsed.orders[0]);
        let vars: std::collections::HashMap<_, _> = o.variables().into_iter().collect();
        assert_eq!(vars["order_id"], VarValue::Text("00123".into()));
        assert_eq!(vars["tracking_number"], VarValue::Text("000456".into()));
        assert_eq!(vars["item_count"], VarValue::Number(2.0));
        assert_eq!(vars["total"], VarValue::Number(19.9));
        assert_eq!(vars["ordered_at"], VarValue::Date("2024-05-01".into()));
        assert_eq!(vars["buyer_locale"], VarValue::Text("de".into()));
        assert!(!vars.contains_key("marketplace") && !vars.contains_key("eta"));

        // Re-importing the same file updates and does not duplicate.
        let s = store
            .upsert_orders(&parse_file(&path, Format::Auto).unwrap().orders)
            .unwrap();
        assert_eq!(
            s,
            ImportSummary {
                inserted: 0,
                updated: 1
            }
        );
        assert_eq!(store.count_orders().unwrap(), 1);
    }
}
