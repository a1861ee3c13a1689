//! The two order events as borrowed views: exactly the fields the tracker
//! uses, each named by its JSON key.

use serde::Deserialize;

use super::{WireExecution, WireStatus};
use crate::wire::value::{Id, Millis, Raw, Text};

/// `ORDER_TRADE_UPDATE` event: `{"e":"ORDER_TRADE_UPDATE","T",…,"o":{…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OrderTradeUpdate<'a> {
    /// `T`: transaction time (matching engine), ms since epoch.
    #[serde(rename = "T")]
    pub transaction_time_ms: Millis,
    /// `o`: the order and, for fills, the trade.
    #[serde(rename = "o", borrow)]
    pub order: OrderUpdate<'a>,
}

/// The `o` object of an `ORDER_TRADE_UPDATE`: the fields the tracker uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OrderUpdate<'a> {
    /// `s`: symbol, e.g. `BTCUSDT`.
    #[serde(rename = "s", borrow)]
    pub symbol: Text<'a>,
    /// `c`: client order id. Binance's own orders use `autoclose-…`
    /// (liquidation), `adl_autoclose` (ADL) and `settlement_autoclose-…`.
    #[serde(rename = "c", borrow)]
    pub client_order_id: Text<'a>,
    /// `S`: side, `BUY` or `SELL`.
    #[serde(rename = "S", borrow)]
    pub side: Text<'a>,
    /// `q`: the order's quantity (decimal string; `"0"` for a
    /// close-position order before it triggers).
    #[serde(rename = "q", borrow)]
    pub orig_qty: Text<'a>,
    /// `p`: the order's price (decimal string; `"0"` for market orders).
    #[serde(rename = "p", borrow)]
    pub orig_price: Text<'a>,
    /// `x`: what this event did.
    #[serde(rename = "x")]
    pub execution_type: WireExecution,
    /// `X`: order status after this event.
    #[serde(rename = "X")]
    pub order_status: WireStatus,
    /// `i`: exchange order id (unique per symbol), a number or a string.
    #[serde(rename = "i")]
    pub order_id: Id,
    /// `z`: cumulative filled quantity of the order.
    #[serde(rename = "z", borrow)]
    pub cum_filled_qty: Text<'a>,
    /// `l`: quantity of this fill; read (and required) only for `TRADE` and
    /// `CALCULATED`, so kept as raw JSON until then.
    #[serde(rename = "l", borrow, default)]
    pub last_filled_qty: Option<Raw<'a>>,
    /// `L`: price of this fill; read only for `TRADE` and `CALCULATED`.
    #[serde(rename = "L", borrow, default)]
    pub last_filled_price: Option<Raw<'a>>,
    /// `t`: trade id (`0` when not a fill); read only for `TRADE` and
    /// `CALCULATED`.
    #[serde(rename = "t", borrow, default)]
    pub trade_id: Option<Raw<'a>>,
    /// `ot`: original order type (a triggered `STOP_MARKET` reports
    /// `o = MARKET` and `ot = STOP_MARKET`). Absent: the type is not
    /// checked, and the order cannot be rebuilt from this event.
    #[serde(rename = "ot", borrow, default)]
    pub orig_order_type: Option<Text<'a>>,
    /// `R`: reduce-only order.
    #[serde(rename = "R", default)]
    pub reduce_only: Option<bool>,
    /// `cp`: close-all (close position); "pushed with conditional order".
    #[serde(rename = "cp", default)]
    pub close_position: Option<bool>,
    /// `sp`: the stop (trigger) price; read only when `ot` is a conditional
    /// type (`"0"` or `null` elsewhere), so kept as raw JSON until then.
    #[serde(rename = "sp", borrow, default)]
    pub stop_price: Option<Raw<'a>>,
    /// `wt`: the price the trigger watches; read only when `ot` is a
    /// conditional type.
    #[serde(rename = "wt", borrow, default)]
    pub working_type: Option<Raw<'a>>,
    /// `er`: expiry reason code, `"0"` to `"9"` (a string in current
    /// payloads, a number in others); read only for `EXPIRED`. Absent in
    /// payloads older than the field.
    #[serde(rename = "er", borrow, default)]
    pub expiry_reason: Option<Raw<'a>>,
}

/// `TRADE_LITE` event: the fill-only, low-latency twin of an
/// `ORDER_TRADE_UPDATE` with `x = TRADE` (same `s` and `t`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TradeLite<'a> {
    /// `T`: transaction time, ms since epoch.
    #[serde(rename = "T")]
    pub transaction_time_ms: Millis,
    /// `s`: symbol.
    #[serde(rename = "s", borrow)]
    pub symbol: Text<'a>,
    /// `q`: the order's quantity.
    #[serde(rename = "q", borrow)]
    pub orig_qty: Text<'a>,
    /// `c`: client order id.
    #[serde(rename = "c", borrow)]
    pub client_order_id: Text<'a>,
    /// `S`: side, `BUY` or `SELL`.
    #[serde(rename = "S", borrow)]
    pub side: Text<'a>,
    /// `L`: price of this fill.
    #[serde(rename = "L", borrow)]
    pub last_filled_price: Text<'a>,
    /// `l`: quantity of this fill.
    #[serde(rename = "l", borrow)]
    pub last_filled_qty: Text<'a>,
    /// `t`: trade id.
    #[serde(rename = "t")]
    pub trade_id: Id,
    /// `i`: exchange order id.
    #[serde(rename = "i")]
    pub order_id: Id,
}
