//! What the table's rows share: a fill of a live, closed or filled order, a
//! close, and the refusal of an event no row accepts.

use super::AnyOrder;
use super::event::Event;
use crate::applied::{Applied, Closed, FillApplied};
use crate::decimal::Qty;
use crate::error::{ApplyError, FillError, TriggerError};
use crate::fills::{Fill, FillCheck};
use crate::handle::OrderMut;
use crate::ids::ClientOrderId;
use crate::report::ExecutionReport;
use crate::transitions::{CanClose, CanFill, CanLateFill, FillOutcome, LateFillOutcome};

impl AnyOrder {
    /// A fill of a `Filled` order: a duplicate if its trade id was counted,
    /// otherwise refused (an overfill: nothing is open).
    pub(super) fn fill_of_filled(&self, fill: &Fill) -> Result<Applied, ApplyError> {
        let client_id = self.client_id();
        let fills = self.fills();
        let source = match fills.check(fill, self.0.core.fill_limit()) {
            Ok(FillCheck::Duplicate) => return Ok(Applied::Duplicate),
            Ok(FillCheck::New { .. }) | Err(FillError::Overfill { .. }) => FillError::Overfill {
                trade_id: fill.trade_id,
                fill_qty: fill.qty,
                filled: fills.filled(),
                quantity: self.quantity(),
            },
            Err(other) => other,
        };
        Err(ApplyError::Fill { client_id, source })
    }

    pub(super) fn not_applicable(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::NotApplicable {
            client_id: self.client_id(),
            status: self.status(),
            execution: report.execution,
        }
    }
}

/// What a conditional order's transition (`arm`, `triggered_into`,
/// `legacy_trigger`) did: `applied`, or its refusal. The table only takes these
/// steps for conditional orders, so the refusal does not happen through it.
pub(super) fn trigger_step<T, E: Into<TriggerError>>(
    step: Result<T, E>,
    client_id: ClientOrderId,
    applied: Applied,
) -> Result<Applied, ApplyError> {
    step.map(|_| applied).map_err(|error| ApplyError::Trigger {
        client_id,
        source: error.into(),
    })
}

pub(super) fn fill_applied(fill: &Fill, filled_qty: Qty, cumulative: Option<Qty>) -> FillApplied {
    let closed = Closed::between(filled_qty, cumulative);
    FillApplied {
        trade_id: fill.trade_id,
        qty: fill.qty,
        price: fill.price,
        filled_qty,
        unseen_qty: closed.unseen_qty,
        excess_qty: closed.excess_qty,
    }
}

/// A regular fill of a live order, through [`OrderMut::fill`].
pub(super) fn live_fill<S: CanFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Result<Applied, ApplyError> {
    let client_id = order.client_id();
    match order.fill(fill) {
        Ok(FillOutcome::Partial(o)) => Ok(Applied::PartiallyFilled(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(FillOutcome::Complete(o)) => Ok(Applied::Filled(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(FillOutcome::Duplicate(_)) => Ok(Applied::Duplicate),
        Err(refused) => Err(ApplyError::Fill {
            client_id,
            source: refused.error,
        }),
    }
}

/// A fill of a closed order, through [`OrderMut::late_fill`].
pub(super) fn late_fill<S: CanLateFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Result<Applied, ApplyError> {
    let client_id = order.client_id();
    match order.late_fill(fill) {
        Ok(LateFillOutcome::Accounted(o)) => Ok(Applied::LateFill(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(LateFillOutcome::Duplicate(_)) => Ok(Applied::Duplicate),
        Err(refused) => Err(ApplyError::Fill {
            client_id,
            source: refused.error,
        }),
    }
}

/// `CANCELED` / `EXPIRED` of a live order, through [`OrderMut::cancelled`] /
/// [`OrderMut::expired`].
pub(super) fn close<S: CanClose>(
    order: OrderMut<'_, S>,
    report: &ExecutionReport,
    event: Event,
) -> Result<Applied, ApplyError> {
    let closed = Closed::between(order.filled_qty(), report.cumulative_qty);
    let at = report.transaction_time;
    if matches!(event, Event::Expire) {
        let _ = order.expired(report.exchange_id, report.expiry_reason, at);
        Ok(Applied::Expired(closed))
    } else {
        let _ = order.cancelled(report.exchange_id, at);
        Ok(Applied::Cancelled(closed))
    }
}
