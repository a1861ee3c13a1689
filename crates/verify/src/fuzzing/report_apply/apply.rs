//! One step run, and what it must and must not have changed.

use ordertrack::{
    AnyOrder, Applied, ApplyError, ExecutionType, FillError, OrderStatus, RequestError,
};

use super::{Step, Subject};

impl Subject {
    /// Runs one step and checks everything it must and must not have changed;
    /// what a report returned, when it applied.
    pub(super) fn apply(&mut self, step: &Step) -> Option<Applied> {
        let before = self.order.clone();
        let mut outcome = None;
        match step {
            Step::Report(report) => {
                let duplicate = report
                    .fill
                    .is_some_and(|f| before.fills().contains(f.trade_id));
                let result = self.order.apply(report);
                outcome = result.as_ref().ok().copied();
                match result {
                    Err(error) => {
                        assert_eq!(
                            self.order, before,
                            "apply failed ({error}) but changed the order"
                        );
                        assert!(!error.to_string().is_empty());
                        // A duplicate is never refused as a fill, unless the
                        // quantity it states is below what has filled.
                        if duplicate && report.execution.is_fill() {
                            assert!(
                                !matches!(
                                    &error,
                                    ApplyError::Fill { source, .. }
                                        if !matches!(source, FillError::StatedBelowFilled { .. })
                                ),
                                "a duplicate trade id was refused as a fill: {error}"
                            );
                        }
                    }
                    Ok(applied) => {
                        if let Some(terms) = report.terms {
                            let spec = before.spec();
                            assert_eq!(terms.side, spec.side, "a report of the other side applied");
                            // The triggered order of an algo-service order may
                            // state the type it triggered into.
                            let own = report.algo_id.is_none()
                                && before.algo_id().is_some()
                                && terms.order_type == spec.order_type.triggered_type();
                            if let Some(t) = terms.order_type.filter(|_| !own) {
                                assert_eq!(t, spec.order_type, "a report of another type applied");
                            }
                            let may_differ = report.execution == ExecutionType::Amendment
                                || terms.close_position
                                || !before.quantity_known()
                                || report.transaction_time < before.updated_at();
                            assert!(
                                may_differ || terms.quantity == spec.quantity,
                                "a report of another quantity applied"
                            );
                        }
                        assert_ne!(
                            before.status(),
                            OrderStatus::Idle,
                            "an unsent order took {report:?}"
                        );
                        if duplicate && report.execution.is_fill() {
                            assert_eq!(
                                self.order.fills(),
                                before.fills(),
                                "a trade id counted twice"
                            );
                            // Ignored, unless it states a close-position
                            // order's quantity (which may complete it).
                            let states = !before.quantity_known() && self.order.quantity_known();
                            assert!(
                                applied == Applied::Duplicate || states,
                                "a duplicate trade id applied as {applied:?}"
                            );
                        }
                        if applied.is_ignored() {
                            self.check_ignored(&before, report, &applied);
                        }
                        self.check_applied(&before, report, &applied);
                    }
                }
            }
            Step::Place(now) => {
                let result = self.order.place(*now);
                let allowed = before.status() == OrderStatus::Idle;
                self.check_request(&before, result, allowed.then_some(OrderStatus::Placing));
            }
            Step::Cancel(now) => {
                let result = self.order.request_cancel(*now);
                let allowed = matches!(
                    before.status(),
                    OrderStatus::Placing | OrderStatus::Armed | OrderStatus::Active
                );
                self.check_request(&before, result, allowed.then_some(OrderStatus::Cancelling));
            }
            Step::PlaceFailed(reason, now) => {
                let result = self.order.place_failed(*reason, *now);
                // Only a placement never acknowledged (nor accepted by the
                // algo service) can fail.
                let allowed = match before.status() {
                    OrderStatus::Placing => true,
                    OrderStatus::Cancelling => {
                        before.exchange_id().is_none() && before.algo_id().is_none()
                    }
                    _ => false,
                };
                self.check_request(&before, result, allowed.then_some(OrderStatus::Failed));
            }
            Step::InDoubt(now) => {
                let result = self.order.place_in_doubt(*now);
                let allowed = before.status() == OrderStatus::Placing;
                self.check_request(&before, result, allowed.then_some(OrderStatus::Placing));
                if allowed {
                    let since = before.in_doubt_since().unwrap_or(*now);
                    assert_eq!(
                        self.order.in_doubt_since(),
                        Some(since),
                        "in-doubt time moved"
                    );
                }
            }
            Step::CancelRejected(now) => {
                let result = self.order.cancel_rejected(*now);
                let back_to = match (before.exchange_id(), before.algo_id()) {
                    (Some(_), _) => OrderStatus::Active,
                    (None, Some(_)) => OrderStatus::Armed,
                    (None, None) => OrderStatus::Placing,
                };
                let allowed = before.status() == OrderStatus::Cancelling;
                self.check_request(&before, result, allowed.then_some(back_to));
            }
        }
        self.check_common(&before);
        self.check_static();
        outcome
    }

    /// A report the order ignored (`Duplicate`, `Stale`) changed nothing, except
    /// that a close-position order learns the quantity a matching-engine report
    /// states (the order's state, fills, ids and trigger stay as they were).
    fn check_ignored(
        &self,
        before: &AnyOrder,
        report: &ordertrack::ExecutionReport,
        applied: &Applied,
    ) {
        let stated = report
            .terms
            .map(|t| t.quantity)
            .filter(|q| !before.quantity_known() && report.algo_id.is_none() && !q.is_zero());
        match stated {
            Some(quantity) => {
                assert_eq!(
                    self.order.quantity(),
                    quantity,
                    "{applied:?}: quantity not learnt"
                );
                assert_eq!(
                    self.order.state(),
                    before.state(),
                    "{applied:?} changed the state"
                );
                assert_eq!(
                    self.order.fills(),
                    before.fills(),
                    "{applied:?} changed the fills"
                );
                assert_eq!(
                    (self.order.algo_id(), self.order.triggered()),
                    (before.algo_id(), before.triggered()),
                    "{applied:?} changed the trigger"
                );
            }
            None => assert_eq!(self.order, *before, "{applied:?} changed the order"),
        }
    }

    /// An engine request: the one legal move when `expected` names it, else refused
    /// with the order unchanged.
    fn check_request(
        &self,
        before: &AnyOrder,
        result: std::result::Result<(), RequestError>,
        expected: Option<OrderStatus>,
    ) {
        match (result, expected) {
            (Ok(()), Some(status)) => {
                assert_eq!(
                    self.order.status(),
                    status,
                    "request from {}",
                    before.status()
                );
                assert_eq!(
                    self.order.fills(),
                    before.fills(),
                    "a request changed the fills"
                );
                assert_eq!(self.order.quantity(), before.quantity());
                if status == OrderStatus::Failed {
                    assert_eq!(self.order.exchange_id(), None);
                }
            }
            (Ok(()), None) => panic!(
                "request accepted in {}: now {}",
                before.status(),
                self.order.status()
            ),
            (Err(error), Some(_)) => panic!("legal request refused: {error}"),
            (Err(error), None) => {
                assert_eq!(
                    self.order, *before,
                    "request failed ({error}) but changed the order"
                );
                assert_eq!(
                    (error.status, error.client_id),
                    (before.status(), before.client_id())
                );
                assert!(!error.to_string().is_empty());
            }
        }
    }
}
