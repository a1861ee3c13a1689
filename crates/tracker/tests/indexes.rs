//! The bucket indexes — by sub-account, live by symbol, by parent — and the two
//! id indexes, kept exact through every change, including removals from the
//! middle of a bucket and 10,000 orders on one symbol.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::HashSet;

use common::*;
use ordertrack::*;

fn keys_of(orders: Orders<'_>) -> HashSet<OrderKey> {
    orders.map(|(k, _)| k).collect()
}

#[test]
fn the_sub_account_index_holds_every_order_of_the_sub_account_in_any_state() {
    let mut t = OrderTracker::new();
    let a0 = active(&mut t, &order().sub(0), 1);
    let a1 = t.register(order().sub(0).cancelled(2, 1_000)).unwrap();
    step(&t);
    let b0 = t.register(order().sub(1).idle()).unwrap();
    step(&t);

    assert_eq!(keys_of(t.by_sub_account(&sub(0))), HashSet::from([a0, a1]));
    assert_eq!(keys_of(t.by_sub_account(&sub(1))), HashSet::from([b0]));
    assert_eq!(t.count_by_sub_account(&sub(0)), 2);
    assert_eq!(t.count_by_sub_account(&sub(1)), 1);
    assert_eq!(t.count_by_sub_account(&sub(2)), 0);
    for (_, o) in t.by_sub_account(&sub(0)) {
        assert_eq!(o.sub_account(), sub(0));
    }
}

#[test]
fn the_symbol_index_holds_only_live_orders_idle_included() {
    let mut t = OrderTracker::new();
    let pepe = sym("1000PEPEUSDT");
    let delivery = sym("BTCUSDT_250926");
    let idle = t.register(order().symbol("1000PEPEUSDT").idle()).unwrap();
    step(&t);
    let b = order().symbol("1000PEPEUSDT");
    let live = active(&mut t, &b, 10);
    let on_delivery = active(&mut t, &order().symbol("BTCUSDT_250926"), 10);
    t.register(order().symbol("1000PEPEUSDT").cancelled(11, 1_000))
        .unwrap();
    step(&t);

    assert_eq!(
        keys_of(t.active_by_symbol(&pepe)),
        HashSet::from([idle, live])
    );
    assert_eq!(
        keys_of(t.active_by_symbol(&delivery)),
        HashSet::from([on_delivery])
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 0);

    // Filling takes the order out; the delivery contract is another symbol.
    t.apply(&b.report().eid(10).at(1_100).trade(1, "1", "0.0061234", "1"))
        .unwrap();
    step(&t);
    assert_eq!(keys_of(t.active_by_symbol(&pepe)), HashSet::from([idle]));
    assert_eq!(t.count_active_by_symbol(&delivery), 1);
    // The terminal orders are still tracked and found by sub-account and id.
    assert_eq!(t.count_by_sub_account(&sub(0)), 4);
    assert_eq!(
        t.lookup_exchange(&pepe, eid(10)).map(|(k, _)| k),
        Some(live)
    );
}

#[test]
fn the_parent_index_holds_every_child_in_any_state() {
    let mut t = OrderTracker::new();
    let twap = parent("twap-1");
    let b = order().parent("twap-1").qty("1");
    let child = active(&mut t, &b, 1);
    let second = t.register(order().parent("twap-1").idle()).unwrap();
    step(&t);
    let orphan = t.register(order().idle()).unwrap();
    step(&t);
    let other = t.register(order().parent("chase-2").idle()).unwrap();
    step(&t);

    assert_eq!(keys_of(t.by_parent(&twap)), HashSet::from([child, second]));
    assert_eq!(
        keys_of(t.by_parent(&parent("chase-2"))),
        HashSet::from([other])
    );
    t.apply(&b.report().eid(1).at(1_100).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    // Still a child once filled.
    assert_eq!(keys_of(t.by_parent(&twap)), HashSet::from([child, second]));
    t.unregister(second).unwrap();
    step(&t);
    assert_eq!(keys_of(t.by_parent(&twap)), HashSet::from([child]));
    assert!(t.by_parent(&twap).all(|(k, _)| k != orphan));
}

#[test]
fn removals_from_the_middle_of_a_bucket_keep_every_position_exact() {
    let mut t = OrderTracker::new();
    let keys: Vec<OrderKey> = (0..6)
        .map(|i| {
            let k = active(&mut t, &order().parent("basket-3"), 100 + i);
            step(&t);
            k
        })
        .collect();
    let mut remaining: HashSet<OrderKey> = keys.iter().copied().collect();
    // Middle, then the key that was swapped into the hole, then first and last.
    for &victim in &[keys[2], keys[5], keys[0], keys[4]] {
        let moved = t.unregister(victim).unwrap();
        step(&t);
        assert_eq!(t.lookup_client(&moved.client_id()), None);
        remaining.remove(&victim);
        assert_eq!(keys_of(t.by_sub_account(&sub(0))), remaining);
        assert_eq!(keys_of(t.active_by_symbol(&btc())), remaining);
        assert_eq!(keys_of(t.by_parent(&parent("basket-3"))), remaining);
    }
    // Closing an order also removes it from the middle of the live bucket only.
    let b = t.get(keys[1]).unwrap().spec().to_owned();
    t.apply(&report(&b).eid(101).at(1_500).canceled()).unwrap();
    step(&t);
    assert_eq!(
        keys_of(t.active_by_symbol(&btc())),
        HashSet::from([keys[3]])
    );
    assert_eq!(keys_of(t.by_sub_account(&sub(0))), remaining);
}

#[test]
fn index_queries_borrow_without_allocating_and_expose_their_keys() {
    let mut t = OrderTracker::new();
    let keys: Vec<OrderKey> = (0..3)
        .map(|_| t.register(order().idle()).unwrap())
        .collect();
    step(&t);
    let mut orders = t.active_by_symbol(&btc());
    assert_eq!(orders.keys().len(), 3);
    assert_eq!(orders.size_hint(), (0, Some(3)));
    let (first, order) = orders.next().unwrap();
    assert_eq!(t.get(first), Some(order));
    assert_eq!(orders.keys().len(), 2, "keys() is what is still to come");
    let mut all: Vec<_> = t.active_by_symbol(&btc()).keys().to_vec();
    all.sort();
    let mut expected = keys;
    expected.sort();
    assert_eq!(all, expected);
    // An absent bucket is an empty iterator.
    assert_eq!(t.active_by_symbol(&eth()).keys(), &[] as &[OrderKey]);
    assert!(t.by_parent(&parent("twap-1")).next().is_none());
}

#[test]
fn ten_thousand_orders_on_one_symbol() {
    const N: usize = 10_000;
    // `check_invariants()` is O(orders) (about 0.1 s at this size in a debug
    // build), so it runs at intervals — an index corrupted in between stays
    // corrupted, so the next check sees it — most often while orders leave the
    // middle of the bucket; the full `step` (invariants plus every query
    // against a brute-force walk) runs at the end of each phase. Every single
    // operation checks the live count.
    let check = |t: &OrderTracker, i: usize, every: usize| {
        if i.is_multiple_of(every)
            && let Err(v) = t.check_invariants()
        {
            panic!("after operation {i}: {v:#?}");
        }
    };

    let mut t = OrderTracker::new();
    let builders: Vec<OrderBuilder> = (0..N)
        .map(|i| order().sub(i % 3).parent(PARENTS[i % 3]).qty("1"))
        .collect();
    let mut keys = Vec::with_capacity(N);
    for (i, b) in builders.iter().enumerate() {
        keys.push(t.register(b.idle()).unwrap());
        assert_eq!(t.count_active_by_symbol(&btc()), i + 1);
        check(&t, i, 2_500);
    }
    step(&t);

    // Place and acknowledge every order, in a scattered order (7919 is prime
    // and does not divide N, so i ↦ 7919·i mod N visits every index once).
    let scattered = |i: usize| (i * 7_919) % N;
    for i in 0..N {
        let j = scattered(i);
        t.place(keys[j], 2_000).unwrap();
        t.apply(&builders[j].report().eid(j as u64 + 1).at(2_001).ack())
            .unwrap();
        check(&t, i, 2_500);
    }
    step(&t);
    assert_eq!(t.count_active_by_symbol(&btc()), N);

    // Fill, cancel, remove or partly fill each one, again scattered: removals
    // hit every position of the bucket.
    let mut live: HashSet<OrderKey> = keys.iter().copied().collect();
    for i in 0..N {
        let j = scattered((i + 17) % N);
        let (key, b, id) = (keys[j], &builders[j], j as u64 + 1);
        let time = 3_000 + i as u64;
        match j % 4 {
            0 => {
                t.apply(&b.report().eid(id).at(time).trade(j as u64, "1", "100", "1"))
                    .unwrap();
                assert_eq!(status(&t, key), OrderStatus::Filled);
                live.remove(&key);
            }
            1 => {
                t.cancel(key, time).unwrap();
                t.apply(&b.report().no_client_id().eid(id).at(time).canceled())
                    .unwrap();
                assert_eq!(status(&t, key), OrderStatus::Cancelled);
                live.remove(&key);
            }
            2 => {
                t.unregister(key).unwrap();
                live.remove(&key);
            }
            _ => {
                t.apply(
                    &b.report()
                        .eid(id)
                        .at(time)
                        .trade(j as u64, "0.5", "100", "0.5"),
                )
                .unwrap();
                assert_eq!(status(&t, key), OrderStatus::Active);
            }
        }
        assert_eq!(t.count_active_by_symbol(&btc()), live.len());
        check(&t, i, 500);
    }
    step(&t);
    assert_eq!(keys_of(t.active_by_symbol(&btc())), live);
    assert_eq!(live.len(), N / 4);
    assert_eq!(t.len(), N - N / 4);

    // The closed half leaves through cleanup, in one call.
    assert_eq!(
        t.cleanup_terminal(
            3_000 + N as u64 + 1_000,
            std::time::Duration::from_millis(999)
        ),
        N / 2
    );
    step(&t);
    assert_eq!(t.len(), N / 4);
    assert_eq!(keys_of(t.active_by_symbol(&btc())), live);
    for p in PARENTS {
        assert_eq!(
            t.count_by_parent(&parent(p)),
            t.by_parent(&parent(p)).count()
        );
    }
}
