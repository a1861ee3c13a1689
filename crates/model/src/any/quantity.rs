//! A close-position order's quantity, learnt from its triggered order: the
//! step before the table for the one report that states it.

use super::AnyOrder;
use super::event::Event;
use crate::applied::{Applied, Closed, FillApplied};
use crate::decimal::Qty;
use crate::error::ApplyError;
use crate::report::ExecutionReport;
use crate::state::{Active, Armed, Cancelled, Cancelling, Expired, Failed, Placing, StateData};

impl AnyOrder {
    /// The quantity `report` states for a close-position order that does not
    /// know its own yet: a matching-engine report (no algo id) whose terms
    /// state a positive `q`. (The algo service's `q` of such an order is `0`.)
    pub(super) fn stated_quantity(&self, report: &ExecutionReport) -> Option<Qty> {
        if self.0.core.quantity_known() || report.algo_id.is_some() {
            return None;
        }
        report
            .terms
            .map(|terms| terms.quantity)
            .filter(|quantity| !quantity.is_zero())
    }

    /// Learns `quantity`, then applies `event` through the table; when the
    /// fills already reach the quantity, the order completes. Refused by
    /// either step, the order is restored exactly as it was.
    pub(super) fn apply_stating(
        &mut self,
        report: &ExecutionReport,
        event: Event,
        quantity: Qty,
    ) -> Result<Applied, ApplyError> {
        let before = self.0.clone();
        let result = self
            .state_quantity(quantity, report.transaction_time)
            .and_then(|()| self.table(report, event))
            .and_then(|applied| self.complete_if_filled(applied, report));
        if result.is_err() {
            self.0 = before;
        }
        result
    }

    /// The `state_quantity` transition on the order's own handle.
    fn state_quantity(&mut self, quantity: Qty, at: u64) -> Result<(), ApplyError> {
        let client_id = self.client_id();
        let refused = |source| ApplyError::Fill { client_id, source };
        use StateData as S;
        match self.0.state {
            S::Placing(d) => self
                .handle::<Placing>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Armed(d) => self
                .handle::<Armed>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Active(d) => self
                .handle::<Active>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Cancelling(d) => self
                .handle::<Cancelling>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Cancelled(d) => self
                .handle::<Cancelled>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Expired(d) => self
                .handle::<Expired>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            S::Failed(d) => self
                .handle::<Failed>(d)
                .state_quantity(quantity, at)
                .map(drop)
                .map_err(|r| r.error),
            // Idle is refused by the table; a Filled order knows its quantity.
            S::Idle | S::Filled(_) => Ok(()),
        }
        .map_err(refused)
    }

    /// After the table: a live order whose fills now are its whole quantity
    /// completes, reported as the fill that did (its last one, when the
    /// report itself brought none); a report the table ignored that only
    /// stated the quantity is reported `Amended` (the quantity changed).
    fn complete_if_filled(
        &mut self,
        applied: Applied,
        report: &ExecutionReport,
    ) -> Result<Applied, ApplyError> {
        if self.filled_qty() != self.quantity() {
            // A report the table ignored changed the order's quantity.
            return Ok(if applied.is_ignored() {
                Applied::Amended
            } else {
                applied
            });
        }
        let at = report.transaction_time;
        let completed = match self.0.state {
            StateData::Active(d) => self.handle::<Active>(d).complete(at).is_ok(),
            StateData::Cancelling(d) => self.handle::<Cancelling>(d).complete(at).is_ok(),
            _ => false,
        };
        let last = self.fills().last();
        Ok(match (completed, last) {
            // The fill that completed it is this report's.
            (true, _) if matches!(applied, Applied::PartiallyFilled(_) | Applied::Filled(_)) => {
                match applied {
                    Applied::PartiallyFilled(fill) => Applied::Filled(fill),
                    other => other,
                }
            }
            // The quantity stated completed it: reported as its last fill.
            (true, Some(last)) => {
                let closed = Closed::between(self.filled_qty(), report.cumulative_qty);
                Applied::Filled(FillApplied {
                    trade_id: last.trade_id,
                    qty: last.qty,
                    price: last.price,
                    filled_qty: closed.filled_qty,
                    unseen_qty: closed.unseen_qty,
                    excess_qty: closed.excess_qty,
                })
            }
            // A report the table ignored changed the order's quantity.
            (false, _) if applied.is_ignored() => Applied::Amended,
            _ => applied,
        })
    }
}
