//! Decoding an order event makes no heap allocation when its strings hold no
//! escape, bare or in the combined-stream envelope, once its symbol is known
//! (the first line naming a symbol interns it, once per process): the wire
//! views borrow from the line, and the report is a `Copy` value. Only an escaped string (read
//! into an owned string) or an error (whose message is owned) allocates; so
//! may another event type, for which serde_json skips nested values with a
//! scratch buffer. Asserted with a counting global
//! allocator (its own test binary for that reason; counting is per thread).
// The counting allocator implements `GlobalAlloc`, an unsafe trait. The library
// crates forbid unsafe code in their own roots; this test binary opts in.
#![allow(unsafe_code)]
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use ordertrack_binance::{FeedEvent, decode};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn on_alloc() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; the bookkeeping touches only `const`-initialised thread-locals of
// `Cell`s (no allocation, no destructor) and never the memory itself.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_alloc();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations made by `f` on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, u64) {
    ALLOCATIONS.set(0);
    COUNTING.set(true);
    let result = f();
    COUNTING.set(false);
    (result, ALLOCATIONS.get())
}

const TRADE: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000053,"E":1764000000054,"o":{"s":"ETHUSDT","c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39","S":"SELL","o":"MARKET","f":"GTC","q":"0.250","p":"0","ap":"2934.51000","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":8389765812345601,"l":"0.120","z":"0.120","L":"2934.51","n":"0.17607060","N":"USDT","T":1764000000053,"t":5401234501,"b":"0","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"MARKET","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}"#;

const LITE: &str = r#"{"e":"TRADE_LITE","E":1721895408092,"T":1721895408214,"s":"BTCUSDT","q":"0.001","p":"0","m":false,"c":"z8hcUoOsqEdKMeKPSABslD","S":"BUY","L":"64089.20","l":"0.040","t":109100866,"i":8886774}"#;

const ALGO: &str = r#"{"e":"ALGO_UPDATE","T":1765430020015,"E":1765430020021,"o":{"caid":"PMSa1b2c3d4_TRAIL_STOP_b5c6d7e8f901","aid":1000000041234501,"at":"CONDITIONAL","o":"STOP_MARKET","s":"BTCUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0.010","X":"TRIGGERED","ai":"731246002001","ap":"0.00000","aq":"0.00000","act":"MARKET","tp":"85000.00","p":"0","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":true,"tt":1765430020000,"gtd":0}}"#;

#[test]
fn decoding_an_unescaped_line_allocates_nothing() {
    let enveloped = format!(r#"{{"stream":"abc","data":{TRADE}}}"#);
    let spaced = TRADE.replacen('{', "{ ", 1);
    let enveloped_lite = format!(r#"{{"stream":"abc","data":{LITE}}}"#);
    let enveloped_algo = format!(r#"{{"stream":"abc","data":{ALGO}}}"#);
    let lines = [
        TRADE,
        LITE,
        ALGO,
        &enveloped,
        &enveloped_lite,
        &enveloped_algo,
        &spaced,
    ];
    // The first line that names a symbol interns it: once per process.
    for line in lines {
        assert!(decode(line).is_ok(), "{line}");
    }
    for line in lines {
        let (event, count) = allocations(|| decode(line));
        assert!(event.is_ok(), "{line}");
        assert_eq!(count, 0, "{line}");
    }
}

#[test]
fn only_an_escaped_string_or_an_error_allocates() {
    let escaped = TRADE.replacen(r#""s":"ETHUSDT""#, r#""s":"ETH\u0055SDT""#, 1);
    let (event, count) = allocations(|| decode(&escaped));
    assert!(matches!(event, Ok(FeedEvent::OrderUpdate(_))));
    assert!(count >= 1, "an escaped string is read into an owned one");
    let bad = TRADE.replacen(r#""x":"TRADE""#, r#""x":"SWAP""#, 1);
    let (event, count) = allocations(|| decode(&bad));
    assert!(event.is_err());
    assert!(count >= 1, "an error's message is owned");
}
