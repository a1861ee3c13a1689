//! The user-data stream's order events — `ORDER_TRADE_UPDATE` and
//! `TRADE_LITE` — as borrowed views, and their conversion into the model's
//! [`ExecutionReport`].
//!
//! The views declare exactly the fields the tracker uses (the table in
//! `docs/binance.md`); every other field is ignored whatever its JSON type,
//! so a payload from before a field existed, or with an unused field of
//! another type, is read all the same. A message may come bare
//! (`{"e":"ORDER_TRADE_UPDATE",…}`, as on `/ws/<listenKey>`) or in the
//! combined-stream envelope (`{"stream":"<listenKey>","data":{…}}`).

use ordertrack::{
    Amendment, ExchangeOrderId, ExecutionReport, ExecutionType, OrderTerms, ReportFill,
    ReportStatus, TradeId,
};
use serde::Deserialize;

use super::error::{WireError, parse};
use super::value::{Code, Id, Millis, Raw, Text, wire_enum};
use crate::convert::{self, ConvertError};

wire_enum! {
    /// Execution type `x` of an `ORDER_TRADE_UPDATE`: what this event did.
    WireExecution {
        /// `NEW`: the order was accepted (also the first event of a
        /// liquidation or ADL order).
        New = "NEW",
        /// `CANCELED`: the order was canceled.
        Canceled = "CANCELED",
        /// `CALCULATED`: liquidation / ADL execution (a fill of a
        /// Binance-made `autoclose-…` or `adl_autoclose` order).
        Calculated = "CALCULATED",
        /// `EXPIRED`: the order expired; the reason is in `er`.
        Expired = "EXPIRED",
        /// `TRADE`: a fill; `l`, `L`, `t` describe it.
        Trade = "TRADE",
        /// `AMENDMENT`: the order was modified (price / quantity).
        Amendment = "AMENDMENT",
    }
}

wire_enum! {
    /// Order status: `X` of an `ORDER_TRADE_UPDATE`, `status` of a REST answer.
    WireStatus {
        /// `NEW`: open, nothing filled. `NEW_INSURANCE` (a liquidation
        /// order filled by the insurance fund) and `NEW_ADL` (a
        /// counterparty auto-deleveraging order) are the new states of
        /// Binance's own liquidation orders, read as `NEW`.
        New = "NEW" | "NEW_INSURANCE" | "NEW_ADL",
        /// `PARTIALLY_FILLED`: open, partly filled.
        PartiallyFilled = "PARTIALLY_FILLED",
        /// `FILLED`: fully filled (terminal).
        Filled = "FILLED",
        /// `CANCELED`: canceled (terminal).
        Canceled = "CANCELED",
        /// `EXPIRED`: expired by the exchange's rules (terminal).
        Expired = "EXPIRED",
        /// `EXPIRED_IN_MATCH`: expired by self-trade prevention (terminal).
        ExpiredInMatch = "EXPIRED_IN_MATCH",
        /// `REJECTED`: listed for REST answers; the stream never sends it.
        Rejected = "REJECTED",
    }
}

impl From<WireExecution> for ExecutionType {
    fn from(x: WireExecution) -> Self {
        match x {
            WireExecution::New => Self::New,
            WireExecution::Canceled => Self::Canceled,
            WireExecution::Calculated => Self::Calculated,
            WireExecution::Expired => Self::Expired,
            WireExecution::Trade => Self::Trade,
            WireExecution::Amendment => Self::Amendment,
        }
    }
}

impl From<WireStatus> for ReportStatus {
    fn from(status: WireStatus) -> Self {
        match status {
            WireStatus::New => Self::New,
            WireStatus::PartiallyFilled => Self::PartiallyFilled,
            WireStatus::Filled => Self::Filled,
            WireStatus::Canceled => Self::Canceled,
            WireStatus::Expired => Self::Expired,
            WireStatus::ExpiredInMatch => Self::ExpiredInMatch,
            WireStatus::Rejected => Self::Rejected,
        }
    }
}

/// One user-data stream message, dispatched on its event type `e`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserDataEvent<'a> {
    /// `ORDER_TRADE_UPDATE`: an order changed state.
    OrderTradeUpdate(OrderTradeUpdate<'a>),
    /// `TRADE_LITE`: the low-latency subset of a `TRADE` execution.
    TradeLite(TradeLite<'a>),
    /// Any other event (`ACCOUNT_UPDATE`, `ALGO_UPDATE`, `MARGIN_CALL`,
    /// `listenKeyExpired`, …); only its type is read.
    Other {
        /// The event type `e`.
        event_type: Text<'a>,
    },
}

/// How Binance starts the two order events: with their event type. A line
/// that starts so is parsed once, straight into its event; any other line
/// (another key order, spaces, the combined-stream envelope) has its `e`
/// read first. Both paths give the same event and the same errors.
const ORDER_TRADE_UPDATE_START: &str = r#"{"e":"ORDER_TRADE_UPDATE","#;
const TRADE_LITE_START: &str = r#"{"e":"TRADE_LITE","#;
/// How Binance starts the combined-stream envelope: read `data.e` at once
/// (skipping the whole `data` object to look for a top-level `e` first would
/// cost serde_json a scratch allocation).
const ENVELOPE_START: &str = r#"{"stream":"#;

/// The combined-stream envelope `{"stream":…,"data":{…}}`.
#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct Envelope<T> {
    data: T,
}

/// The event type alone.
#[derive(Deserialize)]
struct EventType<'a> {
    #[serde(rename = "e", borrow)]
    event_type: Text<'a>,
}

impl<'a> UserDataEvent<'a> {
    /// Parses one user-data stream message (one JSON object, bare or in the
    /// combined-stream envelope). Reads `e` first, then the full event only
    /// for the two types the tracker consumes.
    ///
    /// # Errors
    /// [`WireError`] when the message is not JSON, has no `e` (nor
    /// `data.e`), or an order event lacks a field the tracker uses, has one
    /// of the wrong type, or an undocumented value in `x` or `X`.
    pub fn parse(line: &'a str) -> Result<Self, WireError> {
        if line.starts_with(ORDER_TRADE_UPDATE_START) {
            return parse(line).map(Self::OrderTradeUpdate);
        }
        if line.starts_with(TRADE_LITE_START) {
            return parse(line).map(Self::TradeLite);
        }
        if line.starts_with(ENVELOPE_START) {
            return Self::parse_enveloped(line);
        }
        #[derive(Deserialize)]
        struct Head<'h> {
            #[serde(rename = "e", borrow, default)]
            event_type: Option<Text<'h>>,
        }
        let Head { event_type } = parse(line)?;
        match event_type {
            Some(event_type) => Self::dispatch(event_type, line, parse, parse),
            None => Self::parse_enveloped(line),
        }
    }

    /// A message in the combined-stream envelope: `data.e` first, then the
    /// event in `data`.
    fn parse_enveloped(line: &'a str) -> Result<Self, WireError> {
        let Envelope {
            data: EventType { event_type },
        } = parse(line)?;
        Self::dispatch(
            event_type,
            line,
            |l| parse::<Envelope<_>>(l).map(|e| e.data),
            |l| parse::<Envelope<_>>(l).map(|e| e.data),
        )
    }

    fn dispatch(
        event_type: Text<'a>,
        line: &'a str,
        update: impl FnOnce(&'a str) -> Result<OrderTradeUpdate<'a>, WireError>,
        lite: impl FnOnce(&'a str) -> Result<TradeLite<'a>, WireError>,
    ) -> Result<Self, WireError> {
        Ok(match event_type.as_str() {
            "ORDER_TRADE_UPDATE" => Self::OrderTradeUpdate(update(line)?),
            "TRADE_LITE" => Self::TradeLite(lite(line)?),
            _ => Self::Other { event_type },
        })
    }
}

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

impl<'a> OrderTradeUpdate<'a> {
    /// The event as an [`ExecutionReport`].
    ///
    /// | report | from |
    /// |---|---|
    /// | `client_id` | `o.c`; `None` for an id of Binance's own order that breaks the rule for client-made ids (`settlement_autoclose-…` runs to 37 characters) |
    /// | `exchange_id` | `o.i` |
    /// | `symbol` | `o.s` |
    /// | `execution` | `o.x` (`NEW CANCELED CALCULATED EXPIRED TRADE AMENDMENT`) |
    /// | `status` | `o.X` (incl. `EXPIRED_IN_MATCH`; `NEW_INSURANCE`, `NEW_ADL` as `NEW`) |
    /// | `fill` | `o.t`, `o.l`, `o.L` when `x` is `TRADE` or `CALCULATED` and `t` is not `0`, else `None` |
    /// | `cumulative_qty` | `o.z` |
    /// | `terms` | `o.S`, `o.ot`, `o.q`, `o.p` (`"0"` → no price), `o.R`, `o.cp` |
    /// | `amendment` | `o.q`, `o.p` when `x` is `AMENDMENT`, else `None` |
    /// | `expiry_reason` | `o.er` when `x` is `EXPIRED` (`None` when absent) |
    /// | `transaction_time` | `T` |
    ///
    /// # Errors
    /// [`ConvertError`] naming the first field the model refuses, or a fill
    /// field a `TRADE` / `CALCULATED` execution lacks.
    pub fn to_report(&self) -> Result<ExecutionReport, ConvertError> {
        let o: &OrderUpdate<'a> = &self.order;
        let execution = ExecutionType::from(o.execution_type);
        let fill = if execution.is_fill() {
            let needed =
                |field, raw: Option<Raw<'a>>| raw.ok_or(ConvertError::Missing { field, execution });
            let Id(trade_id) = read_raw("$.o.t", needed("$.o.t", o.trade_id)?)?;
            if trade_id == 0 {
                // No trade to account: Binance's pending-liquidation events
                // (`x = CALCULATED`, `X = NEW`, `t = 0`). A tracked order
                // refuses a fill report without its fill.
                None
            } else {
                let qty: Text<'_> = read_raw("$.o.l", needed("$.o.l", o.last_filled_qty)?)?;
                let price: Text<'_> = read_raw("$.o.L", needed("$.o.L", o.last_filled_price)?)?;
                Some(ReportFill {
                    trade_id: TradeId(trade_id),
                    qty: convert::qty("$.o.l", &qty)?,
                    price: convert::price("$.o.L", &price)?,
                })
            }
        } else {
            None
        };
        let quantity = convert::qty("$.o.q", &o.orig_qty)?;
        let price = convert::limit_price("$.o.p", &o.orig_price)?;
        let terms = OrderTerms {
            side: convert::side("$.o.S", &o.side)?,
            order_type: o
                .orig_order_type
                .as_ref()
                .map(|ot| convert::order_type("$.o.ot", ot))
                .transpose()?,
            quantity,
            price,
            reduce_only: o.reduce_only,
            close_position: o.close_position.unwrap_or(false),
        };
        let amendment =
            (execution == ExecutionType::Amendment).then_some(Amendment { quantity, price });
        let expiry_reason = o
            .expiry_reason
            .filter(|_| execution == ExecutionType::Expired)
            .map(|raw| read_raw::<Code>("$.o.er", raw))
            .transpose()?
            .map(|Code(code)| ordertrack::ExpiryReason(code));
        Ok(ExecutionReport {
            client_id: convert::stream_client_id("$.o.c", &o.client_order_id)?,
            exchange_id: Some(ExchangeOrderId(o.order_id.0)),
            symbol: convert::symbol("$.o.s", &o.symbol)?,
            execution,
            status: o.order_status.into(),
            fill,
            cumulative_qty: Some(convert::qty("$.o.z", &o.cum_filled_qty)?),
            terms: Some(terms),
            amendment,
            expiry_reason,
            transaction_time: self.transaction_time_ms.0,
        })
    }
}

/// Reads a field kept as raw JSON, now that the event's type needs it.
fn read_raw<'a, T: Deserialize<'a>>(field: &'static str, raw: Raw<'a>) -> Result<T, ConvertError> {
    serde_json::from_str(raw.get()).map_err(|err| ConvertError::Invalid {
        field,
        value: convert::clip(raw.get()),
        rule: match err.classify() {
            serde_json::error::Category::Data => "has the wrong type or value for this field",
            _ => "is not JSON this field can hold",
        },
    })
}

impl TradeLite<'_> {
    /// The event as a `TRADE` [`ExecutionReport`].
    ///
    /// `TRADE_LITE` carries the trade (`t l L`), the order (`c i s S q`) and
    /// the transaction time `T`, but neither the order's status nor its
    /// cumulative filled quantity. So the report says what the event does
    /// prove:
    /// - `status` is [`ReportStatus::PartiallyFilled`] ("at least this trade
    ///   filled"); the model never takes completion from a report's status — an
    ///   order becomes `Filled` when its own exact sum of fills reaches its
    ///   quantity, so a trade that completes the order still fills it.
    /// - `cumulative_qty` is `None`: the event does not state it, so a
    ///   `TRADE_LITE` reveals no gap either way; its `ORDER_TRADE_UPDATE` twin
    ///   (same symbol and trade id, applied once) can.
    /// - `terms` restate side `S` and quantity `q`; no type, no price.
    ///
    /// # Errors
    /// [`ConvertError`] naming the first field the model refuses.
    pub fn to_report(&self) -> Result<ExecutionReport, ConvertError> {
        let fill = ReportFill {
            trade_id: TradeId(self.trade_id.0),
            qty: convert::qty("$.l", &self.last_filled_qty)?,
            price: convert::price("$.L", &self.last_filled_price)?,
        };
        let terms = OrderTerms {
            side: convert::side("$.S", &self.side)?,
            order_type: None,
            quantity: convert::qty("$.q", &self.orig_qty)?,
            price: None,
            reduce_only: None,
            close_position: false,
        };
        Ok(ExecutionReport {
            client_id: convert::stream_client_id("$.c", &self.client_order_id)?,
            exchange_id: Some(ExchangeOrderId(self.order_id.0)),
            symbol: convert::symbol("$.s", &self.symbol)?,
            execution: ExecutionType::Trade,
            status: ReportStatus::PartiallyFilled,
            fill: (fill.trade_id != TradeId(0)).then_some(fill),
            cumulative_qty: None,
            terms: Some(terms),
            amendment: None,
            expiry_reason: None,
            transaction_time: self.transaction_time_ms.0,
        })
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
