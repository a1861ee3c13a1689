//! The one (state, event) → state table: every report an order can receive,
//! a comment per row, each row calling one typed transition (or two, where a
//! report proves a step that was missed).

use super::AnyOrder;
use super::event::Event;
use super::rows::{close, late_fill, live_fill, trigger_step};
use crate::applied::{Applied, Closed};
use crate::error::{ApplyError, TriggerError};
use crate::report::ExecutionReport;
use crate::state::{
    Active, Armed, Cancelled, Cancelling, CancellingData, Expired, FailReason, Failed, Placing,
    StateData,
};

impl AnyOrder {
    /// Applies `event` (of `report`) to the order's state.
    #[expect(
        clippy::too_many_lines,
        reason = "the whole state machine, one row per (state, event) pair, is meant to be read in one place"
    )]
    pub(super) fn table(
        &mut self,
        report: &ExecutionReport,
        event: Event,
    ) -> Result<Applied, ApplyError> {
        let at = report.transaction_time;
        let z = report.cumulative_qty;
        let client_id = self.client_id();
        use Event as E;
        use StateData as S;
        let unbound = |d: &CancellingData| d.exchange_id.is_none();
        match (&self.0.state, event) {
            // Never sent: no exchange event can be about it.
            (&S::Idle, _) => Err(self.not_applicable(report)),

            // NEW of a placement: Placing → Active.
            (&S::Placing(d), E::Ack(Some(id))) => {
                let _ = self.handle::<Placing>(d).acknowledge(id, at);
                Ok(Applied::Acknowledged)
            }
            // NEW after a cancel sent before the ack: the id is learnt, still
            // Cancelling; after the algo service accepted the order, it is the
            // NEW of its triggered order: it triggered, still Cancelling.
            (&S::Cancelling(d), E::Ack(Some(id))) if unbound(&d) && self.algo_id().is_none() => {
                let _ = self.handle::<Cancelling>(d).acknowledge(id, at);
                Ok(Applied::Acknowledged)
            }
            (&S::Cancelling(d), E::Ack(Some(id))) if unbound(&d) => trigger_step(
                self.handle::<Cancelling>(d).triggered_into(id, at),
                client_id,
                Applied::Triggered,
            ),
            // NEW of the triggered order of an armed one, before the algo
            // service's TRIGGERED: bound to it, → Active.
            (&S::Armed(d), E::Ack(Some(id))) => trigger_step(
                self.handle::<Armed>(d).triggered_into(id, at),
                client_id,
                Applied::Triggered,
            ),
            // NEW naming no id, for an order that still needs one.
            (&S::Placing(_) | &S::Armed(_), E::Ack(None)) => Err(ApplyError::MissingExchangeId {
                client_id,
                execution: report.execution,
            }),
            (&S::Cancelling(d), E::Ack(None)) if unbound(&d) => {
                Err(ApplyError::MissingExchangeId {
                    client_id,
                    execution: report.execution,
                })
            }
            // NEW after the order moved on (acknowledged, filled or closed): stale.
            (
                &S::Active(_)
                | &S::Cancelling(_)
                | &S::Filled(_)
                | &S::Cancelled(_)
                | &S::Expired(_)
                | &S::Failed(_),
                E::Ack(_),
            ) => Ok(Applied::Stale),

            // The algo service accepted a conditional order: Placing → Armed;
            // a cancel sent before its answer (and before any ack) learns the
            // algo id.
            (&S::Placing(d), E::AlgoAck(algo_id)) => trigger_step(
                self.handle::<Placing>(d).arm(algo_id, at),
                client_id,
                Applied::Armed,
            ),
            (&S::Cancelling(d), E::AlgoAck(algo_id)) if unbound(&d) && self.algo_id().is_none() => {
                trigger_step(
                    self.handle::<Cancelling>(d).arm(algo_id, at),
                    client_id,
                    Applied::Armed,
                )
            }
            // The algo service's NEW again, or after the order moved on: stale.
            (
                &S::Armed(_)
                | &S::Active(_)
                | &S::Cancelling(_)
                | &S::Filled(_)
                | &S::Cancelled(_)
                | &S::Expired(_)
                | &S::Failed(_),
                E::AlgoAck(_),
            ) => Ok(Applied::Stale),

            // TRIGGERING: the order stays Armed, marked triggering (the
            // algo service's NEW was missed: armed first).
            (&S::Armed(d), E::Triggering(_)) => {
                let _ = self.handle::<Armed>(d).mark_triggering(at);
                Ok(Applied::Triggering)
            }
            (&S::Placing(d), E::Triggering(algo_id)) => {
                let step = self
                    .handle::<Placing>(d)
                    .arm(algo_id, at)
                    .map(|armed| armed.mark_triggering(at));
                trigger_step(step, client_id, Applied::Triggering)
            }
            // TRIGGERING once a cancel is in flight or the order moved on: stale.
            (
                &S::Active(_)
                | &S::Cancelling(_)
                | &S::Filled(_)
                | &S::Cancelled(_)
                | &S::Expired(_)
                | &S::Failed(_),
                E::Triggering(_),
            ) => Ok(Applied::Stale),

            // TRIGGERED: bound to the matching-engine order, Armed → Active
            // (from Placing, the algo service's NEW was missed).
            (&S::Armed(d), E::Triggered(_, id)) => trigger_step(
                self.handle::<Armed>(d).triggered_into(id, at),
                client_id,
                Applied::Triggered,
            ),
            (&S::Placing(d), E::Triggered(algo_id, id)) => {
                let step = self
                    .handle::<Placing>(d)
                    .arm(algo_id, at)
                    .map_err(TriggerError::from)
                    .and_then(|armed| armed.triggered_into(id, at).map_err(TriggerError::from));
                trigger_step(step, client_id, Applied::Triggered)
            }
            // TRIGGERED while a cancel is in flight: the id (and the algo id) is
            // learnt, still Cancelling.
            (&S::Cancelling(d), E::Triggered(algo_id, id)) if unbound(&d) => {
                let step = self
                    .handle::<Cancelling>(d)
                    .arm(algo_id, at)
                    .map_err(TriggerError::from)
                    .and_then(|o| o.triggered_into(id, at).map_err(TriggerError::from));
                trigger_step(step, client_id, Applied::Triggered)
            }
            // TRIGGERED / FINISHED of an order already bound, or closed: stale
            // (a different id was refused by the report checks).
            (
                &S::Active(_)
                | &S::Cancelling(_)
                | &S::Filled(_)
                | &S::Cancelled(_)
                | &S::Expired(_)
                | &S::Failed(_),
                E::Triggered(..),
            ) => Ok(Applied::Stale),

            // The legacy trigger (EXPIRED of a stop the matching engine
            // triggered in place): the order stays, triggered; from Placing or
            // a never-acked Cancelling, it was acknowledged first. Once
            // triggered, the same trigger again is stale.
            (&S::Active(_) | &S::Cancelling(_), E::LegacyTrigger(_)) if self.triggered() => {
                Ok(Applied::Stale)
            }
            (&S::Active(d), E::LegacyTrigger(_)) => trigger_step(
                self.handle::<Active>(d).legacy_trigger(at),
                client_id,
                Applied::Triggered,
            ),
            (&S::Cancelling(d), E::LegacyTrigger(id)) => match (d.exchange_id, id) {
                (Some(_), _) => trigger_step(
                    self.handle::<Cancelling>(d).legacy_trigger(at),
                    client_id,
                    Applied::Triggered,
                ),
                (None, Some(id)) => {
                    let step = self
                        .handle::<Cancelling>(d)
                        .acknowledge(id, at)
                        .legacy_trigger(at);
                    trigger_step(step, client_id, Applied::Triggered)
                }
                (None, None) => Err(ApplyError::MissingExchangeId {
                    client_id,
                    execution: report.execution,
                }),
            },
            (&S::Placing(d), E::LegacyTrigger(Some(id))) => {
                let step = self
                    .handle::<Placing>(d)
                    .acknowledge(id, at)
                    .legacy_trigger(at);
                trigger_step(step, client_id, Applied::Triggered)
            }
            (&S::Placing(_), E::LegacyTrigger(None)) => Err(ApplyError::MissingExchangeId {
                client_id,
                execution: report.execution,
            }),
            // The legacy trigger never concerns an order of the algo service,
            // and a closed order stays closed.
            (&S::Armed(_), E::LegacyTrigger(_)) => Err(self.not_applicable(report)),
            (
                &S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_),
                E::LegacyTrigger(_),
            ) => Ok(Applied::Stale),

            // TRADE of a live order: partial (Placing and Armed → Active,
            // Active and Cancelling stay) or complete (→ Filled); a seen trade
            // id is a duplicate. An armed order's fill is its triggered
            // order's, ahead of TRIGGERED: it binds the order.
            (&S::Placing(d), E::Fill(f)) => live_fill(self.handle::<Placing>(d), f, z),
            (&S::Armed(d), E::Fill(f)) => live_fill(self.handle::<Armed>(d), f, z),
            (&S::Active(d), E::Fill(f)) => live_fill(self.handle::<Active>(d), f, z),
            (&S::Cancelling(d), E::Fill(f)) => live_fill(self.handle::<Cancelling>(d), f, z),
            // TRADE after the order closed without completing (a real race): accounted,
            // the order stays terminal.
            (&S::Cancelled(d), E::Fill(f)) => late_fill(self.handle::<Cancelled>(d), f, z),
            (&S::Expired(d), E::Fill(f)) => late_fill(self.handle::<Expired>(d), f, z),
            (&S::Failed(d), E::Fill(f)) => late_fill(self.handle::<Failed>(d), f, z),
            // TRADE of a filled order: a duplicate, or an overfill (nothing is open).
            (&S::Filled(_), E::Fill(f)) => self.fill_of_filled(&f),

            // CANCELED / EXPIRED of a live order, from either service: →
            // Cancelled / Expired.
            (&S::Placing(d), E::Cancel | E::Expire) => {
                close(self.handle::<Placing>(d), report, event)
            }
            (&S::Armed(d), E::Cancel | E::Expire) => close(self.handle::<Armed>(d), report, event),
            (&S::Active(d), E::Cancel | E::Expire) => {
                close(self.handle::<Active>(d), report, event)
            }
            (&S::Cancelling(d), E::Cancel | E::Expire) => {
                close(self.handle::<Cancelling>(d), report, event)
            }
            // CANCELED / EXPIRED of a terminal order: stale (absorbing states).
            (
                &S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_),
                E::Cancel | E::Expire,
            ) => Ok(Applied::Stale),

            // AMENDMENT of a live order; the transition refuses one never acknowledged.
            (&S::Active(d), E::Amend(a)) => match self.handle::<Active>(d).amend(a, at) {
                Ok(_) => Ok(Applied::Amended),
                Err(refused) => Err(ApplyError::Amend {
                    client_id,
                    source: refused.error,
                }),
            },
            (&S::Cancelling(d), E::Amend(a)) => match self.handle::<Cancelling>(d).amend(a, at) {
                Ok(_) => Ok(Applied::Amended),
                Err(refused) => Err(ApplyError::Amend {
                    client_id,
                    source: refused.error,
                }),
            },
            // AMENDMENT of an order not on the book (never acknowledged, or
            // waiting for its trigger).
            (&S::Placing(_) | &S::Armed(_), E::Amend(_)) => Err(self.not_applicable(report)),
            // AMENDMENT of a terminal order: stale.
            (&S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_), E::Amend(_)) => {
                Ok(Applied::Stale)
            }

            // REJECTED of a placement never acknowledged, or of an armed order
            // at its trigger: → Failed.
            (&S::Placing(d), E::Reject) => {
                let filled = self.filled_qty();
                let _ = self.handle::<Placing>(d).reject(FailReason::Rejected, at);
                Ok(Applied::Failed(Closed::between(filled, z)))
            }
            (&S::Armed(d), E::Reject) => {
                let filled = self.filled_qty();
                let _ = self.handle::<Armed>(d).reject(FailReason::Rejected, at);
                Ok(Applied::Failed(Closed::between(filled, z)))
            }
            // REJECTED of a cancel-before-ack order: → Failed; the transition
            // refuses it once the exchange has acknowledged the order.
            (&S::Cancelling(d), E::Reject) => {
                let filled = self.filled_qty();
                match self
                    .handle::<Cancelling>(d)
                    .reject(FailReason::Rejected, at)
                {
                    Ok(_) => Ok(Applied::Failed(Closed::between(filled, z))),
                    Err(refused) => Err(ApplyError::Reject {
                        client_id,
                        source: refused.error,
                    }),
                }
            }
            // REJECTED of an acknowledged order: the exchange accepted it.
            (&S::Active(_), E::Reject) => Err(self.not_applicable(report)),
            // REJECTED of a terminal order: stale.
            (&S::Filled(_) | &S::Cancelled(_) | &S::Expired(_) | &S::Failed(_), E::Reject) => {
                Ok(Applied::Stale)
            }
        }
    }
}
