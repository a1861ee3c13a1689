//! The journaled operations of a [`Store`]: each runs on the tracker, is
//! appended to the journal (its trade to `trades`), and is committed when
//! the commit policy says so.

use std::time::Duration;

use ordertrack::{
    AnyOrder, Callbacks, ClientOrderId, ExecutionReport, FailReason, OrderEvent, OrderKey, Outcome,
    TrackError,
};

use crate::error::StoreError;
use crate::journal;
use crate::operation::Op;
use crate::run::Answer;
use crate::store::Store;

impl Store {
    /// [`OrderTracker::set_handler`](ordertrack::OrderTracker::set_handler): where the orders' asked-for events go.
    /// Not stored (code, not state): set it again after [`Store::open`].
    pub fn set_handler(&mut self, handler: impl FnMut(&OrderEvent<'_>) + Send + 'static) {
        self.tracker.set_handler(handler);
    }

    /// [`OrderTracker::set_callbacks`](ordertrack::OrderTracker::set_callbacks) of the order with this client id. Not
    /// stored: set them again after [`Store::open`].
    ///
    /// # Errors
    /// [`TrackError::UnknownClientId`] when no tracked order has the id.
    pub fn set_callbacks(
        &mut self,
        client_id: &ClientOrderId,
        callbacks: Callbacks,
    ) -> Result<(), TrackError> {
        let key = self
            .tracker
            .lookup_client(client_id)
            .map(|(key, _)| key)
            .ok_or(TrackError::UnknownClientId {
                client_id: *client_id,
            })?;
        self.tracker.set_callbacks(key, callbacks)
    }

    /// [`OrderTracker::register`](ordertrack::OrderTracker::register), journaled.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when the tracker refuses it; a write error
    /// ([`StoreError::Sqlite`], then [`StoreError::Poisoned`] for every later
    /// operation).
    pub fn register(&mut self, order: impl Into<AnyOrder>) -> Result<OrderKey, StoreError> {
        self.key(Op::Register(order.into()))
    }

    /// [`OrderTracker::place`](ordertrack::OrderTracker::place) of the order with this client id, journaled.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn place(&mut self, client_id: &ClientOrderId, now: u64) -> Result<OrderKey, StoreError> {
        self.key(Op::Place(*client_id, now))
    }

    /// [`OrderTracker::cancel`](ordertrack::OrderTracker::cancel) of the order with this client id, journaled.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn cancel(&mut self, client_id: &ClientOrderId, now: u64) -> Result<OrderKey, StoreError> {
        self.key(Op::Cancel(*client_id, now))
    }

    /// [`OrderTracker::place_failed`](ordertrack::OrderTracker::place_failed) of the order with this client id, journaled.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn place_failed(
        &mut self,
        client_id: &ClientOrderId,
        reason: FailReason,
        now: u64,
    ) -> Result<OrderKey, StoreError> {
        self.key(Op::PlaceFailed(*client_id, reason, now))
    }

    /// [`OrderTracker::place_in_doubt`](ordertrack::OrderTracker::place_in_doubt) of the order with this client id, journaled.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn place_in_doubt(
        &mut self,
        client_id: &ClientOrderId,
        now: u64,
    ) -> Result<OrderKey, StoreError> {
        self.key(Op::PlaceInDoubt(*client_id, now))
    }

    /// [`OrderTracker::cancel_rejected`](ordertrack::OrderTracker::cancel_rejected) of the order with this client id, journaled.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn cancel_rejected(
        &mut self,
        client_id: &ClientOrderId,
        now: u64,
    ) -> Result<OrderKey, StoreError> {
        self.key(Op::CancelRejected(*client_id, now))
    }

    /// [`OrderTracker::apply`](ordertrack::OrderTracker::apply), journaled (a report for an unknown order too:
    /// the journal is the feed as it came), with a `trades` row when it
    /// applied a trade.
    ///
    /// # Errors
    /// As [`Store::register`].
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Outcome, StoreError> {
        match self.run(Op::Apply(*report))? {
            Answer::Outcome(outcome) => Ok(outcome),
            other => Err(unexpected(&self.path, &other)),
        }
    }

    /// [`OrderTracker::cleanup_terminal`](ordertrack::OrderTracker::cleanup_terminal), journaled; how many orders it removed.
    ///
    /// # Errors
    /// A write error, as [`Store::register`].
    pub fn cleanup_terminal(&mut self, now: u64, max_age: Duration) -> Result<usize, StoreError> {
        let max_age_ms = u64::try_from(max_age.as_millis()).unwrap_or(u64::MAX);
        match self.run(Op::Cleanup { now, max_age_ms })? {
            Answer::Removed(count) => Ok(count),
            other => Err(unexpected(&self.path, &other)),
        }
    }

    fn key(&mut self, op: Op) -> Result<OrderKey, StoreError> {
        match self.run(op)? {
            Answer::Key(key) => Ok(key),
            other => Err(unexpected(&self.path, &other)),
        }
    }

    /// Runs `op` on the tracker, journals it, commits when due.
    fn run(&mut self, op: Op) -> Result<Answer, StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let entry = op.encode();
        let registered = matches!(op, Op::Register(_));
        let ran = op.run(&mut self.tracker);
        let seq = self.last_seq + 1;
        let written = self
            .begin()
            .and_then(|()| journal::append(&self.conn, seq, &entry, &ran));
        if let Err(e) = written {
            return Err(self.poison("journaling an operation", e));
        }
        self.last_seq = seq;
        self.since_snapshot += 1;
        self.dirty
            .note(seq, &ran.effects, registered && ran.result.is_ok());
        if let Some((count, _)) = &mut self.open {
            *count = count.saturating_add(1);
        }
        if self.commit_due() {
            self.commit()?;
        }
        ran.result.map_err(StoreError::Refused)
    }
}

/// An answer of the wrong kind for the operation (never: each operation has
/// one kind of answer, see `run.rs`).
fn unexpected(path: &std::path::Path, answer: &Answer) -> StoreError {
    StoreError::Inconsistent {
        path: path.to_path_buf(),
        rule: format!("an operation answered {answer:?}"),
    }
}
