//! The exchange-agnostic execution report that feed adapters produce.

use std::fmt;

use crate::decimal::{Price, Qty};
use crate::fills::Fill;
use crate::ids::{AlgoId, ClientOrderId, ExchangeOrderId, TradeId};
use crate::kinds::{OrderType, Side};
use crate::state::ExpiryReason;
use crate::symbol::Symbol;
use crate::trigger::WorkingType;

/// What happened on the exchange (Binance's `x`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ExecutionType {
    /// `NEW`: the order was accepted (the ack).
    New,
    /// `TRADE`: the order traded.
    Trade,
    /// `CALCULATED`: the order traded in a liquidation or ADL.
    Calculated,
    /// `CANCELED`: the order was cancelled.
    Canceled,
    /// `EXPIRED`: the order expired.
    Expired,
    /// `AMENDMENT`: the order's price or quantity was modified.
    Amendment,
    /// `REJECTED`: the order was refused.
    Rejected,
    /// The algo service's `TRIGGERING`: a conditional order's trigger
    /// condition was met and its matching-engine order is being placed.
    Triggering,
    /// The algo service's `TRIGGERED` / `FINISHED`: the conditional order
    /// triggered into a matching-engine order (the report's exchange id, when
    /// it names one: Binance's `ai`).
    Triggered,
}

impl ExecutionType {
    /// Every execution type.
    pub const ALL: [Self; 9] = [
        Self::New,
        Self::Trade,
        Self::Calculated,
        Self::Canceled,
        Self::Expired,
        Self::Amendment,
        Self::Rejected,
        Self::Triggering,
        Self::Triggered,
    ];

    /// Binance's spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "NEW",
            Self::Trade => "TRADE",
            Self::Calculated => "CALCULATED",
            Self::Canceled => "CANCELED",
            Self::Expired => "EXPIRED",
            Self::Amendment => "AMENDMENT",
            Self::Rejected => "REJECTED",
            Self::Triggering => "TRIGGERING",
            Self::Triggered => "TRIGGERED",
        }
    }

    /// Whether this execution is a fill.
    #[must_use]
    pub const fn is_fill(self) -> bool {
        matches!(self, Self::Trade | Self::Calculated)
    }

    /// Whether an order status can accompany this execution type.
    #[must_use]
    pub const fn allows(self, status: ReportStatus) -> bool {
        use ReportStatus as S;
        match self {
            Self::New => matches!(status, S::New),
            Self::Trade | Self::Calculated => matches!(status, S::PartiallyFilled | S::Filled),
            Self::Canceled => matches!(status, S::Canceled),
            Self::Expired => matches!(status, S::Expired | S::ExpiredInMatch),
            Self::Amendment => matches!(status, S::New | S::PartiallyFilled),
            Self::Rejected => matches!(status, S::Rejected),
            Self::Triggering => matches!(status, S::Triggering),
            Self::Triggered => matches!(status, S::Triggered | S::Finished),
        }
    }
}

/// The order's status after the event, as the exchange reports it (Binance's `X`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ReportStatus {
    /// `NEW`.
    New,
    /// `PARTIALLY_FILLED`.
    PartiallyFilled,
    /// `FILLED`.
    Filled,
    /// `CANCELED`.
    Canceled,
    /// `EXPIRED`.
    Expired,
    /// `EXPIRED_IN_MATCH`: expired by self-trade prevention.
    ExpiredInMatch,
    /// `REJECTED`.
    Rejected,
    /// The algo service's `TRIGGERING`.
    Triggering,
    /// The algo service's `TRIGGERED`.
    Triggered,
    /// The algo service's `FINISHED`: the triggered order is done (its own
    /// events say how).
    Finished,
}

impl ReportStatus {
    /// Every reported status.
    pub const ALL: [Self; 10] = [
        Self::New,
        Self::PartiallyFilled,
        Self::Filled,
        Self::Canceled,
        Self::Expired,
        Self::ExpiredInMatch,
        Self::Rejected,
        Self::Triggering,
        Self::Triggered,
        Self::Finished,
    ];

    /// Binance's spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "NEW",
            Self::PartiallyFilled => "PARTIALLY_FILLED",
            Self::Filled => "FILLED",
            Self::Canceled => "CANCELED",
            Self::Expired => "EXPIRED",
            Self::ExpiredInMatch => "EXPIRED_IN_MATCH",
            Self::Rejected => "REJECTED",
            Self::Triggering => "TRIGGERING",
            Self::Triggered => "TRIGGERED",
            Self::Finished => "FINISHED",
        }
    }
}

impl fmt::Display for ExecutionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The trade an execution report carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ReportFill {
    /// The exchange's trade id (Binance's `t`).
    pub trade_id: TradeId,
    /// Last filled quantity (Binance's `l`).
    pub qty: Qty,
    /// Last filled price (Binance's `L`).
    pub price: Price,
}

/// A new price or quantity carried by an `AMENDMENT` report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Amendment {
    /// The order's quantity after the amendment.
    pub quantity: Qty,
    /// The order's price after the amendment.
    pub price: Option<Price>,
}

/// The order's own terms as an event restates them (Binance's `S`, `ot`, `q`,
/// `p`, `R`, `cp`).
///
/// [`crate::AnyOrder::apply`] checks them against the tracked order before it
/// applies anything (see [`crate::TermMismatch`]), and an adapter rebuilding an
/// order it never saw registered takes its fields from here.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OrderTerms {
    /// Buy or sell.
    pub side: Side,
    /// The order's original type (Binance's `ot`: a triggered `STOP_MARKET`
    /// reports `o = MARKET` under `ot = STOP_MARKET`); `None` when the event
    /// does not state it (`TRADE_LITE`).
    pub order_type: Option<OrderType>,
    /// The order's quantity (Binance's `q`); zero for a close-position order
    /// that has not triggered.
    pub quantity: Qty,
    /// The order's limit price; `None` when the event states none (`"0"`).
    pub price: Option<Price>,
    /// Whether the order is reduce-only, when the event says.
    pub reduce_only: Option<bool>,
    /// Whether the order closes the whole position when it triggers (Binance's
    /// `cp`): its quantity is then not yet known.
    pub close_position: bool,
    /// The trigger price of a conditional order (`tp`, or `sp` in an order
    /// event), when the event states one; read to rebuild an order, never
    /// compared.
    pub trigger_price: Option<Price>,
    /// The price a conditional order's trigger watches (`wt`), when stated.
    pub working_type: Option<WorkingType>,
}

/// One exchange event about one order, in exchange-neutral form.
///
/// Adapters (see `ordertrack-binance`) build these from the exchange's payloads;
/// [`crate::AnyOrder::apply`] applies them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ExecutionReport {
    /// The client order id, when the event names it.
    pub client_id: Option<ClientOrderId>,
    /// The exchange's order id, when the event names it (for an algo service
    /// event, the id of the matching-engine order it triggered into).
    pub exchange_id: Option<ExchangeOrderId>,
    /// The algo service's id, for an event of the algo service (`ALGO_UPDATE`,
    /// an algo endpoint's answer); `None` for the matching engine's events.
    pub algo_id: Option<AlgoId>,
    /// The instrument.
    pub symbol: Symbol,
    /// What happened.
    pub execution: ExecutionType,
    /// The order's status after it, as the exchange reports it.
    pub status: ReportStatus,
    /// The trade, for `TRADE` and `CALCULATED` executions.
    pub fill: Option<ReportFill>,
    /// The exchange's cumulative filled quantity after this event (Binance's
    /// `z`); `None` when the event does not state it (`TRADE_LITE`).
    pub cumulative_qty: Option<Qty>,
    /// The order's terms as the event restates them, checked against the
    /// tracked order; `None` when the event carries none.
    pub terms: Option<OrderTerms>,
    /// The new quantity and price, for `AMENDMENT` executions.
    pub amendment: Option<Amendment>,
    /// Why the order expired, for `EXPIRED` executions (Binance's `er`).
    pub expiry_reason: Option<ExpiryReason>,
    /// Exchange transaction time (ms).
    pub transaction_time: u64,
}

impl ExecutionReport {
    /// A report of `execution` with order status `status` at
    /// `transaction_time`, naming no order and carrying nothing else: set the
    /// public fields the event has.
    ///
    /// ```
    /// use ordertrack_model::*;
    ///
    /// let report = ExecutionReport {
    ///     exchange_id: Some(ExchangeOrderId(42)),
    ///     ..ExecutionReport::new(Symbol::new("BTCUSDT")?, ExecutionType::Canceled, ReportStatus::Canceled, 1_000)
    /// };
    /// assert_eq!((report.fill, report.cumulative_qty, report.terms), (None, None, None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(
        symbol: Symbol,
        execution: ExecutionType,
        status: ReportStatus,
        transaction_time: u64,
    ) -> Self {
        Self {
            client_id: None,
            exchange_id: None,
            algo_id: None,
            symbol,
            execution,
            status,
            fill: None,
            cumulative_qty: None,
            terms: None,
            amendment: None,
            expiry_reason: None,
            transaction_time,
        }
    }

    /// The report's fill as a model [`Fill`], when it carries one.
    #[must_use]
    pub fn as_fill(&self) -> Option<Fill> {
        self.fill.map(|f| Fill {
            trade_id: f.trade_id,
            qty: f.qty,
            price: f.price,
            at: self.transaction_time,
            exchange_id: self.exchange_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_and_status_pairs() {
        use ExecutionType as X;
        use ReportStatus as S;
        assert!(X::New.allows(S::New));
        assert!(!X::New.allows(S::Filled));
        assert!(X::Trade.allows(S::PartiallyFilled) && X::Trade.allows(S::Filled));
        assert!(!X::Trade.allows(S::Canceled));
        assert!(X::Calculated.allows(S::Filled));
        assert!(X::Expired.allows(S::ExpiredInMatch));
        assert!(!X::Canceled.allows(S::Expired));
        assert!(X::Amendment.allows(S::PartiallyFilled));
        assert!(X::Rejected.allows(S::Rejected) && !X::Rejected.allows(S::New));
        assert!(X::Calculated.is_fill() && !X::New.is_fill());
        assert!(X::Triggered.allows(S::Finished) && !X::Triggering.allows(S::Triggered));
        // 14 of the 90 pairs are allowed (docs/state-machine.md).
        let allowed = X::ALL
            .iter()
            .flat_map(|x| S::ALL.iter().filter(move |s| x.allows(**s)))
            .count();
        assert_eq!(allowed, 14);
        let names: std::collections::BTreeSet<_> = S::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names.len(), S::ALL.len());
    }
}
