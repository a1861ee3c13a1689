//! What a feed report is to the reference's order, as `docs/state-machine.md`
//! (*The runtime form*) and issue 12's rules write it: the report checks in
//! the documented order, then what the report says happened (an [`Event`]),
//! including which reports are the algo service's and when a matching-engine
//! `EXPIRED` is a conditional order's legacy trigger. The (state × event)
//! table is in [`super::table`].

use ordertrack::{
    AlgoId, Amendment, ApplyError, Closed, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, OrderTerms, OrderType, Qty, ReportFill, ReportStatus, TermMismatch,
};

use super::RefOrder;

/// Whether the exchange can report order status `status` with execution type
/// `execution` (docs, check 1: the 11 pairs of the matching engine, and the
/// algo service's `TRIGGERING` with `TRIGGERING`, `TRIGGERED` with
/// `TRIGGERED` or `FINISHED`: 14 of the 90).
#[must_use]
pub const fn status_fits(execution: ExecutionType, status: ReportStatus) -> bool {
    use ExecutionType as X;
    use ReportStatus as S;
    matches!(
        (execution, status),
        (X::New, S::New)
            | (X::Trade | X::Calculated, S::PartiallyFilled | S::Filled)
            | (X::Canceled, S::Canceled)
            | (X::Expired, S::Expired | S::ExpiredInMatch)
            | (X::Amendment, S::New | S::PartiallyFilled)
            | (X::Rejected, S::Rejected)
            | (X::Triggering, S::Triggering)
            | (X::Triggered, S::Triggered | S::Finished)
    )
}

/// What a report says happened, with what its execution type needs.
#[derive(Clone, Copy, Debug)]
pub(super) enum Event {
    /// The matching engine's `NEW`.
    Ack,
    /// The algo service's `NEW`: it accepted the conditional order.
    AlgoAck(AlgoId),
    /// `TRIGGERING`, or a `TRIGGERED` / `FINISHED` naming no exchange id yet.
    Triggering(AlgoId),
    /// `TRIGGERED` / `FINISHED` naming the triggered matching-engine order.
    Triggered(AlgoId, ExchangeOrderId),
    /// The matching engine's `EXPIRED` of a conditional order it triggered in
    /// place ([`RefOrder::is_legacy_trigger`]).
    LegacyTrigger,
    /// `TRADE` / `CALCULATED` with its fill.
    Fill(ReportFill),
    /// `CANCELED`, of either service.
    Cancel,
    /// `EXPIRED` (any expiry status), of either service.
    Expire,
    /// `AMENDMENT` with its amendment.
    Amend(Amendment),
    /// `REJECTED`, of either service.
    Reject,
}

/// `(unseen, excess)`: how far the report's cumulative quantity lies above and
/// below `filled`; both zero when the report states none (docs, *Fill rules*).
pub(super) fn gap(filled: Qty, cumulative: Option<Qty>) -> (Qty, Qty) {
    match cumulative {
        Some(z) => (z.saturating_sub(filled), filled.saturating_sub(z)),
        None => (Qty::ZERO, Qty::ZERO),
    }
}

impl RefOrder {
    /// The read-only checks, in the documented order: 1. the pair (execution,
    /// status), 2. symbol, 3. client id, 4. exchange id, then the algo id (an
    /// order that knows one refuses a report naming another), 5. terms.
    pub(super) fn check(&self, report: &ExecutionReport) -> Result<(), ApplyError> {
        let client_id = self.client_id();
        if !status_fits(report.execution, report.status) {
            return Err(ApplyError::Inconsistent {
                execution: report.execution,
                status: report.status,
            });
        }
        if report.symbol != self.spec.symbol {
            return Err(ApplyError::SymbolMismatch {
                client_id,
                expected: self.spec.symbol,
                reported: report.symbol,
            });
        }
        // A matching-engine report about an order the algo service accepted
        // is its triggered order's, whose client id is Binance's to choose.
        let of_triggered_order = report.algo_id.is_none() && self.algo_id.is_some();
        if let Some(reported) = report.client_id
            && reported != client_id
            && !of_triggered_order
        {
            return Err(ApplyError::ClientIdMismatch {
                client_id,
                reported,
            });
        }
        if let (Some(known), Some(reported)) = (self.exchange_id, report.exchange_id)
            && known != reported
        {
            return Err(ApplyError::ExchangeIdMismatch {
                client_id,
                known,
                reported,
            });
        }
        if let (Some(known), Some(reported)) = (self.algo_id, report.algo_id)
            && known != reported
        {
            return Err(ApplyError::AlgoIdMismatch {
                client_id,
                known,
                reported,
            });
        }
        if let Some(terms) = report.terms
            && let Some(mismatch) = self.term_mismatch(&terms, report)
        {
            return Err(ApplyError::TermsMismatch {
                client_id,
                mismatch,
            });
        }
        Ok(())
    }

    /// Check 5: side and original type always; the quantity unless the report
    /// is an `AMENDMENT` (it states the new one), is about a close-position
    /// order (`q = 0` until it triggers), the order's quantity is not known yet
    /// (its triggered order states it), or the report is older than the
    /// order's last change (it may predate an amendment).
    fn term_mismatch(&self, terms: &OrderTerms, report: &ExecutionReport) -> Option<TermMismatch> {
        let spec = &self.spec;
        if terms.side != spec.side {
            return Some(TermMismatch::Side {
                expected: spec.side,
                reported: terms.side,
            });
        }
        // The triggered order may state its own type: MARKET for the
        // `*_MARKET` and trailing stops, LIMIT for STOP and TAKE_PROFIT.
        let own_type = match spec.order_type {
            OrderType::StopMarket | OrderType::TakeProfitMarket | OrderType::TrailingStopMarket => {
                Some(OrderType::Market)
            }
            OrderType::Stop | OrderType::TakeProfit => Some(OrderType::Limit),
            _ => None,
        };
        let of_triggered_order = report.algo_id.is_none() && self.algo_id.is_some();
        if let Some(reported) = terms.order_type
            && reported != spec.order_type
            && !(of_triggered_order && Some(reported) == own_type)
        {
            return Some(TermMismatch::OrderType {
                expected: spec.order_type,
                reported,
            });
        }
        let quantity_may_differ = report.execution == ExecutionType::Amendment
            || terms.close_position
            || !self.quantity_known()
            || report.transaction_time < self.updated_at;
        if !quantity_may_differ && terms.quantity != spec.quantity {
            return Some(TermMismatch::Quantity {
                expected: spec.quantity,
                reported: terms.quantity,
            });
        }
        None
    }

    /// What the report says happened, or what it lacks (before looking at
    /// the state): a report of the algo service (it names an algo id) about an
    /// order that is not conditional applies nowhere (`NotApplicable`); the
    /// algo service's `TRIGGERING` / `TRIGGERED` need their algo id, fills
    /// their fill, amendments their amendment.
    pub(super) fn event(&self, report: &ExecutionReport) -> Result<Event, ApplyError> {
        let client_id = self.client_id();
        let execution = report.execution;
        if report.algo_id.is_some() && !self.is_conditional() {
            return Err(self.not_applicable(report));
        }
        let algo_id = report.algo_id.ok_or(ApplyError::MissingAlgoId {
            client_id,
            execution,
        });
        Ok(match execution {
            ExecutionType::New => match report.algo_id {
                Some(algo_id) => Event::AlgoAck(algo_id),
                None => Event::Ack,
            },
            ExecutionType::Triggering => Event::Triggering(algo_id?),
            ExecutionType::Triggered => match (algo_id?, report.exchange_id) {
                (algo_id, Some(exchange_id)) => Event::Triggered(algo_id, exchange_id),
                (algo_id, None) => Event::Triggering(algo_id),
            },
            ExecutionType::Trade | ExecutionType::Calculated => match report.fill {
                Some(fill) => Event::Fill(fill),
                None => {
                    return Err(ApplyError::MissingFill {
                        client_id,
                        execution,
                    });
                }
            },
            ExecutionType::Canceled => Event::Cancel,
            ExecutionType::Expired if self.is_legacy_trigger(report) => Event::LegacyTrigger,
            ExecutionType::Expired => Event::Expire,
            ExecutionType::Amendment => match report.amendment {
                Some(amendment) => Event::Amend(amendment),
                None => return Err(ApplyError::MissingAmendment { client_id }),
            },
            ExecutionType::Rejected => Event::Reject,
        })
    }

    /// Whether an `EXPIRED` is a conditional order's legacy trigger (placed on
    /// the matching engine before the algo service, it triggered in place and
    /// goes on under the same order id), not its end: the matching engine's
    /// report (no algo id) with status `EXPIRED` (never `EXPIRED_IN_MATCH`),
    /// about a conditional order the algo service never accepted and that has
    /// not triggered, with reason 8 ("the conditional order triggered") or
    /// none (recordings older than `er`). Any other reason is an expiry.
    pub(super) fn is_legacy_trigger(&self, report: &ExecutionReport) -> bool {
        let reason_says_triggered = match report.expiry_reason {
            None => true,
            Some(ExpiryReason(code)) => code == 8,
        };
        report.algo_id.is_none()
            && report.status == ReportStatus::Expired
            && self.is_conditional()
            && self.algo_id.is_none()
            && self
                .triggered_at
                .is_none_or(|at| report.transaction_time <= at)
            && reason_says_triggered
    }

    /// What a closing event carries: the filled quantity, and its gap to the
    /// report's cumulative quantity.
    pub(crate) fn closed(&self, cumulative: Option<Qty>) -> Closed {
        let (unseen_qty, excess_qty) = gap(self.filled_qty(), cumulative);
        Closed {
            filled_qty: self.filled_qty(),
            unseen_qty,
            excess_qty,
        }
    }

    pub(super) fn not_applicable(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::NotApplicable {
            client_id: self.client_id(),
            status: self.status,
            execution: report.execution,
        }
    }
}
