//! How a registered order reaches its start state: a [`StartStep`] path made
//! from the op, which each side replays on its own order — the tracker side on
//! an [`AnyOrder`] ([`tracker_order`]), the reference on a [`RefOrder`]
//! ([`reference_order`]) — so the start state is itself a comparison.

use ordertrack::{
    AnyOrder, ExchangeOrderId, ExecutionReport, ExecutionType, FailReason, NewOrder, OrderError,
    Price, Qty, ReportFill, ReportStatus, TradeId,
};

use super::FillRecord;
use crate::ops::{StartState, StartStatus, pools};
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

/// Where the path starts from and what its reports carry.
#[derive(Clone, Copy, Debug)]
pub(super) struct PathSpec {
    /// The state to reach.
    pub(super) start: StartState,
    /// The exchange id acks and fills name.
    pub(super) exchange_id: ExchangeOrderId,
    /// Whether the order is acknowledged on the way (else a cancel sent before
    /// any ack, or a rejection, keeps the id unknown).
    pub(super) acked: bool,
    /// The price of its fills.
    pub(super) price: Price,
    /// When every step happens.
    pub(super) at: u64,
}

/// The steps that take a valid `spec` to `path.start` through legal
/// transitions; `fresh_trade` hands out the fills' trade ids.
pub(super) fn path(
    spec: &NewOrder,
    path: &PathSpec,
    mut fresh_trade: impl FnMut() -> TradeId,
) -> Vec<StartStep> {
    let status = path.start.status;
    if status == StartStatus::Idle {
        return Vec::new();
    }
    let at = path.at;
    let report = |execution, status, fill: Option<ReportFill>, cumulative| ExecutionReport {
        algo_id: None,
        client_id: Some(spec.client_id),
        exchange_id: Some(path.exchange_id),
        symbol: spec.symbol,
        execution,
        status,
        fill,
        cumulative_qty: Some(cumulative),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: at,
    };
    let mut steps = vec![StartStep::Place(at)];
    match status {
        StartStatus::Idle | StartStatus::Placing => {}
        StartStatus::InDoubt => steps.push(StartStep::InDoubt(at)),
        StartStatus::Failed => {
            let reason = FailReason::ExchangeError { code: -2019 };
            steps.push(StartStep::PlaceFailed(reason, at));
        }
        StartStatus::Active
        | StartStatus::Filled
        | StartStatus::Cancelling
        | StartStatus::Cancelled
        | StartStatus::Expired => {
            let mut filled = Qty::ZERO;
            let ack = path.acked || matches!(status, StartStatus::Active | StartStatus::Filled);
            if ack {
                steps.push(StartStep::Report(report(
                    ExecutionType::New,
                    ReportStatus::New,
                    None,
                    filled,
                )));
                let lots = pools::lots(path.start.prefill_lots);
                if !lots.is_zero() && lots < spec.quantity {
                    let fill = ReportFill {
                        trade_id: fresh_trade(),
                        qty: lots,
                        price: path.price,
                    };
                    filled = lots;
                    steps.push(StartStep::Report(report(
                        ExecutionType::Trade,
                        ReportStatus::PartiallyFilled,
                        Some(fill),
                        filled,
                    )));
                }
            }
            let close = |execution, status| {
                let mut r = report(execution, status, None, filled);
                r.exchange_id = path.acked.then_some(path.exchange_id);
                StartStep::Report(r)
            };
            match status {
                StartStatus::Filled => {
                    let fill = ReportFill {
                        trade_id: fresh_trade(),
                        qty: spec.quantity.saturating_sub(filled),
                        price: path.price,
                    };
                    steps.push(StartStep::Report(report(
                        ExecutionType::Trade,
                        ReportStatus::Filled,
                        Some(fill),
                        spec.quantity,
                    )));
                }
                StartStatus::Cancelling => steps.push(StartStep::Cancel(at)),
                StartStatus::Cancelled => {
                    steps.push(close(ExecutionType::Canceled, ReportStatus::Canceled));
                }
                StartStatus::Expired => {
                    steps.push(close(ExecutionType::Expired, ReportStatus::Expired));
                }
                _ => {}
            }
        }
    }
    steps
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
