//! Issue 12's rules stated in prose, on the reference's order and on
//! `AnyOrder` side by side (`common::Pair`: both must return the same and
//! agree field by field after every event): a close-position order's quantity
//! (learnt from the first matching-engine report stating one, refused below
//! what has filled, completing the order its fills reach), the algo id's
//! checks, `TRIGGERING`'s first moment, and the events of the triggered order
//! once bound.

mod common;

use common::{
    AT, EXCHANGE_ID, Pair, algo_id, algo_report, at, close_position_spec, report, spec, stop_spec,
    trade,
};
use ordertrack::{
    Applied, ApplyError, ExchangeOrderId, ExecutionReport, ExecutionType, FillError, OrderStatus,
    OrderTerms, ReportStatus, TermMismatch,
};
use ordertrack_verify::harness::StartStep;
use ordertrack_verify::ops::pools;

/// `report` stating the close-position order's terms with `q` = `lots`.
fn stating(report: ExecutionReport, lots: u8) -> ExecutionReport {
    let spec = close_position_spec();
    ExecutionReport {
        terms: Some(OrderTerms {
            side: spec.side,
            order_type: Some(spec.order_type),
            quantity: pools::lots(lots),
            price: None,
            reduce_only: Some(false),
            close_position: true,
            trigger_price: spec.trigger.and_then(|t| t.price),
            working_type: spec.trigger.map(|t| t.working_type),
        }),
        ..report
    }
}

/// A close-position stop armed at 1 002 and triggered into [`EXCHANGE_ID`]
/// at 1 003: Active, its quantity not yet stated.
fn triggered_close_position() -> Pair {
    let triggered = ExecutionReport {
        exchange_id: Some(EXCHANGE_ID),
        ..algo_report(ExecutionType::Triggered, ReportStatus::Triggered)
    };
    Pair::along(
        close_position_spec(),
        &[
            StartStep::Place(1_001),
            at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
            at(1_003, triggered),
        ],
    )
}

#[test]
fn a_close_position_quantity_is_learnt_from_the_first_matching_engine_report_stating_one() {
    let mut pair = triggered_close_position();
    assert!(!pair.reference.quantity_known());
    // The algo service states q = 0 for such an order, and its reports never
    // teach the quantity, whatever they carry.
    let finished = stating(
        ExecutionReport {
            exchange_id: Some(EXCHANGE_ID),
            ..algo_report(ExecutionType::Triggered, ReportStatus::Finished)
        },
        5,
    );
    assert_eq!(pair.apply(&finished), Ok(Applied::Stale));
    assert!(!pair.reference.quantity_known());
    // Fills count while it is unknown, and none completes the order.
    assert!(matches!(
        pair.apply(&trade(1, 4)),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert!(matches!(
        pair.apply(&trade(2, 9)),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert_eq!(pair.reference.filled_qty(), pools::lots(13));
    // Below what has filled: refused, the order unchanged.
    let before = pair.reference.clone();
    let below = stating(report(ExecutionType::New, ReportStatus::New), 12);
    assert_eq!(
        pair.apply(&below),
        Err(ApplyError::Fill {
            client_id: spec().client_id,
            source: FillError::StatedBelowFilled {
                quantity: pools::lots(12),
                filled: pools::lots(13),
            },
        })
    );
    assert_eq!(pair.reference, before);
    // The triggered order's next trade states 20 lots: learnt, then the fill.
    let fill = stating(trade(3, 2), 20);
    assert!(matches!(pair.apply(&fill), Ok(Applied::PartiallyFilled(_))));
    assert_eq!(pair.reference.spec.quantity, pools::lots(20));
    // Known now: another quantity is compared (unless `cp` is stated).
    let other = ExecutionReport {
        terms: stating(trade(4, 1), 21).terms.map(|t| OrderTerms {
            close_position: false,
            ..t
        }),
        ..trade(4, 1)
    };
    assert_eq!(
        pair.apply(&other),
        Err(ApplyError::TermsMismatch {
            client_id: spec().client_id,
            mismatch: TermMismatch::Quantity {
                expected: pools::lots(20),
                reported: pools::lots(21),
            },
        })
    );
    // The rest fills it.
    assert!(matches!(pair.apply(&trade(5, 5)), Ok(Applied::Filled(_))));
    assert_eq!(pair.status(), OrderStatus::Filled);
}

#[test]
fn a_stated_quantity_the_fills_already_reach_completes_the_order() {
    let mut pair = triggered_close_position();
    assert!(matches!(
        pair.apply(&trade(1, 2)),
        Ok(Applied::PartiallyFilled(_))
    ));
    // A redelivered NEW (stale) stating exactly what has filled: the order
    // is done, reported as the fill that completed it.
    let stale_ack = stating(report(ExecutionType::New, ReportStatus::New), 2);
    let applied = pair.apply(&stale_ack);
    assert!(
        matches!(applied, Ok(Applied::Filled(f)) if f.trade_id.0 == 1 && f.filled_qty == pools::lots(2)),
        "{applied:?}"
    );
    assert_eq!(pair.status(), OrderStatus::Filled);
    assert_eq!(pair.reference.closed_at, Some(AT));
}

#[test]
fn a_stated_quantity_on_a_stale_report_is_learnt_and_reported_amended() {
    let mut pair = triggered_close_position();
    let stale_ack = stating(report(ExecutionType::New, ReportStatus::New), 3);
    // Stale for the table (it was acknowledged), but the quantity is learnt:
    // the report changed the order, so it is no longer ignored.
    assert_eq!(pair.apply(&stale_ack), Ok(Applied::Amended));
    assert_eq!(pair.reference.spec.quantity, pools::lots(3));
    assert_eq!(pair.reference.updated_at, AT);
}

#[test]
fn an_algo_report_names_the_orders_algo_id_and_the_algo_service_reports_need_one() {
    let client_id = spec().client_id;
    let armed = [
        StartStep::Place(1_001),
        at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
    ];
    let other = pools::raw_algo_id(2);
    // Bound to its triggered order, the checks run in order: the exchange id,
    // then the algo id, then the terms.
    let triggered = ExecutionReport {
        exchange_id: Some(EXCHANGE_ID),
        ..algo_report(ExecutionType::Triggered, ReportStatus::Triggered)
    };
    let mut bound = Pair::along(stop_spec(), &[armed[0], armed[1], at(1_003, triggered)]);
    let mut wrong = ExecutionReport {
        algo_id: Some(other),
        exchange_id: Some(ExchangeOrderId(1)),
        terms: stating(trade(1, 1), 3).terms.map(|t| OrderTerms {
            side: ordertrack::Side::Sell,
            ..t
        }),
        ..triggered
    };
    assert!(matches!(
        bound.apply(&wrong),
        Err(ApplyError::ExchangeIdMismatch { .. })
    ));
    wrong.exchange_id = Some(EXCHANGE_ID);
    assert_eq!(
        bound.apply(&wrong),
        Err(ApplyError::AlgoIdMismatch {
            client_id,
            known: algo_id(),
            reported: other,
        })
    );
    wrong.algo_id = Some(algo_id());
    assert!(matches!(
        bound.apply(&wrong),
        Err(ApplyError::TermsMismatch {
            mismatch: TermMismatch::Side { .. },
            ..
        })
    ));
    // Armed (no exchange id yet): another algo order's TRIGGERING is refused.
    let mut pair = Pair::along(stop_spec(), &armed);
    let wrong = ExecutionReport {
        algo_id: Some(other),
        ..algo_report(ExecutionType::Triggering, ReportStatus::Triggering)
    };
    assert_eq!(
        pair.apply(&wrong),
        Err(ApplyError::AlgoIdMismatch {
            client_id,
            known: algo_id(),
            reported: other,
        })
    );
    for execution in [ExecutionType::Triggering, ExecutionType::Triggered] {
        let status = if execution == ExecutionType::Triggering {
            ReportStatus::Triggering
        } else {
            ReportStatus::Triggered
        };
        let bare = ExecutionReport {
            algo_id: None,
            ..algo_report(execution, status)
        };
        assert_eq!(
            pair.apply(&bare),
            Err(ApplyError::MissingAlgoId {
                client_id,
                execution
            })
        );
    }
    // On a plain order no report of the algo service applies, whatever its state.
    let mut limit = Pair::along(spec(), &[StartStep::Place(1_001)]);
    let algo_cancel = algo_report(ExecutionType::Canceled, ReportStatus::Canceled);
    assert!(matches!(
        limit.apply(&algo_cancel),
        Err(ApplyError::NotApplicable { .. })
    ));
}

#[test]
fn triggering_keeps_its_first_moment_and_the_trigger_binds_the_order_to_its_triggered_order() {
    let mut pair = Pair::along(
        stop_spec(),
        &[
            StartStep::Place(1_001),
            at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
            at(
                1_003,
                algo_report(ExecutionType::Triggering, ReportStatus::Triggering),
            ),
        ],
    );
    assert_eq!(pair.reference.triggering_since, Some(1_003));
    let again = algo_report(ExecutionType::Triggering, ReportStatus::Triggering);
    assert_eq!(pair.apply(&again), Ok(Applied::Triggering));
    assert_eq!(pair.reference.triggering_since, Some(1_003));
    assert_eq!(pair.reference.updated_at, AT);
    // The triggered order's events follow under its id: a fill naming it
    // binds the order (ahead of TRIGGERED), one naming another is refused.
    let elsewhere = ExecutionReport {
        exchange_id: None,
        ..trade(1, 1)
    };
    assert!(matches!(
        pair.apply(&elsewhere),
        Err(ApplyError::Fill {
            source: FillError::MissingExchangeId { .. },
            ..
        })
    ));
    assert!(matches!(
        pair.apply(&trade(1, 1)),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert_eq!(
        (
            pair.status(),
            pair.reference.exchange_id,
            pair.reference.triggered
        ),
        (OrderStatus::Active, Some(EXCHANGE_ID), true)
    );
    assert_eq!(pair.reference.triggering_since, None);
    let other = ExecutionReport {
        exchange_id: Some(ExchangeOrderId(7)),
        ..trade(2, 1)
    };
    assert!(matches!(
        pair.apply(&other),
        Err(ApplyError::ExchangeIdMismatch { .. })
    ));
    // TRIGGERED arriving after the fill: stale, the binding stays.
    let triggered = ExecutionReport {
        exchange_id: Some(EXCHANGE_ID),
        ..algo_report(ExecutionType::Triggered, ReportStatus::Triggered)
    };
    assert_eq!(pair.apply(&triggered), Ok(Applied::Stale));
    assert_eq!(pair.reference.filled_qty(), pools::lots(1));
}
