//! The orders a replay left tracked, one row each: for `--json` and the
//! `--orders` table.

use std::fmt::{self, Display, Write as _};

use ordertrack::{
    AlgoId, AnyOrder, ClientOrderId, ExchangeOrderId, OrderStatus, OrderTracker, OrderType, Origin,
    Price, Qty, Side, Symbol,
};
use serde::{Serialize, Serializer};

/// One tracked order as the replay left it. Decimals serialize as exact
/// strings (`"0.012"`), enums by name (`"BUY"`, `"Filled"`, `"TRAIL_STOP"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderRow {
    /// The client order id.
    #[serde(serialize_with = "text")]
    pub client_id: ClientOrderId,
    /// The instrument.
    #[serde(serialize_with = "text")]
    pub symbol: Symbol,
    /// Buy or sell.
    #[serde(serialize_with = "text")]
    pub side: Side,
    /// The order's (original) type.
    #[serde(serialize_with = "text")]
    pub order_type: OrderType,
    /// Which part of the engine made it, by name; `null` for an origin word
    /// this library does not know.
    #[serde(serialize_with = "optional_text")]
    pub origin: Option<Origin>,
    /// The order's quantity (as amended).
    #[serde(serialize_with = "text")]
    pub quantity: Qty,
    /// Its limit price; `null` for market and stop-market orders.
    #[serde(serialize_with = "optional_text")]
    pub price: Option<Price>,
    /// Its state.
    #[serde(serialize_with = "text")]
    pub state: OrderStatus,
    /// Quantity filled, exactly.
    #[serde(serialize_with = "text")]
    pub filled_qty: Qty,
    /// The average fill price: the exact Σ price × qty over the exact filled
    /// quantity, rounded half-up to 10⁻⁸ when the quotient has more places
    /// ([`ordertrack::Fills::average_price`]); `null` without fills.
    #[serde(serialize_with = "optional_text")]
    pub avg_price: Option<Price>,
    /// Distinct trades applied.
    pub fills: u64,
    /// The exchange's order id — for a conditional order of the algo
    /// service, the matching-engine order it triggered into (bound); `null`
    /// if no event named it yet.
    #[serde(serialize_with = "optional_id")]
    pub exchange_id: Option<ExchangeOrderId>,
    /// The algo service's id of a conditional order it accepted; `null`
    /// otherwise.
    #[serde(serialize_with = "optional_algo_id")]
    pub algo_id: Option<AlgoId>,
}

impl OrderRow {
    /// The row of one order.
    #[must_use]
    pub fn of(order: &AnyOrder) -> Self {
        let spec = order.spec();
        Self {
            client_id: order.client_id(),
            symbol: order.symbol(),
            side: spec.side,
            order_type: spec.order_type,
            origin: spec.origin,
            quantity: order.quantity(),
            price: order.price(),
            state: order.status(),
            filled_qty: order.filled_qty(),
            avg_price: order.fills().average_price(),
            fills: u64::from(order.fills().count()),
            exchange_id: order.exchange_id(),
            algo_id: order.algo_id(),
        }
    }

    /// The rows of every tracked order, by client id.
    #[must_use]
    pub fn all(tracker: &OrderTracker) -> Vec<Self> {
        let mut rows: Vec<Self> = tracker.iter().map(|(_, order)| Self::of(order)).collect();
        rows.sort_unstable_by_key(|row| row.client_id);
        rows
    }
}

fn text<T: Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn optional_text<T: Display, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

fn optional_id<S: Serializer>(
    value: &Option<ExchangeOrderId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(id) => serializer.serialize_u64(id.0),
        None => serializer.serialize_none(),
    }
}

fn optional_algo_id<S: Serializer>(
    value: &Option<AlgoId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(id) => serializer.serialize_u64(id.get()),
        None => serializer.serialize_none(),
    }
}

/// Column headers of the `--orders` table, and whether each is right-aligned.
const COLUMNS: [(&str, bool); 13] = [
    ("client id", false),
    ("symbol", false),
    ("side", false),
    ("type", false),
    ("origin", false),
    ("state", false),
    ("filled", true),
    ("quantity", true),
    ("price", true),
    ("avg price", true),
    ("fills", true),
    ("exchange id", true),
    ("algo id", true),
];

fn cell(value: Option<impl Display>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// The rows as an aligned text table, one line per order under a header,
/// each line indented by four spaces.
pub(super) fn write_table(out: &mut String, rows: &[OrderRow]) -> fmt::Result {
    let cells: Vec<[String; 13]> = rows
        .iter()
        .map(|row| {
            [
                row.client_id.to_string(),
                row.symbol.to_string(),
                row.side.to_string(),
                row.order_type.to_string(),
                cell(row.origin),
                row.state.to_string(),
                row.filled_qty.to_string(),
                row.quantity.to_string(),
                cell(row.price),
                cell(row.avg_price),
                row.fills.to_string(),
                cell(row.exchange_id),
                cell(row.algo_id),
            ]
        })
        .collect();
    let mut widths = COLUMNS.map(|(header, _)| header.chars().count());
    for line in &cells {
        for (width, value) in widths.iter_mut().zip(line) {
            *width = (*width).max(value.chars().count());
        }
    }
    let headers = COLUMNS.map(|(header, _)| header.to_owned());
    for line in std::iter::once(&headers).chain(&cells) {
        let mut text = String::from("  ");
        for ((value, width), (_, right)) in line.iter().zip(widths).zip(COLUMNS) {
            if right {
                write!(text, "  {value:>width$}")?;
            } else {
                write!(text, "  {value:<width$}")?;
            }
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ordertrack::{NewOrder, SubAccountId};

    use super::*;

    fn order(id: &str) -> AnyOrder {
        let sub = SubAccountId::new("a1b2c3d4").unwrap();
        let spec = NewOrder {
            client_id: ClientOrderId::new(id).unwrap(),
            ..NewOrder::limit(
                sub,
                Origin::Chase,
                Symbol::new("BTCUSDT").unwrap(),
                Side::Buy,
                Qty::parse("0.5").unwrap(),
                Price::parse("97000").unwrap(),
                1,
            )
        };
        AnyOrder::new(spec).unwrap()
    }

    #[test]
    fn rows_serialize_exactly_and_sort_by_client_id() {
        let mut tracker = OrderTracker::new();
        for id in [
            "PMSa1b2c3d4_CHASE_00000000000b",
            "PMSa1b2c3d4_CHASE_00000000000a",
        ] {
            tracker.register(order(id)).unwrap();
        }
        let rows = OrderRow::all(&tracker);
        assert_eq!(rows[0].client_id.as_str(), "PMSa1b2c3d4_CHASE_00000000000a");
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "client_id": "PMSa1b2c3d4_CHASE_00000000000a",
                "symbol": "BTCUSDT",
                "side": "BUY",
                "order_type": "LIMIT",
                "origin": "CHASE",
                "quantity": "0.5",
                "price": "97000",
                "state": "Idle",
                "filled_qty": "0",
                "avg_price": null,
                "fills": 0,
                "exchange_id": null,
                "algo_id": null,
            })
        );
        let mut table = String::new();
        write_table(&mut table, &rows).unwrap();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("    client id "), "{table}");
        assert!(lines[0].ends_with("fills  exchange id  algo id"), "{table}");
        assert!(
            lines[1].starts_with(
                "    PMSa1b2c3d4_CHASE_00000000000a  BTCUSDT  BUY   LIMIT  CHASE   Idle"
            ),
            "{table}"
        );
        // Right-aligned numbers end under their headers.
        assert_eq!(lines[1].len(), lines[0].len(), "{table}");
        assert!(lines[1].ends_with("0            -        -"), "{table}");
    }
}
