//! The matching-engine order a conditional order of ours triggered into:
//! its events held until a report binds it ([`FeedTracker::hold_for_trigger`],
//! [`FeedTracker::release_for_trigger`]), and its events read as the
//! conditional order's once bound ([`FeedTracker::apply_to_tracker`]).

use ordertrack::{
    ApplyError, ExecutionReport, OrderKey, Outcome, Symbol, TermMismatch, TrackError,
};

use super::for_trigger::awaits_trigger;
use super::{Fed, FeedError, FeedTracker, Released};

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

    /// [`ordertrack::OrderTracker::apply`] of `report`, reading an event of
    /// the matching-engine order a conditional order of ours triggered into
    /// as the conditional order's: that order is Binance's, so its client id
    /// need not be ours and its `ot` may be its own type (`MARKET`, `LIMIT`).
    /// When the tracker refuses such a report for exactly that — its client
    /// id, or its non-conditional original type, differs from the order's —
    /// the report is applied without them (routed by exchange id, type not
    /// compared). Any other refusal is the error it is.
    pub(super) fn apply_to_tracker(
        &mut self,
        report: &ExecutionReport,
    ) -> Result<Outcome, FeedError> {
        match self.tracker.apply(report) {
            Ok(outcome) => Ok(outcome),
            Err(err) => match self.as_triggered_order(report, &err) {
                Some(adjusted) => self
                    .tracker
                    .apply(&adjusted)
                    .map_err(|err| FeedError::refused(report, err)),
                None => Err(FeedError::refused(report, err)),
            },
        }
    }

    /// `report` as an event of the conditional order it was routed to, when
    /// the tracker refused it only for naming the triggered order's own
    /// client id or type.
    fn as_triggered_order(
        &self,
        report: &ExecutionReport,
        err: &TrackError,
    ) -> Option<ExecutionReport> {
        let TrackError::Apply { key, source } = err else {
            return None;
        };
        let order = self.tracker.get(*key)?;
        if report.algo_id.is_some() || order.algo_id().is_none() {
            return None;
        }
        let own_type = |mismatch: &TermMismatch| matches!(mismatch, TermMismatch::OrderType { reported, .. } if !reported.is_conditional());
        match source {
            ApplyError::ClientIdMismatch { .. } => {}
            ApplyError::TermsMismatch { mismatch, .. } if own_type(mismatch) => {}
            _ => return None,
        }
        let mut adjusted = *report;
        if adjusted.client_id != Some(order.client_id()) {
            adjusted.client_id = None;
        }
        if let Some(terms) = adjusted.terms.as_mut()
            && terms.order_type.is_some_and(|t| !t.is_conditional())
        {
            terms.order_type = None;
        }
        Some(adjusted)
    }
}
