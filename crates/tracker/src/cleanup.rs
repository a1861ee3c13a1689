//! Removal of terminal orders by age, from a time-ordered queue: the cost is
//! proportional to what is removed, not to what is tracked.

use std::time::Duration;

use ordertrack_model::AnyOrder;

use crate::tracker::OrderTracker;

impl OrderTracker {
    /// Removes terminal orders that closed more than `max_age` before `now`
    /// (ms, the feed's clock); returns how many were removed. The age is a
    /// [`Duration`], so the two arguments cannot be swapped.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ordertrack::OrderTracker;
    ///
    /// let mut tracker = OrderTracker::new();
    /// assert_eq!(tracker.cleanup_terminal(1_764_000_000_000, Duration::from_secs(300)), 0);
    /// ```
    ///
    /// Ages are measured from the order's place in the cleanup queue: the time it
    /// closed, or the latest close time queued before it when the feed delivered
    /// closes out of order (the queue's stamps never go backwards), so an order is
    /// never removed early. Queue entries of orders already unregistered are
    /// dropped on the way, each once.
    pub fn cleanup_terminal(&mut self, now: u64, max_age: Duration) -> usize {
        self.cleanup_terminal_with(now, max_age, |_| {})
    }

    /// [`OrderTracker::cleanup_terminal`], handing each removed order to
    /// `on_removed` as it goes (to remember its client id, say: an adapter that
    /// adopts unknown orders of ours from the feed must not adopt a removed one
    /// again when the exchange redelivers one of its events).
    pub fn cleanup_terminal_with(
        &mut self,
        now: u64,
        max_age: Duration,
        mut on_removed: impl FnMut(&AnyOrder),
    ) -> usize {
        let max_age = u64::try_from(max_age.as_millis()).unwrap_or(u64::MAX);
        let mut removed = 0;
        while let Some(&(stamp, key)) = self.closed.front() {
            let entry = self
                .orders
                .get(key)
                .filter(|e| e.order.status().is_terminal());
            if entry.is_some() && now.saturating_sub(stamp) <= max_age {
                break;
            }
            self.closed.pop_front();
            let Some(entry) = entry else {
                self.closed_orphans = self.closed_orphans.saturating_sub(1);
                continue;
            };
            // Read and handed over where it lies, and dropped there: never moved.
            let filed = self.filed(entry);
            on_removed(&entry.order);
            self.unfile(key, &filed);
            self.orders.remove(key);
            removed += 1;
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ordertrack_model::*;

    use crate::OrderTracker;

    fn cancelled(i: u64) -> AnyOrder {
        let sub = SubAccountId::new("subacct01").unwrap();
        let mut spec = NewOrder::limit(
            sub,
            Origin::Manual,
            Symbol::new("BTCUSDT").unwrap(),
            Side::Buy,
            Qty::parse("1").unwrap(),
            Price::parse("100").unwrap(),
            i,
        );
        spec.client_id = ClientOrderId::with_unique(&sub, Origin::Manual, u128::from(i));
        let mut order = AnyOrder::sent(spec, i).unwrap();
        let _ = order.view_mut::<Placing>().unwrap().cancelled(None, i);
        order
    }

    #[test]
    fn unregistering_terminal_orders_never_lets_the_queue_outgrow_them() {
        let mut tracker = OrderTracker::new();
        let keys: Vec<_> = (0..1_000)
            .map(|i| tracker.register(cancelled(i)).unwrap())
            .collect();
        for (n, key) in keys.iter().enumerate() {
            assert!(tracker.unregister(*key).is_some());
            let remaining = 1_000 - n - 1;
            // Compaction keeps orphans at most half the queue.
            assert!(tracker.closed.len() <= 2 * remaining + 1, "{n}");
            tracker.check_invariants().unwrap();
        }
        assert!(tracker.closed.is_empty());
        assert_eq!(tracker.cleanup_terminal(u64::MAX, Duration::ZERO), 0);
    }

    #[test]
    fn cleanup_skips_orphans_once_and_keeps_the_count_exact() {
        let mut tracker = OrderTracker::new();
        let a = tracker.register(cancelled(1)).unwrap();
        let b = tracker.register(cancelled(2)).unwrap();
        let c = tracker.register(cancelled(3)).unwrap();
        tracker.unregister(a).unwrap();
        assert_eq!(tracker.closed_orphans, 1);
        tracker.check_invariants().unwrap();
        assert_eq!(
            tracker.cleanup_terminal(1_000, Duration::from_millis(997)),
            1
        ); // b (age 998) goes, c (age 997) stays
        assert_eq!(tracker.closed_orphans, 0);
        assert!(tracker.get(b).is_none() && tracker.get(c).is_some());
        tracker.check_invariants().unwrap();
    }

    #[test]
    fn cleanup_with_hands_over_exactly_the_orders_it_removes() {
        let mut tracker = OrderTracker::new();
        for i in 1..=5 {
            tracker.register(cancelled(i)).unwrap();
        }
        let mut removed = Vec::new();
        let count = tracker.cleanup_terminal_with(1_000, Duration::from_millis(997), |order| {
            removed.push(order.client_id())
        });
        // Closed at 1 and 2 are older than 997 ms at 1,000; 3, 4, 5 are not.
        assert_eq!(count, 2);
        assert_eq!(
            removed,
            [cancelled(1).client_id(), cancelled(2).client_id()]
        );
        assert_eq!(tracker.len(), 3);
        tracker.check_invariants().unwrap();
    }
}
