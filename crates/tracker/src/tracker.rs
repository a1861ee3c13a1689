//! The arena and its indexes: registration, removal and queries.

use std::collections::VecDeque;

use ordertrack_model::{AnyOrder, ClientOrderId, ExchangeOrderId, ParentId, SubAccountId, Symbol};
use slotmap::SlotMap;

use crate::bucket::{Buckets, Membership, NOWHERE};
use crate::callbacks::{Callbacks, HandlerSlot};
use crate::entry::{Entry, Links};
use crate::error::TrackError;
use crate::index::{Arena, ByClientId, ByExchangeId, IdIndex, spread};

slotmap::new_key_type! {
    /// A handle to a tracked order. Versioned: once its order is removed the key
    /// never reaches another order, even when the slot is reused.
    pub struct OrderKey;
}

/// Tracks orders: one arena, O(1) indexes, every change through the typestate.
///
/// Single-threaded by design: an engine's event loop owns it, and it is `Send`
/// so it can be moved to that loop's thread. To use several cores, shard by
/// sub-account: one tracker per group of sub-accounts, each on its own thread;
/// a feed event is routed to its shard by the sub-account prefix in its client id
/// ([`ClientOrderId::parse_pms`]).
#[derive(Debug, Default)]
pub struct OrderTracker {
    pub(crate) orders: Arena,
    pub(crate) by_client: IdIndex<ByClientId>,
    pub(crate) by_exchange: IdIndex<ByExchangeId>,
    pub(crate) by_sub_account: Buckets<SubAccountId>,
    pub(crate) live_by_symbol: Buckets<Symbol>,
    pub(crate) by_parent: Buckets<ParentId>,
    /// Terminal orders in the order they closed: `(stamp, key)`, stamps
    /// non-decreasing. Each tracked terminal order has exactly one entry (a
    /// terminal order never reopens, and keys are never reused).
    pub(crate) closed: VecDeque<(u64, OrderKey)>,
    /// Entries of `closed` whose order was unregistered before cleanup reached it.
    pub(crate) closed_orphans: usize,
    /// The one handler the orders' asked-for events go to.
    pub(crate) handler: HandlerSlot,
}

impl OrderTracker {
    /// An empty tracker.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty tracker with room for `capacity` orders before any reallocation.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            orders: SlotMap::with_capacity_and_key(capacity),
            by_client: IdIndex::with_capacity(capacity),
            by_exchange: IdIndex::with_capacity(capacity),
            closed: VecDeque::with_capacity(capacity),
            ..Self::default()
        }
    }

    /// Starts tracking an order, in whatever state it is.
    ///
    /// # Errors
    /// [`TrackError::DuplicateClientId`] when its client id is tracked already, and
    /// [`TrackError::ExchangeIdTaken`] when its exchange id belongs to another
    /// tracked order; nothing changes then.
    #[inline]
    pub fn register(&mut self, order: impl Into<AnyOrder>) -> Result<OrderKey, TrackError> {
        self.register_inner(order.into(), Callbacks::new())
    }

    /// [`OrderTracker::register`] with callbacks attached from the start: the
    /// order's events in `callbacks` go to the tracker's handler
    /// ([`OrderTracker::set_handler`]).
    ///
    /// # Errors
    /// As [`OrderTracker::register`].
    #[inline]
    pub fn register_with_callbacks(
        &mut self,
        order: impl Into<AnyOrder>,
        callbacks: Callbacks,
    ) -> Result<OrderKey, TrackError> {
        self.register_inner(order.into(), callbacks)
    }

    /// Each id is hashed once and probed once: the probe that checks it is free
    /// also finds the place it is filed at, once the order has its key.
    fn register_inner(
        &mut self,
        order: AnyOrder,
        callbacks: Callbacks,
    ) -> Result<OrderKey, TrackError> {
        let client_id = order.client_id();
        let client_hash = self.by_client.client_hash(&client_id);
        let Ok(client_slot) = self
            .by_client
            .vacant(&self.orders, spread(client_hash), &client_id)
        else {
            return Err(TrackError::DuplicateClientId { client_id });
        };
        let symbol = order.symbol();
        let exchange_slot = match order.exchange_id() {
            Some(exchange_id) => {
                let id = (symbol, exchange_id);
                let hash = self.by_exchange.hash(&id);
                match self.by_exchange.vacant(&self.orders, hash, &id) {
                    Ok(slot) => Some(slot),
                    Err(holder) => {
                        return Err(exchange_id_taken(&self.orders, id, holder, client_id));
                    }
                }
            }
            None => None,
        };
        let (sub_account, parent) = (order.sub_account(), order.parent());
        let (live, closed_at) = (!order.status().is_terminal(), order.closed_at());
        let key = self.orders.insert(Entry {
            order,
            links: Links::new(callbacks),
        });
        let mut links = Links::new(callbacks);
        links.sub_account = self.by_sub_account.insert(sub_account, key).position;
        if let Some(parent) = parent {
            let at = self.by_parent.insert(parent, key);
            links.parent = at.position;
            links.set_parent_slot(at.bucket);
        }
        if live {
            links.set_live(self.live_by_symbol.insert(symbol, key).position);
        } else {
            links.close(client_hash);
        }
        if let Some(entry) = self.orders.get_mut(key) {
            entry.links = links;
        }
        client_slot.insert(key);
        if let Some(slot) = exchange_slot {
            slot.insert(key);
        }
        if let Some(closed_at) = closed_at {
            self.push_closed(key, closed_at);
        }
        Ok(key)
    }

    /// Stops tracking an order and hands it back; `None` for a stale key.
    ///
    /// A terminal order's cleanup-queue entry is left behind (cleanup skips it);
    /// once such entries make up half the queue, the queue is compacted, so
    /// the cost stays O(1) amortised and the queue never outgrows the orders.
    pub fn unregister(&mut self, key: OrderKey) -> Option<AnyOrder> {
        if !self.unlink(key) {
            return None;
        }
        let order = self.orders.remove(key)?.order;
        if order.status().is_terminal() {
            self.closed_orphans += 1;
            if self.closed_orphans * 2 > self.closed.len() {
                let orders = &self.orders;
                self.closed.retain(|&(_, k)| orders.contains_key(k));
                self.closed_orphans = 0;
            }
        }
        Some(order)
    }

    /// Takes the order `key` out of every index but the cleanup queue, reading
    /// it where it is (the arena keeps it); whether it is tracked.
    pub(crate) fn unlink(&mut self, key: OrderKey) -> bool {
        match self.orders.get(key) {
            Some(entry) => {
                let filed = self.filed(entry);
                self.unfile(key, &filed);
                true
            }
            None => false,
        }
    }

    /// Where `entry` is filed in every index but the cleanup queue.
    #[inline(always)]
    pub(crate) fn filed(&self, entry: &Entry) -> Filed {
        let (order, links) = (&entry.order, entry.links);
        let symbol = order.symbol();
        let parent = match (links.parent, links.parent_slot()) {
            (NOWHERE, _) => None,
            (position, Some(bucket)) => Some(Membership { bucket, position }),
            (position, None) => order
                .parent()
                .and_then(|parent| self.by_parent.slot(&parent))
                .map(|bucket| Membership { bucket, position }),
        };
        Filed {
            client_hash: links
                .client_hash()
                .map_or_else(|| self.by_client.hash(&order.client_id()), spread),
            exchange_hash: order
                .exchange_id()
                .map(|id| self.by_exchange.hash(&(symbol, id))),
            sub_account: (order.sub_account(), links.sub_account),
            live: (symbol, links.live()),
            parent,
        }
    }

    /// Takes the order `key` out of every index where `filed` says it is but
    /// the cleanup queue (the arena keeps it).
    #[inline(always)]
    pub(crate) fn unfile(&mut self, key: OrderKey, filed: &Filed) {
        if !self.by_client.remove(filed.client_hash, key)
            && let Some(entry) = self.orders.get(key)
        {
            // A kept hash that is not the one it is filed under (the invariant
            // checker reports it): found by hashing its id after all.
            let hash = self.by_client.hash(&entry.order.client_id());
            self.by_client.remove(hash, key);
        }
        if let Some(hash) = filed.exchange_hash {
            self.by_exchange.remove(hash, key);
        }
        let (sub_account, position) = filed.sub_account;
        if let Some(moved) = self.by_sub_account.remove(&sub_account, position)
            && let Some(m) = self.orders.get_mut(moved)
        {
            m.links.sub_account = position;
        }
        if let Some(at) = filed.parent
            && let Some(moved) = self.by_parent.remove_at(at)
            && let Some(m) = self.orders.get_mut(moved)
        {
            m.links.parent = at.position;
        }
        let (symbol, position) = filed.live;
        if position != NOWHERE {
            self.remove_live(&symbol, position);
        }
    }

    /// Takes the order at `position` out of `symbol`'s live bucket.
    pub(crate) fn remove_live(&mut self, symbol: &Symbol, position: u32) {
        if let Some(moved) = self.live_by_symbol.remove(symbol, position)
            && let Some(m) = self.orders.get_mut(moved)
        {
            m.links.set_live(position);
        }
    }

    /// Appends a newly terminal order to the cleanup queue. Stamps never go
    /// backwards, so the queue stays time-ordered even when the feed is not.
    pub(crate) fn push_closed(&mut self, key: OrderKey, closed_at: u64) {
        let stamp = self
            .closed
            .back()
            .map_or(closed_at, |&(last, _)| last.max(closed_at));
        self.closed.push_back((stamp, key));
    }

    /// Sets which of an order's events go to the tracker's handler (replacing
    /// what was set).
    ///
    /// # Errors
    /// [`TrackError::StaleKey`] when the key names no tracked order.
    pub fn set_callbacks(&mut self, key: OrderKey, callbacks: Callbacks) -> Result<(), TrackError> {
        let entry = self
            .orders
            .get_mut(key)
            .ok_or(TrackError::StaleKey { key })?;
        entry.links.set_callbacks(callbacks);
        Ok(())
    }
}

/// Where a tracked order is filed, read from it once: the hashes of its ids,
/// and its buckets with its positions there.
pub(crate) struct Filed {
    client_hash: u64,
    exchange_hash: Option<u64>,
    sub_account: (SubAccountId, u32),
    /// Its symbol, and its position in the symbol's live bucket ([`NOWHERE`]
    /// once terminal).
    live: (Symbol, u32),
    parent: Option<Membership>,
}

/// The error for an exchange id `id` that `holder` already has, found while
/// binding it to the order `client_id`.
pub(crate) fn exchange_id_taken(
    orders: &Arena,
    (symbol, exchange_id): (Symbol, ExchangeOrderId),
    holder: OrderKey,
    client_id: ClientOrderId,
) -> TrackError {
    let holder_client_id = orders
        .get(holder)
        .map_or(client_id, |entry| entry.order.client_id());
    TrackError::ExchangeIdTaken {
        symbol,
        exchange_id,
        holder,
        holder_client_id,
        client_id,
    }
}
