//! The operation language: one [`Op`] is one thing an engine or the exchange's
//! feed does to a tracker.
//!
//! Ops are *relative*: they name orders by an [`OrderRef`], an index into the list
//! of every key issued so far (modulo its length, removed orders included), and
//! draw ids, symbols and sub-accounts from small [`pools`], so that any sequence of
//! random ops stays meaningful — orders collide on client ids, share buckets, get
//! reports meant for others, and are addressed by stale keys. The same ops come
//! from `arbitrary` (the fuzz targets: `Vec<Op>` is `Arbitrary`) and from proptest
//! ([`crate::strategies::op`]).
//!
//! An op is turned into a concrete [`crate::harness::Action`] (a real
//! `ExecutionReport`, an order's spec and the path to its start state) by
//! [`crate::harness::Model::resolve`], from the reference model's view of the
//! orders.

use arbitrary::Arbitrary;

/// An order, named by its index in the list of keys issued so far (taken modulo
/// that list's length; an op naming an order when none was ever issued does
/// nothing). Removed orders stay in the list: their keys are stale.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Arbitrary)]
pub struct OrderRef(pub u8);

/// One operation on a tracker.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Arbitrary)]
pub enum Op {
    /// Build an order (possibly invalid) and register it in a chosen state.
    Register(RegisterOp),
    /// The engine sent the order (`place`).
    Place {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The engine sent a cancel (`cancel`).
    Cancel {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The exchange definitively refused the placement (`place_failed`).
    PlaceFailed {
        /// The order.
        order: OrderRef,
        /// The exchange's error code.
        code: i16,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The placement timed out (`place_in_doubt`).
    PlaceInDoubt {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// The exchange refused the cancel (`cancel_rejected`).
    CancelRejected {
        /// The order.
        order: OrderRef,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// A feed report about an issued order (tracked or already removed).
    Report(ReportOp),
    /// A feed report for an order never registered: foreign ids, our ids from
    /// before a restart, bare exchange ids.
    UnknownReport(UnknownReportOp),
    /// Sends again a report sent earlier (index modulo the number sent): a
    /// duplicated, late or out-of-order delivery.
    Replay {
        /// Which earlier report.
        index: u8,
        /// Milliseconds the clock moves forward first.
        dt: u8,
    },
    /// Stops tracking an order (`unregister`), stale keys included.
    Unregister {
        /// The order.
        order: OrderRef,
    },
    /// Attaches (or replaces) the order's counting callbacks (`set_callbacks`).
    SetCallbacks {
        /// The order.
        order: OrderRef,
    },
    /// Time moves forward by `dt`, then `cleanup_terminal(now, max_age)`.
    Cleanup {
        /// Milliseconds the clock moves forward first.
        dt: u16,
        /// The cleanup's maximum age (ms).
        max_age: u16,
    },
}

mod register;
mod report;

pub mod pools;

pub use register::*;
pub use report::*;
