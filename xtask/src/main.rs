//! Developer tasks for the ordertrack workspace, run as `cargo xtask <command>`.
//!
//! * `cargo xtask fuzz` builds the cargo-fuzz project in `fuzz/` (installing
//!   `cargo-fuzz` first if needed) and runs every fuzz target for a bounded
//!   time, or with `--replay` executes each committed seed in `fuzz/corpus/`
//!   exactly once. It prints libFuzzer's statistics per target and a summary
//!   table, and on a failure names the artifact, the command reproducing it and
//!   a minimised copy of the input, then exits non-zero.
//! * `cargo xtask bench` runs the criterion benchmarks of the workspace and
//!   summarises `target/criterion/**/new/estimates.json` into a markdown table,
//!   printed and written to `target/bench-summary.md`.
//! * `cargo xtask crash` runs the long form of ordertrack-store's crash test
//!   (a child killed with SIGKILL hundreds of times, in release; `cargo test`
//!   runs a short form).
//! * `cargo xtask mutants` runs cargo-mutants (installing it first if needed)
//!   on the model and the tracker with the whole workspace's tests, all of the
//!   mutants or one shard (`--shard K/N`, or `--rotate N` for the day's shard),
//!   prints the counts and every missed mutant, and exits non-zero when one
//!   was missed.
//!
//! Modules have one job each: [`process`] spawns and echoes commands,
//! [`table`] renders markdown tables, [`fuzz`](mod@fuzz), [`bench`](mod@bench),
//! [`crash`](mod@crash) and [`mutants`](mod@mutants) implement the four commands.

#![forbid(unsafe_code)]

mod bench;
mod crash;
mod fuzz;
mod mutants;
mod process;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Command line of `cargo xtask`.
#[derive(Debug, Parser)]
#[command(
    name = "xtask",
    bin_name = "cargo xtask",
    about = "Developer tasks for the ordertrack workspace"
)]
struct Cli {
    /// The task to run.
    #[command(subcommand)]
    command: Command,
}

/// The tasks `cargo xtask` knows.
#[derive(Debug, Subcommand)]
enum Command {
    /// Fuzz the library with cargo-fuzz (every target for a bounded time, or replay the corpora).
    Fuzz(fuzz::FuzzArgs),
    /// Run the criterion benchmarks and write a summary table to target/bench-summary.md.
    Bench(bench::BenchArgs),
    /// Run the long crash test of ordertrack-store (SIGKILL at random points, release build).
    Crash(crash::CrashArgs),
    /// Mutation-test the model and the tracker with cargo-mutants (all mutants or one shard).
    Mutants(mutants::MutantsArgs),
}

/// Everything that can make a task fail.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// A file system operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, naming the path involved.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A command could not be started or exited unsuccessfully.
    #[error("command `{command}` {problem}")]
    Command {
        /// The command line, as printed before running it.
        command: String,
        /// What went wrong, e.g. "exited with exit status: 1".
        problem: String,
    },
    /// The invocation or the project layout is not usable.
    #[error("{0}")]
    Usage(String),
    /// The task ran and found problems (crashing fuzz targets, missing results, missed mutants).
    #[error("{0}")]
    Failed(String),
}

impl Error {
    /// Builds an [`Error::Io`] from an I/O error and a description of what was attempted.
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }
}

/// Result type of every task.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// The workspace root: the parent of this crate's manifest directory.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Crash(args) => crash::run(&args),
        Command::Mutants(args) => mutants::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
