//! Tests of REST answers applied to a tracker.
use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, FailReason, Failed, NewOrder, OrderKey,
    OrderStatus, OrderTerms, OrderTracker, OrderType, Outcome, Price, Qty, ReportStatus, Side,
    SubAccountId, Symbol, TrackError,
};

use super::*;
use crate::wire::RestErrorClass;

const NEW: &str = include_str!("../../tests/data/rest_new_order.json");
const CANCEL: &str = include_str!("../../tests/data/rest_cancel_order.json");
const QUERY: &str = include_str!("../../tests/data/rest_query_order.json");
const UNKNOWN: &str = include_str!("../../tests/data/rest_error_unknown_order.json");
const MARGIN: &str = include_str!("../../tests/data/rest_error_margin_insufficient.json");
const TIMEOUT: &str = include_str!("../../tests/data/rest_error_timeout.json");
const NO_SUCH: &str = include_str!("../../tests/data/rest_error_no_such_order.json");
const HTML_502: &str = "<html><head><title>502 Bad Gateway</title></head></html>";
const NOW: u64 = 1_764_000_200_000;

/// A tracker holding one placed LIMIT order.
fn placed(id: &str, symbol: &str, side: Side, qty: &str, price: &str) -> (OrderTracker, OrderKey) {
    let client_id = ClientOrderId::new(id).unwrap();
    let parts = client_id.parse_pms().unwrap();
    let spec = NewOrder {
        client_id,
        sub_account: SubAccountId::new("a1b2c3d4-5e6f").unwrap(),
        symbol: Symbol::new(symbol).unwrap(),
        side,
        order_type: ordertrack::OrderType::Limit,
        quantity: Qty::parse(qty).unwrap(),
        price: Some(Price::parse(price).unwrap()),
        reduce_only: false,
        origin: parts.origin,
        parent: None,
        leverage: 5,
        created_at: 1_764_000_100_000,
    };
    let mut tracker = OrderTracker::new();
    let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
    tracker.place(key, 1_764_000_100_001).unwrap();
    (tracker, key)
}

/// The order of `rest_new_order.json`, placed.
fn new_order() -> (OrderTracker, OrderKey) {
    placed(
        "PMSa1b2c3d4_TRL_4e5f6a7b8c9d",
        "BTCUSDT",
        Side::Sell,
        "0.008",
        "87010.00",
    )
}

/// The order of `rest_cancel_order.json`, acknowledged, cancel sent.
fn cancelling() -> (OrderTracker, OrderKey) {
    let (mut tracker, key) = placed(
        "PMSa1b2c3d4_SRF_5d4c3b2a1f0e",
        "ETHUSDT",
        Side::Buy,
        "0.100",
        "2933.10",
    );
    let ack = with(CANCEL, r#""status":"CANCELED""#, r#""status":"NEW""#);
    apply_new_order_result(&mut tracker, key, 200, &ack, NOW).unwrap();
    tracker.cancel(key, NOW + 1).unwrap();
    assert_eq!(status(&tracker, key), OrderStatus::Cancelling);
    (tracker, key)
}

/// The order of `rest_query_order.json`, placed.
fn query_order() -> (OrderTracker, OrderKey) {
    placed(
        "PMSa1b2c3d4_CHS_0f1e2d3c4b5a",
        "BTCUSDT",
        Side::Buy,
        "0.010",
        "86950.00",
    )
}

fn with(body: &str, from: &str, to: &str) -> String {
    assert!(body.contains(from), "{from}");
    body.replacen(from, to, 1)
}

fn status(tracker: &OrderTracker, key: OrderKey) -> OrderStatus {
    tracker.get(key).unwrap().status()
}

fn orders_of(tracker: &OrderTracker) -> Vec<(OrderKey, AnyOrder)> {
    tracker.iter().map(|(k, o)| (k, o.clone())).collect()
}

fn error(class: RestErrorClass, http_status: u16, code: Option<i64>, message: &str) -> RestAnswer {
    RestAnswer::Error {
        class,
        http_status,
        code,
        message: message.to_owned(),
    }
}

#[test]
fn answers_are_read_and_classified() {
    assert_eq!(
        read_answer(200, NEW),
        RestAnswer::Order(OrderSnapshot {
            client_id: ClientOrderId::new("PMSa1b2c3d4_TRL_4e5f6a7b8c9d").unwrap(),
            exchange_id: ExchangeOrderId(731_245_800_777),
            symbol: Symbol::new("BTCUSDT").unwrap(),
            status: ReportStatus::New,
            executed_qty: Qty::ZERO,
            update_time: 1_764_000_104_010,
            terms: OrderTerms {
                side: Side::Sell,
                order_type: Some(OrderType::Limit),
                quantity: Qty::parse("0.008").unwrap(),
                price: Some(Price::parse("87010.00").unwrap()),
                reduce_only: Some(false),
                close_position: false,
            },
        })
    );
    let RestAnswer::Order(query) = read_answer(200, QUERY) else {
        panic!("not an order");
    };
    assert_eq!(
        (query.status, query.executed_qty),
        (ReportStatus::Filled, Qty::parse("0.010").unwrap())
    );
    let RestAnswer::Order(cancel) = read_answer(200, CANCEL) else {
        panic!("not an order");
    };
    assert_eq!(cancel.status, ReportStatus::Canceled);
    use RestErrorClass::*;
    for (status, body, want) in [
        (
            400,
            UNKNOWN,
            error(UnknownOrder, 400, Some(-2011), "Unknown order sent."),
        ),
        (
            400,
            NO_SUCH,
            error(UnknownOrder, 400, Some(-2013), "Order does not exist."),
        ),
        (
            400,
            MARGIN,
            error(Definitive, 400, Some(-2019), "Margin is insufficient."),
        ),
        (
            408,
            TIMEOUT,
            error(
                InDoubt,
                408,
                Some(-1007),
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
            ),
        ),
        (502, HTML_502, error(InDoubt, 502, None, HTML_502)),
        (NO_RESPONSE, "", error(InDoubt, 0, None, "")),
        (403, "", error(Definitive, 403, None, "")),
        // An error body under a 2XX status is still an error.
        (
            200,
            MARGIN,
            error(Definitive, 200, Some(-2019), "Margin is insufficient."),
        ),
    ] {
        assert_eq!(read_answer(status, body), want, "{status} {body}");
    }
    let garbled = read_answer(200, &NEW[..80]);
    assert!(
        matches!(
            garbled,
            RestAnswer::Unreadable {
                http_status: 200,
                error: DecodeError::Wire(_)
            }
        ),
        "{garbled:?}"
    );
    let bad_qty = read_answer(
        200,
        &with(NEW, r#""executedQty":"0""#, r#""executedQty":"-1""#),
    );
    let RestAnswer::Unreadable {
        error: DecodeError::Convert(err),
        ..
    } = bad_qty
    else {
        panic!("{bad_qty:?}");
    };
    assert_eq!(err.field(), "$.executedQty");
}

#[test]
fn snapshot_reports() {
    let RestAnswer::Order(snapshot) = read_answer(200, QUERY) else {
        panic!("not an order");
    };
    for (status, execution, report_status) in [
        (ReportStatus::New, ExecutionType::New, ReportStatus::New),
        (
            ReportStatus::PartiallyFilled,
            ExecutionType::New,
            ReportStatus::New,
        ),
        (ReportStatus::Filled, ExecutionType::New, ReportStatus::New),
        (
            ReportStatus::Canceled,
            ExecutionType::Canceled,
            ReportStatus::Canceled,
        ),
        (
            ReportStatus::Expired,
            ExecutionType::Expired,
            ReportStatus::Expired,
        ),
        (
            ReportStatus::ExpiredInMatch,
            ExecutionType::Expired,
            ReportStatus::ExpiredInMatch,
        ),
        (
            ReportStatus::Rejected,
            ExecutionType::Rejected,
            ReportStatus::Rejected,
        ),
    ] {
        let report = OrderSnapshot { status, ..snapshot }.report();
        assert_eq!(
            (report.execution, report.status),
            (execution, report_status)
        );
        assert!(report.execution.allows(report.status));
        assert_eq!(
            (report.client_id, report.exchange_id, report.symbol),
            (
                Some(snapshot.client_id),
                Some(snapshot.exchange_id),
                snapshot.symbol
            )
        );
        assert_eq!(
            (report.fill, report.amendment, report.expiry_reason),
            (None, None, None)
        );
        assert_eq!(
            (report.cumulative_qty, report.transaction_time),
            (Some(snapshot.executed_qty), 1_764_000_001_258)
        );
    }
}

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

#[test]
fn fail_reason_codes() {
    assert_eq!(
        fail_reason(Some(-2019), 400),
        FailReason::ExchangeError { code: -2019 }
    );
    assert_eq!(
        fail_reason(None, 418),
        FailReason::ExchangeError { code: 418 }
    );
    assert_eq!(
        fail_reason(Some(i64::MIN), 400),
        FailReason::ExchangeError { code: 400 }
    );
}
