//! Registration and removal: `register`, `register_with_callbacks`, `unregister`,
//! the lookups, and the typed errors that leave the tracker exactly as it was.
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
fn an_empty_tracker_answers_nothing() {
    let t = OrderTracker::new();
    step(&t);
    assert!(t.is_empty());
    assert_eq!(t.len(), 0);
    assert_eq!(t.iter().count(), 0);
    assert!(t.lookup_client(&order().spec().client_id).is_none());
    assert!(t.lookup_exchange(&btc(), eid(1)).is_none());
    assert_eq!(t.by_sub_account(&sub(0)).count(), 0);
    assert_eq!(t.active_by_symbol(&btc()).count(), 0);
    assert_eq!(t.by_parent(&parent("twap-1")).count(), 0);
    assert_eq!(t.count_by_sub_account(&sub(0)), 0);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 0);
}

#[test]
fn register_files_an_idle_order_in_every_index_it_belongs_to() {
    let mut t = OrderTracker::new();
    let b = order().parent("twap-1");
    let key = t.register(b.idle()).unwrap();
    step(&t);

    assert_eq!(t.len(), 1);
    assert!(!t.is_empty());
    let stored = t.get(key).unwrap();
    assert_eq!(stored, &b.idle());
    assert_eq!(stored.status(), OrderStatus::Idle);

    let (found, order) = t.lookup_client(&b.spec().client_id).unwrap();
    assert_eq!((found, order), (key, stored));
    assert_eq!(
        t.by_sub_account(&sub(0))
            .map(|(k, _)| k)
            .collect::<Vec<_>>(),
        [key]
    );
    // Idle is not terminal: it is live on its symbol.
    assert_eq!(
        t.active_by_symbol(&btc())
            .map(|(k, _)| k)
            .collect::<Vec<_>>(),
        [key]
    );
    assert_eq!(
        t.by_parent(&parent("twap-1"))
            .map(|(k, _)| k)
            .collect::<Vec<_>>(),
        [key]
    );
    assert_eq!(t.count_by_sub_account(&sub(0)), 1);
    assert_eq!(t.count_active_by_symbol(&btc()), 1);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 1);
    // Nothing under other names, and no exchange id yet.
    assert_eq!(t.count_by_sub_account(&sub(1)), 0);
    assert_eq!(t.count_active_by_symbol(&eth()), 0);
    assert_eq!(t.count_by_parent(&parent("chase-2")), 0);
    assert!(t.lookup_exchange(&btc(), eid(0)).is_none());
}

#[test]
fn an_order_without_parent_is_in_no_parent_bucket() {
    let mut t = OrderTracker::new();
    let key = t.register(order().idle()).unwrap();
    step(&t);
    assert!(t.get(key).unwrap().parent().is_none());
    for p in PARENTS {
        assert_eq!(t.count_by_parent(&parent(p)), 0);
    }
}

#[test]
fn a_duplicate_client_id_is_refused_and_changes_nothing() {
    let mut t = OrderTracker::new();
    let first = order().parent("twap-1");
    let key = active(&mut t, &first, 7);
    let other = order().sub(1).symbol("ETHUSDT");
    t.register(other.idle()).unwrap();
    step(&t);
    let before = Snapshot::take(&t);

    // The same id on another symbol, in another state, with another exchange id:
    // still a duplicate.
    let dup = first.symbol("ETHUSDT").parent("chase-2");
    let err = t.register(dup.active(99, 2_000)).unwrap_err();
    assert_eq!(
        err,
        TrackError::DuplicateClientId {
            client_id: first.spec().client_id
        }
    );
    assert!(err.to_string().contains(first.spec().client_id.as_str()));
    step(&t);
    before.assert_unchanged(&t);

    // With callbacks, too: refused, and the callbacks are dropped, never called.
    let recorder = Recorder::on(&mut t);
    let err = t
        .register_with_callbacks(first.idle(), recorder.callbacks())
        .unwrap_err();
    assert!(matches!(err, TrackError::DuplicateClientId { .. }));
    step(&t);
    before.assert_unchanged(&t);
    assert_eq!(
        t.lookup_client(&first.spec().client_id).map(|(k, _)| k),
        Some(key)
    );
    assert!(recorder.take().is_empty());
}

#[test]
fn an_exchange_id_held_by_another_order_is_refused_and_changes_nothing() {
    let mut t = OrderTracker::new();
    let holder = active(&mut t, &order(), 7);
    let before = Snapshot::take(&t);

    let newcomer = order().active(7, 2_000);
    let newcomer_id = newcomer.client_id();
    let err = t.register(newcomer).unwrap_err();
    let holder_client_id = t.get(holder).unwrap().client_id();
    assert_eq!(
        err,
        TrackError::ExchangeIdTaken {
            symbol: btc(),
            exchange_id: eid(7),
            holder,
            holder_client_id,
            client_id: newcomer_id,
        }
    );
    let message = err.to_string();
    assert!(message.contains("BTCUSDT"), "{message}");
    assert!(message.contains(holder_client_id.as_str()), "{message}");
    assert!(message.contains(newcomer_id.as_str()), "{message}");
    assert!(!message.contains("OrderKey"), "{message}");
    step(&t);
    before.assert_unchanged(&t);

    // Terminal orders keep their exchange id in the index: still taken.
    let err = t.register(order().cancelled(7, 2_000)).unwrap_err();
    assert!(matches!(err, TrackError::ExchangeIdTaken { holder: h, .. } if h == holder));
    step(&t);
    before.assert_unchanged(&t);
}

#[test]
fn the_same_exchange_id_on_another_symbol_is_another_order() {
    // Binance numbers orders per symbol.
    let mut t = OrderTracker::new();
    let on_btc = t.register(order().active(7, 1_000)).unwrap();
    step(&t);
    let on_eth = t
        .register(order().symbol("ETHUSDT").active(7, 1_000))
        .unwrap();
    step(&t);
    assert_ne!(on_btc, on_eth);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(7)).map(|(k, _)| k),
        Some(on_btc)
    );
    assert_eq!(
        t.lookup_exchange(&eth(), eid(7)).map(|(k, _)| k),
        Some(on_eth)
    );
    assert!(t.lookup_exchange(&sym("1000PEPEUSDT"), eid(7)).is_none());
}

#[test]
fn orders_register_in_every_state_and_are_indexed_by_it() {
    let mut t = OrderTracker::new();
    let b = || order().parent("basket-3");
    let cancelling = moved(b().active(4, 1_000), |o| {
        let _ = o.view_mut::<Active>().unwrap().request_cancel(1_001);
    });
    let unacked_cancelling = moved(b().placing(1_000), |o| {
        let _ = o.view_mut::<Placing>().unwrap().request_cancel(1_001);
    });
    let filled = moved(b().active(5, 1_000), |o| {
        let fill = Fill {
            trade_id: TradeId(1),
            qty: q("1"),
            price: px("100"),
            at: 1_500,
            exchange_id: Some(eid(5)),
        };
        match o.view_mut::<Active>().unwrap().fill(fill).unwrap() {
            transitions::FillOutcome::Complete(_) => {}
            other => panic!("expected a complete fill, got {other:?}"),
        }
    });
    let expired = moved(b().active(8, 1_000), |o| {
        let _ = o
            .view_mut::<Active>()
            .unwrap()
            .expired(None, Some(ExpiryReason(3)), 1_700);
    });
    let failed = moved(b().placing(1_000), |o| {
        let _ = o
            .view_mut::<Placing>()
            .unwrap()
            .reject(FailReason::ExchangeError { code: -2019 }, 1_800)
            .unwrap();
    });
    let orders: Vec<(AnyOrder, Option<u64>)> = vec![
        (b().idle(), None),
        (b().placing(1_000), None),
        (b().active(3, 1_000), Some(3)),
        (cancelling, Some(4)),
        (unacked_cancelling, None),
        (filled, Some(5)),
        (b().cancelled(6, 1_600), Some(6)),
        (expired, Some(8)),
        (failed, None),
    ];
    let mut keys = Vec::new();
    for (order, exchange_id) in orders {
        let expected = order.status();
        let key = t.register(order).unwrap();
        step(&t);
        assert_eq!(status(&t, key), expected);
        assert_eq!(t.get(key).unwrap().exchange_id(), exchange_id.map(eid));
        if let Some(id) = exchange_id {
            assert_eq!(
                t.lookup_exchange(&btc(), eid(id)).map(|(k, _)| k),
                Some(key)
            );
        }
        let live = t.active_by_symbol(&btc()).keys().contains(&key);
        assert_eq!(live, !expected.is_terminal(), "{expected}");
        keys.push(key);
    }
    assert_eq!(t.len(), 9);
    assert_eq!(t.count_by_parent(&parent("basket-3")), 9);
    assert_eq!(t.count_by_sub_account(&sub(0)), 9);
    assert_eq!(t.count_active_by_symbol(&btc()), 5);
    // The four terminal orders are queued for cleanup at their close times.
    assert_eq!(
        t.cleanup_terminal(1_800 + 60_000, std::time::Duration::from_millis(60_000)),
        3
    );
    step(&t);
    assert_eq!(
        t.cleanup_terminal(1_800 + 60_001, std::time::Duration::from_millis(60_000)),
        1
    );
    step(&t);
    assert_eq!(t.len(), 5);
    assert!(t.iter().all(|(_, o)| !o.status().is_terminal()));
}

#[test]
fn unregister_hands_the_order_back_and_forgets_it_everywhere() {
    let mut t = OrderTracker::new();
    let b = order().parent("twap-1");
    let key = active(&mut t, &b, 42);
    let kept = t.register(order().parent("twap-1").idle()).unwrap();
    step(&t);
    let stored = t.get(key).unwrap().clone();

    let removed = t.unregister(key).unwrap();
    step(&t);
    assert_eq!(removed, stored);
    assert_eq!(removed.status(), OrderStatus::Active);
    assert_eq!(removed.exchange_id(), Some(eid(42)));
    assert!(t.get(key).is_none());
    assert!(t.lookup_client(&b.spec().client_id).is_none());
    assert!(t.lookup_exchange(&btc(), eid(42)).is_none());
    assert_eq!(t.by_sub_account(&sub(0)).keys(), [kept]);
    assert_eq!(t.active_by_symbol(&btc()).keys(), [kept]);
    assert_eq!(t.by_parent(&parent("twap-1")).keys(), [kept]);
    assert_eq!(t.len(), 1);

    // A stale key: nothing to hand back, nothing changes.
    let before = Snapshot::take(&t);
    assert!(t.unregister(key).is_none());
    step(&t);
    before.assert_unchanged(&t);

    // The last order of each bucket: the buckets go, the tracker is empty.
    assert!(t.unregister(kept).is_some());
    step(&t);
    assert!(t.is_empty());
    assert_eq!(t.count_by_sub_account(&sub(0)), 0);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 0);
}

#[test]
fn an_unregistered_order_can_be_registered_again_under_a_new_key() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = active(&mut t, &b, 9);
    let order = t.unregister(key).unwrap();
    step(&t);
    // Its client id and exchange id are free again.
    let again = t.register(order).unwrap();
    step(&t);
    assert_ne!(again, key);
    assert_eq!(slot_of(again), slot_of(key), "same slot, new version");
    assert!(t.get(key).is_none());
    assert_eq!(
        t.lookup_client(&b.spec().client_id).map(|(k, _)| k),
        Some(again)
    );
    assert_eq!(
        t.lookup_exchange(&btc(), eid(9)).map(|(k, _)| k),
        Some(again)
    );
}

#[test]
fn foreign_client_ids_can_be_tracked_too() {
    // An order the engine did not make (adopted after a restart, say) keeps its id.
    let mut t = OrderTracker::new();
    let b = order().client_id(cid("web_8f7a6b5c4d3e"));
    let key = t.register(b.active(11, 1_000)).unwrap();
    step(&t);
    assert_eq!(
        t.lookup_client(&cid("web_8f7a6b5c4d3e")).map(|(k, _)| k),
        Some(key)
    );
    assert!(t.get(key).unwrap().client_id().parse_pms().is_none());
}

#[test]
fn with_capacity_behaves_like_new() {
    let mut t = OrderTracker::with_capacity(64);
    step(&t);
    assert!(t.is_empty());
    let keys: Vec<_> = (0..3)
        .map(|i| active(&mut t, &order().sub(i), 100 + i as u64))
        .collect();
    assert_eq!(t.len(), 3);
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(t.by_sub_account(&sub(i)).keys(), [*key]);
    }
    let usage = t.memory_usage();
    assert!(usage.arena > 0 && usage.client_index > 0 && usage.exchange_index > 0);
    assert!(usage.buckets > 0 && usage.cleanup_queue > 0);
    assert_eq!(
        usage.total(),
        usage.arena
            + usage.client_index
            + usage.exchange_index
            + usage.buckets
            + usage.cleanup_queue
    );
}

/// `with_capacity(n)` promises room for `n` orders before any reallocation:
/// registering `n` orders that use every per-order structure (the arena, both id
/// indexes, the cleanup queue: closed orders with exchange ids) grows none of
/// them. Only the buckets, sized by what they hold, grow.
#[test]
fn with_capacity_leaves_room_for_that_many_orders() {
    const N: usize = 64;
    let mut t = OrderTracker::with_capacity(N);
    let before = t.memory_usage();
    assert!(before.arena > 0 && before.client_index > 0);
    assert!(before.exchange_index > 0 && before.cleanup_queue > 0);
    for i in 0..N {
        t.register(order().cancelled(100 + i as u64, 1_000 + i as u64))
            .unwrap();
    }
    step(&t);
    assert_eq!(t.len(), N);
    let after = t.memory_usage();
    assert_eq!(
        (after.arena, after.client_index),
        (before.arena, before.client_index),
        "the arena or the client-id index reallocated"
    );
    assert_eq!(
        (after.exchange_index, after.cleanup_queue),
        (before.exchange_index, before.cleanup_queue),
        "the exchange-id index or the cleanup queue reallocated"
    );
    // And with no hint they had to grow.
    let mut grown = OrderTracker::new();
    let empty = grown.memory_usage();
    for i in 0..N {
        grown
            .register(order().cancelled(100 + i as u64, 1_000 + i as u64))
            .unwrap();
    }
    let usage = grown.memory_usage();
    assert_eq!((empty.client_index, empty.exchange_index), (0, 0));
    assert!(usage.client_index > 0 && usage.exchange_index > 0);
}

#[test]
fn iter_yields_every_order_with_its_key() {
    let mut t = OrderTracker::new();
    let keys: Vec<_> = (0..5)
        .map(|_| t.register(order().idle()).unwrap())
        .collect();
    step(&t);
    let mut listed: Vec<_> = t.iter().map(|(k, _)| k).collect();
    listed.sort();
    let mut expected = keys.clone();
    expected.sort();
    assert_eq!(listed, expected);
    for (k, o) in t.iter() {
        assert_eq!(t.get(k), Some(o));
    }
}
