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
    /// Quantity in lots of [`pools::LOT_UNITS`]; 0 is refused by `Order::new`.
    pub lots: u8,
    /// Limit price in ticks ([`pools::price`]); `None`: no price (refused for
    /// priced types).
    pub price_ticks: Option<u8>,
    /// Reduce-only flag.
    pub reduce_only: bool,
    /// Leverage; 0 and values above 125 are refused by `Order::new`.
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

/// The small pools ops draw from, so that collisions and shared buckets happen.
pub mod pools {
    use ordertrack::{
        ClientOrderId, ExchangeOrderId, OrderType, Origin, ParentId, Price, Qty, SubAccountId,
        Symbol,
    };

    /// Sub-accounts. The first two share their 8-character prefix `subacct1`, so
    /// their generated client ids can coincide.
    pub const SUB_ACCOUNTS: [&str; 3] = [
        "subacct1-alpha",
        "subacct1-beta",
        "3f2a9c1e-7b4d-4e1a-9f00-0123456789ab",
    ];
    /// Symbols orders trade (a perpetual, another, a delivery contract).
    pub const SYMBOLS: [&str; 3] = ["BTCUSDT", "ETHUSDT", "BTCUSDT_250926"];
    /// Symbols reports may name: the order symbols and one nobody trades.
    pub const REPORT_SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "BTCUSDT_250926", "1000PEPEUSDT"];
    /// Parent algo ids.
    pub const PARENTS: [&str; 3] = ["twap-1", "chase-2", "basket-3"];
    /// Client ids the engine did not make (the last ones look almost like ours).
    pub const FOREIGN_IDS: [&str; 6] = [
        "autoclose-1764000000123",
        "adl_autoclose",
        "web_abc123",
        "x-Q7JZLB9Bd2c4e9b0a1",
        "PMS",
        "PMSsubacct1_CHS_00000000000",
    ];
    /// One lot: 0.001 in 10⁻⁸ units.
    pub const LOT_UNITS: i64 = 100_000;
    /// Own exchange ids start here; raw picks are below 8, so they never coincide.
    pub const OWN_EXCHANGE_ID_BASE: u64 = 1_000;

    /// Item `n` modulo the array's length (`N` is at least 1 for every pool).
    fn pick<T: Copy, const N: usize>(items: &[T; N], n: u8) -> Option<T> {
        items.iter().copied().nth(usize::from(n) % N.max(1))
    }

    #[allow(
        clippy::panic,
        reason = "the pools are constants, validated by unit tests"
    )]
    fn valid<T, E: std::fmt::Debug>(value: Result<T, E>) -> T {
        match value {
            Ok(v) => v,
            Err(e) => panic!("pool constant refused: {e:?}"),
        }
    }

    /// Sub-account `n` (modulo the pool).
    #[must_use]
    pub fn sub_account(n: u8) -> SubAccountId {
        valid(SubAccountId::new(
            pick(&SUB_ACCOUNTS, n).unwrap_or(SUB_ACCOUNTS[0]),
        ))
    }
    /// Order symbol `n` (modulo the pool).
    #[must_use]
    pub fn symbol(n: u8) -> Symbol {
        valid(Symbol::new(pick(&SYMBOLS, n).unwrap_or(SYMBOLS[0])))
    }
    /// Report symbol `n` (modulo the pool).
    #[must_use]
    pub fn report_symbol(n: u8) -> Symbol {
        valid(Symbol::new(
            pick(&REPORT_SYMBOLS, n).unwrap_or(REPORT_SYMBOLS[0]),
        ))
    }
    /// Parent `n` (modulo the pool).
    #[must_use]
    pub fn parent(n: u8) -> ParentId {
        valid(ParentId::new(pick(&PARENTS, n).unwrap_or(PARENTS[0])))
    }
    /// Foreign client id `n` (modulo the pool).
    #[must_use]
    pub fn foreign_id(n: u8) -> ClientOrderId {
        valid(ClientOrderId::new(
            pick(&FOREIGN_IDS, n).unwrap_or(FOREIGN_IDS[0]),
        ))
    }
    /// Origin `n` (modulo `Origin::ALL`).
    #[must_use]
    pub fn origin(n: u8) -> Origin {
        pick(&Origin::ALL, n).unwrap_or(Origin::Manual)
    }
    /// Order type `n` (modulo `OrderType::ALL`).
    #[must_use]
    pub fn order_type(n: u8) -> OrderType {
        pick(&OrderType::ALL, n).unwrap_or(OrderType::Limit)
    }
    /// `n` lots.
    #[must_use]
    pub fn lots(n: u8) -> Qty {
        Qty::from_units(i64::from(n) * LOT_UNITS).unwrap_or(Qty::ZERO)
    }
    /// Price for `ticks`: zero for 0 (an absurd but representable price), else
    /// 100 + ticks × 0.1.
    #[must_use]
    pub fn price(ticks: u8) -> Price {
        if ticks == 0 {
            return Price::ZERO;
        }
        Price::from_units(100 * 100_000_000 + i64::from(ticks) * 10_000_000).unwrap_or(Price::ZERO)
    }
    /// The exchange id the order issued `index`-th gets when acknowledged.
    #[must_use]
    pub fn own_exchange_id(index: usize) -> ExchangeOrderId {
        ExchangeOrderId(OWN_EXCHANGE_ID_BASE + index as u64)
    }
    /// A small raw exchange id, `n % 8`.
    #[must_use]
    pub fn raw_exchange_id(n: u8) -> ExchangeOrderId {
        ExchangeOrderId(u64::from(n % 8))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn every_pool_constant_is_valid() {
            for n in 0..=u8::MAX {
                let _ = (
                    sub_account(n),
                    symbol(n),
                    report_symbol(n),
                    parent(n),
                    foreign_id(n),
                );
            }
            assert_eq!(sub_account(0).prefix(), sub_account(1).prefix());
            for n in 0..FOREIGN_IDS.len() as u8 {
                assert_eq!(foreign_id(n).parse_pms(), None, "{}", foreign_id(n));
            }
        }
    }
}
