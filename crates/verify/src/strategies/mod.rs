//! proptest strategies: every model value, and whole operation sequences.
//!
//! Value strategies (`values.rs`) generate *valid* values unless their name
//! says otherwise (`any_execution_report` has any field values). The op
//! strategies (`sequences.rs`) generate [`crate::ops::Op`]s with weights that
//! keep sequences meaningful (mostly reports about registered orders with their
//! own ids, now and then a wrong id, symbol, status, quantity or terms) and
//! shrink towards short, simple sequences; the state-aware ones
//! (`focused.rs`) walk the reference's conditional orders through their
//! lives, for the state-machine test.

mod focused;
mod sequences;
mod values;

pub use focused::*;
pub use sequences::*;
pub use values::*;

use proptest::test_runner::Config;

/// Cases per property when `PROPTEST_CASES` is not set: seconds, not minutes.
pub const DEFAULT_CASES: u32 = 256;
/// Longest op sequence the sequence strategies generate by default.
pub const MAX_OPS: usize = 50;

/// The proptest configuration of this crate's tests: `PROPTEST_CASES` cases
/// when that variable is set (as proptest's own default does), else
/// [`DEFAULT_CASES`]; every other setting is proptest's default (which honours
/// the other `PROPTEST_*` variables).
#[must_use]
pub fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        ..Config::default()
    }
}

/// [`config`], persisting failing cases in `path` (relative to the package
/// root, where `cargo test` runs integration tests), e.g.
/// `"proptest-regressions/state_machine.txt"`. proptest replays them first on
/// every run; commit them.
#[must_use]
pub fn config_with_regressions(path: &'static str) -> Config {
    Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(path),
        )),
        ..config()
    }
}
