//! Reports held for an order not met yet, by the key that will name it (a
//! `TRADE_LITE`'s client id; the symbol and exchange id of a triggered order's
//! event), at most a fixed number in all, the oldest evicted first.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

use ordertrack::ExecutionReport;

/// One held report with the number of the line that brought it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeldReport {
    pub(crate) line: u64,
    pub(crate) report: ExecutionReport,
}

/// Held reports by key, with their arrival order across keys for eviction.
/// Holding, evicting and releasing are O(1) amortised.
#[derive(Debug)]
pub(crate) struct Held<K> {
    /// Each key's held reports, in line order.
    by_order: HashMap<K, VecDeque<HeldReport>>,
    /// `(key, line)` of every held report, oldest first, plus entries of
    /// reports since released (skipped when met, dropped by `compact`).
    arrival: VecDeque<(K, u64)>,
    len: usize,
    cap: usize,
    evicted: u64,
}

impl<K: Copy + Eq + Hash> Held<K> {
    /// Holds at most `cap` reports in all.
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            by_order: HashMap::new(),
            arrival: VecDeque::new(),
            len: 0,
            cap,
            evicted: 0,
        }
    }

    /// Holds the report of line `line` (line numbers only grow), evicting the
    /// oldest held report when full (with `cap` zero, this one at once).
    /// Returns the key of the report evicted, if one was.
    pub(crate) fn hold(&mut self, key: K, line: u64, report: ExecutionReport) -> Option<K> {
        if self.cap == 0 {
            self.evicted += 1;
            return Some(key);
        }
        let evicted = if self.len >= self.cap {
            self.evict_oldest()
        } else {
            None
        };
        self.by_order
            .entry(key)
            .or_insert_with(|| VecDeque::with_capacity(1))
            .push_back(HeldReport { line, report });
        self.arrival.push_back((key, line));
        self.len += 1;
        if self.arrival.len() > self.cap.saturating_mul(2) {
            self.compact();
        }
        evicted
    }

    /// Every report held for `key`, in line order.
    pub(crate) fn release(&mut self, key: &K) -> Option<VecDeque<HeldReport>> {
        let released = self.by_order.remove(key)?;
        self.len -= released.len();
        Some(released)
    }

    /// The keys holding reports now.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.by_order.keys()
    }

    /// Every key's held reports, emptying the store.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = (K, VecDeque<HeldReport>)> {
        self.len = 0;
        self.arrival.clear();
        self.by_order.drain()
    }

    /// Reports held now.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Reports evicted to make room.
    pub(crate) fn evicted(&self) -> u64 {
        self.evicted
    }

    /// Whether `(key, line)` of `arrival` names a report still held: a
    /// key's reports are released all at once and held in line order, so
    /// the entry is live when its key's oldest held line is not younger.
    fn is_held(&self, key: &K, line: u64) -> bool {
        self.by_order
            .get(key)
            .and_then(VecDeque::front)
            .is_some_and(|oldest| oldest.line <= line)
    }

    /// Evicts the oldest held report; its key.
    fn evict_oldest(&mut self) -> Option<K> {
        while let Some((key, line)) = self.arrival.pop_front() {
            if !self.is_held(&key, line) {
                continue;
            }
            if let Entry::Occupied(mut order) = self.by_order.entry(key) {
                order.get_mut().pop_front();
                if order.get().is_empty() {
                    order.remove();
                }
                self.len -= 1;
                self.evicted += 1;
                return Some(key);
            }
            return None;
        }
        None
    }

    /// Drops the entries of released reports from `arrival`: after it,
    /// `arrival` holds exactly `len` entries, so it runs at most once per `cap`
    /// holds.
    fn compact(&mut self) {
        let mut arrival = std::mem::take(&mut self.arrival);
        arrival.retain(|(key, line)| self.is_held(key, *line));
        self.arrival = arrival;
    }
}

#[cfg(test)]
mod tests {
    use ordertrack::{ClientOrderId, ExecutionType, ReportStatus, Symbol};

    use super::*;

    fn id(n: u64) -> ClientOrderId {
        ClientOrderId::new(&format!("PMSa1b2c3d4_CHASE_{n:012x}")).unwrap()
    }

    fn report() -> ExecutionReport {
        let symbol = Symbol::new("BTCUSDT").unwrap();
        ExecutionReport::new(
            symbol,
            ExecutionType::Trade,
            ReportStatus::PartiallyFilled,
            1,
        )
    }

    fn lines(held: Option<VecDeque<HeldReport>>) -> Vec<u64> {
        held.unwrap_or_default().iter().map(|h| h.line).collect()
    }

    #[test]
    fn evicts_the_oldest_report_across_orders() {
        let mut held = Held::new(3);
        assert_eq!(held.hold(id(1), 1, report()), None);
        held.hold(id(2), 2, report());
        held.hold(id(1), 3, report());
        assert_eq!(held.hold(id(3), 4, report()), Some(id(1))); // evicts line 1
        assert_eq!((held.len(), held.evicted()), (3, 1));
        assert_eq!(held.hold(id(3), 5, report()), Some(id(2))); // evicts line 2, the whole of order 2
        assert_eq!((held.len(), held.evicted()), (3, 2));
        assert_eq!(lines(held.release(&id(2))), Vec::<u64>::new());
        assert_eq!(lines(held.release(&id(1))), [3]);
        assert_eq!(lines(held.release(&id(3))), [4, 5]);
        assert_eq!(held.len(), 0);
    }

    #[test]
    fn released_entries_are_skipped_and_compacted() {
        let mut held: Held<ClientOrderId> = Held::new(2);
        for line in 1..=1000 {
            held.hold(id(line), line, report());
            assert!(held.release(&id(line)).is_some());
            assert!(held.arrival.len() <= 4, "{}", held.arrival.len());
        }
        assert_eq!((held.len(), held.evicted()), (0, 0));
        // An order released, then held again: its old entry is stale.
        let mut held = Held::new(2);
        held.hold(id(7), 1, report());
        assert_eq!(lines(held.release(&id(7))), [1]);
        held.hold(id(7), 2, report());
        held.hold(id(8), 3, report());
        held.hold(id(9), 4, report()); // skips the stale (7, 1), evicts line 2
        assert_eq!((held.len(), held.evicted()), (2, 1));
        assert_eq!(lines(held.release(&id(7))), Vec::<u64>::new());
        assert_eq!(lines(held.release(&id(8))), [3]);
        assert_eq!(lines(held.release(&id(9))), [4]);
    }

    #[test]
    fn never_holds_more_than_the_cap() {
        let mut held = Held::new(100);
        for line in 0..10_000 {
            held.hold(id(line % 250), line, report());
            assert!(held.len() <= 100);
            assert!(held.arrival.len() <= 200);
        }
        assert_eq!(held.evicted(), 9_900);
        let total: usize = held.drain().map(|(_, reports)| reports.len()).sum();
        assert_eq!(total, 100);
        assert_eq!(held.len(), 0);
        let mut none = Held::new(0);
        assert_eq!(none.hold(id(1), 1, report()), Some(id(1)));
        assert_eq!((none.len(), none.evicted()), (0, 1));
    }
}
