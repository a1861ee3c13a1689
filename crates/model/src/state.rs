//! The nine order states: zero-sized, sealed type-level markers for the typed
//! handles, [`StateData`] (the tag and the data that exists only in some states)
//! for the record that stays put.

use std::fmt;

use crate::ids::{AlgoId, ExchangeOrderId};

mod sealed {
    /// Closes [`super::State`] to this crate: no state can be added from outside.
    pub trait Sealed {}
}

/// A state a typed handle ([`crate::OrderMut`], [`crate::OrderRef`]) can name.
/// Sealed: exactly the nine markers below.
pub trait State: sealed::Sealed + Sized + 'static {
    /// What an order in this state carries beyond the common fields.
    type Data: Copy + PartialEq + Eq + fmt::Debug + Send + Sync + 'static;
    /// The runtime name of this state.
    const STATUS: OrderStatus;
    /// This state's data, when `state` is this state.
    #[doc(hidden)]
    fn data(state: &StateData) -> Option<Self::Data>;
    /// The tag and data of this state.
    #[doc(hidden)]
    fn wrap(data: Self::Data) -> StateData;
}

/// The runtime name of an order's state: the tag of [`StateData`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OrderStatus {
    /// Built, not yet sent.
    Idle,
    /// Sent; the exchange has not acknowledged it.
    Placing,
    /// A conditional order accepted by the algo service, waiting for its
    /// trigger (or triggering).
    Armed,
    /// Acknowledged and working on the book (possibly partly filled); for a
    /// conditional order, triggered and bound to its matching-engine order.
    Active,
    /// A cancel was sent; the exchange has not confirmed it.
    Cancelling,
    /// Completely filled. Terminal.
    Filled,
    /// Cancelled by the exchange. Terminal.
    Cancelled,
    /// Expired (time in force, self-trade prevention, price protection). Terminal.
    Expired,
    /// Definitively rejected. Terminal.
    Failed,
}

impl OrderStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 9] = [
        Self::Idle,
        Self::Placing,
        Self::Armed,
        Self::Active,
        Self::Cancelling,
        Self::Filled,
        Self::Cancelled,
        Self::Expired,
        Self::Failed,
    ];

    /// Whether no state can follow this one.
    #[must_use]
    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Filled | Self::Cancelled | Self::Expired | Self::Failed
        )
    }

    /// Whether the order is working or may be working on the exchange
    /// (`Placing`, `Armed`, `Active`, `Cancelling`).
    #[must_use]
    pub const fn is_live(self) -> bool {
        matches!(
            self,
            Self::Placing | Self::Armed | Self::Active | Self::Cancelling
        )
    }

    /// The state's name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Idle => "Idle",
            Self::Placing => "Placing",
            Self::Armed => "Armed",
            Self::Active => "Active",
            Self::Cancelling => "Cancelling",
            Self::Filled => "Filled",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
            Self::Failed => "Failed",
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a `Placing` order knows beyond the common fields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PlacingData {
    /// When the engine sent the order (ms).
    pub sent_at: u64,
    /// When a network error or timeout left the placement's outcome unknown (ms).
    pub in_doubt_since: Option<u64>,
}

/// What an `Armed` order knows: the algo service has accepted it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ArmedData {
    /// The algo service's id for the order.
    pub algo_id: AlgoId,
    /// When the order was sent (ms).
    pub sent_at: u64,
    /// When the service reported the trigger condition met (`TRIGGERING`),
    /// while its matching-engine order is being placed.
    pub triggering_since: Option<u64>,
}

/// What an `Active` or `Filled` order knows: the exchange has acknowledged it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct AckedData {
    /// The exchange's id for the order.
    pub exchange_id: ExchangeOrderId,
    /// When the order was sent (ms): kept for a cancel and its rejection.
    pub sent_at: u64,
}

/// What a `Cancelling` order knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CancellingData {
    /// The exchange's id, once any ack or fill has named it.
    pub exchange_id: Option<ExchangeOrderId>,
    /// When the cancel was requested (ms).
    pub requested_at: u64,
    /// The placement data: when the order was sent and, while it was never
    /// acknowledged, whether its placement is in doubt (kept for the return
    /// to `Placing` when a cancel sent before any ack is rejected).
    pub placing: PlacingData,
}

/// Why an order failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FailReason {
    /// The exchange's feed reported the order `REJECTED`.
    Rejected,
    /// The exchange answered the placement with a definitive error code
    /// (for example Binance's `-2019`, margin is insufficient).
    ExchangeError {
        /// The exchange's error code.
        code: i32,
    },
}

/// The exchange's reason for an expiry (Binance's `er` field), kept verbatim.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ExpiryReason(pub u16);

impl ExpiryReason {
    /// Binance's reason `8`: "the conditional order triggered; the order that
    /// was waiting is expired" (the `er` list of `ORDER_TRADE_UPDATE`): the
    /// legacy trigger (docs/state-machine.md).
    pub const TRIGGERED: Self = Self(8);
}

/// What a terminal (`Cancelled`, `Expired`, `Failed`) order knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ClosedData<R> {
    /// The exchange's id, if any ack or fill ever named it.
    pub exchange_id: Option<ExchangeOrderId>,
    /// When the order became terminal (ms).
    pub closed_at: u64,
    /// State-specific detail: `()`, the expiry reason, or the failure reason.
    pub detail: R,
}

/// What a `Filled` order knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FilledData {
    /// The exchange's id for the order.
    pub exchange_id: ExchangeOrderId,
    /// When the final fill completed the order (ms).
    pub closed_at: u64,
}

/// An order's state tag with the data only that state has: what the record
/// holds, a few words per state.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StateData {
    /// Built, not yet sent.
    Idle,
    /// Sent, not yet acknowledged.
    Placing(PlacingData),
    /// Accepted by the algo service, waiting for its trigger.
    Armed(ArmedData),
    /// Acknowledged and working.
    Active(AckedData),
    /// A cancel is in flight.
    Cancelling(CancellingData),
    /// Completely filled.
    Filled(FilledData),
    /// Cancelled.
    Cancelled(ClosedData<()>),
    /// Expired.
    Expired(ClosedData<Option<ExpiryReason>>),
    /// Definitively rejected.
    Failed(ClosedData<FailReason>),
}

impl StateData {
    /// The state's runtime name.
    #[must_use]
    pub const fn status(&self) -> OrderStatus {
        match self {
            Self::Idle => OrderStatus::Idle,
            Self::Placing(_) => OrderStatus::Placing,
            Self::Armed(_) => OrderStatus::Armed,
            Self::Active(_) => OrderStatus::Active,
            Self::Cancelling(_) => OrderStatus::Cancelling,
            Self::Filled(_) => OrderStatus::Filled,
            Self::Cancelled(_) => OrderStatus::Cancelled,
            Self::Expired(_) => OrderStatus::Expired,
            Self::Failed(_) => OrderStatus::Failed,
        }
    }

    /// The exchange's order id, once an ack or fill has named it.
    #[must_use]
    pub const fn exchange_id(&self) -> Option<ExchangeOrderId> {
        match self {
            Self::Idle | Self::Placing(_) | Self::Armed(_) => None,
            Self::Active(d) => Some(d.exchange_id),
            Self::Filled(d) => Some(d.exchange_id),
            Self::Cancelling(d) => d.exchange_id,
            Self::Cancelled(d) => d.exchange_id,
            Self::Expired(d) => d.exchange_id,
            Self::Failed(d) => d.exchange_id,
        }
    }

    /// When the order became terminal (ms); `None` while it is not.
    #[must_use]
    pub const fn closed_at(&self) -> Option<u64> {
        match self {
            Self::Filled(d) => Some(d.closed_at),
            Self::Cancelled(d) => Some(d.closed_at),
            Self::Expired(d) => Some(d.closed_at),
            Self::Failed(d) => Some(d.closed_at),
            Self::Idle
            | Self::Placing(_)
            | Self::Armed(_)
            | Self::Active(_)
            | Self::Cancelling(_) => None,
        }
    }
}

macro_rules! states {
    ($($(#[$meta:meta])* $name:ident => $data:ty, $value:pat => $got:expr, $wrap:expr;)*) => {$(
        $(#[$meta])*
        #[derive(Debug)]
        pub enum $name {}
        impl sealed::Sealed for $name {}
        impl State for $name {
            type Data = $data;
            const STATUS: OrderStatus = OrderStatus::$name;
            fn data(state: &StateData) -> Option<$data> {
                match *state {
                    $value => Some($got),
                    _ => None,
                }
            }
            fn wrap(data: $data) -> StateData {
                $wrap(data)
            }
        }
    )*};
}

states! {
    /// Marker: built, not yet sent.
    Idle => (), StateData::Idle => (), |()| StateData::Idle;
    /// Marker: sent, not yet acknowledged.
    Placing => PlacingData, StateData::Placing(d) => d, StateData::Placing;
    /// Marker: accepted by the algo service, waiting for its trigger.
    Armed => ArmedData, StateData::Armed(d) => d, StateData::Armed;
    /// Marker: acknowledged and working.
    Active => AckedData, StateData::Active(d) => d, StateData::Active;
    /// Marker: a cancel is in flight.
    Cancelling => CancellingData, StateData::Cancelling(d) => d, StateData::Cancelling;
    /// Marker: completely filled (terminal).
    Filled => FilledData, StateData::Filled(d) => d, StateData::Filled;
    /// Marker: cancelled (terminal).
    Cancelled => ClosedData<()>, StateData::Cancelled(d) => d, StateData::Cancelled;
    /// Marker: expired (terminal).
    Expired => ClosedData<Option<ExpiryReason>>, StateData::Expired(d) => d, StateData::Expired;
    /// Marker: definitively rejected (terminal).
    Failed => ClosedData<FailReason>, StateData::Failed(d) => d, StateData::Failed;
}
