//! What an answer means for the order the request was about: the tracker
//! calls each `apply_*` function makes (the table in the [module
//! documentation](super)).

use ordertrack::{ClientOrderId, FailReason, OrderKey, OrderTracker, Outcome, TrackError};

use super::{RestAnswer, read_answer};
use crate::wire::RestErrorClass;

/// What an `apply_*` function did to the tracker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestEffect {
    /// The answer's [`OrderSnapshot::report`] went through
    /// [`OrderTracker::apply`], with this outcome.
    ///
    /// [`OrderSnapshot::report`]: super::OrderSnapshot::report
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
pub(super) fn request(
    result: Result<(), TrackError>,
    effect: RestEffect,
) -> Result<RestEffect, RestError> {
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
    answer: RestAnswer,
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
pub(super) fn fail_placement(
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
///
/// [`NO_RESPONSE`]: super::NO_RESPONSE
pub fn apply_new_order_result(
    tracker: &mut OrderTracker,
    key: OrderKey,
    http_status: u16,
    body: &str,
    now: u64,
) -> Result<RestApplied, RestError> {
    apply_new_order_answer(tracker, key, read_answer(http_status, body), now)
}

/// [`apply_new_order_result`] of an answer already read (one item of a
/// `batchOrders` answer, say).
pub(crate) fn apply_new_order_answer(
    tracker: &mut OrderTracker,
    key: OrderKey,
    answer: RestAnswer,
    now: u64,
) -> Result<RestApplied, RestError> {
    let http_status = answer.http_status();
    apply_answer(tracker, key, answer, |tracker, class, code| match class {
        RestErrorClass::Definitive | RestErrorClass::UnknownOrder => {
            fail_placement(tracker, key, code, http_status, now)
        }
        RestErrorClass::InDoubt => {
            request(tracker.place_in_doubt(key, now), RestEffect::PlaceInDoubt)
        }
    })
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
        read_answer(http_status, body),
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
        read_answer(http_status, body),
        |tracker, class, code| match class {
            RestErrorClass::UnknownOrder => fail_placement(tracker, key, code, http_status, now),
            RestErrorClass::Definitive | RestErrorClass::InDoubt => Ok(RestEffect::Unchanged),
        },
    )
}
