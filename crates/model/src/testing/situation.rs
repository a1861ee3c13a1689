//! [`Situation`]: the rows of the runtime tables in `docs/state-machine.md`,
//! and the fixture's order in each.
#![allow(clippy::expect_used, clippy::panic)]

use super::Fixture;
use crate::any::AnyOrder;

/// The thirteen situations an order can be in that behave differently: the nine
/// states, with `Armed` split by whether it is triggering, `Active` by whether
/// the algo service triggered it, and `Cancelling` by
/// whether its exchange id is known and whether the algo service had accepted
/// it (the rows of the runtime tables in `docs/state-machine.md`). The armed
/// situations are meant for a conditional fixture ([`Fixture::stop`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Situation {
    /// Built, not sent.
    Idle,
    /// Sent, not acknowledged.
    Placing,
    /// Accepted by the algo service, waiting for its trigger.
    Armed,
    /// Armed, its trigger condition met.
    Triggering,
    /// Acknowledged by the matching engine (a conditional order there: not
    /// triggered yet).
    Active,
    /// Triggered by the algo service, bound to its matching-engine order.
    Triggered,
    /// A cancel in flight, sent after the ack.
    CancellingAcked,
    /// A cancel in flight, sent before any ack.
    CancellingUnacked,
    /// A cancel in flight, sent while armed.
    CancellingArmed,
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
    pub const ALL: [Self; 13] = [
        Self::Idle,
        Self::Placing,
        Self::Armed,
        Self::Triggering,
        Self::Active,
        Self::Triggered,
        Self::CancellingAcked,
        Self::CancellingUnacked,
        Self::CancellingArmed,
        Self::Filled,
        Self::Cancelled,
        Self::Expired,
        Self::Failed,
    ];

    /// Whether only a conditional order can be in it (armed, triggering,
    /// triggered, or cancelled while armed).
    #[must_use]
    pub const fn is_conditional(self) -> bool {
        matches!(
            self,
            Self::Armed | Self::Triggering | Self::Triggered | Self::CancellingArmed
        )
    }

    /// The row label `docs/state-machine.md` gives it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Idle => "Idle",
            Self::Placing => "Placing",
            Self::Armed => "Armed",
            Self::Triggering => "Armed (triggering)",
            Self::Active => "Active",
            Self::Triggered => "Active (triggered)",
            Self::CancellingAcked => "Cancelling (id known)",
            Self::CancellingUnacked => "Cancelling (never acked)",
            Self::CancellingArmed => "Cancelling (armed)",
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
            Situation::Armed => self.armed(),
            Situation::Triggering => self.triggering(),
            Situation::Active => self.active(self.ack_time()),
            Situation::Triggered => self.triggered(),
            Situation::CancellingAcked => self.cancelling(),
            Situation::CancellingUnacked => self.cancelling_unacked(),
            Situation::CancellingArmed => self.cancelling_armed(),
            Situation::Filled => self.filled(),
            Situation::Cancelled => self.cancelled(),
            Situation::Expired => self.expired(),
            Situation::Failed => self.failed(),
        }
    }
}
