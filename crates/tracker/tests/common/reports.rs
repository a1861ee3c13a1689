//! Execution reports for the tests, built field by field about an order's spec
//! or about an order the tracker has never seen.

use ordertrack::*;

use super::{cid, eid, px, q};

/// A report about the order `spec`: its client id and symbol, nothing else yet.
pub(crate) fn report(spec: &NewOrder) -> ReportBuilder {
    blank_report(Some(spec.client_id), spec.symbol, spec.quantity)
}

/// A report about an order the tracker has never seen.
pub(crate) fn foreign(client_id: Option<&str>, symbol: Symbol) -> ReportBuilder {
    blank_report(client_id.map(cid), symbol, q("1"))
}

/// A `NEW` report naming `client_id` and `symbol`, about an order of `quantity`.
fn blank_report(client_id: Option<ClientOrderId>, symbol: Symbol, quantity: Qty) -> ReportBuilder {
    ReportBuilder {
        quantity,
        report: ExecutionReport {
            algo_id: None,
            client_id,
            exchange_id: None,
            symbol,
            execution: ExecutionType::New,
            status: ReportStatus::New,
            fill: None,
            cumulative_qty: Some(Qty::ZERO),
            amendment: None,
            terms: None,
            expiry_reason: None,
            transaction_time: 0,
        },
    }
}

/// Builds an [`ExecutionReport`]; the last call names the event.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReportBuilder {
    quantity: Qty,
    report: ExecutionReport,
}

impl ReportBuilder {
    pub(crate) fn eid(mut self, id: u64) -> Self {
        self.report.exchange_id = Some(eid(id));
        self
    }
    pub(crate) fn no_client_id(mut self) -> Self {
        self.report.client_id = None;
        self
    }
    pub(crate) fn client_id(mut self, id: &str) -> Self {
        self.report.client_id = Some(cid(id));
        self
    }
    pub(crate) fn symbol(mut self, s: Symbol) -> Self {
        self.report.symbol = s;
        self
    }
    pub(crate) fn at(mut self, t: u64) -> Self {
        self.report.transaction_time = t;
        self
    }
    pub(crate) fn cum(mut self, s: &str) -> Self {
        self.report.cumulative_qty = Some(q(s));
        self
    }
    /// `NEW` / `NEW`: the ack.
    pub(crate) fn ack(self) -> ExecutionReport {
        self.event(ExecutionType::New, ReportStatus::New)
    }
    /// `TRADE`: `qty` at `price`, with the exchange's cumulative quantity `cum`;
    /// `FILLED` when `cum` reaches the order's quantity, else `PARTIALLY_FILLED`.
    pub(crate) fn trade(
        mut self,
        trade_id: u64,
        qty: &str,
        price: &str,
        cum: &str,
    ) -> ExecutionReport {
        self.report.fill = Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty: q(qty),
            price: px(price),
        });
        self.report.cumulative_qty = Some(q(cum));
        let status = if q(cum) >= self.quantity {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        self.event(ExecutionType::Trade, status)
    }
    pub(crate) fn canceled(self) -> ExecutionReport {
        self.event(ExecutionType::Canceled, ReportStatus::Canceled)
    }
    pub(crate) fn expired(self) -> ExecutionReport {
        self.event(ExecutionType::Expired, ReportStatus::Expired)
    }
    pub(crate) fn expired_in_match(self) -> ExecutionReport {
        self.event(ExecutionType::Expired, ReportStatus::ExpiredInMatch)
    }
    pub(crate) fn rejected(self) -> ExecutionReport {
        self.event(ExecutionType::Rejected, ReportStatus::Rejected)
    }
    pub(crate) fn amended(mut self, quantity: &str, price: &str) -> ExecutionReport {
        self.report.amendment = Some(Amendment {
            quantity: q(quantity),
            price: Some(px(price)),
        });
        self.event(ExecutionType::Amendment, ReportStatus::New)
    }
    pub(crate) fn event(
        mut self,
        execution: ExecutionType,
        status: ReportStatus,
    ) -> ExecutionReport {
        self.report.execution = execution;
        self.report.status = status;
        self.report
    }
}
