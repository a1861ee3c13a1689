//! The snapshot's answers read into typed views, each checked against its
//! request: a list's items must all be readable orders of the list's symbol,
//! a query's answer the order asked for.

use ordertrack::ClientOrderId;

use super::{Fetch, OrderId, ReconcileError, Snapshot, UserTrade, read_user_trades};
use crate::rest::{
    AlgoAnswer, AlgoListAnswer, AlgoSnapshot, ListAnswer, ListedAlgoOrder, ListedOrder,
    OrderSnapshot, RestAnswer, read_algo_answer, read_algo_list_answer, read_answer,
    read_list_answer,
};
use crate::wire::RestErrorClass;

/// What a query of one order found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queried<T> {
    /// The order, as the exchange shows it.
    Found(T),
    /// The exchange does not know the order (`-2013`, `-2011`): this code.
    NotFound(Option<i64>),
}

fn wrong(fetch: &Fetch, answered: String) -> ReconcileError {
    ReconcileError::WrongOrder {
        fetch: *fetch,
        answered,
    }
}

fn failed(fetch: &Fetch, http_status: u16, code: Option<i64>, message: String) -> ReconcileError {
    ReconcileError::Failed {
        fetch: *fetch,
        http_status,
        code,
        message,
    }
}

/// The orders of a [`Fetch::OpenOrders`] answer; `None` when not fetched.
pub(crate) fn open_orders(
    snapshot: &Snapshot,
    fetch: &Fetch,
) -> Result<Option<Vec<OrderSnapshot>>, ReconcileError> {
    let Some(answer) = snapshot.get(fetch) else {
        return Ok(None);
    };
    let items = match read_list_answer(answer.http_status, &answer.body) {
        ListAnswer::Items(items) => items,
        ListAnswer::Failed(failed) => return Err(rest_failure(fetch, failed)),
    };
    let mut orders = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        match item {
            ListedOrder::Order(order) if order.symbol == fetch.symbol() => orders.push(order),
            ListedOrder::Order(order) => {
                return Err(wrong(
                    fetch,
                    format!("order {} on {}", order.client_id, order.symbol),
                ));
            }
            ListedOrder::Error { code, message, .. } => {
                return Err(failed(fetch, answer.http_status, code, message));
            }
            ListedOrder::Unreadable(error) => {
                return Err(ReconcileError::Item {
                    fetch: *fetch,
                    index,
                    error,
                });
            }
        }
    }
    Ok(Some(orders))
}

/// The conditional orders of a [`Fetch::OpenAlgoOrders`] answer; `None` when
/// not fetched.
pub(crate) fn open_algo_orders(
    snapshot: &Snapshot,
    fetch: &Fetch,
) -> Result<Option<Vec<AlgoSnapshot>>, ReconcileError> {
    let Some(answer) = snapshot.get(fetch) else {
        return Ok(None);
    };
    let items = match read_algo_list_answer(answer.http_status, &answer.body) {
        AlgoListAnswer::Items(items) => items,
        AlgoListAnswer::Failed(failed) => return Err(algo_failure(fetch, failed)),
    };
    let mut orders = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        match item {
            ListedAlgoOrder::Order(order) if order.symbol == fetch.symbol() => orders.push(order),
            ListedAlgoOrder::Order(order) => {
                return Err(wrong(
                    fetch,
                    format!("order {} on {}", order.client_id, order.symbol),
                ));
            }
            ListedAlgoOrder::Error { code, message, .. } => {
                return Err(failed(fetch, answer.http_status, code, message));
            }
            ListedAlgoOrder::Unreadable(error) => {
                return Err(ReconcileError::Item {
                    fetch: *fetch,
                    index,
                    error,
                });
            }
        }
    }
    Ok(Some(orders))
}

/// The answer to a [`Fetch::Order`]; `None` when not fetched.
pub(crate) fn order(
    snapshot: &Snapshot,
    fetch: &Fetch,
) -> Result<Option<Queried<OrderSnapshot>>, ReconcileError> {
    let Some(answer) = snapshot.get(fetch) else {
        return Ok(None);
    };
    match read_answer(answer.http_status, &answer.body) {
        RestAnswer::Order(order) => {
            let asked = match fetch {
                Fetch::Order {
                    order: OrderId::Exchange(id),
                    ..
                } => order.exchange_id == *id,
                Fetch::Order {
                    order: OrderId::Client(id),
                    ..
                } => order.client_id == *id,
                _ => false,
            };
            if !asked || order.symbol != fetch.symbol() {
                return Err(wrong(
                    fetch,
                    format!(
                        "order {} ({}) on {}",
                        order.client_id, order.exchange_id.0, order.symbol
                    ),
                ));
            }
            Ok(Some(Queried::Found(order)))
        }
        RestAnswer::Error {
            class: RestErrorClass::UnknownOrder,
            code,
            ..
        } => Ok(Some(Queried::NotFound(code))),
        failure => Err(rest_failure(fetch, failure)),
    }
}

/// The answer to a [`Fetch::AlgoOrder`]; `None` when not fetched.
pub(crate) fn algo_order(
    snapshot: &Snapshot,
    fetch: &Fetch,
    client_id: ClientOrderId,
) -> Result<Option<Queried<AlgoSnapshot>>, ReconcileError> {
    let Some(answer) = snapshot.get(fetch) else {
        return Ok(None);
    };
    match read_algo_answer(answer.http_status, &answer.body) {
        AlgoAnswer::Order(order)
            if order.client_id == client_id && order.symbol == fetch.symbol() =>
        {
            Ok(Some(Queried::Found(order)))
        }
        AlgoAnswer::Order(order) => Err(wrong(
            fetch,
            format!("conditional order {} on {}", order.client_id, order.symbol),
        )),
        AlgoAnswer::Error {
            class: RestErrorClass::UnknownOrder,
            code,
            ..
        } => Ok(Some(Queried::NotFound(code))),
        failure => Err(algo_failure(fetch, failure)),
    }
}

/// The trades of a [`Fetch::UserTrades`] answer; `None` when not fetched.
pub(crate) fn user_trades(
    snapshot: &Snapshot,
    fetch: &Fetch,
) -> Result<Option<Vec<UserTrade>>, ReconcileError> {
    snapshot
        .get(fetch)
        .map(|answer| read_user_trades(fetch, answer.http_status, &answer.body))
        .transpose()
}

fn rest_failure(fetch: &Fetch, answer: RestAnswer) -> ReconcileError {
    match answer {
        RestAnswer::Error {
            http_status,
            code,
            message,
            ..
        } => failed(fetch, http_status, code, message),
        RestAnswer::Unreadable { error, .. } => ReconcileError::Unreadable {
            fetch: *fetch,
            error,
        },
        RestAnswer::Order(order) => wrong(
            fetch,
            format!("one order ({}), not a list", order.client_id),
        ),
    }
}

fn algo_failure(fetch: &Fetch, answer: AlgoAnswer) -> ReconcileError {
    match answer {
        AlgoAnswer::Error {
            http_status,
            code,
            message,
            ..
        } => failed(fetch, http_status, code, message),
        AlgoAnswer::Unreadable { error, .. } => ReconcileError::Unreadable {
            fetch: *fetch,
            error,
        },
        AlgoAnswer::Accepted { message, .. } => wrong(
            fetch,
            format!("an acknowledgement ({message}), not an order"),
        ),
        AlgoAnswer::Order(order) => wrong(
            fetch,
            format!("one order ({}), not a list", order.client_id),
        ),
    }
}
