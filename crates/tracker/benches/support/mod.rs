//! Shared fixtures of the ordertrack benchmarks: deterministic ids, orders and
//! reports, trackers populated to a given size, and a chunked timer for
//! benchmarks that change the tracker.
//!
//! Each bench binary uses a different part of this module.
#![allow(dead_code)]

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder,
    OrderKey, OrderTracker, OrderType, Origin, Outcome, ParentId, Price, Qty, ReportFill,
    ReportStatus, Side, SubAccountId, Symbol, TradeId,
};

/// The benchmarks' clock: CPU time of the calling thread
/// (`CLOCK_THREAD_CPUTIME_ID`), because the machine is shared and wall-clock
/// time would also count the time other processes hold the core. With
/// `ORDERTRACK_BENCH_CLOCK=wall` it is wall-clock time instead (a quiet machine).
pub(crate) fn clock() -> Duration {
    static WALL: OnceLock<Option<Instant>> = OnceLock::new();
    let wall = WALL.get_or_init(|| {
        (std::env::var("ORDERTRACK_BENCH_CLOCK").as_deref() == Ok("wall")).then(Instant::now)
    });
    match wall {
        Some(origin) => origin.elapsed(),
        None => thread_cpu_time(),
    }
}

/// Which clock [`clock`] reads, for the benchmarks' printouts.
pub(crate) fn clock_name() -> &'static str {
    if std::env::var("ORDERTRACK_BENCH_CLOCK").as_deref() == Ok("wall") {
        "wall-clock time"
    } else {
        "thread CPU time"
    }
}

#[allow(unsafe_code)]
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes one `timespec` through the pointer, which
    // points to a live, writable `timespec`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut now) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// Whether this is a real benchmark run (`cargo bench` passes `--bench`), not
/// `cargo test --benches` running each benchmark once as a smoke test, where
/// the large setups are skipped.
pub(crate) fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Times `iters` calls of `f` in one clock window.
pub(crate) fn time_loop<R>(iters: u64, mut f: impl FnMut() -> R) -> Duration {
    let start = clock();
    for _ in 0..iters {
        black_box(f());
    }
    clock() - start
}

/// SplitMix64: a tiny deterministic generator, so every run sees the same data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// `n` sub-accounts shaped like the engine's (hyphenated UUIDs), with distinct
/// eight-character prefixes.
pub(crate) fn sub_accounts(n: usize) -> Vec<SubAccountId> {
    (0..n)
        .map(|i| {
            let text = format!("{i:08x}-7b4d-4e1a-9f00-{:012x}", i * 7919);
            SubAccountId::new(&text).expect("valid sub-account")
        })
        .collect()
}

/// `n` Binance-form symbols, the busiest real ones first.
pub(crate) fn symbols(n: usize) -> Vec<Symbol> {
    const REAL: [&str; 8] = [
        "BTCUSDT",
        "ETHUSDT",
        "SOLUSDT",
        "BNBUSDT",
        "XRPUSDT",
        "DOGEUSDT",
        "1000PEPEUSDT",
        "BTCUSDT_250926",
    ];
    (0..n)
        .map(|i| match REAL.get(i) {
            Some(name) => Symbol::new(name).expect("valid symbol"),
            None => Symbol::new(&format!("ALT{i}USDT")).expect("valid symbol"),
        })
        .collect()
}

/// `n` parent algo ids.
pub(crate) fn parents(n: usize) -> Vec<ParentId> {
    (0..n)
        .map(|i| ParentId::new(&format!("twap-{i:06}")).expect("valid parent"))
        .collect()
}

/// One whole unit (1.0) in 10⁻⁸ units.
pub(crate) const ONE: i64 = 100_000_000;

pub(crate) fn qty(units: i64) -> Qty {
    Qty::from_units(units).expect("non-negative")
}

pub(crate) fn price(units: i64) -> Price {
    Price::from_units(units).expect("non-negative")
}

/// A LIMIT order with a deterministic client id (`seq` is its unique part).
pub(crate) fn spec(
    seq: u64,
    sub_account: SubAccountId,
    symbol: Symbol,
    parent: Option<ParentId>,
    created_at: u64,
) -> NewOrder {
    let origin = Origin::ALL[(seq % Origin::ALL.len() as u64) as usize];
    NewOrder {
        client_id: ClientOrderId::with_unique(&sub_account, origin, u128::from(seq)),
        sub_account,
        symbol,
        side: if seq.is_multiple_of(2) {
            Side::Buy
        } else {
            Side::Sell
        },
        order_type: OrderType::Limit,
        quantity: qty(ONE),
        price: Some(price(97_000 * ONE + (seq % 1_000) as i64 * 10_000_000)),
        reduce_only: false,
        origin: Some(origin),
        parent,
        leverage: 5,
        created_at,
    }
}

/// A report about `spec`'s order.
pub(crate) fn report(
    spec: &NewOrder,
    exchange_id: Option<ExchangeOrderId>,
    execution: ExecutionType,
    status: ReportStatus,
    fill: Option<ReportFill>,
    cumulative_qty: Qty,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(spec.client_id),
        exchange_id,
        symbol: spec.symbol,
        execution,
        status,
        fill,
        cumulative_qty: Some(cumulative_qty),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: at,
    }
}

/// The `NEW` ack.
pub(crate) fn ack(spec: &NewOrder, exchange_id: ExchangeOrderId, at: u64) -> ExecutionReport {
    report(
        spec,
        Some(exchange_id),
        ExecutionType::New,
        ReportStatus::New,
        None,
        Qty::ZERO,
        at,
    )
}

/// A `TRADE` of `fill_units`, bringing the exchange's cumulative to `cumulative_units`.
pub(crate) fn trade(
    spec: &NewOrder,
    exchange_id: ExchangeOrderId,
    trade_id: u64,
    fill_units: i64,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    let status = if cumulative_units >= spec.quantity.units() {
        ReportStatus::Filled
    } else {
        ReportStatus::PartiallyFilled
    };
    let fill = ReportFill {
        trade_id: TradeId(trade_id),
        qty: qty(fill_units),
        price: spec.price.unwrap_or(Price::ZERO),
    };
    report(
        spec,
        Some(exchange_id),
        ExecutionType::Trade,
        status,
        Some(fill),
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `CANCELED`.
pub(crate) fn canceled(
    spec: &NewOrder,
    exchange_id: Option<ExchangeOrderId>,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    report(
        spec,
        exchange_id,
        ExecutionType::Canceled,
        ReportStatus::Canceled,
        None,
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `EXPIRED`.
pub(crate) fn expired(
    spec: &NewOrder,
    exchange_id: ExchangeOrderId,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    report(
        spec,
        Some(exchange_id),
        ExecutionType::Expired,
        ReportStatus::Expired,
        None,
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `REJECTED`.
pub(crate) fn rejected(spec: &NewOrder, at: u64) -> ExecutionReport {
    report(
        spec,
        None,
        ExecutionType::Rejected,
        ReportStatus::Rejected,
        None,
        Qty::ZERO,
        at,
    )
}

/// The state an order is put in before a timed operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pre {
    /// Sent, not acknowledged: ready for an ack.
    Placing,
    /// Acknowledged, no fills: ready for a fill or a cancel request.
    Active,
    /// A cancel is in flight: ready for the exchange's `CANCELED`.
    Cancelling,
    /// Completely filled at `at`: ready for cleanup.
    Filled,
}

/// The order `spec` in state `pre`, built through the typed transitions.
pub(crate) fn build(spec: NewOrder, exchange_id: ExchangeOrderId, pre: Pre, at: u64) -> AnyOrder {
    let mut order = AnyOrder::sent(spec, at).expect("valid order");
    if pre == Pre::Placing {
        return order;
    }
    let active = order
        .view_mut::<ordertrack::Placing>()
        .expect("just sent")
        .acknowledge(exchange_id, at);
    match pre {
        Pre::Placing | Pre::Active => {}
        Pre::Cancelling => {
            let _ = active.request_cancel(at);
        }
        Pre::Filled => {
            let fill = trade(
                &spec,
                exchange_id,
                1,
                spec.quantity.units(),
                spec.quantity.units(),
                at,
            );
            order.apply(&fill).expect("fill applies");
        }
    }
    order
}

/// One tracked order a benchmark works on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tracked {
    pub(crate) spec: NewOrder,
    pub(crate) exchange_id: ExchangeOrderId,
    pub(crate) key: OrderKey,
}

/// How a populated tracker's orders spread over symbols, sub-accounts and parents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub(crate) orders: usize,
    pub(crate) symbols: usize,
    pub(crate) sub_accounts: usize,
    /// Every other order has a parent; each parent has this many children.
    pub(crate) children_per_parent: usize,
}

impl Layout {
    /// The engine's usual spread: ~400 symbols, up to 1,000 sub-accounts.
    pub(crate) fn spread(orders: usize) -> Self {
        Self {
            orders,
            symbols: 400.min(orders),
            sub_accounts: 1_000.min(orders.div_ceil(10)),
            children_per_parent: 10,
        }
    }
}

/// Time at which populated orders were created.
pub(crate) const T0: u64 = 1_750_000_000_000;

/// A tracker with `layout.orders` Active orders, and the orders in registration order.
pub(crate) fn populate(layout: Layout) -> (OrderTracker, Vec<Tracked>) {
    let symbols = symbols(layout.symbols);
    let subs = sub_accounts(layout.sub_accounts);
    let parents = parents(layout.orders / (2 * layout.children_per_parent) + 1);
    let mut tracker = OrderTracker::with_capacity(layout.orders);
    let mut tracked = Vec::with_capacity(layout.orders);
    for i in 0..layout.orders {
        let parent = i
            .is_multiple_of(2)
            .then(|| parents[i / (2 * layout.children_per_parent)]);
        let spec = spec(
            i as u64,
            subs[i % subs.len()],
            symbols[(i / 7) % symbols.len()],
            parent,
            T0,
        );
        let exchange_id = ExchangeOrderId(8_000_000_000 + i as u64);
        let key = tracker
            .register(build(spec, exchange_id, Pre::Active, T0))
            .expect("registers");
        tracked.push(Tracked {
            spec,
            exchange_id,
            key,
        });
    }
    (tracker, tracked)
}

/// Puts `order` back in state `pre` (unregister, then register the order rebuilt
/// through the typestate): the tracker ends as it was, up to positions in buckets.
pub(crate) fn reset(tracker: &mut OrderTracker, order: &mut Tracked, pre: Pre, at: u64) {
    tracker.unregister(order.key);
    order.key = tracker
        .register(build(order.spec, order.exchange_id, pre, at))
        .expect("re-registers");
}

/// Drops cleanup-queue entries of orders no longer tracked (left by [`reset`]),
/// removing no tracked order.
pub(crate) fn drain_stale_queue(tracker: &mut OrderTracker) {
    black_box(tracker.cleanup_terminal(0, std::time::Duration::from_millis(u64::MAX)));
}

/// Times an operation that changes the tracker, `iters` times in all, in chunks
/// of at most `chunk`: `prepare(state, n)` (not timed) sets up `n` operations,
/// `run(state, n)` (timed) performs them, `restore(state, n)` (not timed) puts the
/// state back. One clock read per chunk, so timer overhead stays negligible.
pub(crate) fn time_chunked<S>(
    iters: u64,
    chunk: usize,
    state: &mut S,
    mut prepare: impl FnMut(&mut S, usize),
    mut run: impl FnMut(&mut S, usize),
    mut restore: impl FnMut(&mut S, usize),
) -> Duration {
    let mut total = Duration::ZERO;
    let mut done = 0u64;
    while done < iters {
        let n = chunk.min(usize::try_from(iters - done).unwrap_or(chunk));
        prepare(state, n);
        let start = clock();
        run(state, n);
        total += clock() - start;
        restore(state, n);
        done += n as u64;
    }
    total
}

/// A pool of tracked orders a benchmark cycles through, `chunk` at a time.
#[derive(Debug)]
pub(crate) struct Pool {
    pub(crate) tracker: OrderTracker,
    pub(crate) orders: Vec<Tracked>,
    /// Indexes into `orders` of the orders the benchmark works on, in visiting order.
    pub(crate) visit: Vec<usize>,
    pub(crate) cursor: usize,
    /// Reports prepared for the current chunk.
    pub(crate) reports: Vec<ExecutionReport>,
    /// Indexes into `orders` of the current chunk.
    pub(crate) current: Vec<usize>,
    /// Timed operations that did not do what the benchmark names (must stay 0).
    pub(crate) unexpected: u64,
}

impl Pool {
    pub(crate) fn new(tracker: OrderTracker, orders: Vec<Tracked>, visit: Vec<usize>) -> Self {
        Self {
            tracker,
            orders,
            visit,
            cursor: 0,
            reports: Vec::new(),
            current: Vec::new(),
            unexpected: 0,
        }
    }

    /// The client ids and (symbol, exchange id) pairs of the visit list, in
    /// visiting order: the keys the lookup benchmarks look up.
    pub(crate) fn visit_ids(&self) -> (Vec<ClientOrderId>, Vec<(Symbol, ExchangeOrderId)>) {
        self.visit
            .iter()
            .map(|&i| {
                let spec = &self.orders[i].spec;
                (spec.client_id, (spec.symbol, self.orders[i].exchange_id))
            })
            .unzip()
    }

    /// Takes the next `n` orders of the visit list into `current`.
    /// Fails the benchmark unless every timed `apply` so far did what `kind` names.
    pub(crate) fn assert_all_did(&self, kind: ApplyKind) {
        assert_eq!(
            self.unexpected,
            0,
            "{} did not always do what it names",
            kind.name()
        );
    }

    pub(crate) fn next_chunk(&mut self, n: usize) {
        self.current.clear();
        for _ in 0..n {
            self.current.push(self.visit[self.cursor]);
            self.cursor = (self.cursor + 1) % self.visit.len();
        }
    }

    /// Puts every order of the visit list in state `pre`.
    pub(crate) fn set_all(&mut self, pre: Pre) {
        for &i in &self.visit {
            reset(&mut self.tracker, &mut self.orders[i], pre, T0);
        }
        drain_stale_queue(&mut self.tracker);
    }

    /// Puts the current chunk's orders back in state `pre`.
    pub(crate) fn reset_current(&mut self, pre: Pre) {
        for &i in &self.current {
            reset(&mut self.tracker, &mut self.orders[i], pre, T0);
        }
        drain_stale_queue(&mut self.tracker);
    }
}

/// What a benchmark of `apply` applies, and the state its order starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApplyKind {
    /// `NEW` on a Placing order.
    Ack,
    /// A fill of a quarter of the quantity on an Active order.
    PartialFill,
    /// A fill of the whole quantity on an Active order (→ Filled, leaves the
    /// live index, enters the cleanup queue).
    FinalFill,
    /// The exchange's `CANCELED` on a Cancelling order (→ Cancelled).
    Cancel,
}

impl ApplyKind {
    pub(crate) const ALL: [Self; 4] = [Self::Ack, Self::PartialFill, Self::FinalFill, Self::Cancel];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Ack => "apply_ack",
            Self::PartialFill => "apply_partial_fill",
            Self::FinalFill => "apply_final_fill",
            Self::Cancel => "apply_cancel",
        }
    }

    pub(crate) fn pre(self) -> Pre {
        match self {
            Self::Ack => Pre::Placing,
            Self::PartialFill | Self::FinalFill => Pre::Active,
            Self::Cancel => Pre::Cancelling,
        }
    }

    /// Whether `applied` is what this kind's report should do.
    pub(crate) fn did(self, applied: &Applied) -> bool {
        matches!(
            (self, applied),
            (Self::Ack, Applied::Acknowledged)
                | (Self::PartialFill, Applied::PartiallyFilled(_))
                | (Self::FinalFill, Applied::Filled(_))
                | (Self::Cancel, Applied::Cancelled(_))
        )
    }

    pub(crate) fn report(self, order: &Tracked) -> ExecutionReport {
        let at = T0 + 1;
        let (spec, id) = (&order.spec, order.exchange_id);
        let whole = spec.quantity.units();
        match self {
            Self::Ack => ack(spec, id, at),
            Self::PartialFill => trade(spec, id, 7, whole / 4, whole / 4, at),
            Self::FinalFill => trade(spec, id, 7, whole, whole, at),
            Self::Cancel => canceled(spec, Some(id), 0, at),
        }
    }
}

/// Times `tracker.apply` of `kind`'s report on `iters` orders of the pool, in
/// chunks of `chunk`; each order is put back in `kind.pre()` between chunks (not
/// timed). The pool's orders must be in `kind.pre()` on entry.
pub(crate) fn time_apply(pool: &mut Pool, kind: ApplyKind, iters: u64, chunk: usize) -> Duration {
    // A chunk never visits an order twice: the second visit would find it
    // already moved on (a stale or duplicate report, not the operation named).
    let chunk = chunk.min(pool.visit.len());
    time_chunked(
        iters,
        chunk,
        pool,
        |p, n| {
            p.next_chunk(n);
            p.reports.clear();
            for j in 0..n {
                let report = kind.report(&p.orders[p.current[j]]);
                p.reports.push(report);
            }
        },
        |p, _| {
            for report in &p.reports {
                match p.tracker.apply(black_box(report)) {
                    Ok(Outcome::Applied { applied, .. }) if kind.did(&applied) => {}
                    other => {
                        black_box(other.ok());
                        p.unexpected += 1;
                    }
                }
            }
        },
        |p, _| p.reset_current(kind.pre()),
    )
}

/// Times `lookup_client` over the pool's visit list, `iters` lookups.
pub(crate) fn time_lookup_client(pool: &Pool, ids: &[ClientOrderId], iters: u64) -> Duration {
    let start = clock();
    let mut i = 0;
    for _ in 0..iters {
        black_box(
            pool.tracker
                .lookup_client(black_box(&ids[i]))
                .map(|(k, _)| k),
        );
        i += 1;
        if i == ids.len() {
            i = 0;
        }
    }
    clock() - start
}

/// Times `lookup_exchange` over `(symbol, exchange id)` pairs, `iters` lookups.
pub(crate) fn time_lookup_exchange(
    pool: &Pool,
    ids: &[(Symbol, ExchangeOrderId)],
    iters: u64,
) -> Duration {
    let start = clock();
    let mut i = 0;
    for _ in 0..iters {
        let (symbol, id) = &ids[i];
        black_box(
            pool.tracker
                .lookup_exchange(black_box(symbol), black_box(*id))
                .map(|(k, _)| k),
        );
        i += 1;
        if i == ids.len() {
            i = 0;
        }
    }
    clock() - start
}
