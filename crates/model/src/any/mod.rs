//! [`AnyOrder`]: one order record in any state, the value collections hold. It
//! applies feed reports and engine requests through one match on (state, event)
//! whose rows call the typed transitions of [`crate::transitions`] on a handle
//! over the record: the table exists once, here, and every rule once, there.

use crate::applied::{Applied, Closed, FillApplied};
use crate::decimal::Qty;
use crate::error::{ApplyError, FillError, OrderError};
use crate::fills::{Fill, FillCheck, Fills};
use crate::handle::{OrderMut, OrderRef};
use crate::ids::ExchangeOrderId;
use crate::new_order::NewOrder;
use crate::record::{OrderCore, OrderRecord, order_accessors};
use crate::report::{Amendment, ExecutionReport, ExecutionType};
use crate::state::{
    Active, Cancelled, Cancelling, CancellingData, Expired, FailReason, Failed, Idle, Placing,
    State, StateData,
};
use crate::transitions::{CanClose, CanFill, CanLateFill, FillOutcome, LateFillOutcome};

mod check;
mod requests;

/// An order in any of the eight states: the record, stored in place.
///
/// ```
/// use ordertrack_model::*;
/// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
/// let spec = NewOrder::limit(sub, Origin::Manual, Symbol::new("BTCUSDT")?, Side::Buy,
///     Qty::parse("0.010")?, Price::parse("97000.1")?, 1_000);
/// let mut order = AnyOrder::new(spec)?;
/// order.place(1_001)?;
/// assert_eq!(order.status(), OrderStatus::Placing);
/// assert!(order.request_cancel(1_002).is_ok());
/// assert!(order.place(1_003).is_err()); // sent once
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AnyOrder(OrderRecord);

/// A report reduced to what the table matches on.
#[derive(Clone, Copy)]
enum Event {
    /// `NEW`, with the exchange id when the report names one.
    Ack(Option<ExchangeOrderId>),
    /// `TRADE` / `CALCULATED`.
    Fill(Fill),
    /// `CANCELED`.
    Cancel,
    /// `EXPIRED`.
    Expire,
    /// `AMENDMENT`.
    Amend(Amendment),
    /// `REJECTED`.
    Reject,
}

impl AnyOrder {
    /// Builds an order that has not been sent (`Idle`).
    ///
    /// # Errors
    /// [`OrderError`] when the quantity is zero, a priced type has no price,
    /// leverage is outside 1..=125, or a `PMS` client id names another
    /// sub-account prefix or origin than the order's.
    pub fn new(spec: NewOrder) -> Result<Self, OrderError> {
        spec.validate()?;
        Ok(Self(OrderRecord {
            core: OrderCore {
                spec,
                fills: Fills::default(),
                updated_at: spec.created_at,
            },
            state: StateData::Idle,
        }))
    }

    /// Builds an order the engine has already sent at `sent_at` (`Placing`):
    /// [`AnyOrder::new`] then `place`, for an order registered after sending
    /// or rebuilt from the exchange's events.
    ///
    /// # Errors
    /// [`OrderError`] as [`AnyOrder::new`].
    pub fn sent(spec: NewOrder, sent_at: u64) -> Result<Self, OrderError> {
        let mut order = Self::new(spec)?;
        let _ = order.handle::<Idle>(()).place(sent_at);
        Ok(order)
    }

    fn record(&self) -> &OrderRecord {
        &self.0
    }

    order_accessors!();

    /// The exchange's order id, once known.
    #[must_use]
    pub fn exchange_id(&self) -> Option<ExchangeOrderId> {
        self.0.state.exchange_id()
    }

    /// When the order became terminal (ms); `None` while it is not.
    #[must_use]
    pub fn closed_at(&self) -> Option<u64> {
        self.0.state.closed_at()
    }

    /// When a placement's outcome became unknown; `None` unless `Placing` in doubt.
    #[must_use]
    pub fn in_doubt_since(&self) -> Option<u64> {
        match self.0.state {
            StateData::Placing(d) => d.in_doubt_since,
            _ => None,
        }
    }

    /// A read-only typed view, when the order is in state `S`.
    #[must_use]
    pub fn view<S: State>(&self) -> Option<OrderRef<'_, S>> {
        OrderRef::new(&self.0)
    }

    /// A typed handle for `S`'s transitions, when the order is in state `S`.
    #[must_use]
    pub fn view_mut<S: State>(&mut self) -> Option<OrderMut<'_, S>> {
        OrderMut::new(&mut self.0)
    }

    /// The handle of state `S`, whose data the caller has just matched.
    pub(super) fn handle<S: State>(&mut self, data: S::Data) -> OrderMut<'_, S> {
        OrderMut::with_data(&mut self.0, data)
    }

    /// Applies one exchange report: checks it against the order, then one
    /// match on (state, event), each row calling a typed transition in place.
    ///
    /// # Errors
    /// [`ApplyError`] when the report contradicts the order (symbol, client or
    /// exchange id, terms), is inconsistent in itself, lacks what its execution
    /// type needs, or is an event no transition of the order's state accepts.
    /// The order is then exactly as it was.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        self.check_report(report)?;
        let event = self.event(report)?;
        let at = report.transaction_time;
        let z = report.cumulative_qty;
        use Event as E;
        use StateData as S;
        match (&self.0.state, event) {
            // Never sent: no exchange event can be about it.
            (&S::Idle, _) => Err(self.not_applicable(report)),

            // NEW of a placement: Placing → Active.
            (&S::Placing(d), E::Ack(Some(id))) => {
                let _ = self.handle::<Placing>(d).acknowledge(id, at);
                Ok(Applied::Acknowledged)
            }
            // NEW after a cancel sent before the ack: the id is learnt, still Cancelling.
            (
                &S::Cancelling(
                    d @ CancellingData {
                        exchange_id: None, ..
                    },
                ),
                E::Ack(Some(id)),
            ) => {
                let _ = self.handle::<Cancelling>(d).acknowledge(id, at);
                Ok(Applied::Acknowledged)
            }
            // NEW naming no id, for an order that still needs one.
            (
                &S::Placing(_)
                | &S::Cancelling(CancellingData {
                    exchange_id: None, ..
                }),
                E::Ack(None),
            ) => Err(ApplyError::MissingExchangeId {
                client_id: self.client_id(),
                execution: report.execution,
            }),
            // NEW after the order moved on (acknowledged, filled or closed): stale.
            (
                &S::Active(_)
                | &S::Cancelling(_)
                | &S::Filled(_)
                | &S::Cancelled(_)
                | &S::Expired(_)
                | &S::Failed(_),
                E::Ack(_),
            ) => Ok(Applied::Stale),

            // TRADE of a live order: partial (Placing → Active, Active and
            // Cancelling stay) or complete (→ Filled); a seen trade id is a duplicate.
            (&S::Placing(d), E::Fill(f)) => live_fill(self.handle::<Placing>(d), f, z),
            (&S::Active(d), E::Fill(f)) => live_fill(self.handle::<Active>(d), f, z),
            (&S::Cancelling(d), E::Fill(f)) => live_fill(self.handle::<Cancelling>(d), f, z),
            // TRADE after the order closed without completing (a real race): accounted,
            // the order stays terminal.
            (&S::Cancelled(d), E::Fill(f)) => late_fill(self.handle::<Cancelled>(d), f, z),
            (&S::Expired(d), E::Fill(f)) => late_fill(self.handle::<Expired>(d), f, z),
            (&S::Failed(d), E::Fill(f)) => late_fill(self.handle::<Failed>(d), f, z),
            // TRADE of a filled order: a duplicate, or an overfill (nothing is open).
            (&S::Filled(_), E::Fill(f)) => self.fill_of_filled(&f),

            // CANCELED / EXPIRED of a live order: → Cancelled / Expired.
            (&S::Placing(d), E::Cancel | E::Expire) => {
                close(self.handle::<Placing>(d), report, event)
            }
            (&S::Active(d), E::Cancel | E::Expire) => {
                close(self.handle::<Active>(d), report, event)
            }
            (&S::Cancelling(d), E::Cancel | E::Expire) => {
                close(self.handle::<Cancelling>(d), report, event)
            }
            // CANCELED / EXPIRED of a terminal order: stale (absorbing states).
            (
                &S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_),
                E::Cancel | E::Expire,
            ) => Ok(Applied::Stale),

            // AMENDMENT of a live order; the transition refuses one never acknowledged.
            (&S::Active(d), E::Amend(a)) => {
                let client_id = self.client_id();
                match self.handle::<Active>(d).amend(a, at) {
                    Ok(_) => Ok(Applied::Amended),
                    Err(refused) => Err(ApplyError::Amend {
                        client_id,
                        source: refused.error,
                    }),
                }
            }
            (&S::Cancelling(d), E::Amend(a)) => {
                let client_id = self.client_id();
                match self.handle::<Cancelling>(d).amend(a, at) {
                    Ok(_) => Ok(Applied::Amended),
                    Err(refused) => Err(ApplyError::Amend {
                        client_id,
                        source: refused.error,
                    }),
                }
            }
            // AMENDMENT of an order the exchange never acknowledged.
            (&S::Placing(_), E::Amend(_)) => Err(self.not_applicable(report)),
            // AMENDMENT of a terminal order: stale.
            (&S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_), E::Amend(_)) => {
                Ok(Applied::Stale)
            }

            // REJECTED of a placement never acknowledged: → Failed.
            (&S::Placing(d), E::Reject) => {
                let filled = self.filled_qty();
                let _ = self.handle::<Placing>(d).reject(FailReason::Rejected, at);
                Ok(Applied::Failed(Closed::between(filled, z)))
            }
            // REJECTED of a cancel-before-ack order: → Failed; the transition
            // refuses it once the exchange has acknowledged the order.
            (&S::Cancelling(d), E::Reject) => {
                let (client_id, filled) = (self.client_id(), self.filled_qty());
                match self
                    .handle::<Cancelling>(d)
                    .reject(FailReason::Rejected, at)
                {
                    Ok(_) => Ok(Applied::Failed(Closed::between(filled, z))),
                    Err(refused) => Err(ApplyError::Reject {
                        client_id,
                        source: refused.error,
                    }),
                }
            }
            // REJECTED of an acknowledged order: the exchange accepted it.
            (&S::Active(_), E::Reject) => Err(self.not_applicable(report)),
            // REJECTED of a terminal order: stale.
            (&S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_), E::Reject) => {
                Ok(Applied::Stale)
            }
        }
    }

    /// The report as a table event, or what its execution type lacks.
    fn event(&self, report: &ExecutionReport) -> Result<Event, ApplyError> {
        let client_id = self.client_id();
        Ok(match report.execution {
            ExecutionType::New => Event::Ack(report.exchange_id),
            ExecutionType::Trade | ExecutionType::Calculated => {
                Event::Fill(report.as_fill().ok_or(ApplyError::MissingFill {
                    client_id,
                    execution: report.execution,
                })?)
            }
            ExecutionType::Canceled => Event::Cancel,
            ExecutionType::Expired => Event::Expire,
            ExecutionType::Amendment => Event::Amend(
                report
                    .amendment
                    .ok_or(ApplyError::MissingAmendment { client_id })?,
            ),
            ExecutionType::Rejected => Event::Reject,
        })
    }

    /// A fill of a `Filled` order: a duplicate if its trade id was counted,
    /// otherwise refused (an overfill: nothing is open).
    fn fill_of_filled(&self, fill: &Fill) -> Result<Applied, ApplyError> {
        let client_id = self.client_id();
        let fills = self.fills();
        let source = match fills.check(fill, self.quantity()) {
            Ok(FillCheck::Duplicate) => return Ok(Applied::Duplicate),
            Ok(FillCheck::New { .. }) | Err(FillError::Overfill { .. }) => FillError::Overfill {
                trade_id: fill.trade_id,
                fill_qty: fill.qty,
                filled: fills.filled(),
                quantity: self.quantity(),
            },
            Err(other) => other,
        };
        Err(ApplyError::Fill { client_id, source })
    }

    fn not_applicable(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::NotApplicable {
            client_id: self.client_id(),
            status: self.status(),
            execution: report.execution,
        }
    }
}

fn fill_applied(fill: &Fill, filled_qty: Qty, cumulative: Option<Qty>) -> FillApplied {
    let closed = Closed::between(filled_qty, cumulative);
    FillApplied {
        trade_id: fill.trade_id,
        qty: fill.qty,
        price: fill.price,
        filled_qty,
        unseen_qty: closed.unseen_qty,
        excess_qty: closed.excess_qty,
    }
}

/// A regular fill of a live order, through [`OrderMut::fill`].
fn live_fill<S: CanFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Result<Applied, ApplyError> {
    let client_id = order.client_id();
    match order.fill(fill) {
        Ok(FillOutcome::Partial(o)) => Ok(Applied::PartiallyFilled(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(FillOutcome::Complete(o)) => Ok(Applied::Filled(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(FillOutcome::Duplicate(_)) => Ok(Applied::Duplicate),
        Err(refused) => Err(ApplyError::Fill {
            client_id,
            source: refused.error,
        }),
    }
}

/// A fill of a closed order, through [`OrderMut::late_fill`].
fn late_fill<S: CanLateFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
    cumulative: Option<Qty>,
) -> Result<Applied, ApplyError> {
    let client_id = order.client_id();
    match order.late_fill(fill) {
        Ok(LateFillOutcome::Accounted(o)) => Ok(Applied::LateFill(fill_applied(
            &fill,
            o.filled_qty(),
            cumulative,
        ))),
        Ok(LateFillOutcome::Duplicate(_)) => Ok(Applied::Duplicate),
        Err(refused) => Err(ApplyError::Fill {
            client_id,
            source: refused.error,
        }),
    }
}

/// `CANCELED` / `EXPIRED` of a live order, through [`OrderMut::cancelled`] /
/// [`OrderMut::expired`].
fn close<S: CanClose>(
    order: OrderMut<'_, S>,
    report: &ExecutionReport,
    event: Event,
) -> Result<Applied, ApplyError> {
    let closed = Closed::between(order.filled_qty(), report.cumulative_qty);
    let at = report.transaction_time;
    if matches!(event, Event::Expire) {
        let _ = order.expired(report.exchange_id, report.expiry_reason, at);
        Ok(Applied::Expired(closed))
    } else {
        let _ = order.cancelled(report.exchange_id, at);
        Ok(Applied::Cancelled(closed))
    }
}
