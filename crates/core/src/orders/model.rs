//! The order record and the template variables it provides.

use serde::{Deserialize, Serialize};

/// The names of the template variables an order provides, in the order [`Order::variables`]
/// returns them. `order_status` is the [`Order::status`] field: the variable has the longer name
/// so a template cannot mistake it for a review status.
pub const ORDER_VARIABLES: [&str; 19] = [
    "order_id",
    "marketplace",
    "buyer_name",
    "buyer_country",
    "buyer_locale",
    "item_count",
    "total",
    "currency",
    "carrier",
    "tracking_number",
    "tracking_url",
    "ordered_at",
    "shipped_at",
    "eta",
    "delivered_at",
    "ship_by",
    "order_status",
    "product_name",
    "items",
];

/// One imported order.
///
/// Dates (`ordered_at`, `shipped_at`, `eta`) are ISO text: `YYYY-MM-DD`, or RFC 3339
/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`. The importers guarantee that form, so
/// consumers may parse it without guessing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Order {
    /// Lower-case marketplace name (`amazon`), or empty when the file did not say.
    pub marketplace: String,
    /// The marketplace's order number, always text (`114-3941689-8772232`, `0012345`).
    pub order_id: String,
    /// The buyer's name as the file gives it (Amazon: `buyer-name`, else `recipient-name`).
    pub buyer_name: Option<String>,
    /// Usually an ISO 3166 alpha-2 code (upper-cased on import), else the text of the file.
    pub buyer_country: Option<String>,
    /// A BCP-47 tag: given by the file, or derived from the marketplace or the buyer's country.
    pub buyer_locale: Option<String>,
    /// Product names, joined with `", "` when the order has several lines.
    pub items: Option<String>,
    /// Number of items ordered (Amazon: the sum of the rows' `quantity`).
    #[ts(type = "number | null")]
    pub item_count: Option<i64>,
    /// Order total in `currency`, in major units (`129.5`); Amazon: the sum of the item prices.
    pub total: Option<f64>,
    /// ISO 4217 code, upper-cased (`USD`, `SAR`), or a symbol kept as written.
    pub currency: Option<String>,
    /// Shipping carrier as written in the file (`Aramex`, `DHL`).
    pub carrier: Option<String>,
    /// The carrier's tracking number; text, so leading zeros survive.
    pub tracking_number: Option<String>,
    /// Link where the buyer can follow the parcel, as the file gives it.
    pub tracking_url: Option<String>,
    /// When the order was placed, ISO (Amazon: `purchase-date`).
    pub ordered_at: Option<String>,
    /// When the parcel left, ISO.
    pub shipped_at: Option<String>,
    /// Expected delivery date, ISO.
    pub eta: Option<String>,
    /// The marketplace's order status as written (`Shipped`, `Pending`); the variable
    /// `order_status`.
    pub status: Option<String>,
    /// When the parcel was delivered, ISO (Lazada `deliveredDate`, TikTok `Delivered Time`).
    #[serde(default)]
    pub delivered_at: Option<String>,
    /// The date the seller must ship by, ISO (Shopee `Estimated Ship Out Date`, eBay
    /// `Ship By Date`, Walmart `Ship By`, Temu `Latest Shipping Time`, Amazon `promise-date`).
    #[serde(default)]
    pub ship_by: Option<String>,
    /// The name of the order's first item.
    #[serde(default)]
    pub product_name: Option<String>,
    /// What the source file had beyond these fields. Generic files: a JSON object of the
    /// columns that are not order fields (empty when there are none); the order fields are not
    /// repeated, which halves the size of a large import and its time. Amazon reports: an array
    /// of the source rows merged into this order, each an object of every column (the merge
    /// loses per-item detail, so it is kept).
    #[ts(type = "unknown")]
    pub raw: serde_json::Value,
}

/// The value of one order variable, typed so the renderer can format numbers and dates for the
/// buyer's locale instead of printing them as typed in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum VarValue {
    /// Inserted as written: names, order ids, tracking numbers.
    Text(String),
    /// A count or amount: formatted for the buyer's locale and used for plural selection.
    Number(f64),
    /// ISO date or RFC 3339 date-time text (see [`Order`]).
    Date(String),
}

impl Order {
    /// An order with only its identity set; every other field empty.
    #[must_use]
    pub fn new(marketplace: impl Into<String>, order_id: impl Into<String>) -> Self {
        Self {
            marketplace: marketplace.into(),
            order_id: order_id.into(),
            buyer_name: None,
            buyer_country: None,
            buyer_locale: None,
            items: None,
            item_count: None,
            total: None,
            currency: None,
            carrier: None,
            tracking_number: None,
            tracking_url: None,
            ordered_at: None,
            shipped_at: None,
            eta: None,
            status: None,
            delivered_at: None,
            ship_by: None,
            product_name: None,
            raw: serde_json::Value::Object(serde_json::Map::new()),
        }
    }

    /// The template variables this order provides, in [`ORDER_VARIABLES`] order, leaving out
    /// fields that are not set (and `marketplace` when it is empty) so the renderer reports them
    /// as missing rather than printing an empty string.
    ///
    /// `order_id` and `tracking_number` are always text, even when they look numeric: they are
    /// identifiers, and formatting `0012345` as a number would lose the zeros and add grouping.
    #[must_use]
    pub fn variables(&self) -> Vec<(&'static str, VarValue)> {
        fn text(out: &mut Vec<(&'static str, VarValue)>, name: &'static str, v: Option<&String>) {
            if let Some(v) = v {
                out.push((name, VarValue::Text(v.clone())));
            }
        }
        fn date(out: &mut Vec<(&'static str, VarValue)>, name: &'static str, v: Option<&String>) {
            if let Some(v) = v {
                out.push((name, VarValue::Date(v.clone())));
            }
        }

        let mut out = Vec::with_capacity(ORDER_VARIABLES.len());
        out.push(("order_id", VarValue::Text(self.order_id.clone())));
        if !self.marketplace.is_empty() {
            out.push(("marketplace", VarValue::Text(self.marketplace.clone())));
        }
        text(&mut out, "buyer_name", self.buyer_name.as_ref());
        text(&mut out, "buyer_country", self.buyer_country.as_ref());
        text(&mut out, "buyer_locale", self.buyer_locale.as_ref());
        if let Some(n) = self.item_count {
            // Item counts are far below 2^53, so the conversion is exact.
            #[allow(clippy::cast_precision_loss)]
            out.push(("item_count", VarValue::Number(n as f64)));
        }
        if let Some(t) = self.total {
            out.push(("total", VarValue::Number(t)));
        }
        text(&mut out, "currency", self.currency.as_ref());
        text(&mut out, "carrier", self.carrier.as_ref());
        text(&mut out, "tracking_number", self.tracking_number.as_ref());
        text(&mut out, "tracking_url", self.tracking_url.as_ref());
        date(&mut out, "ordered_at", self.ordered_at.as_ref());
        date(&mut out, "shipped_at", self.shipped_at.as_ref());
        date(&mut out, "eta", self.eta.as_ref());
        date(&mut out, "delivered_at", self.delivered_at.as_ref());
        date(&mut out, "ship_by", self.ship_by.as_ref());
        text(&mut out, "order_status", self.status.as_ref());
        text(&mut out, "product_name", self.product_name.as_ref());
        text(&mut out, "items", self.items.as_ref());
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_typed_and_skip_missing_fields() {
        let mut o = Order::new("", "0012345");
        o.item_count = Some(3);
        o.total = Some(12.5);
        o.tracking_number = Some("9400111".into());
        o.ordered_at = Some("2024-05-01".into());
        o.buyer_name = Some("Amina".into());
        let vars = o.variables();
        let names: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "order_id",
                "buyer_name",
                "item_count",
                "total",
                "tracking_number",
                "ordered_at"
            ]
        );
        assert_eq!(vars[0].1, VarValue::Text("0012345".into()));
        assert_eq!(vars[2].1, VarValue::Number(3.0));
        assert_eq!(vars[3].1, VarValue::Number(12.5));
        assert_eq!(vars[4].1, VarValue::Text("9400111".into()));
        assert_eq!(vars[5].1, VarValue::Date("2024-05-01".into()));
        // Every name returned is a declared variable, in declared order.
        let mut declared = ORDER_VARIABLES.iter();
        assert!(names.iter().all(|n| declared.any(|d| d == n)));

        o.marketplace = "amazon".into();
        assert_eq!(
            o.variables()[1],
            ("marketplace", VarValue::Text("amazon".into()))
        );
    }
}
