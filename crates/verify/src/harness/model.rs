//! The reference side of a run ([`Model`]): the reference tracker plus the
//! world ops are resolved in, stepping the reference and answering every query
//! of a [`Probe`] from it. Ops become actions in `resolve.rs` and `report.rs`.

use ordertrack::{AlgoId, ExchangeOrderId, ExecutionReport, TradeId};

use super::action::{Action, Step, StepOutcome};
use super::observe::{Observed, Probe, Summary, list_answer};
use super::start::reference_order;
use super::view::OrderView;
use super::{FIRST_FRESH_TRADE_ID, START_TIME};
use crate::ops::{Op, OrderRef, pools};
use crate::reference::{RefId, RefOrder, ReferenceTracker};

/// The reference side of a run: the reference tracker plus the world the ops
/// are resolved in (clock, issued orders, reports sent). This is the
/// `proptest-state-machine` reference state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    /// The reference tracker.
    pub tracker: ReferenceTracker,
    /// The clock (ms); never goes backwards.
    pub now: u64,
    /// Every order ever registered, by reference id, as last seen (removed ones
    /// keep their last state).
    pub issued: Vec<RefOrder>,
    /// Every report applied so far, for replays.
    pub sent: Vec<ExecutionReport>,
    /// The next fresh trade id.
    pub next_trade: u64,
    /// The latest step.
    pub last: Option<Step>,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

impl Model {
    /// An empty world at [`START_TIME`].
    #[must_use]
    pub fn new() -> Self {
        Self {
            tracker: ReferenceTracker::new(),
            now: START_TIME,
            issued: Vec::new(),
            sent: Vec::new(),
            next_trade: FIRST_FRESH_TRADE_ID,
            last: None,
        }
    }

    /// Moves the clock forward by `dt`; the new time.
    pub(super) fn advance(&mut self, dt: u64) -> u64 {
        self.now = self.now.saturating_add(dt);
        self.now
    }

    /// The reference id `order` names, if any order was ever issued.
    pub(super) fn target(&self, order: OrderRef) -> Option<RefId> {
        if self.issued.is_empty() {
            None
        } else {
            Some(usize::from(order.0) % self.issued.len())
        }
    }

    /// The order `id` as it is now (tracked) or was last seen (removed).
    pub(super) fn current(&self, id: RefId) -> Option<&RefOrder> {
        self.tracker.get(id).or_else(|| self.issued.get(id))
    }

    /// The exchange id an order goes by: the one it knows, else its own.
    pub(super) fn exchange_id_of(&self, id: RefId) -> ExchangeOrderId {
        self.current(id)
            .and_then(|o| o.exchange_id)
            .unwrap_or_else(|| pools::own_exchange_id(id))
    }

    /// The algo id an order goes by: the one it knows, else its own.
    pub(super) fn algo_id_of(&self, id: RefId) -> AlgoId {
        self.current(id)
            .and_then(|o| o.algo_id)
            .unwrap_or_else(|| pools::own_algo_id(id))
    }

    /// A trade id never handed out before.
    pub(super) fn fresh_trade(&mut self) -> TradeId {
        self.next_trade += 1;
        TradeId(self.next_trade)
    }

    /// Applies an action to the reference tracker; returns its prediction.
    pub fn perform(&mut self, action: &Action) -> StepOutcome {
        let t = &mut self.tracker;
        let outcome = match *action {
            Action::Skip => {
                t.calls.clear();
                StepOutcome::Nothing
            }
            Action::Register {
                spec,
                ref path,
                callbacks,
            } => match reference_order(spec, path) {
                Ok(order) => {
                    let result = t.register(order.clone(), callbacks);
                    if result.is_ok() {
                        self.issued.push(order);
                    }
                    StepOutcome::Registered(result)
                }
                Err(error) => {
                    t.calls.clear();
                    StepOutcome::Refused(error)
                }
            },
            Action::Place { id, now } => StepOutcome::Done(t.place(id, now)),
            Action::Cancel { id, now } => StepOutcome::Done(t.cancel(id, now)),
            Action::PlaceFailed { id, reason, now } => {
                StepOutcome::Done(t.place_failed(id, reason, now))
            }
            Action::PlaceInDoubt { id, now } => StepOutcome::Done(t.place_in_doubt(id, now)),
            Action::CancelRejected { id, now } => StepOutcome::Done(t.cancel_rejected(id, now)),
            Action::Apply { report } => {
                self.sent.push(report);
                StepOutcome::Applied(self.tracker.apply(&report))
            }
            Action::Unregister { id } => StepOutcome::Unregistered(
                t.unregister(id)
                    .map(|o| Box::new(OrderView::of_reference(&o))),
            ),
            Action::SetCallbacks { id } => StepOutcome::Done(t.set_callbacks(id)),
            Action::Cleanup { now, max_age } => {
                StepOutcome::Cleaned(t.cleanup_terminal(now, max_age))
            }
        };
        for r in &self.tracker.records {
            if let Some(last) = self.issued.get_mut(r.id)
                && *last != r.order
            {
                last.clone_from(&r.order);
            }
        }
        outcome
    }

    /// Resolves and performs one op, recording it as [`Model::last`].
    pub fn step(&mut self, op: &Op) {
        let action = self.resolve(op);
        let expected = self.perform(&action);
        self.last = Some(Step {
            op: *op,
            action,
            expected,
            calls: self.tracker.calls.clone(),
        });
    }

    /// The ids, symbols and accounts worth querying now.
    #[must_use]
    pub fn probe(&self) -> Probe {
        let mut p = Probe::default();
        for n in 0..pools::FOREIGN_IDS.len() {
            p.client_ids.insert(pools::foreign_id(n as u8));
        }
        for n in 0..pools::SUB_ACCOUNTS.len() {
            p.sub_accounts.insert(pools::sub_account(n as u8));
        }
        for n in 0..pools::REPORT_SYMBOLS.len() {
            let symbol = pools::report_symbol(n as u8);
            p.symbols.insert(symbol);
            for raw in 0..8 {
                p.exchange_ids.insert((symbol, pools::raw_exchange_id(raw)));
            }
        }
        for n in 0..pools::PARENTS.len() {
            p.parents.insert(pools::parent(n as u8));
        }
        for (id, o) in self.issued.iter().enumerate() {
            let o = self.tracker.get(id).unwrap_or(o);
            let spec = &o.spec;
            p.client_ids.insert(spec.client_id);
            p.sub_accounts.insert(spec.sub_account);
            p.symbols.insert(spec.symbol);
            p.exchange_ids
                .insert((spec.symbol, pools::own_exchange_id(id)));
            if let Some(x) = o.exchange_id {
                p.exchange_ids.insert((spec.symbol, x));
            }
            if let Some(parent) = spec.parent {
                p.parents.insert(parent);
            }
        }
        for r in &self.sent {
            if let Some(c) = r.client_id {
                p.client_ids.insert(c);
            }
            if let Some(x) = r.exchange_id {
                p.exchange_ids.insert((r.symbol, x));
            }
        }
        p
    }

    /// What the reference answers to every query of `probe`.
    #[must_use]
    pub fn observe(&self, probe: &Probe) -> Observed {
        let t = &self.tracker;
        let summary =
            |(id, o): (RefId, &RefOrder)| Summary::new(id, o.client_id(), o.status, o.filled_qty());
        let list = |v: Vec<(RefId, &RefOrder)>| {
            let count = v.len();
            list_answer(v.into_iter().map(summary).collect(), count)
        };
        Observed {
            orders: (0..self.issued.len())
                .map(|id| t.get(id).map(OrderView::of_reference))
                .collect(),
            by_client: probe
                .client_ids
                .iter()
                .map(|c| (*c, t.lookup_client(c).map(summary)))
                .collect(),
            by_exchange: probe
                .exchange_ids
                .iter()
                .map(|&(s, x)| ((s, x), t.lookup_exchange(&s, x).map(summary)))
                .collect(),
            by_sub_account: probe
                .sub_accounts
                .iter()
                .map(|s| (*s, list(t.by_sub_account(s))))
                .collect(),
            active_by_symbol: probe
                .symbols
                .iter()
                .map(|s| (*s, list(t.active_by_symbol(s))))
                .collect(),
            by_parent: probe
                .parents
                .iter()
                .map(|p| (*p, list(t.by_parent(p))))
                .collect(),
            all: list(t.records.iter().map(|r| (r.id, &r.order)).collect()).0,
            len: t.len(),
            is_empty: t.is_empty(),
        }
    }
}
