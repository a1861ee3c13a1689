//! Conditional orders in the tracker: an armed order is live and found by its
//! client id; its trigger binds the matching-engine order's id into the
//! (symbol, exchange id) index, so that order's reports route to it whatever
//! client id they carry; the indexes stay exact through every step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};

use ordertrack::testing::{Fixture, report_for};
use ordertrack::*;

fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

fn tracked(f: &Fixture) -> (OrderTracker, OrderKey) {
    let mut t = OrderTracker::new();
    let key = t.register(f.placing()).unwrap();
    (t, key)
}

fn apply(t: &mut OrderTracker, report: &ExecutionReport) -> Applied {
    match t.apply(report).unwrap() {
        Outcome::Applied { applied, .. } => applied,
        Outcome::Unknown(unknown) => panic!("unknown order {unknown:?}"),
    }
}

fn algo(f: &Fixture, t: &OrderTracker, key: OrderKey, execution: ExecutionType) -> ExecutionReport {
    report_for(t.get(key).unwrap(), execution, 1_150)
        .algo_id(Some(f.algo_id))
        .build()
}

#[test]
fn an_armed_order_is_live_and_its_trigger_binds_the_triggered_orders_id() {
    let f = Fixture::stop(1);
    let (mut t, key) = tracked(&f);
    let symbol = f.spec.symbol;
    let new = algo(&f, &t, key, ExecutionType::New);
    assert_eq!(apply(&mut t, &new), Applied::Armed);
    assert_eq!(t.get(key).unwrap().status(), OrderStatus::Armed);
    assert_eq!(t.count_active_by_symbol(&symbol), 1);
    assert!(t.lookup_exchange(&symbol, f.exchange_id).is_none());
    t.check_invariants().unwrap();

    let trigger = ExecutionReport {
        exchange_id: Some(f.exchange_id),
        ..algo(&f, &t, key, ExecutionType::Triggered)
    };
    assert_eq!(apply(&mut t, &trigger), Applied::Triggered);
    assert_eq!(
        t.lookup_exchange(&symbol, f.exchange_id).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.count_active_by_symbol(&symbol), 1);
    t.check_invariants().unwrap();

    // The triggered order's fill, under a client id of its own: routed by
    // (symbol, exchange id) to the conditional order.
    let own = ClientOrderId::new("web_3b7kQ0xZ1").unwrap();
    let fill = report_for(t.get(key).unwrap(), ExecutionType::Trade, 2_000)
        .client_id(Some(own))
        .fill(TradeId(1), qty("1"), Price::parse("94").unwrap())
        .build();
    assert!(matches!(apply(&mut t, &fill), Applied::Filled(_)));
    let order = t.get(key).unwrap();
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Filled, qty("1"))
    );
    assert_eq!(t.count_active_by_symbol(&symbol), 0);
    t.check_invariants().unwrap();
    assert_eq!(
        t.cleanup_terminal(2_000 + 301_000, std::time::Duration::from_secs(300)),
        1
    );
    assert!(t.lookup_exchange(&symbol, f.exchange_id).is_none());
    t.check_invariants().unwrap();
}

#[test]
fn a_fill_before_triggered_binds_the_order_too() {
    let f = Fixture::stop(1);
    let (mut t, key) = tracked(&f);
    let new = algo(&f, &t, key, ExecutionType::New);
    apply(&mut t, &new);
    let fill = report_for(t.get(key).unwrap(), ExecutionType::Trade, 1_300)
        .exchange_id(Some(f.exchange_id))
        .fill(TradeId(1), qty("0.5"), Price::parse("94").unwrap())
        .build();
    assert!(matches!(apply(&mut t, &fill), Applied::PartiallyFilled(_)));
    assert_eq!(
        t.lookup_exchange(&f.spec.symbol, f.exchange_id)
            .map(|(k, _)| k),
        Some(key)
    );
    let trigger = ExecutionReport {
        exchange_id: Some(f.exchange_id),
        ..algo(&f, &t, key, ExecutionType::Triggered)
    };
    assert_eq!(apply(&mut t, &trigger), Applied::Stale);
    t.check_invariants().unwrap();
}

#[test]
fn a_trigger_naming_another_orders_id_is_refused_with_nothing_changed() {
    let limit = Fixture::new(7);
    let f = Fixture {
        exchange_id: limit.exchange_id,
        ..Fixture::stop(1)
    };
    let mut t = OrderTracker::new();
    let other = t.register(limit.active(1_200)).unwrap();
    let key = t.register(f.armed()).unwrap();
    let before = t.get(key).unwrap().clone();
    let trigger = ExecutionReport {
        exchange_id: Some(f.exchange_id),
        ..algo(&f, &t, key, ExecutionType::Triggered)
    };
    let error = t.apply(&trigger).unwrap_err();
    assert!(
        matches!(error, TrackError::ExchangeIdTaken { .. }),
        "{error}"
    );
    assert_eq!(t.get(key).unwrap(), &before);
    assert_eq!(
        t.lookup_exchange(&f.spec.symbol, f.exchange_id)
            .map(|(k, _)| k),
        Some(other)
    );
    t.check_invariants().unwrap();
}

#[test]
fn on_trigger_hears_the_trigger() {
    let f = Fixture::stop(1);
    let mut t = OrderTracker::new();
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = heard.clone();
    t.set_handler(move |event| sink.lock().unwrap().push(*event.applied));
    let key = t
        .register_with_callbacks(f.armed(), Callbacks::new().on_trigger())
        .unwrap();
    let triggering = algo(&f, &t, key, ExecutionType::Triggering);
    apply(&mut t, &triggering);
    let trigger = ExecutionReport {
        exchange_id: Some(f.exchange_id),
        ..algo(&f, &t, key, ExecutionType::Triggered)
    };
    apply(&mut t, &trigger);
    assert_eq!(*heard.lock().unwrap(), [Applied::Triggered]);
    assert_eq!(
        format!("{:?}", Callbacks::new().on_trigger()),
        "{\"on_trigger\"}"
    );
}

#[test]
fn cancelling_an_armed_order_and_its_refusal() {
    let f = Fixture::stop(1);
    let mut t = OrderTracker::new();
    let key = t.register(f.armed()).unwrap();
    t.cancel(key, 1_300).unwrap();
    assert_eq!(t.get(key).unwrap().status(), OrderStatus::Cancelling);
    t.cancel_rejected(key, 1_350).unwrap();
    assert_eq!(t.get(key).unwrap().status(), OrderStatus::Armed);
    t.cancel(key, 1_400).unwrap();
    let cancelled = algo(&f, &t, key, ExecutionType::Canceled);
    assert!(matches!(apply(&mut t, &cancelled), Applied::Cancelled(_)));
    assert_eq!(t.count_active_by_symbol(&f.spec.symbol), 0);
    t.check_invariants().unwrap();
}
