//! Deliberately broken trackers, to show the checks have teeth.
//!
//! A [`Mutant`] wraps a real [`OrderTracker`] and breaks exactly one rule, the
//! way a plausible bug would: it answers wrongly, routes wrongly, forgets, or
//! changes things it must not. `tests/teeth.rs` asserts that proptest finds a
//! failing op sequence for every [`MutantKind`], through the reference model and,
//! where the bug is one a named property describes, through that property alone.
//!
//! A wrapper can only misbehave through the tracker's public API: it cannot
//! corrupt the tracker's indexes, so these mutants do not exercise
//! `check_invariants()`. The invariant checker's own teeth are its unit tests in
//! `crates/tracker/src/invariants/tests.rs`, which corrupt the indexes directly.

mod doctor;
mod under_test;

use std::collections::{HashMap, HashSet};

use ordertrack::{AnyOrder, OrderKey, OrderTracker};

/// The bug a [`Mutant`] carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MutantKind {
    /// Reports a duplicate fill as a new partial fill (a trade counted twice).
    DuplicateCountedAgain,
    /// Never routes by (symbol, exchange id): a report without a tracked client
    /// id is `Unknown`.
    NoExchangeRouting,
    /// Silently drops every fill after an order's first, answering `Duplicate`.
    DropsFills,
    /// `active_by_symbol` and its count include terminal orders.
    TerminalStaysLive,
    /// `cleanup_terminal` uses half the maximum age: removes orders too early.
    EarlyCleanup,
    /// A stale key reaches the most recently registered order.
    StaleKeyAliasing,
    /// A placement timeout (`place_in_doubt`) fails the order.
    TimeoutIsRejection,
    /// A report the order refuses removes the order (a failed operation that
    /// changes something).
    NonAtomicErrors,
    /// Callbacks are accepted and never called.
    SilentCallbacks,
    /// A cancelled order that takes a late fill shows up `Active` again.
    ReopensOnLateFill,
    /// `get` shows one extra fill of 10⁻⁸ at price 10⁻⁸ on partly filled orders.
    PhantomFill,
    /// `get` shows cancelled and expired orders without their fills.
    ForgetsFillsOnClose,
    /// `get` shows a conditional order triggered into its matching-engine
    /// order as one the matching engine acknowledged: no algo id, not
    /// triggered.
    ForgetsTrigger,
    /// A report that completes a close-position order by the quantity it
    /// states (no fill of its own) is answered `Stale`: the order is Filled,
    /// nobody is told.
    SilentCompletion,
    /// `get` shows a cancelled or expired close-position order whose quantity
    /// was stated as if it never was (quantity 0, no fills).
    ForgetsStatedQuantity,
}

impl MutantKind {
    /// Every mutant.
    pub const ALL: [Self; 15] = [
        Self::DuplicateCountedAgain,
        Self::NoExchangeRouting,
        Self::DropsFills,
        Self::TerminalStaysLive,
        Self::EarlyCleanup,
        Self::StaleKeyAliasing,
        Self::TimeoutIsRejection,
        Self::NonAtomicErrors,
        Self::SilentCallbacks,
        Self::ReopensOnLateFill,
        Self::PhantomFill,
        Self::ForgetsFillsOnClose,
        Self::ForgetsTrigger,
        Self::SilentCompletion,
        Self::ForgetsStatedQuantity,
    ];

    /// The named properties ([`crate::properties::ALL`]) that catch this bug
    /// each on its own, without the reference model; empty when only the model
    /// does.
    #[must_use]
    pub const fn properties(self) -> &'static [&'static str] {
        match self {
            Self::DuplicateCountedAgain => &["no_trade_id_counted_twice"],
            Self::StaleKeyAliasing => &["stale_key_never_reaches_another_order"],
            Self::TimeoutIsRejection => &["only_definitive_rejection_fails_an_order"],
            Self::NonAtomicErrors => &["failed_operation_changed_nothing"],
            Self::ReopensOnLateFill => &[
                "terminal_states_are_absorbing",
                "cancelled_order_never_reopened",
            ],
            Self::PhantomFill => &[
                "average_fill_price_within_fill_range",
                "no_trade_id_counted_twice",
            ],
            Self::ForgetsFillsOnClose => &["filled_qty_never_decreases_nor_exceeds_quantity"],
            Self::ForgetsTrigger => &["algo_binding_never_reverts"],
            Self::SilentCompletion => &["every_close_is_reported"],
            Self::ForgetsStatedQuantity => &["quantity_changes_only_by_amendment_or_statement"],
            Self::NoExchangeRouting
            | Self::DropsFills
            | Self::TerminalStaysLive
            | Self::EarlyCleanup
            | Self::SilentCallbacks => &[],
        }
    }

    /// Whether the bug concerns conditional orders only: it is hunted with
    /// [`crate::strategies::conditional_sequence`].
    #[must_use]
    pub const fn is_conditional(self) -> bool {
        matches!(
            self,
            Self::ForgetsTrigger | Self::SilentCompletion | Self::ForgetsStatedQuantity
        )
    }

    /// Whether the bug is in what `get` shows (a doctored view of the order).
    const fn is_view(self) -> bool {
        matches!(
            self,
            Self::ReopensOnLateFill
                | Self::PhantomFill
                | Self::ForgetsFillsOnClose
                | Self::ForgetsTrigger
                | Self::ForgetsStatedQuantity
        )
    }
}

/// A real tracker with one bug.
#[derive(Debug)]
pub struct Mutant {
    inner: OrderTracker,
    kind: MutantKind,
    last_registered: Option<OrderKey>,
    reopened: HashSet<OrderKey>,
    shadow: HashMap<OrderKey, AnyOrder>,
}

impl Mutant {
    /// An empty tracker with the bug `kind`.
    #[must_use]
    pub fn new(kind: MutantKind) -> Self {
        Self {
            inner: OrderTracker::new(),
            kind,
            last_registered: None,
            reopened: HashSet::new(),
            shadow: HashMap::new(),
        }
    }

    /// Its bug.
    #[must_use]
    pub fn kind(&self) -> MutantKind {
        self.kind
    }
}
