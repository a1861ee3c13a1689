//! Conditional orders through a [`FeedTracker`]: the same trade from three
//! events, a close-position order, an order the engine registered itself,
//! and a stop from before the algo service (its legacy trigger, a real
//! expiry).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod algo_lines;

use algo_lines::{Algo, Engine, price, qty, tracked};
use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExpiryReason, NewOrder, OrderStatus,
    OrderType, Origin, Side, StateData, SubAccountId, Symbol, Trigger,
};
use ordertrack_binance::{Fed, FeedConfig, FeedError, FeedTracker};

fn feed() -> FeedTracker {
    FeedTracker::new(FeedConfig::default())
}

/// What a line did to a tracked order (adopted or applied).
fn applied(feed: &mut FeedTracker, line: &str) -> Applied {
    match feed.feed(line) {
        Ok(Fed::Adopted { applied, .. } | Fed::Applied { applied, .. }) => applied,
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn an_order_the_engine_registered_is_armed_by_its_algo_update() {
    let stop = Algo::stop_market(10);
    let spec = NewOrder {
        client_id: ClientOrderId::new(&stop.caid).unwrap(),
        reduce_only: true,
        ..NewOrder::conditional(
            SubAccountId::new("a1b2c3d4-0000").unwrap(),
            Origin::TrailStop,
            Symbol::new("BTCUSDT").unwrap(),
            Side::Sell,
            OrderType::StopMarket,
            qty("0.010"),
            Trigger::at(price("85000")),
            900,
        )
    };
    let mut feed = feed();
    let key = feed
        .tracker_mut()
        .register(AnyOrder::new(spec).unwrap())
        .unwrap();
    feed.tracker_mut().place(key, 950).unwrap();
    assert_eq!(
        feed.feed(stop.update("NEW", "", Some("0.00000"), 1_000).as_str()),
        Ok(Fed::Applied {
            key,
            applied: Applied::Armed
        })
    );
    let engine = stop.triggered(&stop.caid, 731_246_002_010, "MARKET", "STOP_MARKET");
    applied(
        &mut feed,
        &stop.update("TRIGGERED", &engine.id.to_string(), Some("0"), 2_000),
    );
    let fill = engine.trade(6_923_601_101, "0.010", "84990.00", "0.010", "FILLED", 2_001);
    assert!(matches!(applied(&mut feed, &fill), Applied::Filled(_)));
    let order = feed.tracker().get(key).unwrap();
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Filled, qty("0.010"))
    );
    assert_eq!(feed.stats().orders_registered, 0);
}

#[test]
fn one_trade_from_three_events_counts_once() {
    // The fill comes before TRIGGERED under the caid; TRADE_LITE and
    // ORDER_TRADE_UPDATE both report it, the algo service restates the
    // executed quantity (no trade): 0.010 filled once, whatever the order.
    let stop = Algo::stop_market(6);
    let engine = stop.triggered(&stop.caid, 731_246_002_006, "MARKET", "STOP_MARKET");
    let id = engine.id.to_string();
    let mut feed = feed();
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    let fill = engine.trade(6_923_601_061, "0.010", "84990.00", "0.010", "FILLED", 2_000);
    // An armed order's fill binds it to its triggered order and fills it.
    assert!(matches!(applied(&mut feed, &fill), Applied::Filled(_)));
    let lite = engine.lite(6_923_601_061, "0.010", "84990.00", 2_000);
    for line in [
        lite.clone(),
        fill.clone(),
        stop.update("TRIGGERED", &id, Some("0"), 2_001),
        stop.update("FINISHED", &id, Some("0.010"), 2_002),
        lite,
        stop.update("TRIGGERED", &id, Some("0"), 2_001),
    ] {
        let got = applied(&mut feed, &line);
        assert!(
            matches!(got, Applied::Duplicate | Applied::Stale),
            "{line}: {got:?}"
        );
    }
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.filled_qty(), order.fills().count()),
        (OrderStatus::Filled, qty("0.010"), 1)
    );
    assert_eq!(order.exchange_id(), Some(ExchangeOrderId(engine.id)));
    let stats = feed.stats();
    assert_eq!(
        (
            stats.fills_applied,
            stats.duplicates,
            stats.stale,
            stats.triggers
        ),
        (1, 3, 3, 0)
    );
}

#[test]
fn a_close_position_order_learns_its_quantity_from_its_triggered_order() {
    let tp = Algo::close_position(7);
    let engine = tp.triggered(
        &tp.caid,
        8_389_766_000_002_007,
        "MARKET",
        "TAKE_PROFIT_MARKET",
    );
    let id = engine.id.to_string();
    let mut feed = feed();
    applied(&mut feed, &tp.update("NEW", "", Some("0.00000"), 1_000));
    applied(&mut feed, &tp.update("TRIGGERED", &id, Some("0"), 2_000));
    let order = tracked(&feed, &tp.caid);
    assert!(order.is_close_position() && !order.quantity_known());
    assert_eq!(
        (order.status(), order.quantity()),
        (OrderStatus::Active, qty("0"))
    );
    // The triggered order states the position, 0.300: the NEW is stale but
    // for that, so it is reported as the change it is.
    assert_eq!(applied(&mut feed, &engine.new_at(2_001)), Applied::Amended);
    let order = tracked(&feed, &tp.caid);
    assert_eq!(
        (order.quantity_known(), order.quantity()),
        (true, qty("0.300"))
    );
    let first = engine.trade(
        5_401_402_071,
        "0.120",
        "3050.40",
        "0.120",
        "PARTIALLY_FILLED",
        2_002,
    );
    assert!(matches!(
        applied(&mut feed, &first),
        Applied::PartiallyFilled(_)
    ));
    let last = engine.lite(5_401_402_072, "0.180", "3050.60", 2_003);
    assert!(matches!(applied(&mut feed, &last), Applied::Filled(_)));
    // Once known, the quantity bounds the fills: an overfill is refused.
    let over = engine.trade(5_401_402_073, "0.001", "3050.70", "0.301", "FILLED", 2_004);
    let before: Vec<_> = feed.tracker().iter().map(|(k, o)| (k, o.clone())).collect();
    let err = feed.feed(over.as_str()).unwrap_err();
    assert!(matches!(err, FeedError::Apply { .. }), "{err:?}");
    assert_eq!(err.kind(), "fill_refused");
    let after: Vec<_> = feed.tracker().iter().map(|(k, o)| (k, o.clone())).collect();
    assert_eq!(before, after);
    assert_eq!(
        applied(&mut feed, &tp.update("FINISHED", &id, Some("0.300"), 2_010)),
        Applied::Stale
    );
    let order = tracked(&feed, &tp.caid);
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.average_fill_price()
        ),
        (OrderStatus::Filled, qty("0.300"), Some(price("3050.52")))
    );
}

#[test]
fn a_stop_from_before_the_algo_service_triggers_in_place() {
    // NEW, EXPIRED (er 8: the stop triggered, the order goes on), NEW as
    // MARKET under the same order id, its TRADE: Filled.
    for er in ["8", ""] {
        let stop = Engine::legacy_stop(8);
        let mut feed = feed();
        assert_eq!(
            applied(&mut feed, &stop.new_at(1_000)),
            Applied::Acknowledged
        );
        let expired = if er.is_empty() {
            // A recording from before `er` existed.
            stop.expired("0.000", "0", 2_000)
                .replacen(r#","er":"0""#, "", 1)
        } else {
            stop.expired("0.000", er, 2_000)
        };
        assert_eq!(
            applied(&mut feed, &expired),
            Applied::Triggered,
            "er {er:?}"
        );
        let market = stop.as_type("MARKET");
        assert_eq!(applied(&mut feed, &market.new_at(2_001)), Applied::Stale);
        let fill = market.trade(6_923_603_081, "0.005", "87512.30", "0.005", "FILLED", 2_003);
        assert!(matches!(applied(&mut feed, &fill), Applied::Filled(_)));
        let order = tracked(&feed, &stop.client);
        assert_eq!(
            (
                order.status(),
                order.filled_qty(),
                order.triggered(),
                order.algo_id()
            ),
            (OrderStatus::Filled, qty("0.005"), true, None)
        );
        assert_eq!(order.average_fill_price(), Some(price("87512.3")));
        assert_eq!(feed.stats().triggers, 1);
    }
}

#[test]
fn a_real_expiry_of_a_conditional_order_closes_it() {
    // er 6: a GTE_GTC order whose position closed. Not a trigger.
    let stop = Engine::legacy_stop(9);
    let mut feed = feed();
    applied(&mut feed, &stop.new_at(1_000));
    assert!(matches!(
        applied(&mut feed, &stop.expired("0.000", "6", 2_000)),
        Applied::Expired(_)
    ));
    let order = tracked(&feed, &stop.client);
    let StateData::Expired(expired) = *order.state() else {
        panic!("{order:?}");
    };
    assert_eq!(expired.detail, Some(ExpiryReason(6)));
    assert!(!order.triggered());
    // A later event of it changes nothing.
    let market = stop.as_type("MARKET");
    assert_eq!(applied(&mut feed, &market.new_at(2_001)), Applied::Stale);
    assert_eq!(tracked(&feed, &stop.client).status(), OrderStatus::Expired);
    assert_eq!((feed.stats().expiries, feed.stats().triggers), (1, 0));
}
