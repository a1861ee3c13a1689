//! The properties issue 12 adds: a conditional order's binding never reverts,
//! every order that closes is told so, and a quantity changes only by an
//! amendment or by the statement of a close-position order's triggered order.

use ordertrack::{Applied, OrderStatus};

use super::{StepView, after, both};
use crate::harness::{Action, StepOutcome};
use crate::reference::RefOutcome;

/// A conditional order's binding never reverts: an algo id once shown stays
/// the same, a triggered order stays triggered, an armed order has its algo
/// id and no exchange id; only a conditional order (one with a trigger) has an
/// algo id or is triggered.
///
/// # Errors
/// The order whose binding reverted, or that has one it cannot have.
pub fn algo_binding_never_reverts(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        if a.spec.trigger.is_none() && (a.algo_id.is_some() || a.triggered) {
            return Err(format!(
                "plain order #{id} shows algo id {:?}, triggered {}",
                a.algo_id, a.triggered
            ));
        }
        if a.status == OrderStatus::Armed && (a.algo_id.is_none() || a.exchange_id.is_some()) {
            return Err(format!(
                "armed order #{id} shows algo id {:?}, exchange id {:?}",
                a.algo_id, a.exchange_id
            ));
        }
    }
    for (id, b, a) in both(s) {
        if b.algo_id.is_some() && a.algo_id != b.algo_id {
            return Err(format!(
                "order #{id}'s algo id went from {:?} to {:?}",
                b.algo_id, a.algo_id
            ));
        }
        if b.triggered && !a.triggered {
            return Err(format!("order #{id} triggered, then no longer"));
        }
    }
    Ok(())
}

/// Every order that closes during a step is told so: the step is a report
/// applied to that order whose outcome names the state it closed in
/// (`Filled`, `Cancelled`, `Expired`, `Failed`), or a successful
/// `place_failed` on it (Failed). An order completed by the quantity its
/// triggered order states is `Filled`, whatever else the report was.
///
/// # Errors
/// The order that closed without being told so.
pub fn every_close_is_reported(s: &StepView<'_>) -> Result<(), String> {
    for (id, b, a) in both(s) {
        if b.status.is_terminal() || !a.status.is_terminal() {
            continue;
        }
        let told = match (s.action, s.outcome) {
            (
                Action::Apply { .. },
                StepOutcome::Applied(Ok(RefOutcome::Applied {
                    id: target,
                    applied,
                })),
            ) if *target == id => matches!(
                (applied, a.status),
                (Applied::Filled(_), OrderStatus::Filled)
                    | (Applied::Cancelled(_), OrderStatus::Cancelled)
                    | (Applied::Expired(_), OrderStatus::Expired)
                    | (Applied::Failed(_), OrderStatus::Failed)
            ),
            (Action::PlaceFailed { id: target, .. }, StepOutcome::Done(Ok(()))) => {
                *target == id && a.status == OrderStatus::Failed
            }
            _ => false,
        };
        if !told {
            return Err(format!(
                "order #{id} went from {} to {} and was told {:?}",
                b.status, a.status, s.outcome
            ));
        }
    }
    Ok(())
}

/// An order's quantity changes only by an amendment applied to it
/// (`Amended`), or once, from unknown to known, by a report applied to it (a
/// close-position order's triggered order stating its quantity); a known
/// quantity never becomes unknown.
///
/// # Errors
/// The order whose quantity changed otherwise.
pub fn quantity_changes_only_by_amendment_or_statement(s: &StepView<'_>) -> Result<(), String> {
    for (id, b, a) in both(s) {
        if b.quantity_known && !a.quantity_known {
            return Err(format!("order #{id}'s quantity became unknown"));
        }
        if a.spec.quantity == b.spec.quantity {
            continue;
        }
        let applied = match s.outcome {
            StepOutcome::Applied(Ok(RefOutcome::Applied {
                id: target,
                applied,
            })) if *target == id => Some(applied),
            _ => None,
        };
        let amended = applied == Some(&Applied::Amended);
        let stated = applied.is_some() && !b.quantity_known && a.quantity_known;
        if !(amended || stated) {
            return Err(format!(
                "order #{id}'s quantity went from {} to {} by {:?}",
                b.spec.quantity, a.spec.quantity, s.outcome
            ));
        }
    }
    Ok(())
}
