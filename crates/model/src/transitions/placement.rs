//! Placing an order and its outcome: `place`, `acknowledge`, `arm` (the algo
//! service's acceptance of a conditional order), `mark_in_doubt`, `reject`.

use crate::error::{Refused, RejectError, TriggerError};
use crate::handle::OrderMut;
use crate::ids::{AlgoId, ExchangeOrderId};
use crate::state::{
    AckedData, Active, Armed, ArmedData, Cancelling, CancellingData, ClosedData, FailReason,
    Failed, Idle, Placing, PlacingData, State,
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

/// `arm`: the algo service accepted a conditional order (its `NEW`, or the
/// algo endpoint's answer) under an algo id.
#[diagnostic::on_unimplemented(
    message = "`arm` needs an `OrderMut<Placing>` or `OrderMut<Cancelling>`, not an `OrderMut<{Self}>`",
    label = "only a conditional order awaiting the algo service's answer can be armed",
    note = "see docs/state-machine.md"
)]
pub trait CanArm: State {
    /// The state after the algo service's acceptance.
    type Armed: State;
    #[doc(hidden)]
    fn armed(data: Self::Data, algo_id: AlgoId) -> <Self::Armed as State>::Data;
}

impl CanArm for Placing {
    type Armed = Armed;
    fn armed(placing: PlacingData, algo_id: AlgoId) -> ArmedData {
        ArmedData {
            algo_id,
            sent_at: placing.sent_at,
            triggering_since: None,
        }
    }
}

impl CanArm for Cancelling {
    type Armed = Cancelling;
    fn armed(data: CancellingData, _: AlgoId) -> CancellingData {
        data
    }
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
/// order, an `Armed` one rejected at its trigger, or a `Cancelling` one whose
/// cancel was sent before any ack.
#[diagnostic::on_unimplemented(
    message = "`reject` needs an `OrderMut<Placing>`, `<Armed>` or `<Cancelling>`, not an `OrderMut<{Self}>`",
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
impl CanReject for Armed {
    fn known_exchange_id(_: &ArmedData) -> Option<ExchangeOrderId> {
        None
    }
}
impl CanReject for Cancelling {
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

    /// The algo service accepted the conditional order under `algo_id`:
    /// Placing → Armed, or Cancelling → Cancelling now knowing its algo id (a
    /// cancel sent before the answer). An algo id already known is kept.
    ///
    /// `T` is always inferred: it is `S`'s [`CanArm::Armed`].
    ///
    /// # Errors
    /// [`TriggerError::NotConditional`] for an order that is not conditional,
    /// with the handle given back.
    pub fn arm<T: State>(
        self,
        algo_id: AlgoId,
        at: u64,
    ) -> Result<OrderMut<'a, T>, Refused<'a, S, TriggerError>>
    where
        S: CanArm<Armed = T>,
    {
        let order = self.conditional()?;
        let algo_id = *order.record.core.algo_id.get_or_insert(algo_id);
        let data = S::armed(order.data, algo_id);
        Ok(order.into_state(data, at))
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
}
