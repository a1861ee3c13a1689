//! `AnyOrder`: an order in any state, for collections. It applies feed reports and
//! engine requests by calling the typestate transitions, so the transition table
//! exists once, in the types.

use crate::applied::{Applied, Closed, FillApplied, gap};
use crate::decimal::{Price, Qty};
use crate::error::{ApplyError, FillError, Refused, Request, RequestError, TermMismatch};
use crate::fills::{Fill, FillCheck, Fills};
use crate::ids::{ClientOrderId, ExchangeOrderId, ParentId, SubAccountId};
use crate::order::{NewOrder, Order};
use crate::report::{ExecutionReport, ExecutionType, OrderTerms};
use crate::state::{
    Active, Cancelled, Cancelling, Expired, FailReason, Failed, Filled, Idle, OrderStatus, Placing,
    State,
};
use crate::symbol::Symbol;
use crate::transitions::{
    CanClose, CanFill, CanLateFill, CancelRejected, FillOutcome, InPlaceFill, InPlaceLateFill,
};

/// An order in any of the eight states.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum AnyOrder {
    /// Built, not sent.
    Idle(Order<Idle>),
    /// Sent, not acknowledged.
    Placing(Order<Placing>),
    /// Acknowledged and working.
    Active(Order<Active>),
    /// A cancel is in flight.
    Cancelling(Order<Cancelling>),
    /// Completely filled (terminal).
    Filled(Order<Filled>),
    /// Cancelled (terminal).
    Cancelled(Order<Cancelled>),
    /// Expired (terminal).
    Expired(Order<Expired>),
    /// Rejected (terminal).
    Failed(Order<Failed>),
}

macro_rules! on_any {
    ($value:expr, $o:ident => $body:expr) => {
        match $value {
            AnyOrder::Idle($o) => $body,
            AnyOrder::Placing($o) => $body,
            AnyOrder::Active($o) => $body,
            AnyOrder::Cancelling($o) => $body,
            AnyOrder::Filled($o) => $body,
            AnyOrder::Cancelled($o) => $body,
            AnyOrder::Expired($o) => $body,
            AnyOrder::Failed($o) => $body,
        }
    };
}

macro_rules! conversions {
    ($($state:ident),*) => {$(
        impl From<Order<$state>> for AnyOrder {
            fn from(order: Order<$state>) -> Self {
                Self::$state(order)
            }
        }
        impl TryFrom<AnyOrder> for Order<$state> {
            type Error = AnyOrder;
            /// The typed order back, or the `AnyOrder` unchanged when it is in another state.
            fn try_from(order: AnyOrder) -> Result<Self, AnyOrder> {
                match order {
                    AnyOrder::$state(o) => Ok(o),
                    other => Err(other),
                }
            }
        }
    )*};
}
conversions!(
    Idle, Placing, Active, Cancelling, Filled, Cancelled, Expired, Failed
);

/// The result of a transition on an owned order: the order to store, and what happened.
type Step = (AnyOrder, Result<Applied, ApplyError>);

impl AnyOrder {
    /// The state's runtime name.
    #[must_use]
    pub fn status(&self) -> OrderStatus {
        on_any!(self, o => o.status())
    }
    /// The order's defining fields.
    #[must_use]
    pub fn spec(&self) -> &NewOrder {
        on_any!(self, o => o.spec())
    }
    /// The client order id.
    #[must_use]
    pub fn client_id(&self) -> ClientOrderId {
        self.spec().client_id
    }
    /// The owning sub-account.
    #[must_use]
    pub fn sub_account(&self) -> SubAccountId {
        self.spec().sub_account
    }
    /// The instrument.
    #[must_use]
    pub fn symbol(&self) -> Symbol {
        self.spec().symbol
    }
    /// The parent algo, if any.
    #[must_use]
    pub fn parent(&self) -> Option<ParentId> {
        self.spec().parent
    }
    /// Quantity (after any amendment).
    #[must_use]
    pub fn quantity(&self) -> Qty {
        self.spec().quantity
    }
    /// Limit price (after any amendment).
    #[must_use]
    pub fn price(&self) -> Option<Price> {
        self.spec().price
    }
    /// The fills applied so far.
    #[must_use]
    pub fn fills(&self) -> &Fills {
        on_any!(self, o => o.fills())
    }
    /// Filled quantity.
    #[must_use]
    pub fn filled_qty(&self) -> Qty {
        self.fills().filled()
    }
    /// Time of the latest change (ms).
    #[must_use]
    pub fn updated_at(&self) -> u64 {
        on_any!(self, o => o.updated_at())
    }
    /// The exchange's order id, once known.
    #[must_use]
    pub fn exchange_id(&self) -> Option<ExchangeOrderId> {
        match self {
            Self::Idle(_) | Self::Placing(_) => None,
            Self::Active(o) => Some(o.exchange_id()),
            Self::Filled(o) => Some(o.exchange_id()),
            Self::Cancelling(o) => o.exchange_id(),
            Self::Cancelled(o) => o.exchange_id(),
            Self::Expired(o) => o.exchange_id(),
            Self::Failed(o) => o.exchange_id(),
        }
    }
    /// When the order became terminal (ms); `None` while it is not.
    #[must_use]
    pub fn closed_at(&self) -> Option<u64> {
        match self {
            Self::Filled(o) => Some(o.closed_at()),
            Self::Cancelled(o) => Some(o.closed_at()),
            Self::Expired(o) => Some(o.closed_at()),
            Self::Failed(o) => Some(o.closed_at()),
            _ => None,
        }
    }
    /// When a placement's outcome became unknown; `None` unless `Placing` in doubt.
    #[must_use]
    pub fn in_doubt_since(&self) -> Option<u64> {
        match self {
            Self::Placing(o) => o.in_doubt_since(),
            _ => None,
        }
    }

    /// Runs one transition on the owned order and stores the order it returns.
    fn step<R>(&mut self, transition: impl FnOnce(AnyOrder) -> (AnyOrder, R)) -> R {
        let order = std::mem::replace(self, Self::placeholder());
        let (next, result) = transition(order);
        *self = next;
        result
    }

    /// A stand-in held only while [`AnyOrder::step`] owns the real order.
    fn placeholder() -> Self {
        Self::Idle(Order::placeholder())
    }

    /// Applies one exchange report through the typestate transitions.
    ///
    /// A report that keeps the order's state type (a partial fill of an `Active`
    /// or `Cancelling` order, a late fill, an amendment, a duplicate or stale
    /// event) is applied in place, through the `&mut` transitions; only a report
    /// that changes the state type moves the order by value.
    ///
    /// # Errors
    /// [`ApplyError`] when the report contradicts the order (symbol, client or
    /// exchange id), is inconsistent in itself, lacks what its execution type
    /// needs, or is an event no transition of the order's state accepts. The
    /// order is then exactly as it was.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        self.check_report(report)?;
        let in_place = match report.execution {
            ExecutionType::New => self.on_ack(report),
            ExecutionType::Trade | ExecutionType::Calculated => self.on_fill(report),
            ExecutionType::Canceled | ExecutionType::Expired => self.on_close(report),
            ExecutionType::Amendment => Some(self.on_amend(report)),
            ExecutionType::Rejected => self.on_reject(report),
        };
        match in_place {
            Some(result) => result,
            // The report changes the state type: by value.
            None => self.step(|order| order.apply_owned(report)),
        }
    }

    /// The by-value transitions, for the reports that change the order's state
    /// type (the `on_*` methods decide which, and apply the others in place).
    fn apply_owned(self, report: &ExecutionReport) -> Step {
        let at = report.transaction_time;
        match report.execution {
            ExecutionType::New => match report.exchange_id {
                Some(id) => self.acknowledge_owned(report, id, at),
                None => self.not_applicable(report),
            },
            ExecutionType::Trade | ExecutionType::Calculated => match report.as_fill() {
                Some(fill) => self.fill_owned(report, fill),
                None => self.not_applicable(report),
            },
            ExecutionType::Canceled | ExecutionType::Expired => {
                let closed = Closed::between(self.filled_qty(), report.cumulative_qty);
                self.close_owned(report, closed)
            }
            ExecutionType::Rejected => match self.reject(FailReason::Rejected, at) {
                Ok(order) => {
                    let closed = Closed::between(order.filled_qty(), report.cumulative_qty);
                    (order, Ok(Applied::Failed(closed)))
                }
                Err(order) if order.status().is_terminal() => (order, Ok(Applied::Stale)),
                Err(order) => order.not_applicable(report),
            },
            // Not reached: an amendment is always applied in place.
            ExecutionType::Amendment => self.not_applicable(report),
        }
    }

    /// Read-only checks that a report belongs to this order and makes sense.
    fn check_report(&self, report: &ExecutionReport) -> Result<(), ApplyError> {
        if !report.execution.allows(report.status) {
            return Err(ApplyError::Inconsistent {
                execution: report.execution,
                status: report.status,
            });
        }
        let spec = self.spec();
        if report.symbol != spec.symbol {
            return Err(ApplyError::SymbolMismatch {
                client_id: spec.client_id,
                expected: spec.symbol,
                reported: report.symbol,
            });
        }
        if let Some(reported) = report.client_id
            && reported != spec.client_id
        {
            return Err(ApplyError::ClientIdMismatch {
                client_id: spec.client_id,
                reported,
            });
        }
        if let Some(reported) = report.exchange_id
            && let Some(known) = self.exchange_id()
            && known != reported
        {
            return Err(ApplyError::ExchangeIdMismatch {
                client_id: spec.client_id,
                known,
                reported,
            });
        }
        if let Some(mismatch) = report
            .terms
            .and_then(|terms| self.term_mismatch(report, &terms))
        {
            return Err(ApplyError::TermsMismatch {
                client_id: spec.client_id,
                mismatch,
            });
        }
        Ok(())
    }

    /// The first of the order's terms the report restates differently.
    ///
    /// Side and original type never change on the exchange, so they are always
    /// compared. The quantity is compared unless it may legitimately differ:
    /// - an `AMENDMENT` states the new quantity (the amendment applies it);
    /// - a close-position order states `q = 0` until it triggers;
    /// - a report older than the order's latest change may predate an
    ///   amendment (its quantity then is the one before), so its quantity is
    ///   not held against it: it is applied by the ordinary rules (it can still
    ///   fill or close a live order), and never changes the order's terms.
    fn term_mismatch(&self, report: &ExecutionReport, terms: &OrderTerms) -> Option<TermMismatch> {
        let spec = self.spec();
        if terms.side != spec.side {
            return Some(TermMismatch::Side {
                expected: spec.side,
                reported: terms.side,
            });
        }
        if let Some(reported) = terms.order_type
            && reported != spec.order_type
        {
            return Some(TermMismatch::OrderType {
                expected: spec.order_type,
                reported,
            });
        }
        let quantity_may_differ = report.execution == ExecutionType::Amendment
            || terms.close_position
            || report.transaction_time < self.updated_at();
        if !quantity_may_differ && terms.quantity != spec.quantity {
            return Some(TermMismatch::Quantity {
                expected: spec.quantity,
                reported: terms.quantity,
            });
        }
        None
    }

    fn not_applicable_error(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::NotApplicable {
            client_id: self.client_id(),
            status: self.status(),
            execution: report.execution,
        }
    }

    fn not_applicable(self, report: &ExecutionReport) -> Step {
        let error = self.not_applicable_error(report);
        (self, Err(error))
    }

    fn missing_exchange_id(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::MissingExchangeId {
            client_id: self.client_id(),
            execution: report.execution,
        }
    }

    /// `NEW`: Placing → Active, or a Cancelling order learns its id (by value:
    /// `None`); anything else changes nothing.
    fn on_ack(&self, report: &ExecutionReport) -> Option<Result<Applied, ApplyError>> {
        let unacked = match self {
            Self::Placing(_) => true,
            Self::Cancelling(o) => o.exchange_id().is_none(),
            Self::Idle(_) => return Some(Err(self.not_applicable_error(report))),
            _ => false,
        };
        if !unacked {
            return Some(Ok(Applied::Stale));
        }
        match report.exchange_id {
            Some(_) => None,
            None => Some(Err(self.missing_exchange_id(report))),
        }
    }

    fn acknowledge_owned(self, report: &ExecutionReport, id: ExchangeOrderId, at: u64) -> Step {
        match self {
            Self::Placing(o) => (o.acknowledge(id, at).into(), Ok(Applied::Acknowledged)),
            Self::Cancelling(o) => (o.acknowledge(id, at).into(), Ok(Applied::Acknowledged)),
            // Not reached: only an unacknowledged Placing or Cancelling order gets here.
            order => order.not_applicable(report),
        }
    }

    /// `TRADE` / `CALCULATED`. In place unless the fill changes the state type
    /// (a fill of a Placing order, a fill that completes the order: `None`).
    fn on_fill(&mut self, report: &ExecutionReport) -> Option<Result<Applied, ApplyError>> {
        let Some(fill) = report.as_fill() else {
            return Some(Err(ApplyError::MissingFill {
                client_id: self.client_id(),
                execution: report.execution,
            }));
        };
        let cumulative = report.cumulative_qty;
        let result = match self {
            Self::Placing(_) => return None,
            Self::Active(o) => return fill_in_place(o, fill, cumulative),
            Self::Cancelling(o) => return fill_in_place(o, fill, cumulative),
            Self::Cancelled(o) => fill_late(o, fill, cumulative),
            Self::Expired(o) => fill_late(o, fill, cumulative),
            Self::Failed(o) => fill_late(o, fill, cumulative),
            Self::Filled(o) => {
                let result = match o.fills().check(&fill, o.quantity()) {
                    Ok(FillCheck::Duplicate) => Ok(Applied::Duplicate),
                    Ok(FillCheck::New { .. }) | Err(FillError::Overfill { .. }) => {
                        Err(FillError::Overfill {
                            trade_id: fill.trade_id,
                            fill_qty: fill.qty,
                            filled: o.filled_qty(),
                            quantity: o.quantity(),
                        })
                    }
                    Err(other) => Err(other),
                };
                let client_id = o.client_id();
                result.map_err(|source| ApplyError::Fill { client_id, source })
            }
            Self::Idle(_) => Err(self.not_applicable_error(report)),
        };
        Some(result)
    }

    fn fill_owned(self, report: &ExecutionReport, fill: Fill) -> Step {
        let cumulative = report.cumulative_qty;
        match self {
            Self::Placing(o) => fill_live(o, fill, cumulative),
            Self::Active(o) => fill_live(o, fill, cumulative),
            Self::Cancelling(o) => fill_live(o, fill, cumulative),
            // Not reached: the other states are handled in place.
            order => order.not_applicable(report),
        }
    }

    /// `CANCELED` / `EXPIRED`: a live order closes (by value: `None`); a
    /// terminal one ignores it.
    fn on_close(&self, report: &ExecutionReport) -> Option<Result<Applied, ApplyError>> {
        match self {
            Self::Placing(_) | Self::Active(_) | Self::Cancelling(_) => None,
            Self::Idle(_) => Some(Err(self.not_applicable_error(report))),
            _ => Some(Ok(Applied::Stale)),
        }
    }

    fn close_owned(self, report: &ExecutionReport, closed: Closed) -> Step {
        match self {
            Self::Placing(o) => close(o, report, closed),
            Self::Active(o) => close(o, report, closed),
            Self::Cancelling(o) => close(o, report, closed),
            // Not reached: only a live order gets here.
            order => order.not_applicable(report),
        }
    }

    /// `AMENDMENT`: always in place.
    fn on_amend(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        let Some(amendment) = report.amendment else {
            return Err(ApplyError::MissingAmendment {
                client_id: self.client_id(),
            });
        };
        let at = report.transaction_time;
        let client_id = self.client_id();
        let wrap = |source| ApplyError::Amend { client_id, source };
        match self {
            Self::Active(o) => o.amend_in_place(amendment, at).map_err(wrap)?,
            Self::Cancelling(o) if o.exchange_id().is_some() => {
                o.amend_in_place(amendment, at).map_err(wrap)?;
            }
            // Only an acknowledged order can have been amended on the exchange.
            Self::Idle(_) | Self::Placing(_) | Self::Cancelling(_) => {
                return Err(self.not_applicable_error(report));
            }
            _ => return Ok(Applied::Stale),
        }
        Ok(Applied::Amended)
    }

    /// `REJECTED`: an unacknowledged order fails (by value: `None`); a terminal
    /// one ignores it.
    fn on_reject(&self, report: &ExecutionReport) -> Option<Result<Applied, ApplyError>> {
        match self {
            Self::Placing(_) => None,
            Self::Cancelling(o) if o.exchange_id().is_none() => None,
            order if order.status().is_terminal() => Some(Ok(Applied::Stale)),
            order => Some(Err(order.not_applicable_error(report))),
        }
    }

    /// Placing → Failed; a Cancelling order never acknowledged first takes
    /// `cancel_rejected` back to Placing (the cancel had nothing to cancel).
    /// Hands the order back unchanged when neither applies.
    fn reject(self, reason: FailReason, at: u64) -> Result<AnyOrder, AnyOrder> {
        match self {
            Self::Placing(o) => Ok(o.reject(reason, at).into()),
            Self::Cancelling(o) if o.exchange_id().is_none() => match o.cancel_rejected(at) {
                CancelRejected::Placing(o) => Ok(o.reject(reason, at).into()),
                CancelRejected::Active(o) => Err(o.into()),
            },
            other => Err(other),
        }
    }

    fn request(
        &mut self,
        request: Request,
        transition: impl FnOnce(AnyOrder) -> Result<AnyOrder, AnyOrder>,
    ) -> Result<(), RequestError> {
        self.step(|order| match transition(order) {
            Ok(next) => (next, Ok(())),
            Err(order) => {
                let error = RequestError {
                    client_id: order.client_id(),
                    status: order.status(),
                    request,
                };
                (order, Err(error))
            }
        })
    }

    /// The engine sent the order: Idle → Placing.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Idle`; the order is unchanged.
    pub fn place(&mut self, now: u64) -> Result<(), RequestError> {
        self.request(Request::Place, |order| match order {
            Self::Idle(o) => Ok(o.place(now).into()),
            other => Err(other),
        })
    }

    /// The engine sent a cancel: Placing/Active → Cancelling.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Placing` or `Active`.
    pub fn request_cancel(&mut self, now: u64) -> Result<(), RequestError> {
        self.request(Request::Cancel, |order| match order {
            Self::Placing(o) => Ok(o.request_cancel(now).into()),
            Self::Active(o) => Ok(o.request_cancel(now).into()),
            other => Err(other),
        })
    }

    /// The placement failed definitively: Placing → Failed (also a Cancelling
    /// order that was never acknowledged).
    ///
    /// # Errors
    /// [`RequestError`] in any other state.
    pub fn place_failed(&mut self, reason: FailReason, now: u64) -> Result<(), RequestError> {
        self.request(Request::PlaceFailed, |order| order.reject(reason, now))
    }

    /// The placement's outcome is unknown (timeout, network error): the order
    /// stays Placing, marked in doubt. Not a rejection.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Placing`.
    pub fn place_in_doubt(&mut self, now: u64) -> Result<(), RequestError> {
        self.request(Request::PlaceInDoubt, |order| match order {
            Self::Placing(o) => Ok(o.mark_in_doubt(now).into()),
            other => Err(other),
        })
    }

    /// The exchange refused the cancel: Cancelling → Active, or → Placing when
    /// the cancel was sent before any ack.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Cancelling`.
    pub fn cancel_rejected(&mut self, now: u64) -> Result<(), RequestError> {
        self.request(Request::CancelRejected, |order| match order {
            Self::Cancelling(o) => Ok(match o.cancel_rejected(now) {
                CancelRejected::Active(o) => o.into(),
                CancelRejected::Placing(o) => o.into(),
            }),
            other => Err(other),
        })
    }
}

fn fill_applied(fill: &Fill, filled_qty: Qty, cumulative: Option<Qty>) -> FillApplied {
    let (unseen_qty, excess_qty) = gap(filled_qty, cumulative);
    FillApplied {
        trade_id: fill.trade_id,
        qty: fill.qty,
        price: fill.price,
        filled_qty,
        unseen_qty,
        excess_qty,
    }
}

fn fill_live<S>(order: Order<S>, fill: Fill, cumulative: Option<Qty>) -> Step
where
    S: CanFill,
    AnyOrder: From<Order<S>> + From<Order<S::AfterPartial>>,
{
    let client_id = order.client_id();
    match order.fill(fill) {
        Ok(FillOutcome::Partial(o)) => {
            let applied = fill_applied(&fill, o.filled_qty(), cumulative);
            (o.into(), Ok(Applied::PartiallyFilled(applied)))
        }
        Ok(FillOutcome::Complete(o)) => {
            let applied = fill_applied(&fill, o.filled_qty(), cumulative);
            (o.into(), Ok(Applied::Filled(applied)))
        }
        Ok(FillOutcome::Duplicate(o)) => (o.into(), Ok(Applied::Duplicate)),
        Err(Refused { order, error }) => (
            order.into(),
            Err(ApplyError::Fill {
                client_id,
                source: error,
            }),
        ),
    }
}

/// A fill of an order whose partial fill keeps its state type: a partial fill
/// (or a duplicate, or a refusal) in place; `None`, nothing changed, when the
/// fill completes the order (a change of state type).
fn fill_in_place<S>(
    order: &mut Order<S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Option<Result<Applied, ApplyError>>
where
    S: CanFill<AfterPartial = S>,
{
    Some(match order.fill_in_place(fill) {
        Ok(InPlaceFill::Partial) => Ok(Applied::PartiallyFilled(fill_applied(
            &fill,
            order.filled_qty(),
            cumulative,
        ))),
        Ok(InPlaceFill::Duplicate) => Ok(Applied::Duplicate),
        Ok(InPlaceFill::Completes) => return None,
        Err(source) => Err(ApplyError::Fill {
            client_id: order.client_id(),
            source,
        }),
    })
}

fn fill_late<S>(
    order: &mut Order<S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Result<Applied, ApplyError>
where
    S: CanLateFill,
{
    match order.late_fill_in_place(fill) {
        Ok(InPlaceLateFill::Accounted) => Ok(Applied::LateFill(fill_applied(
            &fill,
            order.filled_qty(),
            cumulative,
        ))),
        Ok(InPlaceLateFill::Duplicate) => Ok(Applied::Duplicate),
        Err(source) => Err(ApplyError::Fill {
            client_id: order.client_id(),
            source,
        }),
    }
}

fn close<S>(order: Order<S>, report: &ExecutionReport, closed: Closed) -> Step
where
    S: CanClose,
{
    let at = report.transaction_time;
    if report.execution == ExecutionType::Expired {
        let o = order.expired(report.exchange_id, report.expiry_reason, at);
        (o.into(), Ok(Applied::Expired(closed)))
    } else {
        let o = order.cancelled(report.exchange_id, at);
        (o.into(), Ok(Applied::Cancelled(closed)))
    }
}

impl<S: State> Order<S> {
    /// Erases the state: the same order as an [`AnyOrder`].
    #[must_use]
    pub fn into_any(self) -> AnyOrder
    where
        AnyOrder: From<Self>,
    {
        self.into()
    }
}
