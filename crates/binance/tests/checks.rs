//! Every event for a tracked order is checked against it before it is applied
//! or called stale: a bad decimal or enum is a decode error, a side, type or
//! quantity other than the order's is a typed refusal naming field, expected
//! and seen value — and in every case the tracker is exactly as it was.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

use ordertrack::{
    AnyOrder, Applied, ApplyError, OrderKey, OrderStatus, OrderTracker, Outcome, Qty, TermMismatch,
    TrackError,
};
use ordertrack_binance::{DecodeError, decode, seed_order};

const ID: &str = "PMS9f3c2a1b_CHASE_0a1b2c3d4e5f";

/// The order's ack: a LIMIT BUY of 0.010 BTCUSDT at 86950.
const NEW: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000012,"E":1764000000013,"o":{"s":"BTCUSDT","c":"PMS9f3c2a1b_CHASE_0a1b2c3d4e5f","S":"BUY","o":"LIMIT","f":"GTC","q":"0.010","p":"86950.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":731245678901,"l":"0","z":"0","L":"0","T":1764000000012,"t":0,"m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0"}}"#;

/// Its first fill: 0.004 at 86950.
const FILL: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000403,"E":1764000000404,"o":{"s":"BTCUSDT","c":"PMS9f3c2a1b_CHASE_0a1b2c3d4e5f","S":"BUY","o":"LIMIT","f":"GTC","q":"0.010","p":"86950.00","ap":"86950.00000","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":731245678901,"l":"0.004","z":"0.004","L":"86950.00","T":1764000000403,"t":6923456701,"m":true,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0"}}"#;

fn with(line: &str, from: &str, to: &str) -> String {
    assert!(line.contains(from), "{from} not in {line}");
    line.replacen(from, to, 1)
}

/// `line` with each `(from, to)` replaced in turn.
fn with_all(line: &str, edits: &[(&str, &str)]) -> String {
    edits
        .iter()
        .fold(line.to_owned(), |line, (from, to)| with(&line, from, to))
}

/// A tracker holding the acknowledged order, and its key.
fn tracked() -> (OrderTracker, OrderKey) {
    let report = *decode(NEW).unwrap().report().unwrap();
    let mut tracker = OrderTracker::new();
    let key = tracker.register(seed_order(&report).unwrap()).unwrap();
    tracker.apply(&report).unwrap();
    (tracker, key)
}

fn orders(tracker: &OrderTracker) -> Vec<(OrderKey, AnyOrder)> {
    tracker.iter().map(|(k, o)| (k, o.clone())).collect()
}

/// Feeds `line` to the tracker: a decode error or a refusal, with the
/// tracker unchanged. Returns the refusal, if it got that far.
fn refused(tracker: &mut OrderTracker, line: &str) -> Result<TrackError, DecodeError> {
    let before = orders(tracker);
    let result = decode(line).map(|event| tracker.apply(event.report().unwrap()));
    assert_eq!(orders(tracker), before, "{line}");
    tracker.check_invariants().unwrap();
    match result {
        Err(decode) => Err(decode),
        Ok(Err(track)) => Ok(track),
        Ok(Ok(outcome)) => panic!("{line} was applied: {outcome:?}"),
    }
}

#[test]
fn absurd_values_for_a_known_order_are_decode_errors_not_stale_events() {
    let (mut tracker, _) = tracked();
    for (from, to, kind, field) in [
        (r#""q":"0.010""#, r#""q":"-50""#, "bad_decimal", "$.o.q"),
        (r#""q":"0.010""#, r#""q":"1e400""#, "bad_decimal", "$.o.q"),
        (r#""p":"86950.00""#, r#""p":"NaN""#, "bad_decimal", "$.o.p"),
        (
            r#""S":"BUY""#,
            r#""S":"SIDEWAYS""#,
            "unknown_value",
            "$.o.S",
        ),
    ] {
        // A repeated NEW: without the checks, this was counted as stale.
        let err = refused(&mut tracker, &with(NEW, from, to)).unwrap_err();
        let DecodeError::Convert(convert) = &err else {
            panic!("{to}: {err:?}");
        };
        assert_eq!((err.kind(), convert.field()), (kind, field), "{to}");
    }
}

#[test]
fn a_fill_with_another_side_type_or_quantity_is_refused() {
    let (mut tracker, _) = tracked();
    let cases = [
        (r#""S":"BUY""#, r#""S":"SELL""#, "field `S`"),
        (r#""ot":"LIMIT""#, r#""ot":"STOP""#, "field `ot`"),
        (r#""q":"0.010""#, r#""q":"0.020""#, "field `q`"),
    ];
    for (from, to, field) in cases {
        for line in [FILL, NEW] {
            let err = refused(&mut tracker, &with(line, from, to)).unwrap();
            let TrackError::Apply {
                source:
                    ApplyError::TermsMismatch {
                        client_id,
                        mismatch,
                    },
                ..
            } = &err
            else {
                panic!("{to}: {err:?}");
            };
            assert_eq!(client_id.as_str(), ID);
            let message = err.to_string();
            assert!(message.contains(field) && message.contains(ID), "{message}");
            assert!(!message.contains("OrderKey"), "{message}");
            assert_eq!(err.kind(), "terms_mismatch");
            if field == "field `q`" {
                assert_eq!(
                    *mismatch,
                    TermMismatch::Quantity {
                        expected: Qty::parse("0.010").unwrap(),
                        reported: Qty::parse("0.020").unwrap()
                    }
                );
            }
        }
    }
    // The true fill still applies afterwards.
    let report = *decode(FILL).unwrap().report().unwrap();
    assert!(matches!(
        tracker.apply(&report).unwrap(),
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
}

#[test]
fn a_triggered_stop_reports_market_under_its_original_type() {
    let stop = with_all(
        NEW,
        &[
            (r#""o":"LIMIT""#, r#""o":"STOP_MARKET""#),
            (r#""ot":"LIMIT""#, r#""ot":"STOP_MARKET""#),
            (r#""p":"86950.00""#, r#""p":"0""#),
            (r#""sp":"0""#, r#""sp":"86900.00""#),
        ],
    );
    let report = *decode(&stop).unwrap().report().unwrap();
    let mut tracker = OrderTracker::new();
    tracker.register(seed_order(&report).unwrap()).unwrap();
    tracker.apply(&report).unwrap();
    // Triggered: `o` becomes MARKET, `ot` stays STOP_MARKET: the same order.
    let fill = with_all(
        FILL,
        &[
            (r#""o":"LIMIT""#, r#""o":"MARKET""#),
            (r#""ot":"LIMIT""#, r#""ot":"STOP_MARKET""#),
            (r#""p":"86950.00""#, r#""p":"0""#),
        ],
    );
    let report = *decode(&fill).unwrap().report().unwrap();
    assert!(matches!(
        tracker.apply(&report).unwrap(),
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
}

#[test]
fn a_cumulative_quantity_below_the_orders_own_sum_is_reported() {
    let (mut tracker, key) = tracked();
    let report = *decode(FILL).unwrap().report().unwrap();
    tracker.apply(&report).unwrap();
    // A cancel that says 0.001 filled, below the 0.004 applied.
    let cancel = with_all(
        FILL,
        &[
            (r#""x":"TRADE""#, r#""x":"CANCELED""#),
            (r#""X":"PARTIALLY_FILLED""#, r#""X":"CANCELED""#),
            (r#""z":"0.004""#, r#""z":"0.001""#),
        ],
    );
    let report = *decode(&cancel).unwrap().report().unwrap();
    let Outcome::Applied {
        applied: Applied::Cancelled(closed),
        ..
    } = tracker.apply(&report).unwrap()
    else {
        panic!("not cancelled");
    };
    assert_eq!(closed.excess_qty, Qty::parse("0.003").unwrap());
    assert_eq!(closed.unseen_qty, Qty::ZERO);
    assert_eq!(tracker.get(key).unwrap().status(), OrderStatus::Cancelled);
}
