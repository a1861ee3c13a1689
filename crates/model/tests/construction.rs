//! Building an order: `AnyOrder::new` (Idle) and `AnyOrder::sent` (Placing)
//! keep every field of the spec, and every `OrderError`.

mod common;

use common::*;
use ordertrack_model::{
    AnyOrder, Idle, MAX_LEVERAGE, NewOrder, OrderError, OrderStatus, OrderType, Origin, ParentId,
    Placing, Qty, SubAccountId, Trigger,
};

#[test]
fn new_order_is_idle_with_every_field_of_the_spec() {
    let spec = NewOrder {
        reduce_only: true,
        leverage: 20,
        parent: Some(ParentId::new("twap-42").unwrap()),
        ..spec("0.3")
    };
    let order = AnyOrder::new(spec).unwrap();
    let o = view::<Idle>(&order);
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
    assert_eq!(o.fills().count(), 0);
    assert_eq!(o.fills().floor(), None);
    assert!(o.fills().recent_trade_ids().is_empty());
    // The erased accessors say the same.
    assert_eq!(order.spec(), &spec);
    assert_eq!(order.exchange_id(), None);
    assert_eq!(order.closed_at(), None);
}

#[test]
fn sent_order_is_placing_since_the_send_time() {
    let order = AnyOrder::sent(spec("1"), PLACED).unwrap();
    let o = view::<Placing>(&order);
    assert_eq!(o.sent_at(), PLACED);
    assert_eq!(o.in_doubt_since(), None);
    assert_eq!(o.updated_at(), PLACED);
    assert_eq!(o.spec(), &spec("1"));
    // The same order as built by `new` then `place`.
    assert_eq!(order, placing("1"));
    // And the same validation as `new`.
    assert_eq!(
        AnyOrder::sent(
            NewOrder {
                quantity: Qty::ZERO,
                ..spec("1")
            },
            PLACED
        ),
        Err(OrderError::ZeroQuantity { client_id: cid() })
    );
}

#[test]
fn order_error_zero_quantity() {
    let err = AnyOrder::new(NewOrder {
        quantity: Qty::ZERO,
        ..spec("1")
    })
    .unwrap_err();
    assert_eq!(err, OrderError::ZeroQuantity { client_id: cid() });
}

#[test]
fn order_error_missing_price_for_every_priced_type_only() {
    for order_type in OrderType::ALL {
        let result = AnyOrder::new(NewOrder {
            order_type,
            price: None,
            trigger: order_type.is_conditional().then(|| Trigger::at(px("95"))),
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
            AnyOrder::new(NewOrder {
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
            AnyOrder::new(NewOrder {
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
        AnyOrder::new(NewOrder {
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
        AnyOrder::new(NewOrder {
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
        AnyOrder::new(NewOrder {
            sub_account: same_prefix,
            ..spec("1")
        })
        .is_ok()
    );
}

#[test]
fn foreign_client_ids_are_not_checked_against_sub_account_or_origin() {
    let foreign = ordertrack_model::ClientOrderId::new("autoclose-1764000000123").unwrap();
    let o = AnyOrder::new(NewOrder {
        client_id: foreign,
        origin: Some(Origin::Manual),
        ..spec("1")
    })
    .unwrap();
    assert_eq!(o.client_id(), foreign);
}
