//! The typed handle of an acknowledged, working order (`OrderMut<Active>`):
//! fills, cancels, closes and amendments, and what each does to the order's data.

mod common;

use common::*;
use ordertrack_model::{Active, Amendment, OrderStatus, TradeId};

#[test]
fn active_partial_then_complete_fill() {
    let mut order = active("1");
    let o = partial(
        handle::<Active>(&mut order),
        fill(1, "0.25", "100", 1_250, None),
    );
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(
        o.exchange_id(),
        EX,
        "a fill without an id keeps the known one"
    );
    assert_eq!(o.filled_qty(), qty("0.25"));
    let o = complete(o, fill(2, "0.75", "102", 1_260, Some(EX)));
    assert_eq!(o.status(), OrderStatus::Filled);
    assert_eq!(o.filled_qty(), qty("1"));
    assert_eq!(o.closed_at(), 1_260);
    // (0.25 × 100 + 0.75 × 102) / 1 = 101.5
    assert_eq!(o.average_fill_price(), Some(px("101.5")));
    let last = o.fills().last().unwrap();
    assert_eq!(
        (last.trade_id, last.qty, last.price),
        (TradeId(2), qty("0.75"), px("102"))
    );
    assert_eq!(o.fills().count(), 2);
    assert_eq!(recent_ids(&order), trade_ids(&[1, 2]));
}

#[test]
fn active_duplicate_fill_is_handed_back_unchanged() {
    let mut order = active("1");
    let _ = partial(
        handle::<Active>(&mut order),
        fill(1, "0.25", "100", 1_250, None),
    );
    let before = order.clone();
    // Same trade id, even with other numbers: the trade was already counted.
    let o = duplicate(
        handle::<Active>(&mut order),
        fill(1, "0.5", "99", 1_300, None),
    );
    assert_eq!(o.state_data(), view::<Active>(&before).state_data());
    assert_eq!(o.filled_qty(), qty("0.25"));
    // The handle's borrow ends with its last use: the order can be read again.
    assert_eq!(order, before);
}

#[test]
fn active_request_cancel_to_cancelling_keeping_the_id() {
    let mut order = active("1");
    let o = handle::<Active>(&mut order).request_cancel(CANCEL_SENT);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
}

#[test]
fn active_cancelled_and_expired_keep_the_known_id() {
    let mut order = active("1");
    let o = handle::<Active>(&mut order).cancelled(Some(OTHER_EX), CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    let mut order = active("1");
    let o = handle::<Active>(&mut order).expired(None, None, CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.expiry_reason(), None);
}

#[test]
fn active_amend_quantity_up_and_down_and_price() {
    let mut order = active("1");
    let o = partial(
        handle::<Active>(&mut order),
        fill(1, "0.4", "100", 1_250, None),
    );
    let up = Amendment {
        quantity: qty("2"),
        price: Some(px("99.5")),
    };
    let o = o.amend(up, 1_260).unwrap();
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!((o.quantity(), o.price()), (qty("2"), Some(px("99.5"))));
    assert_eq!(o.remaining_qty(), qty("1.6"));
    let down = Amendment {
        quantity: qty("0.5"),
        price: None,
    };
    let o = o.amend(down, 1_270).unwrap();
    assert_eq!(o.quantity(), qty("0.5"));
    assert_eq!(o.price(), Some(px("99.5")), "no new price keeps the price");
    assert_eq!(o.filled_qty(), qty("0.4"));
    assert_eq!(o.updated_at(), 1_270);
    // Written into the record: the spec the order keeps is the amended one.
    assert_eq!(order.spec().quantity, qty("0.5"));
    assert_eq!(order.spec().price, Some(px("99.5")));
}

#[test]
fn tenth_plus_fifth_fills_exactly_three_tenths() {
    let mut order = active("0.3");
    let o = partial(
        handle::<Active>(&mut order),
        fill(1, "0.1", "100", 1_250, None),
    );
    // 0.1 + 0.2 must fill a 0.3 order exactly.
    let o = complete(o, fill(2, "0.2", "100", 1_260, None));
    assert_eq!(o.filled_qty(), qty("0.3"));
    assert_eq!(o.filled_qty().to_string(), "0.3");
}
