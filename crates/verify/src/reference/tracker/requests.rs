//! The reference tracker's operations on one order: the engine's requests and
//! the feed's reports, each predicting the tracker's outcome.

use ordertrack::{Applied, ExecutionReport, FailReason, RequestError, UnknownOrder};

use super::ReferenceTracker;
use crate::reference::{RefError, RefId, RefOrder, RefOutcome};

impl ReferenceTracker {
    /// Runs an engine request on the order itself: a refused request must leave
    /// it unchanged on its own (docs, invariant 4).
    fn request(
        &mut self,
        id: RefId,
        request: impl FnOnce(&mut RefOrder) -> Result<(), RequestError>,
        event: Option<fn(&RefOrder) -> Applied>,
    ) -> Result<(), RefError> {
        self.calls.clear();
        let order = &mut self.record_mut(id).ok_or(RefError::StaleKey { id })?.order;
        let was_terminal = order.status.is_terminal();
        request(order).map_err(|source| RefError::Request { id, source })?;
        let event = event.map(|event| event(order));
        self.after_change(id, was_terminal, event.as_ref());
        Ok(())
    }

    /// Queues an order that just became terminal and calls its callback.
    fn after_change(&mut self, id: RefId, was_terminal: bool, event: Option<&Applied>) {
        let closed_at = self
            .record(id)
            .filter(|r| !was_terminal && r.order.status.is_terminal())
            .map(|r| r.order.closed_at.unwrap_or_default());
        if let Some(closed_at) = closed_at {
            self.queue_closed(id, closed_at);
        }
        if let Some(applied) = event {
            self.call(id, applied);
        }
    }

    /// `place`.
    ///
    /// # Errors
    /// A stale id, or a state that does not allow it.
    pub fn place(&mut self, id: RefId, now: u64) -> Result<(), RefError> {
        self.request(id, |o| o.place(now), None)
    }

    /// `cancel`.
    ///
    /// # Errors
    /// A stale id, or a state that does not allow it.
    pub fn cancel(&mut self, id: RefId, now: u64) -> Result<(), RefError> {
        self.request(id, |o| o.request_cancel(now), None)
    }

    /// `place_failed`.
    ///
    /// # Errors
    /// A stale id, or a state that does not allow it.
    pub fn place_failed(
        &mut self,
        id: RefId,
        reason: FailReason,
        now: u64,
    ) -> Result<(), RefError> {
        self.request(
            id,
            |o| o.place_failed(reason, now),
            Some(|o: &RefOrder| Applied::Failed(o.closed(None))),
        )
    }

    /// `place_in_doubt`.
    ///
    /// # Errors
    /// A stale id, or a state that does not allow it.
    pub fn place_in_doubt(&mut self, id: RefId, now: u64) -> Result<(), RefError> {
        self.request(id, |o| o.place_in_doubt(now), None)
    }

    /// `cancel_rejected`.
    ///
    /// # Errors
    /// A stale id, or a state that does not allow it.
    pub fn cancel_rejected(&mut self, id: RefId, now: u64) -> Result<(), RefError> {
        self.request(id, |o| o.cancel_rejected(now), None)
    }

    /// `apply`.
    ///
    /// # Errors
    /// The exchange id taken by another order, or the order's refusal.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<RefOutcome, RefError> {
        self.calls.clear();
        let Some(id) = self.route(report) else {
            return Ok(RefOutcome::Unknown(UnknownOrder {
                client_id: report.client_id,
                exchange_id: report.exchange_id,
                symbol: report.symbol,
                ours: report.client_id.and_then(|c| c.parse_pms()),
            }));
        };
        let order = self.get(id).ok_or(RefError::StaleKey { id })?;
        if order.exchange_id.is_none()
            && let Some(exchange_id) = report.exchange_id
            && let Some(holder) = self.exchange_holder(report.symbol, exchange_id, Some(id))
        {
            return Err(RefError::ExchangeIdTaken {
                symbol: report.symbol,
                exchange_id,
                holder,
            });
        }
        let order = &mut self.record_mut(id).ok_or(RefError::StaleKey { id })?.order;
        let was_terminal = order.status.is_terminal();
        let applied = order
            .apply(report)
            .map_err(|source| RefError::Apply { id, source })?;
        self.after_change(id, was_terminal, Some(&applied));
        Ok(RefOutcome::Applied { id, applied })
    }
}
