//! `OrderState`: the design document's order, with its field names, read
//! from (or, before registration, building) a Rust [`AnyOrder`].

use ordertrack::{AnyOrder, NewOrder, Trigger};
use pyo3::prelude::*;

use crate::convert;
use crate::errors::ToPyErr;

/// One order, as the design document's `OrderState` names its fields.
///
/// Built by the engine (`OrderState(client_order_id, sub_account_id=…, …)`,
/// then `OrderTracker.register`), or returned by the tracker: a snapshot of
/// the order at that moment (the tracker's own order changes; the snapshot
/// does not). Quantities and prices are `decimal.Decimal`; times are float
/// seconds. The callbacks `on_fill`, `on_partial` and `on_cancel` may be set
/// until the order is registered, which takes them.
#[pyclass(module = "ordertrack")]
pub(crate) struct OrderState {
    pub(crate) order: AnyOrder,
    /// Called with the order after a fill that completes it.
    #[pyo3(get, set)]
    pub(crate) on_fill: Option<Py<PyAny>>,
    /// Called with the order after a fill that leaves quantity open.
    #[pyo3(get, set)]
    pub(crate) on_partial: Option<Py<PyAny>>,
    /// Called with the order after the exchange cancelled or expired it.
    #[pyo3(get, set)]
    pub(crate) on_cancel: Option<Py<PyAny>>,
}

impl OrderState {
    /// A snapshot of `order`, without callbacks.
    pub(crate) fn of(order: &AnyOrder) -> Self {
        Self {
            order: order.clone(),
            on_fill: None,
            on_partial: None,
            on_cancel: None,
        }
    }
}

#[pymethods]
impl OrderState {
    /// A new order (state `"idle"`). `origin` defaults to the one the client
    /// id names (`PMS…_CHASE_…`), else `"MANUAL"`; `trigger_price`,
    /// `working_type` and `close_position` describe a conditional order
    /// (`STOP_MARKET`, `TAKE_PROFIT_MARKET`, …; a close-position order has no
    /// quantity). Raises `OrderError`, `IdError`, `DecimalError` or
    /// `ValueError` naming the field and the rule broken.
    #[new]
    #[pyo3(signature = (
        client_order_id, sub_account_id, symbol, side, quantity, order_type = "LIMIT",
        price = None, reduce_only = false, origin = None, parent_id = None, leverage = 1,
        created_at = 0.0, trigger_price = None, working_type = "CONTRACT_PRICE",
        close_position = false, on_fill = None, on_partial = None, on_cancel = None,
    ))]
    #[expect(
        clippy::too_many_arguments,
        reason = "the design document's fields, by keyword"
    )]
    fn new(
        client_order_id: &str,
        sub_account_id: &str,
        symbol: &str,
        side: &str,
        quantity: &Bound<'_, PyAny>,
        order_type: &str,
        price: Option<&Bound<'_, PyAny>>,
        reduce_only: bool,
        origin: Option<&str>,
        parent_id: Option<&str>,
        leverage: u16,
        created_at: f64,
        trigger_price: Option<&Bound<'_, PyAny>>,
        working_type: &str,
        close_position: bool,
        on_fill: Option<Py<PyAny>>,
        on_partial: Option<Py<PyAny>>,
        on_cancel: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let client_id = convert::client_id(client_order_id)?;
        let origin = match origin {
            Some(name) => Some(convert::origin(name)?),
            None => client_id
                .parse_pms()
                .map_or(Some(ordertrack::Origin::Manual), |parts| parts.origin),
        };
        let order_type = convert::order_type(order_type)?;
        let trigger = order_type
            .is_conditional()
            .then(|| -> PyResult<Trigger> {
                Ok(Trigger {
                    price: convert::price(trigger_price, "trigger_price")?,
                    working_type: convert::working_type(working_type)?,
                    close_position,
                })
            })
            .transpose()?;
        let spec = NewOrder {
            client_id,
            sub_account: convert::sub_account(sub_account_id)?,
            symbol: convert::symbol(symbol)?,
            side: convert::side(side)?,
            order_type,
            quantity: convert::qty(quantity, "quantity")?,
            price: convert::price(price, "price")?,
            reduce_only,
            trigger,
            origin,
            parent: parent_id
                .map(ordertrack::ParentId::new)
                .transpose()
                .map_err(|e| e.to_py())?,
            leverage,
            created_at: convert::millis(created_at, "created_at")?,
        };
        Ok(Self {
            order: AnyOrder::new(spec).map_err(|e| e.to_py())?,
            on_fill,
            on_partial,
            on_cancel,
        })
    }

    /// The client order id.
    #[getter]
    fn client_order_id(&self) -> String {
        self.order.client_id().to_string()
    }

    /// The owning sub-account.
    #[getter]
    fn sub_account_id(&self) -> String {
        self.order.sub_account().to_string()
    }

    /// The exchange's order id (a string, as the design document has it), once known.
    #[getter]
    fn exchange_order_id(&self) -> Option<String> {
        self.order.exchange_id().map(|id| id.to_string())
    }

    /// The instrument, Binance form (`BTCUSDT`).
    #[getter]
    fn symbol(&self) -> String {
        self.order.symbol().to_string()
    }

    /// `BUY` or `SELL`.
    #[getter]
    fn side(&self) -> &'static str {
        self.order.side().as_str()
    }

    /// The order type, Binance's name (`LIMIT`, `STOP_MARKET`, …).
    #[getter]
    fn order_type(&self) -> &'static str {
        self.order.order_type().as_str()
    }

    /// The quantity (as amended; `0` for a close-position order until its
    /// triggered order states it).
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::decimal(py, self.order.quantity())
    }

    /// The limit price, if any.
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.order
            .price()
            .map(|p| convert::decimal(py, p))
            .transpose()
    }

    /// Whether the order may only reduce a position.
    #[getter]
    fn reduce_only(&self) -> bool {
        self.order.reduce_only()
    }

    /// The state, lowercase: `idle`, `placing`, `armed`, `active`,
    /// `cancelling`, `filled`, `cancelled`, `expired`, `failed`.
    #[getter]
    fn state(&self) -> String {
        self.order.status().as_str().to_lowercase()
    }

    /// Quantity filled, exactly.
    #[getter]
    fn filled_qty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::decimal(py, self.order.filled_qty())
    }

    /// The average fill price (exact Σ price × qty over the filled quantity,
    /// rounded half-up to 10⁻⁸); `None` before any fill.
    #[getter]
    fn avg_fill_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.order
            .average_fill_price()
            .map(|p| convert::decimal(py, p))
            .transpose()
    }

    /// The last fill's price; `None` before any fill.
    #[getter]
    fn last_fill_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.order
            .fills()
            .last()
            .map(|f| convert::decimal(py, f.price))
            .transpose()
    }

    /// The last fill's quantity; `None` before any fill.
    #[getter]
    fn last_fill_qty<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.order
            .fills()
            .last()
            .map(|f| convert::decimal(py, f.qty))
            .transpose()
    }

    /// Distinct trades applied.
    #[getter]
    fn fill_count(&self) -> u32 {
        self.order.fills().count()
    }

    /// The engine component that made it, by name; `None` for an origin
    /// word this library does not know.
    #[getter]
    fn origin(&self) -> Option<&'static str> {
        self.order.origin().map(ordertrack::Origin::name)
    }

    /// The parent algo's id, if any.
    #[getter]
    fn parent_id(&self) -> Option<String> {
        self.order.parent().map(|p| p.to_string())
    }

    /// Leverage.
    #[getter]
    fn leverage(&self) -> u16 {
        self.order.leverage()
    }

    /// Creation time (seconds).
    #[getter]
    fn created_at(&self) -> f64 {
        convert::seconds(self.order.created_at())
    }

    /// Time of the latest change (seconds).
    #[getter]
    fn updated_at(&self) -> f64 {
        convert::seconds(self.order.updated_at())
    }

    /// When the order became terminal (seconds); `None` while it is not.
    #[getter]
    fn closed_at(&self) -> Option<f64> {
        self.order.closed_at().map(convert::seconds)
    }

    /// A conditional order's trigger price, if it has one.
    #[getter]
    fn trigger_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.order
            .trigger()
            .and_then(|t| t.price)
            .map(|p| convert::decimal(py, p))
            .transpose()
    }

    /// The price a conditional order's trigger watches (`MARK_PRICE`,
    /// `CONTRACT_PRICE`); `None` for any other order.
    #[getter]
    fn working_type(&self) -> Option<&'static str> {
        self.order.trigger().map(|t| t.working_type.as_str())
    }

    /// Whether the order closes the position at its trigger.
    #[getter]
    fn close_position(&self) -> bool {
        self.order.is_close_position()
    }

    /// The algo service's id of a conditional order, once it accepted it.
    #[getter]
    fn algo_id(&self) -> Option<u64> {
        self.order.algo_id().map(ordertrack::AlgoId::get)
    }

    /// Whether a conditional order has triggered.
    #[getter]
    fn triggered(&self) -> bool {
        self.order.triggered()
    }

    /// Whether no state can follow this one.
    #[getter]
    fn is_terminal(&self) -> bool {
        self.order.status().is_terminal()
    }

    fn __repr__(&self) -> String {
        format!(
            "OrderState(client_order_id={:?}, symbol={:?}, side={:?}, order_type={:?}, \
             quantity={}, state={:?}, filled_qty={})",
            self.order.client_id().to_string(),
            self.order.symbol().to_string(),
            self.order.side().as_str(),
            self.order.order_type().as_str(),
            self.order.quantity(),
            self.order.status().as_str().to_lowercase(),
            self.order.filled_qty(),
        )
    }
}
