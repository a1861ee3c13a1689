//! The run generator: a realistic engine run, generated once before any timing
//! from a fixed seed (the bench file's documentation describes it).

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExecutionReport, NewOrder, ParentId, SubAccountId, Symbol,
};

use crate::support::{self, ONE, Rng, T0};

const WINDOW: usize = 10_000;
const SUB_ACCOUNTS: usize = 64;
const SYMBOLS: usize = 200;
const PARENTS: usize = 2_000;
const QUERY_EVERY: u64 = 50;
const CLEANUP_EVERY: u64 = 1_000;
const DUPLICATE_RATE: f64 = 0.02;
const STALE_RATE: f64 = 0.01;
const MAX_DELAY: usize = 512;

/// One operation of the run, as the engine performs it on `ordertrack`.
#[derive(Debug, Clone)]
pub(crate) enum Op {
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

pub(crate) struct Generator {
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
    pub(crate) fn new(seed: u64, target: usize) -> Self {
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

    pub(crate) fn run(mut self) -> Vec<Op> {
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
