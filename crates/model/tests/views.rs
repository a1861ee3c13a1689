//! The typed views of an `AnyOrder`: `view::<S>()` and `view_mut::<S>()` exist
//! exactly when the order is in state `S`, a refused view changes nothing, and
//! the erased accessors say what the typed ones say.

mod common;

use common::*;
use ordertrack_model::{
    Active, AnyOrder, Armed, Cancelled, Cancelling, ExchangeOrderId, Expired, Failed, Filled, Idle,
    OrderStatus, Placing, State, StateData,
};

/// Whether `order` gives an `S` view; both view kinds must agree, read the
/// order's own state, and leave it unchanged.
fn has_view<S: State>(order: &mut AnyOrder) -> bool {
    let before = order.clone();
    let read = order.view::<S>().map(|v| (v.status(), *v.state()));
    let write = order.view_mut::<S>().map(|h| (h.status(), *h.state()));
    assert_eq!(read, write, "{}", S::STATUS);
    assert_eq!(*order, before, "asking for a view changes nothing");
    if let Some((status, state)) = read {
        assert_eq!(status, S::STATUS);
        assert_eq!(state, *before.state());
    }
    read.is_some()
}

#[test]
fn each_order_has_the_views_of_its_state_and_only_those() {
    for situation in Situation::ALL {
        let mut order = order_in(situation, "1");
        let views = [
            has_view::<Idle>(&mut order),
            has_view::<Placing>(&mut order),
            has_view::<Armed>(&mut order),
            has_view::<Active>(&mut order),
            has_view::<Cancelling>(&mut order),
            has_view::<Filled>(&mut order),
            has_view::<Cancelled>(&mut order),
            has_view::<Expired>(&mut order),
            has_view::<Failed>(&mut order),
        ];
        let expected = OrderStatus::ALL.map(|status| status == order.status());
        assert_eq!(views, expected, "{situation:?}");
        assert_eq!(order.state().status(), order.status());
    }
}

#[test]
fn erased_accessors_match_the_typed_ones() {
    let order = active("1");
    let typed = view::<Active>(&order);
    assert_eq!(order.spec(), typed.spec());
    assert_eq!(order.client_id(), cid());
    assert_eq!(order.sub_account(), sub());
    assert_eq!(order.symbol(), btc());
    assert_eq!(order.parent(), None);
    assert_eq!(order.quantity(), qty("1"));
    assert_eq!(order.price(), Some(px("100")));
    assert_eq!(order.exchange_id(), Some(typed.exchange_id()));
    assert_eq!(order.updated_at(), typed.updated_at());
    assert_eq!(order.fills(), typed.fills());
    assert_eq!(order.closed_at(), None);
    assert_eq!(order.in_doubt_since(), None);
    let StateData::Active(data) = *order.state() else {
        panic!("expected Active data");
    };
    assert_eq!(&data, typed.state_data());

    let expected_ids: [Option<ExchangeOrderId>; 13] = [
        None,
        None,
        None,
        None,
        Some(EX),
        Some(EX),
        Some(EX),
        None,
        None,
        Some(EX),
        Some(EX),
        Some(EX),
        None,
    ];
    for (situation, id) in Situation::ALL.into_iter().zip(expected_ids) {
        let order = order_in(situation, "1");
        assert_eq!(order.exchange_id(), id, "{situation:?}");
        assert_eq!(order.state().exchange_id(), id, "{situation:?}");
        assert_eq!(
            order.closed_at().is_some(),
            order.status().is_terminal(),
            "{situation:?}"
        );
    }
}

#[test]
fn the_typed_per_state_accessors_match_the_erased_ones() {
    let order = filled("1");
    let typed = view::<Filled>(&order);
    assert_eq!(Some(typed.exchange_id()), order.exchange_id());
    assert_eq!(Some(typed.closed_at()), order.closed_at());
    for order in [cancelled("1"), expired("1"), failed("1")] {
        let closed_at = match order.status() {
            OrderStatus::Cancelled => view::<Cancelled>(&order).closed_at(),
            OrderStatus::Expired => view::<Expired>(&order).closed_at(),
            OrderStatus::Failed => view::<Failed>(&order).closed_at(),
            other => panic!("unexpected {other}"),
        };
        assert_eq!(Some(closed_at), order.closed_at());
        assert_eq!(closed_at, CLOSED);
    }
    let order = cancelling_unacked("1");
    let typed = view::<Cancelling>(&order);
    assert_eq!(typed.exchange_id(), order.exchange_id());
    assert_eq!(typed.cancel_requested_at(), CANCEL_SENT);
    assert_eq!(view::<Placing>(&placing("1")).sent_at(), PLACED);
}
