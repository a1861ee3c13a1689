//! Removal of terminal orders by age, from a time-ordered queue: the cost is
//! proportional to what is removed, not to what is tracked.

use crate::tracker::OrderTracker;

impl OrderTracker {
    /// Removes terminal orders that closed more than `max_age` ms before `now`;
    /// returns how many were removed.
    ///
    /// Ages are measured from the order's place in the cleanup queue: the time it
    /// closed, or the latest close time queued before it when the feed delivered
    /// closes out of order (the queue's stamps never go backwards), so an order is
    /// never removed early. Queue entries of orders already unregistered are
    /// dropped on the way, each once.
    pub fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        let mut removed = 0;
        while let Some(&(stamp, key)) = self.closed.front() {
            let tracked = self
                .orders
                .get(key)
                .is_some_and(|e| e.closed_stamp == Some(stamp));
            if tracked && now.saturating_sub(stamp) <= max_age {
                break;
            }
            self.closed.pop_front();
            if tracked && self.unregister(key).is_some() {
                removed += 1;
            }
        }
        removed
    }
}
