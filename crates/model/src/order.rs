//! `Order<S>`: an order whose state is part of its type.

use std::fmt;

use crate::decimal::{Price, Qty};
use crate::error::OrderError;
use crate::fills::Fills;
use crate::ids::{ClientOrderId, ExchangeOrderId, ParentId, SubAccountId};
use crate::kinds::{OrderType, Origin, Side};
use crate::state::{
    Active, Cancelled, Cancelling, Expired, ExpiryReason, FailReason, Failed, Filled, Idle,
    OrderStatus, Placing, State,
};
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

    fn validate(&self) -> Result<(), OrderError> {
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

/// The fields every state shares.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct OrderCore {
    pub(crate) spec: NewOrder,
    pub(crate) fills: Fills,
    pub(crate) updated_at: u64,
}

impl OrderCore {
    /// Moves `updated_at` forward to `at`; never backwards.
    pub(crate) fn touch(&mut self, at: u64) {
        self.updated_at = self.updated_at.max(at);
    }
}

/// An order in state `S`. Transitions consume it and return the next state's type,
/// so an illegal transition does not compile.
///
/// ```
/// use ordertrack_model::*;
/// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
/// let spec = NewOrder::limit(sub, Origin::Manual, Symbol::new("BTCUSDT")?, Side::Buy,
///     Qty::parse("0.010")?, Price::parse("97000.1")?, 1_000);
/// let order: Order<Idle> = Order::new(spec)?;
/// let placing: Order<Placing> = order.place(1_001);
/// let active: Order<Active> = placing.acknowledge(ExchangeOrderId(8_389_765), 1_002);
/// assert_eq!(active.exchange_id(), ExchangeOrderId(8_389_765));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Order<S: State> {
    pub(crate) core: OrderCore,
    pub(crate) data: S::Data,
}

impl<S: State> Clone for Order<S> {
    fn clone(&self) -> Self {
        Self {
            core: self.core.clone(),
            data: self.data,
        }
    }
}

impl<S: State> PartialEq for Order<S> {
    fn eq(&self, other: &Self) -> bool {
        self.core == other.core && self.data == other.data
    }
}

impl<S: State> Eq for Order<S> {}

impl<S: State> fmt::Debug for Order<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Order")
            .field("status", &S::STATUS)
            .field("spec", &self.core.spec)
            .field("fills", &self.core.fills)
            .field("updated_at", &self.core.updated_at)
            .field("data", &self.data)
            .finish()
    }
}

impl Order<Idle> {
    /// Builds an order that has not been sent.
    ///
    /// # Errors
    /// [`OrderError`] when the quantity is zero, a priced type has no price,
    /// leverage is outside 1..=125, or a `PMS` client id names another
    /// sub-account prefix or origin than the order's.
    pub fn new(spec: NewOrder) -> Result<Self, OrderError> {
        spec.validate()?;
        Ok(Self {
            core: OrderCore {
                spec,
                fills: Fills::default(),
                updated_at: spec.created_at,
            },
            data: (),
        })
    }
}

impl Order<Idle> {
    /// A stand-in held by `AnyOrder` only while a transition owns the real order.
    pub(crate) fn placeholder() -> Self {
        Self {
            core: OrderCore {
                spec: NewOrder {
                    client_id: ClientOrderId::PLACEHOLDER,
                    sub_account: SubAccountId::PLACEHOLDER,
                    symbol: Symbol::PLACEHOLDER,
                    side: Side::Buy,
                    order_type: OrderType::Market,
                    quantity: Qty::ZERO,
                    price: None,
                    reduce_only: false,
                    origin: None,
                    parent: None,
                    leverage: 1,
                    created_at: 0,
                },
                fills: Fills::default(),
                updated_at: 0,
            },
            data: (),
        }
    }
}

impl<S: State> Order<S> {
    pub(crate) fn with<T: State>(self, data: T::Data) -> Order<T> {
        Order {
            core: self.core,
            data,
        }
    }

    /// The state's runtime name.
    #[must_use]
    pub fn status(&self) -> OrderStatus {
        S::STATUS
    }
    /// The order's defining fields (quantity and price as amended since).
    #[must_use]
    pub fn spec(&self) -> &NewOrder {
        &self.core.spec
    }
    /// The client order id.
    #[must_use]
    pub fn client_id(&self) -> ClientOrderId {
        self.core.spec.client_id
    }
    /// The owning sub-account.
    #[must_use]
    pub fn sub_account(&self) -> SubAccountId {
        self.core.spec.sub_account
    }
    /// The instrument.
    #[must_use]
    pub fn symbol(&self) -> Symbol {
        self.core.spec.symbol
    }
    /// Buy or sell.
    #[must_use]
    pub fn side(&self) -> Side {
        self.core.spec.side
    }
    /// Order type.
    #[must_use]
    pub fn order_type(&self) -> OrderType {
        self.core.spec.order_type
    }
    /// Quantity (after any amendment).
    #[must_use]
    pub fn quantity(&self) -> Qty {
        self.core.spec.quantity
    }
    /// Limit price (after any amendment).
    #[must_use]
    pub fn price(&self) -> Option<Price> {
        self.core.spec.price
    }
    /// Whether the order may only reduce a position.
    #[must_use]
    pub fn reduce_only(&self) -> bool {
        self.core.spec.reduce_only
    }
    /// Which engine component made it (`None`: an origin this library does not know).
    #[must_use]
    pub fn origin(&self) -> Option<Origin> {
        self.core.spec.origin
    }
    /// The parent algo, if any.
    #[must_use]
    pub fn parent(&self) -> Option<ParentId> {
        self.core.spec.parent
    }
    /// Leverage.
    #[must_use]
    pub fn leverage(&self) -> u16 {
        self.core.spec.leverage
    }
    /// Creation time (ms).
    #[must_use]
    pub fn created_at(&self) -> u64 {
        self.core.spec.created_at
    }
    /// Time of the latest change (ms); never moves backwards.
    #[must_use]
    pub fn updated_at(&self) -> u64 {
        self.core.updated_at
    }
    /// The fills applied so far.
    #[must_use]
    pub fn fills(&self) -> &Fills {
        &self.core.fills
    }
    /// Filled quantity.
    #[must_use]
    pub fn filled_qty(&self) -> Qty {
        self.core.fills.filled()
    }
    /// Quantity not yet filled.
    #[must_use]
    pub fn remaining_qty(&self) -> Qty {
        self.quantity().saturating_sub(self.filled_qty())
    }
    /// Average fill price; `None` before any fill.
    #[must_use]
    pub fn average_fill_price(&self) -> Option<Price> {
        self.core.fills.average_price()
    }
    /// State-specific data.
    #[must_use]
    pub fn state_data(&self) -> &S::Data {
        &self.data
    }
}

impl Order<Placing> {
    /// When the order was sent (ms).
    #[must_use]
    pub fn sent_at(&self) -> u64 {
        self.data.sent_at
    }
    /// When the placement's outcome became unknown (ms); `None` unless in doubt.
    #[must_use]
    pub fn in_doubt_since(&self) -> Option<u64> {
        self.data.in_doubt_since
    }
}

impl Order<Active> {
    /// The exchange's order id: an active order always has one.
    #[must_use]
    pub fn exchange_id(&self) -> ExchangeOrderId {
        self.data.exchange_id
    }
}

impl Order<Filled> {
    /// The exchange's order id: a filled order always has one.
    #[must_use]
    pub fn exchange_id(&self) -> ExchangeOrderId {
        self.data.exchange_id
    }
    /// When the final fill landed (ms).
    #[must_use]
    pub fn closed_at(&self) -> u64 {
        self.data.closed_at
    }
}

impl Order<Cancelling> {
    /// The exchange's order id, if an ack or fill has named it.
    #[must_use]
    pub fn exchange_id(&self) -> Option<ExchangeOrderId> {
        self.data.exchange_id
    }
    /// When the cancel was requested (ms).
    #[must_use]
    pub fn cancel_requested_at(&self) -> u64 {
        self.data.requested_at
    }
}

macro_rules! closed_accessors {
    ($($state:ty),*) => {$(
        impl Order<$state> {
            /// The exchange's order id, if an ack or fill ever named it.
            #[must_use]
            pub fn exchange_id(&self) -> Option<ExchangeOrderId> {
                self.data.exchange_id
            }
            /// When the order became terminal (ms).
            #[must_use]
            pub fn closed_at(&self) -> u64 {
                self.data.closed_at
            }
        }
    )*};
}
closed_accessors!(Cancelled, Expired, Failed);

impl Order<Expired> {
    /// The exchange's reason for the expiry, when it gave one.
    #[must_use]
    pub fn expiry_reason(&self) -> Option<ExpiryReason> {
        self.data.detail
    }
}

impl Order<Failed> {
    /// Why the order failed.
    #[must_use]
    pub fn fail_reason(&self) -> FailReason {
        self.data.detail
    }
}
