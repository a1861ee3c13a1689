//! Conditional orders of the algo service through a [`FeedTracker`], line by
//! line in Binance's exact format: cancelled, expired, filled in parts,
//! cancelled with a late fill, rejected at its trigger.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod algo_lines;

use algo_lines::{Algo, price, qty, tracked};
use ordertrack::{Applied, ExchangeOrderId, FailReason, OrderStatus, StateData};
use ordertrack_binance::{Fed, FeedConfig, FeedStats, FeedTracker};

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
fn armed_then_cancelled() {
    let stop = Algo::stop_market(1);
    let mut feed = feed();
    assert_eq!(
        applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000)),
        Applied::Armed
    );
    let order = tracked(&feed, &stop.caid);
    let StateData::Armed(armed) = *order.state() else {
        panic!("{order:?}");
    };
    assert_eq!(
        (armed.algo_id.get(), armed.sent_at, armed.triggering_since),
        (stop.aid, 1_000, None)
    );
    let Applied::Cancelled(closed) = applied(
        &mut feed,
        &stop.update("CANCELED", "", Some("0.00000"), 2_000),
    ) else {
        panic!("not cancelled");
    };
    assert_eq!((closed.filled_qty, closed.unseen_qty), (qty("0"), qty("0")));
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.exchange_id(), order.closed_at()),
        (OrderStatus::Cancelled, None, Some(2_000))
    );
    assert_eq!(order.algo_id().map(|a| a.get()), Some(stop.aid));
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 2,
            algo_updates: 2,
            orders_registered: 1,
            armed: 1,
            cancels: 1,
            ..FeedStats::default()
        }
    );
}

#[test]
fn armed_then_expired() {
    let stop = Algo::stop_market(2);
    let mut feed = feed();
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    assert!(matches!(
        applied(
            &mut feed,
            &stop.update("EXPIRED", "", Some("0.00000"), 3_000)
        ),
        Applied::Expired(_)
    ));
    let order = tracked(&feed, &stop.caid);
    let StateData::Expired(expired) = *order.state() else {
        panic!("{order:?}");
    };
    // The algo service states no expiry reason.
    assert_eq!(
        (expired.detail, expired.exchange_id, expired.closed_at),
        (None, None, 3_000)
    );
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 2,
            algo_updates: 2,
            orders_registered: 1,
            armed: 1,
            expiries: 1,
            ..FeedStats::default()
        }
    );
}

#[test]
fn triggered_then_filled_in_parts() {
    let stop = Algo::stop_market(3);
    let engine = stop.triggered(&stop.caid, 731_246_002_003, "MARKET", "STOP_MARKET");
    let id = engine.id.to_string();
    let mut feed = feed();
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    assert_eq!(
        applied(&mut feed, &stop.update("TRIGGERING", "", None, 2_000)),
        Applied::Triggering
    );
    let StateData::Armed(armed) = *tracked(&feed, &stop.caid).state() else {
        panic!("not armed");
    };
    assert_eq!(armed.triggering_since, Some(2_000));
    assert_eq!(
        applied(&mut feed, &stop.update("TRIGGERED", &id, Some("0"), 2_010)),
        Applied::Triggered
    );
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.exchange_id(), order.triggered()),
        (OrderStatus::Active, Some(ExchangeOrderId(engine.id)), true)
    );
    // Bound: the tracker finds it by the triggered order's id.
    let symbol = order.symbol();
    assert!(
        feed.tracker()
            .lookup_exchange(&symbol, ExchangeOrderId(engine.id))
            .is_some()
    );
    assert_eq!(applied(&mut feed, &engine.new_at(2_011)), Applied::Stale);
    assert!(matches!(
        applied(
            &mut feed,
            &engine.lite(6_923_601_031, "0.004", "84995.50", 2_012)
        ),
        Applied::PartiallyFilled(_)
    ));
    let twin = engine.trade(
        6_923_601_031,
        "0.004",
        "84995.50",
        "0.004",
        "PARTIALLY_FILLED",
        2_012,
    );
    assert_eq!(applied(&mut feed, &twin), Applied::Duplicate);
    let last = engine.trade(6_923_601_032, "0.006", "84998.50", "0.010", "FILLED", 2_013);
    let Applied::Filled(fill) = applied(&mut feed, &last) else {
        panic!("not filled");
    };
    assert_eq!(
        (fill.filled_qty, fill.unseen_qty, fill.excess_qty),
        (qty("0.010"), qty("0"), qty("0"))
    );
    assert_eq!(
        applied(
            &mut feed,
            &stop.update("FINISHED", &id, Some("0.010"), 2_020)
        ),
        Applied::Stale
    );
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.average_fill_price()
        ),
        (OrderStatus::Filled, qty("0.010"), Some(price("84997.3")))
    );
    assert_eq!(order.fills().count(), 2);
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 8,
            algo_updates: 4,
            order_trade_updates: 3,
            trade_lites: 1,
            orders_registered: 1,
            armed: 1,
            triggering: 1,
            triggers: 1,
            fills_applied: 2,
            duplicates: 1,
            stale: 2,
            ..FeedStats::default()
        }
    );
}

#[test]
fn triggered_then_cancelled_with_a_late_fill() {
    // A STOP (limit) triggers into a LIMIT order, whose events name its own
    // type as `ot`: read as the stop's all the same.
    let stop = Algo::stop_limit(4);
    let engine = stop.triggered(&stop.caid, 731_246_002_004, "LIMIT", "LIMIT");
    let id = engine.id.to_string();
    let mut feed = feed();
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    applied(&mut feed, &stop.update("TRIGGERED", &id, Some("0"), 2_000));
    assert_eq!(applied(&mut feed, &engine.new_at(2_001)), Applied::Stale);
    // The cancel overtook a fill of 0.003: announced as unseen.
    let Applied::Cancelled(closed) = applied(&mut feed, &engine.canceled("0.003", 3_000)) else {
        panic!("not cancelled");
    };
    assert_eq!(
        (closed.filled_qty, closed.unseen_qty),
        (qty("0"), qty("0.003"))
    );
    let late = engine.trade(
        6_923_601_041,
        "0.003",
        "84900.00",
        "0.003",
        "PARTIALLY_FILLED",
        2_999,
    );
    let Applied::LateFill(fill) = applied(&mut feed, &late) else {
        panic!("not a late fill");
    };
    assert_eq!((fill.filled_qty, fill.unseen_qty), (qty("0.003"), qty("0")));
    assert_eq!(
        applied(
            &mut feed,
            &stop.update("FINISHED", &id, Some("0.003"), 3_010)
        ),
        Applied::Stale
    );
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (
            order.status(),
            order.filled_qty(),
            order.average_fill_price()
        ),
        (OrderStatus::Cancelled, qty("0.003"), Some(price("84900")))
    );
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 6,
            algo_updates: 3,
            order_trade_updates: 3,
            orders_registered: 1,
            armed: 1,
            triggers: 1,
            fills_applied: 1,
            late_fills: 1,
            cancels: 1,
            stale: 2,
            ..FeedStats::default()
        }
    );
}

#[test]
fn rejected_at_its_trigger() {
    let stop = Algo::stop_market(5);
    let mut feed = feed();
    applied(&mut feed, &stop.update("NEW", "", Some("0.00000"), 1_000));
    applied(&mut feed, &stop.update("TRIGGERING", "", None, 2_000));
    let reject = stop.update_with(
        "REJECTED",
        "",
        Some("0.00000"),
        2_005,
        r#","rm":"Reduce Only reject""#,
    );
    assert!(matches!(applied(&mut feed, &reject), Applied::Failed(_)));
    let order = tracked(&feed, &stop.caid);
    let StateData::Failed(failed) = *order.state() else {
        panic!("{order:?}");
    };
    assert_eq!(
        (failed.detail, failed.closed_at, failed.exchange_id),
        (FailReason::Rejected, 2_005, None)
    );
    assert_eq!(
        feed.stats(),
        FeedStats {
            lines: 3,
            algo_updates: 3,
            orders_registered: 1,
            armed: 1,
            triggering: 1,
            rejections: 1,
            ..FeedStats::default()
        }
    );
}
