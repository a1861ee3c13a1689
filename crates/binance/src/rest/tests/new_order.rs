//! Answers to a new order: the ack, a later state, a failure, an unknown
//! outcome, or one that comes after the feed settled the order.

use super::*;

#[test]
fn new_order_accepted_acknowledges() {
    let (mut tracker, key) = new_order();
    let result = apply_new_order_result(&mut tracker, key, 200, NEW, NOW).unwrap();
    assert_eq!(
        result.effect,
        RestEffect::Applied(Outcome::Applied {
            key,
            applied: Applied::Acknowledged
        })
    );
    assert_eq!(status(&tracker, key), OrderStatus::Active);
    let btc = Symbol::new("BTCUSDT").unwrap();
    let (found, _) = tracker
        .lookup_exchange(&btc, ExchangeOrderId(731_245_800_777))
        .unwrap();
    assert_eq!(found, key);
    // The stream's NEW arrives after the REST answer: stale.
    let again = apply_new_order_result(&mut tracker, key, 200, NEW, NOW).unwrap();
    assert_eq!(
        again.effect,
        RestEffect::Applied(Outcome::Applied {
            key,
            applied: Applied::Stale
        })
    );
    tracker.check_invariants().unwrap();
}

#[test]
fn new_order_answer_beyond_new() {
    for (status, want, applied) in [
        ("FILLED", OrderStatus::Active, "Acknowledged"),
        ("PARTIALLY_FILLED", OrderStatus::Active, "Acknowledged"),
        ("EXPIRED", OrderStatus::Expired, "Expired"),
        ("EXPIRED_IN_MATCH", OrderStatus::Expired, "Expired"),
        ("CANCELED", OrderStatus::Cancelled, "Cancelled"),
        ("REJECTED", OrderStatus::Failed, "Failed"),
    ] {
        let (mut tracker, key) = new_order();
        let body = with(NEW, r#""status":"NEW""#, &format!(r#""status":"{status}""#));
        let result = apply_new_order_result(&mut tracker, key, 200, &body, NOW).unwrap();
        let RestEffect::Applied(Outcome::Applied { applied: got, .. }) = result.effect else {
            panic!("{status}: {result:?}");
        };
        assert!(format!("{got:?}").starts_with(applied), "{status}: {got:?}");
        assert_eq!(tracker.get(key).unwrap().status(), want, "{status}");
        tracker.check_invariants().unwrap();
    }
    let (mut tracker, key) = new_order();
    let body = with(NEW, r#""status":"NEW""#, r#""status":"REJECTED""#);
    apply_new_order_result(&mut tracker, key, 200, &body, NOW).unwrap();
    let Some(order) = tracker.get(key).unwrap().view::<Failed>() else {
        panic!("not failed");
    };
    assert_eq!(order.fail_reason(), FailReason::Rejected);
}

#[test]
fn definitive_errors_fail_the_placement() {
    for (http_status, body, code) in [
        (400, MARGIN, -2019),
        (400, UNKNOWN, -2011),
        (403, "", 403),
        (429, r#"{"code":-1003,"msg":"Too many requests."}"#, -1003),
    ] {
        let (mut tracker, key) = new_order();
        let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
        let reason = FailReason::ExchangeError { code };
        assert_eq!(result.effect, RestEffect::PlaceFailed(reason), "{body}");
        let Some(order) = tracker.get(key).unwrap().view::<Failed>() else {
            panic!("not failed");
        };
        assert_eq!((order.fail_reason(), order.closed_at()), (reason, NOW));
        tracker.check_invariants().unwrap();
    }
}

#[test]
fn unknown_outcomes_leave_the_placement_in_doubt() {
    let garbled = &NEW[..80];
    for (http_status, body) in [
        (408, TIMEOUT),
        (503, TIMEOUT),
        (502, HTML_502),
        (504, ""),
        (NO_RESPONSE, ""),
        (200, garbled),
        (
            503,
            r#"{"code":-1000,"msg":"Unknown error, please check your request or try again later."}"#,
        ),
    ] {
        let (mut tracker, key) = new_order();
        let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
        assert_eq!(
            result.effect,
            RestEffect::PlaceInDoubt,
            "{http_status} {body}"
        );
        let order = tracker.get(key).unwrap();
        assert_eq!(
            (order.status(), order.in_doubt_since()),
            (OrderStatus::Placing, Some(NOW))
        );
        // The feed settles it later.
        let settled = apply_query_result(&mut tracker, key, 200, NEW, NOW + 5_000).unwrap();
        assert!(matches!(settled.effect, RestEffect::Applied(_)));
        assert_eq!(status(&tracker, key), OrderStatus::Active);
    }
}

#[test]
fn answers_after_the_feed_settled_change_nothing() {
    let (mut tracker, key) = new_order();
    apply_query_result(&mut tracker, key, 200, NEW, NOW).unwrap();
    let before = orders_of(&tracker);
    for (http_status, body) in [(503, TIMEOUT), (400, MARGIN)] {
        let result = apply_new_order_result(&mut tracker, key, http_status, body, NOW).unwrap();
        assert_eq!(result.effect, RestEffect::Unchanged);
        assert_eq!(orders_of(&tracker), before);
    }
    let result = apply_cancel_result(&mut tracker, key, 400, UNKNOWN, NOW).unwrap();
    assert_eq!(
        result.effect,
        RestEffect::Unchanged,
        "not Cancelling: nothing to reject"
    );
    assert_eq!(orders_of(&tracker), before);
}
