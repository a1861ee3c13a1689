//! `OrderTracker`: the design document's index, and the engine's side (its
//! requests, Binance's stream lines and REST answers), over the Rust
//! [`FeedTracker`].

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use ordertrack::{ExchangeOrderId, FailReason, OrderKey, TrackError};
use ordertrack_binance::{FeedConfig, FeedTracker, RestApplied, RestEffect, RestError};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::callbacks::{self, CallbackTable, OrderCallbacks};
use crate::convert;
use crate::errors::{self, ToPyErr};
use crate::fed::FeedResult;
use crate::state::OrderState;

/// One of the adapter's `apply_*_result` functions: what a REST answer does.
type ApplyAnswer =
    fn(&mut ordertrack::OrderTracker, OrderKey, u16, &str, u64) -> Result<RestApplied, RestError>;

/// A REST answer: its HTTP status, its body, and when it arrived (ms).
struct Answer<'a> {
    http_status: u16,
    body: &'a str,
    now: u64,
}

/// Every order of the engine, indexed for O(1) lookups, moved only by the
/// exchange's events (`apply_binance`, the `apply_*_result` REST answers) and
/// the engine's requests (`place`, `cancel`, …).
///
/// Orders are named by client order id. Lookups return `OrderState`
/// snapshots. Times are float seconds; `now=None` reads the clock.
#[pyclass(module = "ordertrack")]
pub(crate) struct OrderTracker {
    /// Locked by each call, released before any callback runs (a callback may
    /// use the tracker).
    inner: Mutex<Inner>,
}

/// What the tracker holds.
struct Inner {
    feed: FeedTracker,
    callbacks: CallbackTable,
}

impl OrderTracker {
    /// The tracker's state, for one call.
    fn lock(&self) -> PyResult<MutexGuard<'_, Inner>> {
        self.inner.lock().map_err(|_| {
            PyRuntimeError::new_err("the tracker is unusable: a call panicked while holding it")
        })
    }
}

impl Inner {
    /// The key of the tracked order `client_order_id`.
    fn key(&self, client_order_id: &str) -> PyResult<OrderKey> {
        let client_id = convert::client_id(client_order_id)?;
        self.feed
            .tracker()
            .lookup_client(&client_id)
            .map(|(key, _)| key)
            .ok_or_else(|| errors::unknown_client_id(client_order_id))
    }

    /// A request on the order `client_order_id`.
    fn request(
        &mut self,
        client_order_id: &str,
        call: impl FnOnce(&mut ordertrack::OrderTracker, OrderKey) -> Result<(), TrackError>,
    ) -> PyResult<()> {
        let key = self.key(client_order_id)?;
        call(self.feed.tracker_mut(), key).map_err(|e| e.to_py())
    }

    /// The snapshots of `orders`.
    fn states<'a>(
        orders: impl Iterator<Item = (OrderKey, &'a ordertrack::AnyOrder)>,
    ) -> Vec<OrderState> {
        orders.map(|(_, order)| OrderState::of(order)).collect()
    }
}

impl OrderTracker {
    /// A REST answer's effect as a result, and its callbacks, dispatched.
    fn rest(
        &self,
        py: Python<'_>,
        client_order_id: &str,
        answer: Answer<'_>,
        apply: ApplyAnswer,
    ) -> PyResult<FeedResult> {
        let (result, due) = {
            let mut this = self.lock()?;
            let key = this.key(client_order_id)?;
            let tracker = this.feed.tracker_mut();
            let applied = apply(tracker, key, answer.http_status, answer.body, answer.now)
                .map_err(|e| e.to_py())?;
            let (kind, event) = match applied.effect {
                RestEffect::Applied(ordertrack::Outcome::Applied { applied, .. }) => {
                    ("applied", Some(applied))
                }
                RestEffect::Applied(ordertrack::Outcome::Unknown(_)) => ("unchanged", None),
                RestEffect::PlaceFailed(_) => ("place_failed", None),
                RestEffect::PlaceInDoubt => ("place_in_doubt", None),
                RestEffect::CancelRejected => ("cancel_rejected", None),
                RestEffect::Unchanged => ("unchanged", None),
            };
            let result = FeedResult::for_order(py, &this.feed, kind, key, event.as_ref())?;
            let events: Vec<_> = event.map(|applied| (key, applied)).into_iter().collect();
            (result, this.callbacks.due(py, &this.feed, &events))
        };
        callbacks::call(py, due)?;
        Ok(result)
    }
}

#[pymethods]
impl OrderTracker {
    /// An empty tracker. With `adopt` (the default), an event for an order of
    /// ours (`PMS…` client id) the tracker does not know rebuilds and tracks
    /// it; `max_orders` bounds how many orders it tracks.
    #[new]
    #[pyo3(signature = (adopt = true, max_orders = 1_000_000))]
    fn new(adopt: bool, max_orders: usize) -> Self {
        let config = FeedConfig {
            adopt,
            max_orders,
            ..FeedConfig::default()
        };
        Self {
            inner: Mutex::new(Inner {
                feed: FeedTracker::new(config),
                callbacks: CallbackTable::default(),
            }),
        }
    }

    /// Starts tracking `order` (usually new: state `"idle"`). Its callbacks
    /// are the keywords given, else the ones set on `order`. Raises
    /// `TrackError` (`duplicate_client_id`, `exchange_id_taken`).
    #[pyo3(signature = (order, on_fill = None, on_partial = None, on_cancel = None))]
    fn register(
        &self,
        py: Python<'_>,
        order: PyRef<'_, OrderState>,
        on_fill: Option<Py<PyAny>>,
        on_partial: Option<Py<PyAny>>,
        on_cancel: Option<Py<PyAny>>,
    ) -> PyResult<()> {
        let pick = |given: Option<Py<PyAny>>, set: &Option<Py<PyAny>>| {
            given.or_else(|| set.as_ref().map(|c| c.clone_ref(py)))
        };
        let callbacks = OrderCallbacks {
            on_fill: pick(on_fill, &order.on_fill),
            on_partial: pick(on_partial, &order.on_partial),
            on_cancel: pick(on_cancel, &order.on_cancel),
        };
        let client_id = order.order.client_id();
        let mut this = self.lock()?;
        this.feed
            .tracker_mut()
            .register(order.order.clone())
            .map_err(|e| e.to_py())?;
        this.callbacks.set(client_id, callbacks);
        Ok(())
    }

    /// Stops tracking the order and returns it as it was; `None` if no
    /// tracked order has that client id.
    fn unregister(&self, client_order_id: &str) -> PyResult<Option<OrderState>> {
        let client_id = convert::client_id(client_order_id)?;
        let mut this = self.lock()?;
        let Some((key, _)) = this.feed.tracker().lookup_client(&client_id) else {
            return Ok(None);
        };
        this.callbacks.set(client_id, OrderCallbacks::default());
        Ok(this
            .feed
            .tracker_mut()
            .unregister(key)
            .map(|order| OrderState::of(&order)))
    }

    /// The order with this client order id, or this exchange order id (which
    /// Binance numbers per symbol: give `symbol` with it); `None` if not
    /// tracked.
    #[pyo3(signature = (exchange_order_id = None, client_order_id = None, symbol = None))]
    fn lookup(
        &self,
        exchange_order_id: Option<&Bound<'_, PyAny>>,
        client_order_id: Option<&str>,
        symbol: Option<&str>,
    ) -> PyResult<Option<OrderState>> {
        let this = self.lock()?;
        let tracker = this.feed.tracker();
        if let Some(client_order_id) = client_order_id {
            let client_id = convert::client_id(client_order_id)?;
            return Ok(tracker
                .lookup_client(&client_id)
                .map(|(_, o)| OrderState::of(o)));
        }
        let Some(exchange_order_id) = exchange_order_id else {
            return Err(PyValueError::new_err(
                "lookup needs exchange_order_id (with symbol) or client_order_id",
            ));
        };
        let Some(symbol) = symbol else {
            return Err(PyValueError::new_err(
                "exchange_order_id needs symbol: Binance numbers orders per symbol",
            ));
        };
        let id: u64 = exchange_order_id.str()?.to_cow()?.parse().map_err(|_| {
            PyValueError::new_err(format!(
                "exchange_order_id {exchange_order_id} is not a number"
            ))
        })?;
        Ok(tracker
            .lookup_exchange(&convert::symbol(symbol)?, ExchangeOrderId(id))
            .map(|(_, o)| OrderState::of(o)))
    }

    /// Every tracked order of the sub-account.
    fn get_by_sub_account(&self, sub_account_id: &str) -> PyResult<Vec<OrderState>> {
        let sub = convert::sub_account(sub_account_id)?;
        Ok(Inner::states(
            self.lock()?.feed.tracker().by_sub_account(&sub),
        ))
    }

    /// The live orders on the symbol: every one not terminal (idle,
    /// placing, armed, active, cancelling).
    fn get_active_by_symbol(&self, symbol: &str) -> PyResult<Vec<OrderState>> {
        let symbol = convert::symbol(symbol)?;
        Ok(Inner::states(
            self.lock()?.feed.tracker().active_by_symbol(&symbol),
        ))
    }

    /// Every tracked order of the parent algo.
    fn get_by_parent(&self, parent_id: &str) -> PyResult<Vec<OrderState>> {
        let parent = ordertrack::ParentId::new(parent_id).map_err(|e| e.to_py())?;
        Ok(Inner::states(
            self.lock()?.feed.tracker().by_parent(&parent),
        ))
    }

    /// Stops tracking the orders terminal for more than `max_age_seconds`;
    /// returns how many. An event the exchange sends again for one of them is
    /// never adopted as a new order.
    #[pyo3(signature = (max_age_seconds = 300.0, now = None))]
    fn cleanup_terminal(&self, max_age_seconds: f64, now: Option<f64>) -> PyResult<usize> {
        let max_age = Duration::try_from_secs_f64(max_age_seconds)
            .map_err(|e| PyValueError::new_err(format!("max_age_seconds: {e}")))?;
        let now = convert::now_or(now)?;
        let mut this = self.lock()?;
        let this = &mut *this;
        let removed = this.feed.cleanup_terminal(now, max_age);
        this.callbacks.retain_tracked(&this.feed);
        Ok(removed)
    }

    /// The engine sent the order: idle → placing.
    #[pyo3(signature = (client_order_id, now = None))]
    fn place(&self, client_order_id: &str, now: Option<f64>) -> PyResult<()> {
        let now = convert::now_or(now)?;
        self.lock()?
            .request(client_order_id, |t, key| t.place(key, now))
    }

    /// The engine sent a cancel: placing, armed or active → cancelling.
    #[pyo3(signature = (client_order_id, now = None))]
    fn cancel(&self, client_order_id: &str, now: Option<f64>) -> PyResult<()> {
        let now = convert::now_or(now)?;
        self.lock()?
            .request(client_order_id, |t, key| t.cancel(key, now))
    }

    /// The placement failed definitively with the exchange's error `code`
    /// (for example Binance's -2019): → failed. A timeout is not a failure:
    /// see `place_in_doubt`.
    #[pyo3(signature = (client_order_id, code, now = None))]
    fn place_failed(&self, client_order_id: &str, code: i32, now: Option<f64>) -> PyResult<()> {
        let now = convert::now_or(now)?;
        let reason = FailReason::ExchangeError { code };
        self.lock()?
            .request(client_order_id, |t, key| t.place_failed(key, reason, now))
    }

    /// The placement's outcome is unknown (timeout, network error): the order
    /// stays placing, marked in doubt, until the feed or a query settles it.
    #[pyo3(signature = (client_order_id, now = None))]
    fn place_in_doubt(&self, client_order_id: &str, now: Option<f64>) -> PyResult<()> {
        let now = convert::now_or(now)?;
        self.lock()?
            .request(client_order_id, |t, key| t.place_in_doubt(key, now))
    }

    /// The exchange refused the cancel: the order is back where it was.
    #[pyo3(signature = (client_order_id, now = None))]
    fn cancel_rejected(&self, client_order_id: &str, now: Option<f64>) -> PyResult<()> {
        let now = convert::now_or(now)?;
        self.lock()?
            .request(client_order_id, |t, key| t.cancel_rejected(key, now))
    }

    /// Applies one line of Binance's user-data stream (`str` or `bytes`) and
    /// returns what it did; then calls the callbacks it triggered (the tracker
    /// is fully updated first). Raises `FeedError` (the line is unusable:
    /// nothing changed) or `CallbackError` (the line was applied; a callback
    /// raised).
    fn apply_binance(&self, py: Python<'_>, line: &Bound<'_, PyAny>) -> PyResult<FeedResult> {
        let bytes: &[u8] = if let Ok(b) = line.cast::<PyBytes>() {
            b.as_bytes()
        } else {
            line.cast::<PyString>()?.to_str()?.as_bytes()
        };
        let (result, due) = {
            let mut this = self.lock()?;
            let this = &mut *this;
            let fed = this.feed.feed(bytes).map_err(|e| e.to_py())?;
            let result = FeedResult::of(py, &this.feed, &fed)?;
            let due = this
                .callbacks
                .due(py, &this.feed, &FeedResult::events(&fed));
            (result, due)
        };
        callbacks::call(py, due)?;
        Ok(result)
    }

    /// Applies Binance's answer (`http_status`, `body`) to the placement of
    /// the order `client_order_id` (`POST /fapi/v1/order`).
    #[pyo3(signature = (client_order_id, http_status, body, now = None))]
    fn apply_new_order_result(
        &self,
        py: Python<'_>,
        client_order_id: &str,
        http_status: u16,
        body: &str,
        now: Option<f64>,
    ) -> PyResult<FeedResult> {
        let answer = Answer {
            http_status,
            body,
            now: convert::now_or(now)?,
        };
        self.rest(
            py,
            client_order_id,
            answer,
            ordertrack_binance::apply_new_order_result,
        )
    }

    /// Applies Binance's answer to a cancel of the order (`DELETE /fapi/v1/order`).
    #[pyo3(signature = (client_order_id, http_status, body, now = None))]
    fn apply_cancel_result(
        &self,
        py: Python<'_>,
        client_order_id: &str,
        http_status: u16,
        body: &str,
        now: Option<f64>,
    ) -> PyResult<FeedResult> {
        let answer = Answer {
            http_status,
            body,
            now: convert::now_or(now)?,
        };
        self.rest(
            py,
            client_order_id,
            answer,
            ordertrack_binance::apply_cancel_result,
        )
    }

    /// Applies Binance's answer to a query of the order (`GET /fapi/v1/order`).
    #[pyo3(signature = (client_order_id, http_status, body, now = None))]
    fn apply_query_result(
        &self,
        py: Python<'_>,
        client_order_id: &str,
        http_status: u16,
        body: &str,
        now: Option<f64>,
    ) -> PyResult<FeedResult> {
        let answer = Answer {
            http_status,
            body,
            now: convert::now_or(now)?,
        };
        self.rest(
            py,
            client_order_id,
            answer,
            ordertrack_binance::apply_query_result,
        )
    }

    /// The number of tracked orders.
    fn __len__(&self) -> PyResult<usize> {
        Ok(self.lock()?.feed.tracker().len())
    }

    /// Bytes the tracker holds on the heap (arena, indexes, cleanup queue).
    fn memory_usage(&self) -> PyResult<usize> {
        Ok(self.lock()?.feed.tracker().memory_usage().total())
    }

    /// Checks every index against the orders; raises `TrackError`
    /// (`invariant_violated`) listing what is wrong.
    fn check_invariants(&self) -> PyResult<()> {
        self.lock()?
            .feed
            .tracker()
            .check_invariants()
            .map_err(|violations| {
                let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
                PyErr::new::<errors::TrackError, _>(text.join("; "))
            })
    }

    /// What the stream has done so far, name → count (`lines`,
    /// `fills_applied`, `duplicates`, …: the Rust `FeedStats` fields).
    fn stats(&self) -> PyResult<std::collections::BTreeMap<String, u64>> {
        let value = serde_json::to_value(self.lock()?.feed.stats())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let serde_json::Value::Object(fields) = value else {
            return Err(PyValueError::new_err(
                "the stream statistics are not a record",
            ));
        };
        Ok(fields
            .into_iter()
            .filter_map(|(name, count)| count.as_u64().map(|count| (name, count)))
            .collect())
    }
}
