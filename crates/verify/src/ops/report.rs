//! What a feed report about an order says and how each of its fields relates
//! to the order ([`ReportOp`]), and reports for orders never registered
//! ([`UnknownReportOp`]).

use arbitrary::Arbitrary;

use super::{ExchangeIdPick, OrderRef};

/// Which client order id a report names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum ClientIdField {
    /// The order's own.
    Own,
    /// None (the report is routed by exchange id).
    Omit,
    /// Another issued order's.
    OfOrder(OrderRef),
    /// A foreign id from [`super::pools::FOREIGN_IDS`].
    Foreign(u8),
}

/// Which symbol a report names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum SymbolField {
    /// The order's own.
    Own,
    /// One of [`super::pools::REPORT_SYMBOLS`] (possibly the order's; possibly one no
    /// order trades).
    Pool(u8),
}

/// Which order status a report carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum StatusField {
    /// The status that goes with the execution type and the fill.
    Consistent,
    /// Any status (`n % 10`), possibly inconsistent with the execution type.
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
    /// A close-position order's before it triggers: `cp` set, `q = 0`.
    ClosePosition,
    /// The order's own, stating the quantity as the filled one plus `n` lots
    /// less one: what a close-position order's triggered order states (the
    /// position at trigger: one lot below the filled quantity is refused,
    /// exactly it completes the order, above it leaves quantity open); `q = 0`
    /// (nothing stated) when that is not positive.
    Position(u8),
}

/// Which algo id a report names (`ExecutionReport::algo_id`): `Some` makes it
/// an algo-service report (Binance's `ALGO_UPDATE`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum AlgoField {
    /// What the exchange sends for the order as the reference sees it: the
    /// order's algo id (the one it knows, else its own) on the algo
    /// service's kinds (`TRIGGERING`, `TRIGGERED`), and on `NEW`, `CANCELED`,
    /// `EXPIRED`, `REJECTED` of a conditional order the algo service has
    /// accepted and that has not triggered (Armed, or Cancelling knowing its
    /// algo id and no exchange id); none otherwise (the matching engine).
    Auto,
    /// The order's algo id, whatever the kind and the order: the algo
    /// service's `NEW` (accepting a conditional order), or a report the
    /// service never sends for it.
    Algo,
    /// None, whatever the kind (an algo event lacking it).
    Omit,
    /// A small raw algo id ([`super::pools::raw_algo_id`]): another order's.
    Raw(u8),
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
        /// Its price in ticks ([`super::pools::price`]).
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
    /// The algo service's `TRIGGERING`: the trigger condition is met.
    Triggering,
    /// The algo service's `TRIGGERED` (or `FINISHED`), naming the report's
    /// exchange id as the triggered order's (none when the op omits it).
    Triggered {
        /// `FINISHED` instead of `TRIGGERED`.
        finished: bool,
    },
    /// The `n`-th (modulo their number) of the events the exchange could send
    /// next for the order in its state, as the reference sees it
    /// (`harness::lifecycle`): for a conditional order, the algo service's
    /// acceptance, trigger reports and closes, its triggered order's `NEW`
    /// and fills, a legacy trigger or a real expiry, a close-position order's
    /// quantity stated; for another, its ack, fills and closes. It sets the
    /// report's algo id, terms and (for a `TRIGGERED` naming none) exchange
    /// id; the op's other fields apply as they are.
    Next(u8),
    /// An execution type (`n % 9`) without the fill or amendment it needs.
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
    /// The algo id it names.
    pub algo: AlgoField,
}

/// The client id of a report for an order never registered.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum UnknownClientId {
    /// No client id.
    None,
    /// A foreign id from [`super::pools::FOREIGN_IDS`].
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
    /// Its symbol, from [`super::pools::REPORT_SYMBOLS`].
    pub symbol: u8,
    /// What happened.
    pub kind: ReportKind,
    /// Its transaction time.
    pub time: TimeField,
    /// Its algo id ([`super::pools::raw_algo_id`]), for an algo-service report.
    pub algo: Option<u8>,
}
