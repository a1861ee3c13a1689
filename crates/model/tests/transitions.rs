//! The typestate API: every legal transition of the table, what each does to the
//! order's data, and every typed error (`OrderError`, `FillError`, `AmendError`)
//! with the order handed back exactly as it was.

mod common;

use common::*;
use ordertrack_model::{
    AmendError, Amendment, CancelRejected, ExchangeOrderId, ExpiryReason, FailReason, FillError,
    FillOutcome, LateFillOutcome, MAX_LEVERAGE, NewOrder, Order, OrderError, OrderStatus,
    OrderType, Origin, ParentId, Qty, SubAccountId, TradeId,
};

// ---------------------------------------------------------------- construction

#[test]
fn new_order_is_idle_with_every_field_of_the_spec() {
    let spec = NewOrder {
        reduce_only: true,
        leverage: 20,
        parent: Some(ParentId::new("twap-42").unwrap()),
        ..spec("0.3")
    };
    let o = Order::new(spec).unwrap();
    assert_eq!(o.status(), OrderStatus::Idle);
    assert_eq!(o.spec(), &spec);
    assert_eq!(o.client_id(), cid());
    assert_eq!(o.sub_account(), sub());
    assert_eq!(o.symbol(), btc());
    assert_eq!(o.side(), ordertrack_model::Side::Buy);
    assert_eq!(o.order_type(), OrderType::Limit);
    assert_eq!(o.quantity(), qty("0.3"));
    assert_eq!(o.price(), Some(px("100")));
    assert!(o.reduce_only());
    assert_eq!(o.origin(), Some(Origin::Chase));
    assert_eq!(o.parent(), Some(ParentId::new("twap-42").unwrap()));
    assert_eq!(o.leverage(), 20);
    assert_eq!(o.created_at(), CREATED);
    assert_eq!(o.updated_at(), CREATED);
    assert_eq!(o.filled_qty(), Qty::ZERO);
    assert_eq!(o.remaining_qty(), qty("0.3"));
    assert_eq!(o.average_fill_price(), None);
    assert_eq!(o.fills().last(), None);
}

#[test]
fn order_error_zero_quantity() {
    let err = Order::new(NewOrder {
        quantity: Qty::ZERO,
        ..spec("1")
    })
    .unwrap_err();
    assert_eq!(err, OrderError::ZeroQuantity { client_id: cid() });
}

#[test]
fn order_error_missing_price_for_every_priced_type_only() {
    for order_type in OrderType::ALL {
        let result = Order::new(NewOrder {
            order_type,
            price: None,
            ..spec("1")
        });
        if order_type.requires_price() {
            assert_eq!(
                result.unwrap_err(),
                OrderError::MissingPrice {
                    client_id: cid(),
                    order_type
                },
                "{order_type}"
            );
        } else {
            assert!(result.is_ok(), "{order_type} needs no price");
        }
    }
    // The three that need one.
    assert!(OrderType::Stop.requires_price() && OrderType::TakeProfit.requires_price());
}

#[test]
fn order_error_leverage_out_of_range() {
    for leverage in [0, MAX_LEVERAGE + 1, u16::MAX] {
        assert_eq!(
            Order::new(NewOrder {
                leverage,
                ..spec("1")
            })
            .unwrap_err(),
            OrderError::LeverageOutOfRange {
                client_id: cid(),
                leverage
            }
        );
    }
    for leverage in [1, MAX_LEVERAGE] {
        assert!(
            Order::new(NewOrder {
                leverage,
                ..spec("1")
            })
            .is_ok()
        );
    }
}

#[test]
fn order_error_pms_id_of_another_sub_account_or_origin() {
    let other = SubAccountId::new("ffffffff-0000").unwrap();
    assert_eq!(
        Order::new(NewOrder {
            sub_account: other,
            ..spec("1")
        })
        .unwrap_err(),
        OrderError::SubAccountMismatch {
            client_id: cid(),
            sub_account: other
        }
    );
    assert_eq!(
        Order::new(NewOrder {
            origin: Some(Origin::Twap),
            ..spec("1")
        })
        .unwrap_err(),
        OrderError::OriginMismatch {
            client_id: cid(),
            origin: Some(Origin::Twap)
        }
    );
    // A sub-account sharing the 8-character prefix routes to the same place: accepted.
    let same_prefix = SubAccountId::new("3f2a9c1e-something-else").unwrap();
    assert!(
        Order::new(NewOrder {
            sub_account: same_prefix,
            ..spec("1")
        })
        .is_ok()
    );
}

#[test]
fn foreign_client_ids_are_not_checked_against_sub_account_or_origin() {
    let foreign = ordertrack_model::ClientOrderId::new("autoclose-1764000000123").unwrap();
    let o = Order::new(NewOrder {
        client_id: foreign,
        origin: Some(Origin::Manual),
        ..spec("1")
    })
    .unwrap();
    assert_eq!(o.client_id(), foreign);
}

// ---------------------------------------------------------------- Idle

#[test]
fn idle_place_to_placing() {
    let o = idle("1").place(PLACED);
    assert_eq!(o.status(), OrderStatus::Placing);
    assert_eq!(o.sent_at(), PLACED);
    assert_eq!(o.in_doubt_since(), None);
    assert_eq!(o.updated_at(), PLACED);
    assert_eq!(o.spec(), &spec("1"));
}

// ---------------------------------------------------------------- Placing

#[test]
fn placing_ack_to_active_with_exchange_id() {
    let o = placing("1").acknowledge(EX, ACKED);
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.updated_at(), ACKED);
    assert_eq!(o.filled_qty(), Qty::ZERO);
}

#[test]
fn placing_partial_fill_before_ack_to_active_with_the_fills_exchange_id() {
    let outcome = placing("1")
        .fill(fill(1, "0.4", "100", 1_150, Some(EX)))
        .unwrap();
    let FillOutcome::Partial(o) = outcome else {
        panic!("expected a partial fill, got {outcome:?}");
    };
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.filled_qty(), qty("0.4"));
    assert_eq!(o.remaining_qty(), qty("0.6"));
    assert_eq!(o.updated_at(), 1_150);
}

#[test]
fn placing_complete_fill_before_ack_to_filled_with_the_fills_exchange_id() {
    let outcome = placing("1")
        .fill(fill(1, "1", "100", 1_150, Some(EX)))
        .unwrap();
    let FillOutcome::Complete(o) = outcome else {
        panic!("expected a complete fill, got {outcome:?}");
    };
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
        let o = placing("1").reject(reason, 1_150);
        assert_eq!(o.status(), OrderStatus::Failed);
        assert_eq!(o.fail_reason(), reason);
        assert_eq!(o.exchange_id(), None);
        assert_eq!(o.closed_at(), 1_150);
        assert_eq!(o.updated_at(), 1_150);
    }
}

#[test]
fn placing_request_cancel_to_cancelling_without_exchange_id() {
    let o = placing("1").request_cancel(CANCEL_SENT);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
    assert_eq!(o.state_data().placing.sent_at, PLACED);
    assert_eq!(o.updated_at(), CANCEL_SENT);
}

#[test]
fn an_acknowledged_order_keeps_its_send_time_through_a_cancel_and_its_rejection() {
    let active = active("1");
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
    let o = placing("1").cancelled(Some(EX), CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.closed_at(), CLOSED);
    let o = placing("1").cancelled(None, CLOSED);
    assert_eq!(o.exchange_id(), None);
}

#[test]
fn placing_expired_to_expired_with_reason() {
    let o = placing("1").expired(Some(EX), Some(ExpiryReason(8)), CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(8)));
    assert_eq!(o.closed_at(), CLOSED);
}

#[test]
fn placing_mark_in_doubt_stays_placing_and_keeps_the_first_time() {
    let o = placing("1").mark_in_doubt(1_150);
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

// ---------------------------------------------------------------- Active

#[test]
fn active_partial_then_complete_fill() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.25", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(
        o.exchange_id(),
        EX,
        "a fill without an id keeps the known one"
    );
    assert_eq!(o.filled_qty(), qty("0.25"));
    let FillOutcome::Complete(o) = o.fill(fill(2, "0.75", "102", 1_260, Some(EX))).unwrap() else {
        panic!("expected a complete fill");
    };
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
    assert_eq!(o.fills().trade_ids(), &[TradeId(1), TradeId(2)]);
}

#[test]
fn active_duplicate_fill_is_handed_back_unchanged() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.25", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let before = o.clone();
    // Same trade id, even with other numbers: the trade was already counted.
    let FillOutcome::Duplicate(o) = o.fill(fill(1, "0.5", "99", 1_300, None)).unwrap() else {
        panic!("expected a duplicate");
    };
    assert_eq!(o, before);
}

#[test]
fn active_request_cancel_to_cancelling_keeping_the_id() {
    let o = active("1").request_cancel(CANCEL_SENT);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
}

#[test]
fn active_cancelled_and_expired_keep_the_known_id() {
    let o = active("1").cancelled(Some(OTHER_EX), CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    let o = active("1").expired(None, None, CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.expiry_reason(), None);
}

#[test]
fn active_amend_quantity_up_and_down_and_price() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.4", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
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
}

// ---------------------------------------------------------------- Cancelling

#[test]
fn cancelling_ack_learns_the_exchange_id() {
    let o = cancelling_unacked("1").acknowledge(EX, 1_350);
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);
    assert_eq!(o.updated_at(), 1_350);
}

#[test]
fn cancelling_ack_keeps_an_id_already_known() {
    let o = cancelling_acked("1").acknowledge(OTHER_EX, 1_350);
    assert_eq!(o.exchange_id(), Some(EX));
}

#[test]
fn cancelling_partial_fill_stays_cancelling() {
    // Acked: keeps its id.
    let FillOutcome::Partial(o) = cancelling_acked("1")
        .fill(fill(1, "0.3", "100", 1_350, Some(EX)))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    assert_eq!(o.status(), OrderStatus::Cancelling);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.filled_qty(), qty("0.3"));
    assert_eq!(o.cancel_requested_at(), CANCEL_SENT);

    // Not acked, the fill names the id: learned.
    let FillOutcome::Partial(o) = cancelling_unacked("1")
        .fill(fill(1, "0.3", "100", 1_350, Some(EX)))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    assert_eq!(o.exchange_id(), Some(EX));

    // Not acked, the fill names none: still unknown, the fill still counts.
    let FillOutcome::Partial(o) = cancelling_unacked("1")
        .fill(fill(1, "0.3", "100", 1_350, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.filled_qty(), qty("0.3"));
}

#[test]
fn cancelling_complete_fill_to_filled() {
    for (o, id) in [
        (cancelling_acked("1"), None),
        (cancelling_unacked("1"), Some(EX)),
    ] {
        let FillOutcome::Complete(o) = o.fill(fill(1, "1", "100", 1_350, id)).unwrap() else {
            panic!("expected a complete fill");
        };
        assert_eq!(o.status(), OrderStatus::Filled);
        assert_eq!(o.exchange_id(), EX);
        assert_eq!(o.closed_at(), 1_350);
    }
}

#[test]
fn cancelling_duplicate_fill_is_handed_back_unchanged() {
    let FillOutcome::Partial(o) = cancelling_acked("1")
        .fill(fill(1, "0.3", "100", 1_350, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let before = o.clone();
    let FillOutcome::Duplicate(o) = o.fill(fill(1, "0.3", "100", 1_360, None)).unwrap() else {
        panic!("expected a duplicate");
    };
    assert_eq!(o, before);
}

#[test]
fn cancelling_cancelled_and_expired() {
    let o = cancelling_acked("1").cancelled(None, CLOSED);
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.exchange_id(), Some(EX));
    let o = cancelling_unacked("1").cancelled(Some(EX), CLOSED);
    assert_eq!(o.exchange_id(), Some(EX), "learned from the report");
    let o = cancelling_unacked("1").expired(None, Some(ExpiryReason(3)), CLOSED);
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(3)));
}

#[test]
fn cancel_rejected_returns_to_active_when_acked() {
    let before = active("1");
    let CancelRejected::Active(o) = before
        .clone()
        .request_cancel(CANCEL_SENT)
        .cancel_rejected(1_350)
    else {
        panic!("expected a return to Active");
    };
    assert_eq!(o.status(), OrderStatus::Active);
    assert_eq!(o.exchange_id(), EX);
    assert_eq!(o.updated_at(), 1_350);
    assert_eq!(o.fills(), before.fills());
}

#[test]
fn cancel_rejected_returns_to_placing_when_never_acked_with_its_placement_data() {
    let CancelRejected::Placing(o) = placing("1")
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
    let o = o.reject(FailReason::Rejected, 1_400);
    assert_eq!(o.status(), OrderStatus::Failed);
}

#[test]
fn fills_survive_a_return_to_placing_and_are_still_deduplicated() {
    // A cancel before the ack, a fill that names no exchange id, then the cancel
    // is rejected: the order is Placing again, with the fill.
    let FillOutcome::Partial(o) = cancelling_unacked("1")
        .fill(fill(1, "0.3", "100", 1_350, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let CancelRejected::Placing(o) = o.cancel_rejected(1_360) else {
        panic!("expected a return to Placing");
    };
    assert_eq!(o.filled_qty(), qty("0.3"));
    let before = o.clone();
    let FillOutcome::Duplicate(o) = o.fill(fill(1, "0.3", "100", 1_370, Some(EX))).unwrap() else {
        panic!("expected a duplicate");
    };
    assert_eq!(o, before);
}

#[test]
fn cancelling_amend() {
    let o = cancelling_acked("1")
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

// ---------------------------------------------------------------- terminal

#[test]
fn late_fill_is_accounted_and_the_order_stays_terminal() {
    let f = fill(9, "0.2", "105", 1_500, Some(EX));

    let LateFillOutcome::Accounted(o) = cancelled("1").late_fill(f).unwrap() else {
        panic!("expected an accounted late fill");
    };
    assert_eq!(o.status(), OrderStatus::Cancelled);
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.average_fill_price(), Some(px("105")));
    assert_eq!(o.fills().last().unwrap().trade_id, TradeId(9));
    assert_eq!(o.closed_at(), CLOSED, "closing time unchanged");
    assert_eq!(o.updated_at(), 1_500);

    let LateFillOutcome::Accounted(o) = expired("1").late_fill(f).unwrap() else {
        panic!("expected an accounted late fill");
    };
    assert_eq!(o.status(), OrderStatus::Expired);
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.expiry_reason(), Some(ExpiryReason(7)));

    // Failed never knew its id: the late fill names it.
    let LateFillOutcome::Accounted(o) = failed("1").late_fill(f).unwrap() else {
        panic!("expected an accounted late fill");
    };
    assert_eq!(o.status(), OrderStatus::Failed);
    assert_eq!(o.exchange_id(), Some(EX));
    assert_eq!(o.filled_qty(), qty("0.2"));
    assert_eq!(o.fail_reason(), FailReason::ExchangeError { code: -2019 });

    // No id on either side: still accounted, id still unknown.
    let LateFillOutcome::Accounted(o) = failed("1")
        .late_fill(fill(9, "0.2", "105", 1_500, None))
        .unwrap()
    else {
        panic!("expected an accounted late fill");
    };
    assert_eq!(o.exchange_id(), None);
    assert_eq!(o.filled_qty(), qty("0.2"));
}

#[test]
fn late_fill_duplicate_is_handed_back_unchanged() {
    let LateFillOutcome::Accounted(o) = cancelled("1")
        .late_fill(fill(9, "0.2", "105", 1_500, Some(EX)))
        .unwrap()
    else {
        panic!("expected an accounted late fill");
    };
    let before = o.clone();
    let LateFillOutcome::Duplicate(o) = o.late_fill(fill(9, "0.2", "105", 1_600, None)).unwrap()
    else {
        panic!("expected a duplicate");
    };
    assert_eq!(o, before);
}

#[test]
fn terminal_orders_keep_what_they_knew() {
    let o = filled("1");
    assert_eq!(o.status(), OrderStatus::Filled);
    assert!(o.status().is_terminal());
    assert_eq!(o.exchange_id(), EX);
    for status in [
        cancelled("1").status(),
        expired("1").status(),
        failed("1").status(),
    ] {
        assert!(status.is_terminal() && !status.is_live(), "{status}");
    }
}

// ---------------------------------------------------------------- FillError

#[test]
fn fill_error_zero_qty_leaves_the_order_unchanged() {
    let o = active("1");
    let before = o.clone();
    let refused = o.fill(fill(1, "0", "100", 1_250, None)).unwrap_err();
    assert_eq!(
        refused.error,
        FillError::ZeroQty {
            trade_id: TradeId(1)
        }
    );
    assert_eq!(refused.order, before);

    let o = cancelled("1");
    let before = o.clone();
    let refused = o.late_fill(fill(1, "0", "100", 1_500, None)).unwrap_err();
    assert!(matches!(refused.error, FillError::ZeroQty { .. }));
    assert_eq!(refused.order, before);
}

#[test]
fn fill_error_overfill_leaves_the_order_unchanged() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.7", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let before = o.clone();
    let refused = o
        .fill(fill(2, "0.30000001", "100", 1_260, None))
        .unwrap_err();
    assert_eq!(
        refused.error,
        FillError::Overfill {
            trade_id: TradeId(2),
            fill_qty: qty("0.30000001"),
            filled: qty("0.7"),
            quantity: qty("1"),
        }
    );
    assert_eq!(refused.order, before);

    // The exact remainder is fine.
    let FillOutcome::Complete(_) = refused
        .order
        .fill(fill(2, "0.3", "100", 1_260, None))
        .unwrap()
    else {
        panic!("the exact remainder completes the order");
    };
}

#[test]
fn fill_error_overfill_on_placing_and_cancelling() {
    let o = placing("1");
    let before = o.clone();
    let refused = o.fill(fill(1, "1.5", "100", 1_150, Some(EX))).unwrap_err();
    assert!(matches!(refused.error, FillError::Overfill { .. }));
    assert_eq!(refused.order, before);

    let o = cancelling_acked("1");
    let before = o.clone();
    let refused = o.fill(fill(1, "2", "100", 1_350, None)).unwrap_err();
    assert!(matches!(refused.error, FillError::Overfill { .. }));
    assert_eq!(refused.order, before);
}

#[test]
fn fill_error_late_fill_overfill_leaves_the_order_unchanged() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.8", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let overfill = FillError::Overfill {
        trade_id: TradeId(2),
        fill_qty: qty("0.3"),
        filled: qty("0.8"),
        quantity: qty("1"),
    };
    let late = fill(2, "0.3", "100", 1_500, None);

    let c = o.clone().cancelled(None, CLOSED);
    let before = c.clone();
    let refused = c.late_fill(late).unwrap_err();
    assert_eq!((refused.error, refused.order), (overfill.clone(), before));

    let e = o.clone().expired(None, None, CLOSED);
    let before = e.clone();
    let refused = e.late_fill(late).unwrap_err();
    assert_eq!((refused.error, refused.order), (overfill.clone(), before));

    let f = o.request_cancel(CANCEL_SENT).cancelled(None, CLOSED);
    let before = f.clone();
    let refused = f.late_fill(late).unwrap_err();
    assert_eq!((refused.error, refused.order), (overfill, before));

    let f = failed("0.1");
    let before = f.clone();
    let refused = f.late_fill(fill(2, "0.2", "100", 1_500, None)).unwrap_err();
    assert!(matches!(refused.error, FillError::Overfill { .. }));
    assert_eq!(refused.order, before);
}

#[test]
fn fill_error_missing_exchange_id_leaves_the_order_unchanged() {
    // Placing: a fill must name the order, whose id it gives.
    let o = placing("1");
    let before = o.clone();
    let refused = o.fill(fill(1, "0.5", "100", 1_150, None)).unwrap_err();
    assert_eq!(
        refused.error,
        FillError::MissingExchangeId {
            trade_id: TradeId(1)
        }
    );
    assert_eq!(refused.order, before);
    let refused = before
        .clone()
        .fill(fill(1, "1", "100", 1_150, None))
        .unwrap_err();
    assert!(matches!(refused.error, FillError::MissingExchangeId { .. }));
    assert_eq!(refused.order, before);

    // Cancelling before the ack: a partial fill can wait for the id, but a
    // complete one cannot make a Filled order without it.
    let o = cancelling_unacked("1");
    let before = o.clone();
    let refused = o.fill(fill(1, "1", "100", 1_350, None)).unwrap_err();
    assert!(matches!(refused.error, FillError::MissingExchangeId { .. }));
    assert_eq!(refused.order, before);
}

#[test]
fn fill_error_exchange_id_mismatch_leaves_the_order_unchanged() {
    let mismatch = FillError::ExchangeIdMismatch {
        trade_id: TradeId(1),
        known: EX,
        reported: OTHER_EX,
    };
    let o = active("1");
    let before = o.clone();
    let refused = o
        .fill(fill(1, "0.5", "100", 1_250, Some(OTHER_EX)))
        .unwrap_err();
    assert_eq!(refused.error, mismatch);
    assert_eq!(refused.order, before);
    // Also on the completing fill.
    let refused = before
        .clone()
        .fill(fill(1, "1", "100", 1_250, Some(OTHER_EX)))
        .unwrap_err();
    assert_eq!(refused.error, mismatch);
    assert_eq!(refused.order, before);

    let o = cancelling_acked("1");
    let before = o.clone();
    let refused = o
        .fill(fill(1, "0.5", "100", 1_350, Some(OTHER_EX)))
        .unwrap_err();
    assert_eq!(refused.error, mismatch);
    assert_eq!(refused.order, before);

    let o = cancelled("1");
    let before = o.clone();
    let refused = o
        .late_fill(fill(1, "0.5", "100", 1_500, Some(OTHER_EX)))
        .unwrap_err();
    assert_eq!(refused.error, mismatch);
    assert_eq!(refused.order, before);
}

// ---------------------------------------------------------------- AmendError

#[test]
fn amend_error_quantity_not_above_filled_leaves_the_order_unchanged() {
    let FillOutcome::Partial(o) = active("1")
        .fill(fill(1, "0.4", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    for quantity in ["0.3", "0.4"] {
        let before = o.clone();
        let refused = o
            .clone()
            .amend(
                Amendment {
                    quantity: qty(quantity),
                    price: Some(px("1")),
                },
                1_260,
            )
            .unwrap_err();
        assert_eq!(
            refused.error,
            AmendError::QuantityBelowFilled {
                quantity: qty(quantity),
                filled: qty("0.4")
            }
        );
        assert_eq!(refused.order, before);
    }

    let o = cancelling_acked("1");
    let before = o.clone();
    let refused = o
        .amend(
            Amendment {
                quantity: Qty::ZERO,
                price: None,
            },
            1_350,
        )
        .unwrap_err();
    assert_eq!(
        refused.error,
        AmendError::QuantityBelowFilled {
            quantity: Qty::ZERO,
            filled: Qty::ZERO
        }
    );
    assert_eq!(refused.order, before);
}

// ---------------------------------------------------------------- accounting

#[test]
fn tenth_plus_fifth_fills_exactly_three_tenths() {
    let FillOutcome::Partial(o) = active("0.3")
        .fill(fill(1, "0.1", "100", 1_250, None))
        .unwrap()
    else {
        panic!("expected a partial fill");
    };
    let FillOutcome::Complete(o) = o.fill(fill(2, "0.2", "100", 1_260, None)).unwrap() else {
        panic!("0.1 + 0.2 must fill a 0.3 order exactly");
    };
    assert_eq!(o.filled_qty(), qty("0.3"));
    assert_eq!(o.filled_qty().to_string(), "0.3");
}

#[test]
fn updated_at_never_moves_backwards_through_typed_transitions() {
    // Every step is given an earlier time than the last.
    let o = idle("1").place(900);
    assert_eq!(o.updated_at(), CREATED);
    let o = o.mark_in_doubt(950);
    assert_eq!(o.updated_at(), CREATED);
    let o = o.acknowledge(ExchangeOrderId(1), 5_000);
    assert_eq!(o.updated_at(), 5_000);
    let FillOutcome::Partial(o) = o.fill(fill(1, "0.1", "100", 4_000, None)).unwrap() else {
        panic!("expected a partial fill");
    };
    assert_eq!(o.updated_at(), 5_000);
    let o = o.request_cancel(3_000);
    assert_eq!(o.updated_at(), 5_000);
    let o = o.cancelled(None, 2_000);
    assert_eq!(o.updated_at(), 5_000);
    assert_eq!(o.closed_at(), 2_000, "the closing time is the event's own");
}

// ---------------------------------------------------------------- in place

/// Each `&mut` transition does exactly what its by-value twin does: same order
/// after, same error with the order unchanged.
#[test]
fn in_place_transitions_match_their_by_value_twins() {
    use ordertrack_model::{InPlaceFill, InPlaceLateFill};

    // Partial fill on Active and Cancelling; duplicate; completing fill left alone.
    let partial = fill(1, "0.4", "101", 1_300, Some(EX));
    let mut a = active("1");
    assert_eq!(a.fill_in_place(partial), Ok(InPlaceFill::Partial));
    let Ok(FillOutcome::Partial(b)) = active("1").fill(partial) else {
        panic!("partial")
    };
    assert_eq!(a, b);
    assert_eq!(a.fill_in_place(partial), Ok(InPlaceFill::Duplicate));
    assert_eq!(a, b);
    let rest = fill(2, "0.6", "102", 1_310, Some(EX));
    assert_eq!(a.fill_in_place(rest), Ok(InPlaceFill::Completes));
    assert_eq!(a, b);
    let over = fill(3, "0.7", "102", 1_320, Some(EX));
    let error = a.fill_in_place(over).unwrap_err();
    assert_eq!(error, b.clone().fill(over).unwrap_err().error);
    assert_eq!(a, b);

    let mut c = cancelling_unacked("1");
    assert_eq!(c.fill_in_place(partial), Ok(InPlaceFill::Partial));
    let Ok(FillOutcome::Partial(d)) = cancelling_unacked("1").fill(partial) else {
        panic!("partial")
    };
    assert_eq!(c, d);
    assert_eq!(c.exchange_id(), Some(EX));

    // Late fill on every closed state.
    let late = fill(9, "0.2", "105", 1_500, Some(EX));
    let mut e = cancelled("1");
    assert_eq!(e.late_fill_in_place(late), Ok(InPlaceLateFill::Accounted));
    let Ok(LateFillOutcome::Accounted(f)) = cancelled("1").late_fill(late) else {
        panic!("late fill")
    };
    assert_eq!(e, f);
    assert_eq!(e.late_fill_in_place(late), Ok(InPlaceLateFill::Duplicate));
    assert_eq!(e, f);
    let mut g = failed("1");
    let Ok(LateFillOutcome::Accounted(h)) = failed("1").late_fill(late) else {
        panic!("late fill")
    };
    assert_eq!(g.late_fill_in_place(late), Ok(InPlaceLateFill::Accounted));
    assert_eq!(g, h);

    // Amendment, accepted and refused.
    let up = Amendment {
        quantity: qty("2"),
        price: Some(px("99")),
    };
    let mut i = active("1");
    i.amend_in_place(up, 1_400).unwrap();
    assert_eq!(i, active("1").amend(up, 1_400).unwrap());
    let mut j = active("1");
    j.fill_in_place(partial).unwrap();
    let before = j.clone();
    let below = Amendment {
        quantity: qty("0.4"),
        price: None,
    };
    let error = j.amend_in_place(below, 1_410).unwrap_err();
    assert_eq!(error, before.clone().amend(below, 1_410).unwrap_err().error);
    assert_eq!(j, before);
}
