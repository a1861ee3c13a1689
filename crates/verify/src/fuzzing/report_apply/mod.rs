//! The oracle of the `report_apply` fuzz target ([`report_apply`]):
//! `AnyOrder::apply` (and the engine requests) fed arbitrary execution reports
//! against orders in every state, checking that errors change nothing and that
//! the state machine's invariants hold after every step.
//!
//! The pieces: the order under test and its history ([`Subject`], here), how
//! it is built (`build.rs`), the steps drawn from the input (`step.rs`), how a
//! step is run and checked (`apply.rs`, `applied.rs`), and what holds after
//! every step (`invariants.rs`).
#![allow(
    clippy::panic,
    reason = "panicking on a broken property is what a fuzz target is for"
)]

mod applied;
mod apply;
mod build;
mod invariants;
mod step;

use arbitrary::{Result, Unstructured};
use ordertrack::{
    AlgoId, AnyOrder, Applied, ExchangeOrderId, ExecutionReport, ExpiryReason, FailReason,
    OrderMut, OrderStatus, Price, Qty, State, SubAccountId, Symbol, transitions::CanClose,
};

/// Most steps applied to one order.
pub const MAX_STEPS: usize = 48;
/// Trade ids are drawn from `1..=TRADE_ID_POOL`, so duplicates are frequent.
const TRADE_ID_POOL: u64 = 6;
/// The exchange id the order gets when it is acknowledged (or its triggered
/// order's, for a conditional order of the algo service).
const EXCHANGE_ID: ExchangeOrderId = ExchangeOrderId(8_389_765);
/// The algo id the algo service gives a conditional order.
const ALGO_ID: AlgoId = match AlgoId::new(2_148_719) {
    Some(id) => id,
    None => panic!("a literal algo id is not zero"),
};

/// Runs the `report_apply` fuzz target on `data`: `AnyOrder::apply` (and the
/// engine requests) fed arbitrary execution reports against one order, up to
/// [`MAX_STEPS`] steps; returns how many ran (`0` when the bytes build no
/// order).
///
/// The start of `data` builds one order in any of the eight states, either with
/// [`crate::arb::order_in_state`] (any ids, symbols and quantities,
/// reached through time-outs, rejected cancels, fills before the ack, amendments,
/// late fills) or with the target's own builder (typed transitions on a small
/// quantity grid, every fill price known). Then a sequence of steps: mostly feed
/// reports aimed at that order (`arb::report_for`, or the target's own: trade ids
/// from a small pool so duplicates are common, quantities on the grid so partial,
/// complete and over-fills are all reached), sometimes reports with any field
/// values at all (`arb::execution_report`: wrong ids, inconsistent execution and
/// status, missing fields, extreme values), and the engine's requests (place,
/// cancel, place failed, in doubt, cancel rejected). Asserted after every step:
/// - nothing panics;
/// - on `Err` the order is exactly as before (`clone` + `assert_eq`);
/// - on `Ok`: a terminal order keeps its state (terminal states are absorbing, a
///   cancelled order is never reopened); the new state is one the transition table
///   allows from the old; filled quantity never decreases, never exceeds the
///   quantity, and equals the sum of the fills accounted; a trade id already
///   applied changes nothing and is reported `Duplicate`; `Duplicate`/`Stale` change
///   nothing; no trade id is counted twice; the average fill price lies within the
///   lowest and highest fill price; an exchange id once known never changes; the
///   `Applied` variant matches the change (`Filled` ⇒ Filled, `LateFill` ⇒ still
///   the same terminal state, `Acknowledged` ⇒ exchange id known, …); the order's
///   identity never changes and `updated_at` never goes backwards;
/// - only a definitive rejection (a `REJECTED` report or `place_failed`) fails an order.
///
/// # Panics
/// On the first property broken: that is a bug found.
pub fn report_apply(data: &[u8]) -> usize {
    report_apply_run(data).steps
}

/// What one run of [`report_apply`] went through: for the tests that require
/// the committed seeds to reach every state and the conditional outcomes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// How many steps ran.
    pub steps: usize,
    /// The order's states, its start included, each once, in the order first
    /// reached.
    pub statuses: Vec<OrderStatus>,
    /// The `Applied` variants the reports returned, each once, by name.
    pub outcomes: Vec<&'static str>,
}

/// [`report_apply`], telling what the run went through.
///
/// # Panics
/// As [`report_apply`].
pub fn report_apply_run(data: &[u8]) -> Run {
    let mut u = Unstructured::new(data);
    let mut run = Run::default();
    let Ok(mut subject) = Subject::arbitrary(&mut u) else {
        return run;
    };
    run.statuses.push(subject.order.status());
    for _ in 0..MAX_STEPS {
        if u.is_empty() {
            break;
        }
        let Ok(step) = subject.step(&mut u) else {
            break;
        };
        if let Some(applied) = subject.apply(&step) {
            let name = variant(&applied);
            if !run.outcomes.contains(&name) {
                run.outcomes.push(name);
            }
        }
        let status = subject.order.status();
        if !run.statuses.contains(&status) {
            run.statuses.push(status);
        }
        run.steps += 1;
    }
    run
}

/// The name of `applied`'s variant.
const fn variant(applied: &Applied) -> &'static str {
    match applied {
        Applied::Acknowledged => "Acknowledged",
        Applied::Armed => "Armed",
        Applied::Triggering => "Triggering",
        Applied::Triggered => "Triggered",
        Applied::PartiallyFilled(_) => "PartiallyFilled",
        Applied::Filled(_) => "Filled",
        Applied::LateFill(_) => "LateFill",
        Applied::Cancelled(_) => "Cancelled",
        Applied::Expired(_) => "Expired",
        Applied::Failed(_) => "Failed",
        Applied::Amended => "Amended",
        Applied::Duplicate => "Duplicate",
        Applied::Stale => "Stale",
    }
}

/// The order under test and what the fuzzer knows about its history.
#[derive(Debug)]
struct Subject {
    order: AnyOrder,
    /// The quantity grid: fills and quantities are multiples of this many units.
    lot: i64,
    /// Prices of every fill accounted so far (for the average's bounds); `None`
    /// when the order came with fills whose prices are not known here.
    fill_prices: Option<Vec<Price>>,
    /// Sum of the quantities of every fill accounted so far.
    filled: Qty,
    /// A time around which reports are stamped.
    now: u64,
}

/// One thing that happens to the order.
#[derive(Debug)]
enum Step {
    Report(ExecutionReport),
    Place(u64),
    Cancel(u64),
    PlaceFailed(FailReason, u64),
    InDoubt(u64),
    CancelRejected(u64),
}

fn sub_account() -> SubAccountId {
    SubAccountId::new("3f2a9c1e-7b4d-4e1a").unwrap_or_else(|e| panic!("{e}"))
}

fn symbol(u: &mut Unstructured<'_>) -> Result<Symbol> {
    let name = *u.choose(&["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDT_250926"])?;
    Ok(Symbol::new(name).unwrap_or_else(|e| panic!("{e}")))
}

fn price(u: &mut Unstructured<'_>) -> Result<Price> {
    let units = match u.int_in_range(0..=5)? {
        0 => 0,
        1 => 1,
        2 => 9_700_010_000_000,
        3 => 9_700_020_000_000,
        4 => i64::MAX,
        _ => u.int_in_range(0..=i64::MAX)?,
    };
    Ok(Price::from_units(units).unwrap_or(Price::ZERO))
}

fn qty_units(units: i128) -> Qty {
    i64::try_from(units)
        .ok()
        .and_then(Qty::from_units)
        .unwrap_or(Qty::MAX)
}

/// The typed handle of state `S` over `order`, which the builder has just put in `S`.
fn handle<S: State>(order: &mut AnyOrder) -> OrderMut<'_, S> {
    let status = order.status();
    order
        .view_mut::<S>()
        .unwrap_or_else(|| panic!("the order is {status}, not {}", S::STATUS))
}

/// The exchange's `EXPIRED` (when `expire`) or `CANCELED` of a live order.
fn close<S: CanClose>(
    order: OrderMut<'_, S>,
    expire: bool,
    id: Option<ExchangeOrderId>,
    reason: Option<ExpiryReason>,
    at: u64,
) {
    if expire {
        let _ = order.expired(id, reason, at);
    } else {
        let _ = order.cancelled(id, at);
    }
}
