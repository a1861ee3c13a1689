//! A conditional order's way through the algo service (accepted, triggering,
//! triggered), its legacy trigger on the matching engine, and a
//! close-position order's quantity stated by its triggered order: the steps
//! [`super::order_in_status`] takes for conditional orders.

use ordertrack::{ExecutionType, ExpiryReason, OrderStatus, OrderTerms, Qty, ReportStatus};

use super::bad;
use super::order::Driver;

impl Driver<'_, '_> {
    /// A report of the algo service (naming the algo id) of `execution`, a
    /// tick later; `TRIGGERED` names the triggered order's exchange id.
    fn algo(&mut self, execution: ExecutionType) -> arbitrary::Result<()> {
        let ai = (execution == ExecutionType::Triggered).then_some(self.exchange_id);
        let status = match execution {
            ExecutionType::Triggering => ReportStatus::Triggering,
            ExecutionType::Triggered if self.u.arbitrary()? => ReportStatus::Finished,
            ExecutionType::Triggered => ReportStatus::Triggered,
            _ => ReportStatus::New,
        };
        let report = self
            .report(execution)?
            .algo_id(Some(self.algo_id))
            .exchange_id(ai)
            .status(status)
            .build();
        self.apply(&report)
    }

    /// Whether a matching-engine `EXPIRED` (reason 8 or none) would trigger the
    /// order in place: a conditional order not of the algo service that has
    /// not triggered.
    pub(super) fn could_trigger_in_place(&self) -> bool {
        let o = &self.order;
        o.order_type().is_conditional() && o.algo_id().is_none() && !o.triggered()
    }

    /// The legacy trigger: the matching engine's `EXPIRED` with reason 8 or
    /// none; the order stays, triggered.
    pub(super) fn legacy_trigger(&mut self) -> arbitrary::Result<()> {
        let reason = *self.u.choose(&[None, Some(ExpiryReason::TRIGGERED)])?;
        let report = self
            .report(ExecutionType::Expired)?
            .status(ReportStatus::Expired)
            .expiry_reason(reason)
            .build();
        self.apply(&report)
    }

    /// A close-position order's triggered order states its quantity (at least
    /// one unit above what has filled) in a matching-engine `NEW`.
    pub(super) fn state_quantity(&mut self) -> arbitrary::Result<()> {
        let filled = self.order.filled_qty();
        let units = self.u.int_in_range(1..=10_000_000_000)?;
        let quantity = filled
            .checked_add(Qty::from_units(units).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        let spec = *self.order.spec();
        let terms = OrderTerms {
            side: spec.side,
            order_type: Some(spec.order_type),
            quantity,
            price: spec.price,
            reduce_only: Some(spec.reduce_only),
            close_position: true,
            trigger_price: spec.trigger.and_then(|t| t.price),
            working_type: spec.trigger.map(|t| t.working_type),
        };
        let report = self.report(ExecutionType::New)?.terms(Some(terms)).build();
        self.apply(&report)
    }

    /// The order, Placing, goes through the algo service towards `target`:
    /// accepted (a cancel possibly sent before the answer, then rejected:
    /// back to Armed), possibly triggering, then triggered into its
    /// matching-engine order by `TRIGGERED`, that order's `NEW` or its first
    /// fill. `true` when the order is done (Armed, or Cancelling while
    /// armed), `false` when it is Active for the rest of the path.
    pub(super) fn through_algo_service(&mut self, target: OrderStatus) -> arbitrary::Result<bool> {
        let cancelling = target == OrderStatus::Cancelling && self.u.arbitrary()?;
        let cancel_first = cancelling || self.u.ratio(1, 3)?;
        if cancel_first {
            self.cancel()?;
        }
        self.algo(ExecutionType::New)?;
        if cancelling {
            if self.u.arbitrary()? {
                self.algo(ExecutionType::Triggered)?; // still Cancelling, now bound
            }
            return Ok(true);
        }
        if cancel_first {
            self.cancel_rejected()?; // back to Armed
        }
        if self.u.ratio(1, 3)? {
            self.algo(ExecutionType::Triggering)?;
        }
        if target == OrderStatus::Armed {
            return Ok(true);
        }
        match self.u.int_in_range(0..=2u8)? {
            0 => self.algo(ExecutionType::Triggered)?,
            1 if self.remaining() >= 2 => {
                let units = self.u.int_in_range(1..=self.remaining() - 1)?;
                self.fill(units)?;
            }
            _ => {
                let report = self.report(ExecutionType::New)?.build();
                self.apply(&report)?;
            }
        }
        Ok(false)
    }
}
