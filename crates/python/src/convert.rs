//! Python values to the model's and back: decimals as `decimal.Decimal` (or
//! their exact string), times as float seconds, vocabularies by name.

use ordertrack::{OrderType, Origin, Price, Qty, Side, Symbol, WorkingType};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::errors::ToPyErr;

/// `decimal.Decimal`, imported once.
fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// `value` (a `Decimal`, `str` or `int`; never a `float`) as its exact text.
fn decimal_text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    if value.is_instance_of::<pyo3::types::PyFloat>() {
        return Err(PyValueError::new_err(format!(
            "{name}: a float is not exact; pass a decimal.Decimal or a str"
        )));
    }
    Ok(value.str()?.to_cow()?.into_owned())
}

/// A quantity from Python.
pub(crate) fn qty(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Qty> {
    Qty::parse(&decimal_text(value, name)?).map_err(|e| e.to_py())
}

/// A price from Python (`None` stays `None`).
pub(crate) fn price(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Price>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| Price::parse(&decimal_text(v, name)?).map_err(|e| e.to_py()))
        .transpose()
}

/// A `decimal.Decimal` of `text`.
pub(crate) fn decimal<'py>(py: Python<'py>, text: impl ToString) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((text.to_string(),))
}

/// Milliseconds from float seconds (rounded to the nearest millisecond).
pub(crate) fn millis(seconds: f64, name: &str) -> PyResult<u64> {
    let ms = (seconds * 1_000.0).round();
    if ms.is_finite() && (0.0..=9.0e15).contains(&ms) {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to be a whole non-negative number below 2^53"
        )]
        Ok(ms as u64)
    } else {
        Err(PyValueError::new_err(format!(
            "{name}: {seconds} is not a time in seconds since the epoch"
        )))
    }
}

/// Float seconds from milliseconds.
#[expect(
    clippy::cast_precision_loss,
    reason = "milliseconds since the epoch are below 2^53"
)]
pub(crate) fn seconds(ms: u64) -> f64 {
    ms as f64 / 1_000.0
}

/// Now, in milliseconds, unless the caller gave a time (`now` seconds).
pub(crate) fn now_or(now: Option<f64>) -> PyResult<u64> {
    match now {
        Some(seconds) => millis(seconds, "now"),
        None => {
            let elapsed = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
        }
    }
}

/// A sub-account id.
pub(crate) fn sub_account(text: &str) -> PyResult<ordertrack::SubAccountId> {
    ordertrack::SubAccountId::new(text).map_err(|e| e.to_py())
}

/// A client order id.
pub(crate) fn client_id(text: &str) -> PyResult<ordertrack::ClientOrderId> {
    ordertrack::ClientOrderId::new(text).map_err(|e| e.to_py())
}

/// A symbol, Binance form.
pub(crate) fn symbol(text: &str) -> PyResult<Symbol> {
    Symbol::new(text).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// An origin by name (`MANUAL`, `CHASE`, …).
pub(crate) fn origin(name: &str) -> PyResult<Origin> {
    Origin::from_name(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "origin {name:?} is not one of MANUAL, CHASE, SCALPER, TWAP, TRAIL_STOP, SURF, BASKET"
        ))
    })
}

/// A side (`BUY`, `SELL`).
pub(crate) fn side(name: &str) -> PyResult<Side> {
    Side::from_binance(name)
        .ok_or_else(|| PyValueError::new_err(format!("side {name:?} is not BUY or SELL")))
}

/// An order type by Binance's name (`LIMIT`, `STOP_MARKET`, …).
pub(crate) fn order_type(name: &str) -> PyResult<OrderType> {
    OrderType::from_binance(name).ok_or_else(|| {
        PyValueError::new_err(format!("order type {name:?} is not a Binance order type"))
    })
}

/// A working type (`MARK_PRICE`, `CONTRACT_PRICE`).
pub(crate) fn working_type(name: &str) -> PyResult<WorkingType> {
    WorkingType::from_binance(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "working type {name:?} is not MARK_PRICE or CONTRACT_PRICE"
        ))
    })
}
