//! A file that is not a store's, damaged, newer, or whose journal has a gap
//! is a typed error naming the input and the rule, with nothing loaded; an
//! absurd size is refused, not allocated; a version-1 file is migrated.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::path::Path;

use common::stream::{generate, reference};
use common::{Scratch, fingerprint};
use ordertrack_store::{APPLICATION_ID, Options, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;

/// A store at `path` holding the first `n` steps of stream 5, a snapshot
/// taken after `snapshot_at` of them (none when 0).
fn filled_store(path: &Path, n: usize, snapshot_at: usize) {
    let steps = generate(5, n);
    let mut store = Store::open_with(path, Options::default().with_snapshot_every(0)).unwrap();
    for (i, step) in steps.iter().enumerate() {
        if i == snapshot_at && i > 0 {
            store.snapshot().unwrap();
        }
        step.run_store(&mut store).unwrap();
    }
    store.close().unwrap();
}

fn sql(path: &Path, statements: &str) {
    Connection::open(path)
        .unwrap()
        .execute_batch(statements)
        .unwrap();
}

fn open_err(path: &Path) -> StoreError {
    Store::open(path).map(|s| s.last_seq()).unwrap_err()
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = Scratch::new("notdb");
    let path = dir.path("x.db");
    std::fs::write(
        &path,
        "these are not the droids you are looking for\n".repeat(200),
    )
    .unwrap();
    let err = open_err(&path);
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("x.db"), "{err}");
}

#[test]
fn an_empty_file_becomes_a_new_store() {
    let dir = Scratch::new("empty");
    let path = dir.path("x.db");
    std::fs::write(&path, "").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!((store.last_seq(), store.tracker().len()), (0, 0));
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!((id, version), (APPLICATION_ID, SCHEMA_VERSION));
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_alone() {
    let dir = Scratch::new("foreign");
    let plain = dir.path("plain.db");
    sql(&plain, "CREATE TABLE customers (name TEXT)");
    let err = open_err(&plain);
    assert!(matches!(err, StoreError::Foreign { found: 0, .. }), "{err}");
    let tables: i64 = Connection::open(&plain)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "the foreign file was changed");

    let other = dir.path("other.db");
    sql(&other, "PRAGMA application_id = 1234; CREATE TABLE t (x)");
    let err = open_err(&other);
    assert!(
        matches!(
            err,
            StoreError::Foreign {
                found: 1234,
                expected: APPLICATION_ID,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_schema_from_a_newer_version_is_refused() {
    let dir = Scratch::new("newer");
    let path = dir.path("s.db");
    filled_store(&path, 20, 0);
    sql(
        &path,
        &format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1),
    );
    let err = open_err(&path);
    assert!(
        matches!(
            err,
            StoreError::NewerSchema {
                found: 3,
                supported: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_gap_in_the_journal_is_refused() {
    let dir = Scratch::new("gap");
    let path = dir.path("s.db");
    filled_store(&path, 30, 10);
    sql(&path, "DELETE FROM journal WHERE seq = 17");
    let err = open_err(&path);
    assert!(
        matches!(
            err,
            StoreError::JournalGap {
                expected: 17,
                found: Some(18)
            }
        ),
        "{err}"
    );
    // The entry the snapshot ends at is gone: the journal does not continue it.
    sql(&path, "DELETE FROM journal WHERE seq = 10");
    let err = open_err(&path);
    assert!(
        matches!(
            err,
            StoreError::JournalGap {
                expected: 10,
                found: None
            }
        ),
        "{err}"
    );
}

#[test]
fn an_undecodable_or_diverging_journal_entry_is_refused_naming_the_field() {
    let dir = Scratch::new("entry");
    let path = dir.path("s.db");
    filled_store(&path, 40, 0);
    let cases = [
        (
            "UPDATE journal SET payload = '{\"now\": \"soon\"}' WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'place')",
            "now",
        ),
        (
            "UPDATE journal SET payload = 'not json' WHERE seq = 2",
            "payload",
        ),
        ("UPDATE journal SET kind = 'launch' WHERE seq = 3", "kind"),
        (
            "UPDATE journal SET payload = json_set(payload, '$.quantity', '1.50') WHERE seq = 1",
            "quantity",
        ),
        (
            "UPDATE journal SET payload = json_set(payload, '$.extra', 1) WHERE seq = 1",
            "payload",
        ),
        (
            "UPDATE journal SET payload = json_set(payload, '$.transaction_time', -1) WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'apply')",
            "transaction_time",
        ),
    ];
    for (statement, field) in cases {
        let copy = dir.path("copy.db");
        common::copy_db(&path, &copy);
        sql(&copy, statement);
        match open_err(&copy) {
            StoreError::JournalEntry { field: f, .. } if f == field => {}
            other => panic!("{statement}: {other}"),
        }
    }
    let copy = dir.path("copy.db");
    common::copy_db(&path, &copy);
    sql(
        &copy,
        "UPDATE journal SET outcome = 'refused:stale_key' WHERE seq = 1",
    );
    let err = open_err(&copy);
    assert!(matches!(err, StoreError::Diverged { seq: 1, .. }), "{err}");
}

#[test]
fn an_orders_row_breaking_a_rule_is_refused_naming_the_column() {
    let dir = Scratch::new("rows");
    let path = dir.path("s.db");
    filled_store(&path, 300, 299);
    let filled = "(SELECT client_id FROM orders WHERE fill_count > 0 LIMIT 1)";
    let cases = [
        format!("UPDATE orders SET quantity = 'lots' WHERE client_id = {filled}"),
        format!("UPDATE orders SET side = 'SIDEWAYS' WHERE client_id = {filled}"),
        "UPDATE orders SET sent_at = 5 WHERE state = 'Idle'".to_owned(),
        format!("UPDATE orders SET fill_count = fill_count + 1 WHERE client_id = {filled}"),
        format!("UPDATE orders SET updated_at = 0 WHERE client_id = {filled}"),
        "UPDATE orders SET closed_seq = NULL WHERE closed_at IS NOT NULL".to_owned(),
        format!("UPDATE orders SET parent = printf('%.*c', 1000, 'p') WHERE client_id = {filled}"),
        format!("DELETE FROM orders WHERE client_id = {filled}"),
    ];
    for statement in cases {
        let copy = dir.path("copy.db");
        common::copy_db(&path, &copy);
        let changed = Connection::open(&copy)
            .unwrap()
            .execute(&statement, [])
            .unwrap();
        assert!(changed > 0, "{statement} changed nothing");
        match open_err(&copy) {
            StoreError::OrderRow { .. }
            | StoreError::OrderParts { .. }
            | StoreError::Inconsistent { .. } => {}
            other => panic!("{statement}: {other}"),
        }
    }
}

#[test]
fn absurd_sizes_are_refused_before_they_are_read() {
    let dir = Scratch::new("sizes");
    let path = dir.path("s.db");
    filled_store(&path, 20, 0);
    for (size, statement) in [
        (
            "100 KB payload",
            "UPDATE journal SET payload = printf('%.*c', 100000, 'x') WHERE seq = 4",
        ),
        (
            "2 MB payload",
            "UPDATE journal SET payload = printf('%.*c', 2000000, 'x') WHERE seq = 4",
        ),
        (
            "blob payload",
            "UPDATE journal SET payload = zeroblob(50000) WHERE seq = 4",
        ),
    ] {
        let copy = dir.path("copy.db");
        common::copy_db(&path, &copy);
        sql(&copy, statement);
        match open_err(&copy) {
            StoreError::JournalEntry {
                seq: 4,
                field: "payload",
                ..
            }
            | StoreError::Corrupt { .. } => {}
            other => panic!("{size}: {other}"),
        }
    }
}

#[test]
fn a_version_1_file_is_migrated_to_version_2() {
    let dir = Scratch::new("migrate");
    let path = dir.path("s.db");
    let steps = generate(5, 400);
    filled_store(&path, 400, 350);
    // Version 1: the same tables without `orders.avg_price`.
    sql(
        &path,
        "ALTER TABLE orders DROP COLUMN avg_price; PRAGMA user_version = 1;",
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(
        fingerprint(store.tracker()),
        fingerprint(&reference(&steps, 400))
    );
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let rows: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT filled, notional, avg_price FROM orders")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let with_fills = rows.iter().filter(|r| r.0 != "0").count();
    assert!(
        with_fills >= 3,
        "{with_fills} of {} orders have fills",
        rows.len()
    );
    for (filled, notional, average) in rows {
        if filled == "0" {
            assert_eq!(average, None);
        } else {
            let average: f64 = average.unwrap().parse().unwrap();
            let expected = notional.parse::<f64>().unwrap() / filled.parse::<f64>().unwrap();
            assert!((average - expected).abs() < 1e-6, "{average} vs {expected}");
        }
    }
}
