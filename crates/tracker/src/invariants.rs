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

/// The checker's teeth: each test corrupts one internal structure the way a bug
/// would and asserts that `check_invariants` names the damage.
#[cfg(test)]
mod tests {
    use ordertrack_model::*;

    use super::Violation;
    use crate::{OrderKey, OrderTracker};

    fn spec(i: u64, parent: Option<&str>) -> NewOrder {
        let sub = SubAccountId::new("subacct01").unwrap();
        let mut spec = NewOrder::limit(
            sub,
            Origin::Twap,
            Symbol::new("BTCUSDT").unwrap(),
            Side::Sell,
            Qty::parse("1").unwrap(),
            Price::parse("100").unwrap(),
            i,
        );
        spec.client_id = ClientOrderId::with_unique(&sub, Origin::Twap, u128::from(i));
        spec.parent = parent.map(|p| ParentId::new(p).unwrap());
        spec
    }

    /// Three live orders with exchange ids and a parent, and one cancelled order.
    fn tracker() -> (OrderTracker, Vec<OrderKey>) {
        let mut t = OrderTracker::new();
        let mut keys = Vec::new();
        for i in 0..3 {
            let order = Order::new(spec(i, Some("twap-1")))
                .unwrap()
                .place(i)
                .acknowledge(ExchangeOrderId(100 + i), i);
            keys.push(t.register(order).unwrap());
        }
        let closed = Order::new(spec(9, None))
            .unwrap()
            .place(9)
            .cancelled(None, 9);
        keys.push(t.register(closed).unwrap());
        t.check_invariants().unwrap();
        (t, keys)
    }

    fn violations(t: &OrderTracker) -> Vec<Violation> {
        t.check_invariants()
            .expect_err("the corruption must be reported")
    }

    #[test]
    fn client_index_pointing_elsewhere_or_missing() {
        let (mut t, keys) = tracker();
        let id = t.get(keys[0]).unwrap().client_id();
        t.by_client.insert(id, keys[1]);
        let v = violations(&t);
        assert!(v.contains(&Violation::ClientIndexWrong {
            client_id: id,
            key: keys[1]
        }));
        assert!(v.contains(&Violation::NotInClientIndex { key: keys[0] }));

        let (mut t, keys) = tracker();
        let id = t.get(keys[2]).unwrap().client_id();
        t.by_client.remove(&id);
        let v = violations(&t);
        assert!(v.contains(&Violation::NotInClientIndex { key: keys[2] }));
        assert!(v.iter().any(|x| matches!(
            x,
            Violation::CountMismatch {
                index: "client id",
                ..
            }
        )));
    }

    #[test]
    fn exchange_index_wrong_or_missing() {
        let (mut t, keys) = tracker();
        let btc = Symbol::new("BTCUSDT").unwrap();
        t.by_exchange.insert((btc, ExchangeOrderId(100)), keys[1]);
        let v = violations(&t);
        assert!(v.contains(&Violation::ExchangeIndexWrong {
            symbol: btc,
            exchange_id: ExchangeOrderId(100),
            key: keys[1]
        }));
        assert!(v.contains(&Violation::NotInExchangeIndex { key: keys[0] }));

        let (mut t, keys) = tracker();
        t.by_exchange.remove(&(btc, ExchangeOrderId(101)));
        assert!(violations(&t).contains(&Violation::NotInExchangeIndex { key: keys[1] }));
    }

    #[test]
    fn bucket_back_pointers_and_membership() {
        let (mut t, keys) = tracker();
        // A back-pointer that no longer says where the key sits.
        if let Some(e) = t.orders.get_mut(keys[0]) {
            e.sub_account_pos = 2;
        }
        let v = violations(&t);
        assert!(v.contains(&Violation::NotInBucket {
            index: "sub-account",
            key: keys[0]
        }));
        assert!(v.contains(&Violation::BucketEntryWrong {
            index: "sub-account",
            key: keys[0],
            position: 0
        }));

        // An order missing from its parent bucket.
        let (mut t, keys) = tracker();
        let parent = ParentId::new("twap-1").unwrap();
        let moved = t.by_parent.remove(&parent, 1);
        assert_eq!(moved, Some(keys[2]));
        let v = violations(&t);
        assert!(v.contains(&Violation::NotInBucket {
            index: "parent",
            key: keys[1]
        }));
        assert!(v.iter().any(|x| matches!(
            x,
            Violation::CountMismatch {
                index: "parent",
                ..
            }
        )));
    }

    #[test]
    fn terminal_order_left_in_the_live_index() {
        let (mut t, keys) = tracker();
        let btc = Symbol::new("BTCUSDT").unwrap();
        let pos = t.live_by_symbol.insert(btc, keys[3]);
        if let Some(e) = t.orders.get_mut(keys[3]) {
            e.live_pos = Some(pos);
        }
        let v = violations(&t);
        assert!(v.contains(&Violation::TerminalInLiveIndex {
            key: keys[3],
            status: OrderStatus::Cancelled
        }));
        assert!(v.contains(&Violation::BucketEntryWrong {
            index: "symbol",
            key: keys[3],
            position: 3
        }));
    }

    #[test]
    fn live_order_missing_from_the_live_index() {
        let (mut t, keys) = tracker();
        if let Some(e) = t.orders.get_mut(keys[2]) {
            e.live_pos = None;
        }
        let btc = Symbol::new("BTCUSDT").unwrap();
        t.live_by_symbol.remove(&btc, 2);
        let v = violations(&t);
        assert!(v.contains(&Violation::NotInBucket {
            index: "symbol",
            key: keys[2]
        }));
        assert!(v.iter().any(|x| matches!(
            x,
            Violation::CountMismatch {
                index: "symbol",
                ..
            }
        )));
    }

    #[test]
    fn bucket_entry_naming_no_order() {
        let (mut t, _) = tracker();
        t.by_parent
            .insert(ParentId::new("ghost").unwrap(), OrderKey::default());
        let v = violations(&t);
        assert!(v.iter().any(|x| matches!(
            x,
            Violation::BucketEntryWrong {
                index: "parent",
                ..
            }
        )));
    }

    #[test]
    fn cleanup_queue_disagreements() {
        // The stamp of the queue entry differs from the order's.
        let (mut t, keys) = tracker();
        if let Some(e) = t.orders.get_mut(keys[3]) {
            e.closed_stamp = Some(1);
        }
        assert!(violations(&t).contains(&Violation::CleanupQueueWrong { key: keys[3] }));

        // A live order in the queue, and stamps going backwards.
        let (mut t, keys) = tracker();
        t.closed.push_back((0, keys[0]));
        let v = violations(&t);
        assert!(v.contains(&Violation::CleanupQueueWrong { key: keys[0] }));
        assert!(v.contains(&Violation::CleanupQueueUnordered { position: 1 }));

        // A terminal order missing from the queue.
        let (mut t, keys) = tracker();
        t.closed.clear();
        let v = violations(&t);
        assert!(v.iter().any(|x| matches!(
            x,
            Violation::CountMismatch {
                index: "cleanup queue",
                ..
            }
        )));
        assert!(!v.contains(&Violation::CleanupQueueWrong { key: keys[3] }));

        // An orphan count that disagrees with the queue.
        let (mut t, _) = tracker();
        t.closed_orphans = 5;
        assert!(violations(&t).iter().any(|x| matches!(
            x,
            Violation::CountMismatch {
                index: "cleanup queue orphans",
                ..
            }
        )));
    }
}
