//! Fuzzes `AnyOrder::apply` (and the engine requests) with arbitrary execution reports against orders in every state, checking that errors change nothing and that the state machine's invariants hold after every step.
//!
//! The oracle is `ordertrack_verify::fuzzing::report_apply` (its documentation
//! lists what is built and what is asserted): one order in any of the eight
//! states, then up to 48 steps — reports aimed at the order, reports with any
//! field values, the engine's requests — each checked, so that the same checks
//! run under `cargo test -p ordertrack-verify` on the committed seeds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ordertrack_verify::fuzzing::report_apply(data);
});
