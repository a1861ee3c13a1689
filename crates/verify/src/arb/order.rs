//! Valid orders in every state, reached through legal transitions.

use arbitrary::Unstructured;
use ordertrack::{
    AlgoId, AnyOrder, ExchangeOrderId, ExecutionReport, ExecutionType, ExpiryReason, FailReason,
    OrderStatus, Qty, ReportStatus, TradeId,
};
use ordertrack_model::testing::{ReportBuilder, report_for};

use super::bad;
use super::values::{any_price, conditional_order, new_order};

/// A valid order in a state chosen by `u`: see [`order_in_status`].
///
/// # Errors
/// When `u` runs out of data in a way `arbitrary` reports.
pub fn order_in_state(u: &mut Unstructured<'_>) -> arbitrary::Result<AnyOrder> {
    let status = *u.choose(&OrderStatus::ALL)?;
    order_in_status(u, status)
}

/// Drives the order through the typestate's legal transitions.
pub(super) struct Driver<'u, 'a> {
    pub(super) u: &'u mut Unstructured<'a>,
    pub(super) order: AnyOrder,
    now: u64,
    pub(super) exchange_id: ExchangeOrderId,
    /// The algo id the algo service gives a conditional order.
    pub(super) algo_id: AlgoId,
    next_trade: u64,
}

impl Driver<'_, '_> {
    pub(super) fn tick(&mut self) -> arbitrary::Result<u64> {
        self.now = self.now.saturating_add(self.u.int_in_range(0..=5_000)?);
        Ok(self.now)
    }

    /// A report of `execution` about the order, a tick later, naming the
    /// exchange id the order has or will get on its ack (a fill before the ack
    /// names it too).
    pub(super) fn report(&mut self, execution: ExecutionType) -> arbitrary::Result<ReportBuilder> {
        let at = self.tick()?;
        Ok(report_for(&self.order, execution, at).exchange_id(Some(self.exchange_id)))
    }

    pub(super) fn apply(&mut self, report: &ExecutionReport) -> arbitrary::Result<()> {
        self.order.apply(report).map(drop).map_err(|_| bad())
    }

    pub(super) fn remaining(&self) -> i64 {
        self.order
            .quantity()
            .saturating_sub(self.order.filled_qty())
            .units()
    }

    /// A fill of `units`, complete or partial as the remaining quantity says.
    pub(super) fn fill(&mut self, units: i64) -> arbitrary::Result<()> {
        let qty = Qty::from_units(units).ok_or_else(bad)?;
        self.next_trade = self.next_trade.wrapping_add(1);
        let trade_id = TradeId(self.next_trade);
        let price = any_price(self.u)?;
        let execution = if self.u.ratio(1, 8)? {
            ExecutionType::Calculated
        } else {
            ExecutionType::Trade
        };
        // FILLED when `units` is all that remains, else PARTIALLY_FILLED.
        let report = self.report(execution)?.fill(trade_id, qty, price).build();
        self.apply(&report)
    }

    /// Up to `max` partial fills, each leaving quantity open.
    pub(super) fn partial_fills(&mut self, max: u8) -> arbitrary::Result<()> {
        for _ in 0..self.u.int_in_range(0..=max)? {
            let remaining = self.remaining();
            if remaining < 2 {
                break;
            }
            let units = self.u.int_in_range(1..=remaining - 1)?;
            self.fill(units)?;
        }
        Ok(())
    }

    fn ack(&mut self) -> arbitrary::Result<()> {
        if self.u.ratio(1, 3)? && self.remaining() >= 2 {
            // Fill before ack: the fill names the exchange id.
            let units = self.u.int_in_range(1..=self.remaining() - 1)?;
            self.fill(units)
        } else {
            let report = self.report(ExecutionType::New)?.build();
            self.apply(&report)
        }
    }

    pub(super) fn cancel(&mut self) -> arbitrary::Result<()> {
        let now = self.tick()?;
        self.order.request_cancel(now).map_err(|_| bad())
    }

    pub(super) fn cancel_rejected(&mut self) -> arbitrary::Result<()> {
        let now = self.tick()?;
        self.order.cancel_rejected(now).map_err(|_| bad())
    }

    fn late_fills(&mut self) -> arbitrary::Result<()> {
        for _ in 0..self.u.int_in_range(0..=2u8)? {
            let remaining = self.remaining();
            if remaining < 1 {
                break;
            }
            let units = self.u.int_in_range(1..=remaining)?;
            self.fill(units)?;
        }
        Ok(())
    }

    fn amend(&mut self) -> arbitrary::Result<()> {
        let filled = self.order.filled_qty().units();
        let quantity = Qty::from_units(self.u.int_in_range(filled + 1..=filled + 10_000_000_000)?)
            .ok_or_else(bad)?;
        let price = if self.u.arbitrary()? {
            Some(any_price(self.u)?)
        } else {
            None
        };
        let status = if filled > 0 {
            ReportStatus::PartiallyFilled
        } else {
            ReportStatus::New
        };
        let report = self
            .report(ExecutionType::Amendment)?
            .status(status)
            .amendment(quantity, price)
            .build();
        self.apply(&report)
    }

    fn close(&mut self, target: OrderStatus) -> arbitrary::Result<()> {
        let report = if target == OrderStatus::Expired {
            let status = if self.u.arbitrary()? {
                ReportStatus::Expired
            } else {
                ReportStatus::ExpiredInMatch
            };
            let mut reason = self.u.arbitrary::<Option<u16>>()?.map(ExpiryReason);
            if self.could_trigger_in_place() && matches!(reason, None | Some(ExpiryReason(8))) {
                reason = Some(ExpiryReason(6)); // an expiry, not the legacy trigger
            }
            let report = self.report(ExecutionType::Expired)?.status(status);
            report.expiry_reason(reason).build()
        } else {
            self.report(ExecutionType::Canceled)?.build()
        };
        self.apply(&report)
    }
}

/// A valid order in state `target`, reached from a valid [`ordertrack::NewOrder`] through
/// legal transitions chosen by `u`: time-outs, cancels sent before the ack and
/// rejected, fills before the ack, partial fills, amendments, late fills after
/// a close; for a conditional order (an `Armed` one always), half the time
/// through the algo service (accepted, triggering, triggered into its
/// matching-engine order by `TRIGGERED`, its `NEW` or its first fill), else on
/// the matching engine, sometimes triggering in place (the legacy trigger); a
/// close-position order's quantity stated by a matching-engine report. The
/// fills have fresh trade ids and any prices.
///
/// # Errors
/// When `u` runs out of data in a way `arbitrary` reports.
pub fn order_in_status(
    u: &mut Unstructured<'_>,
    target: OrderStatus,
) -> arbitrary::Result<AnyOrder> {
    let spec = if target == OrderStatus::Armed {
        conditional_order(u)?
    } else {
        new_order(u)?
    };
    let order = AnyOrder::new(spec).map_err(|_| bad())?;
    let mut d = Driver {
        now: spec.created_at,
        exchange_id: ExchangeOrderId(u.arbitrary()?),
        algo_id: AlgoId::new(u.arbitrary::<u64>()?.max(1)).ok_or_else(bad)?,
        next_trade: u.arbitrary::<u64>()? / 2,
        u,
        order,
    };
    if target == OrderStatus::Idle {
        return Ok(d.order);
    }
    let now = d.tick()?;
    d.order.place(now).map_err(|_| bad())?;
    if d.u.ratio(1, 3)? {
        let now = d.tick()?;
        d.order.place_in_doubt(now).map_err(|_| bad())?;
    }
    if d.u.ratio(1, 4)? {
        d.cancel()?;
        d.cancel_rejected()?; // back to Placing
    }
    match target {
        OrderStatus::Placing => return Ok(d.order),
        OrderStatus::Failed => {
            if d.u.ratio(1, 3)? {
                d.cancel()?; // a cancel sent before any ack: the rejection still fails it
            }
            if d.u.arbitrary()? {
                let now = d.tick()?;
                let reason = FailReason::ExchangeError {
                    code: d.u.arbitrary()?,
                };
                d.order.place_failed(reason, now).map_err(|_| bad())?;
            } else {
                let report = d.report(ExecutionType::Rejected)?.exchange_id(None).build();
                d.apply(&report)?;
            }
            d.late_fills()?;
            return finish(d.order, target);
        }
        _ => {}
    }
    let algo =
        spec.order_type.is_conditional() && (target == OrderStatus::Armed || d.u.arbitrary()?);
    let acked = if algo {
        if d.through_algo_service(target)? {
            return finish(d.order, target);
        }
        true
    } else {
        let acked =
            matches!(target, OrderStatus::Active | OrderStatus::Filled) || d.u.ratio(2, 3)?;
        if acked {
            d.ack()?;
            if d.could_trigger_in_place() && d.u.ratio(1, 3)? {
                d.legacy_trigger()?;
            }
        }
        acked
    };
    if acked {
        if !d.order.quantity_known() && d.u.ratio(2, 3)? {
            d.state_quantity()?;
        }
        d.partial_fills(3)?;
        if d.u.ratio(1, 4)? {
            d.amend()?;
        }
    }
    match target {
        OrderStatus::Active if d.u.ratio(1, 4)? => {
            d.cancel()?;
            d.cancel_rejected()?;
        }
        OrderStatus::Cancelling => {
            d.cancel()?;
            if acked {
                d.partial_fills(2)?;
            } else if d.u.arbitrary()? {
                let report = d.report(ExecutionType::New)?.build();
                d.apply(&report)?; // the ack after the cancel was sent
            }
        }
        OrderStatus::Filled => {
            if d.u.ratio(1, 3)? {
                d.cancel()?; // the fill races the cancel
            }
            if !d.order.quantity_known() {
                d.state_quantity()?;
            }
            let rest = d.remaining();
            d.fill(rest)?;
        }
        OrderStatus::Cancelled | OrderStatus::Expired => {
            if d.u.arbitrary()? {
                d.cancel()?;
            }
            d.close(target)?;
            d.late_fills()?;
        }
        _ => {}
    }
    finish(d.order, target)
}

fn finish(order: AnyOrder, target: OrderStatus) -> arbitrary::Result<AnyOrder> {
    if order.status() == target {
        Ok(order)
    } else {
        Err(bad())
    }
}
