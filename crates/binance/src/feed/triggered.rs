//! The matching-engine order a conditional order of ours triggered into:
//! its events held until a report binds it ([`FeedTracker::hold_for_trigger`],
//! [`FeedTracker::release_for_trigger`]); once bound, the tracker routes
//! them by exchange id to the conditional order, whose model accepts their
//! own client id and the type they triggered into.

use ordertrack::{ExecutionReport, OrderKey, Symbol};

use super::for_trigger::awaits_trigger;
use super::{Fed, FeedTracker, Released};

/// Whether a report of an order no tracked order has may be held for a
/// triggered order, and releases what is held once applied: `No` for the held
/// reports themselves, applied once and never held again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hold {
    /// A report of the line fed.
    ForTrigger,
    /// A held report, now applied.
    No,
}

impl FeedTracker {
    /// Holds `report` — an event of a matching-engine order that names no
    /// order of ours — when an order of ours on its symbol waits for its
    /// trigger: it may be that order's triggered order. The event evicted to
    /// make room, if any, is counted as a foreign order's.
    pub(super) fn hold_for_trigger(&mut self, report: &ExecutionReport) -> Option<Fed<'static>> {
        let exchange_id = report.exchange_id?;
        if report.algo_id.is_some() || !self.awaits_trigger_on(&report.symbol) {
            return None;
        }
        let symbol = report.symbol;
        let evicted = self
            .for_trigger
            .hold((symbol, exchange_id), self.stats.lines, *report);
        self.stats.held_for_trigger += 1;
        // An event evicted is never applied: counted as what it would have
        // been without the hold, a foreign order's.
        if let Some((symbol, exchange_id)) = evicted {
            let first_seen = self.foreign.insert((symbol, Some(exchange_id)));
            self.stats.foreign_events += 1;
            self.stats.foreign_orders += u64::from(first_seen);
        }
        Some(Fed::HeldForTrigger {
            symbol,
            exchange_id,
        })
    }

    /// After a report applied to the order `key`: the events held for the
    /// exchange id it is bound to, then — when the order is a conditional
    /// one and no order of ours on its symbol waits for its trigger any
    /// more — every other event held on the symbol, each applied once (never
    /// held again), in line order.
    pub(super) fn release_for_trigger(&mut self, key: OrderKey) -> Vec<Released> {
        if self.for_trigger.len() == 0 {
            return Vec::new();
        }
        let Some(order) = self.tracker.get(key) else {
            return Vec::new();
        };
        let symbol = order.symbol();
        if !self.for_trigger.holds_symbol(&symbol) {
            return Vec::new();
        }
        let mut held = order
            .exchange_id()
            .map(|exchange_id| self.for_trigger.release(&(symbol, exchange_id)))
            .unwrap_or_default();
        let conditional = order.order_type().is_conditional();
        if conditional && !self.awaits_trigger_on(&symbol) {
            held.extend(self.for_trigger.release_symbol(symbol));
            held.sort_by_key(|h| h.line);
        }
        held.into_iter()
            .map(|h| Released {
                line: h.line,
                result: self.apply(&h.report, Hold::No),
            })
            .collect()
    }

    /// Whether an order of ours on `symbol` waits for its trigger: one the
    /// feed saw waiting (armed or triggering through it, adopted, or in the
    /// tracker it was built with) and that still does.
    fn awaits_trigger_on(&mut self, symbol: &Symbol) -> bool {
        self.watch.any_waiting(symbol, &self.tracker)
    }

    /// Watches the order `key` when it waits for its trigger (after a report
    /// that armed it, marked it triggering, or adopted it).
    pub(super) fn watch_if_waiting(&mut self, key: OrderKey) {
        if let Some(order) = self.tracker.get(key)
            && awaits_trigger(order)
        {
            let symbol = order.symbol();
            self.watch.insert(symbol, key, &self.tracker);
        }
    }
}
