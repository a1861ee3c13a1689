//! The order's terms a report restates (side, original type, quantity):
//! compared by `AnyOrder::apply`, a mismatch refused with the field named,
//! and the quantities that may legitimately differ left alone.

mod common;

use common::*;
use ordertrack_model::{
    Amendment, Applied, ApplyError, ExecutionReport, ExecutionType, OrderTerms, OrderType,
    ReportStatus, Side, TermMismatch,
};

/// The terms of the test order (LIMIT BUY of `quantity` at 100), as an event
/// restates them.
fn terms(quantity: &str) -> OrderTerms {
    OrderTerms {
        trigger_price: None,
        working_type: None,
        side: Side::Buy,
        order_type: Some(OrderType::Limit),
        quantity: qty(quantity),
        price: Some(px("100")),
        reduce_only: Some(false),
        close_position: false,
    }
}

fn with_terms(report: ExecutionReport, terms: OrderTerms) -> ExecutionReport {
    ExecutionReport {
        terms: Some(terms),
        ..report
    }
}

#[test]
fn reports_restating_the_orders_terms_apply() {
    let mut order = placing("1");
    ok(&mut order, &with_terms(ack_report(ACKED), terms("1")));
    let fill = with_terms(trade_report(1, "0.4", "100", "0.4", ACKED + 1), terms("1"));
    assert!(matches!(ok(&mut order, &fill), Applied::PartiallyFilled(_)));
    // TRADE_LITE states no type: only side and quantity are compared.
    let lite = with_terms(
        trade_report(2, "0.1", "100", "0.5", ACKED + 2),
        OrderTerms {
            order_type: None,
            ..terms("1")
        },
    );
    assert!(matches!(ok(&mut order, &lite), Applied::PartiallyFilled(_)));
}

#[test]
fn a_report_with_other_terms_is_refused_with_the_field_named() {
    let wrong_side = OrderTerms {
        side: Side::Sell,
        ..terms("1")
    };
    let wrong_type = OrderTerms {
        order_type: Some(OrderType::StopMarket),
        ..terms("1")
    };
    let cases = [
        (
            wrong_side,
            TermMismatch::Side {
                expected: Side::Buy,
                reported: Side::Sell,
            },
            "field `S`",
        ),
        (
            wrong_type,
            TermMismatch::OrderType {
                expected: OrderType::Limit,
                reported: OrderType::StopMarket,
            },
            "field `ot`",
        ),
        (
            terms("2"),
            TermMismatch::Quantity {
                expected: qty("1"),
                reported: qty("2"),
            },
            "field `q`",
        ),
    ];
    for (bad, mismatch, field) in cases {
        for report in [
            ack_report(ACKED + 10),
            trade_report(1, "0.4", "100", "0.4", ACKED + 10),
            canceled_report("0", ACKED + 10),
        ] {
            let mut order = active("1");
            let error = refused(&mut order, &with_terms(report, bad));
            assert_eq!(
                error,
                ApplyError::TermsMismatch {
                    client_id: cid(),
                    mismatch
                }
            );
            assert_eq!(error.kind(), "terms_mismatch");
            let message = error.to_string();
            assert!(message.contains(field), "{message}");
            assert!(message.contains(cid().as_str()), "{message}");
        }
    }
}

#[test]
fn quantities_that_may_legitimately_differ_are_not_held_against_a_report() {
    // A close-position order states q = 0 until it triggers.
    let mut order = active("1");
    let close_position = OrderTerms {
        close_position: true,
        ..terms("0")
    };
    let fill = with_terms(
        trade_report(1, "0.4", "100", "0.4", ACKED + 1),
        close_position,
    );
    assert!(matches!(ok(&mut order, &fill), Applied::PartiallyFilled(_)));
    // A report older than the order's latest change may predate an amendment.
    let older = with_terms(trade_report(2, "0.1", "100", "0.1", ACKED), terms("3"));
    assert!(matches!(
        ok(&mut order, &older),
        Applied::PartiallyFilled(_)
    ));
    // ... but its side is always compared.
    let older_other_side = with_terms(
        trade_report(3, "0.1", "100", "0.1", ACKED),
        OrderTerms {
            side: Side::Sell,
            ..terms("3")
        },
    );
    refused(&mut order, &older_other_side);
}

#[test]
fn an_amendment_states_the_new_quantity_and_later_reports_follow_it() {
    let mut order = active("1");
    let amendment = ExecutionReport {
        amendment: Some(Amendment {
            quantity: qty("2"),
            price: Some(px("100")),
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New, ACKED + 1)
    };
    assert_eq!(
        ok(&mut order, &with_terms(amendment, terms("2"))),
        Applied::Amended
    );
    assert_eq!(order.quantity(), qty("2"));
    let fill = trade_report(1, "0.5", "100", "0.5", ACKED + 2);
    assert!(matches!(
        ok(&mut order, &with_terms(fill, terms("2"))),
        Applied::PartiallyFilled(_)
    ));
    // The old quantity on a new report is a mismatch.
    let stale_terms = with_terms(trade_report(2, "0.5", "100", "1", ACKED + 3), terms("1"));
    assert!(matches!(
        refused(&mut order, &stale_terms),
        ApplyError::TermsMismatch {
            mismatch: TermMismatch::Quantity { .. },
            ..
        }
    ));
}
