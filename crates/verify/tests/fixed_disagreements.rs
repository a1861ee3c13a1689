//! Three disagreements the reference found between the model and issue 12's
//! rules, since fixed in the model, each on the smallest input that showed
//! it: the reference's answer is held to the rule, and the real `AnyOrder`'s
//! must equal it. (A cancel of an armed order was refused; a completion by a
//! stated quantity was reported `Acknowledged`; a fill reaching `Qty::MAX`
//! completed an order whose quantity was unknown.)

mod common;

use common::{AT, EXCHANGE_ID, algo_report, close_position_spec, report, stop_spec, trade};
use ordertrack::{
    AnyOrder, Applied, ExecutionReport, ExecutionType, FillApplied, OrderStatus, OrderTerms, Qty,
    ReportStatus, TradeId,
};
use ordertrack_verify::harness::{StartStep, reference_order, tracker_order};
use ordertrack_verify::ops::pools;
use ordertrack_verify::reference::RefOrder;

/// Both orders of `spec` taken along `path`: the reference's and the real one.
#[allow(clippy::unwrap_used, reason = "test helper: a valid spec")]
fn both(spec: ordertrack::NewOrder, path: &[StartStep]) -> (RefOrder, AnyOrder) {
    (
        reference_order(spec, path).unwrap(),
        tracker_order(spec, path).unwrap().0,
    )
}

fn at(t: u64, mut r: ExecutionReport) -> StartStep {
    r.transaction_time = t;
    StartStep::Report(r)
}

/// Armed: placed at 1 001, accepted by the algo service at 1 002.
fn armed() -> Vec<StartStep> {
    vec![
        StartStep::Place(1_001),
        at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
    ]
}

#[test]
fn the_reference_cancels_an_armed_order() {
    let (mut reference, _) = both(stop_spec(), &armed());
    assert_eq!(reference.status, OrderStatus::Armed);
    assert_eq!(reference.request_cancel(AT), Ok(()));
    assert_eq!(reference.status, OrderStatus::Cancelling);
    assert_eq!(reference.algo_id, Some(common::algo_id()));
}

#[test]
fn the_model_cancels_an_armed_order() {
    let (mut reference, mut real) = both(stop_spec(), &armed());
    assert_eq!(real.request_cancel(AT), reference.request_cancel(AT));
    assert_eq!(real.status(), OrderStatus::Cancelling);
}

/// A close-position order placed at 1 001, its cancel sent at 1 002, a fill
/// of 1 lot naming no exchange id at 1 003 (Cancelling, no id, quantity
/// unknown).
fn cancelling_with_a_fill() -> Vec<StartStep> {
    let fill = ExecutionReport {
        exchange_id: None,
        ..trade(1, 1)
    };
    vec![
        StartStep::Place(1_001),
        StartStep::Cancel(1_002),
        at(1_003, fill),
    ]
}

/// The matching engine's `NEW` naming the exchange id and stating `q` = 1 lot.
fn ack_stating_one_lot() -> ExecutionReport {
    let spec = close_position_spec();
    ExecutionReport {
        terms: Some(OrderTerms {
            side: spec.side,
            order_type: Some(spec.order_type),
            quantity: pools::lots(1),
            price: None,
            reduce_only: Some(false),
            close_position: true,
            trigger_price: spec.trigger.and_then(|t| t.price),
            working_type: spec.trigger.map(|t| t.working_type),
        }),
        ..report(ExecutionType::New, ReportStatus::New)
    }
}

fn completed_by_the_ack() -> Result<Applied, ordertrack::ApplyError> {
    let fill = trade(1, 1).fill.map(|f| (f.trade_id, f.qty, f.price));
    let (trade_id, qty, price) = fill.unwrap_or((TradeId(1), Qty::ZERO, pools::price(0)));
    Ok(Applied::Filled(FillApplied {
        trade_id,
        qty,
        price,
        filled_qty: pools::lots(1),
        unseen_qty: Qty::ZERO,
        excess_qty: Qty::ZERO,
    }))
}

#[test]
fn the_reference_reports_a_completion_by_a_stated_quantity_as_filled() {
    let (mut reference, _) = both(close_position_spec(), &cancelling_with_a_fill());
    assert_eq!(
        (reference.status, reference.exchange_id),
        (OrderStatus::Cancelling, None)
    );
    assert_eq!(
        reference.apply(&ack_stating_one_lot()),
        completed_by_the_ack()
    );
    assert_eq!(reference.status, OrderStatus::Filled);
    assert_eq!(reference.exchange_id, Some(EXCHANGE_ID));
}

#[test]
fn the_model_reports_a_completion_by_a_stated_quantity_as_filled() {
    let (_, mut real) = both(close_position_spec(), &cancelling_with_a_fill());
    let applied = real.apply(&ack_stating_one_lot());
    assert_eq!(real.status(), OrderStatus::Filled);
    assert_eq!(applied, completed_by_the_ack());
}

/// A close-position order placed at 1 001 and acknowledged at 1 002.
fn acknowledged() -> Vec<StartStep> {
    vec![
        StartStep::Place(1_001),
        at(1_002, report(ExecutionType::New, ReportStatus::New)),
    ]
}

/// A `TRADE` of `Qty::MAX`.
fn huge_fill() -> ExecutionReport {
    let mut r = trade(7, 1);
    if let Some(f) = r.fill.as_mut() {
        f.qty = Qty::MAX;
    }
    r
}

#[test]
fn the_reference_never_completes_an_unknown_quantity() {
    let (mut reference, _) = both(close_position_spec(), &acknowledged());
    let applied = reference.apply(&huge_fill());
    assert!(
        matches!(applied, Ok(Applied::PartiallyFilled(f)) if f.filled_qty == Qty::MAX),
        "{applied:?}"
    );
    assert_eq!(reference.status, OrderStatus::Active);
    assert!(!reference.quantity_known());
}

#[test]
fn the_model_never_completes_an_unknown_quantity() {
    let (mut reference, mut real) = both(close_position_spec(), &acknowledged());
    assert_eq!(real.apply(&huge_fill()), reference.apply(&huge_fill()));
    assert_eq!(real.status(), OrderStatus::Active);
}
