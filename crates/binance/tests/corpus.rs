//! The corpus of real payloads (`tests/data/corpus/`, provenance in its
//! README): every well-formed order event (the algo service's `ALGO_UPDATE`
//! included) and every order answer of the order and algo endpoints is read,
//! and the stream, with the engine's client ids substituted for the sources'
//! ones, replays with the invariants intact.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use ordertrack::{ClientOrderId, Origin, SubAccountId};
use ordertrack_binance::{
    AlgoAnswer, AlgoListAnswer, DecodeError, FeedEvent, ListAnswer, ListedAlgoOrder, ListedOrder,
    ReplayOptions, RestAnswer, decode, read_algo_list_answer, read_list_answer,
    read_ws_api_algo_answer, read_ws_api_answer, replay_into,
};
use serde_json::Value;

const STREAM: &str = include_str!("data/corpus/stream.jsonl");

/// Order events of the corpus that are not Binance's (each a test fixture
/// of another project), with the reason; every other order event must be
/// read. Listed in `MALFORMED.md` too.
const NOT_BINANCE: &[(usize, &str)] = &[
    (
        16,
        "client id of 41 characters: Binance refuses any over 36",
    ),
    (24, "hummingbot's test symbol COINALPHA-HBOT"),
    (25, "hummingbot's test symbol COINALPHA-HBOT"),
    (26, "hummingbot's test symbol COINALPHA-HBOT"),
    (27, "hummingbot's test symbol COINALPHA-HBOT"),
    (28, "hummingbot's test symbol COINALPHA-HBOT"),
    (29, "hummingbot's test symbol COINALPHA-HBOT"),
    (30, "hummingbot's test symbol COINALPHA-HBOT"),
    (31, "hummingbot's test symbol COINALPHA-HBOT"),
    (32, "hummingbot's test symbol COINALPHA-HBOT"),
    (33, "hummingbot's test symbol COINALPHA-HBOT"),
    (34, "hummingbot's test symbol COINALPHA-HBOT"),
    (35, "hummingbot's test symbol COINALPHA-HBOT"),
];

/// REST answers of the order endpoints that are not Binance's.
const NOT_BINANCE_REST: &[(&str, &str)] = &[(
    "new_order_gobinance_6.json",
    "a go-binance fixture without clientOrderId, which every Binance order answer has",
)];

/// The event type of a stream line, bare or in the combined-stream envelope.
fn event_type(line: &str) -> String {
    let value: Value = serde_json::from_str(line).unwrap();
    let event = value.get("data").unwrap_or(&value);
    event["e"].as_str().unwrap().to_owned()
}

fn is_order_event(line: &str) -> bool {
    matches!(
        event_type(line).as_str(),
        "ORDER_TRADE_UPDATE" | "TRADE_LITE" | "ALGO_UPDATE"
    )
}

#[test]
fn every_well_formed_order_event_is_read() {
    let mut read = 0;
    let mut refused = BTreeMap::new();
    for (n, line) in STREAM.lines().enumerate() {
        let number = n + 1;
        match decode(line) {
            Ok(FeedEvent::Other { event_type: e }) => {
                assert!(
                    !is_order_event(line),
                    "line {number}: an order event read as {e:?}"
                );
            }
            Ok(event) => {
                assert!(is_order_event(line), "line {number}");
                assert!(event.report().is_some());
                read += 1;
            }
            Err(err) => {
                refused.insert(number, err);
            }
        }
    }
    let expected: BTreeSet<usize> = NOT_BINANCE.iter().map(|&(n, _)| n).collect();
    assert_eq!(
        refused.keys().copied().collect::<BTreeSet<_>>(),
        expected,
        "refused: {refused:#?}"
    );
    for (number, err) in &refused {
        assert!(
            matches!(err, DecodeError::Convert(_)),
            "line {number}: {err}"
        );
    }
    let order_events = STREAM.lines().filter(|l| is_order_event(l)).count();
    assert_eq!(read + expected.len(), order_events);
    assert!(read >= 46, "{read} order events read");
}

#[test]
fn every_algo_update_is_read_as_an_algo_report() {
    let mut statuses = BTreeMap::new();
    for (n, line) in STREAM.lines().enumerate() {
        if event_type(line) != "ALGO_UPDATE" {
            continue;
        }
        let Ok(FeedEvent::AlgoUpdate(report)) = decode(line) else {
            panic!("line {}: {:?}", n + 1, decode(line));
        };
        let value: Value = serde_json::from_str(line).unwrap();
        let o = &value.get("data").unwrap_or(&value)["o"];
        assert_eq!(
            report.algo_id.map(|a| a.get()),
            o["aid"].as_u64(),
            "line {}",
            n + 1
        );
        let ai = o["ai"].as_str().unwrap();
        assert_eq!(
            report.exchange_id.map(|e| e.0.to_string()),
            (!ai.is_empty()).then(|| ai.to_owned()),
            "line {}",
            n + 1
        );
        assert!(report.execution.allows(report.status));
        *statuses.entry(report.status.as_str()).or_insert(0) += 1;
    }
    assert_eq!(
        statuses,
        BTreeMap::from([
            ("CANCELED", 2),
            ("FINISHED", 2),
            ("NEW", 1),
            ("TRIGGERED", 2),
            ("TRIGGERING", 1)
        ])
    );
}

fn corpus_rest_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/rest");
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The answers of the endpoints whose order answers the adapter reads.
const ORDER_ENDPOINTS: &[&str] = &[
    "new_order_",
    "test_order_",
    "cancel_order_",
    "query_order_",
    "query_open_order_",
    "modify_order_",
    "open_orders_",
    "all_orders_",
    "batch_orders_",
    "cancel_batch_orders_",
    "modify_batch_orders_",
    "force_orders_",
    "pm_um_order_",
    "pm_um_query_open_order_",
    "pm_um_cancel_batch_orders_",
    "wsapi_new_order_",
    "wsapi_cancel_order_",
    "wsapi_query_order_",
    "wsapi_modify_order_",
];

#[test]
fn every_order_answer_of_the_order_endpoints_is_read() {
    let mut orders = 0;
    let mut item_errors = 0;
    let mut checked = 0;
    for (name, body) in corpus_rest_files() {
        if !ORDER_ENDPOINTS
            .iter()
            .any(|prefix| name.starts_with(prefix))
        {
            continue;
        }
        checked += 1;
        let not_binance = NOT_BINANCE_REST.iter().any(|(n, _)| *n == name);
        if body.trim_start().starts_with('[') {
            let ListAnswer::Items(items) = read_list_answer(200, &body) else {
                panic!("{name}: not read as a list");
            };
            assert!(!items.is_empty(), "{name}");
            for item in items {
                match item {
                    ListedOrder::Order(_) => orders += 1,
                    ListedOrder::Error { code, .. } => {
                        assert!(code.is_some(), "{name}");
                        item_errors += 1;
                    }
                    ListedOrder::Unreadable(err) => panic!("{name}: {err}"),
                }
            }
        } else {
            match read_ws_api_answer(&body) {
                RestAnswer::Order(_) => {
                    assert!(!not_binance, "{name} is read: take it off NOT_BINANCE_REST");
                    orders += 1;
                }
                other => assert!(not_binance, "{name}: {other:?}"),
            }
        }
    }
    assert!(checked >= 60, "{checked} answers checked");
    assert!(
        orders >= 60 && item_errors >= 8,
        "{orders} orders, {item_errors} item errors"
    );
}

/// The answers of the algo service's endpoints (new, cancel, cancel-all,
/// query, open and all algo orders, and the WebSocket API's).
const ALGO_ENDPOINTS: &[&str] = &["algo_", "wsapi_algo_"];

#[test]
fn every_answer_of_the_algo_endpoints_is_read() {
    let (mut orders, mut accepted, mut checked) = (0, 0, 0);
    for (name, body) in corpus_rest_files() {
        if !ALGO_ENDPOINTS.iter().any(|prefix| name.starts_with(prefix)) {
            continue;
        }
        checked += 1;
        if body.trim_start().starts_with('[') {
            let AlgoListAnswer::Items(items) = read_algo_list_answer(200, &body) else {
                panic!("{name}: not read as a list");
            };
            assert!(!items.is_empty(), "{name}");
            for item in items {
                let ListedAlgoOrder::Order(snapshot) = item else {
                    panic!("{name}: {item:?}");
                };
                assert!(snapshot.algo_id.get() > 0);
                orders += 1;
            }
        } else {
            match read_ws_api_algo_answer(&body) {
                AlgoAnswer::Order(_) => orders += 1,
                // Cancel answers: the order named (or none, for cancel-all), code 200 or 0.
                AlgoAnswer::Accepted { client_id, .. } => {
                    assert_eq!(
                        client_id.is_none(),
                        name.starts_with("algo_cancel_all_open_"),
                        "{name}"
                    );
                    accepted += 1;
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }
    assert_eq!((checked, orders, accepted), (22, 16, 6));
}

/// The stream with the engine's ids: each order of an order event gets a
/// `PMS…` id of its own (Binance's own `…autoclose…` orders excepted),
/// origins taken in turn. The sources reuse one client id and order id
/// (`TEST`, 8886774) for unrelated orders of other sides, quantities and
/// types, so an order is told by all of these (a `TRADE_LITE`, which states
/// no type, joins the last update of its order), and an order id already
/// taken by another order is replaced by a fresh one.
fn with_our_ids(stream: &str) -> (String, usize) {
    type Order = (String, String, String, String, String);
    let sub = SubAccountId::new("c0ffee00-corpus").unwrap();
    let mut ours: BTreeMap<(Order, String), (ClientOrderId, Value)> = BTreeMap::new();
    let mut last_type: BTreeMap<Order, String> = BTreeMap::new();
    let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
    let mut fresh_id = 9_000_000_000_u64;
    let mut out = String::new();
    for line in stream.lines() {
        let mut value: Value = serde_json::from_str(line).unwrap();
        let event = if value.get("data").is_some() {
            &mut value["data"]
        } else {
            &mut value
        };
        let kind = event["e"].as_str().unwrap_or_default().to_owned();
        // The client id's and the order id's keys, and whether the order id
        // is the matching engine's (an ALGO_UPDATE's `aid` is the algo
        // service's; its `ai` names an order no other event here has).
        let (order, client_key, id_key, engine_id) = match kind.as_str() {
            "ORDER_TRADE_UPDATE" => (Some(&mut event["o"]), "c", "i", true),
            "TRADE_LITE" => (Some(event), "c", "i", true),
            "ALGO_UPDATE" => (Some(&mut event["o"]), "caid", "aid", false),
            _ => (None, "c", "i", true),
        };
        if let Some(order) = order
            && let Some(text) = order[client_key].as_str()
            && !text.contains("autoclose")
        {
            let field = |name: &str| order[name].to_string();
            let id: Order = (
                text.to_owned(),
                field("s"),
                field(id_key),
                field("S"),
                field("q"),
            );
            let type_key = if engine_id { "ot" } else { "o" };
            let order_type = match order.get(type_key) {
                Some(ot) => {
                    last_type.insert(id.clone(), ot.to_string());
                    ot.to_string()
                }
                None => last_type.get(&id).cloned().unwrap_or_default(),
            };
            let next = ours.len();
            let (ours_id, exchange_id) = ours
                .entry((id.clone(), order_type))
                .or_insert_with(|| {
                    let origin = Origin::ALL[next % Origin::ALL.len()];
                    let client_id = ClientOrderId::with_unique(&sub, origin, next as u128 + 1);
                    let exchange_id = if !engine_id || taken.insert((id.1.clone(), id.2.clone())) {
                        order[id_key].clone()
                    } else {
                        fresh_id += 1;
                        Value::from(fresh_id)
                    };
                    (client_id, exchange_id)
                })
                .clone();
            order[client_key] = Value::String(ours_id.as_str().to_owned());
            order[id_key] = exchange_id;
        }
        out.push_str(&serde_json::to_string(&value).unwrap());
        out.push('\n');
    }
    (out, ours.len())
}

#[test]
fn the_corpus_replays_with_our_ids_and_the_invariants_hold() {
    let (stream, ids) = with_our_ids(STREAM);
    assert!(ids >= 12, "{ids} client ids substituted");
    let (summary, tracker) = replay_into(stream.as_bytes(), ReplayOptions::default());
    assert!(summary.invariants.ok, "{:?}", summary.invariants);
    tracker.check_invariants().unwrap();
    assert!(summary.stats.orders_registered >= 10, "{summary:#?}");
    assert!(summary.stats.fills_applied >= 5, "{summary:#?}");
    // The algo service's orders: adopted from their ALGO_UPDATEs.
    assert_eq!(summary.stats.algo_updates, 8, "{summary:#?}");
    eprintln!(
        "{:?}",
        (
            summary.stats.armed,
            summary.stats.triggers,
            summary.stats.stale,
            &summary.orders_by_state
        )
    );
    // The only lines refused are hummingbot's, whose symbol is no Binance one.
    let hummingbot = NOT_BINANCE
        .iter()
        .filter(|(_, why)| why.contains("COINALPHA"))
        .count();
    assert_eq!(
        summary.errors_by_kind,
        BTreeMap::from([("bad_symbol", hummingbot as u64)]),
        "{summary:#?}"
    );
    for error in &summary.first_errors {
        assert!(error.message.len() < 400, "{error:?}");
        assert!(!error.message.contains("OrderKey"), "{error:?}");
    }
    // Every tracked order is one of ours.
    for (_, order) in tracker.iter() {
        assert!(order.client_id().parse_pms().is_some(), "{order:?}");
    }
}
