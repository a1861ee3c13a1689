//! The counting global allocator of the allocation tests, and their
//! measurements.
//!
//! A test binary that declares this module installs it as its
//! `#[global_allocator]` (and opts in to the unsafe code of `GlobalAlloc`:
//! `#[allow(unsafe_code)] mod alloc;`). Counting is per thread (libtest runs
//! tests on parallel threads) and only while a measurement is on; the bytes
//! held are tracked per thread all the time ([`live_bytes`]).
//!
//! - `workload.rs`: the orders, reports and rounds the tests measure;
//! - `memory.rs`: `memory_usage` against the bytes the allocator holds.
#![allow(dead_code)]

mod memory;
mod workload;

#[allow(unused_imports)]
pub(crate) use {memory::*, workload::*};

use std::alloc::{GlobalAlloc, Layout, System};
use std::backtrace::Backtrace;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static FREES: Cell<u64> = const { Cell::new(0) };
    static NET_BYTES: Cell<i64> = const { Cell::new(0) };
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
}

static BACKTRACES: AtomicBool = AtomicBool::new(false);

fn bump(cell: &'static std::thread::LocalKey<Cell<u64>>) {
    let _ = cell.try_with(|c| c.set(c.get() + 1));
}

fn on_alloc(bytes: usize) {
    let _ = NET_BYTES.try_with(|n| n.set(n.get() + bytes as i64));
    if IN_HOOK.try_with(Cell::get).unwrap_or(true) || !COUNTING.try_with(Cell::get).unwrap_or(false)
    {
        return;
    }
    bump(&ALLOCATIONS);
    if BACKTRACES.load(Ordering::Relaxed) {
        IN_HOOK.set(true);
        eprintln!(
            "counted allocation of {bytes} bytes at:\n{}",
            Backtrace::force_capture()
        );
        IN_HOOK.set(false);
    }
}

fn on_free(bytes: usize) {
    let _ = NET_BYTES.try_with(|n| n.set(n.get() - bytes as i64));
    if !IN_HOOK.try_with(Cell::get).unwrap_or(true) && COUNTING.try_with(Cell::get).unwrap_or(false)
    {
        bump(&FREES);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged;
// the bookkeeping around it touches only `const`-initialised thread-locals of
// `Cell`s (no allocation, no destructor) and never the memory itself.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(layout.size());
        // SAFETY: as above; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_free(layout.size());
        on_alloc(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;
/// Heap traffic of one measured closure, on this thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traffic {
    pub(crate) allocations: u64,
    pub(crate) frees: u64,
}

impl Traffic {
    pub(crate) const NONE: Self = Self {
        allocations: 0,
        frees: 0,
    };
}

/// Runs `f`, counting this thread's allocations and frees meanwhile; prints
/// the traffic under `what`.
pub(crate) fn measure<R>(what: &str, f: impl FnOnce() -> R) -> (R, Traffic) {
    let (result, traffic) = count(f);
    eprintln!("{what}: {traffic:?}");
    (result, traffic)
}

/// [`measure`] without the printout, for tests that measure hundreds of steps.
pub(crate) fn count<R>(f: impl FnOnce() -> R) -> (R, Traffic) {
    BACKTRACES.store(
        std::env::var_os("ORDERTRACK_ALLOC_BACKTRACE").is_some(),
        Ordering::Relaxed,
    );
    ALLOCATIONS.set(0);
    FREES.set(0);
    COUNTING.set(true);
    let result = f();
    COUNTING.set(false);
    let traffic = Traffic {
        allocations: ALLOCATIONS.get(),
        frees: FREES.get(),
    };
    (result, traffic)
}

/// Runs `f` and asserts it made no allocation and freed nothing.
#[track_caller]
pub(crate) fn assert_no_heap<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let (result, traffic) = measure(what, f);
    assert_eq!(traffic, Traffic::NONE, "{what} touched the heap");
    result
}

/// Bytes this thread's allocations hold now.
pub(crate) fn live_bytes() -> i64 {
    NET_BYTES.get()
}
