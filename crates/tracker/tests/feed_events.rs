//! The feed's other events through `apply`: a stale NEW (or CANCELED) after
//! FILLED, a timeout then the ack or the rejection, a cancel sent before the
//! ack, expiry, and amendments.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

#[test]
fn stale_new_and_stale_cancel_after_filled_are_ignored() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 21);
    t.apply(&b.report().eid(21).at(1_100).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    assert_eq!(status(&t, key), OrderStatus::Filled);
    let before = Snapshot::take(&t);

    for report in [
        b.report().eid(21).at(1_050).ack(),
        b.report().no_client_id().eid(21).at(1_050).ack(),
        b.report().eid(21).cum("1").at(1_200).canceled(),
        b.report().eid(21).at(1_200).expired(),
    ] {
        assert_eq!(
            t.apply(&report).unwrap(),
            Outcome::Applied {
                key,
                applied: Applied::Stale
            }
        );
        step(&t);
        before.assert_unchanged(&t);
    }
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn timeout_then_ack() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.place_in_doubt(key, 6_001).unwrap();
    step(&t);
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.in_doubt_since(), Some(6_001));
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // A second timeout keeps the first moment.
    t.place_in_doubt(key, 9_000).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().in_doubt_since(), Some(6_001));

    apply_expect(
        &mut t,
        &b.report().eid(31).at(9_500).ack(),
        key,
        Applied::Acknowledged,
    );
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.in_doubt_since(), None);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(31)).map(|(k, _)| k),
        Some(key)
    );
}

#[test]
fn timeout_then_rejected_by_the_feed() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.place_in_doubt(key, 6_001).unwrap();
    step(&t);
    apply_expect(
        &mut t,
        &b.report().at(6_100).rejected(),
        key,
        Applied::Failed(Closed::between(q("0"), None)),
    );
    assert_eq!(status(&t, key), OrderStatus::Failed);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn cancel_sent_before_the_ack_then_ack_then_canceled() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.cancel(key, 1_005).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().exchange_id(), None);

    // The ack lands while the cancel is in flight: Cancelling learns its id.
    apply_expect(
        &mut t,
        &b.report().eid(61).at(1_006).ack(),
        key,
        Applied::Acknowledged,
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelling);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(61)).map(|(k, _)| k),
        Some(key)
    );

    let outcome = t
        .apply(&b.report().no_client_id().eid(61).at(1_010).canceled())
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::Cancelled(_),
            ..
        }
    ));
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(61)).map(|(k, _)| k),
        Some(key)
    );
}

#[test]
fn expiry_and_expired_in_match_close_the_order() {
    let mut t = OrderTracker::new();
    let a = order();
    let b = order();
    let ka = active(&mut t, &a, 71);
    let kb = active(&mut t, &b, 72);
    let mut report = a.report().eid(71).at(1_300).expired();
    report.expiry_reason = Some(ExpiryReason(2));
    apply_expect(
        &mut t,
        &report,
        ka,
        Applied::Expired(Closed {
            filled_qty: q("0"),
            unseen_qty: Qty::ZERO,
            excess_qty: Qty::ZERO,
        }),
    );
    let expired = t.get(ka).unwrap();
    match expired.view::<Expired>() {
        Some(o) => assert_eq!(o.expiry_reason(), Some(ExpiryReason(2))),
        None => panic!("expected Expired, got {expired:?}"),
    }
    let outcome = t
        .apply(&b.report().eid(72).at(1_300).expired_in_match())
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::Expired(_) } if k == kb)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn an_amendment_changes_the_order_not_its_indexes() {
    let mut t = OrderTracker::new();
    let b = order().qty("1").parent("twap-1");
    let key = active(&mut t, &b, 81);
    apply_expect(
        &mut t,
        &b.report().eid(81).at(1_400).amended("2", "99"),
        key,
        Applied::Amended,
    );
    let order = t.get(key).unwrap();
    assert_eq!((order.quantity(), order.price()), (q("2"), Some(px("99"))));
    assert_eq!(t.count_active_by_symbol(&btc()), 1);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 1);
}
