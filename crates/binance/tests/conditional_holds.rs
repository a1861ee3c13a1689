//! A triggered order's events that come before the algo service's
//! `TRIGGERED`: under the conditional order's client id (routed by it), and
//! under another client id (held by symbol and exchange id while an order of
//! ours on the symbol waits for its trigger, applied once bound); the hold's
//! bounds and ends (let go as foreign, evicted, abandoned).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod algo_lines;

use algo_lines::{Algo, price, qty, tracked};
use ordertrack::{Applied, ExchangeOrderId, OrderStatus, Symbol};
use ordertrack_binance::{
    Fed, FeedConfig, FeedStats, FeedTracker, Released, ReplayOptions, replay,
};

/// Binance's own client id for a triggered order (not the caid).
const OTHER: &str = "AtD2ra0wTOmtMt8UWrhXS0";

fn btc() -> Symbol {
    Symbol::new("BTCUSDT").unwrap()
}

fn applied(feed: &mut FeedTracker, line: &str) -> Applied {
    match feed.feed(line) {
        Ok(Fed::Adopted { applied, .. } | Fed::Applied { applied, .. }) => applied,
        other => panic!("{line}: {other:?}"),
    }
}

/// What each released event did: its line, and the applied outcome or
/// `None` for a foreign one.
fn released(released: &[Released]) -> Vec<(u64, Option<Applied>)> {
    released
        .iter()
        .map(|r| match &r.result {
            Ok(Fed::Applied { applied, .. }) => (r.line, Some(*applied)),
            Ok(Fed::Foreign { .. }) => (r.line, None),
            other => panic!("line {}: {other:?}", r.line),
        })
        .collect()
}

#[test]
fn a_fill_before_triggered_under_the_caid_binds_the_order() {
    let stop = Algo::stop_market(11);
    let engine = stop.triggered(&stop.caid, 731_246_002_011, "MARKET", "STOP_MARKET");
    let id = engine.id.to_string();
    let mut feed = FeedTracker::new(FeedConfig::default());
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    let first = engine.lite(6_923_601_111, "0.004", "84995.50", 2_000);
    assert!(matches!(
        applied(&mut feed, &first),
        Applied::PartiallyFilled(_)
    ));
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.exchange_id(), order.triggered()),
        (OrderStatus::Active, Some(ExchangeOrderId(engine.id)), true)
    );
    assert_eq!(
        applied(&mut feed, &stop.update("TRIGGERED", &id, Some("0"), 2_001)),
        Applied::Stale
    );
    let last = engine.trade(6_923_601_112, "0.006", "84998.50", "0.010", "FILLED", 2_002);
    assert!(matches!(applied(&mut feed, &last), Applied::Filled(_)));
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.average_fill_price()
        ),
        (OrderStatus::Filled, qty("0.010"), Some(price("84997.3")))
    );
    // Nothing was held: routed by client id.
    assert_eq!(
        (feed.stats().held_for_trigger, feed.held_for_trigger()),
        (0, 0)
    );
}

#[test]
fn a_fill_before_triggered_under_another_client_id_is_held_then_applied() {
    let stop = Algo::stop_market(12);
    // Its own client id, its own type as `ot`.
    let engine = stop.triggered(OTHER, 731_246_002_012, "MARKET", "MARKET");
    let id = engine.id.to_string();
    let mut feed = FeedTracker::new(FeedConfig::default());
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    applied(&mut feed, &stop.update("TRIGGERING", "", None, 2_000));
    let held = Fed::HeldForTrigger {
        symbol: btc(),
        exchange_id: ExchangeOrderId(engine.id),
    };
    let lite = engine.lite(6_923_601_121, "0.004", "84995.50", 2_001);
    let twin = engine.trade(
        6_923_601_121,
        "0.004",
        "84995.50",
        "0.004",
        "PARTIALLY_FILLED",
        2_001,
    );
    assert_eq!(feed.feed(lite.as_str()), Ok(held.clone()));
    assert_eq!(feed.feed(twin.as_str()), Ok(held));
    assert_eq!(feed.held_for_trigger(), 2);
    assert_eq!(tracked(&feed, &stop.caid).filled_qty(), qty("0"));
    // TRIGGERED binds the order to it: the held events apply, in line order.
    let Ok(Fed::AppliedAndReleased {
        applied: Applied::Triggered,
        released: after,
        ..
    }) = feed.feed(stop.update("TRIGGERED", &id, Some("0"), 2_002).as_str())
    else {
        panic!("not released");
    };
    let Some(Applied::PartiallyFilled(fill)) = released(&after).first().and_then(|r| r.1) else {
        panic!("{after:?}");
    };
    assert_eq!(fill.filled_qty, qty("0.004"));
    assert_eq!(
        released(&after).iter().map(|r| r.0).collect::<Vec<_>>(),
        [3, 4]
    );
    assert_eq!(
        released(&after).get(1),
        Some(&(4, Some(Applied::Duplicate)))
    );
    assert_eq!(feed.held_for_trigger(), 0);
    // Its later events, under its own client id and type, are the stop's.
    let last = engine.trade(6_923_601_122, "0.006", "84998.50", "0.010", "FILLED", 2_003);
    assert!(matches!(applied(&mut feed, &last), Applied::Filled(_)));
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.average_fill_price()
        ),
        (OrderStatus::Filled, qty("0.010"), Some(price("84997.3")))
    );
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 6,
            algo_updates: 3,
            order_trade_updates: 2,
            trade_lites: 1,
            orders_registered: 1,
            armed: 1,
            triggering: 1,
            triggers: 1,
            fills_applied: 2,
            duplicates: 1,
            held_for_trigger: 2,
            ..FeedStats::default()
        }
    );
}

#[test]
fn what_no_order_claims_is_let_go_as_foreign() {
    let stop = Algo::stop_market(13);
    let foreign = stop.triggered("web_st_Qm3xV8kP2nL7", 731_246_004_013, "LIMIT", "LIMIT");
    let mut feed = FeedTracker::new(FeedConfig::default());
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    assert!(matches!(
        feed.feed(foreign.new_at(1_500).as_str()),
        Ok(Fed::HeldForTrigger { .. })
    ));
    // The stop is cancelled: no order of ours on BTCUSDT waits any more.
    let Ok(Fed::AppliedAndReleased {
        applied: Applied::Cancelled(_),
        released: after,
        ..
    }) = feed.feed(stop.update("CANCELED", "", Some("0.00000"), 2_000).as_str())
    else {
        panic!("not released");
    };
    assert_eq!(released(&after), [(2, None)]);
    let stats = feed.stats();
    assert_eq!(
        (
            stats.held_for_trigger,
            stats.foreign_orders,
            stats.foreign_events
        ),
        (1, 1, 1)
    );
    // With nothing armed, a foreign event is foreign at once; so is one on
    // another symbol while a stop is armed there.
    assert!(matches!(
        feed.feed(foreign.new_at(2_500).as_str()),
        Ok(Fed::Foreign {
            first_seen: false,
            ..
        })
    ));
    let other = Algo::stop_market(14);
    applied(&mut feed, &other.update("NEW", "", Some("0.00000"), 3_000));
    let eth = algo_lines::Engine {
        symbol: "ETHUSDT",
        ..foreign.clone()
    };
    assert!(matches!(
        feed.feed(eth.new_at(3_100).as_str()),
        Ok(Fed::Foreign {
            first_seen: true,
            ..
        })
    ));
    assert_eq!(feed.held_for_trigger(), 0);
}

#[test]
fn held_events_are_bounded_and_abandoned_as_foreign() {
    let stop = Algo::stop_market(15);
    let mut feed = FeedTracker::new(FeedConfig {
        max_held_for_trigger: 2,
        ..FeedConfig::default()
    });
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    for n in 0..5 {
        let foreign = stop.triggered(&format!("web_{n}"), 731_246_005_000 + n, "LIMIT", "LIMIT");
        assert!(matches!(
            feed.feed(foreign.new_at(1_100 + n).as_str()),
            Ok(Fed::HeldForTrigger { .. })
        ));
        assert!(feed.held_for_trigger() <= 2);
    }
    let stats = feed.stats();
    assert_eq!(
        (stats.held_for_trigger, stats.held_for_trigger_evicted),
        (5, 3)
    );
    // The three evicted are never applied: foreign orders' events.
    assert_eq!((stats.foreign_orders, stats.foreign_events), (3, 3));
    // The stream ends: the two still held count as two more.
    assert_eq!(feed.abandon_held(), 0);
    let stats = feed.stats();
    assert_eq!((stats.foreign_orders, stats.foreign_events), (5, 5));
    assert_eq!(feed.held_for_trigger(), 0);
    assert_eq!(tracked(&feed, &stop.caid).status(), OrderStatus::Armed);
}

#[test]
fn a_replay_that_ends_before_triggered_counts_the_held_event_as_foreign() {
    let stop = Algo::stop_market(16);
    let engine = stop.triggered(OTHER, 731_246_002_016, "MARKET", "STOP_MARKET");
    let text = [
        stop.update("NEW", "", Some("0.00000"), 1_000),
        engine.lite(6_923_601_161, "0.004", "84995.50", 2_001),
    ]
    .join("\n");
    let summary = replay(text.as_bytes(), ReplayOptions::default());
    assert_eq!(
        (
            summary.abandoned_for_trigger,
            summary.stats.held_for_trigger
        ),
        (1, 1)
    );
    assert_eq!(
        (summary.stats.foreign_orders, summary.stats.foreign_events),
        (1, 1)
    );
    assert_eq!(summary.orders_by_state.get("Armed"), Some(&1));
    assert!(summary.invariants.ok && summary.error_lines == 0);
    let row = summary.orders.first().unwrap();
    assert_eq!(
        (row.state, row.algo_id.map(|a| a.get()), row.exchange_id),
        (OrderStatus::Armed, Some(stop.aid), None)
    );
}
