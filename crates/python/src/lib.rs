//! # ordertrack (Python)
//!
//! The Python face of [ordertrack](../ordertrack/index.html): the design
//! document's `OrderState` and `OrderTracker`, backed by the Rust core — one
//! source of truth, a thin layer. Built by maturin into the Python package
//! `ordertrack` (stable ABI, CPython ≥ 3.10):
//!
//! ```python
//! from decimal import Decimal
//! from ordertrack import OrderState, OrderTracker, generate_client_order_id
//!
//! tracker = OrderTracker()
//! order = OrderState(
//!     generate_client_order_id("3f2a9c1e-7b4d", "CHASE"),
//!     sub_account_id="3f2a9c1e-7b4d", symbol="BTCUSDT", side="BUY",
//!     quantity=Decimal("0.010"), price=Decimal("97000.1"),
//! )
//! tracker.register(order, on_fill=lambda o: print("filled", o.filled_qty))
//! tracker.place(order.client_order_id)
//! tracker.apply_binance('{"e":"ORDER_TRADE_UPDATE", …}')  # what happened, as an object
//! ```
//!
//! Quantities and prices are `decimal.Decimal` both ways, never floats; times
//! are seconds (floats, as the design document's `time.time()`), stored as
//! whole milliseconds. Every Rust error is a Python exception of the same kind
//! and message (`ordertrack.OrderTrackError` and its subclasses, each with a
//! `kind` attribute). The Rust test harness cannot link an extension module:
//! this crate's tests are the pytest suite in `tests/`, run on the built wheel.
#![forbid(unsafe_code)]

mod callbacks;
mod convert;
mod errors;
mod fed;
mod state;
mod tracker;

use pyo3::prelude::*;

/// A client order id in the engine's form,
/// `PMS{first 8 chars of the sub-account}_{ORIGIN}_{12 hex}`.
///
/// Raises `IdError` for a sub-account id Binance would not take, and
/// `ValueError` for an origin that is not one of `MANUAL`, `CHASE`,
/// `SCALPER`, `TWAP`, `TRAIL_STOP`, `SURF`, `BASKET`.
#[pyfunction]
fn generate_client_order_id(sub_account_id: &str, origin: &str) -> PyResult<String> {
    let sub_account = convert::sub_account(sub_account_id)?;
    let origin = convert::origin(origin)?;
    Ok(ordertrack::ClientOrderId::generate(&sub_account, origin).to_string())
}

/// The extension module `ordertrack._ordertrack`, re-exported by the
/// `ordertrack` package.
#[pymodule]
fn _ordertrack(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<state::OrderState>()?;
    m.add_class::<tracker::OrderTracker>()?;
    m.add_class::<fed::FeedResult>()?;
    m.add_function(wrap_pyfunction!(generate_client_order_id, m)?)?;
    errors::register(m)?;
    Ok(())
}
