//! Buckets of order keys under a shared key (sub-account, symbol, parent) with
//! O(1) insert and removal: each order remembers its position in its bucket, and a
//! removal swaps the last key into the hole.

use std::hash::Hash;

use hashbrown::HashMap;

use crate::OrderKey;

/// `K` → the keys of the orders filed under it, in no particular order.
#[derive(Debug)]
pub(crate) struct Buckets<K> {
    map: HashMap<K, Vec<OrderKey>>,
}

impl<K> Default for Buckets<K> {
    fn default() -> Self {
        Self {
            map: HashMap::default(),
        }
    }
}

impl<K: Hash + Eq + Copy> Buckets<K> {
    /// Files `key` under `bucket`; returns its position there.
    pub(crate) fn insert(&mut self, bucket: K, key: OrderKey) -> u32 {
        let keys = self.map.entry(bucket).or_default();
        let position = u32::try_from(keys.len()).unwrap_or(u32::MAX);
        keys.push(key);
        position
    }

    /// Removes the key at `position` under `bucket`. Returns the key that moved
    /// into `position` (whose stored position the caller must update), if any.
    /// An empty bucket is dropped, so the map holds only non-empty buckets.
    pub(crate) fn remove(&mut self, bucket: &K, position: u32) -> Option<OrderKey> {
        let keys = self.map.get_mut(bucket)?;
        let position = position as usize;
        if position >= keys.len() {
            return None;
        }
        keys.swap_remove(position);
        let moved = keys.get(position).copied();
        if keys.is_empty() {
            self.map.remove(bucket);
        }
        moved
    }

    /// The keys filed under `bucket`.
    pub(crate) fn get(&self, bucket: &K) -> &[OrderKey] {
        self.map.get(bucket).map_or(&[], Vec::as_slice)
    }

    /// Every bucket, for the invariant checker.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &[OrderKey])> {
        self.map.iter().map(|(k, v)| (k, v.as_slice()))
    }

    /// Bytes of heap this index holds (table plus bucket vectors), for memory reports.
    pub(crate) fn heap_bytes(&self) -> usize {
        let table = self.map.allocation_size();
        let vectors: usize = self
            .map
            .values()
            .map(|v| v.capacity() * size_of::<OrderKey>())
            .sum();
        table + vectors
    }
}
