//! The reference model is held to `docs/state-machine.md` itself, not to the
//! code it checks: every cell of the document's (state × execution) table and
//! of its request table is transcribed here by hand, and the reference's own
//! order ([`ordertrack_verify::reference::RefOrder`]) must do exactly that. The
//! real `AnyOrder`, taken along the same path, must do the same and agree with
//! the reference field by field after every event (`common::Pair`), so the two
//! implementations meet at the document, sharing no code.

mod common;

use std::fmt::Debug;

use common::{AT, FIRST_TRADE, LOTS, Pair, Situation, report, trade};
use ordertrack::{
    Amendment, Applied, ApplyError, ExecutionReport, ExecutionType, FailReason, OrderStatus,
    ReportStatus, Request, RequestError,
};
use ordertrack_verify::ops::pools;

/// The variant's name, from its `Debug`.
fn variant(value: &impl Debug) -> String {
    let text = format!("{value:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A cell as the document writes it: `Applied → state`, `Stale`,
/// `Duplicate`, `NotApplicable`, or the refused transition with its error:
/// `Fill(error)`, `Amend(error)`, `Reject(error)`.
fn cell(result: &Result<Applied, ApplyError>, after: OrderStatus) -> String {
    match result {
        Ok(Applied::Stale) => "Stale".to_owned(),
        Ok(Applied::Duplicate) => "Duplicate".to_owned(),
        Ok(applied) => format!("{} → {after}", variant(applied)),
        Err(ApplyError::Fill { source, .. }) => format!("Fill({})", variant(source)),
        Err(ApplyError::Amend { source, .. }) => format!("Amend({})", variant(source)),
        Err(ApplyError::Reject { source, .. }) => format!("Reject({})", variant(source)),
        Err(error) => variant(error),
    }
}

/// The columns: each execution type, a fill both partial and completing (for
/// a Filled order, one lot more).
fn columns(pair: &Pair) -> [ExecutionReport; 8] {
    let filled = pair.reference.filled_qty().units() / pools::LOT_UNITS;
    let rest = LOTS
        .saturating_sub(u8::try_from(filled).unwrap_or(LOTS))
        .max(1);
    let completing = ExecutionReport {
        status: ReportStatus::Filled,
        ..trade(51, rest)
    };
    let calculated = ExecutionReport {
        execution: ExecutionType::Calculated,
        ..trade(52, 1)
    };
    let amendment = ExecutionReport {
        amendment: Some(Amendment {
            quantity: pools::lots(5),
            price: None,
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New)
    };
    [
        report(ExecutionType::New, ReportStatus::New),
        trade(50, 1),
        completing,
        calculated,
        report(ExecutionType::Canceled, ReportStatus::Canceled),
        report(ExecutionType::Expired, ReportStatus::Expired),
        amendment,
        report(ExecutionType::Rejected, ReportStatus::Rejected),
    ]
}

#[test]
fn every_execution_type_in_every_state_is_the_documented_cell() {
    use Situation as S;
    let na = "NotApplicable";
    // docs/state-machine.md, "The runtime form", with a fill column both
    // partial and completing. Columns: NEW, TRADE (partial), TRADE
    // (completing), CALCULATED, CANCELED, EXPIRED, AMENDMENT, REJECTED.
    let late = |s: &str| {
        let l = format!("LateFill → {s}");
        [
            "Stale".to_owned(),
            l.clone(),
            l.clone(),
            l,
            "Stale".to_owned(),
            "Stale".to_owned(),
            "Stale".to_owned(),
            "Stale".to_owned(),
        ]
    };
    let row = |cells: [&str; 8]| cells.map(str::to_owned);
    // The documented nine rows, for a LIMIT order (a conditional order's
    // rows are in tests/reference_conditional.rs).
    let table: [(Situation, [String; 8]); 9] = [
        (S::Idle, row([na; 8])),
        (
            S::Placing,
            row([
                "Acknowledged → Active",
                "PartiallyFilled → Active",
                "Filled → Filled",
                "PartiallyFilled → Active",
                "Cancelled → Cancelled",
                "Expired → Expired",
                na,
                "Failed → Failed",
            ]),
        ),
        (
            S::Active,
            row([
                "Stale",
                "PartiallyFilled → Active",
                "Filled → Filled",
                "PartiallyFilled → Active",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "Amended → Active",
                na,
            ]),
        ),
        (
            S::CancellingAcked,
            row([
                "Stale",
                "PartiallyFilled → Cancelling",
                "Filled → Filled",
                "PartiallyFilled → Cancelling",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "Amended → Cancelling",
                "Reject(Acknowledged)",
            ]),
        ),
        (
            S::CancellingUnacked,
            row([
                "Acknowledged → Cancelling",
                "PartiallyFilled → Cancelling",
                "Filled → Filled",
                "PartiallyFilled → Cancelling",
                "Cancelled → Cancelled",
                "Expired → Expired",
                "Amend(NotAcknowledged)",
                "Failed → Failed",
            ]),
        ),
        (
            S::Filled,
            row([
                "Stale",
                "Fill(Overfill)",
                "Fill(Overfill)",
                "Fill(Overfill)",
                "Stale",
                "Stale",
                "Stale",
                "Stale",
            ]),
        ),
        (S::Cancelled, late("Cancelled")),
        (S::Expired, late("Expired")),
        (S::Failed, late("Failed")),
    ];
    let mut cells = 0;
    for (situation, expected) in &table {
        for (column, expected) in columns(&Pair::new(*situation)).iter().zip(expected) {
            let mut pair = Pair::new(*situation);
            let before = pair.reference.clone();
            let result = pair.apply(column);
            let what = format!("{situation:?} × {} {:?}", column.execution, column.fill);
            assert_eq!(&cell(&result, pair.status()), expected, "{what}");
            match result {
                Err(_) | Ok(Applied::Stale | Applied::Duplicate) => {
                    assert_eq!(pair.reference, before, "{what} changed the order");
                }
                Ok(_) => assert_eq!(pair.reference.updated_at, AT, "{what}"),
            }
            cells += 1;
        }
    }
    assert_eq!(cells, 72);
}

#[test]
fn a_known_trade_id_is_a_duplicate_in_every_state_that_takes_fills() {
    for situation in Situation::ALL {
        let mut pair = Pair::new(situation);
        let first = if situation == Situation::Filled {
            FIRST_TRADE.0
        } else if pair.apply(&trade(60, 1)).is_ok() {
            60
        } else {
            continue;
        };
        let before = pair.reference.clone();
        // Whatever numbers it carries: identity is the trade id.
        let again = ExecutionReport {
            fill: trade(first, 2).fill.map(|f| ordertrack::ReportFill {
                price: pools::price(49),
                ..f
            }),
            ..trade(first, 2)
        };
        assert_eq!(pair.apply(&again), Ok(Applied::Duplicate), "{situation:?}");
        assert_eq!(pair.reference, before, "{situation:?}");
    }
}

#[test]
fn every_request_in_every_state_is_the_documented_cell() {
    use Situation as S;
    type OnReference = fn(&mut ordertrack_verify::reference::RefOrder) -> Result<(), RequestError>;
    type OnReal = fn(&mut ordertrack::AnyOrder) -> Result<(), RequestError>;
    /// Where a request is legal, and the status it leads to.
    type Legal = &'static [(Situation, OrderStatus)];
    let reason = FailReason::ExchangeError { code: -2019 };
    // docs/state-machine.md, "Engine requests", and issue 12 for the
    // situations only a conditional order reaches (an armed order can be
    // cancelled; a cancel sent while armed and refused returns it to Armed):
    // where each is legal and what it leads to; refused everywhere else,
    // changing nothing.
    let table: [(Request, OnReference, OnReal, Legal); 5] = [
        (
            Request::Place,
            |o| o.place(AT),
            |o| o.place(AT),
            &[(S::Idle, OrderStatus::Placing)],
        ),
        (
            Request::Cancel,
            |o| o.request_cancel(AT),
            |o| o.request_cancel(AT),
            &[
                (S::Placing, OrderStatus::Cancelling),
                (S::Armed, OrderStatus::Cancelling),
                (S::Triggering, OrderStatus::Cancelling),
                (S::Active, OrderStatus::Cancelling),
                (S::Triggered, OrderStatus::Cancelling),
            ],
        ),
        (
            Request::PlaceFailed,
            |o| o.place_failed(FailReason::ExchangeError { code: -2019 }, AT),
            |o| o.place_failed(FailReason::ExchangeError { code: -2019 }, AT),
            &[
                (S::Placing, OrderStatus::Failed),
                (S::CancellingUnacked, OrderStatus::Failed),
            ],
        ),
        (
            Request::PlaceInDoubt,
            |o| o.place_in_doubt(AT),
            |o| o.place_in_doubt(AT),
            &[(S::Placing, OrderStatus::Placing)],
        ),
        (
            Request::CancelRejected,
            |o| o.cancel_rejected(AT),
            |o| o.cancel_rejected(AT),
            &[
                (S::CancellingAcked, OrderStatus::Active),
                (S::CancellingUnacked, OrderStatus::Placing),
                (S::CancellingArmed, OrderStatus::Armed),
            ],
        ),
    ];
    let mut legal = 0;
    for (request, on_reference, on_real, allowed) in table {
        for situation in Situation::ALL {
            let mut pair = Pair::new(situation);
            let before = pair.reference.clone();
            let result = pair.request(&request.to_string(), on_reference, on_real);
            let what = format!("{request} on {situation:?}");
            match allowed.iter().find(|(s, _)| *s == situation) {
                Some(&(_, after)) => {
                    assert_eq!(result, Ok(()), "{what}");
                    assert_eq!(pair.status(), after, "{what}");
                    assert_eq!(pair.reference.updated_at, AT, "{what}");
                    if after == OrderStatus::Failed {
                        assert_eq!(pair.reference.fail_reason, Some(reason), "{what}");
                        assert_eq!(pair.reference.closed_at, Some(AT), "{what}");
                    }
                    legal += 1;
                }
                None => {
                    let refused = RequestError {
                        client_id: common::spec().client_id,
                        status: before.status,
                        request,
                    };
                    assert_eq!(result, Err(refused), "{what}");
                    assert_eq!(pair.reference, before, "{what} changed the order");
                }
            }
        }
    }
    assert_eq!(legal, 12);
}
