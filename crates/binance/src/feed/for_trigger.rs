//! Events held for a triggered order: reports of a matching-engine order that
//! names no order of ours, kept by (symbol, exchange id) while an order of ours
//! on the symbol waits for its trigger — they may be its triggered order's,
//! arrived before the algo service's `TRIGGERED` names that order.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use ordertrack::{AnyOrder, ExchangeOrderId, ExecutionReport, Symbol};

use super::held::{Held, HeldReport};

/// The order a held report is for.
pub(crate) type TriggeredKey = (Symbol, ExchangeOrderId);

/// Whether `order` may still trigger into a matching-engine order it is not
/// bound to: a live order of a conditional type that knows no exchange id —
/// `Armed`, and the two states an armed order is in when that does not show:
/// `Placing` before the algo service's `NEW` is seen, `Cancelling` while a
/// cancel is in flight.
pub(crate) fn awaits_trigger(order: &AnyOrder) -> bool {
    order.order_type().is_conditional() && order.status().is_live() && order.exchange_id().is_none()
}

/// Held reports by (symbol, exchange id), with a count per symbol so that a
/// symbol with none costs one lookup.
#[derive(Debug)]
pub(crate) struct ForTrigger {
    held: Held<TriggeredKey>,
    per_symbol: HashMap<Symbol, usize>,
}

impl ForTrigger {
    /// Holds at most `cap` reports in all.
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            held: Held::new(cap),
            per_symbol: HashMap::new(),
        }
    }

    /// Holds the report of line `line` for `key`, evicting the oldest held
    /// report when full (this one at once when the cap is zero); the key of
    /// the report evicted.
    pub(crate) fn hold(
        &mut self,
        key: TriggeredKey,
        line: u64,
        report: ExecutionReport,
    ) -> Option<TriggeredKey> {
        let evicted = self.held.hold(key, line, report);
        // Counted as held, then the evicted one taken off its symbol.
        *self.per_symbol.entry(key.0).or_default() += 1;
        if let Some((symbol, _)) = evicted {
            self.forget(symbol, 1);
        }
        evicted
    }

    /// Every report held for `key`, in line order.
    pub(crate) fn release(&mut self, key: &TriggeredKey) -> Vec<HeldReport> {
        let released: Vec<HeldReport> = self.held.release(key).map(Vec::from).unwrap_or_default();
        self.forget(key.0, released.len());
        released
    }

    /// Every report held on `symbol`, in line order.
    pub(crate) fn release_symbol(&mut self, symbol: Symbol) -> Vec<HeldReport> {
        if !self.holds_symbol(&symbol) {
            return Vec::new();
        }
        let keys: Vec<TriggeredKey> = self
            .held
            .keys()
            .filter(|(s, _)| *s == symbol)
            .copied()
            .collect();
        let mut released: Vec<HeldReport> = keys
            .iter()
            .flat_map(|key| self.held.release(key).unwrap_or_default())
            .collect();
        released.sort_by_key(|held| held.line);
        self.per_symbol.remove(&symbol);
        released
    }

    /// Whether a report is held on `symbol`.
    pub(crate) fn holds_symbol(&self, symbol: &Symbol) -> bool {
        self.per_symbol.contains_key(symbol)
    }

    /// Every held report, by key, emptying the store.
    pub(crate) fn drain(&mut self) -> Vec<(TriggeredKey, Vec<HeldReport>)> {
        self.per_symbol.clear();
        self.held
            .drain()
            .map(|(key, reports)| (key, Vec::from(reports)))
            .collect()
    }

    /// Reports held now.
    pub(crate) fn len(&self) -> usize {
        self.held.len()
    }

    /// Reports evicted to make room.
    pub(crate) fn evicted(&self) -> u64 {
        self.held.evicted()
    }

    fn forget(&mut self, symbol: Symbol, count: usize) {
        if let Entry::Occupied(mut held) = self.per_symbol.entry(symbol) {
            *held.get_mut() = held.get().saturating_sub(count);
            if *held.get() == 0 {
                held.remove();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ordertrack::{ExecutionType, ReportStatus};

    use super::*;

    fn symbol(name: &str) -> Symbol {
        Symbol::new(name).unwrap()
    }

    fn report(symbol: Symbol) -> ExecutionReport {
        ExecutionReport::new(
            symbol,
            ExecutionType::Trade,
            ReportStatus::PartiallyFilled,
            1,
        )
    }

    fn lines(held: &[HeldReport]) -> Vec<u64> {
        held.iter().map(|h| h.line).collect()
    }

    #[test]
    fn counts_follow_holds_releases_and_evictions() {
        let (btc, eth) = (symbol("BTCUSDT"), symbol("ETHUSDT"));
        let mut held = ForTrigger::new(3);
        held.hold((btc, ExchangeOrderId(1)), 1, report(btc));
        held.hold((eth, ExchangeOrderId(1)), 2, report(eth));
        held.hold((btc, ExchangeOrderId(2)), 3, report(btc));
        assert!(held.holds_symbol(&btc) && held.holds_symbol(&eth));
        // Full: line 1 is evicted, BTCUSDT still holds line 3.
        assert_eq!(
            held.hold((eth, ExchangeOrderId(1)), 4, report(eth)),
            Some((btc, ExchangeOrderId(1)))
        );
        assert_eq!((held.len(), held.evicted()), (3, 1));
        assert_eq!(
            lines(&held.release(&(btc, ExchangeOrderId(1)))),
            Vec::<u64>::new()
        );
        assert!(held.holds_symbol(&btc));
        assert_eq!(lines(&held.release(&(btc, ExchangeOrderId(2)))), [3]);
        assert!(!held.holds_symbol(&btc));
        assert_eq!(lines(&held.release_symbol(eth)), [2, 4]);
        assert!(!held.holds_symbol(&eth));
        assert_eq!(held.len(), 0);
    }

    #[test]
    fn a_symbol_released_whole_comes_in_line_order() {
        let btc = symbol("BTCUSDT");
        let mut held = ForTrigger::new(10);
        for (line, id) in [(1, 7), (2, 8), (3, 7), (4, 9), (5, 8)] {
            held.hold((btc, ExchangeOrderId(id)), line, report(btc));
        }
        assert_eq!(lines(&held.release_symbol(btc)), [1, 2, 3, 4, 5]);
        assert_eq!((held.len(), held.release_symbol(btc).len()), (0, 0));
        let mut none = ForTrigger::new(0);
        assert_eq!(
            none.hold((btc, ExchangeOrderId(1)), 1, report(btc)),
            Some((btc, ExchangeOrderId(1)))
        );
        assert_eq!((none.len(), none.evicted()), (0, 1));
        assert!(!none.holds_symbol(&btc));
        held.hold((btc, ExchangeOrderId(1)), 6, report(btc));
        assert_eq!(held.drain().len(), 1);
        assert!(!held.holds_symbol(&btc));
    }
}
