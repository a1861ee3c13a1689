//! The hot path does not touch the heap once warmed up: `apply` of an ack, a
//! partial fill, a final fill and a cancel, the engine's requests, both lookups
//! and the index iterations make no heap allocation (and free nothing), asserted
//! with a counting global allocator — not inferred from timings.
//!
//! The issue's bound, "0 heap allocations per feed event and per `register`
//! into existing buckets, including the 4th to 100th fill of one order and
//! orders with callbacks", test by test:
//!
//! - every feed event of a round of 1,000 orders, refused reports and reports
//!   for unknown orders included: `hot_path_makes_no_heap_allocation_once_warm`;
//! - `register` into existing buckets (and `place`, `cleanup_terminal`,
//!   `unregister`): `registration_and_cleanup_in_steady_state`, and into a
//!   new bucket after one emptied:
//!   `a_bucket_that_empties_lends_its_vector_to_the_next_new_bucket`;
//! - the 1st to 100th fill of one order, each counted on its own, with the
//!   fills still in the duplicate window re-delivered and the one just beyond
//!   it refused (`FillError::BeyondDuplicateWindow`):
//!   `a_hundred_fills_of_one_order_redelivered_and_refused_stay_off_the_heap`
//!   (and `fills_past_the_duplicate_window_stay_off_the_heap`, none completing
//!   the order);
//! - orders registered with callbacks, a handler set, their events delivered:
//!   `orders_with_callbacks_cost_no_allocation`.
//!
//! Its own test binary because it installs a `#[global_allocator]` (the module
//! `alloc`, in `tests/alloc/`). Counting is per thread (libtest runs tests on
//! parallel threads) and only while a measurement is on.
//!
//! To see where an unexpected allocation comes from, run with
//! `ORDERTRACK_ALLOC_BACKTRACE=1 cargo test -p ordertrack --test alloc_free -- --nocapture`:
//! every counted allocation then prints a backtrace.
//!
//! This file also checks `OrderTracker::memory_usage` against the bytes the
//! allocator actually holds, exactly: for 100,000 tracked orders, and for a
//! tracker with closed orders, orphans in its cleanup queue and emptied buckets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

// The counting allocator implements `GlobalAlloc`, an unsafe trait. The library
// crates forbid unsafe code in their own roots; this test binary opts in, for
// that module only.
#[allow(unsafe_code)]
mod alloc;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use alloc::*;
use ordertrack::{
    AnyOrder, Applied, ApplyError, Callbacks, ClientOrderId, ExecutionReport, FillError, Fills,
    NewOrder, OrderEvent, OrderKey, OrderStatus, OrderTracker, Origin, Outcome, ParentId, Qty,
    SubAccountId, Symbol, TRADE_WINDOW, TrackError, TradeId,
};

#[test]
fn hot_path_makes_no_heap_allocation_once_warm() {
    let (mut tracker, seq) = warmed_up();
    let orders = new_round(&mut tracker, seq);
    for (what, traffic) in round("warm", &mut tracker, &orders) {
        assert_eq!(traffic, Traffic::NONE, "{what} touched the heap");
    }
    tracker.check_invariants().unwrap();
}

#[test]
fn registration_and_cleanup_in_steady_state() {
    let (mut tracker, seq) = warmed_up();
    // Registration into existing buckets, within the tables' capacity.
    let specs: Vec<NewOrder> = (seq..seq + ROUND as u64)
        .map(|s| spec(s, SYMBOLS, SUBS))
        .collect();
    let mut keys = Vec::with_capacity(ROUND);
    assert_no_heap("register", || {
        for spec in &specs {
            keys.push(tracker.register(AnyOrder::new(*spec).unwrap()).unwrap());
        }
    });
    assert_no_heap("place", || {
        for key in &keys {
            tracker.place(*key, T0).unwrap();
        }
    });
    for (i, (key, spec)) in keys.iter().zip(&specs).enumerate() {
        let l = lifecycle(spec, exchange_id(seq + i as u64));
        tracker.apply(&l.ack).unwrap();
        tracker.apply(&l.partials[0]).unwrap();
        tracker.apply(&l.partials[1]).unwrap();
        tracker.apply(&l.final_fill).unwrap();
        assert!(tracker.get(*key).unwrap().status().is_terminal());
    }
    let removed = assert_no_heap("cleanup_terminal", || {
        tracker.cleanup_terminal(T0 + 10_000, std::time::Duration::from_millis(1_000))
    });
    assert_eq!(removed, ROUND);
    assert_no_heap("unregister", || {
        let key = tracker.iter().next().unwrap().0;
        tracker.unregister(key).unwrap()
    });
    tracker.check_invariants().unwrap();
}

#[test]
fn a_bucket_that_empties_lends_its_vector_to_the_next_new_bucket() {
    let (mut tracker, seq) = warmed_up();
    let on_new_symbol = |seq: u64, symbol: &str| NewOrder {
        symbol: Symbol::new(symbol).unwrap(),
        ..spec(seq, SYMBOLS, SUBS)
    };
    // A symbol's live bucket is created, then empties when its only order fails.
    let key = tracker
        .register(AnyOrder::new(on_new_symbol(seq, "XRPETH")).unwrap())
        .unwrap();
    tracker.place(key, T0).unwrap();
    tracker
        .place_failed(key, ordertrack::FailReason::Rejected, T0 + 1)
        .unwrap();
    assert_eq!(
        tracker.count_active_by_symbol(&Symbol::new("XRPETH").unwrap()),
        0
    );
    // The next new symbol's bucket reuses that slot and its vector.
    let next = AnyOrder::new(on_new_symbol(seq + 1, "ADAETH")).unwrap();
    assert_no_heap("register + place on a new symbol", || {
        let key = tracker.register(next).unwrap();
        tracker.place(key, T0).unwrap();
    });
    assert_eq!(
        tracker.count_active_by_symbol(&Symbol::new("ADAETH").unwrap()),
        1
    );
    tracker.check_invariants().unwrap();
}

#[test]
fn fills_past_the_duplicate_window_stay_off_the_heap() {
    let (mut tracker, seq) = warmed_up();
    let spec = spec(seq, SYMBOLS, SUBS);
    let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
    tracker.place(key, T0).unwrap();
    let id = exchange_id(seq);
    let l = lifecycle(&spec, id);
    tracker.apply(&l.ack).unwrap();
    // More fills than the window remembers, none completing the order.
    let n_fills = 2 * ordertrack::TRADE_WINDOW as u64 + 1;
    let q = Qty::from_units(ONE / 16).unwrap();
    let fills: Vec<ExecutionReport> = fills(tracker.get(key).unwrap(), 1..=n_fills, q);
    let mut traffic = Vec::new();
    for (n, fill) in fills.iter().enumerate() {
        let ((), t) = measure(&format!("fill #{}", n + 1), || {
            tracker.apply(fill).unwrap();
        });
        traffic.push(t.allocations);
    }
    // The duplicate window is a fixed-size array in the order: the 1st fill and
    // the ones past the window cost no allocation alike.
    assert_eq!(traffic, vec![0; fills.len()]);
    let fills = tracker.get(key).unwrap().fills();
    assert_eq!(fills.count(), n_fills as u32);
    assert_eq!(
        fills.floor(),
        Some(TradeId(n_fills - ordertrack::TRADE_WINDOW as u64))
    );
}

/// The "4th to 100th fill of one order": 100 fills of 0.01 complete
/// one order. After each, every fill the duplicate window still remembers is
/// re-delivered (a duplicate, ignored), and once the window is full, so is the
/// fill it just forgot: at the floor, beyond the window, refused with
/// `FillError::BeyondDuplicateWindow`. Each apply is counted on its own: no
/// allocation and no free, the refusal's error path included.
#[test]
fn a_hundred_fills_of_one_order_redelivered_and_refused_stay_off_the_heap() {
    let (mut tracker, seq) = warmed_up();
    let spec = spec(seq, SYMBOLS, SUBS);
    let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
    tracker.place(key, T0).unwrap();
    tracker
        .apply(&lifecycle(&spec, exchange_id(seq)).ack)
        .unwrap();
    let hundredth = Qty::from_units(ONE / 100).unwrap();
    let fills = fills(tracker.get(key).unwrap(), 1..=100, hundredth);
    let window = TRADE_WINDOW as u64;
    let mut traffic: Vec<(String, Traffic)> = Vec::new();
    let (mut duplicates, mut refused) = (0, 0);
    for n in 1..=100_u64 {
        let (outcome, t) = count(|| tracker.apply(&fills[n as usize - 1]));
        traffic.push((format!("fill #{n}"), t));
        match outcome {
            Ok(Outcome::Applied {
                key: k,
                applied: Applied::PartiallyFilled(f),
            }) if n < 100 => assert_eq!((k, f.trade_id), (key, TradeId(n))),
            Ok(Outcome::Applied {
                key: k,
                applied: Applied::Filled(f),
            }) if n == 100 => assert_eq!((k, f.trade_id), (key, TradeId(n))),
            other => panic!("fill #{n}: {other:?}"),
        }
        // Every fill the window still remembers, re-delivered: a duplicate.
        for copy in n.saturating_sub(window - 1).max(1)..=n {
            let (outcome, t) = count(|| tracker.apply(&fills[copy as usize - 1]));
            traffic.push((format!("copy of fill #{copy} after #{n}"), t));
            assert_eq!(
                outcome,
                Ok(Outcome::Applied {
                    key,
                    applied: Applied::Duplicate
                }),
                "copy of fill #{copy} after #{n}"
            );
            duplicates += 1;
        }
        // The fill the window just forgot, re-delivered: refused.
        if n > window {
            let forgotten = n - window;
            let (outcome, t) = count(|| tracker.apply(&fills[forgotten as usize - 1]));
            traffic.push((format!("copy of fill #{forgotten} after #{n}"), t));
            match outcome {
                Err(TrackError::Apply {
                    key: k,
                    source:
                        ApplyError::Fill {
                            source: FillError::BeyondDuplicateWindow { trade_id, floor },
                            ..
                        },
                }) => assert_eq!(
                    (k, trade_id, floor),
                    (key, TradeId(forgotten), TradeId(forgotten))
                ),
                other => panic!("copy of fill #{forgotten} after #{n}: {other:?}"),
            }
            refused += 1;
        }
    }
    eprintln!(
        "{} applies to one order: 100 fills, {duplicates} duplicates, {refused} refused",
        traffic.len()
    );
    assert_eq!((traffic.len(), duplicates, refused), (590, 394, 96));
    let touched: Vec<&(String, Traffic)> = traffic
        .iter()
        .filter(|(_, t)| *t != Traffic::NONE)
        .collect();
    assert!(touched.is_empty(), "touched the heap: {touched:?}");
    let order = tracker.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), spec.quantity);
    assert_eq!(order.fills().count(), 100);
    assert_eq!(order.fills().floor(), Some(TradeId(100 - window)));
    tracker.check_invariants().unwrap();
}

#[test]
fn memory_usage_matches_the_allocator_at_100_000_orders() {
    const N: usize = 100_000;
    let (grown, held) = fill_and_measure(OrderTracker::new, N);
    assert_exact("grown from empty", &grown, held, N);
    drop(grown);
    let (presized, held) = fill_and_measure(|| OrderTracker::with_capacity(N), N);
    assert_exact("pre-sized", &presized, held, N);
    eprintln!(
        "size_of: AnyOrder {}, NewOrder {}, Fills {}, ClientOrderId {}, SubAccountId {}, \
         Symbol {}, Option<ParentId> {}, OrderKey {}",
        size_of::<AnyOrder>(),
        size_of::<NewOrder>(),
        size_of::<Fills>(),
        size_of::<ClientOrderId>(),
        size_of::<SubAccountId>(),
        size_of::<Symbol>(),
        size_of::<Option<ParentId>>(),
        size_of::<OrderKey>(),
    );
}

/// Every part of `memory_usage` in use and exact: the cleanup queue holding
/// closed orders and orphans, buckets emptied (their slots kept for reuse).
#[test]
fn memory_usage_is_exact_with_closed_orders_and_emptied_buckets() {
    const N: usize = 4_000;
    let (tracker, held) = churn_and_measure(N);
    assert_eq!(tracker.len(), N - N / 10);
    let usage = tracker.memory_usage();
    assert!(
        usage.arena > 0
            && usage.client_index > 0
            && usage.exchange_index > 0
            && usage.buckets > 0
            && usage.cleanup_queue > 0,
        "{usage:?}"
    );
    assert_exact("churned", &tracker, held, tracker.len());
}

#[test]
fn client_ids_are_generated_and_parsed_without_the_heap() {
    let sub = sub_account(7);
    // The first id of a thread sets up its random-number generator.
    let _ = ClientOrderId::generate(&sub, Origin::Manual);
    for origin in Origin::ALL {
        let id = assert_no_heap("generate", || ClientOrderId::generate(&sub, origin));
        let parts = assert_no_heap("parse_pms", || id.parse_pms());
        assert_eq!(parts.map(|p| p.origin), Some(Some(origin)));
        let fixed = assert_no_heap("with_unique", || {
            ClientOrderId::with_unique(&sub, origin, 0xabcd)
        });
        assert!(fixed.as_str().ends_with("_00000000abcd"), "{fixed}");
    }
}

#[test]
fn orders_with_callbacks_cost_no_allocation() {
    let (mut tracker, seq) = warmed_up();
    // What the handler was called with: partial fills, final fills, anything else.
    let calls: Arc<[AtomicUsize; 3]> = Arc::new(Default::default());
    let counter = Arc::clone(&calls);
    // The tracker's one handler: its allocation is the only one callbacks cost.
    tracker.set_handler(move |event: &OrderEvent<'_>| {
        let kind = match event.applied {
            Applied::PartiallyFilled(_) => 0,
            Applied::Filled(_) => 1,
            _ => 2,
        };
        counter[kind].fetch_add(1, Ordering::Relaxed);
    });
    let specs: Vec<NewOrder> = (seq..seq + ROUND as u64)
        .map(|s| spec(s, SYMBOLS, SUBS))
        .collect();
    let mut keys = Vec::with_capacity(ROUND);
    assert_no_heap("register_with_callbacks + place", || {
        for spec in &specs {
            let order = AnyOrder::new(*spec).unwrap();
            let key = tracker
                .register_with_callbacks(order, Callbacks::all())
                .unwrap();
            tracker.place(key, T0).unwrap();
            keys.push(key);
        }
    });
    let lifecycles: Vec<Lifecycle> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| lifecycle(spec, exchange_id(seq + i as u64)))
        .collect();
    assert_no_heap("events with callbacks", || {
        for l in &lifecycles {
            tracker.apply(&l.ack).unwrap();
            tracker.apply(&l.partials[0]).unwrap();
            tracker.apply(&l.partials[1]).unwrap();
            tracker.apply(&l.final_fill).unwrap();
        }
    });
    // Two partial fills and a final fill each: three calls per order.
    let [partial, filled, other] = [0, 1, 2].map(|i| calls[i].load(Ordering::Relaxed));
    assert_eq!((partial, filled, other), (2 * ROUND, ROUND, 0));
    assert!(
        keys.iter()
            .all(|k| tracker.get(*k).unwrap().status().is_terminal())
    );
    tracker.check_invariants().unwrap();
}
