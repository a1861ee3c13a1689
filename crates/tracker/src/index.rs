//! The client-id and exchange-id indexes: hash tables of bare order keys.
//!
//! An id is stored once, in its order in the arena. The tables hold only the 8-byte
//! [`OrderKey`] and hash and compare through the arena, so an index entry costs
//! 8 bytes plus hashbrown's control byte instead of a copy of the id (40 to 56
//! bytes), and the tables stay small enough to stay in cache.

use std::hash::BuildHasher;
use std::marker::PhantomData;

use hashbrown::{DefaultHashBuilder, HashTable};
use ordertrack_model::{AnyOrder, ClientOrderId, ExchangeOrderId, Symbol};
use slotmap::SlotMap;

use crate::OrderKey;
use crate::tracker::Entry;

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
}

/// Keys orders by client order id; every order has one.
#[derive(Debug)]
pub(crate) enum ByClientId {}

impl IndexedId for ByClientId {
    type Id = ClientOrderId;

    fn of(order: &AnyOrder) -> Option<ClientOrderId> {
        Some(order.spec().client_id)
    }

    fn matches(order: &AnyOrder, id: &ClientOrderId) -> bool {
        order.spec().client_id == *id
    }
}

/// Keys orders by (symbol, exchange order id): Binance numbers orders per symbol.
#[derive(Debug)]
pub(crate) enum ByExchangeId {}

impl IndexedId for ByExchangeId {
    type Id = (Symbol, ExchangeOrderId);

    fn of(order: &AnyOrder) -> Option<(Symbol, ExchangeOrderId)> {
        order.exchange_id().map(|id| (order.spec().symbol, id))
    }

    fn matches(order: &AnyOrder, id: &(Symbol, ExchangeOrderId)) -> bool {
        order.exchange_id() == Some(id.1) && order.spec().symbol == id.0
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
        self.hasher.hash_one(id)
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

    /// Files `key`, which must be in `arena` already, under `hash`. The caller has
    /// checked that no other order has its id.
    pub(crate) fn insert(&mut self, arena: &Arena, hash: u64, key: OrderKey) {
        let hasher = &self.hasher;
        self.table.insert_unique(hash, key, |&k| {
            arena
                .get(k)
                .and_then(|e| I::of(&e.order))
                .map_or(0, |id| hasher.hash_one(&id))
        });
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
