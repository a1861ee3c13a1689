//! How much memory the tracker holds, for capacity planning and the memory benchmark.

use std::mem::size_of;

use crate::tracker::{Entry, OrderTracker};
use crate::OrderKey;

/// Heap bytes held by the tracker, by structure. Estimates from capacities and
/// element sizes (hash tables count one control byte per slot), excluding
/// allocator overhead and callbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUsage {
    /// The arena of orders.
    pub arena: usize,
    /// The client-id index.
    pub client_index: usize,
    /// The exchange-id index.
    pub exchange_index: usize,
    /// The sub-account, symbol and parent bucket indexes.
    pub buckets: usize,
    /// The cleanup queue.
    pub cleanup_queue: usize,
}

impl MemoryUsage {
    /// Sum of all parts.
    #[must_use]
    pub fn total(&self) -> usize {
        self.arena + self.client_index + self.exchange_index + self.buckets + self.cleanup_queue
    }
}

fn table_bytes<T>(capacity: usize) -> usize {
    capacity * (size_of::<T>() + 1)
}

impl OrderTracker {
    /// Heap bytes the tracker holds now.
    #[must_use]
    pub fn memory_usage(&self) -> MemoryUsage {
        MemoryUsage {
            // A slotmap slot is the value plus a u32 version.
            arena: self.orders.capacity() * (size_of::<Entry>() + size_of::<u32>()),
            client_index: table_bytes::<(ordertrack_model::ClientOrderId, OrderKey)>(
                self.by_client.capacity(),
            ),
            exchange_index: table_bytes::<((ordertrack_model::Symbol, ordertrack_model::ExchangeOrderId), OrderKey)>(
                self.by_exchange.capacity(),
            ),
            buckets: self.by_sub_account.heap_bytes()
                + self.live_by_symbol.heap_bytes()
                + self.by_parent.heap_bytes(),
            cleanup_queue: self.closed.capacity() * size_of::<(u64, OrderKey)>(),
        }
    }
}
