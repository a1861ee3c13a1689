//! How much memory the tracker holds, for capacity planning and the memory benchmark.

use std::mem::{ManuallyDrop, size_of};

use crate::OrderKey;
use crate::entry::Entry;
use crate::tracker::OrderTracker;

/// Heap bytes held by the tracker, by structure: the sizes of its allocations
/// (hash tables as hashbrown allocates them, with their control bytes; the arena's
/// slots with their version and padding), excluding the allocator's own overhead
/// and callbacks. Checked against a counting allocator in `tests/alloc_free.rs`.
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

/// slotmap's slot (`slotmap::basic::Slot`, private), mirrored field for field so
/// the compiler lays it out the same: the value or a `u32` free-list link, and a
/// `u32` version. Never built; only its size is read.
#[allow(
    dead_code,
    reason = "a layout mirror: never constructed, its fields never read"
)]
struct Slot<T> {
    u: SlotUnion<T>,
    version: u32,
}

/// The mirror of slotmap's `SlotUnion`: an occupied slot's value, or the next free slot.
#[allow(
    dead_code,
    reason = "a layout mirror: never constructed, its fields never read"
)]
union SlotUnion<T> {
    value: ManuallyDrop<T>,
    next_free: u32,
}

impl OrderTracker {
    /// Heap bytes the tracker holds now.
    #[must_use]
    pub fn memory_usage(&self) -> MemoryUsage {
        MemoryUsage {
            // `capacity()` leaves out slotmap's sentinel slot 0.
            arena: (self.orders.capacity() + 1) * size_of::<Slot<Entry>>(),
            client_index: self.by_client.heap_bytes(),
            exchange_index: self.by_exchange.heap_bytes(),
            buckets: self.by_sub_account.heap_bytes()
                + self.live_by_symbol.heap_bytes()
                + self.by_parent.heap_bytes(),
            cleanup_queue: self.closed.capacity() * size_of::<(u64, OrderKey)>(),
        }
    }
}
