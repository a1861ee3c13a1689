//! The corpus's real REST answers (`tests/data/corpus/rest/`, provenance in
//! its README) read by the reconciliation: lists of orders never seen,
//! trades, and the `-2013` error.

use std::fs;
use std::path::PathBuf;

use ordertrack::{ExchangeOrderId, OrderStatus, OrderTracker, Symbol};
use ordertrack_binance::reconcile::{OrderId, read_user_trades};
use ordertrack_binance::{Fetch, Snapshot, StepKind, reconcile};
use serde_json::Value;

use crate::engine::{btc, place, price};

fn corpus(prefix: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/rest");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("the corpus")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(prefix))
        .map(|name| {
            let text = fs::read_to_string(dir.join(&name)).expect("readable");
            (name, text)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus file {prefix}*");
    files
}

fn first_symbol(body: &str) -> Symbol {
    let value: Value = serde_json::from_str(body).expect("JSON");
    let item = value.as_array().and_then(|a| a.first()).unwrap_or(&value);
    Symbol::new(item["symbol"].as_str().expect("a symbol")).expect("a valid symbol")
}

#[test]
fn corpus_open_orders_of_orders_never_seen_are_foreign() {
    let files = corpus("open_orders_");
    for (name, body) in &files {
        let symbol = first_symbol(body);
        let mut snapshot = Snapshot::new();
        snapshot.insert(Fetch::OpenOrders { symbol }, 200, body.as_str());
        let plan = reconcile(&OrderTracker::new(), &snapshot, 0, 5_000)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let items = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
            .expect("a list");
        // None of them is the engine's (no PMS… client id): listed, not adopted.
        assert_eq!(plan.foreign.len(), items, "{name}");
        assert!(plan.steps.is_empty() && plan.to_fetch.is_empty(), "{name}");
    }
    assert_eq!(files.len(), 7);
}

#[test]
fn corpus_open_algo_orders_of_orders_never_seen_are_foreign() {
    let files = corpus("algo_open_orders_");
    let mut listed = 0;
    for (name, body) in &files {
        let value: Value = serde_json::from_str(body).expect("JSON");
        let Some(first) = value.as_array().and_then(|a| a.first()) else {
            continue;
        };
        let symbol = Symbol::new(first["symbol"].as_str().expect("symbol")).expect("valid");
        let mut snapshot = Snapshot::new();
        snapshot.insert(Fetch::OpenAlgoOrders { symbol }, 200, body.as_str());
        let plan = reconcile(&OrderTracker::new(), &snapshot, 0, 5_000)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(plan.steps.is_empty(), "{name}");
        listed += plan.foreign.len();
    }
    assert!(listed >= 1);
}

#[test]
fn corpus_user_trades_are_read() {
    let files = corpus("user_trades_");
    for (name, body) in &files {
        // Some sources hold one trade of the list, not the list.
        let list = if body.trim_start().starts_with('[') {
            body.clone()
        } else {
            format!("[{body}]")
        };
        let value: Value = serde_json::from_str(&list).expect("JSON");
        let first = &value[0];
        let order_id = first["orderId"]
            .as_u64()
            .or_else(|| first["orderId"].as_str().and_then(|s| s.parse().ok()))
            .expect("an order id");
        let fetch = Fetch::UserTrades {
            symbol: first_symbol(&list),
            exchange_id: ExchangeOrderId(order_id),
        };
        let trades = read_user_trades(&fetch, 200, &list).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(trades.len(), 1, "{name}");
        assert_eq!(Some(trades[0].trade_id.0), first["id"].as_u64(), "{name}");
        assert_eq!(
            trades[0].qty.to_string(),
            first["qty"].as_str().expect("qty"),
            "{name}"
        );
    }
    assert_eq!(files.len(), 8);
}

#[test]
fn corpus_unknown_order_error_fails_an_old_placement() {
    let (_, body) = corpus("error_hummingbot_5").remove(0);
    let mut tracker = OrderTracker::new();
    let (key, client_id) = place(&mut tracker, 1, price("97000"), 1_000);
    tracker.place_in_doubt(key, 1_001).expect("in doubt");
    let mut snapshot = Snapshot::new();
    snapshot.insert(Fetch::OpenOrders { symbol: btc() }, 200, "[]");
    snapshot.insert(
        Fetch::Order {
            symbol: btc(),
            order: OrderId::Client(client_id),
        },
        400,
        body,
    );
    let plan = reconcile(&tracker, &snapshot, 60_000, 5_000).expect("good answers");
    assert_eq!(plan.steps.first().map(|s| s.kind), Some(StepKind::Fail));
    assert!(plan.apply(&mut tracker, 60_000).iter().all(Result::is_ok));
    assert_eq!(
        tracker.get(key).map(|o| o.status()),
        Some(OrderStatus::Failed)
    );
}

#[test]
fn corpus_query_answer_for_another_order_is_refused() {
    let (_, body) = corpus("query_order_binance_sdk_python_1").remove(0);
    let mut tracker = OrderTracker::new();
    let (_, client_id) = place(&mut tracker, 1, price("97000"), 1_000);
    let symbol = first_symbol(&body);
    let mut snapshot = Snapshot::new();
    snapshot.insert(Fetch::OpenOrders { symbol: btc() }, 200, "[]");
    snapshot.insert(
        Fetch::Order {
            symbol: btc(),
            order: OrderId::Client(client_id),
        },
        200,
        body,
    );
    let error = reconcile(&tracker, &snapshot, 60_000, 5_000).expect_err("another order");
    assert!(
        matches!(error, ordertrack_binance::ReconcileError::WrongOrder { .. }),
        "{error} ({symbol})"
    );
}
