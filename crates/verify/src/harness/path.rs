//! The path to a start state ([`path`]): the requests and reports that take a
//! valid order there through legal transitions, through the matching engine
//! or, for a conditional order, the algo service (armed, triggering,
//! triggered, cancelled while armed) and the legacy trigger.

use ordertrack::{
    AlgoId, ExchangeOrderId, ExecutionReport, ExecutionType, ExpiryReason, FailReason, NewOrder,
    OrderTerms, Price, Qty, ReportFill, ReportStatus, TradeId,
};

use super::start::StartStep;
use crate::ops::{StartState, StartStatus, pools};

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
    /// The algo id the algo service's reports name.
    pub(super) algo_id: AlgoId,
    /// The quantity a close-position order's triggered order states when the
    /// path fills it completely (at least one lot).
    pub(super) position: Qty,
    /// The price of its fills.
    pub(super) price: Price,
    /// When every step happens.
    pub(super) at: u64,
}

/// Builds the reports of one path.
struct Reports<'a> {
    spec: &'a NewOrder,
    path: &'a PathSpec,
    steps: Vec<StartStep>,
    filled: Qty,
}

impl Reports<'_> {
    /// A matching-engine report naming the order's ids, at the path's time.
    fn engine(&self, execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
        ExecutionReport {
            client_id: Some(self.spec.client_id),
            exchange_id: Some(self.path.exchange_id),
            cumulative_qty: Some(self.filled),
            ..ExecutionReport::new(self.spec.symbol, execution, status, self.path.at)
        }
    }

    /// An algo-service report naming the order's client and algo ids.
    fn algo(&mut self, execution: ExecutionType, status: ReportStatus, ai: bool) {
        let report = ExecutionReport {
            algo_id: Some(self.path.algo_id),
            exchange_id: ai.then_some(self.path.exchange_id),
            ..self.engine(execution, status)
        };
        self.steps.push(StartStep::Report(report));
    }

    fn push(&mut self, report: ExecutionReport) {
        self.steps.push(StartStep::Report(report));
    }

    /// The matching engine's `NEW`.
    fn ack(&mut self) {
        let ack = self.engine(ExecutionType::New, ReportStatus::New);
        self.push(ack);
    }

    /// A trade of `qty` (its status `FILLED` when `complete`), stating the
    /// order's terms with `quantity` when given.
    fn trade(&mut self, trade_id: TradeId, qty: Qty, complete: bool, quantity: Option<Qty>) {
        self.filled = self.filled.checked_add(qty).unwrap_or(Qty::MAX);
        let status = if complete {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        let spec = self.spec;
        let terms = quantity.map(|quantity| OrderTerms {
            side: spec.side,
            order_type: Some(spec.order_type),
            quantity,
            price: spec.price,
            reduce_only: Some(spec.reduce_only),
            close_position: spec.is_close_position(),
            trigger_price: spec.trigger.and_then(|t| t.price),
            working_type: spec.trigger.map(|t| t.working_type),
        });
        let fill = ReportFill {
            trade_id,
            qty,
            price: self.path.price,
        };
        let report = ExecutionReport {
            fill: Some(fill),
            terms,
            ..self.engine(ExecutionType::Trade, status)
        };
        self.push(report);
    }

    /// A close of `execution`, naming the exchange id only when acknowledged;
    /// a conditional order's expiry says why (reason 6: not the legacy
    /// trigger's 8 or none).
    fn close(&mut self, execution: ExecutionType, status: ReportStatus) {
        let reason = self.spec.trigger.map(|_| ExpiryReason(6));
        let report = ExecutionReport {
            exchange_id: self.path.acked.then_some(self.path.exchange_id),
            expiry_reason: reason.filter(|_| execution == ExecutionType::Expired),
            ..self.engine(execution, status)
        };
        self.push(report);
    }
}

/// The steps that take a valid `spec` to `path.start` through legal
/// transitions; `fresh_trade` hands out the fills' trade ids.
pub(super) fn path(
    spec: &NewOrder,
    path: &PathSpec,
    mut fresh_trade: impl FnMut() -> TradeId,
) -> Vec<StartStep> {
    use StartStatus as S;
    let status = path.start.status;
    if status == S::Idle {
        return Vec::new();
    }
    let at = path.at;
    let mut r = Reports {
        spec,
        path,
        steps: vec![StartStep::Place(at)],
        filled: Qty::ZERO,
    };
    let closes_position = spec.is_close_position();
    // A partial fill of `prefill_lots`, leaving quantity open (any amount
    // leaves a close-position order's unknown quantity open).
    let mut prefill = |r: &mut Reports<'_>| {
        let lots = pools::lots(path.start.prefill_lots);
        if !lots.is_zero() && (closes_position || lots < spec.quantity) {
            r.trade(fresh_trade(), lots, false, None);
        }
    };
    match status {
        S::Idle | S::Placing => {}
        S::InDoubt => r.steps.push(StartStep::InDoubt(at)),
        S::Failed => {
            let reason = FailReason::ExchangeError { code: -2019 };
            r.steps.push(StartStep::PlaceFailed(reason, at));
        }
        S::Armed => r.algo(ExecutionType::New, ReportStatus::New, false),
        S::Triggering => {
            r.algo(ExecutionType::New, ReportStatus::New, false);
            r.algo(ExecutionType::Triggering, ReportStatus::Triggering, false);
        }
        S::Triggered => {
            r.algo(ExecutionType::New, ReportStatus::New, false);
            r.algo(
                ExecutionType::Triggered,
                ReportStatus::Triggered,
                path.acked,
            );
            prefill(&mut r);
        }
        S::CancellingArmed => {
            r.steps.push(StartStep::Cancel(at));
            r.algo(ExecutionType::New, ReportStatus::New, false);
        }
        S::LegacyTriggered => {
            r.ack();
            let trigger = ExecutionReport {
                expiry_reason: Some(ExpiryReason(8)),
                ..r.engine(ExecutionType::Expired, ReportStatus::Expired)
            };
            r.push(trigger);
            prefill(&mut r);
        }
        S::Active | S::Filled | S::Cancelling | S::Cancelled | S::Expired => {
            if path.acked || matches!(status, S::Active | S::Filled) {
                r.ack();
                prefill(&mut r);
            }
            match status {
                S::Filled if closes_position => {
                    // The triggered order states the position and fills it.
                    let quantity = r.filled.checked_add(path.position).unwrap_or(Qty::MAX);
                    r.trade(fresh_trade(), path.position, true, Some(quantity));
                }
                S::Filled => {
                    let rest = spec.quantity.saturating_sub(r.filled);
                    r.trade(fresh_trade(), rest, true, None);
                }
                S::Cancelling => r.steps.push(StartStep::Cancel(at)),
                S::Cancelled => r.close(ExecutionType::Canceled, ReportStatus::Canceled),
                S::Expired => r.close(ExecutionType::Expired, ReportStatus::Expired),
                _ => {}
            }
        }
    }
    r.steps
}
