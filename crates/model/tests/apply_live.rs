//! `AnyOrder::apply` and the engine requests on a working order: fills,
//! cancels (and their rejection), expiries and amendments of `Placing`,
//! `Active` and `Cancelling` orders.

mod common;

use common::*;
use ordertrack_model::{
    AmendError, Applied, ApplyError, Cancelling, Closed, ExecutionReport, ExecutionType, Expired,
    ExpiryReason, OrderStatus, Qty, ReportStatus,
};

#[test]
fn live_orders_cancelled_by_the_exchange() {
    for situation in [
        Situation::Placing,
        Situation::Active,
        Situation::CancellingAcked,
        Situation::CancellingUnacked,
    ] {
        let mut order = order_in(situation, "1");
        let applied = ok(&mut order, &canceled_report("0", CLOSED));
        assert_eq!(
            applied,
            Applied::Cancelled(Closed {
                filled_qty: Qty::ZERO,
                unseen_qty: Qty::ZERO,
                excess_qty: Qty::ZERO,
            })
        );
        assert_eq!(order.status(), OrderStatus::Cancelled, "{situation:?}");
        assert_eq!(order.exchange_id(), Some(EX), "{situation:?}");
        assert_eq!(order.closed_at(), Some(CLOSED));
        // A second CANCELED: stale.
        assert_eq!(
            ignored(&mut order, &canceled_report("0", 1_500)),
            Applied::Stale
        );
        // A NEW after the cancel: stale.
        assert_eq!(ignored(&mut order, &ack_report(1_500)), Applied::Stale);
    }
}

#[test]
fn live_orders_expired_with_reason_including_expired_in_match() {
    for situation in [
        Situation::Placing,
        Situation::Active,
        Situation::CancellingAcked,
        Situation::CancellingUnacked,
    ] {
        for (status, reason) in [
            (ReportStatus::Expired, Some(ExpiryReason(0))),
            (ReportStatus::ExpiredInMatch, Some(ExpiryReason(8))),
            (ReportStatus::Expired, None),
        ] {
            let mut order = order_in(situation, "1");
            let applied = ok(&mut order, &expired_report(status, reason, CLOSED));
            assert!(matches!(applied, Applied::Expired(_)), "{applied:?}");
            let expired = view::<Expired>(&order);
            assert_eq!(expired.expiry_reason(), reason);
            assert_eq!(expired.exchange_id(), Some(EX));
            assert_eq!(expired.closed_at(), CLOSED);
        }
    }
}

#[test]
fn active_fills_partial_then_complete() {
    let mut order = active("1");
    assert_eq!(
        ok(&mut order, &trade_report(1, "0.6", "100", "0.6", 1_250)),
        Applied::PartiallyFilled(fill_applied(1, "0.6", "100", "0.6", "0"))
    );
    assert_eq!(order.status(), OrderStatus::Active);
    let last = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(2, "0.4", "101", "1", 1_260)
    };
    assert_eq!(
        ok(&mut order, &last),
        Applied::Filled(fill_applied(2, "0.4", "101", "1", "0"))
    );
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), qty("1"));
}

#[test]
fn calculated_execution_is_a_fill() {
    let mut order = active("1");
    let liquidation = ExecutionReport {
        execution: ExecutionType::Calculated,
        status: ReportStatus::Filled,
        ..trade_report(3, "1", "90", "1", 1_250)
    };
    assert!(matches!(ok(&mut order, &liquidation), Applied::Filled(_)));
    assert_eq!(order.status(), OrderStatus::Filled);
}

#[test]
fn active_request_cancel_to_cancelling() {
    let mut order = active("1");
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelling);
    assert_eq!(order.exchange_id(), Some(EX));
}

#[test]
fn cancelling_fills_race_the_cancel() {
    let mut order = cancelling_acked("1");
    assert!(matches!(
        ok(&mut order, &trade_report(1, "0.5", "100", "0.5", 1_350)),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(order.status(), OrderStatus::Cancelling);
    let last = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(2, "0.5", "100", "1", 1_360)
    };
    assert!(matches!(ok(&mut order, &last), Applied::Filled(_)));
    assert_eq!(order.status(), OrderStatus::Filled);
    // The cancel's confirmation, too late: stale.
    assert_eq!(
        ignored(&mut order, &canceled_report("1", 1_370)),
        Applied::Stale
    );
}

#[test]
fn cancel_rejected_back_to_active() {
    let mut order = cancelling_acked("1");
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.exchange_id(), Some(EX));
    assert_eq!(order.updated_at(), 1_350);
}

#[test]
fn amendments_up_and_down_and_below_filled() {
    let mut order = active("1");
    ok(&mut order, &trade_report(1, "0.4", "100", "0.4", 1_250));
    assert_eq!(
        ok(&mut order, &amendment_report("2", Some("99"), 1_260)),
        Applied::Amended
    );
    assert_eq!(
        (order.quantity(), order.price()),
        (qty("2"), Some(px("99")))
    );
    assert_eq!(
        ok(&mut order, &amendment_report("0.5", None, 1_270)),
        Applied::Amended
    );
    assert_eq!(
        (order.quantity(), order.price()),
        (qty("0.5"), Some(px("99")))
    );
    for below in ["0.4", "0.1"] {
        assert_eq!(
            refused(&mut order, &amendment_report(below, None, 1_280)),
            ApplyError::Amend {
                client_id: cid(),
                source: AmendError::QuantityBelowFilled {
                    quantity: qty(below),
                    filled: qty("0.4"),
                }
            }
        );
    }
    // The amended quantity is what fills are checked against.
    let last = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(2, "0.1", "100", "0.5", 1_290)
    };
    assert!(matches!(ok(&mut order, &last), Applied::Filled(_)));
}

#[test]
fn amendment_while_cancelling() {
    let mut order = cancelling_acked("1");
    assert_eq!(
        ok(&mut order, &amendment_report("3", None, 1_350)),
        Applied::Amended
    );
    assert_eq!(order.quantity(), qty("3"));
    assert_eq!(order.status(), OrderStatus::Cancelling);
}

#[test]
fn amendment_while_cancelling_before_any_ack_is_refused_by_the_transition() {
    let mut order = cancelling_unacked("1");
    let error = refused(&mut order, &amendment_report("3", None, 1_350));
    assert_eq!(
        error,
        ApplyError::Amend {
            client_id: cid(),
            source: AmendError::NotAcknowledged,
        }
    );
    assert_eq!(error.kind(), "amendment_refused");
    // The typed handle refuses it the same way: one rule, two doors.
    let typed = refused_on::<Cancelling, _>(&mut order, |o| {
        o.amend(
            ordertrack_model::Amendment {
                quantity: qty("3"),
                price: None,
            },
            1_350,
        )
        .map(drop)
    });
    assert_eq!(typed, AmendError::NotAcknowledged);
    // After the ack the same report applies.
    assert_eq!(ok(&mut order, &ack_report(1_340)), Applied::Acknowledged);
    assert_eq!(
        ok(&mut order, &amendment_report("3", None, 1_350)),
        Applied::Amended
    );
    assert_eq!(order.quantity(), qty("3"));
}
