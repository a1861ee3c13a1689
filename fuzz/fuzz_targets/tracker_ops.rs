//! Fuzzes the whole tracker: an arbitrary sequence of operations (register, place, cancel, failures, in-doubt, every kind of feed report, unregister, cleanup) run against `OrderTracker` and the reference model of `ordertrack-verify`, which must agree after every operation.
//!
//! `ordertrack_verify::harness::run` panics on the first divergence: a different
//! outcome or error, a callback called differently, any query (client id,
//! exchange id, sub-account, live-by-symbol, parent, counts) answering
//! differently, `check_invariants()` reporting a violation, or one of the named
//! state-machine properties broken (terminal states absorbing, filled quantity
//! monotonic and bounded, average price within the fill prices, no trade id
//! counted twice, no cancelled order reopened, only a definitive rejection fails
//! an order, a stale key never reaching another order, a failed operation
//! changing nothing). The shape is slotmap's own fuzz target: `Vec<Op>` from
//! `arbitrary`, one harness call.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ordertrack_verify::ops::Op;

fuzz_target!(|ops: Vec<Op>| ordertrack_verify::harness::run(&ops));
