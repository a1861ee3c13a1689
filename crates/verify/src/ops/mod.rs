//! The operation language: one [`Op`] is one thing an engine or the exchange's
//! feed does to a tracker.
//!
//! Ops are *relative*: they name orders by an [`OrderRef`], an index into the list
//! of every key issued so far (modulo its length, removed orders included), and
//! draw ids, symbols and sub-accounts from small [`pools`], so that any sequence of
//! random ops stays meaningful — orders collide on client ids, share buckets, get
//! reports meant for others, and are addressed by stale keys. The same ops come
//! from `arbitrary` (the fuzz targets: `Vec<Op>` is `Arbitrary`) and from proptest
//! ([`crate::strategies::op`]).
//!
//! An op is turned into a concrete [`crate::harness::Action`] (a real
//! `ExecutionReport`, an order's spec and the path to its start state) by
//! [`crate::harness::Model::resolve`], from the reference model's view of the
//! orders.

use arbitrary::Arbitrary;

/// An order, named by its index in the list of keys issued so far (taken modulo
/// that list's length; an op naming an order when none was ever issued does
/// nothing). Removed orders stay in the list: their keys are stale.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Arbitrary)]
pub struct OrderRef(pub u8);

/// One operation on a tracker.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum Op {
    /// Build an order (possibly invalid) and register it in a chosen state.
    Register(RegisterOp),
    /// The engine sent the order (`place`).
    Place {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The engine sent a cancel (`cancel`).
    Cancel {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The exchange definitively refused the placement (`place_failed`).
    PlaceFailed {
        /// The order.
        order: OrderRef,
        /// The exchange's error code.
        code: i16,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The placement timed out (`place_in_doubt`).
    PlaceInDoubt {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The exchange refused the cancel (`cancel_rejected`).
    CancelRejected {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// A feed report about an issued order (tracked or already removed).
    Report(ReportOp),
    /// A feed report for an order never registered: foreign ids, our ids from
    /// before a restart, bare exchange ids.
    UnknownReport(UnknownReportOp),
    /// Sends again a report sent earlier (index modulo the number sent): a
    /// duplicated, late or out-of-order delivery.
    Replay {
        /// Which earlier report.
        index: u8,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// Stops tracking an order (`unregister`), stale keys included.
    Unregister {
        /// The order.
        order: OrderRef,
    },
    /// Attaches (or replaces) the order's counting callbacks (`set_callbacks`).
    SetCallbacks {
        /// The order.
        order: OrderRef,
    },
    /// Time moves forward by `dt`, then `cleanup_terminal(now, max_age)`.
    Cleanup {
        /// Milliseconds the clock moves forward first.
        dt: u16,
        /// The cleanup's maximum age (ms).
        max_age: u16,
    },
}

/// How to build the order of an [`Op::Register`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub struct RegisterOp {
    /// Its client order id.
    pub client_id: ClientIdPick,
    /// Its sub-account, from [`pools::SUB_ACCOUNTS`] (two share their 8-character prefix).
    pub sub_account: u8,
    /// Its symbol, from [`pools::SYMBOLS`].
    pub symbol: u8,
    /// Its parent algo, from [`pools::PARENTS`].
    pub parent: Option<u8>,
    /// Its origin, from `Origin::ALL`.
    pub origin: u8,
    /// Buy (`true`) or sell.
    pub buy: bool,
    /// Its type, from `OrderType::ALL`.
    pub order_type: u8,
    /// Quantity in lots of [`pools::LOT_UNITS`]; 0 is refused by `AnyOrder::new`.
    pub lots: u8,
    /// Limit price in ticks ([`pools::price`]); `None`: no price (refused for
    /// priced types).
    pub price_ticks: Option<u8>,
    /// Reduce-only flag.
    pub reduce_only: bool,
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
    /// A foreign id from [`pools::FOREIGN_IDS`].
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
}

/// Which exchange order id a report or start state names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ExchangeIdPick {
    /// The order's own id, [`pools::own_exchange_id`] of its index.
    Own,
    /// None at all.
    Omit,
    /// Another issued order's own id (a conflict when on the same symbol).
    OfOrder(OrderRef),
    /// A small raw id, `n % 8`: collisions between orders.
    Raw(u8),
}

/// Which client order id a report names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ClientIdField {
    /// The order's own.
    Own,
    /// None (the report is routed by exchange id).
    Omit,
    /// Another issued order's.
    OfOrder(OrderRef),
    /// A foreign id from [`pools::FOREIGN_IDS`].
    Foreign(u8),
}

/// Which symbol a report names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum SymbolField {
    /// The order's own.
    Own,
    /// One of [`pools::REPORT_SYMBOLS`] (possibly the order's; possibly one no
    /// order trades).
    Pool(u8),
}

/// Which order status a report carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum StatusField {
    /// The status that goes with the execution type and the fill.
    Consistent,
    /// Any status (`n % 7`), possibly inconsistent with the execution type.
    Raw(u8),
}

/// The cumulative filled quantity a report carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum CumulativeField {
    /// What the order has filled, plus this report's fill.
    Consistent,
    /// Any number of lots (gaps, stale values).
    Lots(u8),
    /// None at all (Binance's `TRADE_LITE` states no `z`): no gap is known.
    Omit,
}

/// The order's terms a report restates (`ExecutionReport::terms`: Binance's
/// `S`, `ot`, `q`, `p`, `R`, `cp`), each variant but `Omit` starting from the
/// order's own — side, original type, quantity (an `AMENDMENT`'s new one),
/// price, reduce-only — as the reference sees them.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum TermsField {
    /// No terms.
    Omit,
    /// The order's own.
    Own,
    /// The order's own side, quantity and price only, no original type and no
    /// reduce-only flag (Binance's `TRADE_LITE`).
    Lite,
    /// The other side.
    OtherSide,
    /// Original type `n` of `OrderType::ALL` (possibly the order's).
    OrderType(u8),
    /// A quantity of `n` lots (possibly the order's).
    Quantity(u8),
    /// A close-position order's: `cp` set, `q = 0`.
    ClosePosition,
}

/// When a report says it happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum TimeField {
    /// Now.
    Now,
    /// This many ms ago (late, out-of-order events; old close times).
    Past(u16),
    /// This many ms ahead of the engine's clock (exchange clock skew).
    Future(u16),
}

/// What a report about an order says happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ReportKind {
    /// `NEW`: the ack.
    Ack,
    /// `TRADE` (or `CALCULATED`): a fill.
    Fill {
        /// `CALCULATED` (liquidation) instead of `TRADE`.
        calculated: bool,
        /// Its trade id.
        trade: TradePick,
        /// Its quantity.
        qty: FillQtyPick,
        /// Its price in ticks ([`pools::price`]).
        price_ticks: u8,
    },
    /// `CANCELED`.
    Cancel,
    /// `EXPIRED` (or `EXPIRED_IN_MATCH`).
    Expire {
        /// `EXPIRED_IN_MATCH` (self-trade prevention).
        in_match: bool,
        /// The exchange's expiry reason code.
        reason: Option<u16>,
    },
    /// `AMENDMENT`: new quantity (in lots; possibly below filled) and price.
    Amend {
        /// The new quantity in lots.
        lots: u8,
        /// The new price in ticks.
        price_ticks: Option<u8>,
    },
    /// `REJECTED`.
    Reject,
    /// An execution type (`n % 7`) without the fill or amendment it needs.
    Bare {
        /// Which execution type.
        execution: u8,
    },
}

/// Which trade id a fill carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum TradePick {
    /// Never used before.
    Fresh,
    /// From a tiny shared pool (`n % 4`): repeats within and across orders.
    Pool(u8),
    /// One the order has already applied (`n` modulo their number): a duplicate.
    Repeat(u8),
}

/// Which quantity a fill carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum FillQtyPick {
    /// Exactly what remains: the final fill.
    Rest,
    /// `n` lots (possibly more than remains, possibly zero).
    Lots(u8),
    /// Zero.
    Zero,
    /// One lot more than remains.
    Overfill,
    /// `Qty::MAX`.
    Huge,
}

/// A report about an issued order, and how each field relates to it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub struct ReportOp {
    /// The order it is about.
    pub order: OrderRef,
    /// What happened.
    pub kind: ReportKind,
    /// The client id it names.
    pub client_id: ClientIdField,
    /// The exchange id it names.
    pub exchange_id: ExchangeIdPick,
    /// The symbol it names.
    pub symbol: SymbolField,
    /// The status it carries.
    pub status: StatusField,
    /// The cumulative filled quantity it carries.
    pub cumulative: CumulativeField,
    /// Its transaction time.
    pub time: TimeField,
    /// Milliseconds the clock moves forward first.
    pub dt: u8,
    /// The order's terms it restates.
    pub terms: TermsField,
}

/// The client id of a report for an order never registered.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum UnknownClientId {
    /// No client id.
    None,
    /// A foreign id from [`pools::FOREIGN_IDS`].
    Foreign(u8),
    /// One of ours (`PMS…`) that may or may not be tracked.
    Ours {
        /// Sub-account from the pool.
        sub_account: u8,
        /// Origin from `Origin::ALL`.
        origin: u8,
        /// The unique part.
        unique: u16,
    },
}

/// A report for an order never registered (it may still reach one by id).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub struct UnknownReportOp {
    /// Its client id.
    pub client_id: UnknownClientId,
    /// Its exchange id, `n % 8` (small: it may name a tracked order).
    pub exchange_id: Option<u8>,
    /// Its symbol, from [`pools::REPORT_SYMBOLS`].
    pub symbol: u8,
    /// What happened.
    pub kind: ReportKind,
    /// Its transaction time.
    pub time: TimeField,
}

pub mod pools;
