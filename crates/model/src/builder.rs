//! [`NewOrderBuilder`]: a [`NewOrder`] for a client id the engine already has
//! (one it generated before, one an order came back with from the exchange),
//! with every optional field named.

use crate::any::AnyOrder;
use crate::decimal::{Price, Qty};
use crate::error::OrderError;
use crate::ids::{ClientOrderId, ParentId, SubAccountId};
use crate::kinds::{OrderType, Origin, Side};
use crate::new_order::NewOrder;
use crate::symbol::Symbol;
use crate::trigger::Trigger;

/// Builds a [`NewOrder`] around an existing client id; made by
/// [`NewOrder::builder`]. Starts as a MARKET order of leverage 1, not
/// reduce-only, with no parent, and with the origin the client id names (a
/// `PMS…` id's origin word; none for anyone else's id).
///
/// ```
/// use ordertrack_model::*;
///
/// let client_id = ClientOrderId::new("PMS9f3c2a1b_TWAP_0a1b2c3d4e5f")?;
/// let order = NewOrder::builder(client_id, SubAccountId::new("9f3c2a1b-0000")?,
///         Symbol::new("ETHUSDT")?, Side::Sell, Qty::parse("0.5")?, 1_000)
///     .limit(Price::parse("2950.5")?)
///     .reduce_only(true)
///     .parent(ParentId::new("twap-7")?)
///     .leverage(10)
///     .build()?;
/// assert_eq!(order.origin(), Some(Origin::Twap));
/// assert_eq!((order.order_type(), order.price()), (OrderType::Limit, Some(Price::parse("2950.5")?)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a builder does nothing until `build` or `spec`"]
pub struct NewOrderBuilder {
    spec: NewOrder,
}

impl NewOrder {
    /// A builder for an order with this client id (which the engine already
    /// has), created at `created_at` (ms).
    pub fn builder(
        client_id: ClientOrderId,
        sub_account: SubAccountId,
        symbol: Symbol,
        side: Side,
        quantity: Qty,
        created_at: u64,
    ) -> NewOrderBuilder {
        NewOrderBuilder {
            spec: Self {
                client_id,
                sub_account,
                symbol,
                side,
                order_type: OrderType::Market,
                quantity,
                price: None,
                reduce_only: false,
                trigger: None,
                origin: client_id.parse_pms().and_then(|parts| parts.origin),
                parent: None,
                leverage: 1,
                created_at,
            },
        }
    }
}

impl NewOrderBuilder {
    /// A LIMIT order at `price`.
    pub fn limit(self, price: Price) -> Self {
        self.order_type(OrderType::Limit, Some(price))
    }

    /// An order of `order_type`, with its limit price if it has one.
    pub fn order_type(mut self, order_type: OrderType, price: Option<Price>) -> Self {
        self.spec.order_type = order_type;
        self.spec.price = price;
        self
    }

    /// The trigger of a conditional order (its type set by [`Self::order_type`]).
    pub fn trigger(mut self, trigger: Trigger) -> Self {
        self.spec.trigger = Some(trigger);
        self
    }

    /// Whether the order may only reduce a position.
    pub fn reduce_only(mut self, reduce_only: bool) -> Self {
        self.spec.reduce_only = reduce_only;
        self
    }

    /// The engine component that made it (when its client id does not say).
    pub fn origin(mut self, origin: Origin) -> Self {
        self.spec.origin = Some(origin);
        self
    }

    /// The parent algo.
    pub fn parent(mut self, parent: ParentId) -> Self {
        self.spec.parent = Some(parent);
        self
    }

    /// Leverage, 1..=125 (checked by [`NewOrderBuilder::build`]).
    pub fn leverage(mut self, leverage: u16) -> Self {
        self.spec.leverage = leverage;
        self
    }

    /// The fields as set, unchecked.
    #[must_use]
    pub fn spec(self) -> NewOrder {
        self.spec
    }

    /// The order (`Idle`), checked as [`AnyOrder::new`] checks it.
    ///
    /// # Errors
    /// [`OrderError`] as [`AnyOrder::new`].
    pub fn build(self) -> Result<AnyOrder, OrderError> {
        AnyOrder::new(self.spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub() -> SubAccountId {
        SubAccountId::new("9f3c2a1b-0000").unwrap()
    }

    fn builder(id: &str) -> NewOrderBuilder {
        NewOrder::builder(
            ClientOrderId::new(id).unwrap(),
            sub(),
            Symbol::new("BTCUSDT").unwrap(),
            Side::Buy,
            Qty::parse("1").unwrap(),
            5,
        )
    }

    #[test]
    fn defaults_and_the_origin_the_id_names() {
        let spec = builder("PMS9f3c2a1b_CHASE_0a1b2c3d4e5f").spec();
        assert_eq!(
            (
                spec.order_type,
                spec.price,
                spec.leverage,
                spec.reduce_only,
                spec.parent
            ),
            (OrderType::Market, None, 1, false, None)
        );
        assert_eq!((spec.origin, spec.created_at), (Some(Origin::Chase), 5));
        assert_eq!(builder("web_123").spec().origin, None);
        assert_eq!(
            builder("web_123").origin(Origin::Manual).spec().origin,
            Some(Origin::Manual)
        );
    }

    #[test]
    fn build_checks_the_order() {
        assert!(matches!(
            builder("web_1").order_type(OrderType::Limit, None).build(),
            Err(OrderError::MissingPrice { .. })
        ));
        assert!(matches!(
            builder("web_1").leverage(126).build(),
            Err(OrderError::LeverageOutOfRange { leverage: 126, .. })
        ));
        // The id names CHASE: another origin is refused.
        assert!(matches!(
            builder("PMS9f3c2a1b_CHASE_0a1b2c3d4e5f")
                .origin(Origin::Twap)
                .build(),
            Err(OrderError::OriginMismatch { .. })
        ));
        assert!(builder("PMS9f3c2a1b_CHASE_0a1b2c3d4e5f").build().is_ok());
    }
}
