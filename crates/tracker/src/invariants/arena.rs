//! The arena's side: every tracked order is filed where each index says.

use std::hash::Hash;

use super::Violation;
use crate::OrderKey;
use crate::bucket::{Buckets, Membership};
use crate::tracker::OrderTracker;

/// Whether `key` sits at `at` in `index`, in the bucket of `bucket_key`.
fn sits<K: Hash + Eq + Copy>(
    index: &Buckets<K>,
    at: Membership,
    bucket_key: &K,
    key: OrderKey,
) -> bool {
    index.key_of(at.bucket) == Some(bucket_key)
        && index.orders_in(at.bucket).get(at.position as usize) == Some(&key)
}

impl OrderTracker {
    /// Each order against the client-id, exchange-id and bucket indexes.
    pub(super) fn check_arena(&self, out: &mut Vec<Violation>) {
        for (key, entry) in &self.orders {
            let order = &entry.order;
            if self.by_client.get(&self.orders, &order.spec().client_id) != Some(key) {
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
                entry.sub_account,
                &order.sub_account(),
                key,
            ) {
                out.push(Violation::NotInBucket {
                    index: "sub-account",
                    key,
                });
            }
            let in_parent = match (order.parent(), entry.parent) {
                (Some(parent), Some(at)) => sits(&self.by_parent, at, &parent, key),
                (None, None) => true,
                _ => false,
            };
            if !in_parent {
                out.push(Violation::NotInBucket {
                    index: "parent",
                    key,
                });
            }
            let status = order.status();
            match entry.live {
                Some(_) if status.is_terminal() => {
                    out.push(Violation::TerminalInLiveIndex { key, status });
                }
                Some(at) if !sits(&self.live_by_symbol, at, &order.symbol(), key) => {
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
        }
    }
}
