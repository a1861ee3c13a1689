//! Trades: `fill` (a live order) and `late_fill` (an order closed without completing).

use crate::error::{FillError, Refused};
use crate::fills::{Fill, FillCheck};
use crate::handle::OrderMut;
use crate::ids::ExchangeOrderId;
use crate::state::{
    AckedData, Active, Armed, ArmedData, Cancelled, Cancelling, CancellingData, ClosedData,
    Expired, ExpiryReason, FailReason, Failed, Filled, FilledData, Placing, PlacingData, State,
};

/// Reconciles the id an order knows with the one a fill names; `None` when
/// neither names one.
fn reconcile(
    known: Option<ExchangeOrderId>,
    fill: &Fill,
) -> Result<Option<ExchangeOrderId>, FillError> {
    match (known, fill.exchange_id) {
        (Some(known), Some(reported)) if known != reported => Err(FillError::ExchangeIdMismatch {
            trade_id: fill.trade_id,
            known,
            reported,
        }),
        (Some(id), _) | (None, Some(id)) => Ok(Some(id)),
        (None, None) => Ok(None),
    }
}

/// `fill`: a trade against a live order.
#[diagnostic::on_unimplemented(
    message = "`fill` needs a live order (`OrderMut<Placing>`, `<Armed>`, `<Active>` or `<Cancelling>`), not an `OrderMut<{Self}>`",
    label = "this order cannot take a regular fill",
    note = "a fill after Cancelled, Expired or Failed is a `late_fill`; a Filled order takes no more fills"
)]
pub trait CanFill: State {
    /// The state after a fill that leaves quantity open.
    type AfterPartial: State;
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
    /// The partial-fill state's data once the exchange id is `id` (a state
    /// that needs an id refuses `None`).
    #[doc(hidden)]
    fn after_partial(
        data: &Self::Data,
        id: Option<ExchangeOrderId>,
    ) -> Option<<Self::AfterPartial as State>::Data>;
}

impl CanFill for Placing {
    type AfterPartial = Active;
    fn known_exchange_id(_: &PlacingData) -> Option<ExchangeOrderId> {
        None
    }
    fn after_partial(data: &PlacingData, id: Option<ExchangeOrderId>) -> Option<AckedData> {
        id.map(|exchange_id| AckedData {
            exchange_id,
            sent_at: data.sent_at,
        })
    }
}

/// A fill of an armed order is its triggered order's, arriving before the
/// algo service's `TRIGGERED`: it binds the order to the fill's exchange id.
impl CanFill for Armed {
    type AfterPartial = Active;
    fn known_exchange_id(_: &ArmedData) -> Option<ExchangeOrderId> {
        None
    }
    fn after_partial(data: &ArmedData, id: Option<ExchangeOrderId>) -> Option<AckedData> {
        id.map(|exchange_id| AckedData {
            exchange_id,
            sent_at: data.sent_at,
        })
    }
}

impl CanFill for Active {
    type AfterPartial = Active;
    fn known_exchange_id(data: &AckedData) -> Option<ExchangeOrderId> {
        Some(data.exchange_id)
    }
    fn after_partial(data: &AckedData, _: Option<ExchangeOrderId>) -> Option<AckedData> {
        Some(*data)
    }
}

impl CanFill for Cancelling {
    type AfterPartial = Cancelling;
    fn known_exchange_id(data: &CancellingData) -> Option<ExchangeOrderId> {
        data.exchange_id
    }
    fn after_partial(
        data: &CancellingData,
        exchange_id: Option<ExchangeOrderId>,
    ) -> Option<CancellingData> {
        Some(CancellingData {
            exchange_id,
            ..*data
        })
    }
}

/// What a regular fill did.
#[derive(Debug)]
pub enum FillOutcome<'a, S: CanFill> {
    /// Quantity remains open.
    Partial(OrderMut<'a, S::AfterPartial>),
    /// The order is now completely filled.
    Complete(OrderMut<'a, Filled>),
    /// The trade id was already applied; the order is unchanged.
    Duplicate(OrderMut<'a, S>),
}

/// `late_fill`: a trade that lands after the order became Cancelled, Expired or
/// Failed (a real race). It is accounted, and the order stays terminal.
#[diagnostic::on_unimplemented(
    message = "`late_fill` needs a Cancelled, Expired or Failed order, not an `OrderMut<{Self}>`",
    label = "late fills are only for orders closed without completing",
    note = "a live order takes a regular `fill`; a Filled order takes no more fills"
)]
pub trait CanLateFill: State {
    #[doc(hidden)]
    fn with_exchange_id(data: &Self::Data, id: Option<ExchangeOrderId>) -> Self::Data;
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
}

macro_rules! late_fill_states {
    ($($state:ty => $detail:ty),*) => {$(
        impl CanLateFill for $state {
            fn with_exchange_id(
                data: &ClosedData<$detail>,
                exchange_id: Option<ExchangeOrderId>,
            ) -> ClosedData<$detail> {
                ClosedData { exchange_id, ..*data }
            }
            fn known_exchange_id(data: &ClosedData<$detail>) -> Option<ExchangeOrderId> {
                data.exchange_id
            }
        }
    )*};
}
late_fill_states!(Cancelled => (), Expired => Option<ExpiryReason>, Failed => FailReason);

/// What a late fill did.
#[derive(Debug)]
pub enum LateFillOutcome<'a, S: CanLateFill> {
    /// The fill was accounted; the order stays in its terminal state.
    Accounted(OrderMut<'a, S>),
    /// The trade id was already applied; the order is unchanged.
    Duplicate(OrderMut<'a, S>),
}

impl<'a, S: State> OrderMut<'a, S> {
    /// Applies a trade. A trade id already applied is a [`FillOutcome::Duplicate`];
    /// otherwise the fill is accounted and the order is `Filled` when nothing
    /// remains, else in `S::AfterPartial`. A conditional order that fills has
    /// triggered. While a close-position order's quantity is not stated, no
    /// fill completes or overfills it.
    ///
    /// # Errors
    /// [`FillError`] (zero quantity, overfill, a trade id beyond the duplicate
    /// window, a missing or conflicting exchange id), with the handle given back
    /// and the order unchanged.
    pub fn fill(self, fill: Fill) -> Result<FillOutcome<'a, S>, Refused<'a, S, FillError>>
    where
        S: CanFill,
    {
        let quantity = self.record.core.fill_limit();
        let filled_after = match self.record.core.fills.check(&fill, quantity) {
            Ok(FillCheck::Duplicate) => return Ok(FillOutcome::Duplicate(self)),
            Ok(FillCheck::New { filled_after }) => filled_after,
            Err(error) => return Err(Refused { order: self, error }),
        };
        let exchange_id = match reconcile(S::known_exchange_id(&self.data), &fill) {
            Ok(id) => id,
            Err(error) => return Err(Refused { order: self, error }),
        };
        if self.record.core.quantity_known() && filled_after == quantity {
            let Some(exchange_id) = exchange_id else {
                let error = FillError::MissingExchangeId {
                    trade_id: fill.trade_id,
                };
                return Err(Refused { order: self, error });
            };
            self.record.core.record_fill(&fill, filled_after);
            let filled = FilledData {
                exchange_id,
                closed_at: fill.at,
            };
            return Ok(FillOutcome::Complete(self.into_state(filled, fill.at)));
        }
        let Some(data) = S::after_partial(&self.data, exchange_id) else {
            let error = FillError::MissingExchangeId {
                trade_id: fill.trade_id,
            };
            return Err(Refused { order: self, error });
        };
        self.record.core.record_fill(&fill, filled_after);
        Ok(FillOutcome::Partial(self.into_state(data, fill.at)))
    }

    /// Accounts a trade that landed after the order closed. The order stays in
    /// its terminal state: no fill is lost and no closed order is reopened.
    ///
    /// # Errors
    /// [`FillError`], with the handle given back and the order unchanged.
    pub fn late_fill(self, fill: Fill) -> Result<LateFillOutcome<'a, S>, Refused<'a, S, FillError>>
    where
        S: CanLateFill,
    {
        let filled_after = match self
            .record
            .core
            .fills
            .check(&fill, self.record.core.fill_limit())
        {
            Ok(FillCheck::Duplicate) => return Ok(LateFillOutcome::Duplicate(self)),
            Ok(FillCheck::New { filled_after }) => filled_after,
            Err(error) => return Err(Refused { order: self, error }),
        };
        let data = match reconcile(S::known_exchange_id(&self.data), &fill) {
            Ok(id) => S::with_exchange_id(&self.data, id),
            Err(error) => return Err(Refused { order: self, error }),
        };
        self.record.core.record_fill(&fill, filled_after);
        Ok(LateFillOutcome::Accounted(self.into_state(data, fill.at)))
    }
}
