//! Fuzzes the Binance stream decoder through the incremental API, `FeedTracker`:
//! arbitrary bytes and mutated real payloads (the seed corpus is the adapter's
//! corpus of real payloads and its sample sessions), one line at a time.
//!
//! Asserted, for every line:
//! - no panic; the line is either read (`Ok(Fed)`) or a typed error whose
//!   `kind()` is a non-empty name and whose message is at most 512 bytes, with
//!   no internal handle (`OrderKey`) in it;
//! - **an error leaves every structure exactly as it was**: the tracker's
//!   orders, what is held and remembered, and the counts other than the line
//!   counter;
//! - memory stays bounded: held `TRADE_LITE`s, remembered unknown and foreign
//!   orders and tracked orders never exceed their caps (small here, so the caps
//!   are reached and eviction runs), and each eviction is counted;
//! - a line longer than the line cap is refused unread.
//!
//! At the end, `check_invariants()` holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ordertrack::{AnyOrder, OrderKey, OrderTracker};
use ordertrack_binance::{FeedConfig, FeedTracker};

/// Small caps, so that every cap is reached by short inputs.
const CONFIG: FeedConfig = FeedConfig {
    adopt: true,
    max_line_bytes: 4_096,
    max_held_trade_lites: 4,
    max_held_for_trigger: 4,
    max_foreign_orders: 4,
    max_unknown_orders: 4,
    max_cleaned_orders: 4,
    max_orders: 16,
};

/// Longest error message accepted.
const MESSAGE_MAX: usize = 512;

fn orders(tracker: &OrderTracker) -> Vec<(OrderKey, AnyOrder)> {
    tracker.iter().map(|(k, o)| (k, o.clone())).collect()
}

/// Everything a refused line must leave as it was.
#[derive(Debug, PartialEq, Eq)]
struct State {
    orders: Vec<(OrderKey, AnyOrder)>,
    held: usize,
    unknown: usize,
    foreign: usize,
}

fn state(feed: &FeedTracker) -> State {
    State {
        orders: orders(feed.tracker()),
        held: feed.held_trade_lites(),
        unknown: feed.remembered_unknown_orders(),
        foreign: feed.remembered_foreign_orders(),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut feed = FeedTracker::new(CONFIG);
    for line in data.split(|&b| b == b'\n') {
        let before = state(&feed);
        let stats_before = feed.stats();
        match feed.feed(line) {
            Ok(_) => {
                assert!(line.len() <= CONFIG.max_line_bytes, "an over-long line was read");
            }
            Err(err) => {
                assert!(!err.kind().is_empty());
                let message = err.to_string();
                assert!(message.len() <= MESSAGE_MAX, "{} bytes: {message:.200}", message.len());
                assert!(!message.contains("OrderKey"), "{message}");
                assert_eq!(state(&feed), before, "a refused line ({err}) changed something");
                let stats = feed.stats();
                assert_eq!(stats.lines, stats_before.lines + 1);
                assert_eq!(stats.held_evicted, stats_before.held_evicted);
                assert_eq!(stats.foreign_evicted, stats_before.foreign_evicted);
                assert_eq!(stats.unknown_evicted, stats_before.unknown_evicted);
            }
        }
        assert!(feed.held_trade_lites() <= CONFIG.max_held_trade_lites);
        assert!(feed.remembered_unknown_orders() <= CONFIG.max_unknown_orders);
        assert!(feed.remembered_foreign_orders() <= CONFIG.max_foreign_orders);
        assert!(feed.tracker().len() <= CONFIG.max_orders);
        let stats = feed.stats();
        assert!(stats.held_evicted >= stats_before.held_evicted);
        assert!(stats.foreign_evicted >= stats_before.foreign_evicted);
    }
    if let Err(violations) = feed.tracker().check_invariants() {
        panic!("invariants broken: {violations:?}");
    }
});
