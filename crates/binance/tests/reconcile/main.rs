//! Reconciliation after a reconnect: fixtures of Binance's REST answers
//! (the corpus's and scenario answers in the documented format), and the
//! property that an outage healed by a reconciliation ends where a run
//! without outage ends.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers outside #[test] functions"
)]

#[path = "../algo_lines/mod.rs"]
mod algo_lines;
mod conditional;
mod corpus;
mod engine;
mod exchange;
mod property;
mod scenarios;
