//! The typed handles of terminal orders: late fills on `OrderMut<Cancelled>`,
//! `<Expired>` and `<Failed>`, what a terminal order keeps, and time through a
//! chain of typed transitions.

mod common;

use common::*;
use ordertrack_model::{
    Cancelled, ExchangeOrderId, Expired, ExpiryReason, FailReason, Failed, Filled, Idle,
    OrderStatus, TradeId,
};

#[test]
fn late_fill_is_accounted_and_the_order_stays_terminal() {
    let f = fill(9, "0.2", "105", 1_500, Some(EX));

    let mut order = cancelled("1");
    let o = accounted(handle::<Cancelled>(&mut order), f);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.average_fill_price(), Some(px("105")));
    assert_eq!(o.fills().last().unwrap().trade_id, TradeId(9));
    assert_eq!(o.closed_at(), CLOSED, "closing time unchanged");
    assert_eq!(o.updated_at(), 1_500);

    let mut order = expired("1");
    let o = accounted(handle::<Expired>(&mut order), f);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(7)));

    // Failed never knew its id: the late fill names it.
    let mut order = failed("1");
    let o = accounted(handle::<Failed>(&mut order), f);
    assert_eq!(o.status(), OrderStatus::Failed);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.fail_reason(), FailReason::ExchangeError { code: -2019 });

    // No id on either side: still accounted, id still unknown.
    let mut order = failed("1");
    let o = accounted(
        handle::<Failed>(&mut order),
        fill(9, "0.2", "105", 1_500, None),
    );
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.filled_qty(), qty("0.2"));
}

#[test]
fn late_fill_duplicate_is_handed_back_unchanged() {
    let mut order = cancelled("1");
    let _ = accounted(
        handle::<Cancelled>(&mut order),
        fill(9, "0.2", "105", 1_500, Some(EX)),
    );
    let before = order.clone();
    let o = late_duplicate(
        handle::<Cancelled>(&mut order),
        fill(9, "0.2", "105", 1_600, None),
    );
    assert_eq!(o.state_data(), view::<Cancelled>(&before).state_data());
    // The handle's borrow ends with its last use: the order can be read again.
    assert_eq!(order, before);
}

#[test]
fn terminal_orders_keep_what_they_knew() {
    let order = filled("1");
    let o = view::<Filled>(&order);
    assert_eq!(o.status(), OrderStatus::Filled);
    assert!(o.status().is_terminal());
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.closed_at(), CLOSED);
    assert_eq!(view::<Cancelled>(&cancelled("1")).exchange_id(), Some(EX));
    assert_eq!(
        view::<Expired>(&expired("1")).expiry_reason(),
        Some(ExpiryReason(7))
    );
    assert_eq!(
        view::<Failed>(&failed("1")).fail_reason(),
        FailReason::ExchangeError { code: -2019 }
    );
    for status in [
        cancelled("1").status(),
        expired("1").status(),
        failed("1").status(),
    ] {
        assert!(status.is_terminal() && !status.is_live(), "{status}");
    }
}

#[test]
fn updated_at_never_moves_backwards_through_typed_transitions() {
    // Every step is given an earlier time than the last.
    let mut order = idle("1");
    let o = handle::<Idle>(&mut order).place(900);
    assert_eq!(o.updated_at(), CREATED);
    let o = o.mark_in_doubt(950);
    assert_eq!(o.updated_at(), CREATED);
    let o = o.acknowledge(ExchangeOrderId(1), 5_000);
    assert_eq!(o.updated_at(), 5_000);
    let o = partial(o, fill(1, "0.1", "100", 4_000, None));
    assert_eq!(o.updated_at(), 5_000);
    let o = o.request_cancel(3_000);
    assert_eq!(o.updated_at(), 5_000);
    let o = o.cancelled(None, 2_000);
    assert_eq!(o.updated_at(), 5_000);
    assert_eq!(o.closed_at(), 2_000, "the closing time is the event's own");
}
