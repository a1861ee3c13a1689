//! A deliberately simple reference model of the tracker and of each order,
//! sharing no code with the ones it checks.
//!
//! - [`RefOrder`] (`order.rs`, `report.rs`, `table.rs`, `trigger.rs`,
//!   `fill.rs`): one order in plain fields, its engine requests, feed reports
//!   and fills written from `docs/state-machine.md` and issue 12's rules for
//!   conditional orders — the report checks in the documented order, what a
//!   report says happened (the algo service's reports, the legacy trigger),
//!   one `match` over (state, event) with an arm per cell of the table, the
//!   `Armed` state, the binding to the triggered order, a close-position
//!   order's quantity learnt from its triggered order, the fill rules. It uses the model's value types (ids, quantities,
//!   statuses, [`ordertrack::Applied`], the error types) to state its
//!   predictions, and no code of `AnyOrder`, its handles (`OrderMut`,
//!   `OrderRef`) or `Fills`: a bug there shows up as a divergence.
//! - [`ReferenceTracker`] (`tracker/`): a `Vec` of records and linear scans
//!   that answers every query [`ordertrack::OrderTracker`] answers
//!   (`queries.rs`) and predicts every outcome (registration and cleanup in
//!   `mod.rs`, requests and reports in `requests.rs`).

mod fill;
mod order;
mod report;
mod table;
mod tracker;
mod trigger;

pub use order::{RefFill, RefOrder};
pub use report::status_fits;
pub use tracker::{Record, ReferenceTracker};

use ordertrack::{
    Applied, ApplyError, ClientOrderId, ExchangeOrderId, OrderStatus, Qty, RequestError, Symbol,
    UnknownOrder,
};

/// A reference id: the order's position in registration order. Never reused.
pub type RefId = usize;

/// What the reference expects a tracker error to be, with keys as [`RefId`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// `TrackError::DuplicateClientId`.
    DuplicateClientId {
        /// The id.
        client_id: ClientOrderId,
    },
    /// `TrackError::ExchangeIdTaken`.
    ExchangeIdTaken {
        /// The symbol.
        symbol: Symbol,
        /// The exchange id.
        exchange_id: ExchangeOrderId,
        /// The order holding it.
        holder: RefId,
    },
    /// `TrackError::StaleKey`.
    StaleKey {
        /// The key.
        id: RefId,
    },
    /// `TrackError::UnknownClientId` (a request by client id; the op language
    /// names orders by key, so the harness never expects it).
    UnknownClientId {
        /// The id.
        client_id: ClientOrderId,
    },
    /// `TrackError::Apply`.
    Apply {
        /// The order the report reached.
        id: RefId,
        /// Why it refused it.
        source: ApplyError,
    },
    /// `TrackError::Request`.
    Request {
        /// The order.
        id: RefId,
        /// Why it refused it.
        source: RequestError,
    },
}

/// What the reference expects `apply` to return, with keys as [`RefId`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefOutcome {
    /// `Outcome::Applied`.
    Applied {
        /// The order.
        id: RefId,
        /// What it did.
        applied: Applied,
    },
    /// `Outcome::Unknown`.
    Unknown(UnknownOrder),
}

/// Which callback an event calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallbackKind {
    /// `on_partial`.
    Partial,
    /// `on_fill`.
    Fill,
    /// `on_late_fill`.
    LateFill,
    /// `on_cancel`.
    Cancel,
    /// `on_expire`.
    Expire,
    /// `on_fail`.
    Fail,
    /// `on_trigger`.
    Trigger,
}

impl CallbackKind {
    /// The callback `applied` calls, if any.
    #[must_use]
    pub fn of(applied: &Applied) -> Option<Self> {
        match applied {
            Applied::PartiallyFilled(_) => Some(Self::Partial),
            Applied::Filled(_) => Some(Self::Fill),
            Applied::LateFill(_) => Some(Self::LateFill),
            Applied::Cancelled(_) => Some(Self::Cancel),
            Applied::Expired(_) => Some(Self::Expire),
            Applied::Failed(_) => Some(Self::Fail),
            Applied::Triggered => Some(Self::Trigger),
            Applied::Acknowledged
            | Applied::Armed
            | Applied::Triggering
            | Applied::Amended
            | Applied::Duplicate
            | Applied::Stale => None,
        }
    }
}

/// One callback call: which order, which callback, and the order's status and
/// filled quantity as the callback saw them (the state after the event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackCall {
    /// The order.
    pub id: RefId,
    /// Which callback.
    pub kind: CallbackKind,
    /// The order's status when called.
    pub status: OrderStatus,
    /// The order's filled quantity when called.
    pub filled: Qty,
}
