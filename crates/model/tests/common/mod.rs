//! Builders shared by the integration tests: orders in every state, made through
//! the typed handle transitions, typed-handle helpers, and execution reports.
//!
//! Timeline of the builders (ms): created 1 000, placed 1 100, acknowledged
//! 1 200, cancel requested 1 300, closed 1 400. Tests use later times.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Debug;

mod reports;
// Not every test binary applies reports.
#[allow(unused_imports)]
pub(crate) use reports::*;

pub(crate) use ordertrack_model::testing::{Fixture, Situation};
use ordertrack_model::transitions::{CanFill, CanLateFill};
use ordertrack_model::{
    AnyOrder, ClientOrderId, ExchangeOrderId, Fill, FillOutcome, Filled, LateFillOutcome, NewOrder,
    OrderMut, OrderRef, Origin, Price, Qty, Refused, Side, State, SubAccountId, Symbol, TradeId,
};

/// The exchange id every acknowledged test order gets.
pub(crate) const EX: ExchangeOrderId = ExchangeOrderId(8_389_765);
/// An exchange id that is not the order's.
pub(crate) const OTHER_EX: ExchangeOrderId = ExchangeOrderId(999);

pub(crate) const CREATED: u64 = 1_000;
pub(crate) const PLACED: u64 = 1_100;
pub(crate) const ACKED: u64 = 1_200;
pub(crate) const CANCEL_SENT: u64 = 1_300;
pub(crate) const CLOSED: u64 = 1_400;

pub(crate) fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn px(s: &str) -> Price {
    Price::parse(s).unwrap()
}

pub(crate) fn sub() -> SubAccountId {
    SubAccountId::new("3f2a9c1e-7b4d-4e1a").unwrap()
}

pub(crate) fn btc() -> Symbol {
    Symbol::new("BTCUSDT").unwrap()
}

/// The fixed client id of every test order.
pub(crate) fn cid() -> ClientOrderId {
    ClientOrderId::with_unique(&sub(), Origin::Chase, 0x0f1e_2d3c_4b5a)
}

/// A LIMIT BUY of `quantity` BTCUSDT at 100, created at [`CREATED`].
pub(crate) fn spec(quantity: &str) -> NewOrder {
    NewOrder {
        client_id: cid(),
        ..NewOrder::limit(
            sub(),
            Origin::Chase,
            btc(),
            Side::Buy,
            qty(quantity),
            px("100"),
            CREATED,
        )
    }
}

// ---------------------------------------------------------------- typed handles

/// The typed handle of `order`, which must be in state `S`.
pub(crate) fn handle<S: State>(order: &mut AnyOrder) -> OrderMut<'_, S> {
    let status = order.status();
    order
        .view_mut::<S>()
        .unwrap_or_else(|| panic!("expected a {} order, got {status}", S::STATUS))
}

/// The read-only view of `order`, which must be in state `S`.
pub(crate) fn view<S: State>(order: &AnyOrder) -> OrderRef<'_, S> {
    order
        .view::<S>()
        .unwrap_or_else(|| panic!("expected a {} order, got {}", S::STATUS, order.status()))
}

/// A fill that must leave quantity open.
pub(crate) fn partial<S: CanFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
) -> OrderMut<'_, S::AfterPartial> {
    match order.fill(fill) {
        Ok(FillOutcome::Partial(o)) => o,
        Ok(FillOutcome::Complete(o)) => {
            panic!("expected a partial fill, got a complete one: {o:?}")
        }
        Ok(FillOutcome::Duplicate(o)) => panic!("expected a partial fill, got a duplicate: {o:?}"),
        Err(refused) => panic!("expected a partial fill, refused: {:?}", refused.error),
    }
}

/// A fill that must complete the order.
pub(crate) fn complete<S: CanFill>(order: OrderMut<'_, S>, fill: Fill) -> OrderMut<'_, Filled> {
    match order.fill(fill) {
        Ok(FillOutcome::Complete(o)) => o,
        Ok(FillOutcome::Partial(o)) => panic!("expected a complete fill, got a partial one: {o:?}"),
        Ok(FillOutcome::Duplicate(o)) => panic!("expected a complete fill, got a duplicate: {o:?}"),
        Err(refused) => panic!("expected a complete fill, refused: {:?}", refused.error),
    }
}

/// A fill that must be recognised as a duplicate: the handle comes back.
pub(crate) fn duplicate<S: CanFill>(order: OrderMut<'_, S>, fill: Fill) -> OrderMut<'_, S> {
    match order.fill(fill) {
        Ok(FillOutcome::Duplicate(o)) => o,
        Ok(FillOutcome::Partial(o)) => panic!("expected a duplicate, got a partial fill: {o:?}"),
        Ok(FillOutcome::Complete(o)) => panic!("expected a duplicate, got a complete fill: {o:?}"),
        Err(refused) => panic!("expected a duplicate, refused: {:?}", refused.error),
    }
}

/// A late fill that must be accounted.
pub(crate) fn accounted<S: CanLateFill>(order: OrderMut<'_, S>, fill: Fill) -> OrderMut<'_, S> {
    match order.late_fill(fill) {
        Ok(LateFillOutcome::Accounted(o)) => o,
        Ok(LateFillOutcome::Duplicate(o)) => {
            panic!("expected an accounted late fill, got a duplicate: {o:?}")
        }
        Err(refused) => panic!(
            "expected an accounted late fill, refused: {:?}",
            refused.error
        ),
    }
}

/// A late fill that must be recognised as a duplicate: the handle comes back.
pub(crate) fn late_duplicate<S: CanLateFill>(
    order: OrderMut<'_, S>,
    fill: Fill,
) -> OrderMut<'_, S> {
    match order.late_fill(fill) {
        Ok(LateFillOutcome::Duplicate(o)) => o,
        Ok(LateFillOutcome::Accounted(o)) => {
            panic!("expected a duplicate late fill, got an accounted one: {o:?}")
        }
        Err(refused) => panic!(
            "expected a duplicate late fill, refused: {:?}",
            refused.error
        ),
    }
}

/// Runs `transition` on `order`'s `S` handle; it must be refused. Checks that
/// the handle given back is still an `S` handle with the same data, fills and
/// terms, then (the handle dropped) that the order equals a clone taken before.
/// Returns the error.
pub(crate) fn refused_on<S: State, E: Debug>(
    order: &mut AnyOrder,
    transition: impl for<'a> FnOnce(OrderMut<'a, S>) -> Result<(), Refused<'a, S, E>>,
) -> E {
    let before = order.clone();
    let error = {
        let Err(Refused { order: back, error }) = transition(handle::<S>(order)) else {
            panic!("expected the {} transition to be refused", S::STATUS);
        };
        assert_eq!(back.status(), S::STATUS, "{error:?}");
        assert_eq!(
            back.state_data(),
            view::<S>(&before).state_data(),
            "{error:?}"
        );
        assert_eq!(back.fills(), before.fills(), "{error:?}");
        assert_eq!(back.spec(), before.spec(), "{error:?}");
        error
    }; // The handle given back is gone: the order can be read again.
    assert_eq!(
        *order, before,
        "a refused transition changes nothing ({error:?})"
    );
    error
}

/// The remembered trade ids of `order`, sorted (the window keeps no order).
pub(crate) fn recent_ids(order: &AnyOrder) -> Vec<TradeId> {
    let mut ids = order.fills().recent_trade_ids().to_vec();
    ids.sort();
    ids
}

/// `ids` as trade ids.
pub(crate) fn trade_ids(ids: &[u64]) -> Vec<TradeId> {
    ids.iter().copied().map(TradeId).collect()
}

// ---------------------------------------------------------------- orders in each state
// Built by the shared fixtures (`ordertrack_model::testing`), on this file's spec.

/// The shared fixture of an order of `quantity` with [`spec`] and [`EX`].
pub(crate) fn fixture(quantity: &str) -> Fixture {
    Fixture {
        spec: spec(quantity),
        exchange_id: EX,
        ..Fixture::new(1)
    }
}

pub(crate) fn idle(quantity: &str) -> AnyOrder {
    fixture(quantity).idle()
}

pub(crate) fn placing(quantity: &str) -> AnyOrder {
    fixture(quantity).placing()
}

pub(crate) fn active(quantity: &str) -> AnyOrder {
    fixture(quantity).active(ACKED)
}

/// Cancel requested after the ack: knows [`EX`].
pub(crate) fn cancelling_acked(quantity: &str) -> AnyOrder {
    fixture(quantity).cancelling()
}

/// Cancel requested before any ack: no exchange id yet.
pub(crate) fn cancelling_unacked(quantity: &str) -> AnyOrder {
    fixture(quantity).cancelling_unacked()
}

/// Active, then one fill of the whole quantity at 100 (trade id 1).
pub(crate) fn filled(quantity: &str) -> AnyOrder {
    fixture(quantity).filled()
}

pub(crate) fn cancelled(quantity: &str) -> AnyOrder {
    fixture(quantity).cancelled()
}

pub(crate) fn expired(quantity: &str) -> AnyOrder {
    fixture(quantity).expired()
}

/// Rejected while placing: never learned an exchange id.
pub(crate) fn failed(quantity: &str) -> AnyOrder {
    fixture(quantity).failed()
}

/// A fill (typed API).
pub(crate) fn fill(
    trade_id: u64,
    quantity: &str,
    price: &str,
    at: u64,
    exchange_id: Option<ExchangeOrderId>,
) -> Fill {
    Fill {
        trade_id: TradeId(trade_id),
        qty: qty(quantity),
        price: px(price),
        at,
        exchange_id,
    }
}

/// The same order as a `STOP_MARKET` (trigger at 95) through the algo
/// service: same client id, quantity and exchange id.
pub(crate) fn stop_fixture(quantity: &str) -> Fixture {
    let stop = Fixture::stop(1);
    Fixture {
        spec: NewOrder {
            client_id: cid(),
            sub_account: sub(),
            quantity: qty(quantity),
            ..stop.spec
        },
        exchange_id: EX,
        ..stop
    }
}

/// An order of `quantity` in `situation`: the stop of [`stop_fixture`] in the
/// situations only a conditional order has, else the LIMIT order.
pub(crate) fn order_in(situation: Situation, quantity: &str) -> AnyOrder {
    if situation.is_conditional() {
        stop_fixture(quantity).order_in(situation)
    } else {
        fixture(quantity).order_in(situation)
    }
}
