//! Python callbacks per order: which one an event calls, and calling them
//! once the tracker is fully updated.

use std::collections::HashMap;

use ordertrack::{Applied, ClientOrderId, OrderKey};
use ordertrack_binance::FeedTracker;
use pyo3::prelude::*;

use crate::errors;
use crate::state::OrderState;

/// An order's callbacks.
#[derive(Default)]
pub(crate) struct OrderCallbacks {
    pub(crate) on_fill: Option<Py<PyAny>>,
    pub(crate) on_partial: Option<Py<PyAny>>,
    pub(crate) on_cancel: Option<Py<PyAny>>,
}

impl OrderCallbacks {
    /// Whether none is set.
    pub(crate) const fn is_empty(&self) -> bool {
        self.on_fill.is_none() && self.on_partial.is_none() && self.on_cancel.is_none()
    }

    /// The callback `applied` calls: `on_fill` for a fill that completes the
    /// order, `on_partial` for one that leaves quantity open, `on_cancel`
    /// when the exchange cancelled or expired it.
    fn for_event(&self, applied: &Applied) -> Option<&Py<PyAny>> {
        match applied {
            Applied::Filled(_) => self.on_fill.as_ref(),
            Applied::PartiallyFilled(_) => self.on_partial.as_ref(),
            Applied::Cancelled(_) | Applied::Expired(_) => self.on_cancel.as_ref(),
            _ => None,
        }
    }
}

/// The callbacks of the tracker's orders, by client id.
#[derive(Default)]
pub(crate) struct CallbackTable(HashMap<ClientOrderId, OrderCallbacks>);

/// A callback to call, with the order it is about.
pub(crate) struct Due {
    callback: Py<PyAny>,
    order: OrderState,
}

impl CallbackTable {
    /// Sets `client_id`'s callbacks (none: forgets them).
    pub(crate) fn set(&mut self, client_id: ClientOrderId, callbacks: OrderCallbacks) {
        if callbacks.is_empty() {
            self.0.remove(&client_id);
        } else {
            self.0.insert(client_id, callbacks);
        }
    }

    /// Forgets the callbacks of orders `feed` no longer tracks.
    pub(crate) fn retain_tracked(&mut self, feed: &FeedTracker) {
        self.0
            .retain(|client_id, _| feed.tracker().lookup_client(client_id).is_some());
    }

    /// The callbacks `events` call, with the orders as `feed` has them now.
    pub(crate) fn due(
        &self,
        py: Python<'_>,
        feed: &FeedTracker,
        events: &[(OrderKey, Applied)],
    ) -> Vec<Due> {
        events
            .iter()
            .filter_map(|(key, applied)| {
                let order = feed.tracker().get(*key)?;
                let callback = self.0.get(&order.client_id())?.for_event(applied)?;
                Some(Due {
                    callback: callback.clone_ref(py),
                    order: OrderState::of(order),
                })
            })
            .collect()
    }
}

/// Calls every due callback (the tracker is already updated and no longer
/// borrowed, so a callback may use it); when any raised, a `CallbackError`
/// holding what each raised.
pub(crate) fn call(py: Python<'_>, due: Vec<Due>) -> PyResult<()> {
    let mut raised = Vec::new();
    for Due { callback, order } in due {
        let order = Py::new(py, order)?;
        if let Err(error) = callback.call1(py, (order,)) {
            raised.push(error);
        }
    }
    if raised.is_empty() {
        Ok(())
    } else {
        Err(errors::callbacks_failed(raised))
    }
}
