//! The tracker side of a run ([`Driver`]): performs each action on the tracker
//! under test, translating keys to reference ids, logs its callbacks, and
//! observes every query through the tracker's public API.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use ordertrack::{
    AnyOrder, Applied, Callbacks, ClientOrderId, OrderEvent, OrderKey, OrderStatus, OrderTracker,
    Outcome, Qty, TrackError,
};

use super::UNKNOWN_KEY;
use super::action::{Action, FillRecord, StepOutcome};
use super::observe::{Observed, Probe, Summary, list_answer};
use super::start::tracker_order;
use super::under_test::TrackerUnderTest;
use super::view::OrderView;
use crate::reference::{CallbackCall, CallbackKind, RefError, RefId, RefOutcome};

/// What the properties know about the run beyond the current state, built from
/// the tracker's own answers only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Per reference id: the client id it was registered with.
    pub client_ids: Vec<ClientOrderId>,
    /// Per reference id: every fill the tracker said it applied (and those
    /// applied before registration); a `Filled` whose fill adds nothing to
    /// the filled quantity (a close-position order completed by the quantity
    /// its triggered order states, reported with its last fill) is not a new
    /// fill.
    pub fills: Vec<Vec<FillRecord>>,
    /// Per reference id: whether it was ever seen Cancelled.
    pub ever_cancelled: Vec<bool>,
    /// Per reference id: whether it was seen tracked and then gone.
    pub removed: Vec<bool>,
}

/// The calls the tracker's handler made, by key (mapped to reference ids when
/// taken).
type CallLog = Arc<Mutex<Vec<(OrderKey, CallbackCall)>>>;

/// The one handler the driver sets on the tracker: it logs every call, with
/// the order's status and filled quantity as the handler saw them.
fn counting_handler(log: &CallLog) -> impl FnMut(&OrderEvent<'_>) + Send + 'static {
    let log = Arc::clone(log);
    move |event: &OrderEvent<'_>| {
        let Some(kind) = CallbackKind::of(event.applied) else {
            return;
        };
        let call = CallbackCall {
            id: UNKNOWN_KEY,
            kind,
            status: event.order.status(),
            filled: event.order.filled_qty(),
        };
        log.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((event.key, call));
    }
}

/// The tracker side of a run: the tracker under test, the keys it issued (by
/// reference id), the callbacks' log and the history the properties use.
pub struct Driver<T: TrackerUnderTest = OrderTracker> {
    /// The tracker under test.
    pub tracker: T,
    /// Every key it issued, by reference id.
    pub keys: Vec<OrderKey>,
    ids: HashMap<OrderKey, RefId>,
    log: CallLog,
    /// What the properties know about the run.
    pub history: History,
    /// The observation after the latest step.
    pub observed: Observed,
}

impl<T: TrackerUnderTest> fmt::Debug for Driver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Driver")
            .field("keys", &self.keys)
            .field("history", &self.history)
            .finish_non_exhaustive()
    }
}

impl<T: TrackerUnderTest> Driver<T> {
    /// Drives `tracker`, which must be empty; sets its handler to log the
    /// callbacks.
    pub fn new(mut tracker: T) -> Self {
        let log = CallLog::default();
        tracker.tracker_mut().set_handler(counting_handler(&log));
        Self {
            tracker,
            keys: Vec::new(),
            ids: HashMap::new(),
            log,
            history: History::default(),
            observed: Observed::default(),
        }
    }
    fn id(&self, key: OrderKey) -> RefId {
        self.ids.get(&key).copied().unwrap_or(UNKNOWN_KEY)
    }

    fn key(&self, id: RefId) -> OrderKey {
        self.keys.get(id).copied().unwrap_or_default()
    }

    fn error(&self, e: TrackError) -> RefError {
        match e {
            TrackError::DuplicateClientId { client_id } => {
                RefError::DuplicateClientId { client_id }
            }
            TrackError::ExchangeIdTaken {
                symbol,
                exchange_id,
                holder,
                ..
            } => RefError::ExchangeIdTaken {
                symbol,
                exchange_id,
                holder: self.id(holder),
            },
            TrackError::StaleKey { key } => RefError::StaleKey { id: self.id(key) },
            TrackError::UnknownClientId { client_id } => RefError::UnknownClientId { client_id },
            TrackError::Apply { key, source } => RefError::Apply {
                id: self.id(key),
                source,
            },
            TrackError::Request { key, source } => RefError::Request {
                id: self.id(key),
                source,
            },
        }
    }

    fn done(&self, r: Result<(), TrackError>) -> StepOutcome {
        StepOutcome::Done(r.map_err(|e| self.error(e)))
    }

    /// Performs an action on the tracker under test; returns what it did, in
    /// reference terms.
    pub fn perform(&mut self, action: &Action) -> StepOutcome {
        match *action {
            Action::Skip => StepOutcome::Nothing,
            Action::Register {
                spec,
                ref path,
                callbacks,
            } => {
                let (order, fills) = match tracker_order(spec, path) {
                    Ok(built) => built,
                    Err(error) => return StepOutcome::Refused(error),
                };
                let id = self.keys.len();
                let callbacks = callbacks.then(Callbacks::all);
                let client_id = order.client_id();
                match self.tracker.register(order, callbacks) {
                    Ok(key) => {
                        // A key equal to one issued before would be a stale key
                        // reaching a new order: report it as that old id.
                        let reported = self.ids.get(&key).copied().unwrap_or(id);
                        self.keys.push(key);
                        self.ids.entry(key).or_insert(id);
                        self.history.client_ids.push(client_id);
                        self.history.fills.push(fills);
                        self.history.ever_cancelled.push(false);
                        self.history.removed.push(false);
                        StepOutcome::Registered(Ok(reported))
                    }
                    Err(e) => StepOutcome::Registered(Err(self.error(e))),
                }
            }
            Action::Place { id, now } => {
                let r = self.tracker.place(self.key(id), now);
                self.done(r)
            }
            Action::Cancel { id, now } => {
                let r = self.tracker.cancel(self.key(id), now);
                self.done(r)
            }
            Action::PlaceFailed { id, reason, now } => {
                let r = self.tracker.place_failed(self.key(id), reason, now);
                self.done(r)
            }
            Action::PlaceInDoubt { id, now } => {
                let r = self.tracker.place_in_doubt(self.key(id), now);
                self.done(r)
            }
            Action::CancelRejected { id, now } => {
                let r = self.tracker.cancel_rejected(self.key(id), now);
                self.done(r)
            }
            Action::Apply { ref report } => {
                let result = match self.tracker.apply(report) {
                    Ok(Outcome::Applied { key, applied }) => {
                        let id = self.id(key);
                        if let (Some(f), Some(fills)) =
                            (applied.fill(), self.history.fills.get_mut(id))
                        {
                            // A `Filled` that adds nothing to what was filled
                            // reports a completion by a stated quantity (its
                            // last fill's details), not a new fill.
                            let so_far =
                                fills.iter().try_fold(Qty::ZERO, |a, r| a.checked_add(r.1));
                            let completion = matches!(applied, Applied::Filled(_))
                                && so_far == Some(f.filled_qty);
                            if !completion {
                                fills.push((f.trade_id, f.qty, f.price));
                            }
                        }
                        Ok(RefOutcome::Applied { id, applied })
                    }
                    Ok(Outcome::Unknown(u)) => Ok(RefOutcome::Unknown(u)),
                    Err(e) => Err(self.error(e)),
                };
                StepOutcome::Applied(result)
            }
            Action::Unregister { id } => StepOutcome::Unregistered(
                self.tracker
                    .unregister(self.key(id))
                    .map(|o| Box::new(OrderView::of(&o))),
            ),
            Action::SetCallbacks { id } => {
                let r = self.tracker.set_callbacks(self.key(id), Callbacks::all());
                self.done(r)
            }
            Action::Cleanup { now, max_age } => {
                StepOutcome::Cleaned(self.tracker.cleanup_terminal(now, max_age))
            }
        }
    }

    /// The callbacks called since the last call to this.
    pub fn take_calls(&mut self) -> Vec<CallbackCall> {
        let calls = std::mem::take(&mut *self.log.lock().unwrap_or_else(PoisonError::into_inner));
        calls
            .into_iter()
            .map(|(key, call)| CallbackCall {
                id: self.id(key),
                ..call
            })
            .collect()
    }

    /// What the tracker under test answers to every query of `probe`.
    pub fn observe(&self, probe: &Probe) -> Observed {
        let t = &self.tracker;
        let summary = |(key, o): (OrderKey, &AnyOrder)| {
            Summary::new(self.id(key), o.client_id(), o.status(), o.filled_qty())
        };
        let list = |v: Vec<(OrderKey, &AnyOrder)>, count: usize| {
            list_answer(v.into_iter().map(summary).collect(), count)
        };
        Observed {
            orders: self
                .keys
                .iter()
                .map(|&k| t.get(k).map(OrderView::of))
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
                .map(|s| (*s, list(t.by_sub_account(s), t.count_by_sub_account(s))))
                .collect(),
            active_by_symbol: probe
                .symbols
                .iter()
                .map(|s| (*s, list(t.active_by_symbol(s), t.count_active_by_symbol(s))))
                .collect(),
            by_parent: probe
                .parents
                .iter()
                .map(|p| (*p, list(t.by_parent(p), t.count_by_parent(p))))
                .collect(),
            all: list(t.iter(), 0).0,
            len: t.len(),
            is_empty: t.is_empty(),
        }
    }

    /// Records what this step showed: orders seen Cancelled, orders gone.
    pub(super) fn update_history(&mut self, before: &Observed) {
        for (id, after) in self.observed.orders.iter().enumerate() {
            if let Some(flag) = self.history.ever_cancelled.get_mut(id) {
                *flag |= after
                    .as_ref()
                    .is_some_and(|o| o.status == OrderStatus::Cancelled);
            }
            let was = before.orders.get(id).is_some_and(Option::is_some);
            if let Some(flag) = self.history.removed.get_mut(id) {
                *flag |= was && after.is_none();
            }
        }
    }
}
