//! The user-data stream's order events — `ORDER_TRADE_UPDATE`, `TRADE_LITE`
//! and the algo service's `ALGO_UPDATE` — as borrowed views, and their
//! conversion into the model's [`ExecutionReport`](ordertrack::ExecutionReport).
//!
//! The views declare exactly the fields the tracker uses (the table in
//! `docs/binance.md`); every other field is ignored whatever its JSON type,
//! so a payload from before a field existed, or with an unused field of
//! another type, is read all the same. A message may come bare
//! (`{"e":"ORDER_TRADE_UPDATE",…}`, as on `/ws/<listenKey>`) or in the
//! combined-stream envelope (`{"stream":"<listenKey>","data":{…}}`).

mod algo;
mod events;
mod report;
#[cfg(test)]
mod tests;

use ordertrack::{ExecutionType, ReportStatus};
use serde::Deserialize;

pub use algo::{AlgoOrderUpdate, AlgoUpdate};
pub use events::{OrderTradeUpdate, OrderUpdate, TradeLite};

use super::error::{WireError, parse};
use super::value::{Text, wire_enum};

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
    /// `ALGO_UPDATE`: a conditional order changed state on the algo service.
    AlgoUpdate(AlgoUpdate<'a>),
    /// Any other event (`ACCOUNT_UPDATE`, `MARGIN_CALL`, `listenKeyExpired`,
    /// …); only its type is read.
    Other {
        /// The event type `e`.
        event_type: Text<'a>,
    },
}

/// How Binance starts the three order events: with their event type. A line
/// that starts so is parsed once, straight into its event; any other line
/// (another key order, spaces, the combined-stream envelope) has its `e`
/// read first. Both paths give the same event and the same errors.
const ORDER_TRADE_UPDATE_START: &str = r#"{"e":"ORDER_TRADE_UPDATE","#;
const TRADE_LITE_START: &str = r#"{"e":"TRADE_LITE","#;
const ALGO_UPDATE_START: &str = r#"{"e":"ALGO_UPDATE","#;
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
    /// for the three types the tracker consumes.
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
        if line.starts_with(ALGO_UPDATE_START) {
            return parse(line).map(Self::AlgoUpdate);
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
            Some(event_type) => Self::dispatch(event_type, line, Form::Bare),
            None => Self::parse_enveloped(line),
        }
    }

    /// A message in the combined-stream envelope: `data.e` first, then the
    /// event in `data`.
    fn parse_enveloped(line: &'a str) -> Result<Self, WireError> {
        let Envelope {
            data: EventType { event_type },
        } = parse(line)?;
        Self::dispatch(event_type, line, Form::Enveloped)
    }

    fn dispatch(event_type: Text<'a>, line: &'a str, form: Form) -> Result<Self, WireError> {
        Ok(match event_type.as_str() {
            "ORDER_TRADE_UPDATE" => Self::OrderTradeUpdate(form.read(line)?),
            "TRADE_LITE" => Self::TradeLite(form.read(line)?),
            "ALGO_UPDATE" => Self::AlgoUpdate(form.read(line)?),
            _ => Self::Other { event_type },
        })
    }
}

/// Whether a message is the bare event or the combined-stream envelope.
#[derive(Clone, Copy)]
enum Form {
    Bare,
    Enveloped,
}

impl Form {
    /// The event of `line`, in this form.
    fn read<'a, T: Deserialize<'a>>(self, line: &'a str) -> Result<T, WireError> {
        match self {
            Self::Bare => parse(line),
            Self::Enveloped => parse::<Envelope<T>>(line).map(|e| e.data),
        }
    }
}
