//! The typed report of a reconciliation: the steps it will take, what it
//! still needs, what it leaves alone.

use ordertrack::{
    AlgoId, AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, FailReason, OrderKey,
    OrderStatus, Qty, ReportStatus, Symbol,
};

use super::{Fetch, UserTrade};
use crate::seed::SeedError;
use crate::wire::WireAlgoStatus;

/// What a [`Step`] does to its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A placement the exchange lists (or shows open when queried):
    /// acknowledged, with any missed trades.
    Acknowledge,
    /// The exchange executed more than the order holds: the missed trades,
    /// from `userTrades`, booked.
    MissedFills,
    /// The order is no longer open: its missed trades booked, then the
    /// query's status (`FILLED`: the trades alone fill it).
    Close(ReportStatus),
    /// A conditional order the algo service no longer lists: its status
    /// applied (cancelled, expired, rejected, or triggered).
    Conditional(WireAlgoStatus),
    /// A placement the exchange does not know (`-2013`) and that was sent
    /// more than the `recvWindow` ago: it can no longer take effect, so it
    /// failed with the exchange's code.
    Fail,
    /// An order of ours (a `PMS…` client id) the tracker did not know:
    /// rebuilt ([`crate::seed_order`]), registered, and brought to the exchange's
    /// state with its trades.
    Adopt,
}

/// One change to one order: the reports (and, for [`StepKind::Fail`], the
/// failure) that bring it in line with the exchange, applied in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The tracked order; `None` for an adoption.
    pub key: Option<OrderKey>,
    /// The order's client id.
    pub client_id: ClientOrderId,
    /// The order's symbol.
    pub symbol: Symbol,
    /// What the step does.
    pub kind: StepKind,
    /// The missed trades it books, by trade id.
    pub trades: Vec<UserTrade>,
    /// The reports it applies, in order.
    pub reports: Vec<ExecutionReport>,
    /// The placement failure it records after them.
    pub fail: Option<FailReason>,
    /// The exchange's executed quantity beyond what the order will hold
    /// after the step: zero unless `userTrades` returned fewer trades than
    /// the order executed (a page limit, or trades after the snapshot).
    pub unbooked: Qty,
    /// The rebuilt order, for an adoption.
    pub(crate) adopt: Option<AnyOrder>,
}

/// An order the snapshot does not settle, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftAlone {
    /// A placement the exchange does not know yet, sent less than the
    /// `recvWindow` ago: it may still arrive.
    TooRecent {
        /// The order.
        key: OrderKey,
        /// Its client id.
        client_id: ClientOrderId,
        /// When it was sent (ms).
        sent_at: u64,
    },
    /// An acknowledged order the exchange no longer lists nor knows
    /// (Binance purges cancelled or expired orders without fills after
    /// three days): its outcome is not known.
    UnknownToExchange {
        /// The order.
        key: OrderKey,
        /// Its client id.
        client_id: ClientOrderId,
        /// The query's code.
        code: Option<i64>,
    },
    /// The exchange lists as open an order the tracker holds closed.
    ClosedHere {
        /// The order.
        key: OrderKey,
        /// Its client id.
        client_id: ClientOrderId,
        /// Its state here.
        status: OrderStatus,
    },
    /// An order of ours the tracker does not know, that cannot be rebuilt
    /// from the answer (an old answer without `origType`, say).
    Unadoptable {
        /// Its client id.
        client_id: ClientOrderId,
        /// Its symbol.
        symbol: Symbol,
        /// Why.
        error: SeedError,
    },
}

/// A listed order that is not the engine's (no `PMS…` client id): listed,
/// never adopted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignOrder {
    /// Its client id.
    pub client_id: ClientOrderId,
    /// Its symbol.
    pub symbol: Symbol,
    /// The matching engine's id, for an order of `openOrders`.
    pub exchange_id: Option<ExchangeOrderId>,
    /// The algo service's id, for an order of `openAlgoOrders`.
    pub algo_id: Option<AlgoId>,
}

/// The typed report of a reconciliation: what differs and what will be
/// done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// The changes, one per order.
    pub steps: Vec<Step>,
    /// Requests still needed before the orders they are about can be
    /// settled: fetch them and reconcile again.
    pub to_fetch: Vec<Fetch>,
    /// Listed orders that are not the engine's.
    pub foreign: Vec<ForeignOrder>,
    /// Orders the snapshot does not settle.
    pub left_alone: Vec<LeftAlone>,
    /// Live tracked orders the snapshot confirms as they are.
    pub in_agreement: Vec<OrderKey>,
}
