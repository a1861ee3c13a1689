//! The whole-workload benchmark: a realistic engine run replayed against
//! `ordertrack` and against a naive baseline, the seed's Python `OrderTracker`
//! (`shared/seeds/000_e499167dcd08c867.txt`) ported directly to Rust.
//!
//! The run (generated once, before any timing, from a fixed seed): 64
//! sub-accounts, 200 symbols (skewed towards the first ones), 2,000 parent
//! algos, a window of 10,000 live orders; each order lives one of these
//! lifecycles — acked then filled in 1 to 5 fills; cancelled (sometimes after a
//! partial fill); a cancel racing a partial fill, or a final fill (the cancel is
//! then refused), or a late fill after the cancel; expired; rejected by the feed
//! or failed by the REST answer; filled before its ack; placed in doubt (timeout)
//! then acked. 2 % of feed events are delivered twice and 1 % arrive stale (an
//! ack re-delivered after the order moved on), each after a random delay; every
//! 50 steps a query (live orders of a symbol, a sub-account's or a parent's
//! orders, a lookup by client or exchange id) and every 1,000 steps a cleanup of
//! orders closed more than 30 s before. One step is one millisecond.
//!
//! Reported as nanoseconds per operation (registrations, engine requests, feed
//! events, queries and cleanups all count as one). After the criterion runs the
//! two are timed back to back and the ratio is printed.//!
//! The pieces: the run generator (`workload/generator.rs`), the run on
//! `ordertrack` (`workload/ours.rs`), the naive port (`workload/naive.rs`) and
//! the same run translated for it (`workload/naive_run.rs`); here, the
//! verification pass, the breakdown and the criterion wiring.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

#[path = "workload/generator.rs"]
mod generator;
#[path = "workload/naive.rs"]
mod naive;
#[path = "workload/naive_run.rs"]
mod naive_run;
#[path = "workload/ours.rs"]
mod ours;
mod support;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use generator::{Generator, Op};
use naive_run::{NaiveRun, naive_run, naive_step, pass_naive};
use ordertrack::OrderTracker;
use ours::{pass_ours, step};
use support::clock_name;

/// Operations in the run (a `cargo test --benches` smoke run uses fewer).
const OPS: usize = 300_000;
const SMOKE_OPS: usize = 20_000;
const MAX_AGE_MS: u64 = 30_000;

/// What one operation did, for the tally of the verification pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Did {
    Done,
    Applied(&'static str),
    Unknown,
    Refused,
}

/// Runs passes until `iters` operations are done; returns time scaled to `iters`.
fn time_passes(iters: u64, ops: usize, mut pass: impl FnMut() -> Duration) -> Duration {
    let passes = iters.div_ceil(ops as u64).max(1);
    let mut total = Duration::ZERO;
    for _ in 0..passes {
        total += pass();
    }
    total.mul_f64(iters as f64 / (passes * ops as u64) as f64)
}

/// One untimed pass of each, tallying what every operation did: checks the run
/// exercises what it claims, and that `ordertrack` stays consistent.
fn verify(ops: &[Op], naive: &NaiveRun) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::new();
    let mut ours: BTreeMap<Did, usize> = BTreeMap::new();
    for op in ops {
        *ours.entry(step(&mut tracker, &mut keys, op)).or_default() += 1;
    }
    tracker
        .check_invariants()
        .expect("ordertrack consistent after the run");
    let mut naive_tracker = naive::OrderTracker::default();
    let mut orders: Vec<Option<naive::OrderState>> =
        naive.orders.iter().cloned().map(Some).collect();
    let mut theirs: BTreeMap<Did, usize> = BTreeMap::new();
    for op in &naive.ops {
        let did = naive_step(&mut naive_tracker, &mut orders, &naive.client_ids, op);
        *theirs.entry(did).or_default() += 1;
    }
    let reports = ops.iter().filter(|op| matches!(op, Op::Report(_))).count();
    eprintln!(
        "workload: {} operations ({} orders, {reports} feed events); \
         tracked at the end: ordertrack {}, naive {}",
        ops.len(),
        keys.len(),
        tracker.len(),
        naive_tracker.len()
    );
    eprintln!("  ordertrack outcomes: {ours:?}");
    eprintln!("  naive outcomes:      {theirs:?}");
}

/// The kind of an operation, for the per-kind time breakdown.
fn kind(op: &Op) -> &'static str {
    match op {
        Op::Register(_) => "register",
        Op::Place(..)
        | Op::Cancel(..)
        | Op::PlaceFailed(..)
        | Op::PlaceInDoubt(..)
        | Op::CancelRejected(..) => "engine request",
        Op::Report(_) => "feed event",
        Op::ActiveBySymbol(_) => "query active_by_symbol",
        Op::BySubAccount(_) => "query by_sub_account",
        Op::ByParent(_) => "query by_parent",
        Op::LookupClient(_) | Op::LookupExchange(..) => "lookup",
        Op::Cleanup(_) => "cleanup",
    }
}

/// One more pass of each, timing every operation (wall clock, so only
/// indicative): where the time goes, by kind of operation.
fn breakdown(ops: &[Op], naive: &NaiveRun, orders: usize) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::with_capacity(orders);
    let mut naive_tracker = naive::OrderTracker::default();
    let mut naive_orders: Vec<Option<naive::OrderState>> =
        naive.orders.iter().cloned().map(Some).collect();
    let mut table: BTreeMap<&'static str, (usize, Duration, Duration)> = BTreeMap::new();
    for (op, naive_op) in ops.iter().zip(&naive.ops) {
        let start = std::time::Instant::now();
        black_box(step(&mut tracker, &mut keys, op));
        let ours = start.elapsed();
        let start = std::time::Instant::now();
        black_box(naive_step(
            &mut naive_tracker,
            &mut naive_orders,
            &naive.client_ids,
            naive_op,
        ));
        let theirs = start.elapsed();
        let row = table.entry(kind(op)).or_default();
        row.0 += 1;
        row.1 += ours;
        row.2 += theirs;
    }
    eprintln!("workload breakdown (share of the run's time; mean ns per operation of the kind):");
    let (all_ours, all_theirs) = table.values().fold((0.0, 0.0), |(a, b), r| {
        (a + r.1.as_secs_f64(), b + r.2.as_secs_f64())
    });
    for (kind, (count, ours, theirs)) in &table {
        eprintln!(
            "  {kind:<24} {count:>7} ops | ordertrack {:>5.1} % {:>9.0} ns | naive {:>5.1} % {:>9.0} ns | {:>5.1}x",
            100.0 * ours.as_secs_f64() / all_ours,
            ours.as_nanos() as f64 / *count as f64,
            100.0 * theirs.as_secs_f64() / all_theirs,
            theirs.as_nanos() as f64 / *count as f64,
            theirs.as_secs_f64() / ours.as_secs_f64(),
        );
    }
}

fn workload(c: &mut Criterion) {
    let target = if support::benchmarking() {
        OPS
    } else {
        SMOKE_OPS
    };
    let ops = Generator::new(2024, target).run();
    let orders = ops
        .iter()
        .filter(|op| matches!(op, Op::Register(_)))
        .count();
    let naive = naive_run(&ops);
    verify(&ops, &naive);

    let mut g = c.benchmark_group("workload");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("ordertrack", |b| {
        b.iter_custom(|iters| time_passes(iters, ops.len(), || pass_ours(&ops, orders).0));
    });
    g.bench_function("naive_baseline", |b| {
        b.iter_custom(|iters| time_passes(iters, naive.ops.len(), || pass_naive(&naive).0));
    });
    g.finish();

    if support::benchmarking() {
        breakdown(&ops, &naive, orders);
        // Back to back, alternating, five passes each: the median ns/op and the ratio.
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..5 {
            ours.push(pass_ours(&ops, orders).0.as_nanos() as f64 / ops.len() as f64);
            theirs.push(pass_naive(&naive).0.as_nanos() as f64 / naive.ops.len() as f64);
        }
        ours.sort_by(f64::total_cmp);
        theirs.sort_by(f64::total_cmp);
        let (ours, theirs) = (ours[2], theirs[2]);
        println!(
            "workload ({}): ordertrack {ours:.1} ns/op, naive baseline {theirs:.1} ns/op: \
             ordertrack is {:.1}x faster (target: at least 10x)",
            clock_name(),
            theirs / ours
        );
    }
}

criterion_group!(benches, workload);
criterion_main!(benches);
