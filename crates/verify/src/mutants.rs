//! Deliberately broken trackers, to show the checks have teeth.
//!
//! A [`Mutant`] wraps a real [`OrderTracker`] and breaks exactly one rule, the
//! way a plausible bug would: it answers wrongly, routes wrongly, forgets, or
//! changes things it must not. `tests/teeth.rs` asserts that proptest finds a
//! failing op sequence for every [`MutantKind`], through the reference model and,
//! where the bug is one a named property describes, through that property alone.
//!
//! A wrapper can only misbehave through the tracker's public API: it cannot
//! corrupt the tracker's indexes, so these mutants do not exercise
//! `check_invariants()`. The invariant checker's own teeth are its unit tests in
//! `crates/tracker/src/invariants/tests.rs`, which corrupt the indexes directly.

use std::collections::{HashMap, HashSet};

use ordertrack::{
    AnyOrder, Applied, Callbacks, ExecutionReport, ExecutionType, FailReason, FillApplied,
    OrderKey, OrderStatus, OrderTracker, Outcome, Placing, Price, Qty, ReportStatus, Symbol,
    TrackError, TradeId, UnknownOrder,
};
use ordertrack_model::testing::report_for;

use crate::harness::TrackerUnderTest;

/// The bug a [`Mutant`] carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MutantKind {
    /// Reports a duplicate fill as a new partial fill (a trade counted twice).
    DuplicateCountedAgain,
    /// Never routes by (symbol, exchange id): a report without a tracked client
    /// id is `Unknown`.
    NoExchangeRouting,
    /// Silently drops every fill after an order's first, answering `Duplicate`.
    DropsFills,
    /// `active_by_symbol` and its count include terminal orders.
    TerminalStaysLive,
    /// `cleanup_terminal` uses half the maximum age: removes orders too early.
    EarlyCleanup,
    /// A stale key reaches the most recently registered order.
    StaleKeyAliasing,
    /// A placement timeout (`place_in_doubt`) fails the order.
    TimeoutIsRejection,
    /// A report the order refuses removes the order (a failed operation that
    /// changes something).
    NonAtomicErrors,
    /// Callbacks are accepted and never called.
    SilentCallbacks,
    /// A cancelled order that takes a late fill shows up `Active` again.
    ReopensOnLateFill,
    /// `get` shows one extra fill of 10⁻⁸ at price 10⁻⁸ on partly filled orders.
    PhantomFill,
    /// `get` shows cancelled and expired orders without their fills.
    ForgetsFillsOnClose,
}

impl MutantKind {
    /// Every mutant.
    pub const ALL: [Self; 12] = [
        Self::DuplicateCountedAgain,
        Self::NoExchangeRouting,
        Self::DropsFills,
        Self::TerminalStaysLive,
        Self::EarlyCleanup,
        Self::StaleKeyAliasing,
        Self::TimeoutIsRejection,
        Self::NonAtomicErrors,
        Self::SilentCallbacks,
        Self::ReopensOnLateFill,
        Self::PhantomFill,
        Self::ForgetsFillsOnClose,
    ];

    /// The named properties ([`crate::properties::ALL`]) that catch this bug
    /// each on its own, without the reference model; empty when only the model
    /// does.
    #[must_use]
    pub const fn properties(self) -> &'static [&'static str] {
        match self {
            Self::DuplicateCountedAgain => &["no_trade_id_counted_twice"],
            Self::StaleKeyAliasing => &["stale_key_never_reaches_another_order"],
            Self::TimeoutIsRejection => &["only_definitive_rejection_fails_an_order"],
            Self::NonAtomicErrors => &["failed_operation_changed_nothing"],
            Self::ReopensOnLateFill => &[
                "terminal_states_are_absorbing",
                "cancelled_order_never_reopened",
            ],
            Self::PhantomFill => &[
                "average_fill_price_within_fill_range",
                "no_trade_id_counted_twice",
            ],
            Self::ForgetsFillsOnClose => &["filled_qty_never_decreases_nor_exceeds_quantity"],
            Self::NoExchangeRouting
            | Self::DropsFills
            | Self::TerminalStaysLive
            | Self::EarlyCleanup
            | Self::SilentCallbacks => &[],
        }
    }

    /// Whether the bug is in what `get` shows (a doctored view of the order).
    const fn is_view(self) -> bool {
        matches!(
            self,
            Self::ReopensOnLateFill | Self::PhantomFill | Self::ForgetsFillsOnClose
        )
    }
}

/// A real tracker with one bug.
#[derive(Debug)]
pub struct Mutant {
    inner: OrderTracker,
    kind: MutantKind,
    last_registered: Option<OrderKey>,
    reopened: HashSet<OrderKey>,
    shadow: HashMap<OrderKey, AnyOrder>,
}

impl Mutant {
    /// An empty tracker with the bug `kind`.
    #[must_use]
    pub fn new(kind: MutantKind) -> Self {
        Self {
            inner: OrderTracker::new(),
            kind,
            last_registered: None,
            reopened: HashSet::new(),
            shadow: HashMap::new(),
        }
    }

    /// Its bug.
    #[must_use]
    pub fn kind(&self) -> MutantKind {
        self.kind
    }

    /// The key a stale key is (wrongly) taken for.
    fn alias(&self, key: OrderKey) -> OrderKey {
        match (self.kind, self.inner.get(key), self.last_registered) {
            (MutantKind::StaleKeyAliasing, None, Some(last)) => last,
            _ => key,
        }
    }

    /// Recomputes the doctored views after a change.
    fn refresh(&mut self) {
        if !self.kind.is_view() {
            return;
        }
        self.reopened.retain(|&k| self.inner.get(k).is_some());
        let mut shadow = HashMap::new();
        for (key, order) in self.inner.iter() {
            if let Some(view) = self.doctor(key, order) {
                shadow.insert(key, view);
            }
        }
        self.shadow = shadow;
    }

    fn doctor(&self, key: OrderKey, order: &AnyOrder) -> Option<AnyOrder> {
        let spec = *order.spec();
        let at = order.updated_at();
        match self.kind {
            MutantKind::ReopensOnLateFill if self.reopened.contains(&key) => {
                let id = order
                    .exchange_id()
                    .unwrap_or(ordertrack::ExchangeOrderId(0));
                let mut active = AnyOrder::sent(spec, at).ok()?;
                let _ = active.view_mut::<Placing>()?.acknowledge(id, at);
                Some(active)
            }
            MutantKind::PhantomFill
                if !order.filled_qty().is_zero() && order.filled_qty() < order.quantity() =>
            {
                let mut view = order.clone();
                let qty = Qty::from_units(1)?;
                // PARTIALLY_FILLED even when the unit is all that remains.
                let report = report_for(order, ExecutionType::Trade, at)
                    .fill(TradeId(u64::MAX), qty, Price::from_units(1)?)
                    .status(ReportStatus::PartiallyFilled)
                    .build();
                view.apply(&report).ok()?;
                Some(view)
            }
            MutantKind::ForgetsFillsOnClose
                if !order.filled_qty().is_zero()
                    && matches!(
                        order.status(),
                        OrderStatus::Cancelled | OrderStatus::Expired
                    ) =>
            {
                let mut cancelled = AnyOrder::sent(spec, at).ok()?;
                let _ = cancelled
                    .view_mut::<Placing>()?
                    .cancelled(order.exchange_id(), at);
                Some(cancelled)
            }
            _ => None,
        }
    }

    fn routed(&self, report: &ExecutionReport) -> Option<(OrderKey, &AnyOrder)> {
        report
            .client_id
            .and_then(|c| self.inner.lookup_client(&c))
            .or_else(|| {
                report
                    .exchange_id
                    .and_then(|x| self.inner.lookup_exchange(&report.symbol, x))
            })
    }

    fn apply_inner(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
        match self.kind {
            MutantKind::NoExchangeRouting => {
                let by_client = report
                    .client_id
                    .is_some_and(|c| self.inner.lookup_client(&c).is_some());
                if !by_client {
                    return Ok(Outcome::Unknown(UnknownOrder {
                        client_id: report.client_id,
                        exchange_id: report.exchange_id,
                        symbol: report.symbol,
                        ours: report.client_id.and_then(|c| c.parse_pms()),
                    }));
                }
            }
            MutantKind::DropsFills => {
                if let (Some((key, order)), Some(fill)) = (self.routed(report), report.fill)
                    && report.execution.is_fill()
                    && !order.filled_qty().is_zero()
                    && !fill.qty.is_zero()
                    && !order.fills().contains(fill.trade_id)
                {
                    return Ok(Outcome::Applied {
                        key,
                        applied: Applied::Duplicate,
                    });
                }
            }
            _ => {}
        }
        let result = self.inner.apply(report);
        match (self.kind, &result) {
            (
                MutantKind::DuplicateCountedAgain,
                Ok(Outcome::Applied {
                    key,
                    applied: Applied::Duplicate,
                }),
            ) => {
                if let (Some(fill), Some(order)) = (report.fill, self.inner.get(*key)) {
                    return Ok(Outcome::Applied {
                        key: *key,
                        applied: Applied::PartiallyFilled(FillApplied {
                            trade_id: fill.trade_id,
                            qty: fill.qty,
                            price: fill.price,
                            filled_qty: order.filled_qty(),
                            unseen_qty: Qty::ZERO,
                            excess_qty: Qty::ZERO,
                        }),
                    });
                }
            }
            (MutantKind::NonAtomicErrors, Err(TrackError::Apply { key, .. })) => {
                self.inner.unregister(*key);
            }
            (
                MutantKind::ReopensOnLateFill,
                Ok(Outcome::Applied {
                    key,
                    applied: Applied::LateFill(_),
                }),
            ) if self
                .inner
                .get(*key)
                .is_some_and(|o| o.status() == OrderStatus::Cancelled) =>
            {
                self.reopened.insert(*key);
            }
            _ => {}
        }
        result
    }

    fn live_on(&self, symbol: &Symbol) -> Vec<(OrderKey, &AnyOrder)> {
        self.inner
            .iter()
            .filter(|(_, o)| o.symbol() == *symbol)
            .collect()
    }
}

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
