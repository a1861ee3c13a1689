//! The duplicate-trade window: an order remembers its `TRADE_WINDOW` highest
//! trade ids, and refuses a fill at or below the highest one it forgot (the
//! floor) with `FillError::BeyondDuplicateWindow`, unchanged. Through the typed
//! handles and through `AnyOrder::apply`, on every state that takes fills.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use ordertrack_model::{
    Active, Applied, Cancelled, ExecutionReport, FillError, OrderStatus, Qty, TRADE_WINDOW, TradeId,
};

/// `units` × 10⁻⁸.
fn units(units: u64) -> Qty {
    Qty::from_units(i64::try_from(units).unwrap()).unwrap()
}

/// Trade `trade_id` of 0.01 at 100, the exchange's cumulative quantity after
/// it `cumulative` hundredths.
fn hundredth(trade_id: u64, cumulative: u64) -> ExecutionReport {
    ExecutionReport {
        cumulative_qty: Some(units(cumulative * 1_000_000)),
        ..trade_report(trade_id, "0.01", "100", "0", 2_000 + trade_id)
    }
}

fn beyond(trade_id: u64, floor: u64) -> FillError {
    FillError::BeyondDuplicateWindow {
        trade_id: TradeId(trade_id),
        floor: TradeId(floor),
    }
}

#[test]
fn a_hundred_fills_each_redelivered_from_the_window_are_counted_once() {
    assert_eq!(TRADE_WINDOW, 4);
    let mut order = active("1");
    for id in 1..=100_u64 {
        let applied = ok(&mut order, &hundredth(id, id));
        let fill = applied.fill().copied().unwrap();
        assert_eq!(fill.trade_id, TradeId(id));
        assert_eq!(fill.filled_qty, units(id * 1_000_000));
        assert_eq!((fill.unseen_qty, fill.excess_qty), (Qty::ZERO, Qty::ZERO));
        // A redelivered copy of one of the last four fills, in turn each of them.
        let copy = id.saturating_sub(id % 4).max(1);
        assert_eq!(
            ignored(&mut order, &hundredth(copy, copy)),
            Applied::Duplicate,
            "copy of {copy} after {id}"
        );
        assert_eq!(order.filled_qty(), units(id * 1_000_000), "after {id}");
        assert_eq!(order.fills().count(), u32::try_from(id).unwrap());
    }
    // 100 × 0.01, exactly: the last fill completed the order.
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), qty("1"));
    assert_eq!(order.remaining_qty(), Qty::ZERO);
    assert_eq!(order.average_fill_price(), Some(px("100")));
    assert_eq!(order.fills().count(), 100);
    assert_eq!(order.fills().floor(), Some(TradeId(96)));
    assert_eq!(recent_ids(&order), trade_ids(&[97, 98, 99, 100]));
    // A Filled order still recognises each of the window's trades.
    for copy in 97..=100 {
        assert_eq!(
            ignored(&mut order, &hundredth(copy, 100)),
            Applied::Duplicate
        );
    }
}

#[test]
fn a_redelivered_copy_older_than_the_window_is_refused_and_changes_nothing() {
    let mut order = active("1");
    for id in 1..=10 {
        ok(&mut order, &hundredth(id, id));
    }
    assert_eq!(order.fills().floor(), Some(TradeId(6)));
    assert_eq!(recent_ids(&order), trade_ids(&[7, 8, 9, 10]));
    // Active: refused, not counted a second time (`fill_refused` checks the
    // order is unchanged).
    for old in [1, 3, 6] {
        assert_eq!(
            fill_refused(&mut order, &hundredth(old, old)),
            beyond(old, 6)
        );
    }
    assert_eq!(order.filled_qty(), qty("0.1"));
    assert_eq!(order.fills().count(), 10);

    // Cancelling: the same.
    order.request_cancel(2_100).unwrap();
    assert_eq!(fill_refused(&mut order, &hundredth(3, 3)), beyond(3, 6));

    // Cancelled (the late-fill path): the same.
    ok(&mut order, &canceled_report("0.1", 2_200));
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(fill_refused(&mut order, &hundredth(3, 3)), beyond(3, 6));
    // ... while a copy from the window is still a duplicate.
    assert_eq!(ignored(&mut order, &hundredth(9, 9)), Applied::Duplicate);
}

#[test]
fn a_filled_order_refuses_a_copy_older_than_the_window() {
    let mut order = active("1");
    for id in 1..=100 {
        ok(&mut order, &hundredth(id, id));
    }
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(fill_refused(&mut order, &hundredth(50, 50)), beyond(50, 96));
    assert_eq!(fill_refused(&mut order, &hundredth(96, 96)), beyond(96, 96));
    assert_eq!(order.fills().count(), 100);
}

#[test]
fn out_of_order_fills_above_the_floor_are_applied() {
    let mut order = active("1");
    let tenth = |id: u64| trade_report(id, "0.1", "100", "0", 2_000 + id);
    for id in [10, 30, 20, 40] {
        assert!(matches!(
            ok(&mut order, &tenth(id)),
            Applied::PartiallyFilled(_)
        ));
    }
    assert_eq!(order.fills().floor(), None, "nothing forgotten yet");
    // The window is full: 25 is new, and the lowest (10) is forgotten.
    assert!(matches!(
        ok(&mut order, &tenth(25)),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(order.fills().floor(), Some(TradeId(10)));
    assert_eq!(recent_ids(&order), trade_ids(&[20, 25, 30, 40]));
    // 15 is above the floor and unknown: applied, then at once the forgotten one.
    assert!(matches!(
        ok(&mut order, &tenth(15)),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(order.fills().floor(), Some(TradeId(15)));
    assert_eq!(recent_ids(&order), trade_ids(&[20, 25, 30, 40]));
    assert_eq!(order.filled_qty(), qty("0.6"));
    assert_eq!(order.fills().count(), 6);
    assert_eq!(order.fills().last().unwrap().trade_id, TradeId(15));
    // Its copy, and a new trade below the floor, cannot be told from a counted one.
    assert_eq!(fill_refused(&mut order, &tenth(15)), beyond(15, 15));
    assert_eq!(fill_refused(&mut order, &tenth(12)), beyond(12, 15));
    // 35, above the floor: applied; 20 is forgotten and becomes the floor.
    assert!(matches!(
        ok(&mut order, &tenth(35)),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(order.fills().floor(), Some(TradeId(20)));
    assert_eq!(recent_ids(&order), trade_ids(&[25, 30, 35, 40]));
    assert_eq!(order.filled_qty(), qty("0.7"));
    assert_eq!(order.fills().count(), 7);
}

#[test]
fn fill_error_beyond_duplicate_window_on_the_typed_handles() {
    let mut order = active("1");
    for id in 1..=5 {
        let _ = partial(
            handle::<Active>(&mut order),
            fill(id, "0.1", "100", 2_000 + id, None),
        );
    }
    assert_eq!(order.fills().floor(), Some(TradeId(1)));
    let error = refused_on::<Active, _>(&mut order, |o| {
        o.fill(fill(1, "0.1", "100", 2_100, None)).map(drop)
    });
    assert_eq!(error, beyond(1, 1));
    // The window is checked before the quantity: an overfill below the floor
    // is reported as beyond the window.
    let error = refused_on::<Active, _>(&mut order, |o| {
        o.fill(fill(1, "5", "100", 2_100, None)).map(drop)
    });
    assert_eq!(error, beyond(1, 1));

    let _ = handle::<Active>(&mut order).cancelled(None, 2_200);
    let error = refused_on::<Cancelled, _>(&mut order, |o| {
        o.late_fill(fill(1, "0.1", "100", 2_300, None)).map(drop)
    });
    assert_eq!(error, beyond(1, 1));
    // A late fill above the floor is accounted.
    let o = accounted(
        handle::<Cancelled>(&mut order),
        fill(6, "0.1", "100", 2_300, None),
    );
    assert_eq!(o.filled_qty(), qty("0.6"));
    assert_eq!(o.fills().floor(), Some(TradeId(2)));
}
