//! Feed routing and engine requests: every change to a tracked order goes through
//! here, so the indexes follow each transition.

use ordertrack_model::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, FailReason, OrderStatus,
    RequestError,
};

use crate::OrderKey;
use crate::callbacks::OrderEvent;
use crate::error::{TrackError, UnknownOrder};
use crate::tracker::OrderTracker;

/// Where a report went and what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The report was applied to a tracked order.
    Applied {
        /// The order.
        key: OrderKey,
        /// What it did.
        applied: Applied,
    },
    /// No tracked order matches the report.
    Unknown(UnknownOrder),
}

/// What a transition changed that the indexes must follow.
struct Before {
    status: OrderStatus,
    /// Whether the order's exchange id is already in the exchange-id index.
    exchange_id_known: bool,
}

impl OrderTracker {
    /// Routes a report to its order — by client id when the report carries a
    /// tracked one, else by (symbol, exchange id) — applies it through the
    /// typestate, updates the indexes (binding the exchange id the first time a
    /// report names it; taking a newly terminal order out of the live index) and
    /// calls the order's callback.
    ///
    /// # Errors
    /// [`TrackError::Apply`] when the order refuses the report, and
    /// [`TrackError::ExchangeIdTaken`] when the report would bind an exchange id
    /// another tracked order holds. Nothing changes then.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
        let Some(key) = self.route(report) else {
            return Ok(Outcome::Unknown(UnknownOrder {
                client_id: report.client_id,
                exchange_id: report.exchange_id,
                symbol: report.symbol,
                ours: report.client_id.and_then(|c| c.parse_pms()),
            }));
        };
        let binding = self.binding(key, report)?;
        // The slot is borrowed once: the transition, what it changed, and the
        // callback; the indexes follow once the borrow ends.
        let entry = self
            .orders
            .get_mut(key)
            .ok_or(TrackError::StaleKey { key })?;
        let was_terminal = entry.order.status().is_terminal();
        let applied = entry
            .order
            .apply(report)
            .map_err(|source| TrackError::Apply { key, source })?;
        let bound = binding.filter(|&(id, _)| entry.order.exchange_id() == Some(id));
        let closed = (!was_terminal && entry.order.status().is_terminal()).then(|| {
            (
                entry.live.take(),
                entry.order.closed_at().unwrap_or_default(),
            )
        });
        let event = OrderEvent {
            key,
            order: &entry.order,
            applied: &applied,
        };
        self.handler.dispatch(entry.callbacks, &event);
        if let Some((_, hash)) = bound {
            self.by_exchange.insert(&self.orders, hash, key);
        }
        if let Some((live, closed_at)) = closed {
            if let Some(at) = live {
                self.remove_live(at);
            }
            self.push_closed(key, closed_at);
        }
        Ok(Outcome::Applied { key, applied })
    }

    /// The exchange id the report would bind to the order `key`, with its hash,
    /// when the order does not know its exchange id yet and the report names
    /// one. The index is probed once, before the transition: an id held by
    /// another order refuses the report with nothing changed; a free one is
    /// filed after the transition, under the hash computed here.
    fn binding(
        &self,
        key: OrderKey,
        report: &ExecutionReport,
    ) -> Result<Option<(ExchangeOrderId, u64)>, TrackError> {
        let order = &self
            .orders
            .get(key)
            .ok_or(TrackError::StaleKey { key })?
            .order;
        let (None, Some(exchange_id)) = (order.exchange_id(), report.exchange_id) else {
            return Ok(None);
        };
        let id = (report.symbol, exchange_id);
        let hash = self.by_exchange.hash(&id);
        // The order does not know its exchange id yet, so any holder is another order.
        if let Some(holder) = self.by_exchange.find(&self.orders, hash, &id) {
            return Err(self.exchange_id_taken(id, holder, order.client_id()));
        }
        Ok(Some((exchange_id, hash)))
    }

    fn route(&self, report: &ExecutionReport) -> Option<OrderKey> {
        report
            .client_id
            .and_then(|c| self.by_client.get(&self.orders, &c))
            .or_else(|| {
                let id = (report.symbol, report.exchange_id?);
                self.by_exchange.get(&self.orders, &id)
            })
    }

    /// Brings the indexes in line with the order's new state, then calls its
    /// callback for `event` (engine requests other than a failure have none).
    fn after_transition(&mut self, key: OrderKey, before: &Before, event: Option<Applied>) {
        let Some(entry) = self.orders.get(key) else {
            return;
        };
        let became_terminal = !before.status.is_terminal() && entry.order.status().is_terminal();
        // Most transitions (a partial fill, a duplicate or stale report) touch no
        // index: the order's fields are read only when one does.
        if !before.exchange_id_known || became_terminal {
            self.follow_indexes(key, before.exchange_id_known, became_terminal);
        }
        if let Some(applied) = event
            && let Some(entry) = self.orders.get(key)
        {
            let event = OrderEvent {
                key,
                order: &entry.order,
                applied: &applied,
            };
            self.handler.dispatch(entry.callbacks, &event);
        }
    }

    /// Binds a newly known exchange id, and takes a newly terminal order out of
    /// the live index into the cleanup queue.
    fn follow_indexes(&mut self, key: OrderKey, exchange_id_known: bool, became_terminal: bool) {
        let Some(entry) = self.orders.get(key) else {
            return;
        };
        let order = &entry.order;
        let (symbol, exchange_id, closed_at) =
            (order.symbol(), order.exchange_id(), order.closed_at());
        let live = entry.live;
        if !exchange_id_known && let Some(exchange_id) = exchange_id {
            let hash = self.by_exchange.hash(&(symbol, exchange_id));
            self.by_exchange.insert(&self.orders, hash, key);
        }
        if became_terminal {
            if let Some(at) = live {
                self.remove_live(at);
            }
            if let Some(entry) = self.orders.get_mut(key) {
                entry.live = None;
            }
            self.push_closed(key, closed_at.unwrap_or_default());
        }
    }

    fn request(
        &mut self,
        key: OrderKey,
        request: impl FnOnce(&mut AnyOrder) -> Result<(), RequestError>,
        event: Option<Applied>,
    ) -> Result<(), TrackError> {
        let entry = self
            .orders
            .get_mut(key)
            .ok_or(TrackError::StaleKey { key })?;
        let before = Before {
            status: entry.order.status(),
            exchange_id_known: entry.order.exchange_id().is_some(),
        };
        request(&mut entry.order).map_err(|source| TrackError::Request { key, source })?;
        self.after_transition(key, &before, event);
        Ok(())
    }

    /// The engine sent the order: Idle → Placing.
    ///
    /// # Errors
    /// [`TrackError::StaleKey`], or [`TrackError::Request`] unless the order is
    /// Idle; nothing changes then.
    pub fn place(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.request(key, |o| o.place(now), None)
    }

    /// The engine sent a cancel: Placing/Active → Cancelling. The exchange's
    /// answer (CANCELED, or a rejection via [`OrderTracker::cancel_rejected`])
    /// decides what follows.
    ///
    /// # Errors
    /// [`TrackError::StaleKey`], or [`TrackError::Request`] unless the order is
    /// Placing or Active.
    pub fn cancel(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.request(key, |o| o.request_cancel(now), None)
    }

    /// [`OrderTracker::place`] of the order with this client id; its key.
    ///
    /// ```
    /// use ordertrack::*;
    ///
    /// let mut tracker = OrderTracker::new();
    /// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
    /// let spec = NewOrder::limit(sub, Origin::Chase, Symbol::new("BTCUSDT")?, Side::Buy,
    ///     Qty::parse("0.5")?, Price::parse("97000")?, 1_000);
    /// let key = tracker.register(Order::new(spec)?)?;
    /// assert_eq!(tracker.place_by_client_id(&spec.client_id, 1_001)?, key);
    /// assert_eq!(tracker.cancel_by_client_id(&spec.client_id, 1_002)?, key);
    /// assert_eq!(tracker.get(key).map(|o| o.status()), Some(OrderStatus::Cancelling));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`TrackError::UnknownClientId`] when no tracked order has the id;
    /// otherwise as [`OrderTracker::place`].
    pub fn place_by_client_id(
        &mut self,
        client_id: &ClientOrderId,
        now: u64,
    ) -> Result<OrderKey, TrackError> {
        let key = self.key_of(client_id)?;
        self.place(key, now).map(|()| key)
    }

    /// [`OrderTracker::cancel`] of the order with this client id; its key.
    ///
    /// # Errors
    /// [`TrackError::UnknownClientId`] when no tracked order has the id;
    /// otherwise as [`OrderTracker::cancel`].
    pub fn cancel_by_client_id(
        &mut self,
        client_id: &ClientOrderId,
        now: u64,
    ) -> Result<OrderKey, TrackError> {
        let key = self.key_of(client_id)?;
        self.cancel(key, now).map(|()| key)
    }

    fn key_of(&self, client_id: &ClientOrderId) -> Result<OrderKey, TrackError> {
        self.by_client
            .get(&self.orders, client_id)
            .ok_or(TrackError::UnknownClientId {
                client_id: *client_id,
            })
    }

    /// The exchange definitively refused the placement: → Failed. Calls `on_fail`.
    ///
    /// # Errors
    /// [`TrackError::StaleKey`], or [`TrackError::Request`] unless the order is
    /// Placing (or Cancelling and never acknowledged).
    pub fn place_failed(
        &mut self,
        key: OrderKey,
        reason: FailReason,
        now: u64,
    ) -> Result<(), TrackError> {
        self.request(key, |o| o.place_failed(reason, now), Some(Applied::Failed))
    }

    /// The placement timed out or hit a network error: its outcome is unknown. The
    /// order stays Placing, marked in doubt, until the feed or a query settles it.
    ///
    /// # Errors
    /// [`TrackError::StaleKey`], or [`TrackError::Request`] unless the order is Placing.
    pub fn place_in_doubt(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.request(key, |o| o.place_in_doubt(now), None)
    }

    /// The exchange refused the cancel (it does not know the order): back to
    /// Active, or to Placing when the cancel was sent before any ack.
    ///
    /// # Errors
    /// [`TrackError::StaleKey`], or [`TrackError::Request`] unless the order is Cancelling.
    pub fn cancel_rejected(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.request(key, |o| o.cancel_rejected(now), None)
    }
}
