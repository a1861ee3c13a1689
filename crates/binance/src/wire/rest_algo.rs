//! REST answers of the algo service's endpoints as borrowed views, and their
//! conversion into [`AlgoSnapshot`]s.
//!
//! One order shape serves `POST /fapi/v1/algoOrder` (new), `GET
//! /fapi/v1/algoOrder` (query), each item of `GET /fapi/v1/openAlgoOrders`
//! and `GET /fapi/v1/allAlgoOrders`, and the `result` of the WebSocket API's
//! algo answers; `DELETE /fapi/v1/algoOrder` (cancel) answers with an
//! acknowledgement instead, `{"algoId","clientAlgoId","code":"200","msg"}`
//! ([`AlgoAck`]). The view declares only what the tracker uses; the rest is
//! ignored whatever its type (`icebergQuantity` is `null`, `"None"` or a
//! decimal in different answers).

use ordertrack::{AlgoId, OrderTerms};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::algo::{ActualOrderId, WireAlgoStatus};
use super::error::{WireError, parse};
use super::rest::{ErrorBody, list_items};
use super::value::{ErrorCode, Id, Millis, Text};
use crate::convert::{self, ConvertError};
use crate::rest::AlgoSnapshot;

/// A conditional order as an algo endpoint's answer shows it: the fields the
/// tracker uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlgoOrderResponse<'a> {
    /// The algo id, a number or a string.
    pub algo_id: Id,
    /// The client algo id (the engine's client order id).
    #[serde(borrow)]
    pub client_algo_id: Text<'a>,
    /// Symbol.
    #[serde(borrow)]
    pub symbol: Text<'a>,
    /// Side, `BUY` or `SELL`.
    #[serde(borrow)]
    pub side: Text<'a>,
    /// The algo status.
    pub algo_status: WireAlgoStatus,
    /// The conditional order's type (`STOP_MARKET`, …).
    #[serde(borrow, default)]
    pub order_type: Option<Text<'a>>,
    /// The type under the request's name, read when `orderType` is absent
    /// (nautilus_trader's fixture has only this one); absent both: the type
    /// is not checked.
    #[serde(rename = "type", borrow, default)]
    pub request_type: Option<Text<'a>>,
    /// The order's quantity (`"0"` for a close-position order).
    #[serde(borrow)]
    pub quantity: Text<'a>,
    /// Limit price (`"0"` for the market types); absent: not known.
    #[serde(borrow, default)]
    pub price: Option<Text<'a>>,
    /// Reduce-only order.
    #[serde(default)]
    pub reduce_only: Option<bool>,
    /// Close-position order.
    #[serde(default)]
    pub close_position: Option<bool>,
    /// The matching-engine order it triggered into (`""` before); absent:
    /// none yet.
    #[serde(default)]
    pub actual_order_id: Option<ActualOrderId>,
    /// The triggered order's executed quantity, when the answer states it.
    #[serde(borrow, default)]
    pub executed_qty: Option<Text<'a>>,
    /// Last update time, ms since epoch.
    pub update_time: Millis,
}

impl AlgoOrderResponse<'_> {
    /// The answer as an [`AlgoSnapshot`].
    ///
    /// # Errors
    /// [`ConvertError`] naming the field the model refuses (`$.algoId` `0`,
    /// `$.clientAlgoId`, `$.symbol`, `$.side`, `$.orderType`, `$.quantity`,
    /// `$.price`, `$.executedQty`).
    pub fn to_snapshot(&self) -> Result<AlgoSnapshot, ConvertError> {
        let order_type = match (&self.order_type, &self.request_type) {
            (Some(t), _) => Some(convert::order_type("$.orderType", t)?),
            (None, Some(t)) => Some(convert::order_type("$.type", t)?),
            (None, None) => None,
        };
        let price = self
            .price
            .as_deref()
            .map(|p| convert::trigger_price("$.price", Some(p)))
            .transpose()?
            .flatten();
        Ok(AlgoSnapshot {
            algo_id: algo_id("$.algoId", self.algo_id)?,
            client_id: convert::client_id("$.clientAlgoId", &self.client_algo_id)?,
            symbol: convert::symbol("$.symbol", &self.symbol)?,
            status: self.algo_status,
            exchange_id: self.actual_order_id.and_then(|id| id.0),
            executed_qty: convert::stated_qty("$.executedQty", self.executed_qty.as_deref())?,
            update_time: self.update_time.0,
            terms: OrderTerms {
                side: convert::side("$.side", &self.side)?,
                order_type,
                quantity: convert::qty("$.quantity", &self.quantity)?,
                price,
                reduce_only: self.reduce_only,
                close_position: self.close_position.unwrap_or(false),
                trigger_price: None,
                working_type: None,
            },
        })
    }
}

/// The algo id of `field`: never `0`.
pub(crate) fn algo_id(field: &'static str, id: Id) -> Result<AlgoId, ConvertError> {
    AlgoId::new(id.0).ok_or_else(|| ConvertError::Invalid {
        field,
        value: "0".to_owned(),
        rule: "is not an algo id (the algo service numbers orders from 1)",
    })
}

/// The answer to `DELETE /fapi/v1/algoOrder`: the order it names and a code
/// (`"200"` or `200`, `"0"` in some clients' fixtures, for success).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlgoAck<'a> {
    /// The algo id; absent in a cancel-all answer.
    #[serde(default)]
    pub algo_id: Option<Id>,
    /// The client algo id; absent in a cancel-all answer.
    #[serde(borrow, default)]
    pub client_algo_id: Option<Text<'a>>,
    /// The code: `200` or `0` is success, anything else an error code.
    pub code: ErrorCode,
    /// The message.
    #[serde(borrow)]
    pub msg: Text<'a>,
}

impl AlgoAck<'_> {
    /// Whether the code says the request succeeded (`200` or `0`).
    #[must_use]
    pub fn succeeded(&self) -> bool {
        matches!(self.code.0, 0 | 200)
    }

    /// The body as an error body (its code and message).
    #[must_use]
    pub fn as_error(&self) -> ErrorBody<'_> {
        ErrorBody {
            code: Some(self.code),
            msg: self.msg.clone(),
        }
    }
}

/// What an algo endpoint's body holds, by its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgoBody<'a> {
    /// A conditional order (`algoStatus` present, or neither it nor `code`).
    Order(Result<AlgoOrderResponse<'a>, WireError>),
    /// An acknowledgement or an error (`code`, no `algoStatus`).
    Ack(Result<AlgoAck<'a>, WireError>),
}

/// Reads one algo answer (or list item) by its shape: an object with
/// `algoStatus` is an order, one with `code` and no `algoStatus` an
/// acknowledgement or error, anything else is read as an order (so that its
/// error names what an order lacks).
#[must_use]
pub fn parse_algo_body(body: &str) -> AlgoBody<'_> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        algo_status: Option<IgnoredAny>,
        code: Option<IgnoredAny>,
    }
    match parse::<Shape>(body) {
        Ok(Shape {
            algo_status: None,
            code: Some(_),
        }) => AlgoBody::Ack(parse(body)),
        _ => AlgoBody::Order(parse(body)),
    }
}

/// Parses a list answer of the algo service — `GET /fapi/v1/openAlgoOrders`,
/// `GET /fapi/v1/allAlgoOrders` — into its items, in order, each read on its
/// own ([`parse_algo_body`]).
///
/// # Errors
/// [`WireError`] when the body is not a JSON array, or holds more than
/// [`super::LIST_ITEMS_MAX`] items (named as a wrong type at `$`).
pub fn parse_algo_list(body: &str) -> Result<Vec<AlgoBody<'_>>, WireError> {
    Ok(list_items(body)?
        .into_iter()
        .map(|item| parse_algo_body(item.get()))
        .collect())
}
