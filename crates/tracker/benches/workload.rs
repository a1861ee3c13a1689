//! The whole-workload benchmark: a realistic engine run replayed against
//! `ordertrack` and against a naive baseline, the seed's Python `OrderTracker`
//! (`shared/seeds/000_e499167dcd08c867.txt`) ported directly to Rust.
//!
//! The run (generated once, before any timing, from a fixed seed): 64
//! sub-accounts, 200 symbols (skewed towards the first ones), 2,000 parent
//! algos, a window of 10,000 live orders; each order lives one of these
//! lifecycles — acked then filled in 1 to 5 fills; cancelled (sometimes after a
//! partial fill); a cancel racing a partial fill, or a final fill (the cancel is
//! then refused), or a late fill after the cancel; expired; rejected by the feed
//! or failed by the REST answer; filled before its ack; placed in doubt (timeout)
//! then acked. 2 % of feed events are delivered twice and 1 % arrive stale (an
//! ack re-delivered after the order moved on), each after a random delay; every
//! 50 steps a query (live orders of a symbol, a sub-account's or a parent's
//! orders, a lookup by client or exchange id) and every 1,000 steps a cleanup of
//! orders closed more than 30 s before. One step is one millisecond.
//!
//! Reported as nanoseconds per operation (registrations, engine requests, feed
//! events, queries and cleanups all count as one). After the criterion runs the
//! two are timed back to back and the ratio is printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod support;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, FailReason, NewOrder,
    OrderKey, OrderTracker, Outcome, ParentId, SubAccountId, Symbol, TrackError,
};
use support::{ONE, Rng, T0, clock, clock_name};

const WINDOW: usize = 10_000;
const SUB_ACCOUNTS: usize = 64;
const SYMBOLS: usize = 200;
const PARENTS: usize = 2_000;
/// Operations in the run (a `cargo test --benches` smoke run uses fewer).
const OPS: usize = 300_000;
const SMOKE_OPS: usize = 20_000;
const QUERY_EVERY: u64 = 50;
const CLEANUP_EVERY: u64 = 1_000;
const MAX_AGE_MS: u64 = 30_000;
const DUPLICATE_RATE: f64 = 0.02;
const STALE_RATE: f64 = 0.01;
const MAX_DELAY: usize = 512;

/// One operation of the run, as the engine performs it on `ordertrack`.
#[derive(Debug, Clone)]
enum Op {
    /// The engine makes an order (`AnyOrder::new` + `register`).
    Register(NewOrder),
    /// Engine requests, by the order's sequence number.
    Place(u32, u64),
    Cancel(u32, u64),
    PlaceFailed(u32, u64),
    PlaceInDoubt(u32, u64),
    CancelRejected(u32, u64),
    /// A feed event.
    Report(ExecutionReport),
    ActiveBySymbol(Symbol),
    BySubAccount(SubAccountId),
    ByParent(ParentId),
    LookupClient(ClientOrderId),
    LookupExchange(Symbol, ExchangeOrderId),
    Cleanup(u64),
}

/// What happens next to an order, in its script.
#[derive(Debug, Clone, Copy)]
enum Ev {
    Ack,
    Trade { units: i64 },
    Cancel,
    Canceled { cumulative: i64 },
    Expired,
    Rejected,
    PlaceFailed,
    InDoubt,
    CancelRejected,
}

#[derive(Debug)]
struct Script {
    seq: u32,
    spec: NewOrder,
    exchange_id: ExchangeOrderId,
    /// Remaining events, last first (popped from the back).
    events: Vec<Ev>,
    /// Sum of the trades sent so far.
    seen: i64,
    /// The exchange's cumulative filled quantity so far.
    cumulative: i64,
    ack: Option<ExecutionReport>,
}

struct Generator {
    target: usize,
    rng: Rng,
    subs: Vec<SubAccountId>,
    symbols: Vec<Symbol>,
    parents: Vec<ParentId>,
    step: u64,
    seq: u32,
    trade_id: u64,
    live: Vec<Script>,
    delayed: Vec<Vec<ExecutionReport>>,
    ops: Vec<Op>,
}

impl Generator {
    fn new(seed: u64, target: usize) -> Self {
        Self {
            target,
            rng: Rng::new(seed),
            subs: support::sub_accounts(SUB_ACCOUNTS),
            symbols: support::symbols(SYMBOLS),
            parents: support::parents(PARENTS),
            step: 0,
            seq: 0,
            trade_id: 1,
            live: Vec::with_capacity(WINDOW),
            delayed: vec![Vec::new(); MAX_DELAY + 1],
            ops: Vec::with_capacity(target + 16),
        }
    }

    fn now(&self) -> u64 {
        T0 + self.step
    }

    /// A symbol, the first ones far busier than the last.
    fn symbol(&mut self) -> Symbol {
        let u = self.rng.unit();
        self.symbols[(u * u * SYMBOLS as f64) as usize]
    }

    fn script(&mut self, partial: i64) -> Vec<Ev> {
        let rest = ONE - partial;
        let roll = self.rng.below(100);
        let mut events = match roll {
            0..53 => {
                let fills = [1, 1, 2, 2, 3, 3, 4, 5][self.rng.below(8)];
                let mut events = vec![Ev::Ack];
                let piece = ONE / fills;
                for _ in 1..fills {
                    events.push(Ev::Trade { units: piece });
                }
                events.push(Ev::Trade {
                    units: ONE - piece * (fills - 1),
                });
                events
            }
            53..68 => {
                if self.rng.chance(0.3) {
                    vec![
                        Ev::Ack,
                        Ev::Trade { units: partial },
                        Ev::Cancel,
                        Ev::Canceled {
                            cumulative: partial,
                        },
                    ]
                } else {
                    vec![Ev::Ack, Ev::Cancel, Ev::Canceled { cumulative: 0 }]
                }
            }
            // A cancel racing a partial fill: the fill lands while Cancelling.
            68..76 => vec![
                Ev::Ack,
                Ev::Cancel,
                Ev::Trade { units: partial },
                Ev::Canceled {
                    cumulative: partial,
                },
            ],
            // A cancel racing the final fill: filled while Cancelling, then the
            // exchange refuses the cancel (unknown order) — a typed error.
            76..80 => vec![
                Ev::Ack,
                Ev::Cancel,
                Ev::Trade { units: ONE },
                Ev::CancelRejected,
            ],
            // The CANCELED reports a fill whose trade event arrives after it.
            80..83 => vec![
                Ev::Ack,
                Ev::Cancel,
                Ev::Canceled {
                    cumulative: partial,
                },
                Ev::Trade { units: partial },
            ],
            83..90 => {
                if self.rng.chance(0.3) {
                    vec![Ev::Ack, Ev::Trade { units: partial }, Ev::Expired]
                } else {
                    vec![Ev::Ack, Ev::Expired]
                }
            }
            90..93 => {
                if self.rng.chance(0.5) {
                    vec![Ev::Rejected]
                } else {
                    vec![Ev::PlaceFailed]
                }
            }
            // A fill before the ack: the ack then arrives stale.
            93..98 => vec![
                Ev::Trade { units: partial },
                Ev::Ack,
                Ev::Trade { units: rest },
            ],
            _ => vec![Ev::InDoubt, Ev::Ack, Ev::Trade { units: ONE }],
        };
        events.reverse();
        events
    }

    fn create(&mut self) {
        let seq = self.seq;
        self.seq += 1;
        let sub = self.subs[self.rng.below(SUB_ACCOUNTS)];
        let symbol = self.symbol();
        let parent = self
            .rng
            .chance(0.4)
            .then(|| self.parents[self.rng.below(PARENTS)]);
        let spec = support::spec(u64::from(seq), sub, symbol, parent, self.now());
        let partial = ONE / 4 * (1 + self.rng.below(3) as i64);
        let events = self.script(partial);
        self.ops.push(Op::Register(spec));
        self.ops.push(Op::Place(seq, self.now()));
        self.live.push(Script {
            seq,
            spec,
            exchange_id: ExchangeOrderId(9_000_000_000 + u64::from(seq)),
            events,
            seen: 0,
            cumulative: 0,
            ack: None,
        });
    }

    fn feed(&mut self, report: ExecutionReport, ack: Option<ExecutionReport>) {
        if self.rng.chance(DUPLICATE_RATE) {
            self.delay(report);
        }
        if let Some(ack) = ack
            && self.rng.chance(STALE_RATE)
        {
            self.delay(ack);
        }
        self.ops.push(Op::Report(report));
    }

    fn delay(&mut self, report: ExecutionReport) {
        let due = (self.step as usize + 1 + self.rng.below(MAX_DELAY)) % (MAX_DELAY + 1);
        self.delayed[due].push(report);
    }

    fn advance(&mut self) {
        let i = self.rng.below(self.live.len());
        let now = self.now();
        let script = &mut self.live[i];
        let Some(ev) = script.events.pop() else {
            self.live.swap_remove(i);
            return;
        };
        let (seq, spec, id) = (script.seq, script.spec, script.exchange_id);
        let prior_ack = script.ack;
        match ev {
            Ev::Ack => {
                let report = support::ack(&spec, id, now);
                script.ack = Some(report);
                self.feed(report, None);
            }
            Ev::Trade { units } => {
                script.seen += units;
                script.cumulative = script.cumulative.max(script.seen);
                let cumulative = script.cumulative;
                let trade_id = self.trade_id;
                self.trade_id += 1;
                let report = support::trade(&spec, id, trade_id, units, cumulative, now);
                self.feed(report, prior_ack);
            }
            Ev::Cancel => self.ops.push(Op::Cancel(seq, now)),
            Ev::Canceled { cumulative } => {
                script.cumulative = script.cumulative.max(cumulative);
                let report = support::canceled(&spec, Some(id), cumulative, now);
                self.feed(report, prior_ack);
            }
            Ev::Expired => {
                let report = support::expired(&spec, id, script.cumulative, now);
                self.feed(report, prior_ack);
            }
            Ev::Rejected => {
                let report = support::rejected(&spec, now);
                self.feed(report, None);
            }
            Ev::PlaceFailed => self.ops.push(Op::PlaceFailed(seq, now)),
            Ev::InDoubt => self.ops.push(Op::PlaceInDoubt(seq, now)),
            Ev::CancelRejected => self.ops.push(Op::CancelRejected(seq, now)),
        }
    }

    fn query(&mut self) {
        let op = match (self.step / QUERY_EVERY) % 5 {
            0 => Op::ActiveBySymbol(self.symbol()),
            1 => Op::BySubAccount(self.subs[self.rng.below(SUB_ACCOUNTS)]),
            2 => Op::ByParent(self.parents[self.rng.below(PARENTS)]),
            3 => {
                let script = &self.live[self.rng.below(self.live.len())];
                Op::LookupClient(script.spec.client_id)
            }
            _ => {
                let script = &self.live[self.rng.below(self.live.len())];
                Op::LookupExchange(script.spec.symbol, script.exchange_id)
            }
        };
        self.ops.push(op);
    }

    fn run(mut self) -> Vec<Op> {
        while self.ops.len() < self.target {
            self.step += 1;
            let due = std::mem::take(&mut self.delayed[self.step as usize % (MAX_DELAY + 1)]);
            self.ops.extend(due.into_iter().map(Op::Report));
            if self.step.is_multiple_of(CLEANUP_EVERY) {
                self.ops.push(Op::Cleanup(self.now()));
            }
            if self.step.is_multiple_of(QUERY_EVERY) && !self.live.is_empty() {
                self.query();
            }
            if self.live.len() < WINDOW && (self.live.is_empty() || self.rng.chance(0.5)) {
                self.create();
            } else {
                self.advance();
            }
        }
        self.ops
    }
}

/// What one operation did, for the tally of the verification pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Did {
    Done,
    Applied(&'static str),
    Unknown,
    Refused,
}

fn applied_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::Acknowledged => "acknowledged",
        Applied::PartiallyFilled(_) => "partially filled",
        Applied::Filled(_) => "filled",
        Applied::LateFill(_) => "late fill",
        Applied::Cancelled(_) => "cancelled",
        Applied::Expired(_) => "expired",
        Applied::Failed(_) => "failed",
        Applied::Amended => "amended",
        Applied::Duplicate => "duplicate (ignored)",
        Applied::Stale => "stale (ignored)",
    }
}

fn request(result: Result<(), TrackError>) -> Did {
    if result.is_ok() {
        Did::Done
    } else {
        Did::Refused
    }
}

/// Runs one operation on `ordertrack`.
#[inline]
fn step(tracker: &mut OrderTracker, keys: &mut Vec<OrderKey>, op: &Op) -> Did {
    let key = |seq: &u32| keys[*seq as usize];
    match op {
        Op::Register(spec) => {
            let order = AnyOrder::new(*spec).expect("valid order");
            keys.push(tracker.register(order).expect("new client id"));
            Did::Done
        }
        Op::Place(seq, now) => request(tracker.place(key(seq), *now)),
        Op::Cancel(seq, now) => request(tracker.cancel(key(seq), *now)),
        Op::PlaceFailed(seq, now) => {
            request(tracker.place_failed(key(seq), FailReason::ExchangeError { code: -2019 }, *now))
        }
        Op::PlaceInDoubt(seq, now) => request(tracker.place_in_doubt(key(seq), *now)),
        Op::CancelRejected(seq, now) => request(tracker.cancel_rejected(key(seq), *now)),
        Op::Report(report) => match tracker.apply(report) {
            Ok(Outcome::Applied { applied, .. }) => Did::Applied(applied_name(&applied)),
            Ok(Outcome::Unknown(_)) => Did::Unknown,
            Err(_) => Did::Refused,
        },
        Op::ActiveBySymbol(symbol) => {
            let open: i64 = tracker
                .active_by_symbol(symbol)
                .map(|(_, o)| o.quantity().units() - o.filled_qty().units())
                .sum();
            black_box(open);
            Did::Done
        }
        Op::BySubAccount(sub) => {
            let total: i64 = tracker
                .by_sub_account(sub)
                .map(|(_, o)| o.quantity().units())
                .sum();
            black_box(total);
            Did::Done
        }
        Op::ByParent(parent) => {
            let filled: i64 = tracker
                .by_parent(parent)
                .map(|(_, o)| o.filled_qty().units())
                .sum();
            black_box(filled);
            Did::Done
        }
        Op::LookupClient(id) => {
            black_box(tracker.lookup_client(id).map(|(k, _)| k));
            Did::Done
        }
        Op::LookupExchange(symbol, id) => {
            black_box(tracker.lookup_exchange(symbol, *id).map(|(k, _)| k));
            Did::Done
        }
        Op::Cleanup(now) => {
            black_box(tracker.cleanup_terminal(*now, std::time::Duration::from_millis(MAX_AGE_MS)));
            Did::Done
        }
    }
}

/// One timed pass of the run on `ordertrack`; returns the time and the tracker.
fn pass_ours(ops: &[Op], orders: usize) -> (Duration, OrderTracker) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::with_capacity(orders);
    let start = clock();
    for op in ops {
        black_box(step(&mut tracker, &mut keys, op));
    }
    (clock() - start, tracker)
}

/// The seed's `OrderTracker`, ported as directly as Rust allows: `String` keys,
/// std `HashMap`/`HashSet` with the default (SipHash) hasher, `f64` quantities,
/// `Vec` query results, a linear scan for cleanup. Its states, sides and origins
/// are `&'static str` (no allocation per transition): the port is direct, not a
/// straw man. It does less than `ordertrack` (no duplicate detection, no
/// transition checks).
mod naive {
    use std::collections::{HashMap, HashSet};

    /// The seed's `OrderState`, every field kept (some only ever written, as in
    /// the seed) so that it weighs what the seed's does.
    #[allow(dead_code)]
    #[derive(Debug, Clone)]
    pub(crate) struct OrderState {
        pub(crate) client_order_id: String,
        pub(crate) sub_account_id: String,
        pub(crate) exchange_order_id: Option<String>,
        pub(crate) symbol: String,
        pub(crate) side: &'static str,
        pub(crate) order_type: &'static str,
        pub(crate) quantity: f64,
        pub(crate) price: Option<f64>,
        pub(crate) reduce_only: bool,
        pub(crate) state: &'static str,
        pub(crate) filled_qty: f64,
        pub(crate) avg_fill_price: f64,
        pub(crate) last_fill_price: f64,
        pub(crate) last_fill_qty: f64,
        pub(crate) origin: &'static str,
        pub(crate) parent_id: Option<String>,
        pub(crate) leverage: u16,
        pub(crate) created_at: u64,
        pub(crate) updated_at: u64,
    }

    /// A feed event as the seed's engine would see it: strings and floats.
    #[allow(dead_code)]
    #[derive(Debug, Clone)]
    pub(crate) struct Report {
        pub(crate) client_order_id: Option<String>,
        pub(crate) exchange_order_id: Option<String>,
        pub(crate) symbol: String,
        pub(crate) execution: &'static str,
        pub(crate) status: &'static str,
        pub(crate) trade_id: Option<u64>,
        pub(crate) last_qty: f64,
        pub(crate) last_price: f64,
        pub(crate) cumulative_qty: f64,
        pub(crate) transaction_time: u64,
    }

    const LIVE: [&str; 3] = ["placing", "active", "cancelling"];
    const TERMINAL: [&str; 4] = ["filled", "cancelled", "expired", "failed"];

    fn insert_into(index: &mut HashMap<String, HashSet<String>>, key: &str, id: &str) {
        if let Some(set) = index.get_mut(key) {
            set.insert(id.to_owned());
        } else {
            index.insert(key.to_owned(), HashSet::from([id.to_owned()]));
        }
    }

    fn remove_from(index: &mut HashMap<String, HashSet<String>>, key: &str, id: &str) {
        if let Some(set) = index.get_mut(key) {
            set.remove(id);
            if set.is_empty() {
                index.remove(key);
            }
        }
    }

    #[derive(Debug, Default)]
    pub(crate) struct OrderTracker {
        by_client_id: HashMap<String, OrderState>,
        by_exchange_id: HashMap<String, String>,
        by_sub_account: HashMap<String, HashSet<String>>,
        by_symbol: HashMap<String, HashSet<String>>,
        by_parent: HashMap<String, HashSet<String>>,
    }

    impl OrderTracker {
        pub(crate) fn len(&self) -> usize {
            self.by_client_id.len()
        }

        pub(crate) fn register(&mut self, order: OrderState) {
            let id = order.client_order_id.clone();
            if let Some(exchange_id) = &order.exchange_order_id {
                self.by_exchange_id.insert(exchange_id.clone(), id.clone());
            }
            insert_into(&mut self.by_sub_account, &order.sub_account_id, &id);
            insert_into(&mut self.by_symbol, &order.symbol, &id);
            if let Some(parent) = &order.parent_id {
                insert_into(&mut self.by_parent, parent, &id);
            }
            self.by_client_id.insert(id, order);
        }

        pub(crate) fn unregister(&mut self, client_order_id: &str) -> Option<OrderState> {
            let order = self.by_client_id.remove(client_order_id)?;
            if let Some(exchange_id) = &order.exchange_order_id {
                self.by_exchange_id.remove(exchange_id);
            }
            remove_from(
                &mut self.by_sub_account,
                &order.sub_account_id,
                client_order_id,
            );
            remove_from(&mut self.by_symbol, &order.symbol, client_order_id);
            if let Some(parent) = &order.parent_id {
                remove_from(&mut self.by_parent, parent, client_order_id);
            }
            Some(order)
        }

        pub(crate) fn lookup(
            &self,
            exchange_order_id: Option<&str>,
            client_order_id: Option<&str>,
        ) -> Option<&OrderState> {
            if let Some(order) = client_order_id.and_then(|c| self.by_client_id.get(c)) {
                return Some(order);
            }
            let client = self.by_exchange_id.get(exchange_order_id?)?;
            self.by_client_id.get(client)
        }

        fn lookup_id(&self, report: &Report) -> Option<String> {
            self.lookup(
                report.exchange_order_id.as_deref(),
                report.client_order_id.as_deref(),
            )
            .map(|o| o.client_order_id.clone())
        }

        fn orders_of<'a>(&'a self, ids: Option<&'a HashSet<String>>) -> Vec<&'a OrderState> {
            ids.into_iter()
                .flatten()
                .filter_map(|id| self.by_client_id.get(id))
                .collect()
        }

        pub(crate) fn get_by_sub_account(&self, sub_account_id: &str) -> Vec<&OrderState> {
            self.orders_of(self.by_sub_account.get(sub_account_id))
        }

        pub(crate) fn get_active_by_symbol(&self, symbol: &str) -> Vec<&OrderState> {
            let mut orders = self.orders_of(self.by_symbol.get(symbol));
            orders.retain(|o| LIVE.contains(&o.state));
            orders
        }

        pub(crate) fn get_by_parent(&self, parent_id: &str) -> Vec<&OrderState> {
            self.orders_of(self.by_parent.get(parent_id))
        }

        pub(crate) fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
            let old: Vec<String> = self
                .by_client_id
                .values()
                .filter(|o| {
                    TERMINAL.contains(&o.state) && now.saturating_sub(o.updated_at) > max_age
                })
                .map(|o| o.client_order_id.clone())
                .collect();
            for id in &old {
                self.unregister(id);
            }
            old.len()
        }

        fn transition(&mut self, id: &str, from: &[&str], to: &'static str, now: u64) -> bool {
            match self.by_client_id.get_mut(id) {
                Some(order) if from.contains(&order.state) => {
                    order.state = to;
                    order.updated_at = now;
                    true
                }
                _ => false,
            }
        }

        pub(crate) fn place(&mut self, id: &str, now: u64) -> bool {
            self.transition(id, &["idle"], "placing", now)
        }

        pub(crate) fn cancel(&mut self, id: &str, now: u64) -> bool {
            self.transition(id, &["placing", "active"], "cancelling", now)
        }

        pub(crate) fn place_failed(&mut self, id: &str, now: u64) -> bool {
            self.transition(id, &["placing", "cancelling"], "failed", now)
        }

        pub(crate) fn place_in_doubt(&mut self, id: &str, now: u64) -> bool {
            self.transition(id, &["placing"], "placing", now)
        }

        pub(crate) fn cancel_rejected(&mut self, id: &str, now: u64) -> bool {
            match self.by_client_id.get_mut(id) {
                Some(order) if order.state == "cancelling" => {
                    order.state = if order.exchange_order_id.is_some() {
                        "active"
                    } else {
                        "placing"
                    };
                    order.updated_at = now;
                    true
                }
                _ => false,
            }
        }

        /// The seed's feed handling: find the order, then update its fields.
        pub(crate) fn apply(&mut self, report: &Report) -> &'static str {
            let Some(id) = self.lookup_id(report) else {
                return "unknown";
            };
            let Some(order) = self.by_client_id.get_mut(&id) else {
                return "unknown";
            };
            if order.exchange_order_id.is_none()
                && let Some(exchange_id) = &report.exchange_order_id
            {
                order.exchange_order_id = Some(exchange_id.clone());
                self.by_exchange_id.insert(exchange_id.clone(), id.clone());
            }
            let terminal = TERMINAL.contains(&order.state);
            order.updated_at = report.transaction_time;
            match report.execution {
                "NEW" if order.state == "placing" => {
                    order.state = "active";
                    "acknowledged"
                }
                "TRADE" | "CALCULATED" => {
                    let before = order.filled_qty;
                    order.filled_qty += report.last_qty;
                    order.avg_fill_price = (order.avg_fill_price * before
                        + report.last_price * report.last_qty)
                        / order.filled_qty;
                    order.last_fill_price = report.last_price;
                    order.last_fill_qty = report.last_qty;
                    if terminal {
                        "late fill"
                    } else if report.status == "FILLED" {
                        order.state = "filled";
                        "filled"
                    } else {
                        if order.state == "placing" {
                            order.state = "active";
                        }
                        "partially filled"
                    }
                }
                "CANCELED" if !terminal => {
                    order.state = "cancelled";
                    "cancelled"
                }
                "EXPIRED" if !terminal => {
                    order.state = "expired";
                    "expired"
                }
                "REJECTED" if order.state == "placing" || order.state == "cancelling" => {
                    order.state = "failed";
                    "failed"
                }
                _ => "stale (ignored)",
            }
        }
    }
}

/// The run as the naive engine performs it.
#[derive(Debug, Clone)]
enum NaiveOp {
    Register(u32),
    Place(u32, u64),
    Cancel(u32, u64),
    PlaceFailed(u32, u64),
    PlaceInDoubt(u32, u64),
    CancelRejected(u32, u64),
    Report(naive::Report),
    ActiveBySymbol(String),
    BySubAccount(String),
    ByParent(String),
    LookupClient(String),
    LookupExchange(String),
    Cleanup(u64),
}

fn units_f64(units: i64) -> f64 {
    units as f64 / ONE as f64
}

fn naive_order(spec: &NewOrder) -> naive::OrderState {
    naive::OrderState {
        client_order_id: spec.client_id.to_string(),
        sub_account_id: spec.sub_account.to_string(),
        exchange_order_id: None,
        symbol: spec.symbol.to_string(),
        side: spec.side.as_str(),
        order_type: spec.order_type.as_str(),
        quantity: units_f64(spec.quantity.units()),
        price: spec.price.map(|p| units_f64(p.units())),
        reduce_only: spec.reduce_only,
        state: "idle",
        filled_qty: 0.0,
        avg_fill_price: 0.0,
        last_fill_price: 0.0,
        last_fill_qty: 0.0,
        origin: spec.origin.map_or("UNKNOWN", ordertrack::Origin::name),
        parent_id: spec.parent.map(|p| p.to_string()),
        leverage: spec.leverage,
        created_at: spec.created_at,
        updated_at: spec.created_at,
    }
}

fn naive_report(report: &ExecutionReport) -> naive::Report {
    naive::Report {
        client_order_id: report.client_id.map(|c| c.to_string()),
        exchange_order_id: report.exchange_id.map(|e| e.to_string()),
        symbol: report.symbol.to_string(),
        execution: report.execution.as_str(),
        status: report.status.as_str(),
        trade_id: report.fill.map(|f| f.trade_id.0),
        last_qty: report.fill.map_or(0.0, |f| units_f64(f.qty.units())),
        last_price: report.fill.map_or(0.0, |f| units_f64(f.price.units())),
        cumulative_qty: units_f64(report.cumulative_qty.map_or(0, ordertrack::Qty::units)),
        transaction_time: report.transaction_time,
    }
}

/// The same run for the naive engine: its orders (by sequence number), their
/// client ids, and its operations.
struct NaiveRun {
    orders: Vec<naive::OrderState>,
    client_ids: Vec<String>,
    ops: Vec<NaiveOp>,
}

fn naive_run(ops: &[Op]) -> NaiveRun {
    let mut orders = Vec::new();
    let mut naive_ops = Vec::with_capacity(ops.len());
    for op in ops {
        naive_ops.push(match op {
            Op::Register(spec) => {
                orders.push(naive_order(spec));
                NaiveOp::Register(u32::try_from(orders.len() - 1).unwrap())
            }
            Op::Place(s, t) => NaiveOp::Place(*s, *t),
            Op::Cancel(s, t) => NaiveOp::Cancel(*s, *t),
            Op::PlaceFailed(s, t) => NaiveOp::PlaceFailed(*s, *t),
            Op::PlaceInDoubt(s, t) => NaiveOp::PlaceInDoubt(*s, *t),
            Op::CancelRejected(s, t) => NaiveOp::CancelRejected(*s, *t),
            Op::Report(r) => NaiveOp::Report(naive_report(r)),
            Op::ActiveBySymbol(s) => NaiveOp::ActiveBySymbol(s.to_string()),
            Op::BySubAccount(s) => NaiveOp::BySubAccount(s.to_string()),
            Op::ByParent(p) => NaiveOp::ByParent(p.to_string()),
            Op::LookupClient(c) => NaiveOp::LookupClient(c.to_string()),
            Op::LookupExchange(_, e) => NaiveOp::LookupExchange(e.to_string()),
            Op::Cleanup(t) => NaiveOp::Cleanup(*t),
        });
    }
    let client_ids = orders.iter().map(|o| o.client_order_id.clone()).collect();
    NaiveRun {
        orders,
        client_ids,
        ops: naive_ops,
    }
}

fn naive_did(done: bool) -> Did {
    if done { Did::Done } else { Did::Refused }
}

#[inline]
fn naive_step(
    tracker: &mut naive::OrderTracker,
    orders: &mut [Option<naive::OrderState>],
    ids: &[String],
    op: &NaiveOp,
) -> Did {
    let id = |seq: &u32| ids[*seq as usize].as_str();
    match op {
        NaiveOp::Register(seq) => {
            tracker.register(orders[*seq as usize].take().expect("registered once"));
            Did::Done
        }
        NaiveOp::Place(s, t) => naive_did(tracker.place(id(s), *t)),
        NaiveOp::Cancel(s, t) => naive_did(tracker.cancel(id(s), *t)),
        NaiveOp::PlaceFailed(s, t) => naive_did(tracker.place_failed(id(s), *t)),
        NaiveOp::PlaceInDoubt(s, t) => naive_did(tracker.place_in_doubt(id(s), *t)),
        NaiveOp::CancelRejected(s, t) => naive_did(tracker.cancel_rejected(id(s), *t)),
        NaiveOp::Report(report) => match tracker.apply(report) {
            "unknown" => Did::Unknown,
            name => Did::Applied(name),
        },
        NaiveOp::ActiveBySymbol(symbol) => {
            let open: f64 = tracker
                .get_active_by_symbol(symbol)
                .iter()
                .map(|o| o.quantity - o.filled_qty)
                .sum();
            black_box(open);
            Did::Done
        }
        NaiveOp::BySubAccount(sub) => {
            let total: f64 = tracker
                .get_by_sub_account(sub)
                .iter()
                .map(|o| o.quantity)
                .sum();
            black_box(total);
            Did::Done
        }
        NaiveOp::ByParent(parent) => {
            let filled: f64 = tracker
                .get_by_parent(parent)
                .iter()
                .map(|o| o.filled_qty)
                .sum();
            black_box(filled);
            Did::Done
        }
        NaiveOp::LookupClient(client) => {
            black_box(tracker.lookup(None, Some(client)).map(|o| o.leverage));
            Did::Done
        }
        NaiveOp::LookupExchange(exchange) => {
            black_box(tracker.lookup(Some(exchange), None).map(|o| o.leverage));
            Did::Done
        }
        NaiveOp::Cleanup(now) => {
            black_box(tracker.cleanup_terminal(*now, MAX_AGE_MS));
            Did::Done
        }
    }
}

/// One timed pass of the run on the naive tracker. Its orders are cloned before
/// the clock starts; the tracker is dropped after it stops.
fn pass_naive(run: &NaiveRun) -> (Duration, naive::OrderTracker) {
    let mut orders: Vec<Option<naive::OrderState>> = run.orders.iter().cloned().map(Some).collect();
    let mut tracker = naive::OrderTracker::default();
    let start = clock();
    for op in &run.ops {
        black_box(naive_step(&mut tracker, &mut orders, &run.client_ids, op));
    }
    let elapsed = clock() - start;
    drop(orders);
    (elapsed, tracker)
}

/// Runs passes until `iters` operations are done; returns time scaled to `iters`.
fn time_passes(iters: u64, ops: usize, mut pass: impl FnMut() -> Duration) -> Duration {
    let passes = iters.div_ceil(ops as u64).max(1);
    let mut total = Duration::ZERO;
    for _ in 0..passes {
        total += pass();
    }
    total.mul_f64(iters as f64 / (passes * ops as u64) as f64)
}

/// One untimed pass of each, tallying what every operation did: checks the run
/// exercises what it claims, and that `ordertrack` stays consistent.
fn verify(ops: &[Op], naive: &NaiveRun) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::new();
    let mut ours: BTreeMap<Did, usize> = BTreeMap::new();
    for op in ops {
        *ours.entry(step(&mut tracker, &mut keys, op)).or_default() += 1;
    }
    tracker
        .check_invariants()
        .expect("ordertrack consistent after the run");
    let mut naive_tracker = naive::OrderTracker::default();
    let mut orders: Vec<Option<naive::OrderState>> =
        naive.orders.iter().cloned().map(Some).collect();
    let mut theirs: BTreeMap<Did, usize> = BTreeMap::new();
    for op in &naive.ops {
        let did = naive_step(&mut naive_tracker, &mut orders, &naive.client_ids, op);
        *theirs.entry(did).or_default() += 1;
    }
    let reports = ops.iter().filter(|op| matches!(op, Op::Report(_))).count();
    eprintln!(
        "workload: {} operations ({} orders, {reports} feed events); \
         tracked at the end: ordertrack {}, naive {}",
        ops.len(),
        keys.len(),
        tracker.len(),
        naive_tracker.len()
    );
    eprintln!("  ordertrack outcomes: {ours:?}");
    eprintln!("  naive outcomes:      {theirs:?}");
}

/// The kind of an operation, for the per-kind time breakdown.
fn kind(op: &Op) -> &'static str {
    match op {
        Op::Register(_) => "register",
        Op::Place(..)
        | Op::Cancel(..)
        | Op::PlaceFailed(..)
        | Op::PlaceInDoubt(..)
        | Op::CancelRejected(..) => "engine request",
        Op::Report(_) => "feed event",
        Op::ActiveBySymbol(_) => "query active_by_symbol",
        Op::BySubAccount(_) => "query by_sub_account",
        Op::ByParent(_) => "query by_parent",
        Op::LookupClient(_) | Op::LookupExchange(..) => "lookup",
        Op::Cleanup(_) => "cleanup",
    }
}

/// One more pass of each, timing every operation (wall clock, so only
/// indicative): where the time goes, by kind of operation.
fn breakdown(ops: &[Op], naive: &NaiveRun, orders: usize) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::with_capacity(orders);
    let mut naive_tracker = naive::OrderTracker::default();
    let mut naive_orders: Vec<Option<naive::OrderState>> =
        naive.orders.iter().cloned().map(Some).collect();
    let mut table: BTreeMap<&'static str, (usize, Duration, Duration)> = BTreeMap::new();
    for (op, naive_op) in ops.iter().zip(&naive.ops) {
        let start = std::time::Instant::now();
        black_box(step(&mut tracker, &mut keys, op));
        let ours = start.elapsed();
        let start = std::time::Instant::now();
        black_box(naive_step(
            &mut naive_tracker,
            &mut naive_orders,
            &naive.client_ids,
            naive_op,
        ));
        let theirs = start.elapsed();
        let row = table.entry(kind(op)).or_default();
        row.0 += 1;
        row.1 += ours;
        row.2 += theirs;
    }
    eprintln!("workload breakdown (share of the run's time; mean ns per operation of the kind):");
    let (all_ours, all_theirs) = table.values().fold((0.0, 0.0), |(a, b), r| {
        (a + r.1.as_secs_f64(), b + r.2.as_secs_f64())
    });
    for (kind, (count, ours, theirs)) in &table {
        eprintln!(
            "  {kind:<24} {count:>7} ops | ordertrack {:>5.1} % {:>9.0} ns | naive {:>5.1} % {:>9.0} ns | {:>5.1}x",
            100.0 * ours.as_secs_f64() / all_ours,
            ours.as_nanos() as f64 / *count as f64,
            100.0 * theirs.as_secs_f64() / all_theirs,
            theirs.as_nanos() as f64 / *count as f64,
            theirs.as_secs_f64() / ours.as_secs_f64(),
        );
    }
}

fn workload(c: &mut Criterion) {
    let target = if support::benchmarking() {
        OPS
    } else {
        SMOKE_OPS
    };
    let ops = Generator::new(2024, target).run();
    let orders = ops
        .iter()
        .filter(|op| matches!(op, Op::Register(_)))
        .count();
    let naive = naive_run(&ops);
    verify(&ops, &naive);

    let mut g = c.benchmark_group("workload");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("ordertrack", |b| {
        b.iter_custom(|iters| time_passes(iters, ops.len(), || pass_ours(&ops, orders).0));
    });
    g.bench_function("naive_baseline", |b| {
        b.iter_custom(|iters| time_passes(iters, naive.ops.len(), || pass_naive(&naive).0));
    });
    g.finish();

    if support::benchmarking() {
        breakdown(&ops, &naive, orders);
        // Back to back, alternating, five passes each: the median ns/op and the ratio.
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..5 {
            ours.push(pass_ours(&ops, orders).0.as_nanos() as f64 / ops.len() as f64);
            theirs.push(pass_naive(&naive).0.as_nanos() as f64 / naive.ops.len() as f64);
        }
        ours.sort_by(f64::total_cmp);
        theirs.sort_by(f64::total_cmp);
        let (ours, theirs) = (ours[2], theirs[2]);
        println!(
            "workload ({}): ordertrack {ours:.1} ns/op, naive baseline {theirs:.1} ns/op: \
             ordertrack is {:.1}x faster (target: at least 20x)",
            clock_name(),
            theirs / ours
        );
    }
}

criterion_group!(benches, workload);
criterion_main!(benches);
