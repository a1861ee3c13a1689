//! `AnyOrder::to_parts` / `from_parts`: every order the transitions make comes
//! back equal, and parts that break a rule are refused with the rule named.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ordertrack_model::testing::{Fixture, Situation, report_for};
use ordertrack_model::{
    AlgoId, AnyOrder, ArmedData, ExecutionType, FillParts, LastFill, OrderError, OrderParts,
    PartsError, Price, Qty, StateData, TradeId,
};

fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

/// An order of fixture `f` filled by `n` trades of 0.01, trade ids descending
/// and ascending alternately so the duplicate window has a floor.
fn with_fills(f: &Fixture, n: u64) -> AnyOrder {
    let mut order = f.active(f.ack_time());
    for i in 0..n {
        let id = if i % 2 == 0 { 1_000 + i } else { 500 - i };
        let fill = report_for(&order, ExecutionType::Trade, 2_000 + i)
            .fill(TradeId(id), qty("0.01"), Price::parse("100").unwrap())
            .build();
        if order.apply(&fill).is_err() {
            break; // below the floor: refused, as the rule says
        }
    }
    order
}

#[test]
fn every_order_the_transitions_make_comes_back_equal() {
    let mut orders = Vec::new();
    for fixture in [
        Fixture::new(1),
        Fixture::stop(2),
        Fixture::close_position_stop(3),
    ] {
        // A close-position fixture has no quantity to be Filled with.
        // The armed situations are a conditional order's.
        let conditional = fixture.spec.trigger.is_some();
        let situations = Situation::ALL
            .into_iter()
            .filter(|s| fixture.spec.quantity > Qty::ZERO || *s != Situation::Filled)
            .filter(|s| conditional || !s.is_conditional());
        orders.extend(situations.map(|s| fixture.order_in(s)));
        orders.extend([1, 3, 4, 5, 9].map(|n| with_fills(&fixture, n)));
    }
    let mut floors = 0;
    for order in orders {
        let parts = order.to_parts();
        floors += usize::from(parts.fills.floor.is_some());
        assert_eq!(
            AnyOrder::from_parts(parts.clone()).unwrap(),
            order,
            "{parts:?}"
        );
    }
    assert!(floors > 0, "some orders have a duplicate-window floor");
}

fn filled_parts() -> OrderParts {
    with_fills(&Fixture::new(1), 6).to_parts()
}

fn rule(parts: OrderParts) -> &'static str {
    match AnyOrder::from_parts(parts).unwrap_err() {
        PartsError::Fills { rule, .. } | PartsError::State { rule, .. } => rule,
        PartsError::Order(other) => panic!("{other}"),
    }
}

#[test]
fn a_fill_summary_that_contradicts_itself_is_refused() {
    let good = filled_parts();
    assert!(good.fills.floor.is_some() && good.fills.recent.len() == 4);
    let mut parts = good.clone();
    parts.fills.recent.pop();
    assert_eq!(
        rule(parts),
        "remembered trade ids are not min(count, TRADE_WINDOW)"
    );
    let mut parts = good.clone();
    parts.fills.floor = None;
    assert_eq!(
        rule(parts),
        "a floor exactly when more fills than remembered ids"
    );
    let mut parts = good.clone();
    parts.fills.recent[1] = parts.fills.recent[0];
    assert_eq!(rule(parts), "a remembered trade id twice");
    let mut parts = good.clone();
    parts.fills.floor = Some(TradeId(u64::MAX));
    assert_eq!(rule(parts), "a remembered trade id at or below the floor");
    let mut parts = good.clone();
    parts.fills.last = None;
    assert_eq!(rule(parts), "a last fill exactly when there are fills");
    let mut parts = good.clone();
    parts.fills.last = Some(LastFill {
        trade_id: TradeId(999_999),
        qty: qty("0.01"),
        price: Price::parse("1").unwrap(),
    });
    assert_eq!(rule(parts), "the last fill is not one of the fills");
    let empty = Fixture::new(1).placing().to_parts();
    let mut parts = empty.clone();
    parts.fills = FillParts {
        filled: qty("1"),
        ..empty.fills
    };
    assert_eq!(rule(parts), "a filled quantity or notional without fills");
}

#[test]
fn a_state_that_contradicts_the_order_is_refused() {
    let good = filled_parts();
    let mut parts = good.clone();
    parts.spec.quantity = qty("0.01");
    assert_eq!(rule(parts), "more filled than its quantity");
    let mut parts = good.clone();
    parts.updated_at = parts.spec.created_at - 1;
    assert_eq!(rule(parts), "updated before it was created");
    let mut parts = good.clone();
    parts.triggered_at = Some(5);
    assert_eq!(rule(parts), "triggered, but it is not a conditional order");
    let mut parts = good.clone();
    parts.algo_id = AlgoId::new(5);
    assert_eq!(rule(parts), "an algo id, but it is not a conditional order");
    let mut parts = good.clone();
    parts.state = StateData::Idle;
    assert_eq!(rule(parts), "fills on an order never sent");
    let filled = Fixture::new(1).filled().to_parts();
    let mut parts = filled.clone();
    parts.spec.quantity = qty("2");
    assert_eq!(rule(parts), "filled, but its fills are not its quantity");
    let mut parts = Fixture::stop(2).armed().to_parts();
    parts.state = StateData::Armed(ArmedData {
        algo_id: AlgoId::new(9).unwrap(),
        sent_at: 1_100,
        triggering_since: None,
    });
    assert_eq!(rule(parts), "armed under another algo id than the order's");
}

#[test]
fn orders_only_the_table_reaches_come_back_equal_too() {
    use ordertrack_model::{ExecutionType as X, OrderStatus};
    // A close-position order whose triggered order stated its quantity.
    let f = Fixture::close_position_stop(4);
    let mut order = f.triggered();
    let mut fill = report_for(&order, X::Trade, 2_000)
        .fill(TradeId(1), qty("0.2"), Price::parse("94").unwrap())
        .build();
    fill.terms = Some(ordertrack_model::OrderTerms {
        side: f.spec.side,
        order_type: Some(f.spec.order_type),
        quantity: qty("0.5"),
        price: None,
        reduce_only: None,
        close_position: true,
        trigger_price: None,
        working_type: None,
    });
    order.apply(&fill).unwrap();
    assert_eq!(order.quantity(), qty("0.5"));
    assert_eq!(AnyOrder::from_parts(order.to_parts()).unwrap(), order);
    // An armed order with a fill: filled while its cancel, sent before the
    // algo service's answer, was in flight; the cancel refused; then armed.
    let f = Fixture::stop(5);
    let mut order = f.cancelling_unacked();
    let fill = report_for(&order, X::Trade, 1_310)
        .exchange_id(None)
        .fill(TradeId(1), qty("0.1"), Price::parse("94").unwrap())
        .build();
    order.apply(&fill).unwrap();
    order.cancel_rejected(1_320).unwrap();
    let ack = report_for(&order, X::New, 1_330)
        .algo_id(Some(f.algo_id))
        .build();
    order.apply(&ack).unwrap();
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Armed, qty("0.1"))
    );
    assert_eq!(AnyOrder::from_parts(order.to_parts()).unwrap(), order);
}

#[test]
fn parts_that_break_a_rule_of_a_new_order_are_refused_with_it() {
    let mut parts = Fixture::new(1).placing().to_parts();
    parts.spec.quantity = Qty::ZERO;
    let client_id = parts.spec.client_id;
    assert_eq!(
        AnyOrder::from_parts(parts).unwrap_err(),
        PartsError::Order(OrderError::ZeroQuantity { client_id })
    );
}
