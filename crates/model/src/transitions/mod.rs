//! The legal transitions, one capability trait each, written once, on the typed
//! handle [`OrderMut`](crate::OrderMut). A transition is a method whose `where` clause requires
//! `S` to implement its trait, so calling it on any other state fails to compile
//! with the trait's readable message. (The bound sits on the method, not on the
//! `impl` block: with an `impl`-level bound rustc reports a generic "trait bounds
//! were not satisfied" and never shows the `#[diagnostic::on_unimplemented]`
//! message.)
//!
//! A consuming transition writes the next state's tag and data into the record
//! in place and returns the next state's handle; a refused one hands the
//! handle back unchanged ([`Refused`](crate::Refused)). [`crate::AnyOrder::apply`] calls these
//! same methods, so no rule exists only at runtime.
//!
//! The traits are sealed (their supertrait [`State`](crate::State) is) and their `#[doc(hidden)]`
//! items are how each state says what the transition does to its data.

mod amend;
mod cancel;
mod fill;
mod placement;
mod trigger;

pub use amend::CanAmend;
pub use cancel::{CanCancelReject, CanClose, CanRequestCancel, CancelRejected};
pub use fill::{CanFill, CanLateFill, FillOutcome, LateFillOutcome};
pub use placement::{CanAcknowledge, CanArm, CanMarkInDoubt, CanPlace, CanReject};
pub use trigger::{CanComplete, CanLegacyTrigger, CanMarkTriggering, CanStateQuantity, CanTrigger};
