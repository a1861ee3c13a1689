//! The runtime form: `AnyOrder::apply` for every (execution type, state) pair,
//! the feed's races (fill before ack, duplicates, reordering, gaps, late fills,
//! stale events), the engine requests, and every `ApplyError` and `RequestError`
//! with the order left exactly as it was.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack_model::{
    Active, AmendError, Amendment, AnyOrder, Applied, ApplyError, Cancelled, Closed,
    ExchangeOrderId, ExecutionReport, ExecutionType, ExpiryReason, FailReason, FillApplied,
    FillError, Idle, Order, OrderStatus, OrderTerms, OrderType, Placing, Price, Qty, ReportFill,
    ReportStatus, Request, RequestError, Side, Symbol, TermMismatch, TradeId,
};

/// Applies a report that must succeed.
fn ok(order: &mut AnyOrder, report: &ExecutionReport) -> Applied {
    order
        .apply(report)
        .unwrap_or_else(|e| panic!("{report:?} on {order:?}: {e}"))
}

/// Applies a report that must be ignored, and checks nothing changed.
fn ignored(order: &mut AnyOrder, report: &ExecutionReport) -> Applied {
    let before = order.clone();
    let applied = ok(order, report);
    assert!(applied.is_ignored(), "{applied:?}");
    assert_eq!(*order, before, "an ignored report changes nothing");
    applied
}

/// Applies a report that must be refused, and checks nothing changed.
fn refused(order: &mut AnyOrder, report: &ExecutionReport) -> ordertrack_model::ApplyError {
    let before = order.clone();
    let error = order
        .apply(report)
        .expect_err("the report should be refused");
    assert_eq!(*order, before, "a refused report changes nothing ({error})");
    error
}

fn fill_applied(trade: u64, q: &str, p: &str, filled: &str, unseen: &str) -> FillApplied {
    FillApplied {
        trade_id: TradeId(trade),
        qty: qty(q),
        price: px(p),
        filled_qty: qty(filled),
        unseen_qty: qty(unseen),
        excess_qty: Qty::ZERO,
    }
}

// ------------------------------------------------- the full matrix

const EXECUTIONS: [(ExecutionType, ReportStatus); 7] = [
    (ExecutionType::New, ReportStatus::New),
    (ExecutionType::Trade, ReportStatus::PartiallyFilled),
    (ExecutionType::Calculated, ReportStatus::PartiallyFilled),
    (ExecutionType::Canceled, ReportStatus::Canceled),
    (ExecutionType::Expired, ReportStatus::Expired),
    (ExecutionType::Amendment, ReportStatus::New),
    (ExecutionType::Rejected, ReportStatus::Rejected),
];

/// A well-formed report of each execution type, naming the order's exchange id.
fn matrix_report(execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
    let at = 2_000;
    match execution {
        ExecutionType::Trade | ExecutionType::Calculated => ExecutionReport {
            execution,
            ..trade_report(5, "0.1", "100", "0.1", at)
        },
        ExecutionType::Amendment => amendment_report("2", None, at),
        ExecutionType::Expired => expired_report(status, None, at),
        _ => report(execution, status, at),
    }
}

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
                na,
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
                na,
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
            let mut order = situation.order("1");
            let got = outcome(&mut order, &matrix_report(execution, status));
            assert_eq!(got, want, "{situation:?} + {execution}");
            checked += 1;
        }
    }
    assert_eq!(checked, Situation::ALL.len() * EXECUTIONS.len());
}

#[test]
fn a_fill_on_a_filled_order_is_an_overfill_and_a_repeat_is_a_duplicate() {
    let mut order = AnyOrder::from(filled("1"));
    let error = refused(&mut order, &trade_report(5, "0.1", "100", "1.1", 2_000));
    assert_eq!(
        error,
        ordertrack_model::ApplyError::Fill {
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
        ordertrack_model::ApplyError::Fill {
            source: FillError::ZeroQty { .. },
            ..
        }
    ));
}

// ------------------------------------------------- the transition table, through AnyOrder

#[test]
fn idle_place_request_to_placing() {
    let mut order = AnyOrder::from(idle("1"));
    order.place(PLACED).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.updated_at(), PLACED);
    assert_eq!(order.exchange_id(), None);
}

#[test]
fn placing_ack_to_active() {
    let mut order = AnyOrder::from(placing("1"));
    assert_eq!(ok(&mut order, &ack_report(ACKED)), Applied::Acknowledged);
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.exchange_id(), Some(EX));
    assert_eq!(order.updated_at(), ACKED);
}

#[test]
fn fill_before_ack_partial_to_active_carrying_the_exchange_id() {
    let mut order = AnyOrder::from(placing("1"));
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
    let mut order = AnyOrder::from(placing("1"));
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
    let mut order = AnyOrder::from(placing("1"));
    assert_eq!(
        ok(&mut order, &rejected_report(1_150)),
        Applied::Failed(Closed::between(Qty::ZERO, None))
    );
    let Ok(failed) = Order::<ordertrack_model::Failed>::try_from(order) else {
        panic!("expected a Failed order");
    };
    assert_eq!(failed.fail_reason(), FailReason::Rejected);
    assert_eq!(failed.closed_at(), 1_150);
}

#[test]
fn placing_place_failed_to_failed() {
    let mut order = AnyOrder::from(placing("1"));
    order
        .place_failed(FailReason::ExchangeError { code: -2019 }, 1_150)
        .unwrap();
    let Ok(failed) = Order::<ordertrack_model::Failed>::try_from(order) else {
        panic!("expected a Failed order");
    };
    assert_eq!(
        failed.fail_reason(),
        FailReason::ExchangeError { code: -2019 }
    );
}

#[test]
fn placing_request_cancel_to_cancelling() {
    let mut order = AnyOrder::from(placing("1"));
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelling);
    assert_eq!(order.exchange_id(), None);
}

#[test]
fn live_orders_cancelled_by_the_exchange() {
    for situation in [
        Situation::Placing,
        Situation::Active,
        Situation::CancellingAcked,
        Situation::CancellingUnacked,
    ] {
        let mut order = situation.order("1");
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
            let mut order = situation.order("1");
            let applied = ok(&mut order, &expired_report(status, reason, CLOSED));
            assert!(matches!(applied, Applied::Expired(_)), "{applied:?}");
            let Ok(expired) = Order::<ordertrack_model::Expired>::try_from(order) else {
                panic!("{situation:?} + {status}: expected Expired");
            };
            assert_eq!(expired.expiry_reason(), reason);
            assert_eq!(expired.exchange_id(), Some(EX));
            assert_eq!(expired.closed_at(), CLOSED);
        }
    }
}

#[test]
fn active_fills_partial_then_complete() {
    let mut order = AnyOrder::from(active("1"));
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
    let mut order = AnyOrder::from(active("1"));
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
    let mut order = AnyOrder::from(active("1"));
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelling);
    assert_eq!(order.exchange_id(), Some(EX));
}

#[test]
fn cancelling_fills_race_the_cancel() {
    let mut order = AnyOrder::from(cancelling_acked("1"));
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
fn cancel_before_ack_then_ack_learns_the_id() {
    let mut order = AnyOrder::from(placing("1"));
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
fn cancel_rejected_back_to_active() {
    let mut order = AnyOrder::from(cancelling_acked("1"));
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.exchange_id(), Some(EX));
    assert_eq!(order.updated_at(), 1_350);
}

#[test]
fn cancel_rejected_back_to_placing() {
    let mut order = AnyOrder::from(cancelling_unacked("1"));
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.exchange_id(), None);
    let Ok(placing) = Order::<Placing>::try_from(order) else {
        panic!("expected Placing");
    };
    assert_eq!(placing.sent_at(), PLACED);
}

#[test]
fn place_in_doubt_keeps_placing_and_the_first_time_until_the_ack_settles_it() {
    let mut order = AnyOrder::from(placing("1"));
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
    let mut order = AnyOrder::from(placing("1"));
    order.place_in_doubt(1_150).unwrap();
    order.request_cancel(CANCEL_SENT).unwrap();
    assert_eq!(order.in_doubt_since(), None, "only Placing reports it");
    order.cancel_rejected(1_350).unwrap();
    assert_eq!(order.in_doubt_since(), Some(1_150));
}

#[test]
fn place_failed_on_cancelling_before_ack() {
    let mut order = AnyOrder::from(cancelling_unacked("1"));
    order
        .place_failed(FailReason::ExchangeError { code: -1111 }, 1_350)
        .unwrap();
    let Ok(failed) = Order::<ordertrack_model::Failed>::try_from(order) else {
        panic!("expected Failed");
    };
    assert_eq!(
        failed.fail_reason(),
        FailReason::ExchangeError { code: -1111 }
    );
    assert_eq!(failed.exchange_id(), None);
    assert_eq!(failed.closed_at(), 1_350);
}

#[test]
fn rejected_report_on_cancelling_before_ack_fails_it() {
    let mut order = AnyOrder::from(cancelling_unacked("1"));
    assert_eq!(
        ok(&mut order, &rejected_report(1_350)),
        Applied::Failed(Closed::between(Qty::ZERO, None))
    );
    assert_eq!(order.status(), OrderStatus::Failed);
}

#[test]
fn rejected_report_on_acknowledged_orders_is_not_applicable() {
    for situation in [Situation::Active, Situation::CancellingAcked] {
        let mut order = situation.order("1");
        let status = order.status();
        assert_eq!(
            refused(&mut order, &rejected_report(1_350)),
            ordertrack_model::ApplyError::NotApplicable {
                client_id: cid(),
                status,
                execution: ExecutionType::Rejected,
            }
        );
    }
}

#[test]
fn amendments_up_and_down_and_below_filled() {
    let mut order = AnyOrder::from(active("1"));
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
            ordertrack_model::ApplyError::Amend {
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
    let mut order = AnyOrder::from(cancelling_acked("1"));
    assert_eq!(
        ok(&mut order, &amendment_report("3", None, 1_350)),
        Applied::Amended
    );
    assert_eq!(order.quantity(), qty("3"));
    assert_eq!(order.status(), OrderStatus::Cancelling);
}

// ------------------------------------------------- fill rules

#[test]
fn duplicate_fill_changes_nothing() {
    let mut order = AnyOrder::from(active("1"));
    let report = trade_report(1, "0.3", "100", "0.3", 1_250);
    ok(&mut order, &report);
    assert_eq!(ignored(&mut order, &report), Applied::Duplicate);
    // Same trade id with different numbers: still a duplicate.
    let odd = trade_report(1, "0.5", "90", "0.8", 1_260);
    assert_eq!(ignored(&mut order, &odd), Applied::Duplicate);
    assert_eq!(order.filled_qty(), qty("0.3"));
    assert_eq!(order.fills().trade_ids(), &[TradeId(1)]);
}

#[test]
fn out_of_order_fills_are_all_applied() {
    let mut order = AnyOrder::from(active("1"));
    // Trade 2 (cumulative 0.5) arrives first: a gap of 0.2 is visible.
    assert_eq!(
        ok(&mut order, &trade_report(2, "0.3", "101", "0.5", 1_260)),
        Applied::PartiallyFilled(fill_applied(2, "0.3", "101", "0.3", "0.2"))
    );
    // Trade 1 (cumulative 0.2, below the 0.3 applied) arrives after: a
    // reordering, not staleness. It is applied, and the report's cumulative
    // quantity below the order's own sum is reported, not ignored.
    assert_eq!(
        ok(&mut order, &trade_report(1, "0.2", "100", "0.2", 1_250)),
        Applied::PartiallyFilled(FillApplied {
            excess_qty: qty("0.3"),
            ..fill_applied(1, "0.2", "100", "0.5", "0")
        })
    );
    assert_eq!(order.filled_qty(), qty("0.5"));
    assert_eq!(order.fills().trade_ids(), &[TradeId(2), TradeId(1)]);
    // Last fill is the last applied, not the latest by time.
    assert_eq!(order.fills().last().unwrap().trade_id, TradeId(1));
    assert_eq!(order.updated_at(), 1_260, "updated_at did not go back");
    // (0.3 × 101 + 0.2 × 100) / 0.5 = 100.6
    assert_eq!(order.fills().average_price(), Some(px("100.6")));
}

#[test]
fn gap_detection_reports_unseen_quantity() {
    let mut order = AnyOrder::from(active("1"));
    let applied = ok(&mut order, &trade_report(3, "0.1", "100", "0.6", 1_250));
    assert_eq!(applied.fill().unwrap().unseen_qty, qty("0.5"));
    // The exchange closes it with fills we have not seen: they are announced.
    let applied = ok(&mut order, &canceled_report("0.6", 1_300));
    assert_eq!(
        applied,
        Applied::Cancelled(Closed {
            filled_qty: qty("0.1"),
            unseen_qty: qty("0.5"),
            excess_qty: Qty::ZERO,
        })
    );
    // They arrive as late fills, and the gap closes.
    let applied = ok(&mut order, &trade_report(1, "0.2", "100", "0.3", 1_310));
    assert_eq!(
        applied,
        Applied::LateFill(fill_applied(1, "0.2", "100", "0.3", "0"))
    );
    let applied = ok(&mut order, &trade_report(2, "0.3", "100", "0.6", 1_320));
    assert_eq!(
        applied,
        Applied::LateFill(fill_applied(2, "0.3", "100", "0.6", "0"))
    );
    assert_eq!(order.status(), OrderStatus::Cancelled);
}

#[test]
fn expired_announces_unseen_quantity_too() {
    let mut order = AnyOrder::from(active("1"));
    let report = ExecutionReport {
        cumulative_qty: Some(qty("0.25")),
        ..expired_report(ReportStatus::Expired, None, 1_300)
    };
    assert_eq!(
        ok(&mut order, &report),
        Applied::Expired(Closed {
            filled_qty: Qty::ZERO,
            unseen_qty: qty("0.25"),
            excess_qty: Qty::ZERO,
        })
    );
}

#[test]
fn late_fill_after_each_unfilled_terminal_state() {
    for situation in [Situation::Cancelled, Situation::Expired, Situation::Failed] {
        let mut order = situation.order("1");
        let status = order.status();
        let closed_at = order.closed_at();
        let applied = ok(&mut order, &trade_report(7, "0.4", "102", "0.4", 1_500));
        assert_eq!(
            applied,
            Applied::LateFill(fill_applied(7, "0.4", "102", "0.4", "0")),
            "{situation:?}"
        );
        assert_eq!(order.status(), status, "stays terminal");
        assert_eq!(order.closed_at(), closed_at);
        assert_eq!(order.filled_qty(), qty("0.4"));
        assert_eq!(order.fills().average_price(), Some(px("102")));
        let last = order.fills().last().unwrap();
        assert_eq!((last.qty, last.price), (qty("0.4"), px("102")));
        assert_eq!(order.exchange_id(), Some(EX));
        assert_eq!(order.updated_at(), 1_500);
        // Delivered twice: counted once.
        assert_eq!(
            ignored(&mut order, &trade_report(7, "0.4", "102", "0.4", 1_510)),
            Applied::Duplicate
        );
    }
}

#[test]
fn late_fill_that_would_overfill_is_refused() {
    let mut order = AnyOrder::from(active("1"));
    ok(&mut order, &trade_report(1, "0.9", "100", "0.9", 1_250));
    ok(&mut order, &canceled_report("0.9", 1_300));
    let error = refused(&mut order, &trade_report(2, "0.2", "100", "1.1", 1_310));
    assert_eq!(
        error,
        ordertrack_model::ApplyError::Fill {
            client_id: cid(),
            source: FillError::Overfill {
                trade_id: TradeId(2),
                fill_qty: qty("0.2"),
                filled: qty("0.9"),
                quantity: qty("1"),
            }
        }
    );
    assert_eq!(order.status(), OrderStatus::Cancelled);
}

#[test]
fn repeated_new_on_active_is_stale() {
    let mut order = AnyOrder::from(active("1"));
    assert_eq!(ignored(&mut order, &ack_report(1_250)), Applied::Stale);
    // Even one with no exchange id: the order knows its id already.
    let bare = ExecutionReport {
        exchange_id: None,
        ..ack_report(1_260)
    };
    assert_eq!(ignored(&mut order, &bare), Applied::Stale);
}

#[test]
fn stale_events_after_filled_and_after_cancelled() {
    for situation in [Situation::Filled, Situation::Cancelled] {
        let mut order = situation.order("1");
        assert_eq!(ignored(&mut order, &ack_report(1_500)), Applied::Stale);
        assert_eq!(
            ignored(&mut order, &amendment_report("5", None, 1_500)),
            Applied::Stale
        );
        assert_eq!(ignored(&mut order, &rejected_report(1_500)), Applied::Stale);
        assert_eq!(
            ignored(
                &mut order,
                &expired_report(ReportStatus::Expired, None, 1_500)
            ),
            Applied::Stale
        );
    }
}

// ------------------------------------------------- report checks (ApplyError)

#[test]
fn inconsistent_execution_and_status_pairs_are_refused() {
    let statuses = [
        ReportStatus::New,
        ReportStatus::PartiallyFilled,
        ReportStatus::Filled,
        ReportStatus::Canceled,
        ReportStatus::Expired,
        ReportStatus::ExpiredInMatch,
        ReportStatus::Rejected,
    ];
    let mut refused_pairs = 0;
    for (execution, good_status) in EXECUTIONS {
        for status in statuses {
            let report = ExecutionReport {
                status,
                ..matrix_report(execution, good_status)
            };
            let mut order = AnyOrder::from(active("1"));
            if execution.allows(status) {
                assert!(
                    !matches!(
                        order.apply(&report),
                        Err(ordertrack_model::ApplyError::Inconsistent { .. })
                    ),
                    "{execution}/{status}"
                );
            } else {
                assert_eq!(
                    refused(&mut order, &report),
                    ordertrack_model::ApplyError::Inconsistent { execution, status }
                );
                refused_pairs += 1;
            }
        }
    }
    // 49 pairs, 11 of them allowed.
    assert_eq!(refused_pairs, 38);
}

#[test]
fn symbol_mismatch_is_refused() {
    let mut order = AnyOrder::from(active("1"));
    let eth = Symbol::new("ETHUSDT").unwrap();
    let report = ExecutionReport {
        symbol: eth,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ordertrack_model::ApplyError::SymbolMismatch {
            client_id: cid(),
            expected: btc(),
            reported: eth,
        }
    );
}

#[test]
fn client_id_mismatch_is_refused_and_an_absent_one_is_fine() {
    let mut order = AnyOrder::from(active("1"));
    let other = ordertrack_model::ClientOrderId::new("web_abc123").unwrap();
    let report = ExecutionReport {
        client_id: Some(other),
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ordertrack_model::ApplyError::ClientIdMismatch {
            client_id: cid(),
            reported: other,
        }
    );
    let anonymous = ExecutionReport {
        client_id: None,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert!(matches!(
        ok(&mut order, &anonymous),
        Applied::PartiallyFilled(_)
    ));
}

#[test]
fn exchange_id_mismatch_is_refused_in_every_state_that_knows_its_id() {
    for situation in [
        Situation::Active,
        Situation::CancellingAcked,
        Situation::Filled,
        Situation::Cancelled,
        Situation::Expired,
    ] {
        for report in [
            ack_report(2_000),
            trade_report(5, "0.1", "100", "0.1", 2_000),
            canceled_report("0", 2_000),
        ] {
            let mut order = situation.order("1");
            let report = ExecutionReport {
                exchange_id: Some(OTHER_EX),
                ..report
            };
            assert_eq!(
                refused(&mut order, &report),
                ordertrack_model::ApplyError::ExchangeIdMismatch {
                    client_id: cid(),
                    known: EX,
                    reported: OTHER_EX,
                },
                "{situation:?}"
            );
        }
    }
    // A fill that names no exchange id is fine once the order knows it.
    let mut order = AnyOrder::from(active("1"));
    let bare = ExecutionReport {
        exchange_id: None,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert!(matches!(ok(&mut order, &bare), Applied::PartiallyFilled(_)));
    assert_eq!(order.exchange_id(), Some(EX));
}

#[test]
fn missing_exchange_id_on_an_ack_is_refused() {
    for situation in [Situation::Placing, Situation::CancellingUnacked] {
        let mut order = situation.order("1");
        let report = ExecutionReport {
            exchange_id: None,
            ..ack_report(1_250)
        };
        assert_eq!(
            refused(&mut order, &report),
            ordertrack_model::ApplyError::MissingExchangeId {
                client_id: cid(),
                execution: ExecutionType::New,
            }
        );
    }
}

#[test]
fn missing_exchange_id_on_a_fill_before_ack_is_refused() {
    let mut order = AnyOrder::from(placing("1"));
    let report = ExecutionReport {
        exchange_id: None,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ordertrack_model::ApplyError::Fill {
            client_id: cid(),
            source: FillError::MissingExchangeId {
                trade_id: TradeId(1)
            },
        }
    );
}

#[test]
fn missing_fill_is_refused() {
    for execution in [ExecutionType::Trade, ExecutionType::Calculated] {
        for situation in [Situation::Active, Situation::Cancelled, Situation::Filled] {
            let mut order = situation.order("1");
            let report = ExecutionReport {
                fill: None,
                execution,
                ..trade_report(1, "0.1", "100", "0.1", 1_250)
            };
            assert_eq!(
                refused(&mut order, &report),
                ordertrack_model::ApplyError::MissingFill {
                    client_id: cid(),
                    execution,
                }
            );
        }
    }
}

#[test]
fn missing_amendment_is_refused() {
    let mut order = AnyOrder::from(active("1"));
    let report = report(ExecutionType::Amendment, ReportStatus::New, 1_250);
    assert_eq!(
        refused(&mut order, &report),
        ordertrack_model::ApplyError::MissingAmendment { client_id: cid() }
    );
}

#[test]
fn zero_quantity_fill_is_refused() {
    let mut order = AnyOrder::from(active("1"));
    assert_eq!(
        refused(&mut order, &trade_report(1, "0", "100", "0", 1_250)),
        ordertrack_model::ApplyError::Fill {
            client_id: cid(),
            source: FillError::ZeroQty {
                trade_id: TradeId(1)
            },
        }
    );
}

#[test]
fn overfill_on_a_live_order_is_refused() {
    let mut order = AnyOrder::from(active("0.3"));
    ok(&mut order, &trade_report(1, "0.2", "100", "0.2", 1_250));
    assert!(matches!(
        refused(
            &mut order,
            &trade_report(2, "0.10000001", "100", "0.3", 1_260)
        ),
        ordertrack_model::ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        }
    ));
}

#[test]
fn events_for_an_idle_order_are_not_applicable() {
    for (execution, status) in EXECUTIONS {
        let mut order = AnyOrder::from(idle("1"));
        assert_eq!(
            refused(&mut order, &matrix_report(execution, status)),
            ordertrack_model::ApplyError::NotApplicable {
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
    let mut order = AnyOrder::from(placing("1"));
    assert!(matches!(
        refused(&mut order, &amendment_report("2", None, 1_150)),
        ordertrack_model::ApplyError::NotApplicable {
            status: OrderStatus::Placing,
            execution: ExecutionType::Amendment,
            ..
        }
    ));
}

// ------------------------------------------------- engine requests (RequestError)

#[test]
fn every_request_in_every_state() {
    use Situation as S;
    type Call = fn(&mut AnyOrder) -> Result<(), RequestError>;
    /// Where the request is legal, and the status it leads to.
    type Legal = &'static [(Situation, OrderStatus)];
    let requests: [(Request, Call, Legal); 5] = [
        (
            Request::Place,
            |o| o.place(2_000),
            &[(S::Idle, OrderStatus::Placing)],
        ),
        (
            Request::Cancel,
            |o| o.request_cancel(2_000),
            &[
                (S::Placing, OrderStatus::Cancelling),
                (S::Active, OrderStatus::Cancelling),
            ],
        ),
        (
            Request::PlaceFailed,
            |o| o.place_failed(FailReason::ExchangeError { code: -2019 }, 2_000),
            &[
                (S::Placing, OrderStatus::Failed),
                (S::CancellingUnacked, OrderStatus::Failed),
            ],
        ),
        (
            Request::PlaceInDoubt,
            |o| o.place_in_doubt(2_000),
            &[(S::Placing, OrderStatus::Placing)],
        ),
        (
            Request::CancelRejected,
            |o| o.cancel_rejected(2_000),
            &[
                (S::CancellingAcked, OrderStatus::Active),
                (S::CancellingUnacked, OrderStatus::Placing),
            ],
        ),
    ];
    let mut legal = 0;
    for (request, call, allowed) in requests {
        for situation in Situation::ALL {
            let mut order = situation.order("1");
            let before = order.clone();
            match allowed.iter().find(|(s, _)| *s == situation) {
                Some(&(_, after)) => {
                    call(&mut order).unwrap();
                    assert_eq!(order.status(), after, "{request} on {situation:?}");
                    assert_eq!(order.updated_at(), 2_000);
                    legal += 1;
                }
                None => {
                    let error = call(&mut order).unwrap_err();
                    assert_eq!(
                        error,
                        RequestError {
                            client_id: cid(),
                            status: before.status(),
                            request,
                        }
                    );
                    assert_eq!(order, before, "{request} on {situation:?}");
                }
            }
        }
    }
    assert_eq!(legal, 8);
}

// ------------------------------------------------- exact accounting

#[test]
fn tenth_plus_fifth_on_a_three_tenths_order_is_exactly_filled() {
    let mut order = AnyOrder::from(active("0.3"));
    assert!(matches!(
        ok(&mut order, &trade_report(1, "0.1", "100", "0.1", 1_250)),
        Applied::PartiallyFilled(_)
    ));
    let last = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade_report(2, "0.2", "100", "0.3", 1_260)
    };
    assert_eq!(
        ok(&mut order, &last),
        Applied::Filled(fill_applied(2, "0.2", "100", "0.3", "0"))
    );
    assert_eq!(order.filled_qty(), qty("0.3"));
    // Nothing more fits: the smallest step is an overfill.
    assert!(matches!(
        refused(
            &mut order,
            &trade_report(3, "0.00000001", "100", "0.3", 1_270)
        ),
        ordertrack_model::ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        }
    ));
}

#[test]
fn average_price_is_exact_then_rounded() {
    let mut order = AnyOrder::from(active("3"));
    ok(&mut order, &trade_report(1, "1", "100", "1", 1_250));
    ok(&mut order, &trade_report(2, "2", "101", "3", 1_260));
    assert_eq!(order.status(), OrderStatus::Filled);
    // (100 + 202) / 3 = 100.6666…
    assert_eq!(order.fills().average_price(), Some(px("100.66666667")));
    assert_eq!(
        order.fills().average_price().unwrap().to_string(),
        "100.66666667"
    );
}

#[test]
fn average_price_stays_between_the_lowest_and_highest_fill() {
    // A deterministic pseudo-random walk over many orders and fills.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    for _ in 0..200 {
        let mut order = AnyOrder::from(active("1000"));
        let (mut low, mut high) = (Price::MAX, Price::ZERO);
        for trade in 0..(1 + next(12)) {
            let units = i64::try_from(1 + next(5_000_000_000)).unwrap();
            let q = Qty::from_units(units).unwrap();
            let price =
                Price::from_units(i64::try_from(1 + next(10_000_000_000_000)).unwrap()).unwrap();
            let report = ExecutionReport {
                fill: Some(ReportFill {
                    trade_id: TradeId(trade),
                    qty: q,
                    price,
                }),
                ..trade_report(trade, "1", "1", "0", 1_250)
            };
            ok(&mut order, &report);
            low = low.min(price);
            high = high.max(price);
            let avg = order.fills().average_price().unwrap();
            assert!(low <= avg && avg <= high, "{low} <= {avg} <= {high}");
        }
    }
}

// ------------------------------------------------- time

#[test]
fn updated_at_never_moves_backwards() {
    let mut order = AnyOrder::from(placing("1"));
    let reports = [
        trade_report(1, "0.1", "100", "0.1", 5_000),
        ack_report(4_000),                           // stale
        trade_report(2, "0.1", "100", "0.2", 3_000), // reordered
        trade_report(2, "0.1", "100", "0.2", 9_000), // duplicate
        amendment_report("2", None, 2_000),          // applied
        amendment_report("0", None, 9_500),          // refused
        canceled_report("0.2", 1_500),               // closes
        trade_report(3, "0.1", "100", "0.3", 1_600), // late fill
        canceled_report("0.3", 9_900),               // stale
    ];
    let mut previous = order.updated_at();
    for report in reports {
        let _ = order.apply(&report);
        assert!(
            order.updated_at() >= previous,
            "{} < {previous} after {report:?}",
            order.updated_at()
        );
        previous = order.updated_at();
    }
    assert_eq!(order.updated_at(), 5_000);
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.filled_qty(), qty("0.3"));
}

// ------------------------------------------------- conversions and accessors

#[test]
fn typed_and_erased_forms_convert_both_ways() {
    for situation in Situation::ALL {
        let order = situation.order("1");
        let status = order.status();
        // Back to the right type, and only to it.
        let round_trip = match status {
            OrderStatus::Idle => Order::<Idle>::try_from(order.clone()).map(Order::into_any),
            OrderStatus::Placing => Order::<Placing>::try_from(order.clone()).map(Order::into_any),
            OrderStatus::Active => Order::<Active>::try_from(order.clone()).map(Order::into_any),
            OrderStatus::Cancelling => {
                Order::<ordertrack_model::Cancelling>::try_from(order.clone()).map(Order::into_any)
            }
            OrderStatus::Filled => {
                Order::<ordertrack_model::Filled>::try_from(order.clone()).map(Order::into_any)
            }
            OrderStatus::Cancelled => {
                Order::<Cancelled>::try_from(order.clone()).map(Order::into_any)
            }
            OrderStatus::Expired => {
                Order::<ordertrack_model::Expired>::try_from(order.clone()).map(Order::into_any)
            }
            OrderStatus::Failed => {
                Order::<ordertrack_model::Failed>::try_from(order.clone()).map(Order::into_any)
            }
        };
        assert_eq!(round_trip, Ok(order.clone()));
        let wrong = if status == OrderStatus::Active {
            Order::<Idle>::try_from(order.clone()).map(Order::into_any)
        } else {
            Order::<Active>::try_from(order.clone()).map(Order::into_any)
        };
        assert_eq!(wrong, Err(order.clone()), "the order comes back unchanged");
    }
}

#[test]
fn erased_accessors_match_the_typed_ones() {
    let typed = active("1");
    let order = typed.clone().into_any();
    assert_eq!(order.spec(), typed.spec());
    assert_eq!(order.client_id(), cid());
    assert_eq!(order.sub_account(), sub());
    assert_eq!(order.symbol(), btc());
    assert_eq!(order.parent(), None);
    assert_eq!(order.quantity(), qty("1"));
    assert_eq!(order.price(), Some(px("100")));
    assert_eq!(order.exchange_id(), Some(typed.exchange_id()));
    assert_eq!(order.updated_at(), typed.updated_at());
    assert_eq!(order.closed_at(), None);
    assert_eq!(order.in_doubt_since(), None);
    let expected_ids: [Option<ExchangeOrderId>; 9] = [
        None,
        None,
        Some(EX),
        Some(EX),
        None,
        Some(EX),
        Some(EX),
        Some(EX),
        None,
    ];
    for (situation, id) in Situation::ALL.into_iter().zip(expected_ids) {
        let order = situation.order("1");
        assert_eq!(order.exchange_id(), id, "{situation:?}");
        assert_eq!(
            order.closed_at().is_some(),
            order.status().is_terminal(),
            "{situation:?}"
        );
    }
}

// ------------------------------------------------- the order's terms restated

/// The terms of the test order (LIMIT BUY of `quantity` at 100), as an event
/// restates them.
fn terms(quantity: &str) -> OrderTerms {
    OrderTerms {
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
    let mut order = AnyOrder::from(placing("1"));
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
            let mut order = AnyOrder::from(active("1"));
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
    let mut order = AnyOrder::from(active("1"));
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
    let mut order = AnyOrder::from(active("1"));
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

#[test]
fn a_close_below_the_applied_fills_reports_the_excess() {
    let mut order = AnyOrder::from(active("1"));
    ok(&mut order, &trade_report(1, "0.4", "100", "0.4", ACKED + 1));
    assert_eq!(
        ok(&mut order, &canceled_report("0.1", ACKED + 2)),
        Applied::Cancelled(Closed {
            filled_qty: qty("0.4"),
            unseen_qty: Qty::ZERO,
            excess_qty: qty("0.3"),
        })
    );
    // No cumulative quantity stated: no gap either way.
    let mut order = AnyOrder::from(active("1"));
    ok(&mut order, &trade_report(1, "0.4", "100", "0.4", ACKED + 1));
    let lite_like = ExecutionReport {
        cumulative_qty: None,
        ..trade_report(2, "0.1", "100", "0", ACKED + 2)
    };
    let Applied::PartiallyFilled(f) = ok(&mut order, &lite_like) else {
        panic!("a partial fill");
    };
    assert_eq!((f.unseen_qty, f.excess_qty), (Qty::ZERO, Qty::ZERO));
}
