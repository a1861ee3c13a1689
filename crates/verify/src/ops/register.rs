//! How a registered order is made: its spec's choices ([`RegisterOp`]), its
//! client id, trigger and start state.

use arbitrary::Arbitrary;

use super::OrderRef;

/// How to build the order of an [`super::Op::Register`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub struct RegisterOp {
    /// Its client order id.
    pub client_id: ClientIdPick,
    /// Its sub-account, from [`super::pools::SUB_ACCOUNTS`] (two share their 8-character prefix).
    pub sub_account: u8,
    /// Its symbol, from [`super::pools::SYMBOLS`].
    pub symbol: u8,
    /// Its parent algo, from [`super::pools::PARENTS`].
    pub parent: Option<u8>,
    /// Its origin, from `Origin::ALL`.
    pub origin: u8,
    /// Buy (`true`) or sell.
    pub buy: bool,
    /// Its type, from `OrderType::ALL`.
    pub order_type: u8,
    /// Quantity in lots of [`super::pools::LOT_UNITS`]; 0 is refused by `AnyOrder::new`.
    pub lots: u8,
    /// Limit price in ticks ([`super::pools::price`]); `None`: no price (refused for
    /// priced types).
    pub price_ticks: Option<u8>,
    /// Reduce-only flag.
    pub reduce_only: bool,
    /// Its trigger: right for a conditional type, refused by `AnyOrder::new`
    /// on another type (and its absence on a conditional one).
    pub trigger: TriggerPick,
    /// Leverage; 0 and values above 125 are refused by `AnyOrder::new`.
    pub leverage: u8,
    /// The state it is registered in.
    pub start: StartState,
    /// Whether counting callbacks are attached at registration.
    pub callbacks: bool,
}

/// Which client order id an order gets.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ClientIdPick {
    /// `ClientOrderId::with_unique(sub_account, origin, n)`: ours. A small `n`
    /// space, so the same id comes up again (also across the two sub-accounts
    /// sharing a prefix).
    Generated(u16),
    /// A foreign id from [`super::pools::FOREIGN_IDS`].
    Foreign(u8),
    /// The client id (and sub-account and origin) of an issued order: a duplicate
    /// while it is tracked, a legitimate reuse once it is removed.
    SameAs(OrderRef),
}

/// The state an order is registered in, reached by legal transitions.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub struct StartState {
    /// Which state.
    pub status: StartStatus,
    /// The exchange id it carries once acknowledged (`Omit`: a cancel sent before
    /// any ack, or a rejection, keeps it unknown).
    pub exchange_id: ExchangeIdPick,
    /// Lots filled before registration (capped below the quantity, except for
    /// `Filled`).
    pub prefill_lots: u8,
    /// How many ms before now its transitions happened (old terminal orders).
    pub age: u16,
}

/// The state named by a [`StartState`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum StartStatus {
    /// Never sent.
    Idle,
    /// Sent.
    Placing,
    /// Sent, then timed out.
    InDoubt,
    /// Acknowledged.
    Active,
    /// A cancel in flight.
    Cancelling,
    /// Completely filled.
    Filled,
    /// Cancelled.
    Cancelled,
    /// Expired.
    Expired,
    /// Definitively rejected.
    Failed,
    /// Accepted by the algo service (its `NEW` with the order's algo id).
    Armed,
    /// Armed, then the algo service's `TRIGGERING`.
    Triggering,
    /// Armed, then `TRIGGERED` naming its matching-engine order (the
    /// exchange id): Active, triggered; `prefill_lots` then fill it.
    Triggered,
    /// Sent, a cancel sent, then the algo service's `NEW`: Cancelling, its
    /// algo id known, no exchange id.
    CancellingArmed,
    /// Acknowledged by the matching engine (placed there before the algo
    /// service), then its legacy trigger: `EXPIRED` with reason 8. Active,
    /// triggered.
    LegacyTriggered,
}

/// The trigger an order is built with (`NewOrder::trigger`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum TriggerPick {
    /// None: right for LIMIT, MARKET, LIQUIDATION; refused on a conditional type.
    None,
    /// A trigger for the order's stated quantity.
    At {
        /// Trigger price in ticks ([`super::pools::price`]); 0: no trigger
        /// price (only a `TRAILING_STOP_MARKET` may omit it).
        price_ticks: u8,
        /// Watches the mark price (else the contract price).
        mark_price: bool,
    },
    /// A close-position trigger: the order's quantity is zero until its
    /// triggered order states one.
    ClosePosition {
        /// Trigger price in ticks, as for [`TriggerPick::At`].
        price_ticks: u8,
        /// Registered with its `lots` as quantity anyway (refused:
        /// `CloseWithQuantity`).
        with_quantity: bool,
    },
}

/// Which exchange order id a report or start state names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ExchangeIdPick {
    /// The order's own id, [`super::pools::own_exchange_id`] of its index.
    Own,
    /// None at all.
    Omit,
    /// Another issued order's own id (a conflict when on the same symbol).
    OfOrder(OrderRef),
    /// A small raw id, `n % 8`: collisions between orders.
    Raw(u8),
}
