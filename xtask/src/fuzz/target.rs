//! One target run over a fresh working corpus, and what came of it.

use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::{Duration, Instant, SystemTime};

use super::artifact::{identical_seed, minimize, newest_artifact};
use super::cargo_fuzz::CargoFuzz;
use super::libfuzzer::RunLog;
use super::{FuzzArgs, LIMITS, work_root};
use crate::{Error, Result};

/// How one target was exercised and what came of it.
#[derive(Debug)]
pub(super) struct Report {
    /// The fuzz target.
    pub(super) target: String,
    /// Statistics read from libFuzzer's output.
    pub(super) log: RunLog,
    /// Wall time of the `cargo fuzz run` command.
    pub(super) wall: Duration,
    /// `None` when the run succeeded.
    pub(super) failure: Option<Failure>,
}

/// A failed run: the exit status and what was found about the failing input.
#[derive(Debug)]
pub(super) struct Failure {
    /// Exit status of `cargo fuzz run`.
    pub(super) status: ExitStatus,
    /// The input libFuzzer saved, if any.
    pub(super) artifact: Option<PathBuf>,
    /// The committed seed with the same content as the artifact, if any.
    pub(super) seed: Option<PathBuf>,
    /// The minimised input, or why there is none.
    pub(super) minimized: std::result::Result<PathBuf, String>,
}

/// Runs one target over a fresh working corpus seeded by the committed one.
pub(super) fn run_target(project: &CargoFuzz, target: &str, args: &FuzzArgs) -> Result<Report> {
    let work = work_root(project.fuzz_dir()).join(target);
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .map_err(|err| Error::io(format!("clearing {}", work.display()), err))?;
    }
    std::fs::create_dir_all(&work)
        .map_err(|err| Error::io(format!("creating {}", work.display()), err))?;
    let mut corpora = vec![project.relative(&work)];
    let committed = project.fuzz_dir().join("corpus").join(target);
    if committed.is_dir() {
        corpora.push(project.relative(&committed));
    } else {
        eprintln!(
            "note: no committed corpus at {}; starting from an empty corpus",
            project.relative(&committed).display()
        );
    }

    let mut libfuzzer_args: Vec<String> = LIMITS.iter().map(|&s| s.to_owned()).collect();
    libfuzzer_args.push(if args.replay {
        "-runs=0".to_owned()
    } else {
        format!("-max_total_time={}", args.time)
    });

    let started_at = SystemTime::now();
    let started = Instant::now();
    let mut log = RunLog::default();
    let status = project.run(target, &corpora, &libfuzzer_args, |line| log.observe(line))?;
    let wall = started.elapsed();

    let failure = if status.success() {
        None
    } else {
        let artifact = log
            .artifact
            .clone()
            .or_else(|| newest_artifact(project, target, started_at));
        let minimized = match &artifact {
            Some(artifact) => minimize(project, target, artifact),
            None => Err("no artifact was written".to_owned()),
        };
        let seed = artifact
            .as_deref()
            .and_then(|artifact| identical_seed(&committed, artifact));
        Some(Failure {
            status,
            artifact,
            seed,
            minimized,
        })
    };
    Ok(Report {
        target: target.to_owned(),
        log,
        wall,
        failure,
    })
}
