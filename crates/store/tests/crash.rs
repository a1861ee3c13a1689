//! The crash test. A child process (this test binary again, told so by an
//! environment variable) runs a long generated stream through a store with a
//! commit per operation, printing each sequence number once its operation
//! returned; the parent kills it with SIGKILL after a random delay, then
//! restarts it on the same file, and so on. After each kill the parent
//! restores a copy of the file and checks:
//!
//! - every operation the child reported done is there (commit per operation);
//! - the restored tracker is exactly the uninterrupted run's at that point,
//!   and running the rest of the stream gives exactly its final state
//!   (orders, fills, average prices, indexes, invariants);
//! - the file or its WAL truncated at a random byte offset opens to a typed
//!   error or to the uninterrupted run's state at some earlier point.
//!
//! `crash_short` runs by `cargo test` (50 kills); `crash_long` is behind
//! `cargo xtask crash` (500 kills by default, a longer stream, release).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::stream::{Rng, Step, generate, reference};
use common::{Scratch, copy_db, fingerprint};
use ordertrack_store::{CommitPolicy, Options, Store};

const CHILD: &str = "ORDERTRACK_STORE_CRASH_CHILD";

/// The child's options: a commit per operation, snapshots often enough that
/// kills land around them too.
fn child_options() -> Options {
    Options::default()
        .with_commit(CommitPolicy::EveryOperation)
        .with_snapshot_every(150)
}

/// The child: resumes the stream `seed`/`len` at the store's last entry,
/// printing `seq N` after each operation returned, `done` at the end.
fn child(spec: &str) {
    let [db, seed, len]: [&str; 3] = spec.split('|').collect::<Vec<_>>().try_into().unwrap();
    let steps = generate(seed.parse().unwrap(), len.parse().unwrap());
    let mut store = Store::open_with(db, child_options()).unwrap();
    let start = usize::try_from(store.last_seq()).unwrap();
    println!("seq {start}");
    for step in &steps[start..] {
        step.run_store(&mut store).unwrap();
        println!("seq {}", store.last_seq());
    }
    println!("done");
}

#[derive(Default, Debug)]
struct Tally {
    kills: usize,
    mid_stream: usize,
    positions: Vec<u64>,
    truncations: BTreeMap<String, usize>,
}

/// Restores a copy of `db` and checks it against the uninterrupted run;
/// returns the restored position.
fn check_restore(db: &Path, scratch: &Scratch, steps: &[Step], at_least: u64) -> u64 {
    let copy = scratch.path("restore.db");
    copy_db(db, &copy);
    let options = Options::default().with_commit(CommitPolicy::Manual);
    let mut store = Store::open_with(&copy, options).unwrap();
    let at = store.last_seq();
    assert!(
        at >= at_least,
        "the child reported entry {at_least} done, the file has {at}"
    );
    let n = usize::try_from(at).unwrap();
    assert_eq!(
        fingerprint(store.tracker()),
        fingerprint(&reference(steps, n)),
        "restored at {at}"
    );
    for step in &steps[n..] {
        step.run_store(&mut store).unwrap();
    }
    assert_eq!(
        fingerprint(store.tracker()),
        fingerprint(&reference(steps, steps.len())),
        "restored at {at}, then the rest"
    );
    drop(store);
    at
}

/// Truncates a copy of `db` (or of its WAL) at a random offset and opens it.
fn check_truncated(
    db: &Path,
    scratch: &Scratch,
    steps: &[Step],
    full: u64,
    rng: &mut Rng,
    tally: &mut Tally,
) {
    let copy = scratch.path("truncated.db");
    copy_db(db, &copy);
    let wal = std::path::PathBuf::from(format!("{}-wal", copy.display()));
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    if !copy.exists() {
        return;
    }
    let (target, which) = if wal_len > 0 && rng.chance(50) {
        (wal, "wal")
    } else {
        (copy.clone(), "db")
    };
    let len = std::fs::metadata(&target).unwrap().len();
    let offset = rng.below(len.max(1));
    std::fs::OpenOptions::new()
        .write(true)
        .open(&target)
        .unwrap()
        .set_len(offset)
        .unwrap();
    let outcome =
        match Store::open_with(&copy, Options::default().with_commit(CommitPolicy::Manual)) {
            Ok(store) => {
                let at = store.last_seq();
                assert!(
                    at <= full,
                    "{which} truncated at {offset}: entry {at}, beyond the {full} written"
                );
                let expected = fingerprint(&reference(steps, usize::try_from(at).unwrap()));
                assert_eq!(
                    fingerprint(store.tracker()),
                    expected,
                    "{which} truncated at {offset} of {len}: a state no run had"
                );
                if at == full { "ok, all" } else { "ok, earlier" }.to_owned()
            }
            Err(e) => format!("{e:?}")
                .split([' ', '('])
                .next()
                .unwrap_or("")
                .to_owned(),
        };
    *tally
        .truncations
        .entry(format!("{which}: {outcome}"))
        .or_default() += 1;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
}

/// Kills children `kills` times over streams of `len` steps.
fn crash(test: &str, kills: usize, len: usize, max_delay_ms: u64) {
    if let Ok(spec) = std::env::var(CHILD) {
        return child(&spec);
    }
    let started = Instant::now();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::new(0x5eed);
    let mut tally = Tally::default();
    let mut seed = 1_000;
    while tally.kills < kills {
        seed += 1;
        let steps = generate(seed, len);
        let scratch = Scratch::new("crash");
        let db = scratch.path("crash.db");
        loop {
            let mut child = Command::new(&exe)
                .args([
                    test,
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                    "--include-ignored",
                ])
                .env(CHILD, format!("{}|{seed}|{len}", db.display()))
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap();
            let out = child.stdout.take().unwrap();
            let (lines, progress) = std::sync::mpsc::channel();
            let reader = std::thread::spawn(move || {
                let mut text = String::new();
                for line in
                    std::io::BufRead::lines(std::io::BufReader::new(out)).map_while(Result::ok)
                {
                    if line.starts_with("seq ") {
                        let _ = lines.send(());
                    }
                    text.push_str(&line);
                    text.push('\n');
                }
                text
            });
            // Most kills land while the stream runs (after the child opened the
            // store and printed its first line); one in ten during the open.
            let wait_for_open = !rng.chance(10);
            let delay = Duration::from_millis(rng.below(max_delay_ms));
            let mut spawned = Instant::now();
            let mut opened = !wait_for_open;
            let mut exited = None;
            while !opened || spawned.elapsed() < delay {
                if let Some(status) = child.try_wait().unwrap() {
                    exited = Some(status);
                    break;
                }
                if !opened && progress.recv_timeout(Duration::from_millis(1)).is_ok() {
                    opened = true;
                    spawned = Instant::now();
                } else if opened {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            if exited.is_none() {
                child.kill().unwrap();
            }
            // Reaped either way (a second wait returns the status again).
            let status = child.wait().unwrap();
            let text = reader.join().unwrap();
            let reported = text
                .lines()
                .filter_map(|l| l.strip_prefix("seq ")?.parse::<u64>().ok())
                .max()
                .unwrap_or(0);
            if exited.is_some() {
                assert!(
                    status.success() && text.contains("done"),
                    "the child failed: {status}\n{text}"
                );
                break;
            }
            tally.kills += 1;
            let at = check_restore(&db, &scratch, &steps, reported);
            tally.positions.push(at);
            if at > 0 && at < len as u64 {
                tally.mid_stream += 1;
            }
            check_truncated(&db, &scratch, &steps, at, &mut rng, &mut tally);
            if tally.kills >= kills {
                break;
            }
        }
    }
    eprintln!(
        "{test}: {} kills ({} mid-stream) over streams of {len} steps in {:.1} s; positions {:?}; truncations {:#?}",
        tally.kills,
        tally.mid_stream,
        started.elapsed().as_secs_f64(),
        tally.positions,
        tally.truncations
    );
    assert!(
        tally.mid_stream * 2 >= tally.kills,
        "most kills should land mid-stream: {tally:?}"
    );
    assert!(
        tally.truncations.keys().any(|k| k.starts_with("wal")),
        "no WAL truncated: {tally:?}"
    );
}

#[test]
fn crash_short() {
    crash("crash_short", 50, 1_500, 250);
}

#[test]
#[ignore = "long: run by `cargo xtask crash`"]
fn crash_long() {
    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    crash(
        "crash_long",
        env("CRASH_KILLS", 500),
        env("CRASH_STEPS", 5_000),
        400,
    );
}
