//! The named state-machine invariants, each its own predicate over one step.
//!
//! They look only at what the tracker under test answered (its outcomes and its
//! queries before and after the step, and the [`History`] built from them), never
//! at the reference model, so each one has teeth of its own (see
//! `tests/teeth.rs`). The harness checks all of [`ALL`] after every step.

mod conditional;
mod fills;
mod lifecycle;

pub use conditional::{
    algo_binding_never_reverts, every_close_is_reported,
    quantity_changes_only_by_amendment_or_statement,
};
pub use fills::{
    average_fill_price_within_fill_range, filled_qty_never_decreases_nor_exceeds_quantity,
    no_trade_id_counted_twice,
};
pub use lifecycle::{
    cancelled_order_never_reopened, failed_operation_changed_nothing,
    only_definitive_rejection_fails_an_order, stale_key_never_reaches_another_order,
    terminal_states_are_absorbing,
};

use crate::harness::{Action, History, Observed, OrderView, StepOutcome};
use crate::reference::CallbackCall;

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
pub const ALL: [(&str, Property); 11] = [
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
    ("algo_binding_never_reverts", algo_binding_never_reverts),
    ("every_close_is_reported", every_close_is_reported),
    (
        "quantity_changes_only_by_amendment_or_statement",
        quantity_changes_only_by_amendment_or_statement,
    ),
];

/// Orders tracked both before and after the step: `(id, before, after)`.
pub(super) fn both<'a>(
    s: &StepView<'a>,
) -> impl Iterator<Item = (usize, &'a OrderView, &'a OrderView)> {
    s.before
        .orders
        .iter()
        .zip(&s.after.orders)
        .enumerate()
        .filter_map(|(id, (b, a))| Some((id, b.as_ref()?, a.as_ref()?)))
}

/// Orders tracked after the step: `(id, order)`.
pub(super) fn after<'a>(s: &StepView<'a>) -> impl Iterator<Item = (usize, &'a OrderView)> {
    s.after
        .orders
        .iter()
        .enumerate()
        .filter_map(|(id, o)| Some((id, o.as_ref()?)))
}
