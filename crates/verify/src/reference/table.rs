//! A feed report applied to the reference's order: the checks and the event
//! ([`super::report`]), the quantity a close-position order learns first
//! ([`super::trigger`]), then one `match` over (state, event) with one arm per
//! cell of the documented table, the conditional orders' rows (issue 12)
//! included, and the plain transitions its arms share.

use ordertrack::{
    AmendError, Amendment, Applied, ApplyError, ExecutionReport, ExecutionType, FailReason,
    OrderStatus, RejectError,
};

use super::RefOrder;
use super::report::Event;

impl RefOrder {
    /// Applies one feed report.
    ///
    /// # Errors
    /// The first check the report fails, or the refusal of its state's cell;
    /// the order is then unchanged.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        self.check(report)?;
        let event = self.event(report)?;
        match self.stated_quantity(report) {
            None => self.cell(report, event),
            Some(quantity) => self.apply_stating(report, event, quantity),
        }
    }

    /// The cell of (state, event).
    pub(super) fn cell(
        &mut self,
        report: &ExecutionReport,
        event: Event,
    ) -> Result<Applied, ApplyError> {
        use Event as E;
        use OrderStatus as S;
        let acked = self.exchange_id.is_some();
        match (self.status, event) {
            // Idle: never sent, so no exchange event is about it.
            (S::Idle, _) => Err(self.not_applicable(report)),

            // Placing: the ack (of the matching engine: a conditional order
            // placed there stays a working order until its trigger), the algo
            // service's acceptance (→ Armed; its TRIGGERING or TRIGGERED also
            // proves it, the NEW was missed), a legacy trigger (acknowledged
            // and triggered at once), a fill before the ack, the exchange's
            // close, or the placement's rejection; not an amendment (only an
            // acknowledged order can have been amended).
            (S::Placing, E::Ack) => self.acknowledge(report),
            (S::Placing, E::AlgoAck(algo_id)) => Ok(self.arm(algo_id, report)),
            (S::Placing, E::Triggering(algo_id)) => {
                let _ = self.arm(algo_id, report);
                Ok(self.mark_triggering(report))
            }
            (S::Placing, E::Triggered(algo_id, exchange_id)) => {
                let _ = self.arm(algo_id, report);
                Ok(self.trigger_into(exchange_id, report))
            }
            (S::Placing, E::LegacyTrigger) => {
                self.acknowledge(report)?;
                Ok(self.legacy_trigger(report))
            }
            (S::Placing, E::Fill(fill)) => self.fill_live(fill, report),
            (S::Placing, E::Cancel | E::Expire) => Ok(self.close_by(report)),
            (S::Placing, E::Amend(_)) => Err(self.not_applicable(report)),
            (S::Placing, E::Reject) => Ok(self.reject(report)),

            // Armed (accepted by the algo service, waiting for its trigger): the
            // matching engine's NEW is its triggered order's and binds it, as
            // TRIGGERED does (→ Active); TRIGGERING marks it (the first time
            // stays); a second NEW of the service is stale. A fill is the
            // triggered order's, ahead of TRIGGERED (→ Active, or Filled); the
            // service closes or rejects it (at its trigger). It has no book
            // order to amend, and an order of the algo service never triggers
            // in place (an armed order is never a legacy trigger's).
            (S::Armed, E::Ack) => match report.exchange_id {
                Some(exchange_id) => Ok(self.trigger_into(exchange_id, report)),
                None => Err(self.missing_exchange_id(report)),
            },
            (S::Armed, E::AlgoAck(_)) => Ok(Applied::Stale),
            (S::Armed, E::Triggering(_)) => Ok(self.mark_triggering(report)),
            (S::Armed, E::Triggered(_, exchange_id)) => Ok(self.trigger_into(exchange_id, report)),
            (S::Armed, E::LegacyTrigger) => Err(self.not_applicable(report)),
            (S::Armed, E::Fill(fill)) => self.fill_live(fill, report),
            (S::Armed, E::Cancel | E::Expire) => Ok(self.close_by(report)),
            (S::Armed, E::Amend(_)) => Err(self.not_applicable(report)),
            (S::Armed, E::Reject) => Ok(self.reject(report)),

            // Active: acks and the algo service's acceptance and trigger
            // reports are stale (a trigger naming another id was refused by the
            // checks); a conditional order still on the matching engine
            // triggers in place; fills, closes and amendments apply; a
            // rejection cannot be (only an unacknowledged placement can).
            (S::Active, E::Ack | E::AlgoAck(_) | E::Triggering(_) | E::Triggered(..)) => {
                Ok(Applied::Stale)
            }
            // The same trigger again (or after the fill that revealed it).
            (S::Active | S::Cancelling, E::LegacyTrigger) if self.triggered => Ok(Applied::Stale),
            (S::Active, E::LegacyTrigger) => Ok(self.legacy_trigger(report)),
            (S::Active, E::Fill(fill)) => self.fill_live(fill, report),
            (S::Active, E::Cancel | E::Expire) => Ok(self.close_by(report)),
            (S::Active, E::Amend(amendment)) => self.amend(amendment, report),
            (S::Active, E::Reject) => Err(self.not_applicable(report)),

            // Cancelling, exchange id known: as Active, staying Cancelling, except
            // that a rejection is refused as `RejectError::Acknowledged` (the
            // exchange accepted the order). Never acknowledged (the cancel went
            // out before any ack): the ack teaches it its id, TRIGGERED its
            // triggered order's, an amendment is refused as
            // `AmendError::NotAcknowledged` (the exchange cannot have amended
            // it), a rejection fails it. Either way the algo service's NEW
            // teaches it its algo id if it has none (the cancel went out before
            // the service's answer); its TRIGGERING is stale.
            (S::Cancelling, E::Ack) if acked => Ok(Applied::Stale),
            // Once the algo service accepted it, a NEW naming an order id is
            // its triggered order's.
            (S::Cancelling, E::Ack) => match (self.algo_id, report.exchange_id) {
                (Some(_), Some(exchange_id)) => Ok(self.trigger_into(exchange_id, report)),
                _ => self.acknowledge(report),
            },
            (S::Cancelling, E::AlgoAck(algo_id)) if !acked && self.algo_id.is_none() => {
                Ok(self.arm(algo_id, report))
            }
            (S::Cancelling, E::AlgoAck(_) | E::Triggering(_)) => Ok(Applied::Stale),
            (S::Cancelling, E::Triggered(..)) if acked => Ok(Applied::Stale),
            (S::Cancelling, E::Triggered(algo_id, exchange_id)) => {
                if self.algo_id.is_none() {
                    let _ = self.arm(algo_id, report);
                }
                Ok(self.trigger_into(exchange_id, report))
            }
            (S::Cancelling, E::LegacyTrigger) => {
                if !acked {
                    self.acknowledge(report)?;
                }
                Ok(self.legacy_trigger(report))
            }
            (S::Cancelling, E::Fill(fill)) => self.fill_live(fill, report),
            (S::Cancelling, E::Cancel | E::Expire) => Ok(self.close_by(report)),
            (S::Cancelling, E::Amend(amendment)) if acked => self.amend(amendment, report),
            (S::Cancelling, E::Amend(_)) => Err(ApplyError::Amend {
                client_id: self.client_id(),
                source: AmendError::NotAcknowledged,
            }),
            (S::Cancelling, E::Reject) => match self.exchange_id {
                Some(exchange_id) => Err(ApplyError::Reject {
                    client_id: self.client_id(),
                    source: RejectError::Acknowledged { exchange_id },
                }),
                None => Ok(self.reject(report)),
            },

            // Filled: nothing left to fill (a known trade is a duplicate, a new
            // one an overfill); every other event is stale.
            (S::Filled, E::Fill(fill)) => self.fill_filled(fill),
            (S::Filled, _) => Ok(Applied::Stale),

            // Cancelled, Expired, Failed: a fill is a late fill, accounted
            // without reopening; every other event is stale.
            (S::Cancelled | S::Expired | S::Failed, E::Fill(fill)) => self.fill_late(fill, report),
            (S::Cancelled | S::Expired | S::Failed, _) => Ok(Applied::Stale),
        }
    }

    fn missing_exchange_id(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::MissingExchangeId {
            client_id: self.client_id(),
            execution: report.execution,
        }
    }

    /// `NEW` (or a legacy trigger) for an order that does not know its id:
    /// Placing → Active, or a Cancelling order learns it. Needs the id.
    fn acknowledge(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        if report.exchange_id.is_none() {
            return Err(self.missing_exchange_id(report));
        }
        self.learn_exchange_id(report.exchange_id);
        if self.status == OrderStatus::Placing {
            self.status = OrderStatus::Active;
        }
        self.touch(report.transaction_time);
        Ok(Applied::Acknowledged)
    }

    /// `CANCELED` / `EXPIRED` for a live order: it closes (an exchange id the
    /// report names is learned; none is needed).
    fn close_by(&mut self, report: &ExecutionReport) -> Applied {
        let closed = self.closed(report.cumulative_qty);
        self.learn_exchange_id(report.exchange_id);
        if report.execution == ExecutionType::Expired {
            self.expiry_reason = report.expiry_reason;
            self.close(OrderStatus::Expired, report.transaction_time);
            Applied::Expired(closed)
        } else {
            self.close(OrderStatus::Cancelled, report.transaction_time);
            Applied::Cancelled(closed)
        }
    }

    /// `REJECTED` for an unacknowledged placement (or an armed order rejected
    /// at its trigger): Failed, learning no id.
    fn reject(&mut self, report: &ExecutionReport) -> Applied {
        self.fail(FailReason::Rejected, report.transaction_time);
        Applied::Failed(self.closed(report.cumulative_qty))
    }

    /// `AMENDMENT` for an acknowledged live order: the new quantity must exceed
    /// the filled one; a missing price keeps the price.
    fn amend(
        &mut self,
        amendment: Amendment,
        report: &ExecutionReport,
    ) -> Result<Applied, ApplyError> {
        let filled = self.filled_qty();
        if amendment.quantity <= filled {
            return Err(ApplyError::Amend {
                client_id: self.client_id(),
                source: AmendError::QuantityBelowFilled {
                    quantity: amendment.quantity,
                    filled,
                },
            });
        }
        self.spec.quantity = amendment.quantity;
        if amendment.price.is_some() {
            self.spec.price = amendment.price;
        }
        self.touch(report.transaction_time);
        Ok(Applied::Amended)
    }
}
