//! Shared helpers for the tracker's integration tests, one concern a file:
//!
//! - values and keys (here): the pooled sub-accounts, symbols and parents, the
//!   value parsers, and the arena slot a key names;
//! - `orders.rs`: builders for orders in a given state, and orders driven to a
//!   state through the tracker;
//! - `reports.rs`: builders for execution reports;
//! - `check.rs`: the per-step consistency check;
//! - `snapshot.rs`: a snapshot of everything the tracker answers (to prove an
//!   operation that failed changed nothing);
//! - `recorder.rs`: a callback recorder.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod check;
mod orders;
mod recorder;
mod reports;
mod snapshot;

// Each test binary uses a different part of these.
#[allow(unused_imports)]
pub(crate) use {check::*, orders::*, recorder::*, reports::*, snapshot::*};

use ordertrack::*;

/// Sub-accounts the tests use (each gives a valid 8-character prefix).
pub(crate) const SUBS: [&str; 3] = ["3f2a9c1e-7b4d-4e1a", "9b8c7d6e-5f4a-0000", "a1b2c3d4e5f6"];
/// Symbols the tests use, including a `1000…` contract and a delivery contract.
pub(crate) const SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDT_250926"];
/// Parent algo ids the tests use.
pub(crate) const PARENTS: [&str; 3] = ["twap-1", "chase-2", "basket-3"];

pub(crate) fn sub(i: usize) -> SubAccountId {
    SubAccountId::new(SUBS[i]).unwrap()
}

pub(crate) fn sym(s: &str) -> Symbol {
    Symbol::new(s).unwrap()
}

pub(crate) fn btc() -> Symbol {
    sym("BTCUSDT")
}

pub(crate) fn eth() -> Symbol {
    sym("ETHUSDT")
}

pub(crate) fn parent(s: &str) -> ParentId {
    ParentId::new(s).unwrap()
}

pub(crate) fn q(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn px(s: &str) -> Price {
    Price::parse(s).unwrap()
}

pub(crate) fn cid(s: &str) -> ClientOrderId {
    ClientOrderId::new(s).unwrap()
}

pub(crate) fn eid(n: u64) -> ExchangeOrderId {
    ExchangeOrderId(n)
}

/// The arena slot a key names (from its `Debug` form `OrderKey(<slot>v<version>)`),
/// to show that a test really reuses a freed slot.
pub(crate) fn slot_of(key: OrderKey) -> u32 {
    let text = format!("{key:?}");
    let inner = text.trim_start_matches("OrderKey(").trim_end_matches(')');
    let (slot, _version) = inner.split_once('v').expect("a `<slot>v<version>` key");
    slot.parse().expect("a slot number")
}
