//! The checks a report passes before [`AnyOrder::apply`]'s table: it belongs to
//! the order (symbol, client, exchange and algo ids), makes sense in itself, and restates the order's
//! terms as they are.

use super::AnyOrder;
use crate::error::{ApplyError, TermMismatch};
use crate::report::{ExecutionReport, ExecutionType, OrderTerms};

impl AnyOrder {
    /// Read-only checks that a report belongs to this order and makes sense.
    pub(super) fn check_report(&self, report: &ExecutionReport) -> Result<(), ApplyError> {
        if !report.execution.allows(report.status) {
            return Err(ApplyError::Inconsistent {
                execution: report.execution,
                status: report.status,
            });
        }
        let spec = self.spec();
        if report.symbol != spec.symbol {
            return Err(ApplyError::SymbolMismatch {
                client_id: spec.client_id,
                expected: spec.symbol,
                reported: report.symbol,
            });
        }
        // The matching-engine order a conditional order triggered into may
        // carry a client id of its own: its reports are the order's all the same.
        let triggered_order_report = report.algo_id.is_none() && self.algo_id().is_some();
        if let Some(reported) = report.client_id
            && reported != spec.client_id
            && !triggered_order_report
        {
            return Err(ApplyError::ClientIdMismatch {
                client_id: spec.client_id,
                reported,
            });
        }
        if let Some(reported) = report.exchange_id
            && let Some(known) = self.exchange_id()
            && known != reported
        {
            return Err(ApplyError::ExchangeIdMismatch {
                client_id: spec.client_id,
                known,
                reported,
            });
        }
        if let Some(reported) = report.algo_id
            && let Some(known) = self.algo_id()
            && known != reported
        {
            return Err(ApplyError::AlgoIdMismatch {
                client_id: spec.client_id,
                known,
                reported,
            });
        }
        if let Some(mismatch) = report
            .terms
            .and_then(|terms| self.term_mismatch(report, &terms))
        {
            return Err(ApplyError::TermsMismatch {
                client_id: spec.client_id,
                mismatch,
            });
        }
        Ok(())
    }

    /// The first of the order's terms the report restates differently.
    ///
    /// Side and original type never change on the exchange, so they are always
    /// compared (a conditional order's triggered order may state the type it
    /// triggered into instead). The quantity is compared unless it may legitimately differ:
    /// - an `AMENDMENT` states the new quantity (the amendment applies it);
    /// - a close-position order states `q = 0` until it triggers, and its
    ///   triggered order states the position while the order has none yet;
    /// - a report older than the order's latest change may predate an
    ///   amendment (its quantity then is the one before), so its quantity is
    ///   not held against it: it is applied by the ordinary rules (it can still
    ///   fill or close a live order), and never changes the order's terms.
    fn term_mismatch(&self, report: &ExecutionReport, terms: &OrderTerms) -> Option<TermMismatch> {
        let spec = self.spec();
        if terms.side != spec.side {
            return Some(TermMismatch::Side {
                expected: spec.side,
                reported: terms.side,
            });
        }
        // The matching-engine order a conditional order triggered into may
        // state its own type (`MARKET` for a `STOP_MARKET`).
        let triggered_type = report.algo_id.is_none()
            && self.algo_id().is_some()
            && terms.order_type == spec.order_type.triggered_type();
        if let Some(reported) = terms.order_type
            && reported != spec.order_type
            && !triggered_type
        {
            return Some(TermMismatch::OrderType {
                expected: spec.order_type,
                reported,
            });
        }
        let quantity_may_differ = report.execution == ExecutionType::Amendment
            || terms.close_position
            || !self.quantity_known()
            || report.transaction_time < self.updated_at();
        if !quantity_may_differ && terms.quantity != spec.quantity {
            return Some(TermMismatch::Quantity {
                expected: spec.quantity,
                reported: terms.quantity,
            });
        }
        None
    }
}
