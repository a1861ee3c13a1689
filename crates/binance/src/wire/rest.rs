//! REST answers of the order endpoints as borrowed views, and their
//! conversion into [`OrderSnapshot`]s.
//!
//! One order shape serves `POST /fapi/v1/order` (new), `DELETE
//! /fapi/v1/order` (cancel), `GET /fapi/v1/order` (query), and each item of
//! `GET /fapi/v1/openOrders`, `GET /fapi/v1/allOrders` and `POST
//! /fapi/v1/batchOrders`. Binance has dropped fields from these answers over
//! time (`cumQuote`, `avgPrice` are gone from new-order and cancel answers),
//! so the view declares only what the tracker uses; the rest is ignored
//! whatever its type. A list is read item by item: one unreadable item is an
//! error of its own and costs no other item.

use ordertrack::{ExchangeOrderId, OrderTerms};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::error::{WireError, parse};
use super::stream::WireStatus;
use super::value::{ErrorCode, Id, Millis, Text};
use crate::convert::{self, ConvertError};
use crate::rest::OrderSnapshot;

/// Most items read from one list answer; Binance returns at most 1,000
/// orders per `allOrders` page and 5 per `batchOrders` call.
pub const LIST_ITEMS_MAX: usize = 10_000;

/// An order as a REST answer shows it: the fields the tracker uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderResponse<'a> {
    /// Client order id.
    #[serde(borrow)]
    pub client_order_id: Text<'a>,
    /// Exchange order id, a number or a string.
    pub order_id: Id,
    /// Symbol.
    #[serde(borrow)]
    pub symbol: Text<'a>,
    /// Order status.
    pub status: WireStatus,
    /// Executed quantity.
    #[serde(borrow, default)]
    pub executed_qty: Option<Text<'a>>,
    /// The executed quantity under its older name, read when `executedQty`
    /// is absent (answers of some eras have only this one).
    #[serde(borrow, default)]
    pub cum_qty: Option<Text<'a>>,
    /// Last update time, ms since epoch.
    pub update_time: Millis,
    /// Side, `BUY` or `SELL`.
    #[serde(borrow)]
    pub side: Text<'a>,
    /// The order's quantity.
    #[serde(borrow)]
    pub orig_qty: Text<'a>,
    /// Limit price (`"0"` for market orders); absent: not known.
    #[serde(borrow, default)]
    pub price: Option<Text<'a>>,
    /// Original order type; absent: the type is not checked.
    #[serde(borrow, default)]
    pub orig_type: Option<Text<'a>>,
    /// Reduce-only order.
    #[serde(default)]
    pub reduce_only: Option<bool>,
    /// Close-all order.
    #[serde(default)]
    pub close_position: Option<bool>,
}

impl OrderResponse<'_> {
    /// The answer as an [`OrderSnapshot`].
    ///
    /// # Errors
    /// [`ConvertError`] naming the field the model refuses (`$.clientOrderId`,
    /// `$.symbol`, `$.executedQty`, `$.side`, `$.origQty`, `$.price`,
    /// `$.origType`).
    pub fn to_snapshot(&self) -> Result<OrderSnapshot, ConvertError> {
        let price = self
            .price
            .as_deref()
            .map(|p| convert::limit_price("$.price", p))
            .transpose()?
            .flatten();
        Ok(OrderSnapshot {
            client_id: convert::client_id("$.clientOrderId", &self.client_order_id)?,
            exchange_id: ExchangeOrderId(self.order_id.0),
            symbol: convert::symbol("$.symbol", &self.symbol)?,
            status: self.status.into(),
            executed_qty: match (&self.executed_qty, &self.cum_qty) {
                (Some(executed), _) => convert::qty("$.executedQty", executed)?,
                (None, Some(cum)) => convert::qty("$.cumQty", cum)?,
                (None, None) => {
                    return Err(ConvertError::Absent {
                        field: "$.executedQty",
                    });
                }
            },
            update_time: self.update_time.0,
            terms: OrderTerms {
                trigger_price: None,
                working_type: None,
                side: convert::side("$.side", &self.side)?,
                order_type: self
                    .orig_type
                    .as_deref()
                    .map(|t| convert::order_type("$.origType", t))
                    .transpose()?,
                quantity: convert::qty("$.origQty", &self.orig_qty)?,
                price,
                reduce_only: self.reduce_only,
                close_position: self.close_position.unwrap_or(false),
            },
        })
    }
}

/// The WebSocket API's answer envelope, `{"id":…,"status":200,"result":{…}}`:
/// the same order answers, one level down.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct WsApiEnvelope<'a> {
    /// The HTTP-like status of the answer (`200`, `400`, …).
    pub status: u16,
    /// The answer proper.
    #[serde(borrow)]
    pub result: Option<&'a RawValue>,
    /// The error, when the request failed (`{"code":…,"msg":…}`).
    #[serde(borrow)]
    pub error: Option<&'a RawValue>,
}

/// Binance error body, e.g. `{"code":-2011,"msg":"Unknown order sent."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ErrorBody<'a> {
    /// Error code (negative; a number, or a string in some answers).
    /// Optional: third-party clients report 503 bodies carrying only a
    /// message.
    pub code: Option<ErrorCode>,
    /// Human-readable message; borrowed unless it contains JSON escapes.
    #[serde(borrow)]
    pub msg: Text<'a>,
}

/// The items of a list answer, each kept as its raw JSON to be read on its
/// own.
///
/// # Errors
/// [`WireError`] when the body is not a JSON array, or holds more than
/// [`LIST_ITEMS_MAX`] items (named as a wrong type at `$`).
pub(crate) fn list_items(body: &str) -> Result<Vec<&RawValue>, WireError> {
    let raw: Vec<&RawValue> = parse(body)?;
    if raw.len() > LIST_ITEMS_MAX {
        return Err(WireError::WrongType {
            field: "$".to_owned(),
            detail: format!("{} items; at most {LIST_ITEMS_MAX} are read", raw.len()),
            line: 1,
            column: 1,
        });
    }
    Ok(raw)
}

/// One item of a list answer, each read on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListItem<'a> {
    /// An order.
    Order(OrderResponse<'a>),
    /// A per-item error (`batchOrders` answers one for each refused order).
    Error(ErrorBody<'a>),
    /// An item that is neither (its own error; the other items still count).
    Unreadable(WireError),
}

/// Parses a list answer — `GET /fapi/v1/openOrders`, `GET
/// /fapi/v1/allOrders`, `POST /fapi/v1/batchOrders` — into its items, in
/// order. An item holding `code` and no `orderId` is an error body.
///
/// # Errors
/// [`WireError`] when the body is not a JSON array, or holds more than
/// [`LIST_ITEMS_MAX`] items (named as a wrong type at `$`).
pub fn parse_list(body: &str) -> Result<Vec<ListItem<'_>>, WireError> {
    #[derive(Deserialize)]
    struct Shape {
        code: Option<IgnoredAny>,
        #[serde(rename = "orderId")]
        order_id: Option<IgnoredAny>,
    }
    Ok(list_items(body)?
        .into_iter()
        .map(|item| {
            let text = item.get();
            let is_error = parse::<Shape>(text)
                .is_ok_and(|shape| shape.code.is_some() && shape.order_id.is_none());
            let read = if is_error {
                parse(text).map(ListItem::Error)
            } else {
                parse(text).map(ListItem::Order)
            };
            read.unwrap_or_else(ListItem::Unreadable)
        })
        .collect())
}
