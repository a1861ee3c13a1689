//! Fills through `AnyOrder::apply`: duplicates, reordering, gaps announced by
//! the exchange's cumulative quantity, late fills after a close, exact
//! accounting, and the stale events around them.

mod common;

use common::*;
use ordertrack_model::{
    Applied, ApplyError, Closed, ExecutionReport, FillApplied, FillError, OrderStatus, Price, Qty,
    ReportFill, ReportStatus, TradeId,
};

#[test]
fn duplicate_fill_changes_nothing() {
    let mut order = active("1");
    let report = trade_report(1, "0.3", "100", "0.3", 1_250);
    ok(&mut order, &report);
    assert_eq!(ignored(&mut order, &report), Applied::Duplicate);
    // Same trade id with different numbers: still a duplicate.
    let odd = trade_report(1, "0.5", "90", "0.8", 1_260);
    assert_eq!(ignored(&mut order, &odd), Applied::Duplicate);
    assert_eq!(order.filled_qty(), qty("0.3"));
    assert_eq!(order.fills().count(), 1);
    assert_eq!(recent_ids(&order), trade_ids(&[1]));
}

#[test]
fn out_of_order_fills_are_all_applied() {
    let mut order = active("1");
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
    assert_eq!(order.fills().count(), 2);
    assert_eq!(recent_ids(&order), trade_ids(&[1, 2]));
    // Last fill is the last applied, not the latest by time.
    assert_eq!(order.fills().last().unwrap().trade_id, TradeId(1));
    assert_eq!(order.updated_at(), 1_260, "updated_at did not go back");
    // (0.3 × 101 + 0.2 × 100) / 0.5 = 100.6
    assert_eq!(order.fills().average_price(), Some(px("100.6")));
}

#[test]
fn gap_detection_reports_unseen_quantity() {
    let mut order = active("1");
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
    let mut order = active("1");
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
fn a_close_below_the_applied_fills_reports_the_excess() {
    let mut order = active("1");
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
    let mut order = active("1");
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

#[test]
fn late_fill_after_each_unfilled_terminal_state() {
    for situation in [Situation::Cancelled, Situation::Expired, Situation::Failed] {
        let mut order = order_in(situation, "1");
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
    let mut order = active("1");
    ok(&mut order, &trade_report(1, "0.9", "100", "0.9", 1_250));
    ok(&mut order, &canceled_report("0.9", 1_300));
    let error = refused(&mut order, &trade_report(2, "0.2", "100", "1.1", 1_310));
    assert_eq!(
        error,
        ApplyError::Fill {
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
    let mut order = active("1");
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
        let mut order = order_in(situation, "1");
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

#[test]
fn tenth_plus_fifth_on_a_three_tenths_order_is_exactly_filled() {
    let mut order = active("0.3");
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
        ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        }
    ));
}

#[test]
fn average_price_is_exact_then_rounded() {
    let mut order = active("3");
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
        let mut order = active("1000");
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
