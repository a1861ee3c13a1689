//! The replay with a recorded reconnect (`replay --reconcile FILE`): the
//! sample `data/sample_reconnect.{jsonl,json}` through the library and the
//! binary, a file it cannot use, and the file format's round trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test helpers outside #[test] functions"
)]

use std::process::{Command, Output};

use ordertrack::{ClientOrderId, OrderStatus, Price, Qty};
use ordertrack_binance::reconcile::file::{FileError, ReconcileFile};
use ordertrack_binance::{ReplayOptions, StepKind, replay_reconciled};

const STREAM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample_reconnect.jsonl");
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample_reconnect.json");

fn replay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_replay"))
        .args(args)
        .output()
        .unwrap()
}

fn state(tracker: &ordertrack::OrderTracker, id: &str) -> (OrderStatus, Qty, Option<Price>) {
    let (_, order) = tracker
        .lookup_client(&ClientOrderId::new(id).unwrap())
        .expect("tracked");
    (
        order.status(),
        order.filled_qty(),
        order.average_fill_price(),
    )
}

#[test]
fn the_sample_reconnect_heals_the_missed_events() {
    let file = ReconcileFile::parse(&std::fs::read_to_string(FILE).unwrap()).expect("the sample");
    assert_eq!((file.after_line, file.snapshot.len()), (Some(3), 5));
    let stream = std::fs::read(STREAM).unwrap();
    let (summary, tracker, run) =
        replay_reconciled(stream.as_slice(), ReplayOptions::default(), &file);
    assert!(run.is_clean(), "{run:?}");
    assert_eq!(run.after_line, 3);
    let report = run.report.as_ref().expect("usable answers");
    assert_eq!(
        report.steps.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [
            StepKind::Close(ordertrack::ReportStatus::Canceled),
            StepKind::Close(ordertrack::ReportStatus::Filled),
            StepKind::Adopt
        ]
    );
    assert_eq!(report.foreign.len(), 1);
    // The redelivered trade 104 after the reconnect: a duplicate.
    assert_eq!((summary.stats.duplicates, summary.error_lines), (1, 0));
    let q = |s: &str| Qty::parse(s).unwrap();
    let p = |s: &str| Price::parse(s).ok();
    assert_eq!(
        state(&tracker, "PMS9f3c2a1b_TRAIL_STOP_0000000000a1"),
        (OrderStatus::Cancelled, q("0.007"), p("96999.51428571"))
    );
    assert_eq!(
        state(&tracker, "PMS9f3c2a1b_TRAIL_STOP_0000000000b2"),
        (OrderStatus::Filled, q("0.01"), p("96500"))
    );
    assert_eq!(
        state(&tracker, "PMS9f3c2a1b_TRAIL_STOP_0000000000c3"),
        (OrderStatus::Active, q("0.002"), p("96800"))
    );
    // Round trip of the format.
    let again = ReconcileFile::parse(&file.render().expect("rendered")).expect("parsed back");
    assert_eq!(again, file);
}

#[test]
fn the_binary_prints_the_reconciliation() {
    let out = replay(&[STREAM, "--reconcile", FILE]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("reconciliation after line 3:"), "{text}");
    assert!(
        text.contains("3 steps (3 applied, 0 refused), 0 in agreement, 1 foreign"),
        "{text}"
    );
    let out = replay(&[STREAM, "--reconcile", FILE, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["reconciliation"]["steps"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(json["replay"]["invariants"]["ok"], true);
}

#[test]
fn a_file_it_cannot_use_is_exit_2() {
    let dir = std::env::temp_dir().join(format!("reconcile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Without the trades: the reconciliation still needs them.
    let text = std::fs::read_to_string(FILE).unwrap();
    let mut shape: serde_json::Value = serde_json::from_str(&text).unwrap();
    shape["answers"].as_array_mut().unwrap().truncate(3);
    let short = dir.join("short.json");
    std::fs::write(&short, shape.to_string()).unwrap();
    let out = replay(&[STREAM, "--reconcile", short.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("still to fetch: GET /fapi/v1/userTrades?symbol=BTCUSDT&orderId=4100000001"),
        "{text}"
    );
    // A request the reconciliation does not use.
    assert!(matches!(
        ReconcileFile::parse(
            r#"{"now":1,"answers":[{"request":"/fapi/v1/allOrders?symbol=BTCUSDT","status":200,"body":[]}]}"#
        ),
        Err(FileError::Request { index: 0, .. })
    ));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"answers":[]}"#).unwrap();
    let out = replay(&[STREAM, "--reconcile", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("not of the documented shape")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
