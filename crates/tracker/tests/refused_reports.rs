//! Reports the order refuses, through `apply`: each a typed error that changes
//! nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

#[test]
fn refused_reports_change_nothing() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 41);
    t.apply(&b.report().eid(41).at(1_100).trade(1, "0.6", "100", "0.6"))
        .unwrap();
    step(&t);
    let idle = order();
    let idle_key = t.register(idle.idle()).unwrap();
    let unacked = order();
    let unacked_key = placing(&mut t, &unacked);
    step(&t);
    let before = Snapshot::take(&t);

    let check = |t: &mut OrderTracker,
                 report: ExecutionReport,
                 expect_key: OrderKey,
                 what: &dyn Fn(&ApplyError) -> bool| {
        match t.apply(&report) {
            Err(TrackError::Apply { key: k, source }) => {
                assert_eq!(k, expect_key);
                assert!(what(&source), "unexpected error {source:?}");
                assert!(!TrackError::Apply { key: k, source }.to_string().is_empty());
            }
            other => panic!("expected an apply error, got {other:?}"),
        }
        step(t);
        before.assert_unchanged(t);
    };
    // Overfill: 0.6 filled, 0.5 more on a quantity of 1.
    check(
        &mut t,
        b.report().eid(41).trade(2, "0.5", "100", "1.1"),
        key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::Overfill { .. },
                    ..
                }
            )
        },
    );
    // A zero-quantity fill.
    check(
        &mut t,
        b.report().eid(41).trade(3, "0", "100", "0.6"),
        key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::ZeroQty { .. },
                    ..
                }
            )
        },
    );
    // Routed by client id, but for another symbol.
    check(&mut t, b.report().symbol(eth()).eid(41).ack(), key, &|e| {
        matches!(e, ApplyError::SymbolMismatch { .. })
    });
    // Another exchange id than the order's.
    check(
        &mut t,
        b.report().eid(42).trade(4, "0.1", "100", "0.7"),
        key,
        &|e| matches!(e, ApplyError::ExchangeIdMismatch { .. }),
    );
    // Execution type and status that cannot go together.
    check(
        &mut t,
        b.report()
            .eid(41)
            .event(ExecutionType::New, ReportStatus::Filled),
        key,
        &|e| matches!(e, ApplyError::Inconsistent { .. }),
    );
    // A trade without its fill.
    check(
        &mut t,
        b.report()
            .eid(41)
            .event(ExecutionType::Trade, ReportStatus::PartiallyFilled),
        key,
        &|e| matches!(e, ApplyError::MissingFill { .. }),
    );
    // REJECTED for an acknowledged order.
    check(&mut t, b.report().eid(41).rejected(), key, &|e| {
        matches!(e, ApplyError::NotApplicable { .. })
    });
    // Any report for an order never sent.
    check(&mut t, idle.report().eid(900).ack(), idle_key, &|e| {
        matches!(e, ApplyError::NotApplicable { .. })
    });
    // An ack without the exchange id.
    check(&mut t, unacked.report().ack(), unacked_key, &|e| {
        matches!(e, ApplyError::MissingExchangeId { .. })
    });
    // A fill before the ack that does not name the exchange id.
    check(
        &mut t,
        unacked.report().trade(9, "1", "100", "1"),
        unacked_key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::MissingExchangeId { .. },
                    ..
                }
            )
        },
    );
    // An amendment to a quantity not above what is filled.
    check(
        &mut t,
        b.report().eid(41).amended("0.6", "100"),
        key,
        &|e| matches!(e, ApplyError::Amend { .. }),
    );
}
