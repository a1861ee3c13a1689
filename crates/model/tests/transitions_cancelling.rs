//! The typed handle of an order with a cancel in flight (`OrderMut<Cancelling>`),
//! acknowledged or not: acks, fills racing the cancel, closes, the cancel's
//! rejection, amendments, and the placement's rejection.

mod common;

use common::*;
use ordertrack_model::{
    AmendError, Amendment, CancelRejected, Cancelling, ExpiryReason, FailReason, OrderStatus,
    Placing, RejectError,
};

#[test]
fn cancelling_ack_learns_the_exchange_id() {
    let mut order = cancelling_unacked("1");
    let o = handle::<Cancelling>(&mut order).acknowledge(EX, 1_350);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
    assert_eq!(o.updated_at(), 1_350);
}

#[test]
fn cancelling_ack_keeps_an_id_already_known() {
    let mut order = cancelling_acked("1");
    let o = handle::<Cancelling>(&mut order).acknowledge(OTHER_EX, 1_350);
    assert_eq!(o.exchange_id(), Some(EX));
}

#[test]
fn cancelling_partial_fill_stays_cancelling() {
    // Acked: keeps its id.
    let mut order = cancelling_acked("1");
    let o = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_350, Some(EX)),
    );
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.filled_qty(), qty("0.3"));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);

    // Not acked, the fill names the id: learned.
    let mut order = cancelling_unacked("1");
    let o = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_350, Some(EX)),
    );
    assert_eq!(o.exchange_id(), Some(EX));

    // Not acked, the fill names none: still unknown, the fill still counts.
    let mut order = cancelling_unacked("1");
    let o = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_350, None),
    );
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.filled_qty(), qty("0.3"));
}

#[test]
fn cancelling_complete_fill_to_filled() {
    for (mut order, id) in [
        (cancelling_acked("1"), None),
        (cancelling_unacked("1"), Some(EX)),
    ] {
        let o = complete(
            handle::<Cancelling>(&mut order),
            fill(1, "1", "100", 1_350, id),
        );
        assert_eq!(o.status(), OrderStatus::Filled);
        assert_eq!(o.exchange_id(), EX);
        assert_eq!(o.closed_at(), 1_350);
    }
}

#[test]
fn cancelling_duplicate_fill_is_handed_back_unchanged() {
    let mut order = cancelling_acked("1");
    let _ = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_350, None),
    );
    let before = order.clone();
    let o = duplicate(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_360, None),
    );
    assert_eq!(o.state_data(), view::<Cancelling>(&before).state_data());
    // The handle's borrow ends with its last use: the order can be read again.
    assert_eq!(order, before);
}

#[test]
fn cancelling_cancelled_and_expired() {
    let mut order = cancelling_acked("1");
    let o = handle::<Cancelling>(&mut order).cancelled(None, CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    let mut order = cancelling_unacked("1");
    let o = handle::<Cancelling>(&mut order).cancelled(Some(EX), CLOSED);
    assert_eq!(o.exchange_id(), Some(EX), "learned from the report");
    let mut order = cancelling_unacked("1");
    let o = handle::<Cancelling>(&mut order).expired(None, Some(ExpiryReason(3)), CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(3)));
}

#[test]
fn cancel_rejected_returns_to_active_when_acked() {
    let mut order = active("1");
    let fills_before = *order.fills();
    let CancelRejected::Active(o) = handle::<ordertrack_model::Active>(&mut order)
        .request_cancel(CANCEL_SENT)
        .cancel_rejected(1_350)
    else {
        panic!("expected a return to Active");
    };
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.updated_at(), 1_350);
    assert_eq!(o.fills(), &fills_before);
}

#[test]
fn cancel_rejected_returns_to_placing_when_never_acked_with_its_placement_data() {
    let mut order = placing("1");
    let CancelRejected::Placing(o) = handle::<Placing>(&mut order)
        .mark_in_doubt(1_150)
        .request_cancel(CANCEL_SENT)
        .cancel_rejected(1_350)
    else {
        panic!("expected a return to Placing");
    };
    assert_eq!(o.status(), OrderStatus::Placing);
    assert_eq!(o.sent_at(), PLACED);
    assert_eq!(o.in_doubt_since(), Some(1_150));
    assert_eq!(o.updated_at(), 1_350);
    // From Placing, a definitive rejection fails it.
    let o = o.reject(FailReason::Rejected, 1_400).unwrap();
    assert_eq!(o.status(), OrderStatus::Failed);
}

#[test]
fn fills_survive_a_return_to_placing_and_are_still_deduplicated() {
    // A cancel before the ack, a fill that names no exchange id, then the cancel
    // is rejected: the order is Placing again, with the fill.
    let mut order = cancelling_unacked("1");
    let o = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_350, None),
    );
    let CancelRejected::Placing(o) = o.cancel_rejected(1_360) else {
        panic!("expected a return to Placing");
    };
    assert_eq!(o.filled_qty(), qty("0.3"));
    let before = order.clone();
    let o = duplicate(
        handle::<Placing>(&mut order),
        fill(1, "0.3", "100", 1_370, Some(EX)),
    );
    assert_eq!(o.filled_qty(), qty("0.3"));
    // The handle's borrow ends with its last use: the order can be read again.
    assert_eq!(order, before);
}

#[test]
fn cancelling_amend() {
    let mut order = cancelling_acked("1");
    let o = handle::<Cancelling>(&mut order)
        .amend(
            Amendment {
                quantity: qty("3"),
                price: Some(px("101")),
            },
            1_350,
        )
        .unwrap();
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!((o.quantity(), o.price()), (qty("3"), Some(px("101"))));
}

#[test]
fn cancelling_never_acknowledged_refuses_an_amendment() {
    // The cancel was sent before any ack: the exchange cannot have amended it.
    let mut order = cancelling_unacked("1");
    let error = refused_on::<Cancelling, _>(&mut order, |o| {
        o.amend(
            Amendment {
                quantity: qty("3"),
                price: Some(px("101")),
            },
            1_350,
        )
        .map(drop)
    });
    assert_eq!(error, AmendError::NotAcknowledged);
    // Once an ack names the id, the same amendment applies.
    let _ = handle::<Cancelling>(&mut order).acknowledge(EX, 1_340);
    let o = handle::<Cancelling>(&mut order)
        .amend(
            Amendment {
                quantity: qty("3"),
                price: None,
            },
            1_350,
        )
        .unwrap();
    assert_eq!(o.quantity(), qty("3"));
}

#[test]
fn cancelling_never_acknowledged_reject_to_failed() {
    for reason in [
        FailReason::Rejected,
        FailReason::ExchangeError { code: -1111 },
    ] {
        let mut order = cancelling_unacked("1");
        let o = handle::<Cancelling>(&mut order)
            .reject(reason, 1_350)
            .expect("a cancel-before-ack order can still be rejected");
        assert_eq!(o.status(), OrderStatus::Failed);
        assert_eq!(o.fail_reason(), reason);
        assert_eq!(o.exchange_id(), None);
        assert_eq!(o.closed_at(), 1_350);
        assert_eq!(o.updated_at(), 1_350);
    }
}

#[test]
fn cancelling_acknowledged_refuses_a_reject() {
    // Acknowledged before the cancel, or after it (an ack that names the id):
    // the exchange accepted the placement.
    let mut learned = cancelling_unacked("1");
    let _ = handle::<Cancelling>(&mut learned).acknowledge(EX, 1_340);
    for mut order in [cancelling_acked("1"), learned] {
        let error = refused_on::<Cancelling, _>(&mut order, |o| {
            o.reject(FailReason::Rejected, 1_350).map(drop)
        });
        assert_eq!(error, RejectError::Acknowledged { exchange_id: EX });
    }
    // A fill that named the id is as good as an ack.
    let mut order = cancelling_unacked("1");
    let _ = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.3", "100", 1_340, Some(EX)),
    );
    let error = refused_on::<Cancelling, _>(&mut order, |o| {
        o.reject(FailReason::ExchangeError { code: -2019 }, 1_350)
            .map(drop)
    });
    assert_eq!(error, RejectError::Acknowledged { exchange_id: EX });
}
