//! Feed routing: a report finds its order (by client id, else by symbol and
//! exchange id), goes through the order's transition, and the indexes follow.
//! The engine's requests are in `requests.rs`.

use ordertrack_model::{Applied, ExchangeOrderId, ExecutionReport};

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
}
