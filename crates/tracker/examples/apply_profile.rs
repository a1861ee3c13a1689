//! A profiling harness for one hot operation: the same orders, reports, chunks and
//! resets as the `scaling/<op>/recent/<size>` benchmarks, without criterion, so
//! that a profiler sees only this operation. See docs/performance.md.
//!
//! ```sh
//! cargo build --release -p ordertrack --example apply_profile
//! # instructions per operation: callgrind total / 20,000
//! valgrind --tool=callgrind --toggle-collect='*OrderTracker*::apply' \
//!     target/release/examples/apply_profile final 1000
//! # median time per operation over 31 rounds (thread CPU time)
//! target/release/examples/apply_profile final 1000 31
//! # registration and cleanup: collect inside the harness's own wrappers
//! valgrind --tool=callgrind --toggle-collect='apply_profile::timed_*' \
//!     target/release/examples/apply_profile cleanup 10000
//! ```
//!
//! Arguments: the operation (`ack`, `partial`, `final`, `cancel`, `lookup_client`,
//! `lookup_exchange`, `register`: new orders into the tracker's existing
//! buckets, unregistered between chunks; `cleanup`: `cleanup_terminal` removing a
//! chunk of Filled orders, per removed order; `cancel_request`: the engine's
//! `cancel` of an Active order), the number of tracked orders (default 1000), the number of
//! timed rounds (default 0: one untimed pass of 20,000 operations, for a
//! profiler), and the access pattern: `recent` (default: the 1,000 most recently
//! registered orders) or `random` (up to 131,072 orders spread over the whole
//! tracker), each visited in a shuffled order as in the benchmarks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

#[path = "../benches/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use ordertrack::{AnyOrder, OrderKey, OrderTracker};
use support::{
    ApplyKind, Layout, Pool, Pre, Rng, T0, populate, time_apply, time_chunked, time_lookup_client,
    time_lookup_exchange,
};

/// Operations per round.
const OPS: u64 = 20_000;
/// Orders the `recent` pattern hits: the most recently registered.
const RECENT: usize = 1_000;
/// Most orders the `random` pattern hits.
const RANDOM_MAX: usize = 131_072;
/// Mutating operations are timed in chunks of this many, as in the benchmarks.
const CHUNK: usize = 1_024;

#[derive(Clone, Copy, Debug)]
enum Operation {
    Apply(ApplyKind),
    LookupClient,
    LookupExchange,
    Register,
    Cleanup,
    CancelRequest,
}

fn parse(name: &str) -> Option<Operation> {
    Some(match name {
        "ack" => Operation::Apply(ApplyKind::Ack),
        "partial" => Operation::Apply(ApplyKind::PartialFill),
        "final" => Operation::Apply(ApplyKind::FinalFill),
        "cancel" => Operation::Apply(ApplyKind::Cancel),
        "lookup_client" => Operation::LookupClient,
        "lookup_exchange" => Operation::LookupExchange,
        "register" => Operation::Register,
        "cleanup" => Operation::Cleanup,
        "cancel_request" => Operation::CancelRequest,
        _ => return None,
    })
}

/// Registers `orders` (a callgrind toggle point: `apply_profile::timed_register`).
#[inline(never)]
fn timed_register(
    tracker: &mut OrderTracker,
    orders: &mut Vec<AnyOrder>,
    keys: &mut Vec<OrderKey>,
) {
    for order in orders.drain(..) {
        keys.push(tracker.register(black_box(order)).unwrap());
    }
}

/// One `cleanup_terminal` call (a callgrind toggle point: `apply_profile::timed_cleanup`).
#[inline(never)]
fn timed_cleanup(tracker: &mut OrderTracker) -> usize {
    tracker.cleanup_terminal(black_box(T0 + 10_000), Duration::from_millis(5_000))
}

/// The engine's cancel of `keys` (a callgrind toggle point: `apply_profile::timed_cancel`).
#[inline(never)]
fn timed_cancel(tracker: &mut OrderTracker, keys: &[OrderKey]) -> usize {
    keys.iter()
        .filter(|&&key| tracker.cancel(black_box(key), T0 + 1).is_ok())
        .count()
}

/// Cancels `OPS` Active orders (the engine's request: Active → Cancelling), in
/// chunks; each chunk is put back Active after the clock stops.
fn cancel_round(pool: &mut Pool) -> Duration {
    let chunk = CHUNK.min(pool.visit.len());
    let mut state = (pool, Vec::with_capacity(chunk));
    time_chunked(
        OPS,
        chunk,
        &mut state,
        |(p, keys), n| {
            p.next_chunk(n);
            keys.clear();
            keys.extend(p.current.iter().map(|&i| p.orders[i].key));
        },
        |(p, keys), n| {
            if timed_cancel(&mut p.tracker, keys) != n {
                p.unexpected += 1;
            }
        },
        |(p, _), _| p.reset_current(Pre::Active),
    )
}

/// Registers `OPS` new orders, each a copy of a visited order's buckets (sub-account,
/// symbol, parent) under a new client id, in chunks; unregistered between chunks.
fn register_round(pool: &mut Pool) -> Duration {
    let mut state = (
        pool,
        1u64 << 40,
        Vec::with_capacity(CHUNK),
        Vec::with_capacity(CHUNK),
    );
    time_chunked(
        OPS,
        CHUNK,
        &mut state,
        |(p, seq, pending, _), n| {
            p.next_chunk(n);
            for &i in &p.current {
                let s = p.orders[i].spec;
                *seq += 1;
                let spec = support::spec(*seq, s.sub_account, s.symbol, s.parent, T0);
                pending.push(AnyOrder::new(spec).unwrap());
            }
        },
        |(p, _, pending, keys), _| timed_register(&mut p.tracker, pending, keys),
        |(p, _, _, keys), _| {
            for key in keys.drain(..) {
                p.tracker.unregister(key);
            }
        },
    )
}

/// Removes `OPS` Filled orders by cleanup, a chunk per call; each chunk is made
/// Filled before the clock starts and put back Active after it stops.
fn cleanup_round(pool: &mut Pool) -> Duration {
    let chunk = CHUNK.min(pool.visit.len());
    time_chunked(
        OPS,
        chunk,
        pool,
        |p, n| {
            p.next_chunk(n);
            p.reset_current(Pre::Filled);
        },
        |p, n| {
            if timed_cleanup(&mut p.tracker) != n {
                p.unexpected += 1;
            }
        },
        |p, _| p.reset_current(Pre::Active),
    )
}

fn round(pool: &mut Pool, operation: Operation) -> Duration {
    match operation {
        Operation::Register => register_round(pool),
        Operation::Cleanup => cleanup_round(pool),
        Operation::CancelRequest => cancel_round(pool),
        Operation::Apply(kind) => time_apply(pool, kind, OPS, CHUNK),
        Operation::LookupClient => {
            let (ids, _) = pool.visit_ids();
            time_lookup_client(pool, &ids, OPS)
        }
        Operation::LookupExchange => {
            let (_, ids) = pool.visit_ids();
            time_lookup_exchange(pool, &ids, OPS)
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: apply_profile ack|partial|final|cancel|lookup_client|lookup_exchange|register|cleanup|cancel_request [ORDERS] [ROUNDS] [recent|random]";
    let operation = args.next().as_deref().and_then(parse).expect(usage);
    let size: usize = args.next().map_or(1_000, |s| s.parse().expect(usage));
    let rounds: usize = args.next().map_or(0, |s| s.parse().expect(usage));
    let random = match args.next().as_deref() {
        None | Some("recent") => false,
        Some("random") => true,
        Some(_) => panic!("{usage}"),
    };

    let (tracker, orders) = populate(Layout::spread(size));
    let mut rng = Rng::new(42);
    let mut visit: Vec<usize> = if random {
        let mut all: Vec<usize> = (0..size).collect();
        rng.shuffle(&mut all);
        all.truncate(RANDOM_MAX);
        all
    } else {
        (size.saturating_sub(RECENT)..size).collect()
    };
    rng.shuffle(&mut visit);
    let mut pool = Pool::new(tracker, orders, visit);
    pool.set_all(match operation {
        Operation::Apply(kind) => kind.pre(),
        Operation::LookupClient
        | Operation::LookupExchange
        | Operation::Register
        | Operation::Cleanup
        | Operation::CancelRequest => Pre::Active,
    });
    if rounds == 0 {
        black_box(round(&mut pool, operation));
    } else {
        let mut per_op: Vec<f64> = (0..rounds)
            .map(|_| round(&mut pool, operation).as_secs_f64() * 1e9 / OPS as f64)
            .collect();
        per_op.sort_by(f64::total_cmp);
        println!(
            "{operation:?} on {size} orders ({}): median {:.1} ns/op, min {:.1} ns/op ({rounds} rounds of {OPS}, {})",
            if random { "random" } else { "recent" },
            per_op[rounds / 2],
            per_op[0],
            support::clock_name(),
        );
    }
    assert_eq!(pool.unexpected, 0, "an operation did not do what it names");
}
