//! A full consistency check of the arena and every index, for tests, fuzzing and
//! paranoid engines. O(tracked orders); not for the hot path.

use std::fmt;

use ordertrack_model::{ClientOrderId, ExchangeOrderId, OrderStatus, Symbol};

use crate::OrderKey;
use crate::tracker::OrderTracker;

/// One inconsistency between the arena and an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A client-id index entry that points to a missing order or one with another id.
    ClientIndexWrong {
        /// The indexed id.
        client_id: ClientOrderId,
        /// The key it points to.
        key: OrderKey,
    },
    /// A tracked order missing from the client-id index.
    NotInClientIndex {
        /// The order.
        key: OrderKey,
    },
    /// An exchange-id index entry that points to a missing order or one with
    /// another symbol or exchange id.
    ExchangeIndexWrong {
        /// The indexed symbol.
        symbol: Symbol,
        /// The indexed exchange id.
        exchange_id: ExchangeOrderId,
        /// The key it points to.
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
    /// A terminal order in the live-by-symbol index.
    TerminalInLiveIndex {
        /// The order.
        key: OrderKey,
        /// Its status.
        status: OrderStatus,
    },
    /// A terminal order without its cleanup-queue entry, or a queue entry for a
    /// live order or with another stamp than the order's.
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
            let order = &entry.order;
            if self.by_client.get(&order.client_id()) != Some(&key) {
                out.push(Violation::NotInClientIndex { key });
            }
            if let Some(exchange_id) = order.exchange_id()
                && self.by_exchange.get(&(order.symbol(), exchange_id)) != Some(&key)
            {
                out.push(Violation::NotInExchangeIndex { key });
            }
            let pos = entry.sub_account_pos as usize;
            if self.by_sub_account.get(&order.sub_account()).get(pos) != Some(&key) {
                out.push(Violation::NotInBucket {
                    index: "sub-account",
                    key,
                });
            }
            if let Some(parent) = order.parent() {
                let found = entry
                    .parent_pos
                    .and_then(|p| self.by_parent.get(&parent).get(p as usize).copied());
                if found != Some(key) {
                    out.push(Violation::NotInBucket {
                        index: "parent",
                        key,
                    });
                }
            }
            let status = order.status();
            match entry.live_pos {
                Some(_) if status.is_terminal() => {
                    out.push(Violation::TerminalInLiveIndex { key, status });
                }
                Some(p)
                    if self.live_by_symbol.get(&order.symbol()).get(p as usize) != Some(&key) =>
                {
                    out.push(Violation::NotInBucket {
                        index: "symbol",
                        key,
                    });
                }
                None if !status.is_terminal() => {
                    out.push(Violation::NotInBucket {
                        index: "symbol",
                        key,
                    });
                }
                _ => {}
            }
            if status.is_terminal() != entry.closed_stamp.is_some() {
                out.push(Violation::CleanupQueueWrong { key });
            }
        }
    }

    fn check_indexes(&self, out: &mut Vec<Violation>) {
        for (client_id, &key) in &self.by_client {
            if self.get(key).map(|o| o.client_id()) != Some(*client_id) {
                out.push(Violation::ClientIndexWrong {
                    client_id: *client_id,
                    key,
                });
            }
        }
        if self.by_client.len() != self.orders.len() {
            out.push(Violation::CountMismatch {
                index: "client id",
                indexed: self.by_client.len(),
                expected: self.orders.len(),
            });
        }
        for (&(symbol, exchange_id), &key) in &self.by_exchange {
            let matches = self
                .get(key)
                .is_some_and(|o| o.symbol() == symbol && o.exchange_id() == Some(exchange_id));
            if !matches {
                out.push(Violation::ExchangeIndexWrong {
                    symbol,
                    exchange_id,
                    key,
                });
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
                            keys: &[OrderKey],
                            belongs: &dyn Fn(&crate::tracker::Entry) -> bool,
                            pos_of: &dyn Fn(&crate::tracker::Entry) -> Option<u32>,
                            out: &mut Vec<Violation>| {
            if keys.is_empty() {
                out.push(Violation::EmptyBucket { index });
            }
            for (position, &key) in keys.iter().enumerate() {
                let ok = self
                    .orders
                    .get(key)
                    .is_some_and(|e| belongs(e) && pos_of(e).map(|p| p as usize) == Some(position));
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
        for (sub_account, keys) in self.by_sub_account.iter() {
            total.0 += keys.len();
            check_bucket(
                "sub-account",
                keys,
                &|e| e.order.sub_account() == *sub_account,
                &|e| Some(e.sub_account_pos),
                out,
            );
        }
        for (symbol, keys) in self.live_by_symbol.iter() {
            total.1 += keys.len();
            check_bucket(
                "symbol",
                keys,
                &|e| e.order.symbol() == *symbol && !e.order.status().is_terminal(),
                &|e| e.live_pos,
                out,
            );
        }
        for (parent, keys) in self.by_parent.iter() {
            total.2 += keys.len();
            check_bucket(
                "parent",
                keys,
                &|e| e.order.parent() == Some(*parent),
                &|e| e.parent_pos,
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
        for (position, &(stamp, key)) in self.closed.iter().enumerate() {
            if stamp < previous {
                out.push(Violation::CleanupQueueUnordered { position });
            }
            previous = stamp;
            let Some(entry) = self.orders.get(key) else {
                continue; // left behind by `unregister`; skipped by cleanup
            };
            queued += 1;
            if !entry.order.status().is_terminal() || entry.closed_stamp != Some(stamp) {
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
