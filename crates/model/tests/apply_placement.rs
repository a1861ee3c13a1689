//! `AnyOrder::apply` and the engine requests before an order is acknowledged:
//! the placement, its ack, fills before the ack, its rejection or failure, its
//! outcome in doubt, and a cancel sent before the ack.

mod common;

use common::*;
use ordertrack_model::{
    Applied, ApplyError, Closed, ExecutionReport, ExecutionType, FailReason, Failed, OrderStatus,
    Placing, Qty, RejectError, ReportStatus,
};

#[test]
fn idle_place_request_to_placing() {
    let mut order = idle("1");
    order.place(PLACED).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.updated_at(), PLACED);
    assert_eq!(order.exchange_id(), None);
}

#[test]
fn placing_ack_to_active() {
    let mut order = placing("1");
    assert_eq!(ok(&mut order, &ack_report(ACKED)), Applied::Acknowledged);
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.exchange_id(), Some(EX));
    assert_eq!(order.updated_at(), ACKED);
}

#[test]
fn fill_before_ack_partial_to_active_carrying_the_exchange_id() {
    let mut order = placing("1");
    let applied = ok(&mut order, &trade_report(1, "0.4", "100", "0.4", 1_150));
    assert_eq!(
        applied,
        Applied::PartiallyFilled(fill_applied(1, "0.4", "100", "0.4", "0"))
    );
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.exchange_id(), Some(EX));
    // The ack arrives afterwards: stale, nothing changes.
    assert_eq!(ignored(&mut order, &ack_report(1_140)), Applied::Stale);
}

#[test]
fn fill_before_ack_complete_to_filled_carrying_the_exchange_id() {
    let mut order = placing("1");
    let report = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(1, "1", "100", "1", 1_150)
    };
    assert_eq!(
        ok(&mut order, &report),
        Applied::Filled(fill_applied(1, "1", "100", "1", "0"))
    );
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.exchange_id(), Some(EX));
    assert_eq!(order.closed_at(), Some(1_150));
    // Stale NEW after FILLED.
    assert_eq!(ignored(&mut order, &ack_report(1_140)), Applied::Stale);
}

#[test]
fn placing_rejected_report_to_failed() {
    let mut order = placing("1");
    assert_eq!(
        ok(&mut order, &rejected_report(1_150)),
        Applied::Failed(Closed::between(Qty::ZERO, None))
    );
    let failed = view::<Failed>(&order);
    assert_eq!(failed.fail_reason(), FailReason::Rejected);
    assert_eq!(failed.closed_at(), 1_150);
}

#[test]
fn placing_place_failed_to_failed() {
    let mut order = placing("1");
    order
        .place_failed(FailReason::ExchangeError { code: -2019 }, 1_150)
        .unwrap();
    let failed = view::<Failed>(&order);
    assert_eq!(
        failed.fail_reason(),
        FailReason::ExchangeError { code: -2019 }
    );
}

#[test]
fn placing_request_cancel_to_cancelling() {
    let mut order = placing("1");
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelling);
    assert_eq!(order.exchange_id(), None);
}

#[test]
fn place_in_doubt_keeps_placing_and_the_first_time_until_the_ack_settles_it() {
    let mut order = placing("1");
    order.place_in_doubt(1_150).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.in_doubt_since(), Some(1_150));
    order.place_in_doubt(1_180).unwrap();
    assert_eq!(
        order.in_doubt_since(),
        Some(1_150),
        "first in-doubt time kept"
    );
    assert_eq!(order.updated_at(), 1_180);
    assert_eq!(ok(&mut order, &ack_report(ACKED)), Applied::Acknowledged);
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.in_doubt_since(), None);
}

#[test]
fn place_in_doubt_survives_a_cancel_before_ack_and_its_rejection() {
    let mut order = placing("1");
    order.place_in_doubt(1_150).unwrap();
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.in_doubt_since(), None, "only Placing reports it");
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.in_doubt_since(), Some(1_150));
}

#[test]
fn cancel_before_ack_then_ack_learns_the_id() {
    let mut order = placing("1");
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.exchange_id(), None);
    assert_eq!(ok(&mut order, &ack_report(1_350)), Applied::Acknowledged);
    assert_eq!(order.status(), OrderStatus::Cancelling);
    assert_eq!(order.exchange_id(), Some(EX));
    // A second NEW is stale now.
    assert_eq!(ignored(&mut order, &ack_report(1_360)), Applied::Stale);
    // And the cancel completes.
    assert!(matches!(
        ok(&mut order, &canceled_report("0", CLOSED)),
        Applied::Cancelled(_)
    ));
}

#[test]
fn cancel_rejected_back_to_placing() {
    let mut order = cancelling_unacked("1");
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.exchange_id(), None);
    let placing = view::<Placing>(&order);
    assert_eq!(placing.sent_at(), PLACED);
}

#[test]
fn place_failed_on_cancelling_before_ack() {
    let mut order = cancelling_unacked("1");
    order
        .place_failed(FailReason::ExchangeError { code: -1111 }, 1_350)
        .unwrap();
    let failed = view::<Failed>(&order);
    assert_eq!(
        failed.fail_reason(),
        FailReason::ExchangeError { code: -1111 }
    );
    assert_eq!(failed.exchange_id(), None);
    assert_eq!(failed.closed_at(), 1_350);
}

#[test]
fn rejected_report_on_cancelling_before_ack_fails_it() {
    let mut order = cancelling_unacked("1");
    assert_eq!(
        ok(&mut order, &rejected_report(1_350)),
        Applied::Failed(Closed::between(Qty::ZERO, None))
    );
    assert_eq!(order.status(), OrderStatus::Failed);
}

#[test]
fn rejected_report_on_an_active_order_is_not_applicable() {
    let mut order = active("1");
    assert_eq!(
        refused(&mut order, &rejected_report(1_350)),
        ApplyError::NotApplicable {
            client_id: cid(),
            status: OrderStatus::Active,
            execution: ExecutionType::Rejected,
        }
    );
}

#[test]
fn rejected_report_on_a_cancelling_order_with_a_known_id_is_refused_by_the_transition() {
    // Acknowledged before the cancel; acknowledged after it (a NEW naming the
    // id); or named by a fill: the exchange accepted the placement.
    let acked_after = {
        let mut order = cancelling_unacked("1");
        assert_eq!(ok(&mut order, &ack_report(1_340)), Applied::Acknowledged);
        order
    };
    let named_by_a_fill = {
        let mut order = cancelling_unacked("1");
        ok(&mut order, &trade_report(1, "0.3", "100", "0.3", 1_340));
        order
    };
    for mut order in [cancelling_acked("1"), acked_after, named_by_a_fill] {
        assert_eq!(order.exchange_id(), Some(EX));
        let error = refused(&mut order, &rejected_report(1_350));
        assert_eq!(
            error,
            ApplyError::Reject {
                client_id: cid(),
                source: RejectError::Acknowledged { exchange_id: EX },
            }
        );
        assert_eq!(error.kind(), "rejection_refused");
        assert_eq!(order.status(), OrderStatus::Cancelling);
    }
}
