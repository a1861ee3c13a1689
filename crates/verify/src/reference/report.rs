//! A feed report applied to the reference's order, as `docs/state-machine.md`
//! (*The runtime form*) writes it: the report checks in the documented order,
//! then one `match` over (state, what the report says happened) with one arm
//! per cell of the documented table.

use ordertrack::{
    AmendError, Amendment, Applied, ApplyError, Closed, ExecutionReport, ExecutionType, FailReason,
    OrderStatus, OrderTerms, Qty, RejectError, ReportFill, ReportStatus, TermMismatch,
};

use super::RefOrder;

/// Whether the exchange can report order status `status` with execution type
/// `execution` (docs, check 1: 11 of the 49 pairs).
#[must_use]
pub const fn status_fits(execution: ExecutionType, status: ReportStatus) -> bool {
    use ExecutionType as X;
    use ReportStatus as S;
    matches!(
        (execution, status),
        (X::New, S::New)
            | (X::Trade | X::Calculated, S::PartiallyFilled | S::Filled)
            | (X::Canceled, S::Canceled)
            | (X::Expired, S::Expired | S::ExpiredInMatch)
            | (X::Amendment, S::New | S::PartiallyFilled)
            | (X::Rejected, S::Rejected)
    )
}

/// What a report says happened, with what its execution type needs.
#[derive(Clone, Copy, Debug)]
enum Event {
    /// `NEW`.
    Ack,
    /// `TRADE` / `CALCULATED` with its fill.
    Fill(ReportFill),
    /// `CANCELED`.
    Cancel,
    /// `EXPIRED` (any expiry status).
    Expire,
    /// `AMENDMENT` with its amendment.
    Amend(Amendment),
    /// `REJECTED`.
    Reject,
}

/// `(unseen, excess)`: how far the report's cumulative quantity lies above and
/// below `filled`; both zero when the report states none (docs, *Fill rules*).
pub(super) fn gap(filled: Qty, cumulative: Option<Qty>) -> (Qty, Qty) {
    match cumulative {
        Some(z) => (z.saturating_sub(filled), filled.saturating_sub(z)),
        None => (Qty::ZERO, Qty::ZERO),
    }
}

impl RefOrder {
    /// Applies one feed report.
    ///
    /// # Errors
    /// The first check the report fails, or the refusal of its state's cell;
    /// the order is then unchanged.
    pub fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        use OrderStatus as S;
        self.check(report)?;
        let event = self.event(report)?;
        let acked = self.exchange_id.is_some();
        match (self.status, event) {
            // Idle: never sent, so no exchange event is about it.
            (S::Idle, _) => Err(self.not_applicable(report)),

            // Placing: the ack, a fill before the ack, the exchange's close, or
            // the placement's rejection; not an amendment (only an
            // acknowledged order can have been amended).
            (S::Placing, Event::Ack) => self.acknowledge(report),
            (S::Placing, Event::Fill(fill)) => self.fill_live(fill, report),
            (S::Placing, Event::Cancel | Event::Expire) => Ok(self.close_by(report)),
            (S::Placing, Event::Amend(_)) => Err(self.not_applicable(report)),
            (S::Placing, Event::Reject) => Ok(self.reject(report)),

            // Active: an ack is stale; fills, closes and amendments apply; a
            // rejection cannot be (only an unacknowledged placement can).
            (S::Active, Event::Ack) => Ok(Applied::Stale),
            (S::Active, Event::Fill(fill)) => self.fill_live(fill, report),
            (S::Active, Event::Cancel | Event::Expire) => Ok(self.close_by(report)),
            (S::Active, Event::Amend(amendment)) => self.amend(amendment, report),
            (S::Active, Event::Reject) => Err(self.not_applicable(report)),

            // Cancelling, exchange id known: as Active, staying Cancelling, except
            // that a rejection is refused as `RejectError::Acknowledged` (the
            // exchange accepted the order). Never acknowledged (the cancel went
            // out before any ack): the ack teaches it its id, an amendment is
            // refused as `AmendError::NotAcknowledged` (the exchange cannot
            // have amended it), a rejection fails it.
            (S::Cancelling, Event::Ack) if acked => Ok(Applied::Stale),
            (S::Cancelling, Event::Ack) => self.acknowledge(report),
            (S::Cancelling, Event::Fill(fill)) => self.fill_live(fill, report),
            (S::Cancelling, Event::Cancel | Event::Expire) => Ok(self.close_by(report)),
            (S::Cancelling, Event::Amend(amendment)) if acked => self.amend(amendment, report),
            (S::Cancelling, Event::Amend(_)) => Err(ApplyError::Amend {
                client_id: self.client_id(),
                source: AmendError::NotAcknowledged,
            }),
            (S::Cancelling, Event::Reject) => match self.exchange_id {
                Some(exchange_id) => Err(ApplyError::Reject {
                    client_id: self.client_id(),
                    source: RejectError::Acknowledged { exchange_id },
                }),
                None => Ok(self.reject(report)),
            },

            // Filled: nothing left to fill (a known trade is a duplicate, a new
            // one an overfill); every other event is stale.
            (S::Filled, Event::Fill(fill)) => self.fill_filled(fill),
            (S::Filled, _) => Ok(Applied::Stale),

            // Cancelled, Expired, Failed: a fill is a late fill, accounted
            // without reopening; every other event is stale.
            (S::Cancelled | S::Expired | S::Failed, Event::Fill(fill)) => {
                self.fill_late(fill, report)
            }
            (S::Cancelled | S::Expired | S::Failed, _) => Ok(Applied::Stale),
        }
    }

    /// The read-only checks, in the documented order (1 to 5).
    fn check(&self, report: &ExecutionReport) -> Result<(), ApplyError> {
        let client_id = self.client_id();
        if !status_fits(report.execution, report.status) {
            return Err(ApplyError::Inconsistent {
                execution: report.execution,
                status: report.status,
            });
        }
        if report.symbol != self.spec.symbol {
            return Err(ApplyError::SymbolMismatch {
                client_id,
                expected: self.spec.symbol,
                reported: report.symbol,
            });
        }
        if let Some(reported) = report.client_id
            && reported != client_id
        {
            return Err(ApplyError::ClientIdMismatch {
                client_id,
                reported,
            });
        }
        if let (Some(known), Some(reported)) = (self.exchange_id, report.exchange_id)
            && known != reported
        {
            return Err(ApplyError::ExchangeIdMismatch {
                client_id,
                known,
                reported,
            });
        }
        if let Some(terms) = report.terms
            && let Some(mismatch) = self.term_mismatch(&terms, report)
        {
            return Err(ApplyError::TermsMismatch {
                client_id,
                mismatch,
            });
        }
        Ok(())
    }

    /// Check 5: side and original type always; the quantity unless the report
    /// is an `AMENDMENT` (it states the new one), is about a close-position
    /// order (`q = 0` until it triggers) or is older than the order's last
    /// change (it may predate an amendment).
    fn term_mismatch(&self, terms: &OrderTerms, report: &ExecutionReport) -> Option<TermMismatch> {
        let spec = &self.spec;
        if terms.side != spec.side {
            return Some(TermMismatch::Side {
                expected: spec.side,
                reported: terms.side,
            });
        }
        if let Some(reported) = terms.order_type
            && reported != spec.order_type
        {
            return Some(TermMismatch::OrderType {
                expected: spec.order_type,
                reported,
            });
        }
        let quantity_may_differ = report.execution == ExecutionType::Amendment
            || terms.close_position
            || report.transaction_time < self.updated_at;
        if !quantity_may_differ && terms.quantity != spec.quantity {
            return Some(TermMismatch::Quantity {
                expected: spec.quantity,
                reported: terms.quantity,
            });
        }
        None
    }

    /// What the report says happened; `MissingFill` / `MissingAmendment` when
    /// it lacks what its type needs (before looking at the state).
    fn event(&self, report: &ExecutionReport) -> Result<Event, ApplyError> {
        let client_id = self.client_id();
        Ok(match report.execution {
            ExecutionType::New => Event::Ack,
            ExecutionType::Trade | ExecutionType::Calculated => match report.fill {
                Some(fill) => Event::Fill(fill),
                None => {
                    return Err(ApplyError::MissingFill {
                        client_id,
                        execution: report.execution,
                    });
                }
            },
            ExecutionType::Canceled => Event::Cancel,
            ExecutionType::Expired => Event::Expire,
            ExecutionType::Amendment => match report.amendment {
                Some(amendment) => Event::Amend(amendment),
                None => return Err(ApplyError::MissingAmendment { client_id }),
            },
            ExecutionType::Rejected => Event::Reject,
        })
    }

    pub(super) fn not_applicable(&self, report: &ExecutionReport) -> ApplyError {
        ApplyError::NotApplicable {
            client_id: self.client_id(),
            status: self.status,
            execution: report.execution,
        }
    }

    /// `NEW` for an order that does not know its id: Placing → Active, or a
    /// Cancelling order learns it. Needs the id.
    fn acknowledge(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        if report.exchange_id.is_none() {
            return Err(ApplyError::MissingExchangeId {
                client_id: self.client_id(),
                execution: report.execution,
            });
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

    /// `REJECTED` for an unacknowledged placement: Failed, learning no id.
    fn reject(&mut self, report: &ExecutionReport) -> Applied {
        self.fail(FailReason::Rejected, report.transaction_time);
        Applied::Failed(self.closed(report.cumulative_qty))
    }

    /// What a closing event carries: the filled quantity, and its gap to the
    /// report's cumulative quantity.
    pub(crate) fn closed(&self, cumulative: Option<Qty>) -> Closed {
        let (unseen_qty, excess_qty) = gap(self.filled_qty(), cumulative);
        Closed {
            filled_qty: self.filled_qty(),
            unseen_qty,
            excess_qty,
        }
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
