//! A full consistency check of the arena and every index, for tests, fuzzing and
//! paranoid engines. O(tracked orders); not for the hot path.

use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;

use ordertrack_model::OrderStatus;

use crate::OrderKey;
use crate::bucket::{Buckets, NOWHERE};
use crate::entry::Entry;
use crate::tracker::OrderTracker;

/// Whether `key` sits at `position` in `index`, in the bucket of `bucket_key`
/// (and in slot `recorded`, when the order records its bucket's slot).
fn sits<K: Hash + Eq + Copy>(
    index: &Buckets<K>,
    bucket_key: &K,
    position: u32,
    recorded: Option<u32>,
    key: OrderKey,
) -> bool {
    index.slot(bucket_key).is_some_and(|bucket| {
        recorded.is_none_or(|slot| slot == bucket)
            && index.key_of(bucket) == Some(bucket_key)
            && index.orders_in(bucket).get(position as usize) == Some(&key)
    })
}

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

    fn check_arena(&self, out: &mut Vec<Violation>) {
        for (key, entry) in &self.orders {
            let (order, links) = (&entry.order, entry.links);
            if self.by_client.get(&self.orders, &order.client_id()) != Some(key) {
                out.push(Violation::NotInClientIndex { key });
            }
            if let Some(exchange_id) = order.exchange_id()
                && self
                    .by_exchange
                    .get(&self.orders, &(order.symbol(), exchange_id))
                    != Some(key)
            {
                out.push(Violation::NotInExchangeIndex { key });
            }
            if !sits(
                &self.by_sub_account,
                &order.sub_account(),
                links.sub_account,
                None,
                key,
            ) {
                out.push(Violation::NotInBucket {
                    index: "sub-account",
                    key,
                });
            }
            let in_parent = match (order.parent(), links.parent) {
                (None, NOWHERE) => true,
                (Some(_), NOWHERE) | (None, _) => false,
                (Some(parent), position) => {
                    sits(&self.by_parent, &parent, position, links.parent_slot(), key)
                }
            };
            if !in_parent {
                out.push(Violation::NotInBucket {
                    index: "parent",
                    key,
                });
            }
            let status = order.status();
            match (status.is_terminal(), links.client_hash(), links.live()) {
                // Closed: its kept hash must be its client id's, which cleanup
                // takes it out of the client-id index by.
                (true, Some(hash), _) => {
                    if hash != self.by_client.client_hash(&order.client_id()) {
                        out.push(Violation::NotInClientIndex { key });
                    }
                }
                // Terminal, yet its links still say it is open.
                (true, None, _) => out.push(Violation::TerminalInLiveIndex { key, status }),
                (false, None, at)
                    if at != NOWHERE
                        && sits(&self.live_by_symbol, &order.symbol(), at, None, key) => {}
                // Live, and not where its links say (or marked closed).
                (false, _, _) => out.push(Violation::NotInBucket {
                    index: "symbol",
                    key,
                }),
            }
        }
    }

    fn check_indexes(&self, out: &mut Vec<Violation>) {
        let mut seen = HashSet::with_capacity(self.by_client.len());
        for key in self.by_client.keys() {
            if !self.orders.contains_key(key) || !seen.insert(key) {
                out.push(Violation::ClientIndexWrong { key });
            }
        }
        if self.by_client.len() != self.orders.len() {
            out.push(Violation::CountMismatch {
                index: "client id",
                indexed: self.by_client.len(),
                expected: self.orders.len(),
            });
        }
        seen.clear();
        for key in self.by_exchange.keys() {
            let has_id = self.get(key).is_some_and(|o| o.exchange_id().is_some());
            if !has_id || !seen.insert(key) {
                out.push(Violation::ExchangeIndexWrong { key });
            }
        }
        let with_exchange_id = self
            .orders
            .values()
            .filter(|e| e.order.exchange_id().is_some())
            .count();
        if self.by_exchange.len() != with_exchange_id {
            out.push(Violation::CountMismatch {
                index: "exchange id",
                indexed: self.by_exchange.len(),
                expected: with_exchange_id,
            });
        }
        let check_bucket = |index: &'static str,
                            bucket: u32,
                            keys: &[OrderKey],
                            belongs: &dyn Fn(&Entry) -> bool,
                            at: &dyn Fn(&Entry) -> (u32, Option<u32>),
                            out: &mut Vec<Violation>| {
            if keys.is_empty() {
                out.push(Violation::EmptyBucket { index });
            }
            for (position, &key) in keys.iter().enumerate() {
                let ok = self.orders.get(key).is_some_and(|e| {
                    let (stored, recorded) = at(e);
                    belongs(e)
                        && u32::try_from(position) == Ok(stored)
                        && recorded.is_none_or(|slot| slot == bucket)
                });
                if !ok {
                    out.push(Violation::BucketEntryWrong {
                        index,
                        key,
                        position,
                    });
                }
            }
        };
        let mut total = (0, 0, 0);
        for (sub_account, bucket, keys) in self.by_sub_account.iter() {
            total.0 += keys.len();
            check_bucket(
                "sub-account",
                bucket,
                keys,
                &|e| e.order.sub_account() == *sub_account,
                &|e| (e.links.sub_account, None),
                out,
            );
        }
        for (symbol, bucket, keys) in self.live_by_symbol.iter() {
            total.1 += keys.len();
            check_bucket(
                "symbol",
                bucket,
                keys,
                &|e| e.order.symbol() == *symbol && !e.order.status().is_terminal(),
                &|e| (e.links.live(), None),
                out,
            );
        }
        for (parent, bucket, keys) in self.by_parent.iter() {
            total.2 += keys.len();
            check_bucket(
                "parent",
                bucket,
                keys,
                &|e| e.order.parent() == Some(*parent),
                &|e| (e.links.parent, e.links.parent_slot()),
                out,
            );
        }
        let live = self
            .orders
            .values()
            .filter(|e| !e.order.status().is_terminal())
            .count();
        let with_parent = self
            .orders
            .values()
            .filter(|e| e.order.parent().is_some())
            .count();
        for (index, indexed, expected) in [
            ("sub-account", total.0, self.orders.len()),
            ("symbol", total.1, live),
            ("parent", total.2, with_parent),
        ] {
            if indexed != expected {
                out.push(Violation::CountMismatch {
                    index,
                    indexed,
                    expected,
                });
            }
        }
    }

    fn check_cleanup_queue(&self, out: &mut Vec<Violation>) {
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

/// The checker's teeth: each test corrupts one internal structure the way a bug
/// would and asserts that `check_invariants` names the damage.
#[cfg(test)]
mod tests;
