//! The replay into a store (`replay_stored`, the tool's `--store` and
//! `--resume`): the store ends holding the tracker the replay built, and a
//! replay stopped part-way and resumed ends where an uninterrupted one does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use ordertrack::{OrderParts, OrderTracker};
use ordertrack_binance::{
    ReplayOptions, SAMPLE_SESSION, StoredReplayError, replay_into, replay_stored,
};
use ordertrack_store::Store;

/// A fresh file name under the temp dir, removed with its WAL files first.
fn scratch(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "ordertrack-replay-{}-{name}.db",
        std::process::id()
    ));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn parts(tracker: &OrderTracker) -> BTreeMap<String, OrderParts> {
    tracker
        .iter()
        .map(|(_, o)| (o.client_id().to_string(), o.to_parts()))
        .collect()
}

#[test]
fn the_store_holds_the_tracker_the_replay_built() {
    let path = scratch("whole");
    let (plain, tracker) = replay_into(SAMPLE_SESSION.as_bytes(), ReplayOptions::default());
    let mut store = Store::open(&path).unwrap();
    let stored = replay_stored(
        SAMPLE_SESSION.as_bytes(),
        ReplayOptions::default(),
        &mut store,
        false,
    )
    .unwrap();
    assert_eq!(stored, plain);
    let lines = u64::try_from(SAMPLE_SESSION.lines().count()).unwrap();
    assert_eq!(store.stream_position().unwrap(), lines);
    store.close().unwrap();
    let reopened = Store::open(&path).unwrap();
    assert_eq!(parts(reopened.tracker()), parts(&tracker));
    reopened.tracker().check_invariants().unwrap();
}

#[test]
fn a_replay_stopped_and_resumed_ends_where_an_uninterrupted_one_does() {
    let (_, whole) = replay_into(SAMPLE_SESSION.as_bytes(), ReplayOptions::default());
    let lines: Vec<&str> = SAMPLE_SESSION.lines().collect();
    // Stop after each of a few lines where nothing is held in the feed
    // (a held report is not in the store: see `replay_stored`).
    for stop in [1, 12, 30, lines.len() - 1] {
        let path = scratch(&format!("resume-{stop}"));
        let head = lines[..stop].join("\n");
        let mut store = Store::open(&path).unwrap();
        replay_stored(head.as_bytes(), ReplayOptions::default(), &mut store, false).unwrap();
        store.close().unwrap();
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.stream_position().unwrap(),
            u64::try_from(stop).unwrap()
        );
        let rest = replay_stored(
            SAMPLE_SESSION.as_bytes(),
            ReplayOptions::default(),
            &mut store,
            true,
        )
        .unwrap();
        assert_eq!(
            rest.stats.lines,
            u64::try_from(lines.len() - stop).unwrap(),
            "fed only the rest"
        );
        assert_eq!(
            parts(store.tracker()),
            parts(&whole),
            "stopped after line {stop}"
        );
        store.tracker().check_invariants().unwrap();
    }
}

#[test]
fn a_replay_that_does_not_resume_needs_an_empty_store() {
    let path = scratch("not-empty");
    let mut store = Store::open(&path).unwrap();
    replay_stored(
        SAMPLE_SESSION.as_bytes(),
        ReplayOptions::default(),
        &mut store,
        false,
    )
    .unwrap();
    let before = parts(store.tracker());
    let again = replay_stored(
        SAMPLE_SESSION.as_bytes(),
        ReplayOptions::default(),
        &mut store,
        false,
    );
    assert!(
        matches!(again, Err(StoredReplayError::NotEmpty { operations, .. }) if operations > 0),
        "{again:?}"
    );
    assert_eq!(parts(store.tracker()), before);
}
