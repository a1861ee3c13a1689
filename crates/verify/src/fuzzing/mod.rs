//! The oracles of the fuzz targets, as library code: each target in `fuzz/`
//! is a few lines over one function here (slotmap's model: tiny targets over
//! shared code), so the same checks also run under `cargo test` on the
//! committed seeds and on any bytes.
//!
//! - [`report_apply()`]: one order in any state, then arbitrary reports and
//!   engine requests against it, each checked against the state machine's
//!   rules (the `report_apply` target).
//! - The `tracker_ops` target runs [`crate::harness::run`] over a `Vec<Op>`.
//!
//! ```
//! use ordertrack_verify::fuzzing;
//!
//! let steps = fuzzing::report_apply(&[7u8; 512]); // panics on a broken property
//! assert!(steps <= fuzzing::MAX_STEPS);
//! ```

mod report_apply;

pub use report_apply::{MAX_STEPS, Run, report_apply, report_apply_run};
