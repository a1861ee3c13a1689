//! What a feed tracker has seen and done, counted.

use ordertrack::Applied;
use serde::Serialize;

/// Counts kept by a [`crate::FeedTracker`]: exact, deterministic, one `u64`
/// each (no memory grows with them).
///
/// `unknown_orders` and `foreign_orders` count orders the first time they are
/// met while not remembered: exact as long as nothing was evicted
/// (`unknown_evicted`, `foreign_evicted` zero); after an eviction, an order
/// met again counts again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedStats {
    /// Lines fed, whatever became of them.
    pub lines: u64,
    /// Empty or whitespace-only lines (skipped).
    pub blank_lines: u64,
    /// Lines decoded as `ORDER_TRADE_UPDATE`.
    pub order_trade_updates: u64,
    /// Lines decoded as `TRADE_LITE`.
    pub trade_lites: u64,
    /// Lines decoded as `ALGO_UPDATE`.
    pub algo_updates: u64,
    /// Lines decoded as another event type (`ACCOUNT_UPDATE`, …; skipped).
    pub other_events: u64,
    /// Orders of ours adopted: rebuilt from an `ORDER_TRADE_UPDATE` or an
    /// `ALGO_UPDATE` and registered.
    pub orders_registered: u64,
    /// Acknowledgements applied.
    pub acks: u64,
    /// Conditional orders the algo service accepted (Placing → Armed).
    pub armed: u64,
    /// `TRIGGERING` reports applied.
    pub triggering: u64,
    /// Conditional orders triggered (bound to their matching-engine order, or
    /// triggered in place).
    pub triggers: u64,
    /// Fills applied (including late fills).
    pub fills_applied: u64,
    /// Fills applied to an order already closed (accounted; it stays closed).
    pub late_fills: u64,
    /// Cancels applied.
    pub cancels: u64,
    /// Expiries applied.
    pub expiries: u64,
    /// Rejections applied.
    pub rejections: u64,
    /// Amendments applied.
    pub amendments: u64,
    /// Events ignored as duplicates (a trade id already applied).
    pub duplicates: u64,
    /// Events ignored as stale (the order already reflected them or later).
    pub stale: u64,
    /// `TRADE_LITE`s held because they came before anything else about their
    /// order of ours.
    pub trade_lites_held: u64,
    /// Held `TRADE_LITE`s evicted, oldest first, to stay within
    /// [`crate::FeedConfig::max_held_trade_lites`] (never applied; their
    /// `ORDER_TRADE_UPDATE` twin carries the same trade).
    pub held_evicted: u64,
    /// Events of a matching-engine order naming no order of ours, held while
    /// an order of ours on the symbol waited for its trigger
    /// ([`crate::Fed::HeldForTrigger`]).
    pub held_for_trigger: u64,
    /// Of those, the ones evicted, oldest first, to stay within
    /// [`crate::FeedConfig::max_held_for_trigger`]: never applied, counted as
    /// events of foreign orders.
    pub held_for_trigger_evicted: u64,
    /// Distinct `PMS…` client ids whose events could not reach a tracked order.
    pub unknown_orders: u64,
    /// Their events.
    pub unknown_events: u64,
    /// Unknown orders of ours forgotten to stay within
    /// [`crate::FeedConfig::max_unknown_orders`].
    pub unknown_evicted: u64,
    /// Distinct foreign orders (by symbol and exchange id).
    pub foreign_orders: u64,
    /// Their events.
    pub foreign_events: u64,
    /// Foreign orders forgotten to stay within
    /// [`crate::FeedConfig::max_foreign_orders`].
    pub foreign_evicted: u64,
}

impl FeedStats {
    /// Counts what a report did to a tracked order.
    pub(crate) fn record(&mut self, applied: &Applied) {
        match applied {
            Applied::Acknowledged => self.acks += 1,
            Applied::Armed => self.armed += 1,
            Applied::Triggering => self.triggering += 1,
            Applied::Triggered => self.triggers += 1,
            Applied::PartiallyFilled(_) | Applied::Filled(_) => self.fills_applied += 1,
            Applied::LateFill(_) => {
                self.fills_applied += 1;
                self.late_fills += 1;
            }
            Applied::Cancelled(_) => self.cancels += 1,
            Applied::Expired(_) => self.expiries += 1,
            Applied::Failed(_) => self.rejections += 1,
            Applied::Amended => self.amendments += 1,
            Applied::Duplicate => self.duplicates += 1,
            Applied::Stale => self.stale += 1,
        }
    }
}
