//! The lifecycle properties: terminal states absorbing, a cancelled order
//! never reopened, only a definitive rejection failing an order, stale keys,
//! failed operations changing nothing.

use ordertrack::{Applied, ExecutionType, OrderStatus};

use super::{StepView, after, both};
use crate::harness::{Action, StartStep, StepOutcome};
use crate::reference::{RefError, RefOutcome};

/// A terminal order (Filled, Cancelled, Expired, Failed) keeps its state.
///
/// # Errors
/// The order that left a terminal state.
pub fn terminal_states_are_absorbing(s: &StepView<'_>) -> Result<(), String> {
    for (id, b, a) in both(s) {
        if b.status.is_terminal() && a.status != b.status {
            return Err(format!(
                "order #{id} left terminal state {} for {}",
                b.status, a.status
            ));
        }
    }
    Ok(())
}

/// Once seen Cancelled, an order stays Cancelled (late fills included).
///
/// # Errors
/// The cancelled order seen in another state.
pub fn cancelled_order_never_reopened(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        let was_cancelled = s.history.ever_cancelled.get(id).copied().unwrap_or(false)
            || s.before
                .orders
                .get(id)
                .and_then(Option::as_ref)
                .is_some_and(|b| b.status == OrderStatus::Cancelled);
        if was_cancelled && a.status != OrderStatus::Cancelled {
            return Err(format!("cancelled order #{id} is now {}", a.status));
        }
    }
    Ok(())
}

/// An order becomes Failed only through a definitive rejection: `place_failed`
/// on it, a `REJECTED` report applied to it, or registration of an order whose
/// path to its start state held one. A timeout (`place_in_doubt`) never fails an order.
///
/// # Errors
/// The order that failed without a definitive rejection.
pub fn only_definitive_rejection_fails_an_order(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        if a.status != OrderStatus::Failed {
            continue;
        }
        let was_failed = s
            .before
            .orders
            .get(id)
            .and_then(Option::as_ref)
            .is_some_and(|b| b.status == OrderStatus::Failed);
        if was_failed {
            continue;
        }
        let definitive = match (s.action, s.outcome) {
            (Action::PlaceFailed { id: target, .. }, StepOutcome::Done(Ok(()))) => *target == id,
            (
                Action::Apply { report },
                StepOutcome::Applied(Ok(RefOutcome::Applied {
                    id: target,
                    applied: Applied::Failed(_),
                })),
            ) => report.execution == ExecutionType::Rejected && *target == id,
            (Action::Register { path, .. }, StepOutcome::Registered(Ok(target))) => {
                path.iter().any(StartStep::is_definitive_rejection) && *target == id
            }
            _ => false,
        };
        if !definitive {
            return Err(format!(
                "order #{id} became Failed without a definitive rejection (by {:?})",
                s.action
            ));
        }
    }
    Ok(())
}

/// A key whose order was removed never reaches an order again (`get` gives
/// `None`, requests give `StaleKey`), and a live key reaches only its own order.
///
/// # Errors
/// The stale key that reached an order, or the key that reached another one.
pub fn stale_key_never_reaches_another_order(s: &StepView<'_>) -> Result<(), String> {
    for (id, o) in s.after.orders.iter().enumerate() {
        let removed = s.history.removed.get(id).copied().unwrap_or(false);
        match o {
            Some(o) if removed => {
                return Err(format!(
                    "the stale key of removed order #{id} reaches {}",
                    o.spec.client_id
                ));
            }
            Some(o) if s.history.client_ids.get(id) != Some(&o.spec.client_id) => {
                return Err(format!(
                    "the key of order #{id} ({:?}) reaches another order, {}",
                    s.history.client_ids.get(id),
                    o.spec.client_id
                ));
            }
            _ => {}
        }
    }
    if let Some(id) = s.action.target() {
        let stale = s.before.orders.get(id).is_some_and(Option::is_none);
        let refused = matches!(
            s.outcome,
            StepOutcome::Done(Err(RefError::StaleKey { .. })) | StepOutcome::Unregistered(None)
        );
        if stale && !refused {
            return Err(format!(
                "an operation with the stale key of order #{id} returned {:?}",
                s.outcome
            ));
        }
    }
    Ok(())
}

/// An operation that returned an error changed nothing observable: every order,
/// every query answer, and no callback was called.
///
/// # Errors
/// What changed.
pub fn failed_operation_changed_nothing(s: &StepView<'_>) -> Result<(), String> {
    if !s.outcome.is_err() {
        return Ok(());
    }
    let (b, a) = (s.before, s.after);
    if !s.calls.is_empty() {
        return Err(format!("a failed operation called back {:?}", s.calls));
    }
    if b.orders != a.orders {
        let changed: Vec<_> = b
            .orders
            .iter()
            .zip(&a.orders)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(id, _)| id)
            .collect();
        return Err(format!("a failed operation changed orders {changed:?}"));
    }
    if (b.len, b.is_empty, &b.all) != (a.len, a.is_empty, &a.all) {
        return Err("a failed operation changed len/iter".to_owned());
    }
    // Both lists are sorted by key (they come from the probe's ordered sets).
    fn same<K: Ord, V: PartialEq>(name: &str, b: &[(K, V)], a: &[(K, V)]) -> Result<(), String> {
        for (k, v) in a {
            if let Ok(i) = b.binary_search_by(|(bk, _)| bk.cmp(k))
                && b.get(i).is_some_and(|(_, old)| old != v)
            {
                return Err(format!("a failed operation changed a {name} answer"));
            }
        }
        Ok(())
    }
    same("lookup_client", &b.by_client, &a.by_client)?;
    same("lookup_exchange", &b.by_exchange, &a.by_exchange)?;
    same("by_sub_account", &b.by_sub_account, &a.by_sub_account)?;
    same("active_by_symbol", &b.active_by_symbol, &a.active_by_symbol)?;
    same("by_parent", &b.by_parent, &a.by_parent)
}
