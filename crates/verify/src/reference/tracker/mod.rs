//! The reference tracker: a `Vec` of records and linear scans.
//!
//! It answers every query [`ordertrack::OrderTracker`] answers and predicts the
//! outcome of every operation, so the two can be compared after each step. Each
//! record holds a [`RefOrder`], the reference's own per-order model; everything
//! the tracker adds is written again here, plainly:
//!
//! - **keys**: its own ids, `0, 1, 2, …` in registration order, never reused; a
//!   removed id is stale forever;
//! - **routing**: by client id when the report names a tracked one, else by
//!   (symbol, exchange id);
//! - **exchange-id binding**: an order is found by (symbol, exchange id) as soon
//!   as the order knows its exchange id; a report or registration that would give
//!   a second order the same (symbol, exchange id) is refused;
//! - **live by symbol**: "not terminal", computed on every query;
//! - **cleanup**: an order is removed once `now - stamp > max_age`, where its
//!   stamp is its close time, raised to the stamp of the latest entry still in
//!   the cleanup queue when it closed. The queue keeps the entries of orders
//!   removed by `unregister` (orphans) until a cleanup passes them, or until
//!   they are more than half the queue, when `unregister` drops them all;
//! - **callbacks**: which callback each successful event calls, once.
//!
//! Precedence of errors follows the tracker's documented order: a duplicate
//! client id before a taken exchange id (register); a stale key first (requests);
//! and for reports, an exchange id taken by another order before anything the
//! order itself would refuse.

use ordertrack::{Applied, ExchangeOrderId, Symbol};

mod queries;
mod requests;

use super::{CallbackCall, CallbackKind, RefError, RefId, RefOrder};

/// One tracked order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its id.
    pub id: RefId,
    /// The order.
    pub order: RefOrder,
    /// Its cleanup stamp, once terminal.
    pub stamp: Option<u64>,
    /// Whether callbacks are attached.
    pub callbacks: bool,
}

/// The reference tracker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReferenceTracker {
    /// Tracked orders, in registration order.
    pub records: Vec<Record>,
    /// The cleanup queue as `(stamp, id)`, oldest first, including entries of
    /// orders removed by `unregister` that no cleanup has passed yet.
    pub queue: Vec<(u64, RefId)>,
    /// The next id to issue.
    pub next_id: RefId,
    /// Callbacks called by the latest operation.
    pub calls: Vec<CallbackCall>,
}

impl ReferenceTracker {
    /// An empty reference tracker.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn record(&self, id: RefId) -> Option<&Record> {
        self.records.iter().find(|r| r.id == id)
    }

    fn record_mut(&mut self, id: RefId) -> Option<&mut Record> {
        self.records.iter_mut().find(|r| r.id == id)
    }

    /// The id that holds (symbol, exchange id), other than `except`.
    fn exchange_holder(
        &self,
        symbol: Symbol,
        exchange_id: ExchangeOrderId,
        except: Option<RefId>,
    ) -> Option<RefId> {
        self.records
            .iter()
            .find(|r| {
                Some(r.id) != except
                    && r.order.spec.symbol == symbol
                    && r.order.exchange_id == Some(exchange_id)
            })
            .map(|r| r.id)
    }

    /// Queues a newly terminal order for cleanup.
    fn queue_closed(&mut self, id: RefId, closed_at: u64) {
        let stamp = match self.queue.last() {
            Some(&(last, _)) => last.max(closed_at),
            None => closed_at,
        };
        self.queue.push((stamp, id));
        if let Some(r) = self.record_mut(id) {
            r.stamp = Some(stamp);
        }
    }

    fn call(&mut self, id: RefId, applied: &Applied) {
        let Some(r) = self.record(id) else { return };
        if !r.callbacks {
            return;
        }
        if let Some(kind) = CallbackKind::of(applied) {
            let call = CallbackCall {
                id,
                kind,
                status: r.order.status,
                filled: r.order.filled_qty(),
            };
            self.calls.push(call);
        }
    }

    /// `register` / `register_with_callbacks`.
    ///
    /// # Errors
    /// As the tracker: a duplicate client id, then a taken exchange id.
    pub fn register(&mut self, order: RefOrder, callbacks: bool) -> Result<RefId, RefError> {
        self.calls.clear();
        let client_id = order.client_id();
        if self
            .records
            .iter()
            .any(|r| r.order.client_id() == client_id)
        {
            return Err(RefError::DuplicateClientId { client_id });
        }
        if let Some(exchange_id) = order.exchange_id
            && let Some(holder) = self.exchange_holder(order.spec.symbol, exchange_id, None)
        {
            return Err(RefError::ExchangeIdTaken {
                symbol: order.spec.symbol,
                exchange_id,
                holder,
            });
        }
        let id = self.next_id;
        self.next_id += 1;
        let closed_at = order.closed_at;
        self.records.push(Record {
            id,
            order,
            stamp: None,
            callbacks,
        });
        if let Some(closed_at) = closed_at {
            self.queue_closed(id, closed_at);
        }
        Ok(id)
    }

    /// `unregister`: the order, or `None` for a stale id.
    pub fn unregister(&mut self, id: RefId) -> Option<RefOrder> {
        self.calls.clear();
        let position = self.records.iter().position(|r| r.id == id)?;
        let order = self.records.remove(position).order;
        if order.status.is_terminal() {
            // Its queue entry is now an orphan. Once orphans are more than half
            // the queue, they are all dropped (the queue never outgrows the
            // terminal orders it serves).
            let orphans = self
                .queue
                .iter()
                .filter(|&&(_, q)| !self.is_tracked(q))
                .count();
            if orphans * 2 > self.queue.len() {
                let tracked: Vec<RefId> = self.records.iter().map(|r| r.id).collect();
                self.queue.retain(|(_, q)| tracked.contains(q));
            }
        }
        Some(order)
    }

    /// `set_callbacks`.
    ///
    /// # Errors
    /// A stale id.
    pub fn set_callbacks(&mut self, id: RefId) -> Result<(), RefError> {
        self.calls.clear();
        let r = self.record_mut(id).ok_or(RefError::StaleKey { id })?;
        r.callbacks = true;
        Ok(())
    }

    /// `cleanup_terminal`: removes every terminal order whose stamp is more than
    /// `max_age` before `now`; returns how many.
    pub fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        self.calls.clear();
        let expired = |r: &Record| r.stamp.is_some_and(|s| now.saturating_sub(s) > max_age);
        let before = self.records.len();
        self.records.retain(|r| !expired(r));
        let removed = before - self.records.len();
        // The queue's entries up to the first one of a still-tracked order are
        // gone (stamps never decrease, so every expired order sits before it).
        let first_kept = self
            .queue
            .iter()
            .position(|&(stamp, id)| {
                self.records
                    .iter()
                    .any(|r| r.id == id && r.stamp == Some(stamp))
            })
            .unwrap_or(self.queue.len());
        self.queue.drain(..first_kept);
        removed
    }
}
