//! One run's checks: which to make ([`CheckOptions`]), the first failure
//! ([`Divergence`]), the tracker side stepped against the model ([`Sut`]) and
//! both sides together ([`Harness`]).

use std::fmt;

use ordertrack::OrderTracker;

use super::action::Action;
use super::driver::Driver;
use super::model::Model;
use super::under_test::TrackerUnderTest;
use crate::ops::Op;
use crate::properties;

/// Which checks a run makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Compare outcomes, callbacks and queries with the reference model.
    pub compare_model: bool,
    /// Require `check_invariants()` to be clean.
    pub invariants: bool,
    /// Check the named properties of [`crate::properties`].
    pub properties: bool,
    /// With `properties`: check only the property of this name.
    pub only_property: Option<&'static str>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self::ALL
    }
}

impl CheckOptions {
    /// Every check.
    pub const ALL: Self = Self {
        compare_model: true,
        invariants: true,
        properties: true,
        only_property: None,
    };
    /// Only the named properties (no reference model, no invariant checker).
    pub const PROPERTIES_ONLY: Self = Self {
        compare_model: false,
        invariants: false,
        properties: true,
        only_property: None,
    };
    /// Only the comparison with the reference model.
    pub const MODEL_ONLY: Self = Self {
        compare_model: true,
        invariants: false,
        properties: false,
        only_property: None,
    };

    /// Only the property called `name` (see [`crate::properties::ALL`]).
    #[must_use]
    pub const fn only_property(name: &'static str) -> Self {
        Self {
            only_property: Some(name),
            ..Self::PROPERTIES_ONLY
        }
    }
}

/// The first disagreement found: where, what was done, which check failed, and
/// how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the op in the sequence.
    pub index: usize,
    /// The op.
    pub op: Op,
    /// What it became.
    pub action: Action,
    /// The check that failed: `outcome`, `callbacks`, `queries`,
    /// `check_invariants`, or a property's name.
    pub check: &'static str,
    /// The difference.
    pub detail: String,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "divergence at op #{} ({}):", self.index, self.check)?;
        writeln!(f, "  op:     {:?}", self.op)?;
        writeln!(f, "  action: {:?}", self.action)?;
        write!(f, "  {}", self.detail)
    }
}

impl std::error::Error for Divergence {}

/// The tracker side of a run, with the state kept between steps.
pub struct Sut<T: TrackerUnderTest = OrderTracker> {
    /// The driver.
    pub driver: Driver<T>,
    /// Which checks to make.
    pub options: CheckOptions,
    /// Index of the next op.
    pub index: usize,
}

impl<T: TrackerUnderTest> fmt::Debug for Sut<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sut")
            .field("driver", &self.driver)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl<T: TrackerUnderTest> Sut<T> {
    /// A run of `tracker` (empty) with `options`.
    pub fn new(tracker: T, options: CheckOptions) -> Self {
        Self {
            driver: Driver::new(tracker),
            options,
            index: 0,
        }
    }

    /// Performs `model.last` (the step the model just took) on the tracker under
    /// test and makes every check.
    ///
    /// # Errors
    /// The first [`Divergence`] found.
    pub fn verify(&mut self, model: &Model) -> Result<(), Divergence> {
        let index = self.index;
        self.index += 1;
        let Some(step) = model.last.as_ref() else {
            return Ok(());
        };
        let fail = |check: &'static str, detail: String| Divergence {
            index,
            op: step.op,
            action: step.action.clone(),
            check,
            detail,
        };
        let d = &mut self.driver;
        let actual = d.perform(&step.action);
        let calls = d.take_calls();
        let probe = model.probe();
        let before = std::mem::take(&mut d.observed);
        d.observed = d.observe(&probe);
        d.update_history(&before);
        if self.options.compare_model {
            if actual != step.expected {
                let mut detail = format!("tracker:   {actual:?}\n  reference: {:?}", step.expected);
                for field in actual.order_diff(&step.expected) {
                    detail.push_str("\n  order handed back: ");
                    detail.push_str(&field);
                }
                return Err(fail("outcome", detail));
            }
            if calls != step.calls {
                return Err(fail(
                    "callbacks",
                    format!("tracker:   {calls:?}\n  reference: {:?}", step.calls),
                ));
            }
            let expected = model.observe(&probe);
            if d.observed != expected {
                let diff = d.observed.diff(&expected, 8);
                return Err(fail("queries", diff.join("\n  ")));
            }
        }
        if self.options.invariants
            && let Err(violations) = d.tracker.check_invariants()
        {
            return Err(fail("check_invariants", format!("{violations:?}")));
        }
        if self.options.properties {
            let view = properties::StepView {
                action: &step.action,
                outcome: &actual,
                calls: &calls,
                before: &before,
                after: &d.observed,
                history: &d.history,
            };
            for (name, property) in properties::ALL {
                if self.options.only_property.is_some_and(|only| only != name) {
                    continue;
                }
                if let Err(detail) = property(&view) {
                    return Err(fail(name, detail));
                }
            }
        }
        Ok(())
    }
}

/// A whole run: the reference model and the tracker under test, side by side.
pub struct Harness<T: TrackerUnderTest = OrderTracker> {
    /// The reference side.
    pub model: Model,
    /// The tracker side.
    pub sut: Sut<T>,
}

impl<T: TrackerUnderTest> Harness<T> {
    /// A run of `tracker` (empty) with `options`.
    pub fn new(tracker: T, options: CheckOptions) -> Self {
        Self {
            model: Model::new(),
            sut: Sut::new(tracker, options),
        }
    }

    /// Applies one op to both sides and checks everything.
    ///
    /// # Errors
    /// The first [`Divergence`] found.
    pub fn step(&mut self, op: &Op) -> Result<(), Divergence> {
        self.model.step(op);
        self.sut.verify(&self.model)
    }
}
