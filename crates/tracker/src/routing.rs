//! Feed routing: a report finds its order (by client id, else by symbol and
//! exchange id), goes through the order's transition, and the indexes follow.
//! The engine's requests are in `requests.rs`.

use ordertrack_model::{Applied, ExecutionReport};

use crate::OrderKey;
use crate::bucket::NOWHERE;
use crate::callbacks::OrderEvent;
use crate::error::{TrackError, UnknownOrder};
use crate::index::spread;
use crate::tracker::{OrderTracker, exchange_id_taken};

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
        let Some((key, routed_hash)) = self.route(report) else {
            return Ok(Outcome::Unknown(UnknownOrder {
                client_id: report.client_id,
                exchange_id: report.exchange_id,
                symbol: report.symbol,
                ours: report.client_id.and_then(|c| c.parse_pms()),
            }));
        };
        let (order, links) = match self.orders.get(key) {
            Some(entry) => (&entry.order, entry.links),
            None => return Err(TrackError::StaleKey { key }),
        };
        let was_terminal = order.status().is_terminal();
        // The exchange id the report would bind, when the order does not know
        // its own yet: one probe, before the transition, both refuses an id
        // another order holds (with nothing changed) and finds where a free one
        // is filed after it.
        let binding = match (order.exchange_id(), report.exchange_id) {
            (None, Some(exchange_id)) => {
                let id = (report.symbol, exchange_id);
                let hash = self.by_exchange.hash(&id);
                match self.by_exchange.vacant(&self.orders, hash, &id) {
                    Ok(slot) => Some((exchange_id, slot)),
                    // The order does not know its exchange id yet, so the holder is another order.
                    Err(holder) => {
                        return Err(exchange_id_taken(
                            &self.orders,
                            id,
                            holder,
                            order.client_id(),
                        ));
                    }
                }
            }
            _ => None,
        };
        // The slot is borrowed once more, mutably: the transition, what it
        // changed, and the callback; the indexes follow once the borrow ends.
        let Some(entry) = self.orders.get_mut(key) else {
            return Err(TrackError::StaleKey { key });
        };
        let applied = entry
            .order
            .apply(report)
            .map_err(|source| TrackError::Apply { key, source })?;
        let closed = (!was_terminal && entry.order.status().is_terminal()).then(|| {
            // Routed by client id, the id's hash is at hand; by exchange id, it is computed.
            let client_hash =
                routed_hash.unwrap_or_else(|| self.by_client.client_hash(&entry.order.client_id()));
            (
                entry.links.close(client_hash),
                entry.order.symbol(),
                entry.order.closed_at().unwrap_or_default(),
            )
        });
        if let Some((exchange_id, slot)) = binding
            && entry.order.exchange_id() == Some(exchange_id)
        {
            slot.insert(key);
        }
        let event = OrderEvent {
            key,
            order: &entry.order,
            applied: &applied,
        };
        self.handler.dispatch(links.callbacks(), &event);
        if let Some((live, symbol, closed_at)) = closed {
            if live != NOWHERE {
                self.remove_live(&symbol, live);
            }
            self.push_closed(key, closed_at);
        }
        Ok(Outcome::Applied { key, applied })
    }

    /// The order a report is about, and the 32-bit hash of its client id when
    /// it was found by it.
    fn route(&self, report: &ExecutionReport) -> Option<(OrderKey, Option<u32>)> {
        if let Some(client_id) = &report.client_id {
            let hash = self.by_client.client_hash(client_id);
            if let Some(key) = self.by_client.find(&self.orders, spread(hash), client_id) {
                return Some((key, Some(hash)));
            }
        }
        let id = (report.symbol, report.exchange_id?);
        self.by_exchange
            .get(&self.orders, &id)
            .map(|key| (key, None))
    }
}
