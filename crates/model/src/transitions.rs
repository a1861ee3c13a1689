//! The legal transitions, one capability trait each. A transition is a method of
//! `Order<S>` whose `where` clause requires `S` to implement its trait, so calling
//! it on any other state fails to compile with the trait's readable message. (The
//! bound sits on the method, not on the `impl` block: with an `impl`-level bound
//! rustc reports a generic "trait bounds were not satisfied" and never shows the
//! `#[diagnostic::on_unimplemented]` message.)
//!
//! The traits are sealed (their supertrait [`State`] is) and their `#[doc(hidden)]`
//! items are how each state says what the transition does to its data.

use crate::Order;
use crate::decimal::Qty;
use crate::error::{AmendError, FillError, Refused};
use crate::fills::{Fill, FillCheck};
use crate::ids::ExchangeOrderId;
use crate::report::Amendment;
use crate::state::{
    AckedData, Active, Cancelled, Cancelling, CancellingData, ClosedData, Expired, ExpiryReason,
    FailReason, Failed, Filled, FilledData, Idle, Placing, PlacingData, State,
};

/// `place`: the engine sends the order. Only `Idle` orders can be sent.
#[diagnostic::on_unimplemented(
    message = "`place` needs an `Order<Idle>`, not an `Order<{Self}>`",
    label = "this order was already sent",
    note = "an order is sent once; see the transition table in docs/state-machine.md"
)]
pub trait CanPlace: State {}
impl CanPlace for Idle {}

/// `acknowledge`: the exchange's `NEW` ack with its order id.
#[diagnostic::on_unimplemented(
    message = "`acknowledge` needs an `Order<Placing>` or `Order<Cancelling>`, not an `Order<{Self}>`",
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

/// `fill`: a trade against a live order.
#[diagnostic::on_unimplemented(
    message = "`fill` needs a live order (`Placing`, `Active` or `Cancelling`), not an `Order<{Self}>`",
    label = "this order cannot take a regular fill",
    note = "a fill after Cancelled, Expired or Failed is a `late_fill`; a Filled order takes no more fills"
)]
pub trait CanFill: State {
    /// The state after a fill that leaves quantity open.
    type AfterPartial: State;
    #[doc(hidden)]
    fn after_partial(
        data: &Self::Data,
        fill: &Fill,
    ) -> Result<<Self::AfterPartial as State>::Data, FillError>;
    #[doc(hidden)]
    fn exchange_id_after(data: &Self::Data, fill: &Fill) -> Result<ExchangeOrderId, FillError>;
}

/// Reconciles the id an order knows with the one a fill names.
fn reconcile(known: Option<ExchangeOrderId>, fill: &Fill) -> Result<ExchangeOrderId, FillError> {
    match (known, fill.exchange_id) {
        (Some(known), Some(reported)) if known != reported => Err(FillError::ExchangeIdMismatch {
            trade_id: fill.trade_id,
            known,
            reported,
        }),
        (Some(id), _) | (None, Some(id)) => Ok(id),
        (None, None) => Err(FillError::MissingExchangeId {
            trade_id: fill.trade_id,
        }),
    }
}

impl CanFill for Placing {
    type AfterPartial = Active;
    fn after_partial(data: &PlacingData, fill: &Fill) -> Result<AckedData, FillError> {
        Self::exchange_id_after(data, fill).map(|exchange_id| AckedData {
            exchange_id,
            sent_at: data.sent_at,
        })
    }
    fn exchange_id_after(_: &PlacingData, fill: &Fill) -> Result<ExchangeOrderId, FillError> {
        reconcile(None, fill)
    }
}

impl CanFill for Active {
    type AfterPartial = Active;
    fn after_partial(data: &AckedData, fill: &Fill) -> Result<AckedData, FillError> {
        Self::exchange_id_after(data, fill).map(|exchange_id| AckedData {
            exchange_id,
            ..*data
        })
    }
    fn exchange_id_after(data: &AckedData, fill: &Fill) -> Result<ExchangeOrderId, FillError> {
        reconcile(Some(data.exchange_id), fill)
    }
}

impl CanFill for Cancelling {
    type AfterPartial = Cancelling;
    fn after_partial(data: &CancellingData, fill: &Fill) -> Result<CancellingData, FillError> {
        match (data.exchange_id, fill.exchange_id) {
            (None, None) => Ok(*data),
            _ => Self::exchange_id_after(data, fill).map(|id| CancellingData {
                exchange_id: Some(id),
                ..*data
            }),
        }
    }
    fn exchange_id_after(data: &CancellingData, fill: &Fill) -> Result<ExchangeOrderId, FillError> {
        reconcile(data.exchange_id, fill)
    }
}

/// What a regular fill did.
#[derive(Debug)]
pub enum FillOutcome<S: CanFill> {
    /// Quantity remains open.
    Partial(Order<S::AfterPartial>),
    /// The order is now completely filled.
    Complete(Order<Filled>),
    /// The trade id was already applied; the order is unchanged.
    Duplicate(Order<S>),
}

/// What a regular fill applied in place did ([`Order::fill_in_place`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InPlaceFill {
    /// The fill was accounted; quantity remains open and the state is unchanged.
    Partial,
    /// The trade id was already applied; the order is unchanged.
    Duplicate,
    /// The fill would complete the order, which changes its state type: the order
    /// is unchanged, and the fill is for the by-value [`Order::fill`].
    Completes,
}

/// What a regular fill would do, decided before anything changes: the one
/// implementation of the fill rule, shared by [`Order::fill`] and
/// [`Order::fill_in_place`].
enum FillPlan<S: CanFill> {
    Duplicate,
    Partial {
        data: <S::AfterPartial as State>::Data,
        filled_after: Qty,
    },
    Complete(Completion),
}

/// A fill found to complete its order: what the `Filled` order will hold.
struct Completion {
    data: FilledData,
    filled_after: Qty,
}

/// `late_fill`: a trade that lands after the order became Cancelled, Expired or
/// Failed (a real race). It is accounted, and the order stays terminal.
#[diagnostic::on_unimplemented(
    message = "`late_fill` needs a Cancelled, Expired or Failed order, not an `Order<{Self}>`",
    label = "late fills are only for orders closed without completing",
    note = "a live order takes a regular `fill`; a Filled order takes no more fills"
)]
pub trait CanLateFill: State {
    #[doc(hidden)]
    fn exchange_id_after(data: &Self::Data, fill: &Fill) -> Result<Self::Data, FillError>;
}

macro_rules! late_fill_states {
    ($($state:ty => $detail:ty),*) => {$(
        impl CanLateFill for $state {
            fn exchange_id_after(
                data: &ClosedData<$detail>,
                fill: &Fill,
            ) -> Result<ClosedData<$detail>, FillError> {
                match (data.exchange_id, fill.exchange_id) {
                    (None, None) => Ok(*data),
                    _ => reconcile(data.exchange_id, fill).map(|id| ClosedData {
                        exchange_id: Some(id),
                        ..*data
                    }),
                }
            }
        }
    )*};
}
late_fill_states!(Cancelled => (), Expired => Option<ExpiryReason>, Failed => FailReason);

/// What a late fill did.
#[derive(Debug)]
pub enum LateFillOutcome<S: CanLateFill> {
    /// The fill was accounted; the order stays in its terminal state.
    Accounted(Order<S>),
    /// The trade id was already applied; the order is unchanged.
    Duplicate(Order<S>),
}

/// What a late fill applied in place did ([`Order::late_fill_in_place`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InPlaceLateFill {
    /// The fill was accounted; the order stays in its terminal state.
    Accounted,
    /// The trade id was already applied; the order is unchanged.
    Duplicate,
}

/// `mark_in_doubt`: a network error or timeout left the placement's outcome
/// unknown. This is not a rejection: the order stays `Placing`.
#[diagnostic::on_unimplemented(
    message = "`mark_in_doubt` needs an `Order<Placing>`, not an `Order<{Self}>`",
    label = "only a placement in flight can be in doubt",
    note = "see docs/state-machine.md"
)]
pub trait CanMarkInDoubt: State<Data = PlacingData> {}
impl CanMarkInDoubt for Placing {}

/// `reject`: a definitive refusal of the placement (an exchange error code, or a
/// `REJECTED` report).
#[diagnostic::on_unimplemented(
    message = "`reject` needs an `Order<Placing>`, not an `Order<{Self}>`",
    label = "only an unacknowledged placement can be rejected",
    note = "a Cancelling order sent before its ack first takes `cancel_rejected`; see docs/state-machine.md"
)]
pub trait CanReject: State {}
impl CanReject for Placing {}

/// `request_cancel`: the engine asks the exchange to cancel.
#[diagnostic::on_unimplemented(
    message = "`request_cancel` needs an `Order<Placing>` or `Order<Active>`, not an `Order<{Self}>`",
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
    message = "`cancelled` and `expired` need a live order (`Placing`, `Active` or `Cancelling`), not an `Order<{Self}>`",
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
    message = "`cancel_rejected` needs an `Order<Cancelling>`, not an `Order<{Self}>`",
    label = "no cancel is in flight for this order",
    note = "see docs/state-machine.md"
)]
pub trait CanCancelReject: State<Data = CancellingData> {}
impl CanCancelReject for Cancelling {}

/// Where a rejected cancel leaves the order.
#[derive(Debug)]
pub enum CancelRejected {
    /// Back to `Active`: the order had been acknowledged.
    Active(Order<Active>),
    /// Back to `Placing`: the cancel was sent before any ack.
    Placing(Order<Placing>),
}

/// `amend`: the exchange modified the order's quantity or price.
#[diagnostic::on_unimplemented(
    message = "`amend` needs an `Order<Active>` or `Order<Cancelling>`, not an `Order<{Self}>`",
    label = "only an acknowledged, live order can be amended",
    note = "see docs/state-machine.md"
)]
pub trait CanAmend: State {}
impl CanAmend for Active {}
impl CanAmend for Cancelling {}

impl<S: State> Order<S> {
    /// Idle → Placing: the engine sent the order at `now`.
    #[must_use]
    pub fn place(self, now: u64) -> Order<Placing>
    where
        S: CanPlace,
    {
        let mut order = self.with::<Placing>(PlacingData {
            sent_at: now,
            in_doubt_since: None,
        });
        order.core.touch(now);
        order
    }
}

impl<S: State> Order<S> {
    /// The exchange acknowledged the order (`NEW`) with its id: Placing → Active,
    /// or Cancelling → Cancelling now knowing its id (a cancel sent before the ack).
    /// An id already known is kept.
    ///
    /// `T` is always inferred: it is `S`'s [`CanAcknowledge::Acked`]. (Naming the
    /// projection in the return type would make a wrong-state call fail method
    /// lookup with a generic error instead of the trait's readable message.)
    #[must_use]
    pub fn acknowledge<T: State>(self, exchange_id: ExchangeOrderId, at: u64) -> Order<T>
    where
        S: CanAcknowledge<Acked = T>,
    {
        let data = S::acked(self.data, exchange_id);
        let mut order = self.with::<T>(data);
        order.core.touch(at);
        order
    }
}

impl<S: State> Order<S> {
    /// Applies a trade. A trade id already applied is a [`FillOutcome::Duplicate`];
    /// otherwise the fill is accounted and the order is `Filled` when nothing
    /// remains, else in `S::AfterPartial`.
    ///
    /// # Errors
    /// [`FillError`] (zero quantity, overfill, missing or conflicting exchange id),
    /// with the order handed back unchanged.
    pub fn fill(self, fill: Fill) -> Result<FillOutcome<S>, Refused<S, FillError>>
    where
        S: CanFill,
    {
        match self.plan_fill(&fill) {
            Ok(FillPlan::Duplicate) => Ok(FillOutcome::Duplicate(self)),
            Ok(FillPlan::Partial { data, filled_after }) => {
                let mut order = self.with::<S::AfterPartial>(data);
                order.record(&fill, filled_after);
                Ok(FillOutcome::Partial(order))
            }
            Ok(FillPlan::Complete(completion)) => {
                Ok(FillOutcome::Complete(self.complete(&fill, completion)))
            }
            Err(error) => Err(Refused { order: self, error }),
        }
    }

    /// Applies a trade through `&mut`, for the states whose partial fill keeps
    /// the state type (`Active`, `Cancelling`): the same rule as [`Order::fill`],
    /// without moving the order. A fill that would complete the order is left
    /// to [`Order::fill`] ([`InPlaceFill::Completes`], nothing changed).
    ///
    /// # Errors
    /// [`FillError`] as [`Order::fill`]; the order is unchanged.
    pub fn fill_in_place(&mut self, fill: Fill) -> Result<InPlaceFill, FillError>
    where
        S: CanFill<AfterPartial = S>,
    {
        match self.plan_fill(&fill)? {
            FillPlan::Duplicate => Ok(InPlaceFill::Duplicate),
            FillPlan::Partial { data, filled_after } => {
                self.data = data;
                self.record(&fill, filled_after);
                Ok(InPlaceFill::Partial)
            }
            FillPlan::Complete(_) => Ok(InPlaceFill::Completes),
        }
    }

    /// The completing fill `completion` was decided for, applied: → `Filled`.
    fn complete(self, fill: &Fill, completion: Completion) -> Order<Filled>
    where
        S: CanFill,
    {
        let mut order = self.with::<Filled>(completion.data);
        order.record(fill, completion.filled_after);
        order
    }

    /// Decides what `fill` does, changing nothing.
    fn plan_fill(&self, fill: &Fill) -> Result<FillPlan<S>, FillError>
    where
        S: CanFill,
    {
        let filled_after = match self.core.fills.check(fill, self.quantity())? {
            FillCheck::Duplicate => return Ok(FillPlan::Duplicate),
            FillCheck::New { filled_after } => filled_after,
        };
        if filled_after == self.quantity() {
            let exchange_id = S::exchange_id_after(&self.data, fill)?;
            Ok(FillPlan::Complete(Completion {
                data: FilledData {
                    exchange_id,
                    closed_at: fill.at,
                },
                filled_after,
            }))
        } else {
            let data = S::after_partial(&self.data, fill)?;
            Ok(FillPlan::Partial { data, filled_after })
        }
    }
}

impl<S: State> Order<S> {
    fn record(&mut self, fill: &Fill, filled_after: Qty) {
        self.core.fills.record(fill, filled_after);
        self.core.touch(fill.at);
    }
}

impl<S: State> Order<S> {
    /// Accounts a trade that landed after the order closed. The order stays in
    /// its terminal state: no fill is lost and no closed order is reopened.
    ///
    /// # Errors
    /// [`FillError`], with the order handed back unchanged.
    pub fn late_fill(mut self, fill: Fill) -> Result<LateFillOutcome<S>, Refused<S, FillError>>
    where
        S: CanLateFill,
    {
        match self.late_fill_in_place(fill) {
            Ok(InPlaceLateFill::Accounted) => Ok(LateFillOutcome::Accounted(self)),
            Ok(InPlaceLateFill::Duplicate) => Ok(LateFillOutcome::Duplicate(self)),
            Err(error) => Err(Refused { order: self, error }),
        }
    }

    /// [`Order::late_fill`] through `&mut`: the state type never changes.
    ///
    /// # Errors
    /// [`FillError`]; the order is unchanged.
    pub fn late_fill_in_place(&mut self, fill: Fill) -> Result<InPlaceLateFill, FillError>
    where
        S: CanLateFill,
    {
        let filled_after = match self.core.fills.check(&fill, self.quantity())? {
            FillCheck::Duplicate => return Ok(InPlaceLateFill::Duplicate),
            FillCheck::New { filled_after } => filled_after,
        };
        self.data = S::exchange_id_after(&self.data, &fill)?;
        self.record(&fill, filled_after);
        Ok(InPlaceLateFill::Accounted)
    }
}

impl<S: State> Order<S> {
    /// The placement timed out or hit a network error at `now`: its outcome is
    /// unknown. The order stays `Placing`, marked in doubt since the first such
    /// moment, until the feed or a query settles it.
    #[must_use]
    pub fn mark_in_doubt(self, now: u64) -> Order<Placing>
    where
        S: CanMarkInDoubt,
    {
        let data = self.data;
        let mut order = self.with::<Placing>(PlacingData {
            in_doubt_since: Some(data.in_doubt_since.unwrap_or(now)),
            ..data
        });
        order.core.touch(now);
        order
    }
}

impl<S: State> Order<S> {
    /// Placing → Failed: the exchange definitively refused the order.
    #[must_use]
    pub fn reject(self, reason: FailReason, at: u64) -> Order<Failed>
    where
        S: CanReject,
    {
        let mut order = self.with::<Failed>(ClosedData {
            exchange_id: None,
            closed_at: at,
            detail: reason,
        });
        order.core.touch(at);
        order
    }
}

impl<S: State> Order<S> {
    /// Placing/Active → Cancelling: the engine sent a cancel at `now`.
    #[must_use]
    pub fn request_cancel(self, now: u64) -> Order<Cancelling>
    where
        S: CanRequestCancel,
    {
        let data = S::cancelling(self.data, now);
        let mut order = self.with::<Cancelling>(data);
        order.core.touch(now);
        order
    }
}

impl<S: CanClose> Order<S> {
    fn close<T: State>(self, data: T::Data, at: u64) -> Order<T> {
        let mut order = self.with::<T>(data);
        order.core.touch(at);
        order
    }

    fn closed<R>(&self, exchange_id: Option<ExchangeOrderId>, at: u64, detail: R) -> ClosedData<R> {
        ClosedData {
            exchange_id: S::known_exchange_id(&self.data).or(exchange_id),
            closed_at: at,
            detail,
        }
    }
}

impl<S: State> Order<S> {
    /// The exchange cancelled the order (`CANCELED`). An exchange id already known is kept.
    #[must_use]
    pub fn cancelled(self, exchange_id: Option<ExchangeOrderId>, at: u64) -> Order<Cancelled>
    where
        S: CanClose,
    {
        let data = self.closed(exchange_id, at, ());
        self.close(data, at)
    }

    /// The exchange expired the order (`EXPIRED`, `EXPIRED_IN_MATCH`).
    #[must_use]
    pub fn expired(
        self,
        exchange_id: Option<ExchangeOrderId>,
        reason: Option<ExpiryReason>,
        at: u64,
    ) -> Order<Expired>
    where
        S: CanClose,
    {
        let data = self.closed(exchange_id, at, reason);
        self.close(data, at)
    }
}

impl<S: State> Order<S> {
    /// The exchange refused the cancel: back to `Active` if the order had been
    /// acknowledged, else back to `Placing` (the cancel was sent before any ack).
    #[must_use]
    pub fn cancel_rejected(self, at: u64) -> CancelRejected
    where
        S: CanCancelReject,
    {
        let data = self.data;
        let mut order = match data.exchange_id {
            Some(exchange_id) => CancelRejected::Active(self.with(AckedData {
                exchange_id,
                sent_at: data.placing.sent_at,
            })),
            None => CancelRejected::Placing(self.with(data.placing)),
        };
        match &mut order {
            CancelRejected::Active(o) => o.core.touch(at),
            CancelRejected::Placing(o) => o.core.touch(at),
        }
        order
    }
}

impl<S: State> Order<S> {
    /// The exchange amended the order's quantity and price.
    ///
    /// # Errors
    /// [`AmendError`] when the new quantity does not exceed what is filled, with
    /// the order handed back unchanged.
    pub fn amend(mut self, amendment: Amendment, at: u64) -> Result<Self, Refused<S, AmendError>>
    where
        S: CanAmend,
    {
        match self.amend_in_place(amendment, at) {
            Ok(()) => Ok(self),
            Err(error) => Err(Refused { order: self, error }),
        }
    }

    /// [`Order::amend`] through `&mut`: the state type never changes.
    ///
    /// # Errors
    /// [`AmendError`] when the new quantity does not exceed what is filled; the
    /// order is unchanged.
    pub fn amend_in_place(&mut self, amendment: Amendment, at: u64) -> Result<(), AmendError>
    where
        S: CanAmend,
    {
        let filled = self.filled_qty();
        if amendment.quantity <= filled {
            return Err(AmendError::QuantityBelowFilled {
                quantity: amendment.quantity,
                filled,
            });
        }
        self.core.spec.quantity = amendment.quantity;
        if amendment.price.is_some() {
            self.core.spec.price = amendment.price;
        }
        self.core.touch(at);
        Ok(())
    }
}
