//! The queries: lookups by id, the orders of a bucket (borrowed iterators, no
//! allocation), counts.

use ordertrack_model::{AnyOrder, ClientOrderId, ExchangeOrderId, ParentId, SubAccountId, Symbol};

use crate::OrderKey;
use crate::index::Arena;
use crate::tracker::OrderTracker;

impl OrderTracker {
    /// The order behind `key`; `None` for a stale key.
    #[must_use]
    pub fn get(&self, key: OrderKey) -> Option<&AnyOrder> {
        self.orders.get(key).map(|e| &e.order)
    }

    /// The order with this client id.
    #[must_use]
    pub fn lookup_client(&self, client_id: &ClientOrderId) -> Option<(OrderKey, &AnyOrder)> {
        let key = self.by_client.get(&self.orders, client_id)?;
        self.get(key).map(|o| (key, o))
    }

    /// The order with this exchange id on this symbol (Binance numbers orders
    /// per symbol).
    #[must_use]
    pub fn lookup_exchange(
        &self,
        symbol: &Symbol,
        exchange_id: ExchangeOrderId,
    ) -> Option<(OrderKey, &AnyOrder)> {
        let key = self
            .by_exchange
            .get(&self.orders, &(*symbol, exchange_id))?;
        self.get(key).map(|o| (key, o))
    }

    /// Every tracked order of a sub-account, in any state.
    #[must_use]
    pub fn by_sub_account(&self, sub_account: &SubAccountId) -> Orders<'_> {
        self.orders_of(self.by_sub_account.get(sub_account))
    }

    /// The live (not terminal) orders on a symbol.
    #[must_use]
    pub fn active_by_symbol(&self, symbol: &Symbol) -> Orders<'_> {
        self.orders_of(self.live_by_symbol.get(symbol))
    }

    /// Every tracked child order of a parent algo, in any state.
    #[must_use]
    pub fn by_parent(&self, parent: &ParentId) -> Orders<'_> {
        self.orders_of(self.by_parent.get(parent))
    }

    /// Number of tracked orders of a sub-account.
    #[must_use]
    pub fn count_by_sub_account(&self, sub_account: &SubAccountId) -> usize {
        self.by_sub_account.get(sub_account).len()
    }

    /// Number of live orders on a symbol.
    #[must_use]
    pub fn count_active_by_symbol(&self, symbol: &Symbol) -> usize {
        self.live_by_symbol.get(symbol).len()
    }

    /// Number of tracked child orders of a parent.
    #[must_use]
    pub fn count_by_parent(&self, parent: &ParentId) -> usize {
        self.by_parent.get(parent).len()
    }

    /// Number of tracked orders.
    #[must_use]
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    /// Whether no order is tracked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    /// Every tracked order with its key, in arena order.
    pub fn iter(&self) -> impl Iterator<Item = (OrderKey, &AnyOrder)> {
        self.orders.iter().map(|(k, e)| (k, &e.order))
    }

    fn orders_of<'a>(&'a self, keys: &'a [OrderKey]) -> Orders<'a> {
        Orders {
            keys: keys.iter(),
            orders: &self.orders,
        }
    }
}

/// An iterator over some tracked orders, borrowed from an index: no allocation.
#[derive(Debug, Clone)]
pub struct Orders<'a> {
    keys: std::slice::Iter<'a, OrderKey>,
    orders: &'a Arena,
}

impl<'a> Orders<'a> {
    /// The keys still to come, as a slice.
    #[must_use]
    pub fn keys(&self) -> &'a [OrderKey] {
        self.keys.as_slice()
    }
}

impl<'a> Iterator for Orders<'a> {
    type Item = (OrderKey, &'a AnyOrder);

    fn next(&mut self) -> Option<Self::Item> {
        // Index entries always name live arena slots (checked by the invariants);
        // `find_map` keeps this total even if one did not.
        let orders = self.orders;
        self.keys
            .find_map(|&key| orders.get(key).map(|e| (key, &e.order)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.keys.len()))
    }
}
