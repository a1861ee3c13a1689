//! The client-id and exchange-id indexes: hash tables of bare order keys.
//!
//! An id is stored once, in its order in the arena. The tables hold only the 8-byte
//! [`OrderKey`] and hash and compare through the arena, so an index entry costs
//! 8 bytes plus hashbrown's control byte instead of a copy of the id (40 to 56
//! bytes), and the tables stay small enough to stay in cache.

use std::hash::{BuildHasher, Hasher};
use std::marker::PhantomData;

use hashbrown::hash_table::{Entry as Slot, VacantEntry};
use hashbrown::{DefaultHashBuilder, HashTable};
use ordertrack_model::{AnyOrder, ClientOrderId, ExchangeOrderId, Symbol};
use slotmap::SlotMap;

use crate::OrderKey;
use crate::entry::Entry;

/// The arena the indexes point into.
pub(crate) type Arena = SlotMap<OrderKey, Entry>;

/// Which id of an order an [`IdIndex`] is keyed by.
pub(crate) trait IndexedId {
    /// The id, as a caller looks it up.
    type Id: std::hash::Hash;

    /// The order's id, when it has one (an exchange id is known only once acked).
    fn of(order: &AnyOrder) -> Option<Self::Id>;

    /// Whether `order` has the id `id`, without copying the order's id out.
    fn matches(order: &AnyOrder, id: &Self::Id) -> bool;

    /// The hash `id` is filed under.
    #[inline]
    fn hash(hasher: &DefaultHashBuilder, id: &Self::Id) -> u64 {
        hasher.hash_one(id)
    }
}

/// Keys orders by client order id; every order has one.
#[derive(Debug)]
pub(crate) enum ByClientId {}

impl IndexedId for ByClientId {
    type Id = ClientOrderId;

    fn of(order: &AnyOrder) -> Option<ClientOrderId> {
        Some(order.client_id())
    }

    fn matches(order: &AnyOrder, id: &ClientOrderId) -> bool {
        order.client_id() == *id
    }

    /// Spread from [`client_hash`], so that a closed order can keep the
    /// 32 bits it is filed under.
    #[inline]
    fn hash(hasher: &DefaultHashBuilder, id: &ClientOrderId) -> u64 {
        spread(client_hash(hasher, id))
    }
}

/// A client id's 32-bit hash: what a closed order keeps beside itself (see
/// `Links`), and what the client-id table's hash is spread from. The id
/// hashes as its five stored words (`ClientOrderId`'s `Hash`).
#[inline]
pub(crate) fn client_hash(hasher: &DefaultHashBuilder, id: &ClientOrderId) -> u32 {
    let mut state = hasher.build_hasher();
    std::hash::Hash::hash(id, &mut state);
    // foldhash finishes with a folded multiply: its low half is as mixed as its high one.
    state.finish() as u32
}

/// The client-id table's 64-bit hash of a [`client_hash`]: a multiplication
/// by an odd constant, so the table's slot (low bits) and tag (top seven bits)
/// both depend on the 32 bits.
#[inline]
pub(crate) const fn spread(client_hash: u32) -> u64 {
    (client_hash as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Keys orders by (symbol, exchange order id): Binance numbers orders per symbol.
#[derive(Debug)]
pub(crate) enum ByExchangeId {}

impl IndexedId for ByExchangeId {
    type Id = (Symbol, ExchangeOrderId);

    fn of(order: &AnyOrder) -> Option<(Symbol, ExchangeOrderId)> {
        order.exchange_id().map(|id| (order.symbol(), id))
    }

    fn matches(order: &AnyOrder, id: &(Symbol, ExchangeOrderId)) -> bool {
        order.exchange_id() == Some(id.1) && order.symbol() == id.0
    }
}

/// A hash index from an order id to the key of the order that has it.
#[derive(Debug)]
pub(crate) struct IdIndex<I> {
    table: HashTable<OrderKey>,
    hasher: DefaultHashBuilder,
    id: PhantomData<I>,
}

impl<I> Default for IdIndex<I> {
    fn default() -> Self {
        Self {
            table: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            id: PhantomData,
        }
    }
}

/// The hash an entry `key` is filed under, recomputed from its order when the
/// table grows.
fn rehash<I: IndexedId>(hasher: &DefaultHashBuilder, arena: &Arena, key: OrderKey) -> u64 {
    arena
        .get(key)
        .and_then(|e| I::of(&e.order))
        .map_or(0, |id| I::hash(hasher, &id))
}

impl<I: IndexedId> IdIndex<I> {
    /// An empty index with room for `capacity` orders.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            table: HashTable::with_capacity(capacity),
            hasher: DefaultHashBuilder::default(),
            id: PhantomData,
        }
    }

    /// The hash `id` is filed under. Computed once per operation and passed to
    /// the other methods.
    pub(crate) fn hash(&self, id: &I::Id) -> u64 {
        I::hash(&self.hasher, id)
    }

    /// The order with `id` (whose hash is `hash`).
    pub(crate) fn find(&self, arena: &Arena, hash: u64, id: &I::Id) -> Option<OrderKey> {
        self.table
            .find(hash, |&key| {
                arena.get(key).is_some_and(|e| I::matches(&e.order, id))
            })
            .copied()
    }

    /// The order with `id`: [`IdIndex::hash`] then [`IdIndex::find`].
    pub(crate) fn get(&self, arena: &Arena, id: &I::Id) -> Option<OrderKey> {
        self.find(arena, self.hash(id), id)
    }

    /// The place to file an order with `id` (whose hash is `hash`) once it has a
    /// key, or the key of the order that has `id` already. One probe for both.
    pub(crate) fn vacant(
        &mut self,
        arena: &Arena,
        hash: u64,
        id: &I::Id,
    ) -> Result<VacantEntry<'_, OrderKey>, OrderKey> {
        let hasher = &self.hasher;
        let slot = self.table.entry(
            hash,
            |&key| arena.get(key).is_some_and(|e| I::matches(&e.order, id)),
            |&k| rehash::<I>(hasher, arena, k),
        );
        match slot {
            Slot::Vacant(vacant) => Ok(vacant),
            Slot::Occupied(occupied) => Err(*occupied.get()),
        }
    }

    /// Files `key`, which must be in `arena` already, under `hash`. The caller has
    /// checked that no other order has its id.
    pub(crate) fn insert(&mut self, arena: &Arena, hash: u64, key: OrderKey) {
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, key, |&k| rehash::<I>(hasher, arena, k));
    }

    /// Removes `key`, filed under `hash`; whether it was there. Compares keys
    /// only, so the order may already have left the arena.
    pub(crate) fn remove(&mut self, hash: u64, key: OrderKey) -> bool {
        self.table
            .find_entry(hash, |&k| k == key)
            .map(|entry| entry.remove())
            .is_ok()
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Every entry, in no particular order, for the invariant checker.
    pub(crate) fn keys(&self) -> impl Iterator<Item = OrderKey> + '_ {
        self.table.iter().copied()
    }

    /// Bytes of heap the table holds, control bytes included.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.allocation_size()
    }
}

impl IdIndex<ByClientId> {
    /// The 32-bit hash of `id` ([`client_hash`]).
    #[inline]
    pub(crate) fn client_hash(&self, id: &ClientOrderId) -> u32 {
        client_hash(&self.hasher, id)
    }
}
