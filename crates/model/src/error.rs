//! Typed errors of the order model. Every error leaves the order it concerns
//! exactly as it was.

use crate::decimal::Qty;
use crate::handle::OrderMut;
use crate::ids::{AlgoId, ClientOrderId, ExchangeOrderId, TradeId};
use crate::kinds::{OrderType, Origin, Side};
use crate::report::{ExecutionType, ReportStatus};
use crate::state::{OrderStatus, State};
use crate::symbol::Symbol;

/// Why a conditional order's transition (`arm`, `triggered_into`,
/// `legacy_trigger`) was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TriggerError {
    /// The order is not a conditional order: it has no algo service life and
    /// no trigger.
    #[error("a {order_type} order is not a conditional order")]
    NotConditional {
        /// The order's type.
        order_type: OrderType,
    },
}

impl<S: State> From<Refused<'_, S, TriggerError>> for TriggerError {
    fn from(refused: Refused<'_, S, TriggerError>) -> Self {
        refused.error
    }
}

/// Why an order could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// Quantity must be positive, unless the order closes the position at
    /// its trigger.
    #[error("order {client_id}: quantity must be greater than zero")]
    ZeroQuantity {
        /// The order.
        client_id: ClientOrderId,
    },
    /// A close-position order states no quantity (`q = "0"`): its quantity is
    /// the position at trigger.
    #[error("order {client_id}: a close-position order takes no quantity, not {quantity}")]
    CloseWithQuantity {
        /// The order.
        client_id: ClientOrderId,
        /// The quantity given.
        quantity: Qty,
    },
    /// A conditional type without a trigger, or a trigger on another type.
    #[error(
        "order {client_id}: a {order_type} order {}",
        if order_type.is_conditional() { "needs a trigger" } else { "takes no trigger" }
    )]
    TriggerMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// Its type.
        order_type: OrderType,
    },
    /// A trigger without a price on a type other than `TRAILING_STOP_MARKET`.
    #[error("order {client_id}: a {order_type} order needs a trigger price")]
    MissingTriggerPrice {
        /// The order.
        client_id: ClientOrderId,
        /// Its type.
        order_type: OrderType,
    },
    /// This order type needs a limit price.
    #[error("order {client_id}: a {order_type} order needs a price")]
    MissingPrice {
        /// The order.
        client_id: ClientOrderId,
        /// Its type.
        order_type: OrderType,
    },
    /// Leverage outside Binance's 1..=125.
    #[error("order {client_id}: leverage {leverage} is outside 1..=125")]
    LeverageOutOfRange {
        /// The order.
        client_id: ClientOrderId,
        /// The refused leverage.
        leverage: u16,
    },
    /// A `PMS` client id whose embedded prefix is not the order's sub-account's.
    #[error(
        "order {client_id}: the id's sub-account prefix does not match sub-account {sub_account}"
    )]
    SubAccountMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The sub-account given for it.
        sub_account: crate::SubAccountId,
    },
    /// A `PMS` client id whose embedded origin is not the order's origin.
    #[error(
        "order {client_id}: the id's origin word does not name origin {}",
        origin.map_or("unknown", Origin::name)
    )]
    OriginMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The origin given for it.
        origin: Option<Origin>,
    },
}

impl OrderError {
    /// A short stable name for the error's kind: `zero_quantity`,
    /// `close_with_quantity`, `trigger_mismatch`, `missing_trigger_price`,
    /// `missing_price`, `leverage_out_of_range`, `sub_account_mismatch`,
    /// `origin_mismatch`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::ZeroQuantity { .. } => "zero_quantity",
            Self::CloseWithQuantity { .. } => "close_with_quantity",
            Self::TriggerMismatch { .. } => "trigger_mismatch",
            Self::MissingTriggerPrice { .. } => "missing_trigger_price",
            Self::MissingPrice { .. } => "missing_price",
            Self::LeverageOutOfRange { .. } => "leverage_out_of_range",
            Self::SubAccountMismatch { .. } => "sub_account_mismatch",
            Self::OriginMismatch { .. } => "origin_mismatch",
        }
    }
}

/// Why a fill could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    /// A fill of zero quantity.
    #[error("fill {trade_id}: quantity must be greater than zero")]
    ZeroQty {
        /// The fill's trade id.
        trade_id: TradeId,
    },
    /// The fill would take the filled quantity above the order's quantity.
    #[error(
        "fill {trade_id}: {fill_qty} on top of {filled} filled exceeds the order quantity {quantity} (overfill)"
    )]
    Overfill {
        /// The fill's trade id.
        trade_id: TradeId,
        /// The fill's quantity.
        fill_qty: Qty,
        /// Filled before this fill.
        filled: Qty,
        /// The order's quantity.
        quantity: Qty,
    },
    /// A fill whose trade id is at or below the order's duplicate-window floor:
    /// it cannot be told apart from a fill already counted (the rule is in
    /// [`crate::Fills`]'s module docs), so it is not applied.
    #[error(
        "fill {trade_id}: trade id is at or below {floor}, the highest one no longer remembered; it may be a duplicate, so it is not applied (reconcile with the exchange's cumulative quantity)"
    )]
    BeyondDuplicateWindow {
        /// The fill's trade id.
        trade_id: TradeId,
        /// The order's floor ([`crate::Fills::floor`]).
        floor: TradeId,
    },
    /// A close-position order's triggered order stated a quantity below what
    /// has already filled (or zero).
    #[error("stated quantity {quantity} is below the {filled} already filled, or zero")]
    StatedBelowFilled {
        /// The quantity stated.
        quantity: Qty,
        /// Filled so far.
        filled: Qty,
    },
    /// An order asked to complete whose fills are not its whole (known)
    /// quantity, or whose exchange id is not known.
    #[error("{filled} filled of {quantity}: the order is not complete")]
    NotComplete {
        /// Filled so far.
        filled: Qty,
        /// The order's quantity (zero while not known).
        quantity: Qty,
    },
    /// A fill for an order not yet acknowledged that does not name the exchange id.
    #[error("fill {trade_id}: the order has no exchange id yet and the fill does not carry one")]
    MissingExchangeId {
        /// The fill's trade id.
        trade_id: TradeId,
    },
    /// The fill names another exchange order than the one the order has.
    #[error("fill {trade_id}: exchange order id {reported} differs from the order's {known}")]
    ExchangeIdMismatch {
        /// The fill's trade id.
        trade_id: TradeId,
        /// The order's exchange id.
        known: ExchangeOrderId,
        /// The fill's exchange id.
        reported: ExchangeOrderId,
    },
}

/// Why an amendment could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmendError {
    /// The order was never acknowledged (a cancel sent before any ack), so the
    /// exchange cannot have amended it.
    #[error("amendment: the order was never acknowledged by the exchange")]
    NotAcknowledged,
    /// The new quantity would not exceed what is already filled.
    #[error("amendment: new quantity {quantity} must exceed the filled {filled}")]
    QuantityBelowFilled {
        /// The amended quantity.
        quantity: Qty,
        /// Filled so far.
        filled: Qty,
    },
}

/// A transition that was refused: the handle comes back, the order unchanged,
/// with the reason.
#[derive(Debug)]
pub struct Refused<'a, S: State, E> {
    /// The order's handle; the order is exactly as it was.
    pub order: OrderMut<'a, S>,
    /// Why the transition was refused.
    pub error: E,
}

/// Why a placement could not be rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectError {
    /// The exchange acknowledged the order (it has exchange id `exchange_id`):
    /// it accepted the placement, so only a cancel can be refused now.
    #[error("reject: the exchange acknowledged the order as {exchange_id}")]
    Acknowledged {
        /// The order's exchange id.
        exchange_id: ExchangeOrderId,
    },
}

/// Why a feed report could not be applied to an order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The report's fill was refused.
    #[error("order {client_id}: {source}")]
    Fill {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: FillError,
    },
    /// The report's rejection was refused (the exchange had acknowledged the order).
    #[error("order {client_id}: {source}")]
    Reject {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: RejectError,
    },
    /// The report's amendment was refused.
    #[error("order {client_id}: {source}")]
    Amend {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: AmendError,
    },
    /// The report is for another symbol than the order's.
    #[error("order {client_id} is on {expected}, the report is for {reported}")]
    SymbolMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The order's symbol.
        expected: Symbol,
        /// The report's symbol.
        reported: Symbol,
    },
    /// The report restates one of the order's terms (side, original type,
    /// quantity) differently from the tracked order.
    #[error("order {client_id}: {mismatch}")]
    TermsMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// Which term, what the order has and what the report says.
        mismatch: TermMismatch,
    },
    /// The report names another client id than the order's.
    #[error("order {client_id}: the report names client id {reported}")]
    ClientIdMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The report's client id.
        reported: ClientOrderId,
    },
    /// The report names another exchange id than the order's.
    #[error("order {client_id}: exchange order id {reported} differs from the order's {known}")]
    ExchangeIdMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The order's exchange id.
        known: ExchangeOrderId,
        /// The report's exchange id.
        reported: ExchangeOrderId,
    },
    /// A conditional order's transition refused the report.
    #[error("order {client_id}: {source}")]
    Trigger {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: TriggerError,
    },
    /// The report names another algo order than the one the order has.
    #[error("order {client_id}: algo id {reported} differs from the order's {known}")]
    AlgoIdMismatch {
        /// The order.
        client_id: ClientOrderId,
        /// The order's algo id.
        known: AlgoId,
        /// The report's algo id.
        reported: AlgoId,
    },
    /// An algo-service event (`TRIGGERING`, `TRIGGERED`) without the algo id.
    #[error("order {client_id}: the {execution} report carries no algo id")]
    MissingAlgoId {
        /// The order.
        client_id: ClientOrderId,
        /// The report's execution type.
        execution: ExecutionType,
    },
    /// An acknowledgement without the exchange's order id.
    #[error("order {client_id}: the {execution} report carries no exchange order id")]
    MissingExchangeId {
        /// The order.
        client_id: ClientOrderId,
        /// The report's execution type.
        execution: ExecutionType,
    },
    /// A trade report without its fill (trade id, quantity, price).
    #[error("order {client_id}: the {execution} report carries no fill")]
    MissingFill {
        /// The order.
        client_id: ClientOrderId,
        /// The report's execution type.
        execution: ExecutionType,
    },
    /// An amendment report without the new quantity or price.
    #[error("order {client_id}: the AMENDMENT report carries no new quantity")]
    MissingAmendment {
        /// The order.
        client_id: ClientOrderId,
    },
    /// Execution type and order status that cannot go together.
    #[error("report: execution type {execution} cannot come with order status {status}")]
    Inconsistent {
        /// The report's execution type.
        execution: ExecutionType,
        /// The report's order status.
        status: ReportStatus,
    },
    /// An event that no transition of the order's state accepts (for example a
    /// `REJECTED` for an acknowledged order, or any event for an order never sent).
    #[error("order {client_id} is {status}: a {execution} report does not apply")]
    NotApplicable {
        /// The order.
        client_id: ClientOrderId,
        /// The order's state.
        status: OrderStatus,
        /// The report's execution type.
        execution: ExecutionType,
    },
}

impl ApplyError {
    /// A short stable name for the error's kind: `fill_refused`,
    /// `amendment_refused`, `rejection_refused`, `trigger_refused`, `report_mismatch` (symbol, client, exchange or algo id),
    /// `terms_mismatch` (side, original type, quantity), `incomplete_report`,
    /// `inconsistent_report` or `not_applicable`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Fill { .. } => "fill_refused",
            Self::Amend { .. } => "amendment_refused",
            Self::Reject { .. } => "rejection_refused",
            Self::Trigger { .. } => "trigger_refused",
            Self::SymbolMismatch { .. }
            | Self::ClientIdMismatch { .. }
            | Self::ExchangeIdMismatch { .. }
            | Self::AlgoIdMismatch { .. } => "report_mismatch",
            Self::TermsMismatch { .. } => "terms_mismatch",
            Self::MissingExchangeId { .. }
            | Self::MissingAlgoId { .. }
            | Self::MissingFill { .. }
            | Self::MissingAmendment { .. } => "incomplete_report",
            Self::Inconsistent { .. } => "inconsistent_report",
            Self::NotApplicable { .. } => "not_applicable",
        }
    }
}

/// A term of the order that a report restates differently: the field (named
/// as Binance names it), the order's value and the report's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TermMismatch {
    /// `S`: the report is for the other side.
    #[error("field `S` (side): the order is {expected}, the report says {reported}")]
    Side {
        /// The order's side.
        expected: Side,
        /// The report's side.
        reported: Side,
    },
    /// `ot`: the report names another original order type.
    #[error(
        "field `ot` (original order type): the order is {expected}, the report says {reported}"
    )]
    OrderType {
        /// The order's type.
        expected: OrderType,
        /// The report's original type.
        reported: OrderType,
    },
    /// `q`: the report states another order quantity.
    #[error("field `q` (order quantity): the order has {expected}, the report says {reported}")]
    Quantity {
        /// The order's quantity (as amended).
        expected: Qty,
        /// The report's quantity.
        reported: Qty,
    },
}

/// An engine request the order's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("order {client_id} is {status}: {request} is not allowed")]
pub struct RequestError {
    /// The order.
    pub client_id: ClientOrderId,
    /// The order's state.
    pub status: OrderStatus,
    /// What was asked.
    pub request: Request,
}

/// The engine's requests, as named in [`RequestError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Send the order.
    Place,
    /// Cancel the order.
    Cancel,
    /// The placement failed definitively.
    PlaceFailed,
    /// The placement's outcome is unknown (network error, timeout).
    PlaceInDoubt,
    /// The exchange rejected the cancel (it does not know the order).
    CancelRejected,
}

impl std::fmt::Display for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Place => "place",
            Self::Cancel => "cancel",
            Self::PlaceFailed => "place_failed",
            Self::PlaceInDoubt => "place_in_doubt",
            Self::CancelRejected => "cancel_rejected",
        })
    }
}
