//! A [`Mutant`] is driven as any tracker under test: each call goes to the
//! real tracker, through its bug.

use ordertrack::{
    AnyOrder, Callbacks, ExecutionReport, FailReason, OrderKey, OrderTracker, Outcome, Symbol,
    TrackError,
};

use super::{Mutant, MutantKind};
use crate::harness::TrackerUnderTest;

impl TrackerUnderTest for Mutant {
    fn tracker(&self) -> &OrderTracker {
        &self.inner
    }

    fn tracker_mut(&mut self) -> &mut OrderTracker {
        &mut self.inner
    }

    fn register(
        &mut self,
        order: AnyOrder,
        callbacks: Option<Callbacks>,
    ) -> Result<OrderKey, TrackError> {
        let result = match (self.kind, callbacks) {
            (MutantKind::SilentCallbacks, _) | (_, None) => self.inner.register(order),
            (_, Some(c)) => self.inner.register_with_callbacks(order, c),
        };
        if let Ok(key) = result {
            self.last_registered = Some(key);
        }
        self.refresh();
        result
    }

    fn unregister(&mut self, key: OrderKey) -> Option<AnyOrder> {
        let result = self.inner.unregister(self.alias(key));
        self.refresh();
        result
    }

    fn set_callbacks(&mut self, key: OrderKey, callbacks: Callbacks) -> Result<(), TrackError> {
        let key = self.alias(key);
        if self.kind == MutantKind::SilentCallbacks {
            return self
                .inner
                .get(key)
                .map(drop)
                .ok_or(TrackError::StaleKey { key });
        }
        self.inner.set_callbacks(key, callbacks)
    }

    fn get(&self, key: OrderKey) -> Option<&AnyOrder> {
        let key = self.alias(key);
        self.shadow.get(&key).or_else(|| self.inner.get(key))
    }

    fn active_by_symbol(&self, symbol: &Symbol) -> Vec<(OrderKey, &AnyOrder)> {
        if self.kind == MutantKind::TerminalStaysLive {
            return self.live_on(symbol);
        }
        self.inner.active_by_symbol(symbol).collect()
    }

    fn count_active_by_symbol(&self, symbol: &Symbol) -> usize {
        if self.kind == MutantKind::TerminalStaysLive {
            return self.live_on(symbol).len();
        }
        self.inner.count_active_by_symbol(symbol)
    }

    fn place(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        let result = self.inner.place(self.alias(key), now);
        self.refresh();
        result
    }

    fn cancel(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        let result = self.inner.cancel(self.alias(key), now);
        self.refresh();
        result
    }

    fn place_failed(
        &mut self,
        key: OrderKey,
        reason: FailReason,
        now: u64,
    ) -> Result<(), TrackError> {
        let result = self.inner.place_failed(self.alias(key), reason, now);
        self.refresh();
        result
    }

    fn place_in_doubt(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        let key = self.alias(key);
        let result = if self.kind == MutantKind::TimeoutIsRejection {
            let reason = FailReason::ExchangeError { code: -1007 };
            self.inner.place_failed(key, reason, now)
        } else {
            self.inner.place_in_doubt(key, now)
        };
        self.refresh();
        result
    }

    fn cancel_rejected(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        let result = self.inner.cancel_rejected(self.alias(key), now);
        self.refresh();
        result
    }

    fn apply(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
        let result = self.apply_inner(report);
        self.refresh();
        result
    }

    fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        let max_age = if self.kind == MutantKind::EarlyCleanup {
            max_age / 2
        } else {
            max_age
        };
        let removed = self
            .inner
            .cleanup_terminal(now, std::time::Duration::from_millis(max_age));
        self.refresh();
        removed
    }
}
