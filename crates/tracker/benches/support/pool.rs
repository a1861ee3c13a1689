//! Trackers populated to a given size, orders put back in a given state
//! between timed chunks, and the pool of tracked orders a benchmark cycles
//! through.

use std::hint::black_box;

use ordertrack::{
    AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder, OrderKey,
    OrderTracker, Price, Symbol, TradeId,
};
use ordertrack_model::testing::report_for;

use super::{ApplyKind, parents, spec, sub_accounts, symbols};

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
            // Trade 1 of the whole quantity at the order's price.
            let price = spec.price.unwrap_or(Price::ZERO);
            let fill = report_for(&order, ExecutionType::Trade, at)
                .fill(TradeId(1), spec.quantity, price)
                .build();
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

    /// Fails the benchmark unless every timed `apply` so far did what `kind` names.
    pub(crate) fn assert_all_did(&self, kind: ApplyKind) {
        assert_eq!(
            self.unexpected,
            0,
            "{} did not always do what it names",
            kind.name()
        );
    }

    /// Takes the next `n` orders of the visit list into `current`.
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
