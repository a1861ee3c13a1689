//! [`report_for`] and its [`ReportBuilder`]: a report about a fixture's order.

use crate::any::AnyOrder;
use crate::decimal::{Price, Qty};
use crate::ids::{AlgoId, ClientOrderId, ExchangeOrderId, TradeId};
use crate::report::{
    Amendment, ExecutionReport, ExecutionType, OrderTerms, ReportFill, ReportStatus,
};
use crate::state::ExpiryReason;

/// Builds an [`ExecutionReport`]; made by [`report_for`].
#[derive(Clone, Copy, Debug)]
#[must_use = "a builder does nothing until `build`"]
pub struct ReportBuilder {
    report: ExecutionReport,
    /// The order's quantity not yet filled, for a fill's status.
    open: Qty,
}

/// A report of `execution` at `at` about `order`: it names the order's client
/// id, exchange id (once known) and symbol, with the order status an exchange
/// sends with that execution type (`FILLED` for a fill that completes the
/// order, `PARTIALLY_FILLED` for another), and, for a fill, the cumulative
/// quantity after it. A `TRIGGERING` or `TRIGGERED` report is the algo
/// service's and names the order's algo id; any other is the matching
/// engine's (see [`ReportBuilder::algo_id`]).
pub fn report_for(order: &AnyOrder, execution: ExecutionType, at: u64) -> ReportBuilder {
    let status = match execution {
        ExecutionType::New | ExecutionType::Amendment => ReportStatus::New,
        ExecutionType::Trade | ExecutionType::Calculated => ReportStatus::PartiallyFilled,
        ExecutionType::Canceled => ReportStatus::Canceled,
        ExecutionType::Expired => ReportStatus::Expired,
        ExecutionType::Rejected => ReportStatus::Rejected,
        ExecutionType::Triggering => ReportStatus::Triggering,
        ExecutionType::Triggered => ReportStatus::Triggered,
    };
    let algo = matches!(
        execution,
        ExecutionType::Triggering | ExecutionType::Triggered
    );
    ReportBuilder {
        report: ExecutionReport {
            client_id: Some(order.client_id()),
            exchange_id: order.exchange_id(),
            algo_id: order.algo_id().filter(|_| algo),
            cumulative_qty: Some(order.filled_qty()),
            ..ExecutionReport::new(order.symbol(), execution, status, at)
        },
        open: order.remaining_qty(),
    }
}

impl ReportBuilder {
    /// The trade: `qty` at `price`. The cumulative quantity grows by `qty`, and
    /// the status is `FILLED` when `qty` closes what is open, else
    /// `PARTIALLY_FILLED`.
    pub fn fill(mut self, trade_id: TradeId, qty: Qty, price: Price) -> Self {
        self.report.fill = Some(ReportFill {
            trade_id,
            qty,
            price,
        });
        self.report.cumulative_qty = self.report.cumulative_qty.and_then(|z| z.checked_add(qty));
        self.report.status = if qty >= self.open {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        self
    }

    /// The order status the report states.
    pub fn status(mut self, status: ReportStatus) -> Self {
        self.report.status = status;
        self
    }

    /// The exchange's cumulative filled quantity (`None`: the event states none).
    pub fn cumulative(mut self, cumulative: Option<Qty>) -> Self {
        self.report.cumulative_qty = cumulative;
        self
    }

    /// The exchange id the report names.
    pub fn exchange_id(mut self, exchange_id: Option<ExchangeOrderId>) -> Self {
        self.report.exchange_id = exchange_id;
        self
    }

    /// The algo id the report names: `Some` makes it an algo-service report.
    pub fn algo_id(mut self, algo_id: Option<AlgoId>) -> Self {
        self.report.algo_id = algo_id;
        self
    }

    /// The client id the report names.
    pub fn client_id(mut self, client_id: Option<ClientOrderId>) -> Self {
        self.report.client_id = client_id;
        self
    }

    /// The amendment's new quantity and price.
    pub fn amendment(mut self, quantity: Qty, price: Option<Price>) -> Self {
        self.report.amendment = Some(Amendment { quantity, price });
        self
    }

    /// The expiry reason.
    pub fn expiry_reason(mut self, reason: Option<ExpiryReason>) -> Self {
        self.report.expiry_reason = reason;
        self
    }

    /// The order's terms as the report restates them.
    pub fn terms(mut self, terms: Option<OrderTerms>) -> Self {
        self.report.terms = terms;
        self
    }

    /// The report.
    #[must_use]
    pub fn build(self) -> ExecutionReport {
        self.report
    }
}
