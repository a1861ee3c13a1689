//! The hot path does not touch the heap once warmed up: `apply` of an ack, a
//! partial fill, a final fill and a cancel, the engine's requests, both lookups
//! and the index iterations make no heap allocation (and free nothing), asserted
//! with a counting global allocator — not inferred from timings.
//!
//! Its own test binary because it installs a `#[global_allocator]`. Counting is
//! per thread (libtest runs tests on parallel threads) and only while a
//! measurement is on.
//!
//! To see where an unexpected allocation comes from, run with
//! `ORDERTRACK_ALLOC_BACKTRACE=1 cargo test -p ordertrack --test alloc_free -- --nocapture`:
//! every counted allocation then prints a backtrace.
//!
//! This file also checks `OrderTracker::memory_usage` against the bytes the
//! allocator actually holds for 100,000 tracked orders.
// The counting allocator implements `GlobalAlloc`, an unsafe trait. The library
// crates forbid unsafe code in their own roots; this test binary opts in.
#![allow(unsafe_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::backtrace::Backtrace;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use ordertrack::{
    AnyOrder, Applied, Callbacks, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    Fills, MemoryUsage, NewOrder, OrderKey, OrderTracker, OrderType, Origin, Outcome, ParentId,
    Price, Qty, ReportFill, ReportStatus, Side, SubAccountId, Symbol, TradeId,
};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static FREES: Cell<u64> = const { Cell::new(0) };
    static NET_BYTES: Cell<i64> = const { Cell::new(0) };
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
}

static BACKTRACES: AtomicBool = AtomicBool::new(false);

fn bump(cell: &'static std::thread::LocalKey<Cell<u64>>) {
    let _ = cell.try_with(|c| c.set(c.get() + 1));
}

fn on_alloc(bytes: usize) {
    let _ = NET_BYTES.try_with(|n| n.set(n.get() + bytes as i64));
    if IN_HOOK.try_with(Cell::get).unwrap_or(true) || !COUNTING.try_with(Cell::get).unwrap_or(false)
    {
        return;
    }
    bump(&ALLOCATIONS);
    if BACKTRACES.load(Ordering::Relaxed) {
        IN_HOOK.set(true);
        eprintln!(
            "counted allocation of {bytes} bytes at:\n{}",
            Backtrace::force_capture()
        );
        IN_HOOK.set(false);
    }
}

fn on_free(bytes: usize) {
    let _ = NET_BYTES.try_with(|n| n.set(n.get() - bytes as i64));
    if !IN_HOOK.try_with(Cell::get).unwrap_or(true) && COUNTING.try_with(Cell::get).unwrap_or(false)
    {
        bump(&FREES);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged;
// the bookkeeping around it touches only `const`-initialised thread-locals of
// `Cell`s (no allocation, no destructor) and never the memory itself.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(layout.size());
        // SAFETY: as above; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_free(layout.size());
        on_alloc(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap traffic of one measured closure, on this thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Traffic {
    allocations: u64,
    frees: u64,
}

impl Traffic {
    const NONE: Self = Self {
        allocations: 0,
        frees: 0,
    };
}

fn measure<R>(what: &str, f: impl FnOnce() -> R) -> (R, Traffic) {
    BACKTRACES.store(
        std::env::var_os("ORDERTRACK_ALLOC_BACKTRACE").is_some(),
        Ordering::Relaxed,
    );
    ALLOCATIONS.set(0);
    FREES.set(0);
    COUNTING.set(true);
    let result = f();
    COUNTING.set(false);
    let traffic = Traffic {
        allocations: ALLOCATIONS.get(),
        frees: FREES.get(),
    };
    eprintln!("{what}: {traffic:?}");
    (result, traffic)
}

fn assert_no_heap<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let (result, traffic) = measure(what, f);
    assert_eq!(traffic, Traffic::NONE, "{what} touched the heap");
    result
}

const T0: u64 = 1_750_000_000_000;
const ONE: i64 = 100_000_000;

fn sub_account(i: usize) -> SubAccountId {
    SubAccountId::new(&format!("{i:08x}-7b4d-4e1a-9f00-0123456789ab")).unwrap()
}

fn symbol(i: usize) -> Symbol {
    Symbol::new(&format!("ALT{i}USDT")).unwrap()
}

fn spec(seq: u64, symbols: usize, subs: usize) -> NewOrder {
    let sub = sub_account(seq as usize % subs);
    NewOrder {
        client_id: ClientOrderId::with_unique(&sub, Origin::Chase, u128::from(seq)),
        sub_account: sub,
        symbol: symbol(seq as usize % symbols),
        side: Side::Buy,
        order_type: OrderType::Limit,
        quantity: Qty::from_units(ONE).unwrap(),
        price: Some(Price::from_units(97_000 * ONE).unwrap()),
        reduce_only: false,
        origin: Some(Origin::Chase),
        parent: seq
            .is_multiple_of(2)
            .then(|| ParentId::new(&format!("twap-{}", seq % 16)).unwrap()),
        leverage: 5,
        created_at: T0,
    }
}

fn exchange_id(seq: u64) -> ExchangeOrderId {
    ExchangeOrderId(8_000_000 + seq)
}

fn report(
    spec: &NewOrder,
    execution: ExecutionType,
    status: ReportStatus,
    fill: Option<(u64, i64)>,
    cumulative: i64,
    exchange_id: ExchangeOrderId,
) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(spec.client_id),
        exchange_id: Some(exchange_id),
        symbol: spec.symbol,
        execution,
        status,
        fill: fill.map(|(trade_id, units)| ReportFill {
            trade_id: TradeId(trade_id),
            qty: Qty::from_units(units).unwrap(),
            price: spec.price.unwrap(),
        }),
        cumulative_qty: Some(Qty::from_units(cumulative).unwrap()),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: T0 + 1,
    }
}

/// The reports of one order's lifecycle.
struct Lifecycle {
    ack: ExecutionReport,
    partials: [ExecutionReport; 2],
    final_fill: ExecutionReport,
    canceled: ExecutionReport,
}

fn lifecycle(spec: &NewOrder, id: ExchangeOrderId) -> Lifecycle {
    use ExecutionType as X;
    use ReportStatus as S;
    let q = ONE / 4;
    Lifecycle {
        ack: report(spec, X::New, S::New, None, 0, id),
        partials: [
            report(spec, X::Trade, S::PartiallyFilled, Some((1, q)), q, id),
            report(spec, X::Trade, S::PartiallyFilled, Some((2, q)), 2 * q, id),
        ],
        final_fill: report(spec, X::Trade, S::Filled, Some((3, ONE - 2 * q)), ONE, id),
        canceled: report(spec, X::Canceled, S::Canceled, None, 2 * q, id),
    }
}

const SYMBOLS: usize = 4;
const SUBS: usize = 4;
/// Orders of each measured round.
const ROUND: usize = 1_000;

/// Registers and places `ROUND` new orders starting at `seq`; returns their keys,
/// specs and reports.
fn new_round(
    tracker: &mut OrderTracker,
    seq: u64,
) -> Vec<(OrderKey, NewOrder, ExchangeOrderId, Lifecycle)> {
    (seq..seq + ROUND as u64)
        .map(|s| {
            let spec = spec(s, SYMBOLS, SUBS);
            let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
            tracker.place(key, T0).unwrap();
            let id = exchange_id(s);
            (key, spec, id, lifecycle(&spec, id))
        })
        .collect()
}

/// Runs one full round: ack all, two partial fills each, then the first half
/// filled and the second half cancel-requested and cancelled by the exchange;
/// with lookups and iterations in between. Each step is measured; returns every
/// step's traffic.
fn round(
    label: &str,
    tracker: &mut OrderTracker,
    orders: &[(OrderKey, NewOrder, ExchangeOrderId, Lifecycle)],
) -> Vec<(&'static str, Traffic)> {
    let mut seen = Vec::new();
    let mut step = |what: &'static str, f: &mut dyn FnMut(&mut OrderTracker)| {
        let ((), traffic) = measure(&format!("{label}: {what}"), || f(tracker));
        seen.push((what, traffic));
    };
    step("apply ack", &mut |t| {
        for (key, _, _, l) in orders {
            let outcome = t.apply(&l.ack).unwrap();
            assert_eq!(
                outcome,
                Outcome::Applied {
                    key: *key,
                    applied: Applied::Acknowledged
                }
            );
        }
    });
    step("apply partial fill (1st and 2nd of 3)", &mut |t| {
        for (_, _, _, l) in orders {
            for partial in &l.partials {
                let outcome = t.apply(partial).unwrap();
                assert!(matches!(
                    outcome,
                    Outcome::Applied {
                        applied: Applied::PartiallyFilled(_),
                        ..
                    }
                ));
            }
        }
    });
    step("apply duplicate fill", &mut |t| {
        for (_, _, _, l) in orders {
            let outcome = t.apply(&l.partials[0]).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Duplicate,
                    ..
                }
            ));
        }
    });
    step("apply stale ack", &mut |t| {
        for (_, _, _, l) in orders {
            let outcome = t.apply(&l.ack).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Stale,
                    ..
                }
            ));
        }
    });
    step("lookup_client + lookup_exchange", &mut |t| {
        for (key, spec, id, _) in orders {
            assert_eq!(t.lookup_client(&spec.client_id).unwrap().0, *key);
            assert_eq!(t.lookup_exchange(&spec.symbol, *id).unwrap().0, *key);
        }
    });
    let symbols: Vec<Symbol> = (0..SYMBOLS).map(symbol).collect();
    let subs: Vec<SubAccountId> = (0..SUBS).map(sub_account).collect();
    step(
        "active_by_symbol / by_sub_account / by_parent iteration",
        &mut |t| {
            let mut open = 0i64;
            for symbol in &symbols {
                open += t
                    .active_by_symbol(symbol)
                    .map(|(_, o)| o.quantity().units() - o.filled_qty().units())
                    .sum::<i64>();
            }
            for sub in &subs {
                open += t.by_sub_account(sub).count() as i64;
            }
            let parent = orders[0].1.parent.unwrap();
            open += t.by_parent(&parent).count() as i64;
            std::hint::black_box(open);
        },
    );
    let (fill, cancel) = orders.split_at(orders.len() / 2);
    step("apply final fill (3rd fill)", &mut |t| {
        for (_, _, _, l) in fill {
            let outcome = t.apply(&l.final_fill).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Filled(_),
                    ..
                }
            ));
        }
    });
    step("cancel request", &mut |t| {
        for (key, _, _, _) in cancel {
            t.cancel(*key, T0 + 1).unwrap();
        }
    });
    step("apply cancel (CANCELED)", &mut |t| {
        for (_, _, _, l) in cancel {
            let outcome = t.apply(&l.canceled).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Cancelled(_),
                    ..
                }
            ));
        }
    });
    step("refused fill (overfill) and unknown order", &mut |t| {
        for (_, _, _, l) in fill {
            let mut overfill = l.final_fill;
            overfill.fill = overfill.fill.map(|f| ReportFill {
                trade_id: TradeId(99),
                ..f
            });
            assert!(t.apply(&overfill).is_err());
        }
        let mut unknown = orders[0].3.ack;
        unknown.client_id = Some(ClientOrderId::new("autoclose-1764000000123").unwrap());
        unknown.exchange_id = Some(ExchangeOrderId(1));
        assert!(matches!(t.apply(&unknown), Ok(Outcome::Unknown(_))));
    });
    seen
}

/// A tracker with background live orders on every symbol, sub-account and parent
/// (so no bucket empties during a round) after one full warm-up round and its
/// cleanup.
fn warmed_up() -> (OrderTracker, u64) {
    let mut tracker = OrderTracker::new();
    let mut seq = 0;
    for _ in 0..64 {
        let spec = spec(seq, SYMBOLS, SUBS);
        let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
        tracker.place(key, T0).unwrap();
        seq += 1;
    }
    // Warm-up: a round grows every table and bucket to its working size.
    let orders = new_round(&mut tracker, seq);
    seq += ROUND as u64;
    round("warm-up (not asserted)", &mut tracker, &orders);
    assert_eq!(
        tracker.cleanup_terminal(T0 + 10_000, std::time::Duration::from_millis(1_000)),
        ROUND
    );
    tracker.check_invariants().unwrap();
    (tracker, seq)
}

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
    assert_no_heap("register + place", || {
        for spec in &specs {
            let key = tracker.register(AnyOrder::new(*spec).unwrap()).unwrap();
            tracker.place(key, T0).unwrap();
            keys.push(key);
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
    let q = ONE / 16;
    let fills: Vec<ExecutionReport> = (1..=n_fills)
        .map(|n| {
            report(
                &spec,
                ExecutionType::Trade,
                ReportStatus::PartiallyFilled,
                Some((n, q)),
                q * n as i64,
                id,
            )
        })
        .collect();
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

/// Bytes this thread's allocations hold now.
fn live_bytes() -> i64 {
    NET_BYTES.get()
}

/// Registers `N` Active orders (with exchange ids, on 400 symbols, 1,000
/// sub-accounts and 16 parents) into `tracker`; returns the bytes the
/// allocator holds for the tracker, `tracker` included.
fn fill_and_measure(make: impl FnOnce() -> OrderTracker, n: usize) -> (OrderTracker, i64) {
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

/// `memory_usage` is exact: equal to what the allocator holds, byte for byte.
fn assert_exact(what: &str, tracker: &OrderTracker, held: i64, n: usize) {
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
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&calls);
    // The tracker's one handler: its allocation is the only one callbacks cost.
    tracker.set_handler(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
    assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 3 * ROUND);
    assert!(
        keys.iter()
            .all(|k| tracker.get(*k).unwrap().status().is_terminal())
    );
    tracker.check_invariants().unwrap();
}
