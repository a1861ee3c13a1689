//! The `Applied` outcome of a report against what happened to the order.

use ordertrack::{
    AnyOrder, Applied, Closed, ExecutionReport, ExecutionType, FillApplied, OrderStatus, Qty,
    ReportStatus, StateData,
};

use super::Subject;

/// Whether the state change `b → a` is one the transition table allows for a
/// report.
fn legal(b: OrderStatus, a: OrderStatus) -> bool {
    use OrderStatus as S;
    match b {
        S::Idle => false,
        S::Placing => !matches!(a, S::Cancelling | S::Idle),
        S::Armed => !matches!(a, S::Idle | S::Placing | S::Cancelling),
        S::Active => matches!(a, S::Active | S::Filled | S::Cancelled | S::Expired),
        S::Cancelling => !matches!(a, S::Idle | S::Placing | S::Armed | S::Active),
        terminal => a == terminal,
    }
}

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
        // Another client id only on a matching-engine report about an order
        // the algo service accepted: its triggered order's own.
        let of_triggered_order = report.algo_id.is_none() && before.algo_id().is_some();
        assert!(
            report.client_id.is_none_or(|c| c == before.client_id()) || of_triggered_order,
            "a report for another client id applied"
        );
        if let (Some(known), Some(reported)) = (before.algo_id(), report.algo_id) {
            assert_eq!(known, reported, "a report of another algo order applied");
        }
        if report.algo_id.is_some() {
            assert!(
                before.order_type().is_conditional(),
                "an algo report applied to a plain order"
            );
        }
        assert!(legal(b, a), "{b} -> {a} on {report:?}");
        if a == OrderStatus::Failed && b != OrderStatus::Failed {
            assert_eq!(
                report.execution,
                ExecutionType::Rejected,
                "failed without a rejection"
            );
        }
        if a == OrderStatus::Filled && b != OrderStatus::Filled {
            assert!(
                matches!(applied, Applied::Filled(_)),
                "the order completed, reported as {applied:?}"
            );
        }
        match applied {
            Applied::Acknowledged => {
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(
                    report.algo_id, None,
                    "the algo service's report acknowledged"
                );
                assert_eq!(self.order.exchange_id(), report.exchange_id);
                assert_eq!(before.exchange_id(), None);
            }
            Applied::Armed => {
                assert_eq!(report.execution, ExecutionType::New);
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(before.algo_id(), None, "armed twice");
                assert_eq!(self.order.algo_id(), report.algo_id);
                let expected = if b == OrderStatus::Placing {
                    OrderStatus::Armed
                } else {
                    OrderStatus::Cancelling
                };
                assert_eq!(a, expected);
            }
            Applied::Triggering => {
                assert!(matches!(
                    report.execution,
                    ExecutionType::Triggering | ExecutionType::Triggered
                ));
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Armed));
                let StateData::Armed(d) = *self.order.state() else {
                    panic!("triggering, but {a}");
                };
                let first = match *before.state() {
                    StateData::Armed(d) => d.triggering_since,
                    _ => None,
                };
                assert_eq!(
                    d.triggering_since,
                    Some(first.unwrap_or(report.transaction_time)),
                    "the first moment triggering moved"
                );
                assert_eq!(self.order.algo_id(), before.algo_id().or(report.algo_id));
            }
            Applied::Triggered => self.check_triggered(before, report),
            Applied::PartiallyFilled(f) | Applied::Filled(f) | Applied::LateFill(f) => {
                if report.fill.is_some_and(|fill| fill.trade_id == f.trade_id)
                    && !before.fills().contains(f.trade_id)
                {
                    self.check_fill(before, report, applied, f);
                } else {
                    self.check_completion(before, report, applied, f);
                }
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
                assert!(matches!(
                    b,
                    OrderStatus::Placing | OrderStatus::Armed | OrderStatus::Cancelling
                ));
                assert_eq!(
                    before.exchange_id(),
                    None,
                    "an acknowledged order was failed"
                );
            }
            Applied::Amended => match report.amendment.filter(|_| {
                report.execution == ExecutionType::Amendment
                    && matches!(b, OrderStatus::Active | OrderStatus::Cancelling)
            }) {
                Some(amendment) => {
                    assert!(matches!(b, OrderStatus::Active | OrderStatus::Cancelling) && a == b);
                    assert_eq!(self.order.quantity(), amendment.quantity);
                    assert_eq!(self.order.price(), amendment.price.or(before.price()));
                }
                // Without one: a close-position order's quantity stated by a
                // report that changed nothing else.
                None => {
                    assert!(!before.quantity_known() && self.order.quantity_known());
                    assert_eq!(a, b);
                    assert_eq!(
                        Some(self.order.quantity()),
                        report.terms.map(|t| t.quantity)
                    );
                }
            },
            Applied::Duplicate | Applied::Stale => {}
        }
    }

    /// `Triggered`: bound to the triggered order (the algo service's
    /// `TRIGGERED` / `FINISHED` naming it, or an armed order's `NEW` from the
    /// matching engine), or a conditional order of the matching engine
    /// triggered in place (its `EXPIRED`, reason 8 or none).
    fn check_triggered(&self, before: &AnyOrder, report: &ExecutionReport) {
        let (b, a) = (before.status(), self.order.status());
        assert!(self.order.triggered(), "triggered, not marked");
        assert!(
            self.order.exchange_id().is_some(),
            "triggered into no order"
        );
        if report.execution == ExecutionType::Expired {
            assert_eq!(
                report.status,
                ReportStatus::Expired,
                "EXPIRED_IN_MATCH triggered"
            );
            assert!(report.algo_id.is_none() && before.algo_id().is_none());
            assert!(
                report.expiry_reason.is_none_or(|r| r.0 == 8),
                "expiry reason {:?} triggered",
                report.expiry_reason
            );
            assert!(matches!(a, OrderStatus::Active | OrderStatus::Cancelling));
        } else {
            assert!(before.exchange_id().is_none(), "triggered while bound");
            assert_eq!(self.order.exchange_id(), report.exchange_id);
            // The NEW of its triggered order: an armed order's, or a cancelling
            // one's that the algo service had accepted.
            let accepted = b == OrderStatus::Armed
                || (b == OrderStatus::Cancelling && before.algo_id().is_some());
            let armed = accepted && report.execution == ExecutionType::New;
            assert!(
                armed || report.execution == ExecutionType::Triggered,
                "{:?} triggered the order",
                report.execution
            );
            let expected = if b == OrderStatus::Cancelling {
                OrderStatus::Cancelling
            } else {
                OrderStatus::Active
            };
            assert_eq!(a, expected);
        }
    }

    /// A new fill accounted: its details, one fill counted once, the state it
    /// leads to.
    fn check_fill(
        &mut self,
        before: &AnyOrder,
        report: &ExecutionReport,
        applied: &Applied,
        f: &FillApplied,
    ) {
        let (b, a) = (before.status(), self.order.status());
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
        let last = fills.last().map(|l| (l.trade_id, l.qty, l.price));
        assert_eq!(last, Some((fill.trade_id, fill.qty, fill.price)));
        if self.order.order_type().is_conditional() {
            assert!(
                self.order.triggered(),
                "a conditional order filled, not triggered"
            );
        }
        match applied {
            Applied::PartiallyFilled(_) => {
                assert!(a.is_live(), "partially filled into {a}");
                assert!(
                    !self.order.quantity_known() || f.filled_qty < self.order.quantity(),
                    "partially filled to the whole quantity"
                );
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

    /// A fill outcome that accounts no new fill: a close-position order
    /// completed by the quantity a matching-engine report states, reported
    /// `Filled` with its last fill.
    fn check_completion(
        &self,
        before: &AnyOrder,
        report: &ExecutionReport,
        applied: &Applied,
        f: &FillApplied,
    ) {
        assert!(
            matches!(applied, Applied::Filled(_)),
            "{applied:?} accounts no new fill"
        );
        assert!(!before.quantity_known(), "{applied:?} accounts no new fill");
        assert!(
            report.algo_id.is_none(),
            "the algo service stated a quantity"
        );
        assert_eq!(
            report.terms.map(|t| t.quantity),
            Some(self.order.quantity()),
            "completed by a quantity the report does not state"
        );
        assert_eq!(self.order.status(), OrderStatus::Filled);
        assert_eq!(
            self.order.fills(),
            before.fills(),
            "a completion changed the fills"
        );
        assert_eq!(f.filled_qty, self.order.quantity());
        let last = before.fills().last().map(|l| (l.trade_id, l.qty, l.price));
        assert_eq!(
            last,
            Some((f.trade_id, f.qty, f.price)),
            "not the last fill"
        );
    }
}
