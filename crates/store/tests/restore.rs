//! Restore gives back the tracker as it was: every state, the generated
//! stream under each commit policy and snapshot interval, the cleanup queue's
//! order, refusals; and a crash loses what the commit policy says.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::time::Duration;

use common::stream::{Step, generate, reference};
use common::{Scratch, fingerprint};
use ordertrack::testing::Fixture;
use ordertrack::*;
use ordertrack_store::{CommitPolicy, Options, Store, StoreError};

fn every_state() -> Vec<AnyOrder> {
    let mut n = 100;
    let mut next = || {
        n += 1;
        n
    };
    let mut orders = Vec::new();
    for _ in 0..3 {
        orders.extend([
            Fixture::new(next()).idle(),
            Fixture::new(next()).placing(),
            {
                let f = Fixture::new(next());
                f.active(f.ack_time())
            },
            Fixture::new(next()).cancelling(),
            Fixture::new(next()).cancelling_unacked(),
            Fixture::new(next()).filled(),
            Fixture::new(next()).cancelled(),
            Fixture::new(next()).expired(),
            Fixture::new(next()).failed(),
            Fixture::stop(next()).armed(),
            Fixture::stop(next()).triggering(),
            Fixture::stop(next()).cancelling_armed(),
            Fixture::stop(next()).triggered(),
            Fixture::close_position_stop(next()).idle(),
            Fixture::close_position_stop(next()).armed(),
        ]);
    }
    orders
}

#[test]
fn every_state_restores_from_the_journal_and_from_a_snapshot() {
    for snapshot in [false, true] {
        let dir = Scratch::new("states");
        let path = dir.path("s.db");
        let mut store = Store::open(&path).unwrap();
        for order in every_state() {
            store.register(order).unwrap();
        }
        if snapshot {
            store.snapshot().unwrap();
        }
        let before = fingerprint(store.tracker());
        assert_eq!(store.tracker().len(), every_state().len());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(fingerprint(store.tracker()), before, "snapshot: {snapshot}");
        assert_eq!(store.last_seq(), every_state().len() as u64);
    }
}

/// Runs `steps` through a store at `path` with `options`, dropping and
/// reopening it every `reopen_every` steps; returns the store.
fn run_reopening(
    path: &std::path::Path,
    options: Options,
    steps: &[Step],
    reopen_every: usize,
) -> Store {
    let mut store = Store::open_with(path, options).unwrap();
    for (i, step) in steps.iter().enumerate() {
        if i > 0 && i % reopen_every == 0 {
            drop(store);
            store = Store::open_with(path, options).unwrap();
            assert_eq!(store.last_seq(), i as u64);
            assert_eq!(
                fingerprint(store.tracker()),
                fingerprint(&reference(steps, i)),
                "at {i}"
            );
        }
        step.run_store(&mut store).unwrap();
    }
    store
}

#[test]
fn a_generated_stream_restores_under_every_policy_and_snapshot_interval() {
    let steps = generate(7, 1_500);
    let expected = fingerprint(&reference(&steps, steps.len()));
    let policies = [
        (CommitPolicy::EveryOperation, 0),
        (CommitPolicy::EveryN(10), 97),
        (CommitPolicy::Interval(Duration::from_millis(2)), 1),
        (CommitPolicy::Manual, 500),
    ];
    for (policy, snapshot_every) in policies {
        let dir = Scratch::new("policies");
        let path = dir.path("s.db");
        let options = Options::default()
            .with_commit(policy)
            .with_snapshot_every(snapshot_every);
        let store = run_reopening(&path, options, &steps, 250);
        assert_eq!(fingerprint(store.tracker()), expected, "{policy:?}");
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            fingerprint(store.tracker()),
            expected,
            "{policy:?} reopened"
        );
        assert_eq!(store.last_seq(), steps.len() as u64);
    }
}

#[test]
fn the_stream_exercises_every_kind_of_operation() {
    let steps = generate(7, 1_500);
    let mut tracker = OrderTracker::new();
    let mut seen = std::collections::BTreeMap::<String, (u32, u32)>::new();
    for step in &steps {
        let name = match step {
            Step::Apply(r) => format!("apply {:?}", r.execution),
            other => format!("{other:?}").split('(').next().unwrap().to_owned(),
        };
        let ok = step.run(&mut tracker);
        let e = seen.entry(name).or_default();
        if ok { e.0 += 1 } else { e.1 += 1 }
    }
    eprintln!("{seen:#?}");
    for kind in [
        "Register",
        "Place",
        "Cancel",
        "PlaceFailed",
        "PlaceInDoubt",
        "CancelRejected",
        "Cleanup",
        "apply Trade",
        "apply New",
        "apply Triggered",
        "apply Canceled",
        "apply Expired",
        "apply Rejected",
        "apply Triggering",
    ] {
        let (ok, _) = seen.get(kind).copied().unwrap_or_default();
        assert!(ok > 0, "{kind} never applied: {seen:?}");
    }
    let conditional_filled = tracker
        .iter()
        .any(|(_, o)| o.is_close_position() && o.filled_qty() > Qty::ZERO);
    assert!(
        conditional_filled || steps.len() < 1_000,
        "no close-position order filled"
    );
}

#[test]
fn cleanup_after_a_restore_removes_exactly_what_it_would_have() {
    // Orders close out of time order: the queue's stamps are running maxima,
    // so what a cleanup removes depends on the order they closed in.
    let dir = Scratch::new("cleanup");
    let path = dir.path("s.db");
    let closes = [500u64, 100, 900, 200, 300];
    let mut store = Store::open(&path).unwrap();
    let mut reference = OrderTracker::new();
    for (i, at) in closes.iter().enumerate() {
        let f = Fixture::new(i as u64 + 1);
        let order = f.placing();
        let cancel = ExecutionReport {
            client_id: Some(f.spec.client_id),
            ..ExecutionReport::new(
                f.spec.symbol,
                ExecutionType::Canceled,
                ReportStatus::Canceled,
                1_100 + at,
            )
        };
        reference.register(order.clone()).unwrap();
        reference.apply(&cancel).unwrap();
        store.register(order).unwrap();
        store.apply(&cancel).unwrap();
    }
    store.snapshot().unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    for now in [1_500u64, 1_700, 2_100, 2_600] {
        let age = Duration::from_millis(250);
        assert_eq!(
            store.cleanup_terminal(now, age).unwrap(),
            reference.cleanup_terminal(now, age),
            "at {now}"
        );
        assert_eq!(fingerprint(store.tracker()), fingerprint(&reference));
    }
}

#[test]
fn a_refused_operation_is_journaled_and_refused_again_on_replay() {
    let dir = Scratch::new("refused");
    let path = dir.path("s.db");
    let f = Fixture::new(1);
    let mut store = Store::open(&path).unwrap();
    store.register(f.idle()).unwrap();
    let err = store.cancel(&f.spec.client_id, 1_050).unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(TrackError::Request { .. })),
        "{err}"
    );
    assert_eq!(err.refusal().map(TrackError::kind), Some("request_refused"));
    let unknown = ClientOrderId::new("nobody").unwrap();
    assert!(matches!(
        store.place(&unknown, 1_060),
        Err(StoreError::Refused(TrackError::UnknownClientId { .. }))
    ));
    assert_eq!(store.last_seq(), 3);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let outcomes: Vec<String> = conn
        .prepare("SELECT outcome FROM journal ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        outcomes,
        ["ok", "refused:request_refused", "refused:unknown_client_id"]
    );
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.last_seq(), 3);
    assert_eq!(
        store
            .tracker()
            .lookup_client(&f.spec.client_id)
            .unwrap()
            .1
            .status(),
        OrderStatus::Idle
    );
}

#[test]
fn a_crash_loses_exactly_the_operations_since_the_last_commit() {
    let steps = generate(11, 40);
    for (policy, kept) in [
        (CommitPolicy::EveryOperation, 40),
        (CommitPolicy::EveryN(16), 36),
        (CommitPolicy::Manual, 20),
    ] {
        let dir = Scratch::new("lost");
        let path = dir.path("s.db");
        let mut store = Store::open_with(&path, Options::default().with_commit(policy)).unwrap();
        for (i, step) in steps.iter().enumerate() {
            if i == 20 {
                store.commit().unwrap();
            }
            step.run_store(&mut store).unwrap();
        }
        // The process dies: nothing runs the store's drop.
        std::mem::forget(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.last_seq(), kept, "{policy:?}");
        assert_eq!(
            fingerprint(store.tracker()),
            fingerprint(&reference(&steps, kept as usize))
        );
    }
}

#[test]
fn the_trades_table_holds_every_applied_trade_once() {
    let dir = Scratch::new("trades");
    let path = dir.path("s.db");
    let steps = generate(3, 800);
    let mut store = Store::open_with(
        &path,
        Options::default().with_commit(CommitPolicy::EveryN(100)),
    )
    .unwrap();
    let mut applied = 0;
    for step in &steps {
        let before: u32 = store.tracker().iter().map(|(_, o)| o.fills().count()).sum();
        step.run_store(&mut store).unwrap();
        let after: u32 = store.tracker().iter().map(|(_, o)| o.fills().count()).sum();
        if after > before {
            applied += 1;
            if let Step::Apply(r) = step {
                let fill = r.fill.unwrap();
                let (_, order) = store
                    .tracker()
                    .iter()
                    .find(|(_, o)| o.fills().last().map(|l| l.trade_id) == Some(fill.trade_id))
                    .unwrap();
                assert!(
                    store
                        .trade_applied(&order.client_id(), fill.trade_id)
                        .unwrap()
                );
            }
        }
    }
    store.commit().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (rows, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT client_id || '/' || trade_id) FROM trades",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(applied > 30, "{applied}");
    assert_eq!((rows, distinct), (applied, applied));
}

#[test]
fn the_stream_position_is_kept_with_the_operations() {
    let scratch = Scratch::new("position");
    let path = scratch.path("position.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.stream_position().unwrap(), 0);
    store.set_stream_position(41).unwrap();
    store.set_stream_position(42).unwrap();
    store.close().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.stream_position().unwrap(), 42);
}
