//! The fuzz targets' oracles under `cargo test`: `report_apply` on every
//! committed seed of its corpus (what `cargo xtask fuzz --replay` runs under
//! libFuzzer) and on pseudo-random bytes. The committed seeds must reach every
//! state (`Armed` included) and the conditional orders' outcomes (`Armed`,
//! `Triggering`, `Triggered`), so the replay exercises them.

use std::path::PathBuf;

use ordertrack::OrderStatus;
use ordertrack_verify::fuzzing::{self, MAX_STEPS};

/// The committed seeds of `target`, by name.
#[allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helper: an unreadable corpus fails the test"
)]
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    seeds.sort();
    seeds
}

/// `len` bytes of a xorshift stream from `seed`.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn report_apply_holds_on_every_committed_seed() {
    let seeds = seeds("report_apply");
    assert!(seeds.len() >= 10, "{} seeds", seeds.len());
    let mut ran = 0;
    let mut statuses = Vec::new();
    let mut outcomes = Vec::new();
    for (name, data) in &seeds {
        eprintln!("seed {name}");
        let run = fuzzing::report_apply_run(data);
        assert!(run.steps <= MAX_STEPS, "{name}: {} steps", run.steps);
        ran += usize::from(run.steps > 0);
        statuses.extend(run.statuses);
        outcomes.extend(run.outcomes);
    }
    for status in OrderStatus::ALL {
        assert!(statuses.contains(&status), "no seed reaches {status}");
    }
    for outcome in [
        "Armed",
        "Triggering",
        "Triggered",
        "Filled",
        "LateFill",
        "Failed",
    ] {
        assert!(
            outcomes.contains(&outcome),
            "no seed's report returns {outcome}"
        );
    }
    // Some seeds cover only the building of the order; most go on to steps.
    assert!(
        ran * 2 >= seeds.len(),
        "{ran} of {} seeds ran a step",
        seeds.len()
    );
}

#[test]
fn report_apply_holds_on_random_bytes() {
    let mut ran = 0;
    for seed in 0..400 {
        let steps = fuzzing::report_apply(&bytes(seed, 64 + 8 * usize::try_from(seed).unwrap()));
        assert!(steps <= MAX_STEPS, "seed {seed}: {steps} steps");
        ran += usize::from(steps > 0);
    }
    assert!(ran >= 200, "{ran} of 400 inputs ran a step");
    assert_eq!(fuzzing::report_apply(&[]), 0, "no bytes, no order");
}
