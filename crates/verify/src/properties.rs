//! The named state-machine invariants, each its own predicate over one step.
//!
//! They look only at what the tracker under test answered (its outcomes and its
//! queries before and after the step, and the [`History`] built from them), never
//! at the reference model, so each one has teeth of its own (see
//! `tests/teeth.rs`). The harness checks all of [`ALL`] after every step.

use std::collections::BTreeSet;

use ordertrack::{Applied, ExecutionType, OrderStatus, Qty, TRADE_WINDOW};

use crate::harness::{Action, History, Observed, OrderView, StartStep, StepOutcome};
use crate::reference::{CallbackCall, RefError, RefOutcome};

/// One step as the properties see it.
#[derive(Clone, Copy, Debug)]
pub struct StepView<'a> {
    /// What was done.
    pub action: &'a Action,
    /// What the tracker under test returned.
    pub outcome: &'a StepOutcome,
    /// The callbacks it called.
    pub calls: &'a [CallbackCall],
    /// Everything observable before the step.
    pub before: &'a Observed,
    /// Everything observable after it.
    pub after: &'a Observed,
    /// The run so far (updated with this step).
    pub history: &'a History,
}

/// A named property: `Err` says how it was violated.
pub type Property = fn(&StepView<'_>) -> Result<(), String>;

/// Every property, by name.
pub const ALL: [(&str, Property); 8] = [
    (
        "terminal_states_are_absorbing",
        terminal_states_are_absorbing,
    ),
    (
        "filled_qty_never_decreases_nor_exceeds_quantity",
        filled_qty_never_decreases_nor_exceeds_quantity,
    ),
    (
        "average_fill_price_within_fill_range",
        average_fill_price_within_fill_range,
    ),
    ("no_trade_id_counted_twice", no_trade_id_counted_twice),
    (
        "cancelled_order_never_reopened",
        cancelled_order_never_reopened,
    ),
    (
        "only_definitive_rejection_fails_an_order",
        only_definitive_rejection_fails_an_order,
    ),
    (
        "stale_key_never_reaches_another_order",
        stale_key_never_reaches_another_order,
    ),
    (
        "failed_operation_changed_nothing",
        failed_operation_changed_nothing,
    ),
];

/// Orders tracked both before and after the step: `(id, before, after)`.
fn both<'a>(s: &StepView<'a>) -> impl Iterator<Item = (usize, &'a OrderView, &'a OrderView)> {
    s.before
        .orders
        .iter()
        .zip(&s.after.orders)
        .enumerate()
        .filter_map(|(id, (b, a))| Some((id, b.as_ref()?, a.as_ref()?)))
}

/// Orders tracked after the step: `(id, order)`.
fn after<'a>(s: &StepView<'a>) -> impl Iterator<Item = (usize, &'a OrderView)> {
    s.after
        .orders
        .iter()
        .enumerate()
        .filter_map(|(id, o)| Some((id, o.as_ref()?)))
}

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

/// Filled quantity never goes down and never exceeds the order's quantity
/// (once known: a close-position order's is not until its triggered order
/// states it).
///
/// # Errors
/// The order whose filled quantity went down or above its quantity.
pub fn filled_qty_never_decreases_nor_exceeds_quantity(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        if a.quantity_known && a.filled_qty > a.spec.quantity {
            return Err(format!(
                "order #{id} filled {} of quantity {}",
                a.filled_qty, a.spec.quantity
            ));
        }
    }
    for (id, b, a) in both(s) {
        if a.filled_qty < b.filled_qty {
            return Err(format!(
                "order #{id} filled qty went down from {} to {}",
                b.filled_qty, a.filled_qty
            ));
        }
    }
    Ok(())
}

/// The average fill price lies between the lowest and highest price of the
/// fills applied (and there is none before any fill).
///
/// # Errors
/// The order whose average price lies outside its fills' range.
pub fn average_fill_price_within_fill_range(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        let fills = s.history.fills.get(id).map_or(&[][..], Vec::as_slice);
        let average = a.average_price;
        let low = fills.iter().map(|f| f.2).min();
        let high = fills.iter().map(|f| f.2).max();
        match (average, low, high) {
            (None, None, None) => {}
            (Some(avg), Some(low), Some(high)) if low <= avg && avg <= high => {}
            _ => {
                return Err(format!(
                    "order #{id}: average fill price {average:?} outside [{low:?}, {high:?}] of its fills"
                ));
            }
        }
    }
    Ok(())
}

/// No trade id is counted twice: the fills the tracker reported applying to
/// an order have distinct trade ids, the order counts exactly that many fills,
/// it remembers (distinct) the [`TRADE_WINDOW`] highest of them and its floor
/// is the highest of the others, and the filled quantity is their sum.
///
/// # Errors
/// The order with a trade id counted twice, or whose fills do not add up.
pub fn no_trade_id_counted_twice(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        let ids = &a.trade_ids;
        let distinct: BTreeSet<_> = ids.iter().copied().collect();
        if distinct.len() != ids.len() {
            return Err(format!("order #{id} holds a trade id twice: {ids:?}"));
        }
        let fills = s.history.fills.get(id).map_or(&[][..], Vec::as_slice);
        let reported: Vec<_> = fills.iter().map(|f| f.0).collect();
        let reported_distinct: BTreeSet<_> = reported.iter().copied().collect();
        if reported_distinct.len() != reported.len() {
            return Err(format!(
                "order #{id}: the tracker reported applying a trade id twice: {reported:?}"
            ));
        }
        if a.fill_count != reported.len() {
            return Err(format!(
                "order #{id} counts {} fills, the tracker reported applying {reported:?}",
                a.fill_count
            ));
        }
        let mut highest = reported_distinct.iter().rev().copied();
        let remembered: BTreeSet<_> = highest.by_ref().take(TRADE_WINDOW).collect();
        let floor = highest.next();
        if remembered != distinct || floor != a.trade_floor {
            return Err(format!(
                "order #{id} remembers trade ids {ids:?} above floor {:?}, the tracker \
                 reported applying {reported:?}",
                a.trade_floor
            ));
        }
        let sum = fills
            .iter()
            .try_fold(Qty::ZERO, |acc, f| acc.checked_add(f.1));
        if sum != Some(a.filled_qty) {
            return Err(format!(
                "order #{id} filled {} but its applied fills sum to {sum:?}",
                a.filled_qty
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
