//! The report checks `docs/state-machine.md` lists, on the reference's order
//! and on `AnyOrder` side by side (`common::Pair`: both must return the same
//! and agree field by field after every event): their order, the terms check
//! and its exceptions, and what a report lacking its fill, amendment or
//! exchange id meets. Each expected value is written from the document; where
//! the document is imprecise the test says so and pins what both do.

mod common;

use common::{AT, EXCHANGE_ID, LOTS, Pair, Situation, lots, report, spec, trade};
use ordertrack::{
    Amendment, Applied, ApplyError, ExchangeOrderId, ExecutionReport, ExecutionType, OrderStatus,
    OrderTerms, OrderType, Qty, ReportStatus, Side, TermMismatch,
};
use ordertrack_verify::ops::pools;

/// The order's own terms, as a report restates them.
fn own_terms() -> OrderTerms {
    OrderTerms {
        trigger_price: None,
        working_type: None,
        side: Side::Buy,
        order_type: Some(OrderType::Limit),
        quantity: lots(LOTS),
        price: spec().price,
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
fn report_checks_run_in_the_documented_order() {
    let client_id = spec().client_id;
    let mut r = with_terms(
        report(ExecutionType::New, ReportStatus::Filled),
        OrderTerms {
            side: Side::Sell,
            order_type: Some(OrderType::Market),
            quantity: lots(9),
            ..own_terms()
        },
    );
    r.symbol = pools::symbol(1);
    r.client_id = Some(pools::foreign_id(0));
    r.exchange_id = Some(ExchangeOrderId(1));
    let mut pair = Pair::new(Situation::Active);
    let expected: [(&str, ApplyError); 7] = [
        (
            "1. Inconsistent",
            ApplyError::Inconsistent {
                execution: ExecutionType::New,
                status: ReportStatus::Filled,
            },
        ),
        (
            "2. SymbolMismatch",
            ApplyError::SymbolMismatch {
                client_id,
                expected: spec().symbol,
                reported: pools::symbol(1),
            },
        ),
        (
            "3. ClientIdMismatch",
            ApplyError::ClientIdMismatch {
                client_id,
                reported: pools::foreign_id(0),
            },
        ),
        (
            "4. ExchangeIdMismatch",
            ApplyError::ExchangeIdMismatch {
                client_id,
                known: EXCHANGE_ID,
                reported: ExchangeOrderId(1),
            },
        ),
        (
            "5. TermsMismatch: side",
            ApplyError::TermsMismatch {
                client_id,
                mismatch: TermMismatch::Side {
                    expected: Side::Buy,
                    reported: Side::Sell,
                },
            },
        ),
        (
            "5. TermsMismatch: original type",
            ApplyError::TermsMismatch {
                client_id,
                mismatch: TermMismatch::OrderType {
                    expected: OrderType::Limit,
                    reported: OrderType::Market,
                },
            },
        ),
        (
            "5. TermsMismatch: quantity",
            ApplyError::TermsMismatch {
                client_id,
                mismatch: TermMismatch::Quantity {
                    expected: lots(LOTS),
                    reported: lots(9),
                },
            },
        ),
    ];
    // Each report breaks every rule from its own on: repairing the first
    // broken field reveals the next check.
    for (step, (name, error)) in expected.into_iter().enumerate() {
        assert_eq!(pair.apply(&r), Err(error), "{name}");
        let mut terms = r.terms.unwrap_or_else(own_terms);
        match step {
            0 => r.status = ReportStatus::New,
            1 => r.symbol = spec().symbol,
            2 => r.client_id = Some(client_id),
            3 => r.exchange_id = Some(EXCHANGE_ID),
            4 => terms.side = Side::Buy,
            5 => terms.order_type = None, // not stated (TRADE_LITE): not compared
            _ => terms.quantity = lots(LOTS),
        }
        r.terms = Some(terms);
    }
    assert_eq!(pair.apply(&r), Ok(Applied::Stale));
}

#[test]
fn the_quantity_may_differ_on_an_amendment_a_close_position_order_or_an_older_report() {
    let other_quantity = OrderTerms {
        quantity: lots(9),
        ..own_terms()
    };
    let amendment = ExecutionReport {
        amendment: Some(Amendment {
            quantity: lots(5),
            price: None,
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New)
    };
    let mut pair = Pair::new(Situation::Active);
    assert_eq!(
        pair.apply(&with_terms(amendment, other_quantity)),
        Ok(Applied::Amended)
    );
    let close_position = OrderTerms {
        quantity: Qty::ZERO,
        close_position: true,
        ..own_terms()
    };
    let mut pair = Pair::new(Situation::Active);
    assert!(matches!(
        pair.apply(&with_terms(trade(70, 1), close_position)),
        Ok(Applied::PartiallyFilled(_))
    ));
    // The side is compared all the same.
    let other_side = OrderTerms {
        side: Side::Sell,
        ..close_position
    };
    assert!(matches!(
        pair.apply(&with_terms(trade(71, 1), other_side)),
        Err(ApplyError::TermsMismatch { .. })
    ));

    // Older than the last change (a fill at AT): not compared. At the same
    // time: compared ("older" is strict).
    let mut pair = Pair::new(Situation::Active);
    assert!(pair.apply(&trade(72, 1)).is_ok());
    let at = |t: u64, r: ExecutionReport| ExecutionReport {
        transaction_time: t,
        ..r
    };
    let same_time = with_terms(trade(73, 1), other_quantity);
    assert!(matches!(
        pair.apply(&same_time),
        Err(ApplyError::TermsMismatch {
            mismatch: TermMismatch::Quantity { .. },
            ..
        })
    ));
    // The document says such a report "is at most stale or a late fill, never
    // a change of the order's terms". It is never a change of terms, but it is
    // not only stale or late: both implementations apply it in full — a new
    // fill of a live order, and even the close of a live order.
    assert!(matches!(
        pair.apply(&at(AT - 1, same_time)),
        Ok(Applied::PartiallyFilled(_))
    ));
    let cancel = with_terms(
        report(ExecutionType::Canceled, ReportStatus::Canceled),
        other_quantity,
    );
    assert!(matches!(
        pair.apply(&at(AT - 1, cancel)),
        Ok(Applied::Cancelled(_))
    ));
    assert_eq!(pair.status(), OrderStatus::Cancelled);
}

#[test]
fn a_report_lacking_what_its_type_needs_is_refused_before_the_state_is_looked_at() {
    let client_id = spec().client_id;
    let bare_trade = report(ExecutionType::Trade, ReportStatus::PartiallyFilled);
    let bare_amendment = report(ExecutionType::Amendment, ReportStatus::New);
    for situation in [Situation::Idle, Situation::Filled] {
        let mut pair = Pair::new(situation);
        let execution = ExecutionType::Trade;
        assert_eq!(
            pair.apply(&bare_trade),
            Err(ApplyError::MissingFill {
                client_id,
                execution
            })
        );
        assert_eq!(
            pair.apply(&bare_amendment),
            Err(ApplyError::MissingAmendment { client_id })
        );
    }
    // An ack without the id: refused only by an order that needs it.
    let bare_ack = ExecutionReport {
        exchange_id: None,
        ..report(ExecutionType::New, ReportStatus::New)
    };
    let execution = ExecutionType::New;
    for (situation, expected) in [
        (
            Situation::Placing,
            Err(ApplyError::MissingExchangeId {
                client_id,
                execution,
            }),
        ),
        (
            Situation::CancellingUnacked,
            Err(ApplyError::MissingExchangeId {
                client_id,
                execution,
            }),
        ),
        (Situation::Active, Ok(Applied::Stale)),
    ] {
        assert_eq!(
            Pair::new(situation).apply(&bare_ack),
            expected,
            "{situation:?}"
        );
    }
    let idle = Pair::new(Situation::Idle).apply(&bare_ack);
    assert!(matches!(idle, Err(ApplyError::NotApplicable { .. })));
}
