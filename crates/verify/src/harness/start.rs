//! How a registered order reaches its start state: a [`StartStep`] path made
//! from the op (`path.rs`), which each side replays on its own order — the tracker side on
//! an [`AnyOrder`] ([`tracker_order`]), the reference on a [`RefOrder`]
//! ([`reference_order`]) — so the start state is itself a comparison.

use ordertrack::{AnyOrder, ExecutionReport, ExecutionType, FailReason, NewOrder, OrderError};

use super::FillRecord;
use crate::reference::RefOrder;

/// One thing done to an order before it is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartStep {
    /// `place(at)`.
    Place(u64),
    /// `place_in_doubt(at)`.
    InDoubt(u64),
    /// `place_failed(reason, at)`.
    PlaceFailed(FailReason, u64),
    /// `request_cancel(at)`.
    Cancel(u64),
    /// `apply(report)`.
    Report(ExecutionReport),
}

impl StartStep {
    /// Whether this step is a definitive rejection (`place_failed`, a
    /// `REJECTED` report).
    #[must_use]
    pub fn is_definitive_rejection(&self) -> bool {
        match self {
            Self::PlaceFailed(..) => true,
            Self::Report(report) => report.execution == ExecutionType::Rejected,
            Self::Place(_) | Self::InDoubt(_) | Self::Cancel(_) => false,
        }
    }
}

/// The tracker side: the order `AnyOrder::new` builds from `spec`, taken along
/// `path` by `AnyOrder`, and the fills it reported applying. A step it refuses
/// is skipped (the reference then disagrees on the registered order).
///
/// # Errors
/// `AnyOrder::new`'s refusal.
pub fn tracker_order(
    spec: NewOrder,
    path: &[StartStep],
) -> Result<(AnyOrder, Vec<FillRecord>), OrderError> {
    let mut order = AnyOrder::new(spec)?;
    let mut fills = Vec::new();
    for step in path {
        // A refused step changes nothing; the comparison of the registered
        // order with the reference's shows it.
        match *step {
            StartStep::Place(at) => {
                let _ = order.place(at);
            }
            StartStep::InDoubt(at) => {
                let _ = order.place_in_doubt(at);
            }
            StartStep::PlaceFailed(reason, at) => {
                let _ = order.place_failed(reason, at);
            }
            StartStep::Cancel(at) => {
                let _ = order.request_cancel(at);
            }
            StartStep::Report(ref report) => {
                if let Ok(applied) = order.apply(report)
                    && let Some(f) = applied.fill()
                {
                    fills.push((f.trade_id, f.qty, f.price));
                }
            }
        }
    }
    Ok((order, fills))
}

/// The reference side: its own order built from `spec` and taken along
/// `path` by its own rules.
///
/// # Errors
/// The reference's refusal of `spec`.
pub fn reference_order(spec: NewOrder, path: &[StartStep]) -> Result<RefOrder, OrderError> {
    let mut order = RefOrder::new(spec)?;
    for step in path {
        // As on the tracker side, a refused step changes nothing.
        match *step {
            StartStep::Place(at) => {
                let _ = order.place(at);
            }
            StartStep::InDoubt(at) => {
                let _ = order.place_in_doubt(at);
            }
            StartStep::PlaceFailed(reason, at) => {
                let _ = order.place_failed(reason, at);
            }
            StartStep::Cancel(at) => {
                let _ = order.request_cancel(at);
            }
            StartStep::Report(ref report) => {
                let _ = order.apply(report);
            }
        }
    }
    Ok(order)
}
