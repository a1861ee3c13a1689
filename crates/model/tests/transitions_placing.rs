//! The typed handles of an order not yet acknowledged: `OrderMut<Idle>` and
//! `OrderMut<Placing>`, every legal transition and what it does to the order's
//! data, written in place in the `AnyOrder`.

mod common;

use common::*;
use ordertrack_model::{
    Active, CancelRejected, ExpiryReason, FailReason, Idle, OrderStatus, Placing, Qty,
};

#[test]
fn idle_place_to_placing() {
    let mut order = idle("1");
    let o = handle::<Idle>(&mut order).place(PLACED);
    assert_eq!(o.status(), OrderStatus::Placing);
    assert_eq!(o.sent_at(), PLACED);
    assert_eq!(o.in_doubt_since(), None);
    assert_eq!(o.updated_at(), PLACED);
    assert_eq!(o.spec(), &spec("1"));
    // Written in place: the record itself is Placing now.
    assert_eq!(order.status(), OrderStatus::Placing);
    assert!(order.view::<Idle>().is_none());
}

#[test]
fn placing_ack_to_active_with_exchange_id() {
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).acknowledge(EX, ACKED);
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.updated_at(), ACKED);
    assert_eq!(o.filled_qty(), Qty::ZERO);
    assert_eq!(order.exchange_id(), Some(EX));
}

#[test]
fn placing_partial_fill_before_ack_to_active_with_the_fills_exchange_id() {
    let mut order = placing("1");
    let o = partial(
        handle::<Placing>(&mut order),
        fill(1, "0.4", "100", 1_150, Some(EX)),
    );
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.filled_qty(), qty("0.4"));
    assert_eq!(o.remaining_qty(), qty("0.6"));
    assert_eq!(o.updated_at(), 1_150);
    assert_eq!(order.status(), OrderStatus::Active);
}

#[test]
fn placing_complete_fill_before_ack_to_filled_with_the_fills_exchange_id() {
    let mut order = placing("1");
    let o = complete(
        handle::<Placing>(&mut order),
        fill(1, "1", "100", 1_150, Some(EX)),
    );
    assert_eq!(o.status(), OrderStatus::Filled);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.closed_at(), 1_150);
    assert_eq!(o.filled_qty(), qty("1"));
    assert_eq!(o.remaining_qty(), Qty::ZERO);
}

#[test]
fn placing_reject_to_failed_with_reason() {
    for reason in [
        FailReason::Rejected,
        FailReason::ExchangeError { code: -2019 },
    ] {
        let mut order = placing("1");
        let o = handle::<Placing>(&mut order)
            .reject(reason, 1_150)
            .expect("a placement never acknowledged is always rejected");
        assert_eq!(o.status(), OrderStatus::Failed);
        assert_eq!(o.fail_reason(), reason);
        assert_eq!(o.exchange_id(), None);
        assert_eq!(o.closed_at(), 1_150);
        assert_eq!(o.updated_at(), 1_150);
    }
}

#[test]
fn placing_request_cancel_to_cancelling_without_exchange_id() {
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).request_cancel(CANCEL_SENT);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
    assert_eq!(o.state_data().placing.sent_at, PLACED);
    assert_eq!(o.updated_at(), CANCEL_SENT);
}

#[test]
fn an_acknowledged_order_keeps_its_send_time_through_a_cancel_and_its_rejection() {
    let mut order = active("1");
    let active = handle::<Active>(&mut order);
    assert_eq!(active.state_data().sent_at, PLACED);
    let cancelling = active.request_cancel(CANCEL_SENT);
    // The time it was sent, not the time it was created.
    assert_eq!(cancelling.state_data().placing.sent_at, PLACED);
    let CancelRejected::Active(back) = cancelling.cancel_rejected(CANCEL_SENT + 1) else {
        panic!("an acknowledged order goes back to Active");
    };
    assert_eq!(back.state_data().sent_at, PLACED);
}

#[test]
fn placing_cancelled_to_cancelled_learning_the_reported_id() {
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).cancelled(Some(EX), CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.closed_at(), CLOSED);
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).cancelled(None, CLOSED);
    assert_eq!(o.exchange_id(), None);
}

#[test]
fn placing_expired_to_expired_with_reason() {
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).expired(Some(EX), Some(ExpiryReason(8)), CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(8)));
    assert_eq!(o.closed_at(), CLOSED);
}

#[test]
fn placing_mark_in_doubt_stays_placing_and_keeps_the_first_time() {
    let mut order = placing("1");
    let o = handle::<Placing>(&mut order).mark_in_doubt(1_150);
    assert_eq!(o.status(), OrderStatus::Placing);
    assert_eq!(o.in_doubt_since(), Some(1_150));
    assert_eq!(o.sent_at(), PLACED);
    let o = o.mark_in_doubt(1_180);
    assert_eq!(
        o.in_doubt_since(),
        Some(1_150),
        "the first in-doubt time is kept"
    );
    assert_eq!(o.updated_at(), 1_180);
    // The feed settles it: the ack makes it Active.
    let o = o.acknowledge(EX, ACKED);
    assert_eq!(o.exchange_id(), EX);
}

#[test]
fn views_exist_only_in_their_state_and_read_what_the_handle_wrote() {
    let mut order = placing("1");
    let _ = handle::<Placing>(&mut order).mark_in_doubt(1_150);
    let placing = view::<Placing>(&order);
    assert_eq!(placing.sent_at(), PLACED);
    assert_eq!(placing.in_doubt_since(), Some(1_150));
    assert_eq!(placing.state(), order.state());
    assert!(order.view::<Active>().is_none());
    assert!(order.view_mut::<Idle>().is_none());
    assert_eq!(order.in_doubt_since(), Some(1_150));
}
