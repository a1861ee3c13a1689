//! List answers — `GET /fapi/v1/openOrders`, `GET /fapi/v1/allOrders`, `POST
//! /fapi/v1/batchOrders` — read into per-order outcomes.
//!
//! Each item is read on its own: an item the model refuses is an outcome of
//! its own and costs no other item. A `batchOrders` answer lists one item per
//! order sent, in the order sent: an order or that order's error
//! (`{"code":-2022,"msg":"ReduceOnly Order is rejected."}`).

use ordertrack::{ClientOrderId, OrderKey, OrderTracker, Outcome, TrackError};

use super::{
    OrderSnapshot, RestAnswer, RestApplied, RestError, apply_new_order_answer, clip_message,
    read_answer,
};
use crate::event::DecodeError;
use crate::wire::{self, ListItem, RestErrorClass, classify_rest_error};

/// One item of a list answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListedOrder {
    /// An order.
    Order(OrderSnapshot),
    /// The item is an error body (a `batchOrders` order that was refused).
    Error {
        /// What the failure means for that order.
        class: RestErrorClass,
        /// Binance's error code.
        code: Option<i64>,
        /// Binance's message (at most 256 bytes).
        message: String,
    },
    /// The item could not be read.
    Unreadable(DecodeError),
}

impl ListedOrder {
    /// The item as the answer one order's own request would have had.
    fn into_answer(self, http_status: u16) -> RestAnswer {
        match self {
            Self::Order(snapshot) => RestAnswer::Order(snapshot),
            Self::Error {
                class,
                code,
                message,
            } => RestAnswer::Error {
                class,
                http_status,
                code,
                message,
            },
            Self::Unreadable(error) => RestAnswer::Unreadable { http_status, error },
        }
    }
}

/// What a list answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListAnswer {
    /// A 2XX answer holding a list: its items, in order.
    Items(Vec<ListedOrder>),
    /// An error answer, or a 2XX body that is not a list ([`RestAnswer::Error`]
    /// or [`RestAnswer::Unreadable`]).
    Failed(RestAnswer),
}

/// Reads a list answer's HTTP status and body. Never fails: a body that is
/// not a list becomes [`ListAnswer::Failed`].
#[must_use]
pub fn read_list_answer(http_status: u16, body: &str) -> ListAnswer {
    if !(200..300).contains(&http_status) {
        return ListAnswer::Failed(read_answer(http_status, body));
    }
    let items = match wire::parse_list(body) {
        Ok(items) => items,
        Err(error) => match read_answer(http_status, body) {
            failed @ RestAnswer::Error { .. } => return ListAnswer::Failed(failed),
            _ => {
                return ListAnswer::Failed(RestAnswer::Unreadable {
                    http_status,
                    error: error.into(),
                });
            }
        },
    };
    ListAnswer::Items(
        items
            .into_iter()
            .map(|item| match item {
                ListItem::Order(response) => match response.to_snapshot() {
                    Ok(snapshot) => ListedOrder::Order(snapshot),
                    Err(error) => ListedOrder::Unreadable(error.into()),
                },
                ListItem::Error(body) => ListedOrder::Error {
                    class: classify_rest_error(http_status, Some(&body)),
                    code: body.code.map(|c| c.0),
                    message: clip_message(&body.msg),
                },
                ListItem::Unreadable(error) => ListedOrder::Unreadable(error.into()),
            })
            .collect(),
    )
}

/// Applies the answer to `POST /fapi/v1/batchOrders` for the orders `keys`,
/// in the order they were sent: item *k* is the answer for `keys[k]`, applied
/// as [`crate::apply_new_order_result`] would apply that order's own answer
/// (an order acknowledges it; an error item fails it or leaves it in doubt by
/// its code; an unreadable item leaves it in doubt). A whole-call error
/// applies to every key. A key with no item (a short list) is left in doubt.
///
/// # Errors
/// Per key, as [`crate::apply_new_order_result`]: a stale key, an item about
/// another order, or a report the order refuses leaves that order unchanged.
pub fn apply_batch_new_orders_result(
    tracker: &mut OrderTracker,
    keys: &[OrderKey],
    http_status: u16,
    body: &str,
    now: u64,
) -> Vec<Result<RestApplied, RestError>> {
    let mut items = match read_list_answer(http_status, body) {
        ListAnswer::Items(items) => items.into_iter(),
        ListAnswer::Failed(answer) => {
            return keys
                .iter()
                .map(|&key| apply_new_order_answer(tracker, key, answer.clone(), now))
                .collect();
        }
    };
    keys.iter()
        .map(|&key| {
            let answer = items.next().map_or_else(
                || RestAnswer::Error {
                    class: RestErrorClass::InDoubt,
                    http_status,
                    code: None,
                    message: "the batch answer lists no item for this order".to_owned(),
                },
                |item| item.into_answer(http_status),
            );
            apply_new_order_answer(tracker, key, answer, now)
        })
        .collect()
}

/// Applies every order of an `openOrders` or `allOrders` answer to the
/// tracked order it names (by client id, else by symbol and order id), as
/// its [`OrderSnapshot::report`]: an order still `Placing` is acknowledged, a
/// closed one is closed; items for untracked orders come back as
/// [`Outcome::Unknown`]. Each item's result is its own: a refused item
/// changes nothing and stops no other.
///
/// # Errors
/// The whole answer, when it is an error or not a list.
pub fn apply_order_list(
    tracker: &mut OrderTracker,
    http_status: u16,
    body: &str,
) -> Result<Vec<ListedOutcome>, RestAnswer> {
    let items = match read_list_answer(http_status, body) {
        ListAnswer::Items(items) => items,
        ListAnswer::Failed(answer) => return Err(answer),
    };
    Ok(items
        .into_iter()
        .map(|item| match item {
            ListedOrder::Order(snapshot) => ListedOutcome {
                client_id: Some(snapshot.client_id),
                result: tracker
                    .apply(&snapshot.report())
                    .map_err(ListItemError::Track),
            },
            ListedOrder::Error { code, message, .. } => ListedOutcome {
                client_id: None,
                result: Err(ListItemError::Error { code, message }),
            },
            ListedOrder::Unreadable(error) => ListedOutcome {
                client_id: None,
                result: Err(ListItemError::Unreadable(error)),
            },
        })
        .collect())
}

/// What one item of an `openOrders` / `allOrders` answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedOutcome {
    /// The item's client order id, when the item could be read.
    pub client_id: Option<ClientOrderId>,
    /// Where its report went, or why it changed nothing.
    pub result: Result<Outcome, ListItemError>,
}

/// Why one item of a list answer changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListItemError {
    /// The item is an error body.
    #[error("the item is an error: {message} (code {code:?})")]
    Error {
        /// Binance's code.
        code: Option<i64>,
        /// Binance's message.
        message: String,
    },
    /// The item could not be read.
    #[error("the item cannot be read: {0}")]
    Unreadable(DecodeError),
    /// The tracked order refused the item's report.
    #[error(transparent)]
    Track(TrackError),
}
