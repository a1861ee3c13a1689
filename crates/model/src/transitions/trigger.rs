//! A conditional order's trigger: `mark_triggering` and `triggered_into` (the algo
//! service's `TRIGGERING` / `TRIGGERED`), `legacy_trigger` (the matching
//! engine's `EXPIRED` of a stop it triggered, before the algo service), and
//! what a close-position order learns when its triggered order states its
//! quantity: `state_quantity`, `complete`.

use crate::decimal::Qty;
use crate::error::{FillError, Refused, TriggerError};
use crate::handle::OrderMut;
use crate::ids::ExchangeOrderId;
use crate::state::{
    AckedData, Active, Armed, ArmedData, Cancelled, Cancelling, CancellingData, Expired, Failed,
    Filled, FilledData, Placing, State,
};

/// `mark_triggering`: the algo service reports the trigger condition met.
#[diagnostic::on_unimplemented(
    message = "`mark_triggering` needs an `OrderMut<Armed>`, not an `OrderMut<{Self}>`",
    label = "only an armed conditional order can be triggering",
    note = "see docs/state-machine.md"
)]
pub trait CanMarkTriggering: State<Data = ArmedData> {}
impl CanMarkTriggering for Armed {}

/// `triggered_into`: the conditional order triggered into the matching-engine order
/// `exchange_id`, whose events are the order's from now on.
#[diagnostic::on_unimplemented(
    message = "`triggered_into` needs an `OrderMut<Armed>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only an armed conditional order can trigger",
    note = "see docs/state-machine.md"
)]
pub trait CanTrigger: State {
    /// The state after the trigger.
    type Triggered: State;
    #[doc(hidden)]
    fn triggered(data: Self::Data, id: ExchangeOrderId) -> <Self::Triggered as State>::Data;
}

impl CanTrigger for Armed {
    type Triggered = Active;
    fn triggered(data: ArmedData, exchange_id: ExchangeOrderId) -> AckedData {
        AckedData {
            exchange_id,
            sent_at: data.sent_at,
        }
    }
}

impl CanTrigger for Cancelling {
    type Triggered = Cancelling;
    fn triggered(data: CancellingData, id: ExchangeOrderId) -> CancellingData {
        CancellingData {
            exchange_id: Some(data.exchange_id.unwrap_or(id)),
            ..data
        }
    }
}

/// `legacy_trigger`: a conditional order placed on the matching engine itself
/// (before the algo service) triggered in place: Binance reported it
/// `EXPIRED` and goes on under the same order id.
#[diagnostic::on_unimplemented(
    message = "`legacy_trigger` needs an `OrderMut<Active>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only an acknowledged conditional order can trigger in place",
    note = "see docs/state-machine.md, *The legacy trigger*"
)]
pub trait CanLegacyTrigger: State {}
impl CanLegacyTrigger for Active {}
impl CanLegacyTrigger for Cancelling {}

/// `state_quantity`: the triggered order of a close-position order stated its
/// quantity (the position at trigger).
#[diagnostic::on_unimplemented(
    message = "`state_quantity` needs a sent order that is not Filled, not an `OrderMut<{Self}>`",
    label = "this order's quantity cannot be learnt now",
    note = "a Filled order's quantity is known; an Idle one was never sent"
)]
pub trait CanStateQuantity: State {}
impl CanStateQuantity for Placing {}
impl CanStateQuantity for Armed {}
impl CanStateQuantity for Active {}
impl CanStateQuantity for Cancelling {}
impl CanStateQuantity for Cancelled {}
impl CanStateQuantity for Expired {}
impl CanStateQuantity for Failed {}

/// `complete`: a live order whose fills reached its quantity when the quantity
/// became known.
#[diagnostic::on_unimplemented(
    message = "`complete` needs an `OrderMut<Active>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only an acknowledged live order can complete",
    note = "see docs/state-machine.md"
)]
pub trait CanComplete: State {
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
}
impl CanComplete for Active {
    fn known_exchange_id(data: &AckedData) -> Option<ExchangeOrderId> {
        Some(data.exchange_id)
    }
}
impl CanComplete for Cancelling {
    fn known_exchange_id(data: &CancellingData) -> Option<ExchangeOrderId> {
        data.exchange_id
    }
}

impl<'a, S: State> OrderMut<'a, S> {
    /// The algo service reported the trigger condition met at `at`: the order
    /// stays `Armed`, triggering since the first such report.
    #[must_use]
    pub fn mark_triggering(self, at: u64) -> OrderMut<'a, Armed>
    where
        S: CanMarkTriggering,
    {
        let data = ArmedData {
            triggering_since: Some(self.data.triggering_since.unwrap_or(at)),
            ..self.data
        };
        self.into_state(data, at)
    }

    /// The order triggered into the matching-engine order `exchange_id`:
    /// Armed → Active, or Cancelling → Cancelling now knowing that id. An
    /// exchange id already known is kept.
    ///
    /// `T` is always inferred: it is `S`'s [`CanTrigger::Triggered`].
    ///
    /// # Errors
    /// [`TriggerError::NotConditional`] for an order that is not conditional,
    /// with the handle given back.
    pub fn triggered_into<T: State>(
        self,
        exchange_id: ExchangeOrderId,
        at: u64,
    ) -> Result<OrderMut<'a, T>, Refused<'a, S, TriggerError>>
    where
        S: CanTrigger<Triggered = T>,
    {
        let order = self.conditional()?;
        order.record.core.triggered_at.get_or_insert(at);
        let data = S::triggered(order.data, exchange_id);
        Ok(order.into_state(data, at))
    }

    /// The order, on the matching engine since before the algo service,
    /// triggered in place at `at`: it stays in its state, triggered.
    ///
    /// # Errors
    /// [`TriggerError::NotConditional`] for an order that is not conditional,
    /// with the handle given back.
    pub fn legacy_trigger(self, at: u64) -> Result<Self, Refused<'a, S, TriggerError>>
    where
        S: CanLegacyTrigger,
    {
        let order = self.conditional()?;
        order.record.core.triggered_at.get_or_insert(at);
        let data = order.data;
        Ok(order.into_state(data, at))
    }

    /// The handle back, unless the order is not conditional.
    pub(crate) fn conditional(self) -> Result<Self, Refused<'a, S, TriggerError>> {
        let order_type = self.order_type();
        if order_type.is_conditional() {
            Ok(self)
        } else {
            let error = TriggerError::NotConditional { order_type };
            Err(Refused { order: self, error })
        }
    }

    /// A close-position order's quantity is `quantity`, as its triggered order
    /// states it. A quantity already known is kept.
    ///
    /// # Errors
    /// [`FillError::StatedBelowFilled`] when `quantity` is below what has
    /// filled, with the handle given back and the order unchanged.
    pub fn state_quantity(self, quantity: Qty, at: u64) -> Result<Self, Refused<'a, S, FillError>>
    where
        S: CanStateQuantity,
    {
        if self.record.core.quantity_known() {
            return Ok(self);
        }
        let filled = self.filled_qty();
        if quantity.is_zero() || quantity < filled {
            let error = FillError::StatedBelowFilled { quantity, filled };
            return Err(Refused { order: self, error });
        }
        self.record.core.spec.quantity = quantity;
        let data = self.data;
        Ok(self.into_state(data, at))
    }

    /// → Filled: the order's fills are its whole quantity (learnt after the
    /// fills arrived).
    ///
    /// # Errors
    /// [`FillError::NotComplete`] when quantity remains open or is not known,
    /// or the exchange id is not known, with the handle given back.
    pub fn complete(self, at: u64) -> Result<OrderMut<'a, Filled>, Refused<'a, S, FillError>>
    where
        S: CanComplete,
    {
        let done = self.quantity_known() && self.filled_qty() == self.quantity();
        match S::known_exchange_id(&self.data) {
            Some(exchange_id) if done => {
                let filled = FilledData {
                    exchange_id,
                    closed_at: at,
                };
                Ok(self.into_state(filled, at))
            }
            _ => {
                let error = FillError::NotComplete {
                    filled: self.filled_qty(),
                    quantity: self.quantity(),
                };
                Err(Refused { order: self, error })
            }
        }
    }
}
