//! [`NewOrder`]: everything the engine decides about an order before sending it,
//! and the rules a new order must meet.

use crate::decimal::{Price, Qty};
use crate::error::OrderError;
use crate::ids::{ClientOrderId, ParentId, SubAccountId};
use crate::kinds::{OrderType, Origin, Side};
use crate::symbol::Symbol;

/// Highest leverage Binance USDⓈ-M futures allow.
pub const MAX_LEVERAGE: u16 = 125;

/// Everything the engine decides about an order before sending it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NewOrder {
    /// The client order id (usually from [`ClientOrderId::generate`]).
    pub client_id: ClientOrderId,
    /// The owning sub-account.
    pub sub_account: SubAccountId,
    /// The instrument, Binance form.
    pub symbol: Symbol,
    /// Buy or sell.
    pub side: Side,
    /// Order type.
    pub order_type: OrderType,
    /// Quantity to trade; must be positive.
    pub quantity: Qty,
    /// Limit price; required by LIMIT, STOP and TAKE_PROFIT.
    pub price: Option<Price>,
    /// Whether the order may only reduce a position.
    pub reduce_only: bool,
    /// Which engine component made it; `None` for an order of ours whose
    /// client id names an origin this library does not know (rebuilt from the
    /// feed: see [`ClientOrderId::parse_pms`]).
    pub origin: Option<Origin>,
    /// The parent algo, if any.
    pub parent: Option<ParentId>,
    /// Leverage, 1..=125.
    pub leverage: u16,
    /// Creation time (ms), given by the caller: the model never reads a clock.
    pub created_at: u64,
}

impl NewOrder {
    /// A LIMIT order with a freshly generated client id, leverage 1, not
    /// reduce-only and no parent; adjust the public fields for anything else.
    #[must_use]
    pub fn limit(
        sub_account: SubAccountId,
        origin: Origin,
        symbol: Symbol,
        side: Side,
        quantity: Qty,
        price: Price,
        created_at: u64,
    ) -> Self {
        Self {
            client_id: ClientOrderId::generate(&sub_account, origin),
            sub_account,
            symbol,
            side,
            order_type: OrderType::Limit,
            quantity,
            price: Some(price),
            reduce_only: false,
            origin: Some(origin),
            parent: None,
            leverage: 1,
            created_at,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), OrderError> {
        let client_id = self.client_id;
        if self.quantity.is_zero() {
            return Err(OrderError::ZeroQuantity { client_id });
        }
        if self.order_type.requires_price() && self.price.is_none() {
            return Err(OrderError::MissingPrice {
                client_id,
                order_type: self.order_type,
            });
        }
        if !(1..=MAX_LEVERAGE).contains(&self.leverage) {
            return Err(OrderError::LeverageOutOfRange {
                client_id,
                leverage: self.leverage,
            });
        }
        if let Some(parts) = client_id.parse_pms() {
            if parts.sub_account_prefix != self.sub_account.prefix() {
                return Err(OrderError::SubAccountMismatch {
                    client_id,
                    sub_account: self.sub_account,
                });
            }
            if parts.origin != self.origin {
                return Err(OrderError::OriginMismatch {
                    client_id,
                    origin: self.origin,
                });
            }
        }
        Ok(())
    }
}
