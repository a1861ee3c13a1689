//! `cargo xtask mutants`: mutation testing of the model (`ordertrack-model`)
//! and the tracker (`ordertrack`) with cargo-mutants, every mutant tested by
//! the whole workspace's tests (the property tests of `ordertrack-verify`
//! included), optionally one shard of them.
//!
//! The settings that make a plain `cargo mutants` do the same live in
//! `.cargo/mutants.toml`: the whole workspace's tests, the compile-fail test
//! skipped (it cannot fail on a mutant that builds), the test-support module
//! left unmutated, the documented equivalent mutants excluded. This task adds
//! the packages to mutate, the shard and an output directory per shard, then
//! reads the outcome and fails when a mutant was missed.
//!
//! The pieces: the shard chosen (`shard.rs`) and the outcome read and
//! summarised (`outcomes.rs`).

mod outcomes;
mod shard;

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use self::shard::Shard;
use crate::{Error, Result, process};

/// The packages whose code is mutated.
const MUTATED: [&str; 2] = ["ordertrack-model", "ordertrack"];

/// Options of `cargo xtask mutants`.
#[derive(Debug, Args)]
pub(crate) struct MutantsArgs {
    /// Run only shard K of N (K from 0): cargo-mutants' `--shard K/N`.
    #[arg(long, value_name = "K/N", conflicts_with = "rotate")]
    shard: Option<Shard>,
    /// Run the day's shard of N (UTC days since the epoch, mod N): what CI runs.
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    rotate: Option<u32>,
    /// Test with these packages' tests only, not the whole workspace's (repeatable).
    #[arg(long = "test-package", value_name = "PACKAGE")]
    test_packages: Vec<String>,
    /// Mutants tested at once (each builds in its own copy of the tree).
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    jobs: u32,
    /// Only list the mutants (of the shard), do not test them.
    #[arg(long)]
    list: bool,
    /// Where cargo-mutants writes `mutants.out/` (default: target/mutants/<all | shard-K-of-N>).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// More cargo-mutants options, after `--` (e.g. `-- --file crates/tracker/src/cleanup.rs`).
    #[arg(last = true, value_name = "CARGO_MUTANTS_ARGS")]
    extra: Vec<String>,
}

/// Runs the task.
pub(crate) fn run(args: &MutantsArgs) -> Result<()> {
    let root = crate::workspace_root();
    ensure_installed()?;
    let shard = match (args.shard, args.rotate) {
        (Some(shard), _) => Some(shard),
        (None, Some(count)) => {
            let (shard, day) = Shard::today(count);
            eprintln!("rotating shard: day {day} (UTC) of {count} shards gives shard {shard}");
            Some(shard)
        }
        (None, None) => None,
    };
    let name = shard.map_or_else(
        || "all".to_owned(),
        |s| format!("shard-{}-of-{}", s.index, s.count),
    );
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| root.join("target").join("mutants").join(&name));

    let mut cmd = process::cargo();
    cmd.current_dir(&root).arg("mutants");
    for package in MUTATED {
        cmd.args(["--package", package]);
    }
    if args.test_packages.is_empty() {
        cmd.arg("--test-workspace=true");
    } else {
        cmd.arg("--test-workspace=false");
        for package in &args.test_packages {
            cmd.args(["--test-package", package]);
        }
    }
    cmd.arg(format!("--jobs={}", args.jobs));
    if let Some(shard) = shard {
        cmd.arg(format!("--shard={shard}"));
    }
    if args.list {
        cmd.arg("--list");
        cmd.args(&args.extra);
        return process::run(&mut cmd);
    }
    std::fs::create_dir_all(&output)
        .map_err(|err| Error::io(format!("creating {}", output.display()), err))?;
    cmd.arg("--output").arg(&output);
    // The test binaries' arguments (`--skip illegal_transitions_do_not_compile`)
    // come from `.cargo/mutants.toml`, so a plain `cargo mutants` has them too.
    cmd.args(&args.extra);

    let started = Instant::now();
    let line = process::render(&cmd);
    eprintln!("$ {line}");
    let status = cmd.status().map_err(|err| Error::Command {
        command: line.clone(),
        problem: format!("could not be run: {err}"),
    })?;
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    // cargo-mutants: 0 all caught, 2 some missed, 3 some timed out; anything else
    // (a failing baseline, bad usage) leaves no verdict on the mutants.
    if !matches!(status.code(), Some(0 | 2 | 3)) {
        return Err(Error::Command {
            command: line,
            problem: format!("exited with {status}"),
        });
    }
    let out = output.join("mutants.out");
    let tally = outcomes::read(&out)?;
    let mut what = shard.map_or_else(|| "all".to_owned(), |s| format!("shard {s}"));
    if !args.extra.is_empty() {
        what.push_str(" (with extra options)");
    }
    println!("\n{}", outcomes::summary(&what, &tally, minutes));
    for name in &tally.timeout_names {
        println!("TIMEOUT {name}");
    }
    for name in &tally.missed_names {
        println!("MISSED  {name}");
    }
    eprintln!("details in {}", out.display());
    if tally.missed > 0 {
        return Err(Error::Failed(format!(
            "{} mutant(s) missed: add a test that catches each, or list a true equivalent in \
             docs/verification.md and .cargo/mutants.toml",
            tally.missed
        )));
    }
    Ok(())
}

/// Installs cargo-mutants with `cargo install cargo-mutants --locked` unless `cargo mutants` works.
fn ensure_installed() -> Result<()> {
    let found = process::cargo()
        .args(["mutants", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("cargo-mutants is not installed; installing it (a few minutes)");
        process::run(process::cargo().args(["install", "cargo-mutants", "--locked"]))?;
    }
    Ok(())
}
