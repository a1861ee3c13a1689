//! REST answers — new order, cancel order, query order, and the same three of
//! the algo service for conditional orders (`algo`) — into what the tracker
//! must hear.
//!
//! [`read_answer`] reads an HTTP status and body into a [`RestAnswer`]; the
//! three `apply_*` functions then tell the tracker what the answer means for
//! the order the request was about:
//!
//! | request | answer | tracker |
//! |---|---|---|
//! | new order | order (any status) | `apply` of the answer's report ([`OrderSnapshot::report`]): the ack, or the close |
//! | new order | definitive error (or unknown-order code) | `place_failed(ExchangeError { code })` |
//! | new order | in doubt: 5XX, 408, timeout codes, no response, unreadable 2XX body | `place_in_doubt` |
//! | cancel | order | `apply` of the answer's report: `CANCELED` confirms the cancel |
//! | cancel | `-2011` / `-2013` (unknown order), or another definitive error | `cancel_rejected` |
//! | cancel | in doubt | nothing: the order stays `Cancelling` until the feed tells |
//! | query | order | `apply` of the answer's report: settles an in-doubt order |
//! | query | `-2013` / `-2011` (no such order) | `place_failed(ExchangeError { code })` while still `Placing` |
//! | query | any other error | nothing |
//!
//! When the order's state no longer allows the request (the feed settled it
//! before the answer arrived — a real race), the effect is
//! [`RestEffect::Unchanged`], not an error. REST answers carry no trade ids, so
//! they never apply fills: an answer showing `executedQty` above what the
//! tracker holds means fills still to come on the stream.

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, OrderTerms, Qty, ReportStatus,
    Symbol,
};

use crate::event::DecodeError;
use crate::wire::{self, ErrorBody, OrderResponse, RestErrorClass, classify_rest_error};

mod algo;
mod algo_list;
mod apply;
mod list;
#[cfg(test)]
mod tests;

pub use algo::{
    AlgoAnswer, AlgoApplied, AlgoSnapshot, apply_algo_cancel_result, apply_algo_new_result,
    apply_algo_query_result, read_algo_answer, read_ws_api_algo_answer,
};
pub use algo_list::{
    AlgoListAnswer, ListedAlgoOrder, apply_algo_order_list, read_algo_list_answer,
};
pub(crate) use apply::apply_new_order_answer;
pub use apply::{
    RestApplied, RestEffect, RestError, apply_cancel_result, apply_new_order_result,
    apply_query_result, fail_reason,
};
pub use list::{
    ListAnswer, ListItemError, ListedOrder, ListedOutcome, apply_batch_new_orders_result,
    apply_order_list, read_list_answer,
};

/// The HTTP status to pass when no response arrived at all (connect or read
/// timeout, connection reset): the outcome is unknown.
pub const NO_RESPONSE: u16 = 0;

/// An order as a REST answer shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSnapshot {
    /// `clientOrderId`.
    pub client_id: ClientOrderId,
    /// `orderId`.
    pub exchange_id: ExchangeOrderId,
    /// `symbol`.
    pub symbol: Symbol,
    /// `status`.
    pub status: ReportStatus,
    /// `executedQty`: filled so far (the fills themselves come on the stream).
    pub executed_qty: Qty,
    /// `updateTime` (ms).
    pub update_time: u64,
    /// `side`, `origType`, `origQty`, `price`, `reduceOnly`, `closePosition`:
    /// checked against the tracked order when the answer is applied.
    pub terms: OrderTerms,
}

impl OrderSnapshot {
    /// The report equivalent to this answer, at `updateTime`:
    /// - `NEW`, `PARTIALLY_FILLED`, `FILLED`: a `NEW` ack with the exchange id
    ///   (it acknowledges a `Placing` order and is stale for any later state);
    ///   the fills arrive on the stream with their trade ids.
    /// - `CANCELED`, `EXPIRED`, `EXPIRED_IN_MATCH`: the close, with
    ///   `cumulative_qty` = `executedQty` so the applied close tells how much
    ///   filled quantity is still to come.
    /// - `REJECTED`: a rejection.
    #[must_use]
    pub fn report(&self) -> ExecutionReport {
        let (execution, status) = match self.status {
            ReportStatus::New | ReportStatus::PartiallyFilled | ReportStatus::Filled => {
                (ExecutionType::New, ReportStatus::New)
            }
            ReportStatus::Canceled => (ExecutionType::Canceled, ReportStatus::Canceled),
            closed @ (ReportStatus::Expired | ReportStatus::ExpiredInMatch) => {
                (ExecutionType::Expired, closed)
            }
            ReportStatus::Rejected => (ExecutionType::Rejected, ReportStatus::Rejected),
            ReportStatus::Triggering => (ExecutionType::Triggering, ReportStatus::Triggering),
            triggered @ (ReportStatus::Triggered | ReportStatus::Finished) => {
                (ExecutionType::Triggered, triggered)
            }
        };
        ExecutionReport {
            algo_id: None,
            client_id: Some(self.client_id),
            exchange_id: Some(self.exchange_id),
            symbol: self.symbol,
            execution,
            status,
            fill: None,
            cumulative_qty: Some(self.executed_qty),
            amendment: None,
            terms: Some(self.terms),
            expiry_reason: None,
            transaction_time: self.update_time,
        }
    }
}

/// What a REST answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestAnswer {
    /// A 2XX answer holding the order.
    Order(OrderSnapshot),
    /// A Binance error body or an HTTP failure, classified by
    /// [`classify_rest_error`].
    Error {
        /// What the failure means.
        class: RestErrorClass,
        /// The HTTP status ([`NO_RESPONSE`] when none arrived).
        http_status: u16,
        /// Binance's error code, when the body held one.
        code: Option<i64>,
        /// Binance's message, or the start of an unparsed body (at most 256
        /// bytes).
        message: String,
    },
    /// A 2XX answer whose body is not a readable order: the request may have
    /// worked, so its outcome is unknown.
    Unreadable {
        /// The HTTP status.
        http_status: u16,
        /// Why the body was refused.
        error: DecodeError,
    },
}

impl RestAnswer {
    /// The HTTP status the answer came with (`200` for an order).
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Order(_) => 200,
            Self::Error { http_status, .. } | Self::Unreadable { http_status, .. } => *http_status,
        }
    }
}

/// Longest message kept from an error answer, in bytes.
const MESSAGE_MAX: usize = 256;

/// At most [`MESSAGE_MAX`] bytes of an error answer's message or body.
pub(crate) fn clip_message(message: &str) -> String {
    ordertrack::clip(message, MESSAGE_MAX).to_owned()
}

/// Reads an HTTP status and body. Never fails: a body that cannot be read
/// becomes an error answer classified by its HTTP status, or
/// [`RestAnswer::Unreadable`] for a 2XX.
#[must_use]
pub fn read_answer(http_status: u16, body: &str) -> RestAnswer {
    let error_answer = |error: Option<ErrorBody<'_>>| {
        let class = classify_rest_error(http_status, error.as_ref());
        let (code, message) = match error {
            Some(ErrorBody { code, msg }) => (code.map(|c| c.0), clip_message(&msg)),
            None => (None, clip_message(body)),
        };
        RestAnswer::Error {
            class,
            http_status,
            code,
            message,
        }
    };
    if !(200..300).contains(&http_status) {
        return error_answer(wire::parse::<ErrorBody<'_>>(body).ok());
    }
    match wire::parse::<OrderResponse<'_>>(body) {
        Ok(response) => match response.to_snapshot() {
            Ok(snapshot) => RestAnswer::Order(snapshot),
            Err(error) => RestAnswer::Unreadable {
                http_status,
                error: error.into(),
            },
        },
        Err(error) => match wire::parse::<ErrorBody<'_>>(body) {
            Ok(body) => error_answer(Some(body)),
            Err(_) => RestAnswer::Unreadable {
                http_status,
                error: error.into(),
            },
        },
    }
}

/// Reads an answer of Binance's WebSocket API (`order.place`,
/// `order.cancel`, `order.status`, …): the envelope
/// `{"id":…,"status":200,"result":{…}}` around the same order answer, or
/// `{"id":…,"status":400,"error":{"code":…,"msg":…}}`. A body that is no such
/// envelope is read as [`read_answer`] reads a body of status 200.
#[must_use]
pub fn read_ws_api_answer(body: &str) -> RestAnswer {
    match wire::parse::<wire::WsApiEnvelope<'_>>(body) {
        Ok(
            wire::WsApiEnvelope {
                status,
                result: Some(inner),
                ..
            }
            | wire::WsApiEnvelope {
                status,
                error: Some(inner),
                ..
            },
        ) => read_answer(status, inner.get()),
        _ => read_answer(200, body),
    }
}
