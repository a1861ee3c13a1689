//! Applying a [`Reconciliation`]: each step tried on a copy of its order,
//! then on the tracker.

use ordertrack::{
    AnyOrder, Applied, ApplyError, ClientOrderId, OrderKey, OrderTracker, Outcome, RequestError,
    TrackError,
};

use super::plan::{Reconciliation, Step, StepKind};

/// What an applied step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDone {
    /// The order (for an adoption, its new key).
    pub key: OrderKey,
    /// Its client id.
    pub client_id: ClientOrderId,
    /// What the step was.
    pub kind: StepKind,
    /// What each report did, in order (`Duplicate` for a trade the stream
    /// delivered since the snapshot was read).
    pub applied: Vec<Applied>,
}

/// Why a step changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// The order refuses one of the step's reports (it changed since the
    /// reconciliation was computed, or the answers contradict it).
    #[error("order {client_id}: report {index} of the step is refused: {source}")]
    Refused {
        /// The order.
        client_id: ClientOrderId,
        /// The report's position in [`Step::reports`].
        index: usize,
        /// The model's reason.
        source: ApplyError,
    },
    /// The order's state no longer allows recording the failure.
    #[error("order {client_id}: the placement failure cannot be recorded: {source}")]
    Request {
        /// The order.
        client_id: ClientOrderId,
        /// The model's reason.
        source: RequestError,
    },
    /// The tracker refused: a stale key, an adopted order's client id now
    /// tracked, an exchange id another order holds.
    #[error("order {client_id}: {source}")]
    Track {
        /// The order.
        client_id: ClientOrderId,
        /// The tracker's reason.
        source: TrackError,
    },
    /// The step names no order: neither a key nor an order to adopt.
    #[error("order {client_id}: the step names no order")]
    NoOrder {
        /// The order.
        client_id: ClientOrderId,
    },
}

impl Reconciliation {
    /// Applies every step at `now` (ms), each on its own: a step whose order
    /// refuses it changes nothing and stops no other. Apply once
    /// [`Reconciliation::to_fetch`] is empty: an order still waiting for an
    /// answer has no step yet.
    pub fn apply(&self, tracker: &mut OrderTracker, now: u64) -> Vec<Result<StepDone, StepError>> {
        self.steps
            .iter()
            .map(|step| step.apply(tracker, now))
            .collect()
    }
}

impl Step {
    /// Applies the step at `now` (ms): first on a copy of its order (every
    /// report, then the failure), so that a refusal changes nothing; then on
    /// the tracker (an adopted order is registered first).
    ///
    /// # Errors
    /// [`StepError`]; the tracker is unchanged, except when the tracker
    /// itself refuses a report the copy accepted (an exchange id another
    /// tracked order holds), which stops the step there.
    pub fn apply(&self, tracker: &mut OrderTracker, now: u64) -> Result<StepDone, StepError> {
        let client_id = self.client_id;
        let track = |source| StepError::Track { client_id, source };
        let copy = match (&self.adopt, self.key) {
            (Some(order), _) => order.clone(),
            (None, Some(key)) => tracker
                .get(key)
                .cloned()
                .ok_or(track(TrackError::StaleKey { key }))?,
            (None, None) => return Err(StepError::NoOrder { client_id }),
        };
        self.try_on(copy, now)?;
        let key = match (&self.adopt, self.key) {
            (Some(order), _) => tracker.register(order.clone()).map_err(track)?,
            (None, Some(key)) => key,
            (None, None) => return Err(StepError::NoOrder { client_id }),
        };
        let mut applied = Vec::with_capacity(self.reports.len() + 1);
        for report in &self.reports {
            match tracker.apply(report).map_err(track)? {
                Outcome::Applied { applied: a, .. } => applied.push(a),
                Outcome::Unknown(_) => {
                    return Err(track(TrackError::StaleKey { key }));
                }
            }
        }
        if let Some(reason) = self.fail {
            tracker.place_failed(key, reason, now).map_err(track)?;
            if let Some(order) = tracker.get(key) {
                applied.push(Applied::Failed(ordertrack::Closed::between(
                    order.filled_qty(),
                    None,
                )));
            }
        }
        Ok(StepDone {
            key,
            client_id,
            kind: self.kind,
            applied,
        })
    }

    /// The step on a copy of the order: whether every report and the failure
    /// are accepted.
    fn try_on(&self, mut order: AnyOrder, now: u64) -> Result<(), StepError> {
        let client_id = self.client_id;
        for (index, report) in self.reports.iter().enumerate() {
            order.apply(report).map_err(|source| StepError::Refused {
                client_id,
                index,
                source,
            })?;
        }
        if let Some(reason) = self.fail {
            order
                .place_failed(reason, now)
                .map_err(|source| StepError::Request { client_id, source })?;
        }
        Ok(())
    }
}
