//! Cancels and closes: `request_cancel`, `cancelled`, `expired`, `cancel_rejected`.

use crate::handle::OrderMut;
use crate::ids::ExchangeOrderId;
use crate::state::{
    AckedData, Active, Armed, ArmedData, Cancelled, Cancelling, CancellingData, ClosedData,
    Expired, ExpiryReason, Placing, PlacingData, State,
};

/// `request_cancel`: the engine asks the exchange to cancel.
#[diagnostic::on_unimplemented(
    message = "`request_cancel` needs an `OrderMut<Placing>`, `<Armed>` or `<Active>`, not an `OrderMut<{Self}>`",
    label = "this order cannot be cancelled now",
    note = "a Cancelling order already has a cancel in flight; terminal orders cannot be cancelled"
)]
pub trait CanRequestCancel: State {
    #[doc(hidden)]
    fn cancelling(data: Self::Data, at: u64) -> CancellingData;
}

impl CanRequestCancel for Placing {
    fn cancelling(placing: PlacingData, requested_at: u64) -> CancellingData {
        CancellingData {
            exchange_id: None,
            requested_at,
            placing,
        }
    }
}

impl CanRequestCancel for Armed {
    fn cancelling(data: ArmedData, requested_at: u64) -> CancellingData {
        CancellingData {
            exchange_id: None,
            requested_at,
            placing: PlacingData {
                sent_at: data.sent_at,
                in_doubt_since: None,
            },
        }
    }
}

impl CanRequestCancel for Active {
    fn cancelling(data: AckedData, requested_at: u64) -> CancellingData {
        CancellingData {
            exchange_id: Some(data.exchange_id),
            requested_at,
            placing: PlacingData {
                sent_at: data.sent_at,
                in_doubt_since: None,
            },
        }
    }
}

/// `cancelled` / `expired`: the exchange closed a live order.
#[diagnostic::on_unimplemented(
    message = "`cancelled` and `expired` need a live order (`OrderMut<Placing>`, `<Armed>`, `<Active>` or `<Cancelling>`), not an `OrderMut<{Self}>`",
    label = "this order is not live",
    note = "terminal states are absorbing; an Idle order was never sent"
)]
pub trait CanClose: State {
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
}

impl CanClose for Placing {
    fn known_exchange_id(_: &PlacingData) -> Option<ExchangeOrderId> {
        None
    }
}
impl CanClose for Armed {
    fn known_exchange_id(_: &ArmedData) -> Option<ExchangeOrderId> {
        None
    }
}
impl CanClose for Active {
    fn known_exchange_id(data: &AckedData) -> Option<ExchangeOrderId> {
        Some(data.exchange_id)
    }
}
impl CanClose for Cancelling {
    fn known_exchange_id(data: &CancellingData) -> Option<ExchangeOrderId> {
        data.exchange_id
    }
}

/// `cancel_rejected`: the exchange refused the cancel (it does not know the order).
#[diagnostic::on_unimplemented(
    message = "`cancel_rejected` needs an `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "no cancel is in flight for this order",
    note = "see docs/state-machine.md"
)]
pub trait CanCancelReject: State<Data = CancellingData> {}
impl CanCancelReject for Cancelling {}

/// Where a rejected cancel leaves the order.
#[derive(Debug)]
pub enum CancelRejected<'a> {
    /// Back to `Active`: the order had been acknowledged.
    Active(OrderMut<'a, Active>),
    /// Back to `Armed`: the cancel of a conditional order was sent after the
    /// algo service accepted it and before it triggered.
    Armed(OrderMut<'a, Armed>),
    /// Back to `Placing`: the cancel was sent before any ack.
    Placing(OrderMut<'a, Placing>),
}

impl<'a, S: State> OrderMut<'a, S> {
    /// Placing/Active → Cancelling: the engine sent a cancel at `now`.
    #[must_use]
    pub fn request_cancel(self, now: u64) -> OrderMut<'a, Cancelling>
    where
        S: CanRequestCancel,
    {
        let data = S::cancelling(self.data, now);
        self.into_state(data, now)
    }

    fn closed<R>(&self, exchange_id: Option<ExchangeOrderId>, at: u64, detail: R) -> ClosedData<R>
    where
        S: CanClose,
    {
        ClosedData {
            exchange_id: S::known_exchange_id(&self.data).or(exchange_id),
            closed_at: at,
            detail,
        }
    }

    /// The exchange cancelled the order (`CANCELED`). An exchange id already known is kept.
    #[must_use]
    pub fn cancelled(self, exchange_id: Option<ExchangeOrderId>, at: u64) -> OrderMut<'a, Cancelled>
    where
        S: CanClose,
    {
        let data = self.closed(exchange_id, at, ());
        self.into_state(data, at)
    }

    /// The exchange expired the order (`EXPIRED`, `EXPIRED_IN_MATCH`).
    #[must_use]
    pub fn expired(
        self,
        exchange_id: Option<ExchangeOrderId>,
        reason: Option<ExpiryReason>,
        at: u64,
    ) -> OrderMut<'a, Expired>
    where
        S: CanClose,
    {
        let data = self.closed(exchange_id, at, reason);
        self.into_state(data, at)
    }

    /// The exchange refused the cancel: back to `Active` if the order had been
    /// acknowledged (or had triggered), else to `Armed` if the algo service
    /// had accepted it, else back to `Placing` (the cancel was sent before any
    /// ack).
    #[must_use]
    pub fn cancel_rejected(self, at: u64) -> CancelRejected<'a>
    where
        S: CanCancelReject,
    {
        let data = self.data;
        match data.exchange_id {
            Some(exchange_id) => {
                let active = AckedData {
                    exchange_id,
                    sent_at: data.placing.sent_at,
                };
                CancelRejected::Active(self.into_state(active, at))
            }
            None => match self.record.core.algo_id {
                Some(algo_id) => {
                    let armed = ArmedData {
                        algo_id,
                        sent_at: data.placing.sent_at,
                        triggering_since: None,
                    };
                    CancelRejected::Armed(self.into_state(armed, at))
                }
                None => CancelRejected::Placing(self.into_state(data.placing, at)),
            },
        }
    }
}
