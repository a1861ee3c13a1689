//! The arena's side: every tracked order is filed where each index says.

use std::hash::Hash;

use super::Violation;
use crate::OrderKey;
use crate::bucket::{Buckets, NOWHERE};
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

impl OrderTracker {
    pub(super) fn check_arena(&self, out: &mut Vec<Violation>) {
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
}
