//! A full consistency check of the arena and every index, for tests, fuzzing and
//! paranoid engines. O(tracked orders); not for the hot path.
//!
//! - `arena`: each order against the indexes it should be filed in;
//! - `indexes`: each index entry against the arena;
//! - `queue`: the cleanup queue.

use std::fmt;

use ordertrack_model::OrderStatus;

use crate::OrderKey;
use crate::tracker::OrderTracker;

mod arena;
mod indexes;
mod queue;
#[cfg(test)]
mod tests;

/// One inconsistency between the arena and an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A client-id index entry that names no tracked order, or names one that
    /// is filed twice.
    ClientIndexWrong {
        /// The key the entry holds.
        key: OrderKey,
    },
    /// A tracked order missing from the client-id index, or a closed one whose
    /// kept client-id hash is not the one it is filed under.
    NotInClientIndex {
        /// The order.
        key: OrderKey,
    },
    /// An exchange-id index entry that names no tracked order, one without an
    /// exchange id, or one that is filed twice.
    ExchangeIndexWrong {
        /// The key the entry holds.
        key: OrderKey,
    },
    /// An order with an exchange id missing from the exchange-id index.
    NotInExchangeIndex {
        /// The order.
        key: OrderKey,
    },
    /// A bucket entry that points to a missing order, to an order of another
    /// bucket, or whose stored position is not where it sits.
    BucketEntryWrong {
        /// Which index (`"sub-account"`, `"symbol"`, `"parent"`).
        index: &'static str,
        /// The key found in the bucket.
        key: OrderKey,
        /// Its position in the bucket.
        position: usize,
    },
    /// An order missing from a bucket it belongs in.
    NotInBucket {
        /// Which index.
        index: &'static str,
        /// The order.
        key: OrderKey,
    },
    /// An empty bucket kept in an index.
    EmptyBucket {
        /// Which index.
        index: &'static str,
    },
    /// A terminal order in the live-by-symbol index, or whose links still say
    /// it is open.
    TerminalInLiveIndex {
        /// The order.
        key: OrderKey,
        /// Its status.
        status: OrderStatus,
    },
    /// A cleanup-queue entry for a live order, or a second entry for an order
    /// queued already.
    CleanupQueueWrong {
        /// The order.
        key: OrderKey,
    },
    /// Cleanup-queue stamps that go backwards.
    CleanupQueueUnordered {
        /// Position in the queue of the entry that goes back in time.
        position: usize,
    },
    /// Index sizes that disagree with the arena.
    CountMismatch {
        /// Which index.
        index: &'static str,
        /// Entries in the index.
        indexed: usize,
        /// Orders that belong in it.
        expected: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl OrderTracker {
    /// Walks the arena and every index and reports each inconsistency found.
    ///
    /// # Errors
    /// Every [`Violation`] found; `Ok(())` when the tracker is consistent.
    pub fn check_invariants(&self) -> Result<(), Vec<Violation>> {
        let mut violations = Vec::new();
        self.check_arena(&mut violations);
        self.check_indexes(&mut violations);
        self.check_cleanup_queue(&mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }
}
