//! Shared fixtures of the ordertrack benchmarks, one concern a file:
//!
//! - the clock, timing loops and a deterministic generator (here);
//! - `orders.rs`: deterministic ids, orders and reports;
//! - `pool.rs`: trackers populated to a given size, orders put back in a
//!   given state, and the pool of tracked orders a benchmark cycles through;
//! - `timed.rs`: the timed operations on a pool (`apply` of each kind, the two
//!   lookups).
//!
//! Each bench binary (and `examples/apply_profile.rs`) uses a different part
//! of this module.
#![allow(dead_code)]

mod orders;
mod pool;
mod timed;

// Each bench binary uses a different part of these.
#[allow(unused_imports)]
pub(crate) use {orders::*, pool::*, timed::*};

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The benchmarks' clock: CPU time of the calling thread
/// (`CLOCK_THREAD_CPUTIME_ID`), because the machine is shared and wall-clock
/// time would also count the time other processes hold the core. With
/// `ORDERTRACK_BENCH_CLOCK=wall` it is wall-clock time instead (a quiet machine).
pub(crate) fn clock() -> Duration {
    static WALL: OnceLock<Option<Instant>> = OnceLock::new();
    let wall = WALL.get_or_init(|| {
        (std::env::var("ORDERTRACK_BENCH_CLOCK").as_deref() == Ok("wall")).then(Instant::now)
    });
    match wall {
        Some(origin) => origin.elapsed(),
        None => thread_cpu_time(),
    }
}

/// Which clock [`clock`] reads, for the benchmarks' printouts.
pub(crate) fn clock_name() -> &'static str {
    if std::env::var("ORDERTRACK_BENCH_CLOCK").as_deref() == Ok("wall") {
        "wall-clock time"
    } else {
        "thread CPU time"
    }
}

#[allow(unsafe_code)]
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes one `timespec` through the pointer, which
    // points to a live, writable `timespec`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut now) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// Whether this is a real benchmark run (`cargo bench` passes `--bench`), not
/// `cargo test --benches` running each benchmark once as a smoke test, where
/// the large setups are skipped.
pub(crate) fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Times `iters` calls of `f` in one clock window.
pub(crate) fn time_loop<R>(iters: u64, mut f: impl FnMut() -> R) -> Duration {
    let start = clock();
    for _ in 0..iters {
        black_box(f());
    }
    clock() - start
}

/// SplitMix64: a tiny deterministic generator, so every run sees the same data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Times an operation that changes the tracker, `iters` times in all, in chunks
/// of at most `chunk`: `prepare(state, n)` (not timed) sets up `n` operations,
/// `run(state, n)` (timed) performs them, `restore(state, n)` (not timed) puts the
/// state back. One clock read per chunk, so timer overhead stays negligible.
pub(crate) fn time_chunked<S>(
    iters: u64,
    chunk: usize,
    state: &mut S,
    mut prepare: impl FnMut(&mut S, usize),
    mut run: impl FnMut(&mut S, usize),
    mut restore: impl FnMut(&mut S, usize),
) -> Duration {
    let mut total = Duration::ZERO;
    let mut done = 0u64;
    while done < iters {
        let n = chunk.min(usize::try_from(iters - done).unwrap_or(chunk));
        prepare(state, n);
        let start = clock();
        run(state, n);
        total += clock() - start;
        restore(state, n);
        done += n as u64;
    }
    total
}
