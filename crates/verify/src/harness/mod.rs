//! The differential harness: drives a real tracker and the reference model with
//! the same operations and compares them after every step.
//!
//! After each [`Op`] it checks, in this order:
//! 1. **the outcome**: the tracker's result equals the reference's prediction
//!    (`Ok` value or error, with keys translated to reference ids);
//! 2. **the callbacks** called, each once, with the order's new state;
//! 3. **every query**, for every client id, (symbol, exchange id), sub-account,
//!    symbol and parent known so far, and every key ever issued (`get`: the
//!    real order's every accessor against the reference's plain order, field
//!    by field, as an [`OrderView`]), plus the counts, `len`, `is_empty` and
//!    `iter`;
//! 4. `check_invariants()` is clean;
//! 5. the named state-machine properties of [`crate::properties`].
//!
//! [`check`] returns the first [`Divergence`]; [`run`] panics with it (what a
//! fuzz target needs). [`check_with`] runs any [`TrackerUnderTest`], such as the
//! deliberately broken ones in [`crate::mutants`].
//!
//! The pieces, one job each: [`Action`] and [`StepOutcome`] (`action.rs`);
//! the reference side [`Model`] (`model.rs`) and how it turns ops into actions
//! (`resolve.rs`, `report.rs`, `lifecycle.rs`, `start.rs`, `path.rs`); the tracker side [`Driver`]
//! (`driver.rs`) and the [`TrackerUnderTest`] it drives (`under_test.rs`); what
//! both are asked and answer (`observe.rs`, `view.rs`); and the run
//! (`sut.rs`).

mod action;
mod driver;
mod lifecycle;
mod model;
mod observe;
mod path;
mod report;
mod resolve;
mod start;
mod sut;
mod under_test;
mod view;

pub use action::{Action, FillRecord, Step, StepOutcome};
pub use driver::{Driver, History};
pub use model::Model;
pub use observe::{ListAnswer, Observed, Probe, Summary};
pub use start::{StartStep, reference_order, tracker_order};
pub use sut::{CheckOptions, Divergence, Harness, Sut};
pub use under_test::TrackerUnderTest;
pub use view::OrderView;

use ordertrack::OrderTracker;

use crate::ops::Op;
use crate::reference::RefId;

/// The clock's start (ms): far enough from zero for reports dated in the past.
pub const START_TIME: u64 = 1_000_000;
/// The first trade id handed out by [`crate::ops::TradePick::Fresh`].
pub const FIRST_FRESH_TRADE_ID: u64 = 1_000_000;
/// Stands for a key the tracker returned that it never issued.
pub const UNKNOWN_KEY: RefId = usize::MAX;

/// Runs `ops` against `tracker` with `options`.
///
/// # Errors
/// The first [`Divergence`] found.
pub fn check_with<T: TrackerUnderTest>(
    tracker: T,
    ops: &[Op],
    options: CheckOptions,
) -> Result<(), Divergence> {
    let mut harness = Harness::new(tracker, options);
    ops.iter().try_for_each(|op| harness.step(op))
}

/// Runs `ops` against a fresh [`OrderTracker`] and the reference model, making
/// every check after every op.
///
/// # Errors
/// The first [`Divergence`] found.
pub fn check(ops: &[Op]) -> Result<(), Divergence> {
    check_with(OrderTracker::new(), ops, CheckOptions::ALL)
}

/// [`check`], panicking on the first divergence with the op index, the op, the
/// action and the difference: what a fuzz target calls.
///
/// # Panics
/// On any divergence between the tracker and the reference model, any
/// invariant violation, any property violated.
#[allow(
    clippy::panic,
    reason = "a divergence must abort the fuzz target or test with its description"
)]
pub fn run(ops: &[Op]) {
    if let Err(divergence) = check(ops) {
        panic!("{divergence}");
    }
}
