//! REST answers — new order, cancel order, query order — into what the tracker
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

use std::borrow::Cow;

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, FailReason, OrderKey,
    OrderTracker, Outcome, Qty, ReportStatus, Symbol, TrackError,
};

use crate::convert::{self, ConvertError, clip};
use crate::event::DecodeError;
use crate::wire::{self, ErrorBody, OrderResponse, RestErrorClass, classify_rest_error};

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
}

impl OrderSnapshot {
    /// Converts a parsed REST order answer.
    ///
    /// # Errors
    /// [`ConvertError`] naming the field (`$.clientOrderId`, `$.symbol`,
    /// `$.executedQty`).
    pub fn from_response(response: &OrderResponse<'_>) -> Result<Self, ConvertError> {
        Ok(Self {
            client_id: convert::client_id("$.clientOrderId", response.client_order_id)?,
            exchange_id: ExchangeOrderId(response.order_id),
            symbol: convert::symbol("$.symbol", response.symbol)?,
            status: response.status.into(),
            executed_qty: convert::qty("$.executedQty", response.executed_qty)?,
            update_time: response.update_time,
        })
    }

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
        };
        ExecutionReport {
            client_id: Some(self.client_id),
            exchange_id: Some(self.exchange_id),
            symbol: self.symbol,
            execution,
            status,
            fill: None,
            cumulative_qty: Some(self.executed_qty),
            amendment: None,
            terms: None,
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
        /// Binance's message, or the start of an unparsed body (at most 64
        /// characters).
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

/// Reads an HTTP status and body. Never fails: a body that cannot be read
/// becomes an error answer classified by its HTTP status, or
/// [`RestAnswer::Unreadable`] for a 2XX.
#[must_use]
pub fn read_answer(http_status: u16, body: &str) -> RestAnswer {
    let error_answer = |error: Option<ErrorBody<'_>>| {
        let class = classify_rest_error(http_status, error.as_ref());
        let (code, message) = match error {
            Some(ErrorBody { code, msg }) => (code, msg),
            None => (None, Cow::Owned(clip(body))),
        };
        RestAnswer::Error {
            class,
            http_status,
            code,
            message: message.into_owned(),
        }
    };
    if !(200..300).contains(&http_status) {
        return error_answer(wire::parse::<ErrorBody<'_>>(body).ok());
    }
    match wire::parse::<OrderResponse<'_>>(body) {
        Ok(response) => match OrderSnapshot::from_response(&response) {
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

/// What an `apply_*` function did to the tracker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestEffect {
    /// The answer's [`OrderSnapshot::report`] went through
    /// [`OrderTracker::apply`], with this outcome.
    Applied(Outcome),
    /// [`OrderTracker::place_failed`] with this reason.
    PlaceFailed(FailReason),
    /// [`OrderTracker::place_in_doubt`].
    PlaceInDoubt,
    /// [`OrderTracker::cancel_rejected`].
    CancelRejected,
    /// Nothing changed: the answer leaves the outcome to the feed, or the order
    /// had already moved past the state the answer could change.
    Unchanged,
}

/// An answer and what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestApplied {
    /// What the answer says.
    pub answer: RestAnswer,
    /// What was done to the tracker.
    pub effect: RestEffect,
}

/// Why an answer could not be applied; the tracker is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestError {
    /// The answer is about another order than the key's.
    #[error("the answer is for client order id {answered}, the request was for {expected}")]
    WrongOrder {
        /// The key's order.
        expected: ClientOrderId,
        /// The answer's `clientOrderId`.
        answered: ClientOrderId,
    },
    /// The tracker refused: a stale key, or a report the order refuses.
    #[error(transparent)]
    Track(#[from] TrackError),
}

/// The reason recorded for a definitive placement failure: Binance's code, or,
/// when the body held none (an HTML 403, a bare 429), the HTTP status as a
/// positive code (Binance's codes are negative, so the two cannot collide).
#[must_use]
pub fn fail_reason(code: Option<i64>, http_status: u16) -> FailReason {
    let code = code
        .and_then(|c| i32::try_from(c).ok())
        .unwrap_or_else(|| i32::from(http_status));
    FailReason::ExchangeError { code }
}

/// Runs an engine request; a state that no longer allows it is no error here
/// (the feed got there first) but [`RestEffect::Unchanged`].
fn request(result: Result<(), TrackError>, effect: RestEffect) -> Result<RestEffect, RestError> {
    match result {
        Ok(()) => Ok(effect),
        Err(TrackError::Request { .. }) => Ok(RestEffect::Unchanged),
        Err(other) => Err(other.into()),
    }
}

/// What every REST answer goes through: `key` must name a tracked order; an
/// order answer must be about that order and is applied as its report; an error
/// is handed to `on_error` with its class and code. An unreadable 2XX body is in
/// doubt, with no code.
fn apply_answer(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    on_error: impl FnOnce(
        &mut OrderTracker,
        RestErrorClass,
        Option<i64>,
    ) -> Result<RestEffect, RestError>,
) -> Result<RestApplied, RestError> {
    let client_id = tracker
        .get(key)
        .ok_or(TrackError::StaleKey { key })?
        .client_id();
    let answer = read_answer(http_status, body);
    let effect = match &answer {
        RestAnswer::Order(snapshot) if snapshot.client_id != client_id => {
            return Err(RestError::WrongOrder {
                expected: client_id,
                answered: snapshot.client_id,
            });
        }
        RestAnswer::Order(snapshot) => RestEffect::Applied(tracker.apply(&snapshot.report())?),
        RestAnswer::Error { class, code, .. } => on_error(tracker, *class, *code)?,
        RestAnswer::Unreadable { .. } => on_error(tracker, RestErrorClass::InDoubt, None)?,
    };
    Ok(RestApplied { answer, effect })
}

/// The exchange says the placement failed (or never took effect): `place_failed`
/// with its code.
fn fail_placement(
    tracker: &mut OrderTracker,
    key: OrderKey,
    code: Option<i64>,
    http_status: u16,
    now: u64,
) -> Result<RestEffect, RestError> {
    let reason = fail_reason(code, http_status);
    request(
        tracker.place_failed(key, reason, now),
        RestEffect::PlaceFailed(reason),
    )
}

/// Applies the answer to `POST /fapi/v1/order` for the order `key` (which the
/// engine placed). Pass [`NO_RESPONSE`] and an empty body when no answer came.
///
/// # Errors
/// [`RestError`] for a stale key, an answer about another order, or a report
/// the order refuses; the tracker is then unchanged.
pub fn apply_new_order_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<RestApplied, RestError> {
    apply_answer(
        tracker,
        key,
        http_status,
        body,
        |tracker, class, code| match class {
            RestErrorClass::Definitive | RestErrorClass::UnknownOrder => {
                fail_placement(tracker, key, code, http_status, now)
            }
            RestErrorClass::InDoubt => {
                request(tracker.place_in_doubt(key, now), RestEffect::PlaceInDoubt)
            }
        },
    )
}

/// Applies the answer to `DELETE /fapi/v1/order` for the order `key` (which
/// the engine asked to cancel with [`OrderTracker::cancel`]).
///
/// # Errors
/// As [`apply_new_order_result`].
pub fn apply_cancel_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<RestApplied, RestError> {
    apply_answer(
        tracker,
        key,
        http_status,
        body,
        |tracker, class, _| match class {
            RestErrorClass::UnknownOrder | RestErrorClass::Definitive => request(
                tracker.cancel_rejected(key, now),
                RestEffect::CancelRejected,
            ),
            RestErrorClass::InDoubt => Ok(RestEffect::Unchanged),
        },
    )
}

/// Applies the answer to `GET /fapi/v1/order` for the order `key`: how an
/// in-doubt placement is settled.
///
/// An unknown-order answer (`-2013`, or `-2011`) fails an order still
/// `Placing`. Query only once the request's `recvWindow` has passed since it
/// was sent: Binance refuses a request older than that, so only then does
/// "no such order" mean the placement can no longer take effect.
///
/// # Errors
/// As [`apply_new_order_result`].
pub fn apply_query_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<RestApplied, RestError> {
    apply_answer(
        tracker,
        key,
        http_status,
        body,
        |tracker, class, code| match class {
            RestErrorClass::UnknownOrder => fail_placement(tracker, key, code, http_status, now),
            RestErrorClass::Definitive | RestErrorClass::InDoubt => Ok(RestEffect::Unchanged),
        },
    )
}

#[cfg(test)]
mod tests {
    use ordertrack::{
        AnyOrder, Applied, ClientOrderId, ExchangeOrderId, FailReason, NewOrder, Order, OrderKey,
        OrderStatus, OrderTracker, Outcome, Price, Qty, ReportStatus, Side, SubAccountId, Symbol,
        TrackError,
    };

    use super::*;

    const NEW: &str = include_str!("../tests/data/rest_new_order.json");
    const CANCEL: &str = include_str!("../tests/data/rest_cancel_order.json");
    const QUERY: &str = include_str!("../tests/data/rest_query_order.json");
    const UNKNOWN: &str = include_str!("../tests/data/rest_error_unknown_order.json");
    const MARGIN: &str = include_str!("../tests/data/rest_error_margin_insufficient.json");
    const TIMEOUT: &str = include_str!("../tests/data/rest_error_timeout.json");
    const NO_SUCH: &str = include_str!("../tests/data/rest_error_no_such_order.json");
    const HTML_502: &str = "<html><head><title>502 Bad Gateway</title></head></html>";
    const NOW: u64 = 1_764_000_200_000;

    /// A tracker holding one placed LIMIT order.
    fn placed(
        id: &str,
        symbol: &str,
        side: Side,
        qty: &str,
        price: &str,
    ) -> (OrderTracker, OrderKey) {
        let client_id = ClientOrderId::new(id).unwrap();
        let parts = client_id.parse_pms().unwrap();
        let spec = NewOrder {
            client_id,
            sub_account: SubAccountId::new("a1b2c3d4-5e6f").unwrap(),
            symbol: Symbol::new(symbol).unwrap(),
            side,
            order_type: ordertrack::OrderType::Limit,
            quantity: Qty::parse(qty).unwrap(),
            price: Some(Price::parse(price).unwrap()),
            reduce_only: false,
            origin: parts.origin,
            parent: None,
            leverage: 5,
            created_at: 1_764_000_100_000,
        };
        let mut tracker = OrderTracker::new();
        let key = tracker.register(Order::new(spec).unwrap()).unwrap();
        tracker.place(key, 1_764_000_100_001).unwrap();
        (tracker, key)
    }

    /// The order of `rest_new_order.json`, placed.
    fn new_order() -> (OrderTracker, OrderKey) {
        placed(
            "PMSa1b2c3d4_TRL_4e5f6a7b8c9d",
            "BTCUSDT",
            Side::Sell,
            "0.008",
            "87010.00",
        )
    }

    /// The order of `rest_cancel_order.json`, acknowledged, cancel sent.
    fn cancelling() -> (OrderTracker, OrderKey) {
        let (mut tracker, key) = placed(
            "PMSa1b2c3d4_SRF_5d4c3b2a1f0e",
            "ETHUSDT",
            Side::Buy,
            "0.100",
            "2933.10",
        );
        let ack = with(CANCEL, r#""status":"CANCELED""#, r#""status":"NEW""#);
        apply_new_order_result(&mut tracker, key, 200, &ack, NOW).unwrap();
        tracker.cancel(key, NOW + 1).unwrap();
        assert_eq!(status(&tracker, key), OrderStatus::Cancelling);
        (tracker, key)
    }

    /// The order of `rest_query_order.json`, placed.
    fn query_order() -> (OrderTracker, OrderKey) {
        placed(
            "PMSa1b2c3d4_CHS_0f1e2d3c4b5a",
            "BTCUSDT",
            Side::Buy,
            "0.010",
            "86950.00",
        )
    }

    fn with(body: &str, from: &str, to: &str) -> String {
        assert!(body.contains(from), "{from}");
        body.replacen(from, to, 1)
    }

    fn status(tracker: &OrderTracker, key: OrderKey) -> OrderStatus {
        tracker.get(key).unwrap().status()
    }

    fn orders_of(tracker: &OrderTracker) -> Vec<(OrderKey, AnyOrder)> {
        tracker.iter().map(|(k, o)| (k, o.clone())).collect()
    }

    fn error(
        class: RestErrorClass,
        http_status: u16,
        code: Option<i64>,
        message: &str,
    ) -> RestAnswer {
        RestAnswer::Error {
            class,
            http_status,
            code,
            message: message.to_owned(),
        }
    }

    #[test]
    fn answers_are_read_and_classified() {
        assert_eq!(
            read_answer(200, NEW),
            RestAnswer::Order(OrderSnapshot {
                client_id: ClientOrderId::new("PMSa1b2c3d4_TRL_4e5f6a7b8c9d").unwrap(),
                exchange_id: ExchangeOrderId(731_245_800_777),
                symbol: Symbol::new("BTCUSDT").unwrap(),
                status: ReportStatus::New,
                executed_qty: Qty::ZERO,
                update_time: 1_764_000_104_010,
            })
        );
        let RestAnswer::Order(query) = read_answer(200, QUERY) else {
            panic!("not an order");
        };
        assert_eq!(
            (query.status, query.executed_qty),
            (ReportStatus::Filled, Qty::parse("0.010").unwrap())
        );
        let RestAnswer::Order(cancel) = read_answer(200, CANCEL) else {
            panic!("not an order");
        };
        assert_eq!(cancel.status, ReportStatus::Canceled);
        use RestErrorClass::*;
        for (status, body, want) in [
            (
                400,
                UNKNOWN,
                error(UnknownOrder, 400, Some(-2011), "Unknown order sent."),
            ),
            (
                400,
                NO_SUCH,
                error(UnknownOrder, 400, Some(-2013), "Order does not exist."),
            ),
            (
                400,
                MARGIN,
                error(Definitive, 400, Some(-2019), "Margin is insufficient."),
            ),
            (
                408,
                TIMEOUT,
                error(
                    InDoubt,
                    408,
                    Some(-1007),
                    "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
                ),
            ),
            (502, HTML_502, error(InDoubt, 502, None, HTML_502)),
            (NO_RESPONSE, "", error(InDoubt, 0, None, "")),
            (403, "", error(Definitive, 403, None, "")),
            // An error body under a 2XX status is still an error.
            (
                200,
                MARGIN,
                error(Definitive, 200, Some(-2019), "Margin is insufficient."),
            ),
        ] {
            assert_eq!(read_answer(status, body), want, "{status} {body}");
        }
        let garbled = read_answer(200, &NEW[..80]);
        assert!(
            matches!(
                garbled,
                RestAnswer::Unreadable {
                    http_status: 200,
                    error: DecodeError::Wire(_)
                }
            ),
            "{garbled:?}"
        );
        let bad_qty = read_answer(
            200,
            &with(NEW, r#""executedQty":"0""#, r#""executedQty":"-1""#),
        );
        let RestAnswer::Unreadable {
            error: DecodeError::Convert(err),
            ..
        } = bad_qty
        else {
            panic!("{bad_qty:?}");
        };
        assert_eq!(err.field(), "$.executedQty");
    }

    #[test]
    fn snapshot_reports() {
        let RestAnswer::Order(snapshot) = read_answer(200, QUERY) else {
            panic!("not an order");
        };
        for (status, execution, report_status) in [
            (ReportStatus::New, ExecutionType::New, ReportStatus::New),
            (
                ReportStatus::PartiallyFilled,
                ExecutionType::New,
                ReportStatus::New,
            ),
            (ReportStatus::Filled, ExecutionType::New, ReportStatus::New),
            (
                ReportStatus::Canceled,
                ExecutionType::Canceled,
                ReportStatus::Canceled,
            ),
            (
                ReportStatus::Expired,
                ExecutionType::Expired,
                ReportStatus::Expired,
            ),
            (
                ReportStatus::ExpiredInMatch,
                ExecutionType::Expired,
                ReportStatus::ExpiredInMatch,
            ),
            (
                ReportStatus::Rejected,
                ExecutionType::Rejected,
                ReportStatus::Rejected,
            ),
        ] {
            let report = OrderSnapshot { status, ..snapshot }.report();
            assert_eq!(
                (report.execution, report.status),
                (execution, report_status)
            );
            assert!(report.execution.allows(report.status));
            assert_eq!(
                (report.client_id, report.exchange_id, report.symbol),
                (
                    Some(snapshot.client_id),
                    Some(snapshot.exchange_id),
                    snapshot.symbol
                )
            );
            assert_eq!(
                (report.fill, report.amendment, report.expiry_reason),
                (None, None, None)
            );
            assert_eq!(
                (report.cumulative_qty, report.transaction_time),
                (Some(snapshot.executed_qty), 1_764_000_001_258)
            );
        }
    }

    #[test]
    fn new_order_accepted_acknowledges() {
        let (mut tracker, key) = new_order();
        let result = apply_new_order_result(&mut tracker, key, 200, NEW, NOW).unwrap();
        assert_eq!(
            result.effect,
            RestEffect::Applied(Outcome::Applied {
                key,
                applied: Applied::Acknowledged
            })
        );
        assert_eq!(status(&tracker, key), OrderStatus::Active);
        let btc = Symbol::new("BTCUSDT").unwrap();
        let (found, _) = tracker
            .lookup_exchange(&btc, ExchangeOrderId(731_245_800_777))
            .unwrap();
        assert_eq!(found, key);
        // The stream's NEW arrives after the REST answer: stale.
        let again = apply_new_order_result(&mut tracker, key, 200, NEW, NOW).unwrap();
        assert_eq!(
            again.effect,
            RestEffect::Applied(Outcome::Applied {
                key,
                applied: Applied::Stale
            })
        );
        tracker.check_invariants().unwrap();
    }

    #[test]
    fn new_order_answer_beyond_new() {
        for (status, want, applied) in [
            ("FILLED", OrderStatus::Active, "Acknowledged"),
            ("PARTIALLY_FILLED", OrderStatus::Active, "Acknowledged"),
            ("EXPIRED", OrderStatus::Expired, "Expired"),
            ("EXPIRED_IN_MATCH", OrderStatus::Expired, "Expired"),
            ("CANCELED", OrderStatus::Cancelled, "Cancelled"),
            ("REJECTED", OrderStatus::Failed, "Failed"),
        ] {
            let (mut tracker, key) = new_order();
            let body = with(NEW, r#""status":"NEW""#, &format!(r#""status":"{status}""#));
            let result = apply_new_order_result(&mut tracker, key, 200, &body, NOW).unwrap();
            let RestEffect::Applied(Outcome::Applied { applied: got, .. }) = result.effect else {
                panic!("{status}: {result:?}");
            };
            assert!(format!("{got:?}").starts_with(applied), "{status}: {got:?}");
            assert_eq!(tracker.get(key).unwrap().status(), want, "{status}");
            tracker.check_invariants().unwrap();
        }
        let (mut tracker, key) = new_order();
        let body = with(NEW, r#""status":"NEW""#, r#""status":"REJECTED""#);
        apply_new_order_result(&mut tracker, key, 200, &body, NOW).unwrap();
        let AnyOrder::Failed(order) = tracker.get(key).unwrap() else {
            panic!("not failed");
        };
        assert_eq!(order.fail_reason(), FailReason::Rejected);
    }

    #[test]
    fn definitive_errors_fail_the_placement() {
        for (http_status, body, code) in [
            (400, MARGIN, -2019),
            (400, UNKNOWN, -2011),
            (403, "", 403),
            (429, r#"{"code":-1003,"msg":"Too many requests."}"#, -1003),
        ] {
            let (mut tracker, key) = new_order();
            let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
            let reason = FailReason::ExchangeError { code };
            assert_eq!(result.effect, RestEffect::PlaceFailed(reason), "{body}");
            let AnyOrder::Failed(order) = tracker.get(key).unwrap() else {
                panic!("not failed");
            };
            assert_eq!((order.fail_reason(), order.closed_at()), (reason, NOW));
            tracker.check_invariants().unwrap();
        }
    }

    #[test]
    fn unknown_outcomes_leave_the_placement_in_doubt() {
        let garbled = &NEW[..80];
        for (http_status, body) in [
            (408, TIMEOUT),
            (503, TIMEOUT),
            (502, HTML_502),
            (504, ""),
            (NO_RESPONSE, ""),
            (200, garbled),
            (
                503,
                r#"{"code":-1000,"msg":"Unknown error, please check your request or try again later."}"#,
            ),
        ] {
            let (mut tracker, key) = new_order();
            let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
            assert_eq!(
                result.effect,
                RestEffect::PlaceInDoubt,
                "{http_status} {body}"
            );
            let order = tracker.get(key).unwrap();
            assert_eq!(
                (order.status(), order.in_doubt_since()),
                (OrderStatus::Placing, Some(NOW))
            );
            // The feed settles it later.
            let settled = apply_query_result(&mut tracker, key, 200, NEW, NOW + 5_000).unwrap();
            assert!(matches!(settled.effect, RestEffect::Applied(_)));
            assert_eq!(status(&tracker, key), OrderStatus::Active);
        }
    }

    #[test]
    fn answers_after_the_feed_settled_change_nothing() {
        let (mut tracker, key) = new_order();
        apply_query_result(&mut tracker, key, 200, NEW, NOW).unwrap();
        let before = orders_of(&tracker);
        for (http_status, body) in [(503, TIMEOUT), (400, MARGIN)] {
            let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
            assert_eq!(result.effect, RestEffect::Unchanged);
            assert_eq!(orders_of(&tracker), before);
        }
        let result = apply_cancel_result(&mut tracker, key, 400, UNKNOWN, NOW).unwrap();
        assert_eq!(
            result.effect,
            RestEffect::Unchanged,
            "not Cancelling: nothing to reject"
        );
        assert_eq!(orders_of(&tracker), before);
    }

    #[test]
    fn cancel_answers() {
        let (mut tracker, key) = cancelling();
        let result = apply_cancel_result(&mut tracker, key, 200, CANCEL, NOW).unwrap();
        assert!(matches!(
            result.effect,
            RestEffect::Applied(Outcome::Applied {
                applied: Applied::Cancelled(_),
                ..
            })
        ));
        assert_eq!(status(&tracker, key), OrderStatus::Cancelled);
        tracker.check_invariants().unwrap();

        for (http_status, body) in [(400, UNKNOWN), (400, NO_SUCH), (429, "")] {
            let (mut tracker, key) = cancelling();
            let result = apply_cancel_result(&mut tracker, key, http_status, body, NOW).unwrap();
            assert_eq!(result.effect, RestEffect::CancelRejected, "{body}");
            assert_eq!(status(&tracker, key), OrderStatus::Active);
            tracker.check_invariants().unwrap();
        }

        for (http_status, body) in [(503, TIMEOUT), (NO_RESPONSE, ""), (200, &CANCEL[..50])] {
            let (mut tracker, key) = cancelling();
            let before = orders_of(&tracker);
            let result = apply_cancel_result(&mut tracker, key, http_status, body, NOW).unwrap();
            assert_eq!(result.effect, RestEffect::Unchanged, "{body}");
            assert_eq!(orders_of(&tracker), before);
        }
    }

    #[test]
    fn cancel_sent_before_the_ack() {
        let (mut tracker, key) = placed(
            "PMSa1b2c3d4_SRF_5d4c3b2a1f0e",
            "ETHUSDT",
            Side::Buy,
            "0.100",
            "2933.10",
        );
        tracker.cancel(key, NOW).unwrap();
        // -2011: Binance does not have it (yet): back to Placing, not Active.
        let result = apply_cancel_result(&mut tracker, key, 400, UNKNOWN, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::CancelRejected);
        assert_eq!(status(&tracker, key), OrderStatus::Placing);
        tracker.cancel(key, NOW + 1).unwrap();
        apply_cancel_result(&mut tracker, key, 200, CANCEL, NOW + 2).unwrap();
        let order = tracker.get(key).unwrap();
        assert_eq!(order.status(), OrderStatus::Cancelled);
        assert_eq!(
            order.exchange_id(),
            Some(ExchangeOrderId(8_389_765_812_399_911))
        );
        tracker.check_invariants().unwrap();
    }

    #[test]
    fn query_settles_an_in_doubt_placement() {
        let (mut tracker, key) = query_order();
        tracker.place_in_doubt(key, NOW).unwrap();
        // FILLED: acknowledged now, its fills arrive on the stream with trade ids.
        let result = apply_query_result(&mut tracker, key, 200, QUERY, NOW + 1).unwrap();
        assert!(matches!(
            result.effect,
            RestEffect::Applied(Outcome::Applied {
                applied: Applied::Acknowledged,
                ..
            })
        ));
        let RestAnswer::Order(snapshot) = &result.answer else {
            panic!("not an order");
        };
        let order = tracker.get(key).unwrap();
        assert_eq!(order.status(), OrderStatus::Active);
        assert_eq!(
            snapshot.executed_qty.checked_sub(order.filled_qty()),
            Qty::parse("0.010").ok()
        );

        let (mut tracker, key) = query_order();
        tracker.place_in_doubt(key, NOW).unwrap();
        let result = apply_query_result(&mut tracker, key, 400, NO_SUCH, NOW + 1).unwrap();
        let reason = FailReason::ExchangeError { code: -2013 };
        assert_eq!(result.effect, RestEffect::PlaceFailed(reason));
        assert_eq!(status(&tracker, key), OrderStatus::Failed);

        for (http_status, body) in [(503, TIMEOUT), (400, MARGIN), (NO_RESPONSE, "")] {
            let (mut tracker, key) = query_order();
            tracker.place_in_doubt(key, NOW).unwrap();
            let before = orders_of(&tracker);
            let result = apply_query_result(&mut tracker, key, http_status, body, NOW).unwrap();
            assert_eq!(result.effect, RestEffect::Unchanged);
            assert_eq!(orders_of(&tracker), before);
        }

        // No such order, but the order is acknowledged: nothing to fail.
        let (mut tracker, key) = query_order();
        apply_query_result(&mut tracker, key, 200, QUERY, NOW).unwrap();
        let result = apply_query_result(&mut tracker, key, 400, NO_SUCH, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::Unchanged);
        assert_eq!(status(&tracker, key), OrderStatus::Active);
    }

    #[test]
    fn refusals_leave_the_tracker_untouched() {
        let (mut tracker, key) = new_order();
        let before = orders_of(&tracker);
        // An answer about another order.
        let err = apply_new_order_result(&mut tracker, key, 200, QUERY, NOW).unwrap_err();
        assert!(matches!(err, RestError::WrongOrder { .. }), "{err}");
        assert_eq!(orders_of(&tracker), before);
        // An answer whose symbol contradicts the order.
        let other_symbol = with(NEW, r#""symbol":"BTCUSDT""#, r#""symbol":"ETHUSDT""#);
        let err = apply_new_order_result(&mut tracker, key, 200, &other_symbol, NOW).unwrap_err();
        assert!(
            matches!(err, RestError::Track(TrackError::Apply { .. })),
            "{err}"
        );
        assert_eq!(orders_of(&tracker), before);
        tracker.check_invariants().unwrap();
        // A key the tracker no longer knows.
        tracker.unregister(key).unwrap();
        for apply in [
            apply_new_order_result,
            apply_cancel_result,
            apply_query_result,
        ] {
            let err = apply(&mut tracker, key, 200, NEW, NOW).unwrap_err();
            assert_eq!(err, RestError::Track(TrackError::StaleKey { key }));
        }
    }

    #[test]
    fn fail_reason_codes() {
        assert_eq!(
            fail_reason(Some(-2019), 400),
            FailReason::ExchangeError { code: -2019 }
        );
        assert_eq!(
            fail_reason(None, 418),
            FailReason::ExchangeError { code: 418 }
        );
        assert_eq!(
            fail_reason(Some(i64::MIN), 400),
            FailReason::ExchangeError { code: 400 }
        );
    }
}
