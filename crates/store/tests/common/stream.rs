//! A deterministic stream of tracker operations (seeded): registrations (in
//! any state), placements, acks, fills (duplicates among them, some routed by
//! exchange id), cancels and their rejections, failures, conditional orders
//! through the algo service (close-position ones too), unknown orders and
//! cleanups. The generator runs each step on a tracker to choose the next
//! one, so most steps apply; a few are refused, as a real feed's would be.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ordertrack::*;
use ordertrack_store::{Store, StoreError};

/// One operation, by client id.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    Register(AnyOrder),
    Place(ClientOrderId, u64),
    Cancel(ClientOrderId, u64),
    PlaceFailed(ClientOrderId, FailReason, u64),
    PlaceInDoubt(ClientOrderId, u64),
    CancelRejected(ClientOrderId, u64),
    Apply(ExecutionReport),
    Cleanup(u64, Duration),
}

fn key(tracker: &OrderTracker, c: &ClientOrderId) -> Result<OrderKey, TrackError> {
    tracker
        .lookup_client(c)
        .map(|(k, _)| k)
        .ok_or(TrackError::UnknownClientId { client_id: *c })
}

impl Step {
    /// The step on a bare tracker (the uninterrupted reference run); whether
    /// the tracker accepted it.
    pub(crate) fn run(&self, t: &mut OrderTracker) -> bool {
        let r = match self {
            Self::Register(o) => t.register(o.clone()).map(drop),
            Self::Place(c, n) => key(t, c).and_then(|k| t.place(k, *n)),
            Self::Cancel(c, n) => key(t, c).and_then(|k| t.cancel(k, *n)),
            Self::PlaceFailed(c, r, n) => key(t, c).and_then(|k| t.place_failed(k, *r, *n)),
            Self::PlaceInDoubt(c, n) => key(t, c).and_then(|k| t.place_in_doubt(k, *n)),
            Self::CancelRejected(c, n) => key(t, c).and_then(|k| t.cancel_rejected(k, *n)),
            Self::Apply(r) => t.apply(r).map(drop),
            Self::Cleanup(n, age) => {
                t.cleanup_terminal(*n, *age);
                Ok(())
            }
        };
        r.is_ok()
    }

    /// The step through a store; a refusal is `Ok(false)`, any other error
    /// is returned.
    pub(crate) fn run_store(&self, s: &mut Store) -> Result<bool, StoreError> {
        let r = match self {
            Self::Register(o) => s.register(o.clone()).map(drop),
            Self::Place(c, n) => s.place(c, *n).map(drop),
            Self::Cancel(c, n) => s.cancel(c, *n).map(drop),
            Self::PlaceFailed(c, r, n) => s.place_failed(c, *r, *n).map(drop),
            Self::PlaceInDoubt(c, n) => s.place_in_doubt(c, *n).map(drop),
            Self::CancelRejected(c, n) => s.cancel_rejected(c, *n).map(drop),
            Self::Apply(r) => s.apply(r).map(drop),
            Self::Cleanup(n, age) => s.cleanup_terminal(*n, *age).map(drop),
        };
        match r {
            Ok(()) => Ok(true),
            Err(StoreError::Refused(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// splitmix64: small, seeded, the same on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` %.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Gen {
    rng: Rng,
    tracker: OrderTracker,
    now: u64,
    ids: Vec<ClientOrderId>,
    next: u64,
    last_fill: Option<ExecutionReport>,
    steps: Vec<Step>,
}

/// `len` steps from `seed`.
pub(crate) fn generate(seed: u64, len: usize) -> Vec<Step> {
    let mut g = Gen {
        rng: Rng::new(seed),
        tracker: OrderTracker::new(),
        now: 1_700_000_000_000,
        ids: Vec::new(),
        next: 1,
        last_fill: None,
        steps: Vec::with_capacity(len),
    };
    while g.steps.len() < len {
        g.now += 1 + g.rng.below(20);
        let step = g.step();
        step.run(&mut g.tracker);
        g.steps.push(step);
    }
    g.steps
}

/// The state after the first `n` steps, run on a bare tracker.
pub(crate) fn reference(steps: &[Step], n: usize) -> OrderTracker {
    let mut tracker = OrderTracker::new();
    for step in steps.iter().take(n) {
        step.run(&mut tracker);
    }
    tracker
}

const SYMBOLS: [&str; 3] = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
const SUBS: [&str; 3] = ["3f2a9c1e-7b4d", "9f3c2a1b-0000", "77aa0001-beef"];

fn qty(tenths: u64) -> Qty {
    Qty::from_units(i64::try_from(tenths).unwrap() * 10_000_000).unwrap()
}

fn price(cents: u64) -> Price {
    Price::from_units(i64::try_from(cents).unwrap() * 1_000_000).unwrap()
}

impl Gen {
    fn fresh(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    fn step(&mut self) -> Step {
        let live = self
            .tracker
            .iter()
            .filter(|(_, o)| !o.status().is_terminal())
            .count();
        if self.steps.len() % 60 == 59 {
            return Step::Cleanup(self.now, Duration::from_millis(150 + self.rng.below(300)));
        }
        if live < 4 || (live < 40 && self.rng.chance(12)) {
            return self.register();
        }
        if self.rng.chance(3) {
            return self.unknown();
        }
        if self.rng.chance(4)
            && let Some(dup) = self.last_fill
        {
            return Step::Apply(ExecutionReport {
                transaction_time: self.now,
                ..dup
            });
        }
        let pick = self.rng.below(self.ids.len() as u64) as usize;
        let id = self.ids[pick];
        match self.tracker.lookup_client(&id).map(|(_, o)| o.clone()) {
            Some(order) => self.event(&order),
            None => self.register(),
        }
    }

    fn register(&mut self) -> Step {
        let n = self.fresh();
        let sub = SubAccountId::new(SUBS[self.rng.below(3) as usize]).unwrap();
        let symbol = Symbol::new(SYMBOLS[self.rng.below(3) as usize]).unwrap();
        let side = if self.rng.chance(50) {
            Side::Buy
        } else {
            Side::Sell
        };
        let kind = self.rng.below(10);
        let mut spec = match kind {
            0..=5 => NewOrder::limit(
                sub,
                Origin::Chase,
                symbol,
                side,
                qty(1 + self.rng.below(40)),
                price(9_000_000 + self.rng.below(10_000)),
                self.now,
            ),
            6 | 7 => NewOrder::conditional(
                sub,
                Origin::TrailStop,
                symbol,
                side,
                OrderType::StopMarket,
                qty(1 + self.rng.below(30)),
                Trigger::at(price(9_500_000)),
                self.now,
            ),
            _ => NewOrder::conditional(
                sub,
                Origin::TrailStop,
                symbol,
                side,
                OrderType::TakeProfitMarket,
                Qty::ZERO,
                Trigger {
                    close_position: true,
                    working_type: WorkingType::MarkPrice,
                    ..Trigger::at(price(9_600_000))
                },
                self.now,
            ),
        };
        spec.client_id = ClientOrderId::with_unique(&sub, spec.origin.unwrap(), u128::from(n));
        if self.rng.chance(30) {
            spec.parent =
                Some(ParentId::new(["algo-1", "algo-2"][self.rng.below(2) as usize]).unwrap());
        }
        spec.reduce_only = self.rng.chance(20);
        spec.leverage = 1 + (self.rng.below(20) as u16);
        self.ids.push(spec.client_id);
        // Some orders are registered already sent (rebuilt after sending).
        let order = if self.rng.chance(15) {
            AnyOrder::sent(spec, self.now).unwrap()
        } else {
            AnyOrder::new(spec).unwrap()
        };
        Step::Register(order)
    }

    fn unknown(&mut self) -> Step {
        let sub = SubAccountId::new(SUBS[0]).unwrap();
        let id = ClientOrderId::with_unique(
            &sub,
            Origin::Manual,
            0xdead_0000 + u128::from(self.fresh()),
        );
        Step::Apply(ExecutionReport {
            client_id: Some(id),
            exchange_id: Some(ExchangeOrderId(self.fresh())),
            ..ExecutionReport::new(
                Symbol::new(SYMBOLS[0]).unwrap(),
                ExecutionType::New,
                ReportStatus::New,
                self.now,
            )
        })
    }

    fn report(&self, o: &AnyOrder, x: ExecutionType, s: ReportStatus) -> ExecutionReport {
        ExecutionReport {
            client_id: Some(o.client_id()),
            exchange_id: o.exchange_id(),
            cumulative_qty: Some(o.filled_qty()),
            ..ExecutionReport::new(o.symbol(), x, s, self.now)
        }
    }

    fn event(&mut self, o: &AnyOrder) -> Step {
        let c = o.client_id();
        let conditional = o.spec().order_type.is_conditional();
        let roll = self.rng.below(100);
        use ExecutionType as X;
        use ReportStatus as S;
        match o.status() {
            OrderStatus::Idle if roll < 90 => Step::Place(c, self.now),
            OrderStatus::Idle => Step::Cancel(c, self.now),
            OrderStatus::Placing if roll < 55 && conditional => {
                let algo = AlgoId::new(self.fresh());
                Step::Apply(ExecutionReport {
                    algo_id: algo,
                    ..self.report(o, X::New, S::New)
                })
            }
            OrderStatus::Placing if roll < 55 => {
                let id = ExchangeOrderId(self.fresh());
                Step::Apply(ExecutionReport {
                    exchange_id: Some(id),
                    ..self.report(o, X::New, S::New)
                })
            }
            OrderStatus::Placing if roll < 62 && !conditional => {
                let id = ExchangeOrderId(self.fresh());
                self.fill(o, Some(id))
            }
            OrderStatus::Placing if roll < 68 => {
                Step::PlaceFailed(c, FailReason::ExchangeError { code: -2019 }, self.now)
            }
            OrderStatus::Placing if roll < 78 => Step::PlaceInDoubt(c, self.now),
            OrderStatus::Placing if roll < 83 => {
                Step::Apply(self.report(o, X::Rejected, S::Rejected))
            }
            OrderStatus::Placing => Step::Cancel(c, self.now),
            OrderStatus::Armed if roll < 20 => Step::Apply(ExecutionReport {
                algo_id: o.algo_id(),
                ..self.report(o, X::Triggering, S::Triggering)
            }),
            OrderStatus::Armed if roll < 75 => {
                let id = ExchangeOrderId(self.fresh());
                Step::Apply(ExecutionReport {
                    algo_id: o.algo_id(),
                    exchange_id: Some(id),
                    ..self.report(o, X::Triggered, S::Triggered)
                })
            }
            OrderStatus::Armed => Step::Cancel(c, self.now),
            OrderStatus::Active if roll < 60 => self.fill(o, o.exchange_id()),
            OrderStatus::Active if roll < 75 => Step::Cancel(c, self.now),
            OrderStatus::Active if roll < 85 => Step::Apply(ExecutionReport {
                expiry_reason: Some(ExpiryReason(3)),
                ..self.report(o, X::Expired, S::Expired)
            }),
            OrderStatus::Active => Step::Apply(self.report(o, X::Canceled, S::Canceled)),
            OrderStatus::Cancelling if roll < 50 => Step::Apply(ExecutionReport {
                algo_id: if o.exchange_id().is_none() {
                    o.algo_id()
                } else {
                    None
                },
                ..self.report(o, X::Canceled, S::Canceled)
            }),
            OrderStatus::Cancelling if roll < 80 => Step::CancelRejected(c, self.now),
            OrderStatus::Cancelling => self.fill(o, o.exchange_id()),
            _ if roll < 30 => Step::Apply(self.report(o, X::New, S::New)),
            _ => self.register(),
        }
    }

    /// A fill of part or all of what is left; a triggered order's fill names
    /// only its exchange id (routed by it) and, for a close-position order,
    /// states the quantity.
    fn fill(&mut self, o: &AnyOrder, exchange_id: Option<ExchangeOrderId>) -> Step {
        let total = if o.quantity().is_zero() {
            qty(20)
        } else {
            o.quantity()
        };
        // A close-position order can have filled past the quantity it will state.
        let left = (total.units() - o.filled_qty().units()).max(1);
        let part = if self.rng.chance(40) {
            left
        } else {
            (left / 2).max(1)
        };
        let part = Qty::from_units(part).unwrap();
        let filled = o.filled_qty().checked_add(part).unwrap();
        let status = if filled == total {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        let triggered = o.algo_id().is_some();
        let terms = (triggered && o.is_close_position()).then_some(OrderTerms {
            side: o.spec().side,
            order_type: Some(o.spec().order_type),
            quantity: total,
            price: None,
            reduce_only: None,
            close_position: true,
            trigger_price: None,
            working_type: None,
        });
        let report = ExecutionReport {
            client_id: if triggered { None } else { Some(o.client_id()) },
            exchange_id,
            fill: Some(ReportFill {
                trade_id: TradeId(self.fresh()),
                qty: part,
                price: price(9_000_000 + self.rng.below(5_000)),
            }),
            cumulative_qty: Some(filled),
            terms,
            ..ExecutionReport::new(o.symbol(), ExecutionType::Trade, status, self.now)
        };
        self.last_fill = Some(report);
        Step::Apply(report)
    }
}
