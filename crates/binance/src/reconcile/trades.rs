//! `GET /fapi/v1/userTrades`: an order's trades, with their trade ids — the
//! only REST answer that can book a fill exactly once.

use ordertrack::{ExchangeOrderId, Price, Qty, Symbol, TradeId};
use serde::Deserialize;

use super::{Fetch, ReconcileError};
use crate::convert;
use crate::event::DecodeError;
use crate::wire::rest::list_items;
use crate::wire::{self, Id, Millis, Text};

/// One trade of a `userTrades` answer: the fields the tracker uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserTrade {
    /// `id`: the trade id, the same as the stream's `t`.
    pub trade_id: TradeId,
    /// `orderId`.
    pub exchange_id: ExchangeOrderId,
    /// `symbol`.
    pub symbol: Symbol,
    /// `price`.
    pub price: Price,
    /// `qty`.
    pub qty: Qty,
    /// `time` (ms).
    pub time: u64,
}

/// The wire view of one trade.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TradeItem<'a> {
    id: Id,
    order_id: Id,
    #[serde(borrow)]
    symbol: Text<'a>,
    #[serde(borrow)]
    price: Text<'a>,
    #[serde(borrow)]
    qty: Text<'a>,
    time: Millis,
}

impl TradeItem<'_> {
    fn to_trade(&self) -> Result<UserTrade, DecodeError> {
        Ok(UserTrade {
            trade_id: TradeId(self.id.0),
            exchange_id: ExchangeOrderId(self.order_id.0),
            symbol: convert::symbol("$.symbol", &self.symbol)?,
            price: convert::price("$.price", &self.price)?,
            qty: convert::qty("$.qty", &self.qty)?,
            time: self.time.0,
        })
    }
}

/// Reads the answer to `fetch` (a [`Fetch::UserTrades`]) into its trades,
/// in the answer's order. Every trade must be of the order and symbol asked
/// for, with a quantity above zero.
///
/// # Errors
/// [`ReconcileError`]: an error answer, a body that is not a list, an item
/// that cannot be read, or a trade of another order.
pub fn read_user_trades(
    fetch: &Fetch,
    http_status: u16,
    body: &str,
) -> Result<Vec<UserTrade>, ReconcileError> {
    if !(200..300).contains(&http_status) {
        return Err(ReconcileError::failed(fetch, http_status, body));
    }
    let items = list_items(body).map_err(|error| {
        if wire::parse::<wire::ErrorBody<'_>>(body).is_ok() {
            ReconcileError::failed(fetch, http_status, body)
        } else {
            ReconcileError::Unreadable {
                fetch: *fetch,
                error: error.into(),
            }
        }
    })?;
    let mut trades = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let trade = wire::parse::<TradeItem<'_>>(item.get())
            .map_err(DecodeError::from)
            .and_then(|item| item.to_trade())
            .map_err(|error| ReconcileError::Item {
                fetch: *fetch,
                index,
                error,
            })?;
        if let Fetch::UserTrades {
            symbol,
            exchange_id,
        } = fetch
            && (trade.symbol != *symbol || trade.exchange_id != *exchange_id)
        {
            return Err(ReconcileError::WrongOrder {
                fetch: *fetch,
                answered: format!(
                    "trade {} of order {} on {}",
                    trade.trade_id.0, trade.exchange_id.0, trade.symbol
                ),
            });
        }
        if trade.qty.is_zero() {
            return Err(ReconcileError::ZeroTrade {
                fetch: *fetch,
                trade_id: trade.trade_id,
            });
        }
        trades.push(trade);
    }
    Ok(trades)
}
