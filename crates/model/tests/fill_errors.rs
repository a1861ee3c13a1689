//! Every `FillError` of the typed `fill` and `late_fill`, on every state that
//! can raise it: the handle is given back, and the order is exactly as it was.

mod common;

use common::*;
use ordertrack_model::{
    Active, Cancelled, Cancelling, Expired, Failed, FillError, OrderStatus, Placing, Refused,
    TradeId,
};

#[test]
fn fill_error_zero_qty_leaves_the_order_unchanged() {
    let mut order = active("1");
    let error = refused_on::<Active, _>(&mut order, |o| {
        o.fill(fill(1, "0", "100", 1_250, None)).map(drop)
    });
    assert_eq!(
        error,
        FillError::ZeroQty {
            trade_id: TradeId(1)
        }
    );

    let mut order = cancelled("1");
    let error = refused_on::<Cancelled, _>(&mut order, |o| {
        o.late_fill(fill(1, "0", "100", 1_500, None)).map(drop)
    });
    assert!(matches!(error, FillError::ZeroQty { .. }), "{error:?}");
}

#[test]
fn fill_error_overfill_leaves_the_order_unchanged() {
    let mut order = active("1");
    let _ = partial(
        handle::<Active>(&mut order),
        fill(1, "0.7", "100", 1_250, None),
    );
    let over = fill(2, "0.30000001", "100", 1_260, None);
    let error = refused_on::<Active, _>(&mut order, |o| o.fill(over).map(drop));
    assert_eq!(
        error,
        FillError::Overfill {
            trade_id: TradeId(2),
            fill_qty: qty("0.30000001"),
            filled: qty("0.7"),
            quantity: qty("1"),
        }
    );

    // The handle given back is the order's: the exact remainder completes it.
    let Err(Refused { order: back, .. }) = handle::<Active>(&mut order).fill(over) else {
        panic!("the overfill is refused again");
    };
    assert_eq!(back.filled_qty(), qty("0.7"));
    let o = complete(back, fill(2, "0.3", "100", 1_260, None));
    assert_eq!(o.filled_qty(), qty("1"));
    assert_eq!(order.status(), OrderStatus::Filled);
}

#[test]
fn fill_error_overfill_on_placing_and_cancelling() {
    let mut order = placing("1");
    let error = refused_on::<Placing, _>(&mut order, |o| {
        o.fill(fill(1, "1.5", "100", 1_150, Some(EX))).map(drop)
    });
    assert!(matches!(error, FillError::Overfill { .. }), "{error:?}");

    for mut order in [cancelling_acked("1"), cancelling_unacked("1")] {
        let error = refused_on::<Cancelling, _>(&mut order, |o| {
            o.fill(fill(1, "2", "100", 1_350, None)).map(drop)
        });
        assert!(matches!(error, FillError::Overfill { .. }), "{error:?}");
    }
}

#[test]
fn fill_error_late_fill_overfill_leaves_the_order_unchanged() {
    let mut partly = active("1");
    let _ = partial(
        handle::<Active>(&mut partly),
        fill(1, "0.8", "100", 1_250, None),
    );
    let overfill = FillError::Overfill {
        trade_id: TradeId(2),
        fill_qty: qty("0.3"),
        filled: qty("0.8"),
        quantity: qty("1"),
    };
    let late = fill(2, "0.3", "100", 1_500, None);

    let mut c = partly.clone();
    let _ = handle::<Active>(&mut c).cancelled(None, CLOSED);
    let error = refused_on::<Cancelled, _>(&mut c, |o| o.late_fill(late).map(drop));
    assert_eq!(error, overfill);

    let mut e = partly.clone();
    let _ = handle::<Active>(&mut e).expired(None, None, CLOSED);
    let error = refused_on::<Expired, _>(&mut e, |o| o.late_fill(late).map(drop));
    assert_eq!(error, overfill);

    let mut f = partly;
    let _ = handle::<Active>(&mut f)
        .request_cancel(CANCEL_SENT)
        .cancelled(None, CLOSED);
    let error = refused_on::<Cancelled, _>(&mut f, |o| o.late_fill(late).map(drop));
    assert_eq!(error, overfill);

    let mut f = failed("0.1");
    let error = refused_on::<Failed, _>(&mut f, |o| {
        o.late_fill(fill(2, "0.2", "100", 1_500, None)).map(drop)
    });
    assert!(matches!(error, FillError::Overfill { .. }), "{error:?}");
}

#[test]
fn fill_error_missing_exchange_id_leaves_the_order_unchanged() {
    // Placing: a fill must name the order, whose id it gives.
    let mut order = placing("1");
    let error = refused_on::<Placing, _>(&mut order, |o| {
        o.fill(fill(1, "0.5", "100", 1_150, None)).map(drop)
    });
    assert_eq!(
        error,
        FillError::MissingExchangeId {
            trade_id: TradeId(1)
        }
    );
    let error = refused_on::<Placing, _>(&mut order, |o| {
        o.fill(fill(1, "1", "100", 1_150, None)).map(drop)
    });
    assert!(
        matches!(error, FillError::MissingExchangeId { .. }),
        "{error:?}"
    );

    // Cancelling before the ack: a partial fill can wait for the id, but a
    // complete one cannot make a Filled order without it.
    let mut order = cancelling_unacked("1");
    let error = refused_on::<Cancelling, _>(&mut order, |o| {
        o.fill(fill(1, "1", "100", 1_350, None)).map(drop)
    });
    assert!(
        matches!(error, FillError::MissingExchangeId { .. }),
        "{error:?}"
    );
}

#[test]
fn fill_error_exchange_id_mismatch_leaves_the_order_unchanged() {
    let mismatch = FillError::ExchangeIdMismatch {
        trade_id: TradeId(1),
        known: EX,
        reported: OTHER_EX,
    };
    let mut order = active("1");
    let error = refused_on::<Active, _>(&mut order, |o| {
        o.fill(fill(1, "0.5", "100", 1_250, Some(OTHER_EX)))
            .map(drop)
    });
    assert_eq!(error, mismatch);
    // Also on the completing fill.
    let error = refused_on::<Active, _>(&mut order, |o| {
        o.fill(fill(1, "1", "100", 1_250, Some(OTHER_EX))).map(drop)
    });
    assert_eq!(error, mismatch);

    let mut order = cancelling_acked("1");
    let error = refused_on::<Cancelling, _>(&mut order, |o| {
        o.fill(fill(1, "0.5", "100", 1_350, Some(OTHER_EX)))
            .map(drop)
    });
    assert_eq!(error, mismatch);

    let mut order = cancelled("1");
    let error = refused_on::<Cancelled, _>(&mut order, |o| {
        o.late_fill(fill(1, "0.5", "100", 1_500, Some(OTHER_EX)))
            .map(drop)
    });
    assert_eq!(error, mismatch);
}
