//! The checks `AnyOrder::apply` makes before the table: a report must be
//! consistent in itself, be about this order (symbol, client and exchange id),
//! and carry what its execution type needs. Every refusal leaves the order
//! exactly as it was.

mod common;

use common::*;
use ordertrack_model::{
    Applied, ApplyError, ExecutionReport, ExecutionType, FillError, ReportStatus, Symbol, TradeId,
};

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
            let mut order = active("1");
            if execution.allows(status) {
                assert!(
                    !matches!(order.apply(&report), Err(ApplyError::Inconsistent { .. })),
                    "{execution}/{status}"
                );
            } else {
                assert_eq!(
                    refused(&mut order, &report),
                    ApplyError::Inconsistent { execution, status }
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
    let mut order = active("1");
    let eth = Symbol::new("ETHUSDT").unwrap();
    let report = ExecutionReport {
        symbol: eth,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ApplyError::SymbolMismatch {
            client_id: cid(),
            expected: btc(),
            reported: eth,
        }
    );
}

#[test]
fn client_id_mismatch_is_refused_and_an_absent_one_is_fine() {
    let mut order = active("1");
    let other = ordertrack_model::ClientOrderId::new("web_abc123").unwrap();
    let report = ExecutionReport {
        client_id: Some(other),
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ApplyError::ClientIdMismatch {
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
            let mut order = order_in(situation, "1");
            let report = ExecutionReport {
                exchange_id: Some(OTHER_EX),
                ..report
            };
            assert_eq!(
                refused(&mut order, &report),
                ApplyError::ExchangeIdMismatch {
                    client_id: cid(),
                    known: EX,
                    reported: OTHER_EX,
                },
                "{situation:?}"
            );
        }
    }
    // A fill that names no exchange id is fine once the order knows it.
    let mut order = active("1");
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
        let mut order = order_in(situation, "1");
        let report = ExecutionReport {
            exchange_id: None,
            ..ack_report(1_250)
        };
        assert_eq!(
            refused(&mut order, &report),
            ApplyError::MissingExchangeId {
                client_id: cid(),
                execution: ExecutionType::New,
            }
        );
    }
}

#[test]
fn missing_exchange_id_on_a_fill_before_ack_is_refused() {
    let mut order = placing("1");
    let report = ExecutionReport {
        exchange_id: None,
        ..trade_report(1, "0.1", "100", "0.1", 1_250)
    };
    assert_eq!(
        refused(&mut order, &report),
        ApplyError::Fill {
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
            let mut order = order_in(situation, "1");
            let report = ExecutionReport {
                fill: None,
                execution,
                ..trade_report(1, "0.1", "100", "0.1", 1_250)
            };
            assert_eq!(
                refused(&mut order, &report),
                ApplyError::MissingFill {
                    client_id: cid(),
                    execution,
                }
            );
        }
    }
}

#[test]
fn missing_amendment_is_refused() {
    let mut order = active("1");
    let report = report(ExecutionType::Amendment, ReportStatus::New, 1_250);
    assert_eq!(
        refused(&mut order, &report),
        ApplyError::MissingAmendment { client_id: cid() }
    );
}

#[test]
fn zero_quantity_fill_is_refused() {
    let mut order = active("1");
    assert_eq!(
        refused(&mut order, &trade_report(1, "0", "100", "0", 1_250)),
        ApplyError::Fill {
            client_id: cid(),
            source: FillError::ZeroQty {
                trade_id: TradeId(1)
            },
        }
    );
}

#[test]
fn overfill_on_a_live_order_is_refused() {
    let mut order = active("0.3");
    ok(&mut order, &trade_report(1, "0.2", "100", "0.2", 1_250));
    assert!(matches!(
        refused(
            &mut order,
            &trade_report(2, "0.10000001", "100", "0.3", 1_260)
        ),
        ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        }
    ));
}
