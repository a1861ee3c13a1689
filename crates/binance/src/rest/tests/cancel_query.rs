//! Answers to a cancel and to a query, and answers the tracker refuses.

use super::*;

#[test]
fn cancel_answers() {
    let (mut tracker, key) = cancelling();
    let result = apply_cancel_result(&mut tracker, key, 200, CANCEL, NOW).unwrap();
    assert!(matches!(
        result.effect,
        RestEffect::Applied(Outcome::Applied {
            applied: Applied::Cancelled(_),
            ..
        })
    ));
    assert_eq!(status(&tracker, key), OrderStatus::Cancelled);
    tracker.check_invariants().unwrap();

    for (http_status, body) in [(400, UNKNOWN), (400, NO_SUCH), (429, "")] {
        let (mut tracker, key) = cancelling();
        let result = apply_cancel_result(&mut tracker, key, http_status, body, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::CancelRejected, "{body}");
        assert_eq!(status(&tracker, key), OrderStatus::Active);
        tracker.check_invariants().unwrap();
    }

    for (http_status, body) in [(503, TIMEOUT), (NO_RESPONSE, ""), (200, &CANCEL[..50])] {
        let (mut tracker, key) = cancelling();
        let before = orders_of(&tracker);
        let result = apply_cancel_result(&mut tracker, key, http_status, body, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::Unchanged, "{body}");
        assert_eq!(orders_of(&tracker), before);
    }
}

#[test]
fn cancel_sent_before_the_ack() {
    let (mut tracker, key) = placed(
        "PMSa1b2c3d4_SRF_5d4c3b2a1f0e",
        "ETHUSDT",
        Side::Buy,
        "0.100",
        "2933.10",
    );
    tracker.cancel(key, NOW).unwrap();
    // -2011: Binance does not have it (yet): back to Placing, not Active.
    let result = apply_cancel_result(&mut tracker, key, 400, UNKNOWN, NOW).unwrap();
    assert_eq!(result.effect, RestEffect::CancelRejected);
    assert_eq!(status(&tracker, key), OrderStatus::Placing);
    tracker.cancel(key, NOW + 1).unwrap();
    apply_cancel_result(&mut tracker, key, 200, CANCEL, NOW + 2).unwrap();
    let order = tracker.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(
        order.exchange_id(),
        Some(ExchangeOrderId(8_389_765_812_399_911))
    );
    tracker.check_invariants().unwrap();
}

#[test]
fn query_settles_an_in_doubt_placement() {
    let (mut tracker, key) = query_order();
    tracker.place_in_doubt(key, NOW).unwrap();
    // FILLED: acknowledged now, its fills arrive on the stream with trade ids.
    let result = apply_query_result(&mut tracker, key, 200, QUERY, NOW + 1).unwrap();
    assert!(matches!(
        result.effect,
        RestEffect::Applied(Outcome::Applied {
            applied: Applied::Acknowledged,
            ..
        })
    ));
    let RestAnswer::Order(snapshot) = &result.answer else {
        panic!("not an order");
    };
    let order = tracker.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(
        snapshot.executed_qty.checked_sub(order.filled_qty()),
        Qty::parse("0.010").ok()
    );

    let (mut tracker, key) = query_order();
    tracker.place_in_doubt(key, NOW).unwrap();
    let result = apply_query_result(&mut tracker, key, 400, NO_SUCH, NOW + 1).unwrap();
    let reason = FailReason::ExchangeError { code: -2013 };
    assert_eq!(result.effect, RestEffect::PlaceFailed(reason));
    assert_eq!(status(&tracker, key), OrderStatus::Failed);

    for (http_status, body) in [(503, TIMEOUT), (400, MARGIN), (NO_RESPONSE, "")] {
        let (mut tracker, key) = query_order();
        tracker.place_in_doubt(key, NOW).unwrap();
        let before = orders_of(&tracker);
        let result = apply_query_result(&mut tracker, key, http_status, body, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::Unchanged);
        assert_eq!(orders_of(&tracker), before);
    }

    // No such order, but the order is acknowledged: nothing to fail.
    let (mut tracker, key) = query_order();
    apply_query_result(&mut tracker, key, 200, QUERY, NOW).unwrap();
    let result = apply_query_result(&mut tracker, key, 400, NO_SUCH, NOW).unwrap();
    assert_eq!(result.effect, RestEffect::Unchanged);
    assert_eq!(status(&tracker, key), OrderStatus::Active);
}

#[test]
fn refusals_leave_the_tracker_untouched() {
    let (mut tracker, key) = new_order();
    let before = orders_of(&tracker);
    // An answer about another order.
    let err = apply_new_order_result(&mut tracker, key, 200, QUERY, NOW).unwrap_err();
    assert!(matches!(err, RestError::WrongOrder { .. }), "{err}");
    assert_eq!(orders_of(&tracker), before);
    // An answer whose symbol contradicts the order.
    let other_symbol = with(NEW, r#""symbol":"BTCUSDT""#, r#""symbol":"ETHUSDT""#);
    let err = apply_new_order_result(&mut tracker, key, 200, &other_symbol, NOW).unwrap_err();
    assert!(
        matches!(err, RestError::Track(TrackError::Apply { .. })),
        "{err}"
    );
    assert_eq!(orders_of(&tracker), before);
    tracker.check_invariants().unwrap();
    // A key the tracker no longer knows.
    tracker.unregister(key).unwrap();
    for apply in [
        apply_new_order_result,
        apply_cancel_result,
        apply_query_result,
    ] {
        let err = apply(&mut tracker, key, 200, NEW, NOW).unwrap_err();
        assert_eq!(err, RestError::Track(TrackError::StaleKey { key }));
    }
}
