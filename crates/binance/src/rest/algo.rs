//! The algo service's answers — new, cancel, query of a conditional order —
//! read ([`read_algo_answer`], [`read_ws_api_algo_answer`]) and applied to a
//! tracker as the algo service's reports:
//!
//! | request | answer | tracker |
//! |---|---|---|
//! | new (`POST /fapi/v1/algoOrder`) | order (any status) | `apply` of its report ([`AlgoSnapshot::report`]): `NEW` arms the order |
//! | new | definitive error (or unknown-order code) | `place_failed(ExchangeError { code })` |
//! | new | in doubt (5XX, 408, timeout codes, no response, unreadable 2XX body, a 2XX acknowledgement without the order) | `place_in_doubt` |
//! | cancel (`DELETE /fapi/v1/algoOrder`) | `code` `200` naming the order | `apply` of a `CANCELED` algo report at `now`: the algo service cancels only an order that has not triggered |
//! | cancel | order (the WebSocket API's answer) | `apply` of its report |
//! | cancel | unknown-order, or another definitive error (`-4117`: the order is triggering) | `cancel_rejected` |
//! | cancel | in doubt, or an acknowledgement naming no order | nothing |
//! | query (`GET /fapi/v1/algoOrder`) | order | `apply` of its report: settles an in-doubt order |
//! | query | unknown-order | `place_failed(ExchangeError { code })` while still `Placing` |
//! | query | any other error | nothing |
//!
//! As for the order endpoints, a state that no longer allows the request is
//! [`RestEffect::Unchanged`], not an error, and an answer never applies a fill.

use ordertrack::{
    AlgoId, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, OrderKey, OrderTerms,
    OrderTracker, Qty, ReportStatus, Symbol, TrackError,
};

use super::apply::{fail_placement, request};
use super::{RestEffect, RestError, clip_message};
use crate::event::DecodeError;
use crate::wire::{
    self, AlgoBody, ErrorBody, RestErrorClass, WireAlgoStatus, classify_rest_error, parse_algo_body,
};

/// A conditional order as an algo endpoint's answer shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgoSnapshot {
    /// `algoId`.
    pub algo_id: AlgoId,
    /// `clientAlgoId`.
    pub client_id: ClientOrderId,
    /// `symbol`.
    pub symbol: Symbol,
    /// `algoStatus`.
    pub status: WireAlgoStatus,
    /// `actualOrderId`: the matching-engine order it triggered into (none
    /// before, `""`).
    pub exchange_id: Option<ExchangeOrderId>,
    /// `executedQty`, when the answer states it.
    pub executed_qty: Option<Qty>,
    /// `updateTime` (ms).
    pub update_time: u64,
    /// `side`, `orderType`, `quantity`, `price`, `reduceOnly`,
    /// `closePosition`: checked against the tracked order.
    pub terms: OrderTerms,
}

impl AlgoSnapshot {
    /// The algo-service report equivalent to this answer, at `updateTime`:
    /// the execution and status of `algoStatus` (as an `ALGO_UPDATE`'s `X`),
    /// the exchange id of `actualOrderId`, `cumulative_qty` = `executedQty`.
    #[must_use]
    pub fn report(&self) -> ExecutionReport {
        let (execution, status) = self.status.execution();
        ExecutionReport {
            algo_id: Some(self.algo_id),
            client_id: Some(self.client_id),
            exchange_id: self.exchange_id,
            symbol: self.symbol,
            execution,
            status,
            fill: None,
            cumulative_qty: self.executed_qty,
            terms: Some(self.terms),
            amendment: None,
            expiry_reason: None,
            transaction_time: self.update_time,
        }
    }
}

/// What an algo endpoint's answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgoAnswer {
    /// A 2XX answer holding the conditional order.
    Order(AlgoSnapshot),
    /// A 2XX acknowledgement with code `200` (or `0`) and no order: a
    /// cancel's answer, naming the order, or a cancel-all's, naming none.
    Accepted {
        /// `algoId`, when named.
        algo_id: Option<AlgoId>,
        /// `clientAlgoId`, when named.
        client_id: Option<ClientOrderId>,
        /// `msg` (at most 256 bytes).
        message: String,
    },
    /// A Binance error body or an HTTP failure, classified by
    /// [`classify_rest_error`].
    Error {
        /// What the failure means.
        class: RestErrorClass,
        /// The HTTP status ([`super::NO_RESPONSE`] when none arrived).
        http_status: u16,
        /// Binance's error code, when the body held one.
        code: Option<i64>,
        /// Binance's message, or the start of an unparsed body (at most 256
        /// bytes).
        message: String,
    },
    /// A 2XX answer whose body cannot be read: the request may have worked.
    Unreadable {
        /// The HTTP status.
        http_status: u16,
        /// Why the body was refused.
        error: DecodeError,
    },
}

/// The error answer of `body`, classified with `http_status`.
fn error_answer(http_status: u16, error: Option<&ErrorBody<'_>>, body: &str) -> AlgoAnswer {
    AlgoAnswer::Error {
        class: classify_rest_error(http_status, error),
        http_status,
        code: error.and_then(|e| e.code).map(|c| c.0),
        message: clip_message(error.map_or(body, |e| e.msg.as_str())),
    }
}

/// Reads an algo endpoint's HTTP status and body. Never fails: a body that
/// cannot be read becomes an error answer classified by its HTTP status, or
/// [`AlgoAnswer::Unreadable`] for a 2XX. Pass [`super::NO_RESPONSE`] and an empty
/// body when no answer came.
#[must_use]
pub fn read_algo_answer(http_status: u16, body: &str) -> AlgoAnswer {
    if !(200..300).contains(&http_status) {
        let error = wire::parse::<ErrorBody<'_>>(body).ok();
        return error_answer(http_status, error.as_ref(), body);
    }
    let unreadable = |error: DecodeError| AlgoAnswer::Unreadable { http_status, error };
    match parse_algo_body(body) {
        AlgoBody::Order(Ok(order)) => match order.to_snapshot() {
            Ok(snapshot) => AlgoAnswer::Order(snapshot),
            Err(error) => unreadable(error.into()),
        },
        AlgoBody::Order(Err(error)) | AlgoBody::Ack(Err(error)) => unreadable(error.into()),
        AlgoBody::Ack(Ok(ack)) if ack.succeeded() => {
            let accepted = || -> Result<AlgoAnswer, DecodeError> {
                Ok(AlgoAnswer::Accepted {
                    algo_id: ack
                        .algo_id
                        .map(|id| wire::rest_algo::algo_id("$.algoId", id))
                        .transpose()?,
                    client_id: ack
                        .client_algo_id
                        .as_deref()
                        .map(|c| crate::convert::client_id("$.clientAlgoId", c))
                        .transpose()?,
                    message: clip_message(&ack.msg),
                })
            };
            accepted().unwrap_or_else(unreadable)
        }
        AlgoBody::Ack(Ok(ack)) => error_answer(http_status, Some(&ack.as_error()), body),
    }
}

/// Reads an answer of the WebSocket API's algo requests (`algoOrder.place`,
/// `algoOrder.cancel`, …): the envelope `{"id":…,"status":200,"result":{…}}`
/// around the same answer, or `{"id":…,"status":400,"error":{…}}`. A body
/// that is no such envelope is read as [`read_algo_answer`] reads a body of
/// status 200.
#[must_use]
pub fn read_ws_api_algo_answer(body: &str) -> AlgoAnswer {
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
        ) => read_algo_answer(status, inner.get()),
        _ => read_algo_answer(200, body),
    }
}

/// An algo answer and what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgoApplied {
    /// What the answer says.
    pub answer: AlgoAnswer,
    /// What was done to the tracker.
    pub effect: RestEffect,
}

/// A failed request: its class, Binance's code and the HTTP status.
#[derive(Clone, Copy)]
struct Failure {
    class: RestErrorClass,
    code: Option<i64>,
    http_status: u16,
}

/// What a request does with an acknowledgement naming its order.
type OnAccepted =
    fn(&mut OrderTracker, OrderKey, Option<AlgoId>, u64) -> Result<RestEffect, RestError>;
/// What a request does with a failure (an unreadable 2XX is in doubt).
type OnFailure = fn(&mut OrderTracker, OrderKey, Failure, u64) -> Result<RestEffect, RestError>;

/// What the three requests do with the answers that are not an order.
struct OnAnswer {
    accepted: OnAccepted,
    error: OnFailure,
}

/// What every algo answer goes through: `key` must name a tracked order; an
/// order or an acknowledgement must be about that order.
fn apply_algo_answer(
    tracker: &mut OrderTracker,
    key: OrderKey,
    answer: AlgoAnswer,
    now: u64,
    on: &OnAnswer,
) -> Result<AlgoApplied, RestError> {
    let client_id = tracker
        .get(key)
        .ok_or(TrackError::StaleKey { key })?
        .client_id();
    let wrong = |answered| RestError::WrongOrder {
        expected: client_id,
        answered,
    };
    let effect = match &answer {
        AlgoAnswer::Order(snapshot) if snapshot.client_id != client_id => {
            return Err(wrong(snapshot.client_id));
        }
        AlgoAnswer::Order(snapshot) => RestEffect::Applied(tracker.apply(&snapshot.report())?),
        AlgoAnswer::Accepted {
            client_id: Some(answered),
            ..
        } if *answered != client_id => return Err(wrong(*answered)),
        AlgoAnswer::Accepted {
            client_id: None, ..
        } => RestEffect::Unchanged,
        AlgoAnswer::Accepted { algo_id, .. } => (on.accepted)(tracker, key, *algo_id, now)?,
        AlgoAnswer::Error {
            class,
            code,
            http_status,
            ..
        } => {
            let failure = Failure {
                class: *class,
                code: *code,
                http_status: *http_status,
            };
            (on.error)(tracker, key, failure, now)?
        }
        AlgoAnswer::Unreadable { http_status, .. } => {
            let failure = Failure {
                class: RestErrorClass::InDoubt,
                code: None,
                http_status: *http_status,
            };
            (on.error)(tracker, key, failure, now)?
        }
    };
    Ok(AlgoApplied { answer, effect })
}

/// Applies the answer to `POST /fapi/v1/algoOrder` for the conditional order
/// `key` (which the engine placed): its `NEW` arms the order. Pass
/// [`super::NO_RESPONSE`] and an empty body when no answer came.
///
/// # Errors
/// [`RestError`] for a stale key, an answer about another order, or a report
/// the order refuses; the tracker is then unchanged.
pub fn apply_algo_new_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<AlgoApplied, RestError> {
    let on = OnAnswer {
        accepted: |tracker, key, _, now| {
            request(tracker.place_in_doubt(key, now), RestEffect::PlaceInDoubt)
        },
        error: |tracker, key, failure, now| match failure.class {
            RestErrorClass::Definitive | RestErrorClass::UnknownOrder => {
                fail_placement(tracker, key, failure.code, failure.http_status, now)
            }
            RestErrorClass::InDoubt => {
                request(tracker.place_in_doubt(key, now), RestEffect::PlaceInDoubt)
            }
        },
    };
    apply_algo_answer(tracker, key, read_algo_answer(http_status, body), now, &on)
}

/// Applies the answer to `DELETE /fapi/v1/algoOrder` for the conditional
/// order `key`. An acknowledgement (`code` `200`) naming the order closes it
/// as `CANCELED` at `now`: the algo service cancels only an order that has
/// not triggered.
///
/// # Errors
/// As [`apply_algo_new_result`].
pub fn apply_algo_cancel_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<AlgoApplied, RestError> {
    let on = OnAnswer {
        accepted: |tracker, key, algo_id, now| {
            let Some(order) = tracker.get(key) else {
                return Err(TrackError::StaleKey { key }.into());
            };
            let report = ExecutionReport {
                algo_id: algo_id.or(order.algo_id()),
                client_id: Some(order.client_id()),
                ..ExecutionReport::new(
                    order.symbol(),
                    ExecutionType::Canceled,
                    ReportStatus::Canceled,
                    now,
                )
            };
            Ok(RestEffect::Applied(tracker.apply(&report)?))
        },
        error: |tracker, key, failure, now| match failure.class {
            RestErrorClass::UnknownOrder | RestErrorClass::Definitive => request(
                tracker.cancel_rejected(key, now),
                RestEffect::CancelRejected,
            ),
            RestErrorClass::InDoubt => Ok(RestEffect::Unchanged),
        },
    };
    apply_algo_answer(tracker, key, read_algo_answer(http_status, body), now, &on)
}

/// Applies the answer to `GET /fapi/v1/algoOrder` for the conditional order
/// `key`: how an in-doubt placement is settled. An unknown-order answer fails
/// an order still `Placing` (query only once the request's `recvWindow` has
/// passed, as for [`crate::apply_query_result`]).
///
/// # Errors
/// As [`apply_algo_new_result`].
pub fn apply_algo_query_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<AlgoApplied, RestError> {
    let on = OnAnswer {
        accepted: |_, _, _, _| Ok(RestEffect::Unchanged),
        error: |tracker, key, failure, now| match failure.class {
            RestErrorClass::UnknownOrder => {
                fail_placement(tracker, key, failure.code, failure.http_status, now)
            }
            RestErrorClass::Definitive | RestErrorClass::InDoubt => Ok(RestEffect::Unchanged),
        },
    };
    apply_algo_answer(tracker, key, read_algo_answer(http_status, body), now, &on)
}
