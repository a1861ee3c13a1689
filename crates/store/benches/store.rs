//! What a store costs: operations per second of the generated stream through
//! a store committing every operation, every 100 and every 1,000 (and
//! through a bare tracker, for comparison), and the bytes on disk per order.
//! Numbers in docs/performance.md; run with `cargo bench -p ordertrack-store`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::Scratch;
use common::stream::{Step, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ordertrack::OrderTracker;
use ordertrack_store::{CommitPolicy, Durability, Options, Store};

const STREAM: usize = 20_000;

/// Runs `iters` steps of `steps` through fresh stores with `options`,
/// timing only the operations (and the final commit).
fn through_store(steps: &[Step], options: Options, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    let mut left = usize::try_from(iters).unwrap();
    while left > 0 {
        let n = left.min(steps.len());
        let dir = Scratch::new("bench");
        let mut store = Store::open_with(dir.path("b.db"), options).unwrap();
        let start = Instant::now();
        for step in &steps[..n] {
            black_box(step.run_store(&mut store).unwrap());
        }
        store.commit().unwrap();
        total += start.elapsed();
        drop(store);
        left -= n;
    }
    total
}

fn commit_policies(c: &mut Criterion) {
    let steps = generate(42, STREAM);
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(1));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("tracker_only", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut left = usize::try_from(iters).unwrap();
            while left > 0 {
                let n = left.min(steps.len());
                let mut tracker = OrderTracker::new();
                let start = Instant::now();
                for step in &steps[..n] {
                    black_box(step.run(&mut tracker));
                }
                total += start.elapsed();
                left -= n;
            }
            total
        });
    });
    let policies = [
        (
            "commit_every_op_sync_full",
            CommitPolicy::EveryOperation,
            Durability::Full,
        ),
        (
            "commit_every_op",
            CommitPolicy::EveryOperation,
            Durability::Normal,
        ),
        (
            "commit_every_100",
            CommitPolicy::EveryN(100),
            Durability::Normal,
        ),
        (
            "commit_every_1000",
            CommitPolicy::EveryN(1_000),
            Durability::Normal,
        ),
    ];
    for (name, commit, durability) in policies {
        let options = Options::default()
            .with_commit(commit)
            .with_durability(durability);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| through_store(&steps, options, iters))
        });
    }
    group.finish();
    footprint(&steps);
}

/// Bytes on disk per order: the file after the stream (WAL checkpointed on
/// close), by table where SQLite's `dbstat` is compiled in.
fn footprint(steps: &[Step]) {
    let dir = Scratch::new("footprint");
    let path = dir.path("f.db");
    let registered = steps
        .iter()
        .filter(|s| matches!(s, Step::Register(_)))
        .count();
    let mut store = Store::open_with(
        &path,
        Options::default().with_commit(CommitPolicy::EveryN(1_000)),
    )
    .unwrap();
    for step in steps {
        step.run_store(&mut store).unwrap();
    }
    store.snapshot().unwrap();
    let tracked = store.tracker().len();
    store.close().unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "footprint: {} operations, {registered} orders registered ({tracked} still tracked): {bytes} bytes, {:.0} bytes per order registered, {:.0} per operation",
        steps.len(),
        bytes as f64 / registered as f64,
        bytes as f64 / steps.len() as f64,
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<Result<Vec<_>, _>>()
        });
    match tables {
        Ok(tables) => {
            for (name, size) in tables {
                println!("footprint:   {name}: {size} bytes");
            }
        }
        Err(e) => println!("footprint: no per-table sizes ({e})"),
    }
}

criterion_group!(benches, commit_policies);
criterion_main!(benches);
