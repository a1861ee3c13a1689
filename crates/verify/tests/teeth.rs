//! The checks have teeth: for every deliberately broken tracker
//! ([`MutantKind`]), proptest finds an op sequence on which the harness reports
//! a divergence — through the reference model, and, for bugs a named property
//! describes, through that property alone with the model switched off. The
//! real tracker passes the same minimal sequence.
//!
//! Runs are deterministic (fixed RNG seed) and stop at the first failure found;
//! a bug of conditional orders only is hunted with sequences dense in them
//! (`strategies::conditional_sequence`).

use ordertrack::OrderTracker;
use ordertrack_verify::harness::{CheckOptions, Divergence, check_with};
use ordertrack_verify::mutants::{Mutant, MutantKind};
use ordertrack_verify::ops::Op;
use ordertrack_verify::strategies::{conditional_sequence, op_sequence};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

/// Cases tried before giving up on finding the bug.
const BUDGET: u32 = 5_000;

/// Searches for a failing sequence; returns the shrunk sequence and its divergence.
#[allow(
    clippy::panic,
    reason = "test helper: an aborted search fails the test"
)]
fn hunt(kind: MutantKind, options: CheckOptions) -> Option<(Vec<Op>, Divergence)> {
    let config = Config {
        cases: BUDGET,
        failure_persistence: None,
        max_shrink_iters: 1_024,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let sequences = if kind.is_conditional() {
        conditional_sequence().boxed()
    } else {
        op_sequence().boxed()
    };
    let result = runner.run(&sequences, |ops| {
        check_with(Mutant::new(kind), &ops, options).map_err(|d| TestCaseError::fail(d.to_string()))
    });
    match result {
        Ok(()) => None,
        Err(TestError::Fail(_, ops)) => {
            let divergence = check_with(Mutant::new(kind), &ops, options).err()?;
            Some((ops, divergence))
        }
        Err(TestError::Abort(reason)) => panic!("{kind:?}: aborted: {reason}"),
    }
}

#[allow(
    clippy::panic,
    reason = "test helper: a mutant not caught fails the test"
)]
fn caught(kind: MutantKind, options: CheckOptions) -> Divergence {
    let Some((ops, divergence)) = hunt(kind, options) else {
        panic!("{kind:?} was not caught in {BUDGET} cases with {options:?}");
    };
    assert!(
        check_with(OrderTracker::new(), &ops, CheckOptions::ALL).is_ok(),
        "{kind:?}: the real tracker fails the same sequence"
    );
    eprintln!(
        "{kind:?} caught with {options:?} after {} ops by {}:\n{divergence}\n",
        ops.len(),
        divergence.check
    );
    divergence
}

#[test]
fn every_mutant_is_caught_by_the_reference_model() {
    for kind in MutantKind::ALL {
        let divergence = caught(kind, CheckOptions::MODEL_ONLY);
        assert!(
            ["outcome", "callbacks", "queries"].contains(&divergence.check),
            "{kind:?}: {divergence}"
        );
    }
}

#[test]
fn property_mutants_are_caught_by_each_property_alone() {
    for kind in MutantKind::ALL {
        for &property in kind.properties() {
            let divergence = caught(kind, CheckOptions::only_property(property));
            assert_eq!(divergence.check, property, "{kind:?}: {divergence}");
        }
    }
}

#[test]
fn every_property_has_a_mutant_that_only_it_needs_to_catch() {
    for (name, _) in ordertrack_verify::properties::ALL {
        let covered = MutantKind::ALL
            .iter()
            .any(|k| k.properties().contains(&name));
        assert!(covered, "no mutant breaks {name}");
    }
}

#[test]
fn the_real_tracker_passes_every_check() {
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&op_sequence(), |ops| {
            check_with(OrderTracker::new(), &ops, CheckOptions::ALL)
                .map_err(|d| TestCaseError::fail(d.to_string()))
        })
        .unwrap();
}
