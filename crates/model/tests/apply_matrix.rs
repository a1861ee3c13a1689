//! `AnyOrder::apply` for every (execution type, situation) pair, in the words
//! of the matrix in docs/state-machine.md, and the events no transition takes.

mod common;

use common::*;
use ordertrack_model::{
    AnyOrder, Applied, ApplyError, ExecutionReport, ExecutionType, FillError, OrderStatus,
    ReportStatus, TradeId,
};

/// What a report did, in the words of the matrix in docs/state-machine.md.
fn outcome(order: &mut AnyOrder, report: &ExecutionReport) -> String {
    let before = order.clone();
    match order.apply(report) {
        Ok(applied) if applied.is_ignored() => {
            assert_eq!(*order, before);
            format!("{applied:?}")
        }
        Ok(applied) => {
            let name = format!("{applied:?}");
            let name = name.split('(').next().unwrap_or_default().to_owned();
            format!("{name} → {}", order.status())
        }
        Err(error) => {
            assert_eq!(*order, before);
            let name = format!("{error:?}");
            let name = name.split(' ').next().unwrap_or_default().to_owned();
            format!("error {name}")
        }
    }
}

#[test]
fn every_execution_type_in_every_state() {
    use Situation as S;
    // Columns: NEW, TRADE, CALCULATED, CANCELED, EXPIRED, AMENDMENT, REJECTED.
    let na = "error NotApplicable";
    let expected: [(Situation, [&str; 7]); 9] = [
        (S::Idle, [na, na, na, na, na, na, na]),
        (
            S::Placing,
            [
                "Acknowledged → Active",
                "PartiallyFilled → Active",
                "PartiallyFilled → Active",
                "Cancelled → Cancelled",
                "Expired → Expired",
                na,
                "Failed → Failed",
            ],
        ),
        (
            S::Active,
            [
                "Stale",
                "PartiallyFilled → Active",
                "PartiallyFilled → Active",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "Amended → Active",
                na,
            ],
        ),
        (
            S::CancellingAcked,
            [
                "Stale",
                "PartiallyFilled → Cancelling",
                "PartiallyFilled → Cancelling",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "Amended → Cancelling",
                "error Reject",
            ],
        ),
        (
            S::CancellingUnacked,
            [
                "Acknowledged → Cancelling",
                "PartiallyFilled → Cancelling",
                "PartiallyFilled → Cancelling",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "error Amend",
                "Failed → Failed",
            ],
        ),
        (
            S::Filled,
            [
                "Stale",
                "error Fill",
                "error Fill",
                "Stale",
                "Stale",
                "Stale",
                "Stale",
            ],
        ),
        (
            S::Cancelled,
            [
                "Stale",
                "LateFill → Cancelled",
                "LateFill → Cancelled",
                "Stale",
                "Stale",
                "Stale",
                "Stale",
            ],
        ),
        (
            S::Expired,
            [
                "Stale",
                "LateFill → Expired",
                "LateFill → Expired",
                "Stale",
                "Stale",
                "Stale",
                "Stale",
            ],
        ),
        (
            S::Failed,
            [
                "Stale",
                "LateFill → Failed",
                "LateFill → Failed",
                "Stale",
                "Stale",
                "Stale",
                "Stale",
            ],
        ),
    ];
    let mut checked = 0;
    for (situation, row) in expected {
        for ((execution, status), want) in EXECUTIONS.into_iter().zip(row) {
            let mut order = order_in(situation, "1");
            let got = outcome(&mut order, &matrix_report(execution, status));
            assert_eq!(got, want, "{situation:?} + {execution}");
            checked += 1;
        }
    }
    assert_eq!(checked, expected.len() * EXECUTIONS.len());
}

#[test]
fn a_fill_on_a_filled_order_is_an_overfill_and_a_repeat_is_a_duplicate() {
    let mut order = filled("1");
    let error = refused(&mut order, &trade_report(5, "0.1", "100", "1.1", 2_000));
    assert_eq!(
        error,
        ApplyError::Fill {
            client_id: cid(),
            source: FillError::Overfill {
                trade_id: TradeId(5),
                fill_qty: qty("0.1"),
                filled: qty("1"),
                quantity: qty("1"),
            }
        }
    );
    // The trade that filled it, delivered again.
    let repeat = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(1, "1", "100", "1", 2_000)
    };
    assert_eq!(ignored(&mut order, &repeat), Applied::Duplicate);
    // A zero-quantity trade is still a zero-quantity error.
    let zero = trade_report(6, "0", "100", "1", 2_000);
    assert!(matches!(
        refused(&mut order, &zero),
        ApplyError::Fill {
            source: FillError::ZeroQty { .. },
            ..
        }
    ));
}

#[test]
fn events_for_an_idle_order_are_not_applicable() {
    for (execution, status) in EXECUTIONS {
        let mut order = idle("1");
        assert_eq!(
            refused(&mut order, &matrix_report(execution, status)),
            ApplyError::NotApplicable {
                client_id: cid(),
                status: OrderStatus::Idle,
                execution,
            },
            "{execution}"
        );
    }
}

#[test]
fn amendment_on_placing_is_not_applicable() {
    let mut order = placing("1");
    assert!(matches!(
        refused(&mut order, &amendment_report("2", None, 1_150)),
        ApplyError::NotApplicable {
            status: OrderStatus::Placing,
            execution: ExecutionType::Amendment,
            ..
        }
    ));
}
