//! REST answers as Binance sends them today: order answers without the
//! fields it has dropped, list answers read item by item, `batchOrders`
//! answers with per-item errors applied to each order sent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

use ordertrack::{
    AnyOrder, Applied, ClientOrderId, FailReason, NewOrder, OrderKey, OrderStatus, OrderTracker,
    Origin, Outcome, Price, Qty, Side, SubAccountId, Symbol,
};
use ordertrack_binance::wire::RestErrorClass;
use ordertrack_binance::{
    ListAnswer, ListItemError, ListedOrder, RestAnswer, RestEffect, RestError,
    apply_batch_new_orders_result, apply_new_order_result, apply_order_list, read_answer,
    read_list_answer,
};

const NOW: u64 = 1_764_000_200_000;

/// A new-order answer as Binance sends it since `cumQuote` and `avgPrice`
/// left it.
fn answer(id: &str, order_id: u64, status: &str) -> String {
    format!(
        r#"{{"orderId":{order_id},"symbol":"BTCUSDT","status":"{status}","clientOrderId":"{id}","price":"86000.00","origQty":"0.010","executedQty":"0","timeInForce":"GTC","type":"LIMIT","reduceOnly":false,"closePosition":false,"side":"BUY","positionSide":"BOTH","stopPrice":"0.00","workingType":"CONTRACT_PRICE","priceProtect":false,"origType":"LIMIT","priceMatch":"NONE","selfTradePreventionMode":"EXPIRE_MAKER","goodTillDate":0,"updateTime":1764000104010}}"#
    )
}

fn id(n: u128) -> ClientOrderId {
    let sub = SubAccountId::new("9f3c2a1b-0000").unwrap();
    ClientOrderId::with_unique(&sub, Origin::Basket, n)
}

/// A tracker with `n` placed LIMIT BUYs of 0.010 BTCUSDT at 86000.
fn placed(n: u128) -> (OrderTracker, Vec<OrderKey>) {
    let mut tracker = OrderTracker::new();
    let sub = SubAccountId::new("9f3c2a1b-0000").unwrap();
    let keys = (1..=n)
        .map(|i| {
            let spec = NewOrder {
                client_id: id(i),
                ..NewOrder::limit(
                    sub,
                    Origin::Basket,
                    Symbol::new("BTCUSDT").unwrap(),
                    Side::Buy,
                    Qty::parse("0.010").unwrap(),
                    Price::parse("86000").unwrap(),
                    1_764_000_100_000,
                )
            };
            let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
            tracker.place(key, 1_764_000_100_001).unwrap();
            key
        })
        .collect();
    (tracker, keys)
}

fn status(tracker: &OrderTracker, key: OrderKey) -> OrderStatus {
    tracker.get(key).unwrap().status()
}

#[test]
fn a_new_order_answer_without_the_dropped_fields_acknowledges() {
    let (mut tracker, keys) = placed(1);
    let body = answer(id(1).as_str(), 731_245_800_777, "NEW");
    assert!(!body.contains("cumQuote") && !body.contains("avgPrice"));
    let applied = apply_new_order_result(&mut tracker, keys[0], 200, &body, NOW).unwrap();
    assert!(matches!(
        applied.effect,
        RestEffect::Applied(Outcome::Applied {
            applied: Applied::Acknowledged,
            ..
        })
    ));
    assert_eq!(status(&tracker, keys[0]), OrderStatus::Active);
    // An answer whose terms differ from the order is refused, nothing changed.
    let (mut tracker, keys) = placed(1);
    let other_side = body.replacen(r#""side":"BUY""#, r#""side":"SELL""#, 1);
    let err = apply_new_order_result(&mut tracker, keys[0], 200, &other_side, NOW).unwrap_err();
    assert!(
        matches!(err, RestError::Track(ref e) if e.kind() == "terms_mismatch"),
        "{err}"
    );
    assert_eq!(status(&tracker, keys[0]), OrderStatus::Placing);
}

#[test]
fn list_items_are_read_one_by_one() {
    let good = answer(id(1).as_str(), 1, "NEW");
    let bad = answer(id(2).as_str(), 2, "NEW").replacen(r#""side":"BUY""#, r#""side":"UP""#, 1);
    let odd = r#"{"orderId":3}"#;
    let body = format!("[{good},{bad},{odd}]");
    let ListAnswer::Items(items) = read_list_answer(200, &body) else {
        panic!("not a list");
    };
    assert_eq!(items.len(), 3);
    assert!(matches!(&items[0], ListedOrder::Order(o) if o.client_id == id(1)));
    assert!(matches!(&items[1], ListedOrder::Unreadable(e) if e.kind() == "unknown_value"));
    assert!(matches!(&items[2], ListedOrder::Unreadable(e) if e.kind() == "missing_field"));
    // Not a list; an error answer; too many items.
    assert!(matches!(
        read_list_answer(200, &good),
        ListAnswer::Failed(RestAnswer::Unreadable { .. })
    ));
    let error =
        r#"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#;
    assert!(matches!(
        read_list_answer(400, error),
        ListAnswer::Failed(RestAnswer::Error {
            class: RestErrorClass::Definitive,
            code: Some(-1021),
            ..
        })
    ));
    assert!(matches!(
        read_list_answer(200, error),
        ListAnswer::Failed(RestAnswer::Error {
            code: Some(-1021),
            ..
        })
    ));
    let flood = format!("[{}]", vec!["{}"; 10_001].join(","));
    assert!(matches!(
        read_list_answer(200, &flood),
        ListAnswer::Failed(RestAnswer::Unreadable { .. })
    ));
}

#[test]
fn a_batch_answer_settles_each_order_sent() {
    let (mut tracker, keys) = placed(4);
    let body = format!(
        r#"[{},{{"code":-2022,"msg":"ReduceOnly Order is rejected."}},{{"code":-1007,"msg":"Timeout waiting for response from backend server."}}]"#,
        answer(id(1).as_str(), 11, "NEW")
    );
    let results = apply_batch_new_orders_result(&mut tracker, &keys, 200, &body, NOW);
    assert_eq!(results.len(), 4);
    assert_eq!(status(&tracker, keys[0]), OrderStatus::Active);
    assert_eq!(
        results[1].as_ref().unwrap().effect,
        RestEffect::PlaceFailed(FailReason::ExchangeError { code: -2022 })
    );
    assert_eq!(status(&tracker, keys[1]), OrderStatus::Failed);
    // A timeout item and a missing item: in doubt, never failed.
    for key in &keys[2..] {
        assert_eq!(status(&tracker, *key), OrderStatus::Placing);
        assert!(tracker.get(*key).unwrap().in_doubt_since().is_some());
    }
    tracker.check_invariants().unwrap();
}

#[test]
fn a_batch_call_that_failed_as_a_whole_applies_to_every_order() {
    let (mut tracker, keys) = placed(2);
    let results = apply_batch_new_orders_result(&mut tracker, &keys, 503, "<html>busy</html>", NOW);
    assert!(
        results
            .iter()
            .all(|r| r.as_ref().unwrap().effect == RestEffect::PlaceInDoubt)
    );
    let (mut tracker, keys) = placed(2);
    let error = r#"{"code":-2019,"msg":"Margin is insufficient."}"#;
    let results = apply_batch_new_orders_result(&mut tracker, &keys, 400, error, NOW);
    assert!(
        results
            .iter()
            .all(|r| matches!(r.as_ref().unwrap().effect, RestEffect::PlaceFailed(_)))
    );
    // An item about another order than the one sent in its place: refused,
    // that order unchanged, the others applied.
    let (mut tracker, keys) = placed(2);
    let body = format!(
        "[{},{}]",
        answer(id(2).as_str(), 22, "NEW"),
        answer(id(2).as_str(), 22, "NEW")
    );
    let results = apply_batch_new_orders_result(&mut tracker, &keys, 200, &body, NOW);
    assert!(matches!(results[0], Err(RestError::WrongOrder { .. })));
    assert_eq!(status(&tracker, keys[0]), OrderStatus::Placing);
    assert_eq!(status(&tracker, keys[1]), OrderStatus::Active);
}

#[test]
fn an_open_orders_answer_settles_what_it_lists() {
    let (mut tracker, keys) = placed(2);
    tracker.place_in_doubt(keys[0], NOW).unwrap();
    let foreign = answer("web_8f2a01", 99, "NEW");
    let body = format!(
        r#"[{},{foreign},{{"code":-1,"msg":"odd item"}}]"#,
        answer(id(1).as_str(), 11, "PARTIALLY_FILLED")
    );
    let outcomes = apply_order_list(&mut tracker, 200, &body).unwrap();
    assert_eq!(outcomes.len(), 3);
    assert_eq!(outcomes[0].client_id, Some(id(1)));
    assert!(matches!(
        outcomes[0].result,
        Ok(Outcome::Applied {
            applied: Applied::Acknowledged,
            ..
        })
    ));
    assert_eq!(status(&tracker, keys[0]), OrderStatus::Active);
    assert!(matches!(outcomes[1].result, Ok(Outcome::Unknown(u)) if !u.is_ours()));
    assert!(matches!(
        outcomes[2].result,
        Err(ListItemError::Error { code: Some(-1), .. })
    ));
    assert_eq!(status(&tracker, keys[1]), OrderStatus::Placing);
    assert!(apply_order_list(&mut tracker, 500, "").is_err());
    tracker.check_invariants().unwrap();
}

#[test]
fn error_messages_are_bounded() {
    let long = format!(r#"{{"code":-1102,"msg":"{}"}}"#, "x".repeat(100_000));
    let RestAnswer::Error { message, .. } = read_answer(400, &long) else {
        panic!("not an error");
    };
    assert!(message.len() <= 256);
    let RestAnswer::Error { message, .. } = read_answer(502, &"<".repeat(100_000)) else {
        panic!("not an error");
    };
    assert!(message.len() <= 256);
}
