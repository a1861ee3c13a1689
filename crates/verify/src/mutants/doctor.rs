//! How a [`Mutant`] misbehaves: the key a stale key is taken for, the
//! doctored views `get` shows, and the reports it routes or answers wrongly.

use std::collections::HashMap;

use ordertrack::{
    AnyOrder, Applied, ExecutionReport, ExecutionType, FillApplied, NewOrder, OrderKey,
    OrderStatus, Outcome, Placing, Price, Qty, ReportStatus, Symbol, TrackError, TradeId,
    UnknownOrder,
};
use ordertrack_model::testing::report_for;

use super::{Mutant, MutantKind};

impl Mutant {
    /// The key a stale key is (wrongly) taken for.
    pub(super) fn alias(&self, key: OrderKey) -> OrderKey {
        match (self.kind, self.inner.get(key), self.last_registered) {
            (MutantKind::StaleKeyAliasing, None, Some(last)) => last,
            _ => key,
        }
    }

    /// Recomputes the doctored views after a change.
    pub(super) fn refresh(&mut self) {
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
            MutantKind::ForgetsTrigger
                if order.status() == OrderStatus::Active && order.algo_id().is_some() =>
            {
                let id = order.exchange_id()?;
                let mut acked = AnyOrder::sent(spec, at).ok()?;
                let _ = acked.view_mut::<Placing>()?.acknowledge(id, at);
                Some(acked)
            }
            MutantKind::ForgetsStatedQuantity
                if order.is_close_position()
                    && order.quantity_known()
                    && matches!(
                        order.status(),
                        OrderStatus::Cancelled | OrderStatus::Expired
                    ) =>
            {
                let unknown = NewOrder {
                    quantity: Qty::ZERO,
                    ..spec
                };
                let mut cancelled = AnyOrder::sent(unknown, at).ok()?;
                let _ = cancelled
                    .view_mut::<Placing>()?
                    .cancelled(order.exchange_id(), at);
                Some(cancelled)
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

    pub(super) fn apply_inner(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
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
            (
                MutantKind::SilentCompletion,
                Ok(Outcome::Applied {
                    key,
                    applied: Applied::Filled(_),
                }),
            ) if !report.execution.is_fill()
                && self
                    .inner
                    .get(*key)
                    .is_some_and(AnyOrder::is_close_position) =>
            {
                return Ok(Outcome::Applied {
                    key: *key,
                    applied: Applied::Stale,
                });
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

    pub(super) fn live_on(&self, symbol: &Symbol) -> Vec<(OrderKey, &AnyOrder)> {
        self.inner
            .iter()
            .filter(|(_, o)| o.symbol() == *symbol)
            .collect()
    }
}
