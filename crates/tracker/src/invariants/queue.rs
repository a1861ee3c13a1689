//! The cleanup queue: stamps in order, each terminal order queued once.

use std::collections::HashSet;

use super::Violation;
use crate::tracker::OrderTracker;

impl OrderTracker {
    pub(super) fn check_cleanup_queue(&self, out: &mut Vec<Violation>) {
        let mut previous = 0;
        let mut queued = 0;
        let mut seen = HashSet::with_capacity(self.closed.len());
        for (position, &(stamp, key)) in self.closed.iter().enumerate() {
            if stamp < previous {
                out.push(Violation::CleanupQueueUnordered { position });
            }
            previous = stamp;
            let Some(entry) = self.orders.get(key) else {
                continue; // left behind by `unregister`; skipped by cleanup
            };
            queued += 1;
            if !entry.order.status().is_terminal() || !seen.insert(key) {
                out.push(Violation::CleanupQueueWrong { key });
            }
        }
        let terminal = self
            .orders
            .values()
            .filter(|e| e.order.status().is_terminal())
            .count();
        if queued != terminal {
            out.push(Violation::CountMismatch {
                index: "cleanup queue",
                indexed: queued,
                expected: terminal,
            });
        }
        let orphans = self.closed.len() - queued;
        if orphans != self.closed_orphans {
            out.push(Violation::CountMismatch {
                index: "cleanup queue orphans",
                indexed: self.closed_orphans,
                expected: orphans,
            });
        }
    }
}
