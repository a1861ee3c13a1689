//! [`Situation`]: the rows of the runtime tables in `docs/state-machine.md`,
//! and the fixture's order in each.
#![allow(clippy::expect_used, clippy::panic)]

use super::Fixture;
use crate::any::AnyOrder;

/// The nine situations an order can be in that behave differently: the eight
/// states, with `Cancelling` split by whether its exchange id is known (the
/// rows of the runtime table in `docs/state-machine.md`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Situation {
    /// Built, not sent.
    Idle,
    /// Sent, not acknowledged.
    Placing,
    /// Acknowledged.
    Active,
    /// A cancel in flight, sent after the ack.
    CancellingAcked,
    /// A cancel in flight, sent before any ack.
    CancellingUnacked,
    /// Completely filled.
    Filled,
    /// Cancelled, nothing filled.
    Cancelled,
    /// Expired, nothing filled.
    Expired,
    /// Rejected, never acknowledged.
    Failed,
}

impl Situation {
    /// Every situation, in lifecycle order.
    pub const ALL: [Self; 9] = [
        Self::Idle,
        Self::Placing,
        Self::Active,
        Self::CancellingAcked,
        Self::CancellingUnacked,
        Self::Filled,
        Self::Cancelled,
        Self::Expired,
        Self::Failed,
    ];

    /// The row label `docs/state-machine.md` gives it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Idle => "Idle",
            Self::Placing => "Placing",
            Self::Active => "Active",
            Self::CancellingAcked => "Cancelling (id known)",
            Self::CancellingUnacked => "Cancelling (never acked)",
            Self::Filled => "Filled",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
            Self::Failed => "Failed",
        }
    }
}

impl Fixture {
    /// The order in `situation`.
    #[must_use]
    pub fn order_in(&self, situation: Situation) -> AnyOrder {
        match situation {
            Situation::Idle => self.idle(),
            Situation::Placing => self.placing(),
            Situation::Active => self.active(self.ack_time()),
            Situation::CancellingAcked => self.cancelling(),
            Situation::CancellingUnacked => self.cancelling_unacked(),
            Situation::Filled => self.filled(),
            Situation::Cancelled => self.cancelled(),
            Situation::Expired => self.expired(),
            Situation::Failed => self.failed(),
        }
    }
}

