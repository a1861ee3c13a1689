//! Tests of REST answers applied to a tracker: answers read and classified
//! (`answers.rs`), then applied after a new order (`new_order.rs`), a cancel
//! and a query (`cancel_query.rs`).
use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, FailReason, Failed, NewOrder, OrderKey,
    OrderStatus, OrderTerms, OrderTracker, OrderType, Outcome, Price, Qty, ReportStatus, Side,
    SubAccountId, Symbol, TrackError,
};

use super::*;
use crate::wire::RestErrorClass;

mod answers;
mod cancel_query;
mod new_order;

const NEW: &str = include_str!("../../../tests/data/rest_new_order.json");
const CANCEL: &str = include_str!("../../../tests/data/rest_cancel_order.json");
const QUERY: &str = include_str!("../../../tests/data/rest_query_order.json");
const UNKNOWN: &str = include_str!("../../../tests/data/rest_error_unknown_order.json");
const MARGIN: &str = include_str!("../../../tests/data/rest_error_margin_insufficient.json");
const TIMEOUT: &str = include_str!("../../../tests/data/rest_error_timeout.json");
const NO_SUCH: &str = include_str!("../../../tests/data/rest_error_no_such_order.json");
const HTML_502: &str = "<html><head><title>502 Bad Gateway</title></head></html>";
const NOW: u64 = 1_764_000_200_000;

/// A tracker holding one placed LIMIT order.
fn placed(id: &str, symbol: &str, side: Side, qty: &str, price: &str) -> (OrderTracker, OrderKey) {
    let client_id = ClientOrderId::new(id).unwrap();
    let parts = client_id.parse_pms().unwrap();
    let spec = NewOrder {
        trigger: None,
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
