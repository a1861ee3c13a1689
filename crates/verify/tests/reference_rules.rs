//! The fill rules, the in-doubt rule and the amendment rule of
//! `docs/state-machine.md`, on the reference's order and on `AnyOrder` side by
//! side (`common::Pair`: both must return the same and agree field by field
//! after every event). Each expected value is written from the document; where
//! the document is imprecise the test says so and pins what both do.

mod common;

use common::{AT, EXCHANGE_ID, FIRST_TRADE, LOTS, Pair, Situation, lots, report, spec, trade};
use ordertrack::{
    AmendError, Amendment, Applied, ApplyError, Closed, ExecutionReport, ExecutionType, FillError,
    OrderStatus, Price, Qty, ReportStatus, TradeId,
};
use ordertrack_verify::ops::pools;

fn fill_error(source: FillError) -> Result<Applied, ApplyError> {
    Err(ApplyError::Fill {
        client_id: spec().client_id,
        source,
    })
}

#[test]
fn unseen_and_excess_measure_the_gap_to_the_stated_cumulative_quantity() {
    let with_z = |r: ExecutionReport, z: Option<u8>| ExecutionReport {
        cumulative_qty: z.map(lots),
        ..r
    };
    let gap = |applied: Result<Applied, ApplyError>| match applied {
        Ok(Applied::PartiallyFilled(f) | Applied::Filled(f) | Applied::LateFill(f)) => {
            Some((f.filled_qty, f.unseen_qty, f.excess_qty))
        }
        _ => None,
    };
    let mut pair = Pair::new(Situation::Active);
    // z above what is applied: a fill still on its way.
    let applied = pair.apply(&with_z(trade(80, 1), Some(2)));
    assert_eq!(gap(applied), Some((lots(1), lots(1), Qty::ZERO)));
    // z below: this report predates a fill already applied (out of order).
    let applied = pair.apply(&with_z(trade(81, 1), Some(1)));
    assert_eq!(gap(applied), Some((lots(2), Qty::ZERO, lots(1))));
    // No z (TRADE_LITE): no gap is known.
    let mut pair = Pair::new(Situation::Active);
    let applied = pair.apply(&with_z(trade(82, 1), None));
    assert_eq!(gap(applied), Some((lots(1), Qty::ZERO, Qty::ZERO)));
    // A close against the filled quantity it leaves.
    let cancel = report(ExecutionType::Canceled, ReportStatus::Canceled);
    let closed = |unseen, excess| {
        Ok(Applied::Cancelled(Closed {
            filled_qty: lots(1),
            unseen_qty: unseen,
            excess_qty: excess,
        }))
    };
    let mut other = pair.clone();
    assert_eq!(
        pair.apply(&with_z(cancel, Some(3))),
        closed(lots(2), Qty::ZERO)
    );
    assert_eq!(
        other.apply(&with_z(cancel, None)),
        closed(Qty::ZERO, Qty::ZERO)
    );
}

#[test]
fn fill_checks_are_exact_and_a_refused_fill_changes_nothing() {
    let mut pair = Pair::new(Situation::Active);
    let trade_id = TradeId(90);
    assert_eq!(
        pair.apply(&trade(90, 0)),
        fill_error(FillError::ZeroQty { trade_id })
    );
    assert!(pair.apply(&trade(91, 1)).is_ok());
    assert!(matches!(pair.apply(&trade(92, 2)), Ok(Applied::Filled(_))));
    let mut pair = Pair::new(Situation::Active);
    assert!(pair.apply(&trade(93, 2)).is_ok());
    let one_unit_over = ExecutionReport {
        fill: trade(94, 1).fill.map(|f| ordertrack::ReportFill {
            qty: lots(1)
                .checked_add(Qty::from_units(1).unwrap_or(Qty::MAX))
                .unwrap_or(Qty::MAX),
            ..f
        }),
        ..trade(94, 1)
    };
    let before = pair.reference.clone();
    assert!(matches!(
        pair.apply(&one_unit_over),
        Err(ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        })
    ));
    assert_eq!(pair.reference, before);
}

#[test]
fn a_fill_that_leaves_placing_or_completes_an_unacknowledged_order_needs_the_id() {
    let without_id = |r: ExecutionReport| ExecutionReport {
        exchange_id: None,
        ..r
    };
    let mut pair = Pair::new(Situation::Placing);
    let missing = |trade| {
        fill_error(FillError::MissingExchangeId {
            trade_id: TradeId(trade),
        })
    };
    assert_eq!(pair.apply(&without_id(trade(100, 1))), missing(100));
    // A partial fill of a cancel sent before any ack needs none: it stays
    // Cancelling, id unknown; completing it does.
    let mut pair = Pair::new(Situation::CancellingUnacked);
    assert!(matches!(
        pair.apply(&without_id(trade(101, 1))),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert_eq!(pair.reference.exchange_id, None);
    assert_eq!(pair.apply(&without_id(trade(102, 2))), missing(102));
    assert!(matches!(pair.apply(&trade(102, 2)), Ok(Applied::Filled(_))));
    assert_eq!(pair.reference.exchange_id, Some(EXCHANGE_ID));
    assert_eq!(pair.reference.closed_at, Some(AT));
}

#[test]
fn late_fills_may_complete_the_quantity_and_never_reopen() {
    let mut pair = Pair::new(Situation::Cancelled);
    let closed_at = pair.reference.closed_at;
    assert!(matches!(
        pair.apply(&trade(110, LOTS)),
        Ok(Applied::LateFill(_))
    ));
    assert_eq!(pair.status(), OrderStatus::Cancelled);
    assert_eq!(pair.reference.closed_at, closed_at);
    assert_eq!(pair.reference.filled_qty(), lots(LOTS));
    assert!(matches!(
        pair.apply(&trade(111, 1)),
        Err(ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        })
    ));
}

#[test]
fn a_filled_order_has_nothing_left_to_fill() {
    let mut pair = Pair::new(Situation::Filled);
    let trade_id = TradeId(120);
    assert_eq!(
        pair.apply(&trade(120, 1)),
        fill_error(FillError::Overfill {
            trade_id,
            fill_qty: lots(1),
            filled: lots(LOTS),
            quantity: lots(LOTS),
        })
    );
    assert_eq!(pair.apply(&trade(FIRST_TRADE.0, 1)), Ok(Applied::Duplicate));
    // The terminal rules say "a new trade id is an Overfill error"; a new
    // trade id of zero quantity is refused by the first fill check instead.
    assert_eq!(
        pair.apply(&trade(121, 0)),
        fill_error(FillError::ZeroQty {
            trade_id: TradeId(121)
        })
    );
}

#[test]
fn the_average_price_is_exact_then_rounded_half_up_once() {
    let at_price = |t: u64, n: u8, price: &str| ExecutionReport {
        fill: trade(t, n).fill.map(|f| ordertrack::ReportFill {
            price: Price::parse(price).unwrap_or(Price::ZERO),
            ..f
        }),
        ..trade(t, n)
    };
    let mut pair = Pair::new(Situation::Active);
    assert!(pair.apply(&at_price(130, 1, "100")).is_ok());
    assert!(pair.apply(&at_price(131, 2, "101")).is_ok());
    assert_eq!(
        pair.reference.average_price(),
        Price::parse("100.66666667").ok()
    );
}

#[test]
fn the_first_moment_in_doubt_survives_a_cancel_before_the_ack_and_its_rejection() {
    let mut pair = Pair::new(Situation::Placing);
    let request = |pair: &mut Pair, name, t: u64| match name {
        "in doubt" => pair.request(name, |o| o.place_in_doubt(t), |o| o.place_in_doubt(t)),
        "cancel" => pair.request(name, |o| o.request_cancel(t), |o| o.request_cancel(t)),
        _ => pair.request(name, |o| o.cancel_rejected(t), |o| o.cancel_rejected(t)),
    };
    assert_eq!(request(&mut pair, "in doubt", 1_500), Ok(()));
    assert_eq!(request(&mut pair, "in doubt", 1_600), Ok(()));
    assert_eq!(
        (pair.reference.in_doubt_since, pair.reference.updated_at),
        (Some(1_500), 1_600)
    );
    assert_eq!(request(&mut pair, "cancel", 1_700), Ok(()));
    assert_eq!(request(&mut pair, "cancel rejected", 1_800), Ok(()));
    assert_eq!(pair.status(), OrderStatus::Placing);
    assert_eq!(
        (pair.reference.sent_at, pair.reference.in_doubt_since),
        (Some(1_001), Some(1_500))
    );
    // The ack settles it.
    assert_eq!(
        pair.apply(&report(ExecutionType::New, ReportStatus::New)),
        Ok(Applied::Acknowledged)
    );
    assert_eq!(pair.reference.in_doubt_since, None);
}

#[test]
fn an_amendment_must_exceed_the_filled_quantity_and_keeps_a_missing_price() {
    let amend = |n: u8, price: Option<Price>| ExecutionReport {
        amendment: Some(Amendment {
            quantity: lots(n),
            price,
        }),
        ..report(ExecutionType::Amendment, ReportStatus::PartiallyFilled)
    };
    let mut pair = Pair::new(Situation::Active);
    assert!(pair.apply(&trade(140, 2)).is_ok());
    assert_eq!(
        pair.apply(&amend(2, None)),
        Err(ApplyError::Amend {
            client_id: spec().client_id,
            source: AmendError::QuantityBelowFilled {
                quantity: lots(2),
                filled: lots(2),
            },
        })
    );
    assert_eq!(pair.apply(&amend(4, None)), Ok(Applied::Amended));
    assert_eq!(
        (pair.reference.spec.quantity, pair.reference.spec.price),
        (lots(4), spec().price)
    );
    let price = Some(pools::price(30));
    assert_eq!(pair.apply(&amend(4, price)), Ok(Applied::Amended));
    assert_eq!(pair.reference.spec.price, price);
}

/// *Fill rules*, the duplicate-trade window: the `TRADE_WINDOW` highest trade
/// ids applied are remembered (a fill with one of them is a duplicate), the
/// highest of the others is the floor, and a fill at or below the floor is
/// refused (it may have been counted), while one above it is applied even
/// when it arrives after higher ones.
#[test]
fn a_trade_id_at_or_below_the_floor_is_refused_and_a_remembered_one_is_a_duplicate() {
    assert_eq!(
        ordertrack::TRADE_WINDOW,
        4,
        "the ids below are written for a window of 4"
    );
    let beyond = |trade_id: u64, floor: u64| {
        fill_error(FillError::BeyondDuplicateWindow {
            trade_id: TradeId(trade_id),
            floor: TradeId(floor),
        })
    };
    let mut pair = Pair::new(Situation::Active);
    // Room for more fills than the window remembers.
    let amend = ExecutionReport {
        amendment: Some(Amendment {
            quantity: lots(20),
            price: None,
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New)
    };
    assert_eq!(pair.apply(&amend), Ok(Applied::Amended));
    for id in [10, 20, 30, 40] {
        assert!(matches!(
            pair.apply(&trade(id, 1)),
            Ok(Applied::PartiallyFilled(_))
        ));
    }
    assert_eq!(pair.real.fills().floor(), None, "nothing forgotten yet");
    assert!(matches!(
        pair.apply(&trade(50, 1)),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert_eq!(pair.real.fills().floor(), Some(TradeId(10)));
    assert_eq!(pair.reference.trade_floor(), Some(TradeId(10)));

    let before = pair.reference.clone();
    // The forgotten fill delivered again, and an unseen one below the floor:
    // either may have been counted, so neither is applied.
    assert_eq!(pair.apply(&trade(10, 1)), beyond(10, 10));
    assert_eq!(pair.apply(&trade(5, 1)), beyond(5, 10));
    // A remembered one is a duplicate.
    assert_eq!(pair.apply(&trade(50, 1)), Ok(Applied::Duplicate));
    assert_eq!(pair.apply(&trade(20, 1)), Ok(Applied::Duplicate));
    assert_eq!(
        pair.reference, before,
        "refusals and duplicates change nothing"
    );

    // Above the floor, below every remembered id: applied, then forgotten at
    // once (it is the lowest), so it is the new floor.
    assert!(matches!(
        pair.apply(&trade(15, 1)),
        Ok(Applied::PartiallyFilled(_))
    ));
    assert_eq!(pair.real.fills().floor(), Some(TradeId(15)));
    assert_eq!(pair.apply(&trade(15, 1)), beyond(15, 15));
    assert_eq!(pair.apply(&trade(12, 1)), beyond(12, 15));
    // Counted once each: six fills of one lot.
    assert_eq!(pair.real.fills().count(), 6);
    assert_eq!(pair.real.filled_qty(), lots(6));
    let mut remembered = pair.real.fills().recent_trade_ids().to_vec();
    remembered.sort_unstable();
    assert_eq!(
        remembered,
        [TradeId(20), TradeId(30), TradeId(40), TradeId(50)]
    );
}
