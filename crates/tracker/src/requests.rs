//! The engine's requests — place, cancel, and the outcomes of a placement or
//! cancel the exchange answered (failed, in doubt, cancel rejected) — and how
//! the indexes follow any change of an order's state.

use ordertrack_model::{AnyOrder, Applied, ClientOrderId, Closed, FailReason, RequestError};

use crate::OrderKey;
use crate::bucket::NOWHERE;
use crate::callbacks::OrderEvent;
use crate::error::TrackError;
use crate::tracker::OrderTracker;

/// The event a definitive placement failure delivers: the order, failed,
/// with what it filled.
fn failed(order: &AnyOrder) -> Applied {
    Applied::Failed(Closed::between(order.filled_qty(), None))
}

impl OrderTracker {
    /// Runs an engine request on the order `key`, then brings the indexes in
    /// line with its new state (an exchange id it newly knows is filed; a newly
    /// terminal order leaves the live index for the cleanup queue) and calls
    /// its callback for `event` (engine requests other than a failure have
    /// none). The slot is looked up once.
    fn request(
        &mut self,
        key: OrderKey,
        request: impl FnOnce(&mut AnyOrder) -> Result<(), RequestError>,
        event: Option<fn(&AnyOrder) -> Applied>,
    ) -> Result<(), TrackError> {
        let entry = self
            .orders
            .get_mut(key)
            .ok_or(TrackError::StaleKey { key })?;
        let was_terminal = entry.order.status().is_terminal();
        let had_exchange_id = entry.order.exchange_id().is_some();
        request(&mut entry.order).map_err(|source| TrackError::Request { key, source })?;
        let order = &entry.order;
        // Most requests touch no index: the order's fields are read only when one does.
        let bind = if had_exchange_id {
            None
        } else {
            order.exchange_id().map(|id| (order.symbol(), id))
        };
        let closed = (!was_terminal && order.status().is_terminal()).then(|| {
            let live = entry
                .links
                .close(self.by_client.client_hash(&entry.order.client_id()));
            let order = &entry.order;
            (order.symbol(), live, order.closed_at().unwrap_or_default())
        });
        if let Some(event) = event {
            let applied = event(&entry.order);
            let event = OrderEvent {
                key,
                order: &entry.order,
                applied: &applied,
            };
            self.handler.dispatch(entry.links.callbacks(), &event);
        }
        if let Some(id) = bind {
            let hash = self.by_exchange.hash(&id);
            self.by_exchange.insert(&self.orders, hash, key);
        }
        if let Some((symbol, live, closed_at)) = closed {
            if live != NOWHERE {
                self.remove_live(&symbol, live);
            }
            self.push_closed(key, closed_at);
        }
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
    /// let key = tracker.register(AnyOrder::new(spec)?)?;
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
        self.request(key, |o| o.place_failed(reason, now), Some(failed))
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
