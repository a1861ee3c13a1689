//! `cleanup_terminal`: terminal orders older than `max_age` leave, in close-time
//! order, live orders never do; out-of-order close times never make an order
//! leave early; queue entries of unregistered orders are skipped; and a key of
//! a removed order never reaches the order that reuses its slot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

/// Registers an Active order and has the exchange cancel it at `closed_at`.
fn closed(t: &mut OrderTracker, b: &OrderBuilder, id: u64, closed_at: u64) -> OrderKey {
    let key = active(t, b, id);
    let outcome = t
        .apply(&b.report().eid(id).at(closed_at).canceled())
        .unwrap();
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::Cancelled(_),
            ..
        }
    ));
    step(t);
    key
}

#[test]
fn cleanup_of_an_empty_tracker_removes_nothing() {
    let mut t = OrderTracker::new();
    assert_eq!(
        t.cleanup_terminal(u64::MAX, std::time::Duration::from_millis(0)),
        0
    );
    step(&t);
}

#[test]
fn only_terminal_orders_older_than_max_age_go() {
    let mut t = OrderTracker::new();
    const MAX_AGE: u64 = 300_000;
    // Live orders created long ago: never removed.
    let idle = t.register(order().created(0).idle()).unwrap();
    step(&t);
    let live = active(&mut t, &order().created(0), 1);
    let old = closed(&mut t, &order(), 2, 10_000);
    let newer = closed(&mut t, &order(), 3, 20_000);
    let newest = closed(&mut t, &order(), 4, 30_000);

    // Exactly max_age old is not older than max_age.
    assert_eq!(
        t.cleanup_terminal(10_000 + MAX_AGE, std::time::Duration::from_millis(MAX_AGE)),
        0
    );
    step(&t);
    assert_eq!(t.len(), 5);

    assert_eq!(
        t.cleanup_terminal(
            10_000 + MAX_AGE + 1,
            std::time::Duration::from_millis(MAX_AGE)
        ),
        1
    );
    step(&t);
    assert!(t.get(old).is_none());
    assert!(t.get(newer).is_some() && t.get(newest).is_some());

    // Both remaining closed orders at once; the live ones stay.
    assert_eq!(
        t.cleanup_terminal(
            30_000 + MAX_AGE + 1,
            std::time::Duration::from_millis(MAX_AGE)
        ),
        2
    );
    step(&t);
    assert_eq!(t.len(), 2);
    assert!(t.get(idle).is_some() && t.get(live).is_some());

    // Nothing left to remove, however late.
    assert_eq!(
        t.cleanup_terminal(u64::MAX, std::time::Duration::from_millis(0)),
        0
    );
    step(&t);
    assert_eq!(t.len(), 2);
}

#[test]
fn a_clock_behind_the_close_time_removes_nothing() {
    let mut t = OrderTracker::new();
    closed(&mut t, &order(), 1, 50_000);
    assert_eq!(
        t.cleanup_terminal(1_000, std::time::Duration::from_millis(0)),
        0
    );
    step(&t);
    assert_eq!(t.len(), 1);
}

#[test]
fn every_terminal_state_is_cleaned_up() {
    let mut t = OrderTracker::new();
    let filled = order();
    let k1 = active(&mut t, &filled, 1);
    t.apply(&filled.report().eid(1).at(5_000).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    let expired = order();
    let k2 = active(&mut t, &expired, 2);
    t.apply(&expired.report().eid(2).at(5_000).expired())
        .unwrap();
    step(&t);
    let k3 = placing(&mut t, &order());
    t.place_failed(k3, FailReason::Rejected, 5_000).unwrap();
    step(&t);
    let k4 = closed(&mut t, &order(), 4, 5_000);
    assert_eq!(
        t.cleanup_terminal(5_001, std::time::Duration::from_millis(0)),
        4
    );
    step(&t);
    assert!([k1, k2, k3, k4].iter().all(|&k| t.get(k).is_none()));
    assert!(t.is_empty());
}

#[test]
fn out_of_order_close_times_never_remove_an_order_early() {
    const MAX_AGE: u64 = 1_000;
    let mut t = OrderTracker::new();
    // Closes reach the tracker out of time order.
    let closes = [
        (9_000, 1),
        (5_000, 2),
        (12_000, 3),
        (7_000, 4),
        (12_000, 5),
        (2_000, 6),
    ];
    let keys: Vec<(OrderKey, u64)> = closes
        .iter()
        .map(|&(at, id)| (closed(&mut t, &order(), id, at), at))
        .collect();
    let mut now = 0;
    let mut removed_total = 0;
    while now <= 20_000 {
        let before: Vec<bool> = keys.iter().map(|&(k, _)| t.get(k).is_some()).collect();
        let removed = t.cleanup_terminal(now, std::time::Duration::from_millis(MAX_AGE));
        step(&t);
        let mut gone = 0;
        for (i, &(key, closed_at)) in keys.iter().enumerate() {
            if before[i] && t.get(key).is_none() {
                gone += 1;
                assert!(
                    now - closed_at > MAX_AGE,
                    "order closed at {closed_at} removed early at {now}"
                );
            }
        }
        assert_eq!(removed, gone, "the count returned is the count removed");
        removed_total += removed;
        now += 250;
    }
    assert_eq!(removed_total, closes.len());
    // The queue is time-ordered by the latest close seen: the order closed at
    // 2,000 (after one at 12,000) went with the 12,000 ones, not before.
    assert!(t.is_empty());
}

#[test]
fn the_queue_entry_of_an_unregistered_order_is_skipped() {
    let mut t = OrderTracker::new();
    let a = closed(&mut t, &order(), 1, 1_000);
    let b = closed(&mut t, &order(), 2, 2_000);
    let c = closed(&mut t, &order(), 3, 3_000);
    let removed = t.unregister(b).unwrap();
    step(&t);
    assert_eq!(removed.status(), OrderStatus::Cancelled);
    assert_eq!(
        t.cleanup_terminal(10_000, std::time::Duration::from_millis(0)),
        2,
        "a and c; b's entry is skipped, not counted"
    );
    step(&t);
    assert!(t.get(a).is_none() && t.get(c).is_none());
    assert!(t.is_empty());
}

#[test]
fn an_unregistered_then_reregistered_order_is_cleaned_once() {
    let mut t = OrderTracker::new();
    let key = closed(&mut t, &order(), 1, 1_000);
    let order = t.unregister(key).unwrap();
    step(&t);
    let again = t.register(order).unwrap();
    step(&t);
    assert_eq!(
        t.cleanup_terminal(1_000, std::time::Duration::from_millis(0)),
        0
    );
    assert_eq!(
        t.cleanup_terminal(1_001, std::time::Duration::from_millis(0)),
        1
    );
    step(&t);
    assert!(t.get(again).is_none());
    assert_eq!(
        t.cleanup_terminal(u64::MAX, std::time::Duration::from_millis(0)),
        0
    );
    step(&t);
}

#[test]
fn a_late_fill_does_not_postpone_or_repeat_cleanup() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = closed(&mut t, &b, 1, 1_000);
    // The late fill lands much later; the order's age still counts from its close.
    t.apply(&b.report().eid(1).at(50_000).trade(1, "0.5", "100", "0.5"))
        .unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().updated_at(), 50_000);
    assert_eq!(
        t.cleanup_terminal(1_000 + 10_001, std::time::Duration::from_millis(10_000)),
        1
    );
    step(&t);
    assert!(t.is_empty());
}

#[test]
fn stale_keys_after_cleanup_and_unregister_never_reach_the_new_order() {
    let mut t = OrderTracker::new();
    let old_b = order();
    let old = closed(&mut t, &old_b, 1, 1_000);
    let gone_b = order();
    let gone = active(&mut t, &gone_b, 2);
    assert_eq!(
        t.cleanup_terminal(2_001, std::time::Duration::from_millis(1_000)),
        1
    );
    step(&t);
    t.unregister(gone).unwrap();
    step(&t);
    assert!(t.is_empty());

    // New orders take the freed slots.
    let fresh_b = order();
    let fresh = active(&mut t, &fresh_b, 3);
    let fresh2 = t.register(order().idle()).unwrap();
    step(&t);
    let mut freed = [slot_of(old), slot_of(gone)];
    let mut reused = [slot_of(fresh), slot_of(fresh2)];
    freed.sort_unstable();
    reused.sort_unstable();
    assert_eq!(freed, reused, "the new orders live in the freed slots");
    let before = Snapshot::take(&t);
    for stale in [old, gone] {
        assert_ne!(stale, fresh);
        assert_ne!(stale, fresh2);
        assert!(t.get(stale).is_none());
        assert_eq!(
            t.cancel(stale, 5_000),
            Err(TrackError::StaleKey { key: stale })
        );
        assert_eq!(
            t.place(stale, 5_000),
            Err(TrackError::StaleKey { key: stale })
        );
        assert_eq!(
            t.place_in_doubt(stale, 5_000),
            Err(TrackError::StaleKey { key: stale })
        );
        assert_eq!(
            t.cancel_rejected(stale, 5_000),
            Err(TrackError::StaleKey { key: stale })
        );
        assert_eq!(
            t.place_failed(stale, FailReason::Rejected, 5_000),
            Err(TrackError::StaleKey { key: stale })
        );
        assert_eq!(
            t.set_callbacks(stale, Callbacks::new()),
            Err(TrackError::StaleKey { key: stale })
        );
        assert!(t.unregister(stale).is_none());
        step(&t);
        before.assert_unchanged(&t);
    }
    // Reports for the removed orders are unknown (ours), never routed to the new ones.
    for (b, id) in [(&old_b, 1), (&gone_b, 2)] {
        let outcome = t
            .apply(&b.report().eid(id).at(5_000).trade(9, "0.1", "100", "0.1"))
            .unwrap();
        step(&t);
        match outcome {
            Outcome::Unknown(u) => {
                assert!(u.is_ours());
                assert_eq!(u.client_id, Some(b.spec().client_id));
            }
            other => panic!("expected Unknown, got {other:?}"),
        }
        before.assert_unchanged(&t);
    }
    assert_eq!(status(&t, fresh), OrderStatus::Active);
    assert_eq!(t.get(fresh).unwrap().client_id(), fresh_b.spec().client_id);
}
