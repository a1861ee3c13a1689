//! [`NewOrder`]: everything the engine decides about an order before sending it,
//! and the rules a new order must meet.

use crate::decimal::{Price, Qty};
use crate::error::OrderError;
use crate::ids::{ClientOrderId, ParentId, SubAccountId};
use crate::kinds::{OrderType, Origin, Side};
use crate::symbol::Symbol;
use crate::trigger::Trigger;

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
    /// Quantity to trade; must be positive, except for a close-position
    /// order, whose quantity is zero until its triggered order states it.
    pub quantity: Qty,
    /// Limit price; required by LIMIT, STOP and TAKE_PROFIT.
    pub price: Option<Price>,
    /// Whether the order may only reduce a position.
    pub reduce_only: bool,
    /// The trigger of a conditional order (every conditional type has one,
    /// no other type does).
    pub trigger: Option<Trigger>,
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
            trigger: None,
            origin: Some(origin),
            parent: None,
            leverage: 1,
            created_at,
        }
    }

    /// A conditional order of type `order_type` (`STOP_MARKET`, …) with
    /// trigger `trigger`, a freshly generated client id, leverage 1, not
    /// reduce-only and no parent. A close-position order
    /// (`trigger.close_position`) takes `Qty::ZERO`; `STOP` and `TAKE_PROFIT`
    /// also need the limit `price` set.
    ///
    /// ```
    /// use ordertrack_model::*;
    /// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
    /// let stop = NewOrder::conditional(sub, Origin::TrailStop, Symbol::new("BTCUSDT")?,
    ///     Side::Sell, OrderType::StopMarket, Qty::ZERO,
    ///     Trigger { close_position: true, ..Trigger::at(Price::parse("95000")?) }, 1_000);
    /// let order = AnyOrder::new(stop)?;
    /// assert!(order.is_close_position() && order.quantity().is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[expect(
        clippy::too_many_arguments,
        reason = "the fields a conditional order cannot do without"
    )]
    #[must_use]
    pub fn conditional(
        sub_account: SubAccountId,
        origin: Origin,
        symbol: Symbol,
        side: Side,
        order_type: OrderType,
        quantity: Qty,
        trigger: Trigger,
        created_at: u64,
    ) -> Self {
        Self {
            client_id: ClientOrderId::generate(&sub_account, origin),
            sub_account,
            symbol,
            side,
            order_type,
            quantity,
            price: None,
            reduce_only: false,
            trigger: Some(trigger),
            origin: Some(origin),
            parent: None,
            leverage: 1,
            created_at,
        }
    }

    /// Whether the order closes the position at its trigger, its quantity
    /// not yet stated.
    #[must_use]
    pub const fn is_close_position(&self) -> bool {
        matches!(
            self.trigger,
            Some(Trigger {
                close_position: true,
                ..
            })
        )
    }

    pub(crate) fn validate(&self) -> Result<(), OrderError> {
        let client_id = self.client_id;
        let order_type = self.order_type;
        if self.trigger.is_some() != order_type.is_conditional() {
            return Err(OrderError::TriggerMismatch {
                client_id,
                order_type,
            });
        }
        if let Some(trigger) = self.trigger
            && trigger.price.is_none()
            && order_type != OrderType::TrailingStopMarket
        {
            return Err(OrderError::MissingTriggerPrice {
                client_id,
                order_type,
            });
        }
        match (self.is_close_position(), self.quantity.is_zero()) {
            (false, true) => return Err(OrderError::ZeroQuantity { client_id }),
            (true, false) => {
                return Err(OrderError::CloseWithQuantity {
                    client_id,
                    quantity: self.quantity,
                });
            }
            _ => {}
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
