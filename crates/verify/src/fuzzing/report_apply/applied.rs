//! The `Applied` outcome of a report against what happened to the order.

use ordertrack::{AnyOrder, Applied, Closed, ExecutionReport, ExecutionType, OrderStatus, Qty};

use super::Subject;

impl Subject {
    /// The `Applied` outcome matches what happened to the order.
    pub(super) fn check_applied(
        &mut self,
        before: &AnyOrder,
        report: &ExecutionReport,
        applied: &Applied,
    ) {
        let (b, a) = (before.status(), self.order.status());
        assert!(
            report.execution.allows(report.status),
            "an inconsistent report applied"
        );
        assert_eq!(
            report.symbol,
            before.symbol(),
            "a report for another symbol applied"
        );
        assert!(
            report.client_id.is_none_or(|c| c == before.client_id()),
            "a report for another client id applied"
        );
        let legal = match b {
            OrderStatus::Idle => false,
            OrderStatus::Placing => a != OrderStatus::Cancelling && a != OrderStatus::Idle,
            OrderStatus::Active => matches!(
                a,
                OrderStatus::Active
                    | OrderStatus::Filled
                    | OrderStatus::Cancelled
                    | OrderStatus::Expired
            ),
            OrderStatus::Cancelling => {
                a != OrderStatus::Idle && a != OrderStatus::Placing && a != OrderStatus::Active
            }
            terminal => a == terminal,
        };
        assert!(legal, "{b} -> {a} on {report:?}");
        if a == OrderStatus::Failed && b != OrderStatus::Failed {
            assert_eq!(
                report.execution,
                ExecutionType::Rejected,
                "failed without a rejection"
            );
        }
        match applied {
            Applied::Acknowledged => {
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(self.order.exchange_id(), report.exchange_id);
                assert_eq!(before.exchange_id(), None);
            }
            Applied::PartiallyFilled(f) | Applied::Filled(f) | Applied::LateFill(f) => {
                let Some(fill) = report.fill else {
                    panic!("{applied:?} from a report without a fill");
                };
                assert_eq!(
                    (f.trade_id, f.qty, f.price),
                    (fill.trade_id, fill.qty, fill.price)
                );
                assert!(!fill.qty.is_zero(), "a zero fill was accounted");
                assert_eq!(
                    Some(f.filled_qty),
                    before.filled_qty().checked_add(fill.qty)
                );
                assert_eq!(f.filled_qty, self.order.filled_qty());
                assert_eq!(
                    (f.unseen_qty, f.excess_qty),
                    report.cumulative_qty.map_or((Qty::ZERO, Qty::ZERO), |z| (
                        z.saturating_sub(f.filled_qty),
                        f.filled_qty.saturating_sub(z)
                    ))
                );
                assert!(!before.fills().contains(fill.trade_id));
                assert!(
                    before
                        .fills()
                        .floor()
                        .is_none_or(|floor| fill.trade_id > floor),
                    "a trade id at or below the floor was accounted"
                );
                let fills = self.order.fills();
                assert_eq!(
                    fills.count(),
                    before.fills().count() + 1,
                    "one fill, counted once"
                );
                // Remembered, unless it is below every remembered id: then it is
                // forgotten at once and is the new floor.
                assert!(
                    fills.contains(fill.trade_id) || fills.floor() == Some(fill.trade_id),
                    "the new trade id {} is neither remembered nor the floor",
                    fill.trade_id
                );
                let last = self
                    .order
                    .fills()
                    .last()
                    .map(|l| (l.trade_id, l.qty, l.price));
                assert_eq!(last, Some((fill.trade_id, fill.qty, fill.price)));
                match applied {
                    Applied::PartiallyFilled(_) => {
                        assert!(a.is_live(), "partially filled into {a}");
                        assert!(f.filled_qty < self.order.quantity());
                    }
                    Applied::Filled(_) => {
                        assert_eq!(a, OrderStatus::Filled);
                        assert_eq!(f.filled_qty, self.order.quantity());
                    }
                    _ => {
                        assert!(matches!(
                            b,
                            OrderStatus::Cancelled | OrderStatus::Expired | OrderStatus::Failed
                        ));
                        assert_eq!(a, b, "a late fill reopened the order");
                    }
                }
                if let Some(prices) = &mut self.fill_prices {
                    prices.push(fill.price);
                }
                self.filled = self.filled.checked_add(fill.qty).unwrap_or(Qty::MAX);
            }
            Applied::Cancelled(c) | Applied::Expired(c) => {
                let expected = if matches!(applied, Applied::Cancelled(_)) {
                    (ExecutionType::Canceled, OrderStatus::Cancelled)
                } else {
                    (ExecutionType::Expired, OrderStatus::Expired)
                };
                assert_eq!((report.execution, a), expected);
                assert!(b.is_live());
                assert_eq!(
                    *c,
                    Closed::between(self.order.filled_qty(), report.cumulative_qty)
                );
                assert_eq!(self.order.closed_at(), Some(report.transaction_time));
            }
            Applied::Failed(_) => {
                assert_eq!(a, OrderStatus::Failed);
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(
                    before.exchange_id(),
                    None,
                    "an acknowledged order was failed"
                );
            }
            Applied::Amended => {
                let Some(amendment) = report.amendment else {
                    panic!("amended from a report without an amendment");
                };
                assert!(matches!(b, OrderStatus::Active | OrderStatus::Cancelling) && a == b);
                assert_eq!(self.order.quantity(), amendment.quantity);
                assert_eq!(self.order.price(), amendment.price.or(before.price()));
            }
            Applied::Armed | Applied::Triggering | Applied::Triggered => {}
            Applied::Duplicate | Applied::Stale => {}
        }
    }
}
