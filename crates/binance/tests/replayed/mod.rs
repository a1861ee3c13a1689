//! Helpers of the replay tests: a replay of a text, and the tracked order of
//! a client id.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

use std::collections::BTreeMap;

use ordertrack::{AnyOrder, ClientOrderId, OrderStatus, OrderTracker, Price, Qty};
use ordertrack_binance::{ReplayOptions, Summary, replay_into};

/// `text` replayed with the default options.
pub(crate) fn run(text: &str) -> (Summary, OrderTracker) {
    replay_into(text.as_bytes(), ReplayOptions::default())
}

/// The tracked order of client id `id`.
pub(crate) fn order<'a>(tracker: &'a OrderTracker, id: &str) -> &'a AnyOrder {
    tracker
        .lookup_client(&ClientOrderId::new(id).unwrap())
        .unwrap_or_else(|| panic!("{id} not tracked"))
        .1
}

pub(crate) fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn price(s: &str) -> Price {
    Price::parse(s).unwrap()
}

/// Orders by state as a summary lists them: every state, these counts.
pub(crate) fn states(pairs: &[(&'static str, u64)]) -> BTreeMap<&'static str, u64> {
    let mut all: BTreeMap<&'static str, u64> = OrderStatus::ALL
        .into_iter()
        .map(|s| (s.as_str(), 0))
        .collect();
    all.extend(pairs.iter().copied());
    all
}
