//! What the runs are reported as: the summary table, and for a failure what
//! reproduces it.

use std::time::Duration;

use super::cargo_fuzz::CargoFuzz;
use super::target::Report;
use crate::table;

/// The summary table over all runs.
pub(super) fn summary(reports: &[Report], mode: &str) -> String {
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
pub(super) fn result_label(report: &Report) -> String {
    match &report.failure {
        None => "ok".to_owned(),
        Some(_) => report
            .log
            .failure_kind()
            .map_or_else(|| "FAILED".to_owned(), |kind| kind.to_uppercase()),
    }
}

/// Prints what is needed to reproduce and fix a failed target.
pub(super) fn print_failure(project: &CargoFuzz, report: &Report) {
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
pub(super) fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// A duration as seconds with one decimal, e.g. `61.3s`.
pub(super) fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}
