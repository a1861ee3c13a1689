//! The orders the exchange lists that the tracker does not hold: the
//! engine's (`PMS…` client ids) are adopted, any other is listed as
//! foreign.

use ordertrack::{OrderTracker, Qty};

use super::Fetch;
use super::ReconcileError;
use super::book::book;
use super::plan::{ForeignOrder, LeftAlone, Planner, Step, StepKind};
use crate::rest::{AlgoSnapshot, OrderSnapshot};
use crate::seed::seed_order;

impl Planner<'_> {
    /// Every order of every fetched list that no tracked order matches.
    pub(super) fn untracked(&mut self, tracker: &OrderTracker) -> Result<(), ReconcileError> {
        let lists: Vec<Fetch> = self
            .snapshot
            .iter()
            .map(|(fetch, _)| *fetch)
            .filter(|f| matches!(f, Fetch::OpenOrders { .. } | Fetch::OpenAlgoOrders { .. }))
            .collect();
        for fetch in lists {
            match fetch {
                Fetch::OpenOrders { symbol } => {
                    let items = self.list(symbol)?.map(|l| l.items.clone());
                    for item in items.unwrap_or_default() {
                        self.listed(tracker, item)?;
                    }
                }
                Fetch::OpenAlgoOrders { symbol } => {
                    let items = self.algo_list(symbol)?.map(|l| l.items.clone());
                    for item in items.unwrap_or_default() {
                        self.listed_algo(tracker, item);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether a tracked order matches; a closed one is reported.
    fn tracked(&mut self, found: Option<(ordertrack::OrderKey, &ordertrack::AnyOrder)>) -> bool {
        let Some((key, order)) = found else {
            return false;
        };
        if order.status().is_terminal() {
            self.out.left_alone.push(LeftAlone::ClosedHere {
                key,
                client_id: order.client_id(),
                status: order.status(),
            });
        }
        true
    }

    fn listed(
        &mut self,
        tracker: &OrderTracker,
        item: OrderSnapshot,
    ) -> Result<(), ReconcileError> {
        let found = tracker
            .lookup_client(&item.client_id)
            .or_else(|| tracker.lookup_exchange(&item.symbol, item.exchange_id));
        if self.tracked(found)
            || self
                .triggered_into
                .contains(&(item.symbol, item.exchange_id))
        {
            return Ok(());
        }
        if item.client_id.parse_pms().is_none() {
            self.out.foreign.push(ForeignOrder {
                client_id: item.client_id,
                symbol: item.symbol,
                exchange_id: Some(item.exchange_id),
                algo_id: None,
            });
            return Ok(());
        }
        let report = item.report();
        let order = match seed_order(&report) {
            Ok(order) => order,
            Err(error) => {
                self.out.left_alone.push(LeftAlone::Unadoptable {
                    client_id: item.client_id,
                    symbol: item.symbol,
                    error,
                });
                return Ok(());
            }
        };
        let Some(trades) = self.trades_for(&order, &item)? else {
            return Ok(());
        };
        let mut reports = vec![report];
        let unbooked = book(&order, &item, &trades, &mut reports);
        self.out.steps.push(Step {
            key: None,
            client_id: item.client_id,
            symbol: item.symbol,
            kind: StepKind::Adopt,
            trades,
            reports,
            fail: None,
            unbooked,
            adopt: Some(order),
        });
        Ok(())
    }

    fn listed_algo(&mut self, tracker: &OrderTracker, item: AlgoSnapshot) {
        if self.tracked(tracker.lookup_client(&item.client_id)) {
            return;
        }
        if item.client_id.parse_pms().is_none() {
            self.out.foreign.push(ForeignOrder {
                client_id: item.client_id,
                symbol: item.symbol,
                exchange_id: None,
                algo_id: Some(item.algo_id),
            });
            return;
        }
        let report = item.report();
        match seed_order(&report) {
            Ok(order) => self.out.steps.push(Step {
                key: None,
                client_id: item.client_id,
                symbol: item.symbol,
                kind: StepKind::Adopt,
                trades: Vec::new(),
                reports: vec![report],
                fail: None,
                unbooked: Qty::ZERO,
                adopt: Some(order),
            }),
            Err(error) => self.out.left_alone.push(LeftAlone::Unadoptable {
                client_id: item.client_id,
                symbol: item.symbol,
                error,
            }),
        }
    }
}
