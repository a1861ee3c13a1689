//! Fills racing the feed's other events, through `apply`: a fill before the
//! ack, a late fill after the cancel (binding the exchange id of an order
//! closed before its ack), a duplicate fill, and fills arriving out of order.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

fn fill_of(outcome: Outcome) -> FillApplied {
    match outcome {
        Outcome::Applied { applied, .. } => *applied.fill().expect("a fill outcome"),
        Outcome::Unknown(u) => panic!("expected a fill, got {u:?}"),
    }
}

#[test]
fn fill_before_ack_partial_then_ack_then_rest() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = t
        .register_with_callbacks(b.idle(), recorder.callbacks())
        .unwrap();
    step(&t);
    t.place(key, 1_001).unwrap();
    step(&t);

    // The trade arrives before the NEW ack: real, accounted, and it names the id.
    let outcome = t
        .apply(&b.report().eid(900).at(1_002).trade(1, "0.4", "100", "0.4"))
        .unwrap();
    step(&t);
    let fill = fill_of(outcome);
    assert_eq!(
        (fill.qty, fill.filled_qty, fill.unseen_qty),
        (q("0.4"), q("0.4"), Qty::ZERO)
    );
    assert_eq!(status(&t, key), OrderStatus::Active);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(900)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // The ack, late: stale, nothing changes.
    let before = Snapshot::take(&t);
    apply_expect(
        &mut t,
        &b.report().eid(900).at(1_001).ack(),
        key,
        Applied::Stale,
    );
    before.assert_unchanged(&t);

    // The rest fills the order.
    let outcome = t
        .apply(&b.report().eid(900).at(1_003).trade(2, "0.6", "101", "1"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::Filled(_),
            ..
        }
    ));
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), q("1"));
    assert_eq!(order.fills().average_price(), Some(px("100.6")));
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(900)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(recorder.names(), ["on_partial", "on_fill"]);
}

#[test]
fn fill_before_ack_completing_the_order() {
    let mut t = OrderTracker::new();
    let b = order().qty("0.5");
    let key = placing(&mut t, &b);
    let outcome = t
        .apply(
            &b.report()
                .eid(901)
                .at(1_002)
                .trade(1, "0.5", "97000", "0.5"),
        )
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::Filled(_) } if k == key)
    );
    assert_eq!(status(&t, key), OrderStatus::Filled);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(901)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn late_fill_after_cancel_is_accounted_and_the_order_stays_cancelled() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = active(&mut t, &b, 300);
    t.set_callbacks(key, recorder.callbacks()).unwrap();
    step(&t);
    t.cancel(key, 1_100).unwrap();
    step(&t);
    assert_eq!(status(&t, key), OrderStatus::Cancelling);
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // The exchange cancels, reporting 0.3 filled that we have not seen yet.
    apply_expect(
        &mut t,
        &b.report().eid(300).cum("0.3").at(1_200).canceled(),
        key,
        Applied::Cancelled(Closed {
            filled_qty: q("0"),
            unseen_qty: q("0.3"),
            excess_qty: Qty::ZERO,
        }),
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);

    // The trade that raced the cancel lands: accounted, still Cancelled, not live.
    let outcome = t
        .apply(&b.report().eid(300).at(1_150).trade(7, "0.3", "99.5", "0.3"))
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::LateFill(_) } if k == key)
    );
    let fill = fill_of(outcome);
    assert_eq!(
        (fill.qty, fill.filled_qty, fill.unseen_qty),
        (q("0.3"), q("0.3"), Qty::ZERO)
    );
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.filled_qty(), q("0.3"));
    assert_eq!(order.fills().last().map(|l| l.price), Some(px("99.5")));
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert!(t.active_by_symbol(&btc()).next().is_none());

    // The same late fill again: counted once.
    apply_expect(
        &mut t,
        &b.report().eid(300).at(1_150).trade(7, "0.3", "99.5", "0.3"),
        key,
        Applied::Duplicate,
    );
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.3"));

    let seen = recorder.take();
    assert_eq!(
        seen.iter().map(|s| s.callback).collect::<Vec<_>>(),
        ["on_cancel", "on_late_fill"]
    );
    assert_eq!(seen[1].status, OrderStatus::Cancelled);
    assert_eq!(seen[1].filled, q("0.3"));
}

#[test]
fn a_late_fill_can_bind_the_exchange_id_of_an_order_closed_before_its_ack() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.cancel(key, 1_010).unwrap();
    step(&t);
    // CANCELED without an id (as a REST answer may be), then a late trade naming it.
    t.apply(&b.report().at(1_020).canceled()).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().exchange_id(), None);
    let outcome = t
        .apply(&b.report().eid(444).at(1_015).trade(1, "0.2", "100", "0.2"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::LateFill(_),
            ..
        }
    ));
    assert_eq!(
        t.lookup_exchange(&btc(), eid(444)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
}

#[test]
fn a_duplicate_fill_is_counted_once() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 12);
    let trade = b
        .report()
        .eid(12)
        .at(1_100)
        .trade(55, "0.25", "100", "0.25");
    assert!(matches!(
        t.apply(&trade).unwrap(),
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
    step(&t);
    let before = Snapshot::take(&t);
    for _ in 0..3 {
        assert_eq!(
            t.apply(&trade).unwrap(),
            Outcome::Applied {
                key,
                applied: Applied::Duplicate
            }
        );
        step(&t);
        before.assert_unchanged(&t);
    }
    // Even routed by exchange id alone.
    let by_exchange = ExecutionReport {
        client_id: None,
        ..trade
    };
    assert_eq!(
        t.apply(&by_exchange).unwrap(),
        Outcome::Applied {
            key,
            applied: Applied::Duplicate
        }
    );
    step(&t);
    before.assert_unchanged(&t);
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.25"));
    let fills = t.get(key).unwrap().fills();
    assert_eq!(fills.count(), 1);
    assert_eq!(fills.recent_trade_ids(), [TradeId(55)]);
}

#[test]
fn a_fill_arriving_before_an_earlier_one_is_still_applied() {
    // Fills are identified by trade id, not by arrival order.
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 13);
    t.apply(&b.report().eid(13).at(1_200).trade(2, "0.5", "101", "0.8"))
        .unwrap();
    step(&t);
    let outcome = t
        .apply(&b.report().eid(13).at(1_100).trade(1, "0.3", "100", "0.3"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.8"));
    assert_eq!(status(&t, key), OrderStatus::Active);
}
