//! The engine side of the tests: orders registered and placed, stream
//! reports built as Binance's events would convert.

use ordertrack::{
    AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder, OrderKey,
    OrderTracker, Origin, Price, Qty, ReportFill, ReportStatus, Side, SubAccountId, Symbol,
    TradeId,
};
use ordertrack_binance::{Reconciliation, Snapshot, fetch_plan, reconcile};

use crate::exchange::Exchange;

pub(crate) fn btc() -> Symbol {
    Symbol::new("BTCUSDT").expect("a symbol")
}

pub(crate) fn qty(units: i64) -> Qty {
    // Units of 0.001.
    Qty::from_units(units * 100_000).expect("a quantity")
}

pub(crate) fn price(text: &str) -> Price {
    Price::parse(text).expect("a price")
}

fn sub_account() -> SubAccountId {
    SubAccountId::new("3f2a9c1e-7b4d-4e1a").expect("a sub-account")
}

/// A fresh client id of the engine's (`PMS3f2a9c1e_CHASE_…`).
pub(crate) fn client_id() -> ClientOrderId {
    ClientOrderId::generate(&sub_account(), Origin::Chase)
}

/// Registers and places a limit buy of `units` × 0.001 at `price`.
pub(crate) fn place(
    tracker: &mut OrderTracker,
    units: i64,
    limit: Price,
    at: u64,
) -> (OrderKey, ClientOrderId) {
    let id = client_id();
    (place_as(tracker, id, units, limit, at), id)
}

/// [`place`] under a given client id.
pub(crate) fn place_as(
    tracker: &mut OrderTracker,
    client_id: ClientOrderId,
    units: i64,
    limit: Price,
    at: u64,
) -> OrderKey {
    let mut spec = NewOrder::limit(
        sub_account(),
        Origin::Chase,
        btc(),
        Side::Buy,
        qty(units),
        limit,
        at,
    );
    spec.client_id = client_id;
    let key = tracker
        .register(AnyOrder::new(spec).expect("a valid order"))
        .expect("registered");
    tracker.place(key, at).expect("placed");
    key
}

pub(crate) fn ack(
    client_id: ClientOrderId,
    exchange_id: ExchangeOrderId,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(client_id),
        exchange_id: Some(exchange_id),
        cumulative_qty: Some(Qty::ZERO),
        ..ExecutionReport::new(btc(), ExecutionType::New, ReportStatus::New, at)
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn trade(
    client_id: ClientOrderId,
    exchange_id: ExchangeOrderId,
    trade_id: u64,
    fill: Qty,
    at_price: Price,
    cumulative: Qty,
    complete: bool,
    at: u64,
) -> ExecutionReport {
    let status = if complete {
        ReportStatus::Filled
    } else {
        ReportStatus::PartiallyFilled
    };
    ExecutionReport {
        client_id: Some(client_id),
        exchange_id: Some(exchange_id),
        fill: Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty: fill,
            price: at_price,
        }),
        cumulative_qty: Some(cumulative),
        ..ExecutionReport::new(btc(), ExecutionType::Trade, status, at)
    }
}

pub(crate) fn canceled(
    client_id: ClientOrderId,
    exchange_id: ExchangeOrderId,
    cumulative: Qty,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(client_id),
        exchange_id: Some(exchange_id),
        cumulative_qty: Some(cumulative),
        ..ExecutionReport::new(btc(), ExecutionType::Canceled, ReportStatus::Canceled, at)
    }
}

/// The whole reconnect against the simulated exchange: the fetch plan, then
/// rounds of `reconcile` and the requests it still needs, until none.
/// Returns the final reconciliation and the number of rounds.
pub(crate) fn reconcile_against(
    tracker: &OrderTracker,
    exchange: &Exchange,
    now: u64,
) -> (Reconciliation, Snapshot, usize) {
    let mut snapshot = Snapshot::new();
    exchange.fill(&mut snapshot, &fetch_plan(tracker));
    for round in 1..=5 {
        let plan = reconcile(tracker, &snapshot, now, 5_000).expect("the answers are good");
        if plan.to_fetch.is_empty() {
            return (plan, snapshot, round);
        }
        exchange.fill(&mut snapshot, &plan.to_fetch);
    }
    panic!("the reconciliation still needs answers after five rounds");
}
