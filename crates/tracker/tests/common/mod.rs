//! Shared helpers for the tracker's integration tests: builders for orders and
//! execution reports, a snapshot of everything the tracker answers (to prove an
//! operation that failed changed nothing), the per-step consistency check, and a
//! callback recorder.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ordertrack::*;

/// Sub-accounts the tests use (each gives a valid 8-character prefix).
pub(crate) const SUBS: [&str; 3] = ["3f2a9c1e-7b4d-4e1a", "9b8c7d6e-5f4a-0000", "a1b2c3d4e5f6"];
/// Symbols the tests use, including a `1000…` contract and a delivery contract.
pub(crate) const SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDT_250926"];
/// Parent algo ids the tests use.
pub(crate) const PARENTS: [&str; 3] = ["twap-1", "chase-2", "basket-3"];

pub(crate) fn sub(i: usize) -> SubAccountId {
    SubAccountId::new(SUBS[i]).unwrap()
}

pub(crate) fn sym(s: &str) -> Symbol {
    Symbol::new(s).unwrap()
}

pub(crate) fn btc() -> Symbol {
    sym("BTCUSDT")
}

pub(crate) fn eth() -> Symbol {
    sym("ETHUSDT")
}

pub(crate) fn parent(s: &str) -> ParentId {
    ParentId::new(s).unwrap()
}

pub(crate) fn q(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn px(s: &str) -> Price {
    Price::parse(s).unwrap()
}

pub(crate) fn cid(s: &str) -> ClientOrderId {
    ClientOrderId::new(s).unwrap()
}

pub(crate) fn eid(n: u64) -> ExchangeOrderId {
    ExchangeOrderId(n)
}

/// Makes every generated client id distinct across the tests of one binary.
static NEXT_UNIQUE: AtomicU64 = AtomicU64::new(1);

/// A fresh order: sub-account 0, BTCUSDT, BUY 1 @ 100, CHASE, created at 1,000 ms.
pub(crate) fn order() -> OrderBuilder {
    let sub_account = sub(0);
    let unique = NEXT_UNIQUE.fetch_add(1, Ordering::Relaxed);
    OrderBuilder {
        spec: NewOrder {
            client_id: ClientOrderId::with_unique(&sub_account, Origin::Chase, u128::from(unique)),
            ..NewOrder::limit(
                sub_account,
                Origin::Chase,
                btc(),
                Side::Buy,
                q("1"),
                px("100"),
                1_000,
            )
        },
    }
}

/// Builds a [`NewOrder`] field by field, then the order in any state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OrderBuilder {
    pub(crate) spec: NewOrder,
}

impl OrderBuilder {
    /// Moves the order to another sub-account (its generated id follows).
    pub(crate) fn sub(mut self, i: usize) -> Self {
        let unique = NEXT_UNIQUE.fetch_add(1, Ordering::Relaxed);
        self.spec.sub_account = sub(i);
        self.spec.client_id = ClientOrderId::with_unique(
            &self.spec.sub_account,
            self.spec.origin.unwrap_or(Origin::Chase),
            u128::from(unique),
        );
        self
    }
    pub(crate) fn symbol(mut self, s: &str) -> Self {
        self.spec.symbol = sym(s);
        self
    }
    pub(crate) fn qty(mut self, s: &str) -> Self {
        self.spec.quantity = q(s);
        self
    }
    pub(crate) fn price(mut self, s: &str) -> Self {
        self.spec.price = Some(px(s));
        self
    }
    pub(crate) fn parent(mut self, s: &str) -> Self {
        self.spec.parent = Some(parent(s));
        self
    }
    pub(crate) fn client_id(mut self, id: ClientOrderId) -> Self {
        self.spec.client_id = id;
        self
    }
    pub(crate) fn created(mut self, at: u64) -> Self {
        self.spec.created_at = at;
        self
    }
    pub(crate) fn spec(&self) -> NewOrder {
        self.spec
    }
    /// The order, not yet sent (`Idle`).
    pub(crate) fn idle(&self) -> AnyOrder {
        AnyOrder::new(self.spec).unwrap()
    }
    /// The order as sent at `at` (`Placing`).
    pub(crate) fn placing(&self, at: u64) -> AnyOrder {
        AnyOrder::sent(self.spec, at).unwrap()
    }
    /// The order sent and acknowledged with `exchange_id` at `at` (`Active`).
    pub(crate) fn active(&self, exchange_id: u64, at: u64) -> AnyOrder {
        let mut o = self.placing(at);
        let _ = o
            .view_mut::<Placing>()
            .unwrap()
            .acknowledge(eid(exchange_id), at);
        o
    }
    /// The order acknowledged with `exchange_id`, then cancelled, at `at` (`Cancelled`).
    pub(crate) fn cancelled(&self, exchange_id: u64, at: u64) -> AnyOrder {
        let mut o = self.active(exchange_id, at);
        let _ = o.view_mut::<Active>().unwrap().cancelled(None, at);
        o
    }
    /// A report about this order (client id set, no exchange id yet).
    pub(crate) fn report(&self) -> ReportBuilder {
        report(&self.spec)
    }
}

/// `order` after `change` (typically a typed transition on a handle over it).
pub(crate) fn moved(mut order: AnyOrder, change: impl FnOnce(&mut AnyOrder)) -> AnyOrder {
    change(&mut order);
    order
}

/// A report about the order `spec`: its client id and symbol, nothing else yet.
pub(crate) fn report(spec: &NewOrder) -> ReportBuilder {
    blank_report(Some(spec.client_id), spec.symbol, spec.quantity)
}

/// A report about an order the tracker has never seen.
pub(crate) fn foreign(client_id: Option<&str>, symbol: Symbol) -> ReportBuilder {
    blank_report(client_id.map(cid), symbol, q("1"))
}

/// A `NEW` report naming `client_id` and `symbol`, about an order of `quantity`.
fn blank_report(client_id: Option<ClientOrderId>, symbol: Symbol, quantity: Qty) -> ReportBuilder {
    ReportBuilder {
        quantity,
        report: ExecutionReport {
            client_id,
            exchange_id: None,
            symbol,
            execution: ExecutionType::New,
            status: ReportStatus::New,
            fill: None,
            cumulative_qty: Some(Qty::ZERO),
            amendment: None,
            terms: None,
            expiry_reason: None,
            transaction_time: 0,
        },
    }
}

/// Builds an [`ExecutionReport`]; the last call names the event.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReportBuilder {
    quantity: Qty,
    report: ExecutionReport,
}

impl ReportBuilder {
    pub(crate) fn eid(mut self, id: u64) -> Self {
        self.report.exchange_id = Some(eid(id));
        self
    }
    pub(crate) fn no_client_id(mut self) -> Self {
        self.report.client_id = None;
        self
    }
    pub(crate) fn client_id(mut self, id: &str) -> Self {
        self.report.client_id = Some(cid(id));
        self
    }
    pub(crate) fn symbol(mut self, s: Symbol) -> Self {
        self.report.symbol = s;
        self
    }
    pub(crate) fn at(mut self, t: u64) -> Self {
        self.report.transaction_time = t;
        self
    }
    pub(crate) fn cum(mut self, s: &str) -> Self {
        self.report.cumulative_qty = Some(q(s));
        self
    }
    /// `NEW` / `NEW`: the ack.
    pub(crate) fn ack(self) -> ExecutionReport {
        self.event(ExecutionType::New, ReportStatus::New)
    }
    /// `TRADE`: `qty` at `price`, with the exchange's cumulative quantity `cum`;
    /// `FILLED` when `cum` reaches the order's quantity, else `PARTIALLY_FILLED`.
    pub(crate) fn trade(
        mut self,
        trade_id: u64,
        qty: &str,
        price: &str,
        cum: &str,
    ) -> ExecutionReport {
        self.report.fill = Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty: q(qty),
            price: px(price),
        });
        self.report.cumulative_qty = Some(q(cum));
        let status = if q(cum) >= self.quantity {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        self.event(ExecutionType::Trade, status)
    }
    pub(crate) fn canceled(self) -> ExecutionReport {
        self.event(ExecutionType::Canceled, ReportStatus::Canceled)
    }
    pub(crate) fn expired(self) -> ExecutionReport {
        self.event(ExecutionType::Expired, ReportStatus::Expired)
    }
    pub(crate) fn expired_in_match(self) -> ExecutionReport {
        self.event(ExecutionType::Expired, ReportStatus::ExpiredInMatch)
    }
    pub(crate) fn rejected(self) -> ExecutionReport {
        self.event(ExecutionType::Rejected, ReportStatus::Rejected)
    }
    pub(crate) fn amended(mut self, quantity: &str, price: &str) -> ExecutionReport {
        self.report.amendment = Some(Amendment {
            quantity: q(quantity),
            price: Some(px(price)),
        });
        self.event(ExecutionType::Amendment, ReportStatus::New)
    }
    pub(crate) fn event(
        mut self,
        execution: ExecutionType,
        status: ReportStatus,
    ) -> ExecutionReport {
        self.report.execution = execution;
        self.report.status = status;
        self.report
    }
}

/// Asserts the tracker is consistent: `check_invariants()` is clean, and every
/// query answers exactly what a brute-force walk of all orders says it should.
#[track_caller]
pub(crate) fn step(t: &OrderTracker) {
    if let Err(violations) = t.check_invariants() {
        panic!("tracker inconsistent: {violations:#?}");
    }
    assert_queries_exact(t);
}

/// Applies `report`, checks the tracker after it ([`step`]), and asserts that the
/// report reached `key` and did `expected`.
#[track_caller]
pub(crate) fn apply_expect(
    t: &mut OrderTracker,
    report: &ExecutionReport,
    key: OrderKey,
    expected: Applied,
) {
    let outcome = t.apply(report).unwrap();
    step(t);
    assert_eq!(
        outcome,
        Outcome::Applied {
            key,
            applied: expected
        }
    );
}

/// Compares every query with the answer computed by walking all tracked orders.
#[track_caller]
pub(crate) fn assert_queries_exact(t: &OrderTracker) {
    let all: Vec<(OrderKey, AnyOrder)> = t.iter().map(|(k, o)| (k, o.clone())).collect();
    assert_eq!(t.len(), all.len());
    assert_eq!(t.is_empty(), all.is_empty());
    let u = Universe::of(t);
    for (key, order) in &all {
        assert_eq!(t.get(*key), Some(order));
        assert_eq!(
            t.lookup_client(&order.client_id()).map(|(k, _)| k),
            Some(*key)
        );
        if let Some(id) = order.exchange_id() {
            assert_eq!(
                t.lookup_exchange(&order.symbol(), id).map(|(k, _)| k),
                Some(*key)
            );
        }
    }
    let keys = |pred: &dyn Fn(&AnyOrder) -> bool| -> BTreeSet<OrderKey> {
        all.iter()
            .filter(|(_, o)| pred(o))
            .map(|(k, _)| *k)
            .collect()
    };
    for s in &u.subs {
        let expected = keys(&|o| o.sub_account() == *s);
        assert_eq!(
            collect(t, t.by_sub_account(s)),
            expected,
            "by_sub_account({s})"
        );
        assert_eq!(t.count_by_sub_account(s), expected.len());
    }
    for s in &u.symbols {
        let expected = keys(&|o| o.symbol() == *s && !o.status().is_terminal());
        assert_eq!(
            collect(t, t.active_by_symbol(s)),
            expected,
            "active_by_symbol({s})"
        );
        assert_eq!(t.count_active_by_symbol(s), expected.len());
    }
    for p in &u.parents {
        let expected = keys(&|o| o.parent() == Some(*p));
        assert_eq!(collect(t, t.by_parent(p)), expected, "by_parent({p})");
        assert_eq!(t.count_by_parent(p), expected.len());
    }
}

/// The keys an index query yields, checking each yielded order is the one `get`
/// gives and that no key comes twice.
#[track_caller]
pub(crate) fn collect(t: &OrderTracker, orders: Orders<'_>) -> BTreeSet<OrderKey> {
    let listed = orders.keys().len();
    let mut set = BTreeSet::new();
    for (key, order) in orders {
        assert!(set.insert(key), "key {key:?} listed twice");
        assert_eq!(
            t.get(key),
            Some(order),
            "an index yielded another order than its key's"
        );
    }
    assert_eq!(
        set.len(),
        listed,
        "an index listed a key of no tracked order"
    );
    set
}

/// Everything the tests query by: the constant lists plus whatever the tracked
/// orders name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Universe {
    pub(crate) subs: BTreeSet<SubAccountId>,
    pub(crate) symbols: BTreeSet<Symbol>,
    pub(crate) parents: BTreeSet<ParentId>,
    pub(crate) clients: BTreeSet<ClientOrderId>,
    pub(crate) exchange: BTreeSet<(Symbol, ExchangeOrderId)>,
}

impl Universe {
    pub(crate) fn of(t: &OrderTracker) -> Self {
        let mut u = Self::default();
        u.subs
            .extend(SUBS.iter().map(|s| SubAccountId::new(s).unwrap()));
        u.symbols.extend(SYMBOLS.iter().map(|s| sym(s)));
        u.parents.extend(PARENTS.iter().map(|p| parent(p)));
        for (_, o) in t.iter() {
            u.subs.insert(o.sub_account());
            u.symbols.insert(o.symbol());
            u.parents.extend(o.parent());
            u.clients.insert(o.client_id());
            if let Some(id) = o.exchange_id() {
                u.exchange.insert((o.symbol(), id));
            }
        }
        u
    }
}

/// Everything observable about a tracker, to compare before and after an
/// operation that must change nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    universe: Universe,
    len: usize,
    orders: Vec<(OrderKey, AnyOrder)>,
    by_client: Vec<(ClientOrderId, Option<OrderKey>)>,
    by_exchange: Vec<((Symbol, ExchangeOrderId), Option<OrderKey>)>,
    by_sub: Vec<(SubAccountId, Vec<OrderKey>, usize)>,
    live: Vec<(Symbol, Vec<OrderKey>, usize)>,
    by_parent: Vec<(ParentId, Vec<OrderKey>, usize)>,
}

impl Snapshot {
    pub(crate) fn take(t: &OrderTracker) -> Self {
        Self::over(t, Universe::of(t))
    }

    fn over(t: &OrderTracker, u: Universe) -> Self {
        Self {
            len: t.len(),
            orders: t.iter().map(|(k, o)| (k, o.clone())).collect(),
            by_client: u
                .clients
                .iter()
                .map(|c| (*c, t.lookup_client(c).map(|(k, _)| k)))
                .collect(),
            by_exchange: u
                .exchange
                .iter()
                .map(|&(s, id)| ((s, id), t.lookup_exchange(&s, id).map(|(k, _)| k)))
                .collect(),
            by_sub: u
                .subs
                .iter()
                .map(|s| {
                    (
                        *s,
                        t.by_sub_account(s).keys().to_vec(),
                        t.count_by_sub_account(s),
                    )
                })
                .collect(),
            live: u
                .symbols
                .iter()
                .map(|s| {
                    (
                        *s,
                        t.active_by_symbol(s).keys().to_vec(),
                        t.count_active_by_symbol(s),
                    )
                })
                .collect(),
            by_parent: u
                .parents
                .iter()
                .map(|p| (*p, t.by_parent(p).keys().to_vec(), t.count_by_parent(p)))
                .collect(),
            universe: u,
        }
    }

    /// Asserts the tracker answers every query exactly as when the snapshot was
    /// taken, bucket order included, and names nothing new.
    #[track_caller]
    pub(crate) fn assert_unchanged(&self, t: &OrderTracker) {
        assert_eq!(
            Universe::of(t),
            self.universe,
            "the tracked orders name something new"
        );
        assert_eq!(
            &Self::over(t, self.universe.clone()),
            self,
            "the tracker changed"
        );
    }
}

/// Registers `b`'s order, places it and applies its ack with `exchange_id`:
/// an Active order. Checks the tracker after each step.
pub(crate) fn active(t: &mut OrderTracker, b: &OrderBuilder, exchange_id: u64) -> OrderKey {
    let key = t.register(b.idle()).unwrap();
    step(t);
    t.place(key, 1_001).unwrap();
    step(t);
    let outcome = t
        .apply(&b.report().eid(exchange_id).at(1_002).ack())
        .unwrap();
    assert_eq!(
        outcome,
        Outcome::Applied {
            key,
            applied: Applied::Acknowledged
        }
    );
    step(t);
    key
}

/// Registers `b`'s order and places it: a Placing order.
pub(crate) fn placing(t: &mut OrderTracker, b: &OrderBuilder) -> OrderKey {
    let key = t.register(b.idle()).unwrap();
    step(t);
    t.place(key, 1_001).unwrap();
    step(t);
    key
}

/// The status of the order behind `key`.
#[track_caller]
pub(crate) fn status(t: &OrderTracker, key: OrderKey) -> OrderStatus {
    t.get(key).expect("tracked").status()
}

/// What a callback saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Which callback was called.
    pub(crate) callback: &'static str,
    pub(crate) key: OrderKey,
    /// The order's status as the callback saw it.
    pub(crate) status: OrderStatus,
    /// The order's filled quantity as the callback saw it.
    pub(crate) filled: Qty,
    pub(crate) applied: Applied,
}

/// Records every call of a tracker's handler (`Send + 'static`), under the
/// callback's name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    /// A recorder set as `t`'s handler.
    pub(crate) fn on(t: &mut OrderTracker) -> Self {
        let recorder = Self::default();
        let seen = Arc::clone(&recorder.0);
        t.set_handler(move |event: &OrderEvent<'_>| {
            seen.lock().unwrap().push(Seen {
                callback: callback_name(event.applied),
                key: event.key,
                status: event.order.status(),
                filled: event.order.filled_qty(),
                applied: *event.applied,
            });
        });
        recorder
    }

    /// Callbacks for every one of the six events.
    pub(crate) fn callbacks(&self) -> Callbacks {
        Callbacks::all()
    }

    /// Everything recorded so far, emptying the record.
    pub(crate) fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }

    /// The callback names recorded so far, emptying the record.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        self.take().into_iter().map(|s| s.callback).collect()
    }
}

/// The callback an event is delivered as.
fn callback_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::PartiallyFilled(_) => "on_partial",
        Applied::Filled(_) => "on_fill",
        Applied::LateFill(_) => "on_late_fill",
        Applied::Cancelled(_) => "on_cancel",
        Applied::Expired(_) => "on_expire",
        Applied::Failed(_) => "on_fail",
        Applied::Acknowledged | Applied::Amended | Applied::Duplicate | Applied::Stale => {
            "no callback"
        }
    }
}

/// The arena slot a key names (from its `Debug` form `OrderKey(<slot>v<version>)`),
/// to show that a test really reuses a freed slot.
pub(crate) fn slot_of(key: OrderKey) -> u32 {
    let text = format!("{key:?}");
    let inner = text.trim_start_matches("OrderKey(").trim_end_matches(')');
    let (slot, _version) = inner.split_once('v').expect("a `<slot>v<version>` key");
    slot.parse().expect("a slot number")
}
