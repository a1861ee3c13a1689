//! What one op becomes ([`Action`]), what it returns ([`StepOutcome`]) and the
//! reference model's record of a step ([`Step`]).

use ordertrack::{ExecutionReport, FailReason, NewOrder, OrderError, Price, Qty, TradeId};

use super::start::StartStep;
use super::view::OrderView;
use crate::ops::Op;
use crate::reference::{CallbackCall, RefError, RefId, RefOutcome};

/// A fill as the harness records it: trade id, quantity, price.
pub type FillRecord = (TradeId, Qty, Price);

/// An op made concrete: exactly what is done to both trackers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing (the op named an order when none was ever issued, or replayed a
    /// report when none was sent).
    Skip,
    /// Build the order `spec` describes, take it through `path` to its start
    /// state, and register it (with counting callbacks when `callbacks`). Each
    /// side builds its own: the tracker side with `AnyOrder::new` and its transitions,
    /// the reference with [`crate::reference::RefOrder`].
    Register {
        /// The order as the engine describes it (possibly invalid).
        spec: NewOrder,
        /// The requests and reports that take it to its start state.
        path: Vec<StartStep>,
        /// Attach counting callbacks.
        callbacks: bool,
    },
    /// `place(id, now)`.
    Place {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `cancel(id, now)`.
    Cancel {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `place_failed(id, reason, now)`.
    PlaceFailed {
        /// The order.
        id: RefId,
        /// The reason.
        reason: FailReason,
        /// The time.
        now: u64,
    },
    /// `place_in_doubt(id, now)`.
    PlaceInDoubt {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `cancel_rejected(id, now)`.
    CancelRejected {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `apply(report)`.
    Apply {
        /// The report.
        report: ExecutionReport,
    },
    /// `unregister(id)`.
    Unregister {
        /// The order.
        id: RefId,
    },
    /// `set_callbacks(id, counting callbacks)`.
    SetCallbacks {
        /// The order.
        id: RefId,
    },
    /// `cleanup_terminal(now, max_age)`.
    Cleanup {
        /// The time.
        now: u64,
        /// The maximum age.
        max_age: u64,
    },
}

impl Action {
    /// The order an engine request, unregister or callbacks change names.
    #[must_use]
    pub fn target(&self) -> Option<RefId> {
        match *self {
            Self::Place { id, .. }
            | Self::Cancel { id, .. }
            | Self::PlaceFailed { id, .. }
            | Self::PlaceInDoubt { id, .. }
            | Self::CancelRejected { id, .. }
            | Self::Unregister { id }
            | Self::SetCallbacks { id } => Some(id),
            _ => None,
        }
    }
}

/// What an action returned, with keys as reference ids: predicted by the
/// reference, observed on the tracker under test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// [`Action::Skip`].
    Nothing,
    /// `AnyOrder::new` refused the spec of an [`Action::Register`]; nothing
    /// reached the tracker.
    Refused(OrderError),
    /// `register`.
    Registered(Result<RefId, RefError>),
    /// An engine request or `set_callbacks`.
    Done(Result<(), RefError>),
    /// `apply`.
    Applied(Result<RefOutcome, RefError>),
    /// `unregister`: the order handed back (boxed: an order is large).
    Unregistered(Option<Box<OrderView>>),
    /// `cleanup_terminal`.
    Cleaned(usize),
}

impl StepOutcome {
    /// Whether the operation returned an error (a refused spec included).
    #[must_use]
    pub fn is_err(&self) -> bool {
        matches!(
            self,
            Self::Refused(_)
                | Self::Registered(Err(_))
                | Self::Done(Err(_))
                | Self::Applied(Err(_))
        )
    }

    /// How the order handed back by `unregister` differs from `expected`'s,
    /// field by field (empty unless both handed one back).
    #[must_use]
    pub fn order_diff(&self, expected: &Self) -> Vec<String> {
        match (self, expected) {
            (Self::Unregistered(Some(actual)), Self::Unregistered(Some(expected))) => {
                actual.diff(expected)
            }
            _ => Vec::new(),
        }
    }
}

/// The reference model's latest step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The op.
    pub op: Op,
    /// What it became.
    pub action: Action,
    /// What the reference predicts it returns.
    pub expected: StepOutcome,
    /// The callbacks the reference predicts it calls.
    pub calls: Vec<CallbackCall>,
}
