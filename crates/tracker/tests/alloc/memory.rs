//! `OrderTracker::memory_usage` against the bytes the counting allocator
//! holds.

use ordertrack::{AnyOrder, MemoryUsage, NewOrder, OrderTracker};

use super::{T0, exchange_id, live_bytes, spec};

/// Registers `N` Active orders (with exchange ids, on 400 symbols, 1,000
/// sub-accounts and 16 parents) into `tracker`; returns the bytes the
/// allocator holds for the tracker, `tracker` included.
pub(crate) fn fill_and_measure(
    make: impl FnOnce() -> OrderTracker,
    n: usize,
) -> (OrderTracker, i64) {
    let specs: Vec<NewOrder> = (0..n as u64).map(|s| spec(s, 400, 1_000)).collect();
    let before = live_bytes();
    let mut tracker = make();
    for (i, spec) in specs.iter().enumerate() {
        let mut order = AnyOrder::sent(*spec, T0).unwrap();
        let _ = order
            .view_mut::<ordertrack::Placing>()
            .unwrap()
            .acknowledge(exchange_id(i as u64), T0);
        tracker.register(order).unwrap();
    }
    (tracker, live_bytes() - before)
}

/// Registers `n` orders (on 400 symbols and 1,000 sub-accounts, half with
/// parents): the even ones acknowledged and live, the odd ones cancelled (so the
/// cleanup queue and the kept client ids hold them); then unregisters those of the
/// first 100 sub-accounts, emptying those buckets (their slots go to the free
/// lists) and leaving orphans in the cleanup queue. Returns the tracker and the
/// bytes the allocator holds for it.
pub(crate) fn churn_and_measure(n: usize) -> (OrderTracker, i64) {
    let orders: Vec<AnyOrder> = (0..n as u64)
        .map(|s| {
            let mut order = AnyOrder::sent(spec(s, 400, 1_000), T0).unwrap();
            let placing = order.view_mut::<ordertrack::Placing>().unwrap();
            if s % 2 == 0 {
                let _ = placing.acknowledge(exchange_id(s), T0);
            } else {
                let _ = placing.cancelled(None, T0 + s);
            }
            order
        })
        .collect();
    // Allocated before the measurement and freed after it: only the tracker's
    // bytes change in between.
    let mut keys = Vec::with_capacity(n);
    let before = live_bytes();
    let mut tracker = OrderTracker::new();
    for order in &orders {
        keys.push(tracker.register(order.clone()).unwrap());
    }
    for (s, key) in keys.iter().enumerate() {
        if s % 1_000 < 100 {
            tracker.unregister(*key).unwrap();
        }
    }
    tracker.check_invariants().unwrap();
    let held = live_bytes() - before;
    drop((keys, orders));
    (tracker, held)
}

/// `memory_usage` is exact: equal to what the allocator holds, byte for byte.
pub(crate) fn assert_exact(what: &str, tracker: &OrderTracker, held: i64, n: usize) {
    let MemoryUsage {
        arena,
        client_index,
        exchange_index,
        buckets,
        cleanup_queue,
    } = tracker.memory_usage();
    let reported = tracker.memory_usage().total();
    let per_order = reported as f64 / n as f64;
    eprintln!(
        "{what}, {n} orders: allocator holds {held} B ({:.1} B/order); memory_usage reports \
         {reported} B ({per_order:.1} B/order, of which the tracker's own {:.1} beyond the \
         {}-byte AnyOrder): arena {arena}, client index {client_index}, exchange index \
         {exchange_index}, buckets {buckets}, cleanup queue {cleanup_queue}",
        held as f64 / n as f64,
        per_order - size_of::<AnyOrder>() as f64,
        size_of::<AnyOrder>(),
    );
    assert_eq!(
        i64::try_from(reported).unwrap(),
        held,
        "{what}: memory_usage is not what the allocator holds"
    );
}
