//! Buckets of order keys under a shared key (sub-account, symbol, parent) with
//! O(1) insert and removal. A bucket is looked up by its key once, when an order
//! joins it; the order keeps its [`Membership`] (the bucket's slot and its position
//! there), so leaving needs no hashing: the last key is swapped into the hole.

use std::hash::Hash;

use hashbrown::HashMap;

use crate::OrderKey;

/// Where an order sits in a [`Buckets`] index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Membership {
    /// The bucket's slot.
    pub(crate) bucket: u32,
    /// The order's position in the bucket.
    pub(crate) position: u32,
}

/// One bucket: the shared key and the keys of the orders filed under it.
#[derive(Debug)]
struct Bucket<K> {
    key: K,
    orders: Vec<OrderKey>,
}

/// `K` → the keys of the orders filed under it, in no particular order.
///
/// Buckets live in slots; the map names the slot of each non-empty bucket. A
/// bucket that empties leaves the map and its slot is reused, vector included,
/// by the next new bucket, so the slots never outnumber the most buckets ever
/// non-empty at once.
#[derive(Debug)]
pub(crate) struct Buckets<K> {
    slot_of: HashMap<K, u32>,
    slots: Vec<Bucket<K>>,
    free: Vec<u32>,
}

impl<K> Default for Buckets<K> {
    fn default() -> Self {
        Self {
            slot_of: HashMap::default(),
            slots: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Copy> Buckets<K> {
    /// Files `order` under `key`; returns where it sits.
    pub(crate) fn insert(&mut self, key: K, order: OrderKey) -> Membership {
        let bucket = match self.slot_of.get(&key) {
            Some(&bucket) => bucket,
            None => {
                let bucket = match self.free.pop() {
                    Some(bucket) => {
                        if let Some(slot) = self.slots.get_mut(bucket as usize) {
                            slot.key = key;
                        }
                        bucket
                    }
                    None => {
                        self.slots.push(Bucket {
                            key,
                            orders: Vec::new(),
                        });
                        u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
                    }
                };
                self.slot_of.insert(key, bucket);
                bucket
            }
        };
        let orders = match self.slots.get_mut(bucket as usize) {
            Some(slot) => &mut slot.orders,
            None => return Membership::NONE,
        };
        let position = u32::try_from(orders.len()).unwrap_or(u32::MAX);
        orders.push(order);
        Membership { bucket, position }
    }

    /// Removes the order at `at`. Returns the order that moved into its
    /// position (whose membership the caller must update), if any. A bucket
    /// that empties leaves the map, so the map holds only non-empty buckets.
    pub(crate) fn remove(&mut self, at: Membership) -> Option<OrderKey> {
        let slot = self.slots.get_mut(at.bucket as usize)?;
        let position = at.position as usize;
        if position >= slot.orders.len() {
            return None;
        }
        slot.orders.swap_remove(position);
        let moved = slot.orders.get(position).copied();
        if slot.orders.is_empty() {
            self.slot_of.remove(&slot.key);
            self.free.push(at.bucket);
        }
        moved
    }

    /// The orders filed under `key`.
    pub(crate) fn get(&self, key: &K) -> &[OrderKey] {
        self.slot_of
            .get(key)
            .map_or(&[], |&bucket| self.orders_in(bucket))
    }

    /// The orders in slot `bucket`.
    pub(crate) fn orders_in(&self, bucket: u32) -> &[OrderKey] {
        self.slots
            .get(bucket as usize)
            .map_or(&[], |slot| slot.orders.as_slice())
    }

    /// The key of the bucket in slot `bucket`, if the slot holds a non-empty one.
    pub(crate) fn key_of(&self, bucket: u32) -> Option<&K> {
        self.slots
            .get(bucket as usize)
            .filter(|slot| !slot.orders.is_empty())
            .map(|slot| &slot.key)
    }

    /// Every bucket the map names, with its slot, for the invariant checker.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, u32, &[OrderKey])> {
        self.slot_of
            .iter()
            .map(|(key, &bucket)| (key, bucket, self.orders_in(bucket)))
    }

    /// Bytes of heap this index holds (map, slots and bucket vectors), for memory reports.
    pub(crate) fn heap_bytes(&self) -> usize {
        let vectors: usize = self
            .slots
            .iter()
            .map(|slot| slot.orders.capacity() * size_of::<OrderKey>())
            .sum();
        self.slot_of.allocation_size()
            + self.slots.capacity() * size_of::<Bucket<K>>()
            + self.free.capacity() * size_of::<u32>()
            + vectors
    }
}

impl Membership {
    /// Where nothing sits: never a valid slot (slots are numbered from 0 and
    /// fewer than `u32::MAX`).
    pub(crate) const NONE: Self = Self {
        bucket: u32::MAX,
        position: u32::MAX,
    };
}
