//! The tracker the harness drives: [`TrackerUnderTest`], implemented by the
//! real [`OrderTracker`] and by the broken ones of [`crate::mutants`].

use ordertrack::{
    AnyOrder, Callbacks, ClientOrderId, ExchangeOrderId, ExecutionReport, FailReason, OrderKey,
    OrderTracker, Outcome, ParentId, SubAccountId, Symbol, TrackError, Violation,
};

/// A tracker the harness can drive: the real [`OrderTracker`], or a wrapper
/// around it that breaks one rule ([`crate::mutants`]). Every method defaults to
/// the wrapped tracker's.
#[allow(
    missing_docs,
    reason = "each method is the OrderTracker method of the same name"
)]
pub trait TrackerUnderTest {
    /// The wrapped tracker.
    fn tracker(&self) -> &OrderTracker;
    /// The wrapped tracker, mutably.
    fn tracker_mut(&mut self) -> &mut OrderTracker;

    /// `register`, or `register_with_callbacks` when `callbacks` is given.
    fn register(
        &mut self,
        order: AnyOrder,
        callbacks: Option<Callbacks>,
    ) -> Result<OrderKey, TrackError> {
        match callbacks {
            Some(c) => self.tracker_mut().register_with_callbacks(order, c),
            None => self.tracker_mut().register(order),
        }
    }
    fn unregister(&mut self, key: OrderKey) -> Option<AnyOrder> {
        self.tracker_mut().unregister(key)
    }
    fn set_callbacks(&mut self, key: OrderKey, callbacks: Callbacks) -> Result<(), TrackError> {
        self.tracker_mut().set_callbacks(key, callbacks)
    }
    fn get(&self, key: OrderKey) -> Option<&AnyOrder> {
        self.tracker().get(key)
    }
    fn lookup_client(&self, client_id: &ClientOrderId) -> Option<(OrderKey, &AnyOrder)> {
        self.tracker().lookup_client(client_id)
    }
    fn lookup_exchange(
        &self,
        symbol: &Symbol,
        exchange_id: ExchangeOrderId,
    ) -> Option<(OrderKey, &AnyOrder)> {
        self.tracker().lookup_exchange(symbol, exchange_id)
    }
    fn by_sub_account(&self, sub_account: &SubAccountId) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().by_sub_account(sub_account).collect()
    }
    fn active_by_symbol(&self, symbol: &Symbol) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().active_by_symbol(symbol).collect()
    }
    fn by_parent(&self, parent: &ParentId) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().by_parent(parent).collect()
    }
    fn count_by_sub_account(&self, sub_account: &SubAccountId) -> usize {
        self.tracker().count_by_sub_account(sub_account)
    }
    fn count_active_by_symbol(&self, symbol: &Symbol) -> usize {
        self.tracker().count_active_by_symbol(symbol)
    }
    fn count_by_parent(&self, parent: &ParentId) -> usize {
        self.tracker().count_by_parent(parent)
    }
    fn len(&self) -> usize {
        self.tracker().len()
    }
    fn is_empty(&self) -> bool {
        self.tracker().is_empty()
    }
    fn iter(&self) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().iter().collect()
    }
    fn place(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().place(key, now)
    }
    fn cancel(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().cancel(key, now)
    }
    fn place_failed(
        &mut self,
        key: OrderKey,
        reason: FailReason,
        now: u64,
    ) -> Result<(), TrackError> {
        self.tracker_mut().place_failed(key, reason, now)
    }
    fn place_in_doubt(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().place_in_doubt(key, now)
    }
    fn cancel_rejected(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().cancel_rejected(key, now)
    }
    fn apply(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
        self.tracker_mut().apply(report)
    }
    fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        self.tracker_mut()
            .cleanup_terminal(now, std::time::Duration::from_millis(max_age))
    }
    fn check_invariants(&self) -> Result<(), Vec<Violation>> {
        self.tracker().check_invariants()
    }
}

impl TrackerUnderTest for OrderTracker {
    fn tracker(&self) -> &OrderTracker {
        self
    }
    fn tracker_mut(&mut self) -> &mut OrderTracker {
        self
    }
}
