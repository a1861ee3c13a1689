//! [`AnyOrder`]: one order record in any state, the value collections hold. It
//! applies feed reports and engine requests through one match on (state, event)
//! (`table.rs`) whose rows call the typed transitions of [`crate::transitions`]
//! on a handle over the record: the table exists once, there, and every rule
//! once, in the transitions.

use crate::applied::Applied;
use crate::error::{ApplyError, OrderError};
use crate::fills::Fills;
use crate::handle::{OrderMut, OrderRef};
use crate::ids::ExchangeOrderId;
use crate::new_order::NewOrder;
use crate::record::{OrderCore, OrderRecord, order_accessors};
use crate::report::ExecutionReport;
use crate::state::{Idle, State, StateData};

mod check;
mod event;
mod quantity;
mod requests;
mod rows;
mod table;

/// An order in any of the nine states: the record, stored in place.
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
                algo_id: None,
                triggered_at: None,
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

    /// The order of a record that `AnyOrder::from_parts` checked.
    pub(crate) const fn from_record(record: OrderRecord) -> Self {
        Self(record)
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
    /// match on (state, event) (`table.rs`), each row calling a typed
    /// transition in place. A close-position order first learns its quantity
    /// from a matching-engine report that states it (`quantity.rs`).
    ///
    /// # Errors
    /// [`ApplyError`] when the report contradicts the order (symbol, client,
    /// exchange or algo id, terms), is inconsistent in itself, lacks what its
    /// execution type needs, or is an event no transition of the order's state
    /// accepts. The order is then exactly as it was.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        self.check_report(report)?;
        let event = self.event(report)?;
        match self.stated_quantity(report) {
            Some(quantity) => self.apply_stating(report, event, quantity),
            None => self.table(report, event),
        }
    }
}
