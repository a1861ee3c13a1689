//! Conditional orders' (state × event) table, transcribed by hand from issue
//! 12's rules: the algo service's reports (`NEW`, `TRIGGERING`, `TRIGGERED`,
//! `FINISHED` with and without the triggered order's id, `CANCELED`,
//! `REJECTED`, another algo order's), the triggered order's `NEW` and fill,
//! and the matching engine's `EXPIRED` of a conditional order (reasons 8, none
//! and 6, `EXPIRED_IN_MATCH`: the legacy trigger or an expiry) — on a stop in
//! each situation only a conditional order has, and on a plain LIMIT order.
//! The reference must do exactly what each cell says, and the real `AnyOrder`
//! taken along the same path the same, field by field (`common::Pair`).

mod common;

use std::fmt::Debug;

use common::{AT, EXCHANGE_ID, Pair, algo_report, at, report, spec, stop_spec, trade};
use ordertrack::{
    Applied, ApplyError, ExecutionReport, ExecutionType, ExpiryReason, NewOrder, OrderStatus,
    ReportStatus,
};
use ordertrack_verify::harness::StartStep;
use ordertrack_verify::ops::pools;

/// The variant's name, from its `Debug`.
fn variant(value: &impl Debug) -> String {
    let text = format!("{value:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A cell: `Applied → state`, `Stale`, or the error's name.
fn cell(result: &Result<Applied, ApplyError>, after: OrderStatus) -> String {
    match result {
        Ok(Applied::Stale) => "Stale".to_owned(),
        Ok(applied) => format!("{} → {after}", variant(applied)),
        Err(error) => variant(error),
    }
}

/// The rows: where the order is, and how it got there (steps at 1 001 to
/// 1 003).
fn rows() -> [(&'static str, NewOrder, Vec<StartStep>); 9] {
    let place = StartStep::Place(1_001);
    let algo_new = at(1_002, algo_report(ExecutionType::New, ReportStatus::New));
    let ack = at(1_002, report(ExecutionType::New, ReportStatus::New));
    let triggered = ExecutionReport {
        exchange_id: Some(EXCHANGE_ID),
        ..algo_report(ExecutionType::Triggered, ReportStatus::Triggered)
    };
    let triggering = algo_report(ExecutionType::Triggering, ReportStatus::Triggering);
    let cancelled = algo_report(ExecutionType::Canceled, ReportStatus::Canceled);
    [
        ("Placing", stop_spec(), vec![place]),
        ("Armed", stop_spec(), vec![place, algo_new]),
        (
            "Armed (triggering)",
            stop_spec(),
            vec![place, algo_new, at(1_003, triggering)],
        ),
        (
            "Active (triggered order)",
            stop_spec(),
            vec![place, algo_new, at(1_003, triggered)],
        ),
        ("Active (matching engine)", stop_spec(), vec![place, ack]),
        (
            "Cancelling (armed)",
            stop_spec(),
            vec![
                place,
                StartStep::Cancel(1_002),
                at(1_003, algo_report(ExecutionType::New, ReportStatus::New)),
            ],
        ),
        (
            "Cancelling (no answer)",
            stop_spec(),
            vec![place, StartStep::Cancel(1_002)],
        ),
        (
            "Cancelled (armed)",
            stop_spec(),
            vec![place, algo_new, at(1_003, cancelled)],
        ),
        ("LIMIT Active", spec(), vec![place, ack]),
    ]
}

/// The columns, at [`AT`].
fn columns() -> [(&'static str, ExecutionReport); 13] {
    let expired = |status, reason: Option<u16>| ExecutionReport {
        expiry_reason: reason.map(ExpiryReason),
        ..report(ExecutionType::Expired, status)
    };
    let triggered = |status, exchange_id| ExecutionReport {
        exchange_id,
        ..algo_report(ExecutionType::Triggered, status)
    };
    let another_algo_order = ExecutionReport {
        algo_id: Some(pools::raw_algo_id(1)),
        ..triggered(ReportStatus::Triggered, Some(EXCHANGE_ID))
    };
    [
        (
            "algo NEW",
            algo_report(ExecutionType::New, ReportStatus::New),
        ),
        (
            "TRIGGERING",
            algo_report(ExecutionType::Triggering, ReportStatus::Triggering),
        ),
        (
            "TRIGGERED (ai)",
            triggered(ReportStatus::Triggered, Some(EXCHANGE_ID)),
        ),
        ("FINISHED (no ai)", triggered(ReportStatus::Finished, None)),
        ("NEW", report(ExecutionType::New, ReportStatus::New)),
        ("EXPIRED er 8", expired(ReportStatus::Expired, Some(8))),
        ("EXPIRED no er", expired(ReportStatus::Expired, None)),
        ("EXPIRED er 6", expired(ReportStatus::Expired, Some(6))),
        (
            "EXPIRED_IN_MATCH er 8",
            expired(ReportStatus::ExpiredInMatch, Some(8)),
        ),
        (
            "algo CANCELED",
            algo_report(ExecutionType::Canceled, ReportStatus::Canceled),
        ),
        (
            "algo REJECTED",
            algo_report(ExecutionType::Rejected, ReportStatus::Rejected),
        ),
        ("TRADE", trade(40, 1)),
        ("another algo order's TRIGGERED", another_algo_order),
    ]
}

#[test]
fn every_event_of_a_conditional_order_is_the_cell_the_rules_give() {
    let na = "NotApplicable";
    let mismatch = "AlgoIdMismatch";
    let ex = "Expired → Expired";
    // Columns: algo NEW, TRIGGERING, TRIGGERED (ai), FINISHED (no ai), NEW,
    // EXPIRED er 8, EXPIRED no er, EXPIRED er 6, EXPIRED_IN_MATCH er 8, algo
    // CANCELED, algo REJECTED, TRADE, another algo order's TRIGGERED.
    let armed_row = [
        "Stale",
        "Triggering → Armed",
        "Triggered → Active",
        "Triggering → Armed",
        "Triggered → Active", // the triggered order's NEW binds it
        ex,                   // an order of the algo service never triggers in place
        ex,
        ex,
        ex,
        "Cancelled → Cancelled",
        "Failed → Failed", // rejected at its trigger
        "PartiallyFilled → Active",
        mismatch,
    ];
    let table: [[&str; 13]; 9] = [
        // Placing: accepted (TRIGGERING, TRIGGERED also prove it), or on the
        // matching engine: acknowledged, triggered there in place.
        [
            "Armed → Armed",
            "Triggering → Armed",
            "Triggered → Active",
            "Triggering → Armed",
            "Acknowledged → Active",
            "Triggered → Active",
            "Triggered → Active",
            ex,
            ex,
            "Cancelled → Cancelled",
            "Failed → Failed",
            "PartiallyFilled → Active",
            "Triggered → Active",
        ],
        armed_row,
        armed_row,
        // Active (its triggered order): the service's reports are stale, an
        // expiry is one.
        [
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            ex,
            ex,
            ex,
            ex,
            "Cancelled → Cancelled",
            na,
            "PartiallyFilled → Active",
            mismatch,
        ],
        // Active on the matching engine: EXPIRED with reason 8 or none is its
        // trigger; the algo service never accepted it.
        [
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Triggered → Active",
            "Triggered → Active",
            ex,
            ex,
            "Cancelled → Cancelled",
            na,
            "PartiallyFilled → Active",
            "Stale",
        ],
        // Cancelling, armed: the triggered order (by TRIGGERED or its own NEW) is learnt, still Cancelling.
        [
            "Stale",
            "Stale",
            "Triggered → Cancelling",
            "Stale",
            "Triggered → Cancelling",
            ex,
            ex,
            ex,
            ex,
            "Cancelled → Cancelled",
            "Failed → Failed",
            "PartiallyFilled → Cancelling",
            mismatch,
        ],
        // Cancelling, no answer yet: the service's NEW teaches the algo id.
        [
            "Armed → Cancelling",
            "Stale",
            "Triggered → Cancelling",
            "Stale",
            "Acknowledged → Cancelling",
            "Triggered → Cancelling",
            "Triggered → Cancelling",
            ex,
            ex,
            "Cancelled → Cancelled",
            "Failed → Failed",
            "PartiallyFilled → Cancelling",
            "Triggered → Cancelling",
        ],
        // Cancelled: stale, a fill is late.
        [
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "Stale",
            "LateFill → Cancelled",
            mismatch,
        ],
        // A plain LIMIT order: no report of the algo service applies to it,
        // and every EXPIRED is an expiry.
        [
            na,
            na,
            na,
            na,
            "Stale",
            ex,
            ex,
            ex,
            ex,
            na,
            na,
            "PartiallyFilled → Active",
            na,
        ],
    ];
    let mut cells = 0;
    for ((name, spec, path), expected) in rows().into_iter().zip(table) {
        for ((column, report), expected) in columns().into_iter().zip(expected) {
            let mut pair = Pair::along(spec, &path);
            let before = pair.reference.clone();
            let result = pair.apply(&report);
            assert_eq!(cell(&result, pair.status()), expected, "{name} × {column}");
            if matches!(result, Err(_) | Ok(Applied::Stale)) {
                assert_eq!(
                    pair.reference, before,
                    "{name} × {column} changed the order"
                );
            } else {
                assert_eq!(pair.reference.updated_at, AT, "{name} × {column}");
            }
            cells += 1;
        }
    }
    assert_eq!(cells, 117);
}
