//! Builders shared by the integration tests: orders in every state, made through
//! the real transitions, and execution reports.
//!
//! Timeline of the builders (ms): created 1 000, placed 1 100, acknowledged
//! 1 200, cancel requested 1 300, closed 1 400. Tests use later times.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ordertrack_model::{
    Active, AnyOrder, Cancelled, Cancelling, ClientOrderId, ExchangeOrderId, ExecutionReport,
    ExecutionType, Expired, ExpiryReason, FailReason, Failed, Fill, FillOutcome, Filled, Idle,
    NewOrder, Order, Origin, Placing, Price, Qty, ReportFill, ReportStatus, Side, SubAccountId,
    Symbol, TradeId,
};

/// The exchange id every acknowledged test order gets.
pub(crate) const EX: ExchangeOrderId = ExchangeOrderId(8_389_765);
/// An exchange id that is not the order's.
pub(crate) const OTHER_EX: ExchangeOrderId = ExchangeOrderId(999);

pub(crate) const CREATED: u64 = 1_000;
pub(crate) const PLACED: u64 = 1_100;
pub(crate) const ACKED: u64 = 1_200;
pub(crate) const CANCEL_SENT: u64 = 1_300;
pub(crate) const CLOSED: u64 = 1_400;

pub(crate) fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn px(s: &str) -> Price {
    Price::parse(s).unwrap()
}

pub(crate) fn sub() -> SubAccountId {
    SubAccountId::new("3f2a9c1e-7b4d-4e1a").unwrap()
}

pub(crate) fn btc() -> Symbol {
    Symbol::new("BTCUSDT").unwrap()
}

/// The fixed client id of every test order.
pub(crate) fn cid() -> ClientOrderId {
    ClientOrderId::with_unique(&sub(), Origin::Chase, 0x0f1e_2d3c_4b5a)
}

/// A LIMIT BUY of `quantity` BTCUSDT at 100, created at [`CREATED`].
pub(crate) fn spec(quantity: &str) -> NewOrder {
    NewOrder {
        client_id: cid(),
        ..NewOrder::limit(
            sub(),
            Origin::Chase,
            btc(),
            Side::Buy,
            qty(quantity),
            px("100"),
            CREATED,
        )
    }
}

pub(crate) fn idle(quantity: &str) -> Order<Idle> {
    Order::new(spec(quantity)).unwrap()
}

pub(crate) fn placing(quantity: &str) -> Order<Placing> {
    idle(quantity).place(PLACED)
}

pub(crate) fn active(quantity: &str) -> Order<Active> {
    placing(quantity).acknowledge(EX, ACKED)
}

/// Cancel requested after the ack: knows [`EX`].
pub(crate) fn cancelling_acked(quantity: &str) -> Order<Cancelling> {
    active(quantity).request_cancel(CANCEL_SENT)
}

/// Cancel requested before any ack: no exchange id yet.
pub(crate) fn cancelling_unacked(quantity: &str) -> Order<Cancelling> {
    placing(quantity).request_cancel(CANCEL_SENT)
}

/// Active, then one fill of the whole quantity at 100 (trade id 1).
pub(crate) fn filled(quantity: &str) -> Order<Filled> {
    match active(quantity)
        .fill(fill(1, quantity, "100", CLOSED, Some(EX)))
        .unwrap()
    {
        FillOutcome::Complete(o) => o,
        other => panic!("expected a complete fill, got {other:?}"),
    }
}

pub(crate) fn cancelled(quantity: &str) -> Order<Cancelled> {
    active(quantity).cancelled(Some(EX), CLOSED)
}

pub(crate) fn expired(quantity: &str) -> Order<Expired> {
    active(quantity).expired(Some(EX), Some(ExpiryReason(7)), CLOSED)
}

/// Rejected while placing: never learned an exchange id.
pub(crate) fn failed(quantity: &str) -> Order<Failed> {
    placing(quantity).reject(FailReason::ExchangeError { code: -2019 }, CLOSED)
}

/// A fill (typed API).
pub(crate) fn fill(
    trade_id: u64,
    quantity: &str,
    price: &str,
    at: u64,
    exchange_id: Option<ExchangeOrderId>,
) -> Fill {
    Fill {
        trade_id: TradeId(trade_id),
        qty: qty(quantity),
        price: px(price),
        at,
        exchange_id,
    }
}

/// The nine situations an `AnyOrder` can be in that behave differently: the
/// eight states, with `Cancelling` split by whether an exchange id is known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Situation {
    Idle,
    Placing,
    Active,
    CancellingAcked,
    CancellingUnacked,
    Filled,
    Cancelled,
    Expired,
    Failed,
}

impl Situation {
    pub(crate) const ALL: [Self; 9] = [
        Self::Idle,
        Self::Placing,
        Self::Active,
        Self::CancellingAcked,
        Self::CancellingUnacked,
        Self::Filled,
        Self::Cancelled,
        Self::Expired,
        Self::Failed,
    ];

    /// An order of `quantity` in this situation.
    pub(crate) fn order(self, quantity: &str) -> AnyOrder {
        match self {
            Self::Idle => idle(quantity).into(),
            Self::Placing => placing(quantity).into(),
            Self::Active => active(quantity).into(),
            Self::CancellingAcked => cancelling_acked(quantity).into(),
            Self::CancellingUnacked => cancelling_unacked(quantity).into(),
            Self::Filled => filled(quantity).into(),
            Self::Cancelled => cancelled(quantity).into(),
            Self::Expired => expired(quantity).into(),
            Self::Failed => failed(quantity).into(),
        }
    }
}

/// A report about the test order naming both ids, with no fill, amendment or
/// expiry reason, and zero cumulative quantity.
pub(crate) fn report(execution: ExecutionType, status: ReportStatus, at: u64) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(cid()),
        exchange_id: Some(EX),
        symbol: btc(),
        execution,
        status,
        fill: None,
        cumulative_qty: Some(Qty::ZERO),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: at,
    }
}

/// `NEW` / `NEW`: the ack.
pub(crate) fn ack_report(at: u64) -> ExecutionReport {
    report(ExecutionType::New, ReportStatus::New, at)
}

/// `TRADE` / `PARTIALLY_FILLED` (the status is only checked for consistency;
/// set it to `FILLED` with struct update syntax where it matters).
pub(crate) fn trade_report(
    trade_id: u64,
    quantity: &str,
    price: &str,
    cumulative: &str,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        fill: Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty: qty(quantity),
            price: px(price),
        }),
        cumulative_qty: Some(qty(cumulative)),
        ..report(ExecutionType::Trade, ReportStatus::PartiallyFilled, at)
    }
}

/// `CANCELED` / `CANCELED`.
pub(crate) fn canceled_report(cumulative: &str, at: u64) -> ExecutionReport {
    ExecutionReport {
        cumulative_qty: Some(qty(cumulative)),
        ..report(ExecutionType::Canceled, ReportStatus::Canceled, at)
    }
}

/// `EXPIRED` / `status` (`EXPIRED` or `EXPIRED_IN_MATCH`) with a reason.
pub(crate) fn expired_report(
    status: ReportStatus,
    reason: Option<ExpiryReason>,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        terms: None,
        expiry_reason: reason,
        ..report(ExecutionType::Expired, status, at)
    }
}

/// `REJECTED` / `REJECTED`.
pub(crate) fn rejected_report(at: u64) -> ExecutionReport {
    report(ExecutionType::Rejected, ReportStatus::Rejected, at)
}

/// `AMENDMENT` / `NEW` to `quantity` (and `price`, when given).
pub(crate) fn amendment_report(quantity: &str, price: Option<&str>, at: u64) -> ExecutionReport {
    ExecutionReport {
        amendment: Some(ordertrack_model::Amendment {
            quantity: qty(quantity),
            price: price.map(px),
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New, at)
    }
}
