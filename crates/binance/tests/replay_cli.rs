//! The `replay` binary: its outputs (text, `--orders`, `--json` with every
//! order) and its exit statuses (0 all read, 2 a bad line or unreadable
//! input).
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers outside #[test] functions"
)]

use std::process::{Command, Output};

fn replay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_replay"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

const RACES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/session_races.jsonl"
);
const BASIC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/session_basic.jsonl"
);

#[test]
fn the_sample_session_replays_cleanly() {
    let out = replay(&[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("replay of the built-in sample session\n"),
        "{text}"
    );
    assert!(
        text.contains("invariants      ok (14 orders checked)"),
        "{text}"
    );
    assert!(text.contains("  errors          0 lines\n"), "{text}");
    assert!(!text.contains("orders at the end"), "{text}");
    // The same with `--sample session`.
    let named = replay(&["--sample", "session"]);
    assert_eq!(named.status.code(), Some(0));
}

#[test]
fn orders_table_has_one_aligned_row_per_order() {
    let out = replay(&["--orders"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("  orders at the end"))
        .collect();
    assert_eq!(table[0], "  orders at the end (14, by client id)");
    assert!(table[1].starts_with("    client id "), "{text}");
    assert_eq!(table.len(), 2 + 14, "{text}");
    let header = table[1];
    let row = table
        .iter()
        .find(|l| l.contains("PMS7f3e9c21_TWAP_4d5e6f708192"))
        .unwrap();
    assert_eq!(row.len(), header.len(), "{text}");
    // Text starts under its header, numbers end under theirs.
    let starts = |name: &str, value: &str| {
        let at = header.find(name).unwrap();
        assert_eq!(row.get(at..at + value.len()), Some(value), "{name}: {row}");
    };
    let ends = |name: &str, value: &str| {
        let end = header.find(name).unwrap() + name.len();
        let cell = row
            .get(..end)
            .unwrap()
            .rsplit("  ")
            .next()
            .unwrap()
            .trim_start();
        assert_eq!(cell, value, "{name}: {row}");
    };
    starts("symbol", "1000PEPEUSDT");
    starts("state", "Cancelled");
    ends("filled", "25000");
    ends("quantity", "40000");
    ends("avg price", "0.0061");
    ends("fills", "2");
    ends("exchange id", "52342000402");
    ends("algo id", "-");
    let basket = table.iter().find(|l| l.contains("BASKET_")).unwrap();
    assert!(basket.contains("  Active "), "{basket}");
    // A stop of the algo service: its algo id, and the order it triggered
    // into as its exchange id.
    let stop = table
        .iter()
        .find(|l| l.contains("PMSa1b2c3d4_TRAIL_STOP_b5c6d7e8f901"))
        .unwrap();
    assert_eq!(stop.len(), header.len(), "{text}");
    assert!(
        stop.ends_with("  Filled       0.01      0.01       -    84997.3      2      731246002001  1000000041234501"),
        "{stop}"
    );
}

#[test]
fn json_lists_every_order_with_exact_decimals() {
    let out = replay(&[BASIC, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["source"].as_str(), json["exit_status"].as_u64()),
        (Some(BASIC), Some(0))
    );
    let orders = json["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 7);
    let ids: Vec<&str> = orders
        .iter()
        .map(|o| o["client_id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    let scalper = orders
        .iter()
        .find(|o| o["client_id"] == "PMSa1b2c3d4_SCL_8e7d6c5b4a39")
        .unwrap();
    assert_eq!(
        *scalper,
        serde_json::json!({
            "client_id": "PMSa1b2c3d4_SCL_8e7d6c5b4a39",
            "symbol": "ETHUSDT",
            "side": "SELL",
            "order_type": "MARKET",
            "origin": "SCALPER",
            "quantity": "0.25",
            "price": null,
            "state": "Filled",
            "filled_qty": "0.25",
            "avg_price": "2934.5048",
            "fills": 2,
            "exchange_id": 8_389_765_812_345_601_u64,
            "algo_id": null,
        })
    );
    let cancelled = orders
        .iter()
        .find(|o| o["client_id"] == "PMSa1b2c3d4_SRF_5d4c3b2a1f0e")
        .unwrap();
    assert_eq!(
        (
            &cancelled["state"],
            &cancelled["filled_qty"],
            &cancelled["avg_price"],
            &cancelled["fills"]
        ),
        (
            &serde_json::json!("Cancelled"),
            &serde_json::json!("0"),
            &serde_json::Value::Null,
            &serde_json::json!(0)
        )
    );
}

#[test]
fn bad_lines_exit_2() {
    let out = replay(&["--sample", "errors"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains("  errors          7 lines: bad_symbol 1, exchange_id_taken 1, fill_refused 1, inconsistent_report 1, invalid_value 1, malformed_json 1, wrong_type 1\n"),
        "{text}"
    );
    assert!(text.contains("    line 7: [exchange_id_taken] "), "{text}");
    assert!(!text.contains("OrderKey"), "{text}");
    // A recorded session with two bad lines: the JSON says so too.
    let out = replay(&[RACES, "--json", "--error-lines", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["lines"].as_u64(), json["error_lines"].as_u64()),
        (Some(31), Some(2))
    );
    assert_eq!(json["exit_status"], 2);
    assert_eq!(json["first_errors"].as_array().unwrap().len(), 1);
    assert_eq!(json["first_errors"][0]["line"], 28);
    assert!(json["events_per_second"].as_f64().unwrap() > 0.0);
}

#[test]
fn unreadable_input_exits_2() {
    for path in ["/nonexistent/file.jsonl", env!("CARGO_MANIFEST_DIR")] {
        let out = replay(&[path]);
        assert_eq!(out.status.code(), Some(2), "{path}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("replay: cannot read {path}: ")),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let dir = replay(&[env!("CARGO_MANIFEST_DIR")]);
    assert!(String::from_utf8_lossy(&dir.stderr).contains("it is a directory"));
}

#[test]
fn help_states_the_exit_statuses() {
    let out = replay(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for status in [
        "  0  every line was read",
        "  1  the tracker's invariants",
        "  2  a line could not be used",
    ] {
        assert!(text.contains(status), "{text}");
    }
    let out = replay(&["--error-lines", "1001"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses it");
}
