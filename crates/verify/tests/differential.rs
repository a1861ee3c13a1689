//! The tracker against the reference model on random op sequences, through
//! `harness::check` (the same entry point as the `tracker_ops` fuzz target).

use ordertrack_verify::harness;
use ordertrack_verify::strategies::{conditional_sequence, config_with_regressions, op_sequence};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config_with_regressions("proptest-regressions/differential.txt"))]

    /// Every op: outcome, callbacks, every query, `check_invariants()` and every
    /// named property agree with the reference model.
    #[test]
    fn tracker_agrees_with_reference(ops in op_sequence()) {
        if let Err(divergence) = harness::check(&ops) {
            return Err(TestCaseError::fail(divergence.to_string()));
        }
    }

    /// The same on sequences dense in conditional orders: the algo service's
    /// reports, triggered orders, legacy triggers, close-position quantities.
    #[test]
    fn tracker_agrees_with_reference_on_conditional_orders(ops in conditional_sequence()) {
        if let Err(divergence) = harness::check(&ops) {
            return Err(TestCaseError::fail(divergence.to_string()));
        }
    }
}
