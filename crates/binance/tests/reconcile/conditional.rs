//! Conditional orders across a reconnect: armed on the algo service, then
//! cancelled, or triggered and filled, while the stream was down.

use ordertrack::{ClientOrderId, ExchangeOrderId, OrderStatus, Price, Qty};
use ordertrack_binance::{Fed, FeedConfig, FeedTracker, Fetch, Snapshot, StepKind, reconcile};

use crate::algo_lines::{Algo, tracked};
use crate::engine::{btc, reconcile_against};
use crate::exchange::{ExOrder, Exchange, Trade};

/// The algo service's answer for `algo` (`GET /fapi/v1/algoOrder`, an item
/// of `openAlgoOrders`), in the documented format.
fn algo_answer(algo: &Algo, status: &str, actual: &str, at: u64) -> String {
    format!(
        r#"{{"algoId":{},"clientAlgoId":"{}","algoType":"CONDITIONAL","orderType":"{}","symbol":"{}","side":"{}","positionSide":"BOTH","timeInForce":"GTC","quantity":"{}","algoStatus":"{status}","actualOrderId":"{actual}","actualPrice":"0.00000","triggerPrice":"{}","price":"{}","icebergQuantity":null,"selfTradePreventionMode":"EXPIRE_MAKER","workingType":"{}","priceMatch":"NONE","closePosition":{},"priceProtect":false,"reduceOnly":{},"createTime":1000,"updateTime":{at},"triggerTime":0,"goodTillDate":0}}"#,
        algo.aid,
        algo.caid,
        algo.order_type,
        algo.symbol,
        algo.side,
        algo.qty,
        algo.trigger,
        algo.price,
        algo.working,
        algo.close,
        algo.reduce,
    )
}

fn armed(stop: &Algo) -> FeedTracker {
    let mut feed = FeedTracker::new(FeedConfig::default());
    let line = stop.update("NEW", "", Some("0.00000"), 1_000);
    let fed = feed.feed(line.as_str());
    assert!(matches!(fed, Ok(Fed::Adopted { .. })), "{fed:?}");
    assert_eq!(tracked(&feed, &stop.caid).status(), OrderStatus::Armed);
    feed
}

#[test]
fn armed_order_listed_is_in_agreement() {
    let stop = Algo::stop_market(1);
    let feed = armed(&stop);
    let mut snapshot = Snapshot::new();
    let fetches = ordertrack_binance::fetch_plan(feed.tracker());
    assert_eq!(fetches, [Fetch::OpenAlgoOrders { symbol: btc() }]);
    snapshot.insert(
        Fetch::OpenAlgoOrders { symbol: btc() },
        200,
        format!("[{}]", algo_answer(&stop, "NEW", "", 1_000)),
    );
    let plan = reconcile(feed.tracker(), &snapshot, 5_000, 5_000).expect("good answers");
    assert!(
        plan.steps.is_empty() && plan.to_fetch.is_empty(),
        "{plan:?}"
    );
    assert_eq!(plan.in_agreement.len(), 1);
}

#[test]
fn armed_order_cancelled_during_the_outage() {
    let stop = Algo::stop_market(2);
    let mut feed = armed(&stop);
    let client_id = ClientOrderId::new(&stop.caid).expect("an id");
    let mut snapshot = Snapshot::new();
    snapshot.insert(Fetch::OpenAlgoOrders { symbol: btc() }, 200, "[]");
    let plan = reconcile(feed.tracker(), &snapshot, 5_000, 5_000).expect("good answers");
    let query = Fetch::AlgoOrder {
        symbol: btc(),
        client_id,
    };
    assert_eq!(plan.to_fetch, [query]);
    snapshot.insert(query, 200, algo_answer(&stop, "CANCELED", "", 2_000));
    let plan = reconcile(feed.tracker(), &snapshot, 5_000, 5_000).expect("good answers");
    assert_eq!(
        plan.steps.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [StepKind::Conditional(
            ordertrack_binance::WireAlgoStatus::Canceled
        )]
    );
    assert!(
        plan.apply(feed.tracker_mut(), 5_000)
            .iter()
            .all(Result::is_ok)
    );
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.closed_at()),
        (OrderStatus::Cancelled, Some(2_000))
    );
}

#[test]
fn armed_order_triggered_and_filled_during_the_outage() {
    let stop = Algo::stop_market(3);
    let mut feed = armed(&stop);
    let client_id = ClientOrderId::new(&stop.caid).expect("an id");
    let actual = 731_246_003_001;
    // The exchange: the algo service says FINISHED into order `actual`,
    // which filled in two trades.
    let triggered = ExOrder {
        client_id,
        exchange_id: ExchangeOrderId(actual),
        symbol: btc(),
        quantity: Qty::parse("0.010").expect("qty"),
        price: Price::ZERO,
        side: "SELL",
        orig_type: "STOP_MARKET",
        status: "FILLED",
        trades: vec![
            Trade {
                id: ordertrack::TradeId(900),
                qty: Qty::parse("0.004").expect("qty"),
                price: Price::parse("84990").expect("price"),
                time: 2_001,
            },
            Trade {
                id: ordertrack::TradeId(901),
                qty: Qty::parse("0.006").expect("qty"),
                price: Price::parse("84980").expect("price"),
                time: 2_002,
            },
        ],
        update_time: 2_002,
    };
    let exchange = Exchange {
        orders: vec![triggered],
    };
    let mut snapshot = Snapshot::new();
    snapshot.insert(Fetch::OpenAlgoOrders { symbol: btc() }, 200, "[]");
    snapshot.insert(
        Fetch::AlgoOrder {
            symbol: btc(),
            client_id,
        },
        200,
        algo_answer(&stop, "FINISHED", &actual.to_string(), 2_000),
    );
    let mut plan = reconcile(feed.tracker(), &snapshot, 5_000, 5_000).expect("good answers");
    let mut rounds = 1;
    while !plan.to_fetch.is_empty() {
        exchange.fill(&mut snapshot, &plan.to_fetch);
        plan = reconcile(feed.tracker(), &snapshot, 5_000, 5_000).expect("good answers");
        rounds += 1;
    }
    // openOrders, then the triggered order's query, then its trades.
    assert_eq!(rounds, 4);
    let [step] = plan.steps.as_slice() else {
        panic!("{plan:?}")
    };
    assert_eq!(step.kind, StepKind::Close(ordertrack::ReportStatus::Filled));
    assert_eq!(step.trades.len(), 2);
    let done = plan.apply(feed.tracker_mut(), 5_000);
    assert!(done.iter().all(Result::is_ok), "{done:?}");
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.exchange_id(), order.filled_qty()),
        (
            OrderStatus::Filled,
            Some(ExchangeOrderId(actual)),
            Qty::parse("0.01").expect("qty")
        )
    );
    assert_eq!(order.average_fill_price(), Price::parse("84984").ok());
    feed.tracker().check_invariants().expect("consistent");
    // The engine's helper agrees there is nothing left.
    let (again, _, _) = reconcile_against(feed.tracker(), &exchange, 6_000);
    assert!(again.steps.is_empty());
}

#[test]
fn untracked_conditional_order_of_ours_is_left_alone() {
    // The algo answers' view does not read the trigger price, so an order
    // cannot be rebuilt from them: reported, not adopted.
    let stop = Algo::stop_market(4);
    let mut snapshot = Snapshot::new();
    snapshot.insert(
        Fetch::OpenAlgoOrders { symbol: btc() },
        200,
        format!("[{}]", algo_answer(&stop, "NEW", "", 1_000)),
    );
    let tracker = ordertrack::OrderTracker::new();
    let plan = reconcile(&tracker, &snapshot, 5_000, 5_000).expect("good answers");
    assert!(plan.steps.is_empty() && plan.foreign.is_empty(), "{plan:?}");
    assert!(matches!(
        plan.left_alone.as_slice(),
        [ordertrack_binance::reconcile::LeftAlone::Unadoptable { client_id, .. }]
            if client_id.as_str() == stop.caid
    ));
}
