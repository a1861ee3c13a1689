//! The legal transitions, one capability trait each, written once, on the typed
//! handle [`OrderMut`]. A transition is a method whose `where` clause requires
//! `S` to implement its trait, so calling it on any other state fails to compile
//! with the trait's readable message. (The bound sits on the method, not on the
//! `impl` block: with an `impl`-level bound rustc reports a generic "trait bounds
//! were not satisfied" and never shows the `#[diagnostic::on_unimplemented]`
//! message.)
//!
//! A consuming transition writes the next state's tag and data into the record
//! in place and returns the next state's handle; a refused one hands the
//! handle back unchanged ([`Refused`]). [`crate::AnyOrder::apply`] calls these
//! same methods, so no rule exists only at runtime.
//!
//! The traits are sealed (their supertrait [`State`] is) and their `#[doc(hidden)]`
//! items are how each state says what the transition does to its data.

use crate::error::{AmendError, FillError, Refused, RejectError};
use crate::fills::{Fill, FillCheck};
use crate::handle::OrderMut;
use crate::ids::ExchangeOrderId;
use crate::report::Amendment;
use crate::state::{
    AckedData, Active, Cancelled, Cancelling, CancellingData, ClosedData, Expired, ExpiryReason,
    FailReason, Failed, Filled, FilledData, Idle, Placing, PlacingData, State,
};

/// `place`: the engine sends the order. Only `Idle` orders can be sent.
#[diagnostic::on_unimplemented(
    message = "`place` needs an `OrderMut<Idle>`, not an `OrderMut<{Self}>`",
    label = "this order was already sent",
    note = "an order is sent once; see the transition table in docs/state-machine.md"
)]
pub trait CanPlace: State {}
impl CanPlace for Idle {}

/// `acknowledge`: the exchange's `NEW` ack with its order id.
#[diagnostic::on_unimplemented(
    message = "`acknowledge` needs an `OrderMut<Placing>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "an order in this state takes no ack",
    note = "only an order awaiting its ack can be acknowledged; see docs/state-machine.md"
)]
pub trait CanAcknowledge: State {
    /// The state after the ack.
    type Acked: State;
    #[doc(hidden)]
    fn acked(data: Self::Data, id: ExchangeOrderId) -> <Self::Acked as State>::Data;
}

impl CanAcknowledge for Placing {
    type Acked = Active;
    fn acked(placing: PlacingData, exchange_id: ExchangeOrderId) -> AckedData {
        AckedData {
            exchange_id,
            sent_at: placing.sent_at,
        }
    }
}

impl CanAcknowledge for Cancelling {
    type Acked = Cancelling;
    fn acked(data: CancellingData, id: ExchangeOrderId) -> CancellingData {
        CancellingData {
            exchange_id: Some(data.exchange_id.unwrap_or(id)),
            ..data
        }
    }
}

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
    message = "`fill` needs a live order (`OrderMut<Placing>`, `<Active>` or `<Cancelling>`), not an `OrderMut<{Self}>`",
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

/// `mark_in_doubt`: a network error or timeout left the placement's outcome
/// unknown. This is not a rejection: the order stays `Placing`.
#[diagnostic::on_unimplemented(
    message = "`mark_in_doubt` needs an `OrderMut<Placing>`, not an `OrderMut<{Self}>`",
    label = "only a placement in flight can be in doubt",
    note = "see docs/state-machine.md"
)]
pub trait CanMarkInDoubt: State<Data = PlacingData> {}
impl CanMarkInDoubt for Placing {}

/// `reject`: a definitive refusal of a placement the exchange never
/// acknowledged (an exchange error code, or a `REJECTED` report): a `Placing`
/// order, or a `Cancelling` one whose cancel was sent before any ack.
#[diagnostic::on_unimplemented(
    message = "`reject` needs an `OrderMut<Placing>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only an unacknowledged placement can be rejected",
    note = "see docs/state-machine.md"
)]
pub trait CanReject: State {
    #[doc(hidden)]
    fn known_exchange_id(data: &Self::Data) -> Option<ExchangeOrderId>;
}
impl CanReject for Placing {
    fn known_exchange_id(_: &PlacingData) -> Option<ExchangeOrderId> {
        None
    }
}
impl CanReject for Cancelling {
    fn known_exchange_id(data: &CancellingData) -> Option<ExchangeOrderId> {
        data.exchange_id
    }
}

/// `request_cancel`: the engine asks the exchange to cancel.
#[diagnostic::on_unimplemented(
    message = "`request_cancel` needs an `OrderMut<Placing>` or `OrderMut<Active>`, not an `OrderMut<{Self}>`",
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
    message = "`cancelled` and `expired` need a live order (`OrderMut<Placing>`, `<Active>` or `<Cancelling>`), not an `OrderMut<{Self}>`",
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
    /// Back to `Placing`: the cancel was sent before any ack.
    Placing(OrderMut<'a, Placing>),
}

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
    /// Idle → Placing: the engine sent the order at `now`.
    #[must_use]
    pub fn place(self, now: u64) -> OrderMut<'a, Placing>
    where
        S: CanPlace,
    {
        let placing = PlacingData {
            sent_at: now,
            in_doubt_since: None,
        };
        self.into_state(placing, now)
    }

    /// The exchange acknowledged the order (`NEW`) with its id: Placing → Active,
    /// or Cancelling → Cancelling now knowing its id (a cancel sent before the ack).
    /// An id already known is kept.
    ///
    /// `T` is always inferred: it is `S`'s [`CanAcknowledge::Acked`]. (Naming the
    /// projection in the return type would make a wrong-state call fail method
    /// lookup with a generic error instead of the trait's readable message.)
    #[must_use]
    pub fn acknowledge<T: State>(self, exchange_id: ExchangeOrderId, at: u64) -> OrderMut<'a, T>
    where
        S: CanAcknowledge<Acked = T>,
    {
        let data = S::acked(self.data, exchange_id);
        self.into_state(data, at)
    }

    /// Applies a trade. A trade id already applied is a [`FillOutcome::Duplicate`];
    /// otherwise the fill is accounted and the order is `Filled` when nothing
    /// remains, else in `S::AfterPartial`.
    ///
    /// # Errors
    /// [`FillError`] (zero quantity, overfill, a trade id beyond the duplicate
    /// window, a missing or conflicting exchange id), with the handle given back
    /// and the order unchanged.
    pub fn fill(self, fill: Fill) -> Result<FillOutcome<'a, S>, Refused<'a, S, FillError>>
    where
        S: CanFill,
    {
        let quantity = self.quantity();
        let filled_after = match self.record.core.fills.check(&fill, quantity) {
            Ok(FillCheck::Duplicate) => return Ok(FillOutcome::Duplicate(self)),
            Ok(FillCheck::New { filled_after }) => filled_after,
            Err(error) => return Err(Refused { order: self, error }),
        };
        let exchange_id = match reconcile(S::known_exchange_id(&self.data), &fill) {
            Ok(id) => id,
            Err(error) => return Err(Refused { order: self, error }),
        };
        if filled_after == quantity {
            let Some(exchange_id) = exchange_id else {
                let error = FillError::MissingExchangeId {
                    trade_id: fill.trade_id,
                };
                return Err(Refused { order: self, error });
            };
            self.record.core.fills.record(&fill, filled_after);
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
        self.record.core.fills.record(&fill, filled_after);
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
        let filled_after = match self.record.core.fills.check(&fill, self.quantity()) {
            Ok(FillCheck::Duplicate) => return Ok(LateFillOutcome::Duplicate(self)),
            Ok(FillCheck::New { filled_after }) => filled_after,
            Err(error) => return Err(Refused { order: self, error }),
        };
        let data = match reconcile(S::known_exchange_id(&self.data), &fill) {
            Ok(id) => S::with_exchange_id(&self.data, id),
            Err(error) => return Err(Refused { order: self, error }),
        };
        self.record.core.fills.record(&fill, filled_after);
        Ok(LateFillOutcome::Accounted(self.into_state(data, fill.at)))
    }

    /// The placement timed out or hit a network error at `now`: its outcome is
    /// unknown. The order stays `Placing`, marked in doubt since the first such
    /// moment, until the feed or a query settles it.
    #[must_use]
    pub fn mark_in_doubt(self, now: u64) -> OrderMut<'a, Placing>
    where
        S: CanMarkInDoubt,
    {
        let data = PlacingData {
            in_doubt_since: Some(self.data.in_doubt_since.unwrap_or(now)),
            ..self.data
        };
        self.into_state(data, now)
    }

    /// → Failed: the exchange definitively refused a placement it never
    /// acknowledged.
    ///
    /// # Errors
    /// [`RejectError::Acknowledged`] for a `Cancelling` order whose exchange id
    /// is known (the exchange accepted it; only a cancel can be refused now),
    /// with the handle given back. A `Placing` order is always rejected.
    pub fn reject(
        self,
        reason: FailReason,
        at: u64,
    ) -> Result<OrderMut<'a, Failed>, Refused<'a, S, RejectError>>
    where
        S: CanReject,
    {
        if let Some(exchange_id) = S::known_exchange_id(&self.data) {
            let error = RejectError::Acknowledged { exchange_id };
            return Err(Refused { order: self, error });
        }
        let failed = ClosedData {
            exchange_id: None,
            closed_at: at,
            detail: reason,
        };
        Ok(self.into_state(failed, at))
    }

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
    /// acknowledged, else back to `Placing` (the cancel was sent before any ack).
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
            None => CancelRejected::Placing(self.into_state(data.placing, at)),
        }
    }

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
