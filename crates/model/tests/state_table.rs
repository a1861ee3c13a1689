//! The tables of `docs/state-machine.md`, checked against the code cell by cell:
//! the runtime table (what `AnyOrder::apply` does with each event in each
//! state) by applying the event, and the typestate table (which transitions
//! compile on which handle) against the generated `tests/ui/` files that
//! `compile_fail.rs` compiles. A change to either side without the other fails
//! here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use ordertrack_model::testing::{Fixture, Situation};
use ordertrack_model::{
    Amendment, AnyOrder, ApplyError, ClientOrderId, ExchangeOrderId, ExecutionReport,
    ExecutionType, ExpiryReason, NewOrder, Origin, Price, Qty, ReportFill, ReportStatus, Side,
    SubAccountId, Symbol, TradeId,
};

const DOC: &str = include_str!("../../../docs/state-machine.md");
const EX: ExchangeOrderId = ExchangeOrderId(8_389_765);
const LATER: u64 = 2_000;

fn qty(units: i64) -> Qty {
    Qty::from_units(units * 100_000_000).unwrap()
}

fn spec() -> NewOrder {
    let sub = SubAccountId::new("3f2a9c1e-7b4d").unwrap();
    NewOrder {
        client_id: ClientOrderId::with_unique(&sub, Origin::Chase, 0x0f1e_2d3c_4b5a),
        ..NewOrder::limit(
            sub,
            Origin::Chase,
            Symbol::new("BTCUSDT").unwrap(),
            Side::Buy,
            qty(2),
            Price::parse("100").unwrap(),
            1_000,
        )
    }
}

/// The fixture of the first runtime table: a LIMIT BUY of 2 at 100.
fn limit() -> Fixture {
    Fixture {
        spec: spec(),
        exchange_id: EX,
        ..Fixture::new(1)
    }
}

/// The fixture of the conditional table: a STOP_MARKET SELL of 1, through the
/// algo service (or, acknowledged by the matching engine, on it).
fn stop() -> Fixture {
    Fixture {
        exchange_id: EX,
        ..Fixture::stop(2)
    }
}

/// An order in the situation a row of a runtime table names, built by the
/// shared fixtures through the typed handles.
fn situation(fixture: &Fixture, row: &str) -> AnyOrder {
    let situation = Situation::ALL
        .into_iter()
        .find(|s| s.label() == row)
        .unwrap_or_else(|| panic!("the table names an unknown situation {row:?}"));
    fixture.order_in(situation)
}

fn report(execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
    ExecutionReport {
        algo_id: None,
        client_id: Some(limit().spec.client_id),
        exchange_id: Some(EX),
        symbol: spec().symbol,
        execution,
        status,
        fill: None,
        cumulative_qty: None,
        terms: None,
        amendment: None,
        expiry_reason: None,
        transaction_time: LATER,
    }
}

fn trade(trade_id: u64, qty: Qty) -> ExecutionReport {
    ExecutionReport {
        fill: Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty,
            price: Price::parse("100").unwrap(),
        }),
        ..report(ExecutionType::Trade, ReportStatus::PartiallyFilled)
    }
}

/// The report a column names, for `order`; the "again" column first applies
/// the part fill (for Filled: its filling trade is delivered again).
fn event(column: &str, order: &mut AnyOrder) -> ExecutionReport {
    match column {
        "`NEW`" => report(ExecutionType::New, ReportStatus::New),
        "`TRADE` part" => trade(10, qty(1)),
        "`TRADE` rest" => trade(11, order.remaining_qty()),
        "`TRADE` again" if order.filled_qty() == order.quantity() => trade(1, qty(2)),
        "`TRADE` again" => {
            let _ = order.apply(&trade(10, qty(1)));
            trade(10, qty(1))
        }
        "`CANCELED`" => report(ExecutionType::Canceled, ReportStatus::Canceled),
        "`EXPIRED`" => report(ExecutionType::Expired, ReportStatus::Expired),
        "`AMENDMENT`" => ExecutionReport {
            amendment: Some(Amendment {
                quantity: qty(3),
                price: None,
            }),
            ..report(ExecutionType::Amendment, ReportStatus::New)
        },
        "`REJECTED`" => report(ExecutionType::Rejected, ReportStatus::Rejected),
        other => panic!("the table names an unknown event {other:?}"),
    }
}

/// The report a column of the conditional table names: the algo service's
/// (`algo …`, `TRIGGERING`, `TRIGGERED`) or the matching engine's.
fn conditional_event(column: &str) -> ExecutionReport {
    let fixture = stop();
    let about = |execution, status| ExecutionReport {
        client_id: Some(fixture.spec.client_id),
        ..report(execution, status)
    };
    let algo = |execution, status| ExecutionReport {
        algo_id: Some(fixture.algo_id),
        exchange_id: None,
        ..about(execution, status)
    };
    let expired = |reason: Option<u16>| ExecutionReport {
        expiry_reason: reason.map(ExpiryReason),
        ..about(ExecutionType::Expired, ReportStatus::Expired)
    };
    match column {
        "algo `NEW`" => algo(ExecutionType::New, ReportStatus::New),
        "`TRIGGERING`" => algo(ExecutionType::Triggering, ReportStatus::Triggering),
        "`TRIGGERED`" => ExecutionReport {
            exchange_id: Some(EX),
            ..algo(ExecutionType::Triggered, ReportStatus::Triggered)
        },
        "`FINISHED` no `ai`" => algo(ExecutionType::Triggered, ReportStatus::Finished),
        "algo `CANCELED`" => algo(ExecutionType::Canceled, ReportStatus::Canceled),
        "algo `EXPIRED`" => algo(ExecutionType::Expired, ReportStatus::Expired),
        "algo `REJECTED`" => algo(ExecutionType::Rejected, ReportStatus::Rejected),
        "`NEW`" => about(ExecutionType::New, ReportStatus::New),
        "`TRADE` part" => ExecutionReport {
            client_id: Some(fixture.spec.client_id),
            fill: Some(ReportFill {
                trade_id: TradeId(10),
                qty: half(),
                price: Price::parse("94").unwrap(),
            }),
            ..report(ExecutionType::Trade, ReportStatus::PartiallyFilled)
        },
        "`EXPIRED`" => expired(None),
        "`EXPIRED` er 8" => expired(Some(8)),
        "`EXPIRED` er 6" => expired(Some(6)),
        other => panic!("the conditional table names an unknown event {other:?}"),
    }
}

fn half() -> Qty {
    Qty::from_units(50_000_000).unwrap()
}

/// The name a cell gives an error: the innermost variant.
fn error_name(error: &ApplyError) -> String {
    let text = match error {
        ApplyError::Fill { source, .. } => format!("{source:?}"),
        ApplyError::Amend { source, .. } => format!("{source:?}"),
        ApplyError::Reject { source, .. } => format!("{source:?}"),
        other => format!("{other:?}"),
    };
    text.split([' ', '{', '('])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// What `apply` did, written as the table writes it; asserts that an ignored
/// or refused report changed nothing.
fn outcome(order: &mut AnyOrder, report: &ExecutionReport) -> String {
    let before = order.clone();
    match order.apply(report) {
        Ok(applied) if applied.is_ignored() => {
            assert_eq!(*order, before, "{applied:?} changed the order");
            format!("{applied:?}")
        }
        Ok(applied) => {
            let name = format!("{applied:?}");
            let name = name.split('(').next().unwrap_or_default();
            format!("{name} → {}", order.status())
        }
        Err(error) => {
            assert_eq!(*order, before, "{error} changed the order");
            format!("error {}", error_name(&error))
        }
    }
}

/// The rows of the markdown table whose header starts with `header`: the
/// header cells, then each row's cells.
fn table(header: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    let mut lines = DOC.lines().skip_while(|l| !l.starts_with(header));
    let head = cells(lines.next().expect("the table is in docs/state-machine.md"));
    let rows = lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    (head, rows)
}

#[test]
fn every_cell_of_the_runtime_table_is_what_apply_does() {
    let (head, rows) = table("| state \\ event |");
    assert_eq!(head.len(), 9, "{head:?}");
    assert_eq!(rows.len(), 9, "one row per situation of a regular order");
    let mut checked = 0;
    for row in &rows {
        let (situation_name, cells) = row.split_first().unwrap();
        for (column, expected) in head.iter().skip(1).zip(cells) {
            let mut order = situation(&limit(), situation_name);
            let report = event(column, &mut order);
            let got = outcome(&mut order, &report);
            assert_eq!(&got, expected, "{situation_name} × {column}");
            checked += 1;
        }
    }
    assert_eq!(checked, 72);
}

#[test]
fn every_cell_of_the_conditional_table_is_what_apply_does() {
    let (head, rows) = table("| conditional \\ event |");
    assert_eq!(head.len(), 13, "{head:?}");
    assert_eq!(
        rows.len(),
        11,
        "one row per situation of a conditional order"
    );
    let mut checked = 0;
    for row in &rows {
        let (situation_name, cells) = row.split_first().unwrap();
        for (column, expected) in head.iter().skip(1).zip(cells) {
            let mut order = situation(&stop(), situation_name);
            let report = conditional_event(column);
            let got = outcome(&mut order, &report);
            assert_eq!(&got, expected, "{situation_name} × {column}");
            checked += 1;
        }
    }
    assert_eq!(checked, 132);
}

#[test]
fn every_cell_of_the_typestate_table_is_a_generated_compile_test() {
    let (head, rows) = table("| method | Idle |");
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let (mut legal, mut illegal) = (0, 0);
    for row in &rows {
        let (method, cells) = row.split_first().unwrap();
        let method = method.trim_matches('`');
        for (state, cell) in head.iter().skip(1).zip(cells) {
            let file = format!("{}_{method}.rs", state.to_lowercase());
            let (dir, other) = match cell.as_str() {
                "✓" => ("pass", "fail"),
                "✗" => ("fail", "pass"),
                other => panic!("{method} × {state}: cell {other:?}"),
            };
            assert!(
                ui.join(dir).join(&file).is_file(),
                "{dir}/{file} is missing"
            );
            assert!(
                !ui.join(other).join(&file).exists(),
                "{other}/{file} contradicts the table"
            );
            if dir == "pass" {
                legal += 1
            } else {
                illegal += 1
            }
        }
    }
    assert_eq!((legal, illegal), (44, 109));
}
