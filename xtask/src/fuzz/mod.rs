//! `cargo xtask fuzz`: run the cargo-fuzz targets in `fuzz/` for a bounded
//! time each (or replay their committed corpora), report libFuzzer's
//! statistics, and on a failure report the artifact, the command reproducing
//! it and a minimised input.
//!
//! The committed corpus `fuzz/corpus/<target>/` is only read: libFuzzer writes
//! new inputs into the *first* corpus directory it is given, so every run gets
//! a fresh working directory `fuzz/target/xtask-corpus/<target>/` in front of
//! the committed one.

mod cargo_fuzz;
mod libfuzzer;
mod sanitizer;

use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::{Duration, Instant, SystemTime};

use clap::Args;

use self::cargo_fuzz::CargoFuzz;
use self::libfuzzer::RunLog;
use self::sanitizer::SanitizerChoice;
use crate::{Error, Result, table};

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

/// How one target was exercised and what came of it.
#[derive(Debug)]
struct Report {
    /// The fuzz target.
    target: String,
    /// Statistics read from libFuzzer's output.
    log: RunLog,
    /// Wall time of the `cargo fuzz run` command.
    wall: Duration,
    /// `None` when the run succeeded.
    failure: Option<Failure>,
}

/// A failed run: the exit status and what was found about the failing input.
#[derive(Debug)]
struct Failure {
    /// Exit status of `cargo fuzz run`.
    status: ExitStatus,
    /// The input libFuzzer saved, if any.
    artifact: Option<PathBuf>,
    /// The committed seed with the same content as the artifact, if any.
    seed: Option<PathBuf>,
    /// The minimised input, or why there is none.
    minimized: std::result::Result<PathBuf, String>,
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

/// Runs one target over a fresh working corpus seeded by the committed one.
fn run_target(project: &CargoFuzz, target: &str, args: &FuzzArgs) -> Result<Report> {
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

/// The newest failure artifact of `target` written since `since`, when
/// libFuzzer's output did not name one.
fn newest_artifact(project: &CargoFuzz, target: &str, since: SystemTime) -> Option<PathBuf> {
    let dir = project.fuzz_dir().join("artifacts").join(target);
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|entry| {
            !entry
                .file_name()
                .to_string_lossy()
                .starts_with("slow-unit-")
        })
        .filter_map(|entry| {
            let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
            (modified >= since).then(|| (modified, entry.path()))
        })
        .max()
        .map(|(_, path)| path)
}

/// The file directly in `corpus` whose content equals `artifact`'s: the
/// committed seed that fails.
fn identical_seed(corpus: &Path, artifact: &Path) -> Option<PathBuf> {
    let wanted = std::fs::read(artifact).ok()?;
    std::fs::read_dir(corpus)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| std::fs::read(path).is_ok_and(|content| content == wanted))
}

/// Minimises `artifact` with `cargo fuzz tmin`, keeping only the final
/// `minimized-from-*` file. Timeouts and OOMs are not minimised: every
/// attempt could take the full limit.
fn minimize(
    project: &CargoFuzz,
    target: &str,
    artifact: &Path,
) -> std::result::Result<PathBuf, String> {
    let name = artifact
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with("timeout-") || name.starts_with("oom-") {
        return Err("not minimised automatically (timeout/OOM inputs are slow to minimise)".into());
    }
    eprintln!(
        "\n=== {target}: minimising {} (output hidden) ===",
        project.relative(artifact).display()
    );
    let started = SystemTime::now();
    let mut log = RunLog::default();
    let mut tail: Vec<String> = Vec::new();
    let status = project
        .tmin(
            target,
            artifact,
            &LIMITS[1..]
                .iter()
                .map(|&s| s.to_owned())
                .collect::<Vec<_>>(),
            |line| {
                log.observe(line);
                tail.push(line.to_owned());
                if tail.len() > 20 {
                    tail.remove(0);
                }
            },
        )
        .map_err(|err| err.to_string())?;
    let Some(minimized) = log.minimized else {
        for line in &tail {
            eprintln!("  {line}");
        }
        return Err(format!(
            "cargo fuzz tmin exited with {status} without a result"
        ));
    };
    remove_intermediate_minimized(&minimized, started);
    Ok(minimized)
}

/// Deletes the `minimized-from-*` files next to `keep` that tmin wrote since
/// `since`: each minimisation step leaves one behind. Best effort.
fn remove_intermediate_minimized(keep: &Path, since: SystemTime) {
    let Some(dir) = keep.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_step = entry
            .file_name()
            .to_string_lossy()
            .starts_with("minimized-from-");
        let recent = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|m| m >= since);
        if is_step && recent && path != keep {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The summary table over all runs.
fn summary(reports: &[Report], mode: &str) -> String {
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            vec![
                r.target.clone(),
                mode.to_owned(),
                show(r.log.execs),
                show(r.log.cov),
                show(r.log.ft),
                r.log.corpus.clone().unwrap_or_else(|| "-".to_owned()),
                seconds(r.wall),
                result_label(r),
            ]
        })
        .collect();
    table::markdown(
        &[
            "target", "mode", "execs", "cov", "ft", "corpus", "time", "result",
        ],
        &rows,
    )
}

/// `ok`, or the failure kind in capitals (`CRASH`, `TIMEOUT`, `OOM`, `LEAK`, `FAILED`).
fn result_label(report: &Report) -> String {
    match &report.failure {
        None => "ok".to_owned(),
        Some(_) => report
            .log
            .failure_kind()
            .map_or_else(|| "FAILED".to_owned(), |kind| kind.to_uppercase()),
    }
}

/// Prints what is needed to reproduce and fix a failed target.
fn print_failure(project: &CargoFuzz, report: &Report) {
    let Some(failure) = &report.failure else {
        return;
    };
    println!(
        "\nFAILED: fuzz target `{}` ({}; cargo fuzz exited with {})",
        report.target,
        result_label(report).to_lowercase(),
        failure.status
    );
    let Some(artifact) = &failure.artifact else {
        println!("  no failing input was saved; see the output above");
        return;
    };
    let cwd = project.cwd().display();
    if let Some(reason) = &report.log.reason {
        println!("  reason:    {reason}");
    }
    println!("  artifact:  {}", project.relative(artifact).display());
    if let Some(seed) = &failure.seed {
        println!(
            "  (same input as the committed seed {})",
            project.relative(seed).display()
        );
    }
    println!("  reproduce (from {cwd}):");
    println!(
        "    {}",
        project.reproduce_command(&report.target, artifact)
    );
    match &failure.minimized {
        Ok(minimized) if minimized == artifact => {
            println!("  minimised: the artifact is already minimal");
        }
        Ok(minimized) => {
            let size = std::fs::metadata(minimized).map_or(0, |m| m.len());
            println!(
                "  minimised: {} ({size} bytes)",
                project.relative(minimized).display()
            );
            println!("  reproduce minimised (from {cwd}):");
            println!(
                "    {}",
                project.reproduce_command(&report.target, minimized)
            );
        }
        Err(reason) => println!("  minimised: none ({reason})"),
    }
}

/// A count, or `-` when libFuzzer did not report it.
fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// A duration as seconds with one decimal, e.g. `61.3s`.
fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}
