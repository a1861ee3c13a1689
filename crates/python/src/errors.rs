//! The Python exception classes: one per kind of Rust error, each carrying the
//! Rust error's `kind` and message.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    ordertrack,
    OrderTrackError,
    PyException,
    "Base of every ordertrack error; `kind` names the rule broken."
);
create_exception!(
    ordertrack,
    IdError,
    OrderTrackError,
    "An id Binance would not take."
);
create_exception!(
    ordertrack,
    DecimalError,
    OrderTrackError,
    "A price or quantity that is not an exact decimal of at most eight places."
);
create_exception!(
    ordertrack,
    OrderError,
    OrderTrackError,
    "An order that breaks a rule of a new order."
);
create_exception!(
    ordertrack,
    TrackError,
    OrderTrackError,
    "A request or report the tracker refused; nothing changed."
);
create_exception!(
    ordertrack,
    FeedError,
    OrderTrackError,
    "A stream line that could not be used; nothing changed."
);
create_exception!(
    ordertrack,
    RestError,
    OrderTrackError,
    "A REST answer that could not be applied; nothing changed."
);
create_exception!(
    ordertrack,
    CallbackError,
    OrderTrackError,
    "Callbacks raised; the event was applied first. `errors` holds what each raised."
);

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("OrderTrackError", py.get_type::<OrderTrackError>())?;
    m.add("IdError", py.get_type::<IdError>())?;
    m.add("DecimalError", py.get_type::<DecimalError>())?;
    m.add("OrderError", py.get_type::<OrderError>())?;
    m.add("TrackError", py.get_type::<TrackError>())?;
    m.add("FeedError", py.get_type::<FeedError>())?;
    m.add("RestError", py.get_type::<RestError>())?;
    m.add("CallbackError", py.get_type::<CallbackError>())?;
    Ok(())
}

/// An exception of class `E` with the error's message and `kind`.
fn raise<E: pyo3::PyTypeInfo>(kind: &str, message: String) -> PyErr {
    Python::attach(|py| {
        let error = PyErr::new::<E, _>(message);
        // Setting an attribute on a fresh exception instance cannot fail.
        let _ = error.value(py).setattr("kind", kind);
        error
    })
}

/// The Rust errors a Python call can meet, as Python exceptions.
pub(crate) trait ToPyErr {
    /// The exception.
    fn to_py(&self) -> PyErr;
}

impl ToPyErr for ordertrack::IdError {
    fn to_py(&self) -> PyErr {
        raise::<IdError>(self.kind(), self.to_string())
    }
}

impl ToPyErr for ordertrack::DecimalError {
    fn to_py(&self) -> PyErr {
        raise::<DecimalError>(self.kind(), self.to_string())
    }
}

impl ToPyErr for ordertrack::OrderError {
    fn to_py(&self) -> PyErr {
        raise::<OrderError>(self.kind(), self.to_string())
    }
}

impl ToPyErr for ordertrack::TrackError {
    fn to_py(&self) -> PyErr {
        raise::<TrackError>(self.kind(), self.to_string())
    }
}

impl ToPyErr for ordertrack_binance::FeedError {
    fn to_py(&self) -> PyErr {
        raise::<FeedError>(self.kind(), self.to_string())
    }
}

impl ToPyErr for ordertrack_binance::RestError {
    fn to_py(&self) -> PyErr {
        let kind = match self {
            ordertrack_binance::RestError::WrongOrder { .. } => "wrong_order",
            ordertrack_binance::RestError::Track(error) => error.kind(),
        };
        raise::<RestError>(kind, self.to_string())
    }
}

/// A `TrackError` raised for a client id the tracker does not track.
pub(crate) fn unknown_client_id(client_id: &str) -> PyErr {
    raise::<TrackError>(
        "unknown_client_id",
        format!("no tracked order has client order id {client_id}"),
    )
}

/// The `CallbackError` for the exceptions callbacks raised.
pub(crate) fn callbacks_failed(errors: Vec<PyErr>) -> PyErr {
    Python::attach(|py| {
        let count = errors.len();
        let first = errors.first().map(|e| e.clone_ref(py));
        let error = raise::<CallbackError>(
            "callback_failed",
            format!("{count} callback(s) raised; the event was applied"),
        );
        let values: Vec<Py<PyAny>> = errors
            .into_iter()
            .map(|e| e.into_value(py).into_any())
            .collect();
        let _ = error.value(py).setattr("errors", values);
        error.set_cause(py, first);
        error
    })
}
