//! The indexes' side: every entry of every index names a tracked order filed there.

use std::collections::HashSet;

use super::Violation;
use crate::OrderKey;
use crate::entry::Entry;
use crate::tracker::OrderTracker;

impl OrderTracker {
    pub(super) fn check_indexes(&self, out: &mut Vec<Violation>) {
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
}
