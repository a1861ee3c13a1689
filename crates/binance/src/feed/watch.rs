//! The conditional orders of ours that may be waiting for their trigger, by
//! symbol: what tells, in a few lookups whatever the number of other live
//! orders on the symbol, whether an event of an unknown matching-engine
//! order there may be a triggered order's.

use std::collections::HashMap;

use ordertrack::{OrderKey, OrderTracker, Symbol};

use super::for_trigger::awaits_trigger;

/// The keys of conditional orders the feed saw waiting for their trigger,
/// by symbol. An entry is dropped once its order no longer waits (bound,
/// closed, or removed from the tracker): when a check meets it, or when its
/// symbol's list has doubled since it was last pruned — each list holds at
/// most about twice the orders still waiting there (orders reported waiting
/// twice, `NEW` then `TRIGGERING`, counted twice).
#[derive(Debug, Default)]
pub(crate) struct Watch {
    by_symbol: HashMap<Symbol, Watched>,
}

#[derive(Debug, Default)]
struct Watched {
    keys: Vec<OrderKey>,
    /// The list's length after its last pruning.
    pruned_len: usize,
}

impl Watched {
    fn prune(&mut self, tracker: &OrderTracker) {
        self.keys
            .retain(|key| tracker.get(*key).is_some_and(awaits_trigger));
        self.pruned_len = self.keys.len();
    }
}

impl Watch {
    /// Every order of `tracker` that waits for its trigger now.
    pub(crate) fn of(tracker: &OrderTracker) -> Self {
        let mut watch = Self::default();
        for (key, order) in tracker.iter().filter(|(_, order)| awaits_trigger(order)) {
            watch
                .by_symbol
                .entry(order.symbol())
                .or_default()
                .keys
                .push(key);
        }
        for watched in watch.by_symbol.values_mut() {
            watched.pruned_len = watched.keys.len();
        }
        watch
    }

    /// Watches the order `key` on `symbol`, which waits for its trigger.
    pub(crate) fn insert(&mut self, symbol: Symbol, key: OrderKey, tracker: &OrderTracker) {
        let watched = self.by_symbol.entry(symbol).or_default();
        watched.keys.push(key);
        if watched.keys.len() > watched.pruned_len.saturating_mul(2).max(8) {
            watched.prune(tracker);
        }
    }

    /// Whether an order on `symbol` waits for its trigger. Looks from the
    /// newest entry back and forgets the ones that no longer wait on the
    /// way, so a check costs one lookup plus one per entry forgotten (each
    /// forgotten once), whatever the number of orders still waiting.
    pub(crate) fn any_waiting(&mut self, symbol: &Symbol, tracker: &OrderTracker) -> bool {
        let Some(watched) = self.by_symbol.get_mut(symbol) else {
            return false;
        };
        while let Some(&key) = watched.keys.last() {
            if tracker.get(key).is_some_and(awaits_trigger) {
                return true;
            }
            watched.keys.pop();
        }
        self.by_symbol.remove(symbol);
        false
    }

    /// Orders watched now, duplicates and orders not yet found done included.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_symbol.values().map(|w| w.keys.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use ordertrack::{
        AnyOrder, ExecutionReport, ExecutionType, NewOrder, OrderType, Origin, Price, Qty,
        ReportStatus, Side, SubAccountId, Trigger,
    };

    use super::*;

    fn btc() -> Symbol {
        Symbol::new("BTCUSDT").unwrap()
    }

    /// A tracker with `n` stops of ours sent on BTCUSDT (Placing: waiting).
    fn stops(n: usize) -> (OrderTracker, Vec<OrderKey>) {
        let sub = SubAccountId::new("a1b2c3d4-0000").unwrap();
        let mut tracker = OrderTracker::new();
        let keys = (0..n)
            .map(|_| {
                let spec = NewOrder::conditional(
                    sub,
                    Origin::TrailStop,
                    btc(),
                    Side::Sell,
                    OrderType::StopMarket,
                    Qty::parse("0.01").unwrap(),
                    Trigger::at(Price::parse("85000").unwrap()),
                    1,
                );
                tracker.register(AnyOrder::sent(spec, 2).unwrap()).unwrap()
            })
            .collect();
        (tracker, keys)
    }

    fn cancel(tracker: &mut OrderTracker, key: OrderKey) {
        let client_id = tracker.get(key).unwrap().client_id();
        let report = ExecutionReport {
            client_id: Some(client_id),
            ..ExecutionReport::new(btc(), ExecutionType::Canceled, ReportStatus::Canceled, 3)
        };
        tracker.apply(&report).unwrap();
    }

    #[test]
    fn a_symbol_waits_while_one_of_its_watched_orders_does() {
        let (mut tracker, keys) = stops(3);
        let mut watch = Watch::default();
        assert!(!watch.any_waiting(&btc(), &tracker));
        for key in &keys {
            watch.insert(btc(), *key, &tracker);
        }
        assert!(watch.any_waiting(&btc(), &tracker));
        let eth = Symbol::new("ETHUSDT").unwrap();
        assert!(!watch.any_waiting(&eth, &tracker));
        // The newest is done: forgotten on the way to the next.
        cancel(&mut tracker, keys[2]);
        assert!(watch.any_waiting(&btc(), &tracker));
        assert_eq!(watch.len(), 2);
        cancel(&mut tracker, keys[0]);
        cancel(&mut tracker, keys[1]);
        assert!(!watch.any_waiting(&btc(), &tracker));
        assert_eq!(watch.len(), 0);
        // A watch built from a tracker holds what waits in it.
        let (tracker, _) = stops(4);
        let mut watch = Watch::of(&tracker);
        assert_eq!(watch.len(), 4);
        assert!(watch.any_waiting(&btc(), &tracker));
    }

    #[test]
    fn lists_stay_within_twice_what_waits() {
        let (mut tracker, keys) = stops(1_000);
        let mut watch = Watch::default();
        // One waits; each other is watched, then done.
        watch.insert(btc(), keys[0], &tracker);
        for key in &keys[1..] {
            watch.insert(btc(), *key, &tracker);
            cancel(&mut tracker, *key);
            assert!(watch.len() <= 9, "{}", watch.len());
        }
        assert!(watch.any_waiting(&btc(), &tracker));
    }
}
