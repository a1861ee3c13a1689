//! `cargo xtask fuzz`: run the cargo-fuzz targets in `fuzz/` for a bounded
//! time each (or replay their committed corpora), report libFuzzer's
//! statistics, and on a failure report the artifact, the command reproducing
//! it and a minimised input.
//!
//! The committed corpus `fuzz/corpus/<target>/` is only read: libFuzzer writes
//! new inputs into the *first* corpus directory it is given, so every run gets
//! a fresh working directory `fuzz/target/xtask-corpus/<target>/` in front of
//! the committed one.
//!
//! The pieces: the `cargo fuzz` commands (`cargo_fuzz.rs`), libFuzzer's output
//! read (`libfuzzer.rs`), the sanitizer chosen (`sanitizer.rs`), one target's
//! run (`target.rs`), its failing input found and minimised (`artifact.rs`),
//! and what is printed (`summary.rs`).

mod artifact;
mod cargo_fuzz;
mod libfuzzer;
mod sanitizer;
mod summary;
mod target;

use std::path::{Path, PathBuf};

use clap::Args;

use self::cargo_fuzz::CargoFuzz;
use self::sanitizer::SanitizerChoice;
use self::summary::{print_failure, result_label, seconds, show, summary};
use self::target::{Report, run_target};
use crate::{Error, Result};

/// libFuzzer options every run gets: final statistics, memory and per-input time limits.
const LIMITS: [&str; 3] = ["-print_final_stats=1", "-rss_limit_mb=2048", "-timeout=10"];

/// Options of `cargo xtask fuzz`.
#[derive(Debug, Args)]
pub(crate) struct FuzzArgs {
    /// Seconds to fuzz each target.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    time: u64,
    /// Fuzz only this target (repeatable); default: every target.
    #[arg(long = "target", value_name = "NAME")]
    targets: Vec<String>,
    /// Only replay the committed corpora (each input executed once; fast, for CI).
    #[arg(long, conflicts_with = "time")]
    replay: bool,
    /// List the fuzz targets and exit.
    #[arg(long, conflicts_with_all = ["time", "replay", "targets"])]
    list: bool,
    /// Sanitizer to build with: auto uses AddressSanitizer when this toolchain supports it.
    #[arg(long, value_enum, default_value_t = SanitizerChoice::Auto)]
    sanitizer: SanitizerChoice,
    /// The cargo-fuzz project (default: `<workspace>/fuzz`).
    #[arg(long, value_name = "DIR")]
    fuzz_dir: Option<PathBuf>,
}

/// Runs the task.
pub(crate) fn run(args: &FuzzArgs) -> Result<()> {
    let fuzz_dir = args
        .fuzz_dir
        .clone()
        .unwrap_or_else(|| crate::workspace_root().join("fuzz"));
    let project = CargoFuzz::new(&fuzz_dir, sanitizer::Sanitizer::None)?;
    cargo_fuzz::ensure_installed()?;
    let all = project.list()?;
    if args.list {
        for target in &all {
            println!("{target}");
        }
        return Ok(());
    }
    let selected = select_targets(&all, &args.targets, project.fuzz_dir())?;

    let project = CargoFuzz::new(&fuzz_dir, sanitizer::select(args.sanitizer)?)?;
    let only = match selected.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    project.build(only)?;

    let mode = if args.replay {
        format!("replay ({})", project.sanitizer().short())
    } else {
        format!("fuzz {}s ({})", args.time, project.sanitizer().short())
    };
    let mut reports = Vec::new();
    for target in &selected {
        eprintln!("\n=== {target}: {mode} ===");
        let report = run_target(&project, target, args)?;
        eprintln!(
            "=== {target}: {} execs, cov {}, ft {}, corpus {}, {}, {} ===",
            show(report.log.execs),
            show(report.log.cov),
            show(report.log.ft),
            report.log.corpus.as_deref().unwrap_or("-"),
            seconds(report.wall),
            result_label(&report),
        );
        reports.push(report);
    }

    println!("\n{}", summary(&reports, &mode));
    let failed: Vec<&Report> = reports.iter().filter(|r| r.failure.is_some()).collect();
    if !args.replay && failed.len() < reports.len() {
        let work = project.relative(&work_root(project.fuzz_dir()));
        let seeds = project.relative(&project.fuzz_dir().join("corpus"));
        println!(
            "New inputs are kept in {work}/<target>/. To add the ones that grow coverage to the \
             committed seeds, run from {}:\n    cargo fuzz run <target> {seeds}/<target> \
             {work}/<target> -- -merge=1\n(merged seeds get hash names, which fuzz/.gitignore hides \
             from plain fuzzing runs: add the ones you keep with `git add -f`)",
            project.cwd().display(),
            work = work.display(),
            seeds = seeds.display(),
        );
    }
    for report in &failed {
        print_failure(&project, report);
    }
    if failed.is_empty() {
        Ok(())
    } else {
        let names: Vec<&str> = failed.iter().map(|r| r.target.as_str()).collect();
        Err(Error::Failed(format!(
            "{} of {} fuzz targets failed: {}",
            failed.len(),
            reports.len(),
            names.join(", ")
        )))
    }
}

/// The targets to run: all of them, or the requested ones after checking they exist.
fn select_targets(all: &[String], requested: &[String], fuzz_dir: &Path) -> Result<Vec<String>> {
    if all.is_empty() {
        return Err(Error::Usage(format!(
            "{} declares no fuzz targets ([[bin]] sections)",
            fuzz_dir.join("Cargo.toml").display()
        )));
    }
    if requested.is_empty() {
        return Ok(all.to_vec());
    }
    for name in requested {
        if !all.contains(name) {
            return Err(Error::Usage(format!(
                "unknown fuzz target `{name}`; targets: {}",
                all.join(", ")
            )));
        }
    }
    Ok(requested.to_vec())
}

/// `<fuzz>/target/xtask-corpus`: parent of the per-target working corpora.
fn work_root(fuzz_dir: &Path) -> PathBuf {
    fuzz_dir.join("target").join("xtask-corpus")
}
