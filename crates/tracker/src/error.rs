//! What the tracker answers when an operation cannot be done. Every error leaves
//! the arena and every index exactly as they were.

use ordertrack_model::{
    ApplyError, ClientOrderId, ExchangeOrderId, PmsParts, RequestError, Symbol,
};

use crate::OrderKey;

/// Why a tracker operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackError {
    /// `register` of a client id already tracked.
    #[error("client order id {client_id} is already tracked")]
    DuplicateClientId {
        /// The id.
        client_id: ClientOrderId,
    },
    /// An exchange id already bound to another tracked order of the same symbol.
    #[error(
        "exchange order id {exchange_id} on {symbol} already belongs to tracked order {holder_client_id}, not to {client_id}"
    )]
    ExchangeIdTaken {
        /// The symbol.
        symbol: Symbol,
        /// The exchange id.
        exchange_id: ExchangeOrderId,
        /// The order that holds it.
        holder: OrderKey,
        /// The holder's client id.
        holder_client_id: ClientOrderId,
        /// The client id of the order the report was routed to.
        client_id: ClientOrderId,
    },
    /// A key that names no tracked order: its order was removed. (Keys carry no
    /// tracker identity: a key from another tracker is refused only when it names
    /// no slot here, so never mix keys across trackers.)
    #[error("order key {key:?} names no tracked order (removed or from another tracker)")]
    StaleKey {
        /// The key.
        key: OrderKey,
    },
    /// A request by client id for an id no tracked order has.
    #[error("no tracked order has client order id {client_id}")]
    UnknownClientId {
        /// The id.
        client_id: ClientOrderId,
    },
    /// The report could not be applied to the order it routed to.
    #[error("report refused: {source}")]
    Apply {
        /// The order the report routed to.
        key: OrderKey,
        /// Why.
        source: ApplyError,
    },
    /// The engine request is not allowed in the order's state.
    #[error("request refused: {source}")]
    Request {
        /// The order.
        key: OrderKey,
        /// Why.
        source: RequestError,
    },
}

impl TrackError {
    /// A short stable name for the error's kind: `duplicate_client_id`,
    /// `exchange_id_taken`, `stale_key`, `unknown_client_id`,
    /// `request_refused`, or the
    /// [`ApplyError::kind`] of a refused report.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::DuplicateClientId { .. } => "duplicate_client_id",
            Self::ExchangeIdTaken { .. } => "exchange_id_taken",
            Self::StaleKey { .. } => "stale_key",
            Self::UnknownClientId { .. } => "unknown_client_id",
            Self::Apply { source, .. } => source.kind(),
            Self::Request { .. } => "request_refused",
        }
    }
}

/// A report for an order this tracker does not track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownOrder {
    /// The report's client id, if it had one.
    pub client_id: Option<ClientOrderId>,
    /// The report's exchange id, if it had one.
    pub exchange_id: Option<ExchangeOrderId>,
    /// The report's symbol.
    pub symbol: Symbol,
    /// When the client id has the engine's `PMS` shape: the sub-account prefix and
    /// origin it names. `None` for a foreign order (Binance's `autoclose-…`, other
    /// bots, manual trades on the exchange's site).
    pub ours: Option<PmsParts>,
}

impl UnknownOrder {
    /// Whether the client id is one the engine makes (a `PMS…` id we do not track:
    /// typically an order from before a restart, or already cleaned up).
    #[must_use]
    pub fn is_ours(&self) -> bool {
        self.ours.is_some()
    }
}
