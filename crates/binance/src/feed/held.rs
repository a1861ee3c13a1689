//! `TRADE_LITE` reports held for orders of ours not met yet, at most a fixed
//! number in all, the oldest evicted first.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};

use ordertrack::{ClientOrderId, ExecutionReport};

/// One held report with the number of the line that brought it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeldLite {
    pub(crate) line: u64,
    pub(crate) report: ExecutionReport,
}

/// Held reports by client id, with their arrival order across orders for
/// eviction. Holding, evicting and releasing are O(1) amortised.
#[derive(Debug)]
pub(crate) struct Held {
    /// Each order's held reports, in line order.
    by_order: HashMap<ClientOrderId, VecDeque<HeldLite>>,
    /// `(client id, line)` of every held report, oldest first, plus entries of
    /// reports since released (skipped when met, dropped by `compact`).
    arrival: VecDeque<(ClientOrderId, u64)>,
    len: usize,
    cap: usize,
    evicted: u64,
}

impl Held {
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
    pub(crate) fn hold(&mut self, client_id: ClientOrderId, line: u64, report: ExecutionReport) {
        if self.cap == 0 {
            self.evicted += 1;
            return;
        }
        if self.len >= self.cap {
            self.evict_oldest();
        }
        self.by_order
            .entry(client_id)
            .or_insert_with(|| VecDeque::with_capacity(1))
            .push_back(HeldLite { line, report });
        self.arrival.push_back((client_id, line));
        self.len += 1;
        if self.arrival.len() > self.cap.saturating_mul(2) {
            self.compact();
        }
    }

    /// Every report held for `client_id`, in line order.
    pub(crate) fn release(&mut self, client_id: &ClientOrderId) -> Option<VecDeque<HeldLite>> {
        let released = self.by_order.remove(client_id)?;
        self.len -= released.len();
        Some(released)
    }

    /// Every order's held reports, emptying the store.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = (ClientOrderId, VecDeque<HeldLite>)> {
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

    /// Whether `(client_id, line)` of `arrival` names a report still held: an
    /// order's reports are released all at once and held in line order, so
    /// the entry is live when its order's oldest held line is not younger.
    fn is_held(&self, client_id: &ClientOrderId, line: u64) -> bool {
        self.by_order
            .get(client_id)
            .and_then(VecDeque::front)
            .is_some_and(|oldest| oldest.line <= line)
    }

    fn evict_oldest(&mut self) {
        while let Some((client_id, line)) = self.arrival.pop_front() {
            if !self.is_held(&client_id, line) {
                continue;
            }
            if let Entry::Occupied(mut order) = self.by_order.entry(client_id) {
                order.get_mut().pop_front();
                if order.get().is_empty() {
                    order.remove();
                }
                self.len -= 1;
                self.evicted += 1;
            }
            return;
        }
    }

    /// Drops the entries of released reports from `arrival`: after it,
    /// `arrival` holds exactly `len` entries, so it runs at most once per `cap`
    /// holds.
    fn compact(&mut self) {
        let mut arrival = std::mem::take(&mut self.arrival);
        arrival.retain(|(client_id, line)| self.is_held(client_id, *line));
        self.arrival = arrival;
    }
}

#[cfg(test)]
mod tests {
    use ordertrack::{ExecutionType, ReportStatus, Symbol};

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

    fn lines(held: Option<VecDeque<HeldLite>>) -> Vec<u64> {
        held.unwrap_or_default().iter().map(|h| h.line).collect()
    }

    #[test]
    fn evicts_the_oldest_report_across_orders() {
        let mut held = Held::new(3);
        held.hold(id(1), 1, report());
        held.hold(id(2), 2, report());
        held.hold(id(1), 3, report());
        held.hold(id(3), 4, report()); // evicts line 1
        assert_eq!((held.len(), held.evicted()), (3, 1));
        held.hold(id(3), 5, report()); // evicts line 2, the whole of order 2
        assert_eq!((held.len(), held.evicted()), (3, 2));
        assert_eq!(lines(held.release(&id(2))), Vec::<u64>::new());
        assert_eq!(lines(held.release(&id(1))), [3]);
        assert_eq!(lines(held.release(&id(3))), [4, 5]);
        assert_eq!(held.len(), 0);
    }

    #[test]
    fn released_entries_are_skipped_and_compacted() {
        let mut held = Held::new(2);
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
        none.hold(id(1), 1, report());
        assert_eq!((none.len(), none.evicted()), (0, 1));
    }
}
