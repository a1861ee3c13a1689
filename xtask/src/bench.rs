//! `cargo xtask bench`: run the criterion benchmarks and summarise their
//! estimates into a markdown table (stdout and `target/bench-summary.md`).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::Args;
use serde_json::Value;

use crate::{Error, Result, process, table};

/// Options of `cargo xtask bench`.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Only run benchmarks whose id matches this regex (passed to the bench binaries).
    #[arg(long, value_name = "REGEX")]
    filter: Option<String>,
    /// Do not run anything: only summarise the results already in target/criterion.
    #[arg(long)]
    no_run: bool,
}

/// One benchmark's estimates, as criterion saved them.
#[derive(Debug, PartialEq)]
struct BenchResult {
    /// Criterion's full id, e.g. `tracker/apply_fill/1000`.
    id: String,
    /// Median time per iteration, in nanoseconds.
    median_ns: f64,
    /// Mean time per iteration, in nanoseconds.
    mean_ns: f64,
    /// Standard deviation of the time per iteration, in nanoseconds.
    std_dev_ns: Option<f64>,
    /// Declared throughput per iteration: an amount and its unit.
    throughput: Option<(f64, &'static str)>,
}

/// Runs the task.
pub(crate) fn run(args: &BenchArgs) -> Result<()> {
    let root = crate::workspace_root();
    // The margin covers file systems with coarse modification times.
    let started = SystemTime::now()
        .checked_sub(std::time::Duration::from_secs(2))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    if !args.no_run {
        let mut cmd = process::cargo();
        cmd.current_dir(&root).args(["bench", "--workspace"]);
        if let Some(filter) = &args.filter {
            cmd.args(["--", filter.as_str()]);
        }
        process::run(&mut cmd)?;
    }

    let target_dir = target_dir(&root);
    let criterion_dir = std::env::var_os("CRITERION_HOME")
        .map_or_else(|| target_dir.join("criterion"), PathBuf::from);
    let mut estimates = Vec::new();
    find_estimates(&criterion_dir, &mut estimates);
    let mut results = Vec::new();
    for path in estimates {
        // After a run, stale results of benchmarks that did not run are left out.
        let fresh = args.no_run || modified(&path).is_some_and(|m| m >= started);
        if fresh {
            results.push(read_result(&path)?);
        }
    }
    if results.is_empty() {
        return Err(Error::Failed(format!(
            "no criterion results found under {}{}",
            criterion_dir.display(),
            if args.no_run {
                " (run `cargo xtask bench` first)"
            } else {
                " (did the filter match any benchmark?)"
            }
        )));
    }
    results.sort_by(|a, b| a.id.cmp(&b.id));

    let summary = format!(
        "# Benchmark summary\n\n{}",
        table::markdown(
            &[
                "benchmark",
                "median",
                "mean",
                "std dev",
                "throughput (at median)"
            ],
            &results.iter().map(row).collect::<Vec<_>>(),
        )
    );
    println!("{summary}");
    let out = target_dir.join("bench-summary.md");
    std::fs::create_dir_all(&target_dir)
        .and_then(|()| std::fs::write(&out, &summary))
        .map_err(|err| Error::io(format!("writing {}", out.display()), err))?;
    eprintln!("summary written to {}", out.display());
    Ok(())
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the root) or `<root>/target`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// Collects every `<...>/new/estimates.json` below `dir`; unreadable directories are skipped.
fn find_estimates(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // `report/` holds HTML only.
            if entry.file_name() != "report" {
                find_estimates(&path, found);
            }
        } else if entry.file_name() == "estimates.json"
            && dir.file_name().is_some_and(|name| name == "new")
        {
            found.push(path);
        }
    }
}

/// The modification time of `path`, if the file system reports one.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Reads `new/estimates.json` and its sibling `new/benchmark.json` (for the id and throughput).
fn read_result(estimates_path: &Path) -> Result<BenchResult> {
    let read_json = |path: &Path| -> Result<Value> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| Error::io(format!("reading {}", path.display()), err))?;
        serde_json::from_str(&text)
            .map_err(|err| Error::Failed(format!("{} is not valid JSON: {err}", path.display())))
    };
    let estimates = read_json(estimates_path)?;
    let new_dir = estimates_path.parent().unwrap_or(estimates_path);
    // Without benchmark.json the id is the directory path below target/criterion.
    let benchmark = read_json(&new_dir.join("benchmark.json")).unwrap_or(Value::Null);
    let id = benchmark
        .get("full_id")
        .and_then(Value::as_str)
        .map_or_else(|| fallback_id(new_dir), str::to_owned);
    let point = |name: &str| {
        estimates
            .get(name)
            .and_then(|estimate| estimate.get("point_estimate"))
            .and_then(Value::as_f64)
    };
    let (Some(median_ns), Some(mean_ns)) = (point("median"), point("mean")) else {
        return Err(Error::Failed(format!(
            "{} lacks median/mean point estimates",
            estimates_path.display()
        )));
    };
    Ok(BenchResult {
        id,
        median_ns,
        mean_ns,
        std_dev_ns: point("std_dev"),
        throughput: benchmark.get("throughput").and_then(throughput),
    })
}

/// The benchmark id from its directory: `target/criterion/<id...>/new` gives `<id...>`.
fn fallback_id(new_dir: &Path) -> String {
    let parts: Vec<String> = new_dir
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.file_name().is_some_and(|name| name != "criterion"))
        .filter_map(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}

/// Criterion's serialised `Throughput` (e.g. `{"Elements": 1000}`) as an amount and unit.
fn throughput(value: &Value) -> Option<(f64, &'static str)> {
    let object = value.as_object()?;
    let (kind, amount) = object.iter().next()?;
    let (amount, unit) = match kind.as_str() {
        "Elements" => (amount.as_f64()?, "elem"),
        "Bytes" | "BytesDecimal" => (amount.as_f64()?, "B"),
        "Bits" => (amount.as_f64()?, "bit"),
        "ElementsAndBytes" => (amount.get("elements")?.as_f64()?, "elem"),
        _ => return None,
    };
    Some((amount, unit))
}

/// One table row for `result`.
fn row(result: &BenchResult) -> Vec<String> {
    vec![
        result.id.clone(),
        format_ns(result.median_ns),
        format_ns(result.mean_ns),
        result.std_dev_ns.map_or_else(String::new, format_ns),
        result
            .throughput
            .filter(|_| result.median_ns > 0.0)
            .map_or_else(String::new, |(amount, unit)| {
                format_rate(amount * 1e9 / result.median_ns, unit)
            }),
    ]
}

/// Formats a duration in nanoseconds with a unit suited to its size.
fn format_ns(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.2} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.3} s", ns / 1e9)
    }
}

/// Formats a rate per second with a metric prefix, e.g. `12.50 Melem/s`.
fn format_rate(per_second: f64, unit: &str) -> String {
    let (value, prefix) = if per_second >= 1e9 {
        (per_second / 1e9, "G")
    } else if per_second >= 1e6 {
        (per_second / 1e6, "M")
    } else if per_second >= 1e3 {
        (per_second / 1e3, "K")
    } else {
        (per_second, "")
    };
    format!("{value:.2} {prefix}{unit}/s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_times_and_rates() {
        assert_eq!(format_ns(12.345), "12.35 ns");
        assert_eq!(format_ns(1_500.0), "1.50 µs");
        assert_eq!(format_ns(2_000_000.0), "2.00 ms");
        assert_eq!(format_rate(12_500_000.0, "elem"), "12.50 Melem/s");
    }

    #[test]
    fn reads_throughput_variants() {
        let elements: Value = serde_json::from_str(r#"{"Elements": 1000}"#).unwrap();
        assert_eq!(throughput(&elements), Some((1000.0, "elem")));
        assert_eq!(throughput(&Value::Null), None);
        let both: Value =
            serde_json::from_str(r#"{"ElementsAndBytes": {"elements": 5, "bytes": 80}}"#).unwrap();
        assert_eq!(throughput(&both), Some((5.0, "elem")));
    }

    #[test]
    fn falls_back_to_directory_id() {
        let dir = Path::new("/w/target/criterion/group/func/10/new");
        assert_eq!(fallback_id(dir), "group/func/10");
    }
}
