//! Amendments: `amend`.

use crate::error::{AmendError, Refused};
use crate::handle::OrderMut;
use crate::ids::ExchangeOrderId;
use crate::report::Amendment;
use crate::state::{AckedData, Active, Cancelling, CancellingData, State};

/// `amend`: the exchange modified the order's quantity or price.
#[diagnostic::on_unimplemented(
    message = "`amend` needs an `OrderMut<Active>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only an acknowledged, live order can be amended",
    note = "see docs/state-machine.md"
)]
pub trait CanAmend: State {
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
}
impl CanAmend for Active {
    fn known_exchange_id(data: &AckedData) -> Option<ExchangeOrderId> {
        Some(data.exchange_id)
    }
}
impl CanAmend for Cancelling {
    fn known_exchange_id(data: &CancellingData) -> Option<ExchangeOrderId> {
        data.exchange_id
    }
}

impl<'a, S: State> OrderMut<'a, S> {
    /// The exchange amended the order's quantity and price.
    ///
    /// # Errors
    /// [`AmendError`] when the order was never acknowledged (a `Cancelling`
    /// order whose cancel was sent before any ack cannot have been amended on
    /// the exchange) or the new quantity does not exceed what is filled, with
    /// the handle given back and the order unchanged.
    pub fn amend(self, amendment: Amendment, at: u64) -> Result<Self, Refused<'a, S, AmendError>>
    where
        S: CanAmend,
    {
        if S::known_exchange_id(&self.data).is_none() {
            let error = AmendError::NotAcknowledged;
            return Err(Refused { order: self, error });
        }
        let filled = self.filled_qty();
        if amendment.quantity <= filled {
            let error = AmendError::QuantityBelowFilled {
                quantity: amendment.quantity,
                filled,
            };
            return Err(Refused { order: self, error });
        }
        let spec = &mut self.record.core.spec;
        spec.quantity = amendment.quantity;
        if amendment.price.is_some() {
            spec.price = amendment.price;
        }
        let data = self.data;
        Ok(self.into_state(data, at))
    }
}
