//! What to fetch after a reconnect, from the tracker alone.

use ordertrack::{AnyOrder, OrderTracker};

use super::Fetch;

/// Whether the order lives on the algo service: a conditional order not yet
/// triggered (armed, or placed or cancelled before it triggered).
pub(crate) fn on_algo_service(order: &AnyOrder) -> bool {
    order.trigger().is_some() && !order.triggered() && order.exchange_id().is_none()
}

/// The lists a reconnect needs first: `openOrders` for every symbol with a
/// live order on the matching engine, `openAlgoOrders` for every symbol with
/// a conditional order not yet triggered; each once, in the order the
/// tracker holds the orders. Idle orders (never sent) and closed ones need
/// nothing. [`super::reconcile`] says what else to fetch once these are in.
#[must_use]
pub fn fetch_plan(tracker: &OrderTracker) -> Vec<Fetch> {
    let mut fetches: Vec<Fetch> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, order) in tracker.iter() {
        if !order.status().is_live() {
            continue;
        }
        let symbol = order.symbol();
        let fetch = if on_algo_service(order) {
            Fetch::OpenAlgoOrders { symbol }
        } else {
            Fetch::OpenOrders { symbol }
        };
        if seen.insert(fetch) {
            fetches.push(fetch);
        }
    }
    fetches
}
