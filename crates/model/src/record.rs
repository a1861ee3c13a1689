//! The order record: the plain value an arena stores, one per order. The
//! fields every state shares ([`OrderCore`]) and the state tag with that state's
//! data ([`StateData`]). It stays where it is: a transition rewrites the tag and
//! the data in place, through a typed handle ([`crate::OrderMut`]).

use crate::decimal::Qty;
use crate::fills::{Fill, Fills};
use crate::ids::AlgoId;
use crate::new_order::NewOrder;
use crate::state::StateData;

/// The fields every state shares.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct OrderCore {
    pub(crate) spec: NewOrder,
    pub(crate) fills: Fills,
    pub(crate) updated_at: u64,
    /// The algo service's id, once it accepted the (conditional) order.
    pub(crate) algo_id: Option<AlgoId>,
    /// When the (conditional) order triggered into a working order (the
    /// trigger's time, or its first fill's).
    pub(crate) triggered_at: Option<u64>,
}

impl OrderCore {
    /// Moves `updated_at` forward to `at`; never backwards.
    pub(crate) fn touch(&mut self, at: u64) {
        self.updated_at = self.updated_at.max(at);
    }

    /// Records a fill [`Fills::check`] accepted: a conditional order that
    /// fills has triggered.
    pub(crate) fn record_fill(&mut self, fill: &Fill, filled_after: Qty) {
        self.fills.record(fill, filled_after);
        if self.spec.order_type.is_conditional() {
            self.triggered_at.get_or_insert(fill.at);
        }
    }

    /// The most the order can fill: its quantity, or no limit while a
    /// close-position order's quantity is not yet stated.
    pub(crate) fn fill_limit(&self) -> Qty {
        if self.quantity_known() {
            self.spec.quantity
        } else {
            Qty::MAX
        }
    }

    /// Whether the quantity is known: always, except for a close-position
    /// order before its triggered order states it.
    pub(crate) fn quantity_known(&self) -> bool {
        !(self.spec.is_close_position() && self.spec.quantity.is_zero())
    }
}

/// One order: its shared fields and its state.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct OrderRecord {
    pub(crate) core: OrderCore,
    pub(crate) state: StateData,
}

/// The read accessors every form of an order has ([`crate::AnyOrder`],
/// [`crate::OrderRef`], [`crate::OrderMut`]), written once: each form gives
/// `record(&self) -> &OrderRecord`.
macro_rules! order_accessors {
    () => {
        /// The state's runtime name.
        #[must_use]
        pub fn status(&self) -> $crate::OrderStatus {
            self.record().state.status()
        }
        /// The state tag with the data only this state has.
        #[must_use]
        pub fn state(&self) -> &$crate::StateData {
            &self.record().state
        }
        /// The order's defining fields (quantity and price as amended since).
        #[must_use]
        pub fn spec(&self) -> &$crate::NewOrder {
            &self.record().core.spec
        }
        /// The client order id.
        #[must_use]
        pub fn client_id(&self) -> $crate::ClientOrderId {
            self.record().core.spec.client_id
        }
        /// The owning sub-account.
        #[must_use]
        pub fn sub_account(&self) -> $crate::SubAccountId {
            self.record().core.spec.sub_account
        }
        /// The instrument.
        #[must_use]
        pub fn symbol(&self) -> $crate::Symbol {
            self.record().core.spec.symbol
        }
        /// Buy or sell.
        #[must_use]
        pub fn side(&self) -> $crate::Side {
            self.record().core.spec.side
        }
        /// Order type.
        #[must_use]
        pub fn order_type(&self) -> $crate::OrderType {
            self.record().core.spec.order_type
        }
        /// Quantity (after any amendment).
        #[must_use]
        pub fn quantity(&self) -> $crate::Qty {
            self.record().core.spec.quantity
        }
        /// Limit price (after any amendment).
        #[must_use]
        pub fn price(&self) -> Option<$crate::Price> {
            self.record().core.spec.price
        }
        /// Whether the order may only reduce a position.
        #[must_use]
        pub fn reduce_only(&self) -> bool {
            self.record().core.spec.reduce_only
        }
        /// Which engine component made it (`None`: an origin this library does not know).
        #[must_use]
        pub fn origin(&self) -> Option<$crate::Origin> {
            self.record().core.spec.origin
        }
        /// The parent algo, if any.
        #[must_use]
        pub fn parent(&self) -> Option<$crate::ParentId> {
            self.record().core.spec.parent
        }
        /// Leverage.
        #[must_use]
        pub fn leverage(&self) -> u16 {
            self.record().core.spec.leverage
        }
        /// Creation time (ms).
        #[must_use]
        pub fn created_at(&self) -> u64 {
            self.record().core.spec.created_at
        }
        /// Time of the latest change (ms); never moves backwards.
        #[must_use]
        pub fn updated_at(&self) -> u64 {
            self.record().core.updated_at
        }
        /// The fills applied so far.
        #[must_use]
        pub fn fills(&self) -> &$crate::Fills {
            &self.record().core.fills
        }
        /// Filled quantity.
        #[must_use]
        pub fn filled_qty(&self) -> $crate::Qty {
            self.record().core.fills.filled()
        }
        /// Quantity not yet filled (zero while a close-position order's
        /// quantity is not yet stated: see [`Self::quantity_known`]).
        #[must_use]
        pub fn remaining_qty(&self) -> $crate::Qty {
            self.quantity().saturating_sub(self.filled_qty())
        }
        /// Whether the quantity is known: always, except for a
        /// close-position order before its triggered order states it.
        #[must_use]
        pub fn quantity_known(&self) -> bool {
            self.record().core.quantity_known()
        }
        /// The trigger of a conditional order.
        #[must_use]
        pub fn trigger(&self) -> Option<$crate::Trigger> {
            self.record().core.spec.trigger
        }
        /// Whether the order closes the position at its trigger.
        #[must_use]
        pub fn is_close_position(&self) -> bool {
            self.record().core.spec.is_close_position()
        }
        /// The algo service's id, once it accepted the (conditional) order.
        #[must_use]
        pub fn algo_id(&self) -> Option<$crate::AlgoId> {
            self.record().core.algo_id
        }
        /// Whether the (conditional) order has triggered into a working order.
        #[must_use]
        pub fn triggered(&self) -> bool {
            self.record().core.triggered_at.is_some()
        }
        /// When the (conditional) order triggered: the trigger's time, or its
        /// first fill's.
        #[must_use]
        pub fn triggered_at(&self) -> Option<u64> {
            self.record().core.triggered_at
        }
        /// Average fill price; `None` before any fill.
        #[must_use]
        pub fn average_fill_price(&self) -> Option<$crate::Price> {
            self.record().core.fills.average_price()
        }
    };
}
pub(crate) use order_accessors;
