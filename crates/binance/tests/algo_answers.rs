//! The algo service's REST answers applied to a tracker: new (arms), query
//! (settles), cancel (its acknowledgement closes), open and all algo orders
//! (item by item), the WebSocket API's; failures definitive or in doubt by
//! their code, a timeout never a rejection.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod algo_rest;

use algo_rest::{CCXT_STOP, DOC_TP, NAUTILUS_STOP, NOW, OPEN_TP, WS_TP, corpus};
use ordertrack::{
    Applied, Armed, ExchangeOrderId, FailReason, OrderStatus, Outcome, StateData, Symbol,
};
use ordertrack_binance::{
    AlgoAnswer, ListItemError, NO_RESPONSE, RestEffect, RestError, WireAlgoStatus,
    apply_algo_cancel_result, apply_algo_new_result, apply_algo_order_list,
    apply_algo_query_result, read_algo_answer, read_ws_api_algo_answer,
};

fn applied(effect: RestEffect) -> Applied {
    match effect {
        RestEffect::Applied(Outcome::Applied { applied, .. }) => applied,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_new_answer_arms_the_order_and_a_query_closes_it() {
    let (mut tracker, key) = DOC_TP.placed();
    let new = corpus("algo_new_binance_sdk_python_1.json");
    let done = apply_algo_new_result(&mut tracker, key, 200, &new, NOW).unwrap();
    let AlgoAnswer::Order(snapshot) = &done.answer else {
        panic!("{:?}", done.answer);
    };
    assert_eq!(
        (
            snapshot.algo_id.get(),
            snapshot.status,
            snapshot.exchange_id
        ),
        (2_146_760, WireAlgoStatus::New, None)
    );
    assert_eq!(snapshot.update_time, 1_750_485_492_076);
    assert_eq!(applied(done.effect), Applied::Armed);
    let order = tracker.get(key).unwrap();
    let StateData::Armed(armed) = *order.state() else {
        panic!("{order:?}");
    };
    assert_eq!(
        (armed.algo_id.get(), armed.sent_at),
        (2_146_760, NOW - 1_000)
    );
    // Its twin with `icebergQuantity` null: the same; stale now.
    let twin = corpus("algo_new_binance_sdk_python_2.json");
    let done = apply_algo_new_result(&mut tracker, key, 200, &twin, NOW).unwrap();
    assert_eq!(applied(done.effect), Applied::Stale);
    // The query says CANCELED (at its updateTime).
    let query = corpus("algo_query_binance_sdk_python_1.json");
    let done = apply_algo_query_result(&mut tracker, key, 200, &query, NOW).unwrap();
    assert!(matches!(applied(done.effect), Applied::Cancelled(_)));
    let order = tracker.get(key).unwrap();
    assert_eq!(
        (order.status(), order.closed_at()),
        (OrderStatus::Cancelled, Some(1_750_514_545_091))
    );
}

#[test]
fn a_cancel_acknowledgement_closes_the_armed_order() {
    for file in [
        "algo_cancel_binance_sdk_python_1.json",
        "algo_cancel_ccxt_gobinance_1.json",
    ] {
        let (mut tracker, key) = DOC_TP.placed();
        let new = corpus("algo_new_binance_sdk_python_1.json");
        apply_algo_new_result(&mut tracker, key, 200, &new, NOW).unwrap();
        let ack = corpus(file);
        let done = apply_algo_cancel_result(&mut tracker, key, 200, &ack, NOW + 5).unwrap();
        let AlgoAnswer::Accepted {
            algo_id, client_id, ..
        } = &done.answer
        else {
            panic!("{file}: {:?}", done.answer);
        };
        assert_eq!(
            (algo_id.map(|a| a.get()), client_id.map(|c| c.to_string())),
            (Some(2_146_760), Some(DOC_TP.client_id.to_owned()))
        );
        assert!(
            matches!(applied(done.effect), Applied::Cancelled(_)),
            "{file}"
        );
        let order = tracker.get(key).unwrap();
        assert_eq!(
            (order.status(), order.closed_at()),
            (OrderStatus::Cancelled, Some(NOW + 5))
        );
    }
}

#[test]
fn a_cancel_in_flight_is_closed_or_rejected_by_its_answer() {
    // The cancel of an armed order, sent: Cancelling.
    let cancelling = || {
        let mut order = CCXT_STOP.order();
        let placing = order.view_mut::<ordertrack::Placing>().unwrap();
        let _ = placing.arm(ordertrack::AlgoId::new(3358).unwrap(), NOW - 900);
        let mut tracker = ordertrack::OrderTracker::new();
        let key = tracker.register(order).unwrap();
        tracker.cancel(key, NOW - 100).unwrap();
        (tracker, key)
    };
    let (mut tracker, key) = cancelling();
    assert_eq!(tracker.get(key).unwrap().status(), OrderStatus::Cancelling);
    let ack = corpus("algo_cancel_ccxt_1.json");
    let done = apply_algo_cancel_result(&mut tracker, key, 200, &ack, NOW).unwrap();
    assert!(matches!(applied(done.effect), Applied::Cancelled(_)));
    // Refused (unknown order; the order is triggering): back to Armed.
    for (status, body) in [
        (400, r#"{"code":-2011,"msg":"Unknown order sent."}"#),
        (400, r#"{"code":-4117,"msg":"stop order is triggering"}"#),
    ] {
        let (mut tracker, key) = cancelling();
        let done = apply_algo_cancel_result(&mut tracker, key, status, body, NOW).unwrap();
        assert_eq!(done.effect, RestEffect::CancelRejected, "{body}");
        assert!(tracker.get(key).unwrap().view::<Armed>().is_some());
    }
    // In doubt: nothing; the stream tells.
    let (mut tracker, key) = cancelling();
    let done = apply_algo_cancel_result(&mut tracker, key, NO_RESPONSE, "", NOW).unwrap();
    assert_eq!(done.effect, RestEffect::Unchanged);
    assert_eq!(tracker.get(key).unwrap().status(), OrderStatus::Cancelling);
}

#[test]
fn failures_are_definitive_or_in_doubt_by_their_code() {
    for (status, body, want) in [
        (
            400,
            r#"{"code":-4120,"msg":"Order type not supported for this endpoint. Please use the Algo Order API endpoints instead."}"#,
            Some(-4120),
        ),
        (
            400,
            r#"{"code":-2021,"msg":"Order would immediately trigger."}"#,
            Some(-2021),
        ),
        (
            400,
            r#"{"code":-4045,"msg":"Reach max stop order limit."}"#,
            Some(-4045),
        ),
        (400, r#"{"code":-1102,"msg":"Invalid symbol"}"#, Some(-1102)),
        (
            503,
            r#"{"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."}"#,
            None,
        ),
        (
            503,
            r#"{"msg":"Unknown error, please check your request or try again later."}"#,
            None,
        ),
        (NO_RESPONSE, "", None),
        (502, "<html>502 Bad Gateway</html>", None),
        // A 2XX whose order cannot be read (algo id 0): it may exist.
        (
            200,
            r#"{"algoId":0,"clientAlgoId":"yT58zmV3DSzMBQxc5tAJXU","symbol":"BTCUSDT","side":"BUY","algoStatus":"NEW","orderType":"STOP","quantity":"0.002","updateTime":1763458576201}"#,
            None,
        ),
    ] {
        let (mut tracker, key) = CCXT_STOP.placed();
        let done = apply_algo_new_result(&mut tracker, key, status, body, NOW).unwrap();
        let order = tracker.get(key).unwrap();
        match want {
            Some(code) => {
                assert_eq!(
                    done.effect,
                    RestEffect::PlaceFailed(FailReason::ExchangeError { code }),
                    "{body}"
                );
                assert_eq!(order.status(), OrderStatus::Failed);
            }
            None => {
                assert_eq!(done.effect, RestEffect::PlaceInDoubt, "{body}");
                assert_eq!(
                    (order.status(), order.in_doubt_since()),
                    (OrderStatus::Placing, Some(NOW))
                );
            }
        }
    }
    // A query that finds no such order fails a placement still unsettled;
    // any other error changes nothing.
    let (mut tracker, key) = CCXT_STOP.placed();
    let body = r#"{"code":-2013,"msg":"Order does not exist."}"#;
    let done = apply_algo_query_result(&mut tracker, key, 400, body, NOW).unwrap();
    assert_eq!(
        done.effect,
        RestEffect::PlaceFailed(FailReason::ExchangeError { code: -2013 })
    );
    let (mut tracker, key) = CCXT_STOP.placed();
    let done = apply_algo_query_result(&mut tracker, key, 503, "", NOW).unwrap();
    assert_eq!(done.effect, RestEffect::Unchanged);
    assert_eq!(tracker.get(key).unwrap().status(), OrderStatus::Placing);
}

#[test]
fn a_triggered_answer_binds_the_order_to_its_triggered_order() {
    let (mut tracker, key) = CCXT_STOP.placed();
    let query = corpus("algo_query_ccxt_1.json");
    assert_eq!(
        applied(
            apply_algo_query_result(&mut tracker, key, 200, &query, NOW)
                .unwrap()
                .effect
        ),
        Applied::Armed
    );
    let triggered = query
        .replacen(
            r#""algoStatus":"NEW""#,
            r#""algoStatus":"TRIGGERED","actualOrderId":"88937381063","executedQty":"0.001""#,
            1,
        )
        .replacen(
            r#""updateTime":1763458576201"#,
            r#""updateTime":1763458600000"#,
            1,
        );
    let done = apply_algo_query_result(&mut tracker, key, 200, &triggered, NOW).unwrap();
    assert_eq!(applied(done.effect), Applied::Triggered);
    let AlgoAnswer::Order(snapshot) = done.answer else {
        panic!();
    };
    assert_eq!(
        snapshot.executed_qty.map(|q| q.to_string()),
        Some("0.001".to_owned())
    );
    let order = tracker.get(key).unwrap();
    assert_eq!(
        (order.status(), order.exchange_id()),
        (OrderStatus::Active, Some(ExchangeOrderId(88_937_381_063)))
    );
    let symbol = Symbol::new("BTCUSDT").unwrap();
    assert_eq!(
        tracker
            .lookup_exchange(&symbol, ExchangeOrderId(88_937_381_063))
            .map(|(k, _)| k),
        Some(key)
    );
}

#[test]
fn list_answers_settle_each_order_they_list() {
    let (mut tracker, key) = OPEN_TP.placed();
    let nautilus = tracker.register(NAUTILUS_STOP.order()).unwrap();
    for file in [
        "algo_open_orders_binance_sdk_python_1.json",
        "algo_open_orders_nautilus_1.json",
        "algo_open_orders_binance_sdk_python_2.json",
    ] {
        let outcomes = apply_algo_order_list(&mut tracker, 200, &corpus(file)).unwrap();
        assert_eq!(outcomes.len(), 1, "{file}");
        assert!(
            matches!(outcomes[0].result, Ok(Outcome::Applied { .. })),
            "{file}: {outcomes:?}"
        );
    }
    for k in [key, nautilus] {
        assert_eq!(tracker.get(k).unwrap().status(), OrderStatus::Armed);
    }
    // An order no tracked order has: unknown; the tracker unchanged.
    let outcomes = apply_algo_order_list(
        &mut tracker,
        200,
        &corpus("algo_all_orders_binance_sdk_python_1.json"),
    )
    .unwrap();
    assert!(
        matches!(outcomes[0].result, Ok(Outcome::Unknown(_))),
        "{outcomes:?}"
    );
    // Items read one by one: a bad one costs no other.
    let body = format!(
        "[{},{{\"code\":-1000,\"msg\":\"An unknown error occured\"}},{}]",
        r#"{"algoId":7,"clientAlgoId":"MRumok0dkhrP4kCm12AHaB","symbol":"BNBUSDT","side":"SELL","algoStatus":"SOMETIMES","quantity":"0.01","updateTime":1}"#,
        corpus("algo_all_orders_binance_sdk_python_1.json")
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']'),
    );
    let outcomes = apply_algo_order_list(&mut tracker, 200, &body).unwrap();
    assert!(
        matches!(&outcomes[0].result, Err(ListItemError::Unreadable(e)) if e.kind() == "unknown_value")
    );
    assert!(matches!(
        &outcomes[1].result,
        Err(ListItemError::Error {
            code: Some(-1000),
            ..
        })
    ));
    assert!(matches!(outcomes[2].result, Ok(Outcome::Unknown(_))));
    // A whole failed call: the error.
    let err = apply_algo_order_list(
        &mut tracker,
        400,
        r#"{"code":-1102,"msg":"Invalid symbol"}"#,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            AlgoAnswer::Error {
                code: Some(-1102),
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn websocket_api_answers_and_wrong_orders() {
    let (mut tracker, key) = WS_TP.placed();
    for (file, want) in [
        (
            "wsapi_algo_new_binance_sdk_python_1.json",
            OrderStatus::Armed,
        ),
        (
            "wsapi_algo_cancel_binance_sdk_python_2.json",
            OrderStatus::Cancelled,
        ),
    ] {
        let AlgoAnswer::Order(snapshot) = read_ws_api_algo_answer(&corpus(file)) else {
            panic!("{file}");
        };
        assert_eq!(snapshot.algo_id.get(), 3_000_000_000_003_505);
        tracker.apply(&snapshot.report()).unwrap();
        assert_eq!(tracker.get(key).unwrap().status(), want, "{file}");
    }
    // An answer about another order is refused, the tracker unchanged.
    let (mut tracker, key) = CCXT_STOP.placed();
    let before = tracker.get(key).unwrap().clone();
    let other = corpus("algo_new_binance_sdk_python_1.json");
    let err = apply_algo_new_result(&mut tracker, key, 200, &other, NOW).unwrap_err();
    assert!(matches!(err, RestError::WrongOrder { .. }), "{err:?}");
    let ack = corpus("algo_cancel_binance_sdk_python_1.json");
    assert!(matches!(
        apply_algo_cancel_result(&mut tracker, key, 200, &ack, NOW),
        Err(RestError::WrongOrder { .. })
    ));
    assert_eq!(tracker.get(key).unwrap(), &before);
    // A cancel-all acknowledgement names no order: nothing to apply.
    let all = corpus("algo_cancel_all_open_binance_sdk_python_1.json");
    assert!(matches!(
        read_algo_answer(200, &all),
        AlgoAnswer::Accepted {
            algo_id: None,
            client_id: None,
            ..
        }
    ));
    let done = apply_algo_cancel_result(&mut tracker, key, 200, &all, NOW).unwrap();
    assert_eq!(done.effect, RestEffect::Unchanged);
}
