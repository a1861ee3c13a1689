//! Conditional orders on the reference's order, as issue 12 states the rules:
//! the algo service's acceptance (`arm`), its `TRIGGERING`, the binding to the
//! triggered matching-engine order, the legacy trigger, and a close-position
//! order's quantity, learnt from the first matching-engine report that states
//! one.

use ordertrack::{
    AlgoId, Applied, ApplyError, ExchangeOrderId, ExecutionReport, FillApplied, FillError,
    OrderStatus, Qty,
};

use super::RefOrder;
use super::report::{Event, gap};

impl RefOrder {
    /// The algo service accepted the order under `algo_id`: Placing → Armed
    /// (its placement settled: no longer in doubt), or a Cancelling order
    /// learns the id.
    pub(super) fn arm(&mut self, algo_id: AlgoId, report: &ExecutionReport) -> Applied {
        self.algo_id = Some(algo_id);
        if self.status == OrderStatus::Placing {
            self.status = OrderStatus::Armed;
            self.in_doubt_since = None;
        }
        self.touch(report.transaction_time);
        Applied::Armed
    }

    /// `TRIGGERING`: an armed order stays Armed, triggering since the first
    /// such report.
    pub(super) fn mark_triggering(&mut self, report: &ExecutionReport) -> Applied {
        let at = report.transaction_time;
        self.triggering_since.get_or_insert(at);
        self.touch(at);
        Applied::Triggering
    }

    /// The order triggered into the matching-engine order `exchange_id`, whose
    /// events are its own from now on: Armed → Active, or a Cancelling order
    /// learns that id.
    pub(super) fn trigger_into(
        &mut self,
        exchange_id: ExchangeOrderId,
        report: &ExecutionReport,
    ) -> Applied {
        self.learn_exchange_id(Some(exchange_id));
        self.triggered = true;
        self.triggered_at.get_or_insert(report.transaction_time);
        self.triggering_since = None;
        if self.status == OrderStatus::Armed {
            self.status = OrderStatus::Active;
        }
        self.touch(report.transaction_time);
        Applied::Triggered
    }

    /// The legacy trigger: the order stays where it is (acknowledged),
    /// triggered.
    pub(super) fn legacy_trigger(&mut self, report: &ExecutionReport) -> Applied {
        self.triggered = true;
        self.triggered_at.get_or_insert(report.transaction_time);
        self.touch(report.transaction_time);
        Applied::Triggered
    }

    /// The quantity `report` states for a close-position order that does not
    /// know its own yet: a positive `q` in the terms of a matching-engine
    /// report (the algo service states `q = 0` for such an order).
    pub(super) fn stated_quantity(&self, report: &ExecutionReport) -> Option<Qty> {
        if self.quantity_known() || report.algo_id.is_some() {
            return None;
        }
        let quantity = report.terms?.quantity;
        (!quantity.is_zero()).then_some(quantity)
    }

    /// Learns `quantity` (refused below what has filled), applies the cell,
    /// and completes an acknowledged live order whose fills now reach the
    /// quantity: that report is then the order's `Filled`, carrying its last
    /// fill (whatever the cell said: the engine learns the order is done); a
    /// report the cell ignored that only stated the quantity is `Amended`. On
    /// any error the order is exactly as before.
    pub(super) fn apply_stating(
        &mut self,
        report: &ExecutionReport,
        event: Event,
        quantity: Qty,
    ) -> Result<Applied, ApplyError> {
        let filled = self.filled_qty();
        if quantity < filled {
            return Err(ApplyError::Fill {
                client_id: self.client_id(),
                source: FillError::StatedBelowFilled { quantity, filled },
            });
        }
        let before = self.clone();
        self.spec.quantity = quantity;
        self.touch(report.transaction_time);
        let applied = match self.cell(report, event) {
            Ok(applied) => applied,
            Err(error) => {
                *self = before;
                return Err(error);
            }
        };
        let completes = matches!(self.status, OrderStatus::Active | OrderStatus::Cancelling)
            && self.exchange_id.is_some()
            && self.filled_qty() == self.spec.quantity;
        let Some(last) = self.fills.last().copied().filter(|_| completes) else {
            // The quantity changed: a report otherwise ignored is an amendment.
            return Ok(match applied {
                Applied::Duplicate | Applied::Stale => Applied::Amended,
                other => other,
            });
        };
        self.close(OrderStatus::Filled, report.transaction_time);
        let filled_qty = self.filled_qty();
        let (unseen_qty, excess_qty) = gap(filled_qty, report.cumulative_qty);
        Ok(Applied::Filled(FillApplied {
            trade_id: last.trade_id,
            qty: last.qty,
            price: last.price,
            filled_qty,
            unseen_qty,
            excess_qty,
        }))
    }
}
