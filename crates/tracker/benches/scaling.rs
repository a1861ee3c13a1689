//! Scaling benchmarks: `apply` (ack, partial fill, final fill, cancel) and the
//! two lookups with 1,000, 100,000 and 1,000,000 tracked orders, and with
//! 100,000 orders all on one symbol or all in one sub-account.
//!
//! Two access patterns (ids `scaling/<op>/<pattern>/<size>`):
//! - `recent`: the operations hit the 1,000 most recently registered orders, as
//!   an engine's feed does (events concern live, recent orders). Isolates the
//!   algorithmic cost: any hidden O(n) or O(log n) work would show here.
//! - `random`: the operations hit orders spread uniformly over the whole tracker
//!   (up to 131,072 distinct ones, visited in random order), so at 1,000,000
//!   orders nearly every access misses the CPU caches: the worst case.
//!
//! At 1,000 orders both patterns visit the same 1,000 orders. Each tracker is
//! built once per size; mutating operations are timed in chunks of 1,024, each
//! order put back in its starting state between chunks (not timed).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod support;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use support::{
    ApplyKind, Layout, Pool, Pre, Rng, populate, time_apply, time_lookup_client,
    time_lookup_exchange,
};

const CHUNK: usize = 1_024;
const RECENT: usize = 1_000;
const RANDOM_MAX: usize = 131_072;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Recent,
    Random,
}

impl Pattern {
    fn name(self) -> &'static str {
        match self {
            Self::Recent => "recent",
            Self::Random => "random",
        }
    }

    fn visit(self, orders: usize, rng: &mut Rng) -> Vec<usize> {
        let mut visit: Vec<usize> = match self {
            Self::Recent => (orders.saturating_sub(RECENT)..orders).collect(),
            Self::Random => {
                let mut all: Vec<usize> = (0..orders).collect();
                rng.shuffle(&mut all);
                all.truncate(RANDOM_MAX);
                all
            }
        };
        rng.shuffle(&mut visit);
        visit
    }
}

struct Config {
    label: &'static str,
    layout: Layout,
    patterns: &'static [Pattern],
}

fn configs() -> Vec<Config> {
    const BOTH: &[Pattern] = &[Pattern::Recent, Pattern::Random];
    const WORST: &[Pattern] = &[Pattern::Random];
    vec![
        Config {
            label: "1000",
            layout: Layout::spread(1_000),
            patterns: BOTH,
        },
        Config {
            label: "100000",
            layout: Layout::spread(100_000),
            patterns: BOTH,
        },
        Config {
            label: "1000000",
            layout: Layout::spread(1_000_000),
            patterns: BOTH,
        },
        Config {
            label: "100000_one_symbol",
            layout: Layout {
                symbols: 1,
                ..Layout::spread(100_000)
            },
            patterns: WORST,
        },
        Config {
            label: "100000_one_sub_account",
            layout: Layout {
                sub_accounts: 1,
                ..Layout::spread(100_000)
            },
            patterns: WORST,
        },
    ]
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(150))
        .measurement_time(Duration::from_millis(600));
    let mut rng = Rng::new(42);
    eprintln!("scaling: timed with {}", support::clock_name());
    for config in configs() {
        if !support::benchmarking() && config.layout.orders > 1_000 {
            continue;
        }
        let (tracker, orders) = populate(config.layout);
        let memory = tracker.memory_usage();
        eprintln!(
            "scaling/{}: {} orders, memory_usage {} B = {:.1} B/order ({memory:?})",
            config.label,
            orders.len(),
            memory.total(),
            memory.total() as f64 / orders.len() as f64
        );
        let mut pool = Pool::new(tracker, orders, Vec::new());
        for &pattern in config.patterns {
            pool.visit = pattern.visit(pool.orders.len(), &mut rng);
            pool.cursor = 0;
            let id = |op: &str| BenchmarkId::new(format!("{op}/{}", pattern.name()), config.label);

            let (client_ids, exchange_ids) = pool.visit_ids();
            g.bench_function(id("lookup_client"), |b| {
                b.iter_custom(|iters| time_lookup_client(&pool, &client_ids, iters));
            });
            g.bench_function(id("lookup_exchange"), |b| {
                b.iter_custom(|iters| time_lookup_exchange(&pool, &exchange_ids, iters));
            });
            for kind in ApplyKind::ALL {
                pool.set_all(kind.pre());
                g.bench_function(id(kind.name()), |b| {
                    b.iter_custom(|iters| time_apply(&mut pool, kind, iters, CHUNK));
                });
                pool.assert_all_did(kind);
            }
            pool.set_all(Pre::Active);
        }
        debug_assert!(pool.tracker.check_invariants().is_ok());
    }
    g.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
