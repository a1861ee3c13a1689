//! One reconnect at a time, against the simulated exchange's answers in
//! Binance's documented format.

use ordertrack::{
    Applied, ClientOrderId, ExchangeOrderId, FailReason, OrderStatus, OrderTracker, Outcome, Qty,
    TradeId,
};
use ordertrack_binance::reconcile::{LeftAlone, OrderId};
use ordertrack_binance::{Fetch, ReconcileError, Snapshot, StepKind, reconcile};

use crate::engine::{ack, btc, place, price, qty, reconcile_against, trade};
use crate::exchange::{ExOrder, Exchange, Trade, UNKNOWN_ORDER};

fn ex_order(client_id: ClientOrderId, id: u64, units: i64, status: &'static str) -> ExOrder {
    ExOrder {
        client_id,
        exchange_id: ExchangeOrderId(id),
        symbol: btc(),
        quantity: qty(units),
        price: price("97000"),
        side: "BUY",
        orig_type: "LIMIT",
        status,
        trades: Vec::new(),
        update_time: 2_000,
    }
}

fn trades(list: &[(u64, i64, &str)]) -> Vec<Trade> {
    list.iter()
        .map(|&(id, units, p)| Trade {
            id: TradeId(id),
            qty: qty(units),
            price: price(p),
            time: 1_500 + id,
        })
        .collect()
}

fn applied(tracker: &mut OrderTracker, report: &ordertrack::ExecutionReport) -> Applied {
    match tracker.apply(report) {
        Ok(Outcome::Applied { applied, .. }) => applied,
        other => panic!("{other:?}"),
    }
}

#[test]
fn cancelled_during_the_outage_with_missed_fills_booked_once() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 5, price("97000"), 1_000);
    let id = ExchangeOrderId(7_001);
    applied(&mut tracker, &ack(client_id, id, 1_001));
    applied(
        &mut tracker,
        &trade(
            client_id,
            id,
            11,
            qty(1),
            price("96999.5"),
            qty(1),
            false,
            1_002,
        ),
    );
    // The outage: trades 12 and 13, then a cancel from the web interface.
    let mut order = ex_order(client_id, 7_001, 5, "CANCELED");
    order.trades = trades(&[(11, 1, "96999.5"), (12, 1, "96999.0"), (13, 2, "96998.0")]);
    let exchange = Exchange {
        orders: vec![order],
    };
    let (plan, _, rounds) = reconcile_against(&tracker, &exchange, 3_000);
    // Lists, then the query, then the trades.
    assert_eq!(rounds, 3);
    let [step] = plan.steps.as_slice() else {
        panic!("{plan:?}")
    };
    assert_eq!(
        step.kind,
        StepKind::Close(ordertrack::ReportStatus::Canceled)
    );
    assert_eq!(
        step.trades.iter().map(|t| t.trade_id.0).collect::<Vec<_>>(),
        [12, 13]
    );
    assert_eq!(step.unbooked, Qty::ZERO);
    let done = plan.apply(&mut tracker, 3_000);
    assert!(done.iter().all(Result::is_ok), "{done:?}");
    let order = tracker.get(key).expect("tracked");
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.filled_qty(), qty(4));
    // (96999.5 + 96999 + 2 × 96998) / 4
    assert_eq!(order.average_fill_price(), Some(price("96998.625")));
    // The stream repeats trade 13 after the reconnect: counted once.
    assert_eq!(
        applied(
            &mut tracker,
            &trade(
                client_id,
                id,
                13,
                qty(2),
                price("96998.0"),
                qty(4),
                false,
                1_513
            ),
        ),
        Applied::Duplicate
    );
    assert_eq!(tracker.get(key).map(|o| o.filled_qty()), Some(qty(4)));
    tracker.check_invariants().expect("consistent");
}

#[test]
fn listed_order_with_more_executed_gets_its_missing_trades() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 5, price("97000"), 1_000);
    let id = ExchangeOrderId(7_002);
    applied(&mut tracker, &ack(client_id, id, 1_001));
    let mut order = ex_order(client_id, 7_002, 5, "PARTIALLY_FILLED");
    order.trades = trades(&[(21, 2, "97000"), (22, 1, "96999")]);
    let exchange = Exchange {
        orders: vec![order],
    };
    let (plan, _, rounds) = reconcile_against(&tracker, &exchange, 3_000);
    assert_eq!(rounds, 2);
    assert_eq!(
        plan.steps.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [StepKind::MissedFills]
    );
    assert!(plan.apply(&mut tracker, 3_000).iter().all(Result::is_ok));
    let order = tracker.get(key).expect("tracked");
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Active, qty(3))
    );
    // Reconciling again finds nothing to do: the trades are booked.
    let (again, _, _) = reconcile_against(&tracker, &exchange, 3_100);
    assert!(again.steps.is_empty(), "{again:?}");
    assert_eq!(again.in_agreement, [key]);
}

#[test]
fn placement_in_doubt_listed_is_acknowledged() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 2, price("97000"), 1_000);
    tracker.place_in_doubt(key, 1_001).expect("in doubt");
    let exchange = Exchange {
        orders: vec![ex_order(client_id, 7_003, 2, "NEW")],
    };
    let (plan, _, rounds) = reconcile_against(&tracker, &exchange, 9_000);
    assert_eq!(rounds, 1);
    assert_eq!(
        plan.steps.first().map(|s| s.kind),
        Some(StepKind::Acknowledge)
    );
    assert!(plan.apply(&mut tracker, 9_000).iter().all(Result::is_ok));
    let order = tracker.get(key).expect("tracked");
    assert_eq!(
        (order.status(), order.exchange_id(), order.in_doubt_since()),
        (OrderStatus::Active, Some(ExchangeOrderId(7_003)), None)
    );
}

#[test]
fn placement_in_doubt_unknown_fails_once_the_recv_window_passed() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 2, price("97000"), 1_000);
    tracker.place_in_doubt(key, 1_001).expect("in doubt");
    let exchange = Exchange::default();
    // 3 s after sending: it may still arrive.
    let (early, snapshot, _) = reconcile_against(&tracker, &exchange, 4_000);
    assert!(early.steps.is_empty());
    assert_eq!(
        early.left_alone,
        [LeftAlone::TooRecent {
            key,
            client_id,
            sent_at: 1_000
        }]
    );
    let query = Fetch::Order {
        symbol: btc(),
        order: OrderId::Client(client_id),
    };
    assert_eq!(
        snapshot.get(&query).map(|a| a.body.as_str()),
        Some(UNKNOWN_ORDER)
    );
    // 9 s after: it can no longer take effect.
    let plan = reconcile(&tracker, &snapshot, 10_000, 5_000).expect("good answers");
    assert_eq!(plan.steps.first().map(|s| s.kind), Some(StepKind::Fail));
    assert!(plan.apply(&mut tracker, 10_000).iter().all(Result::is_ok));
    let order = tracker.get(key).expect("tracked");
    assert_eq!(order.status(), OrderStatus::Failed);
    let ordertrack::StateData::Failed(failed) = order.state() else {
        panic!("{order:?}")
    };
    assert_eq!(failed.detail, FailReason::ExchangeError { code: -2013 });
}

#[test]
fn acknowledged_order_the_exchange_forgot_is_left_alone() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 2, price("97000"), 1_000);
    applied(&mut tracker, &ack(client_id, ExchangeOrderId(7_004), 1_001));
    let (plan, _, _) = reconcile_against(&tracker, &Exchange::default(), 900_000);
    assert!(plan.steps.is_empty());
    assert_eq!(
        plan.left_alone,
        [LeftAlone::UnknownToExchange {
            key,
            client_id,
            code: Some(-2013)
        }]
    );
}

#[test]
fn our_untracked_order_is_adopted_and_a_foreign_one_listed() {
    let mut tracker = OrderTracker::new();
    let (_, tracked) = place(&mut tracker, 1, price("97000"), 1_000);
    // An order of ours placed by a run the tracker does not remember.
    let mut other = OrderTracker::new();
    let (_, ours) = place(&mut other, 4, price("96000"), 500);
    let mut adopted = ex_order(ours, 7_010, 4, "PARTIALLY_FILLED");
    adopted.price = price("96000");
    adopted.trades = trades(&[(31, 1, "96000")]);
    let foreign = ex_order(
        ClientOrderId::new("web_x7Yq2").expect("an id"),
        7_011,
        1,
        "NEW",
    );
    let exchange = Exchange {
        orders: vec![ex_order(tracked, 7_009, 1, "NEW"), adopted, foreign],
    };
    let (plan, _, _) = reconcile_against(&tracker, &exchange, 3_000);
    assert_eq!(
        plan.foreign
            .iter()
            .map(|f| f.client_id.as_str())
            .collect::<Vec<_>>(),
        ["web_x7Yq2"]
    );
    let adopt = plan
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Adopt)
        .expect("an adoption");
    assert_eq!((adopt.client_id, adopt.trades.len()), (ours, 1));
    let done = plan.apply(&mut tracker, 3_000);
    assert!(done.iter().all(Result::is_ok), "{done:?}");
    let (_, order) = tracker.lookup_client(&ours).expect("adopted");
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.sub_account().as_str()
        ),
        (OrderStatus::Active, qty(1), "3f2a9c1e")
    );
    assert!(
        tracker
            .lookup_client(&ClientOrderId::new("web_x7Yq2").expect("id"))
            .is_none()
    );
    tracker.check_invariants().expect("consistent");
}

#[test]
fn bad_answers_are_typed_errors() {
    let mut tracker = OrderTracker::new();
    let (_, client_id) = place(&mut tracker, 2, price("97000"), 1_000);
    applied(&mut tracker, &ack(client_id, ExchangeOrderId(7_020), 1_001));
    let list = Fetch::OpenOrders { symbol: btc() };
    let with = |status: u16, body: &str| {
        let mut snapshot = Snapshot::new();
        snapshot.insert(list, status, body);
        reconcile(&tracker, &snapshot, 3_000, 5_000)
    };
    assert!(matches!(
        with(200, "[{\"orderId\":"),
        Err(ReconcileError::Unreadable { fetch, .. }) if fetch == list
    ));
    assert!(matches!(
        with(429, r#"{"code":-1003,"msg":"Too many requests."}"#),
        Err(ReconcileError::Failed {
            code: Some(-1003),
            http_status: 429,
            ..
        })
    ));
    let good = ex_order(client_id, 7_020, 2, "NEW").json();
    let bad_item = format!(r#"[{good},{{"orderId":5,"symbol":"BTCUSDT"}}]"#);
    assert!(matches!(
        with(200, &bad_item),
        Err(ReconcileError::Item { index: 1, .. })
    ));
    let mut elsewhere = ex_order(client_id, 7_020, 2, "NEW");
    elsewhere.symbol = ordertrack::Symbol::new("ETHUSDT").expect("a symbol");
    assert!(matches!(
        with(200, &format!("[{}]", elsewhere.json())),
        Err(ReconcileError::WrongOrder { .. })
    ));
    // Trades of another order, and a trade of zero quantity.
    let mut listed = ex_order(client_id, 7_020, 2, "PARTIALLY_FILLED");
    listed.trades = trades(&[(41, 1, "97000")]);
    let trades_fetch = Fetch::UserTrades {
        symbol: btc(),
        exchange_id: ExchangeOrderId(7_020),
    };
    let mut snapshot = Snapshot::new();
    snapshot.insert(list, 200, format!("[{}]", listed.json()));
    let mut other = listed.clone();
    other.exchange_id = ExchangeOrderId(9);
    snapshot.insert(trades_fetch, 200, other.trades_json());
    assert!(matches!(
        reconcile(&tracker, &snapshot, 3_000, 5_000),
        Err(ReconcileError::WrongOrder { fetch, .. }) if fetch == trades_fetch
    ));
    snapshot.insert(
        trades_fetch,
        200,
        listed
            .trades_json()
            .replace(r#""qty":"0.001""#, r#""qty":"0""#),
    );
    assert!(matches!(
        reconcile(&tracker, &snapshot, 3_000, 5_000),
        Err(ReconcileError::ZeroTrade { .. })
    ));
    // The tracker is as it was.
    assert_eq!(
        tracker
            .lookup_client(&client_id)
            .map(|(_, o)| (o.status(), o.filled_qty())),
        Some((OrderStatus::Active, Qty::ZERO))
    );
}

#[test]
fn engine_cancel_sent_before_the_ack_settled_by_the_query() {
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 3, price("97000"), 1_000);
    tracker
        .cancel(key, 1_001)
        .expect("cancel sent before any ack");
    let mut order = ex_order(client_id, 7_030, 3, "CANCELED");
    order.trades = trades(&[(51, 1, "97000")]);
    let exchange = Exchange {
        orders: vec![order],
    };
    let (plan, _, _) = reconcile_against(&tracker, &exchange, 3_000);
    assert!(plan.apply(&mut tracker, 3_000).iter().all(Result::is_ok));
    let order = tracker.get(key).expect("tracked");
    assert_eq!(
        (order.status(), order.filled_qty(), order.exchange_id()),
        (OrderStatus::Cancelled, qty(1), Some(ExchangeOrderId(7_030)))
    );
}
