//! `cargo xtask crash`: the long form of ordertrack-store's crash test
//! (`crates/store/tests/crash.rs`, `crash_long`): a child process killed with
//! SIGKILL at random points, many more times and over a longer stream than
//! the short form `cargo test` runs, built in release.

use clap::Args;

use crate::{Result, process};

/// Options of `cargo xtask crash`.
#[derive(Debug, Args)]
pub(crate) struct CrashArgs {
    /// How many times to kill the child.
    #[arg(long, default_value_t = 500)]
    kills: u32,
    /// Length of each generated stream, in operations.
    #[arg(long, default_value_t = 5_000)]
    steps: u32,
}

/// Runs the task.
pub(crate) fn run(args: &CrashArgs) -> Result<()> {
    let mut cmd = process::cargo();
    cmd.current_dir(crate::workspace_root())
        .env("CRASH_KILLS", args.kills.to_string())
        .env("CRASH_STEPS", args.steps.to_string())
        .args([
            "test",
            "--release",
            "-p",
            "ordertrack-store",
            "--test",
            "crash",
            "--",
            "--ignored",
            "--exact",
            "crash_long",
            "--nocapture",
        ]);
    process::run(&mut cmd)
}
