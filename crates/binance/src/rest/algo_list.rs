//! The algo service's list answers — `GET /fapi/v1/openAlgoOrders`, `GET
//! /fapi/v1/allAlgoOrders` — read item by item and applied to the orders they
//! name.

use ordertrack::OrderTracker;

use super::algo::{AlgoAnswer, AlgoSnapshot, read_algo_answer};
use super::clip_message;
use super::list::{ListItemError, ListedOutcome};
use crate::event::DecodeError;
use crate::wire::{self, AlgoBody, RestErrorClass, classify_rest_error};

/// One item of an algo list answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListedAlgoOrder {
    /// A conditional order.
    Order(AlgoSnapshot),
    /// The item is a code and a message, not an order.
    Error {
        /// What it means, as a REST error.
        class: RestErrorClass,
        /// Binance's code.
        code: Option<i64>,
        /// Binance's message (at most 256 bytes).
        message: String,
    },
    /// The item could not be read.
    Unreadable(DecodeError),
}

/// What an algo list answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgoListAnswer {
    /// A 2XX answer holding a list: its items, in order.
    Items(Vec<ListedAlgoOrder>),
    /// An error answer, or a 2XX body that is not a list
    /// ([`AlgoAnswer::Error`] or [`AlgoAnswer::Unreadable`]).
    Failed(AlgoAnswer),
}

/// Reads an algo list answer's HTTP status and body, each item on its own
/// (at most [`wire::LIST_ITEMS_MAX`]). Never fails: a body that is not a
/// list becomes [`AlgoListAnswer::Failed`].
#[must_use]
pub fn read_algo_list_answer(http_status: u16, body: &str) -> AlgoListAnswer {
    if !(200..300).contains(&http_status) {
        return AlgoListAnswer::Failed(read_algo_answer(http_status, body));
    }
    let items = match wire::parse_algo_list(body) {
        Ok(items) => items,
        Err(error) => {
            return AlgoListAnswer::Failed(match read_algo_answer(http_status, body) {
                failed @ AlgoAnswer::Error { .. } => failed,
                _ => AlgoAnswer::Unreadable {
                    http_status,
                    error: error.into(),
                },
            });
        }
    };
    AlgoListAnswer::Items(
        items
            .into_iter()
            .map(|item| match item {
                AlgoBody::Order(Ok(response)) => match response.to_snapshot() {
                    Ok(snapshot) => ListedAlgoOrder::Order(snapshot),
                    Err(error) => ListedAlgoOrder::Unreadable(error.into()),
                },
                AlgoBody::Ack(Ok(ack)) => ListedAlgoOrder::Error {
                    class: classify_rest_error(http_status, Some(&ack.as_error())),
                    code: Some(ack.code.0),
                    message: clip_message(&ack.msg),
                },
                AlgoBody::Order(Err(error)) | AlgoBody::Ack(Err(error)) => {
                    ListedAlgoOrder::Unreadable(error.into())
                }
            })
            .collect(),
    )
}

/// Applies every conditional order of an `openAlgoOrders` or `allAlgoOrders`
/// answer to the tracked order it names (by client id, else by symbol and
/// `actualOrderId`), as its [`AlgoSnapshot::report`]: an order still
/// `Placing` is armed (or bound, once triggered), a closed one is closed;
/// items for untracked orders come back as [`ordertrack::Outcome::Unknown`].
/// Each item's result is its own: a refused item changes nothing and stops
/// no other.
///
/// # Errors
/// The whole answer, when it is an error or not a list.
pub fn apply_algo_order_list(
    tracker: &mut OrderTracker,
    http_status: u16,
    body: &str,
) -> Result<Vec<ListedOutcome>, AlgoAnswer> {
    let items = match read_algo_list_answer(http_status, body) {
        AlgoListAnswer::Items(items) => items,
        AlgoListAnswer::Failed(answer) => return Err(answer),
    };
    Ok(items
        .into_iter()
        .map(|item| match item {
            ListedAlgoOrder::Order(snapshot) => ListedOutcome {
                client_id: Some(snapshot.client_id),
                result: tracker
                    .apply(&snapshot.report())
                    .map_err(ListItemError::Track),
            },
            ListedAlgoOrder::Error { code, message, .. } => ListedOutcome {
                client_id: None,
                result: Err(ListItemError::Error { code, message }),
            },
            ListedAlgoOrder::Unreadable(error) => ListedOutcome {
                client_id: None,
                result: Err(ListItemError::Unreadable(error)),
            },
        })
        .collect())
}
