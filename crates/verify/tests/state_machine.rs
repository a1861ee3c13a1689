//! State-machine tests with `proptest-state-machine`: the reference model
//! ([`Model`]) is the `ReferenceStateMachine`, the real tracker the
//! `StateMachineTest`. After every transition the harness compares the outcome,
//! the callbacks and every query with the model, requires `check_invariants()`
//! to be clean, and checks each named property of
//! `ordertrack_verify::properties` on its own.
//!
//! Cases: `PROPTEST_CASES` (default `strategies::DEFAULT_CASES`); sequences of 1
//! to `strategies::MAX_OPS` ops. Failures are persisted under
//! `crates/verify/proptest-regressions/state_machine.txt` and replayed first.

use ordertrack::OrderTracker;
use ordertrack_verify::harness::{CheckOptions, Model, Sut};
use ordertrack_verify::ops::Op;
use ordertrack_verify::properties;
use ordertrack_verify::strategies::{self, MAX_OPS};
use proptest::prelude::*;
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};

/// The reference side: the simple model, stepped by resolving each op.
struct TrackerMachine;

impl ReferenceStateMachine for TrackerMachine {
    type State = Model;
    type Transition = Op;

    fn init_state() -> BoxedStrategy<Model> {
        Just(Model::new()).boxed()
    }

    fn transitions(state: &Model) -> BoxedStrategy<Op> {
        // Nothing tracked: mostly register something first; live conditional
        // orders: often walk one of them through its life.
        strategies::transition(state)
    }

    fn apply(mut state: Model, op: &Op) -> Model {
        state.step(op);
        state
    }
}

/// The real tracker, checked against the model after every transition.
struct TrackerTest;

#[allow(
    clippy::panic,
    reason = "a divergence fails the state-machine test case, which proptest then shrinks"
)]
impl StateMachineTest for TrackerTest {
    type SystemUnderTest = Sut<OrderTracker>;
    type Reference = TrackerMachine;

    fn init_test(_: &Model) -> Self::SystemUnderTest {
        Sut::new(OrderTracker::new(), CheckOptions::ALL)
    }

    fn apply(mut sut: Self::SystemUnderTest, model: &Model, _: Op) -> Self::SystemUnderTest {
        if let Err(divergence) = sut.verify(model) {
            panic!("{divergence}");
        }
        sut
    }

    fn check_invariants(sut: &Self::SystemUnderTest, _: &Model) {
        if let Err(violations) = sut.driver.tracker.check_invariants() {
            panic!("check_invariants: {violations:?}");
        }
        assert_eq!(sut.driver.tracker.len(), sut.driver.observed.len);
    }
}

prop_state_machine! {
    #![proptest_config(strategies::config_with_regressions("proptest-regressions/state_machine.txt"))]

    /// The tracker and the reference model agree after every step.
    #[test]
    fn tracker_matches_reference_model(sequential 1..MAX_OPS => TrackerTest);
}

#[test]
fn every_property_is_checked_by_name() {
    let names: Vec<_> = properties::ALL.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "terminal_states_are_absorbing",
            "filled_qty_never_decreases_nor_exceeds_quantity",
            "average_fill_price_within_fill_range",
            "no_trade_id_counted_twice",
            "cancelled_order_never_reopened",
            "only_definitive_rejection_fails_an_order",
            "stale_key_never_reaches_another_order",
            "failed_operation_changed_nothing",
            "algo_binding_never_reverts",
            "every_close_is_reported",
            "quantity_changes_only_by_amendment_or_statement",
        ]
    );
}
