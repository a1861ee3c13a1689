//! The reference tracker's queries: linear scans over its records, and how it
//! routes a report.

use ordertrack::{ClientOrderId, ExchangeOrderId, ExecutionReport, ParentId, SubAccountId, Symbol};

use super::ReferenceTracker;
use crate::reference::{RefId, RefOrder};

impl ReferenceTracker {
    /// `get`.
    #[must_use]
    pub fn get(&self, id: RefId) -> Option<&RefOrder> {
        self.record(id).map(|r| &r.order)
    }

    /// Whether `id` names a tracked order.
    #[must_use]
    pub fn is_tracked(&self, id: RefId) -> bool {
        self.record(id).is_some()
    }

    /// `lookup_client`.
    #[must_use]
    pub fn lookup_client(&self, client_id: &ClientOrderId) -> Option<(RefId, &RefOrder)> {
        self.records
            .iter()
            .find(|r| r.order.client_id() == *client_id)
            .map(|r| (r.id, &r.order))
    }

    /// `lookup_exchange`.
    #[must_use]
    pub fn lookup_exchange(
        &self,
        symbol: &Symbol,
        exchange_id: ExchangeOrderId,
    ) -> Option<(RefId, &RefOrder)> {
        self.exchange_holder(*symbol, exchange_id, None)
            .and_then(|id| self.record(id).map(|r| (id, &r.order)))
    }

    /// `by_sub_account`.
    #[must_use]
    pub fn by_sub_account(&self, sub_account: &SubAccountId) -> Vec<(RefId, &RefOrder)> {
        self.select(|o| o.spec.sub_account == *sub_account)
    }

    /// `active_by_symbol`: the orders on `symbol` that are not terminal.
    #[must_use]
    pub fn active_by_symbol(&self, symbol: &Symbol) -> Vec<(RefId, &RefOrder)> {
        self.select(|o| o.spec.symbol == *symbol && !o.status.is_terminal())
    }

    /// `by_parent`.
    #[must_use]
    pub fn by_parent(&self, parent: &ParentId) -> Vec<(RefId, &RefOrder)> {
        self.select(|o| o.spec.parent == Some(*parent))
    }

    fn select(&self, keep: impl Fn(&RefOrder) -> bool) -> Vec<(RefId, &RefOrder)> {
        self.records
            .iter()
            .filter(|r| keep(&r.order))
            .map(|r| (r.id, &r.order))
            .collect()
    }

    /// `len`.
    #[must_use]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// `is_empty`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Which tracked order a report is for: the one with its client id, else the
    /// one with its (symbol, exchange id).
    #[must_use]
    pub fn route(&self, report: &ExecutionReport) -> Option<RefId> {
        if let Some(client_id) = report.client_id
            && let Some((id, _)) = self.lookup_client(&client_id)
        {
            return Some(id);
        }
        let exchange_id = report.exchange_id?;
        self.exchange_holder(report.symbol, exchange_id, None)
    }
}
