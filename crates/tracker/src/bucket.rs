//! Buckets of order keys under a shared key (sub-account, symbol, parent) with
//! O(1) insert and removal. Each order keeps its position in each of its buckets
//! (a `u32`), so leaving one is a swap-remove with no scan: the last key is moved
//! into the hole, and the caller updates the moved order's position.
//!
//! A bucket is found by its key (the sub-account and symbol are 4-byte interned
//! handles, hashed as integers), or by its slot, which an order may keep too (the
//! parent index, whose keys are strings).

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

/// A position that names no place: the order is in no bucket of that index.
/// Never a real position (a bucket holds fewer than `u32::MAX` keys: the arena
/// itself holds fewer).
pub(crate) const NOWHERE: u32 = u32::MAX;

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
    #[inline]
    pub(crate) fn insert(&mut self, key: K, order: OrderKey) -> Membership {
        let bucket = match self.slot_of.get(&key) {
            Some(&bucket) => bucket,
            None => self.new_bucket(key),
        };
        let Some(slot) = self.slots.get_mut(bucket as usize) else {
            return Membership {
                bucket: NOWHERE,
                position: NOWHERE,
            };
        };
        let position = u32::try_from(slot.orders.len()).unwrap_or(NOWHERE);
        slot.orders.push(order);
        Membership { bucket, position }
    }

    /// A slot for a new bucket of `key`, reusing an emptied one (and its vector)
    /// when there is one.
    #[cold]
    fn new_bucket(&mut self, key: K) -> u32 {
        let bucket = match self.free.pop() {
            Some(bucket) => {
                if let Some(slot) = self.slots.get_mut(bucket as usize) {
                    slot.key = key;
                }
                bucket
            }
            None => {
                let bucket = u32::try_from(self.slots.len()).unwrap_or(NOWHERE);
                self.slots.push(Bucket {
                    key,
                    orders: Vec::new(),
                });
                bucket
            }
        };
        self.slot_of.insert(key, bucket);
        bucket
    }

    /// The slot of `key`'s bucket, if it is non-empty.
    #[inline]
    pub(crate) fn slot(&self, key: &K) -> Option<u32> {
        self.slot_of.get(key).copied()
    }

    /// Removes the order at `position` in `key`'s bucket. Returns the order that
    /// moved into its position (whose position the caller must update), if any.
    #[inline(always)]
    pub(crate) fn remove(&mut self, key: &K, position: u32) -> Option<OrderKey> {
        let bucket = self.slot(key)?;
        self.remove_at(Membership { bucket, position })
    }

    /// Removes the order at `at`. Returns the order that moved into its
    /// position (whose position the caller must update), if any. A bucket
    /// that empties leaves the map, so the map holds only non-empty buckets.
    #[inline(always)]
    pub(crate) fn remove_at(&mut self, at: Membership) -> Option<OrderKey> {
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
    #[inline]
    pub(crate) fn get(&self, key: &K) -> &[OrderKey] {
        self.slot(key).map_or(&[], |bucket| self.orders_in(bucket))
    }

    /// The orders in slot `bucket`.
    #[inline]
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
