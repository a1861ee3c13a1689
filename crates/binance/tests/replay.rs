//! The `replay` library function: line handling (blank, CRLF, not UTF-8,
//! too long, a read error), the error log's limits, the exit status and the
//! text and JSON renderings.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers outside #[test] functions"
)]

use std::collections::BTreeMap;
use std::io::{self, BufReader, Read};
use std::time::Duration;

use ordertrack::OrderStatus;
use ordertrack_binance::{
    FeedConfig, InvariantCheck, MAX_ERROR_LINES, MAX_MESSAGE_BYTES, ReplayOptions, replay,
};

const BASIC: &str = include_str!("data/session_basic.jsonl");

#[test]
fn not_utf8_blank_and_crlf_lines() {
    let basic: Vec<&str> = BASIC.lines().collect();
    let mut input = Vec::new();
    input.extend_from_slice(basic[0].as_bytes());
    input.extend_from_slice(b"\r\n\n   \r\n");
    input.extend_from_slice(b"{\"e\":\"ORDER_TRADE_UPDATE\xff\"}\n");
    input.extend_from_slice(basic[4].as_bytes());
    let summary = replay(&input[..], ReplayOptions::default());
    assert_eq!((summary.stats.lines, summary.stats.blank_lines), (5, 2));
    assert_eq!((summary.stats.acks, summary.stats.fills_applied), (1, 1));
    assert_eq!(summary.errors_by_kind, BTreeMap::from([("not_utf8", 1)]));
    assert_eq!(summary.first_errors[0].line, 4);
    assert_eq!((summary.events(), summary.exit_status()), (3, 2));
}

/// Yields `data`, then fails.
struct Failing<'a>(&'a [u8]);

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        self.0.read(buf)
    }
}

#[test]
fn a_read_error_ends_the_replay() {
    let two_lines: String = BASIC.lines().take(2).map(|l| format!("{l}\n")).collect();
    let reader = BufReader::with_capacity(64, Failing(two_lines.as_bytes()));
    let summary = replay(reader, ReplayOptions::default());
    assert_eq!(
        (summary.stats.lines, summary.stats.acks, summary.error_lines),
        (2, 2, 1)
    );
    assert_eq!(summary.first_errors[0].kind, "read_error");
    assert_eq!(summary.first_errors[0].line, 3);
    assert_eq!(summary.first_errors[0].message, "read error: disk on fire");
    assert!(summary.invariants.ok);
    assert_eq!(summary.exit_status(), 2);
}

#[test]
fn the_error_log_is_bounded() {
    let bad = "not json\n".repeat(12);
    let options = ReplayOptions {
        error_lines: 3,
        ..ReplayOptions::default()
    };
    let summary = replay(bad.as_bytes(), options);
    assert_eq!(summary.error_lines, 12);
    let lines: Vec<u64> = summary.first_errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 2, 3]);
    let text = summary.render_text("x", Duration::from_millis(2));
    assert!(text.contains("… and 9 more"), "{text}");
    // Whatever is asked, at most MAX_ERROR_LINES are kept.
    let many = "x\n".repeat(MAX_ERROR_LINES + 10);
    let options = ReplayOptions {
        error_lines: usize::MAX,
        ..ReplayOptions::default()
    };
    let summary = replay(many.as_bytes(), options);
    assert_eq!(summary.first_errors.len(), MAX_ERROR_LINES);
    assert_eq!(summary.error_lines, MAX_ERROR_LINES as u64 + 10);
}

#[test]
fn huge_lines_are_skipped_unread_with_short_messages() {
    // 100 MiB without a newline, never in memory at once, then a good line
    // after a 10-million-bracket one.
    let huge = io::repeat(b'a').take(100 << 20);
    let brackets = io::repeat(b'[').take(10_000_000);
    let input = huge
        .chain(&b"\n"[..])
        .chain(brackets)
        .chain(&b"\n"[..])
        .chain(BASIC.lines().next().unwrap().as_bytes());
    let summary = replay(BufReader::new(input), ReplayOptions::default());
    assert_eq!(summary.stats.lines, 3);
    assert_eq!(
        summary.errors_by_kind,
        BTreeMap::from([("line_too_long", 2)])
    );
    assert_eq!(
        summary.first_errors[0].message,
        "line of 104857600 bytes is longer than the limit of 1048576 bytes; skipped unread"
    );
    assert_eq!(summary.first_errors[1].line, 2);
    assert_eq!((summary.stats.acks, summary.invariants.orders), (1, 1));
    // Under the limit, deep nesting is a parse error, its message short.
    let nested = "[".repeat(1 << 20);
    let summary = replay(nested.as_bytes(), ReplayOptions::default());
    assert_eq!(summary.error_lines, 1);
    assert!(summary.first_errors[0].message.len() <= MAX_MESSAGE_BYTES);
}

#[test]
fn exit_status_follows_invariants_then_errors() {
    let mut summary = replay(BASIC.as_bytes(), ReplayOptions::default());
    assert_eq!(summary.exit_status(), 0);
    summary.error_lines = 1;
    assert_eq!(summary.exit_status(), 2);
    summary.invariants = InvariantCheck {
        ok: false,
        orders: 7,
        violations: 1,
        first_violations: vec!["an index disagrees".to_owned()],
    };
    assert_eq!(summary.exit_status(), 1);
    let text = summary.render_text("x", Duration::from_millis(1));
    assert!(
        text.contains("  invariants      VIOLATED: 1 violations\n    an index disagrees\n"),
        "{text}"
    );
}

#[test]
fn order_rows_only_when_asked() {
    let options = ReplayOptions {
        order_rows: false,
        ..ReplayOptions::default()
    };
    let summary = replay(BASIC.as_bytes(), options);
    assert!(summary.orders.is_empty());
    assert_eq!(summary.invariants.orders, 7);
    let summary = replay(BASIC.as_bytes(), ReplayOptions::default());
    assert_eq!(summary.orders.len(), 7);
}

#[test]
fn empty_input() {
    let summary = replay(&b""[..], ReplayOptions::default());
    assert_eq!((summary.stats.lines, summary.events()), (0, 0));
    assert!(summary.invariants.ok && summary.orders.is_empty());
    assert_eq!(summary.orders_by_state.len(), OrderStatus::ALL.len());
    assert!(summary.orders_by_state.values().all(|&n| n == 0));
    assert_eq!(summary.events_per_second(Duration::ZERO), 0.0);
    assert_eq!(summary.exit_status(), 0);
}

#[test]
fn renders_text_and_json() {
    let options = ReplayOptions {
        feed: FeedConfig {
            max_held_trade_lites: 7,
            ..FeedConfig::default()
        },
        ..ReplayOptions::default()
    };
    let summary = replay(BASIC.as_bytes(), options);
    let elapsed = Duration::from_millis(4);
    let text = summary.render_text("session_basic.jsonl", elapsed);
    for expected in [
        "replay of session_basic.jsonl\n",
        "  orders          7 registered | final state: Cancelled 2, Expired 1, Filled 4\n",
        "  lines           19 (0 blank) | ORDER_TRADE_UPDATE 19 | TRADE_LITE 0 | ALGO_UPDATE 0 | other events 0\n",
        "  conditional     armed 0 | triggering 0 | triggers 0\n",
        "  held            TRADE_LITE before their order 0 | never met 0 | for a trigger 0 | never bound 0\n",
        "  evicted         held TRADE_LITE 0 (cap 7) | held for a trigger 0 (cap 10,000) | unknown ours 0 (cap 100,000) | foreign 0 (cap 100,000)\n",
        "  errors          0 lines\n",
        "  invariants      ok (7 orders checked)\n",
        "  throughput      19 events in 4.000 ms = 4,750 events/s\n",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    let orders = summary.render_orders();
    assert!(
        orders.starts_with("  orders at the end (7, by client id)\n    client id"),
        "{orders}"
    );
    assert_eq!(orders.lines().count(), 2 + 7);
    let json = summary.render_json("session_basic.jsonl", elapsed).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["source"], "session_basic.jsonl");
    assert_eq!(
        (value["events"].as_u64(), value["exit_status"].as_u64()),
        (Some(19), Some(0))
    );
    assert_eq!(value["events_per_second"], 4750.0);
    assert_eq!(value["orders_by_state"]["Filled"], 4);
    assert_eq!(value["fills_applied"], 9);
    assert_eq!(value["held_evicted"], 0);
    assert_eq!(value["limits"]["max_held_trade_lites"], 7);
    assert_eq!(value["invariants"]["ok"], true);
    assert_eq!(value["errors_by_kind"], serde_json::json!({}));
    assert_eq!(value["orders"].as_array().map(Vec::len), Some(7));
}
