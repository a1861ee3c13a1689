//! The steps drawn from the input: reports aimed at the order (this target's
//! own — the matching engine's and the algo service's, a conditional order's
//! trigger reports, expiries with the legacy trigger's reasons, terms stating
//! a close-position order's quantity — or `arb::report_for`), reports with
//! any field values (`arb::execution_report`), and the engine's requests.

use arbitrary::{Result, Unstructured};
use ordertrack::{
    AlgoId, Amendment, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, FailReason, OrderTerms, OrderType, Qty, ReportFill, ReportStatus, Side, TradeId,
};

use super::{ALGO_ID, EXCHANGE_ID, Step, Subject, TRADE_ID_POOL, price, qty_units, symbol};
use crate::arb;

impl Subject {
    fn lots(&self, u: &mut Unstructured<'_>) -> Result<Qty> {
        let lots: i128 = u.int_in_range(0..=9)?;
        Ok(qty_units(i128::from(self.lot) * lots))
    }

    fn report(&mut self, u: &mut Unstructured<'_>) -> Result<ExecutionReport> {
        let execution = *u.choose(&[
            ExecutionType::New,
            ExecutionType::Trade,
            ExecutionType::Trade,
            ExecutionType::Calculated,
            ExecutionType::Canceled,
            ExecutionType::Expired,
            ExecutionType::Amendment,
            ExecutionType::Rejected,
            ExecutionType::Triggering,
            ExecutionType::Triggered,
        ])?;
        let allowed: &[ReportStatus] = match execution {
            ExecutionType::New => &[ReportStatus::New],
            ExecutionType::Trade | ExecutionType::Calculated => {
                &[ReportStatus::PartiallyFilled, ReportStatus::Filled]
            }
            ExecutionType::Canceled => &[ReportStatus::Canceled],
            ExecutionType::Expired => &[ReportStatus::Expired, ReportStatus::ExpiredInMatch],
            ExecutionType::Amendment => &[ReportStatus::New, ReportStatus::PartiallyFilled],
            ExecutionType::Rejected => &[ReportStatus::Rejected],
            ExecutionType::Triggering => &[ReportStatus::Triggering],
            ExecutionType::Triggered => &[ReportStatus::Triggered, ReportStatus::Finished],
        };
        let status = if u.ratio(1, 16)? {
            *u.choose(&[
                ReportStatus::New,
                ReportStatus::PartiallyFilled,
                ReportStatus::Filled,
                ReportStatus::Canceled,
                ReportStatus::Expired,
                ReportStatus::ExpiredInMatch,
                ReportStatus::Rejected,
                ReportStatus::Triggering,
                ReportStatus::Triggered,
                ReportStatus::Finished,
            ])?
        } else {
            *u.choose(allowed)?
        };
        let client_id = match u.int_in_range(0..=9)? {
            0 => None,
            1 => ClientOrderId::new("adl_autoclose").ok(),
            _ => Some(self.order.client_id()),
        };
        let exchange_id = match u.int_in_range(0..=5)? {
            0 => None,
            1 => Some(ExchangeOrderId(u.arbitrary()?)),
            _ => Some(EXCHANGE_ID),
        };
        let symbol = if u.ratio(1, 16)? {
            symbol(u)?
        } else {
            self.order.symbol()
        };
        let fill = if execution.is_fill() != u.ratio(1, 16)? {
            Some(ReportFill {
                trade_id: TradeId(u.int_in_range(1..=TRADE_ID_POOL)?),
                qty: if u.ratio(1, 16)? {
                    qty_units(u.int_in_range(0..=i128::from(i64::MAX))?)
                } else {
                    self.lots(u)?
                },
                price: price(u)?,
            })
        } else {
            None
        };
        let cumulative_qty = match u.int_in_range(0..=3)? {
            0 => Some(self.lots(u)?),
            1 => None,
            _ => Some(
                self.order
                    .filled_qty()
                    .checked_add(fill.map_or(Qty::ZERO, |f| f.qty))
                    .unwrap_or(Qty::MAX),
            ),
        };
        // The order's terms restated: mostly as the order has them, sometimes
        // with another side, type or quantity (for a close-position order,
        // the quantity its triggered order states).
        let terms = if u.arbitrary()? {
            let spec = self.order.spec();
            Some(OrderTerms {
                trigger_price: spec.trigger.and_then(|t| t.price),
                working_type: spec.trigger.map(|t| t.working_type),
                side: if u.ratio(1, 8)? {
                    match spec.side {
                        Side::Buy => Side::Sell,
                        Side::Sell => Side::Buy,
                    }
                } else {
                    spec.side
                },
                order_type: if u.ratio(1, 8)? {
                    Some(*u.choose(&OrderType::ALL)?)
                } else {
                    Some(spec.order_type)
                },
                quantity: if u.ratio(1, 8)? || !self.order.quantity_known() {
                    self.lots(u)?
                } else {
                    spec.quantity
                },
                price: spec.price,
                reduce_only: Some(spec.reduce_only),
                close_position: self.order.is_close_position() != u.ratio(1, 16)?,
            })
        } else {
            None
        };
        let amendment = if (execution == ExecutionType::Amendment) != u.ratio(1, 16)? {
            Some(Amendment {
                quantity: self.lots(u)?,
                price: if u.arbitrary()? {
                    Some(price(u)?)
                } else {
                    None
                },
            })
        } else {
            None
        };
        // The algo service's reports name the algo id (its trigger reports
        // always, its NEW and closes a third of the time); now and then
        // another one, or none.
        let algo_service = matches!(
            execution,
            ExecutionType::Triggering | ExecutionType::Triggered
        );
        let algo_id = match u.int_in_range(0..=15)? {
            0 => None,
            1 => AlgoId::new(u.arbitrary()?),
            2..=5 => Some(ALGO_ID),
            _ => algo_service.then_some(ALGO_ID),
        };
        // None and 8 are the legacy trigger's reasons (for a conditional
        // order that has not triggered); 6 is an expiry all the same.
        let expiry_reason = match u.int_in_range(0..=4)? {
            0 => None,
            1 => Some(ExpiryReason::TRIGGERED),
            2 => Some(ExpiryReason(6)),
            _ => Some(ExpiryReason(u.arbitrary()?)),
        };
        // Mostly forward in time; sometimes an event stamped in the past.
        let transaction_time = if u.ratio(1, 8)? {
            self.now.saturating_sub(u.int_in_range(0..=100)?)
        } else {
            self.tick(u)?
        };
        Ok(ExecutionReport {
            algo_id,
            client_id,
            exchange_id,
            symbol,
            execution,
            status,
            fill,
            cumulative_qty,
            terms,
            amendment,
            expiry_reason,
            transaction_time,
        })
    }

    pub(super) fn step(&mut self, u: &mut Unstructured<'_>) -> Result<Step> {
        if u.ratio(3, 4)? {
            let report = match u.int_in_range(0..=7)? {
                0..=3 => self.report(u)?,
                4..=6 => arb::report_for(u, &self.order)?,
                _ => arb::execution_report(u)?,
            };
            self.now = self.now.max(report.transaction_time);
            return Ok(Step::Report(report));
        }
        let now = self.tick(u)?;
        Ok(match u.int_in_range(0..=4)? {
            0 => Step::Place(now),
            1 => Step::Cancel(now),
            2 => Step::PlaceFailed(
                if u.arbitrary()? {
                    FailReason::Rejected
                } else {
                    FailReason::ExchangeError { code: -2019 }
                },
                now,
            ),
            3 => Step::InDoubt(now),
            _ => Step::CancelRejected(now),
        })
    }
}
