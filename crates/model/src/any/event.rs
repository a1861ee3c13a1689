//! A report reduced to what the table matches on, and the one rule that reads
//! the order to tell which event a report is: the legacy trigger.

use super::AnyOrder;
use crate::error::ApplyError;
use crate::fills::Fill;
use crate::ids::{AlgoId, ExchangeOrderId};
use crate::report::{Amendment, ExecutionReport, ExecutionType, ReportStatus};
use crate::state::ExpiryReason;

/// What the table matches on.
#[derive(Clone, Copy)]
pub(super) enum Event {
    /// The matching engine's `NEW`, with the exchange id when the report names one.
    Ack(Option<ExchangeOrderId>),
    /// The algo service's `NEW`: it accepted the conditional order.
    AlgoAck(AlgoId),
    /// The algo service's `TRIGGERING` (or a `TRIGGERED` / `FINISHED` that
    /// names no matching-engine order yet).
    Triggering(AlgoId),
    /// The algo service's `TRIGGERED` / `FINISHED`, naming the matching-engine
    /// order the conditional order became.
    Triggered(AlgoId, ExchangeOrderId),
    /// The matching engine's `EXPIRED` of a conditional order it triggered in
    /// place (see [`AnyOrder::is_legacy_trigger`]).
    LegacyTrigger(Option<ExchangeOrderId>),
    /// `TRADE` / `CALCULATED`.
    Fill(Fill),
    /// `CANCELED`, of either service.
    Cancel,
    /// `EXPIRED`, of either service.
    Expire,
    /// `AMENDMENT`.
    Amend(Amendment),
    /// `REJECTED`, of either service.
    Reject,
}

impl AnyOrder {
    /// The report as a table event, or what its execution type lacks. An
    /// algo-service report about an order that is not conditional applies in
    /// no state.
    pub(super) fn event(&self, report: &ExecutionReport) -> Result<Event, ApplyError> {
        let client_id = self.client_id();
        let execution = report.execution;
        if report.algo_id.is_some() && !self.order_type().is_conditional() {
            return Err(self.not_applicable(report));
        }
        let algo_id = || {
            report.algo_id.ok_or(ApplyError::MissingAlgoId {
                client_id,
                execution,
            })
        };
        Ok(match execution {
            ExecutionType::New => match report.algo_id {
                Some(algo_id) => Event::AlgoAck(algo_id),
                None => Event::Ack(report.exchange_id),
            },
            ExecutionType::Triggering => Event::Triggering(algo_id()?),
            ExecutionType::Triggered => {
                let algo_id = algo_id()?;
                match report.exchange_id {
                    Some(exchange_id) => Event::Triggered(algo_id, exchange_id),
                    None => Event::Triggering(algo_id),
                }
            }
            ExecutionType::Trade | ExecutionType::Calculated => {
                Event::Fill(report.as_fill().ok_or(ApplyError::MissingFill {
                    client_id,
                    execution,
                })?)
            }
            ExecutionType::Canceled => Event::Cancel,
            ExecutionType::Expired if self.is_legacy_trigger(report) => {
                Event::LegacyTrigger(report.exchange_id)
            }
            ExecutionType::Expired => Event::Expire,
            ExecutionType::Amendment => Event::Amend(
                report
                    .amendment
                    .ok_or(ApplyError::MissingAmendment { client_id })?,
            ),
            ExecutionType::Rejected => Event::Reject,
        })
    }

    /// Whether an `EXPIRED` report is the trigger of a conditional order placed
    /// on the matching engine itself (before Binance's algo service), not its
    /// end. Before 2025-12-09 such an order triggered in place: Binance sent
    /// `EXPIRED`, then `NEW` under the same order id with the triggered type
    /// (`o = MARKET`, `ot = STOP_MARKET`), then its trades. It is the trigger
    /// exactly when all of these hold:
    ///
    /// - the report comes from the matching engine (no algo id), with status
    ///   `EXPIRED` (never `EXPIRED_IN_MATCH`: self-trade prevention ends an
    ///   order);
    /// - the order is of a conditional type and the algo service never
    ///   accepted it (no algo id);
    /// - the report's expiry reason is [`ExpiryReason::TRIGGERED`] (`er = 8`)
    ///   or absent (recordings from before `er` existed). Any other reason,
    ///   `0` included (a GTE_GTC order whose position closed is `6`), is a
    ///   real expiry: the order is closed;
    /// - the order has not triggered yet, or triggered no earlier than the
    ///   report (the trigger delivered again, or delivered after the first
    ///   fill that revealed it: the table ignores it then). An `EXPIRED` after
    ///   the trigger is the triggered order's own end.
    pub(super) fn is_legacy_trigger(&self, report: &ExecutionReport) -> bool {
        report.algo_id.is_none()
            && report.status == ReportStatus::Expired
            && self.order_type().is_conditional()
            && self.algo_id().is_none()
            && matches!(report.expiry_reason, None | Some(ExpiryReason::TRIGGERED))
            && self
                .triggered_at()
                .is_none_or(|at| report.transaction_time <= at)
    }
}
