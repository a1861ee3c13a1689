//! Typed handles over an order record: [`OrderRef<'a, S>`] reads,
//! [`OrderMut<'a, S>`] reads and transitions. A handle is a borrow of the record
//! plus a copy of state `S`'s data (a few words), and exists only while the
//! record is in state `S`: [`crate::AnyOrder::view`] and
//! [`crate::AnyOrder::view_mut`] make them after checking the tag, and a
//! transition writes the next tag and data in place and returns the next
//! state's handle. Nothing is moved: the record stays where it is, the handle
//! changes type (the pattern of stm32f4xx-hal's GPIO pins).

use std::fmt;

use crate::ids::ExchangeOrderId;
use crate::record::{OrderRecord, order_accessors};
use crate::state::{
    Active, Cancelled, Cancelling, Expired, ExpiryReason, FailReason, Failed, Filled, Placing,
    State,
};

/// A read-only view of an order known to be in state `S`.
///
/// ```
/// use ordertrack_model::*;
/// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
/// let spec = NewOrder::limit(sub, Origin::Manual, Symbol::new("BTCUSDT")?, Side::Buy,
///     Qty::parse("0.010")?, Price::parse("97000.1")?, 1_000);
/// let mut order = AnyOrder::new(spec)?;
/// order.place(1_001)?;
/// let placing: OrderRef<'_, Placing> = order.view().ok_or("not placing")?;
/// assert_eq!(placing.sent_at(), 1_001);
/// assert!(order.view::<Active>().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct OrderRef<'a, S: State> {
    pub(crate) record: &'a OrderRecord,
    pub(crate) data: S::Data,
}

/// A mutable view of an order known to be in state `S`: its transitions are
/// methods bounded by the capability traits of [`crate::transitions`], so an
/// illegal one does not compile.
///
/// ```
/// use ordertrack_model::*;
/// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
/// let spec = NewOrder::limit(sub, Origin::Manual, Symbol::new("BTCUSDT")?, Side::Buy,
///     Qty::parse("0.010")?, Price::parse("97000.1")?, 1_000);
/// let mut order = AnyOrder::new(spec)?;
/// let idle: OrderMut<'_, Idle> = order.view_mut().ok_or("not idle")?;
/// let active: OrderMut<'_, Active> = idle.place(1_001).acknowledge(ExchangeOrderId(8_389_765), 1_002);
/// assert_eq!(active.exchange_id(), ExchangeOrderId(8_389_765));
/// assert_eq!(order.status(), OrderStatus::Active);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct OrderMut<'a, S: State> {
    pub(crate) record: &'a mut OrderRecord,
    pub(crate) data: S::Data,
}

impl<'a, S: State> OrderRef<'a, S> {
    /// The view, when `record` is in state `S`.
    pub(crate) fn new(record: &'a OrderRecord) -> Option<Self> {
        S::data(&record.state).map(|data| Self { record, data })
    }

    fn record(&self) -> &OrderRecord {
        self.record
    }

    order_accessors!();

    /// State `S`'s data.
    #[must_use]
    pub fn state_data(&self) -> &S::Data {
        &self.data
    }
}

impl<'a, S: State> OrderMut<'a, S> {
    /// The handle, when `record` is in state `S`.
    pub(crate) fn new(record: &'a mut OrderRecord) -> Option<Self> {
        S::data(&record.state).map(|data| Self { record, data })
    }

    /// The handle of a record whose state data is `data`: made only by
    /// [`crate::AnyOrder::apply`]'s table, which has just matched the tag.
    pub(crate) fn with_data(record: &'a mut OrderRecord, data: S::Data) -> Self {
        Self { record, data }
    }

    fn record(&self) -> &OrderRecord {
        self.record
    }

    order_accessors!();

    /// State `S`'s data.
    #[must_use]
    pub fn state_data(&self) -> &S::Data {
        &self.data
    }

    /// A read-only view of the same order.
    #[must_use]
    pub fn as_ref(&self) -> OrderRef<'_, S> {
        OrderRef {
            record: self.record,
            data: self.data,
        }
    }

    /// Writes state `T` with `data` into the record, moves `updated_at` to `at`,
    /// and returns the handle of the new state.
    pub(crate) fn into_state<T: State>(self, data: T::Data, at: u64) -> OrderMut<'a, T> {
        self.record.state = T::wrap(data);
        self.record.core.touch(at);
        OrderMut {
            record: self.record,
            data,
        }
    }
}

impl<S: State> fmt::Debug for OrderRef<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrderRef")
            .field("status", &S::STATUS)
            .field("record", self.record)
            .finish()
    }
}

impl<S: State> fmt::Debug for OrderMut<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrderMut")
            .field("status", &S::STATUS)
            .field("record", &*self.record)
            .finish()
    }
}

/// Accessors of the data only some states have, on both handle kinds.
macro_rules! state_accessors {
    ($($handle:ident),*) => {$(
        impl $handle<'_, Placing> {
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

        impl $handle<'_, Active> {
            /// The exchange's order id: an active order always has one.
            #[must_use]
            pub fn exchange_id(&self) -> ExchangeOrderId {
                self.data.exchange_id
            }
        }

        impl $handle<'_, Filled> {
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

        impl $handle<'_, Cancelling> {
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

        impl $handle<'_, Expired> {
            /// The exchange's reason for the expiry, when it gave one.
            #[must_use]
            pub fn expiry_reason(&self) -> Option<ExpiryReason> {
                self.data.detail
            }
        }

        impl $handle<'_, Failed> {
            /// Why the order failed.
            #[must_use]
            pub fn fail_reason(&self) -> FailReason {
                self.data.detail
            }
        }

        closed_accessors!($handle: Cancelled, Expired, Failed);
    )*};
}

macro_rules! closed_accessors {
    ($handle:ident: $($state:ty),*) => {$(
        impl $handle<'_, $state> {
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

state_accessors!(OrderRef, OrderMut);
