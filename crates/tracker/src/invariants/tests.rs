//! The invariant checker's teeth: each test corrupts one internal structure
//! the way a bug would and asserts that `check_invariants` names the damage.

use ordertrack_model::*;

use super::Violation;
use crate::bucket::{Membership, NOWHERE};
use crate::entry::Links;
use crate::{OrderKey, OrderTracker};

fn spec(i: u64, parent: Option<&str>) -> NewOrder {
    let sub = SubAccountId::new("subacct01").unwrap();
    let mut spec = NewOrder::limit(
        sub,
        Origin::Twap,
        Symbol::new("BTCUSDT").unwrap(),
        Side::Sell,
        Qty::parse("1").unwrap(),
        Price::parse("100").unwrap(),
        i,
    );
    spec.client_id = ClientOrderId::with_unique(&sub, Origin::Twap, u128::from(i));
    spec.parent = parent.map(|p| ParentId::new(p).unwrap());
    spec
}

/// Three live orders with exchange ids and a parent, and one cancelled order.
fn tracker() -> (OrderTracker, Vec<OrderKey>) {
    let mut t = OrderTracker::new();
    let mut keys = Vec::new();
    for i in 0..3 {
        let mut order = AnyOrder::sent(spec(i, Some("twap-1")), i).unwrap();
        let _ = order
            .view_mut::<Placing>()
            .unwrap()
            .acknowledge(ExchangeOrderId(100 + i), i);
        keys.push(t.register(order).unwrap());
    }
    let mut closed = AnyOrder::sent(spec(9, None), 9).unwrap();
    let _ = closed.view_mut::<Placing>().unwrap().cancelled(None, 9);
    keys.push(t.register(closed).unwrap());
    t.check_invariants().unwrap();
    (t, keys)
}

fn violations(t: &OrderTracker) -> Vec<Violation> {
    t.check_invariants()
        .expect_err("the corruption must be reported")
}

#[test]
fn client_index_pointing_elsewhere_or_missing() {
    // keys[0]'s entry replaced by a second entry for keys[1] under keys[0]'s id.
    let (mut t, keys) = tracker();
    let id = t.get(keys[0]).unwrap().client_id();
    let hash = t.by_client.hash(&id);
    assert!(t.by_client.remove(hash, keys[0]));
    t.by_client.insert(&t.orders, hash, keys[1]);
    let v = violations(&t);
    assert!(v.contains(&Violation::ClientIndexWrong { key: keys[1] }));
    assert!(v.contains(&Violation::NotInClientIndex { key: keys[0] }));

    // An entry missing.
    let (mut t, keys) = tracker();
    let id = t.get(keys[2]).unwrap().client_id();
    assert!(t.by_client.remove(t.by_client.hash(&id), keys[2]));
    let v = violations(&t);
    assert!(v.contains(&Violation::NotInClientIndex { key: keys[2] }));
    assert!(v.iter().any(|x| matches!(
        x,
        Violation::CountMismatch {
            index: "client id",
            ..
        }
    )));

    // An entry naming no order.
    let (mut t, _) = tracker();
    t.by_client.insert(&t.orders, 7, OrderKey::default());
    let v = violations(&t);
    assert!(v.contains(&Violation::ClientIndexWrong {
        key: OrderKey::default()
    }));
}

#[test]
fn exchange_index_wrong_or_missing() {
    let btc = Symbol::new("BTCUSDT").unwrap();
    // keys[0]'s entry replaced by a second entry for keys[1] under keys[0]'s id.
    let (mut t, keys) = tracker();
    let hash = t.by_exchange.hash(&(btc, ExchangeOrderId(100)));
    assert!(t.by_exchange.remove(hash, keys[0]));
    t.by_exchange.insert(&t.orders, hash, keys[1]);
    let v = violations(&t);
    assert!(v.contains(&Violation::ExchangeIndexWrong { key: keys[1] }));
    assert!(v.contains(&Violation::NotInExchangeIndex { key: keys[0] }));

    // An entry missing.
    let (mut t, keys) = tracker();
    let hash = t.by_exchange.hash(&(btc, ExchangeOrderId(101)));
    assert!(t.by_exchange.remove(hash, keys[1]));
    assert!(violations(&t).contains(&Violation::NotInExchangeIndex { key: keys[1] }));

    // An entry for an order that has no exchange id (the cancelled one).
    let (mut t, keys) = tracker();
    t.by_exchange.insert(&t.orders, 7, keys[3]);
    assert!(violations(&t).contains(&Violation::ExchangeIndexWrong { key: keys[3] }));
}

#[test]
fn bucket_back_pointers_and_membership() {
    let (mut t, keys) = tracker();
    // A back-pointer that no longer says where the key sits.
    if let Some(e) = t.orders.get_mut(keys[0]) {
        e.links.sub_account = 2;
    }
    let v = violations(&t);
    assert!(v.contains(&Violation::NotInBucket {
        index: "sub-account",
        key: keys[0]
    }));
    assert!(v.contains(&Violation::BucketEntryWrong {
        index: "sub-account",
        key: keys[0],
        position: 0
    }));

    // An order missing from its parent bucket.
    let (mut t, keys) = tracker();
    let links = t.orders.get(keys[1]).unwrap().links;
    let at = Membership {
        bucket: links.parent_slot().unwrap(),
        position: links.parent,
    };
    let moved = t.by_parent.remove_at(at);
    assert_eq!(moved, Some(keys[2]));
    let v = violations(&t);
    assert!(v.contains(&Violation::NotInBucket {
        index: "parent",
        key: keys[1]
    }));
    assert!(v.iter().any(|x| matches!(
        x,
        Violation::CountMismatch {
            index: "parent",
            ..
        }
    )));
}

#[test]
fn membership_naming_a_bucket_the_order_does_not_belong_to() {
    // keys[3] has no parent, yet claims a place in the parent bucket of keys[0].
    let (mut t, keys) = tracker();
    let stolen = t.orders.get(keys[0]).unwrap().links;
    if let Some(e) = t.orders.get_mut(keys[3]) {
        e.links.parent = stolen.parent;
        e.links.set_parent_slot(stolen.parent_slot().unwrap());
    }
    assert!(violations(&t).contains(&Violation::NotInBucket {
        index: "parent",
        key: keys[3]
    }));
}

#[test]
fn terminal_order_left_in_the_live_index() {
    let (mut t, keys) = tracker();
    let btc = Symbol::new("BTCUSDT").unwrap();
    let at = t.live_by_symbol.insert(btc, keys[3]);
    if let Some(e) = t.orders.get_mut(keys[3]) {
        // Its links reopened, pointing into the live bucket.
        let mut reopened = Links::new(e.links.callbacks());
        reopened.sub_account = e.links.sub_account;
        reopened.set_live(at.position);
        e.links = reopened;
    }
    let v = violations(&t);
    assert!(v.contains(&Violation::TerminalInLiveIndex {
        key: keys[3],
        status: OrderStatus::Cancelled
    }));
    assert!(v.contains(&Violation::BucketEntryWrong {
        index: "symbol",
        key: keys[3],
        position: 3
    }));
}

#[test]
fn closed_order_keeping_a_wrong_client_hash() {
    let (mut t, keys) = tracker();
    let right = t.orders.get(keys[3]).unwrap().links.client_hash().unwrap();
    if let Some(e) = t.orders.get_mut(keys[3]) {
        e.links.close(right ^ 1);
    }
    assert!(violations(&t).contains(&Violation::NotInClientIndex { key: keys[3] }));
    // Cleanup still takes it out of the client-id index, by hashing its id.
    assert_eq!(t.cleanup_terminal(u64::MAX, std::time::Duration::ZERO), 1);
    t.check_invariants().unwrap();
}

#[test]
fn live_order_missing_from_the_live_index() {
    let (mut t, keys) = tracker();
    let position = t.orders.get(keys[2]).unwrap().links.live();
    if let Some(e) = t.orders.get_mut(keys[2]) {
        e.links.set_live(NOWHERE);
    }
    t.live_by_symbol
        .remove(&Symbol::new("BTCUSDT").unwrap(), position);
    let v = violations(&t);
    assert!(v.contains(&Violation::NotInBucket {
        index: "symbol",
        key: keys[2]
    }));
    assert!(v.iter().any(|x| matches!(
        x,
        Violation::CountMismatch {
            index: "symbol",
            ..
        }
    )));
}

#[test]
fn bucket_entry_naming_no_order() {
    let (mut t, _) = tracker();
    t.by_parent
        .insert(ParentId::new("ghost").unwrap(), OrderKey::default());
    let v = violations(&t);
    assert!(v.iter().any(|x| matches!(
        x,
        Violation::BucketEntryWrong {
            index: "parent",
            ..
        }
    )));
}

#[test]
fn cleanup_queue_disagreements() {
    // A terminal order queued twice.
    let (mut t, keys) = tracker();
    let stamp = t.closed.back().unwrap().0;
    t.closed.push_back((stamp, keys[3]));
    assert!(violations(&t).contains(&Violation::CleanupQueueWrong { key: keys[3] }));

    // A live order in the queue, and stamps going backwards.
    let (mut t, keys) = tracker();
    t.closed.push_back((0, keys[0]));
    let v = violations(&t);
    assert!(v.contains(&Violation::CleanupQueueWrong { key: keys[0] }));
    assert!(v.contains(&Violation::CleanupQueueUnordered { position: 1 }));

    // A terminal order missing from the queue.
    let (mut t, keys) = tracker();
    t.closed.clear();
    let v = violations(&t);
    assert!(v.iter().any(|x| matches!(
        x,
        Violation::CountMismatch {
            index: "cleanup queue",
            ..
        }
    )));
    assert!(!v.contains(&Violation::CleanupQueueWrong { key: keys[3] }));

    // An orphan count that disagrees with the queue.
    let (mut t, _) = tracker();
    t.closed_orphans = 5;
    assert!(violations(&t).iter().any(|x| matches!(
        x,
        Violation::CountMismatch {
            index: "cleanup queue orphans",
            ..
        }
    )));
}

#[test]
fn live_order_pointing_at_another_place_in_the_live_index() {
    // keys[0]'s link names keys[1]'s place in the live bucket: a real position,
    // not NOWHERE, yet not where keys[0] sits.
    let (mut t, keys) = tracker();
    let elsewhere = t.orders.get(keys[1]).unwrap().links.live();
    assert_ne!(elsewhere, NOWHERE);
    if let Some(e) = t.orders.get_mut(keys[0]) {
        e.links.set_live(elsewhere);
    }
    let v = violations(&t);
    assert!(v.contains(&Violation::NotInBucket {
        index: "symbol",
        key: keys[0]
    }));
    assert!(!v.contains(&Violation::NotInBucket {
        index: "symbol",
        key: keys[1]
    }));
}
